using System.Collections.Immutable;
using System.Globalization;
using Google.OrTools.LinearSolver;

namespace SymbiosisOptimizer.Assessment.Sharing;

/// <param name="Tolerance">A coalition counts as violated when its excess exceeds the target by more than this share of
/// the game's scale (max of |v(N)| and the |v({i})|); the least-core value is exact to it.</param>
/// <param name="MaxSeparations">Cap on separation problems (each one MILP for a region); past it the result says it is
/// not certified and by how much the last bound may exceed the reported figure.</param>
/// <param name="MaxSpuriousPerRound">Candidates a relaxed separation may return whose true excess is below the target
/// before the round gives up on certifying (money values: the MILP bounds S's money by its best feasible plan).</param>
/// <param name="Progress">Told after every separation: the step ("least core", "minimum subsidy", "nucleolus stage 3"),
/// separations spent of the cap, and the bounds proven so far.</param>
public sealed record GenerationOptions(double Tolerance = 1e-7, int MaxSeparations = 5000, int MaxSpuriousPerRound = 40, CancellationToken Cancel = default, Action<GenerationProgress>? Progress = null)
{
    /// <summary>
    /// Separations the step may take from a budget shared with other steps (a whole run's), on top of
    /// <see cref="MaxSeparations"/>; null: none but the cap. Used up, the step ends as when the cap is hit.
    /// </summary>
    public SeparationBudget? Budget { get; init; }

    /// <summary>
    /// In-out stabilisation of the least core (Ben-Ameur and Neto 2007; Wentges 1997): the separation is asked at
    /// alpha x (the split with the smallest proven largest excess) + (1 - alpha) x (the master's split) instead of at the
    /// master's, so the splits it sees jump less. 0: at the master's split (every cheap oracle). Where each separation is
    /// many MILPs, fewer of them certify the same least-core value.
    /// </summary>
    public double Stabilization { get; init; }
}

/// <summary>How far one constraint-generation step has come, for a progress line with an estimate of the time left.</summary>
/// <param name="Step">What is being computed, in words.</param>
/// <param name="Separations">Separation problems solved in this step so far.</param>
/// <param name="MaxSeparations">The step's cap: it ends there at the latest.</param>
/// <param name="Lower">The master's value (a lower bound on the least-core value; NaN where it means nothing).</param>
/// <param name="Upper">The smallest bound proven so far on the largest excess (an upper bound on the least-core value).</param>
public sealed record GenerationProgress(string Step, int Separations, int MaxSeparations, double Lower, double Upper);

/// <summary>The least core found by constraint generation, and the smallest subsidy that makes the core non-empty.</summary>
/// <param name="Epsilon">epsilon*: the smallest epsilon with an efficient x giving every proper coalition at least v(S) - epsilon.</param>
/// <param name="Shares">One least-core split, in player order.</param>
/// <param name="MinimumSubsidy">
/// The smallest amount c &gt;= 0 that, added to v(N), makes the core non-empty: c* = max(0, min x(N) - v(N)) over x with
/// x(S) &gt;= v(S) for every proper S. Zero when the core is non-empty. Bounds: epsilon* &lt;= (n-1)/n c* and c* &lt;= n epsilon*.
/// </param>
/// <param name="Blocking">When the core is empty: the coalitions whose claims cannot all be met (positive weight in
/// the least-core LP's dual, a balanced collection worth more than v(N)), each at excess epsilon*.</param>
/// <param name="Certified">The last separation proved no coalition exceeds the tolerance; false when a cap was hit.</param>
/// <param name="BoundGap">When not certified: how far the smallest proven upper bound on epsilon* lies above
/// <paramref name="Epsilon"/> (which is then the master's value, a lower bound): epsilon* lies in [Epsilon, Epsilon + BoundGap],
/// and the split <paramref name="Shares"/> leaves no coalition an excess above Epsilon + BoundGap.</param>
public sealed record LeastCoreSolution(
    double Epsilon,
    ImmutableArray<double> Shares,
    double MinimumSubsidy,
    ImmutableArray<CoalitionExcess> Blocking,
    int Separations,
    int CoalitionsGenerated,
    bool Certified,
    double BoundGap)
{
    /// <summary>The minimum subsidy was proven (false: the cap stopped it, and the figure is a lower bound).</summary>
    public bool SubsidyCertified { get; init; } = true;
}

