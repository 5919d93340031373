using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SymbiosisOptimizer.App;
using SymbiosisOptimizer.Cli;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Tests.App;

/// <summary>The app (`symbiosis serve`) as a browser sees it, hosted in memory with WebApplicationFactory.</summary>
[Collection(AppRunCollection.Name)]
public sealed class AppTests(AppRunFixture run)
{
    private static readonly string[] Downloads = ["results.json", "report.xlsx", "report.html", "flows.geojson"];

    private static Uri U(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task Scenarios_page_lists_every_bundled_scenario_with_its_named_scenarios()
    {
        using var client = run.Factory.Client();
        var html = await client.GetStringAsync(U("/"));
        var folders = Directory.GetDirectories(Path.Combine(TestPaths.Root, "scenarios")).Select(Path.GetFileName).ToList();
        Assert.Equal(4, folders.Count);
        foreach (var folder in folders)
        {
            Assert.Contains($"data-scenario=\"{folder}\"", html, StringComparison.Ordinal);
            var load = ScenarioLoader.Load(TestPaths.Scenario(folder!));
            Assert.Contains(WebUtility.HtmlEncode(load.Region!.Name), html, StringComparison.Ordinal);
            foreach (var name in load.ScenarioNames.Append("base"))
            {
                Assert.Contains($"data-run=\"{folder}/{name}\"", html, StringComparison.Ordinal);
            }
        }

        Assert.Contains("data-run=\"varmland-dalarna/high-landfill-tax\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Results_page_shows_the_kpis_of_the_runs_results_json_with_their_units()
    {
        var results = JsonNode.Parse(File.ReadAllText(run.RunFile("results.json")))!;
        var kpis = results["kpis"]!.AsObject();
        string[] shown = ["netBenefit", "objectiveGain", "co2Avoided", "landfillAvoided", "virginMaterialAvoided", "transportEmissions"];
        foreach (var name in shown)
        {
            var m = Regex.Match(run.ResultsPage, $"data-kpi=\"{name}\" data-value=\"([^\"]+)\" data-unit=\"([^\"]+)\"", RegexOptions.None, TimeSpan.FromSeconds(1));
            Assert.True(m.Success, $"results page lacks KPI {name}");
            Assert.Equal(kpis[name]!["value"]!.GetValue<double>(), double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
            Assert.Equal(kpis[name]!["unit"]!.GetValue<string>(), WebUtility.HtmlDecode(m.Groups[2].Value));
        }

        Assert.True(kpis["netBenefit"]!["value"]!.GetValue<double>() > 0, "the bundled scenario has a plan that pays");
        foreach (var account in new[] { "firms", "publicBudget", "externalities", "society" })
        {
            var value = Regex.Match(run.ResultsPage, $"data-account=\"{account}\" data-value=\"([^\"]+)\"", RegexOptions.None, TimeSpan.FromSeconds(1));
            Assert.True(value.Success, $"results page lacks the {account} account");
            Assert.Equal(results["accounts"]![account]!["value"]!.GetValue<double>(), double.Parse(value.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        foreach (var finding in results["findings"]!.AsArray())
        {
            Assert.Contains(WebUtility.HtmlEncode(finding!.GetValue<string>()), run.ResultsPage, StringComparison.Ordinal);
        }

        Assert.Equal(results["exchanges"]!.AsArray().Count, Regex.Matches(run.ResultsPage, "<tr data-key=\"[^\"]+\"><td>", RegexOptions.None, TimeSpan.FromSeconds(1)).Count
            - results["notChosen"]!["groups"]!.AsArray().Sum(g => g!["candidates"]!.AsArray().Count));
        Assert.Equal(results["actors"]!.AsArray().Count, Regex.Matches(run.ResultsPage, "<tr data-actor=", RegexOptions.None, TimeSpan.FromSeconds(1)).Count);
        Assert.Contains("<h2>Why not chosen</h2>", run.ResultsPage, StringComparison.Ordinal);
        Assert.Contains($"data-flows=\"/runs/{run.RunId}/files/flows.geojson\"", run.ResultsPage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_apps_results_json_is_the_clis_apart_from_the_metadata_block()
    {
        var (code, _, err) = CliHarness.Run("run", TestPaths.Scenario("varmland-dalarna"), "--out", Path.Combine(run.Workspace, "cli"));
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Equal(Stable(File.ReadAllText(Path.Combine(run.Workspace, "cli", "results.json"))), Stable(File.ReadAllText(run.RunFile("results.json"))));
    }

    [Fact]
    public async Task Downloads_return_the_runs_own_files_and_nothing_else()
    {
        using var client = run.Factory.Client();
        foreach (var name in Downloads)
        {
            var answer = await client.GetAsync(U($"/runs/{run.RunId}/files/{name}"));
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal(await File.ReadAllBytesAsync(run.RunFile(name)), await answer.Content.ReadAsByteArrayAsync());
        }

        var runs = await client.GetStringAsync(U("/runs"));
        foreach (var name in Downloads)
        {
            Assert.Contains($"href=\"/runs/{run.RunId}/files/{name}\"", runs, StringComparison.Ordinal);
        }

        foreach (var bad in new[] { $"/runs/{run.RunId}/files/charts", $"/runs/{run.RunId}/files/..%2F..%2Fcatalogue.db", $"/runs/{run.RunId}/files/%2Fetc%2Fpasswd", "/runs/..%2F..%2Fetc/files/results.json", "/runs/00000000-000000-000000/files/results.json", "/assets/..%2FSymbiosisOptimizer.App.dll" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(U(bad))).StatusCode);
        }
    }

    [Fact]
    public async Task The_catalogue_survives_a_restart_on_the_same_workspace()
    {
        using var restarted = new AppFactory(run.Workspace);
        using var client = restarted.Client();
        var runs = await client.GetStringAsync(U("/runs"));
        Assert.Contains($"data-run-id=\"{run.RunId}\"", runs, StringComparison.Ordinal);
        var page = await client.GetStringAsync(U(run.ResultsPath));
        var kpi = new Regex("data-kpi=\"[A-Za-z0-9]+\" data-value=\"[^\"]+\"", RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.Equal(kpi.Matches(run.ResultsPage).Select(m => m.Value), kpi.Matches(page).Select(m => m.Value));
    }

    [Fact]
    public async Task An_unknown_scenario_is_not_run()
    {
        using var client = run.Factory.Client();
        using var form = new FormUrlEncodedContent([new("scenario", "../tests/fixtures"), new("name", "base")]);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync(U("/runs"), form)).StatusCode);
        using var other = new FormUrlEncodedContent([new("scenario", "varmland-dalarna"), new("name", "no-such-scenario")]);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync(U("/runs"), other)).StatusCode);
    }

    [Fact]
    public async Task Run_page_offers_every_named_scenario_and_refuses_an_unknown_pick()
    {
        using var client = run.Factory.Client();
        var html = await client.GetStringAsync(U("/run?scenario=lidkoping"));
        foreach (var s in run.Factory.Services.GetRequiredService<ScenarioLibrary>().All)
        {
            foreach (var name in s.Names)
            {
                Assert.Contains($"<option value=\"{s.Folder}/{name}\"", html, StringComparison.Ordinal);
            }
        }

        Assert.Contains("<option value=\"lidkoping/base\" selected>", html, StringComparison.Ordinal);
        using var form = new FormUrlEncodedContent([new("pick", "lidkoping/no-such-scenario")]);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync(U("/runs"), form)).StatusCode);
    }

    [Fact]
    public async Task Without_a_token_only_loopback_host_names_are_answered()
    {
        using var client = run.Factory.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, U("/"));
        request.Headers.Host = "rebound.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task A_form_posted_from_another_site_is_refused()
    {
        using var client = run.Factory.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, U("/runs")) { Content = new FormUrlEncodedContent([new("scenario", "varmland-dalarna"), new("name", "base")]) };
        request.Headers.Add("Origin", "http://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task With_a_token_a_request_without_it_is_refused()
    {
        var workspace = Path.Combine(run.Workspace, "with-token");
        using var factory = new AppFactory(workspace, token: "s3cret-token");
        using var client = factory.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(U("/"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(U("/?token=wrong"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(U("/assets/app/app.js"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(U("/?token=s3cret-token"))).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, U("/runs"));
        request.Headers.Add(AppOptions.TokenHeader, "s3cret-token");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", null, true)]
    [InlineData("http://localhost:5080", null, true)]
    [InlineData("http://[::1]:5080", null, true)]
    [InlineData("http://0.0.0.0:5080", null, false)]
    [InlineData("http://*:5080", null, false)]
    [InlineData("http://192.168.1.10:5080", null, false)]
    [InlineData("http://127.0.0.1:5080;http://0.0.0.0:5081", null, false)]
    [InlineData("http://0.0.0.0:5080", "secret", true)]
    [InlineData("ftp://127.0.0.1:5080", null, false)]
    public void Only_the_loopback_interface_may_be_used_without_a_token(string urls, string? token, bool allowed) =>
        Assert.Equal(allowed, AppOptions.Refusal(urls, token) is null);

    [Fact]
    public void Serve_refuses_another_address_without_a_token()
    {
        var (code, _, err) = CliHarness.Run("serve", "--urls", "http://0.0.0.0:5080");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--token", err, StringComparison.Ordinal);
    }

    private static string Stable(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        Assert.True(node.Remove("metadata"));
        Assert.True(node.Remove("source"));
        return node.ToJsonString();
    }
}
