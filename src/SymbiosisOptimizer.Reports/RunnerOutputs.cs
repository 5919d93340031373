using SymbiosisOptimizer.Reports.Charts;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Excel;
using SymbiosisOptimizer.Reports.Html;
using SymbiosisOptimizer.Reports.Localization;

namespace SymbiosisOptimizer.Reports;

/// <summary>
/// Everything a runner command writes, rendered from its one typed document: the JSON, the workbook beside it (same
/// name, .xlsx), the charts and the HTML report (which inlines the same charts). The command writes the set into its
/// staging folder, so all of it appears at once or not at all (<see cref="OutputFolder"/>). The workbook, charts and HTML
/// are in the language asked for (`--lang`, the app's page language); the JSON is the same in every language.
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

    public static RunnerOutput Of(ComparisonDocument d, Language language = Language.En)
    {
        var charts = RunnerCharts.Build(d, language);
        return new("comparison.json", RunnerJson.Serialize(d), RunnerWorkbook.Build(d, language), charts, CompareHtml, RunnerHtml.Build(d, charts, language));
    }

    public static RunnerOutput Of(BarriersDocument d, Language language = Language.En)
    {
        var charts = RunnerCharts.Build(d, language);
        return new("barriers.json", RunnerJson.Serialize(d), RunnerWorkbook.Build(d, language), charts, BarriersHtml, RunnerHtml.Build(d, charts, language));
    }

    public static RunnerOutput Of(SweepDocument d, Language language = Language.En)
    {
        var charts = RunnerCharts.Build(d, language);
        return new("sweep.json", RunnerJson.Serialize(d), RunnerWorkbook.Build(d, language), charts, SweepHtml, RunnerHtml.Build(d, charts, language));
    }

    public static RunnerOutput Of(MonteCarloDocument d, Language language = Language.En)
    {
        var charts = RunnerCharts.Build(d, language);
        return new("montecarlo.json", RunnerJson.Serialize(d), RunnerWorkbook.Build(d, language), charts, MonteCarloHtml, RunnerHtml.Build(d, charts, language));
    }

    /// <summary>Sharing writes no chart files (as before); its HTML shows the shares as tables.</summary>
    public static RunnerOutput Of(SharingDocument d, Language language = Language.En) =>
        new("sharing.json", RunnerJson.Serialize(d), RunnerWorkbook.Build(d, language), [], SharingHtml, RunnerHtml.Build(d, [], language));

    public static RunnerOutput Of(GameSharingDocument d, Language language = Language.En) =>
        new("sharing.json", RunnerJson.Serialize(d), RunnerWorkbook.Build(d, language), [], SharingHtml, RunnerHtml.Build(d, [], language));

    public static RunnerOutput Of(RobustDocument d, Language language = Language.En)
    {
        var charts = RunnerCharts.Build(d, language);
        return new("robust.json", RunnerJson.Serialize(d), RunnerWorkbook.Build(d, language), charts, RobustHtml, DecisionHtml.Build(d, charts, language));
    }

    public static RunnerOutput Of(AlternativesDocument d, Language language = Language.En)
    {
        var charts = RunnerCharts.Build(d, language);
        return new("alternatives.json", RunnerJson.Serialize(d), RunnerWorkbook.Build(d, language), charts, AlternativesHtml, DecisionHtml.Build(d, charts, language));
    }
}