/// <param name="Shares">The nucleolus, in player order.</param>
/// <param name="Stages">Least-core-like LPs solved (one per level of the lexicographic minimisation).</param>
public sealed record NucleolusSolution(ImmutableArray<double> Shares, int Stages, int Separations, int CoalitionsGenerated, bool Certified);

/// <summary>The worst coalition against a split, found by the separation problem.</summary>
/// <param name="Blocking">Null when no proper coalition gets more alone (beyond the tolerance).</param>
public sealed record StabilityCheck(CoalitionExcess? Blocking, bool Certified);

/// <summary>
/// Least core, nucleolus and core tests by constraint generation (row generation): an LP master over the allocation
/// holds only the coalitions generated so far, and the oracle's separation problem returns the coalition most unhappy
/// with the master's split; iterate until none is unhappier than the master believes (Fioriti et al. 2025; Nguyen &amp;
/// Thomas 2016 for the nucleolus). Games are benefit games. Deterministic: the master is GLOP, coalitions are added in
/// the order found.
/// </summary>
public static class ConstraintGeneration
{
    public static LeastCoreSolution LeastCore(ICoalitionOracle oracle, GenerationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        options ??= new GenerationOptions();
        var n = oracle.PlayerCount;
        var vN = oracle.GrandValue;
        var singles = Enumerable.Range(0, n).Select(i => MemberSet.Of(n, [i])).ToArray();
        var vi = singles.Select(oracle.Value).ToArray();
        var scale = Scale(vN, vi);
        var tol = options.Tolerance * scale;
        if (n == 1)
        {
            return new LeastCoreSolution(0, [vN], 0, [], 0, 0, true, 0);
        }

        using var solver = ExcessLp.CreateGlop();
        var x = Enumerable.Range(0, n).Select(_ => solver.MakeNumVar(double.NegativeInfinity, double.PositiveInfinity, string.Empty)).ToArray();
        var eps = solver.MakeNumVar(double.NegativeInfinity, double.PositiveInfinity, "epsilon");
        AddRow(solver, x, MemberSet.Of(n, Enumerable.Range(0, n)), null, vN / scale, vN / scale);
        var pool = new List<(MemberSet S, double V, Constraint Row)>();
        void Add(MemberSet s, double v) => pool.Add((s, v, AddRow(solver, x, s, eps, v / scale, double.PositiveInfinity)));
        for (var i = 0; i < n; i++)
        {
            Add(singles[i], vi[i]);
        }

        solver.Objective().SetCoefficient(eps, 1.0);
        solver.Objective().SetMinimization();

        // The least core and its subsidy split what the step was given, the subsidy getting what the least core leaves.
        var all = options;
        options = all with { Budget = all.Budget?.Share(2) };
        var separations = 0;
        bool certified;
        double gap;
        double[] shares;
        double epsilon;
        var upper = double.PositiveInfinity;
        double[]? bestShares = null;
        var stalled = false;
        while (true)
        {
            options.Cancel.ThrowIfCancellationRequested();
            ExcessLp.RequireOptimal(solver.Solve(), "Least core (master)");
            shares = x.Select(v => v.SolutionValue() * scale).ToArray();
            epsilon = eps.SolutionValue() * scale;
            if (bestShares is not null && upper <= epsilon + tol)
            {
                // The probes proved the best split within the tolerance of the master's value: the last question goes to
                // the master's own split, so the split reported is the master's, certified as in the plain generation.
                stalled = true;
            }

            // The probe y = a c + (1 - a) x between the best split c and the master's x. With e_c(S) <= upper for every S,
            // e_y(S) > a upper + (1 - a)(epsilon + tol) implies e_x(S) > epsilon + tol: whatever the probe finds cuts
            // the master off; when it finds nothing, the probe's bound is at most that threshold, so the proven upper
            // bound shrinks to within a of its distance from epsilon + tol. With a = 0 this is the plain generation.
            var a = stalled || bestShares is null || !double.IsFinite(upper) ? 0 : options.Stabilization;
            var probe = a == 0 ? shares : [.. shares.Select((xi, i) => (a * bestShares![i]) + ((1 - a) * xi))];
            var threshold = a == 0 ? epsilon + tol : (a * upper) + ((1 - a) * (epsilon + tol));
            var found = FindViolated(oracle, probe, threshold, [], options, ref separations);

            // Every split the master proposes is efficient, and so is every probe between two of them, so the largest
            // excess it leaves bounds epsilon* from above; the split with the smallest such bound is the one reported if
            // the cap ends the step.
            var before = upper;
            if (found.Bound < upper)
            {
                (upper, bestShares) = (found.Bound, probe);
            }

            options.Progress?.Invoke(new GenerationProgress("least core", separations, options.MaxSeparations, epsilon, upper));
            if (found.Coalition is null)
            {
                if (a > 0 && found.Certified)
                {
                    // Nothing above the threshold at the probe: the bound moved, the master did not; probe again. A
                    // bound that did not move (round-off at the threshold) sends the next question to the master's split.
                    stalled = !(upper < before);
                    continue;
                }

                if (a > 0 && double.IsFinite(found.Bound))
                {
                    // A relaxed separation found nothing truly violated at the probe but could not prove it either:
                    // the master's own split is asked before the step ends uncertified.
                    stalled = true;
                    continue;
                }

                (certified, gap) = (found.Certified, found.Certified ? 0 : Math.Max(0, upper - epsilon));
                if (!certified && bestShares is not null)
                {
                    shares = bestShares;
                }

                break;
            }

            stalled = false;
            Add(found.Coalition, found.Value);
            var inPool = pool.Select(p => p.S).ToHashSet();
            foreach (var (s, v) in MoreViolated(oracle, found, probe, threshold, inPool.Add))
            {
                Add(s, v);
            }
        }

        var blocking = ImmutableArray<CoalitionExcess>.Empty;
        var subsidy = 0.0;
        var subsidyCertified = true;
        if (epsilon > tol)
        {
            blocking = [.. pool.Where(p => Math.Abs(p.Row.DualValue()) > 1e-9)
                .Select(p => new CoalitionExcess([.. p.S.Members()], p.V, p.V - p.S.Sum(shares)))];

            // The subsidy has a budget of its own (the same cap), so a least core that used its cap still gets one.
            var subsidySeparations = 0;
            (subsidy, subsidyCertified) = MinimumSubsidy(oracle, [.. pool.Select(p => (p.S, p.V))], scale, tol, all, ref subsidySeparations);
            separations += subsidySeparations;
        }

        return new LeastCoreSolution(epsilon, [.. shares], subsidy, blocking, separations, pool.Count, certified, gap) { SubsidyCertified = subsidyCertified };
    }

