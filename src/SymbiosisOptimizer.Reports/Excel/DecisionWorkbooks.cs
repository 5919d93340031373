using ClosedXML.Excel;
using SymbiosisOptimizer.Reports.Documents;

namespace SymbiosisOptimizer.Reports.Excel;

/// <summary>The workbooks of robust.json and alternatives.json, rendered from their documents like the other runner workbooks.</summary>
public static partial class RunnerWorkbook
{
    public static byte[] Build(RobustDocument d)
    {
        using var wb = new XLWorkbook();
        static double? V(Amount? a) => a?.Value;
        var money = $"{d.Currency}/yr";
        Summary(wb, $"{d.Region}: robust plan for scenario '{d.Scenario}' ({d.Samples} samples, {d.Risk})", d.Findings,
        [
            new Figure("Expected gain of the robust plan (RP)", V(d.RecourseProblem), money),
            new Figure("Expected gain of the plan made on the mean (EEV)", V(d.ExpectedOfMeanPlan), money),
            new Figure("Expected gain with perfect foresight (WS)", V(d.WaitAndSee), money),
            new Figure("Value of the stochastic solution (VSS = RP - EEV)", V(d.ValueOfStochasticSolution), money),
            new Figure("Expected value of perfect information (EVPI = WS - RP)", V(d.ExpectedValueOfPerfectInformation), money),
            new Figure($"Risk measure ({d.Risk}) of the robust plan", V(d.RiskValue), money),
            new Figure($"Risk measure ({d.Risk}) of the plan made on the mean", V(d.MeanPlanRiskValue), money),
            new Figure("Samples", d.Samples, string.Empty),
            new Figure("Seed", d.Seed, string.Empty),
        ]);
        var plans = d.Plan.Select(c => (Plan: "robust", C: c)).Concat(d.MeanPlan.Select(c => (Plan: "made on the mean", C: c))).ToList();
        Table(wb, "Commitments", [
            new Col<(string Plan, CommitmentEntry C)>("Plan", 18, null, x => x.Plan),
            new("Kind", 12, null, x => x.C.Kind),
            new("Decision", 70, null, x => x.C.Name),
        ], plans);
        (string Plan, PlanScore S)[] scores = [("robust", d.Robust), ("made on the mean", d.MeanPlanScore), ("perfect foresight", d.Foresight)];
        Table(wb, "Outcomes", [
            new Col<(string Plan, PlanScore S)>("Plan", 20, null, x => x.Plan),
            new($"Objective gain P10 ({money})", 18, Formats.Quantity, x => x.S.ObjectiveGain.P10),
            new("P50", 16, Formats.Quantity, x => x.S.ObjectiveGain.P50),
            new("P90", 16, Formats.Quantity, x => x.S.ObjectiveGain.P90),
            new("Mean", 16, Formats.Quantity, x => x.S.ObjectiveGain.Mean),
            new($"Net benefit P50 ({money})", 18, Formats.Quantity, x => x.S.NetBenefit.P50),
            new("CO2e avoided P50 (t CO2e/yr)", 16, Formats.Quantity, x => x.S.Co2Avoided.P50),
            new("Landfill avoided P50 (t/yr)", 16, Formats.Quantity, x => x.S.LandfillAvoided.P50),
            new("Samples with a plan", 12, Count, x => x.S.Feasible),
        ], scores);
        Table(wb, "Exchanges", [
            new Col<RobustExchangeEntry>("Exchange", 60, null, e => e.Name),
            new("Used in share of samples", 14, Share, e => e.ShareOfSamples),
            new("Unit", 14, null, e => e.QuantityWhenUsed.Unit),
            new("Quantity when used: P50", 16, Formats.Quantity, e => e.QuantityWhenUsed.P50),
        ], d.Exchanges);
        Table(wb, "Samples", [
            new Col<RobustDrawEntry>("Sample", 10, Count, x => x.Index),
            new($"Robust plan gain ({money})", 18, Formats.Quantity, x => x.Robust),
            new($"Plan on the mean gain ({money})", 18, Formats.Quantity, x => x.MeanPlan),
            new($"Perfect foresight gain ({money})", 18, Formats.Quantity, x => x.WaitAndSee),
        ], d.Draws);
        return SheetWriter.ToBytes(wb);
    }

    public static byte[] Build(AlternativesDocument d)
    {
        using var wb = new XLWorkbook();
        Summary(wb, $"{d.Region}: near-optimal plans for scenario '{d.Scenario}' (within {Figures.Percent(d.Slack)})", d.Findings,
        [
            new Figure("Slack", d.Slack, string.Empty, Share),
            new Figure("Alternatives asked for", d.Requested, string.Empty),
            new Figure("Alternatives found", d.Found, string.Empty),
            new Figure("Candidates in no good plan", d.CandidatesNeverUsed, string.Empty),
        ]);
        Table(wb, "Plans", [
            new Col<AlternativePlanEntry>("Plan", 16, null, p => p.Label),
            new("Share of the optimum's gain", 14, Share, p => p.ShareOfOptimumGain),
            .. KpiColumns<AlternativePlanEntry>(d.Currency, p => p.Kpis),
            new("New exchanges", 10, Count, p => p.NewExchanges),
            new("Exchanges of the optimum left out", 12, Count, p => p.DroppedExchanges),
            new("Exchanges", 90, null, p => Names(p.Exchanges)),
        ], d.Plans);
        Table(wb, "Exchanges", [
            new Col<PresenceEntry>("Exchange", 60, null, e => e.Name),
            new("In how many plans", 12, Count, e => e.Plans),
            new("Presence", 14, null, e => e.Presence),
        ], d.Exchanges);
        return SheetWriter.ToBytes(wb);
    }
}
