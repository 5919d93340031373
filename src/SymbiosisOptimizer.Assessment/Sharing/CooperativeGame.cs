using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;

namespace SymbiosisOptimizer.Assessment.Sharing;

/// <summary>
/// An immutable transferable-utility game. Coalitions are bitmasks over <see cref="Players"/>:
/// bit i set means player i is a member, so the order of <see cref="Players"/> is part of the game's identity.
/// </summary>
/// <remarks>
/// Explicit games store v(S) for all 2^n coalitions (n at most <see cref="MaxExplicitPlayers"/>), which every
/// method needs. Oracle games call a function per coalition and are meant for sampled Shapley on games too large
/// to tabulate (e.g. 50 firms); exact methods refuse them. A game made of parts may have any number of players as
/// long as each part fits a mask: coalitions of the whole are then only masks up to <see cref="MaxMaskPlayers"/>
/// players (<see cref="HasCoalitionMasks"/>), and what it is asked beyond that (v(N), v({i}), Shapley) is answered
/// part by part.
/// </remarks>
public sealed class CooperativeGame
{
    /// <summary>2^20 doubles is 8 MB; beyond that tabulation and the O(n 2^n) methods stop being interactive.</summary>
    public const int MaxExplicitPlayers = 20;

    /// <summary>Coalitions are ulong bitmasks.</summary>
    public const int MaxMaskPlayers = 64;

    /// <summary>An oracle is asked by coalition mask.</summary>
    public const int MaxOraclePlayers = MaxMaskPlayers;

    private readonly double[]? values;
    private readonly Func<ulong, double>? oracle;
    private readonly Dictionary<string, int> indexByName;

