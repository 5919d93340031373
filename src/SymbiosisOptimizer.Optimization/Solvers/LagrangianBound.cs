using System.Collections.Immutable;
using System.Diagnostics;
using SymbiosisOptimizer.Optimization.Modeling;

namespace SymbiosisOptimizer.Optimization.Solvers;

/// <summary>What <see cref="LagrangianBound"/> found for one model.</summary>
/// <param name="Bound">A proven lower bound on the model's optimum (objective offset included), or negative infinity
/// when no multipliers gave a finite one.</param>
/// <param name="Start">The bound at the starting multipliers (negative infinity when they gave none).</param>
/// <param name="Iterations">Subgradient steps taken.</param>
/// <param name="Components">Independent sub-problems each evaluation splits into.</param>
/// <param name="Fallbacks">Of those, the ones not of the receiver shape, bounded by their LP relaxation instead.</param>
/// <param name="Opened">The declared connection switches open in the receivers' own solutions at multipliers whose
/// bound came within <see cref="LagrangianBound.NearBest"/> of the best: where a plan is likely to be found (a
/// Lagrangian heuristic prices them, see <see cref="BlockSolver"/>).</param>
public sealed record LagrangianResult(double Bound, double Start, int Iterations, int Components, int Fallbacks, double Seconds, ImmutableArray<int> Opened)
{
    public bool HasBound => double.IsFinite(Bound);
}

/// <summary>
/// A lower bound on a fixed-charge exchange model that can lie above its LP relaxation, and that needs no LP: the
/// Lagrangian relaxation of the supply rows (and of every row that is not a receiver's own), maximised by projected
/// subgradient steps, with each receiver's sub-problem solved exactly.
/// </summary>
/// <remarks>
/// <para>Relaxation. With multipliers pi on the relaxed rows (sign-restricted for inequalities: pi &gt;= 0 on a
/// &gt;= row, pi &lt;= 0 on a &lt;= row), L(pi) = min over the kept rows of (c - pi A) x + sum_r pi_r side_r, where side_r
/// is the row's lower bound when pi_r &gt; 0 and its upper bound when pi_r &lt; 0. For every x feasible in the whole
/// model pi_r (side_r - a_r x) &lt;= 0, so L(pi) &lt;= c x: any pi gives a valid bound, and so does any lower bound on
/// each sub-problem's minimum (weak duality; Geoffrion 1974). The best over the steps is returned.</para>
/// <para>Kept rows. A receiver's balance (an equality with positive coefficients on continuous columns, not a supply
/// row), the connection switches x &lt;= U y and minimum lots x &gt;= l y the formulation declared, and gates x &lt;= M w
/// (a permit w opening several exchanges). Without the supply rows these fall apart into one small problem per
/// receiver: fill its need d exactly from its exchanges (each open one at most min(u, U), at least its lot) and its
/// current source, paying each connection's fixed charge. That problem is solved exactly by a small branch-and-bound
/// on the connections (its relaxation is a fractional knapsack, solved greedily), with the permits enumerated; a
/// relaxation that branch-and-bound cannot finish within its node budget contributes its best open node's bound, so the
/// value stays a lower bound. Because this sub-problem is not integral in its LP form, L(pi) at the LP's own duals is
/// at least the LP bound, and the steps can raise it further (the single-node flow covers of every receiver at once).</para>
/// <para>Columns left in no kept row contribute their reduced cost at the cheaper bound; one unbounded on its cheap
/// side would make L(pi) minus infinity, so before each evaluation the multipliers are moved just enough to keep such a
/// column's reduced cost of the right sign (a supply's current route: its supply row's multiplier is at most the route's
/// cost per unit). A component of any other shape is bounded by its LP relaxation (GLOP), which is still a lower
/// bound on its minimum.</para>
/// <para>Steps. Polyak's step theta (target - L) / |g|^2 towards the best plan known, with g the subgradient
/// side_r - a_r x(pi); theta halves after <see cref="Patience"/> steps without a better bound. Everything is in index
/// order: the same model, start and iteration count give the same bound.</para>
/// </remarks>
public static class LagrangianBound
{
    /// <summary>A component with more shared gates (permits) than this treats them as open, which only weakens its bound.</summary>
    private const int MaxEnumeratedGates = 3;

    /// <summary>Branch-and-bound nodes per receiver problem and evaluation; past it the best open node's bound is used.</summary>
    private const int NodeBudget = 100;

