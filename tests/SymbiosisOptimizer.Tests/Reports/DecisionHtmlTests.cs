using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SymbiosisOptimizer.Cli;
using SymbiosisOptimizer.Reports.Documents;

namespace SymbiosisOptimizer.Tests.Reports;

/// <summary>
/// robust, alternatives and run --pareto write an HTML report beside their JSON in the same output step, rendered from
/// the same document: every row of the JSON appears with the same figures (written as every runner report writes a
/// number, <see cref="Figures.Number"/>), self-contained, with the run metadata in the footer.
/// </summary>
public sealed class DecisionHtmlTests : IDisposable
{
    private static readonly TimeSpan Match = TimeSpan.FromSeconds(1);

    private readonly string outDir = Path.Combine(Path.GetTempPath(), "symbiosis-decision-html-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(outDir))
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    private (JsonNode Json, string Html, string Dir) Cli(string json, string html, params string[] args)
    {
        var dir = Path.Combine(outDir, args[0] + "-" + Guid.NewGuid().ToString("N"));
        var (code, output, err) = CliHarness.Run([.. args, "--out", dir]);
        Assert.True(code == ExitCodes.Ok, $"exit {code}: {err}");
        Assert.Contains(Path.Combine(dir, html), output, StringComparison.Ordinal);
        var page = File.ReadAllText(Path.Combine(dir, html));
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", page, StringComparison.Ordinal);
        Assert.Contains("<style>", page, StringComparison.Ordinal);
        Assert.Contains("<footer class=\"metadata\" id=\"run-metadata\">", page, StringComparison.Ordinal);
        return (JsonNode.Parse(File.ReadAllText(Path.Combine(dir, json)))!, page, dir);
    }

    private static void Shows(string page, double? value, string what) =>
        Assert.True(page.Contains(WebUtility.HtmlEncode(Figures.Number(value)), StringComparison.Ordinal), $"{what}: {Figures.Number(value)} is not in the report");

    private static int BodyRows(string page, string table)
    {
        var start = page.IndexOf($"<table id=\"{table}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no table '{table}'");
        var body = page[start..];
        body = body[body.IndexOf("<tbody>", StringComparison.Ordinal)..body.IndexOf("</tbody>", StringComparison.Ordinal)];
        return Regex.Matches(body, "<tr>", RegexOptions.None, Match).Count;
    }

    [Fact]
    public void Robust_html_shows_every_sample_commitment_and_the_vss_and_evpi_of_robust_json()
    {
        var (json, page, _) = Cli("robust.json", "robust.html", "robust", TestPaths.Fixture("two-futures"), "--samples", "6", "--seed", "2");
        foreach (var figure in new[] { "recourseProblem", "expectedOfMeanPlan", "waitAndSee", "valueOfStochasticSolution", "expectedValueOfPerfectInformation" })
        {
            Shows(page, json[figure]?["value"]?.GetValue<double>(), figure);
        }

        var draws = json["draws"]!.AsArray();
        Assert.Equal(draws.Count, BodyRows(page, "draws"));
        foreach (var d in draws)
        {
            Shows(page, d!["robust"]?.GetValue<double?>(), $"sample {d["index"]} robust");
            Shows(page, d["waitAndSee"]?.GetValue<double?>(), $"sample {d["index"]} foresight");
        }

        // One row per commitment of either plan; a table with none says so in one row.
        var commitments = json["plan"]!.AsArray().Count + json["meanPlan"]!.AsArray().Count;
        Assert.Equal(Math.Max(1, commitments), BodyRows(page, "plan"));
        Assert.Equal(3, BodyRows(page, "outcomes"));
        Assert.Equal(json["inputs"]!.AsArray().Count, BodyRows(page, "inputs"));
        Assert.Contains("<svg", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Alternatives_html_shows_every_plan_and_every_exchanges_class()
    {
        var (json, page, _) = Cli("alternatives.json", "alternatives.html", "alternatives", TestPaths.Fixture("two-suppliers"), "--count", "5", "--slack", "5%");
        var plans = json["plans"]!.AsArray();
        Assert.Equal(plans.Count, BodyRows(page, "plans"));
        foreach (var p in plans)
        {
            Shows(page, p!["kpis"]!["objectiveGain"]!["value"]!.GetValue<double>(), p["label"]!.GetValue<string>());
        }

        var exchanges = json["exchanges"]!.AsArray();
        Assert.Equal(exchanges.Count, BodyRows(page, "presence"));
        foreach (var e in exchanges)
        {
            Assert.Contains(WebUtility.HtmlEncode(e!["name"]!.GetValue<string>()), page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Run_with_a_pareto_front_writes_pareto_html_with_every_point_and_its_plan()
    {
        var (json, page, dir) = Cli("results.json", "pareto.html", "run", TestPaths.Fixture("three-way"), "--pareto", "3", "--objectives", "money,co2,landfill");
        var points = json["pareto"]!.AsArray();

        // The fixture's header works out four points.
        Assert.Equal(4, points.Count);
        Assert.Equal(points.Count, BodyRows(page, "points"));
        foreach (var p in points)
        {
            Shows(page, p!["netBenefit"]!["value"]!.GetValue<double>(), "net benefit");
            foreach (var e in p["exchanges"]!.AsArray())
            {
                Assert.Contains(WebUtility.HtmlEncode(e!["name"]!.GetValue<string>()), page, StringComparison.Ordinal);
            }
        }

        Assert.Contains("id=\"chart-pareto-front\"", page, StringComparison.Ordinal);

        // Without --pareto there is no front and no pareto.html.
        var plain = Path.Combine(dir, "..", "plain");
        var (code, _, err) = CliHarness.Run("run", TestPaths.Fixture("three-way"), "--out", plain);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.False(File.Exists(Path.Combine(plain, "pareto.html")));
    }
}
