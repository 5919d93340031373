using System.Collections.Immutable;
using System.Globalization;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Decisions;
using SymbiosisOptimizer.Optimization.Formulation;

namespace SymbiosisOptimizer.Reports.Documents;

/// <summary>A decision a plan commits to: a connection (an exchange with a yes/no switch), a plant or a permit.</summary>
/// <param name="Kind">connection, plant, closure (an existing plant closed) or permit.</param>
public sealed record CommitmentEntry(string Kind, string Key, string Name);

/// <summary>How a plan fares over the samples: spreads of its KPIs and the risk measure the robust plan maximised.</summary>
public sealed record PlanScore(Spread ObjectiveGain, Spread NetBenefit, Spread Co2Avoided, Spread LandfillAvoided, int Feasible);

/// <summary>One sample: the drawn inputs and the objective gain of each plan in it.</summary>
public sealed record RobustDrawEntry(int Index, ImmutableArray<double> Inputs, double? Robust, double? MeanPlan, double? WaitAndSee);

/// <summary>An exchange that flows under the robust plan: in what share of the samples, and how much when it does.</summary>
public sealed record RobustExchangeEntry(string Key, string Name, double ShareOfSamples, Spread QuantityWhenUsed);

/// <summary>
/// robust.json: the plan to commit to now under the declared uncertainty (two-stage, sample average approximation),
/// how it does over the samples, against the plan made on the mean (VSS) and against perfect foresight (EVPI).
/// </summary>
/// <param name="Risk">expected, or cvar:alpha (the mean gain of the worst 1 - alpha share of samples).</param>
public sealed record RobustDocument(
    int SchemaVersion,
    string Kind,
    string Tool,
    string Region,
    string Source,
    string Currency,
    string Scenario,
    int Samples,
    int Seed,
    string Risk,
    string Status,
    ImmutableArray<string> Findings,
    ImmutableArray<CommitmentEntry> Plan,
    ImmutableArray<CommitmentEntry> MeanPlan,
    Amount? RecourseProblem,
    Amount? ExpectedOfMeanPlan,
    Amount? WaitAndSee,
    Amount? ValueOfStochasticSolution,
    Amount? ExpectedValueOfPerfectInformation,
    Amount? RiskValue,
    Amount? MeanPlanRiskValue,
    PlanScore Robust,
    PlanScore MeanPlanScore,
    PlanScore Foresight,
    ImmutableArray<RobustExchangeEntry> Exchanges,
    ImmutableArray<UncertainInputEntry> Inputs,
    ImmutableArray<RobustDrawEntry> Draws,
    ImmutableArray<string> Explanation,
    SolverSummary? Solver,
    RunMetadata Metadata)
{
    public static RobustDocument Build(Region region, string source, string scenario, RobustResult r, RunMetadata metadata)
    {
        var cur = region.Economics.Currency;
        var money = $"{cur}/yr";
        var model = r.Model;
        var names = ExchangeNames.Of(region, model.Network);
        Amount? A(double v) => double.IsFinite(v) ? Amount.Of(v, money) : null;
        static double? N(double v) => Numbers.RoundOrNull(v);
        PlanScore Score(Func<RobustSample, OptimizationResult> pick)
        {
            var ok = r.Draws.Select(pick).Where(o => o.HasSolution).Select(o => o.Kpis!).ToList();
            Spread S(Func<Kpis, double> f, string unit) => Spread.Of(Percentiles.Of([.. ok.Select(f)]), unit);
            return new PlanScore(S(k => k.ObjectiveGain, money), S(k => k.NetBenefit, money), S(k => k.Co2Avoided, "t CO2e/yr"), S(k => k.LandfillAvoided, "t/yr"), ok.Count);
        }

        var used = r.Draws.Where(d => d.Robust.HasSolution).SelectMany(d => d.Robust.Exchanges)
            .GroupBy(e => e.Id)
            .Select(g => new RobustExchangeEntry(g.Key.Key, names.Ref(g.Key).Name, Numbers.Round((double)g.Count() / r.Samples), Spread.Of(Percentiles.Of([.. g.Select(e => e.Quantity)]), g.First().Unit)))
            .OrderByDescending(e => e.ShareOfSamples).ThenBy(e => e.Key, StringComparer.Ordinal)
            .ToImmutableArray();
        return new(
            RunnerDocuments.SchemaVersion, "robust", RunnerDocuments.Tool, region.Name, source, cur, scenario,
            r.Samples, r.Seed, r.Risk.Word, r.Status.Word(),
            FindingsOf(r, cur),
            Commitments(region, model, r.Plan, names), Commitments(region, model, r.MeanPlan, names),
            A(r.RecourseProblem), A(r.ExpectedOfMeanPlan), A(r.WaitAndSee), A(r.ValueOfStochasticSolution), A(r.ExpectedValueOfPerfectInformation),
            A(r.RiskValue), A(r.MeanPlanRiskValue),
            Score(d => d.Robust), Score(d => d.MeanPlan), Score(d => d.WaitAndSee),
            used,
            [.. r.Inputs.Select(i => new UncertainInputEntry(
                i.Input.Path, i.Input.Distribution.ToString().ToLowerInvariant(), i.Unit,
                Numbers.RoundOrNull(i.Input.Mean ?? double.NaN), Numbers.RoundOrNull(i.Input.StandardDeviation ?? double.NaN), Numbers.RoundOrNull(i.Input.Mode ?? double.NaN),
                Numbers.RoundOrNull(i.Input.Lower ?? double.NaN), Numbers.RoundOrNull(i.Input.Upper ?? double.NaN), Numbers.RoundOrNull(i.Declared),
                Spread.Of(i.Sampled, i.Unit)))],
            [.. r.Draws.Select(d => new RobustDrawEntry(d.Index, [.. d.Inputs.Select(Numbers.Round)],
                d.Robust.Kpis is { } a ? N(a.ObjectiveGain) : null, d.MeanPlan.Kpis is { } b ? N(b.ObjectiveGain) : null, d.WaitAndSee.Kpis is { } c ? N(c.ObjectiveGain) : null))],
            r.Explanation,
            r.ExtensiveSolve is { } o ? SolverSummary.Of(o) : null,
            metadata);
    }

    private static ImmutableArray<CommitmentEntry> Commitments(Region region, ExchangeModel model, PlanChoices plan, ExchangeNames names) =>
    [
        .. plan.Connections(model).Select(a => PlanChoices.IdOf(model, a)).Order().Select(id => new CommitmentEntry("connection", id.Key, names.Ref(id).Name)),
        .. plan.Plants.Select(p => new CommitmentEntry("plant", region.Processes[p].Id, region.Processes[p].Name)),
        .. plan.Closures.Select(p => new CommitmentEntry("closure", region.Processes[p].Id, region.Processes[p].Name)),
        .. plan.Permits.Select(k => new CommitmentEntry("permit", $"{k.Permit}@{k.Receiver}", $"{region.Permits.FirstOrDefault(p => p.Id == k.Permit)?.Name ?? k.Permit} for {region.ActorName(k.Receiver)}")),
    ];

    private static ImmutableArray<string> FindingsOf(RobustResult r, string cur)
    {
        if (!double.IsFinite(r.RecourseProblem))
        {
            return [.. r.Explanation];
        }

        string M(double v) => Figures.Number(v) + " " + cur + "/yr";
        var model = r.Model;
        var lines = ImmutableArray.CreateBuilder<string>();
        var measure = r.Risk.Measure == RiskMeasure.Expected ? "the expected gain" : $"the mean gain of the worst {(1 - r.Risk.Alpha).ToString("P0", CultureInfo.InvariantCulture)} of samples (CVaR)";
        lines.Add($"Deciding now for all {r.Samples} samples and maximising {measure}: commit to {r.Plan.Connections(model).Length} connection(s), {r.Plan.Plants.Count} new plant(s) and {r.Plan.Permits.Count} permit(s); expected gain {M(r.RecourseProblem)} (money plus CO2e at the scenario's price).");
        if (double.IsFinite(r.ExpectedOfMeanPlan))
        {
            lines.Add($"Planning on the mean of the inputs instead gives {M(r.ExpectedOfMeanPlan)} on the same samples: accounting for the uncertainty is worth {M(r.ValueOfStochasticSolution)} (the value of the stochastic solution).");
        }

        lines.Add($"Knowing each sample's inputs in advance would give {M(r.WaitAndSee)}: better information is worth at most {M(r.ExpectedValueOfPerfectInformation)} (the expected value of perfect information).");
        if (r.Risk.Measure == RiskMeasure.Cvar && double.IsFinite(r.MeanPlanRiskValue))
        {
            lines.Add($"In the worst {(1 - r.Risk.Alpha).ToString("P0", CultureInfo.InvariantCulture)} of samples the robust plan gains {M(r.RiskValue)} on average, the plan made on the mean {M(r.MeanPlanRiskValue)}.");
        }

        lines.AddRange(r.Explanation);
        return lines.ToImmutable();
    }
}

