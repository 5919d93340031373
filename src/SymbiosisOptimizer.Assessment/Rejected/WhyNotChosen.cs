using System.Collections.Immutable;
using System.Globalization;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Domain.Parameters;
using SymbiosisOptimizer.Domain.Quantities;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Modeling;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Assessment.Rejected;

/// <summary>
/// Explains every candidate exchange and every new plant a solved plan leaves out: the cause, the amount by which it
/// falls short of paying, and what would have to change for it to pay.
/// </summary>
/// <remarks>
/// Each candidate is forced into a copy of the kept chosen model (<c>result.Chosen.Model</c>; the formulation is never
/// rebuilt): an exchange carries at least <see cref="WhyNotOptions.ProbeQuantity"/> (and, with a connection, has its
/// switch at 1 and at least its minimum lot); a plant has its build decision at 1. The shortfall is the forced
/// optimum's objective minus the plan's (money plus valued CO2e and landfill, per year); the money-only, CO2e and
/// landfill changes are read off the same ledgers. When forcing it in is impossible, an elastic re-solve of the forced
/// copy (<see cref="InfeasibilityExplainer"/>) names the rows that block it. Exchanges the presolve screened out are
/// explained per unit from the model's costs, without a solve, and their shortfall is the presolve's lower bound.
/// Forced solves run in parallel in a stable order, so the same input gives the same output.
/// </remarks>
public static class WhyNotChosen
{
    private const double FlowTolerance = 1e-6;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static WhyNotChosenResult Explain(OptimizationResult result, WhyNotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        options ??= new WhyNotOptions();
        var model = result.Chosen.Model;
        var region = model.Region;
        var currency = region.Economics.Currency;
        if (!result.HasSolution)
        {
            return new WhyNotChosenResult(currency, [], 0, 0, 0, "There is no plan, so no candidate can be compared with it.");
        }

        var ctx = new Context(result, options);
        var candidates = ctx.Candidates();
        var toSolve = candidates.Where(c => c.Screened is null && c.Direct is null).ToList();
        var leftOut = new HashSet<Candidate>();
        if (toSolve.Count > options.MaxForcedSolves)
        {
            var ranked = toSolve.OrderBy(c => c.Estimate).ThenBy(c => c.Kind).ThenBy(c => c.Index).ToList();
            leftOut.UnionWith(ranked.Skip(Math.Max(0, options.MaxForcedSolves)));
            toSolve = [.. ranked.Take(Math.Max(0, options.MaxForcedSolves)).OrderBy(c => c.Kind).ThenBy(c => c.Index)];
        }

        var forced = Solving.InParallel(toSolve, (c, _) => ctx.Force(c));
        var measured = toSolve.Zip(forced).ToDictionary(t => t.First, t => t.Second);
        var explained = candidates.Select(c =>
            c.Screened is { } s ? s
            : c.Direct is { } d ? d
            : leftOut.Contains(c) ? ctx.NotAnalysed(c, options.MaxForcedSolves)
            : measured[c]).ToList();

        if (options.ConfirmThresholds)
        {
            explained = ctx.Confirm(explained);
        }

        var groups = explained.GroupBy(r => r.Cause).OrderBy(g => g.Key)
            .Select(g => new RejectionGroup(g.Key, Title(g.Key), [.. g
                .OrderBy(r => r.Shortfall is null ? 1 : 0).ThenBy(r => r.Shortfall ?? 0).ThenBy(r => r.Kind).ThenBy(r => r.Index)]))
            .ToImmutableArray();
        var note = leftOut.Count == 0 ? string.Empty
            : string.Create(Inv, $"{leftOut.Count} of {candidates.Count} candidates were not analysed: only the {options.MaxForcedSolves} nearest to paying by their screening saving were forced in.");
        return new WhyNotChosenResult(currency, groups, candidates.Count, toSolve.Count, leftOut.Count, note);
    }

    /// <summary>A heading for a cause.</summary>
    public static string Title(RejectionCause cause) => cause switch
    {
        RejectionCause.Cost => "Loses money per unit",
        RejectionCause.Distance => "Transport costs more than it saves",
        RejectionCause.FixedCost => "Does not pay its fixed cost",
        RejectionCause.Permit => "Does not pay its permit",
        RejectionCause.Capacity => "Its receiver or supply is better used elsewhere",
        RejectionCause.Quality => "Blocked by a quality limit",
        RejectionCause.PlantNotBuilt => "Needs a plant the plan does not build",
        RejectionCause.Screened => "Proven never to help (presolve)",
        RejectionCause.Infeasible => "Cannot be forced in",
        RejectionCause.NoLoss => "As good as the plan",
        _ => "Not analysed",
    };

    /// <summary>One candidate to explain; <see cref="Screened"/> or <see cref="Direct"/> is set when no solve is needed.</summary>
    private sealed record Candidate(CandidateKind Kind, int Index, double Estimate, RejectedCandidate? Screened, RejectedCandidate? Direct);

