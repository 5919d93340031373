using SymbiosisOptimizer.Assessment.Coalitions;
using SymbiosisOptimizer.Assessment.Sharing;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Tests.Sharing;

public class ConstraintGenerationTests
{
    // Reference: the enumeration methods (every coalition in one LP), which the published games test. Random games of
    // 3-7 players with values of mixed sign, some with an empty core, some with a non-empty one (supermodular part).
    public static TheoryData<int, int> Games() => new() { { 3, 1 }, { 4, 2 }, { 5, 3 }, { 6, 4 }, { 7, 5 }, { 5, 6 }, { 6, 7 } };

    private static CooperativeGame RandomGame(int n, int seed)
    {
        var random = new Random(seed);
        var values = new double[1 << n];
        for (var s = 1; s < values.Length; s++)
        {
            var size = System.Numerics.BitOperations.PopCount((uint)s);
            // Superadditive-leaning: grows with size squared, plus noise, so both empty and non-empty cores occur.
            values[s] = Math.Round((size * size * (seed % 2 == 0 ? 10 : 6)) + (random.NextDouble() * 40) - 20, 2);
        }

        return CooperativeGame.FromValues(Enumerable.Range(0, n).Select(i => $"P{i}"), values);
    }

    [Theory]
    [MemberData(nameof(Games))]
    public void Should_give_the_enumerated_least_core_value(int n, int seed)
    {
        var game = RandomGame(n, seed);
        var reference = LeastCore.Compute(game).Epsilon!.Value;
        var generated = ConstraintGeneration.LeastCore(new EnumerationOracle(game));
        Assert.True(generated.Certified);
        Assert.Equal(reference, generated.Epsilon, 6);

        // The generated split must itself be in the least core: every coalition within epsilon of its value.
        var x = generated.Shares;
        for (ulong s = 1; s < game.GrandCoalition; s++)
        {
            Assert.True(game.Value(s) - Enumerable.Range(0, n).Where(i => (s & (1UL << i)) != 0).Sum(i => x[i]) <= generated.Epsilon + 1e-6, $"coalition {s}");
        }
    }

