using System.Collections.Immutable;
using System.Globalization;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Modeling;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Optimization;

/// <param name="ParetoPoints">When at least 2, also trace money against CO2 by the epsilon-constraint method.</param>
public sealed record OptimizeOptions(
    SolveOptions? Solve = null,
    ImmutableHashSet<string>? Coalition = null,
    double? Co2Price = null,
    int ParetoPoints = 0)
{
    public SolveOptions SolveOrDefault => Solve ?? new SolveOptions();
}

/// <summary>
/// Optimises a region's exchanges against its counterfactual: the same model with no exchanges and no new plants,
/// so "do nothing" scores exactly zero and every KPI is a difference of two ledgers.
/// </summary>
public static class ExchangeOptimizer
{
    private const double Tolerance = 1e-6;

    public static OptimizationResult Optimize(Region region, OptimizeOptions? options = null, CandidateNetwork? network = null)
    {
        options ??= new OptimizeOptions();
        network ??= CandidateNetworkBuilder.Build(region);
        var solveOptions = options.SolveOrDefault;
        var cfCtx = ExchangeFormulation.Build(region, network, new FormulationOptions(NoExchanges: true, Co2Price: options.Co2Price, IncludeMandates: false));
        var cf = SolverDispatch.Solve(cfCtx, solveOptions with { Solver = SolverKind.Glop });
        var ctx = ExchangeFormulation.Build(region, network, new FormulationOptions(Coalition: options.Coalition, Co2Price: options.Co2Price));
        var main = SolverDispatch.Solve(ctx, solveOptions);

        if (!cf.HasSolution)
        {
            var why = Explain(cfCtx, cf);
            return Empty(StatusText(cf, "today's situation (the counterfactual)"), cf, main, network,
                [cf.Termination == TerminationStatus.Unbounded
                    ? "Already what the actors do today has no bound under this model, so no benefit can be measured:"
                    : "What the actors do today is itself impossible under this model, so no benefit can be measured:", .. why]);
        }

        if (!main.HasSolution)
        {
            return Empty(StatusText(main, "the optimisation"), cf, main, network, Explain(ctx, main));
        }

        var atBigM = ctx.BoundedOnlyByBigM.Where(c => main.Values[c] >= ProcessBuilder.UnboundedCapacity * (1 - Tolerance)).Select(c => ctx.Model.Variables[c].Name).ToList();
        if (atBigM.Count > 0)
        {
            // The big-M that links a new plant to its build decision is not a real capacity: reaching it means the
            // model itself has no finite optimum.
            return Empty("unbounded", cf, main with { Termination = TerminationStatus.Unbounded, Solution = SolutionStatus.None }, network, [
                "The benefit can grow without limit: something earns money per unit with nothing to bound it.",
                .. atBigM.Select(n => $"  {n} has no upper limit and earns money per unit; give the process a capacity or the source a limited quantity."),
            ]);
        }

        var pareto = options.ParetoPoints >= 2 ? TracePareto(region, network, options, cfCtx, cf) : [];
        return Assemble(region, network, cfCtx, cf, ctx, main, pareto);
    }

    /// <summary>The value a coalition can create on its own (everyone else on current routes), in objective terms.</summary>
    public static double CoalitionValue(Region region, CandidateNetwork network, ImmutableHashSet<string> coalition, SolveOptions options, double counterfactualObjective)
    {
        var ctx = ExchangeFormulation.Build(region, network, new FormulationOptions(Coalition: coalition));
        var outcome = SolverDispatch.Solve(ctx, options);
        return outcome.HasSolution ? counterfactualObjective - ctx.ObjectiveWithoutPenalties(outcome) : double.NaN;
    }

    private static OptimizationResult Empty(string status, SolveOutcome cf, SolveOutcome main, CandidateNetwork network, ImmutableArray<string> explanation) =>
        new(status, cf, main, network, null, [], [], [], [], explanation, []);

    private static string StatusText(SolveOutcome o, string what) => o.Termination switch
    {
        TerminationStatus.Infeasible => "infeasible",
        TerminationStatus.Unbounded => "unbounded",
        TerminationStatus.TimeLimit => "time limit reached without a solution",
        _ => $"error in {what}: {o.Message}",
    };

