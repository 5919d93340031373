using System.Collections.Immutable;
using SymbiosisOptimizer.Assessment.Sharing;

namespace SymbiosisOptimizer.Tests.Sharing;

/// <summary>
/// Separation by enumeration over the parts of a game of more than 64 players (a region group of 77 actors and more):
/// Lawler's subspaces as UInt128 masks, values of the whole answered part by part. Every expected figure is derived by
/// hand from the parts (additivity), never read from the code.
/// </summary>
public class WidePartsTests
{
    private static readonly double[] Majority = [0, 0, 0, 1000, 0, 1000, 1000, 1200];

    /// <summary>
    /// k disjoint copies of the three-player majority game scaled by 1000 (v(i) = 0, v(ij) = 1000, v(ijk) = 1200), on
    /// players 3p, 3p+1, 3p+2, followed by <paramref name="extra"/> parts given as (members, values).
    /// </summary>
    private static CooperativeGame Majorities(int k, params (int[] Members, double[] Values)[] extra)
    {
        var offset = extra.Length == 0 ? 0 : extra.Max(e => e.Members.Max()) + 1;
        var n = offset + (3 * k);
        var parts = extra.Select((e, i) => new GamePart([.. e.Members], CooperativeGame.FromValues(Enumerable.Range(0, e.Members.Length).Select(t => $"e{i}.{t}"), e.Values))).ToList();
        parts.AddRange(Enumerable.Range(0, k).Select(p => new GamePart([offset + (3 * p), offset + (3 * p) + 1, offset + (3 * p) + 2], CooperativeGame.FromValues(["a", "b", "c"], Majority))));
        return CooperativeGame.FromParts(Enumerable.Range(0, n).Select(i => $"P{i}"), parts);
    }

    // By hand, for k disjoint majority games: at any efficient split let d_p = x(part p) - 1200 (sum of d_p = 0). The
    // three pairs of part p have excesses averaging 1000 - (2/3) x(part p) = 200 - 2 d_p / 3, so the coalition made of
    // the best pair of every part is proper and has excess at least the sum, 200 k. The equal split (400 each) reaches
    // it: every part's best term is a pair at 200 (a singleton is at -400, its empty and whole subsets at 0). So
    // epsilon* = 200 k: 4 200 for 21 parts (63 players, ulong masks) and 4 600 for 23 parts (69 players, UInt128).
    [Theory]
    [InlineData(21)]
    [InlineData(23)]
    public void The_least_core_of_disjoint_majority_games_is_200_per_part(int k)
    {
        var game = Majorities(k);
        Assert.Equal(k > 21, !game.HasCoalitionMasks);
        var oracle = PartsOracle.TryCreate(game);
        Assert.NotNull(oracle);
        var lc = ConstraintGeneration.LeastCore(oracle);
        Assert.True(lc.Certified);
        Assert.Equal(200.0 * k, lc.Epsilon, 6);
        Assert.Equal(1200.0 * k, lc.Shares.Sum(), 6);
    }

