using System.Numerics;

namespace SymbiosisOptimizer.Assessment.Sharing;

/// <summary>
/// Exact separation for a game that is a sum of explicit parts (<see cref="CooperativeGame.FromParts"/>), without a
/// MILP: v(S) - x(S) = sum over parts of [v_p(S n P_p) - x(private members of S n P_p)] - x(shared members of S), so
/// once the members shared by several parts are fixed, every part picks its best subset on its own. Enumerating the
/// shared members' 2^k patterns and, per part, its 2^|P_p| tabulated coalitions finds the most violated coalition in
/// microseconds to milliseconds, from values the Shapley tabulation already holds (no solve at all).
/// </summary>
/// <remarks>
/// Excluded coalitions (settled in the nucleolus, the empty and the grand coalition) are skipped by Lawler's k-best
/// partition: when the best coalition is excluded, the rest of its subspace is split into subspaces that agree with it
/// on the first free members and differ on the next, each solved by the same enumeration with those members fixed;
/// the best of all subspaces is the next best coalition. Deterministic: enumeration in mask order, ties to the first.
/// </remarks>
public sealed class PartsOracle : ICoalitionOracle
{
    /// <summary>More members in two or more parts than this, and the 2^k patterns per separation stop being cheap.</summary>
    public const int MaxShared = 12;

    private readonly CooperativeGame game;
    private readonly PartSearch search;

    private PartsOracle(CooperativeGame game, PartSearch search)
    {
        this.game = game;
        this.search = search;
        PlayerCount = game.PlayerCount;
        GrandValue = game.GrandValue;
    }

    public int PlayerCount { get; }

    public double GrandValue { get; }

    /// <summary>Every value is tabulated already: separation here costs no solve.</summary>
    public int Solves => 0;

    /// <summary>
    /// The oracle of a benefit game made of explicit parts, with masks and at most <see cref="MaxShared"/> members in
    /// more than one part; null when the game is not of that kind.
    /// </summary>
    public static PartsOracle? TryCreate(CooperativeGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        if (game.Kind != GameKind.Value || game.Parts is not { } list || !game.HasCoalitionMasks || list.Any(p => !p.Game.IsExplicit))
        {
            return null;
        }

        var search = PartSearch.Create(game.PlayerCount, list.Select(p => (p.Members.ToArray(), (IReadOnlyList<(int Local, double Value)>)p.Game.ToArray().Select((v, l) => (l, v)).ToArray())));
        return search is null ? null : new PartsOracle(game, search);
    }

    public double Value(MemberSet coalition)
    {
        ArgumentNullException.ThrowIfNull(coalition);
        return game.Value(coalition.ToMask());
    }

    public Separation MostViolated(IReadOnlyList<double> x, IReadOnlyCollection<MemberSet> excluded)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(excluded);
        return search.MostViolated(x, excluded);
    }

    public IEnumerable<(MemberSet Coalition, double Excess)> Ranked(IReadOnlyList<double> x, IReadOnlyCollection<MemberSet> excluded, MemberSet? mixing, Func<MemberSet, bool>? fixedSurplus) => search.Ranked(x, excluded, mixing, fixedSurplus);
}

/// <summary>
/// The enumeration behind <see cref="PartsOracle"/>, over the coalitions of each part that are known (all of them for a
/// tabulated part, the cached ones for a sampled part): exact when every part is complete, a search over the products
/// of known coalitions otherwise (a heuristic separation: what it returns is violated or not, but it proves nothing).
/// </summary>
public sealed class PartSearch
{
    private readonly PartTable[] parts;
    private readonly int[] shared;
    private readonly ulong full;
    private readonly int playerCount;

    private PartSearch(int playerCount, PartTable[] parts, int[] shared)
    {
        this.playerCount = playerCount;
        this.parts = parts;
        this.shared = shared;
        full = playerCount == 64 ? ulong.MaxValue : (1UL << playerCount) - 1;
    }

