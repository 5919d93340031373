using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SymbiosisOptimizer.App;
using SymbiosisOptimizer.Reports.Localization;

namespace SymbiosisOptimizer.Tests.App;

/// <summary>The app's own page text in Swedish and English: the phrase table is complete, and ?lang=sv writes the pages in Swedish.</summary>
[Collection(AppRunCollection.Name)]
public sealed partial class AppPageLanguageTests(AppRunFixture run)
{
    private const char Nbsp = '\u00A0';

    private static Uri U(string path) => new(path, UriKind.Relative);

    public static TheoryData<Language> AllLanguages() => [.. Enum.GetValues<Language>()];

    [Theory]
    [MemberData(nameof(AllLanguages))]
    public void Every_app_phrase_has_a_text_in_every_language_with_the_same_placeholders(Language language)
    {
        var english = AppStrings.Table(Language.En);
        var table = AppStrings.Table(language);
        foreach (var phrase in Enum.GetValues<AppPhrase>())
        {
            Assert.True(table.TryGetValue(phrase, out var text) && !string.IsNullOrWhiteSpace(text), $"{phrase} has no {language} text");
            // A translation that drops or adds a figure would show the wrong figure or throw.
            Assert.Equal(Placeholders(english[phrase]), Placeholders(text));
        }
    }

    [Fact]
    public void The_swedish_table_is_a_translation_not_a_copy()
    {
        // Words that are the same in both languages (Monte Carlo, CO2e, formulas) are few; most phrases must differ,
        // so a table filled by copying the English would fail.
        var en = AppStrings.Table(Language.En);
        var sv = AppStrings.Table(Language.Sv);
        var same = Enum.GetValues<AppPhrase>().Where(p => en[p] == sv[p]).ToList();
        Assert.True(same.Count <= 6, "the same text in both languages: " + string.Join(", ", same));
    }

    [Fact]
    public async Task The_swedish_run_page_has_swedish_headings_and_swedish_numbers_and_the_scenarios_own_names()
    {
        using var client = run.Factory.Client();
        // Decoded: the pages encode every letter beyond ASCII (ä as &#228;), as the scenario's names always were.
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(U($"{run.ResultsPath}?lang=sv")));
        var results = JsonNode.Parse(await File.ReadAllTextAsync(run.RunFile("results.json")))!;

        Assert.Contains("<html lang=\"sv\">", page, StringComparison.Ordinal);
        // Hand-written Swedish: the headings a Swedish reader expects on the results page.
        Assert.Contains("<h2>Jämfört med dagens situation, per år</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<h2>Vem vinner: de tre kontona</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<h2>Varför inte valda</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<h2>Karta</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/levers\">Styrmedel</a>", page, StringComparison.Ordinal);
        Assert.Contains("<th>Från</th><th>Till</th><th>Resurs</th>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Against today's situation", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">Why not chosen<", page, StringComparison.Ordinal);

        // The net benefit as Swedish writes it: whole kronor, groups of three digits split by a no-break space, and the
        // unit in Swedish words. Expected value derived from results.json by hand-grouping the rounded digits.
        var net = results["kpis"]!["netBenefit"]!["value"]!.GetValue<double>();
        Assert.True(net >= 1_000_000, "the bundled scenario's net benefit has at least two digit groups");
        var m = Regex.Match(page, "data-kpi=\"netBenefit\"[^>]*><div class=\"label\">([^<]+)</div><div class=\"value\">([^<]+)</div><div class=\"unit\">([^<]+)</div>", RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.True(m.Success, "the Swedish page lacks the net benefit KPI");
        Assert.Equal("Nettonytta", m.Groups[1].Value);
        // A value at a midpoint (results.json keeps one decimal) may round either way: the shown whole number
        // is within half a krona of it, and written with its digits grouped by three.
        var shown = m.Groups[2].Value;
        var whole = double.Parse(shown.Replace(Nbsp.ToString(), string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(whole - net) <= 0.5, $"{shown} is not {net} rounded");
        Assert.Equal(Grouped(whole, Nbsp), shown);
        Assert.Equal("kr/år", m.Groups[3].Value);

        // The scenario's own names are untouched: the region, every actor and every exchange's resource as written.
        Assert.Contains($"<h1>{results["region"]!.GetValue<string>()}</h1>", page, StringComparison.Ordinal);
        foreach (var actor in results["actors"]!.AsArray())
        {
            Assert.Contains($"<td>{actor!["name"]!.GetValue<string>()}</td>", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_english_page_offers_swedish_and_the_swedish_page_offers_english_on_the_same_page()
    {
        using var client = run.Factory.Client();
        var english = WebUtility.HtmlDecode(await client.GetStringAsync(U("/compare?scenario=varmland-dalarna&lang=en")));
        var swedish = WebUtility.HtmlDecode(await client.GetStringAsync(U("/compare?scenario=varmland-dalarna&lang=sv")));

        Assert.Contains("href=\"/compare?scenario=varmland-dalarna&lang=sv\"", english, StringComparison.Ordinal);
        Assert.Contains("href=\"/compare?scenario=varmland-dalarna&lang=en\"", swedish, StringComparison.Ordinal);
        Assert.Contains("<h1>Compare</h1>", english, StringComparison.Ordinal);
        Assert.Contains("<h1>Jämförelse</h1>", swedish, StringComparison.Ordinal);
        Assert.Contains("Starta jämförelse", swedish, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_is_remembered_across_pages_until_switched_back()
    {
        using var client = run.Factory.Client();
        await client.GetStringAsync(U("/?lang=sv"));
        var runs = WebUtility.HtmlDecode(await client.GetStringAsync(U("/runs")));
        await client.GetStringAsync(U("/?lang=en"));
        var back = await client.GetStringAsync(U("/runs"));

        Assert.Contains("<h1>Körningar och nedladdningar</h1>", runs, StringComparison.Ordinal);
        Assert.Contains("<h1>Runs and downloads</h1>", back, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_runner_form_says_why_in_swedish_beside_the_swedish_form()
    {
        using var client = run.Factory.Client();
        await client.GetStringAsync(U("/?lang=sv"));
        using var form = new FormUrlEncodedContent([new("kind", "montecarlo"), new("scenario", "varmland-dalarna"), new("named", "base"), new("samples", "0"), new("seed", "1")]);
        var answer = await client.PostAsync(U("/runner"), form);
        var page = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
        Assert.Contains("<li>stickprov: 0 är inte tillåtet; ange ett heltal från 1 till", page, StringComparison.Ordinal);
        Assert.Contains("<h1>Monte Carlo</h1>", page, StringComparison.Ordinal);
        Assert.Contains("Samma frö ger samma dokument".ToLowerInvariant(), page, StringComparison.Ordinal);
    }

    /// <summary>Digits of a whole number grouped by three from the right, independent of any culture's formatting.</summary>
    private static string Grouped(double whole, char separator)
    {
        var digits = Math.Abs(whole).ToString("0", CultureInfo.InvariantCulture);
        var groups = new List<string>();
        for (var end = digits.Length; end > 0; end -= 3)
        {
            groups.Insert(0, digits[Math.Max(0, end - 3)..end]);
        }

        return (whole < 0 ? "-" : string.Empty) + string.Join(separator, groups);
    }

    private static List<string> Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}", RegexOptions.None, 1000)]
    private static partial Regex PlaceholderPattern();
}
