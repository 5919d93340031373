using System.Collections.Immutable;
using System.Numerics;
using SymbiosisOptimizer.Assessment.Sharing;

namespace SymbiosisOptimizer.Assessment.Coalitions;

/// <summary>What a part's own coalition must be for the whole group's coalition to stay proper.</summary>
public enum PartSize
{
    /// <summary>Any subset of the part, the empty set and the whole part included.</summary>
    Any,

    /// <summary>At least one member: the whole coalition would otherwise be empty.</summary>
    NonEmpty,

    /// <summary>Not every member: the whole coalition would otherwise be the grand coalition.</summary>
    NotWhole,
}

/// <summary>A part's best coalition under fixings (<see cref="IPartSolver.PartBest"/>).</summary>
/// <param name="Local">The coalition as a mask over the part's members; null when the solve stopped with a bound only.</param>
/// <param name="Score">v_p(S) - xLocal(S) of <paramref name="Local"/> as the solver measured it (minus infinity without one).</param>
/// <param name="UpperBound">No subset allowed by the fixings scores above this.</param>
/// <param name="Optimal">The bound is the score itself and the score is v_p(S) - xLocal(S) exactly.</param>
public sealed record PartOptimum(int? Local, double Score, double UpperBound, bool Optimal);

/// <summary>One part of a group answering "which of my subsets scores best with these members in and those out".</summary>
public interface IPartSolver
{
    int PlayerCount { get; }

    /// <summary>Whether an answer costs a solve (a MILP) rather than a look-up in a table.</summary>
    bool CostsSolve { get; }

    /// <summary>The subset S of the part with <paramref name="fixIn"/> in and <paramref name="fixOut"/> out, obeying
    /// <paramref name="size"/>, maximising v_p(S) - xLocal(S); null when none exists.</summary>
    PartOptimum? PartBest(IReadOnlyList<double> xLocal, int fixIn, int fixOut, PartSize size);
}

/// <summary>A tabulated part: every coalition's value known, the best subset found by scanning them (exact, no solve).</summary>
public sealed class TablePartSolver : IPartSolver
{
    private readonly double[] values;

    /// <param name="values">v_p by local mask, 2^members entries.</param>
    public TablePartSolver(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        PlayerCount = BitOperations.Log2((uint)values.Count);
        if (values.Count != 1 << PlayerCount || PlayerCount > PartSearch.MaxPartMembers)
        {
            throw new ArgumentException($"a table of {values.Count} values is not one per coalition of at most {PartSearch.MaxPartMembers} members", nameof(values));
        }

        this.values = [.. values];
    }

    public int PlayerCount { get; }

    public bool CostsSolve => false;

    public PartOptimum? PartBest(IReadOnlyList<double> xLocal, int fixIn, int fixOut, PartSize size)
    {
        ArgumentNullException.ThrowIfNull(xLocal);
        var full = values.Length - 1;
        var best = double.NegativeInfinity;
        var arg = -1;
        for (var l = 0; l <= full; l++)
        {
            if ((l & fixIn) != fixIn || (l & fixOut) != 0 || (size == PartSize.NonEmpty && l == 0) || (size == PartSize.NotWhole && l == full))
            {
                continue;
            }

            var score = values[l];
            for (var rest = l; rest != 0; rest &= rest - 1)
            {
                score -= xLocal[BitOperations.TrailingZeroCount(rest)];
            }

            if (score > best)
            {
                (best, arg) = (score, l);
            }
        }

        return arg < 0 ? null : new PartOptimum(arg, best, best, true);
    }
}

/// <summary>A part of a hybrid separation: its members in the whole group and how its best subsets are found.</summary>
public sealed record HybridPart(ImmutableArray<int> Members, IPartSolver Solver);

