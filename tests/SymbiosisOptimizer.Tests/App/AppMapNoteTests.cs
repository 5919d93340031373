using System.Net;
using Microsoft.Data.Sqlite;

namespace SymbiosisOptimizer.Tests.App;

/// <summary>
/// The results page's map note names the borders drawn and says when some actors lie outside them: Kalundborg's actors
/// are in Denmark, where the shipped boundary file (Swedish municipalities) has no borders.
/// </summary>
[Collection(AppRunCollection.Name)]
public sealed class AppMapNoteTests(AppRunFixture run)
{
    /// <summary>Hand-written: the note's last sentence in each case, English and Swedish.</summary>
    private const string Inside = "Borders: Swedish municipalities.";
    private const string Outside = "Borders: Swedish municipalities only; the actors outside Sweden have no borders drawn around them.";
    private const string OutsideSv = "Gränser: endast svenska kommuner; runt aktörerna utanför Sverige ritas inga gränser.";

    [Fact]
    public void A_region_inside_sweden_has_the_plain_note() =>
        Assert.Contains(Inside, WebUtility.HtmlDecode(run.ResultsPage), StringComparison.Ordinal);

    [Fact]
    public async Task A_danish_region_says_its_actors_have_no_borders_drawn_in_both_languages()
    {
        var workspace = Path.Combine(Path.GetTempPath(), "symbiosis-app-map-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var factory = new AppFactory(workspace))
            {
                using var client = factory.Client();
                var id = await AppFactory.Started(client, "/runs", [new("scenario", "kalundborg"), new("name", "base")]);
                factory.WaitFor(id);
                var english = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/runs/{id}?lang=en", UriKind.Relative)));
                var swedish = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/runs/{id}?lang=sv", UriKind.Relative)));
                Assert.Contains(Outside, english, StringComparison.Ordinal);
                Assert.DoesNotContain(Inside, english, StringComparison.Ordinal);
                Assert.Contains(OutsideSv, swedish, StringComparison.Ordinal);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(workspace))
            {
                Directory.Delete(workspace, recursive: true);
            }
        }
    }
}
