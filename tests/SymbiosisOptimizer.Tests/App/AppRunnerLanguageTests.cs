using System.Net;
using ClosedXML.Excel;
using Microsoft.Data.Sqlite;
using SymbiosisOptimizer.App;

namespace SymbiosisOptimizer.Tests.App;

/// <summary>
/// A runner job writes its HTML report and workbook in the language of the page that started it (the app's switch,
/// remembered in its cookie), so a Swedish user downloads Swedish documents; the JSON is the same in both.
/// </summary>
public sealed class AppRunnerLanguageTests : IDisposable
{
    private readonly string workspace = Path.Combine(Path.GetTempPath(), "symbiosis-app-runner-lang-" + Guid.NewGuid().ToString("N"));
    private readonly AppFactory factory;

    public AppRunnerLanguageTests() => factory = new AppFactory(workspace, scenarios: TestPaths.Fixtures);

    private static Uri U(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task A_compare_started_on_a_swedish_page_writes_swedish_html_and_workbook_and_one_started_in_english_english()
    {
        using var swedish = factory.Client();
        // The user switches the page to Swedish (the cookie remembers it), then starts the job from the form.
        Assert.Equal(HttpStatusCode.OK, (await swedish.GetAsync(U("/compare?scenario=tiny&lang=sv"))).StatusCode);
        var sv = await Compare(swedish);

        using var english = factory.Client();
        var en = await Compare(english);

        var svHtml = WebUtility.HtmlDecode(await swedish.GetStringAsync(U($"/runs/{sv}/files/compare.html")));
        Assert.Contains("<html lang=\"sv\">", svHtml, StringComparison.Ordinal);
        // Hand-written Swedish headings of compare.html.
        Assert.Contains("<h2 id=\"key-figures\">Nyckeltal för varje scenario</h2>", svHtml, StringComparison.Ordinal);
        Assert.Contains("<th>Nettonytta (kr/år)</th>", svHtml, StringComparison.Ordinal);

        var enHtml = WebUtility.HtmlDecode(await english.GetStringAsync(U($"/runs/{en}/files/compare.html")));
        Assert.Contains("<html lang=\"en\">", enHtml, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"key-figures\">Key figures of each scenario</h2>", enHtml, StringComparison.Ordinal);

        using (var book = new XLWorkbook(new MemoryStream(await swedish.GetByteArrayAsync(U($"/runs/{sv}/files/comparison.xlsx")))))
        {
            Assert.Equal(["Sammanfattning", "Scenarier", "Kostnadseffektivitet"], book.Worksheets.Select(w => w.Name));
        }

        using (var book = new XLWorkbook(new MemoryStream(await english.GetByteArrayAsync(U($"/runs/{en}/files/comparison.xlsx")))))
        {
            Assert.Equal(["Summary", "Scenarios", "Cost-effectiveness"], book.Worksheets.Select(w => w.Name));
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

    private async Task<string> Compare(HttpClient client)
    {
        var id = await AppFactory.Started(client, "/runner", [new("kind", "compare"), new("scenario", "tiny")]);
        var entry = factory.WaitFor(id);
        Assert.True(entry.Status == RunStatus.Done, entry.Status.Word + ": " + entry.Message);
        return id;
    }
}
