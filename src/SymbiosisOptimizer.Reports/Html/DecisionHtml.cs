using SymbiosisOptimizer.Reports.Charts;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Localization;
using P = SymbiosisOptimizer.Reports.Localization.RunnerPhrase;

namespace SymbiosisOptimizer.Reports.Html;

/// <summary>
/// The HTML reports of the decision commands: robust.html, alternatives.html and pareto.html. Like the other runner
/// reports (<see cref="RunnerHtml"/>): one self-contained page rendered from the command's typed document, every row of
/// it, units in the headers, the charts inlined and the run-metadata block in the footer; words and numbers in the
/// report's language, the document's own words (findings, plan labels, presence and status words) as it writes them.
/// </summary>
public static class DecisionHtml
{
    public static string Build(RobustDocument d, IReadOnlyList<ChartImage> charts, Language language = Language.En)
    {
        var t = ReportFormat.For(language);
        string U(P p, string unit) => t.WithUnit(p, unit);
        var money = $"{d.Currency}/yr";
        var page = new HtmlKit(t, t.Format(P.RobTitle, d.Region), t.Format(P.RobHeading, d.Region),
            t.Format(P.RobSubtitle, d.Scenario, Path.GetFileName(d.Source), d.Samples, d.Seed, d.Risk == "expected" ? t[P.TheExpectedGain] : d.Risk));
        page.Section("summary", t[P.Summary]).List(d.Findings);

        page.Section("values", t[P.RobValuesHeading]).Note(t[P.RobValuesNote])
            .Table(
                [t[P.Figure], U(P.Value, money)],
                [
                    [t[P.RobRp], new Num(d.RecourseProblem?.Value)],
                    [t[P.RobEev], new Num(d.ExpectedOfMeanPlan?.Value)],
                    [t[P.RobWs], new Num(d.WaitAndSee?.Value)],
                    [t[P.RobVss], new Num(d.ValueOfStochasticSolution?.Value, true)],
                    [t[P.RobEvpi], new Num(d.ExpectedValueOfPerfectInformation?.Value, true)],
                    [t.Format(P.RobRiskOfRobust, d.Risk), new Num(d.RiskValue?.Value)],
                    [t.Format(P.RobRiskOfMean, d.Risk), new Num(d.MeanPlanRiskValue?.Value)],
                ], "values");

        var robust = t[P.PlanRobust];
        var onMean = t[P.PlanOnMean];
        page.Section("plan", t[P.RobPlanHeading]).Table(
            [t[P.Plan], t[P.Kind], t[P.Key], t[P.Decision]],
            d.Plan.Select(c => new object?[] { robust, c.Kind, c.Key, c.Name }).Concat(d.MeanPlan.Select(c => new object?[] { onMean, c.Kind, c.Key, c.Name })), "plan");

        page.Section("outcomes", t[P.RobOutcomesHeading]).Note(t[P.PercentileNote]).Table(
            [t[P.Plan], U(P.ObjectiveGainP10, money), "P50", "P90", t[P.Mean], t[P.Lowest], t[P.Highest], U(P.NetBenefitP50, money), U(P.Co2AvoidedP50, "t CO2e/yr"), U(P.LandfillAvoidedP50, "t/yr"), t[P.SamplesWithAPlan]],
            new (string Plan, PlanScore S)[] { (robust, d.Robust), (onMean, d.MeanPlanScore), (t[P.PlanForesight], d.Foresight) }.Select(x => new object?[]
            {
                x.Plan, new Num(x.S.ObjectiveGain.P10), new Num(x.S.ObjectiveGain.P50), new Num(x.S.ObjectiveGain.P90), new Num(x.S.ObjectiveGain.Mean),
                new Num(x.S.ObjectiveGain.Min), new Num(x.S.ObjectiveGain.Max), new Num(x.S.NetBenefit.P50), new Num(x.S.Co2Avoided.P50), new Num(x.S.LandfillAvoided.P50), new Num(x.S.Feasible),
            }), "outcomes");

        page.Section("exchanges", t[P.RobExchangesHeading]).Table(
            [t[P.Exchange], t[P.Key], t[P.UsedInShare], t[P.QuantityP10], t[P.QuantityP50], t[P.QuantityP90], t[P.Unit]],
            d.Exchanges.Select(e => new object?[]
            {
                e.Name, e.Key, Figures.Percent(e.ShareOfSamples, language: language), new Num(e.QuantityWhenUsed.P10), new Num(e.QuantityWhenUsed.P50), new Num(e.QuantityWhenUsed.P90), t.Unit(e.QuantityWhenUsed.Unit),
            }), "exchanges");

        page.Section("inputs", t[P.UncertainInputsHeading]).Table(RunnerHtml.UncertainHeads(t), d.Inputs.Select(i => RunnerHtml.UncertainRow(t, i)), "inputs");

        if (!d.Explanation.IsEmpty)
        {
            page.Section("explanation", t[P.Notes]).List(d.Explanation);
        }

        if (d.Solver is { } s)
        {
            page.Section("solver", t[P.RobSolverHeading]).Table(
                [t[P.Solver], t[P.Termination], t[P.Gap], t[P.Rows], t[P.Columns], t[P.Binaries], t[P.Blocks]],
                [[s.Name, s.Termination, s.GapText, new Num(s.Rows), new Num(s.Columns), new Num(s.Binaries), new Num(s.Blocks)]], "solver");
        }

        page.Section("charts", t[P.Charts]).Charts(charts);
        page.Section("draws", t[P.EverySample]).Note(t.Format(P.RobDrawsNote, string.Join(t[P.ListSeparator], d.Inputs.Select(i => $"{i.Path} ({t.Unit(i.Unit)})")), t.Unit(money))).Table(
            [t[P.Sample], t[P.InputsDrawn], U(P.RobustPlanColumn, money), U(P.MeanPlanColumn, money), U(P.ForesightColumn, money)],
            d.Draws.Select(x => new object?[] { new Num(x.Index), string.Join("; ", x.Inputs.Select(v => Figures.Number(v, language))), new Num(x.Robust), new Num(x.MeanPlan), new Num(x.WaitAndSee) }), "draws");
        return page.End(t.Format(P.FilesJsonAndXlsx, "robust.json", "robust.xlsx"), d.Metadata);
    }