/// <summary>
/// Exact separation of a group that is a sum of independent parts when some part is too large to tabulate. As in
/// <see cref="PartSearch"/>, v(S) - x(S) = sum over parts of [v_p(S n P_p) - x(private members of S n P_p)] - x(shared
/// members of S), so once the shared members' pattern is fixed every part picks its best subset on its own; a
/// tabulated part picks it from its table, an untabulated one by its own separation MILP with its shared members
/// fixed (<see cref="ComponentOracle.PartBest"/>), one per pattern of that part's shared members, kept for the split.
/// One separation of the generated 100-actor region's 77-actor group is then 36 MILPs of 16 and 17 actors instead of
/// one of 77 that does not close its gap within its node limit.
/// </summary>
/// <remarks>
/// The bound is the largest, over the whole patterns, of the sum of the parts' proven bounds, so the answer is exact
/// only when every part MILP it used was solved to optimality. Coalitions the caller excludes are not searched around
/// (no Lawler walk over MILPs): when the best of an exact answer is excluded, or one separation would need more than
/// <see cref="MaxPartSolves"/> part MILPs, the call goes to the whole group's oracle (<see cref="Fallbacks"/> counts
/// them), whose answer is as sound as it is on its own; a relaxed answer offers the next pattern's best instead.
/// Deterministic: patterns in order, ties to the first.
/// </remarks>
public sealed class HybridPartsOracle : ICoalitionOracle
{
    /// <summary>Part MILPs one separation may solve before it goes to the whole group's MILP instead.</summary>
    public const int DefaultMaxPartSolves = 300;

    /// <summary>Other patterns' best coalitions one separation offers beside its answer (<see cref="Separation.More"/>).</summary>
    private const int MaxMore = 60;

    private readonly PartState[] parts;
    private readonly int[] shared;
    private readonly Func<MemberSet, double> value;
    private readonly Lazy<ICoalitionOracle> whole;
    private readonly Func<IReadOnlyList<double>, IReadOnlyCollection<MemberSet>, MemberSet?>? guess;
    private double[]? split;
    private int partSolves;
    private int fallbacks;

    /// <param name="value">v(S) of the whole group (the sum of its parts' values).</param>
    /// <param name="whole">The whole group's own oracle, built only when a separation falls back to it.</param>
    /// <param name="guess">The whole group's guess among coalitions already valued (<see cref="ComponentOracle.KnownGuess"/>).</param>
    /// <param name="maxPartSolves">See <see cref="MaxPartSolves"/>.</param>
    public HybridPartsOracle(int playerCount, double grandValue, IEnumerable<HybridPart> parts, Func<MemberSet, double> value, Func<ICoalitionOracle> whole, Func<IReadOnlyList<double>, IReadOnlyCollection<MemberSet>, MemberSet?>? guess = null, int maxPartSolves = DefaultMaxPartSolves)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(whole);
        PlayerCount = playerCount;
        GrandValue = grandValue;
        this.value = value;
        this.whole = new Lazy<ICoalitionOracle>(whole);
        this.guess = guess;
        MaxPartSolves = maxPartSolves;
        var list = parts.ToList();
        if (!Serves(playerCount, list.Select(p => (IReadOnlyCollection<int>)p.Members)))
        {
            throw new ArgumentException("the hybrid separation serves parts that PartSearch serves, with every player in some part and at least one shared", nameof(parts));
        }

        var memberships = new int[playerCount];
        foreach (var m in list.SelectMany(p => p.Members))
        {
            memberships[m]++;
        }