    /// <summary>Per-unit objective terms of an exchange: what it avoids at the source and receiver, and what its flow costs.</summary>
    /// <param name="Known">False when the source or receiver is a plant without a route or purchase to compare with.</param>
    private readonly record struct PerUnit(double Source, double Receiver, double FlowCost, double Transport, double Money, bool Known)
    {
        public double Saving => Source + Receiver - FlowCost;
    }

    private sealed class Context
    {
        private readonly OptimizationResult result;
        private readonly WhyNotOptions options;
        private readonly SolveOptions solve;
        private readonly ExchangeModel model;
        private readonly Region region;
        private readonly CandidateNetwork network;
        private readonly Solution chosen;
        private readonly double[] money;
        private readonly double tolerance;
        private readonly ImmutableArray<ModelBlock> blocks;
        private readonly int[] blockOf;

        public Context(OptimizationResult result, WhyNotOptions options)
        {
            this.result = result;
            this.options = options;
            solve = (options.Solve ?? new SolveOptions()) with { Hint = default, WantDuals = false, Progress = null };
            chosen = result.Chosen;
            model = chosen.Model;
            blocks = ModelBlocks.Split(model.Model);
            blockOf = new int[model.Model.Variables.Count];
            for (var b = 0; b < blocks.Length; b++)
            {
                foreach (var col in blocks[b].Columns)
                {
                    blockOf[col] = b;
                }
            }

            region = model.Region;
            network = model.Network;
            money = new double[model.Model.Variables.Count];
            foreach (var e in model.Ledger.Where(e => e.Kind == LedgerKind.Money))
            {
                money[e.Column] += e.Coefficient;
            }

            var scale = Math.Max(1, Math.Abs(chosen.Objective));
            tolerance = (1e-9 * scale) + (Math.Max(0, result.Solve.Gap) * scale);
        }

        private string Currency => region.Economics.Currency;

        private double Cost(int column) => column >= 0 ? model.Model.Variables[column].Cost : 0;

        private double Money(int column) => column >= 0 ? money[column] : 0;

        public List<Candidate> Candidates()
        {
            var screening = model.ScreenedArcs + model.ScreenedPlants > 0 ? ScreeningBuilder.Find(model) : (new bool[network.Arcs.Length], new bool[region.Processes.Length]);
            var list = new List<Candidate>();
            foreach (var arc in network.Arcs)
            {
                var col = model.ArcFlow[arc.Index];
                if (col < 0 || chosen.Flow(arc.Index) > FlowTolerance)
                {
                    continue;
                }

                var v = model.Model.Variables[col];
                var screened = screening.Item1[arc.Index] && v.Upper == 0 && v.Lower == 0;
                var unit = PerUnitOf(arc);
                var f = FixedCost(arc);
                var estimate = !unit.Known ? f
                    : unit.Saving > 0 ? f - (unit.Saving * Math.Min(v.Upper, arc.UpperBound))
                    : f + (Math.Max(arc.MinLot, options.ProbeQuantity) * -unit.Saving);
                list.Add(new Candidate(CandidateKind.Exchange, arc.Index, double.IsFinite(estimate) ? estimate : double.MinValue,
                    screened ? ScreenedArc(arc, unit, screening.Item2) : null, screened ? null : Direct(arc)));
            }

            for (var p = 0; p < region.Processes.Length; p++)
            {
                var process = region.Processes[p];
                if (process.Existing || IsBuilt(p))
                {
                    continue;
                }

                var plant = model.Plant[p];
                var screened = screening.Item2[p] && plant >= 0 && model.Model.Variables[plant].Upper == 0;
                list.Add(new Candidate(CandidateKind.Plant, p, Cost(plant), screened ? ScreenedPlant(p) : null, null));
            }

            return list;
        }

        private bool IsBuilt(int p) => region.Processes[p].Existing ||
            (model.Plant[p] >= 0 ? chosen.IsOn(model.Plant[p]) : chosen.Values[model.Throughput[p]] > FlowTolerance);

        private double FixedCost(CandidateArc arc) => Cost(model.ArcSwitch[arc.Index]);

        private PerUnit PerUnitOf(CandidateArc arc)
        {
            var src = network.Sources[arc.Source];
            var sink = network.Sinks[arc.Sink];
            var known = true;
            int srcCol;
            if (src.Supply is not null)
            {
                srcCol = model.Route[src.Index];
            }
            else
            {
                var p = region.Processes.IndexOf(src.Process!);
                srcCol = model.Disposal[p][src.OutputIndex];
                known &= srcCol >= 0;
            }

            int sinkCol;
            if (sink.Demand is not null)
            {
                sinkCol = model.Virgin[sink.Index];
            }
            else
            {
                var p = region.Processes.IndexOf(sink.Process!);
                sinkCol = model.ProcessVirgin[p][sink.InputIndex];
                known &= sinkCol >= 0;
            }

            var flow = model.ArcFlow[arc.Index];
            var transport = model.ActiveShare(arc.PermitId) * (arc.TransportCostPerUnit + (model.Co2Price * arc.TransportEmissionsPerUnit));
            var moneySaving = Money(srcCol) + (arc.Delivered * Money(sinkCol)) - Money(flow);
            return new PerUnit(Cost(srcCol), arc.Delivered * Cost(sinkCol), Cost(flow), transport, moneySaving, known);
        }

