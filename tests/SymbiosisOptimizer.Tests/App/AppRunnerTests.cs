using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SymbiosisOptimizer.App;
using SymbiosisOptimizer.Cli;

namespace SymbiosisOptimizer.Tests.App;

/// <summary>The runner pages run the CLI's runner code in the background and render its typed documents.</summary>
[Collection(AppRunCollection.Name)]
public sealed class AppRunnerTests(AppRunFixture run)
{
    private static Uri U(string path) => new(path, UriKind.Relative);

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Compare_writes_the_clis_comparison_json_and_shows_who_gains_and_who_pays_from_it()
    {
        using var client = run.Factory.Client();
        var form = await client.GetStringAsync(U("/compare?scenario=varmland-dalarna"));
        Assert.Contains("name=\"compare\" value=\"high-landfill-tax\" checked", form, StringComparison.Ordinal);

        var id = await AppFactory.Started(client, "/runner", [new("kind", "compare"), new("scenario", "varmland-dalarna"), new("compare", "high-landfill-tax")]);
        var entry = run.Factory.WaitFor(id);
        Assert.True(entry.Status == RunStatus.Done, entry.Status.Word + ": " + entry.Message);
        Assert.Equal(JobKind.Compare, entry.Kind);
        var file = Path.Combine(run.Workspace, "runs", id, "comparison.json");

        // The same document as `symbiosis compare --scenarios high-landfill-tax`, apart from its metadata block.
        var cli = Path.Combine(run.Workspace, "cli-compare");
        var (code, _, err) = CliHarness.Run("compare", TestPaths.Scenario("varmland-dalarna"), "--scenarios", "high-landfill-tax", "--out", cli);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Equal(Stable(await File.ReadAllTextAsync(Path.Combine(cli, "comparison.json"))), Stable(await File.ReadAllTextAsync(file)));

        // The page shows both scenarios side by side and one bar per party of the scenario's effect, each the document's figure.
        var page = await client.GetStringAsync(U($"/runs/{id}"));
        var doc = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        Assert.Contains("<tr data-scenario=\"base\">", page, StringComparison.Ordinal);
        Assert.Contains("<tr data-scenario=\"high-landfill-tax\">", page, StringComparison.Ordinal);
        var effect = doc["scenarios"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "high-landfill-tax")!["effect"]!;
        var expected = new Dictionary<string, double>
        {
            ["firms"] = effect["firms"]!["value"]!.GetValue<double>(),
            ["public budget"] = effect["publicBudget"]!["total"]!["value"]!.GetValue<double>(),
            ["externalities"] = effect["externalities"]!["value"]!.GetValue<double>(),
            ["society"] = effect["society"]!["value"]!.GetValue<double>(),
        };
        var bars = Regex.Matches(page, "<rect class=\"bar\" data-group=\"high-landfill-tax\" data-label=\"([a-z ]+)\" data-value=\"([^\"]+)\"", RegexOptions.None, TimeSpan.FromSeconds(1))
            .ToDictionary(m => m.Groups[1].Value, m => D(m.Groups[2].Value));
        Assert.Equal(expected.OrderBy(x => x.Key), bars.OrderBy(x => x.Key));

        // By construction of the accounts (docs/accounts.md): society = firms + public budget + externalities.
        Assert.Equal(expected["society"], expected["firms"] + expected["public budget"] + expected["externalities"], 0);
        Assert.Contains("<title>high-landfill-tax: society ", page, StringComparison.Ordinal);

        foreach (var name in new[] { "comparison.json", "comparison.xlsx" })
        {
            var answer = await client.GetAsync(U($"/runs/{id}/files/{name}"));
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(run.Workspace, "runs", id, name)), await answer.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(U($"/runs/{id}/files/results.json"))).StatusCode);
    }

    [Fact]
    public async Task A_two_point_sweep_draws_one_hover_point_per_solved_point()
    {
        using var client = run.Factory.Client();
        var id = await AppFactory.Started(client, "/runner", [new("kind", "sweep"), new("scenario", "varmland-dalarna"), new("named", "base"), new("set1", "policies.landfillTax=0..1500:1500 SEK/t")]);
        var entry = run.Factory.WaitFor(id);
        Assert.True(entry.Status == RunStatus.Done, entry.Status.Word + ": " + entry.Message);
        var doc = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(run.Workspace, "runs", id, "sweep.json")))!;

        // 0..1500 in steps of 1500: the points 0 and 1500.
        Assert.Equal([0.0, 1500.0], doc["points"]!.AsArray().Select(p => p!["values"]![0]!.GetValue<double>()));
        var page = await client.GetStringAsync(U($"/runs/{id}"));
        var chart = page[page.IndexOf("id=\"sweep-net\"", StringComparison.Ordinal)..];
        chart = chart[..chart.IndexOf("</figure>", StringComparison.Ordinal)];
        var ys = Regex.Matches(chart, "class=\"point\" data-x=\"([^\"]+)\" data-y=\"([^\"]+)\"", RegexOptions.None, TimeSpan.FromSeconds(1)).Select(m => (D(m.Groups[1].Value), D(m.Groups[2].Value)));
        Assert.Equal(doc["points"]!.AsArray().Select(p => (p!["values"]![0]!.GetValue<double>(), p["kpis"]!["netBenefit"]!["value"]!.GetValue<double>())), ys);
    }

    [Theory]
    [InlineData("sweep", "set1", "policies.nothing=0..1:1", "is not a parameter that can be varied")]
    [InlineData("sweep", "set1", "policies.landfillTax=10..0:1", "the step must be more than zero and 'from' at most 'to'")]
    [InlineData("montecarlo", "samples", "0", "samples: 0 is not allowed")]
    [InlineData("compare", "compare", "no-such", "there is no scenario 'no-such'")]
    public async Task Bad_choices_are_refused_on_the_form_with_the_clis_message(string kind, string field, string value, string message)
    {
        using var client = run.Factory.Client();
        var fields = new Dictionary<string, string> { ["kind"] = kind, ["scenario"] = "varmland-dalarna", ["named"] = "base", ["seed"] = "1", ["samples"] = "5" };
        fields[field] = value;
        using var form = new FormUrlEncodedContent(fields);
        var answer = await client.PostAsync(U("/runner"), form);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(message), await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_runner_page_offers_its_form()
    {
        using var client = run.Factory.Client();
        foreach (var (path, kind) in new[] { ("/compare", "compare"), ("/barriers", "barriers"), ("/sweep", "sweep"), ("/montecarlo", "montecarlo"), ("/sharing", "share") })
        {
            var html = await client.GetStringAsync(U(path + "?scenario=varmland-dalarna"));
            Assert.Contains($"<input type=\"hidden\" name=\"kind\" value=\"{kind}\">", html, StringComparison.Ordinal);
            Assert.Contains("id=\"start\"", html, StringComparison.Ordinal);
        }
    }

    private static string Stable(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        Assert.True(node.Remove("metadata"));

        // The scenario file as each names it (the CLI relative to its working folder); the content is what is compared.
        node.Remove("source");
        return node.ToJsonString();
    }
}