    /// <summary>Steps without a better bound before the step factor halves.</summary>
    private const int Patience = 8;

    private const double Tolerance = 1e-9;

    /// <summary>Iterates whose bound is within this share of the best contribute their open connections to <see cref="LagrangianResult.Opened"/>.</summary>
    public const double NearBest = 0.005;

    public static LagrangianResult Run(MipModel model, IReadOnlyCollection<int> supplyRows, ImmutableArray<double> start, double target, double? seconds, int maxIterations = 300, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(supplyRows);
        var clock = Stopwatch.StartNew();
        var s = Structure.Of(model, supplyRows);
        var pi = new double[model.Rows.Count];
        var useStart = !start.IsDefault && start.Length == model.Rows.Count;
        foreach (var r in s.Relaxed)
        {
            pi[r] = useStart ? start[r] : 0;
        }

        if (!useStart)
        {
            // Without duals, a relaxed row with a column of its own that is free on one side is priced at that column's
            // cost (a supply at what its current route costs per unit): the bound an LP-free run starts from.
            foreach (var (col, row, coef) in s.OwnColumns)
            {
                pi[row] = model.Variables[col].Cost / coef;
            }
        }

        var x = new double[model.Variables.Count];
        var opened = new SortedSet<int>();
        var best = double.NegativeInfinity;
        var first = double.NaN;
        var theta = useStart ? 0.25 : 1.0;
        var sinceBetter = 0;
        var iterations = 0;
        var g = new double[model.Rows.Count];
        for (; ; iterations++)
        {
            var value = s.Evaluate(pi, x);
            first = double.IsNaN(first) ? value : first;
            if (double.IsFinite(value) && (value >= best - (NearBest * Math.Abs(best)) || double.IsNegativeInfinity(best)))
            {
                foreach (var y in s.SwitchBinaries.Where(y => x[y] > 0.5))
                {
                    opened.Add(y);
                }
            }

            if (double.IsNegativeInfinity(best) ? value > best : value > best + (Tolerance * Math.Max(1, Math.Abs(best))))
            {
                best = value;
                sinceBetter = 0;
            }
            else if (++sinceBetter >= Patience)
            {
                theta /= 2;
                sinceBetter = 0;
            }

            var timeUp = seconds is { } limit && clock.Elapsed.TotalSeconds >= limit;
            if (iterations >= maxIterations || timeUp || cancel.IsCancellationRequested || theta < 1e-4 || !double.IsFinite(value) || (double.IsFinite(target) && best >= target - (Tolerance * Math.Abs(target))))
            {
                break;
            }

            var norm = 0.0;
            foreach (var r in s.Relaxed)
            {
                g[r] = s.Subgradient(r, pi[r], x);
                norm += g[r] * g[r];
            }

            if (norm <= 0)
            {
                // x(pi) satisfies every relaxed row with complementary slackness: L(pi) is the optimum.
                break;
            }

            // Without a plan to aim at, aim 5 % above the bound.
            var goal = double.IsFinite(target) ? target : value + (0.05 * Math.Max(1, Math.Abs(value)));
            var step = theta * Math.Max(goal - value, 1e-6 * Math.Max(1, Math.Abs(goal))) / norm;
            foreach (var r in s.Relaxed)
            {
                pi[r] += step * g[r];
            }
        }

        return new LagrangianResult(best, double.IsNaN(first) ? double.NegativeInfinity : first, iterations, s.ComponentCount, s.FallbackCount, clock.Elapsed.TotalSeconds, [.. opened]);
    }

    /// <summary>
    /// A Lagrangian heuristic: slope scaling (<see cref="SlopeScaling"/>) on the model with every declared connection
    /// shut that neither the receivers' solutions near the best multipliers (<see cref="LagrangianResult.Opened"/>) nor
    /// the incumbent plan open. The multipliers price each supply where the whole model would, so the connections they
    /// open pay for themselves more often than the LP's fractional ones; shutting the rest leaves a far smaller problem,
    /// and every plan it returns is feasible in the whole model (shutting connections only removes options).
    /// </summary>
    public static SlopeScalingResult Plan(MipModel model, LagrangianResult lag, ImmutableArray<double> incumbent, double? seconds, CancellationToken cancel = default) =>
        SlopeScaling.Run(Neighbourhood(model, lag, incumbent), seconds, cancel: cancel);

