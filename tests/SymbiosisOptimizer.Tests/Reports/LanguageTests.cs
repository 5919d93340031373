using System.Text.RegularExpressions;
using ClosedXML.Excel;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Charts;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Excel;
using SymbiosisOptimizer.Reports.Html;
using SymbiosisOptimizer.Reports.Localization;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Tests.Reports;

/// <summary>The report string catalogue, the number formatter by language, and the Swedish HTML report and workbook.</summary>
public partial class LanguageTests
{
    private const char Nbsp = '\u00A0';

    public static TheoryData<Language> AllLanguages() => [.. Enum.GetValues<Language>()];

    [Theory]
    [MemberData(nameof(AllLanguages))]
    public void Every_phrase_has_a_text_in_every_language_with_the_same_placeholders(Language language)
    {
        var english = ReportStrings.Table(Language.En);
        var table = ReportStrings.Table(language);
        foreach (var phrase in Enum.GetValues<ReportPhrase>())
        {
            Assert.True(table.TryGetValue(phrase, out var text) && !string.IsNullOrWhiteSpace(text), $"{phrase} has no {language} text");
            // A pattern whose translation drops or adds a figure would show the wrong figure or throw.
            Assert.Equal(Placeholders(english[phrase]), Placeholders(text));
        }
    }

    [Fact]
    public void The_English_headings_are_the_ones_the_html_report_declares()
    {
        var t = ReportFormat.English;
        Assert.Equal(RunHtml.Headings, [t[ReportPhrase.SummaryHeading], t[ReportPhrase.MapHeading], t[ReportPhrase.ChartsHeading], t[ReportPhrase.ExchangesHeading], t[ReportPhrase.ActorsHeading], t[ReportPhrase.ImpactsHeading], t[ReportPhrase.InputsHeading]]);
        Assert.Equal(RunWorkbook.SummarySheet, t[ReportPhrase.SummarySheet]);
        Assert.Equal(RunWorkbook.InputsSheet, t[ReportPhrase.InputsSheet]);
        Assert.Equal(RunWorkbook.KeyFiguresHeader, t[ReportPhrase.KeyFigure]);
    }

    // Hand-written: Swedish groups thousands with a no-break space and writes a decimal comma; English as before.
    [Theory]
    [InlineData(Language.En, 15135445.0, 0, "15,135,445 SEK")]
    [InlineData(Language.Sv, 15135445.0, 0, "15\u00A0135\u00A0445 kr")]
    [InlineData(Language.Sv, 1234.56, 1, "1\u00A0234,6 kr")]
    [InlineData(Language.Sv, -0.04, 1, "0 kr")]
    [InlineData(Language.En, -0.04, 1, "0 SEK")]
    public void Figures_write_an_amount_in_the_language(Language language, double value, int decimals, string expected)
    {
        Assert.Equal(expected, Figures.With(new Amount(value, "SEK"), decimals, language));
    }

    [Theory]
    [InlineData("SEK/yr", "kr/år")]
    [InlineData("kSEK", "tkr")]
    [InlineData("MSEK/km", "Mkr/km")]
    [InlineData("t CO2e/yr", "t CO2e/år")]
    [InlineData("EUR/t", "EUR/t")]
    [InlineData("years", "år")]
    [InlineData("t/yr", "t/år")]
    public void Swedish_unit_words_replace_SEK_and_yr_only(string unit, string swedish)
    {
        Assert.Equal(swedish, ReportFormat.For(Language.Sv).Unit(unit));
        Assert.Equal(unit, ReportFormat.English.Unit(unit));
    }

    // Figures.Number: whole numbers from 1 000 up, two decimals from 1, six below 1 (see its summary).
    [Theory]
    [InlineData(1234567.0, Language.Sv, "1\u00A0234\u00A0567")]
    [InlineData(12.25, Language.Sv, "12,25")]
    [InlineData(0.125, Language.Sv, "0,125")]
    [InlineData(1234567.0, Language.En, "1,234,567")]
    [InlineData(12.25, Language.En, "12.25")]
    public void Numbers_are_grouped_and_pointed_by_language(double value, Language language, string expected)
    {
        Assert.Equal(expected, Figures.Number(value, language));
    }

    [Fact]
    public void The_Swedish_reports_show_the_same_figures_in_Swedish_words_and_format()
    {
        var report = TinyReport();
        var charts = RunCharts.Build(report);

        var en = RunHtml.Build(report, charts);
        var sv = RunHtml.Build(report, charts, Language.Sv);

        Assert.Contains("<html lang=\"sv\">", sv, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"summary\">Sammanfattning</h2>", sv, StringComparison.Ordinal);
        Assert.Contains("Nettonytta (kr/&#229;r)", sv, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", en, StringComparison.Ordinal);
        // The same key figures: the Swedish text read back with its own separators equals the English one.
        var enValues = KpiValues().Matches(en).Select(m => double.Parse(m.Groups[1].Value.Replace(",", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var svValues = KpiValues().Matches(sv).Select(m => double.Parse(System.Net.WebUtility.HtmlDecode(m.Groups[1].Value).Replace(Nbsp.ToString(), string.Empty, StringComparison.Ordinal).Replace(',', '.'), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(enValues);
        Assert.Equal(enValues, svValues);
        Assert.Contains(enValues, v => Math.Abs(v) >= 1000); // so the thousands separator is exercised
        Assert.Contains("&#160;", KpiValues().Matches(sv).First(m => m.Groups[1].Value.Length > 4).Value, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Swedish_workbook_holds_the_same_numbers_in_the_same_cells_under_Swedish_names()
    {
        var report = TinyReport();
        using var en = new XLWorkbook(new MemoryStream(RunWorkbook.Build(report)));
        using var sv = new XLWorkbook(new MemoryStream(RunWorkbook.Build(report, Language.Sv)));

        Assert.Equal(["Sammanfattning", "Utbyten", "Uppdelning", "Ej valda", "Aktörer", "Effekter", "Indata och antaganden"], sv.Worksheets.Select(w => w.Name));
        Assert.Equal(en.Worksheets.Count, sv.Worksheets.Count);
        for (var i = 1; i <= en.Worksheets.Count; i++)
        {
            var a = en.Worksheet(i);
            var b = sv.Worksheet(i);
            var numbers = a.CellsUsed(c => c.DataType == XLDataType.Number).ToList();
            Assert.Equal(numbers.Select(c => (c.Address.ToString(), c.GetDouble())), b.CellsUsed(c => c.DataType == XLDataType.Number).Select(c => (c.Address.ToString(), c.GetDouble())));
        }
    }

    private static RunReport TinyReport()
    {
        var load = ScenarioLoader.Load(TestPaths.Fixture("tiny"));
        Assert.True(load.Succeeded, string.Join("\n", load.Errors));
        var document = RunPipeline.Solve(load.Region!, new RunProvenance(load.SourceFile, load.ScenarioName, load.AppliedOverrides), RunSettings.Default);
        return new RunReport(load.Region!, document);
    }

    private static List<int> Placeholders(string text) =>
        [.. PlaceholderPattern().Matches(text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order()];

    [GeneratedRegex(@"\{(\d+)(?::[^}]*)?\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex("<div class=\"value\">([^<]*)</div>")]
    private static partial Regex KpiValues();
}
