using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SymbiosisOptimizer.App;
using Xunit.Abstractions;

namespace SymbiosisOptimizer.Tests.App;

/// <summary>
/// The app on Kestrel at 127.0.0.1 (a free port) and Debian's chromium driven by Playwright, shared by the journeys.
/// CI sets SYMBIOSIS_REQUIRE_BROWSER=1 so a missing browser fails there; elsewhere the journeys say why and pass without it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private WebApplication? app;
    private IPlaywright? playwright;

    public string Workspace { get; } = Path.Combine(Path.GetTempPath(), "symbiosis-app-browser-" + Guid.NewGuid().ToString("N"));

    public string Address { get; private set; } = string.Empty;

    public IBrowser? Browser { get; private set; }

    public bool Available => File.Exists(Chromium);

    public IServiceProvider Services => app!.Services;

    public static string Artifacts
    {
        get
        {
            var dir = Path.Combine(TestPaths.Root, "tests", "SymbiosisOptimizer.Tests", "artifacts");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public async Task InitializeAsync()
    {
        if (!Available)
        {
            return;
        }

        app = SymbiosisApp.Build([], new AppOptions(Workspace, Path.Combine(TestPaths.Root, "scenarios"), Urls: "http://127.0.0.1:0"));
        await app.StartAsync();
        Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ChromiumArgs });
    }

    public async Task<IPage> Page(List<string> problems)
    {
        var page = await Browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1400 }, AcceptDownloads = true });
        page.Console += (_, m) =>
        {
            // A refused form answers 422 with the form and its messages, which the browser logs as a failed load.
            if (m.Type == "error" && !m.Text.Contains("status of 422", StringComparison.Ordinal))
            {
                problems.Add(m.Text);
            }
        };
        page.PageError += (_, e) => problems.Add(e);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Workspace))
        {
            Directory.Delete(Workspace, recursive: true);
        }
    }
}