    /// <summary>
    /// The model with every declared connection shut that neither the Lagrangian's near-best solutions nor the incumbent
    /// open: a neighbourhood of a few hundred connections where the whole block has thousands, small enough for
    /// branch-and-bound to search in seconds (same numbering as the model).
    /// </summary>
    public static MipModel Neighbourhood(MipModel model, LagrangianResult lag, ImmutableArray<double> incumbent)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(lag);
        var keep = lag.Opened.ToHashSet();
        var restricted = model.Copy();
        foreach (var link in model.Switches)
        {
            var y = model.Variables[link.Binary];
            if (!keep.Contains(link.Binary) && y.Lower <= 0 && (incumbent.IsDefault || incumbent[link.Binary] < 0.5))
            {
                restricted.Fix(link.Binary, 0);
            }
        }

        return restricted;
    }

    /// <summary>One exchange in a receiver's balance, in units of the balance row (q = a x).</summary>
    private sealed class Item
    {
        public int Column;
        public double A;
        public double Cap;
        public int Switch = -1;
        public double Lot;
        public int[] Gates = [];

        // Per evaluation, in balance units: cost per unit, capacity, lot, fixed charge, forced state (-1 shut, 0 free, 1 open).
        public double Unit;
        public double C;
        public double L;
        public double F;
        public int State;
    }

    private sealed class Component
    {
        public List<(int Row, double Rhs, List<Item> Items)> Balances { get; } = [];

        /// <summary>Gated flows in no balance (e.g. into a process): each on its own, given the gates.</summary>
        public List<Item> Free { get; } = [];

        public List<int> Gates { get; } = [];

        public bool Enumerate => Gates.Count <= MaxEnumeratedGates;

        public MipModel? Fallback { get; set; }

        public ImmutableArray<int> FallbackColumns { get; set; }
    }

    private sealed class Structure
    {
        private readonly MipModel model;
        private readonly double[] rc;
        private readonly List<Component> components = [];
        private readonly List<int> standalone = [];

        /// <summary>Standalone columns free on their cheap side that appear in several relaxed rows.</summary>
        private readonly List<int> unbounded = [];

        /// <summary>Per relaxed row, its terms; per column, its relaxed terms.</summary>
        private readonly List<(int Row, double Coef)>[] relaxedOf;
        private readonly bool[] isRelaxed;

        private Structure(MipModel model)
        {
            this.model = model;
            rc = new double[model.Variables.Count];
            isRelaxed = new bool[model.Rows.Count];
            relaxedOf = new List<(int, double)>[model.Variables.Count];
        }

        public List<int> Relaxed { get; } = [];

        /// <summary>Standalone columns unbounded on their cheap side, each with the one relaxed row that prices it.</summary>
        public List<(int Column, int Row, double Coef)> OwnColumns { get; } = [];

        public int ComponentCount => components.Count;

        /// <summary>The declared switch binaries the receivers' problems decide.</summary>
        public List<int> SwitchBinaries { get; } = [];

        public int FallbackCount => components.Count(c => c.Fallback is not null);

        public static Structure Of(MipModel model, IReadOnlyCollection<int> supplyRows)
        {
            var s = new Structure(model);
            var n = model.Variables.Count;
            var supply = supplyRows as ISet<int> ?? supplyRows.ToHashSet();
            var kept = new bool[model.Rows.Count];
            var switchOf = new Dictionary<int, (int Binary, double U, double Lot)>();
            var gatesOf = new Dictionary<int, List<(int Gate, double M)>>();

            // Declared switches: x <= U y and x >= l y on a continuous flow.
            var switchBinaries = new HashSet<int>();
            foreach (var link in model.Switches)
            {
                if (Switch(model, link) is { } sw && !switchOf.ContainsKey(link.Flow) && !switchBinaries.Contains(link.Binary))
                {
                    switchOf[link.Flow] = (link.Binary, sw.U, sw.Lot);
                    switchBinaries.Add(link.Binary);
                    s.SwitchBinaries.Add(link.Binary);
                    foreach (var r in link.Rows)
                    {
                        kept[r] = true;
                    }
                }
            }

            foreach (var r in model.Rows)
            {
                if (kept[r.Index])
                {
                    continue;
                }

                // A gate: x - M w <= 0 with x continuous from 0 and w binary (a permit).
                if (r.Columns.Length == 2 && double.IsNegativeInfinity(r.Lower) && r.Upper == 0)
                {
                    var (xi, wi) = model.Variables[r.Columns[0]].IsInteger ? (1, 0) : (0, 1);
                    var xv = model.Variables[r.Columns[xi]];
                    var wv = model.Variables[r.Columns[wi]];
                    if (!xv.IsInteger && xv.Lower == 0 && wv.IsInteger && wv.Lower >= 0 && wv.Upper <= 1 && r.Coefficients[xi] > 0 && r.Coefficients[wi] < 0 && !switchBinaries.Contains(wv.Index))
                    {
                        kept[r.Index] = true;
                        if (!gatesOf.TryGetValue(xv.Index, out var list))
                        {
                            gatesOf[xv.Index] = list = [];
                        }

                        list.Add((wv.Index, -r.Coefficients[wi] / r.Coefficients[xi]));
                        continue;
                    }
                }

                // A receiver's balance.
                if (!supply.Contains(r.Index) && r.Lower == r.Upper && double.IsFinite(r.Lower) && r.Lower >= 0 && r.Columns.Length > 0
                    && r.Coefficients.All(a => a > 0) && r.Columns.All(c => !model.Variables[c].IsInteger))
                {
                    kept[r.Index] = true;
                }
            }

            for (var c = 0; c < n; c++)
            {
                s.relaxedOf[c] = [];
            }

            foreach (var r in model.Rows.Where(r => !kept[r.Index]))
            {
                s.isRelaxed[r.Index] = true;
                s.Relaxed.Add(r.Index);
                for (var k = 0; k < r.Columns.Length; k++)
                {
                    s.relaxedOf[r.Columns[k]].Add((r.Index, r.Coefficients[k]));
                }
            }

            // Components of the kept rows.
            var parent = Enumerable.Range(0, n).ToArray();
            int Find(int a)
            {
                while (parent[a] != a)
                {
                    parent[a] = parent[parent[a]];
                    a = parent[a];
                }

                return a;
            }

            var inKept = new bool[n];
            foreach (var r in model.Rows.Where(r => kept[r.Index]))
            {
                foreach (var c in r.Columns)
                {
                    inKept[c] = true;
                    var (a, b) = (Find(r.Columns[0]), Find(c));
                    if (a != b)
                    {
                        parent[Math.Max(a, b)] = Math.Min(a, b);
                    }
                }
            }

            var members = new Dictionary<int, List<int>>();
            for (var c = 0; c < n; c++)
            {
                if (!inKept[c])
                {
                    s.standalone.Add(c);
                    continue;
                }

                var root = Find(c);
                if (!members.TryGetValue(root, out var list))
                {
                    members[root] = list = [];
                }

                list.Add(c);
            }

            var balanceOf = new Dictionary<int, List<int>>();
            foreach (var r in model.Rows.Where(r => kept[r.Index] && r.Lower == r.Upper))
            {
                foreach (var c in r.Columns)
                {
                    if (!balanceOf.TryGetValue(c, out var list))
                    {
                        balanceOf[c] = list = [];
                    }

                    list.Add(r.Index);
                }
            }

            foreach (var (root, cols) in members.OrderBy(kv => kv.Key))
            {
                s.components.Add(s.Build(cols, kept, switchOf, gatesOf, balanceOf, switchBinaries));
            }

            // Standalone columns unbounded on their cheap side need their reduced cost kept of one sign.
            foreach (var c in s.standalone)
            {
                var v = model.Variables[c];
                if (double.IsPositiveInfinity(v.Upper) == double.IsNegativeInfinity(v.Lower))
                {
                    continue;
                }

                if (s.relaxedOf[c].Count == 1 && s.relaxedOf[c][0].Coef != 0)
                {
                    s.OwnColumns.Add((c, s.relaxedOf[c][0].Row, s.relaxedOf[c][0].Coef));
                }
                else if (s.relaxedOf[c].Count > 1)
                {
                    s.unbounded.Add(c);
                }
            }

            return s;
        }

        private Component Build(List<int> cols, bool[] kept, Dictionary<int, (int Binary, double U, double Lot)> switchOf, Dictionary<int, List<(int Gate, double M)>> gatesOf, Dictionary<int, List<int>> balanceOf, HashSet<int> switchBinaries)
        {
            var comp = new Component();
            var ok = true;
            var gates = new SortedSet<int>();
            var items = new Dictionary<int, Item>();
            foreach (var c in cols)
            {
                var v = model.Variables[c];
                if (v.IsInteger)
                {
                    // A switch binary belongs to its flow's item; any other binary here is a gate.
                    if (!switchBinaries.Contains(c))
                    {
                        gates.Add(c);
                    }

                    ok &= v.Lower >= 0 && v.Upper <= 1;
                    continue;
                }

                var balances = balanceOf.GetValueOrDefault(c);
                if (v.Lower != 0 || (balances is { Count: > 1 }))
                {
                    ok = false;
                    continue;
                }

                var item = new Item { Column = c, Cap = v.Upper };
                if (switchOf.TryGetValue(c, out var sw))
                {
                    item.Switch = sw.Binary;
                    item.Cap = Math.Min(item.Cap, sw.U);
                    item.Lot = sw.Lot;
                }

                if (gatesOf.TryGetValue(c, out var gl))
                {
                    item.Gates = [.. gl.Select(t => t.Gate)];
                    item.Cap = Math.Min(item.Cap, gl.Min(t => t.M));
                }

                items[c] = item;
            }

            foreach (var row in cols.SelectMany(c => balanceOf.GetValueOrDefault(c) ?? []).Distinct().Order())
            {
                var r = model.Rows[row];
                var list = new List<Item>();
                for (var k = 0; k < r.Columns.Length; k++)
                {
                    if (items.TryGetValue(r.Columns[k], out var item))
                    {
                        item.A = r.Coefficients[k];
                        list.Add(item);
                    }
                    else
                    {
                        ok = false;
                    }
                }

                comp.Balances.Add((row, r.Lower, list));
            }

            var inBalance = comp.Balances.SelectMany(b => b.Items).Select(i => i.Column).ToHashSet();
            foreach (var item in items.Values.Where(i => !inBalance.Contains(i.Column)).OrderBy(i => i.Column))
            {
                item.A = 1;
                comp.Free.Add(item);
            }

            comp.Gates.AddRange(gates);
            if (!ok)
            {
                // Another shape: its LP relaxation over its own kept rows bounds it.
                var local = new Dictionary<int, int>();
                var sub = new MipModel();
                foreach (var c in cols)
                {
                    var v = model.Variables[c];
                    local[c] = sub.AddVariable(v.Name, v.Lower, v.Upper, 0);
                }

                foreach (var r in model.Rows.Where(r => kept[r.Index] && r.Columns.Any(local.ContainsKey)))
                {
                    sub.AddRow(r.Name, r.Meaning, r.Lower, r.Upper, r.Columns.Select((c, k) => (local[c], r.Coefficients[k])));
                }

                comp.Fallback = sub;
                comp.FallbackColumns = [.. cols];
            }

            return comp;
        }

        private static (double U, double Lot)? Switch(MipModel model, SwitchLink link)
        {
            var y = model.Variables[link.Binary];
            var xv = model.Variables[link.Flow];
            if (!y.IsInteger || y.Lower < 0 || y.Upper > 1 || xv.IsInteger || xv.Lower != 0)
            {
                return null;
            }

            var u = double.NaN;
            var lot = 0.0;
            foreach (var ri in link.Rows)
            {
                var r = model.Rows[ri];
                var k = r.Columns.IndexOf(link.Binary);
                if (r.Columns.Length != 2 || k < 0 || r.Columns[1 - k] != link.Flow)
                {
                    return null;
                }

                var (a, b) = (r.Coefficients[1 - k], -r.Coefficients[k]);
                if (a <= 0 || b <= 0)
                {
                    return null;
                }

                if (r.Upper == 0 && double.IsNegativeInfinity(r.Lower) && double.IsNaN(u))
                {
                    u = b / a;
                }
                else if (r.Lower == 0 && double.IsPositiveInfinity(r.Upper))
                {
                    lot = Math.Max(lot, b / a);
                }
                else
                {
                    return null;
                }
            }

            return double.IsNaN(u) ? null : (u, lot);
        }

        /// <summary>The subgradient of L at pi in row r: side - a x, the side chosen by pi's sign.</summary>
        public double Subgradient(int r, double p, double[] x)
        {
            var row = model.Rows[r];
            var ax = 0.0;
            for (var k = 0; k < row.Columns.Length; k++)
            {
                ax += row.Coefficients[k] * x[row.Columns[k]];
            }

            return p > 0 ? row.Lower - ax
                : p < 0 ? row.Upper - ax
                : ax < row.Lower ? row.Lower - ax
                : ax > row.Upper ? row.Upper - ax
                : 0;
        }

        /// <summary>L(pi) after projecting pi (signs, and standalone columns priced within their range), with x(pi) in x.</summary>
        public double Evaluate(double[] pi, double[] x)
        {
            foreach (var r in Relaxed)
            {
                var row = model.Rows[r];
                var lo = double.IsFinite(row.Lower);
                var up = double.IsFinite(row.Upper);
                pi[r] = !lo && !up ? 0 : !lo ? Math.Min(pi[r], 0) : !up ? Math.Max(pi[r], 0) : pi[r];
            }

            foreach (var (col, row, coef) in OwnColumns)
            {
                // rc = c - pi a must be >= 0 for a column free upwards (<= 0 for one free downwards).
                var v = model.Variables[col];
                var limit = v.Cost / coef;
                var upwards = double.IsPositiveInfinity(v.Upper);
                if (upwards == (coef > 0))
                {
                    pi[row] = Math.Min(pi[row], limit);
                }
                else
                {
                    pi[row] = Math.Max(pi[row], limit);
                }
            }

            for (var c = 0; c < rc.Length; c++)
            {
                var v = model.Variables[c].Cost;
                foreach (var (r, a) in relaxedOf[c])
                {
                    v -= pi[r] * a;
                }

                rc[c] = v;
            }

            // Other standalone columns free on their cheap side (in several relaxed rows): move one of their rows'
            // multipliers just enough, where its sign allows, so the reduced cost has the right sign (twice round, as a
            // move can upset a column already seen); what is still wrong makes L(pi) minus infinity below.
            for (var pass = 0; pass < 2; pass++)
            {
                foreach (var c in unbounded)
                {
                    var v = model.Variables[c];
                    var wrong = double.IsPositiveInfinity(v.Upper) ? rc[c] < 0 : rc[c] > 0;
                    if (!wrong)
                    {
                        continue;
                    }

                    foreach (var (r, a) in relaxedOf[c])
                    {
                        var moved = pi[r] + (rc[c] / a);
                        var row = model.Rows[r];
                        if ((moved > 0 && !double.IsFinite(row.Lower)) || (moved < 0 && !double.IsFinite(row.Upper)))
                        {
                            continue;
                        }

                        var delta = moved - pi[r];
                        pi[r] = moved;
                        for (var k = 0; k < row.Columns.Length; k++)
                        {
                            rc[row.Columns[k]] -= delta * row.Coefficients[k];
                        }

                        rc[c] = 0;
                        break;
                    }
                }
            }

            var total = model.ObjectiveOffset;
            foreach (var r in Relaxed)
            {
                var row = model.Rows[r];
                total += pi[r] > 0 ? pi[r] * row.Lower : pi[r] < 0 ? pi[r] * row.Upper : 0;
            }

            foreach (var c in standalone)
            {
                var v = model.Variables[c];
                var cost = rc[c];
                if (cost == 0)
                {
                    x[c] = double.IsFinite(v.Lower) ? v.Lower : double.IsFinite(v.Upper) ? v.Upper : 0;
                    continue;
                }

                var at = cost > 0 ? v.Lower : v.Upper;
                if (!double.IsFinite(at))
                {
                    return double.NegativeInfinity;
                }

                x[c] = at;
                total += cost * at;
            }

            foreach (var comp in components)
            {
                var value = comp.Fallback is null ? Solve(comp, x) : SolveFallback(comp, x);
                if (double.IsNaN(value) || double.IsNegativeInfinity(value))
                {
                    return double.NegativeInfinity;
                }

                total += value;
            }

            return total;
        }

        private double SolveFallback(Component comp, double[] x)
        {
            var sub = comp.Fallback!;
            var cols = comp.FallbackColumns;
            for (var k = 0; k < cols.Length; k++)
            {
                var v = sub.Variables[k];
                sub.AddCost(k, rc[cols[k]] - v.Cost);
            }

            var lp = OrToolsSolver.Solve(sub, new SolveOptions(SolverKind.Glop), SolverKind.Glop);
            if (lp.Termination != TerminationStatus.Optimal || !lp.HasSolution)
            {
                return double.NaN;
            }

            for (var k = 0; k < cols.Length; k++)
            {
                x[cols[k]] = lp.Values[k];
            }

            return lp.Objective;
        }

        /// <summary>The exact minimum of a receiver component at the current reduced costs (a lower bound past the node budget).</summary>
        private double Solve(Component comp, double[] x)
        {
            var gates = comp.Enumerate ? comp.Gates : [];
            var best = double.PositiveInfinity;
            var combos = 1 << gates.Count;
            var open = new HashSet<int>();
            var bestOpen = new HashSet<int>();
            var bestX = new Dictionary<int, double>();
            var trial = new Dictionary<int, double>();
            for (var mask = 0; mask < combos; mask++)
            {
                open.Clear();
                var total = 0.0;
                var allowed = true;
                for (var k = 0; k < gates.Count; k++)
                {
                    var w = model.Variables[gates[k]];
                    var on = (mask >> k & 1) == 1;
                    allowed &= on ? w.Upper >= 1 : w.Lower <= 0;
                    if (on)
                    {
                        open.Add(gates[k]);
                        total += rc[gates[k]];
                    }
                }

                if (!allowed)
                {
                    continue;
                }

                trial.Clear();
                foreach (var (_, rhs, items) in comp.Balances)
                {
                    total += Knapsack(items, rhs, open, comp.Enumerate, trial);
                }

                foreach (var item in comp.Free)
                {
                    total += Alone(item, open, comp.Enumerate, trial);
                }

                if (total < best)
                {
                    best = total;
                    bestOpen.Clear();
                    bestOpen.UnionWith(open);
                    bestX.Clear();
                    foreach (var kv in trial)
                    {
                        bestX[kv.Key] = kv.Value;
                    }
                }
            }

            if (!comp.Enumerate)
            {
                // Gates treated as open (their rows dropped): each at whichever bound its reduced cost prefers.
                foreach (var w in comp.Gates)
                {
                    var v = model.Variables[w];
                    var at = rc[w] < 0 ? v.Upper : v.Lower;
                    best += rc[w] * at;
                    x[w] = at;
                }
            }
            else
            {
                foreach (var w in comp.Gates)
                {
                    x[w] = bestOpen.Contains(w) ? 1 : 0;
                }
            }

            foreach (var kv in bestX)
            {
                x[kv.Key] = kv.Value;
            }

            return best;
        }

        /// <summary>Sets an item's per-evaluation figures in balance units; false when its gates keep it shut.</summary>
        private void Prepare(Item item, HashSet<int> open, bool enumerate)
        {
            var shut = enumerate && item.Gates.Any(g => !open.Contains(g));
            item.Unit = rc[item.Column] / item.A;
            item.C = shut ? 0 : item.A * item.Cap;
            item.L = item.A * item.Lot;
            item.F = item.Switch >= 0 ? rc[item.Switch] : 0;
            item.State = 0;
            if (item.Switch >= 0)
            {
                var y = model.Variables[item.Switch];
                item.State = y.Upper < 0.5 || item.C < item.L - (Tolerance * Math.Max(1, item.L)) ? -1 : y.Lower > 0.5 ? 1 : 0;
            }
        }

        /// <summary>A gated flow in no balance: open at whichever end of [lot, cap] is cheaper, or shut.</summary>
        private double Alone(Item item, HashSet<int> open, bool enumerate, Dictionary<int, double> xs)
        {
            item.A = 1;
            Prepare(item, open, enumerate);
            if (item.Switch < 0)
            {
                var take = item.Unit < 0 ? item.C : 0;
                if (double.IsInfinity(take))
                {
                    return double.NegativeInfinity;
                }

                xs[item.Column] = take;
                return item.Unit * take;
            }

            var shutValue = item.State == 1 ? double.PositiveInfinity : 0;
            var openValue = double.PositiveInfinity;
            var openAt = 0.0;
            if (item.State != -1)
            {
                openAt = item.Unit < 0 ? item.C : item.L;
                if (double.IsInfinity(openAt))
                {
                    return double.NegativeInfinity;
                }

                openValue = item.F + (item.Unit * openAt);
            }

            var opened = openValue < shutValue;
            xs[item.Column] = opened ? openAt : 0;
            xs[item.Switch] = opened ? 1 : 0;
            return Math.Min(openValue, shutValue);
        }

        /// <summary>
        /// Fills the need exactly at least cost: depth-first branch-and-bound on the connections, each node's relaxation a
        /// fractional knapsack (open lots first, then cheapest per unit, a free connection charged F/C per unit).
        /// Returns the minimum, or past the node budget a lower bound on it; +inf when the need cannot be met.
        /// </summary>
        private double Knapsack(List<Item> items, double need, HashSet<int> open, bool enumerate, Dictionary<int, double> xs)
        {
            foreach (var item in items)
            {
                Prepare(item, open, enumerate);
            }

            var n = items.Count;
            var state = items.Select(i => i.State).ToArray();
            var q = new double[n];
            var bestQ = new double[n];
            var bestY = new int[n];
            var incumbent = double.PositiveInfinity;
            var nodes = 0;
            var order = new int[n];
            var keys = new double[n];
            var tol = Tolerance * Math.Max(1, need);

            // The relaxation at a node: its value, the fill q, and the item to branch on (-1 when integral).
            (double Value, int Branch) Relax()
            {
                Array.Clear(q);
                var value = 0.0;
                var left = need;
                var count = 0;
                for (var k = 0; k < n; k++)
                {
                    var it = items[k];
                    if (state[k] == -1 || (it.C <= 0 && !(it.Switch >= 0 && state[k] == 1) && !(it.Switch >= 0 && it.F < 0 && it.L <= 0)))
                    {
                        continue;
                    }

                    if (state[k] == 1 || (it.Switch >= 0 && it.F < 0))
                    {
                        // Open (or free with a negative charge, taken as open with its lot dropped: a relaxation).
                        value += it.F;
                        if (state[k] == 1)
                        {
                            q[k] = it.L;
                            value += it.Unit * it.L;
                            left -= it.L;
                        }
                    }

                    order[count++] = k;
                }

                if (left < -tol)
                {
                    return (double.PositiveInfinity, -1);
                }

                double UnitOf(int k)
                {
                    var it = items[k];
                    return state[k] == 0 && it.Switch >= 0 && it.F >= 0 && double.IsFinite(it.C) && it.C > 0 ? it.Unit + (it.F / it.C) : it.Unit;
                }

                // Cheapest per unit first; ties in index order (the sort is not stable, so the index breaks them).
                for (var i = 0; i < count; i++)
                {
                    keys[i] = UnitOf(order[i]);
                }

                Array.Sort(keys, order, 0, count);
                for (var i = 1; i < count; i++)
                {
                    for (var j = i; j > 0 && keys[j] == keys[j - 1] && order[j] < order[j - 1]; j--)
                    {
                        (keys[j], keys[j - 1]) = (keys[j - 1], keys[j]);
                        (order[j], order[j - 1]) = (order[j - 1], order[j]);
                    }
                }

                var branch = -1;
                for (var i = 0; i < count && left > tol; i++)
                {
                    var k = order[i];
                    var room = items[k].C - q[k];
                    if (room <= 0)
                    {
                        continue;
                    }

                    var take = Math.Min(room, left);
                    q[k] += take;
                    left -= take;
                    value += keys[i] * take;
                }

                if (left > tol)
                {
                    return (double.PositiveInfinity, -1);
                }

                for (var k = 0; k < n && branch < 0; k++)
                {
                    var it = items[k];
                    if (it.Switch < 0 || state[k] != 0)
                    {
                        continue;
                    }

                    var fractional = it.F >= 0
                        ? q[k] > tol && q[k] < it.C - tol
                        : q[k] < it.L - tol;
                    if (fractional)
                    {
                        branch = k;
                    }
                }

                return (value, branch);
            }

            double Search()
            {
                nodes++;
                var (value, branch) = Relax();
                if (value >= incumbent - (Tolerance * Math.Max(1, Math.Abs(incumbent))) || double.IsPositiveInfinity(value))
                {
                    return value;
                }

                if (branch < 0)
                {
                    incumbent = value;
                    Array.Copy(q, bestQ, n);
                    for (var k = 0; k < n; k++)
                    {
                        var it = items[k];
                        bestY[k] = it.Switch < 0 ? 0 : state[k] == 1 || (state[k] == 0 && (it.F < 0 || q[k] > tol)) ? 1 : 0;
                    }

                    return value;
                }

                if (nodes >= NodeBudget)
                {
                    return value;
                }

                var saved = state[branch];
                state[branch] = 1;
                var up = Search();
                state[branch] = -1;
                var down = Search();
                state[branch] = saved;
                return Math.Min(up, down);
            }

            var bound = Search();
            var result = Math.Min(bound, incumbent);
            if (double.IsPositiveInfinity(incumbent))
            {
                // No plan inside the budget: the root's fill stands in for x (only the step direction depends on it).
                _ = Relax();
                Array.Copy(q, bestQ, n);
            }

            for (var k = 0; k < n; k++)
            {
                var it = items[k];
                xs[it.Column] = bestQ[k] / it.A;
                if (it.Switch >= 0)
                {
                    xs[it.Switch] = bestY[k];
                }
            }

            return result;
        }
    }
}