        /// <summary>A candidate that provably cannot be forced in, stated without a solve (a minimum lot above what it can carry).</summary>
        private RejectedCandidate? Direct(CandidateArc arc)
        {
            var upper = model.Model.Variables[model.ArcFlow[arc.Index]].Upper;
            if (arc.MinLot <= upper * (1 + 1e-9) && upper > 0)
            {
                return null;
            }

            var unit = UnitOf(arc);
            var why = upper <= 0
                ? $"it can carry nothing: {Receiver(arc)} or the supply has no quantity"
                : string.Create(Inv, $"its minimum lot of {Num(arc.MinLot)} {unit} is more than the {Num(upper)} {unit} it can carry at most");
            return Make(CandidateKind.Exchange, arc.Index, RejectionCause.Capacity, why, null, null, []);
        }

        private RejectedCandidate ScreenedArc(CandidateArc arc, PerUnit unit, bool[] screenedPlants)
        {
            var src = network.Sources[arc.Source];
            var sink = network.Sinks[arc.Sink];
            var plant = src.Process is { } sp && screenedPlants[region.Processes.IndexOf(sp)] ? sp
                : sink.Process is { } kp && screenedPlants[region.Processes.IndexOf(kp)] ? kp : null;
            if (plant is not null)
            {
                var how = ReferenceEquals(plant, src.Process) ? "it comes from" : "it feeds";
                return Make(CandidateKind.Exchange, arc.Index, RejectionCause.Screened,
                    $"{how} the new plant '{plant.Name}', which the presolve proved can never pay for itself", null, null, []);
            }

            var f = FixedCost(arc);
            var upper = arc.UpperBound;
            var per = UnitOf(arc).Replace("/yr", string.Empty, StringComparison.Ordinal);
            string why;
            double bound;
            if (unit.Saving <= 0)
            {
                var q = Math.Max(arc.MinLot, Math.Min(options.ProbeQuantity, upper));
                bound = f + (q * -unit.Saving);
                why = string.Create(Inv, $"its saving per {per} is {Num(unit.Saving)} {Currency} (money plus valued CO2e), so every {per} it moves loses money: {Terms(arc, unit)}");
            }
            else
            {
                bound = f - (upper * unit.Saving);
                why = string.Create(Inv, $"its fixed cost of {Num(f)} {Currency}/yr is more than the most it could ever save, {Num(upper)} {UnitOf(arc)} x {Num(unit.Saving)} {Currency}/{per} = {Num(upper * unit.Saving)} {Currency}/yr");
            }

            var thresholds = unit.Saving > 0 && f > 0
                ? ImmutableArray.Create(new PayThreshold(ThresholdKind.FixedCost, f, upper * unit.Saving, $"{Currency}/yr", true, null,
                    string.Create(Inv, $"it could pay only with a fixed cost below {Num(upper * unit.Saving)} {Currency}/yr (today {Num(f)}), and only if it then moved all it can")))
                : [];
            return Make(CandidateKind.Exchange, arc.Index, RejectionCause.Screened, why, null, bound, thresholds, moneyShortfall: unit.Saving <= 0 ? f + (Math.Max(arc.MinLot, Math.Min(options.ProbeQuantity, upper)) * -unit.Money) : null);
        }

        private RejectedCandidate ScreenedPlant(int p)
        {
            var process = region.Processes[p];
            var f = Cost(model.Plant[p]);
            var why = string.Create(Inv, $"its annual capital and fixed operating cost of {Num(f)} {Currency}/yr is more than the most it could earn running at capacity with its best inputs and outlets, so the presolve left it unbuilt");
            return Make(CandidateKind.Plant, p, RejectionCause.Screened, why, null, null, []);
        }

        public RejectedCandidate NotAnalysed(Candidate c, int cap) =>
            c.Kind == CandidateKind.Exchange
                ? Make(CandidateKind.Exchange, c.Index, RejectionCause.NotAnalysed, string.Create(Inv, $"not analysed: beyond the cap of {cap} forced solves, and farther from paying by its per-unit saving than those analysed"), null, null, [])
                : Make(CandidateKind.Plant, c.Index, RejectionCause.NotAnalysed, string.Create(Inv, $"not analysed: beyond the cap of {cap} forced solves"), null, null, []);

