using System.Collections.Immutable;
using System.Text.Json;
using SymbiosisOptimizer.Assessment.Coalitions;
using SymbiosisOptimizer.Assessment.Sharing;
using SymbiosisOptimizer.Cli;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Scenarios;
using SymbiosisOptimizer.Scenarios.Generation;
using static SymbiosisOptimizer.Tests.CliHarness;

namespace SymbiosisOptimizer.Tests.Assessment;

/// <summary>
/// Components of more than 64 actors, beyond a coalition mask. Pure-flow generated regions keep every coalition an LP:
/// 120 actors and 4 resources link 73 actors that split into parts of at most 25; 150 actors and 1 resource link 70
/// actors in one block that does not split.
/// </summary>
public sealed class LargeComponentTests : IClassFixture<LargeComponentTests.Generated>
{
    private readonly Generated generated;

    public LargeComponentTests(Generated generated)
    {
        ArgumentNullException.ThrowIfNull(generated);
        this.generated = generated;
    }

    /// <summary>Built once: both scenario files and the split region's game.</summary>
    public sealed class Generated : IDisposable
    {
        private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("large-component-");

        public Generated()
        {
            SplitFile = Write("split", new GeneratorOptions(120, 4, 1, PureFlow: true));
            WholeFile = Write("whole", new GeneratorOptions(150, 1, 1, PureFlow: true));
            Region = ScenarioLoader.Load(SplitFile).Region!;
            Game = RegionGame.Build(Region, new SolveOptions());
        }

        public string SplitFile { get; }

        public string WholeFile { get; }

        public Region Region { get; }

        public RegionGame Game { get; }

        public GameComponent Large => Game.Components.MaxBy(c => c.Players.Length)!;

        public void Dispose() => dir.Delete(recursive: true);

        private string Write(string name, GeneratorOptions options)
        {
            var folder = Directory.CreateDirectory(Path.Combine(dir.FullName, name));
            var file = Path.Combine(folder.FullName, "scenario.yaml");
            File.WriteAllText(file, InstanceGenerator.Generate(options));
            return file;
        }
    }

    [Fact]
    public void Should_build_a_component_beyond_64_actors_from_parts_that_fit_masks()
    {
        var large = generated.Large;

        Assert.Equal(73, large.Players.Length);
        Assert.False(large.HasMasks);
        Assert.True(large.Parts.Length > 1);
        Assert.All(large.Parts, p => Assert.True(p.Game.HasMasks, $"a part of {p.Game.Players.Length} actors"));
        Assert.Null(RegionSharing.NotShareable(large));
        Assert.Throws<InvalidOperationException>(() => large.Value(1UL));
        Assert.Throws<InvalidOperationException>(() => large.FullMask);
    }

    [Fact]
    public void Should_value_coalitions_of_the_large_component_as_direct_solves_of_the_region_do()
    {
        var region = generated.Region;
        var large = generated.Large;
        var network = CandidateNetworkBuilder.Build(region);
        var cf = ExchangeOptimizer.Optimize(region).Counterfactual.Objective;
        var tolerance = GameComponent.AdditivityTolerance(new SolveOptions(), large.CounterfactualObjective);
        var random = new Random(3);
        int valued = 0;
        for (int k = 0; k < 12; k++)
        {
            var coalition = large.Players.Where(_ => random.NextDouble() < 0.4 + (0.05 * k)).ToImmutableHashSet(StringComparer.Ordinal);
            double direct = ExchangeOptimizer.CoalitionValue(region, network, coalition, new SolveOptions(), cf);
            double byParts = large.Value(coalition);
            Assert.True(Math.Abs(direct - byParts) <= tolerance, $"coalition {k} of {coalition.Count}: {direct} directly, {byParts} by parts");
            valued += direct != 0 ? 1 : 0;
        }

        Assert.True(valued > 8, $"only {valued} coalitions with a value");
        var all = large.Players.ToImmutableHashSet(StringComparer.Ordinal);
        Assert.True(Math.Abs(ExchangeOptimizer.CoalitionValue(region, network, all, new SolveOptions(), cf) - large.GrandValue) <= tolerance);
    }

