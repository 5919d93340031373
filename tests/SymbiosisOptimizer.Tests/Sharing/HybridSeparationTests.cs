using System.Collections.Immutable;
using System.Numerics;
using SymbiosisOptimizer.Assessment.Coalitions;
using SymbiosisOptimizer.Assessment.Sharing;
using SymbiosisOptimizer.Tests.Assessment;

namespace SymbiosisOptimizer.Tests.Sharing;

/// <summary>
/// The hybrid separation over parts (<see cref="HybridPartsOracle"/>): tabulated parts from their tables, the others by
/// a solve per pattern of their shared members. Expected values come from full enumeration of the whole game (its
/// table built here by additivity from the parts, not by the oracle) or by hand, never from the oracle's own output.
/// </summary>
public sealed class HybridSeparationTests : IClassFixture<ComponentPartsTests.Generated>
{
    private readonly RegionGame regionGame;

    /// <param name="generated">The generated 50-actor region of the benchmarks (8 towns, seed 1), shared with ComponentPartsTests.</param>
    public HybridSeparationTests(ComponentPartsTests.Generated generated)
    {
        ArgumentNullException.ThrowIfNull(generated);
        regionGame = generated.Game;
    }

    /// <summary>A table answered as if each answer were a MILP: the hybrid then treats the part as untabulated.</summary>
    private sealed class SolvedTable(IReadOnlyList<double> values) : IPartSolver
    {
        private readonly TablePartSolver table = new(values);

        public int Calls { get; private set; }

        public int PlayerCount => table.PlayerCount;

        public bool CostsSolve => true;

        public PartOptimum? PartBest(IReadOnlyList<double> xLocal, int fixIn, int fixOut, PartSize size)
        {
            Calls++;
            return table.PartBest(xLocal, fixIn, fixOut, size);
        }
    }

    /// <summary>A table answered as a relaxed MILP would: the right subset, a bound 1 above its score, not optimal.</summary>
    private sealed class RelaxedTable(IReadOnlyList<double> values) : IPartSolver
    {
        private readonly TablePartSolver table = new(values);

        public int PlayerCount => table.PlayerCount;

        public bool CostsSolve => true;

        public PartOptimum? PartBest(IReadOnlyList<double> xLocal, int fixIn, int fixOut, PartSize size) =>
            table.PartBest(xLocal, fixIn, fixOut, size) is { } o ? o with { UpperBound = o.Score + 1, Optimal = false } : null;
    }

    /// <summary>The whole game's table, v(S) = sum over parts of v_p(S n P_p), by additivity.</summary>
    private static double[] WholeTable(int n, IReadOnlyList<(int[] Members, double[] Values)> parts)
    {
        var whole = new double[1 << n];
        for (var s = 0; s < whole.Length; s++)
        {
            foreach (var (members, values) in parts)
            {
                var local = 0;
                for (var t = 0; t < members.Length; t++)
                {
                    local |= (s & (1 << members[t])) != 0 ? 1 << t : 0;
                }

                whole[s] += values[local];
            }
        }

        return whole;
    }

    /// <summary>The hybrid over explicit parts, those in <paramref name="solved"/> answered as untabulated; the whole
    /// group's fallback is enumeration over <paramref name="whole"/>.</summary>
    private static HybridPartsOracle Hybrid(int n, IReadOnlyList<(int[] Members, double[] Values)> parts, double[] whole, Func<int, bool> solved, int maxPartSolves = HybridPartsOracle.DefaultMaxPartSolves)
    {
        var game = CooperativeGame.FromValues(Enumerable.Range(0, n).Select(i => $"P{i}"), whole);
        return new HybridPartsOracle(
            n,
            whole[^1],
            parts.Select((p, i) => new HybridPart([.. p.Members], solved(i) ? new SolvedTable(p.Values) : new TablePartSolver(p.Values))),
            s => whole[(int)s.ToMask()],
            () => new EnumerationOracle(game),
            maxPartSolves: maxPartSolves);
    }

    /// <summary>Three parts in a ring over 9 players sharing 0, 3 and 6, with random values of mixed sign leaning superadditive.</summary>
    private static (int[] Members, double[] Values)[] RingParts(int seed)
    {
        var random = new Random(seed);
        int[][] members = [[0, 1, 2, 3], [3, 4, 5, 6], [6, 7, 8, 0]];
        return [.. members.Select(m =>
        {
            var values = new double[1 << m.Length];
            for (var l = 1; l < values.Length; l++)
            {
                var size = BitOperations.PopCount((uint)l);
                values[l] = (10 * size * size) + random.Next(-25, 26);
            }

            return (m, values);
        })];
    }

