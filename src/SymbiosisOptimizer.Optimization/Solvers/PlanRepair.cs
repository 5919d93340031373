using System.Collections.Immutable;
using System.Diagnostics;
using Google.OrTools.LinearSolver;
using SymbiosisOptimizer.Optimization.Modeling;

namespace SymbiosisOptimizer.Optimization.Solvers;

/// <summary>What <see cref="PlanRepair"/> did to a plan.</summary>
/// <param name="Solution">The best plan found (the starting plan when nothing better was found).</param>
/// <param name="Objective">The model's objective at <see cref="Solution"/>.</param>
/// <param name="Start">The starting plan's objective.</param>
/// <param name="Evaluations">Sets of connections priced (one LP re-solve each).</param>
/// <param name="Moves">Connections opened or shut that improved the plan.</param>
public sealed record PlanRepairResult(ImmutableArray<double> Solution, double Objective, double Start, int Evaluations, int Moves, double Seconds)
{
    public bool Improved => Objective < Start;
}

/// <summary>
/// Improves a feasible plan of a fixed-charge block by local search: one connection (or other yes/no decision) opened or
/// shut at a time, each move priced exactly by re-solving the flows, kept when the plan's cost falls.
/// </summary>
/// <remarks>
/// <para>A plan is its set of open connections; its cost is the flows' LP with every switch fixed (open: its flow in
/// [lot, U]; shut: 0) plus the fixed charges of the open ones. Slope scaling's plan on the giant rail-linked blocks
/// lies 4-8 % above the LP bound and branch-and-bound on them finds little better in seconds; part of that gap is
/// connections that do not pay for themselves once the flows settle, or that a rival would replace more cheaply.</para>
/// <para>Moves are tried in order of a linear estimate from the current LP: shutting an open connection saves its
/// fixed charge F and costs at most its flow times what a unit of it saves over the current routes at its ends (at
/// least its reduced cost when at its bound); opening a shut one gains at most
/// minus its flow's reduced cost times its bound, less F. Each candidate is priced by GLOP's dual simplex from the
/// previous basis (only one flow's bounds change); the first that lowers the cost is kept. A connection that does not pay
/// on top of the plan is also tried in place of a rival (an open connection into the same need or from the same
/// supply), which single moves cannot reach: one plan open at a time lies between them. A round ends when the list is
/// done; rounds repeat until one finds nothing. An open connection that carries nothing is shut for free. Everything is in index order and the only stop besides convergence is the time
/// limit or <c>maxEvaluations</c>: the same plan and budget give the same result.</para>
/// <para>The result is checked row by row against the model; a plan that fails the check, or is not cheaper, is never
/// returned in place of the starting one.</para>
/// </remarks>
public static class PlanRepair
{
    public const string Name = "plan repair";

    /// <summary>Rivals shut in turn for a connection that does not pay on top of the plan.</summary>
    private const int MaxRivals = 3;