    private static double Sum(FormulationContext ctx, IReadOnlyList<double> x, LedgerKind kind, Func<LedgerEntry, bool>? filter = null) =>
        ctx.Ledger.Where(e => e.Kind == kind && (filter is null || filter(e))).Sum(e => e.Coefficient * x[e.Column]);

    private static OptimizationResult Assemble(Region region, CandidateNetwork network, FormulationContext cfCtx, SolveOutcome cf, FormulationContext ctx, SolveOutcome main, ImmutableArray<ParetoPoint> pareto)
    {
        var x = main.Values;
        var y = cf.Values;
        var massResources = region.Resources.Where(r => r.FlowDimension == Domain.Quantities.Dimension.MassD && r.Category != ResourceCategory.Water).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        bool IsMassVirgin(LedgerEntry e) => massResources.Contains(e.Category);
        var shortfall = ctx.MandateShortfall.Values.Sum(c => x[c]);
        var kpis = new Kpis(
            NetBenefit: Sum(cfCtx, y, LedgerKind.Money) - Sum(ctx, x, LedgerKind.Money),
            ObjectiveGain: cf.Objective - ctx.ObjectiveWithoutPenalties(main),
            Co2Avoided: Sum(cfCtx, y, LedgerKind.Emissions) - Sum(ctx, x, LedgerKind.Emissions),
            LandfillAvoided: Sum(cfCtx, y, LedgerKind.Landfill) - Sum(ctx, x, LedgerKind.Landfill),
            VirginMaterialAvoided: Sum(cfCtx, y, LedgerKind.Virgin, IsMassVirgin) - Sum(ctx, x, LedgerKind.Virgin, IsMassVirgin),
            TransportEmissions: Sum(ctx, x, LedgerKind.Emissions, e => e.Category == "transport"),
            MandateShortfall: shortfall);

        var exchanges = ImmutableArray.CreateBuilder<ExchangeOutcome>();
        foreach (var arc in network.Arcs)
        {
            var col = ctx.ArcFlow[arc.Index];
            if (col < 0 || x[col] <= Tolerance)
            {
                continue;
            }

            var src = network.Sources[arc.Source];
            var sink = network.Sinks[arc.Sink];
            var resource = region.Resource(src.ResourceId);
            var phi = ctx.ActiveShare(arc.PermitId);
            var (srcMoney, srcEm) = src.Supply is { } s
                ? (ctx.RouteMoney(s.Route, resource), s.Route.Emissions.Value)
                : src.Process!.Outputs[src.OutputIndex].Disposal is { } disp ? (ctx.RouteMoney(disp, resource), disp.Emissions.Value) : (0, 0);
            var current = sink.Demand?.Source ?? sink.Process!.Inputs[sink.InputIndex].Source;
            var (sinkMoney, sinkEm) = current is null ? (0.0, 0.0) : (current.Price.Value, current.Emissions.Value);
            var switched = ctx.ArcSwitch[arc.Index] >= 0 && x[ctx.ArcSwitch[arc.Index]] > 0.5;
            var fixedCost = switched ? arc.FixedAnnualCost + arc.AnnualisedCapex : 0;
            var q = x[col];
            var steady = q * (srcMoney + (sinkMoney * arc.Delivered) - arc.TransportCostPerUnit);
            var split = new Co2Split(phi * q * srcEm, phi * q * sinkEm * arc.Delivered, phi * q * arc.TransportEmissionsPerUnit);
            var lead = arc.PermitId is null ? 0 : region.Permits.First(p => p.Id == arc.PermitId).LeadTime.Value;
            exchanges.Add(new ExchangeOutcome(
                src.Id, sink.Id, src.ActorId, sink.ActorId, src.ResourceId, q, resource.UnitText + "/yr", arc.DistanceKm, arc.ModeId,
                src.Process is not null && sink.Process is not null ? $"{src.Process.Id} -> {sink.Process.Id}" : src.Process?.Id ?? sink.Process?.Id, arc.PermitId,
                (phi * steady) - fixedCost, split.Total, steady, switched ? arc.FixedAnnualCost : 0, switched ? arc.Capex : 0, lead, split,
                srcMoney, (sinkMoney * arc.Delivered) - arc.TransportCostPerUnit));
        }

        var deltas = LedgerDeltas(cfCtx, y, ctx, x);
        var actors = region.Actors.Select(a =>
        {
            var mine = deltas.TryGetValue(a.Id, out var d) ? d : [];
            double Total(LedgerKind k) => mine.Where(l => l.Kind == k).Sum(l => l.Value);
            return new ActorOutcome(a.Id, a.Name, Total(LedgerKind.Money), Total(LedgerKind.Emissions), Total(LedgerKind.Landfill), mine);
        }).ToImmutableArray();

        var processes = region.Processes.Select((p, i) => new ProcessOutcome(
            p.Id, p.ActorId,
            p.Existing || (ctx.Plant[i] >= 0 ? x[ctx.Plant[i]] > 0.5 : x[ctx.Throughput[i]] > Tolerance),
            x[ctx.Throughput[i]],
            region.Resource(p.Inputs[0].ResourceId).UnitText + "/yr")).ToImmutableArray();

        var permits = ctx.PermitTaken.Where(kv => x[kv.Value] > 0.5).Select(kv => $"{kv.Key.Permit}@{kv.Key.Receiver}").Order(StringComparer.Ordinal).ToImmutableArray();
        var explanation = ImmutableArray.CreateBuilder<string>();
        if (shortfall > Tolerance)
        {
            explanation.Add(string.Create(CultureInfo.InvariantCulture, $"Procurement mandates could not be met in full: {shortfall:0.##} units/yr short, because not enough secondary supply can reach the public buyers."));
        }

        if (main.Solution == SolutionStatus.Feasible)
        {
            explanation.Add(string.Create(CultureInfo.InvariantCulture, $"The solution is feasible but not proven optimal: the best possible objective is within {main.GapText} of it."));
        }

        var status = main.Solution == SolutionStatus.Optimal ? "optimal" : "feasible";
        return new OptimizationResult(status, cf, main, network, kpis, exchanges.ToImmutable(), actors, processes, permits, explanation.ToImmutable(), pareto);
    }

