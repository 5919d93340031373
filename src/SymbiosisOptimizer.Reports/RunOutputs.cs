using SymbiosisOptimizer.Reports.Charts;
using SymbiosisOptimizer.Reports.Excel;
using SymbiosisOptimizer.Reports.Html;
using SymbiosisOptimizer.Reports.Localization;

namespace SymbiosisOptimizer.Reports;

/// <summary>Writes every output of `symbiosis run` into one folder, each file atomically; never over an input.</summary>
public static class RunOutputs
{
    public const string ResultsFile = "results.json";
    public const string WorkbookFile = "report.xlsx";
    public const string ChartsFolder = "charts";
    public const string HtmlFile = "report.html";
    public const string GeoJsonFile = "flows.geojson";

    /// <summary>The report of the front traced with --pareto, written beside the others only when there is a front.</summary>
    public const string ParetoHtmlFile = "pareto.html";

    /// <summary>
    /// Writes results.json first (the machine-readable record), then the human-readable reports in
    /// <paramref name="language"/>, and report.html and report.xlsx once more under <see cref="LocalizedName"/> for each
    /// of <paramref name="alsoIn"/> (the app offers every language); returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> Write(
        string dir, RunReport report, IReadOnlyCollection<string> protectedInputs, Language language = Language.En, IReadOnlyCollection<Language>? alsoIn = null)
    {
        var written = new List<string>();
        void Text(string name, string content)
        {
            var path = Path.Combine(dir, name);
            AtomicFile.WriteAllText(path, content, protectedInputs);
            written.Add(path);
        }

        void Bytes(string name, byte[] content)
        {
            var path = Path.Combine(dir, name);
            AtomicFile.WriteAllBytes(path, content, protectedInputs);
            written.Add(path);
        }

        // Two threads: the charts are drawn on a second one while this one builds results.json and the GeoJSON; then
        // the HTML pages (which inline the charts) are written there while this one builds the workbooks (whose Map
        // sheet shows the same flow-map.png bytes). No view reads another's output but the charts, so on two cores
        // report writing takes about the longer thread instead of the sum. Files are written afterwards in the fixed
        // order below.
        var others = (alsoIn ?? []).Where(l => l != language).Distinct().ToList();
        var drawing = Task.Run(() => RunCharts.Build(report));
        Task<(string Html, string? Pareto, List<string> Others)>? pages = null;
        string json;
        string geoJson;
        byte[] workbook;
        List<byte[]> otherWorkbooks;
        IReadOnlyList<ChartImage> charts;
        try
        {
            json = ResultsJson.Serialize(report.Document);
            geoJson = FlowsGeoJson.Serialize(report);
            charts = drawing.GetAwaiter().GetResult();
            var drawn = charts;
            pages = Task.Run(() => (
                RunHtml.Build(report, drawn, language),
                report.Document.Pareto.IsEmpty ? null : DecisionHtml.Pareto(report.Document, drawn),
                others.Select(l => RunHtml.Build(report, drawn, l)).ToList()));
            var map = charts.FirstOrDefault(c => c.Name == RunCharts.FlowMap)?.Png;
            workbook = RunWorkbook.Build(report, language, map);
            otherWorkbooks = [.. others.Select(l => RunWorkbook.Build(report, l, map))];
        }
        catch
        {
            // Never leave a thread drawing past a failure: the caller removes the staging folder next.
            Task.WhenAll(Task.WhenAny(drawing), Task.WhenAny(pages ?? Task.CompletedTask)).Wait();
            throw;
        }

        var (html, pareto, otherHtml) = pages.GetAwaiter().GetResult();
        Text(ResultsFile, json);
        Bytes(WorkbookFile, workbook);
        foreach (var chart in charts)
        {
            Bytes(Path.Combine(ChartsFolder, chart.Name + ".png"), chart.Png);
            Text(Path.Combine(ChartsFolder, chart.Name + ".svg"), chart.Svg);
        }

        Text(HtmlFile, html);
        Text(GeoJsonFile, geoJson);
        if (pareto is not null)
        {
            Text(ParetoHtmlFile, pareto);
        }

        for (var k = 0; k < others.Count; k++)
        {
            Bytes(LocalizedName(WorkbookFile, others[k]), otherWorkbooks[k]);
            Text(LocalizedName(HtmlFile, others[k]), otherHtml[k]);
        }

        return written;
    }

    /// <summary>The file name of a report in another language than the folder's own: report.sv.html beside report.html.</summary>
    public static string LocalizedName(string file, Language language) =>
        Path.GetFileNameWithoutExtension(file) + "." + Languages.Code(language) + Path.GetExtension(file);
}