        /// <summary>
        /// Forces one candidate into the chosen model, re-solves the block it lies in (<see cref="ModelBlocks"/>: no row
        /// links it to the others, so their part of the plan stays optimal as it is) and explains the difference.
        /// </summary>
        public RejectedCandidate Force(Candidate c)
        {
            var block = blocks[blockOf[ForcedColumn(c)]];
            var (sub, columns, _) = ModelBlocks.Extract(model.Model, [block]);
            if (ForcedColumns(c).Any(col => columns.BinarySearch(col) < 0))
            {
                // A forced column outside the block (fixed by the presolve): the whole model, as it is.
                (sub, columns) = (model.Model.Copy(), [.. Enumerable.Range(0, model.Model.Variables.Count)]);
            }

            var cols = columns;
            Impose(sub, c, col => cols.BinarySearch(col));
            var kind = solve.Solver is SolverKind.Auto or SolverKind.MinCostFlow
                ? sub.Variables.Any(v => v.IsInteger && v.Lower != v.Upper) ? SolverKind.Scip : SolverKind.Glop
                : solve.Solver;
            // The run's own few root cutting rounds: with SCIP's defaults a forced re-solve of a 49-binary block of the
            // generated 100-actor region took 9.5 s where the run solved it in 1.2 s (benchmarks/README.md, "Why not chosen").
            var budget = string.Create(Inv, $"{BlockSolver.ScipSettings}\nlimits/nodes = {Math.Max(1, options.ForcedNodes)}");
            var settings = kind != SolverKind.Scip ? solve.SolverParameters
                : solve.SolverParameters is null ? budget : $"{budget}\n{solve.SolverParameters}";
            var part = BlockSolver.Solve(sub, solve with { Solver = kind, SolverParameters = settings }, kind);
            if (!part.HasSolution)
            {
                if (part.Termination != TerminationStatus.Infeasible)
                {
                    return Make(c.Kind, c.Index, RejectionCause.Infeasible, $"the forced re-solve stopped without a plan ({part.Termination}); allow more time", null, null, []);
                }

                var m = model.Model.Copy();
                Impose(m, c, col => col);
                return Blocked(c, m);
            }

            // The plan outside the block is the chosen one; the block's columns are the forced re-solve's.
            var values = chosen.Values.ToArray();
            for (var k = 0; k < columns.Length; k++)
            {
                values[columns[k]] = part.Values[k];
            }

            var objective = model.Model.Evaluate(values);
            var outcome = part with { Objective = objective, BestBound = objective - (part.Objective - part.BestBound), Values = [.. values], Size = chosen.Outcome.Size };
            var explained = c.Kind == CandidateKind.Exchange ? ExplainArc(network.Arcs[c.Index], new Solution(model, outcome)) : ExplainPlant(c.Index, new Solution(model, outcome));
            return Unproven(explained, part, outcome.BestBound - chosen.Objective);
        }

        /// <summary>
        /// A forced re-solve that stopped (node budget or time) before its gap closed to the run's: its plan gives the
        /// shortfall stated, its bound the least the shortfall can be, and the reason says both.
        /// </summary>
        private RejectedCandidate Unproven(RejectedCandidate r, SolveOutcome part, double atLeast)
        {
            var gapClosed = part.Termination == TerminationStatus.Optimal
                || Math.Abs(part.Objective - part.BestBound) <= Math.Max(solve.RelativeGap, 1e-9) * Math.Max(1, Math.Abs(part.Objective));
            if (gapClosed || r.Shortfall is not { } most || r.Cause == RejectionCause.NoLoss)
            {
                return r;
            }

            var least = Math.Min(atLeast, most);
            return r with
            {
                ShortfallAtLeast = least,
                Reason = string.Create(Inv, $"{r.Reason}; the re-solve stopped at its limit ({options.ForcedNodes:#,##0} branch-and-bound nodes, or the run's time limit) before proving its plan best, so the shortfall lies between {Num(least)} and {Num(most)} {Currency}/yr"),
            };
        }

        /// <summary>The column whose block a forced candidate changes: the exchange's flow, the plant's build decision or throughput.</summary>
        private int ForcedColumn(Candidate c) => c.Kind == CandidateKind.Exchange ? model.ArcFlow[network.Arcs[c.Index].Index]
            : model.Plant[c.Index] >= 0 ? model.Plant[c.Index] : model.Throughput[c.Index];

        private IEnumerable<int> ForcedColumns(Candidate c) => c.Kind == CandidateKind.Exchange
            ? new[] { model.ArcFlow[network.Arcs[c.Index].Index], model.ArcSwitch[network.Arcs[c.Index].Index] }.Where(col => col >= 0)
            : [ForcedColumn(c)];

        /// <summary>Forces the candidate in: an exchange carries at least the probe (and its minimum lot), a plant is built.</summary>
        /// <param name="local">The column of <paramref name="m"/> for a column of the chosen model.</param>
        private void Impose(MipModel m, Candidate c, Func<int, int> local)
        {
            if (c.Kind == CandidateKind.Exchange)
            {
                var arc = network.Arcs[c.Index];
                var col = local(model.ArcFlow[arc.Index]);
                var upper = m.Variables[col].Upper;
                var lower = Math.Max(arc.MinLot, Math.Min(options.ProbeQuantity, upper));
                if (model.ArcSwitch[arc.Index] >= 0)
                {
                    m.Fix(local(model.ArcSwitch[arc.Index]), 1);
                }

                m.Bound(col, lower, upper);
            }
            else if (model.Plant[c.Index] >= 0)
            {
                m.Fix(local(model.Plant[c.Index]), 1);
            }
            else
            {
                var col = local(model.Throughput[c.Index]);
                var upper = m.Variables[col].Upper;
                m.Bound(col, Math.Min(options.ProbeQuantity, upper), upper);
            }
        }

