using System.Collections.Immutable;
using System.Text.Json;
using SymbiosisOptimizer.Assessment.Coalitions;
using SymbiosisOptimizer.Cli;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;
using static SymbiosisOptimizer.Tests.CliHarness;

namespace SymbiosisOptimizer.Tests.Assessment;

public class CoalitionDecompositionTests
{
    // The region game splits a coalition into the pieces its members can link and solves each piece in a world of its
    // own; this must give exactly what a direct solve of the coalition on the whole region gives.
    [Theory]
    [InlineData("transport-game")]
    [InlineData("tiny")]
    [InlineData("blend-quality")]
    [InlineData("biochar-process")]
    public void Should_equal_direct_coalition_solves_for_every_coalition(string fixture)
    {
        var region = TestPaths.Load(TestPaths.Fixture(fixture));
        var game = RegionGame.Build(region, new SolveOptions());
        var network = CandidateNetworkBuilder.Build(region);
        var cf = ExchangeOptimizer.Optimize(region).Counterfactual.Objective;
        var players = region.Actors.Select(a => a.Id).ToList();
        for (var mask = 1; mask < 1 << players.Count; mask++)
        {
            var members = players.Where((_, i) => (mask & (1 << i)) != 0).ToImmutableHashSet(StringComparer.Ordinal);
            var direct = ExchangeOptimizer.CoalitionValue(region, network, members, new SolveOptions(), cf);
            Assert.Equal(direct, game.Value(members), 4);
        }
    }
}

public class MandateValueTests
{
    // The shortfall penalty steers the solve but is no one's cost: a coalition value must leave it out, exactly as the
    // optimiser's objective gain does.
    [Fact]
    public void Should_value_the_grand_coalition_at_the_objective_gain_under_an_unmet_mandate()
    {
        var region = TestPaths.Load(TestPaths.Fixture("mandate-shortfall"));
        var result = ExchangeOptimizer.Optimize(region);
        Assert.Equal(3000, result.Kpis!.MandateShortfall, 6);
        var all = region.Actors.Select(a => a.Id).ToImmutableHashSet(StringComparer.Ordinal);
        var value = ExchangeOptimizer.CoalitionValue(region, result.Network, all, new SolveOptions(), result.Counterfactual.Objective);
        Assert.Equal(result.Kpis!.ObjectiveGain, value, 3);
    }
}

public class ShareCommandTests
{
    [Fact]
    public void Should_share_a_scenario_with_shapley_nucleolus_and_duals_that_add_up()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var (code, output, err) = Run("share", TestPaths.Fixture("transport-game"), "--out", dir);
        Assert.True(code == 0, err);
        Assert.Contains("Price ranges", output, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "sharing.json")));
        var root = doc.RootElement;
        var grand = root.GetProperty("grandValue").GetDouble();
        Assert.True(root.GetProperty("dual").GetProperty("applicable").GetBoolean());
        foreach (var method in new[] { "shapley", "nucleolus", "dual" })
        {
            var total = root.GetProperty("players").EnumerateArray().Sum(p => p.GetProperty("allocations").GetProperty(method).GetProperty("value").GetDouble());
            Assert.Equal(grand, total, 2);
        }

        var transfers = root.GetProperty("players").EnumerateArray().Sum(p => p.GetProperty("sidePayments").GetProperty("shapley").GetProperty("value").GetDouble());
        Assert.Equal(0, transfers, 2);
    }

    [Fact]
    public void Should_give_an_exact_shapley_value_to_a_large_component_that_splits_into_small_parts()
    {
        // Värmland-Dalarna links 23 actors through shared partners, but its model falls into independent blocks of
        // at most 12 actors, so no coalition needs sampling and no half-width is reported.
        var dir = Directory.CreateTempSubdirectory().FullName;
        var (code, output, err) = Run("share", TestPaths.Scenario("varmland-dalarna"), "--method", "shapley", "--out", dir);
        Assert.True(code == 0, err);
        Assert.Contains("23 actors, Shapley exact from independent parts of", output, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "sharing.json")));
        var root = doc.RootElement;
        var component = root.GetProperty("components").EnumerateArray().Single();
        Assert.False(component.GetProperty("exact").GetBoolean());
        Assert.True(component.GetProperty("shapleyExact").GetBoolean());
        Assert.True(component.GetProperty("parts").GetArrayLength() > 1);
        var shapley = component.GetProperty("report").GetProperty("methods").EnumerateArray().Single();
        Assert.Equal("shapley", shapley.GetProperty("method").GetString());
        Assert.Equal(JsonValueKind.Null, shapley.GetProperty("halfWidths95").ValueKind);
        var total = root.GetProperty("players").EnumerateArray().Sum(p => p.GetProperty("allocations").GetProperty("shapley").GetProperty("value").GetDouble());
        // The JSON rounds each amount; 23 roundings stay well within 1 SEK/yr.
        Assert.True(Math.Abs(root.GetProperty("grandValue").GetDouble() - total) < 1, $"total {total}");
    }

    // Aumann and Maschler (1985): estate 200, claims 100/200/300; the nucleolus is the Talmud division (50, 75, 75).
    [Fact]
    public void Should_reproduce_the_talmud_nucleolus_from_a_csv_game()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        var (code, _, err) = Run("share", "--game", TestPaths.Fixture("games", "talmud-200.csv"), "--kind", "value", "--method", "nucleolus,shapley", "--out", dir);
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "sharing.json")));
        var nucleolus = doc.RootElement.GetProperty("report").GetProperty("methods").EnumerateArray().Single(m => m.GetProperty("method").GetString() == "nucleolus");
        var amounts = nucleolus.GetProperty("amounts").EnumerateArray().Select(a => a.GetDouble()).ToArray();
        Assert.Equal([50.0, 75.0, 75.0], amounts.Select(a => Math.Round(a, 6)));
    }

    [Fact]
    public void Should_refuse_a_bad_game_file_with_a_located_error()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory().FullName, "bad.csv");
        File.WriteAllText(file, "coalition,value\nA,1\nB,abc\nA+B,3\n");
        var (code, _, err) = Run("share", "--game", file);
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("bad.csv:3:", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_refuse_both_a_scenario_and_a_game()
    {
        var (code, _, err) = Run("share", TestPaths.Fixture("tiny"), "--game", "x.csv");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("either", err, StringComparison.Ordinal);
    }
}