    public static PlanRepairResult Run(MipModel model, ImmutableArray<double> plan, double? seconds, int maxEvaluations = int.MaxValue, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var clock = Stopwatch.StartNew();
        var start = model.Evaluate(plan);
        var evaluations = 0;
        var moves = 0;
        PlanRepairResult Unchanged() => new(plan, start, start, evaluations, moves, clock.Elapsed.TotalSeconds);
        double Left() => seconds is { } t ? t - clock.Elapsed.TotalSeconds : double.PositiveInfinity;
        if (plan.IsDefault || plan.Length != model.Variables.Count || Left() <= 0)
        {
            return Unchanged();
        }

        var rowsOf = SlopeScaling.RowsOf(model);
        var switches = SlopeScaling.FindSwitches(model, rowsOf).Values.OrderBy(s => s.Binary).ToArray();
        var projected = switches.Select(s => s.Binary).ToHashSet();
        var projectedRows = switches.SelectMany(s => s.Rows).ToHashSet();
        var generic = model.Variables.Where(v => v.IsInteger && !projected.Contains(v.Index) && v.Lower == 0 && v.Upper == 1).Select(v => v.Index).ToArray();

        using var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("GLOP is not available");
        _ = solver.SetSolverSpecificParametersAsString(OrToolsSolver.GlopDualSimplex);
        var vars = new Google.OrTools.LinearSolver.Variable?[model.Variables.Count];
        foreach (var v in model.Variables.Where(v => !projected.Contains(v.Index)))
        {
            // Yes/no decisions other than the projected switches are fixed at the plan's value (and flipped as moves).
            var (lo, hi) = v.IsInteger ? (Math.Round(plan[v.Index]), Math.Round(plan[v.Index])) : (v.Lower, v.Upper);
            vars[v.Index] = solver.MakeNumVar(lo, hi, v.Name);
        }

        foreach (var r in model.Rows.Where(r => !projectedRows.Contains(r.Index)))
        {
            var c = solver.MakeConstraint(r.Lower, r.Upper, r.Name);
            for (var k = 0; k < r.Columns.Length; k++)
            {
                c.SetCoefficient(vars[r.Columns[k]]!, r.Coefficients[k]);
            }
        }

        var columns = Enumerable.Range(0, vars.Length).Where(c => vars[c] is not null).ToArray();
        var objective = solver.Objective();
        foreach (var v in model.Variables.Where(v => vars[v.Index] is not null && v.Cost != 0))
        {
            objective.SetCoefficient(vars[v.Index]!, v.Cost);
        }

        objective.SetOffset(model.ObjectiveOffset);
        objective.SetMinimization();

        var open = switches.Select(s => plan[s.Binary] > 0.5).ToArray();
        var on = generic.Select(c => plan[c] > 0.5).ToArray();
        var charges = 0.0;
        void SetSwitch(int i, bool value)
        {
            var s = switches[i];
            var xv = model.Variables[s.Flow];
            open[i] = value;
            vars[s.Flow]!.SetBounds(value ? Math.Max(xv.Lower, s.MinLot) : 0, value ? Math.Min(xv.Upper, s.Bound) : 0);
        }

        void SetGeneric(int j, bool value)
        {
            on[j] = value;
            vars[generic[j]]!.SetBounds(value ? 1 : 0, value ? 1 : 0);
        }

        for (var i = 0; i < switches.Length; i++)
        {
            SetSwitch(i, open[i]);
            charges += open[i] ? model.Variables[switches[i].Binary].Cost : 0;
        }

        double Price()
        {
            evaluations++;
            if (Left() is var left && double.IsFinite(left))
            {
                solver.SetTimeLimit((long)Math.Max(1, left * 1000));
            }

            return solver.Solve() == Solver.ResultStatus.OPTIMAL ? objective.Value() + charges : double.PositiveInfinity;
        }

        var current = Price();
        if (!double.IsFinite(current))
        {
            return Unchanged();
        }

        // The flows of the plan as it now is: read right after each kept move, since a rejected one changes the LP.
        var kept = new double[model.Variables.Count];
        void Keep()
        {
            foreach (var c in columns)
            {
                kept[c] = vars[c]!.SolutionValue();
            }
        }

        Keep();
        var saving = Savings(model, rowsOf, projectedRows, switches);
        var x = new double[model.Variables.Count];
        var rc = new double[model.Variables.Count];
        var candidates = new List<(double Estimate, int Kind, int Index)>();
        bool Stop() => Left() <= 0 || evaluations >= maxEvaluations || cancel.IsCancellationRequested;

        // A connection that does not pay on top of the plan may pay instead of one it competes with (the same need or
        // the same supply): with it open, shut each such rival in turn, largest fixed charge first, up to a few.
        var rivals = Rivals(model, rowsOf, projectedRows, switches);
        bool Swap(int opened)
        {
            var tried = 0;
            foreach (var a in rivals[opened])
            {
                if (tried == MaxRivals || Stop())
                {
                    break;
                }

                if (!open[a])
                {
                    continue;
                }

                tried++;
                var f = model.Variables[switches[a].Binary].Cost;
                charges -= f;
                SetSwitch(a, false);
                var value = Price();
                if (value < current - (1e-9 * Math.Max(1, Math.Abs(current))))
                {
                    current = value;
                    moves++;
                    Keep();
                    return true;
                }

                charges += f;
                SetSwitch(a, true);
            }

            return false;
        }
        for (var round = 0; !Stop(); round++)
        {
            // The next round's estimates come from the plan as it now is (the first round's LP is the plan's).
            if (round > 0 && !double.IsFinite(Price()))
            {
                break;
            }

            // Values must be read before any bound changes: OR-Tools drops the solution on the first edit.
            foreach (var c in columns)
            {
                x[c] = vars[c]!.SolutionValue();
                rc[c] = vars[c]!.ReducedCost();
            }

            candidates.Clear();
            for (var i = 0; i < switches.Length; i++)
            {
                var s = switches[i];
                var f = model.Variables[s.Binary].Cost;
                var cap = Math.Min(model.Variables[s.Flow].Upper, s.Bound);
                if (open[i] && s.MinLot <= 0 && !s.IsOpen(x[s.Flow]))
                {
                    // Open and unused (no minimum lot holds it): shutting it changes no flow and saves its charge.
                    SetSwitch(i, false);
                    charges -= f;
                    current -= f;
                    continue;
                }

                // Shutting saves F and loses at most the flow's saving over the current routes (more when at its bound
                // with a negative reduced cost); opening gains at most minus its reduced cost over its bound, less F.
                var estimate = open[i]
                    ? f - (x[s.Flow] * Math.Max(Math.Max(0, saving[i]), -rc[s.Flow]))
                    : (-rc[s.Flow] * cap) - f;
                if (open[i] ? estimate > -f : estimate > 0)
                {
                    candidates.Add((estimate, 0, i));
                }
            }

            for (var j = 0; j < generic.Length; j++)
            {
                var estimate = on[j] ? rc[generic[j]] : -rc[generic[j]];
                if (estimate > 0)
                {
                    candidates.Add((estimate, 1, j));
                }
            }

            // Largest estimate first; ties in index order.
            candidates.Sort((a, b) => a.Estimate != b.Estimate ? b.Estimate.CompareTo(a.Estimate) : a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : a.Index.CompareTo(b.Index));
            var improved = false;
            foreach (var (_, kind, index) in candidates)
            {
                if (Stop())
                {
                    break;
                }

                var before = charges;
                if (kind == 0)
                {
                    var f = model.Variables[switches[index].Binary].Cost;
                    charges += open[index] ? -f : f;
                    SetSwitch(index, !open[index]);
                }
                else
                {
                    SetGeneric(index, !on[index]);
                }

                var value = Price();
                if (value < current - (1e-9 * Math.Max(1, Math.Abs(current))))
                {
                    current = value;
                    moves++;
                    improved = true;
                    Keep();
                    continue;
                }

                if (kind == 0 && open[index] && Swap(index))
                {
                    improved = true;
                    continue;
                }

                charges = before;
                if (kind == 0)
                {
                    SetSwitch(index, !open[index]);
                }
                else
                {
                    SetGeneric(index, !on[index]);
                }
            }

            if (!improved)
            {
                break;
            }
        }

        // The plan as it now is, in the model's columns (a connection shut for free carries nothing in it).
        var full = kept;
        foreach (var (s, i) in switches.Select((s, i) => (s, i)))
        {
            full[s.Binary] = open[i] && s.IsOpen(full[s.Flow]) ? 1 : 0;
        }

        foreach (var (c, j) in generic.Select((c, j) => (c, j)))
        {
            full[c] = on[j] ? 1 : 0;
        }

        var repaired = model.Evaluate(full);
        return repaired < start && SlopeScaling.IsFeasible(model, full)
            ? new PlanRepairResult([.. full], repaired, start, evaluations, moves, clock.Elapsed.TotalSeconds)
            : Unchanged();
    }