    /// <summary>Per actor, per kind and category: counterfactual ledger minus optimised ledger, in a stable order.</summary>
    private static Dictionary<string, ImmutableArray<LedgerDelta>> LedgerDeltas(FormulationContext cfCtx, IReadOnlyList<double> y, FormulationContext ctx, IReadOnlyList<double> x)
    {
        var sums = new SortedDictionary<(string Actor, LedgerKind Kind, string Category), double>();
        void Add(FormulationContext c, IReadOnlyList<double> v, double sign)
        {
            foreach (var e in c.Ledger)
            {
                var key = (e.ActorId, e.Kind, e.Category);
                sums[key] = sums.GetValueOrDefault(key) + (sign * e.Coefficient * v[e.Column]);
            }
        }

        Add(cfCtx, y, 1);
        Add(ctx, x, -1);
        return sums.GroupBy(kv => kv.Key.Actor, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(kv => new LedgerDelta(kv.Key.Kind, kv.Key.Category, kv.Value)).ToImmutableArray(), StringComparer.Ordinal);
    }

    /// <summary>
    /// Epsilon-constraint front: the money-only optimum and the least-emission optimum bound the CO2 range; between
    /// them, maximise money with total emissions capped at evenly spaced levels.
    /// </summary>
    private static ImmutableArray<ParetoPoint> TracePareto(Region region, CandidateNetwork network, OptimizeOptions options, FormulationContext cfCtx, SolveOutcome cf)
    {
        var solve = options.SolveOrDefault;
        var cfMoney = Sum(cfCtx, cf.Values, LedgerKind.Money);
        var cfEm = Sum(cfCtx, cf.Values, LedgerKind.Emissions);
        var cfLandfill = Sum(cfCtx, cf.Values, LedgerKind.Landfill);
        var moneyOnly = ExchangeFormulation.Build(region, network, new FormulationOptions(Coalition: options.Coalition, Co2Price: 0));
        var a = SolverDispatch.Solve(moneyOnly, solve);
        var greenest = ExchangeFormulation.Build(region, network, new FormulationOptions(Coalition: options.Coalition, EmissionsOnly: true));
        var b = SolverDispatch.Solve(greenest, solve);
        if (!a.HasSolution || !b.HasSolution)
        {
            return [];
        }

        var emA = Sum(moneyOnly, a.Values, LedgerKind.Emissions);
        var emB = Sum(greenest, b.Values, LedgerKind.Emissions);
        var points = ImmutableArray.CreateBuilder<ParetoPoint>();
        for (var k = 0; k < options.ParetoPoints; k++)
        {
            var cap = emA - ((emA - emB) * k / (options.ParetoPoints - 1));
            var ctx = ExchangeFormulation.Build(region, network, new FormulationOptions(Coalition: options.Coalition, Co2Price: 0, MaxEmissions: cap + (1e-7 * Math.Max(1, Math.Abs(cap)))));
            var o = SolverDispatch.Solve(ctx, solve with { Solver = solve.Solver == SolverKind.MinCostFlow ? SolverKind.Auto : solve.Solver });
            if (!o.HasSolution)
            {
                continue;
            }

            points.Add(new ParetoPoint(
                cfMoney - Sum(ctx, o.Values, LedgerKind.Money),
                cfEm - Sum(ctx, o.Values, LedgerKind.Emissions),
                cfLandfill - Sum(ctx, o.Values, LedgerKind.Landfill),
                o.Solution == SolutionStatus.Optimal ? "optimal" : "feasible"));
        }

        return points.ToImmutable();
    }

