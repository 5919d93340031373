using SymbiosisOptimizer.Reports.Charts;
using SymbiosisOptimizer.Reports.Documents;

namespace SymbiosisOptimizer.Reports.Html;

/// <summary>
/// The HTML reports of the decision commands: robust.html, alternatives.html and pareto.html. Like the other runner
/// reports (<see cref="RunnerHtml"/>): one self-contained page rendered from the command's typed document, every row of
/// it, units in the headers, the charts inlined and the run-metadata block in the footer.
/// </summary>
public static class DecisionHtml
{
    public static string Build(RobustDocument d, IReadOnlyList<ChartImage> charts)
    {
        var money = $"{d.Currency}/yr";
        var page = new HtmlKit($"{d.Region}: robust plan", $"{d.Region}: the plan to commit to now, whatever the future brings",
            $"Scenario '{d.Scenario}' from {Path.GetFileName(d.Source)}: {d.Samples} samples of the uncertain inputs (seed {d.Seed}); the plan maximises {(d.Risk == "expected" ? "the expected gain" : d.Risk)}. Gains are objective gains (money plus CO2e at the scenario's price) per year against today.");
        page.Section("summary", "Summary").List(d.Findings);

        page.Section("values", "What planning for the uncertainty is worth").Note(
            "RP: the robust plan's expected gain. EEV: the expected gain of the plan made on the mean of the inputs, on the same samples. WS: the expected gain had each sample been known in advance. VSS = RP - EEV; EVPI = WS - RP.")
            .Table(
                ["Figure", $"Value ({money})"],
                [
                    ["Expected gain of the robust plan (RP)", new Num(d.RecourseProblem?.Value)],
                    ["Expected gain of the plan made on the mean (EEV)", new Num(d.ExpectedOfMeanPlan?.Value)],
                    ["Expected gain with perfect foresight (WS)", new Num(d.WaitAndSee?.Value)],
                    ["Value of the stochastic solution (VSS = RP - EEV)", new Num(d.ValueOfStochasticSolution?.Value, true)],
                    ["Expected value of perfect information (EVPI = WS - RP)", new Num(d.ExpectedValueOfPerfectInformation?.Value, true)],
                    [$"Risk measure ({d.Risk}) of the robust plan", new Num(d.RiskValue?.Value)],
                    [$"Risk measure ({d.Risk}) of the plan made on the mean", new Num(d.MeanPlanRiskValue?.Value)],
                ], "values");

        page.Section("plan", "What to commit to now").Table(
            ["Plan", "Kind", "Key", "Decision"],
            d.Plan.Select(c => new object?[] { "robust", c.Kind, c.Key, c.Name }).Concat(d.MeanPlan.Select(c => new object?[] { "made on the mean", c.Kind, c.Key, c.Name })), "plan");

        page.Section("outcomes", "How each plan does over the samples").Note("P10: nine samples in ten do better; P90: one in ten does.").Table(
            ["Plan", $"Objective gain P10 ({money})", "P50", "P90", "Mean", "Lowest", "Highest", $"Net benefit P50 ({money})", "CO2e avoided P50 (t CO2e/yr)", "Landfill avoided P50 (t/yr)", "Samples with a plan"],
            new (string Plan, PlanScore S)[] { ("robust", d.Robust), ("made on the mean", d.MeanPlanScore), ("perfect foresight", d.Foresight) }.Select(x => new object?[]
            {
                x.Plan, new Num(x.S.ObjectiveGain.P10), new Num(x.S.ObjectiveGain.P50), new Num(x.S.ObjectiveGain.P90), new Num(x.S.ObjectiveGain.Mean),
                new Num(x.S.ObjectiveGain.Min), new Num(x.S.ObjectiveGain.Max), new Num(x.S.NetBenefit.P50), new Num(x.S.Co2Avoided.P50), new Num(x.S.LandfillAvoided.P50), new Num(x.S.Feasible),
            }), "outcomes");

        page.Section("exchanges", "Exchanges that flow under the robust plan").Table(
            ["Exchange", "Key", "Used in (share of samples)", "Quantity P10", "Quantity P50", "Quantity P90", "Unit"],
            d.Exchanges.Select(e => new object?[]
            {
                e.Name, e.Key, Figures.Percent(e.ShareOfSamples), new Num(e.QuantityWhenUsed.P10), new Num(e.QuantityWhenUsed.P50), new Num(e.QuantityWhenUsed.P90), e.QuantityWhenUsed.Unit,
            }), "exchanges");

        page.Section("inputs", "Uncertain inputs").Table(
            ["Input", "Distribution", "Unit", "Mean", "Standard deviation", "Mode", "Lower", "Upper", "Declared value", "Drawn P10", "Drawn P50", "Drawn P90"],
            d.Inputs.Select(i => new object?[]
            {
                i.Path, i.Distribution, i.Unit, new Num(i.Mean), new Num(i.Sd), new Num(i.Mode), new Num(i.Min), new Num(i.Max), new Num(i.Declared),
                new Num(i.Sampled.P10), new Num(i.Sampled.P50), new Num(i.Sampled.P90),
            }), "inputs");

        if (!d.Explanation.IsEmpty)
        {
            page.Section("explanation", "Notes").List(d.Explanation);
        }

        if (d.Solver is { } s)
        {
            page.Section("solver", "The extensive form").Table(
                ["Solver", "Termination", "Gap", "Rows", "Columns", "Binaries", "Blocks"],
                [[s.Name, s.Termination, s.GapText, new Num(s.Rows), new Num(s.Columns), new Num(s.Binaries), new Num(s.Blocks)]], "solver");
        }

        page.Section("charts", "Charts").Charts(charts);
        page.Section("draws", "Every sample").Note($"Inputs in the order of the table of uncertain inputs: {string.Join(", ", d.Inputs.Select(i => $"{i.Path} ({i.Unit})"))}. Gains in {money}.").Table(
            ["Sample", "Inputs drawn", $"Robust plan ({money})", $"Plan made on the mean ({money})", $"Perfect foresight ({money})"],
            d.Draws.Select(x => new object?[] { new Num(x.Index), string.Join("; ", x.Inputs.Select(v => Figures.Number(v))), new Num(x.Robust), new Num(x.MeanPlan), new Num(x.WaitAndSee) }), "draws");
        return page.End("robust.json and robust.xlsx", d.Metadata);
    }