    private static double[] RandomSplit(Random random, int n, double total)
    {
        var raw = Enumerable.Range(0, n).Select(_ => random.NextDouble() + 0.1).ToArray();
        var sum = raw.Sum();
        return [.. raw.Select(r => (total * r / sum) + random.Next(-30, 31))];
    }

    // Full enumeration of the 2^9 coalitions (EnumerationOracle over the whole table) is the reference: at random
    // splits, with one, two or all three parts answered as untabulated, the hybrid's most violated coalition has the
    // largest excess, and it says so exactly (its bound is that excess).
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 7)]
    [InlineData(4, 5)]
    public void The_most_violated_coalition_matches_full_enumeration(int seed, int solvedMask)
    {
        var parts = RingParts(seed);
        var whole = WholeTable(9, parts);
        var reference = new EnumerationOracle(CooperativeGame.FromValues(Enumerable.Range(0, 9).Select(i => $"P{i}"), whole));
        var hybrid = Hybrid(9, parts, whole, i => (solvedMask & (1 << i)) != 0);
        var random = new Random(100 + seed);
        for (var trial = 0; trial < 12; trial++)
        {
            // Some splits far off efficiency (everybody wants in, or out) so the proper rule at the whole level matters.
            var total = trial switch { 0 => -2000, 1 => 20000, _ => whole[^1] };
            var x = RandomSplit(random, 9, total);
            var expected = reference.MostViolated(x, []);
            var actual = hybrid.MostViolated(x, []);
            Assert.NotNull(actual.Coalition);
            Assert.True(actual.Exact);
            var excess = whole[(int)actual.Coalition!.ToMask()] - actual.Coalition.Sum(x);
            Assert.Equal(expected.UpperBound, excess, 6);
            Assert.Equal(expected.UpperBound, actual.UpperBound, 6);
            Assert.InRange(actual.Coalition.Count, 1, 8);
        }

        Assert.Equal(0, hybrid.Fallbacks);
        Assert.True(hybrid.PartSolves > 0);
    }

    // The least-core value and the nucleolus by constraint generation over the hybrid equal those of the enumeration
    // methods on the whole table (one LP over all 511 coalitions; the sequence of LPs for the nucleolus).
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(6)]
    public void Least_core_and_nucleolus_equal_enumeration(int seed)
    {
        var parts = RingParts(seed);
        var whole = WholeTable(9, parts);
        var table = CooperativeGame.FromValues(Enumerable.Range(0, 9).Select(i => $"P{i}"), whole);
        var hybrid = Hybrid(9, parts, whole, i => i != 1);
        var lc = ConstraintGeneration.LeastCore(hybrid);
        Assert.True(lc.Certified);
        Assert.Equal(LeastCore.Compute(table).Epsilon!.Value, lc.Epsilon, 6);
        Assert.True(Nucleolus.HasImputations(table));
        var nucleolus = ConstraintGeneration.Nucleolus(hybrid);
        Assert.True(nucleolus.Certified);
        var reference = Nucleolus.Compute(table).Amounts;
        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(reference[i], nucleolus.Shares[i], 5);
        }
    }

    /// <summary>
    /// Parts A = {0, 1, 2} and B = {2, 3, 4} sharing player 2. A: v({0,1}) = 3, v({0,2}) = 10, v({0,1,2}) = 12, else 0;
    /// B: v({2,3}) = 10, v({2,3,4}) = 10, else 0 (local masks in member order).
    /// </summary>
    private static (int[] Members, double[] Values)[] TwoParts =>
    [
        ([0, 1, 2], [0, 0, 0, 3, 0, 10, 0, 12]),
        ([2, 3, 4], [0, 0, 0, 10, 0, 0, 0, 10]),
    ];

    // By hand. x = (1, 1, x2, 0, 2). With 2 in: A's best subset holding 2 is {0,1,2} at 12 - 2 = 10 ({0,2}: 9), B's is
    // {2,3} at 10 ({2,3,4}: 8), so the best is {0,1,2,3} at 20 - x2. With 2 out: A's best is {0,1} at 3 - 2 = 1, B's
    // the empty set (0; {3}: 0, {4}: -2), so {0,1} at 1. x2 = 15: {0,1,2,3} at 5; x2 = 25: {0,1} at 1.
    [Theory]
    [InlineData(15, new[] { 0, 1, 2, 3 }, 5)]
    [InlineData(25, new[] { 0, 1 }, 1)]
    public void The_shared_players_pattern_decides_the_answer(double x2, int[] expected, double excess)
    {
        var whole = WholeTable(5, TwoParts);
        var hybrid = Hybrid(5, TwoParts, whole, _ => true);
        var sep = hybrid.MostViolated([1, 1, x2, 0, 2], []);
        Assert.Equal(MemberSet.Of(5, expected), sep.Coalition);
        Assert.Equal(excess, sep.UpperBound, 9);
        Assert.True(sep.Exact);
    }

    // By hand, the proper rule. x = (5, 5, 25, 5, 5): with 2 out every part's best is its empty set, so the whole would
    // be empty; the best non-empty choice costs one part its best: a singleton at -5 (pairs: {0,1} at -7, {3,4} at
    // -10). With 2 in the best is {0,2} + {2,3} at 10 + 10 - 25 = -15. So -5, at a singleton other than {2}.
    // x = (-1, -1, -10, -1, -1): with 2 in both parts pick everybody (14 and 12), the whole at 36 is excluded; the best
    // not-whole change is B to {2,3} (11, a loss of 1; A to {0,2} loses 3): {0,1,2,3} at 35. With 2 out: {0,1} + {3,4} at 7.
    [Fact]
    public void The_whole_coalition_is_never_empty_nor_everybody()
    {
        var whole = WholeTable(5, TwoParts);
        var hybrid = Hybrid(5, TwoParts, whole, _ => true);
        var low = hybrid.MostViolated([5, 5, 25, 5, 5], []);
        Assert.Equal(-5, low.UpperBound, 9);
        Assert.Equal(1, low.Coalition!.Count);
        Assert.False(low.Coalition.Contains(2));
        var high = hybrid.MostViolated([-1, -1, -10, -1, -1], []);
        Assert.Equal(MemberSet.Of(5, [0, 1, 2, 3]), high.Coalition);
        Assert.Equal(35, high.UpperBound, 9);
    }

    // Excluding the best coalition, or a cap of part solves too small for one separation, hands the call to the whole
    // group's oracle: the answer is then the whole oracle's own (here enumeration over the whole table), and counted.
    [Fact]
    public void An_excluded_best_or_a_spent_cap_falls_back_to_the_whole_group()
    {
        var whole = WholeTable(5, TwoParts);
        var reference = new EnumerationOracle(CooperativeGame.FromValues(Enumerable.Range(0, 5).Select(i => $"P{i}"), whole));
        var hybrid = Hybrid(5, TwoParts, whole, _ => true);
        double[] x = [1, 1, 15, 0, 2];
        MemberSet[] excluded = [MemberSet.Of(5, [0, 1, 2, 3])];
        var expected = reference.MostViolated(x, excluded);
        var actual = hybrid.MostViolated(x, excluded);
        Assert.Equal(1, hybrid.Fallbacks);
        Assert.Equal(expected, actual);

        // Not the best one excluded: no fallback.
        Assert.Equal(MemberSet.Of(5, [0, 1, 2, 3]), hybrid.MostViolated(x, [MemberSet.Of(5, [0, 1])]).Coalition);
        Assert.Equal(1, hybrid.Fallbacks);

        // Two patterns of the shared player and two size answers per part exceed a cap of 3.
        var capped = Hybrid(5, TwoParts, whole, _ => true, maxPartSolves: 3);
        Assert.Equal(reference.MostViolated(x, []), capped.MostViolated(x, []));
        Assert.Equal(1, capped.Fallbacks);
        Assert.Equal(0, capped.PartSolves);
    }

    // By hand, with both parts relaxed (bound = score + 1, not optimal), x = (1, 1, 15, 0, 2) as above: pattern "2 in"
    // gives {0,1,2,3} at 5 with bound 11 + 11 - 15 = 7, pattern "2 out" {0,1} at 1 with bound 2 + 1 = 3; so the answer is
    // {0,1,2,3}, bound 7, not exact, and {0,1} is offered beside it. With {0,1,2,3} excluded a relaxed answer is only a
    // candidate anyway: the next pattern's best, {0,1}, with the bound over every pattern (7), and no fallback.
    [Fact]
    public void A_relaxed_answer_offers_the_next_patterns_best_instead_of_a_fallback()
    {
        var whole = WholeTable(5, TwoParts);
        var game = CooperativeGame.FromValues(Enumerable.Range(0, 5).Select(i => $"P{i}"), whole);
        var hybrid = new HybridPartsOracle(5, whole[^1], TwoParts.Select(p => new HybridPart([.. p.Members], new RelaxedTable(p.Values))), s => whole[(int)s.ToMask()], () => new EnumerationOracle(game));
        double[] x = [1, 1, 15, 0, 2];
        var first = hybrid.MostViolated(x, []);
        Assert.Equal(MemberSet.Of(5, [0, 1, 2, 3]), first.Coalition);
        Assert.Equal(7, first.UpperBound, 9);
        Assert.False(first.Exact);
        Assert.Equal(MemberSet.Of(5, [0, 1]), Assert.Single(first.More));

        var next = hybrid.MostViolated(x, [MemberSet.Of(5, [0, 1, 2, 3])]);
        Assert.Equal(MemberSet.Of(5, [0, 1]), next.Coalition);
        Assert.Equal(7, next.UpperBound, 9);
        Assert.False(next.Exact);
        Assert.Empty(next.More);
        Assert.Equal(0, hybrid.Fallbacks);
    }

    // On a real region group with independent parts, every part answered by its own separation MILP (ComponentOracle.
    // PartBest) with its shared members fixed: the least-core value and the nucleolus equal the enumeration methods' on
    // the group's full table (every coalition solved by the region game itself, AllValues), and so do the largest
    // excesses at random splits.
    [Fact]
    public void Part_MILPs_on_a_region_group_equal_full_enumeration()
    {
        var small = regionGame.Components.Where(c => c.Players.Length <= 12 && c.Parts.Length > 1
            && HybridPartsOracle.Serves(c.Players.Length, c.Parts.Select(p => (IReadOnlyCollection<int>)p.Members))).MaxBy(c => c.Players.Length)!;
        Assert.NotNull(small);
        var n = small.Players.Length;
        var table = CooperativeGame.FromValues(small.Players, small.AllValues(1));

        // Sampled parts (a cap of one coalition, no exact size): the region's own wiring then picks the hybrid.
        var coop = RegionSharing.Game(small, 1, 10, maxSolves: 1);
        Assert.All(coop.Parts!.Value, p => Assert.False(p.Game.IsExplicit));
        var hybrid = Assert.IsType<HybridPartsOracle>(GeneratedSharing.Oracle(small, coop));

        var reference = new EnumerationOracle(table);
        var random = new Random(5);
        for (var trial = 0; trial < 4; trial++)
        {
            var x = RandomSplit(random, n, table.GrandValue);
            var expected = reference.MostViolated(x, []).UpperBound;
            var sep = hybrid.MostViolated(x, []);
            var scale = Math.Max(1, Math.Abs(table.GrandValue));
            Assert.Equal(expected / scale, (table.Value(sep.Coalition!) - sep.Coalition!.Sum(x)) / scale, 6);
            Assert.Equal(expected / scale, sep.UpperBound / scale, 6);
        }

        var lc = ConstraintGeneration.LeastCore(hybrid);
        Assert.True(lc.Certified);
        var s = Math.Max(1, Math.Abs(table.GrandValue));
        Assert.Equal(LeastCore.Compute(table).Epsilon!.Value / s, lc.Epsilon / s, 6);
        if (Nucleolus.HasImputations(table))
        {
            var nucleolus = ConstraintGeneration.Nucleolus(hybrid);
            Assert.True(nucleolus.Certified);
            var amounts = Nucleolus.Compute(table).Amounts;
            for (var i = 0; i < n; i++)
            {
                Assert.Equal(amounts[i] / s, nucleolus.Shares[i] / s, 5);
            }
        }

        Assert.True(hybrid.PartSolves > 0);
    }

    // The guess over coalitions already valued works through the hybrid as through the whole group's oracle: both
    // read the parts' caches, so at the same split and exclusions they propose the same coalition.
    [Fact]
    public void The_guess_over_valued_coalitions_is_the_whole_groups()
    {
        var large = regionGame.Components.MaxBy(c => c.Players.Length)!;
        var coop = RegionSharing.Game(large, 12, 2000);
        foreach (var p in large.Parts)
        {
            _ = p.Game.AllValues(1);
        }

        var parts = large.Parts.Select(p => new HybridPart(p.Members, new TablePartSolver(p.Game.AllValues(1))));
        var hybrid = new HybridPartsOracle(large.Players.Length, large.GrandValue, parts, coop.Value, () => new ComponentOracle(large), (x, e) => ComponentOracle.KnownGuess(large, x, e));
        var whole = new ComponentOracle(large);
        var random = new Random(9);
        var x = RandomSplit(random, large.Players.Length, large.GrandValue);
        var guessed = hybrid.Guess(x, []);
        Assert.NotNull(guessed);
        Assert.Equal(whole.Guess(x, []), guessed);
        Assert.Equal(whole.Guess(x, [guessed!]), hybrid.Guess(x, [guessed!]));
        _ = ImmutableArray<int>.Empty;
    }
}
