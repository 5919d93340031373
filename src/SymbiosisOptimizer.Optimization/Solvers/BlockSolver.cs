using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using SymbiosisOptimizer.Optimization.Modeling;

namespace SymbiosisOptimizer.Optimization.Solvers;

/// <summary>
/// Solves a model block by block (<see cref="ModelBlocks"/>): everything continuous goes into one LP, blocks with yes/no
/// decisions get their own branch-and-bound (small ones bundled, so solver start-up does not dominate), and the
/// bundles run in parallel. The parts are put back together in the original numbering, so callers see one
/// <see cref="SolveOutcome"/> as if the model had been solved whole, with the whole model's objective, bound and gap.
/// </summary>
/// <remarks>
/// The requested relative gap g is a promise about the whole: objective - bound &lt;= g |objective|. It is kept as one
/// absolute budget B = g |LP bound of the whole| shared by the bundles in proportion to their yes/no variables, so a
/// hard block may stop once its own share is met while easy blocks close completely; asking every block for g of its
/// own objective would spend most of the time proving digits the whole does not need. A bundle whose LP relaxation is
/// already integral is optimal without branch-and-bound. The merged gap is measured, and if the shares ever add up to
/// more than the promise, the loosest bundles are solved again, tighter.
/// </remarks>
public static class BlockSolver
{
    /// <summary>Blocks with fewer yes/no variables than this are bundled together up to this many per solve.</summary>
    public const int BundleBinaries = 20;

    private const double IntegralityTolerance = 1e-9;

    /// <summary>A gap this small is round-off: the solution is called optimal, as <see cref="OrToolsSolver"/> does.</summary>
    private const double ClosedGap = 1e-9;

    /// <summary>
    /// Bundles with at least this many yes/no variables start from <see cref="SlopeScaling"/>: its LP bound and
    /// solution, then a restricted branch-and-bound around them, so a solution exists at any time limit.
    /// </summary>
    public const int LargeBinaries = 1000;

    /// <summary>Large bundles up to this many yes/no variables also get branch-and-bound on the whole bundle.</summary>
    public const int WholeBinaries = 5000;

    /// <summary>The restricted search around the heuristic solution gets at most this long when no limit is set.</summary>
    private const double NeighbourhoodSeconds = 30;

    /// <summary>Less time than this left for a small bundle, and it takes the heuristic's point instead of branch-and-bound.</summary>
    private const double MinimumSlice = 0.05;

    /// <summary>The share of a large bundle's search time its plan repair gets (<see cref="PlanRepair"/>); branch-and-bound has the rest.</summary>
    private const double RepairShare = 0.6;

    /// <summary>Under a deadline, the share of a large bundle's time SCIP gets on the whole bundle before the repair.</summary>
    private const double WholeFirstShare = 0.7;

    /// <summary>SCIP on a whole large bundle: two rounds of root cuts, so the root's heuristics run within seconds.</summary>
    private const string WholeScipSettings = "separating/maxroundsroot = 2";

    /// <summary>The restricted search is itself a block solve, LPs first: with less time than this it cannot finish one.</summary>
    private const double MinimumNeighbourhoodSeconds = 1;

    /// <summary>The share of the time limit a large bundle's Lagrangian bound and plan get (<see cref="LagrangianBound"/>), after its LP.</summary>
    private const double LagrangianShare = 0.1;

    /// <summary>Under a deadline beside giants, the share of the limit a giant's slope-scaling rounds may start in after its relaxation.</summary>
    private const double RoundShare = 0.1;

    /// <summary>The Lagrangian bound's time on a large bundle when no limit is set.</summary>
    private const double LagrangianSeconds = 10;

    /// <summary>SYMBIOSIS_BLOCK_LOG=1: read once, since coalition analyses call the solver thousands of times.</summary>
    private static readonly bool LogEnabled = Environment.GetEnvironmentVariable("SYMBIOSIS_BLOCK_LOG") == "1";

    /// <summary>Root cutting rounds beyond a few close little of these models' gap for much of the time.</summary>
    public const string ScipSettings = "separating/maxroundsroot = 5";

    public static SolveOutcome Solve(MipModel model, SolveOptions options, SolverKind kind) => Solve(model, options, kind, LargeBinaries);

    /// <param name="largeBinaries">Bundles with this many yes/no variables or more take the large-bundle path
    /// (<see cref="SolveLarge"/>); <see cref="int.MaxValue"/> turns it off.</param>
    /// <param name="wholeBinaries">Large bundles up to this many yes/no variables get branch-and-bound whole; larger
    /// ones are giants (<see cref="WholeBinaries"/>; tests lower it to reach the giants' path on small models).</param>
    public static SolveOutcome Solve(MipModel model, SolveOptions options, SolverKind kind, int largeBinaries, int wholeBinaries = WholeBinaries)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        if (kind == SolverKind.Glop || model.BinaryCount == 0)
        {
            return OrToolsSolver.Solve(model, options, kind);
        }