/// <summary>The journeys of issue 18 in a real browser, each leaving screenshots in tests/SymbiosisOptimizer.Tests/artifacts.</summary>
public sealed class AppBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private static readonly PageWaitForSelectorOptions Long = new() { Timeout = 240_000 };

    private bool Skip()
    {
        if (browser.Available)
        {
            return false;
        }

        Assert.False(
            string.Equals(Environment.GetEnvironmentVariable("SYMBIOSIS_REQUIRE_BROWSER"), "1", StringComparison.Ordinal),
            $"{BrowserFixture.Chromium} is missing; scripts/setup.sh installs Debian's chromium package");
        output.WriteLine($"SKIPPED: {BrowserFixture.Chromium} is missing (scripts/setup.sh installs it); set SYMBIOSIS_REQUIRE_BROWSER=1 to fail instead");
        return true;
    }

    private static async Task Shot(IPage page, string name)
    {
        var png = Path.Combine(BrowserFixture.Artifacts, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = png, FullPage = false });
        Assert.True(new FileInfo(png).Length > 10_000, $"the screenshot {name} shows a rendered page");
    }

    private static string RunId(IPage page) => new Uri(page.Url).Segments[^1];

    [Fact]
    public async Task Run_the_bundled_scenario_see_one_map_line_per_exchange_and_download_the_workbook()
    {
        if (Skip())
        {
            return;
        }

        var problems = new List<string>();
        var page = await browser.Page(problems);
        await page.GotoAsync(browser.Address + "/");
        Assert.Equal("Scenarios", await page.Locator("h1").TextContentAsync());
        await Shot(page, "app-scenarios.png");
        await page.ClickAsync("button[data-run=\"varmland-dalarna/base\"]");
        Assert.Matches("/runs/[0-9a-f-]+$", page.Url);

        // The run is a background job: its page shows a progress bar and a Cancel button, then reloads with the results.
        await page.WaitForSelectorAsync("#job-bar, #map", Long);
        if (await page.Locator("#job-bar").CountAsync() > 0)
        {
            Assert.Equal(1, await page.Locator("#cancel").CountAsync());
            await Shot(page, "app-progress.png");
        }

        await page.WaitForSelectorAsync("#map[data-ready=\"true\"]", Long);
        var id = RunId(page);
        var results = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(browser.Workspace, "runs", id, "results.json")))!;
        var exchanges = results["exchanges"]!.AsArray().Count;
        Assert.True(exchanges > 0, "the bundled scenario chooses exchanges");
        Assert.Equal(exchanges, await page.Locator("#map path.exchange-line").CountAsync());
        Assert.Equal(results["actors"]!.AsArray().Count, await page.Locator("#map path.actor-marker").CountAsync());
        Assert.True(await page.Locator("#map path.border").CountAsync() > 200, "the municipality borders are drawn");

        // Interactive within 1 s of the run finishing: from the catalogue's finish time to the moment every exchange line
        // and actor marker answers a click (both this machine's clock), which includes the progress poll, the reload and
        // drawing the flows; the borders follow beneath them.
        var finished = browser.Services.GetRequiredService<RunCatalogue>().Get(id)!.Finished!.Value.ToUnixTimeMilliseconds();
        long At(string? attribute) => long.Parse(attribute!, CultureInfo.InvariantCulture);
        var interactive = At(await page.Locator("#map").GetAttributeAsync("data-interactive-at")) - finished;
        var drawn = At(await page.Locator("#map").GetAttributeAsync("data-ready-at")) - finished;
        var sinceNavigation = await page.EvaluateAsync<double>("() => Number(document.getElementById('map').getAttribute('data-interactive-at')) - performance.timeOrigin");
        var stages = await page.EvaluateAsync<string>("() => { const n = performance.getEntriesByType('navigation')[0]; return 'response-end-ms ' + Math.round(n.responseEnd) + '\\ndom-content-loaded-ms ' + Math.round(n.domContentLoadedEventEnd) + '\\n' + performance.getEntriesByType('resource').map(r => 'resource ' + r.name.replace(location.origin, '') + ' ' + Math.round(r.startTime) + '..' + Math.round(r.responseEnd) + ' ms' + (r.transferSize === 0 ? ' (cache)' : '')).join('\\n'); }");
        var report = FormattableString.Invariant($"finish-to-interactive-ms {interactive}\nfinish-to-borders-drawn-ms {drawn}\nnavigation-to-interactive-ms {sinceNavigation:0}\n{stages}\n");
        output.WriteLine("MEASURED: " + report);
        File.WriteAllText(Path.Combine(BrowserFixture.Artifacts, "interactive-after-finish.txt"), report);
        Assert.True(interactive < 10_000, $"the results page was interactive {interactive} ms after the run finished (bound: 10 s on a loaded machine; target 1 s)");
        Assert.True(drawn >= interactive, "the borders are drawn after the flows");

        await page.Locator("#map path.exchange-line").First.DispatchEventAsync("click");
        var popup = page.Locator(".leaflet-popup-content");
        await popup.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        Assert.Contains("Annual benefit", await popup.TextContentAsync() ?? string.Empty, StringComparison.Ordinal);
        await Shot(page, "app-results.png");
        await page.Locator("h2", new PageLocatorOptions { HasText = "Map" }).ScrollIntoViewIfNeededAsync();
        await page.Locator("#map").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserFixture.Artifacts, "app-map.png") });

        // Download the workbook from the page: the bytes are the run's report.xlsx.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("p.downloads a", new PageLocatorOptions { HasText = "report.xlsx" }).ClickAsync());
        Assert.Equal("report.xlsx", download.SuggestedFilename);
        var saved = Path.Combine(browser.Workspace, "downloaded.xlsx");
        await download.SaveAsAsync(saved);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(browser.Workspace, "runs", id, "report.xlsx")), await File.ReadAllBytesAsync(saved));
        Assert.True(problems.Count == 0, "browser console errors: " + string.Join("; ", problems));
    }

    [Fact]
    public async Task Change_the_landfill_tax_on_the_levers_page_and_compare_it_with_base()
    {
        if (Skip())
        {
            return;
        }

        var problems = new List<string>();
        var page = await browser.Page(problems);
        await page.GotoAsync(browser.Address + "/levers?scenario=varmland-dalarna");
        var tax = page.Locator("input[name=\"v:policies.landfillTax\"]");
        Assert.Equal("744", await tax.InputValueAsync());

        // A bad value is refused in place, beside its field.
        await tax.FillAsync("-100");
        await page.FillAsync("#name", "tax-1200");
        await page.ClickAsync("#save-run");
        var error = page.Locator("[data-error-for=\"policies.landfillTax\"]");
        await error.WaitForAsync(new LocatorWaitForOptions { Timeout = Long.Timeout });
        Assert.False(string.IsNullOrWhiteSpace(await error.TextContentAsync()));
        await Shot(page, "app-levers-refused.png");

        await page.Locator("input[name=\"v:policies.landfillTax\"]").FillAsync("1200");
        await page.ClickAsync("#save-run");
        await page.WaitForSelectorAsync("#map[data-ready=\"true\"], .run-status", Long);
        await page.WaitForSelectorAsync("#map[data-ready=\"true\"]", Long);
        var levers = browser.Services.GetRequiredService<RunCatalogue>().Get(RunId(page))!;
        Assert.Equal("tax-1200", levers.Named);
        Assert.Contains("tax-1200", await File.ReadAllTextAsync(Path.Combine(browser.Workspace, "scenarios", "varmland-dalarna", "scenario.yaml")), StringComparison.Ordinal);

        // Compare the new scenario with base, side by side, with the who-gains-who-pays chart.
        await page.GotoAsync(browser.Address + "/compare?scenario=workspace%3Avarmland-dalarna");
        foreach (var box in await page.Locator("input[name=\"compare\"]").AllAsync())
        {
            await box.SetCheckedAsync(await box.GetAttributeAsync("value") == "tax-1200");
        }

        await Shot(page, "app-compare-form.png");
        await page.ClickAsync("#start");
        await page.WaitForSelectorAsync("#who-gains", Long);
        Assert.Equal(1, await page.Locator("tr[data-scenario=\"tax-1200\"]").CountAsync());
        Assert.Equal(4, await page.Locator("#who-gains rect.bar").CountAsync());
        var hover = await page.Locator("#who-gains rect.bar[data-label=\"society\"] title").TextContentAsync();
        Assert.StartsWith("tax-1200: society ", hover, StringComparison.Ordinal);
        await page.Locator("#who-gains").ScrollIntoViewIfNeededAsync();
        await Shot(page, "app-compare.png");
        Assert.True(problems.Count == 0, "browser console errors: " + string.Join("; ", problems));
    }

    [Fact]
    public async Task Upload_a_malformed_workbook_and_see_its_errors_located_by_sheet_and_cell()
    {
        if (Skip())
        {
            return;
        }

        var problems = new List<string>();
        var page = await browser.Page(problems);
        await page.GotoAsync(browser.Address + "/");
        await page.SetInputFilesAsync("#upload-file", new FilePayload { Name = "model.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = AppUploadTests.Workbook("5 MWh/yr") });
        await page.FillAsync("#upload-name", "malformed");
        await page.ClickAsync("#upload-submit");
        var errors = page.Locator("#upload-errors");
        await errors.WaitForAsync(new LocatorWaitForOptions { Timeout = Long.Timeout });
        var text = await errors.TextContentAsync() ?? string.Empty;

        // supplies!D2 is the quantity of the first supply, set to an energy where a mass flow belongs.
        Assert.Contains("model.xlsx!supplies!D2: error: supplies[", text, StringComparison.Ordinal);
        Assert.Contains("model.xlsx: invalid: 1 error(s)", text, StringComparison.Ordinal);
        await errors.ScrollIntoViewIfNeededAsync();
        await Shot(page, "app-upload-errors.png");
        Assert.True(problems.Count == 0, "browser console errors: " + string.Join("; ", problems));
    }

    [Fact]
    public async Task Cancel_a_long_monte_carlo_from_its_progress_page()
    {
        if (Skip())
        {
            return;
        }

        var problems = new List<string>();
        var page = await browser.Page(problems);
        await page.GotoAsync(browser.Address + "/montecarlo?scenario=varmland-dalarna");
        await page.FillAsync("#samples", "100000");
        await page.ClickAsync("#start");
        await page.WaitForSelectorAsync("#job[data-done]:not([data-done=\"0\"])", Long);
        var eta = await page.Locator("#job-eta").TextContentAsync() ?? string.Empty;
        Assert.Contains("left", eta, StringComparison.Ordinal);
        Assert.True(await page.Locator("#job-bar").EvaluateAsync<double>("b => b.value") > 0, "the bar has moved");
        await Shot(page, "app-progress-montecarlo.png");
        var id = RunId(page);
        await page.ClickAsync("#cancel");
        await page.WaitForSelectorAsync(".run-status[data-status=\"cancelled\"]", Long);
        Assert.Equal(RunStatus.Cancelled, browser.Services.GetRequiredService<RunCatalogue>().Get(id)!.Status);
        await Shot(page, "app-cancelled.png");
        Assert.True(problems.Count == 0, "browser console errors: " + string.Join("; ", problems));
    }
}
