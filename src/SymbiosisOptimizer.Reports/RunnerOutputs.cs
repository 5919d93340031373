using SymbiosisOptimizer.Reports.Charts;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Excel;
using SymbiosisOptimizer.Reports.Html;

namespace SymbiosisOptimizer.Reports;

/// <summary>
/// Everything a runner command writes, rendered from its one typed document: the JSON, the workbook beside it (same
/// name, .xlsx), the charts and the HTML report (which inlines the same charts). The command writes the set into its
/// staging folder, so all of it appears at once or not at all (<see cref="OutputFolder"/>).
/// </summary>
public sealed record RunnerOutput(string JsonFile, string Json, byte[] Workbook, IReadOnlyList<ChartImage> Charts, string HtmlFile, string Html)
{
    public string WorkbookFile => Path.ChangeExtension(JsonFile, ".xlsx");
}

public static class RunnerOutputs
{
    public const string CompareHtml = "compare.html";
    public const string BarriersHtml = "barriers.html";
    public const string SweepHtml = "sweep.html";
    public const string MonteCarloHtml = "montecarlo.html";
    public const string SharingHtml = "sharing.html";
    public const string RobustHtml = "robust.html";
    public const string AlternativesHtml = "alternatives.html";

    public static RunnerOutput Of(ComparisonDocument d)
    {
        var charts = RunnerCharts.Build(d);
        return new("comparison.json", RunnerJson.Serialize(d), RunnerWorkbook.Build(d), charts, CompareHtml, RunnerHtml.Build(d, charts));
    }

    public static RunnerOutput Of(BarriersDocument d)
    {
        var charts = RunnerCharts.Build(d);
        return new("barriers.json", RunnerJson.Serialize(d), RunnerWorkbook.Build(d), charts, BarriersHtml, RunnerHtml.Build(d, charts));
    }

    public static RunnerOutput Of(SweepDocument d)
    {
        var charts = RunnerCharts.Build(d);
        return new("sweep.json", RunnerJson.Serialize(d), RunnerWorkbook.Build(d), charts, SweepHtml, RunnerHtml.Build(d, charts));
    }

    public static RunnerOutput Of(MonteCarloDocument d)
    {
        var charts = RunnerCharts.Build(d);
        return new("montecarlo.json", RunnerJson.Serialize(d), RunnerWorkbook.Build(d), charts, MonteCarloHtml, RunnerHtml.Build(d, charts));
    }

    /// <summary>Sharing writes no chart files (as before); its HTML shows the shares as tables.</summary>
    public static RunnerOutput Of(SharingDocument d) =>
        new("sharing.json", RunnerJson.Serialize(d), RunnerWorkbook.Build(d), [], SharingHtml, RunnerHtml.Build(d, []));

    public static RunnerOutput Of(GameSharingDocument d) =>
        new("sharing.json", RunnerJson.Serialize(d), RunnerWorkbook.Build(d), [], SharingHtml, RunnerHtml.Build(d, []));

    public static RunnerOutput Of(RobustDocument d)
    {
        var charts = RunnerCharts.Build(d);
        return new("robust.json", RunnerJson.Serialize(d), RunnerWorkbook.Build(d), charts, RobustHtml, DecisionHtml.Build(d, charts));
    }

    public static RunnerOutput Of(AlternativesDocument d)
    {
        var charts = RunnerCharts.Build(d);
        return new("alternatives.json", RunnerJson.Serialize(d), RunnerWorkbook.Build(d), charts, AlternativesHtml, DecisionHtml.Build(d, charts));
    }
}
