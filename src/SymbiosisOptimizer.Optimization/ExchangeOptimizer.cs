using System.Collections.Immutable;
using System.Globalization;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization.Decisions;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Modeling;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Optimization;

/// <param name="ParetoPoints">When at least 2, also trace a front of <see cref="ParetoObjectives"/> with this many grid
/// levels per constrained objective (<see cref="ParetoFront"/>).</param>
public sealed record OptimizeOptions(
    SolveOptions? Solve = null,
    ImmutableHashSet<string>? Coalition = null,
    double? Co2Price = null,
    int ParetoPoints = 0)
{
    public SolveOptions SolveOrDefault => Solve ?? new SolveOptions();

    /// <summary>The front's objectives, the first optimised and the others held by epsilon constraints (default money, CO2).</summary>
    public ImmutableArray<ParetoObjective> ParetoObjectives { get; init; } = Decisions.ParetoObjectives.Default;
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
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var stages = ImmutableArray.CreateBuilder<StageSeconds>();
        void Stage(string name)
        {
            stages.Add(new StageSeconds(name, clock.Elapsed.TotalSeconds));
            clock.Restart();
        }

        network ??= CandidateNetworkBuilder.Build(region);
        Stage("network build");
        var solveOptions = options.SolveOrDefault;
        var cfModel = ExchangeFormulation.Build(region, network, FormulationOptions.Counterfactual(options.Co2Price));
        Stage("counterfactual model build");

        // Today's situation is an LP every figure is measured against: the time limit is the plan's, not its.
        var cf = SolverDispatch.Solve(cfModel, solveOptions with { Solver = SolverKind.Glop, TimeLimitSeconds = null, Progress = null });
        Stage("counterfactual solve");
        var model = ExchangeFormulation.Build(region, network, new FormulationOptions(Coalition: options.Coalition, Co2Price: options.Co2Price));
        Stage("model build");
        var main = SolverDispatch.Solve(model, solveOptions);
        Stage("solve");
        var result = Finish(region, options, network, cf, model, main);
        Stage("breakdown");
        return result with { Stages = stages.ToImmutable() };
    }

    private static OptimizationResult Finish(Region region, OptimizeOptions options, CandidateNetwork network, Solution cf, ExchangeModel model, Solution main)
    {

        if (!cf.HasSolution)
        {
            var why = Explain(cf);
            return Empty(StatusOf(cf.Outcome), cf, main,
                [cf.Outcome.Termination == TerminationStatus.Unbounded
                    ? "Already what the actors do today has no bound under this model, so no benefit can be measured:"
                    : "What the actors do today is itself impossible under this model, so no benefit can be measured:", .. why]);
        }

        if (!main.HasSolution)
        {
            return Empty(StatusOf(main.Outcome), cf, main, Explain(main));
        }

        var atBigM = model.BoundedOnlyByBigM.Where(c => main.Values[c] >= ProcessBuilder.UnboundedCapacity * (1 - Tolerance)).ToList();
        if (atBigM.Count > 0)
        {
            // The big-M that links a new plant to its build decision is not a real capacity: reaching it means the
            // model itself has no finite optimum.
            return Empty(ResultStatus.Unbounded, cf, main with { Outcome = main.Outcome with { Termination = TerminationStatus.Unbounded, Solution = SolutionStatus.None } }, [
                "The benefit can grow without limit: something earns money per unit with nothing to bound it.",
                .. atBigM.Select(c => $"  {model.DescribeColumn(c)} has no upper limit and earns money per unit; give the process a capacity or the source a limited quantity."),
            ]);
        }

        var pareto = options.ParetoPoints >= 2 ? ParetoFront.Trace(region, network, options.ParetoObjectives, options.ParetoPoints, options.SolveOrDefault, cf, options.Coalition) : [];
        return Assemble(region, cf, main, pareto);
    }

    /// <summary>The value a coalition can create on its own (everyone else on current routes), in objective terms.</summary>
    public static double CoalitionValue(Region region, CandidateNetwork network, ImmutableHashSet<string> coalition, SolveOptions options, double counterfactualObjective)
    {
        var solution = SolverDispatch.Solve(ExchangeFormulation.Build(region, network, new FormulationOptions(Coalition: coalition)), options);
        return solution.HasSolution ? counterfactualObjective - solution.Objective : double.NaN;
    }

    /// <summary>
    /// The result of a plan solved on a changed copy of a formulation's MILP (decisions fixed or restricted, bounds only):
    /// the same KPIs, rows and breakdowns a run reports, against the same counterfactual.
    /// </summary>
    public static OptimizationResult Assess(Region region, Solution counterfactual, Solution plan) =>
        plan.HasSolution ? Assemble(region, counterfactual, plan, []) : Empty(StatusOf(plan.Outcome), counterfactual, plan, Explain(plan));

    private static OptimizationResult Empty(ResultStatus status, Solution cf, Solution main, ImmutableArray<string> explanation) =>
        new(status, cf, main, null, [], [], [], [], Contribution.Zero, explanation, []);

    /// <summary>The status of a solve that has no plan; a solve with one is optimal or feasible.</summary>
    public static ResultStatus StatusOf(SolveOutcome o) => o.HasSolution
        ? o.Solution == SolutionStatus.Optimal ? ResultStatus.Optimal
            : o.Termination == TerminationStatus.TimeLimit ? ResultStatus.TimeLimitWithPlan : ResultStatus.Feasible
        : o.Termination switch
        {
            TerminationStatus.Infeasible => ResultStatus.Infeasible,
            TerminationStatus.Unbounded => ResultStatus.Unbounded,
            TerminationStatus.TimeLimit => ResultStatus.TimeLimitWithoutPlan,
            _ => ResultStatus.Error,
        };

    private static OptimizationResult Assemble(Region region, Solution cf, Solution main, ImmutableArray<ParetoPoint> pareto)
    {
        var model = main.Model;
        var network = model.Network;
        var x = main.Values;
        var lines = LedgerBreakdown.Of(cf, main);
        var byItem = lines.GroupBy(l => l.Item).ToDictionary(g => g.Key, g => g.ToList());
        List<BreakdownLine> Of(LedgerItemKind kind, int index) => byItem.TryGetValue(new LedgerItem(kind, index), out var l) ? l : [];
        var listed = new HashSet<LedgerItem>();

        var exchanges = ImmutableArray.CreateBuilder<ExchangeOutcome>();
        foreach (var arc in network.Arcs)
        {
            var col = model.ArcFlow[arc.Index];
            if (col < 0 || x[col] <= Tolerance)
            {
                continue;
            }

            listed.Add(new LedgerItem(LedgerItemKind.Exchange, arc.Index));
            var mine = Of(LedgerItemKind.Exchange, arc.Index);
            var src = network.Sources[arc.Source];
            var sink = network.Sinks[arc.Sink];
            var resource = region.Resource(src.ResourceId);
            var srcMoney = src.Supply is { } s
                ? model.RouteMoney(s.Route, resource)
                : src.Process!.Outputs[src.OutputIndex].Disposal is { } disp ? model.RouteMoney(disp, resource) : 0;
            var current = sink.Demand?.Source ?? sink.Process!.Inputs[sink.InputIndex].Source;
            var sinkMoney = current?.Price.Value ?? 0;
            var switched = main.IsOn(model.ArcSwitch[arc.Index]);
            var q = x[col];
            var steady = q * (srcMoney + (sinkMoney * arc.Delivered) - arc.TransportCostPerUnit);
            double Co2(LedgerCategory c) => mine.Where(l => l.Kind == LedgerKind.Emissions && l.Category == c).Sum(l => l.Value);
            var split = new Co2Split(Co2(LedgerCategory.Disposal), Co2(LedgerCategory.Purchase), -Co2(LedgerCategory.Transport), -Co2(LedgerCategory.PermitDelay));
            var lead = arc.PermitId is null ? 0 : region.Permits.First(p => p.Id == arc.PermitId).LeadTime.Value;
            exchanges.Add(new ExchangeOutcome(
                arc.Index, src.Id, sink.Id, src.ActorId, sink.ActorId, src.ResourceId, q, resource.UnitText + "/yr", arc.DistanceKm, arc.ModeId,
                src.Process is not null && sink.Process is not null ? $"{src.Process.Id} -> {sink.Process.Id}" : src.Process?.Id ?? sink.Process?.Id, arc.PermitId,
                LedgerBreakdown.Sum(region, mine), steady, switched ? arc.FixedAnnualCost : 0, switched ? arc.Capex : 0, lead, split,
                srcMoney, (sinkMoney * arc.Delivered) - arc.TransportCostPerUnit)
            {
                SourceProcess = src.Process?.Id,
                SinkProcess = sink.Process?.Id,
            });
        }

        // Contaminant rows by process, once: looking them up per process walked every row of the model each time.
        var contaminantRows = model.RowsOf(RowFamily.ContaminantBalance).ToLookup(t => t.Key.Index);
        var processes = region.Processes.Select((p, i) =>
        {
            var item = new LedgerItem(LedgerItemKind.Process, i);
            listed.Add(item);
            var closed = main.IsOn(model.Closed[i]);
            var built = (p.Existing && !closed) || (model.Plant[i] >= 0 ? main.IsOn(model.Plant[i]) : !p.Existing && x[model.Throughput[i]] > Tolerance);
            return new ProcessOutcome(p.Id, p.Name, p.ActorId, p.Existing, built, x[model.Throughput[i]],
                region.Resource(p.Inputs[0].ResourceId).UnitText + "/yr", LedgerBreakdown.Sum(region, Of(LedgerItemKind.Process, i)))
            {
                Outlet = Outlet(main, i, contaminantRows[i]),
                Closable = p.Closable,
                Closed = closed,
                ClosingSaving = closed ? p.ClosingSaving : 0,
            };
        }).ToImmutableArray();

        // Lines of a permit are per receiver: a permit taken at one receiver carries that receiver's lines only.
        var permits = ImmutableArray.CreateBuilder<PermitOutcome>();
        var listedPermitLines = new HashSet<(int Permit, string Receiver)>();
        foreach (var ((permitId, receiver), w) in model.PermitTaken)
        {
            if (!main.IsOn(w))
            {
                continue;
            }

            var index = region.Permits.IndexOf(region.Permits.First(p => p.Id == permitId));
            listedPermitLines.Add((index, receiver));
            permits.Add(new PermitOutcome(permitId, region.Permits[index].Name, receiver,
                LedgerBreakdown.Sum(region, Of(LedgerItemKind.Permit, index).Where(l => l.ActorId == receiver))));
        }

        var unattributed = LedgerBreakdown.Sum(region, lines.Where(l => l.Item.Kind == LedgerItemKind.Permit
            ? !listedPermitLines.Contains((l.Item.Index, l.ActorId))
            : !listed.Contains(l.Item)));

        var shortfall = model.MandateShortfall.Values.Sum(c => x[c]);
        var total = Contribution.Sum(exchanges.Select(e => e.Impact)).Plus(Contribution.Sum(processes.Select(p => p.Impact)))
            .Plus(Contribution.Sum(permits.Select(p => p.Impact))).Plus(unattributed);
        var kpis = new Kpis(
            NetBenefit: total.Money,
            ObjectiveGain: cf.Objective - main.Objective,
            Co2Avoided: total.Co2,
            LandfillAvoided: total.Landfill,
            VirginMaterialAvoided: total.VirginMass,
            TransportEmissions: main.Ledger(LedgerKind.Emissions, e => e.Category == LedgerCategory.Transport),
            MandateShortfall: shortfall);

        var actors = ActorOutcomes(region, lines);
        var explanation = ImmutableArray.CreateBuilder<string>();
        if (shortfall > Tolerance)
        {
            explanation.Add(string.Create(CultureInfo.InvariantCulture, $"Procurement mandates could not be met in full: {shortfall:0.##} units/yr short, because not enough secondary supply can reach the public buyers."));
        }

        if (main.Outcome.Solution == SolutionStatus.Feasible)
        {
            explanation.Add(string.Create(CultureInfo.InvariantCulture, $"The solution is feasible but not proven optimal: the best possible objective is within {main.Outcome.GapText} of it."));
        }

        return new OptimizationResult(StatusOf(main.Outcome), cf, main, kpis, exchanges.ToImmutable(), actors, processes, permits.ToImmutable(), unattributed, explanation.ToImmutable(), pareto)
        {
            Lines = lines,
        };
    }

    /// <summary>
    /// Each contaminant's actual outlet concentration, read off its ContaminantBalance row: the row holds inlet mass +
    /// load - C_out yield T &lt;= rhs (the load on the left with a build decision, else as -load on the right), so the
    /// mass leaving is the row's activity less the T term, plus the load when it sits on the right.
    /// </summary>
    private static ImmutableArray<OutletConcentration> Outlet(Solution plan, int process, IEnumerable<(int Row, RowKey Key)> rows)
    {
        var model = plan.Model;
        var p = model.Region.Processes[process];
        var t = model.Throughput[process];
        var outflow = p.Outputs.IsEmpty ? 0 : p.Outputs[0].Yield * plan.Values[t];
        var list = ImmutableArray.CreateBuilder<OutletConcentration>();
        foreach (var (row, key) in rows)
        {
            if (key.Index != process || key.Detail is not { } property || !p.Outputs[0].Quality.TryGetValue(property, out var limit))
            {
                continue;
            }

            var r = model.Model.Rows[row];
            var mass = 0.0;
            for (var k = 0; k < r.Columns.Length; k++)
            {
                if (r.Columns[k] != t)
                {
                    mass += r.Coefficients[k] * plan.Values[r.Columns[k]];
                }
            }

            mass -= double.IsFinite(r.Upper) ? r.Upper : 0;
            list.Add(new OutletConcentration(property, limit.Value, outflow > Tolerance ? mass / outflow : double.NaN));
        }

        return list.ToImmutable();
    }

    /// <summary>Per actor: its lines summed per kind, category and resource, in a stable order.</summary>
    private static ImmutableArray<ActorOutcome> ActorOutcomes(Region region, ImmutableArray<BreakdownLine> lines)
    {
        var byActor = lines.GroupBy(l => l.ActorId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return [.. region.Actors.Select(a =>
        {
            var mine = byActor.TryGetValue(a.Id, out var l) ? l : [];
            var ledger = mine.GroupBy(x => (x.Kind, x.Category, x.Resource))
                .OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Category).ThenBy(g => g.Key.Resource, StringComparer.Ordinal)
                .Select(g => new LedgerDelta(g.Key.Kind, g.Key.Category, g.Key.Resource, g.Sum(x => x.Value)))
                .ToImmutableArray();
            var sum = LedgerBreakdown.Sum(region, mine);
            return new ActorOutcome(a.Id, a.Name, sum.Money, sum.Co2, sum.Landfill, ledger);
        })];
    }

    /// <summary>Explains a failed solve in words: an elastic re-solve names the constraints that cannot all hold.</summary>
    public static ImmutableArray<string> Explain(Solution solution)
    {
        var (ctx, outcome) = (solution.Model, solution.Outcome);
        if (outcome.Termination == TerminationStatus.Unbounded)
        {
            var free = ctx.Model.Variables.Where(v => double.IsPositiveInfinity(v.Upper) && v.Cost < 0).Select(v => ctx.DescribeColumn(v.Index)).Take(5).ToList();
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
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"  {ctx.Describe(ctx.RowKeys[row])}: {r.Meaning} - {(slack.Sign > 0 ? "short" : "over")} by {v:0.###}"));
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
