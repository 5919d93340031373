using SymbiosisOptimizer.Assessment.Sharing;

namespace SymbiosisOptimizer.Tests.Sharing;

/// <summary>
/// The lazy ranking of a game of parts (what the nucleolus walks once per split): checked against a scan of every
/// coalition of the tabulated whole, and the nucleolus it drives against the one-LP-per-stage enumeration nucleolus.
/// </summary>
public class RankedWalkTests
{
    /// <summary>
    /// Three explicit parts over players 0..5: {0,1,2} and {2,3} random and superadditive (sharing player 2), and {4,5} additive
    /// (v = sum of the standalone values, no synergy), so that the nucleolus fixes players 4 and 5 early and the walk
    /// meets the coalitions of fixed players that the mixing restriction must skip. The same game tabulated whole.
    /// </summary>
    private static (CooperativeGame Parts, CooperativeGame Whole) ThreeParts(int seed)
    {
        var random = new Random(seed);
        // Size k is worth 15 k^2 +- 10: a pair at least 50 against two singles of at most 25 each, a triple at least 125
        // against three of at most 75, so every part (and so the whole) has imputations.
        double[] Part(int n) => [0, .. Enumerable.Range(1, (1 << n) - 1).Select(s => Math.Round((15.0 * System.Numerics.BitOperations.PopCount((uint)s) * System.Numerics.BitOperations.PopCount((uint)s)) + (random.NextDouble() * 20) - 10, 2))];
        var a = CooperativeGame.FromValues(["a0", "a1", "a2"], Part(3));
        var b = CooperativeGame.FromValues(["b0", "b1"], Part(2));
        var c = CooperativeGame.FromValues(["c0", "c1"], [0, 5, 7, 12]);
        string[] players = ["P0", "P1", "P2", "P3", "P4", "P5"];
        var parts = CooperativeGame.FromParts(players, [new GamePart([0, 1, 2], a), new GamePart([2, 3], b), new GamePart([4, 5], c)]);
        var whole = CooperativeGame.FromFunction(players, parts.Value);
        return (parts, whole);
    }

    private static double Excess(CooperativeGame whole, ulong s, double[] x) =>
        whole.Value(s) - Enumerable.Range(0, whole.PlayerCount).Where(i => (s & (1UL << i)) != 0).Sum(i => x[i]);

    // Every one of the 62 proper, non-empty coalitions of 6 players comes exactly once, in decreasing excess, each
    // with its true excess (the scan of the whole computes it from the tabulated values).
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void The_walk_lists_every_proper_coalition_once_in_decreasing_excess(int seed)
    {
        var (parts, whole) = ThreeParts(seed);
        var oracle = PartsOracle.TryCreate(parts)!;
        double[] x = [10, -5, 20, 0, 15, 4];
        var walk = oracle.Ranked(x, [], null, null)!.ToList();
        Assert.Equal(62, walk.Count);
        Assert.Equal(62, walk.Select(w => w.Coalition.ToMask()).Distinct().Count());
        foreach (var (s, e) in walk)
        {
            Assert.Equal(Excess(whole, s.ToMask(), x), e, 9);
        }

        for (var k = 1; k < walk.Count; k++)
        {
            Assert.True(walk[k - 1].Excess >= walk[k].Excess - 1e-9);
        }
    }

    // With mixing {P1, P3} only coalitions holding exactly one of the two come (some but not all of a pair), by hand
    // 2 (which one) x 2^4 (any of the other four players) = 32, each once, in decreasing excess; skipped ones stay out.
    [Fact]
    public void The_walk_with_mixing_players_lists_exactly_the_coalitions_holding_some_but_not_all_of_them()
    {
        var (parts, whole) = ThreeParts(3);
        var oracle = PartsOracle.TryCreate(parts)!;
        double[] x = [10, -5, 20, 0, 15, 4];
        var skipped = MemberSet.Of(6, [1, 4]);
        var walk = oracle.Ranked(x, [skipped], MemberSet.Of(6, [1, 3]), null)!.ToList();
        var expected = Enumerable.Range(1, 62).Select(s => (ulong)s).Where(s => (((s >> 1) & 1) ^ ((s >> 3) & 1)) == 1).ToHashSet();
        Assert.Equal(32, expected.Count);
        expected.Remove(skipped.ToMask());
        Assert.Equal(expected.OrderBy(s => s), walk.Select(w => w.Coalition.ToMask()).OrderBy(s => s));
        for (var k = 1; k < walk.Count; k++)
        {
            Assert.True(walk[k - 1].Excess >= walk[k].Excess - 1e-9);
        }
    }

    // Mixing players {P0..P3} (P4, P5 fixed) and a predicate that calls the class of {P0, P1} fixed: of the 14 patterns
    // of some but not all of P0..P3, times the 4 choices of P4, P5 (56 coalitions), the {P0, P1} class keeps only the
    // first one met, which in a walk by decreasing excess is the class's largest excess: 56 - 3 = 53 listed.
    [Fact]
    public void A_coalition_called_fixed_drops_its_class_up_to_fixed_players()
    {
        var (parts, whole) = ThreeParts(4);
        var oracle = PartsOracle.TryCreate(parts)!;
        double[] x = [10, -5, 20, 0, 15, 4];
        const ulong mixing = 0b1111;
        var walk = oracle.Ranked(x, [], MemberSet.Of(6, [0, 1, 2, 3]), s => (s.ToMask() & mixing) == 0b0011)!.ToList();
        Assert.Equal(53, walk.Count);
        var classMembers = new ulong[] { 0b000011, 0b010011, 0b100011, 0b110011 };
        var kept = Assert.Single(walk, w => (w.Coalition.ToMask() & mixing) == 0b0011);
        Assert.Equal(classMembers.Max(s => Excess(whole, s, x)), kept.Excess, 9);
        Assert.All(walk, w => Assert.NotEqual(0UL, w.Coalition.ToMask() & mixing));
        Assert.All(walk, w => Assert.NotEqual(mixing, w.Coalition.ToMask() & mixing));
    }

    // The nucleolus by the walk (fixed players skipped structurally, the rest of the span by its test) equals the
    // enumeration nucleolus of the tabulated whole, the reference the published games test.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void The_nucleolus_by_the_walk_equals_enumeration(int seed)
    {
        var (parts, whole) = ThreeParts(seed);
        Assert.True(Nucleolus.HasImputations(whole));
        var reference = Nucleolus.Compute(whole).Amounts;
        var generated = ConstraintGeneration.Nucleolus(PartsOracle.TryCreate(parts)!);
        Assert.True(generated.Certified);
        for (var i = 0; i < reference.Length; i++)
        {
            Assert.Equal(reference[i], generated.Shares[i], 5);
        }
    }
}