        var clock = Stopwatch.StartNew();
        var deadline = options.TimeLimitSeconds ?? double.PositiveInfinity;
        double Left() => Math.Max(0.1, deadline - clock.Elapsed.TotalSeconds);
        double? Limit() => double.IsFinite(deadline) ? Left() : null;
        bool Late() => deadline - clock.Elapsed.TotalSeconds < MinimumSlice;
        var blocks = ModelBlocks.Split(model);
        var bundles = Bundle(blocks);
        var independent = blocks.Count(b => !b.Fixed);
        var parts = new Part[bundles.Count];
        // Under a deadline, a model with giants (bundles too large for SCIP whole) searches its small bundles in phase 1,
        // each right after its LP (see EarlySearch): the giants' LPs hold both cores for most of a short limit, and a
        // small bundle left to phase 2 got none of it (at 5 000 actors, 10 s: 107 of 108 bundles of 20-99 yes/no
        // variables ended on slope scaling's quick plan, 504 M of the 628 M gap). At 1 000 actors, where the largest
        // bundles are SCIP's size, phase 1 is short and phase 2 closes every small bundle as before.
        var early = double.IsFinite(deadline) && bundles.Any(b => b.Binaries > wholeBinaries && b.Binaries >= largeBinaries);
        // Large bundles first, largest first, so the longest LPs start at once on every core; then the rest, largest
        // first for balance, or smallest first when searched early, so the most bundles get their search before the
        // deadline. Taken one at a time in this order (NoBuffering): the default partitioner hands out ranges, which put
        // both giants of the 5 000-actor model behind 40 small bundles on one thread (the second giant started at 1.8 s)
        // and left the other core idle from 6.7 s.
        var order = Enumerable.Range(0, bundles.Count)
            .OrderByDescending(i => bundles[i].Binaries >= largeBinaries ? bundles[i].Binaries : -1)
            .ThenBy(i => early ? bundles[i].Binaries : -bundles[i].Binaries)
            .ThenBy(i => i).ToArray();
        long earlyWaiting = early ? bundles.Where(b => b.Binaries is > 0 && b.Binaries < largeBinaries).Sum(b => (long)b.Binaries) : 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };

        // A small bundle's search time, in phase 1 (EarlySearch) and phase 2 alike: its share of the time left by its
        // yes/no variables against those of the small bundles still to start, on every core, and at least a twentieth.
        double SliceOf(int binaries, long ahead) => Left() * Math.Min(1, Math.Max(0.05, parallel.MaxDegreeOfParallelism * (double)binaries / Math.Max(1, ahead)));
        var supplySet = options.SupplyRows.IsDefault ? null : options.SupplyRows.Where(r => r >= 0 && r < model.Rows.Count).ToHashSet();

        // Phase 1: LP relaxations. They solve the continuous bundle outright, finish bundles whose relaxation is
        // integral, and bound the whole so the gap budget can be shared.
        var timeline = LogEnabled ? new ConcurrentQueue<string>() : null;
        Parallel.ForEach(Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering), parallel, i =>
        {
            var started = clock.Elapsed.TotalSeconds;
            try
            {
                Phase1(i);
            }
            finally
            {
                timeline?.Enqueue(string.Create(CultureInfo.InvariantCulture, $"    phase 1: bundle {i} ({bundles[i].Binaries} bin) on thread {Environment.CurrentManagedThreadId} {started:0.00}-{clock.Elapsed.TotalSeconds:0.00} s"));
            }
        });

        void Phase1(int i)
        {
            // A bundle that is the whole model needs no copy of it.
            var (sub, columns, rows) = bundles.Count == 1
                ? (model, [.. Enumerable.Range(0, model.Variables.Count)], [.. Enumerable.Range(0, model.Rows.Count)])
                : ModelBlocks.Extract(model, bundles[i].Blocks);
            var isLarge = bundles[i].Binaries >= largeBinaries;
            if (isLarge && bundles[i].Binaries <= wholeBinaries)
            {
                // Aggregated permit rows (Strengthening): on the 1 000-actor giants they lift the LP by 0.07-0.37 % and
                // SCIP's root bound by 0.08-0.36 % more at equal cut rounds, for a few hundred rows. Only where SCIP takes the bundle whole:
                // on the 5 000-actor giants the LP itself is what a deadline cuts off, and 4 % more rows only slow it.
                // Added after the original rows, so `rows` still maps the original ones; a copy when the bundle is the
                // caller's own model.
                sub = ReferenceEquals(sub, model) ? model.Copy() : sub;
                Strengthening.Apply(sub);
            }

            var slopeStart = clock.Elapsed.TotalSeconds;
            // A giant (too large for SCIP whole) has its relaxation solved by CLP, which on the 5 000-actor giants takes
            // it in about half GLOP's time; under a deadline beside giants, its later slope-scaling rounds (a few
            // million each, two to three seconds each there) stop after a tenth of the limit: the small bundles' searches
            // waiting for those cores close hundreds of millions.
            var giant = bundles[i].Binaries > wholeBinaries;
            var large = isLarge ? SlopeScaling.Run(sub, Limit(), engine: giant ? LpEngine.Clp : LpEngine.Glop, roundSeconds: early && giant ? RoundShare * deadline : double.PositiveInfinity, cancel: options.Cancel) : null;
            var slopeNote = large is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"LP and {large.Iterations} slope-scaling rounds {clock.Elapsed.TotalSeconds - slopeStart:0.00} s; ");

            // The continuous bundle is one LP, and without it there is no plan at all: it is never cut short.
            var lpLimit = bundles[i].Binaries == 0 ? null : Limit();
            var lp = large?.Lp ?? OrToolsSolver.Solve(sub, options with { TimeLimitSeconds = lpLimit, SolverParameters = null, Progress = null }, SolverKind.Glop);
            // GLOP stopped by its time limit says NOT_SOLVED or, as often, ABNORMAL: under a deadline both mean out of time.
            var outOfTime = lp.Termination == TerminationStatus.TimeLimit || (lp.Termination == TerminationStatus.Error && double.IsFinite(deadline));
            var supply = LocalRows(supplySet, rows);
            if (!lp.HasSolution && outOfTime && bundles[i].Binaries > 0 && !options.Cancel.IsCancellationRequested)
            {
                // Out of time before the relaxation was solved: the plan that opens nothing, bounded without the LP by
                // a short Lagrangian run from the supplies' route costs (the floor with every column at its cheaper
                // bound is often 0 against plans of hundreds of millions).
                var (plan, floor) = SafePlan(sub, options.Cancel);
                var note = string.Empty;
                if (plan.HasSolution && supply.Length > 0)
                {
                    var lag = LagrangianBound.Run(sub, supply, default, plan.Objective, FallbackBoundSeconds(deadline), cancel: options.Cancel);
                    floor = lag.HasBound ? Math.Max(floor, lag.Bound) : floor;
                    note = Describe(lag);
                }

                parts[i] = new Part(sub, columns, rows, bundles[i].Binaries, plan, done: true, floor) { Planned = plan.HasSolution, Supply = supply, Note = note };
                return;
            }

            var integral = lp.HasSolution && sub.Variables.Where(v => v.IsInteger).All(v => Math.Abs(lp.Values[v.Index] - Math.Round(lp.Values[v.Index])) <= IntegralityTolerance);
            var done = integral || bundles[i].Binaries == 0 || !lp.HasSolution;

            // A large bundle's Lagrangian bound and plan right after its LP, while the small bundles' LPs fill the other
            // core: left to the end, it got only what the small bundles' searches left (none at 1 000 actors under load).
            var (lagrangian, said) = (default(LagrangianResult), string.Empty);
            // Beside giants too large for SCIP whole, whose LPs take most of a short limit, a large bundle SCIP can take
            // whole skips it: it has phase 2's branch-and-bound, and at 5 000 actors, 10 s, the seven such bundles'
            // Lagrangians (0.3-1.1 s each) held back every small bundle's search (gap 8.6-8.7 % with them, 6.0-6.6 %
            // without, three alternated runs each). Where the largest bundles are SCIP's size (1 000 actors), they keep it.
            var lagrangianNow = !(early && bundles[i].Binaries <= wholeBinaries);
            if (!done && lagrangianNow && large is { HasSolution: true } && !large.RowDuals.IsDefault && supply.Length > 0 && !options.Cancel.IsCancellationRequested)
            {
                (large, lagrangian, said) = Lagrangian(sub, supply, large, double.IsFinite(deadline) ? LagrangianShare * deadline : LagrangianSeconds, options.Cancel);
            }

            parts[i] = new Part(sub, columns, rows, bundles[i].Binaries, lp, done) { Heuristic = large, Planned = done && lp.HasSolution, Supply = supply, Lagrangian = lagrangian, Note = slopeNote + said };
            if (early && !isLarge && bundles[i].Binaries > 0)
            {
                var ahead = Interlocked.Add(ref earlyWaiting, -bundles[i].Binaries) + bundles[i].Binaries;
                if (!done && !options.Cancel.IsCancellationRequested)
                {
                    EarlySearch(parts[i], ahead);
                }
            }
        }

        // A small bundle's branch-and-bound right after its LP, with the slice phase 2 would give it (SliceOf) and, since
        // the whole model's bound is not known yet, the requested relative gap of its own LP as its share of the budget. Phase 2
        // skips it; the merged gap is checked against the promise as before.
        void EarlySearch(Part p, long ahead)
        {
            var share = options.RelativeGap * Math.Abs(p.LpBound);
            SolveOutcome solved;
            if (Late() && QuickPlan(p) is { HasSolution: true } late)
            {
                solved = Heuristic(p, late, share);
            }
            else
            {
                solved = SolveBundle(p, options with { TimeLimitSeconds = SliceOf(p.Binaries, ahead), Hint = Slice(options.Hint, p.Columns), Progress = null }, kind, share);
                if (solved.Termination == TerminationStatus.TimeLimit && QuickPlan(p) is { HasSolution: true } quick)
                {
                    // Cut off early, branch-and-bound may hold a worse plan than slope scaling's: the better of the two.
                    var heuristic = Heuristic(p, quick, share);
                    solved = solved.HasSolution ? Better(heuristic, solved) : heuristic;
                }
            }

            if (solved.HasSolution)
            {
                p.Outcome = solved;
                p.Planned = true;
                p.Searched = true;
            }
        }

        var phase1 = clock.Elapsed.TotalSeconds;
        var progress = new Progress(parts, Offset(model, parts), clock, options.Progress);
        progress.Report();
        void Set(Part p, SolveOutcome o)
        {
            p.Outcome = o;
            p.Planned = o.HasSolution;
            progress.Report();
        }

        var open = parts.Where(p => !p.Done).ToList();
        if (open.Count > 0 && parts.All(p => p.Outcome.HasSolution))
        {
            // A part bounded without its LP may have no finite floor: its plan stands in for sharing the budget.
            var lowerBound = Offset(model, parts) + parts.Sum(p => double.IsFinite(p.LpBound) ? p.LpBound : p.Outcome.Objective);
            var budget = options.RelativeGap * Math.Abs(lowerBound);
            var openBinaries = open.Sum(p => p.Binaries);
            double ShareOf(Part p) => budget * p.Binaries / openBinaries;

            // Bundles without a heuristic solution first, largest first (the long ones start while the short ones fill
            // the other core), each with a slice of the time left in proportion to its yes/no variables (at least a
            // twentieth), so no hard one leaves the rest without time. The large bundles already hold a solution;
            // they get what remains. (Tried: a core of their own for the large bundles from the start. At 1 000 actors
            // under load their searches found no better plan with the extra time, and the small bundles, on one core,
            // left 2.6 M of gap instead of 0.2 M.)
            var small = open.Where(p => p.Heuristic is null && !p.Searched).OrderByDescending(p => p.Binaries).ToList();
            long waiting = small.Sum(p => p.Binaries);
            Parallel.ForEach(Partitioner.Create(small, EnumerablePartitionerOptions.NoBuffering), parallel, p =>
            {
                var share = ShareOf(p);
                var ahead = Interlocked.Add(ref waiting, -p.Binaries) + p.Binaries;
                var remaining = options with { TimeLimitSeconds = double.IsFinite(deadline) ? SliceOf(p.Binaries, ahead) : null, Hint = Slice(options.Hint, p.Columns) };

                // Past the deadline, a bundle gets the heuristic's point at once: a tenth of a second of branch-and-bound
                // each would add minutes over thousands of bundles, and seldom find anything.
                if (Late() && open.Count > 1 && QuickPlan(p) is { HasSolution: true } late)
                {
                    Set(p, Heuristic(p, late, share));
                    return;
                }

                // Alone, a bundle is the whole problem: the relative gap says the same as the budget, in the solver's own terms.
                var solved = open.Count == 1 ? OrToolsSolver.Solve(p.Model, remaining, kind) : SolveBundle(p, remaining, kind, share);
                if (!solved.HasSolution && solved.Termination == TerminationStatus.TimeLimit && QuickPlan(p) is { HasSolution: true } fallback)
                {
                    // Out of time before branch-and-bound found anything: the heuristic's point, with the LP bound.
                    solved = Heuristic(p, fallback, share);
                }

                Set(p, solved);
            });

            Parallel.ForEach(open.Where(p => p.Heuristic is not null), parallel, p =>
                Set(p, SolveLarge(p, p.Heuristic!, options with { TimeLimitSeconds = Limit(), Progress = null }, kind, ShareOf(p), Limit() ?? double.PositiveInfinity, wholeBinaries)));

            // The shares are exact for SCIP; CBC only takes a relative gap, so check the promise and tighten if needed.
            for (var round = 0; round < 3; round++)
            {
                var merged = Merge(model, options, parts, clock.Elapsed.TotalSeconds);
                if (!merged.HasSolution || merged.Gap <= options.RelativeGap || Late())
                {
                    break;
                }

                // A bundle that would start past the deadline keeps what it has: at the minimum time limit each, a
                // round over a hundred bundles ended a 10 s solve of 5 000 actors at 13.9 s.
                var allowed = options.RelativeGap * Math.Abs(merged.Objective);
                var excess = allowed / (merged.Objective - merged.BestBound);
                Parallel.ForEach(open.Where(p => p.Outcome.Objective - p.Outcome.BestBound > 0 && p.Heuristic is null), parallel, p =>
                {
                    if (!Late())
                    {
                        var tighter = SolveBundle(p, options with { TimeLimitSeconds = Limit(), Hint = Slice(options.Hint, p.Columns) }, kind, (p.Outcome.Objective - p.Outcome.BestBound) * excess * 0.5);
                        Set(p, Better(p.Outcome, tighter));
                    }
                });
            }
        }

        // Whatever a time limit left without a plan takes the plan that opens nothing: a plan at any deadline.
        foreach (var p in parts.Where(p => !p.Outcome.HasSolution && p.Outcome.Termination == TerminationStatus.TimeLimit && !options.Cancel.IsCancellationRequested))
        {
            var (plan, floor) = SafePlan(p.Model, options.Cancel);
            if (plan.HasSolution)
            {
                Set(p, plan with { BestBound = Math.Max(floor, p.LpBound) });
            }
        }

        var result = Merge(model, options, parts, clock.Elapsed.TotalSeconds) with { Blocks = independent };
        if (options.Cancel.IsCancellationRequested)
        {
            // Parts stopped by the interrupt (or never started) make no plan: never a normal feasible result.
            return OrToolsSolver.Failed(result.SolverName, result.Size, OrToolsSolver.InterruptedMessage) with { Seconds = clock.Elapsed.TotalSeconds };
        }

        if (LogEnabled)
        {
            Log(parts, phase1, clock.Elapsed.TotalSeconds);
            foreach (var line in timeline!)
            {
                Console.Error.WriteLine(line);
            }
        }

        return result;
    }

    /// <summary>
    /// The plan of last resort for a part out of time: every yes/no decision at its lower bound (nothing new opened,
    /// which leaves today's routes), the continuous rest solved as an LP, which the fixed decisions make small. Its
    /// floor is the relaxation without rows: every column at whichever bound costs least, a valid if weak bound.
    /// </summary>
    public static (SolveOutcome Plan, double Floor) SafePlan(MipModel m, CancellationToken cancel = default)
    {
        var shut = m.Copy();
        foreach (var v in m.Variables.Where(v => v.IsInteger))
        {
            shut.Fix(v.Index, v.Lower);
        }

        var floor = m.ObjectiveOffset;
        foreach (var v in m.Variables.Where(v => v.Cost != 0))
        {
            floor += Math.Min(v.Cost * v.Lower, v.Cost * v.Upper);
        }

        var plan = OrToolsSolver.Solve(shut, new SolveOptions(SolverKind.Glop, Cancel: cancel), SolverKind.Glop);
        if (!plan.HasSolution)
        {
            return (plan with { Termination = TerminationStatus.TimeLimit }, floor);
        }

        floor = Math.Min(floor, plan.Objective);
        return (plan with
        {
            SolverName = "time limit (nothing opened)",
            Termination = TerminationStatus.TimeLimit,
            Solution = SolutionStatus.Feasible,
            BestBound = floor,
            Gap = Math.Abs(plan.Objective - floor) / Math.Max(1e-9, Math.Abs(plan.Objective)),
        }, floor);
    }

    /// <summary>The better of a part's plan and a re-solve of it: a re-solve cut off without a plan never loses one.</summary>
    private static SolveOutcome Better(SolveOutcome old, SolveOutcome again)
    {
        if (!again.HasSolution)
        {
            return old;
        }

        var bound = Math.Max(old.BestBound, again.BestBound);
        var best = again.Objective <= old.Objective ? again : old;
        return best with { BestBound = bound, Gap = Math.Abs(best.Objective - bound) / Math.Max(1e-9, Math.Abs(best.Objective)) };
    }

    /// <summary>
    /// Tells <see cref="SolveOptions.Progress"/> the whole model's plan and bound whenever either improves: a part's
    /// plan is its solve's, or a large bundle's slope-scaling plan until its search ends; the bound is the parts' bounds.
    /// </summary>
    private sealed class Progress(Part[] parts, double offset, Stopwatch clock, Action<SolveProgress>? sink)
    {
        private readonly Lock gate = new();
        private double objective = double.PositiveInfinity;
        private double bound = double.NegativeInfinity;

        public void Report()
        {
            if (sink is null)
            {
                return;
            }

            lock (gate)
            {
                var plan = offset;
                var floor = offset;
                var solved = 0;
                foreach (var p in parts)
                {
                    // A part still being solved holds its LP outcome: a bound, not a plan.
                    var value = p.Planned ? p.Outcome.Objective : p.Heuristic is { HasSolution: true } h ? h.Objective : double.NaN;
                    plan += value;
                    floor += p.Bound;
                    solved += p.Planned ? 1 : 0;
                }

                var better = (double.IsFinite(plan) && plan < objective - (1e-9 * Math.Abs(plan))) || (floor > bound + (1e-9 * Math.Abs(floor)));
                if (!better)
                {
                    return;
                }

                objective = double.IsFinite(plan) ? Math.Min(objective, plan) : objective;
                bound = Math.Max(bound, floor);
                sink(new SolveProgress(clock.Elapsed.TotalSeconds, double.IsFinite(objective) ? objective : double.NaN, bound, solved, parts.Length));
            }
        }
    }

    /// <summary>
    /// The Lagrangian bound of a large bundle from its LP duals (<see cref="LagrangianBound"/>), then its Lagrangian
    /// heuristic's plan, which replaces slope scaling's when it is better (bound, relaxation and duals stay the LP's).
    /// </summary>
    private static (SlopeScalingResult Heuristic, LagrangianResult Lagrangian, string Note) Lagrangian(MipModel sub, ImmutableArray<int> supply, SlopeScalingResult heuristic, double seconds, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var lag = LagrangianBound.Run(sub, supply, heuristic.RowDuals, heuristic.Objective, seconds * 0.8, cancel: cancel);
        var note = Describe(lag);
        var planSeconds = Math.Max(0.2, seconds - clock.Elapsed.TotalSeconds);
        if (lag.Opened.Length > 0 && lag.Bound < heuristic.Objective && !cancel.IsCancellationRequested)
        {
            var priced = LagrangianBound.Plan(sub, lag, heuristic.Solution, planSeconds, cancel);
            note += string.Create(CultureInfo.InvariantCulture, $"; its plan {(priced.HasSolution ? priced.Objective : double.NaN):#,##0} from {lag.Opened.Length} connections (slope scaling {heuristic.Objective:#,##0})");
            if (priced.HasSolution && priced.Objective < heuristic.Objective)
            {
                heuristic = heuristic with { Solution = priced.Solution, Objective = priced.Objective };
            }
        }

        return (heuristic, lag, note);
    }

    /// <summary>A part's supply rows in its own numbering (its rows are the model's, ascending).</summary>
    private static ImmutableArray<int> LocalRows(HashSet<int>? supply, ImmutableArray<int> rows) =>
        supply is null ? [] : [.. Enumerable.Range(0, rows.Length).Where(k => supply.Contains(rows[k]))];

    /// <summary>Past the deadline a part's Lagrangian floor overruns it by this much at most: a tenth of the limit, within [0.2 s, 2 s].</summary>
    private static double FallbackBoundSeconds(double deadline) => double.IsFinite(deadline) ? Math.Clamp(0.1 * deadline, 0.2, 2) : 2;

    private static string Describe(LagrangianResult lag) => string.Create(CultureInfo.InvariantCulture,
        $"Lagrangian {lag.Start:#,##0} -> {lag.Bound:#,##0} in {lag.Iterations} steps, {lag.Seconds:0.00} s ({lag.Components} parts, {lag.Fallbacks} as LPs)");

    /// <summary>A few slope-scaling rounds: a plan in milliseconds for a bundle out of time.</summary>
    private static SlopeScalingResult QuickPlan(Part p) => SlopeScaling.Run(p.Model, null, maxIterations: 3);

    private static void Dump(MipModel m, string path)
    {
        using var w = new StreamWriter(path);
        foreach (var v in m.Variables)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"var {v.Index} {v.Name} [{v.Lower}, {v.Upper}] cost {v.Cost:R} {(v.IsInteger ? "int" : "")}"));
        }

        foreach (var r in m.Rows)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"row {r.Name}: {r.Lower} <= {string.Join(" ", r.Columns.Zip(r.Coefficients, (c, a) => $"{a:R}*x{c}"))} <= {r.Upper}"));
        }
    }

    /// <summary>Where the gap and the time went, bundle by bundle (SYMBIOSIS_BLOCK_LOG=1), for profiling large models.</summary>
    private static void Log(Part[] parts, double phase1, double total)
    {
        var e = Console.Error;
        e.WriteLine(string.Create(CultureInfo.InvariantCulture, $"block solver: {parts.Length} bundles, LP phase {phase1:0.00} s, total {total:0.00} s"));
        foreach (var g in parts.GroupBy(p => p.Binaries switch { 0 => "0", < 20 => "1-19", < 100 => "20-99", < 1000 => "100-999", _ => "1000+" }).OrderBy(g => g.Min(p => p.Binaries)))
        {
            var gap = g.Sum(p => p.GapLeft);
            e.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {g.Key,8} binaries: {g.Count(),5} bundles, {g.Sum(p => p.Binaries),6} binaries, LP-done {g.Count(p => p.Done),5}, time-limited {g.Count(p => p.Outcome.Termination == TerminationStatus.TimeLimit),4}, objective {g.Sum(p => p.Outcome.Objective):#,##0}, LP {g.Sum(p => p.LpBound):#,##0}, gap {gap:#,##0}, solve s {g.Sum(p => p.Outcome.Seconds):0.0}"));
        }

        if (Environment.GetEnvironmentVariable("SYMBIOSIS_BLOCK_DUMP") is { Length: > 0 } dump)
        {
            if (parts.Where(p => p.Binaries is > 0 and < 100).OrderByDescending(p => p.GapLeft).FirstOrDefault() is { } worst && parts.Length > 100)
            {
                Dump(worst.Model, dump);
            }
        }

        foreach (var p in parts.Where(p => p.Binaries > 0).OrderByDescending(p => p.GapLeft).Take(12))
        {
            e.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {p.Binaries,6} bin {p.Model.Rows.Count,6} rows {p.Model.Variables.Count,6} cols: {p.Outcome.SolverName} {p.Outcome.Termination} objective {p.Outcome.Objective:#,##0} bound {p.Bound:#,##0} LP {p.LpBound:#,##0} gap {p.GapLeft:#,##0} in {p.Outcome.Seconds:0.00} s {p.Note}"));
        }
    }

    /// <summary>
    /// A bundle too large for branch-and-bound to start from scratch: the slope-scaling solution, then the best of it
    /// and a branch-and-bound restricted to the yes/no variables the LP or the heuristic use (the others fixed at 0,
    /// which splits the bundle into small blocks), then, if the gap is still above the bundle's share, branch-and-bound
    /// on the whole bundle from the best point so far. The bound is the LP's, or the solver's when that is higher.
    /// </summary>
    private static SolveOutcome SolveLarge(Part p, SlopeScalingResult heuristic, SolveOptions options, SolverKind kind, double share, double secondsLeft, int wholeBinaries)
    {
        var clock = Stopwatch.StartNew();
        if (!heuristic.HasSolution)
        {
            var plain = SolveBundle(p, options, kind, share);
            return plain.HasSolution && plain.BestBound < heuristic.Bound ? plain with { BestBound = heuristic.Bound } : plain;
        }

        var best = heuristic.Solution;
        var bestObjective = heuristic.Objective;
        var bound = heuristic.Bound;
        var name = SlopeScaling.Name;
        var relaxation = p.Lagrangian is { Opened.Length: > 0 } lag ? lag : null;
        bound = p.Lagrangian is { HasBound: true } l ? Math.Max(bound, l.Bound) : bound;

        var wholeFits = p.Binaries <= wholeBinaries;
        void Whole(double? limit)
        {
            // Under a deadline, root cutting cut to two rounds: SCIP's root heuristics then run within seconds
            // (profile-giants-budget). Without one, the search to the end keeps the five rounds it had.
            var user = options.SolverParameters;
            var settings = limit is null ? user : user is null ? WholeScipSettings : $"{WholeScipSettings}\n{user}";
            var rest = options with { TimeLimitSeconds = limit, Hint = best, SolverParameters = settings };
            var whole = SolveBundle(p, rest, kind, share);
            p.Note += string.Create(CultureInfo.InvariantCulture, $"; whole {(whole.HasSolution ? whole.Objective : double.NaN):#,##0} bound {whole.BestBound:#,##0}");
            if (whole.HasSolution)
            {
                bound = Math.Max(bound, whole.BestBound);
                if (whole.Objective < bestObjective)
                {
                    (best, bestObjective, name) = (whole.Values, whole.Objective, whole.SolverName);
                }
            }
        }

        // Under a deadline, a bundle SCIP can take whole gets branch-and-bound first: on the 1 000-actor giants its root
        // (two rounds of cuts, the slope-scaling plan as a hint) reached better plans than the repair in the same
        // 4-8 s (155.1 M against 155.4 M, 135.7 M against 136.0 M) and a bound 0.2-0.4 % above the Lagrangian's.
        // Without supply rows there is no repair after it (coalition re-solves), so it gets all the time.
        var wholeShare = p.Supply.Length > 0 ? WholeFirstShare : 1;
        if (wholeFits && double.IsFinite(secondsLeft) && bestObjective - bound > share && secondsLeft * wholeShare > 0.1 && !options.Cancel.IsCancellationRequested)
        {
            Whole(secondsLeft * wholeShare);
        }

        // The plan repaired move by move (gated as the Lagrangian is: coalition re-solves without supply rows keep the
        // search they had): after branch-and-bound, on its plan, with what is left; on larger bundles with most of it.
        // At 1 000 actors, 30 s, the repair took 1.6 M off one giant's plan in 7.8 s where the neighbourhood search
        // and branch-and-bound after it found nothing better.
        var repairSeconds = wholeFits ? secondsLeft - clock.Elapsed.TotalSeconds : secondsLeft * RepairShare;
        var repairing = bestObjective - bound > share && p.Supply.Length > 0 && double.IsFinite(secondsLeft) && repairSeconds > 0.1 && !options.Cancel.IsCancellationRequested;
        if (repairing)
        {
            var repaired = PlanRepair.Run(p.Model, best, repairSeconds, cancel: options.Cancel);
            p.Note += string.Create(CultureInfo.InvariantCulture, $"; repair {repaired.Start:#,##0} -> {repaired.Objective:#,##0} in {repaired.Moves} moves of {repaired.Evaluations}, {repaired.Seconds:0.00} s");
            if (repaired.Improved)
            {
                (best, bestObjective, name) = (repaired.Solution, repaired.Objective, PlanRepair.Name);
            }
        }

        var searchStart = clock.Elapsed.TotalSeconds;
        secondsLeft -= searchStart;
        // The neighbourhood search only where branch-and-bound on the whole bundle does not run.
        if (bestObjective - bound > share && secondsLeft >= MinimumNeighbourhoodSeconds && !wholeFits)
        {
            // What the LP or the plan use, and the connections the Lagrangian's receivers open near its best
            // multipliers. (Tried: only the Lagrangian's and the plan's, a few hundred connections where the LP's
            // support has over a thousand on the largest blocks. SCIP found no better plan there in 3 s at 1 000 actors.)
            var opened = relaxation?.Opened.ToHashSet() ?? [];
            var restricted = p.Model.Copy();
            foreach (var v in p.Model.Variables.Where(v => v.IsInteger && heuristic.Relaxation[v.Index] <= IntegralityTolerance && best[v.Index] < 0.5 && !opened.Contains(v.Index)))
            {
                restricted.Fix(v.Index, 0);
            }

            var limit = double.IsFinite(secondsLeft) ? Math.Max(0.1, secondsLeft * 0.5) : NeighbourhoodSeconds;
            var gap = Math.Max(1e-9, share / Math.Max(1e-9, Math.Abs(bestObjective)));
            var local = Solve(restricted, options with { TimeLimitSeconds = limit, RelativeGap = gap, Hint = best, SupplyRows = p.Supply }, kind, int.MaxValue);
            if (local.HasSolution && local.Objective < bestObjective)
            {
                (best, bestObjective, name) = (local.Values, local.Objective, local.SolverName);
            }
        }

        // Without a deadline, branch-and-bound on the whole bundle to the end, where it can get somewhere: on tens of
        // thousands of yes/no variables SCIP does not finish its root in a minute.
        if (bestObjective - bound > share && wholeFits && !double.IsFinite(secondsLeft))
        {
            Whole(null);
        }

        return Outcome(p, name, best, bestObjective, bound, share, heuristic.Lp.Seconds + clock.Elapsed.TotalSeconds);
    }

    private static SolveOutcome Heuristic(Part p, SlopeScalingResult heuristic, double share) =>
        Outcome(p, SlopeScaling.Name, heuristic.Solution, heuristic.Objective, heuristic.Bound, share, heuristic.Lp.Seconds);

    private static SolveOutcome Outcome(Part p, string name, ImmutableArray<double> values, double objective, double bound, double share, double seconds) =>
        new(name, objective - bound <= share ? TerminationStatus.Optimal : TerminationStatus.TimeLimit, SolutionStatus.Feasible, objective, bound,
            Math.Abs(objective - bound) / Math.Max(1e-9, Math.Abs(objective)), seconds, OrToolsSolver.SizeOf(p.Model), values, default, string.Empty);

    private static ImmutableArray<double> Slice(ImmutableArray<double> hint, ImmutableArray<int> columns) =>
        hint.IsDefault ? default : [.. columns.Select(c => c < hint.Length ? hint[c] : 0)];

    private static SolveOutcome SolveBundle(Part p, SolveOptions options, SolverKind kind, double absoluteGap)
    {
        if (kind == SolverKind.Scip)
        {
            var settings = string.Create(CultureInfo.InvariantCulture, $"{ScipSettings}\nlimits/absgap = {Math.Max(0, absoluteGap):R}");
            return OrToolsSolver.Solve(p.Model, options with { RelativeGap = 0, SolverParameters = options.SolverParameters is null ? settings : $"{settings}\n{options.SolverParameters}" }, kind);
        }

        var relative = Math.Max(1e-9, absoluteGap / Math.Max(1e-9, Math.Abs(p.Outcome.Objective)));
        return OrToolsSolver.Solve(p.Model, options with { RelativeGap = relative }, kind);
    }

    private static List<(List<ModelBlock> Blocks, int Binaries)> Bundle(ImmutableArray<ModelBlock> blocks)
    {
        var bundles = new List<(List<ModelBlock>, int)>();
        var continuous = blocks.Where(b => b.Binaries == 0).ToList();
        if (continuous.Count > 0)
        {
            bundles.Add((continuous, 0));
        }

        var small = new List<ModelBlock>();
        var smallBinaries = 0;
        foreach (var b in blocks.Where(b => b.Binaries > 0))
        {
            if (b.Binaries >= BundleBinaries)
            {
                bundles.Add(([b], b.Binaries));
                continue;
            }

            small.Add(b);
            smallBinaries += b.Binaries;
            if (smallBinaries >= BundleBinaries)
            {
                bundles.Add((small, smallBinaries));
                small = [];
                smallBinaries = 0;
            }
        }

        if (small.Count > 0)
        {
            bundles.Add((small, smallBinaries));
        }

        return bundles;
    }

    /// <summary>The constant to add to the parts' objectives: a part that is the model itself already counts it.</summary>
    private static double Offset(MipModel model, Part[] parts) => parts.Any(p => ReferenceEquals(p.Model, model)) ? 0 : model.ObjectiveOffset;

    private static SolveOutcome Merge(MipModel model, SolveOptions options, Part[] parts, double seconds)
    {
        var size = OrToolsSolver.SizeOf(model);
        var names = parts.Select(p => p.Outcome.SolverName).Where(n => n is not ("GLOP" or "CLP")).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var name = names.Count == 0 ? "GLOP" : string.Join(" + ", names);
        var failed = parts.Select(p => p.Outcome).Where(o => !o.HasSolution).ToList();
        if (failed.Count > 0)
        {
            // One bundle without a solution decides for the whole: infeasible or unbounded anywhere is so everywhere.
            var worst = failed.OrderBy(o => o.Termination switch
            {
                TerminationStatus.Infeasible => 0,
                TerminationStatus.Unbounded => 1,
                TerminationStatus.Error => 2,
                _ => 3,
            }).First();
            return worst with { SolverName = name, Seconds = seconds, Size = size, Blocks = parts.Length };
        }

        var values = new double[model.Variables.Count];
        var duals = options.WantDuals ? new double[model.Rows.Count] : null;
        var bound = Offset(model, parts);
        foreach (var p in parts)
        {
            var o = p.Outcome;
            for (var k = 0; k < p.Columns.Length; k++)
            {
                values[p.Columns[k]] = o.Values[k];
            }

            if (duals is not null && !o.Duals.IsDefault)
            {
                for (var k = 0; k < p.Rows.Length; k++)
                {
                    duals[p.Rows[k]] = o.Duals[k];
                }
            }

            bound += p.Bound;
        }

        var objective = model.Evaluate(values);
        var gap = Math.Abs(objective - bound) / Math.Max(1e-9, Math.Abs(objective));
        gap = gap < 1e-12 ? 0 : gap;
        var timeLimit = parts.Any(p => p.Outcome.Termination == TerminationStatus.TimeLimit) && gap > options.RelativeGap;
        return new SolveOutcome(
            name,
            timeLimit ? TerminationStatus.TimeLimit : TerminationStatus.Optimal,
            gap <= ClosedGap ? SolutionStatus.Optimal : SolutionStatus.Feasible,
            objective,
            bound,
            gap,
            seconds,
            size,
            [.. values],
            duals is null || parts.Any(p => p.Outcome.Duals.IsDefault) ? default : [.. duals],
            string.Empty)
        { Blocks = parts.Length };
    }

    /// <param name="floor">A bound on the part's optimum when its LP relaxation was not solved; otherwise the LP's.</param>
    private sealed class Part(MipModel model, ImmutableArray<int> columns, ImmutableArray<int> rows, int binaries, SolveOutcome outcome, bool done, double? floor = null)
    {
        public MipModel Model { get; } = model;

        public ImmutableArray<int> Columns { get; } = columns;

        public ImmutableArray<int> Rows { get; } = rows;

        public int Binaries { get; } = binaries;

        public SolveOutcome Outcome { get; set; } = outcome;

        public bool Done { get; } = done;

        /// <summary>The bundle's LP relaxation optimum: a bound whatever branch-and-bound reports later.</summary>
        public double LpBound { get; } = floor ?? (outcome.HasSolution ? outcome.Objective : double.NegativeInfinity);

        /// <summary>Whether <see cref="Outcome"/> is a plan (integral), not the LP relaxation that bounds it.</summary>
        public bool Planned { get; set; }

        /// <summary>Whether its branch-and-bound already ran in phase 1 (EarlySearch), so phase 2 leaves it be.</summary>
        public bool Searched { get; set; }

        /// <summary>The best bound known: a solver stopped by its time limit may report one below the relaxation's.</summary>
        public double Bound => Math.Max(Math.Max(Outcome.BestBound, LpBound), Lagrangian is { HasBound: true } l ? l.Bound : double.NegativeInfinity);

        /// <summary>How far the bundle's plan may still be from its optimum.</summary>
        public double GapLeft => Outcome.Objective - Bound;

        /// <summary>The slope-scaling bound and solution of a large bundle, or null.</summary>
        public SlopeScalingResult? Heuristic { get; init; }

        /// <summary>The part's supply rows in its own numbering, for its Lagrangian bound.</summary>
        public ImmutableArray<int> Supply { get; init; } = [];

        /// <summary>The Lagrangian bound of a large bundle (phase 1), or null.</summary>
        public LagrangianResult? Lagrangian { get; init; }

        /// <summary>What the Lagrangian bound did on this part, for the block log.</summary>
        public string Note { get; set; } = string.Empty;
    }
}