    /// <summary>
    /// min x(N) s.t. x(S) &gt;= v(S) for all proper S, by the same generation; the subsidy is how far that lies above
    /// v(N). Why it is the smallest: the core of the game with v(N) + c is {x : x(N) = v(N) + c, x(S) &gt;= v(S)}, which
    /// is non-empty exactly when v(N) + c reaches the minimum of x(N) over the coalitions' claims.
    /// </summary>
    private static (double Subsidy, bool Certified) MinimumSubsidy(ICoalitionOracle oracle, List<(MemberSet S, double V)> start, double scale, double tol, GenerationOptions options, ref int separations)
    {
        var n = oracle.PlayerCount;
        using var solver = ExcessLp.CreateGlop();
        var x = Enumerable.Range(0, n).Select(_ => solver.MakeNumVar(double.NegativeInfinity, double.PositiveInfinity, string.Empty)).ToArray();
        foreach (var (s, v) in start)
        {
            AddRow(solver, x, s, null, v / scale, double.PositiveInfinity);
        }

        foreach (var xi in x)
        {
            solver.Objective().SetCoefficient(xi, 1.0);
        }

        solver.Objective().SetMinimization();
        while (true)
        {
            options.Cancel.ThrowIfCancellationRequested();
            ExcessLp.RequireOptimal(solver.Solve(), "Minimum subsidy (master)");
            var shares = x.Select(v => v.SolutionValue() * scale).ToArray();
            var found = FindViolated(oracle, shares, tol, [], options, ref separations);
            options.Progress?.Invoke(new GenerationProgress("minimum subsidy", separations, options.MaxSeparations, double.NaN, double.NaN));
            if (found.Coalition is null)
            {
                // Stopped by the cap, the master's minimum is over the coalitions found so far: a lower bound.
                return (Math.Max(0, shares.Sum() - oracle.GrandValue), found.Certified);
            }

            AddRow(solver, x, found.Coalition, null, found.Value / scale, double.PositiveInfinity);
            var added = new HashSet<MemberSet> { found.Coalition };
            foreach (var (s, v) in MoreViolated(oracle, found, shares, tol, added.Add))
            {
                AddRow(solver, x, s, null, v / scale, double.PositiveInfinity);
            }
        }
    }

