using ClosedXML.Excel;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Localization;
using P = SymbiosisOptimizer.Reports.Localization.RunnerPhrase;

namespace SymbiosisOptimizer.Reports.Excel;

/// <summary>The workbooks of robust.json and alternatives.json, rendered from their documents like the other runner workbooks.</summary>
public static partial class RunnerWorkbook
{
    public static byte[] Build(RobustDocument d, Language language = Language.En)
    {
        var t = ReportFormat.For(language);
        using var wb = new XLWorkbook();
        static double? V(Amount? a) => a?.Value;
        var money = t.Unit($"{d.Currency}/yr");
        Summary(wb, t, t.Format(P.RobWorkbookTitle, d.Region, d.Scenario, d.Samples, d.Risk), d.Findings,
        [
            new Figure(t[P.RobRp], V(d.RecourseProblem), money),
            new Figure(t[P.RobEev], V(d.ExpectedOfMeanPlan), money),
            new Figure(t[P.RobWs], V(d.WaitAndSee), money),
            new Figure(t[P.RobVss], V(d.ValueOfStochasticSolution), money),
            new Figure(t[P.RobEvpi], V(d.ExpectedValueOfPerfectInformation), money),
            new Figure(t.Format(P.RobRiskOfRobust, d.Risk), V(d.RiskValue), money),
            new Figure(t.Format(P.RobRiskOfMean, d.Risk), V(d.MeanPlanRiskValue), money),
            new Figure(t[P.Samples], d.Samples, string.Empty),
            new Figure(t[P.Seed], d.Seed, string.Empty),
        ]);
        var plans = d.Plan.Select(c => (Plan: t[P.PlanRobust], C: c)).Concat(d.MeanPlan.Select(c => (Plan: t[P.PlanOnMean], C: c))).ToList();
        Table(wb, t[P.CommitmentsSheet], [
            new Col<(string Plan, CommitmentEntry C)>(t[P.Plan], 18, null, x => x.Plan),
            new(t[P.Kind], 12, null, x => x.C.Kind),
            new(t[P.Decision], 70, null, x => x.C.Name),
        ], plans);
        (string Plan, PlanScore S)[] scores = [(t[P.PlanRobust], d.Robust), (t[P.PlanOnMean], d.MeanPlanScore), (t[P.PlanForesight], d.Foresight)];
        Table(wb, t[P.OutcomesSheet], [
            new Col<(string Plan, PlanScore S)>(t[P.Plan], 20, null, x => x.Plan),
            new($"{t[P.ObjectiveGainP10]} ({money})", 18, Formats.Quantity, x => x.S.ObjectiveGain.P10),
            new("P50", 16, Formats.Quantity, x => x.S.ObjectiveGain.P50),
            new("P90", 16, Formats.Quantity, x => x.S.ObjectiveGain.P90),
            new(t[P.Mean], 16, Formats.Quantity, x => x.S.ObjectiveGain.Mean),
            new($"{t[P.NetBenefitP50]} ({money})", 18, Formats.Quantity, x => x.S.NetBenefit.P50),
            new(t.WithUnit(P.Co2AvoidedP50, "t CO2e/yr"), 16, Formats.Quantity, x => x.S.Co2Avoided.P50),
            new(t.WithUnit(P.LandfillAvoidedP50, "t/yr"), 16, Formats.Quantity, x => x.S.LandfillAvoided.P50),
            new(t[P.SamplesWithAPlan], 12, Count, x => x.S.Feasible),
        ], scores);
        Table(wb, t[P.ExchangesSheet], [
            new Col<RobustExchangeEntry>(t[P.Exchange], 60, null, e => e.Name),
            new(t[P.UsedInShareOfSamples], 14, Share, e => e.ShareOfSamples),
            new(t[P.Unit], 14, null, e => t.Unit(e.QuantityWhenUsed.Unit)),
            new(t[P.QuantityWhenUsedP50], 16, Formats.Quantity, e => e.QuantityWhenUsed.P50),
        ], d.Exchanges);
        Table(wb, t[P.SamplesSheet], [
            new Col<RobustDrawEntry>(t[P.Sample], 10, Count, x => x.Index),
            new($"{t[P.RobustPlanGain]} ({money})", 18, Formats.Quantity, x => x.Robust),
            new($"{t[P.MeanPlanGain]} ({money})", 18, Formats.Quantity, x => x.MeanPlan),
            new($"{t[P.ForesightGain]} ({money})", 18, Formats.Quantity, x => x.WaitAndSee),
        ], d.Draws);
        return SheetWriter.ToBytes(wb);
    }

    public static byte[] Build(AlternativesDocument d, Language language = Language.En)
    {
        var t = ReportFormat.For(language);
        using var wb = new XLWorkbook();
        Summary(wb, t, t.Format(P.AltWorkbookTitle, d.Region, d.Scenario, Figures.Percent(d.Slack, language: language)), d.Findings,
        [
            new Figure(t[P.Slack], d.Slack, string.Empty, Share),
            new Figure(t[P.AlternativesAskedFor], d.Requested, string.Empty),
            new Figure(t[P.AlternativesFound], d.Found, string.Empty),
            new Figure(t[P.CandidatesInNoGoodPlan], d.CandidatesNeverUsed, string.Empty),
        ]);
        Table(wb, t[P.PlansSheet], [
            new Col<AlternativePlanEntry>(t[P.Plan], 16, null, p => p.Label),
            new(t[P.ShareOfOptimumGain], 14, Share, p => p.ShareOfOptimumGain),
            .. KpiColumns<AlternativePlanEntry>(t, d.Currency, p => p.Kpis),
            new(t[P.NewExchanges], 10, Count, p => p.NewExchanges),
            new(t[P.OptimumLeftOut], 12, Count, p => p.DroppedExchanges),
            new(t[P.Exchanges], 90, null, p => Names(p.Exchanges)),
        ], d.Plans);
        Table(wb, t[P.ExchangesSheet], [
            new Col<PresenceEntry>(t[P.Exchange], 60, null, e => e.Name),
            new(t[P.InHowManyPlans], 12, Count, e => e.Plans),
            new(t[P.Presence], 14, null, e => e.Presence),
        ], d.Exchanges);
        return SheetWriter.ToBytes(wb);
    }
}