    /// <param name="parts">Per part, its members in the whole and the known (local mask, value) pairs; the empty
    /// coalition need not be listed.</param>
    public static PartSearch? Create(int playerCount, IEnumerable<(int[] Members, IReadOnlyList<(int Local, double Value)> Known)> parts)
    {
        if (playerCount > 64)
        {
            return null;
        }

        var list = parts.ToList();
        var n = playerCount;
        var memberships = new int[n];
        foreach (var p in list)
        {
            foreach (var m in p.Members)
            {
                memberships[m]++;
            }
        }

        var shared = Enumerable.Range(0, n).Where(i => memberships[i] > 1).ToArray();
        if (shared.Length > PartsOracle.MaxShared || list.Any(p => p.Members.Length > 30))
        {
            return null;
        }

        var sharedIndex = new int[n];
        Array.Fill(sharedIndex, -1);
        for (var j = 0; j < shared.Length; j++)
        {
            sharedIndex[shared[j]] = j;
        }

        // A player in no part is a null player: a part of its own worth 0 lets it join when its x_i is negative.
        var tables = list.Select(p => new PartTable(p.Members, p.Known, sharedIndex)).ToList();
        tables.AddRange(Enumerable.Range(0, n).Where(i => memberships[i] == 0).Select(i => new PartTable([i], [(1, 0.0)], sharedIndex)));
        return new PartSearch(n, [.. tables], shared);
    }

    public Separation MostViolated(IReadOnlyList<double> x, IReadOnlyCollection<MemberSet> excluded)
    {
        var top = Top(x, excluded, double.NegativeInfinity, 1, out var excess);
        return top.Count == 0 ? new Separation(null, double.NegativeInfinity, true) : new Separation(top[0], excess, true);
    }

    private List<MemberSet> Top(IReadOnlyList<double> x, IReadOnlyCollection<MemberSet> excluded, double threshold, int max, out double firstExcess)
    {
        var result = new List<MemberSet>();
        firstExcess = double.NegativeInfinity;
        foreach (var (s, e) in Ranked(x, excluded))
        {
            if (e <= threshold || result.Count >= max)
            {
                break;
            }

            firstExcess = result.Count == 0 ? e : firstExcess;
            result.Add(s);
        }

        return result;
    }