    /// <summary>Violated coalitions a ranked walk adds per nucleolus round beyond the most violated one.</summary>
    private const int MoreRowsPerRound = 30;

    /// <summary>
    /// The nucleolus by the sequence of least-core problems over imputations (x_i &gt;= v({i})): maximise the smallest
    /// surplus x(S) - v(S) over the coalitions not yet settled, generating coalitions until the separation finds none
    /// below it; settle the coalitions with a positive dual (tight in every optimum, by complementary slackness) at
    /// that level; repeat until the settled coalitions fix x. Coalitions already in the span of the settled ones have a
    /// fixed surplus and are excluded from the separation (they would be returned again and again otherwise).
    /// </summary>
    public static NucleolusSolution Nucleolus(ICoalitionOracle oracle, GenerationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        options ??= new GenerationOptions();
        var n = oracle.PlayerCount;
        var vN = oracle.GrandValue;
        var singles = Enumerable.Range(0, n).Select(i => MemberSet.Of(n, [i])).ToArray();
        var vi = singles.Select(oracle.Value).ToArray();
        var scale = Scale(vN, vi);
        var tol = options.Tolerance * scale;
        var surplus = vN - vi.Sum();
        if (surplus < -tol)
        {
            throw new InvalidOperationException("The nucleolus needs an imputation: v(N) is less than the sum of standalone values.");
        }

        if (n == 1 || surplus <= tol)
        {
            return new NucleolusSolution([.. vi.Select(v => v + (surplus / n))], 0, 0, 0, true);
        }

        var grand = MemberSet.Of(n, Enumerable.Range(0, n));
        var span = new Span(n);
        span.Add(grand);
        var settled = new List<(MemberSet S, double V, double Level)>();
        var open = singles.Select((s, i) => (S: s, V: vi[i])).ToList();
        var inSpan = new List<MemberSet>();
        var knownInSpan = new HashSet<MemberSet>();
        var separations = 0;
        var stages = 0;
        var generated = n;
        var certified = true;
        double[] shares = [.. vi];
        while (span.Rank < n)
        {
            stages++;

            // One master per stage, rows added as they are generated: GLOP starts each solve from the last basis.
            using var master = new StageMaster(n, vN, vi, settled, scale);
            while (true)
            {
                options.Cancel.ThrowIfCancellationRequested();
                var (t, xs, duals) = master.Solve(open);
                shares = xs;

                // Surplus below t is excess above -t.
                // Players whose own surplus is fixed: a coalition's span membership depends only on its other members.
                bool FixedSurplus(MemberSet s)
                {
                    if (knownInSpan.Contains(s))
                    {
                        return true;
                    }

                    if (!span.Contains(s))
                    {
                        return false;
                    }

                    knownInSpan.Add(s);
                    return true;
                }

                if (oracle.Ranked(shares, [], MemberSet.Of(n, Enumerable.Range(0, n).Where(i => !span.Contains(singles[i]))), FixedSurplus) is { } ranked)
                {
                    // One walk down the ranking per split: coalitions whose surplus the settled ones fix are passed
                    // over in the same walk (no restart), the first others above the threshold become rows.
                    // Past the cap the stage settles what its master has (as the separation path does): not certified.
                    var capped = separations >= options.MaxSeparations || options.Budget is { Exhausted: true };
                    certified &= !capped;
                    separations += capped ? 0 : 1;
                    if (!capped)
                    {
                        options.Budget?.Spend();
                    }

                    var (rows, walked) = capped ? (new List<MemberSet>(), true) : RankedRows(ranked, span, knownInSpan, -t + tol, MoreRowsPerRound + 1);
                    certified &= walked;
                    options.Progress?.Invoke(new GenerationProgress(string.Create(CultureInfo.InvariantCulture, $"nucleolus stage {stages}"), separations, options.MaxSeparations, double.NaN, double.NaN));
                    if (rows.Count > 0)
                    {
                        foreach (var r in rows)
                        {
                            open.Add((r, oracle.Value(r)));
                            generated++;
                        }

                        continue;
                    }
                }
                else
                {
                    var excluded = settled.Select(s => s.S).Concat(inSpan).ToList();
                    CoalitionFound found;
                    var guess = true;
                    while (true)
                    {
                        found = FindViolated(oracle, shares, -t + tol, excluded, options, ref separations, guess);

                        // A guess costs no separation, so guesses in the span would repeat without limit (on the
                        // generated 200-actor region: thousands of valued coalitions whose surplus the settled ones
                        // fix); after one, the round asks the separation, which its budget bounds.
                        guess = false;
                        options.Progress?.Invoke(new GenerationProgress(string.Create(CultureInfo.InvariantCulture, $"nucleolus stage {stages}"), separations, options.MaxSeparations, double.NaN, double.NaN));
                        if (found.Coalition is null || !span.Contains(found.Coalition))
                        {
                            break;
                        }

                        inSpan.Add(found.Coalition);
                        excluded.Add(found.Coalition);
                    }

                    certified &= found.Certified;
                    if (found.Coalition is not null)
                    {
                        open.Add((found.Coalition, found.Value));
                        generated++;
                        var isOpen = open.Select(o => o.S).ToHashSet();
                        foreach (var row in MoreViolated(oracle, found, shares, -t + tol, c => !span.Contains(c) && isOpen.Add(c)))
                        {
                            open.Add(row);
                            generated++;
                        }

                        continue;
                    }
                }

                var fixNow = open.Where((_, k) => Math.Abs(duals[k]) > 1e-9).ToList();
                if (fixNow.Count == 0)
                {
                    throw new InvalidOperationException("The nucleolus sequence made no progress (no coalition with a positive dual); the game is probably too badly scaled for GLOP.");
                }

                foreach (var (s, v) in fixNow)
                {
                    settled.Add((s, v, t));
                    span.Add(s);
                }

                open.RemoveAll(o => span.Contains(o.S));
                break;
            }
        }

        // The settled equations now have one solution, and the last stage's split satisfies them.
        var exact = SolveSettled(n, vN, vi, settled, scale);
        return new NucleolusSolution([.. exact], stages, separations, generated, certified);
    }

