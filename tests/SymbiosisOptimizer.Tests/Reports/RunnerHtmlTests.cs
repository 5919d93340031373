using System.Net;
using System.Text.Json.Nodes;
using SymbiosisOptimizer.Cli;
using SymbiosisOptimizer.Reports.Documents;

namespace SymbiosisOptimizer.Tests.Reports;

/// <summary>
/// Each runner command writes an HTML report beside its JSON, rendered from the same document: every row of the JSON
/// appears with the same figures. The expected text is the JSON's value written the way every runner report writes a
/// number (<see cref="Figures.Number"/>: grouped digits, as many decimals as the magnitude needs).
/// </summary>
public sealed class RunnerHtmlTests : IDisposable
{
    private readonly string outDir = Path.Combine(Path.GetTempPath(), "symbiosis-runner-html-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(outDir))
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    /// <summary>Runs a command into a folder of its own; returns its JSON and its HTML report.</summary>
    private (JsonNode Json, string Html) Cli(string json, string html, params string[] args)
    {
        var dir = Path.Combine(outDir, args[0] + "-" + Guid.NewGuid().ToString("N"));
        var (code, output, err) = CliHarness.Run([.. args, "--out", dir]);
        Assert.True(code == ExitCodes.Ok, $"exit {code}: {err}");
        Assert.Contains(Path.Combine(dir, html), output, StringComparison.Ordinal);
        var page = File.ReadAllText(Path.Combine(dir, html));
        SelfContained(page);
        return (JsonNode.Parse(File.ReadAllText(Path.Combine(dir, json)))!, page);
    }

    private static void SelfContained(string page)
    {
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", page, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", page.Replace("http://www.w3.org/", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("<style>", page, StringComparison.Ordinal);
        Assert.Contains("<footer class=\"metadata\" id=\"run-metadata\">", page, StringComparison.Ordinal);
    }

    private static void Shows(string page, double? value, string what) =>
        Assert.True(page.Contains(WebUtility.HtmlEncode(Figures.Number(value)), StringComparison.Ordinal), $"{what}: {Figures.Number(value)} is not in the report");

    private static void Names(string page, string? text, string what) =>
        Assert.True(page.Contains(WebUtility.HtmlEncode(text ?? string.Empty), StringComparison.Ordinal), $"{what}: '{text}' is not in the report");

    private static double? V(JsonNode? n) => n?["value"]?.GetValue<double>();

    private static double? D(JsonNode? n) => n?.GetValue<double?>();

    [Fact]
    public void Compare_html_shows_every_scenario_group_and_ranking_row_of_comparison_json()
    {
        var (json, page) = Cli("comparison.json", "compare.html", "compare", TestPaths.Fixture("tiny"));
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        foreach (var s in json["scenarios"]!.AsArray())
        {
            var name = s!["name"]!.GetValue<string>();
            Names(page, name, "scenario");
            foreach (var (kpi, value) in s["kpis"]!.AsObject())
            {
                Shows(page, D(value!["value"]), $"{name} {kpi}");
                Shows(page, D(value["versusBase"]), $"{name} {kpi} against base");
            }

            if (s["effect"] is { } e)
            {
                Shows(page, V(e["firms"]), $"{name} firms");
                Shows(page, V(e["publicBudget"]!["total"]), $"{name} public budget");
                Shows(page, V(e["society"]), $"{name} society");
            }

            foreach (var g in s["byKind"]!.AsArray().Concat(s["byMunicipality"]!.AsArray()))
            {
                Names(page, g!["group"]!.GetValue<string>(), $"{name} group");
                Shows(page, D(g["netBenefit"]!["value"]), $"{name} group net benefit");
            }

            foreach (var x in s["exchangesAdded"]!.AsArray().Concat(s["exchangesDropped"]!.AsArray()))
            {
                Names(page, x!["name"]!.GetValue<string>(), $"{name} exchange");
            }
        }

        foreach (var r in json["ranking"]!.AsArray())
        {
            Names(page, r!["name"]!.GetValue<string>(), "ranked scenario");
            if (D(r["societyCostPerTonneCo2"]!["value"]) is { } cost)
            {
                Shows(page, cost, "society's cost per t CO2e");
            }
        }
    }

    [Fact]
    public void Barriers_html_shows_every_barrier_and_shadow_price_of_barriers_json()
    {
        var (json, page) = Cli("barriers.json", "barriers.html", "barriers", TestPaths.Fixture("tiny"));
        var barriers = json["barriers"]!.AsArray();
        Assert.NotEmpty(barriers);
        foreach (var b in barriers)
        {
            Names(page, b!["description"]!.GetValue<string>(), "barrier");
            Shows(page, V(b["valueLost"]), "value lost");
            if (b["kpiChange"] is { } k)
            {
                Shows(page, V(k["netBenefit"]), "net benefit change");
            }
        }

        foreach (var r in json["shadowPrices"]!["rows"]!.AsArray())
        {
            Names(page, r!["meaning"]!.GetValue<string>(), "shadow price");
            Shows(page, V(r["valuePerUnit"]), "value per unit");
        }

        Shows(page, V(json["base"]!["kpis"]!["netBenefit"]), "base net benefit");
    }

    [Fact]
    public void Sweep_html_shows_every_point_switch_and_exchange_of_sweep_json()
    {
        var (json, page) = Cli("sweep.json", "sweep.html", "sweep", TestPaths.Fixture("tiny"), "--set", "policies.landfillTax=0..1000:250");
        var points = json["points"]!.AsArray();
        Assert.Equal(5, points.Count); // 0, 250, 500, 750, 1000
        foreach (var p in points)
        {
            foreach (var v in p!["values"]!.AsArray())
            {
                Shows(page, D(v), "parameter value");
            }

            Shows(page, V(p["kpis"]!["netBenefit"]), "net benefit at a point");
            Shows(page, V(p["kpis"]!["co2Avoided"]), "CO2e avoided at a point");
        }

        foreach (var w in json["switches"]!.AsArray())
        {
            Shows(page, D(w!["from"]), "switch from");
            Shows(page, D(w["to"]), "switch to");
        }

        foreach (var e in json["exchanges"]!.AsArray())
        {
            Names(page, e!["name"]!.GetValue<string>(), "exchange");
        }
    }

    [Fact]
    public void Montecarlo_html_shows_every_percentile_input_exchange_and_draw_of_montecarlo_json()
    {
        var (json, page) = Cli("montecarlo.json", "montecarlo.html", "montecarlo", TestPaths.Scenario("varmland-dalarna"), "--samples", "3", "--seed", "5");
        foreach (var (kpi, spread) in json["kpis"]!.AsObject())
        {
            foreach (var p in new[] { "p10", "p50", "p90", "mean", "min", "max" })
            {
                Shows(page, D(spread![p]), $"{kpi} {p}");
            }
        }

        foreach (var i in json["inputs"]!.AsArray())
        {
            Names(page, i!["path"]!.GetValue<string>(), "uncertain input");
        }

        foreach (var e in json["exchanges"]!.AsArray())
        {
            Names(page, e!["name"]!.GetValue<string>(), "exchange");
            Names(page, Figures.Percent(e["probability"]!.GetValue<double>()), "probability");
        }

        var draws = json["draws"]!.AsArray();
        Assert.Equal(3, draws.Count);
        foreach (var d in draws)
        {
            Shows(page, D(d!["netBenefit"]), "draw net benefit");
            Shows(page, D(d["co2Avoided"]), "draw CO2e avoided");
        }
    }

    [Fact]
    public void Sharing_html_shows_every_player_share_and_price_range_of_sharing_json()
    {
        var (json, page) = Cli("sharing.json", "sharing.html", "share", TestPaths.Fixture("tiny"));
        Shows(page, D(json["grandValue"]), "grand value");
        var players = json["players"]!.AsArray();
        Assert.NotEmpty(players);
        foreach (var p in players)
        {
            Names(page, p!["name"]!.GetValue<string>(), "player");
            Shows(page, V(p["ownResult"]), "own result");
            foreach (var (method, amount) in p["allocations"]!.AsObject())
            {
                Shows(page, V(amount), $"share by {method}");
            }

            foreach (var (method, amount) in p["sidePayments"]!.AsObject())
            {
                Shows(page, V(amount), $"side payment by {method}");
            }
        }

        foreach (var r in json["priceRanges"]!.AsArray())
        {
            Names(page, r!["name"]!.GetValue<string>(), "price range");
            Shows(page, D(r["lowest"]), "lowest price");
            Shows(page, D(r["highest"]), "highest price");
        }
    }

    [Fact]
    public void Sharing_html_of_a_game_file_shows_every_method_and_player_of_sharing_json()
    {
        var (json, page) = Cli("sharing.json", "sharing.html", "share", "--game", TestPaths.Fixture("games", "talmud-200.csv"));
        var report = json["report"]!;
        Shows(page, D(report["grandCoalitionValue"]), "v(N)");
        foreach (var m in report["methods"]!.AsArray())
        {
            Names(page, m!["method"]!.GetValue<string>(), "method");
            foreach (var a in m["amounts"]!.AsArray())
            {
                Shows(page, D(a), $"{m["method"]} amount");
            }

            Shows(page, D(m["total"]), "method total");
        }

        foreach (var p in report["perPlayer"]!.AsArray())
        {
            Names(page, p!["player"]!.GetValue<string>(), "player");
            Shows(page, D(p["standalone"]), "alone");
        }
    }
}
