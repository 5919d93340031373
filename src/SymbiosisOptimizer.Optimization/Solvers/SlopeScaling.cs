using System.Collections.Immutable;
using System.Diagnostics;
using Google.OrTools.LinearSolver;
using SymbiosisOptimizer.Optimization.Modeling;

namespace SymbiosisOptimizer.Optimization.Solvers;

/// <summary>What <see cref="SlopeScaling"/> found for one model.</summary>
/// <param name="Lp">The relaxation as a solve outcome (values in the model's own columns, time of the whole run).</param>
/// <param name="Bound">The LP relaxation's optimum including the offset: a valid lower bound on the MILP optimum.</param>
/// <param name="Relaxation">The LP optimum in the model's own columns.</param>
/// <param name="Solution">A point that satisfies every row and integrality, or default when none was found.</param>
/// <param name="Objective">The model's objective at <see cref="Solution"/> (NaN without one).</param>
/// <param name="Iterations">Slope-scaling LPs solved after the relaxation.</param>
/// <param name="Projected">Connection switches projected out of the LP.</param>
/// <param name="RowDuals">The relaxation's duals, one per model row (0 on the projected switch rows): where
/// <see cref="LagrangianBound"/> starts from.</param>
public sealed record SlopeScalingResult(
    SolveOutcome Lp,
    double Bound,
    ImmutableArray<double> Relaxation,
    ImmutableArray<double> Solution,
    double Objective,
    int Iterations,
    int Projected,
    ImmutableArray<double> RowDuals = default)
{
    public bool HasSolution => !Solution.IsDefault;
}

/// <summary>The simplex code behind <see cref="SlopeScaling"/>'s LPs, both shipped in OR-Tools.</summary>
public enum LpEngine
{
    /// <summary>Google's GLOP, dual simplex: the default everywhere.</summary>
    Glop,

    /// <summary>COIN-OR's CLP: on the 5 000-actor giants its first relaxation solves faster than GLOP's.</summary>
    Clp,
}

/// <summary>
/// The LP bound and a good yes/no solution for fixed-charge blocks too large for branch-and-bound in the time given:
/// dynamic slope scaling (Kim &amp; Pardalos 1999) on the LP with the connection switches projected out.
/// </summary>
/// <remarks>
/// <para>Projection. A binary y with cost f &gt;= 0 that appears only in one switch row a x - b y &lt;= 0 and in
/// minimum-lot rows a' x - l y &gt;= 0 on the same continuous x (l/a' &lt;= b/a) can leave the LP: for a given x the
/// cheapest feasible y is a x / b, so the LP is the same as one in x alone with x &lt;= b/a and cost c + f a/b. This
/// halves the rows and columns of a fixed-charge block without changing the LP optimum (the bound is exact, and y is
/// recovered as a x / b).</para>
/// <para>Slope scaling. The LP charges a connection f x / U, too little whenever an exchange moves less than its
/// bound U. Re-solving with the per-unit charge f / x_k of the previous flow x_k (the LP slope while x_k = 0) makes the
/// linear cost of each used connection equal its real cost, so the LP settles on a set of connections that pays for
/// itself. Each set found is priced exactly: connections fixed open or shut (open ones at least their minimum lot),
/// the flows re-optimised, unused connections dropped. The best such point is returned; it is feasible by
/// construction and is checked row by row against the model before it is.</para>
/// <para>Every solve reuses one solver instance: only costs and bounds change between them, so each starts from the
/// previous basis. GLOP runs its dual simplex, which on these transportation-like blocks is about ten times faster
/// than the primal one; CLP (<see cref="LpEngine.Clp"/>) takes the giants' first relaxation faster still.</para>
/// </remarks>
public static class SlopeScaling
{
    /// <summary>The solver name a plan found by this heuristic is reported under.</summary>
    public const string Name = "slope scaling";

    private const double Tolerance = 1e-6;