    /// <summary>Per switch, the other switches whose flows share an equality row with its flow (a need or a supply),
    /// largest fixed charge first, ties in index order.</summary>
    private static List<int>[] Rivals(MipModel model, List<int>?[] rowsOf, HashSet<int> projectedRows, SlopeScaling.Switch[] switches)
    {
        var byRow = new Dictionary<int, List<int>>();
        for (var i = 0; i < switches.Length; i++)
        {
            foreach (var r in rowsOf[switches[i].Flow] ?? [])
            {
                if (!projectedRows.Contains(r) && model.Rows[r].Lower == model.Rows[r].Upper)
                {
                    if (!byRow.TryGetValue(r, out var list))
                    {
                        byRow[r] = list = [];
                    }

                    list.Add(i);
                }
            }
        }

        var rivals = new List<int>[switches.Length];
        for (var i = 0; i < switches.Length; i++)
        {
            var set = new SortedSet<int>();
            foreach (var r in rowsOf[switches[i].Flow] ?? [])
            {
                if (byRow.TryGetValue(r, out var list))
                {
                    set.UnionWith(list);
                }
            }

            set.Remove(i);
            rivals[i] = [.. set.OrderByDescending(a => model.Variables[switches[a].Binary].Cost).ThenBy(a => a)];
        }

        return rivals;
    }

    /// <summary>
    /// Per switch, what a unit of its flow saves against the current routes at its ends: the sum over its equality rows
    /// of its coefficient times the unit cost of the row's own open-ended column (a supply's route, a need's purchase),
    /// less its own unit cost. Rows without such a column count 0.
    /// </summary>
    private static double[] Savings(MipModel model, List<int>?[] rowsOf, HashSet<int> projectedRows, SlopeScaling.Switch[] switches)
    {
        var unit = new double[model.Rows.Count];
        foreach (var r in model.Rows.Where(r => r.Lower == r.Upper && !projectedRows.Contains(r.Index)))
        {
            for (var k = 0; k < r.Columns.Length; k++)
            {
                var v = model.Variables[r.Columns[k]];
                if (!v.IsInteger && v.Lower == 0 && double.IsPositiveInfinity(v.Upper) && r.Coefficients[k] > 0 && rowsOf[v.Index] is { Count: 1 })
                {
                    unit[r.Index] = v.Cost / r.Coefficients[k];
                    break;
                }
            }
        }

        var saving = new double[switches.Length];
        for (var i = 0; i < switches.Length; i++)
        {
            var flow = switches[i].Flow;
            var total = -model.Variables[flow].Cost;
            foreach (var ri in rowsOf[flow] ?? [])
            {
                var r = model.Rows[ri];
                if (r.Lower == r.Upper)
                {
                    total += r.Coefficients[r.Columns.IndexOf(flow)] * unit[ri];
                }
            }

            saving[i] = total;
        }

        return saving;
    }
}