    private CooperativeGame(ImmutableArray<string> players, GameKind kind, double[]? values, Func<ulong, double>? oracle, ImmutableArray<ulong>? links = null, ImmutableArray<GamePart>? parts = null)
    {
        Players = players;
        Kind = kind;
        this.values = values;
        this.oracle = oracle;
        Links = links;
        Parts = parts;
        indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < players.Length; i++)
        {
            indexByName.Add(players[i], i);
        }
    }

    public ImmutableArray<string> Players { get; }

    public GameKind Kind { get; }

    public int PlayerCount => Players.Length;

    /// <summary>
    /// Optional interaction graph, as a neighbour mask per player: the promise that v(S) is the sum of v over the
    /// pieces of S these links connect (a graph-restricted game, Myerson 1977). Then every coalition that is not
    /// connected has Harsanyi dividend 0, which lets sampled Shapley skip those coalitions in its control variate.
    /// Null when nothing is known.
    /// </summary>
    public ImmutableArray<ulong>? Links { get; }

    /// <summary>
    /// Set when the game is a sum of smaller games, v(S) = sum over parts of v_part(S n members): the Shapley value is
    /// then the sum of the parts' values (linearity, and a player outside a part is a null player of it), so it is
    /// exact when every part is explicit, however many players the whole has.
    /// </summary>
    public ImmutableArray<GamePart>? Parts { get; }

    /// <summary>True when <see cref="Shapley.Exact"/> can run: all values tabulated, or a sum of parts that all can.</summary>
    public bool HasExactShapley => IsExplicit || (Parts is { } parts && parts.All(p => p.Game.HasExactShapley));

    /// <summary>True when every coalition value is tabulated, which exact methods require.</summary>
    public bool IsExplicit => values is not null;

    /// <summary>
    /// False for a game of parts with more than <see cref="MaxMaskPlayers"/> players: its coalitions cannot be
    /// written as masks, so <see cref="Value(ulong)"/> and the other mask members refuse it (<see cref="Value(MemberSet)"/> asks the parts).
    /// </summary>
    public bool HasCoalitionMasks => PlayerCount <= MaxMaskPlayers;

    public ulong GrandCoalition => RequireMasks() == 64 ? ulong.MaxValue : (1UL << PlayerCount) - 1;

    /// <summary>v(N): the benefit (or cost) of everybody cooperating.</summary>
    public double GrandValue => Parts is { } parts ? parts.Sum(p => p.Game.GrandValue) : Value(GrandCoalition);

    /// <summary>
    /// Builds an explicit game from values indexed by coalition bitmask; <paramref name="valuesByMask"/> must have
    /// 2^n entries and entry 0 (the empty coalition) must be 0.
    /// </summary>
    public static CooperativeGame FromValues(IEnumerable<string> players, IReadOnlyList<double> valuesByMask, GameKind kind = GameKind.Value)
    {
        ArgumentNullException.ThrowIfNull(valuesByMask);
        var ids = ValidatePlayers(players, MaxExplicitPlayers);
        int size = 1 << ids.Length;
        if (valuesByMask.Count != size)
        {
            throw new ArgumentException($"A game with {ids.Length} players needs {size} coalition values, got {valuesByMask.Count}.", nameof(valuesByMask));
        }

        var copy = new double[size];
        for (int mask = 0; mask < size; mask++)
        {
            double v = valuesByMask[mask];
            if (!double.IsFinite(v))
            {
                throw new ArgumentException($"The value of coalition {mask} is not finite.", nameof(valuesByMask));
            }

            copy[mask] = v;
        }

        if (copy[0] != 0.0)
        {
            throw new ArgumentException("The empty coalition must have value 0.", nameof(valuesByMask));
        }

        return new CooperativeGame(ids, kind, copy, null);
    }

    /// <summary>Tabulates <paramref name="valueOf"/> for every coalition (the empty one is forced to 0).</summary>
    public static CooperativeGame FromFunction(IEnumerable<string> players, Func<ulong, double> valueOf, GameKind kind = GameKind.Value)
    {
        ArgumentNullException.ThrowIfNull(valueOf);
        var ids = ValidatePlayers(players, MaxExplicitPlayers);
        var table = new double[1 << ids.Length];
        for (int mask = 1; mask < table.Length; mask++)
        {
            table[mask] = valueOf((ulong)mask);
        }

        return FromValues(ids, table, kind);
    }

    /// <summary>
    /// A lazy game for sampled Shapley on large player sets. The oracle is called for each coalition a method
    /// needs, possibly many times, so it should be cheap and must be deterministic; it is never called for the empty
    /// coalition, which is worth 0.
    /// </summary>
    public static CooperativeGame FromOracle(IEnumerable<string> players, Func<ulong, double> oracle, GameKind kind = GameKind.Value)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        var ids = ValidatePlayers(players, MaxOraclePlayers);
        return new CooperativeGame(ids, kind, null, oracle);
    }

    public double Value(ulong coalition)
    {
        RequireMasks();
        if ((coalition & ~GrandCoalition) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(coalition), "The coalition contains bits beyond the last player.");
        }

        if (coalition == 0)
        {
            return 0.0;
        }

        return values is not null ? values[(int)coalition] : oracle!(coalition);
    }

    /// <summary>
    /// v(S) for a coalition of any size: a game of parts sums its parts' values of the projections (the same sum, in the
    /// same order, as its mask value), so a game of more than <see cref="MaxMaskPlayers"/> players is valued too.
    /// </summary>
    public double Value(MemberSet coalition)
    {
        ArgumentNullException.ThrowIfNull(coalition);
        if (coalition.PlayerCount != PlayerCount)
        {
            throw new ArgumentException($"The coalition is of a game of {coalition.PlayerCount} players, this one has {PlayerCount}.", nameof(coalition));
        }

        return Parts is { } parts ? parts.Sum(p => p.Game.Value(p.Project(coalition))) : Value(coalition.ToMask());
    }

    /// <summary>
    /// The game v(S) = sum over <paramref name="parts"/> of part.Game.Value(S restricted to part.Members), where
    /// bit k of a part's coalition stands for player part.Members[k] of this game. Parts must share one kind, and a
    /// player may belong to several parts or none (a player in none is a null player).
    /// </summary>
    public static CooperativeGame FromParts(IEnumerable<string> players, IEnumerable<GamePart> parts, GameKind kind = GameKind.Value)
    {
        ArgumentNullException.ThrowIfNull(parts);

        // No limit on the whole: everything but a coalition mask of it is answered by the parts, which have masks.
        var ids = ValidatePlayers(players, int.MaxValue);
        var list = parts.ToImmutableArray();
        foreach (var part in list)
        {
            if (part.Game.Kind != kind)
            {
                throw new ArgumentException("Every part must be of the game's kind.", nameof(parts));
            }

            if (part.Members.Length != part.Game.PlayerCount || part.Members.Any(m => m < 0 || m >= ids.Length) || part.Members.Distinct().Count() != part.Members.Length)
            {
                throw new ArgumentException("A part needs one distinct member of the game per player of its own.", nameof(parts));
            }
        }

        return new CooperativeGame(ids, kind, null, s => list.Sum(p => p.Game.Value(p.Project(s))), null, list);
    }

    /// <summary>
    /// The same game with an interaction graph (see <see cref="Links"/>); links are made symmetric. The caller vouches
    /// that coalitions split into linked pieces add up: nothing here can check that without every coalition value.
    /// </summary>
    public CooperativeGame WithLinks(IReadOnlyList<ulong> neighbours)
    {
        ArgumentNullException.ThrowIfNull(neighbours);
        RequireMasks();
        if (neighbours.Count != PlayerCount)
        {
            throw new ArgumentException($"Links need one neighbour mask per player ({PlayerCount}), got {neighbours.Count}.", nameof(neighbours));
        }

        var symmetric = new ulong[PlayerCount];
        for (int i = 0; i < PlayerCount; i++)
        {
            ulong mask = neighbours[i] & ~(1UL << i);
            if ((mask & ~GrandCoalition) != 0)
            {
                throw new ArgumentException($"The links of player {i} name players beyond the last one.", nameof(neighbours));
            }

            symmetric[i] |= mask;
            foreach (int j in Members(mask))
            {
                symmetric[j] |= 1UL << i;
            }
        }

        return new CooperativeGame(Players, Kind, values, oracle, [.. symmetric]);
    }

    /// <summary>v({i}): what player i achieves (or pays) alone.</summary>
    public double Standalone(int player)
    {
        if (Parts is not { } parts)
        {
            return Value(1UL << player);
        }

        ArgumentOutOfRangeException.ThrowIfNegative(player);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(player, PlayerCount);
        double sum = 0.0;
        foreach (var part in parts)
        {
            int k = part.Members.IndexOf(player);
            if (k >= 0)
            {
                sum += part.Game.Standalone(k);
            }
        }

        return sum;
    }

    /// <summary>
    /// v(N) - v(N \ {i}): what player i adds to everybody else (its separable contribution). Answered part by part for
    /// a game of parts, so it works at any size.
    /// </summary>
    public double MarginalToGrand(int player)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(player);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(player, PlayerCount);
        if (Parts is { } parts)
        {
            var sum = 0.0;
            foreach (var part in parts)
            {
                var k = part.Members.IndexOf(player);
                if (k >= 0)
                {
                    sum += part.Game.MarginalToGrand(k);
                }
            }

            return sum;
        }

        return GrandValue - Value(GrandCoalition & ~(1UL << player));
    }

    public int IndexOf(string player) =>
        indexByName.TryGetValue(player, out int index)
            ? index
            : throw new KeyNotFoundException($"Player '{player}' is not part of this game.");

    public ulong Coalition(params string[] members)
    {
        ArgumentNullException.ThrowIfNull(members);
        RequireMasks();
        ulong mask = 0;
        foreach (var member in members)
        {
            mask |= 1UL << IndexOf(member);
        }

        return mask;
    }

    /// <summary>Members joined with '+' in player order, the notation the CSV format uses; "{}" for the empty coalition.</summary>
    public string CoalitionName(ulong coalition)
    {
        if (coalition == 0)
        {
            return "{}";
        }

        return string.Join('+', Members(coalition).Select(i => Players[i]));
    }

    public IEnumerable<int> Members(ulong coalition)
    {
        while (coalition != 0)
        {
            int i = BitOperations.TrailingZeroCount(coalition);
            yield return i;
            coalition &= coalition - 1;
        }
    }

    /// <summary>A copy of v indexed by coalition mask. Explicit games only.</summary>
    public double[] ToArray() => (double[])RequireExplicit("ToArray").Clone();

    /// <summary>
    /// The benefit game to feed methods defined for benefit games. For a cost game this is the savings game
    /// s(S) = sum_{i in S} c({i}) - c(S): what S saves by cooperating instead of everyone going alone.
    /// A benefit game is returned unchanged.
    /// </summary>
    public CooperativeGame ToSavingsGame()
    {
        if (Kind == GameKind.Value)
        {
            return this;
        }

        var standalone = Enumerable.Range(0, PlayerCount).Select(Standalone).ToArray();
        double SavingsOf(ulong s, double cost)
        {
            double sum = 0;
            foreach (int i in Members(s))
            {
                sum += standalone[i];
            }

            return sum - cost;
        }

        if (Parts is { } parts)
        {
            // Standalone costs are sums over parts too, so the savings game is the sum of the parts' savings games.
            return FromParts(Players, parts.Select(p => p with { Game = p.Game.ToSavingsGame() }));
        }

        if (values is null)
        {
            var costOracle = oracle!;
            // Savings of a graph-restricted cost game add up over the same pieces, so the links carry over.
            return new CooperativeGame(Players, GameKind.Value, null, s => SavingsOf(s, costOracle(s)), Links);
        }

        var savings = new double[values.Length];
        for (int mask = 1; mask < values.Length; mask++)
        {
            savings[mask] = SavingsOf((ulong)mask, values[mask]);
        }

        return new CooperativeGame(Players, GameKind.Value, savings, null, Links);
    }

    /// <summary>
    /// Maps an allocation of the savings game back to cost shares: a player that receives y_i of the savings pays
    /// its standalone cost minus y_i. For a benefit game the amounts are returned unchanged.
    /// </summary>
    public ImmutableArray<double> FromSavingsAmounts(IReadOnlyList<double> savingsShares)
    {
        ArgumentNullException.ThrowIfNull(savingsShares);
        if (Kind == GameKind.Value)
        {
            return [.. savingsShares];
        }

        var result = new double[PlayerCount];
        for (int i = 0; i < PlayerCount; i++)
        {
            result[i] = Standalone(i) - savingsShares[i];
        }

        return [.. result];
    }

    /// <summary>The inverse of <see cref="FromSavingsAmounts"/>.</summary>
    public ImmutableArray<double> ToSavingsAmounts(IReadOnlyList<double> amounts) => FromSavingsAmounts(amounts);

    private int RequireMasks() =>
        HasCoalitionMasks
            ? PlayerCount
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"This game of {PlayerCount} players is a sum of parts; its coalitions are too large for a mask of {MaxMaskPlayers} players, so ask its parts."));

    internal double[] RequireExplicit(string method) =>
        values ?? throw new InvalidOperationException(
            $"{method} needs every coalition value; this game is given by an oracle. Use sampled Shapley instead.");

    private static ImmutableArray<string> ValidatePlayers(IEnumerable<string> players, int max)
    {
        ArgumentNullException.ThrowIfNull(players);
        var ids = players.ToImmutableArray();
        if (ids.Length == 0)
        {
            throw new ArgumentException("A game needs at least one player.", nameof(players));
        }

        if (ids.Length > max)
        {
            throw new ArgumentException($"A game of this kind supports at most {max} players, got {ids.Length}.", nameof(players));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new ArgumentException("Player ids must not be empty.", nameof(players));
            }

            if (!seen.Add(id))
            {
                throw new ArgumentException($"Player '{id}' appears twice.", nameof(players));
            }
        }

        return ids;
    }
}

/// <summary>One summand of a game made of parts (<see cref="CooperativeGame.FromParts"/>).</summary>
/// <param name="Members">For each player of <paramref name="Game"/>, its index in the whole game.</param>
public sealed record GamePart(ImmutableArray<int> Members, CooperativeGame Game)
{
    /// <summary>The part's own coalition mask for a coalition of the whole game.</summary>
    public ulong Project(ulong coalition)
    {
        ulong mask = 0;
        for (int k = 0; k < Members.Length; k++)
        {
            if ((coalition & (1UL << Members[k])) != 0)
            {
                mask |= 1UL << k;
            }
        }

        return mask;
    }

    /// <summary>The part's own coalition mask for a coalition of the whole game of any size.</summary>
    public ulong Project(MemberSet coalition)
    {
        ArgumentNullException.ThrowIfNull(coalition);
        ulong mask = 0;
        for (int k = 0; k < Members.Length; k++)
        {
            if (coalition.Contains(Members[k]))
            {
                mask |= 1UL << k;
            }
        }

        return mask;
    }
}