    /// <summary>Re-solves that shut connections below their minimum lot; each shuts at least one, so a few suffice in practice.</summary>
    private const int MaxLotRounds = 30;

    /// <param name="model">The model; its connection switches are projected out of the LP.</param>
    /// <param name="timeLimitSeconds">The hard stop for everything, the relaxation included; null for none.</param>
    /// <param name="maxIterations">Slope-scaling rounds at most after the relaxation's own priced plan.</param>
    /// <param name="engine">The simplex code every LP of the run is solved with.</param>
    /// <param name="roundSeconds">Rounds after the first start only this long after the relaxation was solved: under a
    /// short deadline the cores are worth more elsewhere than on a giant's later rounds.</param>
    /// <param name="cancel">Stops the run: GLOP is interrupted mid-solve, CLP (which cannot be) at its next round.</param>
    public static SlopeScalingResult Run(MipModel model, double? timeLimitSeconds, int maxIterations = 12, LpEngine engine = LpEngine.Glop, double roundSeconds = double.PositiveInfinity, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var clock = Stopwatch.StartNew();
        var size = OrToolsSolver.SizeOf(model);
        var rowsOf = RowsOf(model);
        var switches = FindSwitches(model, rowsOf);
        var projectedRows = new HashSet<int>(switches.Values.SelectMany(s => s.Rows));
        var switchOfFlow = switches.Values.ToDictionary(s => s.Flow);

        var lpName = engine == LpEngine.Clp ? "CLP" : "GLOP";
        using var solver = Solver.CreateSolver(lpName) ?? throw new InvalidOperationException($"{lpName} is not available in this OR-Tools build");
        if (engine == LpEngine.Glop)
        {
            _ = solver.SetSolverSpecificParametersAsString(OrToolsSolver.GlopDualSimplex);
        }
        var vars = new Google.OrTools.LinearSolver.Variable?[model.Variables.Count];
        foreach (var v in model.Variables)
        {
            if (switches.ContainsKey(v.Index))
            {
                continue;
            }

            var upper = switchOfFlow.TryGetValue(v.Index, out var s) ? Math.Min(v.Upper, s.Bound) : v.Upper;
            vars[v.Index] = solver.MakeNumVar(v.Lower, upper, v.Name);
        }

        foreach (var r in model.Rows.Where(r => !projectedRows.Contains(r.Index)))
        {
            var c = solver.MakeConstraint(r.Lower, r.Upper, r.Name);
            for (var k = 0; k < r.Columns.Length; k++)
            {
                c.SetCoefficient(vars[r.Columns[k]]!, r.Coefficients[k]);
            }
        }

        var objective = solver.Objective();
        foreach (var v in model.Variables.Where(v => vars[v.Index] is not null))
        {
            var cost = switchOfFlow.TryGetValue(v.Index, out var s) ? v.Cost + (model.Variables[s.Binary].Cost / s.Bound) : v.Cost;
            objective.SetCoefficient(vars[v.Index]!, cost);
        }

        objective.SetOffset(model.ObjectiveOffset);
        objective.SetMinimization();
        double Left() => timeLimitSeconds is { } t ? t - clock.Elapsed.TotalSeconds : double.PositiveInfinity;
        var last = Solver.ResultStatus.NOT_SOLVED;
        bool SolveLp()
        {
            if (Left() is var left && double.IsFinite(left))
            {
                solver.SetTimeLimit((long)Math.Max(1, left * 1000));
            }

            last = SolveOnce(solver, engine, cancel);
            return last == Solver.ResultStatus.OPTIMAL && !cancel.IsCancellationRequested;
        }

        if (!SolveLp())
        {
            // Stopped by the time limit, it is a time limit (the caller falls back to a plan that needs no LP), not an error.
            var outOfTime = last == Solver.ResultStatus.NOT_SOLVED || Left() <= 0.05;
            var failed = OrToolsSolver.Failed(lpName, size, "the LP relaxation was not solved") with
            {
                Seconds = clock.Elapsed.TotalSeconds,
                Termination = outOfTime ? TerminationStatus.TimeLimit : last == Solver.ResultStatus.INFEASIBLE ? TerminationStatus.Infeasible : TerminationStatus.Error,
            };
            return new SlopeScalingResult(failed, double.NaN, default, default, double.NaN, 0, switches.Count);
        }

        var bound = objective.Value();
        var duals = new double[model.Rows.Count];
        var constraints = solver.constraints();
        var kept = model.Rows.Where(r => !projectedRows.Contains(r.Index)).Select(r => r.Index).ToList();
        for (var k = 0; k < kept.Count; k++)
        {
            duals[kept[k]] = constraints[k].DualValue();
        }

        var relaxation = Expand(model, [.. vars.Select(v => v?.SolutionValue() ?? 0)], switches, fractional: true).ToImmutableArray();
        var lp = new SolveOutcome(lpName, TerminationStatus.Optimal, SolutionStatus.Optimal, bound, bound, 0, clock.Elapsed.TotalSeconds, size, relaxation, default, string.Empty);

        ImmutableArray<double> best = default;
        var bestObjective = double.PositiveInfinity;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var flows = switches.Values.Select(s => s.Flow).ToArray();
        var slope = switches.Values.ToDictionary(s => s.Flow, s => model.Variables[s.Binary].Cost / s.Bound);
        var iterations = 0;
        // Rounds stop once they have taken as long as the relaxation did: on the largest blocks the first few rounds
        // find most of what the rest would.
        var firstLp = clock.Elapsed.TotalSeconds;
        bool Another(int round) => round <= maxIterations && Left() > 0 && !cancel.IsCancellationRequested && (round < 2 || clock.Elapsed.TotalSeconds < 2 * firstLp)
            && (round == 0 || clock.Elapsed.TotalSeconds - firstLp < roundSeconds);
        for (; Another(iterations); iterations++)
        {
            // Values must be read before any bound or cost changes: OR-Tools drops the solution on the first edit.
            var snapshot = vars.Select(v => v?.SolutionValue() ?? 0).ToArray();
            var open = flows.Where(f => switchOfFlow[f].IsOpen(snapshot[f])).ToHashSet();
            var key = string.Join(',', open.Order());
            if (!seen.Add(key))
            {
                break;
            }

            // Price this set of connections exactly, then restore the scaled LP for the next round.
            var priced = Price(model, rowsOf, solver, vars, switches, switchOfFlow, open, snapshot, engine, cancel);
            if (!priced.IsDefault && model.Evaluate(priced) is var value && value < bestObjective && IsFeasible(model, priced))
            {
                (best, bestObjective) = (priced, value);
            }

            if (!Another(iterations + 1))
            {
                // The next round would not start: the LP that would set it up is not solved for nothing.
                iterations++;
                break;
            }

            foreach (var f in flows)
            {
                var s = switchOfFlow[f];
                var fixedCost = model.Variables[s.Binary].Cost;
                if (s.IsOpen(snapshot[f]))
                {
                    slope[f] = fixedCost / snapshot[f];
                }

                vars[f]!.SetBounds(model.Variables[f].Lower, Math.Min(model.Variables[f].Upper, s.Bound));
                objective.SetCoefficient(vars[f]!, model.Variables[f].Cost + slope[f]);
            }

            foreach (var v in model.Variables.Where(v => v.IsInteger && vars[v.Index] is not null))
            {
                vars[v.Index]!.SetBounds(v.Lower, v.Upper);
            }

            if (!SolveLp())
            {
                break;
            }
        }

        return new SlopeScalingResult(lp with { Seconds = clock.Elapsed.TotalSeconds }, bound, relaxation, best, best.IsDefault ? double.NaN : bestObjective, iterations, switches.Count, [.. duals]);
    }

