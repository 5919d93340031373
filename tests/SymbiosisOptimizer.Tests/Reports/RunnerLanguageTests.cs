using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using SymbiosisOptimizer.Cli;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Localization;
using SymbiosisOptimizer.Reports.Maps;

namespace SymbiosisOptimizer.Tests.Reports;

/// <summary>
/// `--lang sv` on the runner and decision commands: their phrase table is complete in both languages, and each
/// command's Swedish HTML report and workbook carry Swedish headings (hand-written below) and Swedish-grouped figures
/// that equal the JSON's, which stays the same in either language.
/// </summary>
public sealed partial class RunnerLanguageTests : IDisposable
{
    private const char Nbsp = '\u00A0';

    private readonly string outDir = Path.Combine(Path.GetTempPath(), "symbiosis-runner-lang-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(outDir))
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    [Fact]
    public void Every_runner_phrase_has_english_and_swedish_with_the_same_placeholders_and_swedish_differs()
    {
        foreach (var phrase in Enum.GetValues<RunnerPhrase>())
        {
            Assert.True(RunnerStrings.All.TryGetValue(phrase, out var row), $"{phrase} has no row");
            Assert.False(string.IsNullOrEmpty(row.En), $"{phrase} has no English text");
            Assert.False(string.IsNullOrEmpty(row.Sv), $"{phrase} has no Swedish text");

            // A translation that drops or adds a figure would show the wrong figure or throw.
            Assert.Equal(Placeholders(row.En), Placeholders(row.Sv));

            // An untranslated copy is an error unless the phrase is one Swedish writes alike (and then it must be alike).
            if (RunnerStrings.SameInBoth.Contains(phrase))
            {
                Assert.Equal(row.En, row.Sv);
            }
            else
            {
                Assert.NotEqual(row.En, row.Sv);
            }
        }
    }

    [Fact]
    public void An_unknown_language_is_refused_naming_the_allowed_codes()
    {
        var dir = Path.Combine(outDir, "refused");
        var (code, _, err) = CliHarness.Run("compare", TestPaths.Fixture("tiny"), "--lang", "de", "--out", dir);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--lang 'de' is not allowed; use en or sv", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void Compare_in_swedish()
    {
        var (json, sv, en, book) = Both("comparison.json", "compare.html", "compare", TestPaths.Fixture("tiny"));
        using var wb = new XLWorkbook(book);
        Headings(sv, "Sammanfattning", "Nyckeltal för varje scenario", "Vem vinner och vem betalar, jämfört med 'base'",
            "Kostnadseffektivitet: samhällets kostnad per ton undviken CO2e", "Varje scenarios egna konton, jämfört med i dag", "Efter typ av aktör", "Efter kommun", "Diagram");
        Assert.Contains("<th>Nettonytta (kr/år)</th>", sv, StringComparison.Ordinal);
        Assert.Contains("<th>Net benefit (SEK/yr)</th>", en, StringComparison.Ordinal);
        GroupedFigure(sv, json["scenarios"]![0]!["kpis"]!["netBenefit"]!["value"]!.GetValue<double>());
        Assert.Equal(["Sammanfattning", "Scenarier", "Kostnadseffektivitet"], wb.Worksheets.Select(w => w.Name));
        Assert.Equal("Nettonytta (kr/år)", wb.Worksheet("Scenarier").Cell(1, 3).GetString());
    }

    [Fact]
    public void Barriers_in_swedish()
    {
        var (json, sv, _, book) = Both("barriers.json", "barriers.html", "barriers", TestPaths.Fixture("tiny"));
        using var wb = new XLWorkbook(book);
        Headings(sv, "Planen med alla hinder kvar", "Hinder, det dyraste först", "Skuggpriser för kontinuerliga gränser", "Diagram");
        GroupedFigure(sv, json["base"]!["kpis"]!["netBenefit"]!["value"]!.GetValue<double>());
        Assert.Equal(["Sammanfattning", "Hinder", "Skuggpriser"], wb.Worksheets.Select(w => w.Name));
        Assert.Equal("Förlorat värde (kr/år)", wb.Worksheet("Hinder").Cell(1, 5).GetString());
    }

    [Fact]
    public void Sweep_in_swedish()
    {
        var (json, sv, _, book) = Both("sweep.json", "sweep.html", "sweep", TestPaths.Fixture("tiny"), "--set", "policies.landfillTax=0..1000:500");
        using var wb = new XLWorkbook(book);
        Headings(sv, "Vad som varierades", "Nyckeltal i varje punkt", "Var utbyten slås på eller av", "Utbyten som väljs i någon punkt", "Diagram");
        GroupedFigure(sv, json["points"]![0]!["kpis"]!["netBenefit"]!["value"]!.GetValue<double>());
        Assert.Equal(["Sammanfattning", "Svep", "Omslag", "Parametrar"], wb.Worksheets.Select(w => w.Name));
        Assert.Equal("Nettonytta (kr/år)", wb.Worksheet("Svep").Cell(1, 3).GetString());
    }

    [Fact]
    public void Montecarlo_in_swedish()
    {
        var (json, sv, _, book) = Both("montecarlo.json", "montecarlo.html", "montecarlo", TestPaths.Fixture("two-futures"), "--samples", "4", "--seed", "3");
        using var wb = new XLWorkbook(book);
        Headings(sv, "Nyckeltal över stickproven", "Osäkra indata", "Hur ofta varje utbyte väljs", "Diagram", "Varje stickprov");
        GroupedFigure(sv, json["kpis"]!["netBenefit"]!["p50"]!.GetValue<double>());
        Assert.Equal(["Sammanfattning", "Osäkerhet", "Utbyten", "Indata"], wb.Worksheets.Select(w => w.Name));
        Assert.Equal("Nyckeltal", wb.Worksheet("Osäkerhet").Cell(1, 1).GetString());
    }

    [Fact]
    public void Share_in_swedish()
    {
        var (json, sv, _, book) = Both("sharing.json", "sharing.html", "share", TestPaths.Fixture("tiny"));
        using var wb = new XLWorkbook(book);
        Headings(sv, "Sammanfattning", "Varje aktörs andel, efter metod", "Sammanlänkade grupper av aktörer", "Internpriser där båda parter i ett utbyte vinner");
        GroupedFigure(sv, json["grandValue"]!.GetValue<double>());
        Assert.Equal(["Sammanfattning", "Nyttofördelning", "Prisintervall", "Grupper"], wb.Worksheets.Select(w => w.Name));
        Assert.Equal("Aktör", wb.Worksheet("Nyttofördelning").Cell(1, 1).GetString());
    }

    [Fact]
    public void Robust_in_swedish()
    {
        var (json, sv, _, book) = Both("robust.json", "robust.html", "robust", TestPaths.Fixture("two-futures"), "--samples", "4", "--seed", "2");
        using var wb = new XLWorkbook(book);
        Headings(sv, "Sammanfattning", "Vad det är värt att planera för osäkerheten", "Vad man binder sig för nu", "Hur varje plan klarar sig över stickproven", "Osäkra indata", "Varje stickprov");
        GroupedFigure(sv, json["recourseProblem"]!["value"]!.GetValue<double>());
        Assert.Equal(["Sammanfattning", "Åtaganden", "Utfall", "Utbyten", "Stickprov"], wb.Worksheets.Select(w => w.Name));
        Assert.Equal("Plan", wb.Worksheet("Utfall").Cell(1, 1).GetString());
    }

    [Fact]
    public void Alternatives_in_swedish()
    {
        var (json, sv, _, book) = Both("alternatives.json", "alternatives.html", "alternatives", TestPaths.Fixture("two-suppliers"), "--count", "3", "--slack", "5%");
        using var wb = new XLWorkbook(book);
        Headings(sv, "Sammanfattning", "Planerna sida vid sida", "Vad alla goda planer har gemensamt", "Diagram");
        GroupedFigure(sv, json["plans"]![0]!["kpis"]!["objectiveGain"]!["value"]!.GetValue<double>());
        Assert.Equal(["Sammanfattning", "Planer", "Utbyten"], wb.Worksheets.Select(w => w.Name));
        Assert.Equal("Andel av optimums vinst", wb.Worksheet("Planer").Cell(1, 2).GetString());
    }

    [Fact]
    public void Pareto_html_follows_the_runs_language()
    {
        var dir = Path.Combine(outDir, "pareto-sv");
        var (code, _, err) = CliHarness.Run("run", TestPaths.Fixture("three-way"), "--pareto", "3", "--objectives", "money,co2,landfill", "--lang", "sv", "--out", dir);
        Assert.True(code == ExitCodes.Ok, err);
        var sv = Page(Path.Combine(dir, "pareto.html"));
        Headings(sv, "Frontens punkter", "Diagram");
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "results.json")))!;
        GroupedFigure(sv, json["pareto"]!.AsArray().Select(p => p!["netBenefit"]!["value"]!.GetValue<double>()).MaxBy(Math.Abs));
    }

    [Fact]
    public void The_map_notes_name_the_borders_drawn_and_say_where_there_are_none()
    {
        // Kalundborg lies in Denmark: the view reaches the Swedish coast, so Swedish borders are drawn there only.
        var kalundborg = Document("kalundborg");
        Assert.Equal(BorderCoverage.SomeActorsOutside, FlowMapBuilder.Build(kalundborg).Coverage);
        Assert.Equal(BorderCoverage.EveryActor, FlowMapBuilder.Build(Document("varmland-dalarna")).Coverage);
        // The actors within 0.2° of the power station lie where the boundary file has no border at all (as MapTests).
        var centre = kalundborg.Actors.Single(a => a.Id == "asnaes");
        var near = kalundborg.Actors.Where(a => Math.Abs(a.Lat - centre.Lat) < 0.2 && Math.Abs(a.Lon - centre.Lon) < 0.2).ToList();
        Assert.Equal(BorderCoverage.NoneInView, FlowMapBuilder.Build(kalundborg with { Actors = [.. near], Exchanges = [] }).Coverage);

        // The committed workbooks (equal to a fresh run, CommittedReportsTests): hand-written expected notes.
        const string Start = "Where the actors are and what flows between them: one line per chosen exchange, its width by quantity, its colour by resource. The same map as charts/flow-map.png and report.html; ";
        Assert.Equal(Start + "borders: Swedish municipalities only; there is no boundary data where the actors outside them lie, so none is drawn there.", MapSheetNote("kalundborg"));
        Assert.Equal(Start + "borders: Swedish municipalities.", MapSheetNote("varmland-dalarna"));
        Assert.Contains("Gränser: endast svenska kommuner; där aktörerna utanför dem ligger finns inga gränsdata",
            MapBordersNote.Html(ReportFormat.For(Language.Sv), FlowMapBuilder.Build(kalundborg)), StringComparison.Ordinal);
    }

    /// <summary>Runs a command in English and in Swedish; returns the Swedish JSON, both HTML pages (decoded) and the Swedish workbook.</summary>
    private (JsonNode Json, string Sv, string En, string Book) Both(string json, string html, params string[] args)
    {
        var sv = Path.Combine(outDir, args[0] + "-sv");
        var en = Path.Combine(outDir, args[0] + "-en");
        var (code, _, err) = CliHarness.Run([.. args, "--lang", "sv", "--out", sv]);
        Assert.True(code == ExitCodes.Ok, $"exit {code}: {err}");
        (code, _, err) = CliHarness.Run([.. args, "--out", en]);
        Assert.True(code == ExitCodes.Ok, $"exit {code}: {err}");

        // JSON stays language-neutral: the same document apart from its metadata block.
        Assert.Equal(WithoutMetadata(File.ReadAllText(Path.Combine(en, json))), WithoutMetadata(File.ReadAllText(Path.Combine(sv, json))));
        var svPage = Page(Path.Combine(sv, html));
        var enPage = Page(Path.Combine(en, html));
        Assert.Contains("<html lang=\"sv\">", svPage, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", enPage, StringComparison.Ordinal);

        // The Swedish workbook holds the same numbers in the same cells as the English one.
        var workbook = Path.ChangeExtension(json, ".xlsx");
        using (var svBook = new XLWorkbook(Path.Combine(sv, workbook)))
        using (var enBook = new XLWorkbook(Path.Combine(en, workbook)))
        {
            Assert.Equal(enBook.Worksheets.Count, svBook.Worksheets.Count);
            for (var i = 1; i <= enBook.Worksheets.Count; i++)
            {
                static IEnumerable<(string, double)> Numbers(IXLWorksheet w) =>
                    w.CellsUsed(c => c.DataType == XLDataType.Number).Select(c => (c.Address.ToString()!, c.GetDouble()));
                Assert.Equal(Numbers(enBook.Worksheet(i)), Numbers(svBook.Worksheet(i)));
            }
        }

        return (JsonNode.Parse(File.ReadAllText(Path.Combine(sv, json)))!, svPage, enPage, Path.Combine(sv, workbook));
    }

    private static string Page(string file) => WebUtility.HtmlDecode(File.ReadAllText(file));

    private static void Headings(string page, params string[] headings)
    {
        var found = Heading().Matches(page).Select(m => m.Groups[1].Value).ToList();
        foreach (var h in headings)
        {
            Assert.True(found.Contains(h), $"no heading '{h}'; the headings are: {string.Join(" | ", found)}");
        }
    }

    /// <summary>
    /// The JSON's figure as the Swedish page must show it, written here by hand rather than by the code under test:
    /// whole units (the house rule: a tie rounds away from zero), thousands grouped with a no-break space.
    /// </summary>
    private static void GroupedFigure(string page, double value)
    {
        Assert.True(Math.Abs(value) >= 1000, $"{value}: the figure must have thousands so the grouping is tested");
        var digits = Math.Abs((long)Math.Round(value, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture);
        var grouped = new StringBuilder();
        for (var i = 0; i < digits.Length; i++)
        {
            if (i > 0 && (digits.Length - i) % 3 == 0)
            {
                grouped.Append(Nbsp);
            }

            grouped.Append(digits[i]);
        }

        var text = (value < 0 ? "-" : string.Empty) + grouped;
        Assert.True(page.Contains($">{text}</td>", StringComparison.Ordinal) || page.Contains($" {text} ", StringComparison.Ordinal), $"the Swedish page does not show {text}");
    }

    private static string WithoutMetadata(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("metadata");
        return node.ToJsonString();
    }

    private static RunDocument Document(string scenario) =>
        ResultsJson.Deserialize(File.ReadAllText(Path.Combine(TestPaths.Root, "reports", scenario, RunOutputs.ResultsFile)))!;

    private static string MapSheetNote(string scenario)
    {
        using var wb = new XLWorkbook(Path.Combine(TestPaths.Root, "reports", scenario, RunOutputs.WorkbookFile));
        return wb.Worksheet("Map").Cell(2, 1).GetString();
    }

    private static List<int> Placeholders(string text) =>
        [.. Placeholder().Matches(text).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().Order()];

    [GeneratedRegex(@"\{(\d+)(?::[^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("<h2 id=\"[^\"]*\">([^<]*)</h2>")]
    private static partial Regex Heading();
}