    [Fact]
    public void Should_share_each_part_of_the_large_component_exactly_its_value()
    {
        var large = generated.Large;
        var game = RegionSharing.Game(large, maxExactPlayers: 12, maxPermutations: 16);
        var options = new SampledShapleyOptions(Seed: 1, MaxPermutations: 16, MaxDegreeOfParallelism: 2);

        Assert.Equal(73, game.PlayerCount);
        foreach (var part in game.Parts!.Value)
        {
            // Every order's marginals add up to v(part), so a sampled estimate is as efficient as the exact value.
            var share = part.Game.HasExactShapley ? Shapley.Exact(part.Game) : Shapley.Sampled(part.Game, options);
            double value = part.Game.GrandValue;
            Assert.True(Math.Abs(share.Total - value) <= 1e-9 * Math.Max(1, Math.Abs(value)), $"part of {part.Members.Length}: {share.Total} shared of {value}");
        }

        var whole = Shapley.Sampled(game, options);
        Assert.True(Math.Abs(whole.Total - large.GrandValue) <= 1e-9 * Math.Abs(large.GrandValue), $"{whole.Total} shared of {large.GrandValue}");
        Assert.Equal(whole.Amounts.ToArray(), Shapley.Sampled(game, options with { MaxDegreeOfParallelism = 1 }).Amounts.ToArray());
        Assert.All(whole.HalfWidths95!.Value, h => Assert.True(double.IsFinite(h)));
    }

    [Fact]
    public void Should_share_a_component_within_masks_the_same_whether_or_not_its_game_fits_a_mask()
    {
        // The 40-actor component has masks, so its game of parts also answers by mask and its own coalition values
        // are at hand; the same parts among 100 players (60 of them in no part) are answered part by part only.
        var small = generated.Game.Components.Single(c => c.Players.Length == 40);
        var game = RegionSharing.Game(small, maxExactPlayers: 12, maxPermutations: 16);
        var padded = CooperativeGame.FromParts(
            [.. small.Players, .. Enumerable.Range(0, 60).Select(i => $"null-{i}")],
            game.Parts!.Value);
        var options = new SharingReportOptions(new SampledShapleyOptions(Seed: 1, MaxPermutations: 16));

        Assert.True(game.HasCoalitionMasks);
        Assert.False(padded.HasCoalitionMasks);
        var expected = SharingReportBuilder.Build(game, SharingMethods.All, options);
        var actual = SharingReportBuilder.Build(padded, SharingMethods.All, options);

        // Shapley, sampled in the parts too large to tabulate, to the bit; the simple rules also share among the null players.
        Assert.Equal(expected.GrandCoalitionValue, actual.GrandCoalitionValue);
        Assert.Equal(expected.Methods.Select(m => m.Method), actual.Methods.Select(m => m.Method));
        Assert.Equal(expected.Methods[0].Amounts, actual.Methods[0].Amounts.Take(40));
        Assert.All(actual.Methods[0].Amounts.Skip(40), x => Assert.Equal(0.0, x));
        Assert.Equal(expected.PerPlayer.Select(p => p.Standalone), actual.PerPlayer.Take(40).Select(p => p.Standalone));

        var tolerance = GameComponent.AdditivityTolerance(new SolveOptions(), small.CounterfactualObjective);
        Assert.True(Math.Abs(small.Value(small.FullMask) - actual.GrandCoalitionValue) <= tolerance);
        for (int i = 0; i < 40; i++)
        {
            Assert.True(Math.Abs(small.Value(1UL << i) - actual.PerPlayer[i].Standalone) <= tolerance, $"player {i}");
        }
    }

    [Fact]
    public void Should_share_a_region_with_a_component_beyond_64_actors()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var (code, output, err) = Run("share", generated.SplitFile, "--method", "shapley,equal", "--samples", "16", "--out", dir);