    /// <summary>One LP solve, interruptible where the engine allows it, with CLP kept off the process's Ctrl-C.</summary>
    private static Solver.ResultStatus SolveOnce(Solver solver, LpEngine engine, CancellationToken cancel)
    {
        using var guard = engine == LpEngine.Clp ? ClpSignalGuard.Enter() : null;
        using var interrupt = cancel.Register(() => solver.InterruptSolve());
        return solver.Solve();
    }

    /// <summary>The set of open connections priced exactly: their flows re-optimised at real costs, unused ones shut.</summary>
    /// <remarks>An open connection whose flow ends below its minimum lot is shut and the flows solved again, so a
    /// minimum lot never makes the priced set infeasible (shutting connections always leaves the current routes).</remarks>
    private static ImmutableArray<double> Price(MipModel model, List<int>?[] rowsOf, Solver solver, Google.OrTools.LinearSolver.Variable?[] vars, Dictionary<int, Switch> switches, Dictionary<int, Switch> switchOfFlow, HashSet<int> open, double[] snapshot, LpEngine engine, CancellationToken cancel)
    {
        var objective = solver.Objective();
        foreach (var (flow, s) in switchOfFlow)
        {
            var isOpen = open.Contains(flow);
            vars[flow]!.SetBounds(isOpen ? model.Variables[flow].Lower : 0, isOpen ? Math.Min(model.Variables[flow].Upper, s.Bound) : 0);
            objective.SetCoefficient(vars[flow]!, model.Variables[flow].Cost);
        }

        // Other yes/no variables (permits shared by several exchanges, plants) are opened where the relaxation uses them.
        foreach (var v in model.Variables.Where(v => v.IsInteger && vars[v.Index] is not null))
        {
            var value = snapshot[v.Index];
            var rounded = value > Tolerance ? Math.Min(v.Upper, Math.Ceiling(value - Tolerance)) : v.Lower;
            vars[v.Index]!.SetBounds(rounded, rounded);
        }

        double[] values;
        for (var attempt = 0; ; attempt++)
        {
            if (SolveOnce(solver, engine, cancel) != Solver.ResultStatus.OPTIMAL || cancel.IsCancellationRequested)
            {
                return default;
            }

            values = [.. vars.Select(v => v?.SolutionValue() ?? 0)];
            var shortOfLot = switchOfFlow.Values.Where(s => s.MinLot > 0 && s.IsOpen(values[s.Flow]) && values[s.Flow] < s.MinLot * (1 - Tolerance)).ToList();
            if (shortOfLot.Count == 0)
            {
                break;
            }

            if (attempt == MaxLotRounds)
            {
                return default;
            }

            foreach (var s in shortOfLot)
            {
                vars[s.Flow]!.SetBounds(0, 0);
            }
        }

        var x = Expand(model, values, switches, fractional: false);

        // An open yes/no variable whose rows all hold without it only costs money: shut it.
        foreach (var v in model.Variables.Where(v => v.IsInteger && v.Cost > 0 && x[v.Index] > 0.5 && v.Lower < 0.5))
        {
            x[v.Index] = 0;
            if (!Holds(model, x, rowsOf[v.Index] ?? []))
            {
                x[v.Index] = 1;
            }
        }

        return [.. x];
    }

