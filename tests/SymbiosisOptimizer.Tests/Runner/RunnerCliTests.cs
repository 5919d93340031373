using System.Text.Json;
using static SymbiosisOptimizer.Tests.Runner.RunnerFixtures;
using static SymbiosisOptimizer.Tests.CliHarness;

namespace SymbiosisOptimizer.Tests.Runner;

/// <summary>compare, barriers, sweep and montecarlo each run on the bundled scenario and explain themselves.</summary>
public sealed class RunnerCliTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "symbiosis-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private JsonElement Json(string file) => JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, file))).RootElement;

    [Fact]
    public void Should_compare_scenarios_with_base()
    {
        var (code, output, err) = Run("compare", VarmlandPath, "--scenarios", "high-landfill-tax,procurement-biogas", "--out", dir);
        Assert.True(code == 0, err);
        Assert.Contains("Who gains, who pays", output, StringComparison.Ordinal);
        Assert.Contains("3/3", err, StringComparison.Ordinal);
        var scenarios = Json("comparison.json").GetProperty("scenarios");
        Assert.Equal(["base", "high-landfill-tax", "procurement-biogas"], scenarios.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        var biogas = scenarios[2].GetProperty("effect");
        Assert.True(biogas.GetProperty("co2Avoided").GetProperty("value").GetDouble() > 0);

        // A higher landfill tax that changes no exchange only moves money: firms pay the state the extra tax on the
        // tonnes still landfilled, and society's account does not move.
        var tax = scenarios[1].GetProperty("effect");
        double V(JsonElement e, params string[] path) => path.Aggregate(e, (x, p) => x.GetProperty(p)).GetProperty("value").GetDouble();
        Assert.Empty(scenarios[1].GetProperty("exchangesAdded").EnumerateArray());
        Assert.Empty(scenarios[1].GetProperty("exchangesDropped").EnumerateArray());
        Assert.Equal(-V(tax, "firms"), V(tax, "publicBudget", "state"), 3);
        Assert.Equal(0, V(tax, "society"), 3);
        Assert.True(V(tax, "publicBudget", "landfillTax") > 0);
        Assert.Equal(JsonValueKind.Null, tax.GetProperty("societyCostPerTonneCo2").GetProperty("value").ValueKind);
        Assert.Contains("no more CO2e", tax.GetProperty("societyCostPerTonneCo2").GetProperty("explanation").GetString(), StringComparison.Ordinal);
        var ranking = Json("comparison.json").GetProperty("ranking").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
        Assert.Equal(["procurement-biogas", "high-landfill-tax"], ranking);
    }

    [Fact]
    public void Should_rank_barriers()
    {
        var (code, output, err) = Run("barriers", VarmlandPath, "--out", dir);
        Assert.True(code == 0, err);
        Assert.Contains("Shadow prices", output, StringComparison.Ordinal);
        var barriers = Json("barriers.json").GetProperty("barriers").EnumerateArray().ToList();
        var values = barriers.Select(b => b.GetProperty("valueLost").GetProperty("value").GetDouble()).ToList();
        Assert.Equal(values.OrderByDescending(v => v), values);
        Assert.True(values[0] > 0);
        Assert.Contains(barriers, b => b.GetProperty("bindsNothing").GetBoolean() && b.GetProperty("valueLost").GetProperty("value").GetDouble() == 0);
    }

    [Fact]
    public void Should_sweep_a_parameter()
    {
        var (code, output, err) = Run("sweep", VarmlandPath, "--set", "policies.investmentSubsidy=0..60:30 %", "--out", dir);
        Assert.True(code == 0, err);
        Assert.Contains("switch on or off", output, StringComparison.Ordinal);
        var sweep = Json("sweep.json");
        Assert.Equal(3, sweep.GetProperty("points").GetArrayLength());
        Assert.True(sweep.GetProperty("switches").GetArrayLength() > 0);
    }

    [Fact]
    public void Should_refuse_a_bad_set_text_with_exit_code_2()
    {
        var (code, output, err) = Run("sweep", VarmlandPath, "--set", "policies.landfillTax=0..abc:100", "--out", dir);
        Assert.Equal(2, code);
        Assert.StartsWith("error: --set:", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.Empty(output);
    }

    [Fact]
    public void Should_run_monte_carlo()
    {
        var (code, output, err) = Run("montecarlo", VarmlandPath, "--samples", "4", "--seed", "5", "--out", dir);
        Assert.True(code == 0, err);
        Assert.Contains("P50", output, StringComparison.Ordinal);
        var mc = Json("montecarlo.json");
        Assert.Equal(4, mc.GetProperty("solved").GetInt32());
        Assert.True(mc.GetProperty("networkReused").GetBoolean());
        Assert.All(mc.GetProperty("exchanges").EnumerateArray(), e => Assert.InRange(e.GetProperty("probability").GetDouble(), 0, 1));
    }
}