    // In-out stabilisation changes the splits the separation is asked at, not the answer: the least-core value of
    // every random game is the enumeration LP's, and the split reported lies in the least core (every coalition checked).
    [Theory]
    [MemberData(nameof(Games))]
    public void Stabilised_probes_give_the_enumerated_least_core_value(int n, int seed)
    {
        var game = RandomGame(n, seed);
        var reference = LeastCore.Compute(game).Epsilon!.Value;
        foreach (var alpha in new[] { 0.3, 0.5, 0.8 })
        {
            var generated = ConstraintGeneration.LeastCore(new EnumerationOracle(game), new GenerationOptions { Stabilization = alpha });
            Assert.True(generated.Certified);
            Assert.Equal(reference, generated.Epsilon, 6);
            var x = generated.Shares;
            Assert.Equal(game.Value(game.GrandCoalition), x.Sum(), 6);
            for (ulong s = 1; s < game.GrandCoalition; s++)
            {
                Assert.True(game.Value(s) - Enumerable.Range(0, n).Where(i => (s & (1UL << i)) != 0).Sum(i => x[i]) <= reference + 1e-6, $"coalition {s} at alpha {alpha}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Games))]
    public void Should_give_the_enumerated_nucleolus(int n, int seed)
    {
        var game = RandomGame(n, seed);
        if (!Nucleolus.HasImputations(game))
        {
            return;
        }

        var reference = Nucleolus.Compute(game).Amounts;
        var generated = ConstraintGeneration.Nucleolus(new EnumerationOracle(game));
        Assert.True(generated.Certified);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(reference[i], generated.Shares[i], 5);
        }
    }

    // The three-player majority game with v(i) = 0, v(ij) = 1, v(N) = 1.2 (hand-derived):
    // - core: x_i + x_j >= 1 for all three pairs; adding them, 2 x(N) >= 3, so x(N) >= 1.5 > 1.2: empty.
    // - minimum subsidy: x = (0.5, 0.5, 0.5) meets every pair at x(N) = 1.5, so c* = 1.5 - 1.2 = 0.3.
    // - least core: adding the pair rows x(ij) + e >= 1 gives 2 * 1.2 + 3e >= 3, e >= 0.2, reached at (0.4, 0.4, 0.4).
    // - blocking: exactly the three pairs carry the dual weight (1/3 each); singletons have excess -0.4.
    [Fact]
    public void Should_report_an_empty_core_with_its_minimum_subsidy()
    {
        var game = CooperativeGame.FromValues(["A", "B", "C"], [0, 0, 0, 1, 0, 1, 1, 1.2]);
        var result = ConstraintGeneration.LeastCore(new EnumerationOracle(game));
        Assert.Equal(0.2, result.Epsilon, 9);
        Assert.Equal(0.3, result.MinimumSubsidy, 9);
        Assert.Equal(3, result.Blocking.Length);
        Assert.All(result.Blocking, b => Assert.Equal(2, b.Members.Length));
        Assert.All(result.Blocking, b => Assert.Equal(0.2, b.Excess, 9));

        // The same hand-derived figures with stabilised probes.
        var stabilised = ConstraintGeneration.LeastCore(new EnumerationOracle(game), new GenerationOptions { Stabilization = 0.5 });
        Assert.Equal(0.2, stabilised.Epsilon, 9);
        Assert.Equal(0.3, stabilised.MinimumSubsidy, 9);
        Assert.Equal(3, stabilised.Blocking.Length);
    }

    // A game with a non-empty core needs no subsidy: v(ij) = 1, v(N) = 2 has core points such as (2/3, 2/3, 2/3).
    [Fact]
    public void Should_need_no_subsidy_when_the_core_is_non_empty()
    {
        var game = CooperativeGame.FromValues(["A", "B", "C"], [0, 0, 0, 1, 0, 1, 1, 2]);
        var result = ConstraintGeneration.LeastCore(new EnumerationOracle(game));
        Assert.True(result.Epsilon <= 1e-9);
        Assert.Equal(0, result.MinimumSubsidy);
        Assert.Empty(result.Blocking);
    }

    // The separation MILP embeds the exchange model: on small regions, generation against it must give what
    // enumeration of every coalition value gives (least-core value and nucleolus), for both value bases.
    [Theory]
    [InlineData("transport-game", ValueBasis.Objective)]
    [InlineData("transport-game", ValueBasis.Money)]
    [InlineData("tiny", ValueBasis.Objective)]
    [InlineData("biochar-process", ValueBasis.Objective)]
    [InlineData("biochar-process", ValueBasis.Money)]
    [InlineData("fixed-charge", ValueBasis.Money)]
    public void Should_equal_enumeration_on_a_small_region(string fixture, ValueBasis basis)
    {
        var region = TestPaths.Load(TestPaths.Fixture(fixture));
        var game = RegionGame.Build(region, new SolveOptions(), basis);
        foreach (var component in game.Components.Where(c => c.Players.Length >= 2))
        {
            var table = CooperativeGame.FromValues(component.Players, component.AllValues(1));
            var oracle = new ComponentOracle(component);
            var lc = ConstraintGeneration.LeastCore(oracle);
            Assert.True(lc.Certified);
            var scale = Math.Max(1, Math.Abs(table.GrandValue));
            Assert.Equal(LeastCore.Compute(table).Epsilon!.Value / scale, lc.Epsilon / scale, 6);
            if (Nucleolus.HasImputations(table))
            {
                var reference = Nucleolus.Compute(table).Amounts;
                var nucleolus = ConstraintGeneration.Nucleolus(oracle);
                for (var i = 0; i < reference.Length; i++)
                {
                    Assert.Equal(reference[i] / scale, nucleolus.Shares[i] / scale, 5);
                }
            }
        }
    }
}