    /// <summary>
    /// Every proper, non-empty coalition not excluded, in decreasing excess (ties in the order Lawler's partition meets
    /// them), produced lazily: a caller that skips what it does not want (the nucleolus skips coalitions in the span of
    /// the settled ones) walks one enumeration instead of restarting it after each skip.
    /// </summary>
    /// <param name="mixing">When given: only coalitions holding some but not all of these players. The nucleolus passes
    /// the players not yet fixed: a coalition of fixed players only, or of all the others plus fixed ones, has its
    /// surplus fixed already, and there are 2^(fixed players) of each, which a walk would otherwise pass one by one.</param>
    /// <param name="fixedSurplus">With <paramref name="mixing"/>: says of a coalition whether its surplus is fixed (in the
    /// span of the settled ones). Such a coalition is still listed, but every coalition that differs from it only in
    /// players outside <paramref name="mixing"/> (the fixed players) is in that span too, so the walk drops them all at
    /// once: its subspace is split on the mixing players alone.</param>
    public IEnumerable<(MemberSet Coalition, double Excess)> Ranked(IReadOnlyList<double> x, IReadOnlyCollection<MemberSet> excluded, MemberSet? mixing = null, Func<MemberSet, bool>? fixedSurplus = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(excluded);
        var skip = excluded.Select(e => e.ToMask()).ToHashSet();
        skip.Add(0);
        skip.Add(full);
        foreach (var p in parts)
        {
            p.ClearCache();
        }

        var queue = new PriorityQueue<(ulong S, ulong In, ulong Out, double Excess), (double, long)>();
        long order = 0;
        void Push(ulong fixIn, ulong fixOut)
        {
            if (Best(x, fixIn, fixOut) is { } b)
            {
                queue.Enqueue((b.S, fixIn, fixOut, b.Excess), (-b.Excess, order++));
            }
        }

        if (mixing is null)
        {
            Push(0, 0);
        }
        else
        {
            // Disjoint subspaces that together hold exactly the coalitions with some but not all of u_1..u_k: the first
            // member in S is u_a (a >= 2: u_1 is out, so not all), or u_1 is in and u_b is the first one out.
            var u = mixing.Members().ToArray();
            ulong before = 0;
            for (var a = 1; a < u.Length; a++)
            {
                before |= 1UL << u[a - 1];
                Push(1UL << u[a], before);
            }

            ulong holding = 0;
            for (var b = 1; b < u.Length; b++)
            {
                holding |= 1UL << u[b - 1];
                Push(holding, 1UL << u[b]);
            }
        }

        var splitOn = full;
        var mixingMask = mixing is null ? full : mixing.ToMask();
        while (queue.TryDequeue(out var top, out _))
        {
            splitOn = full;
            if (!skip.Contains(top.S))
            {
                var found = MemberSet.FromMask(playerCount, top.S);
                if (fixedSurplus is not null && fixedSurplus(found))
                {
                    splitOn = mixingMask;
                }

                yield return (found, top.Excess);
            }

            // Lawler: agree with the best of this subspace on the free members before b, differ on b (b among the
            // mixing players only when the whole class of the best is to be dropped).
            var (fixIn, fixOut) = (top.In, top.Out);
            for (var free = splitOn & ~(top.In | top.Out); free != 0; free &= free - 1)
            {
                var b = free & (~free + 1);
                if ((top.S & b) != 0)
                {
                    Push(fixIn, fixOut | b);
                    fixIn |= b;
                }
                else
                {
                    Push(fixIn | b, fixOut);
                    fixOut |= b;
                }
            }
        }
    }

    /// <summary>The coalition with members <paramref name="fixIn"/>, none of <paramref name="fixOut"/>, of largest excess.</summary>
    private (ulong S, double Excess)? Best(IReadOnlyList<double> x, ulong fixIn, ulong fixOut)
    {
        foreach (var p in parts)
        {
            p.Prepare(x, fixIn, fixOut);
        }

        var k = shared.Length;
        var bestExcess = double.NegativeInfinity;
        var bestPattern = -1;
        for (var a = 0; a < 1 << k; a++)
        {
            var total = 0.0;
            var ok = true;
            for (var j = 0; j < k && ok; j++)
            {
                var bit = 1UL << shared[j];
                var inS = (a & (1 << j)) != 0;
                ok = inS ? (fixOut & bit) == 0 : (fixIn & bit) == 0;
                total -= inS ? x[shared[j]] : 0;
            }

            for (var q = 0; q < parts.Length && ok; q++)
            {
                var score = parts[q].Score(a);
                ok = !double.IsNegativeInfinity(score);
                total += score;
            }

            if (ok && total > bestExcess)
            {
                (bestExcess, bestPattern) = (total, a);
            }
        }

        if (bestPattern < 0)
        {
            return null;
        }

        ulong s = 0;
        for (var j = 0; j < k; j++)
        {
            s |= (bestPattern & (1 << j)) != 0 ? 1UL << shared[j] : 0;
        }

        foreach (var p in parts)
        {
            s |= p.Chosen(bestPattern);
        }

        return (s, bestExcess);
    }

    /// <summary>One part's known values and, per separation, its best coalition for each pattern of its shared members.</summary>
    private sealed class PartTable
    {
        private readonly int[] members;
        private readonly int[] locals;
        private readonly double[] values;
        private readonly int[] patternOf;
        private readonly int[] sharedOfBit;
        private readonly int patterns;
        private readonly Dictionary<long, (double[] Score, int[] Local)> cache = [];
        private double[] bestScore;
        private int[] bestLocal;

