using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using SymbiosisOptimizer.Assessment.Sharing;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Modeling;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Assessment.Coalitions;

/// <summary>
/// A region component as a coalition oracle for constraint generation. The separation problem max_S v(S) - x(S) is
/// one MILP: the component's exchange model plus a binary z_i per actor ("i is in S"), every exchange allowed only
/// between members (flow &lt;= U z at both ends, its switch &lt;= z) and every new plant only for a member, and the
/// objective min cost(plan) + sum x_i z_i. Non-members keep today's routes, so cost(plan) is today's cost of
/// non-members plus the plan cost of S, and today's total minus the optimum is the largest excess.
/// </summary>
/// <remarks>
/// For the objective basis this is exact. For money it is a bound: the MILP takes S's best money among its feasible
/// plans, while v(S) is the money of the plan S chooses by the scenario's objective (with priced CO2e the two
/// differ); a candidate whose true excess is lower is skipped by the generation, and the bound still certifies the end.
/// </remarks>
public sealed class ComponentOracle : ICoalitionOracle, IPartSolver
{
    private readonly GameComponent component;
    private readonly MipModel baseModel;
    private readonly int[] z;
    private readonly double zeroCost;
    private readonly SolveOptions solve;
    private readonly ConcurrentDictionary<MemberSet, double> cache = new();
    private readonly Lazy<ComponentOracle[]>? partOracles;
    private (double[] X, Separation Answer)? lastByParts;
    private int solves;

    /// <summary>
    /// Branch-and-bound nodes a separation MILP may use by default. A node limit, not a time limit, so that the same
    /// input gives the same output on any machine and load; a separation stopped by it still returns SCIP's proven
    /// bound, which the generation reports (not certified) rather than trusting.
    /// </summary>
    public const long DefaultSeparationNodes = 2_000;