        private (double Delta, double Money, double Co2, double Landfill) Differences(Solution forced) => (
            forced.Objective - chosen.Objective,
            forced.Ledger(LedgerKind.Money) - chosen.Ledger(LedgerKind.Money),
            chosen.Ledger(LedgerKind.Emissions) - forced.Ledger(LedgerKind.Emissions),
            chosen.Ledger(LedgerKind.Landfill) - forced.Ledger(LedgerKind.Landfill));

        private RejectedCandidate ExplainArc(CandidateArc arc, Solution forced)
        {
            var (delta, moneyDelta, co2, landfill) = Differences(forced);
            var q = forced.Flow(arc.Index);
            var unitText = UnitOf(arc);
            var per = unitText.Replace("/yr", string.Empty, StringComparison.Ordinal);
            var figures = new Figures(delta, moneyDelta, co2, landfill, q, unitText);
            if (delta <= tolerance)
            {
                return Make(CandidateKind.Exchange, arc.Index, RejectionCause.NoLoss,
                    string.Create(Inv, $"forced to move {Num(q)} {unitText}, the plan is no worse (within the solver's tolerance): an equally good plan uses it"), figures with { Delta = Math.Max(0, delta) }, null, []);
            }

            var src = network.Sources[arc.Source];
            var sink = network.Sinks[arc.Sink];
            var unit = PerUnitOf(arc);
            var f = FixedCost(arc);
            var shortText = string.Create(Inv, $"forced to move {Num(q)} {unitText}, the plan gets worse by {Num(delta)} {Currency}/yr ({Num(moneyDelta)} of it money)");
            var unbuilt = new[] { src.Process, sink.Process }.FirstOrDefault(p => p is not null && !IsBuilt(region.Processes.IndexOf(p)));
            var displaced = result.Exchanges.Where(e => forced.Flow(e.Arc) < e.Quantity - (FlowTolerance * Math.Max(1, e.Quantity))).ToList();
            RejectionCause cause;
            string why;
            if (unbuilt is not null)
            {
                cause = RejectionCause.PlantNotBuilt;
                why = $"it needs the new plant '{unbuilt.Name}', which the plan does not build; {shortText}, building and running the plant included";
            }
            else if (unit.Known && unit.Saving <= 0)
            {
                cause = unit.Saving + unit.Transport > 0 ? RejectionCause.Distance : RejectionCause.Cost;
                why = cause == RejectionCause.Distance
                    ? string.Create(Inv, $"moving it {Num(arc.DistanceKm)} km{ModeText(arc)} costs {Num(unit.Transport)} {Currency}/{per}, more than the {Num(unit.Saving + unit.Transport)} {Currency}/{per} it saves before transport; {shortText}")
                    : string.Create(Inv, $"its saving is {Num(unit.Saving)} {Currency}/{per} even before transport is counted at its full cost: {Terms(arc, unit)}; {shortText}");
            }
            else if (displaced.Count > 0 && !(unit.Known && f > 0 && f >= arc.UpperBound * unit.Saving))
            {
                cause = RejectionCause.Capacity;
                var same = displaced.Where(e => network.Arcs[e.Arc].Sink == arc.Sink).ToList();
                var sameSource = displaced.Where(e => network.Arcs[e.Arc].Source == arc.Source).ToList();
                why = same.Count > 0
                    ? $"{Receiver(arc)} is already met by {List(same)}, which saves more; {shortText}, as it displaces that exchange"
                    : sameSource.Count > 0
                        ? $"the supply of {region.ResourceName(src.ResourceId)} from {region.ActorName(src.ActorId)} already goes to {List(sameSource)}, which saves more; {shortText}"
                        : $"what it needs is already used by {List(displaced)}, which saves more; {shortText}";
                if (f > 0)
                {
                    why += string.Create(Inv, $", its fixed cost of {Num(f)} {Currency}/yr included");
                }
            }
            else if (arc.PermitId is { } permitId && !PermitTaken(permitId, sink.ActorId) && delta <= PermitBurden(arc, unit, q) + tolerance)
            {
                cause = RejectionCause.Permit;
                var permit = region.Permits.First(p => p.Id == permitId);
                why = string.Create(Inv, $"it needs the permit '{permit.Name}' at {region.ActorName(sink.ActorId)}, which the plan does not take: {Num(permit.Cost.Value * model.Crf)} {Currency}/yr annualised and {Num(permit.LeadTime.Value)} yr of waiting; {shortText}");
            }
            else if (f > 0)
            {
                cause = RejectionCause.FixedCost;
                why = string.Create(Inv, $"its fixed cost of {Num(f)} {Currency}/yr (connection and annualised investment) is more than it saves on {Num(q)} {unitText}; {shortText}");
            }
            else
            {
                cause = RejectionCause.Cost;
                why = $"{shortText}: what it avoids does not cover what it costs elsewhere in the plan";
            }

            var thresholds = ImmutableArray.CreateBuilder<PayThreshold>();
            var route = ExchangeFlowBuilder.CurrentRouteOf(src);
            if (route is not null && RegionCosts.IsLandfill(route, region.Resource(src.ResourceId)) && landfill > FlowTolerance)
            {
                thresholds.Add(LandfillThreshold(delta, landfill));
            }

            if (co2 > FlowTolerance)
            {
                thresholds.Add(Co2Threshold(delta, co2));
            }

            if (f > 0 && forced.IsOn(model.ArcSwitch[arc.Index]) && f - delta > 0)
            {
                thresholds.Add(new PayThreshold(ThresholdKind.FixedCost, f, f - delta, $"{Currency}/yr", false, null,
                    string.Create(Inv, $"it would pay with a fixed cost below {Num(f - delta)} {Currency}/yr (today {Num(f)})")));
            }

            return Make(CandidateKind.Exchange, arc.Index, cause, why, figures, null, thresholds.ToImmutable());
        }