    /// <summary>Explains a failed solve in words: an elastic re-solve names the constraints that cannot all hold.</summary>
    public static ImmutableArray<string> Explain(FormulationContext ctx, SolveOutcome outcome)
    {
        if (outcome.Termination == TerminationStatus.Unbounded)
        {
            var free = ctx.Model.Variables.Where(v => double.IsPositiveInfinity(v.Upper) && v.Cost < 0).Select(v => v.Name).Take(5).ToList();
            return [
                "The benefit can grow without limit: something earns money per unit with nothing to bound it.",
                .. free.Select(n => $"  {n} has no upper limit and earns money per unit; give the process a capacity or the source a limited quantity."),
            ];
        }

        if (outcome.Termination != TerminationStatus.Infeasible)
        {
            return [outcome.Message.Length > 0 ? outcome.Message : $"The solver stopped ({outcome.Termination}) without a solution; allow more time with --time-limit or a looser --gap."];
        }

        var elastic = InfeasibilityExplainer.ElasticModel(ctx.Model);
        var o = OrToolsSolver.Solve(elastic.Model, new SolveOptions(TimeLimitSeconds: 30), elastic.Model.BinaryCount > 0 ? SolverKind.Scip : SolverKind.Glop);
        if (!o.HasSolution)
        {
            return ["The model has no solution, and the constraints in conflict could not be identified."];
        }

        var lines = ImmutableArray.CreateBuilder<string>();
        lines.Add("No plan satisfies every constraint. Relaxing as little as possible, these cannot all hold:");
        foreach (var (row, slack) in elastic.Slacks)
        {
            var v = o.Values[slack.Column];
            if (v > 1e-6)
            {
                var r = ctx.Model.Rows[row];
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"  {r.Name}: {r.Meaning} - {(slack.Sign > 0 ? "short" : "over")} by {v:0.###}"));
            }
        }

        return lines.ToImmutable();
    }
}

/// <summary>Adds a penalised slack to every row so the re-solve shows which rows must give way, and by how much.</summary>
public static class InfeasibilityExplainer
{
    public sealed record Slack(int Column, int Sign);

    public static (MipModel Model, List<(int Row, Slack Slack)> Slacks) ElasticModel(MipModel original)
    {
        var m = new MipModel();
        foreach (var v in original.Variables)
        {
            m.AddVariable(v.Name, v.Lower, v.Upper, 0, v.IsInteger);
        }

        var slacks = new List<(int, Slack)>();
        foreach (var r in original.Rows)
        {
            var terms = r.Columns.Zip(r.Coefficients).Select(t => (t.First, t.Second)).ToList();
            if (double.IsFinite(r.Lower))
            {
                var s = m.AddVariable($"Short[{r.Name}]", 0, double.PositiveInfinity, 1);
                terms.Add((s, 1.0));
                slacks.Add((r.Index, new Slack(s, 1)));
            }

            if (double.IsFinite(r.Upper))
            {
                var s = m.AddVariable($"Over[{r.Name}]", 0, double.PositiveInfinity, 1);
                terms.Add((s, -1.0));
                slacks.Add((r.Index, new Slack(s, -1)));
            }

            m.AddRow(r.Name, r.Meaning, r.Lower, r.Upper, terms);
        }

        return (m, slacks);
    }
}
