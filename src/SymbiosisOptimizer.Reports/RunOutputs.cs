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
    /// of <paramref name="alsoIn"/> (the app offers every language), pareto.html too when there is a front; returns the
    /// paths written.
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

        // The charts are drawn on a second thread while this one makes the other documents; every file is written here,
        // in a fixed order, and each is made from the report alone, so no byte depends on which thread finishes first.
        var drawing = RunCharts.Start(report);
        Text(ResultsFile, ResultsJson.Serialize(report.Document));
        var geoJson = FlowsGeoJson.Serialize(report);
        var html = RunHtml.Build(report, drawing.AllButMap, language);
        // The workbook's Map sheet shows the same flow-map.png bytes.
        var map = drawing.MapPng;
        Bytes(WorkbookFile, RunWorkbook.Build(report, language, map));
        var charts = drawing.All;
        foreach (var chart in charts)
        {
            Bytes(Path.Combine(ChartsFolder, chart.Name + ".png"), chart.Png);
            Text(Path.Combine(ChartsFolder, chart.Name + ".svg"), chart.Svg);
        }

        Text(HtmlFile, html);
        Text(GeoJsonFile, geoJson);
        if (!report.Document.Pareto.IsEmpty)
        {
            Text(ParetoHtmlFile, DecisionHtml.Pareto(report.Document, charts, language));
        }

        foreach (var other in (alsoIn ?? []).Where(l => l != language).Distinct())
        {
            Bytes(LocalizedName(WorkbookFile, other), RunWorkbook.Build(report, other, map));
            Text(LocalizedName(HtmlFile, other), RunHtml.Build(report, charts, other));
            if (!report.Document.Pareto.IsEmpty)
            {
                Text(LocalizedName(ParetoHtmlFile, other), DecisionHtml.Pareto(report.Document, charts, other));
            }
        }

        return written;
    }

    /// <summary>The file name of a report in another language than the folder's own: report.sv.html beside report.html.</summary>
    public static string LocalizedName(string file, Language language) =>
        Path.GetFileNameWithoutExtension(file) + "." + Languages.Code(language) + Path.GetExtension(file);
}
