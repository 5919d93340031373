using System.Net;
using Microsoft.Data.Sqlite;
using SymbiosisOptimizer.App;

namespace SymbiosisOptimizer.Tests.App;

/// <summary>
/// The decision jobs (robust, alternatives, pareto) in the app's two languages, on the hand-worked fixtures so each job
/// takes seconds: the Runs list names them (it once threw for these kinds), and their pages are written in the page's language.
/// </summary>
public sealed class AppDecisionLanguageTests : IDisposable
{
    private readonly string workspace = Path.Combine(Path.GetTempPath(), "symbiosis-app-decide-lang-" + Guid.NewGuid().ToString("N"));
    private readonly AppFactory factory;

    public AppDecisionLanguageTests() => factory = new AppFactory(workspace, scenarios: TestPaths.Fixtures);

    private static Uri U(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task The_runs_page_lists_a_robust_job_with_its_title_in_english_and_in_swedish()
    {
        using var client = factory.Client();
        var id = await Robust(client);

        // The titles are the ones the issue asks for: the English page title, and its Swedish wording.
        var english = await client.GetAsync(U("/runs?lang=en"));
        Assert.Equal(HttpStatusCode.OK, english.StatusCode);
        var en = WebUtility.HtmlDecode(await english.Content.ReadAsStringAsync());
        Assert.Contains($"/runs/{id}", en, StringComparison.Ordinal);
        Assert.Contains("Robust plan of two-futures: base", en, StringComparison.Ordinal);

        var swedish = await client.GetAsync(U("/runs?lang=sv"));
        Assert.Equal(HttpStatusCode.OK, swedish.StatusCode);
        var sv = WebUtility.HtmlDecode(await swedish.Content.ReadAsStringAsync());
        Assert.Contains($"/runs/{id}", sv, StringComparison.Ordinal);
        Assert.Contains("Robust planering av two-futures: base", sv, StringComparison.Ordinal);
        Assert.DoesNotContain("Robust plan of", sv, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_job_kind_has_a_title_in_every_language()
    {
        // The Runs page and every job's page ask for the kind's title: no kind may be missing from the switch.
        foreach (var kind in Enum.GetValues<JobKind>())
        {
            foreach (var language in Enum.GetValues<SymbiosisOptimizer.Reports.Localization.Language>())
            {
                Assert.False(string.IsNullOrWhiteSpace(AppText.For(language).Title(kind)), $"{kind} has no {language} title");
            }

            Assert.Equal(AppText.English.Title(kind), JobKinds.Title(kind));
        }
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

    private async Task<string> Robust(HttpClient client)
    {
        var id = await AppFactory.Started(client, "/decisions", [new("kind", "robust"), new("scenario", "two-futures"), new("named", "base"), new("samples", "4"), new("seed", "3"), new("risk", "expected")]);
        var entry = factory.WaitFor(id);
        Assert.True(entry.Status == "done", entry.Status + ": " + entry.Message);
        return id;
    }
}