        private RejectedCandidate ExplainPlant(int p, Solution forced)
        {
            var (delta, moneyDelta, co2, landfill) = Differences(forced);
            var process = region.Processes[p];
            var q = forced.Values[model.Throughput[p]];
            var unitText = region.Resource(process.Inputs[0].ResourceId).UnitText + "/yr";
            var figures = new Figures(delta, moneyDelta, co2, landfill, q, unitText);
            if (delta <= tolerance)
            {
                return Make(CandidateKind.Plant, p, RejectionCause.NoLoss, "forced to be built, the plan is no worse (within the solver's tolerance): an equally good plan builds it", figures with { Delta = Math.Max(0, delta) }, null, []);
            }

            var f = Cost(model.Plant[p]);
            var shortText = string.Create(Inv, $"built, it would run {Num(q)} {unitText} and the plan would get worse by {Num(delta)} {Currency}/yr ({Num(moneyDelta)} of it money)");
            RejectionCause cause;
            string why;
            if (f > 0 && delta < f - tolerance)
            {
                cause = RejectionCause.FixedCost;
                why = string.Create(Inv, $"running it would earn {Num(f - delta)} {Currency}/yr, less than its annual capital and fixed operating cost of {Num(f)} {Currency}/yr; {shortText}");
            }
            else
            {
                cause = RejectionCause.Cost;
                why = q <= FlowTolerance
                    ? $"nothing is worth processing in it: {shortText}"
                    : string.Create(Inv, $"even without its fixed costs it would lose {Num(delta - f)} {Currency}/yr on what it processes; {shortText}");
            }

            var thresholds = ImmutableArray.CreateBuilder<PayThreshold>();
            if (landfill > FlowTolerance)
            {
                thresholds.Add(LandfillThreshold(delta, landfill));
            }

            if (co2 > FlowTolerance)
            {
                thresholds.Add(Co2Threshold(delta, co2));
            }

            if (f > 0 && f - delta > 0)
            {
                thresholds.Add(new PayThreshold(ThresholdKind.FixedCost, f, f - delta, $"{Currency}/yr", false, null,
                    string.Create(Inv, $"it would pay with annual capital and fixed costs below {Num(f - delta)} {Currency}/yr (today {Num(f)})")));
            }

            return Make(CandidateKind.Plant, p, cause, why, figures, null, thresholds.ToImmutable());
        }

        private PayThreshold LandfillThreshold(double delta, double landfill)
        {
            var now = region.Policies.LandfillTax.Value;
            var value = now + (delta / landfill);
            return new PayThreshold(ThresholdKind.LandfillTax, now, value, $"{Currency}/t", true, null,
                string.Create(Inv, $"it would pay at a landfill tax above about {Num(value)} {Currency}/t (today {Num(now)}): an estimate, its shortfall of {Num(delta)} {Currency}/yr over the {Num(landfill)} t/yr it keeps out of landfill, the rest of the plan held fixed"));
        }

        private PayThreshold Co2Threshold(double delta, double co2)
        {
            var now = model.Co2Price;
            var value = now + (delta / co2);
            return new PayThreshold(ThresholdKind.Co2Price, now, value, $"{Currency}/t CO2e", true, null,
                string.Create(Inv, $"it would pay at a CO2 price above about {Num(value)} {Currency}/t CO2e (today {Num(now)}): an estimate, its shortfall of {Num(delta)} {Currency}/yr over the {Num(co2)} t CO2e/yr it avoids, the rest of the plan held fixed"));
        }

        private bool PermitTaken(string permit, string receiver) =>
            model.PermitTaken.TryGetValue((permit, receiver), out var w) && chosen.IsOn(w);

        /// <summary>What the permit costs the exchange per year: its annualised cost plus the steady saving lost while waiting.</summary>
        private double PermitBurden(CandidateArc arc, PerUnit unit, double q)
        {
            var permit = region.Permits.First(p => p.Id == arc.PermitId);
            var phi = model.ActiveShare(arc.PermitId);
            var steady = phi > 0 ? unit.Saving / phi : 0;
            return (permit.Cost.Value * model.Crf) + (unit.Known ? Math.Max(0, (1 - phi) * steady * q) : 0);
        }