    /// <summary>
    /// The first coalitions of a ranking whose excess is above <paramref name="threshold"/> and whose surplus is not fixed
    /// by the settled ones (outside <paramref name="span"/>); those in the span are remembered, the span only grows.
    /// </summary>
    /// <returns>The rows, and whether the walk reached the threshold (or its row count): false when it passed
    /// <see cref="MaxWalk"/> coalitions first, so a coalition further down may be violated (not certified).</returns>
    private static (List<MemberSet> Rows, bool Walked) RankedRows(IEnumerable<(MemberSet Coalition, double Excess)> ranked, Span span, HashSet<MemberSet> knownInSpan, double threshold, int max)
    {
        var rows = new List<MemberSet>();
        var seen = 0;
        foreach (var (s, e) in ranked)
        {
            if (e <= threshold)
            {
                break;
            }

            if (++seen > MaxWalk)
            {
                return (rows, rows.Count > 0);
            }

            if (knownInSpan.Contains(s))
            {
                continue;
            }

            if (span.Contains(s))
            {
                knownInSpan.Add(s);
                continue;
            }

            rows.Add(s);
            if (rows.Count >= max)
            {
                break;
            }
        }

        return (rows, true);
    }

    /// <summary>
    /// Coalitions one nucleolus walk may pass (most of them with a surplus the settled ones fix) before the stage stops
    /// as not certified: a count, so the same input gives the same output, and a stage cannot run for hours.
    /// </summary>
    public const int MaxWalk = 200_000;

    /// <summary>Is <paramref name="shares"/> in the core? The separation finds the coalition with the largest excess.</summary>
    public static StabilityCheck Stability(ICoalitionOracle oracle, IReadOnlyList<double> shares, GenerationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        ArgumentNullException.ThrowIfNull(shares);
        options ??= new GenerationOptions();
        var vi = Enumerable.Range(0, oracle.PlayerCount).Select(i => oracle.Value(MemberSet.Of(oracle.PlayerCount, [i]))).ToArray();
        var tol = options.Tolerance * Scale(oracle.GrandValue, vi);
        var separations = 0;
        var found = FindViolated(oracle, shares, tol, [], options, ref separations);
        return found.Coalition is null
            ? new StabilityCheck(null, found.Certified)
            : new StabilityCheck(new CoalitionExcess([.. found.Coalition.Members()], found.Value, found.Value - found.Coalition.Sum(shares)), true);
    }