    public static string Build(AlternativesDocument d, IReadOnlyList<ChartImage> charts, Language language = Language.En)
    {
        var t = ReportFormat.For(language);
        string U(P p, string unit) => t.WithUnit(p, unit);
        var money = $"{d.Currency}/yr";
        var page = new HtmlKit(t, t.Format(P.AltTitle, d.Region), t.Format(P.AltHeading, d.Region),
            t.Format(P.AltSubtitle, d.Scenario, Path.GetFileName(d.Source), d.Requested, Figures.Percent(d.Slack, language: language)));
        page.Section("summary", t[P.Summary]).List(d.Findings);

        page.Section("plans", t[P.AltPlansHeading]).Table(
            [t[P.Plan], t[P.Status], t[P.ShareOfOptimumGain], U(P.ObjectiveGain, money), U(P.NetBenefit, money), U(P.Co2Avoided, "t CO2e/yr"), U(P.LandfillAvoided, "t/yr"),
             U(P.VirginMaterialAvoided, "t/yr"), U(P.TransportEmissions, "t CO2e/yr"), t[P.NewExchanges], t[P.OptimumLeftOut], t[P.Exchanges]],
            d.Plans.Select(p => new object?[]
            {
                p.Label, p.Status, Figures.Percent(p.ShareOfOptimumGain, language: language), new Num(p.Kpis?.ObjectiveGain.Value), new Num(p.Kpis?.NetBenefit.Value), new Num(p.Kpis?.Co2Avoided.Value),
                new Num(p.Kpis?.LandfillAvoided.Value), new Num(p.Kpis?.VirginMaterialAvoided.Value), new Num(p.Kpis?.TransportEmissions.Value),
                new Num(p.NewExchanges), new Num(p.DroppedExchanges), p.Exchanges.IsEmpty ? "-" : string.Join("; ", p.Exchanges.Select(e => e.Name)),
            }), "plans");

        page.Section("presence", t[P.AltPresenceHeading]).Note(t.Format(P.AltPresenceNote, d.CandidatesNeverUsed)).Table(
            [t[P.Exchange], t[P.Key], t[P.InHowManyPlans], t[P.Of], t[P.Class]],
            d.Exchanges.Select(e => new object?[] { e.Name, e.Key, new Num(e.Plans), new Num(d.Plans.Length), e.Presence }), "presence");

        if (d.StoppedBecause.Length > 0)
        {
            page.Section("stopped", t[P.AltStoppedHeading]).Para(d.StoppedBecause);
        }

        page.Section("charts", t[P.Charts]).Charts(charts);
        return page.End(t.Format(P.FilesJsonAndXlsx, "alternatives.json", "alternatives.xlsx"), d.Metadata);
    }

    /// <summary>pareto.html: the front traced by `run --pareto`, each point with its plan, from results.json's Pareto rows.</summary>
    public static string Pareto(RunDocument d, IReadOnlyList<ChartImage> charts, Language language = Language.En)
    {
        var t = ReportFormat.For(language);
        string U(P p, string unit) => t.WithUnit(p, unit);
        var money = $"{d.Currency}/yr";
        var page = new HtmlKit(t, t.Format(P.ParTitle, d.Region), t.Format(P.ParHeading, d.Region),
            t.Format(P.ParSubtitle, d.ScenarioText, Path.GetFileName(d.Source), d.Pareto.Length));
        page.Section("points", t[P.ParPointsHeading]).Note(t[P.ParPointsNote]).Table(
            [t[P.Point], t[P.Status], U(P.NetBenefit, money), U(P.Co2Avoided, "t CO2e/yr"), U(P.LandfillAvoided, "t/yr"), t[P.Exchanges], t[P.Plan]],
            d.Pareto.Select((p, i) => new object?[]
            {
                new Num(i + 1), p.Status, new Num(p.NetBenefit.Value), new Num(p.Co2Avoided.Value), new Num(p.LandfillAvoided.Value), new Num(p.Exchanges.Length),
                p.Exchanges.IsEmpty ? "-" : string.Join("; ", p.Exchanges.Select(e => e.Name)),
            }), "points");
        page.Section("charts", t[P.Charts]).Charts([.. charts.Where(c => c.Name == RunCharts.ParetoFront).Select(c => Caption(t, c))]);
        return page.End(t[P.ParFiles], d.Metadata);
    }

    /// <summary>The Pareto chart is the run's (drawn once, in English, for charts/); its caption follows the report's language.</summary>
    private static ChartImage Caption(ReportFormat t, ChartImage chart) =>
        t.Language == Language.En ? chart : chart with { Title = t[P.ParChart] };
}
