using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using SymbiosisOptimizer.App;
using SymbiosisOptimizer.Cli;

namespace SymbiosisOptimizer.Tests.App;

/// <summary>
/// Robust plan, Near-optimal alternatives and Pareto front through the app on the hand-worked fixtures (tests/fixtures as
/// the scenarios folder), so each takes seconds: the app writes the CLI's documents and its pages show their figures.
/// </summary>
public sealed class AppDecisionTests : IDisposable
{
    private static readonly TimeSpan Match = TimeSpan.FromSeconds(1);

    private readonly string workspace = Path.Combine(Path.GetTempPath(), "symbiosis-app-decide-" + Guid.NewGuid().ToString("N"));
    private readonly AppFactory factory;

    public AppDecisionTests() => factory = new AppFactory(workspace, scenarios: TestPaths.Fixtures);

    private static Uri U(string path) => new(path, UriKind.Relative);

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private string File(string id, string name) => Path.Combine(workspace, "runs", id, name);

    [Fact]
    public async Task Robust_writes_the_clis_robust_json_and_shows_its_distribution_vss_and_evpi()
    {
        using var client = factory.Client();
        var form = await client.GetStringAsync(U("/robust?scenario=two-futures"));
        Assert.Contains("<input type=\"hidden\" name=\"kind\" value=\"robust\">", form, StringComparison.Ordinal);

        var id = await AppFactory.Started(client, "/decisions", [new("kind", "robust"), new("scenario", "two-futures"), new("named", "base"), new("samples", "8"), new("seed", "3"), new("risk", "expected")]);
        var entry = factory.WaitFor(id);
        Assert.True(entry.Status == RunStatus.Done, entry.Status.Word + ": " + entry.Message);
        Assert.Equal(JobKind.Robust, entry.Kind);

        // The same document as `symbiosis robust --samples 8 --seed 3`, apart from its metadata block.
        var cli = Path.Combine(workspace, "cli-robust");
        var (code, _, err) = CliHarness.Run("robust", TestPaths.Fixture("two-futures"), "--samples", "8", "--seed", "3", "--out", cli);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Equal(Stable(await System.IO.File.ReadAllTextAsync(Path.Combine(cli, "robust.json"))), Stable(await System.IO.File.ReadAllTextAsync(File(id, "robust.json"))));

        // The HTML report too is the CLI's, but for the metadata footer (timings and machine).
        Assert.Equal(WithoutFooter(await System.IO.File.ReadAllTextAsync(Path.Combine(cli, "robust.html"))), WithoutFooter(await System.IO.File.ReadAllTextAsync(File(id, "robust.html"))));

        var doc = JsonNode.Parse(await System.IO.File.ReadAllTextAsync(File(id, "robust.json")))!;
        var page = await client.GetStringAsync(U($"/runs/{id}"));

        // Each plan's curve is its gains in the document's samples, worst to best: the same values, sorted.
        var chart = Figure(page, "robust-distribution");
        var ys = Regex.Matches(chart, "class=\"point\" data-x=\"[^\"]+\" data-y=\"([^\"]+)\"", RegexOptions.None, Match).Select(m => D(m.Groups[1].Value)).ToList();
        var draws = doc["draws"]!.AsArray();
        var expected = new[] { "robust", "meanPlan", "waitAndSee" }
            .SelectMany(k => draws.Select(x => x![k]?.GetValue<double?>()).OfType<double>().Order()).ToList();
        Assert.Equal(expected, ys);
        Assert.Contains("<title>robust plan: sample ", chart, StringComparison.Ordinal);

        // VSS and EVPI in words, each the document's figure; by definition (issue 24) VSS = RP - EEV and EVPI = WS - RP.
        double V(string name) => doc[name]!["value"]!.GetValue<double>();
        var vss = Regex.Match(page, "<p id=\"vss\" data-value=\"([^\"]+)\">", RegexOptions.None, Match);
        Assert.True(vss.Success, "the page states the VSS in words");
        Assert.Equal(V("valueOfStochasticSolution"), D(vss.Groups[1].Value));
        Assert.Equal(V("recourseProblem") - V("expectedOfMeanPlan"), V("valueOfStochasticSolution"), 0);
        Assert.Equal(V("waitAndSee") - V("recourseProblem"), V("expectedValueOfPerfectInformation"), 0);
        Assert.Contains("value of the stochastic solution (VSS)", page, StringComparison.Ordinal);
        Assert.Contains("<p id=\"evpi\"", page, StringComparison.Ordinal);

        // The plan is the document's commitments.
        var commitments = Regex.Matches(page, "<tr data-commitment=\"([^\"]+)\">", RegexOptions.None, Match).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        var planned = doc["plan"]!.AsArray().Concat(doc["meanPlan"]!.AsArray()).Select(c => $"{c!["kind"]}:{c["key"]}").Distinct().ToList();
        Assert.Equal(planned, commitments);

        foreach (var name in new[] { "robust.json", "robust.xlsx", "robust.html" })
        {
            var answer = await client.GetAsync(U($"/runs/{id}/files/{name}"));
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal(await System.IO.File.ReadAllBytesAsync(File(id, name)), await answer.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Robust_with_cvar_and_its_alpha_is_the_clis_risk_cvar_document()
    {
        using var client = factory.Client();
        var id = await AppFactory.Started(client, "/decisions", [new("kind", "robust"), new("scenario", "two-futures"), new("named", "base"), new("samples", "4"), new("seed", "5"), new("risk", "cvar"), new("alpha", "0.5")]);
        var entry = factory.WaitFor(id);
        Assert.True(entry.Status == RunStatus.Done, entry.Status.Word + ": " + entry.Message);
        var cli = Path.Combine(workspace, "cli-robust-cvar");
        var (code, _, err) = CliHarness.Run("robust", TestPaths.Fixture("two-futures"), "--samples", "4", "--seed", "5", "--risk", "cvar:0.5", "--out", cli);
        Assert.True(code == ExitCodes.Ok, err);
        var app = await System.IO.File.ReadAllTextAsync(File(id, "robust.json"));
        Assert.Equal(Stable(await System.IO.File.ReadAllTextAsync(Path.Combine(cli, "robust.json"))), Stable(app));
        Assert.StartsWith("cvar:", JsonNode.Parse(app)!["risk"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("<p id=\"risk\">", await client.GetStringAsync(U($"/runs/{id}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alternatives_of_two_suppliers_show_both_plans_side_by_side_and_both_exchanges_optional()
    {
        using var client = factory.Client();
        var id = await AppFactory.Started(client, "/decisions", [new("kind", "alternatives"), new("scenario", "two-suppliers"), new("named", "base"), new("count", "5"), new("slack", "5")]);
        var entry = factory.WaitFor(id);
        Assert.True(entry.Status == RunStatus.Done, entry.Status.Word + ": " + entry.Message);
        var page = await client.GetStringAsync(U($"/runs/{id}"));

        // The fixture's header: within 5 % of Mill A's 30 000 SEK/yr only Mill B alone (29 000) is another plan, so
        // there are two plans and each exchange is in one of them: both optional.
        Assert.Equal(["0", "1"], Regex.Matches(page, "<th class=\"num\" data-plan=\"(\\d+)\">", RegexOptions.None, Match).Select(m => m.Groups[1].Value));
        var gains = Regex.Matches(page, "<tr data-row=\"objectiveGain\">(.*?)</tr>", RegexOptions.None, Match).Single().Groups[1].Value;
        Assert.Equal([30_000.0, 29_000.0], Regex.Matches(gains, "data-value=\"([^\"]+)\"", RegexOptions.None, Match).Select(m => D(m.Groups[1].Value)));
        Assert.Equal(["optional", "optional", "never"], Regex.Matches(page, "data-presence=\"([a-z-]+)\"", RegexOptions.None, Match).Select(m => m.Groups[1].Value));
        Assert.Equal(2, Regex.Matches(Figure(page, "alternatives-gains"), "<rect class=\"bar\"", RegexOptions.None, Match).Count);
        Assert.True(System.IO.File.Exists(File(id, "alternatives.html")));
    }

    [Fact]
    public async Task The_pareto_front_of_the_three_way_fixture_draws_its_four_hand_derived_points()
    {
        using var client = factory.Client();
        var id = await AppFactory.Started(client, "/decisions",
            [new("kind", "pareto"), new("scenario", "three-way"), new("named", "base"), new("points", "3"), new("objective", "money"), new("objective", "co2"), new("objective", "landfill")]);
        var entry = factory.WaitFor(id);
        Assert.True(entry.Status == RunStatus.Done, entry.Status.Word + ": " + entry.Message);
        var page = await client.GetStringAsync(U($"/runs/{id}"));

        // (CO2e t/yr, money SEK/yr, landfill t/yr) from the fixture's header: four points, none dominating another.
        (double Co2, double Money, double Landfill)[] expected = [(0, 14_000, 100), (25, 12_500, 50), (25, (10_000 * 5 / 6.0) + (14_000 / 6.0), 100), (50, 11_000, 0)];
        var points = Regex.Matches(Figure(page, "pareto-front"), "class=\"point\" data-x=\"([^\"]+)\" data-y=\"([^\"]+)\" data-size=\"([^\"]+)\"", RegexOptions.None, Match)
            .Select(m => (Co2: D(m.Groups[1].Value), Money: D(m.Groups[2].Value), Landfill: D(m.Groups[3].Value))).ToList();
        Assert.Equal(expected.Length, points.Count);
        foreach (var e in expected)
        {
            Assert.Contains(points, p => Math.Abs(p.Co2 - e.Co2) < 1e-3 && Math.Abs(p.Money - e.Money) < 0.01 && Math.Abs(p.Landfill - e.Landfill) < 1e-3);
        }

        // Each point with its plan, and the front's report beside results.json.
        Assert.Equal(4, Regex.Matches(page, "<tr data-point=\"\\d+\">", RegexOptions.None, Match).Count);
        var html = await client.GetStringAsync(U($"/runs/{id}/files/pareto.html"));
        Assert.Contains("<footer class=\"metadata\" id=\"run-metadata\">", html, StringComparison.Ordinal);
        Assert.Equal(4 + 1, Regex.Matches(Between(html, "<table id=\"points\">", "</table>"), "<tr>", RegexOptions.None, Match).Count);
    }

    [Theory]
    [InlineData("robust", "samples", "0", "samples: 0 is not allowed")]
    [InlineData("robust", "alpha", "1.5", "alpha: 1.5 is not allowed")]
    [InlineData("robust", "scenario", "tiny", "no uncertain inputs are declared")]
    [InlineData("alternatives", "slack", "0", "slack: 0 % is not allowed")]
    [InlineData("alternatives", "count", "0", "count: 0 is not allowed")]
    [InlineData("pareto", "points", "41", "points: 41 is not allowed with 3 objectives")]
    public async Task Bad_choices_are_refused_on_the_form_naming_the_field(string kind, string field, string value, string message)
    {
        using var client = factory.Client();
        var fields = new Dictionary<string, string>
        {
            ["kind"] = kind, ["scenario"] = "two-futures", ["named"] = "base", ["samples"] = "4", ["seed"] = "1", ["risk"] = "cvar", ["alpha"] = "0.9",
            ["count"] = "3", ["slack"] = "5", ["points"] = "3",
        };
        fields[field] = value;
        var list = fields.Select(kv => kv).ToList();
        list.AddRange([new("objective", "money"), new("objective", "co2"), new("objective", "landfill")]);
        using var form = new FormUrlEncodedContent(list);
        var answer = await client.PostAsync(U("/decisions"), form);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(message), await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_run_page_links_to_the_three_decision_pages_and_each_offers_its_form()
    {
        using var client = factory.Client();
        var run = await client.GetStringAsync(U("/run?scenario=two-futures"));
        foreach (var (path, kind) in new[] { ("/robust", "robust"), ("/alternatives", "alternatives"), ("/pareto", "pareto") })
        {
            Assert.Contains($"<a href=\"{path}?scenario=two-futures\" id=\"link-{kind}\">", run, StringComparison.Ordinal);
            var html = await client.GetStringAsync(U(path + "?scenario=two-futures"));
            Assert.Contains($"<input type=\"hidden\" name=\"kind\" value=\"{kind}\">", html, StringComparison.Ordinal);
        }

        // A decision kind posted to the other runner form is refused there, not failed.
        using var form = new FormUrlEncodedContent([new("kind", "robust"), new("scenario", "two-futures")]);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(U("/runner"), form)).StatusCode);
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

    private static string Figure(string page, string id) => Between(page, $"id=\"{id}\"", "</figure>");

    private static string Between(string text, string from, string to)
    {
        var start = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{from}' is not on the page");
        var rest = text[start..];
        return rest[..rest.IndexOf(to, StringComparison.Ordinal)];
    }

    private static string WithoutFooter(string html) => Regex.Replace(html, "<footer class=\"metadata\".*?</footer>", string.Empty, RegexOptions.Singleline, Match);

    private static string Stable(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        Assert.True(node.Remove("metadata"));

        // The scenario file as each names it (the CLI relative to its working folder); the content is what is compared.
        node.Remove("source");
        return node.ToJsonString();
    }
}
