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
    /// The oracle of a benefit game made of explicit parts that the enumeration serves (<see cref="PartSearch.Serves"/>:
    /// at most <see cref="PartSearch.MaxPlayers"/> players, <see cref="MaxShared"/> members in more than one part, parts of
    /// at most <see cref="PartSearch.MaxPartMembers"/>); null when the game is not of that kind.
    /// </summary>
    public static PartsOracle? TryCreate(CooperativeGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        if (game.Kind != GameKind.Value || game.Parts is not { } list || list.Any(p => !p.Game.IsExplicit))
        {
            return null;
        }

        var search = PartSearch.Create(game.PlayerCount, list.Select(p => (p.Members.ToArray(), (IReadOnlyList<(int Local, double Value)>)p.Game.ToArray().Select((v, l) => (l, v)).ToArray())));
        return search is null ? null : new PartsOracle(game, search);
    }

    public double Value(MemberSet coalition)
    {
        ArgumentNullException.ThrowIfNull(coalition);
        return game.Value(coalition);
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
/// <remarks>
/// Lawler's subspaces are masks of the whole group: a ulong up to 64 players and a UInt128 up to
/// <see cref="MaxPlayers"/> (the JIT compiles each width on its own, so a group that fits 64 bits runs as before).
/// </remarks>
public abstract class PartSearch
{
    /// <summary>Players of the whole group a subspace mask holds (UInt128); constraint generation stops at 120 actors.</summary>
    public const int MaxPlayers = 128;

    /// <summary>A part of more members than this would have more known coalitions than an int mask and a scan can hold.</summary>
    public const int MaxPartMembers = 30;

    private protected PartSearch()
    {
    }

    /// <summary>
    /// Whether the enumeration can serve a group of <paramref name="playerCount"/> players made of parts with these
    /// members: at most <see cref="MaxPlayers"/> players, <see cref="PartsOracle.MaxShared"/> players in more than one
    /// part and <see cref="MaxPartMembers"/> members per part. The one test of both <see cref="Create"/> and the
    /// region's separation budget (which groups will need separation MILPs instead).
    /// </summary>
    public static bool Serves(int playerCount, IEnumerable<IReadOnlyCollection<int>> partMembers)
    {
        ArgumentNullException.ThrowIfNull(partMembers);
        if (playerCount > MaxPlayers)
        {
            return false;
        }

        var memberships = new int[playerCount];
        foreach (var p in partMembers)
        {
            if (p.Count > MaxPartMembers)
            {
                return false;
            }

            foreach (var m in p)
            {
                memberships[m]++;
            }
        }

        return memberships.Count(k => k > 1) <= PartsOracle.MaxShared;
    }

    /// <param name="parts">Per part, its members in the whole and the known (local mask, value) pairs; the empty
    /// coalition need not be listed.</param>
    /// <returns>Null when the search does not serve such parts (<see cref="Serves"/>).</returns>
    public static PartSearch? Create(int playerCount, IEnumerable<(int[] Members, IReadOnlyList<(int Local, double Value)> Known)> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var list = parts.ToList();
        if (!Serves(playerCount, list.Select(p => p.Members)))
        {
            return null;
        }

        return playerCount <= 64 ? new PartSearch<ulong>(playerCount, list) : new PartSearch<UInt128>(playerCount, list);
    }

    public Separation MostViolated(IReadOnlyList<double> x, IReadOnlyCollection<MemberSet> excluded)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(excluded);

        // The first of the ranking only: stopping before asking for a second spares the Lawler split of the first's subspace.
        foreach (var (s, e) in Ranked(x, excluded))
        {
            return new Separation(s, e, true);
        }

        return new Separation(null, double.NegativeInfinity, true);
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
    public abstract IEnumerable<(MemberSet Coalition, double Excess)> Ranked(IReadOnlyList<double> x, IReadOnlyCollection<MemberSet> excluded, MemberSet? mixing = null, Func<MemberSet, bool>? fixedSurplus = null);
}

/// <summary><see cref="PartSearch"/> with the whole group's subspaces as masks of one unsigned width.</summary>
internal sealed class PartSearch<TMask> : PartSearch
    where TMask : unmanaged, IBinaryInteger<TMask>, IUnsignedNumber<TMask>
{
    private readonly PartTable[] parts;
    private readonly int[] shared;
    private readonly TMask full;
    private readonly int playerCount;

    public PartSearch(int playerCount, List<(int[] Members, IReadOnlyList<(int Local, double Value)> Known)> list)
    {
        var width = TMask.Zero.GetByteCount() * 8;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(playerCount, width);
        this.playerCount = playerCount;
        full = playerCount == width ? TMask.AllBitsSet : (TMask.One << playerCount) - TMask.One;
        var n = playerCount;
        var memberships = new int[n];
        foreach (var p in list)
        {
            foreach (var m in p.Members)
            {
                memberships[m]++;
            }
        }

        shared = [.. Enumerable.Range(0, n).Where(i => memberships[i] > 1)];
        var sharedIndex = new int[n];
        Array.Fill(sharedIndex, -1);
        for (var j = 0; j < shared.Length; j++)
        {
            sharedIndex[shared[j]] = j;
        }

        // A player in no part is a null player: a part of its own worth 0 lets it join when its x_i is negative.
        var tables = list.Select(p => new PartTable(p.Members, p.Known, sharedIndex)).ToList();
        tables.AddRange(Enumerable.Range(0, n).Where(i => memberships[i] == 0).Select(i => new PartTable([i], [(1, 0.0)], sharedIndex)));
        parts = [.. tables];
    }

    private static TMask Bit(int player) => TMask.One << player;

    private static bool Has(TMask set, int player) => (set & Bit(player)) != TMask.Zero;

    public override IEnumerable<(MemberSet Coalition, double Excess)> Ranked(IReadOnlyList<double> x, IReadOnlyCollection<MemberSet> excluded, MemberSet? mixing = null, Func<MemberSet, bool>? fixedSurplus = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(excluded);
        return Walk(x, excluded, mixing, fixedSurplus);
    }

    private IEnumerable<(MemberSet Coalition, double Excess)> Walk(IReadOnlyList<double> x, IReadOnlyCollection<MemberSet> excluded, MemberSet? mixing, Func<MemberSet, bool>? fixedSurplus)
    {
        var skip = excluded.Select(e => e.ToBits<TMask>()).ToHashSet();
        skip.Add(TMask.Zero);
        skip.Add(full);
        foreach (var p in parts)
        {
            p.ClearCache();
        }

        var queue = new PriorityQueue<(TMask S, TMask In, TMask Out, double Excess), (double, long)>();
        long order = 0;
        void Push(TMask fixIn, TMask fixOut)
        {
            if (Best(x, fixIn, fixOut) is { } b)
            {
                queue.Enqueue((b.S, fixIn, fixOut, b.Excess), (-b.Excess, order++));
            }
        }

        if (mixing is null)
        {
            Push(TMask.Zero, TMask.Zero);
        }
        else
        {
            // Disjoint subspaces that together hold exactly the coalitions with some but not all of u_1..u_k: the first
            // member in S is u_a (a >= 2: u_1 is out, so not all), or u_1 is in and u_b is the first one out.
            var u = mixing.Members().ToArray();
            var before = TMask.Zero;
            for (var a = 1; a < u.Length; a++)
            {
                before |= Bit(u[a - 1]);
                Push(Bit(u[a]), before);
            }

            var holding = TMask.Zero;
            for (var b = 1; b < u.Length; b++)
            {
                holding |= Bit(u[b - 1]);
                Push(holding, Bit(u[b]));
            }
        }

        var mixingMask = mixing is null ? full : mixing.ToBits<TMask>();
        while (queue.TryDequeue(out var top, out _))
        {
            var splitOn = full;
            if (!skip.Contains(top.S))
            {
                var found = MemberSet.FromBits(playerCount, top.S);
                if (fixedSurplus is not null && fixedSurplus(found))
                {
                    splitOn = mixingMask;
                }

                yield return (found, top.Excess);
            }

            // Lawler: agree with the best of this subspace on the free members before b, differ on b (b among the
            // mixing players only when the whole class of the best is to be dropped).
            var (fixIn, fixOut) = (top.In, top.Out);
            for (var free = splitOn & ~(top.In | top.Out); free != TMask.Zero; free &= free - TMask.One)
            {
                var b = free & (~free + TMask.One);
                if ((top.S & b) != TMask.Zero)
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
    private (TMask S, double Excess)? Best(IReadOnlyList<double> x, TMask fixIn, TMask fixOut)
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
                var inS = (a & (1 << j)) != 0;
                ok = inS ? !Has(fixOut, shared[j]) : !Has(fixIn, shared[j]);
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

        var s = TMask.Zero;
        for (var j = 0; j < k; j++)
        {
            s |= (bestPattern & (1 << j)) != 0 ? Bit(shared[j]) : TMask.Zero;
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

        public void Prepare(IReadOnlyList<double> x, TMask fixIn, TMask fixOut)
        {
            int localIn = 0, localOut = 0;
            for (var t = 0; t < members.Length; t++)
            {
                localIn |= Has(fixIn, members[t]) ? 1 << t : 0;
                localOut |= Has(fixOut, members[t]) ? 1 << t : 0;
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

        public TMask Chosen(int a)
        {
            var l = bestLocal[Pattern(a)];
            var s = TMask.Zero;
            for (var t = 0; t < members.Length; t++)
            {
                s |= (l & (1 << t)) != 0 ? Bit(members[t]) : TMask.Zero;
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
