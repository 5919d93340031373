using System.Collections.Immutable;
using FsCheck.Xunit;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Domain.Quantities;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Scenarios;
using SymbiosisOptimizer.Scenarios.Generation;

namespace SymbiosisOptimizer.Tests.Optimization;

/// <summary>
/// The candidate network found through the nearby index is the network of the plain loop over every pair: the same
/// arcs in the same order, the same pruned counts and examples, the same pairs considered and the same flags per source
/// and sink. The expected network is not written down: it is the brute-force loop's (<see cref="CandidateSearch.AllPairs"/>),
/// built on the same region.
/// </summary>
public sealed class NearbyCandidatesTests
{
    private static void SameNetwork(Region region)
    {
        var all = CandidateNetworkBuilder.Build(region, CandidateSearch.AllPairs);
        var near = CandidateNetworkBuilder.Build(region, CandidateSearch.Nearby);
        Assert.Equal(all.Arcs.ToArray(), near.Arcs.ToArray());
        Assert.Equal(all.Pruned.ToArray(), near.Pruned.ToArray());
        Assert.Equal(all.Considered, near.Considered);
        Assert.Equal(all.SourceBlocks.ToArray(), near.SourceBlocks.ToArray());
        Assert.Equal(all.SinkBlocks.ToArray(), near.SinkBlocks.ToArray());
        Assert.Equal(all.SourceHasCounterpart.ToArray(), near.SourceHasCounterpart.ToArray());
        Assert.Equal(all.SinkHasCounterpart.ToArray(), near.SinkHasCounterpart.ToArray());
    }

    /// <summary>
    /// Random regions spread over Sweden's extent, with clusters of actors on one spot, two or three resources with a
    /// quality property, sources that state it or not, receivers that limit it or accept a substitute, trucks with and
    /// without a maximum distance (some at a few km, so most pairs are far), stated distances and links for some pairs.
    /// </summary>
    [Property(MaxTest = 60)]
    public void Nearby_search_gives_the_all_pairs_network(int seed)
    {
        SameNetwork(RandomRegion(seed));
    }

    [Fact]
    public void Nearby_search_gives_the_all_pairs_network_on_a_generated_region_with_processes()
    {
        // The generator's regions have processes (their inputs are receivers, their outputs sources), towns and
        // rail-linked clusters: the shape the nearby search is for.
        var dir = Path.Combine(Path.GetTempPath(), "symbiosis-nearby-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var file = Path.Combine(dir, "scenario.yaml");
            File.WriteAllText(file, InstanceGenerator.Generate(new GeneratorOptions(300, 8, 3)));
            var load = ScenarioLoader.Load(file);
            Assert.True(load.Succeeded, string.Join("\n", load.Diagnostics));
            var network = CandidateNetworkBuilder.Build(load.Region!);
            // Not a vacuous case: the region has far pairs (the ones the index skips), near ones and processes.
            Assert.Contains(network.Pruned, p => p.Reason.StartsWith("farther", StringComparison.Ordinal) && p.Count > 1000);
            Assert.NotEmpty(network.Arcs);
            Assert.NotEmpty(load.Region!.Processes);
            SameNetwork(load.Region!);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static Region RandomRegion(int seed)
    {
        var rnd = new Random(seed);
        double Between(double lo, double hi) => lo + (rnd.NextDouble() * (hi - lo));
        var b = new RegionBuilder { Circuity = rnd.Next(3) == 0 ? 1.0 : Math.Round(Between(1.0, 1.6), 2) };
        var resources = rnd.Next(2, 4);
        for (var k = 0; k < resources; k++)
        {
            b.Resource($"r{k}", "q");
        }

        var actors = rnd.Next(5, 60);
        var spots = new List<(double Lat, double Lon)>();
        for (var a = 0; a < actors; a++)
        {
            // A third of the actors share a spot with an earlier one (zero distance, same cell).
            (double Lat, double Lon) at = spots.Count > 0 && rnd.Next(3) == 0 ? spots[rnd.Next(spots.Count)] : (Between(55, 69), Between(11, 24));
            spots.Add(at);
            b.Actor($"a{a}", at.Lat, at.Lon);
        }

        var items = rnd.Next(4, 80);
        for (var i = 0; i < items; i++)
        {
            var actor = $"a{rnd.Next(actors)}";
            var resource = $"r{rnd.Next(resources)}";
            if (rnd.Next(2) == 0)
            {
                var quality = rnd.Next(2) == 0 ? new Dictionary<string, double> { ["q"] = Math.Round(Between(0, 10)) } : null;
                b.Supply($"s{i}", actor, resource, Math.Round(Between(10, 500)), RouteKind.Landfill, 400, quality: quality);
            }
            else
            {
                var limits = rnd.Next(3) == 0 ? new Dictionary<string, double> { ["q"] = 5 } : null;
                var accepts = rnd.Next(4) == 0 ? new[] { $"r{rnd.Next(resources)}" } : [];
                b.Demand($"d{i}", actor, resource, Math.Round(Between(10, 500)), 300, maxLimits: limits, accepts: accepts);
            }
        }

        var modes = rnd.Next(1, 3);
        for (var m = 0; m < modes; m++)
        {
            // Mostly a maximum distance between 5 and 400 km; sometimes none (the index is then not used).
            b.Truck($"t{m}", 1, maxDistance: rnd.Next(6) == 0 ? null : Math.Round(Between(5, 400)));
        }

        var stated = rnd.Next(0, 4);
        for (var d = 0; d < stated; d++)
        {
            b.Distance($"a{rnd.Next(actors)}", $"a{rnd.Next(actors)}", Math.Round(Between(1, 900)));
        }

        var region = b.Build();
        var links = Enumerable.Range(0, rnd.Next(0, 3)).Select(l => new Link($"a{rnd.Next(actors)}", $"a{rnd.Next(actors)}", $"r{rnd.Next(resources)}",
            $"t{rnd.Next(modes)}", rnd.Next(2) == 0 ? null : new Quantity(Math.Round(Between(1, 900)), Dimension.LengthD), null, null, null, null,
            Decision.Optional, "test")).ToImmutableArray();
        return region with { Links = links };
    }
}
