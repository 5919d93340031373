using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using SymbiosisOptimizer.App;

namespace SymbiosisOptimizer.Tests.App;

/// <summary>Barriers and Sharing through the app on the small fixtures (tests/fixtures as the scenarios folder), so each takes seconds.</summary>
public sealed class AppSmallRunnerTests : IDisposable
{
    private readonly string workspace = Path.Combine(Path.GetTempPath(), "symbiosis-app-small-" + Guid.NewGuid().ToString("N"));
    private readonly AppFactory factory;

    public AppSmallRunnerTests() => factory = new AppFactory(workspace, scenarios: TestPaths.Fixtures);

    private static Uri U(string path) => new(path, UriKind.Relative);

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Barriers_of_the_tiny_fixture_are_ranked_on_the_page_as_in_barriers_json()
    {
        using var client = factory.Client();
        var id = await AppFactory.Started(client, "/runner", [new("kind", "barriers"), new("scenario", "tiny"), new("named", "base")]);
        var entry = factory.WaitFor(id);
        Assert.True(entry.Status == RunStatus.Done, entry.Status.Word + ": " + entry.Message);
        var doc = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(workspace, "runs", id, "barriers.json")))!;
        var barriers = doc["barriers"]!.AsArray();
        Assert.NotEmpty(barriers);
        var page = await client.GetStringAsync(U($"/runs/{id}"));
        Assert.Equal(barriers.Select(b => b!["id"]!.GetValue<string>()), Regex.Matches(page, "<tr data-barrier=\"([^\"]+)\">", RegexOptions.None, TimeSpan.FromSeconds(1)).Select(m => m.Groups[1].Value));
        var bars = Regex.Matches(page, "<rect class=\"bar\" data-group=\"[^\"]*\" data-label=\"value lost\" data-value=\"([^\"]+)\"", RegexOptions.None, TimeSpan.FromSeconds(1)).Select(m => D(m.Groups[1].Value));
        Assert.Equal(barriers.Select(b => b!["valueLost"]!["value"]!.GetValue<double>()), bars);
    }

    [Fact]
    public async Task Sharing_of_the_tiny_fixture_shows_every_actors_shares_and_side_payments_from_sharing_json()
    {
        using var client = factory.Client();
        var id = await AppFactory.Started(client, "/runner", [new("kind", "share"), new("scenario", "tiny"), new("named", "base")]);
        var entry = factory.WaitFor(id);
        Assert.True(entry.Status == RunStatus.Done, entry.Status.Word + ": " + entry.Message);
        var doc = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(workspace, "runs", id, "sharing.json")))!;
        var players = doc["players"]!.AsArray();
        var page = await client.GetStringAsync(U($"/runs/{id}"));
        Assert.Equal(players.Select(p => p!["id"]!.GetValue<string>()), Regex.Matches(page, "<tr data-actor=\"([^\"]+)\">", RegexOptions.None, TimeSpan.FromSeconds(1)).Select(m => m.Groups[1].Value));
        var shapley = players[0]!["sidePayments"]!.AsObject().Select(kv => kv.Key).First(k => k.StartsWith("shapley", StringComparison.Ordinal));
        var bars = Regex.Matches(page, "<rect class=\"bar\" data-group=\"[^\"]*\" data-label=\"side payment\" data-value=\"([^\"]+)\"", RegexOptions.None, TimeSpan.FromSeconds(1)).Select(m => D(m.Groups[1].Value)).ToList();
        Assert.Equal(players.Select(p => p!["sidePayments"]![shapley]!["value"]!.GetValue<double>()), bars);

        // Side payments move each actor from its own result to its share, and the shares split the whole gain: they sum to 0 (by hand: sum(share) = v(N) = sum(own) + sum(payments) with sum(own) = v(N) when every actor is in the plan's one game).
        Assert.Equal(0, bars.Sum(), 0);
    }

    public void Dispose()
    {
        factory.Dispose();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(workspace))
        {
            Directory.Delete(workspace, recursive: true);
        }
    }
}
