using SymbiosisOptimizer.Assessment.Runner;
using static SymbiosisOptimizer.Tests.Runner.RunnerFixtures;

namespace SymbiosisOptimizer.Tests.Runner;

public class BarrierTests
{
    [Fact]
    public void Should_cost_exactly_zero_when_a_barrier_binds_nothing()
    {
        // Tiny: sand with 20 mg/kg phenol against a 50 mg/kg limit, 40 km by a truck allowed 150 km.
        var result = BarrierAnalysis.Run(Tiny, Exact);
        var quality = Assert.Single(result.Barriers, b => b.Barrier.Kind == BarrierKind.QualityLimit);
        var distance = Assert.Single(result.Barriers, b => b.Barrier.Kind == BarrierKind.DistanceLimit);
        Assert.Equal(0.0, quality.ValueLost);
        Assert.True(quality.BindsNothing);
        Assert.Equal(0.0, distance.ValueLost);
        Assert.True(distance.BindsNothing);
    }

    [Fact]
    public void Should_price_a_binding_permit_and_rank_it_first()
    {
        var result = BarrierAnalysis.Run(Tiny, Exact);
        var permit = Assert.Single(result.Barriers, b => b.Barrier.Kind == BarrierKind.PermitRequirement);
        var lead = Assert.Single(result.Barriers, b => b.Barrier.Kind == BarrierKind.PermitLeadTime);
        Assert.True(permit.ValueLost > 0);
        Assert.True(lead.ValueLost > 0);

        // Dropping the permit also removes its lead time, so it is worth at least as much as the lead time alone.
        Assert.True(permit.ValueLost >= lead.ValueLost - Tolerance(lead.ValueLost));
        Assert.Equal(result.Barriers.Max(b => b.ValueLost), result.Barriers[0].ValueLost);
        Assert.True(result.Barriers.Zip(result.Barriers.Skip(1)).All(p => p.First.ValueLost >= p.Second.ValueLost));
    }

    [Fact]
    public void Should_remove_barriers_without_touching_the_base_region()
    {
        var before = Tiny;
        foreach (var b in BarrierAnalysis.Enumerate(Tiny))
        {
            var removed = b.Remove(Tiny);
            Assert.NotEqual(before, removed);
        }

        Assert.Single(Tiny.Permits);
        Assert.NotNull(Tiny.TransportModes[0].MaxDistance);
        Assert.NotEmpty(Tiny.Demands[0].Limits);
        Assert.Empty(Tiny.Policies.EndOfWaste);
    }

    [Fact]
    public void Should_give_a_shadow_price_of_zero_to_a_slack_quality_limit()
    {
        var result = BarrierAnalysis.Run(Tiny, Exact);
        Assert.Equal("optimal", result.ShadowPriceStatus);
        var row = Assert.Single(result.ShadowPrices, p => p.Kind == ShadowPriceKind.Quality);
        Assert.False(row.Binding);
        Assert.Equal(0.0, row.ValuePerUnit, 9);
    }
}