    /// <param name="separationNodes">Branch-and-bound nodes per separation MILP (deterministic; see <see cref="DefaultSeparationNodes"/>).</param>
    /// <param name="cuttingPlanes">Let SCIP separate cutting planes in the separation MILPs. Off by default: on the
    /// 64-actor group of the generated 200-actor region they took 5.8 x the CPU for the same coalitions and bounds within
    /// 0.2 % (benchmarks/README.md, session 11 late); SCIP's bound stays proven either way, so certification is unchanged.</param>
    /// <param name="wholeMilp">Separate a group with parts by one MILP over all its members, not part by part: sound
    /// (exact when the MILP closes) where the part-by-part answer is a heuristic, at the cost of a larger MILP.</param>
    public ComponentOracle(GameComponent component, long separationNodes = DefaultSeparationNodes, bool cuttingPlanes = false, bool wholeMilp = false)
    {
        ArgumentNullException.ThrowIfNull(component);
        this.component = component;
        var n = component.Players.Length;
        PlayerCount = n;
        if (!wholeMilp && !component.Parts.IsEmpty && component.HasMasks)
        {
            partOracles = new Lazy<ComponentOracle[]>(() => [.. component.Parts.Select(p => new ComponentOracle(p.Game, separationNodes, cuttingPlanes))]);
        }

        var ctx = ExchangeFormulation.Build(component.SubRegion, component.Network, new FormulationOptions());
        var model = ctx.Model.Copy();
        var index = component.Players.Select((p, i) => (p, i)).ToDictionary(t => t.p, t => t.i, StringComparer.Ordinal);

        // The value's own cost per column: money alone, or the objective without the shortfall penalty (which only
        // steers a solve). Either way a bound on what S can reach in that currency.
        var money = new double[model.Variables.Count];
        foreach (var e in ctx.Ledger.Where(e => e.Kind == LedgerKind.Money))
        {
            money[e.Column] += e.Coefficient;
        }

        var exact = ctx.MandateShortfall.Count == 0;
        foreach (var c in ctx.MandateShortfall.Values)
        {
            model.AddCost(c, -ProcurementBuilder.ShortfallPenalty);
        }

        if (component.Basis == ValueBasis.Money)
        {
            for (var c = 0; c < money.Length; c++)
            {
                var cost = model.Variables[c].Cost;
                exact &= Math.Abs(cost - money[c]) <= 1e-9 * Math.Max(1, Math.Abs(cost));
                model.AddCost(c, money[c] - cost);
            }

            model.ObjectiveOffset = 0;
        }

        Exact = exact;
        z = [.. component.Players.Select(p => model.AddBinary($"member[{p}]", 0))];
        void Link(int column, string actor, double bound)
        {
            var v = model.Variables[column];
            if (v.Upper <= 0 && v.Lower >= 0)
            {
                return;
            }

            model.AddLessOrEqual($"only-members[{column},{actor}]", "a coalition's plan uses only its members' exchanges and plants", 0, [(column, 1.0), (z[index[actor]], -bound)]);
        }

        var network = component.Network;
        foreach (var arc in network.Arcs)
        {
            var from = network.Sources[arc.Source].ActorId;
            var to = network.Sinks[arc.Sink].ActorId;
            foreach (var actor in new[] { from, to }.Distinct(StringComparer.Ordinal))
            {
                if (ctx.ArcFlow[arc.Index] is var f and >= 0)
                {
                    Link(f, actor, Bound(model.Variables[f]));
                }

                if (ctx.ArcSwitch[arc.Index] is var y and >= 0)
                {
                    Link(y, actor, 1);
                }
            }
        }

        var processes = component.SubRegion.Processes;
        for (var p = 0; p < processes.Length; p++)
        {
            if (processes[p].Existing)
            {
                continue;
            }

            if (ctx.Plant[p] >= 0)
            {
                Link(ctx.Plant[p], processes[p].ActorId, 1);
            }

            if (ctx.Throughput[p] >= 0)
            {
                Link(ctx.Throughput[p], processes[p].ActorId, Bound(model.Variables[ctx.Throughput[p]]));
            }
        }

        solve = component.Options with
        {
            Solver = SolverKind.Scip,
            Threads = 1,
            RelativeGap = 1e-9,
            TimeLimitSeconds = null,
            SolverParameters = string.Create(CultureInfo.InvariantCulture, $"limits/nodes = {Math.Max(1, separationNodes)}") + (cuttingPlanes ? string.Empty : "\n" + GameComponent.CoalitionScipSettings),
            Hint = default,
            WantDuals = false,
            Progress = null,
        };

        // Today's cost in the same currency: the model with nobody in S.
        var today = model.Copy();
        foreach (var zi in z)
        {
            today.Fix(zi, 0);
        }

        var t = OrToolsSolver.Solve(today, solve, SolverKind.Scip);
        zeroCost = t.HasSolution ? t.Objective : throw new InvalidOperationException($"today's situation of the group of {n} actors has no solution ({t.Termination})");

        // Shift so the MILP's objective is minus the excess: its gaps then measure the excess, not today's total cost.
        model.ObjectiveOffset -= zeroCost;
        baseModel = model;
    }

    public int PlayerCount { get; }

    /// <summary>Every answer of <see cref="PartBest"/> is a MILP.</summary>
    public bool CostsSolve => true;

    /// <summary>The separation is exact (objective basis, or money with nothing priced but money, no mandates).</summary>
    public bool Exact { get; }

    public double GrandValue => component.GrandValue;

    public int Solves => solves + component.Solves + (partOracles is { IsValueCreated: true } po ? po.Value.Sum(o => o.solves) : 0);

    public double Value(MemberSet coalition)
    {
        ArgumentNullException.ThrowIfNull(coalition);
        if (coalition.Count == 0)
        {
            return 0;
        }

        if (component.HasMasks)
        {
            return component.Value(coalition.ToMask());
        }

        return cache.GetOrAdd(coalition, s => component.Value(s.Members().Select(i => component.Players[i]).ToImmutableHashSet(StringComparer.Ordinal)));
    }

    public Separation MostViolated(IReadOnlyList<double> x, IReadOnlyCollection<MemberSet> excluded)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(excluded);
        if (partOracles is not null)
        {
            return ByParts(x, excluded);
        }

        var n = PlayerCount;
        var o = SolveSeparation(x, m =>
        {
            // Proper and non-empty.
            m.AddRow("proper", "a coalition has at least one member and is not everybody", 1, n - 1, z.Select(c => (c, 1.0)));
            foreach (var s in excluded)
            {
                // sum over non-members of z - sum over members of z >= 1 - |S|: any set but S.
                m.AddGreaterOrEqual("not-again", "a coalition already settled or skipped", 1 - s.Count, Enumerable.Range(0, n).Select(i => (z[i], s.Contains(i) ? -1.0 : 1.0)));
            }
        });