    private sealed record CoalitionFound(MemberSet? Coalition, double Value, double Bound, bool Certified)
    {
        /// <summary>The separation's other candidates (<see cref="Separation.More"/>), not yet checked against the threshold.</summary>
        public ImmutableArray<MemberSet> More { get; init; } = [];
    }

    /// <summary>
    /// The candidates of <paramref name="found"/> beyond its coalition whose true excess at <paramref name="x"/> is above
    /// <paramref name="threshold"/> and that <paramref name="take"/> accepts, at most <see cref="MoreRowsPerRound"/>.
    /// </summary>
    private static List<(MemberSet S, double V)> MoreViolated(ICoalitionOracle oracle, CoalitionFound found, IReadOnlyList<double> x, double threshold, Func<MemberSet, bool> take)
    {
        var rows = new List<(MemberSet S, double V)>();
        foreach (var s in found.More)
        {
            if (rows.Count >= MoreRowsPerRound)
            {
                break;
            }

            if (s.Equals(found.Coalition) || !take(s))
            {
                continue;
            }

            var v = oracle.Value(s);
            if (v - s.Sum(x) > threshold)
            {
                rows.Add((s, v));
            }
        }

        return rows;
    }

    /// <summary>
    /// A coalition whose excess exceeds <paramref name="threshold"/>, or null when the separation's bound proves none
    /// does. A relaxed separation may propose a coalition whose true excess is lower; it is skipped (a no-good for
    /// this round) and the separation asked again, up to the cap.
    /// </summary>
    /// <param name="guess">Try the oracle's guess among coalitions already valued first.</param>
    private static CoalitionFound FindViolated(ICoalitionOracle oracle, IReadOnlyList<double> x, double threshold, List<MemberSet> excluded, GenerationOptions options, ref int separations, bool guess = true)
    {
        var skip = new List<MemberSet>(excluded);
        for (var tries = 0; ; tries++)
        {
            if (separations >= options.MaxSeparations || options.Budget is { Exhausted: true })
            {
                return new CoalitionFound(null, 0, double.PositiveInfinity, false);
            }

            options.Cancel.ThrowIfCancellationRequested();

            // Coalitions valued already (the Shapley tabulation's and samples') often hold a violated one: no MILP then.
            if (guess && tries == 0 && oracle.Guess(x, skip) is { } known)
            {
                var gv = oracle.Value(known);
                if (gv - known.Sum(x) > threshold)
                {
                    return new CoalitionFound(known, gv, double.PositiveInfinity, true);
                }
            }

            separations++;
            options.Budget?.Spend();
            var sep = oracle.MostViolated(x, skip);
            if (sep.UpperBound <= threshold)
            {
                return new CoalitionFound(null, 0, sep.UpperBound, true);
            }

            if (sep.Coalition is null)
            {
                // No coalition in hand but a bound above the threshold: a budget-limited separation found none in time.
                return new CoalitionFound(null, 0, sep.UpperBound, false);
            }

            var v = oracle.Value(sep.Coalition);
            if (v - sep.Coalition.Sum(x) > threshold)
            {
                return new CoalitionFound(sep.Coalition, v, sep.UpperBound, true) { More = sep.More };
            }

            if (sep.Exact || tries >= options.MaxSpuriousPerRound)
            {
                // An exact oracle's own value and the re-solved one differ by round-off only: nothing is violated.
                return new CoalitionFound(null, 0, sep.UpperBound, sep.Exact);
            }

            if (!sep.More.IsEmpty)
            {
                // The separation's other candidates are what asking it again would return, without asking: the first
                // truly violated one, else this round ends uncertified (the relaxed bound is all there is).
                foreach (var c in sep.More.Where(c => !skip.Contains(c)))
                {
                    var cv = oracle.Value(c);
                    if (cv - c.Sum(x) > threshold)
                    {
                        return new CoalitionFound(c, cv, sep.UpperBound, true) { More = sep.More };
                    }
                }

                return new CoalitionFound(null, 0, sep.UpperBound, false);
            }

            skip.Add(sep.Coalition);
        }
    }

    /// <summary>
    /// A nucleolus stage's LP: max t over imputations with the settled coalitions at their levels and x(S) - t &gt;= v(S)
    /// for the open ones. Rows are appended as the open list grows, so each solve starts from the previous basis.
    /// </summary>
    private sealed class StageMaster : IDisposable
    {
        private readonly Solver solver;
        private readonly Variable[] x;
        private readonly Variable t;
        private readonly List<Constraint> rows = [];
        private readonly double scale;