        /// <summary>Forcing it in is infeasible: the elastic re-solve of the forced copy names the rows that cannot all hold.</summary>
        private RejectedCandidate Blocked(Candidate c, MipModel forced)
        {
            var elastic = InfeasibilityExplainer.ElasticModel(forced);
            var o = OrToolsSolver.Solve(elastic.Model, new SolveOptions(TimeLimitSeconds: 30), elastic.Model.BinaryCount > 0 ? SolverKind.Scip : SolverKind.Glop);
            var rows = new List<(RowKey Key, string Text)>();
            if (o.HasSolution)
            {
                foreach (var (row, slack) in elastic.Slacks)
                {
                    var v = o.Values[slack.Column];
                    if (v > 1e-6 && row < model.RowKeys.Length)
                    {
                        var key = model.RowKeys[row];
                        rows.Add((key, string.Create(Inv, $"{model.Describe(key)}: {forced.Rows[row].Meaning} - {(slack.Sign > 0 ? "short" : "over")} by {v:0.###}")));
                    }
                }
            }

            var blocking = rows.Select(r => r.Text).ToImmutableArray();
            var quality = rows.Where(r => r.Key.IsQuality).Select(r => r.Key).ToList();
            RejectionCause cause;
            string why;
            if (quality.Count > 0)
            {
                cause = RejectionCause.Quality;
                why = c.Kind == CandidateKind.Exchange ? QualityText(network.Arcs[c.Index], quality[0]) : $"forced in, a quality limit cannot hold: {model.Describe(quality[0])}";
            }
            else if (rows.Any(r => r.Key.Family is RowFamily.SupplyBalance or RowFamily.DemandBalance or RowFamily.Capacity or RowFamily.MinLot or RowFamily.Switch
                or RowFamily.ProcessInput or RowFamily.ProcessOutput or RowFamily.MaxShare))
            {
                cause = RejectionCause.Capacity;
                why = $"it cannot be forced in: {string.Join("; ", rows.Select(r => model.Describe(r.Key)).Distinct(StringComparer.Ordinal))} cannot take it";
            }
            else
            {
                cause = RejectionCause.Infeasible;
                why = rows.Count == 0 ? "it cannot be forced in, and the rows in conflict could not be identified"
                    : $"it cannot be forced in: {string.Join("; ", rows.Select(r => model.Describe(r.Key)).Distinct(StringComparer.Ordinal))}";
            }

            return Make(c.Kind, c.Index, cause, why, null, null, [], blocking);
        }

        private string QualityText(CandidateArc arc, RowKey key)
        {
            var src = network.Sources[arc.Source];
            var sink = network.Sinks[arc.Sink];
            var receiverIndex = sink.Demand is not null ? sink.Index : region.Processes.IndexOf(sink.Process!);
            var family = sink.Demand is not null ? RowFamily.DemandQuality : RowFamily.ProcessQuality;
            if (key.Family != family || key.Index != receiverIndex || key.Detail is null)
            {
                return $"forced in, a quality limit elsewhere cannot hold: {model.Describe(key)}";
            }

            var limits = sink.Demand?.Limits ?? sink.Process!.Limits;
            var limit = limits.First(l => l.Property == key.Detail);
            var quality = src.Supply?.Quality ?? src.Process!.Outputs[src.OutputIndex].Quality;
            var c = quality.TryGetValue(key.Detail, out var qv) ? qv.Value : 0;
            var bound = (key.Upper ? limit.Max : limit.Min)!.Value.Value;
            var unit = region.Resources.SelectMany(r => r.Properties).FirstOrDefault(p => p.Id == key.Detail)?.UnitText ?? string.Empty;
            var factor = unit.Length > 0 && UnitExpression.TryParse(unit, null, out var u, out _) && u.Factor > 0 ? u.Factor : 1;
            var who = sink.Demand is not null ? $"{region.ActorName(sink.ActorId)} accepts for {region.ResourceName(sink.ResourceId)}" : $"the inlet of '{sink.Process!.Name}' accepts";
            var today = sink.Demand is not null ? " and its current purchase leaves no room to blend it in" : string.Empty;
            return string.Create(Inv, $"its {key.Detail} of {Num(c / factor)} {unit} {(key.Upper ? "exceeds the maximum" : "is below the minimum")} of {Num(bound / factor)} {unit} that {who}{today}").Replace("  ", " ", StringComparison.Ordinal);
        }