        if (o.Termination == TerminationStatus.Infeasible)
        {
            return new Separation(null, double.NegativeInfinity, true);
        }

        if (!o.HasSolution && o.Termination == TerminationStatus.TimeLimit && double.IsFinite(o.BestBound))
        {
            // The node limit stopped SCIP before any plan: the bound is all it proved, and no coalition is in hand.
            return new Separation(null, -o.BestBound, false);
        }

        if (!o.HasSolution)
        {
            throw new InvalidOperationException($"the separation problem of a group of {n} actors could not be solved ({o.Termination} {o.Message})");
        }

        var members = MemberSet.Of(n, Enumerable.Range(0, n).Where(i => o.Values[z[i]] > 0.5));
        var bound = -(o.Solution == SolutionStatus.Optimal ? Math.Min(o.Objective, o.BestBound) : o.BestBound);
        return new Separation(members, bound, Exact && o.Solution == SolutionStatus.Optimal);
    }

    /// <summary>
    /// This group's separation MILP as one part of a larger group (<see cref="HybridPartsOracle"/>): max over every
    /// S of its members (the empty set and the whole included, unless <paramref name="size"/> says otherwise) with
    /// <paramref name="fixIn"/> in and <paramref name="fixOut"/> out of v(S) - xLocal(S). The caller passes 0 for
    /// the members it charges itself (the ones shared with other parts), so their x counts once in the whole.
    /// </summary>
    /// <returns>Null when no such S exists (the fixings and the size rule contradict each other).</returns>
    public PartOptimum? PartBest(IReadOnlyList<double> xLocal, int fixIn, int fixOut, PartSize size)
    {
        ArgumentNullException.ThrowIfNull(xLocal);
        var n = PlayerCount;
        var o = SolveSeparation(xLocal, m =>
        {
            for (var i = 0; i < n; i++)
            {
                if ((fixIn & (1 << i)) != 0)
                {
                    m.Fix(z[i], 1);
                }
                else if ((fixOut & (1 << i)) != 0)
                {
                    m.Fix(z[i], 0);
                }
            }

            if (size != PartSize.Any)
            {
                m.AddRow("part-size", "a part's coalition the whole group needs non-empty or not whole", size == PartSize.NonEmpty ? 1 : 0, size == PartSize.NotWhole ? n - 1 : n, z.Select(c => (c, 1.0)));
            }
        });

        if (o.Termination == TerminationStatus.Infeasible)
        {
            return null;
        }

        if (!o.HasSolution && o.Termination == TerminationStatus.TimeLimit && double.IsFinite(o.BestBound))
        {
            return new PartOptimum(null, double.NegativeInfinity, -o.BestBound, false);
        }

        if (!o.HasSolution)
        {
            throw new InvalidOperationException($"the separation problem of a part of {n} actors could not be solved ({o.Termination} {o.Message})");
        }

        var local = 0;
        for (var i = 0; i < n; i++)
        {
            local |= o.Values[z[i]] > 0.5 ? 1 << i : 0;
        }

        var optimal = o.Solution == SolutionStatus.Optimal;
        return new PartOptimum(local, -o.Objective, -(optimal ? Math.Min(o.Objective, o.BestBound) : o.BestBound), Exact && optimal);
    }

    /// <summary>The separation MILP at <paramref name="x"/> with the caller's rows and fixings added to a copy of the model.</summary>
    private SolveOutcome SolveSeparation(IReadOnlyList<double> x, Action<MipModel> restrict)
    {
        var m = baseModel.Copy();
        for (var i = 0; i < PlayerCount; i++)
        {
            m.AddCost(z[i], x[i]);
        }

        restrict(m);
        Interlocked.Increment(ref solves);
        return OrToolsSolver.Solve(m, solve, SolverKind.Scip);
    }

    /// <summary>
    /// The best coalition among products of coalitions already valued, part by part (<see cref="PartSearch"/>): the
    /// parts' caches hold the Shapley tabulation's and samples' values, so a violated coalition is often found there.
    /// </summary>
    public MemberSet? Guess(IReadOnlyList<double> x, IReadOnlyCollection<MemberSet> excluded) => KnownGuess(component, x, excluded);

    /// <summary>
    /// <see cref="Guess"/> for any oracle of <paramref name="component"/>: it reads the parts' caches only, so the
    /// hybrid separation over parts (<see cref="HybridPartsOracle"/>) guesses alike without building the whole MILP.
    /// </summary>
    public static MemberSet? KnownGuess(GameComponent component, IReadOnlyList<double> x, IReadOnlyCollection<MemberSet> excluded)
    {
        ArgumentNullException.ThrowIfNull(component);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(excluded);
        // A group of more actors than a mask holds is searched through its parts' masks; undivided, it has none.
        if (component.Parts.IsEmpty && !component.HasMasks)
        {
            return null;
        }

        List<(int[] Members, IReadOnlyList<(int Local, double Value)> Known)> tables = component.Parts.IsEmpty
            ? [(Enumerable.Range(0, component.Players.Length).ToArray(), Known(component))]
            : [.. component.Parts.Select(p => (p.Members.ToArray(), Known(p.Game)))];
        var search = PartSearch.Create(component.Players.Length, tables);
        return search?.MostViolated(x, excluded).Coalition;
    }

    private static IReadOnlyList<(int Local, double Value)> Known(GameComponent game) =>
        game.Players.Length > 30 ? [] : [.. game.KnownValues().Select(k => ((int)k.Mask, k.Value))];

    /// <summary>
    /// Separation of a group of independent parts by one MILP per part instead of one over the whole: with each actor's
    /// x_i charged to one part only (the first it belongs to), v(S) - x(S) = sum over parts of [v_p(S n P_p) - x^p(S n P_p)],
    /// so the sum of the parts' largest brackets (the empty and the whole part included) bounds every coalition's excess.
    /// A part's MILP is a fraction of the whole's (which, for the 64-actor group of the generated 200-actor region, did
    /// not close its gap in 120 s), and the union of the parts' best coalitions is the candidate. The bound ignores that
    /// parts must agree on their shared actors, so it is never exact: the generation checks the candidate's true excess.
    /// </summary>
    private Separation ByParts(IReadOnlyList<double> x, IReadOnlyCollection<MemberSet> excluded)
    {
        var n = PlayerCount;
        Separation answer;
        if (lastByParts is { } last && last.X.AsSpan().SequenceEqual(x.ToArray()))
        {
            // The generation asks again with the same split after a candidate fell short: the parts' MILPs would repeat.
            answer = last.Answer;
        }
        else
        {
            var parts = component.Parts;
            var oracles = partOracles!.Value;
            var owner = Enumerable.Repeat(-1, n).ToArray();
            for (var p = 0; p < parts.Length; p++)
            {
                foreach (var m in parts[p].Members.Where(m => owner[m] < 0))
                {
                    owner[m] = p;
                }
            }

            var bound = 0.0;
            ulong s = 0;
            for (var p = 0; p < parts.Length; p++)
            {
                var members = parts[p].Members;
                var xp = members.Select(m => owner[m] == p ? x[m] : 0).ToArray();
                var whole = oracles[p].GrandValue - xp.Sum();
                var (best, local) = whole > 0 ? (whole, (1UL << members.Length) - 1) : (0.0, 0UL);
                var partBound = best;
                if (members.Length >= 2)
                {
                    var sep = oracles[p].MostViolated(xp, []);
                    partBound = Math.Max(partBound, sep.UpperBound);
                    if (sep.Coalition is { } c && oracles[p].Value(c) - c.Sum(xp) > best)
                    {
                        local = c.ToMask();
                    }
                }

                bound += partBound;
                for (var k = 0; k < members.Length; k++)
                {
                    s |= (local & (1UL << k)) != 0 ? 1UL << members[k] : 0;
                }
            }

            for (var i = 0; i < n; i++)
            {
                if (owner[i] < 0 && x[i] < 0)
                {
                    bound -= x[i];
                    s |= 1UL << i;
                }
            }

            answer = new Separation(s == 0 || s == component.FullMask ? null : MemberSet.FromMask(n, s), bound, false);
            lastByParts = (x.ToArray(), answer);
        }

        return answer.Coalition is { } found && excluded.Contains(found) ? answer with { Coalition = null } : answer;
    }

    /// <summary>A finite bound for a column's link row; plants' unbounded capacity keeps its big-M.</summary>
    private static double Bound(Variable v) => double.IsFinite(v.Upper) ? Math.Max(v.Upper, 0) : ProcessBuilder.UnboundedCapacity;
}