    public static string Build(AlternativesDocument d, IReadOnlyList<ChartImage> charts)
    {
        var money = $"{d.Currency}/yr";
        var page = new HtmlKit($"{d.Region}: near-optimal plans", $"{d.Region}: plans almost as good as the optimum",
            $"Scenario '{d.Scenario}' from {Path.GetFileName(d.Source)}: up to {d.Requested} plans within {Figures.Percent(d.Slack)} of the optimum's objective gain, each as unlike the ones before as possible. All figures are per year against today.");
        page.Section("summary", "Summary").List(d.Findings);

        page.Section("plans", "The plans side by side").Table(
            ["Plan", "Status", "Share of the optimum's gain", $"Objective gain ({money})", $"Net benefit ({money})", "CO2e avoided (t CO2e/yr)", "Landfill avoided (t/yr)",
             "Virgin material avoided (t/yr)", "Transport emissions (t CO2e/yr)", "New exchanges", "Exchanges of the optimum left out", "Exchanges"],
            d.Plans.Select(p => new object?[]
            {
                p.Label, p.Status, Figures.Percent(p.ShareOfOptimumGain), new Num(p.Kpis?.ObjectiveGain.Value), new Num(p.Kpis?.NetBenefit.Value), new Num(p.Kpis?.Co2Avoided.Value),
                new Num(p.Kpis?.LandfillAvoided.Value), new Num(p.Kpis?.VirginMaterialAvoided.Value), new Num(p.Kpis?.TransportEmissions.Value),
                new Num(p.NewExchanges), new Num(p.DroppedExchanges), p.Exchanges.IsEmpty ? "-" : string.Join("; ", p.Exchanges.Select(e => e.Name)),
            }), "plans");

        page.Section("presence", "What every good plan has in common").Note(
            $"must-have: in every plan within the slack; optional: in some; never: in none ({d.CandidatesNeverUsed} candidate(s) not listed are in no good plan either).").Table(
            ["Exchange", "Key", "In how many plans", "Of", "Class"],
            d.Exchanges.Select(e => new object?[] { e.Name, e.Key, new Num(e.Plans), new Num(d.Plans.Length), e.Presence }), "presence");

        if (d.StoppedBecause.Length > 0)
        {
            page.Section("stopped", "Why the search stopped").Para(d.StoppedBecause);
        }

        page.Section("charts", "Charts").Charts(charts);
        return page.End("alternatives.json and alternatives.xlsx", d.Metadata);
    }

    /// <summary>pareto.html: the front traced by `run --pareto`, each point with its plan, from results.json's Pareto rows.</summary>
    public static string Pareto(RunDocument d, IReadOnlyList<ChartImage> charts)
    {
        var money = $"{d.Currency}/yr";
        var page = new HtmlKit($"{d.Region}: Pareto front", $"{d.Region}: the trade-off between money, CO2e and landfill",
            $"Scenario {d.ScenarioText} from {Path.GetFileName(d.Source)}: {d.Pareto.Length} plans, none of which another plan beats on every objective (AUGMECON2 epsilon-constraint grid). All figures are per year against today.");
        page.Section("points", "The points of the front").Note("Each row is an optimal plan for its levels of the other objectives; moving along the front buys one objective with another.").Table(
            ["Point", "Status", $"Net benefit ({money})", "CO2e avoided (t CO2e/yr)", "Landfill avoided (t/yr)", "Exchanges", "Plan"],
            d.Pareto.Select((p, i) => new object?[]
            {
                new Num(i + 1), p.Status, new Num(p.NetBenefit.Value), new Num(p.Co2Avoided.Value), new Num(p.LandfillAvoided.Value), new Num(p.Exchanges.Length),
                p.Exchanges.IsEmpty ? "-" : string.Join("; ", p.Exchanges.Select(e => e.Name)),
            }), "points");
        page.Section("charts", "Charts").Charts([.. charts.Where(c => c.Name == RunCharts.ParetoFront)]);
        return page.End("results.json (its pareto list)", d.Metadata);
    }
}