        /// <summary>Re-optimises the region slightly beyond each landfill-tax and CO2-price threshold and records whether the candidate is then chosen.</summary>
        public List<RejectedCandidate> Confirm(List<RejectedCandidate> explained)
        {
            var jobs = explained.SelectMany((r, i) => r.Thresholds.Select((t, j) => (Candidate: i, Threshold: j, t.Kind, t.Value)))
                .Where(j => j.Kind is ThresholdKind.LandfillTax or ThresholdKind.Co2Price).ToList();
            var answers = Solving.InParallel(jobs, (j, jobIndex) =>
            {
                var r = explained[j.Candidate];
                var value = j.Value + Math.Max(1e-3 * Math.Abs(j.Value), 0.01);
                var opts = new OptimizeOptions(solve, model.Options.Coalition, model.Options.Co2Price);
                Region changed;
                if (j.Kind == ThresholdKind.Co2Price && model.Options.Co2Price is not null)
                {
                    changed = region;
                    opts = opts with { Co2Price = value };
                }
                else
                {
                    var path = j.Kind == ThresholdKind.LandfillTax ? "policies.landfillTax" : "policies.co2Price";
                    if (!RegionParameter.TryResolve(region, path, out var parameter, out _))
                    {
                        return (bool?)null;
                    }

                    changed = parameter.Set(region, value);
                }

                var solved = ExchangeOptimizer.Optimize(changed, opts, Solving.Rebind(network, changed));
                if (!solved.HasSolution)
                {
                    return null;
                }

                return r.Kind == CandidateKind.Exchange
                    ? solved.Chosen.Flow(r.Index) > FlowTolerance
                    : solved.Processes[r.Index].Built;
            });
            var copy = explained.ToList();
            for (var k = 0; k < jobs.Count; k++)
            {
                var (candidate, threshold) = (jobs[k].Candidate, jobs[k].Threshold);
                var r = copy[candidate];
                copy[candidate] = r with { Thresholds = r.Thresholds.SetItem(threshold, r.Thresholds[threshold] with { Confirmed = answers[k] }) };
            }

            return copy;
        }

        private sealed record Figures(double Delta, double Money, double Co2, double Landfill, double Quantity, string Unit);

        private RejectedCandidate Make(CandidateKind kind, int index, RejectionCause cause, string reason, Figures? figures, double? bound,
            ImmutableArray<PayThreshold> thresholds, ImmutableArray<string> blocking = default, double? moneyShortfall = null)
        {
            string key, name, from, to, resource, unit;
            if (kind == CandidateKind.Exchange)
            {
                var arc = network.Arcs[index];
                var src = network.Sources[arc.Source];
                var sink = network.Sinks[arc.Sink];
                key = $"{src.Id}->{sink.Id}@{arc.ModeId}";
                from = region.ActorName(src.ActorId);
                to = region.ActorName(sink.ActorId);
                resource = region.ResourceName(src.ResourceId);
                name = $"{from} -> {to} ({resource})";
                unit = UnitOf(arc);
            }
            else
            {
                var p = region.Processes[index];
                key = p.Id;
                name = p.Name;
                from = to = region.ActorName(p.ActorId);
                resource = region.ResourceName(p.Inputs[0].ResourceId);
                unit = region.Resource(p.Inputs[0].ResourceId).UnitText + "/yr";
            }

            var perUnit = figures is { Quantity: > FlowTolerance } ? figures.Delta / figures.Quantity : (double?)null;
            return new RejectedCandidate(kind, index, key, name, from, to, resource, cause, Capitalise(reason), figures is not null,
                figures?.Delta ?? bound, figures?.Money ?? moneyShortfall, figures?.Co2, figures?.Landfill, figures?.Quantity, unit, perUnit,
                blocking.IsDefault ? [] : blocking, thresholds.IsDefault ? [] : thresholds);
        }

        private string UnitOf(CandidateArc arc) => region.Resource(network.Sources[arc.Source].ResourceId).UnitText + "/yr";

        private string Receiver(CandidateArc arc)
        {
            var sink = network.Sinks[arc.Sink];
            return sink.Demand is not null
                ? $"the need for {region.ResourceName(sink.ResourceId)} at {region.ActorName(sink.ActorId)}"
                : $"the inlet of '{sink.Process!.Name}'";
        }

        private string List(IEnumerable<ExchangeOutcome> exchanges)
        {
            var names = exchanges.Select(e => $"{region.ActorName(e.FromActor)} -> {region.ActorName(e.ToActor)} ({region.ResourceName(e.Resource)}){ModeText(network.Arcs[e.Arc])}").Distinct(StringComparer.Ordinal).ToList();
            return names.Count <= 3 ? string.Join(" and ", names) : $"{string.Join(", ", names.Take(3))} and {names.Count - 3} more";
        }

        private string ModeText(CandidateArc arc) =>
            arc.ModeId is null ? string.Empty : $" by {region.TransportModes.FirstOrDefault(m => m.Id == arc.ModeId)?.Name ?? arc.ModeId}";

        private string Terms(CandidateArc arc, PerUnit unit)
        {
            var per = UnitOf(arc).Replace("/yr", string.Empty, StringComparison.Ordinal);
            return string.Create(Inv, $"it avoids {Num(unit.Source)} {Currency}/{per} of today's route at the source and {Num(unit.Receiver)} {Currency}/{per} of purchases at the receiver, but its flow costs {Num(unit.FlowCost)} {Currency}/{per}");
        }
    }

    /// <summary>A number for people: grouped thousands above 1 000, two decimals below, invariant culture.</summary>
    public static string Num(double v)
    {
        var text = Math.Abs(v) >= 1000 ? v.ToString("#,0", Inv) : v.ToString("0.##", Inv);
        // A tiny negative (solver noise) rounds to "-0", which reads as a figure with a meaning.
        return text == "-0" ? "0" : text;
    }

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
