using SymbiosisOptimizer.Reports.Charts;
using SymbiosisOptimizer.Reports.Excel;
using SymbiosisOptimizer.Reports.Html;

namespace SymbiosisOptimizer.Reports;

/// <summary>Writes every output of `symbiosis run` into one folder, each file atomically; never over an input.</summary>
public static class RunOutputs
{
    public const string ResultsFile = "results.json";
    public const string WorkbookFile = "report.xlsx";
    public const string ChartsFolder = "charts";
    public const string HtmlFile = "report.html";
    public const string GeoJsonFile = "flows.geojson";

    /// <summary>Writes results.json first (the machine-readable record), then the human-readable reports; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(string dir, RunReport report, IReadOnlyCollection<string> protectedInputs)
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

        Text(ResultsFile, ResultsJson.Serialize(report.Document));
        Bytes(WorkbookFile, RunWorkbook.Build(report));
        var charts = RunCharts.Build(report);
        foreach (var chart in charts)
        {
            Bytes(Path.Combine(ChartsFolder, chart.Name + ".png"), chart.Png);
            Text(Path.Combine(ChartsFolder, chart.Name + ".svg"), chart.Svg);
        }

        Text(HtmlFile, RunHtml.Build(report, charts));
        Text(GeoJsonFile, FlowsGeoJson.Serialize(report));
        return written;
    }
}