        /// <summary>Restrictions kept per part and enumeration before the cache starts afresh (memory stays bounded).</summary>
        private const int MaxCached = 4096;

        public PartTable(int[] members, IReadOnlyList<(int Local, double Value)> known, int[] sharedIndex)
        {
            this.members = members;

            // The empty coalition (worth 0) is always known: a part may stay out entirely.
            var entries = known.Where(k => k.Local != 0).Prepend((0, 0.0)).ToArray();
            locals = [.. entries.Select(e => e.Item1)];
            values = [.. entries.Select(e => e.Item2)];
            var sharedBits = Enumerable.Range(0, members.Length).Where(t => sharedIndex[members[t]] >= 0).ToArray();
            sharedOfBit = [.. sharedBits.Select(t => sharedIndex[members[t]])];
            patternOf = new int[locals.Length];
            for (var e = 0; e < locals.Length; e++)
            {
                for (var u = 0; u < sharedBits.Length; u++)
                {
                    patternOf[e] |= (locals[e] & (1 << sharedBits[u])) != 0 ? 1 << u : 0;
                }
            }

            patterns = 1 << sharedBits.Length;
            bestScore = new double[patterns];
            bestLocal = new int[patterns];
            SharedMask = sharedBits.Aggregate(0, (m, t) => m | (1 << t));
        }

        private int SharedMask { get; }

        /// <summary>Forget the prepared tables: the split changed.</summary>
        public void ClearCache() => cache.Clear();

        public void Prepare(IReadOnlyList<double> x, ulong fixIn, ulong fixOut)
        {
            int localIn = 0, localOut = 0;
            for (var t = 0; t < members.Length; t++)
            {
                localIn |= (fixIn & (1UL << members[t])) != 0 ? 1 << t : 0;
                localOut |= (fixOut & (1UL << members[t])) != 0 ? 1 << t : 0;
            }

            // Lawler's subspaces fix a few members at a time, so most parts see the same restriction again and again
            // within one enumeration (one split): their tables are kept instead of rescanning every known coalition.
            var key = ((long)localIn << 32) | (uint)localOut;
            if (cache.TryGetValue(key, out var kept))
            {
                (bestScore, bestLocal) = kept;
                return;
            }

            if (cache.Count >= MaxCached)
            {
                cache.Clear();
            }

            bestScore = new double[patterns];
            bestLocal = new int[patterns];
            Array.Fill(bestScore, double.NegativeInfinity);
            for (var e = 0; e < locals.Length; e++)
            {
                var l = locals[e];
                if ((l & localIn) != localIn || (l & localOut) != 0)
                {
                    continue;
                }

                // The shared members' x is counted once, by the pattern, not by every part they are in.
                var privateX = 0.0;
                for (var rest = l & ~SharedMask; rest != 0; rest &= rest - 1)
                {
                    privateX += x[members[BitOperations.TrailingZeroCount(rest)]];
                }

                var score = values[e] - privateX;
                var pattern = patternOf[e];
                if (score > bestScore[pattern])
                {
                    (bestScore[pattern], bestLocal[pattern]) = (score, l);
                }
            }

            cache[key] = (bestScore, bestLocal);
        }

        /// <summary>The part's best score when the shared members in <paramref name="a"/> (by shared index) are in S.</summary>
        public double Score(int a) => bestScore[Pattern(a)];

        public ulong Chosen(int a)
        {
            var l = bestLocal[Pattern(a)];
            ulong s = 0;
            for (var t = 0; t < members.Length; t++)
            {
                s |= (l & (1 << t)) != 0 ? 1UL << members[t] : 0;
            }

            return s;
        }

        private int Pattern(int a)
        {
            var p = 0;
            for (var u = 0; u < sharedOfBit.Length; u++)
            {
                p |= (a & (1 << sharedOfBit[u])) != 0 ? 1 << u : 0;
            }

            return p;
        }
    }
}