    /// <summary>Solver values in the model's columns, with each projected switch recovered from its flow.</summary>
    private static double[] Expand(MipModel model, double[] solved, Dictionary<int, Switch> switches, bool fractional)
    {
        var x = (double[])solved.Clone();
        foreach (var (binary, s) in switches)
        {
            var flow = x[s.Flow];
            x[binary] = fractional ? Math.Clamp(flow / s.Bound, 0, 1) : s.IsOpen(flow) ? 1 : 0;
        }

        if (!fractional)
        {
            foreach (var v in model.Variables.Where(v => v.IsInteger))
            {
                x[v.Index] = Math.Round(x[v.Index]);
            }
        }

        return x;
    }

    /// <summary>Whether x satisfies every bound and row, to a relative tolerance.</summary>
    internal static bool IsFeasible(MipModel model, IReadOnlyList<double> x) =>
        model.Variables.All(v => x[v.Index] >= v.Lower - Tolerance && x[v.Index] <= v.Upper + Tolerance)
        && Holds(model, x, Enumerable.Range(0, model.Rows.Count));

    private static bool Holds(MipModel model, IReadOnlyList<double> x, IEnumerable<int> rows)
    {
        foreach (var r in rows.Select(i => model.Rows[i]))
        {
            var sum = 0.0;
            var scale = 1.0;
            for (var k = 0; k < r.Columns.Length; k++)
            {
                var term = r.Coefficients[k] * x[r.Columns[k]];
                sum += term;
                scale = Math.Max(scale, Math.Abs(term));
            }

            if (sum < r.Lower - (Tolerance * scale) || sum > r.Upper + (Tolerance * scale))
            {
                return false;
            }
        }

        return true;
    }

