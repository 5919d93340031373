using SymbiosisOptimizer.Optimization.Network;

namespace SymbiosisOptimizer.Tests.Optimization;

/// <summary>
/// The candidate network counts every pruned pair under its reason and keeps the first pair met (sources in order,
/// each with its sinks in order) as the example, whatever else it prunes afterwards.
/// </summary>
public sealed class CandidatePruningTests
{
    [Fact]
    public void Pairs_beyond_the_maximum_distance_are_counted_with_the_first_as_the_example()
    {
        // Stated distances (circuity 1): m -> near 10 km, m -> far1 80 km, m -> far2 95 km; the truck goes 50 km at
        // most. Two sources (s1, s2 at m), three sinks in the order near, far1, far2: pairs in the order
        // s1-near, s1-far1, s1-far2, s2-near, s2-far1, s2-far2. Four are too far; the first is s1 -> far1 at 80 km.
        var b = new RegionBuilder()
            .Resource("ash")
            .Actor("m", 60, 14).Actor("near", 60, 14.1).Actor("far1", 60, 15).Actor("far2", 60, 15.5)
            .Distance("m", "near", 10).Distance("m", "far1", 80).Distance("m", "far2", 95)
            .Supply("s1", "m", "ash", 100, Domain.Model.RouteKind.Landfill, 500)
            .Supply("s2", "m", "ash", 100, Domain.Model.RouteKind.Landfill, 500)
            .Demand("dnear", "near", "ash", 100, 300)
            .Demand("dfar1", "far1", "ash", 100, 300)
            .Demand("dfar2", "far2", "ash", 100, 300)
            .Truck("truck", 1, maxDistance: 50);

        var network = CandidateNetworkBuilder.Build(b.Build());

        Assert.Equal(6, network.Considered);
        Assert.Equal(2, network.Arcs.Length);
        var reason = Assert.Single(network.Pruned);
        Assert.Equal("farther than the maximum distance of every mode that carries it", reason.Reason);
        Assert.Equal(4, reason.Count);
        Assert.Equal("s1 -> dfar1 (80 km)", reason.Example);
    }
}
