using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Domain.Parameters;
using SymbiosisOptimizer.Scenarios;
using static SymbiosisOptimizer.Tests.Runner.RunnerFixtures;

namespace SymbiosisOptimizer.Tests.Runner;

/// <summary>The uncertainty: block, --set texts and parameter paths: located, plain errors and base-unit values.</summary>
public sealed class RunnerInputTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "symbiosis-runner-" + Guid.NewGuid().ToString("N"));

    public RunnerInputTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private LoadResult LoadTinyWith(string uncertainty)
    {
        var text = File.ReadAllText(Path.Combine(TinyPath, "scenario.yaml")) + "\nuncertainty:\n" + uncertainty;
        var file = Path.Combine(dir, "scenario.yaml");
        File.WriteAllText(file, text);
        return ScenarioLoader.Load(file);
    }

    private static int LineOf(string file, string needle) =>
        File.ReadAllLines(file).Select((l, i) => (l, i)).First(x => x.l.Contains(needle, StringComparison.Ordinal)).i + 1;

    [Fact]
    public void Should_read_uncertain_inputs_in_base_units()
    {
        var load = LoadTinyWith("""
              - {path: policies.landfillTax, distribution: triangular, min: 0.6 kSEK/t, mode: 744 SEK/t, max: 1000 SEK/t}
              - {path: demands.road-aggregate.source.price, distribution: normal, mean: 10 EUR/t, sd: 1 EUR/t, min: 80 SEK/t}
              - {path: permits.reuse-permit.leadTime, distribution: uniform, min: 6 month, max: 2 yr}
              - {path: supplies.sand.quantity, distribution: lognormal, mean: 5 kt/yr, sd: 500 t/yr}
            """);
        Assert.True(load.Succeeded, string.Join("\n", load.Diagnostics));
        var u = load.Region!.Uncertainty;
        Assert.Equal(4, u.Length);
        Assert.Equal((600.0, 744.0, 1000.0), (u[0].Lower!.Value, u[0].Mode!.Value, u[0].Upper!.Value));
        Assert.Equal((115.0, 11.5, 80.0), (u[1].Mean!.Value, u[1].StandardDeviation!.Value, u[1].Lower!.Value));
        Assert.Equal(0.5, u[2].Lower!.Value, 9);
        Assert.Equal(DistributionKind.Lognormal, u[3].Distribution);
    }

    [Fact]
    public void Should_report_an_unknown_path_and_a_wrong_unit_at_their_lines()
    {
        var load = LoadTinyWith("""
              - {path: policies.landfilTax, distribution: uniform, min: 600 SEK/t, max: 900 SEK/t}
              - {path: policies.co2Price, distribution: uniform, min: 600 SEK/t, max: 900 SEK/t CO2e}
              - {path: policies.landfillTax, distribution: triangular, min: 900 SEK/t, mode: 700 SEK/t, max: 1000 SEK/t}
              - {path: supplies.nope.quantity, distribution: normal, mean: 1 kt/yr, sd: 0.1 kt/yr}
            """);
        Assert.False(load.Succeeded);
        var file = Path.Combine(dir, "scenario.yaml");
        var errors = load.Errors.ToList();
        Assert.Contains(errors, e => e.Location.Line == LineOf(file, "path: policies.landfilTax") && e.Message.Contains("policies.landfillTax", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Location.Line == LineOf(file, "path: policies.co2Price") && e.Field.EndsWith(".min", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Location.Line == LineOf(file, "mode: 700") && e.Message.Contains("mode", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Location.Line == LineOf(file, "supplies.nope") && e.Message.Contains("ids are: sand", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_parse_sweep_ranges_with_and_without_units()
    {
        Assert.True(SweepAxis.TryParse(Tiny, "policies.landfillTax=0..1.5:0.5 kSEK/t", out var tax, out var e1), e1);
        Assert.Equal([0.0, 500.0, 1000.0, 1500.0], tax.Values.Select(v => Math.Round(v, 6)));
        Assert.True(SweepAxis.TryParse(Tiny, "policies.investmentSubsidy=0..50:25 %", out var subsidy, out var e2), e2);
        Assert.Equal([0.0, 0.25, 0.5], subsidy.Values.Select(v => Math.Round(v, 9)));
        Assert.True(SweepAxis.TryParse(Tiny, "permits.reuse-permit.leadTime=0..2:1", out var lead, out var e3), e3);
        Assert.Equal(3, lead.Values.Length);
        Assert.True(SweepAxis.TryParse(Tiny, "demands.road-aggregate.source.price=5..10:5 EUR/t", out var price, out var e4), e4);
        Assert.Equal([57.5, 115.0], price.Values.Select(v => Math.Round(v, 6)));
    }

    [Theory]
    [InlineData("policies.landfillTax", "is not a sweep")]
    [InlineData("policies.landfillTax=0..1500", "is not a range")]
    [InlineData("policies.landfillTax=0..1500:0", "more than zero")]
    [InlineData("policies.landfillTax=0..1500:100 kg", "money")]
    [InlineData("policies.landfillTax=1500..0:100", "at most")]
    [InlineData("policies.taxes=0..1:1", "policies.landfillTax")]
    [InlineData("policies.investmentSubsidy=0..50:10", "100 %")]
    [InlineData("policies.landfillTax=-100..100:100", "below 0")]
    [InlineData("supplies.sand.colour=0..1:1", "quantity")]
    public void Should_explain_a_bad_sweep_text(string text, string expected)
    {
        Assert.False(SweepAxis.TryParse(Tiny, text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_apply_a_transport_restriction_as_an_override()
    {
        // The tiny exchange runs 40 km; a 30 km limit on the only truck removes it.
        var text = File.ReadAllText(Path.Combine(TinyPath, "scenario.yaml"))
            .Replace("scenarios:", "  short-haul:\n    transport.truck.maxDistance: 30 km\nscenarios:\n  short: [short-haul]", StringComparison.Ordinal);
        var file = Path.Combine(dir, "scenario.yaml");
        File.WriteAllText(file, text);
        var load = ScenarioLoader.Load(file, new LoadOptions("short"));
        Assert.True(load.Succeeded, string.Join("\n", load.Diagnostics));
        Assert.Equal(30, load.Region!.TransportModes[0].MaxDistance!.Value.Value);
        Assert.Empty(Solving.Optimize(load.Region, Exact).Exchanges);
    }

    [Fact]
    public void Should_know_which_parameters_change_the_candidate_network()
    {
        static bool Affects(string path) => RegionParameter.TryResolve(Tiny, path, out var p, out _) && p.AffectsNetwork;
        Assert.False(Affects("policies.landfillTax"));
        Assert.False(Affects("demands.road-aggregate.source.price"));
        Assert.False(Affects("permits.reuse-permit.leadTime"));
        Assert.True(Affects("supplies.sand.quantity"));
        Assert.True(Affects("transport.truck.maxDistance"));
        Assert.True(Affects("policies.investmentSubsidy"));
    }
}
