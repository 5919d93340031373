using System.Net;

namespace SymbiosisOptimizer.Tests.App;

/// <summary>The app's language switch: ?lang=sv serves the Swedish reports and is remembered; ?lang=en goes back.</summary>
[Collection(AppRunCollection.Name)]
public sealed class AppLanguageTests(AppRunFixture run)
{
    private static Uri U(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task The_switch_serves_the_reports_in_the_chosen_language_and_remembers_it()
    {
        using var client = run.Factory.Client();

        var swedish = await client.GetStringAsync(U($"/runs/{run.RunId}/files/report.html?lang=sv"));
        var remembered = await client.GetStringAsync(U($"/runs/{run.RunId}/files/report.html"));
        var workbook = await client.GetByteArrayAsync(U($"/runs/{run.RunId}/files/report.xlsx"));
        var english = await client.GetStringAsync(U($"/runs/{run.RunId}/files/report.html?lang=en"));
        var json = await client.GetByteArrayAsync(U($"/runs/{run.RunId}/files/results.json?lang=sv"));

        Assert.Contains("<html lang=\"sv\">", swedish, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"summary\">Sammanfattning</h2>", swedish, StringComparison.Ordinal);
        Assert.Equal(swedish, remembered);
        Assert.Equal(await File.ReadAllBytesAsync(run.RunFile("report.sv.xlsx")), workbook);
        Assert.Equal(await File.ReadAllTextAsync(run.RunFile("report.html")), english);
        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        // JSON is language-neutral: the same file whatever the switch says.
        Assert.Equal(await File.ReadAllBytesAsync(run.RunFile("results.json")), json);
    }

    [Fact]
    public async Task An_unknown_language_is_ignored()
    {
        using var client = run.Factory.Client();

        var answer = await client.GetAsync(U($"/runs/{run.RunId}/files/report.html?lang=xx"));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("<html lang=\"en\">", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