    // One majority game on players 0..2 and dummy players 3, 4, ..., each a part of its own worth c_i = i (so
    // v(S) = v_majority(S n {0, 1, 2}) + sum of c_i over the dummies in S). By hand: the prenucleolus gives a dummy
    // its standalone value and, by the reduced-game property, the others the prenucleolus of their own game (Peleg &
    // Sudholter, Introduction to the Theory of Cooperative Games, 2nd ed. 2007, ch. 6); the majority game's is
    // (400, 400, 400) (symmetric and unique). It is individually rational, so it is the nucleolus too. With 61 dummies
    // the 64 players fit a ulong mask, with 66 the 69 need UInt128: the same answer either way.
    [Theory]
    [InlineData(61)]
    [InlineData(66)]
    public void The_nucleolus_beyond_64_players_gives_dummies_their_own_value(int count)
    {
        var n = 3 + count;
        var dummies = Enumerable.Range(3, count).Select(i => (Members: new[] { i }, Values: new double[] { 0, i })).ToArray();
        var game = CooperativeGame.FromParts(
            Enumerable.Range(0, n).Select(i => $"P{i}"),
            [new GamePart([0, 1, 2], CooperativeGame.FromValues(["a", "b", "c"], Majority)), .. dummies.Select(d => new GamePart([.. d.Members], CooperativeGame.FromValues(["d"], d.Values)))]);
        var nucleolus = ConstraintGeneration.Nucleolus(PartsOracle.TryCreate(game)!);
        Assert.True(nucleolus.Certified);
        double[] expected = [400, 400, 400, .. Enumerable.Range(3, count).Select(i => (double)i)];
        Assert.Equal(n, nucleolus.Shares.Length);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(expected[i], nucleolus.Shares[i], 5);
        }
    }

    /// <summary>Two parts sharing player 2 over players 0..4: {0, 1, 2} worth 300 only together (a pair 100), {2, 3, 4} a majority game.</summary>
    private static (int[] Members, double[] Values)[] Overlapping =>
    [
        ([0, 1, 2], [0, 0, 0, 100, 0, 100, 100, 300]),
        ([2, 3, 4], Majority),
    ];

    // With the two overlapping parts first (players 0..4) and 22 majority games (players 5..70), 71 players in all, the
    // excess of a coalition is the sum of its excesses on the block 0..4 and on each majority part (additivity), so the
    // most violated coalition takes the best subset of each block on its own, by hand:
    // - block 0..4 at x = (50, 50, 100, 300, 350), excess = v_first(T n {0,1,2}) + v_majority(T n {2,3,4}) - x(T):
    //   {0, 1, 2, 3}: 300 + 1000 - 500 = 800; {0, 1, 2, 4}: 300 + 1000 - 550 = 750; {0, 1, 2, 3, 4}: 1500 - 850 = 650;
    //   {0, 2, 3} and {1, 2, 3}: 100 + 1000 - 450 = 650; {2, 3}: 600; {2, 3, 4}: 450; {3, 4}: 350; {0, 1, 2}: 100;
    //   every other subset less: best 800, next 750;
    // - each majority part at (300, 400, 500): the pair {a, b}, 1000 - 700 = 300, next {a, c} at 200 (b, c: 100; all: 0);
    // so the largest excess is 800 + 22 x 300 = 7 400, of {0, 1, 2, 3} and the first two of every majority part; the
    // next is the same with the block's next best (a loss of 50, against 100 in a majority part): 7 350, {0, 1, 2, 4}.
    [Fact]
    public void The_most_violated_coalition_of_71_players_is_the_best_of_each_block()
    {
        var game = Majorities(22, Overlapping);
        Assert.Equal(71, game.PlayerCount);
        var oracle = PartsOracle.TryCreate(game)!;
        double[] x = [50, 50, 100, 300, 350, .. Enumerable.Range(0, 22).SelectMany(_ => new double[] { 300, 400, 500 })];
        var pairs = Enumerable.Range(0, 22).SelectMany(p => new[] { 5 + (3 * p), 6 + (3 * p) }).ToArray();
        var best = oracle.MostViolated(x, []);
        Assert.True(best.Exact);
        Assert.Equal(7400, best.UpperBound, 9);
        Assert.Equal([0, 1, 2, 3, .. pairs], best.Coalition!.Members());
        Assert.Equal(7400, game.Value(best.Coalition) - best.Coalition.Sum(x), 9);

        var second = oracle.MostViolated(x, [best.Coalition]);
        Assert.Equal(7350, second.UpperBound, 9);
        Assert.Equal([0, 1, 2, 4, .. pairs], second.Coalition!.Members());
    }

    // v(S) of a game of parts larger than a mask, by hand: S holds the pair {0, 1} of the first part (100), none of
    // the second (0), and of the majority parts the whole first (1 200), a pair of the second (1 000) and one
    // player of the third (0): 2 300.
    [Fact]
    public void A_coalition_of_a_game_beyond_64_players_is_valued_part_by_part()
    {
        var game = Majorities(22, Overlapping);
        var s = MemberSet.Of(71, [0, 1, 5, 6, 7, 8, 9, 11]);
        Assert.Equal(2300, game.Value(s), 9);
        Assert.Throws<InvalidOperationException>(() => game.Value(0UL));
    }

    // What the enumeration serves, at its limits: 128 players but not 129; 12 players in two parts but not 13; a part
    // of 30 members but not 31.
    [Fact]
    public void The_parts_search_serves_up_to_128_players_12_shared_and_parts_of_30()
    {
        static IReadOnlyCollection<int>[] Pairs(int n) => [.. Enumerable.Range(0, n / 2).Select(p => (IReadOnlyCollection<int>)ImmutableArray.Create(2 * p, (2 * p) + 1))];
        Assert.True(PartSearch.Serves(128, Pairs(128)));
        Assert.False(PartSearch.Serves(129, Pairs(128)));

        // A chain of parts {0,1}, {1,2}, ..., sharing each inner player: k + 1 parts share k players.
        static IReadOnlyCollection<int>[] Chain(int shared) => [.. Enumerable.Range(0, shared + 1).Select(p => (IReadOnlyCollection<int>)ImmutableArray.Create(p, p + 1))];
        Assert.True(PartSearch.Serves(100, Chain(12)));
        Assert.False(PartSearch.Serves(100, Chain(13)));

        Assert.True(PartSearch.Serves(100, [[.. Enumerable.Range(0, 30)]]));
        Assert.False(PartSearch.Serves(100, [[.. Enumerable.Range(0, 31)]]));
    }

    // A set of 71 players written as a UInt128 mask and back is the same set, and a mask too narrow is refused.
    [Fact]
    public void A_member_set_round_trips_through_a_wide_mask()
    {
        var s = MemberSet.Of(71, [0, 63, 64, 70]);
        var mask = s.ToBits<UInt128>();
        Assert.Equal((UInt128.One << 0) | (UInt128.One << 63) | (UInt128.One << 64) | (UInt128.One << 70), mask);
        Assert.Equal(s, MemberSet.FromBits(71, mask));
        Assert.Throws<InvalidOperationException>(() => s.ToBits<ulong>());
    }
}
