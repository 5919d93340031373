using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace SymbiosisOptimizer.Tests.App;

/// <summary>The robust-plan journey of issue 24 in a real browser (as <see cref="AppBrowserTests"/>), leaving app-robust.png in the artifacts.</summary>
public sealed class DecisionBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private static readonly PageWaitForSelectorOptions Long = new() { Timeout = 240_000 };

    [Fact]
    public async Task Plan_robustly_from_the_run_page_with_few_samples_and_see_the_distribution_and_the_vss_in_words()
    {
        if (!browser.Available)
        {
            Assert.False(
                string.Equals(Environment.GetEnvironmentVariable("SYMBIOSIS_REQUIRE_BROWSER"), "1", StringComparison.Ordinal),
                $"{BrowserFixture.Chromium} is missing; scripts/setup.sh installs Debian's chromium package");
            output.WriteLine($"SKIPPED: {BrowserFixture.Chromium} is missing (scripts/setup.sh installs it); set SYMBIOSIS_REQUIRE_BROWSER=1 to fail instead");
            return;
        }

        var problems = new List<string>();
        var page = await browser.Page(problems);
        await page.GotoAsync(browser.Address + "/run?scenario=varmland-dalarna");
        await page.ClickAsync("#link-robust");
        Assert.EndsWith("/robust?scenario=varmland-dalarna", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#samples", "6");
        await page.ClickAsync("#start");

        // A background job: the progress page follows it and reloads with the document's page.
        await page.WaitForSelectorAsync(".run-status", Long);
        Assert.Equal("done", await page.Locator(".run-status").GetAttributeAsync("data-status"));
        var id = new Uri(page.Url).Segments[^1];
        var doc = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(browser.Workspace, "runs", id, "robust.json")))!;

        // One point per sample and plan with a result, as robust.json lists them.
        var draws = doc["draws"]!.AsArray();
        var expected = new[] { "robust", "meanPlan", "waitAndSee" }.Sum(k => draws.Count(x => x![k] is not null));
        Assert.Equal(expected, await page.Locator("#robust-distribution circle.point").CountAsync());
        var hover = await page.Locator("#robust-distribution circle.point title").First.TextContentAsync();
        Assert.StartsWith("robust plan: sample ", hover, StringComparison.Ordinal);

        // The VSS in words, with the document's figure.
        var vss = page.Locator("#vss");
        Assert.Contains("value of the stochastic solution (VSS)", await vss.TextContentAsync() ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(doc["valueOfStochasticSolution"]!["value"]!.GetValue<double>(), double.Parse((await vss.GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture));
        Assert.Equal(1, await page.Locator("#evpi").CountAsync());
        // The screenshot: the VSS and EVPI in words, their table and the distribution beneath.
        await page.EvaluateAsync("() => document.getElementById('vss').previousElementSibling.scrollIntoView()");
        var png = Path.Combine(BrowserFixture.Artifacts, "app-robust.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = png, FullPage = false });
        Assert.True(new FileInfo(png).Length > 10_000, "the screenshot shows a rendered page");

        // The HTML report downloads from the page.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("p.downloads a", new PageLocatorOptions { HasText = "robust.html" }).ClickAsync());
        Assert.Equal("robust.html", download.SuggestedFilename);
        Assert.True(problems.Count == 0, "browser console errors: " + string.Join("; ", problems));
    }
}