        public StageMaster(int n, double vN, double[] vi, List<(MemberSet S, double V, double Level)> settled, double scale)
        {
            this.scale = scale;
            solver = ExcessLp.CreateGlop();
            x = [.. Enumerable.Range(0, n).Select(i => solver.MakeNumVar(vi[i] / scale, double.PositiveInfinity, string.Empty))];
            t = solver.MakeNumVar(double.NegativeInfinity, double.PositiveInfinity, "t");
            AddRow(solver, x, MemberSet.Of(n, Enumerable.Range(0, n)), null, vN / scale, vN / scale);
            foreach (var (s, v, level) in settled)
            {
                AddRow(solver, x, s, null, (v + level) / scale, (v + level) / scale);
            }

            solver.Objective().SetCoefficient(t, 1.0);
            solver.Objective().SetMaximization();
        }

        /// <summary>Solve with a row for every open coalition (those not yet in the LP are added first).</summary>
        public (double T, double[] X, double[] Duals) Solve(List<(MemberSet S, double V)> open)
        {
            // x(S) - t >= v(S): t is the smallest surplus among the open coalitions.
            for (var k = rows.Count; k < open.Count; k++)
            {
                rows.Add(AddRow(solver, x, open[k].S, t, open[k].V / scale, double.PositiveInfinity, -1.0));
            }

            ExcessLp.RequireOptimal(solver.Solve(), "Nucleolus (stage)");
            return (t.SolutionValue() * scale, [.. x.Select(v => v.SolutionValue() * scale)], [.. rows.Select(r => r.DualValue())]);
        }

        public void Dispose() => solver.Dispose();
    }

    private static double[] SolveSettled(int n, double vN, double[] vi, List<(MemberSet S, double V, double Level)> settled, double scale)
    {
        using var solver = ExcessLp.CreateGlop();
        var x = Enumerable.Range(0, n).Select(i => solver.MakeNumVar(double.NegativeInfinity, double.PositiveInfinity, string.Empty)).ToArray();
        AddRow(solver, x, MemberSet.Of(n, Enumerable.Range(0, n)), null, vN / scale, vN / scale);
        foreach (var (s, v, level) in settled)
        {
            AddRow(solver, x, s, null, (v + level) / scale, (v + level) / scale);
        }

        ExcessLp.RequireOptimal(solver.Solve(), "Nucleolus (settled equations)");
        _ = vi;
        return [.. x.Select(v => v.SolutionValue() * scale)];
    }

    private static double Scale(double vN, double[] vi) => Math.Max(1.0, Math.Max(Math.Abs(vN), vi.Length == 0 ? 0 : vi.Max(Math.Abs)));

    private static Constraint AddRow(Solver solver, Variable[] x, MemberSet s, Variable? extra, double lower, double upper, double extraCoefficient = 1.0)
    {
        var row = solver.MakeConstraint(lower, upper, string.Empty);
        foreach (var i in s.Members())
        {
            row.SetCoefficient(x[i], 1.0);
        }

        if (extra is not null)
        {
            row.SetCoefficient(extra, extraCoefficient);
        }

        return row;
    }

    /// <summary>The linear span of settled coalitions' indicator vectors (modified Gram-Schmidt, re-orthogonalised).</summary>
    private sealed class Span(int n)
    {
        private readonly List<double[]> basis = [];

        public int Rank => basis.Count;

        public void Add(MemberSet s)
        {
            var r = Residual(s);
            var norm = Math.Sqrt(r.Sum(v => v * v));
            if (norm > 1e-9 * Math.Sqrt(Math.Max(1, s.Count)))
            {
                basis.Add([.. r.Select(v => v / norm)]);
            }
        }

        public bool Contains(MemberSet s)
        {
            var r = Residual(s);
            return Math.Sqrt(r.Sum(v => v * v)) <= 1e-9 * Math.Sqrt(Math.Max(1, s.Count));
        }

        private double[] Residual(MemberSet s)
        {
            var r = new double[n];
            foreach (var i in s.Members())
            {
                r[i] = 1;
            }

            for (var pass = 0; pass < 2; pass++)
            {
                foreach (var b in basis)
                {
                    var dot = 0.0;
                    for (var i = 0; i < n; i++)
                    {
                        dot += b[i] * r[i];
                    }

                    for (var i = 0; i < n; i++)
                    {
                        r[i] -= dot * b[i];
                    }
                }
            }

            return r;
        }
    }
}
