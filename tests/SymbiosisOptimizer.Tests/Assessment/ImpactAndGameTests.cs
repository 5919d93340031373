using System.Collections.Immutable;
using SymbiosisOptimizer.Assessment.Coalitions;
using SymbiosisOptimizer.Assessment.Impacts;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Tests.Assessment;

public class ImpactAccountsTests
{
    [Theory]
    [InlineData("tiny", false)]
    [InlineData("transport-game", false)]
    [InlineData("varmland-dalarna", true)]
    public void Should_sum_to_the_optimiser_kpis(string name, bool bundled)
    {
        var region = TestPaths.Load(bundled ? TestPaths.Scenario(name) : TestPaths.Fixture(name));
        var result = ExchangeOptimizer.Optimize(region);
        var k = result.Kpis!;
        var report = ImpactAccounts.Build(region, result);
        Assert.Equal(k.Co2Avoided, report.Total.Co2Avoided, 6);
        Assert.Equal(k.LandfillAvoided, report.Total.LandfillAvoided, 6);
        Assert.Equal(k.VirginMaterialAvoided, report.Total.VirginMaterialAvoided, 6);
        Assert.Equal(k.TransportEmissions, report.Total.Co2AddedTransport, 6);
        Assert.Equal(report.Total.Co2Avoided, report.Municipalities.Sum(m => m.Co2Avoided), 6);
    }
}

public class RegionGameTests
{
    [Theory]
    [InlineData("tiny", false)]
    [InlineData("transport-game", false)]
    [InlineData("varmland-dalarna", true)]
    public void Should_give_the_grand_coalition_the_optimisers_objective_gain(string name, bool bundled)
    {
        var region = TestPaths.Load(bundled ? TestPaths.Scenario(name) : TestPaths.Fixture(name));
        var result = ExchangeOptimizer.Optimize(region);
        var game = RegionGame.Build(region, new SolveOptions());
        Assert.Equal(result.Kpis!.ObjectiveGain, game.GrandValue, 3);
    }

    [Fact]
    public void Should_value_a_lone_actor_at_zero_and_split_independent_parts()
    {
        var region = TestPaths.Load(TestPaths.Fixture("transport-game"));
        var game = RegionGame.Build(region, new SolveOptions());
        Assert.Equal(0, game.Value(["f1"]));
        Assert.Equal(0, game.Value(["f1", "f2"]));
        // f1 -> r1 alone: 2500 t x (200 + 120 - 2 x 20) SEK/t.
        Assert.Equal(2500 * 280.0, game.Value(["f1", "r1"]), 6);
    }
}

public class DualAllocationTests
{
    [Fact]
    public void Should_split_the_grand_value_exactly_and_lie_in_the_core()
    {
        var region = TestPaths.Load(TestPaths.Fixture("transport-game"));
        var dual = DualAllocation.Compute(region, new SolveOptions());
        Assert.Null(dual.NotApplicable);
        var game = RegionGame.Build(region, new SolveOptions());
        var players = region.Actors.Select(a => a.Id).ToList();
        Assert.Equal(game.GrandValue, dual.ByActor.Values.Sum(), 4);
        for (var mask = 1; mask < 1 << players.Count; mask++)
        {
            var members = players.Where((_, i) => (mask & (1 << i)) != 0).ToImmutableArray();
            Assert.True(members.Sum(m => dual.ByActor[m]) >= game.Value(members) - 1e-4, $"{string.Join("+", members)} blocks the dual allocation");
        }
    }

    [Fact]
    public void Should_refuse_models_with_yes_no_decisions()
    {
        var region = TestPaths.Load(TestPaths.Fixture("tiny"));
        Assert.NotNull(DualAllocation.Compute(region, new SolveOptions()).NotApplicable);
    }
}
