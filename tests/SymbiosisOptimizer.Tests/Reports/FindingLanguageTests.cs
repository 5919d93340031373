using System.Globalization;
using System.Net;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Charts;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Html;
using SymbiosisOptimizer.Reports.Localization;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Tests.Reports;

/// <summary>
/// The run's findings in the reader's language: the document keeps the English ones, report.html and the workbook write
/// the Swedish ones from the same figures, and no view reads a finding's words to decide what to show.
/// </summary>
public sealed class FindingLanguageTests
{
    private static readonly Lazy<RunReport> Bundled = new(() =>
    {
        var load = ScenarioLoader.Load(Path.Combine(TestPaths.Root, "scenarios", "varmland-dalarna"));
        Assert.True(load.Succeeded, string.Join("\n", load.Errors));
        var document = RunPipeline.Solve(load.Region!, new RunProvenance(load.SourceFile, load.ScenarioName, load.AppliedOverrides), RunSettings.Default);
        return new RunReport(load.Region!, document);
    });

    [Fact]
    public void The_document_keeps_the_english_findings_and_swedish_has_the_same_kinds_in_the_same_order()
    {
        var d = Bundled.Value.Document;
        var en = RunFindings.Of(d, Language.En);
        var sv = RunFindings.Of(d, Language.Sv);
        Assert.Equal(d.Findings, en.Select(f => f.Text));
        Assert.Equal(en.Select(f => f.Kind), sv.Select(f => f.Kind));
        // The bundled plan builds a plant, needs permits and has payers: every frame below is exercised.
        Assert.Contains(sv, f => f.Kind == FindingKind.PlantsAndPermits);
        Assert.Contains(sv, f => f.Kind == FindingKind.WhoPays);
    }

    [Fact]
    public void The_swedish_findings_are_swedish_sentences_with_swedish_numbers()
    {
        var d = Bundled.Value.Document;
        var sv = RunFindings.Of(d, Language.Sv);
        var k = d.Kpis!;
        // Hand-written Swedish sentence; the figure is the document's, grouped by hand (no-break spaces, a half away from zero).
        Assert.Equal($"Nettonytta: de valda utbytena sparar {Swedish(k.NetBenefit.Value)} kr per år jämfört med vad aktörerna gör i dag (scenario {d.ScenarioText}).",
            sv.Single(f => f.Kind == FindingKind.NetBenefit).Text);
        Assert.StartsWith($"Deponi: {Swedish(k.LandfillAvoided.Value)} t per år hålls borta från deponi; ", sv.Single(f => f.Kind == FindingKind.Landfill).Text, StringComparison.Ordinal);
        Assert.StartsWith("Vem betalar: ", sv.Single(f => f.Kind == FindingKind.WhoPays).Text, StringComparison.Ordinal);
        Assert.StartsWith("Anläggningar och tillstånd har egna kostnader", sv.Single(f => f.Kind == FindingKind.PlantsAndPermits).Text, StringComparison.Ordinal);
        foreach (var f in sv.Where(f => f.Kind is FindingKind.NetBenefit or FindingKind.Climate or FindingKind.Landfill or FindingKind.WhoGains or FindingKind.GainsMost or FindingKind.WhoPays))
        {
            // The frames' own words and units: nothing English left (names and descriptions are the scenario's).
            Assert.DoesNotContain("SEK", f.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("/yr", f.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(" per year", f.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_swedish_html_report_shows_the_swedish_findings_but_not_the_list_of_largest_exchanges()
    {
        var report = Bundled.Value;
        var html = WebUtility.HtmlDecode(RunHtml.Build(report, RunCharts.Build(report), Language.Sv));
        var sv = RunFindings.Of(report.Document, Language.Sv);
        Assert.Contains(sv.Single(f => f.Kind == FindingKind.NetBenefit).Text, html, StringComparison.Ordinal);
        Assert.Contains(sv.Single(f => f.Kind == FindingKind.WhoPays).Text, html, StringComparison.Ordinal);
        // The header "N utbyte(n) valda; de 3 största är:" and its items are the exchanges table's job in the HTML report.
        Assert.DoesNotContain(sv.Single(f => f.Kind == FindingKind.ExchangesHeader).Text, html, StringComparison.Ordinal);
    }

    /// <summary>Whole units grouped in threes with U+00A0, a half rounded away from zero: written out digit by digit.</summary>
    private static string Swedish(double value)
    {
        var rounded = Math.Round(value, MidpointRounding.AwayFromZero);
        var digits = Math.Abs(rounded).ToString("0", CultureInfo.InvariantCulture);
        var groups = new List<string>();
        for (var end = digits.Length; end > 0; end -= 3)
        {
            groups.Insert(0, digits[Math.Max(0, end - 3)..end]);
        }

        return (rounded < 0 ? "-" : string.Empty) + string.Join('\u00A0', groups);
    }
}

/// <summary>Why-not causes are typed in the document and named in the reader's language.</summary>
public sealed class CauseTitleTests
{
    public static TheoryData<SymbiosisOptimizer.Assessment.Rejected.RejectionCause> Causes() => [.. Enum.GetValues<SymbiosisOptimizer.Assessment.Rejected.RejectionCause>()];

    // The English headings are the engine's own (WhyNotChosen.Title, which the English documents always showed); the
    // Swedish ones are written for the table and must differ.
    [Theory]
    [MemberData(nameof(Causes))]
    public void Every_cause_has_its_english_heading_and_a_swedish_one(SymbiosisOptimizer.Assessment.Rejected.RejectionCause cause)
    {
        Assert.Equal(SymbiosisOptimizer.Assessment.Rejected.WhyNotChosen.Title(cause), CauseTitles.Of(ReportFormat.English, cause));
        Assert.NotEqual(CauseTitles.Of(ReportFormat.English, cause), CauseTitles.Of(ReportFormat.For(Language.Sv), cause));
    }

    // Hand-written: the JSON keeps the kebab-case names it always had, and reads them back as the same enum.
    [Theory]
    [InlineData(SymbiosisOptimizer.Assessment.Rejected.RejectionCause.FixedCost, "fixed-cost")]
    [InlineData(SymbiosisOptimizer.Assessment.Rejected.RejectionCause.PlantNotBuilt, "plant-not-built")]
    [InlineData(SymbiosisOptimizer.Assessment.Rejected.RejectionCause.NotAnalysed, "not-analysed")]
    public void A_cause_is_written_in_kebab_case_and_read_back(SymbiosisOptimizer.Assessment.Rejected.RejectionCause cause, string json)
    {
        var group = new NotChosenGroup(cause, "t", []);
        var text = System.Text.Json.JsonSerializer.Serialize(group, RunDocumentJsonContext.Default.NotChosenGroup);
        Assert.Contains($"\"cause\": \"{json}\"", text, StringComparison.Ordinal);
        Assert.Equal(cause, System.Text.Json.JsonSerializer.Deserialize(text, RunDocumentJsonContext.Default.NotChosenGroup)!.Cause);
    }
}