    internal static List<int>?[] RowsOf(MipModel model)
    {
        var rowsOf = new List<int>?[model.Variables.Count];
        foreach (var r in model.Rows)
        {
            foreach (var c in r.Columns)
            {
                (rowsOf[c] ??= []).Add(r.Index);
            }
        }

        return rowsOf;
    }

    /// <summary>
    /// The declared switches that can be projected: an open binary with a non-negative cost whose rows are exactly its
    /// declared switch and minimum-lot rows on one continuous flow, and whose flow no other switch opens.
    /// </summary>
    internal static Dictionary<int, Switch> FindSwitches(MipModel model, List<int>?[] rowsOf)
    {
        var found = new Dictionary<int, Switch>();
        var flowsTaken = new Dictionary<int, int>();
        foreach (var link in model.Switches)
        {
            var y = model.Variables[link.Binary];
            var xv = model.Variables[link.Flow];
            if (!y.IsInteger || y.Lower != 0 || y.Upper != 1 || y.Cost < 0 || xv.IsInteger || xv.Lower < 0 ||
                rowsOf[y.Index] is not { } rows || !rows.Order().SequenceEqual(link.Rows.Order()))
            {
                continue;
            }

            var bound = double.NaN;
            var minLot = 0.0;
            var ok = true;
            foreach (var ri in link.Rows)
            {
                var r = model.Rows[ri];
                var k = r.Columns.IndexOf(y.Index);
                var other = 1 - k;
                if (r.Columns.Length != 2 || k < 0 || r.Columns[other] != link.Flow)
                {
                    ok = false;
                    break;
                }

                var (a, b) = (r.Coefficients[other], -r.Coefficients[k]);
                if (a <= 0 || b <= 0)
                {
                    ok = false;
                    break;
                }

                if (r.Upper == 0 && double.IsNegativeInfinity(r.Lower) && double.IsNaN(bound))
                {
                    bound = b / a;
                }
                else if (r.Lower == 0 && double.IsPositiveInfinity(r.Upper))
                {
                    minLot = Math.Max(minLot, b / a);
                }
                else
                {
                    ok = false;
                    break;
                }
            }

            if (!ok || double.IsNaN(bound) || minLot > bound)
            {
                continue;
            }

            // A flow switched by two binaries keeps both in the LP: the projection needs one y per x.
            if (flowsTaken.TryGetValue(link.Flow, out var taken))
            {
                found.Remove(taken);
                flowsTaken[link.Flow] = -1;
                continue;
            }

            flowsTaken[link.Flow] = y.Index;
            found[y.Index] = new Switch(y.Index, link.Flow, bound, minLot, link.Rows);
        }

        return found;
    }

    internal sealed record Switch(int Binary, int Flow, double Bound, double MinLot, ImmutableArray<int> Rows)
    {
        /// <summary>Whether a flow counts as using the connection (above round-off relative to its bound).</summary>
        public bool IsOpen(double flow) => flow > Tolerance * Math.Max(1, Bound);
    }
}