        Assert.True(code == ExitCodes.Ok, err);
        Assert.Contains(" (73 actors, Shapley from independent parts of ", output, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "sharing.json")));
        var root = doc.RootElement;
        var large = root.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("players").GetArrayLength() == 73);
        Assert.Equal(JsonValueKind.Null, large.GetProperty("notComputed").ValueKind);
        Assert.False(large.GetProperty("shapleyExact").GetBoolean());
        Assert.True(large.GetProperty("parts").GetArrayLength() > 1);
        var sampled = large.GetProperty("report").GetProperty("methods").EnumerateArray().First();
        Assert.Equal(73, sampled.GetProperty("halfWidths95").GetArrayLength());

        // Every actor of a group has a Shapley share (exact or sampled), and they add up to the region's gain.
        var players = root.GetProperty("players").EnumerateArray().ToList();
        Assert.Equal(120 - root.GetProperty("bystanders").GetArrayLength(), players.Count);
        double total = 0;
        foreach (var p in players)
        {
            var shares = p.GetProperty("allocations").EnumerateObject().Where(a => a.Name.StartsWith("shapley", StringComparison.Ordinal)).ToList();
            Assert.Single(shares);
            total += shares[0].Value.GetProperty("value").GetDouble();
        }

        Assert.True(Math.Abs(root.GetProperty("grandValue").GetDouble() - total) < players.Count, $"total {total}");

        // Each sampled share carries its precision: a 95 % half-width in the share's unit and the samples behind it,
        // and the shares of the sampled parts rest on some samples (the tabulated parts' shares on none).
        var large73 = root.GetProperty("components").EnumerateArray().Select((c, i) => (c, i)).Single(t => t.c.GetProperty("players").GetArrayLength() == 73).i;
        var estimates = players.Where(p => p.GetProperty("component").GetInt32() == large73)
            .Select(p => p.GetProperty("estimates").GetProperty("shapley-stratified")).ToList();
        Assert.Equal(73, estimates.Count);
        Assert.All(estimates, e => Assert.True(e.GetProperty("halfWidth95").GetProperty("value").GetDouble() >= 0));
        Assert.Contains(estimates, e => e.GetProperty("samples").GetInt32() > 0 && e.GetProperty("halfWidth95").GetProperty("value").GetDouble() > 0);
        Assert.Contains("± ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_report_a_group_too_large_to_share_and_share_the_others()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var (code, output, err) = Run("share", generated.WholeFile, "--method", "shapley", "--samples", "8", "--out", dir);

        Assert.True(code == ExitCodes.Ok, err);
        Assert.DoesNotContain("   at ", output + err, StringComparison.Ordinal);
        Assert.Contains(" (70 actors, shares not computed), v = ", output, StringComparison.Ordinal);
        Assert.Contains("Shares not computed: the 70 actors of this group are linked", output, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "sharing.json")));
        var root = doc.RootElement;
        var components = root.GetProperty("components").EnumerateArray().ToList();
        var whole = components.Single(c => c.GetProperty("players").GetArrayLength() == 70);
        Assert.Contains("at most 64 linked actors", whole.GetProperty("notComputed").GetString(), StringComparison.Ordinal);
        Assert.Empty(whole.GetProperty("report").GetProperty("methods").EnumerateArray());
        Assert.True(whole.GetProperty("report").GetProperty("grandCoalitionValue").GetDouble() > 0);

        int group = components.IndexOf(whole);
        foreach (var p in root.GetProperty("players").EnumerateArray())
        {
            int count = p.GetProperty("allocations").EnumerateObject().Count();
            Assert.Equal(p.GetProperty("component").GetInt32() == group ? 0 : 1, count);
        }

        Assert.All(components.Where(c => c.GetProperty("notComputed").ValueKind == JsonValueKind.Null), c =>
            Assert.NotEmpty(c.GetProperty("report").GetProperty("methods").EnumerateArray()));
    }
}
