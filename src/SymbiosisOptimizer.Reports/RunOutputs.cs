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

        // The charts and the HTML that inlines them are drawn on a second thread while this one builds the JSON, the
        // workbooks and the GeoJSON: none reads another's output, so on two cores report writing takes the longer of
        // the two instead of their sum. Files are written afterwards in the fixed order below.
        var others = (alsoIn ?? []).Where(l => l != language).Distinct().ToList();
        var drawing = Task.Run(() =>
        {
            var charts = RunCharts.Build(report);
            return (Charts: charts, Html: RunHtml.Build(report, charts, language), Others: others.Select(l => RunHtml.Build(report, charts, l)).ToList());
        });
        string json;
        byte[] workbook;
        string geoJson;
        List<byte[]> otherWorkbooks;
        try
        {
            json = ResultsJson.Serialize(report.Document);
            workbook = RunWorkbook.Build(report, language);
            geoJson = FlowsGeoJson.Serialize(report);
            otherWorkbooks = [.. others.Select(l => RunWorkbook.Build(report, l))];
        }
        catch
        {
            // Never leave the drawing running past a failure: the caller removes the staging folder next.
            Task.WhenAny(drawing).Wait();
            throw;
        }

        var drawn = drawing.GetAwaiter().GetResult();
        Text(ResultsFile, json);
        Bytes(WorkbookFile, workbook);
        foreach (var chart in drawn.Charts)
        {
            Bytes(Path.Combine(ChartsFolder, chart.Name + ".png"), chart.Png);
            Text(Path.Combine(ChartsFolder, chart.Name + ".svg"), chart.Svg);
        }

        Text(HtmlFile, drawn.Html);
        Text(GeoJsonFile, geoJson);
        for (var k = 0; k < others.Count; k++)
        {
            Bytes(LocalizedName(WorkbookFile, others[k]), otherWorkbooks[k]);
            Text(LocalizedName(HtmlFile, others[k]), drawn.Others[k]);
        }

        return written;
    }

    /// <summary>The file name of a report in another language than the folder's own: report.sv.html beside report.html.</summary>
    public static string LocalizedName(string file, Language language) =>
        Path.GetFileNameWithoutExtension(file) + "." + Languages.Code(language) + Path.GetExtension(file);
}