/// <summary>One plan within the slack of the optimum.</summary>
/// <param name="ShareOfOptimumGain">This plan's objective gain over the optimum's.</param>
public sealed record AlternativePlanEntry(int Number, string Label, string Status, KpiBlock? Kpis, double ShareOfOptimumGain, ImmutableArray<ExchangeRef> Exchanges, int NewExchanges, int DroppedExchanges);

/// <summary>In how many of the good plans an exchange appears: must-have (all of them) or optional.</summary>
public sealed record PresenceEntry(string Key, string Name, int Plans, string Presence);

/// <summary>alternatives.json: plans within a slack of the optimum, each as unlike the ones before as possible.</summary>
public sealed record AlternativesDocument(
    int SchemaVersion,
    string Kind,
    string Tool,
    string Region,
    string Source,
    string Currency,
    string Scenario,
    double Slack,
    int Requested,
    int Found,
    string Status,
    ImmutableArray<string> Findings,
    ImmutableArray<AlternativePlanEntry> Plans,
    ImmutableArray<PresenceEntry> Exchanges,
    int CandidatesNeverUsed,
    string StoppedBecause,
    RunMetadata Metadata)
{
    public static string PresenceWord(Presence p) => p switch
    {
        Presence.MustHave => "must-have",
        Presence.Optional => "optional",
        _ => "never",
    };

    public static AlternativesDocument Build(Region region, string source, string scenario, AlternativesResult r, RunMetadata metadata)
    {
        var cur = region.Economics.Currency;
        var names = ExchangeNames.Of(region, r.Optimum.Network);
        var gain = r.Optimum.Kpis?.ObjectiveGain ?? double.NaN;
        var plans = r.Plans.Select(p => new AlternativePlanEntry(
            p.Number, p.Number == 0 ? "optimum" : $"alternative {p.Number}", p.Result.Status.Word(), KpiBlock.Of(p.Result.Kpis, cur),
            p.Result.Kpis is { } k && gain > 0 ? Numbers.Round(k.ObjectiveGain / gain) : 0,
            names.Refs(p.Choices.Exchanges(p.Result.Chosen.Model)), p.NewExchanges, p.DroppedExchanges)).ToImmutableArray();
        var exchanges = r.Exchanges.Select(e => new PresenceEntry(e.Id.Key, names.Ref(e.Id).Name, e.Plans, PresenceWord(e.Presence))).ToImmutableArray();
        var must = r.Exchanges.Count(e => e.Presence == Presence.MustHave);
        var optional = r.Exchanges.Count(e => e.Presence == Presence.Optional);
        var findings = ImmutableArray.CreateBuilder<string>();
        if (r.Optimum.HasSolution)
        {
            findings.Add($"{r.Plans.Length - 1} alternative plan(s) found within {r.Slack.ToString("P1", CultureInfo.InvariantCulture)} of the optimum's objective gain of {Figures.Number(gain)} {cur}/yr (money plus CO2e at the scenario's price; asked for {r.Requested}).");
            findings.Add($"{must} exchange(s) are in every good plan (must-have), {optional} in some (optional); {r.CandidatesNeverUsed} other candidate(s) are in none.");
            if (r.StoppedBecause.Length > 0)
            {
                findings.Add($"Stopped early: {r.StoppedBecause}.");
            }
        }
        else
        {
            findings.AddRange(r.Optimum.Explanation);
        }

        return new(RunnerDocuments.SchemaVersion, "alternatives", RunnerDocuments.Tool, region.Name, source, cur, scenario,
            r.Slack, r.Requested, r.Plans.Length - 1, r.Status.Word(), findings.ToImmutable(), plans, exchanges, r.CandidatesNeverUsed, r.StoppedBecause, metadata);
    }
}