        shared = [.. Enumerable.Range(0, playerCount).Where(i => memberships[i] > 1)];
        this.parts = [.. list.Select(p => new PartState(p, shared))];
    }

    /// <summary>Whether parts with these members can be separated this way: as <see cref="PartSearch.Serves"/>, with
    /// every player in some part and at least one player shared (a group's parts are linked through shared members).</summary>
    public static bool Serves(int playerCount, IEnumerable<IReadOnlyCollection<int>> partMembers)
    {
        ArgumentNullException.ThrowIfNull(partMembers);
        var list = partMembers.ToList();
        var memberships = new int[playerCount];
        foreach (var m in list.SelectMany(p => p))
        {
            memberships[m]++;
        }

        return PartSearch.Serves(playerCount, list) && memberships.All(k => k > 0) && memberships.Any(k => k > 1);
    }

    /// <summary>
    /// The hybrid oracle of a group whose parts the enumeration serves but some part is not tabulated: tabulated parts
    /// answer from their tables, the others by their own separation MILP. Null when the group is not of that kind.
    /// </summary>
    /// <param name="game">The group's game as <see cref="RegionSharing.Game"/> built it (a sum of its parts).</param>
    public static HybridPartsOracle? TryCreate(GameComponent component, CooperativeGame game, long separationNodes = ComponentOracle.DefaultSeparationNodes)
    {
        ArgumentNullException.ThrowIfNull(component);
        ArgumentNullException.ThrowIfNull(game);
        if (game.Kind != GameKind.Value || game.Parts is not { } gameParts || component.Parts.IsEmpty
            || gameParts.Length != component.Parts.Length || gameParts.All(p => p.Game.IsExplicit)
            || !Serves(component.Players.Length, component.Parts.Select(p => (IReadOnlyCollection<int>)p.Members)))
        {
            return null;
        }

        for (var p = 0; p < gameParts.Length; p++)
        {
            if (!gameParts[p].Members.SequenceEqual(component.Parts[p].Members) || !component.Parts[p].Game.HasMasks)
            {
                return null;
            }
        }

        var parts = component.Parts.Select((p, i) => new HybridPart(p.Members, gameParts[i].Game.IsExplicit
            ? new TablePartSolver(gameParts[i].Game.ToArray())
            : new ComponentOracle(p.Game, separationNodes)));
        return new HybridPartsOracle(
            component.Players.Length,
            component.GrandValue,
            parts,
            game.Value,
            // The whole group's MILP, not its part-by-part heuristic: a fallback must stay as sound as the hybrid.
            () => new ComponentOracle(component, separationNodes, wholeMilp: true),
            (x, excluded) => ComponentOracle.KnownGuess(component, x, excluded));
    }

    public int PlayerCount { get; }

    public double GrandValue { get; }

    /// <summary>Part MILPs one separation may solve; past it the separation is the whole group's.</summary>
    public int MaxPartSolves { get; }

    /// <summary>Part MILPs solved so far (tabulated parts cost none).</summary>
    public int PartSolves => partSolves;

    /// <summary>Separations handed to the whole group's oracle (best coalition excluded, or too many part MILPs).</summary>
    public int Fallbacks => fallbacks;

    /// <summary>Part MILPs and the whole group's separation MILPs (coalition values are the parts' own solves).</summary>
    public int Solves => partSolves + (whole.IsValueCreated ? whole.Value.Solves : 0);

    public double Value(MemberSet coalition)
    {
        ArgumentNullException.ThrowIfNull(coalition);
        return coalition.Count == 0 ? 0 : value(coalition);
    }

    public MemberSet? Guess(IReadOnlyList<double> x, IReadOnlyCollection<MemberSet> excluded) => guess?.Invoke(x, excluded);

    public Separation MostViolated(IReadOnlyList<double> x, IReadOnlyCollection<MemberSet> excluded)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(excluded);
        if (split is null || !split.AsSpan().SequenceEqual(x.ToArray()))
        {
            // The answers hold for one split only; the generation asks again with the same split after a candidate fell short.
            split = [.. x];
            foreach (var p in parts)
            {
                p.Reset(x);
            }
        }

        // The answers still to solve, counted before any is solved: the 2^k_p patterns per part and, at most, one
        // non-empty and one not-whole answer per part (for the two patterns where the whole could be empty or everybody).
        var needed = parts.Where(p => p.Part.Solver.CostsSolve).Sum(p => p.Missing + 2);
        if (needed > MaxPartSolves)
        {
            return Fallback(x, excluded);
        }

        var k = shared.Length;
        var allIn = (1 << k) - 1;
        var bestTotal = double.NegativeInfinity;
        var bestPattern = -1;
        int[]? bestChoice = null;
        var bound = double.NegativeInfinity;
        var optimal = true;
        var answers = new PartOptimum[parts.Length];
        var candidates = new List<(double Total, int Pattern, int[] Choice)>();
        for (var a = 0; a <= allIn; a++)
        {
            var sharedX = 0.0;
            for (var j = 0; j < k; j++)
            {
                sharedX += (a & (1 << j)) != 0 ? x[shared[j]] : 0;
            }

            var total = -sharedX;
            var ub = -sharedX;
            for (var q = 0; q < parts.Length; q++)
            {
                answers[q] = Answer(q, parts[q].PatternOf(a), PartSize.Any) ?? throw new InvalidOperationException("a part has no subset with its shared members fixed");
                total += answers[q].Score;
                ub += answers[q].UpperBound;
                optimal &= answers[q].Optimal;
            }

            // With every shared member out the whole is empty when every part picks nothing; with every one in, it is
            // everybody when every part picks all. Then some part must pick otherwise: the best such change (and, for
            // the bound, the largest such bound), one extra answer per part.
            var size = a == 0 ? PartSize.NonEmpty : a == allIn ? PartSize.NotWhole : PartSize.Any;
            var choice = answers.Select(o => o.Local ?? -1).ToArray();
            if (size != PartSize.Any && Improper(choice, size))
            {
                var (altTotal, altBound) = (double.NegativeInfinity, double.NegativeInfinity);
                var altChoice = choice;
                for (var q = 0; q < parts.Length; q++)
                {
                    if (Answer(q, parts[q].PatternOf(a), size) is not { } other)
                    {
                        continue;
                    }

                    optimal &= other.Optimal;
                    altBound = Math.Max(altBound, ub - answers[q].UpperBound + other.UpperBound);
                    var t = total - answers[q].Score + other.Score;
                    if (t > altTotal && other.Local is { } l)
                    {
                        altTotal = t;
                        altChoice = [.. choice];
                        altChoice[q] = l;
                    }
                }

                (total, ub, choice) = (altTotal, altBound, altChoice);
            }

            bound = Math.Max(bound, ub);
            if (choice.All(c => c >= 0))
            {
                candidates.Add((total, a, choice));
                if (total > bestTotal)
                {
                    (bestTotal, bestPattern, bestChoice) = (total, a, choice);
                }
            }
        }

        if (bestChoice is null)
        {
            return new Separation(null, bound, false);
        }

        // Every pattern's best is a coalition already in hand, best first (OrderBy is stable: ties keep the pattern order).
        var ranked = candidates.OrderByDescending(c => c.Total).Select(c => Coalition(c.Pattern, c.Choice)).Where(c => !excluded.Contains(c)).ToList();
        var coalition = Coalition(bestPattern, bestChoice);
        if (excluded.Contains(coalition))
        {
            if (optimal || ranked.Count == 0)
            {
                // The exact next best would need a walk around the excluded coalitions with a MILP per subspace: the whole
                // group's MILP excludes them with a row each instead.
                return Fallback(x, excluded);
            }

            // A relaxed answer (a part MILP's money bounds the money of the plan its coalition chooses) is only a candidate
            // anyway: the next pattern's best is one too, and the bound over every pattern still holds without the excluded.
            coalition = ranked[0];
        }

        // The generation adds the other candidates violated at this split too.
        var more = ranked.Where(c => !c.Equals(coalition)).Take(MaxMore);
        return new Separation(coalition, optimal ? bestTotal : bound, optimal) { More = [.. more] };
    }

    /// <summary>The whole group's coalition of a pattern of the shared members and a local pick per part.</summary>
    private MemberSet Coalition(int pattern, int[] choice)
    {
        var members = new List<int>();
        for (var j = 0; j < shared.Length; j++)
        {
            if ((pattern & (1 << j)) != 0)
            {
                members.Add(shared[j]);
            }
        }

        for (var q = 0; q < parts.Length; q++)
        {
            members.AddRange(parts[q].Part.Members.Where((_, t) => (choice[q] & (1 << t)) != 0));
        }

        return MemberSet.Of(PlayerCount, members.Distinct());
    }

    private Separation Fallback(IReadOnlyList<double> x, IReadOnlyCollection<MemberSet> excluded)
    {
        fallbacks++;
        return whole.Value.MostViolated(x, excluded);
    }

    /// <summary>Whether every part's pick together make the empty set (<paramref name="size"/> NonEmpty) or everybody (NotWhole).</summary>
    private bool Improper(int[] choice, PartSize size)
    {
        for (var q = 0; q < parts.Length; q++)
        {
            var full = (1 << parts[q].Part.Members.Length) - 1;
            if (choice[q] < 0 || (size == PartSize.NonEmpty ? choice[q] != 0 : choice[q] != full))
            {
                return false;
            }
        }

        return true;
    }

    private PartOptimum? Answer(int q, int pattern, PartSize size)
    {
        var p = parts[q];
        var key = (pattern, size);
        if (!p.Answers.TryGetValue(key, out var answer))
        {
            var (fixIn, fixOut) = p.Fixings(pattern);
            answer = p.Part.Solver.PartBest(p.XLocal, fixIn, fixOut, size);
            partSolves += p.Part.Solver.CostsSolve ? 1 : 0;
            p.Answers[key] = answer;
        }

        return answer;
    }

    /// <summary>A part with its shared members' places and, for the current split, the answers found so far.</summary>
    private sealed class PartState
    {
        private readonly int[] sharedBits;
        private readonly int[] sharedIndex;

        public PartState(HybridPart part, int[] shared)
        {
            Part = part;
            var members = part.Members;
            sharedBits = [.. Enumerable.Range(0, members.Length).Where(t => Array.IndexOf(shared, members[t]) >= 0)];
            sharedIndex = [.. sharedBits.Select(t => Array.IndexOf(shared, members[t]))];
            XLocal = new double[members.Length];
        }

        public HybridPart Part { get; }

        /// <summary>x of the private members, 0 for the shared ones (their x is charged once, by the whole pattern).</summary>
        public double[] XLocal { get; }

        public Dictionary<(int Pattern, PartSize Size), PartOptimum?> Answers { get; } = [];

        /// <summary>Patterns of this part's shared members not answered yet for the current split.</summary>
        public int Missing => (1 << sharedBits.Length) - Answers.Keys.Count(key => key.Size == PartSize.Any);

        public void Reset(IReadOnlyList<double> x)
        {
            Answers.Clear();
            for (var t = 0; t < Part.Members.Length; t++)
            {
                XLocal[t] = sharedBits.Contains(t) ? 0 : x[Part.Members[t]];
            }
        }

        /// <summary>This part's pattern (bit u: its u-th shared member in) of a whole pattern (bit j: shared member j in).</summary>
        public int PatternOf(int a)
        {
            var p = 0;
            for (var u = 0; u < sharedIndex.Length; u++)
            {
                p |= (a & (1 << sharedIndex[u])) != 0 ? 1 << u : 0;
            }

            return p;
        }

        public (int FixIn, int FixOut) Fixings(int pattern)
        {
            int fixIn = 0, fixOut = 0;
            for (var u = 0; u < sharedBits.Length; u++)
            {
                if ((pattern & (1 << u)) != 0)
                {
                    fixIn |= 1 << sharedBits[u];
                }
                else
                {
                    fixOut |= 1 << sharedBits[u];
                }
            }

            return (fixIn, fixOut);
        }
    }
}
