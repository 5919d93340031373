using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Domain.Parameters;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;
using static SymbiosisOptimizer.Tests.Runner.RunnerFixtures;

namespace SymbiosisOptimizer.Tests.Runner;

public class MonteCarloTests
{
    [Fact]
    public void Should_equal_the_deterministic_run_when_nothing_varies()
    {
        var p = Varmland.Policies;
        var region = Varmland with
        {
            Uncertainty =
            [
                new UncertainInput("policies.landfillTax", DistributionKind.Triangular, null, null, p.LandfillTax.Value, p.LandfillTax.Value, p.LandfillTax.Value),
                new UncertainInput("policies.co2Price", DistributionKind.Uniform, null, null, null, p.Co2Price.Value, p.Co2Price.Value),
                new UncertainInput("demands.aggregate-karlstad.source.price", DistributionKind.Normal, 130, 0, null, null, null),
            ],
        };
        var expected = Solving.Optimize(Varmland, new()).Kpis!;
        var mc = MonteCarlo.Run(region, 3, 42, new());
        Assert.Equal(3, mc.Solved);
        foreach (var (percentiles, value) in new[]
                 {
                     (mc.Kpis.NetBenefit, expected.NetBenefit), (mc.Kpis.ObjectiveGain, expected.ObjectiveGain),
                     (mc.Kpis.Co2Avoided, expected.Co2Avoided), (mc.Kpis.LandfillAvoided, expected.LandfillAvoided),
                 })
        {
            Assert.Equal(value, percentiles.P10, 6);
            Assert.Equal(value, percentiles.P50, 6);
            Assert.Equal(value, percentiles.P90, 6);
        }

        var chosen = Solving.Optimize(Varmland, new()).Exchanges.Select(Comparison.ExchangeKey).ToHashSet();
        Assert.All(mc.Exchanges, e => Assert.Equal(chosen.Contains(e.Key) ? 1.0 : 0.0, e.Probability));
        Assert.Equal(chosen.Count, mc.Exchanges.Length);
    }

    [Fact]
    public void Should_write_the_same_file_for_the_same_seed()
    {
        string Run(int seed)
        {
            var mc = MonteCarlo.Run(Varmland, 4, seed, new());
            var json = RunnerJson.Serialize(MonteCarloDocument.Build(Varmland, "scenario.yaml", "base", mc, RunMetadata.Now([StageTiming.Of("samples", mc.Seconds)])));
            return json[..json.IndexOf("\"metadata\"", StringComparison.Ordinal)];
        }

        var first = Run(11);
        Assert.Equal(first, Run(11));
        Assert.NotEqual(first, Run(12));
    }

    [Theory]
    [InlineData(DistributionKind.Normal)]
    [InlineData(DistributionKind.Lognormal)]
    public void Should_keep_truncated_draws_within_their_bounds(DistributionKind kind)
    {
        var input = new UncertainInput("x", kind, 100, 80, null, 90, 130);
        var rng = new Random(3);
        var draws = Enumerable.Range(0, 2000).Select(_ => UncertaintySampler.Sample(input, rng.NextDouble())).ToList();
        Assert.All(draws, d => Assert.InRange(d, 90, 130));
        Assert.True(draws.Distinct().Count() > 1000);
    }

    [Fact]
    public void Should_match_a_triangular_distributions_median()
    {
        // Triangular(0, 10, mode 10): F(x) = x^2 / 100, so the median is sqrt(50).
        var input = new UncertainInput("x", DistributionKind.Triangular, null, null, 10, 0, 10);
        Assert.Equal(Math.Sqrt(50), UncertaintySampler.Sample(input, 0.5), 9);
        Assert.Equal(0.0, UncertaintySampler.Sample(input, 0), 9);
        Assert.Equal(10.0, UncertaintySampler.Sample(input, 1), 9);
    }
}
