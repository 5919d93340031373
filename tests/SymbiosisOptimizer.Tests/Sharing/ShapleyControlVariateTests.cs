using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SymbiosisOptimizer.Assessment.Sharing;
using static SymbiosisOptimizer.Tests.Sharing.TestGames;

namespace SymbiosisOptimizer.Tests.Sharing;

public class ShapleyControlVariateTests
{
    private static string[] Names(int n) => [.. Enumerable.Range(0, n).Select(i => "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>v(S) = sum of a_i over S plus sum of w_ij over pairs in S: a game of singletons and pairs only.</summary>
    private static CooperativeGame PairwiseGame(int n, int seed, bool explicitValues)
    {
        var value = Pairwise(n, seed, out _, out _);
        return explicitValues ? CooperativeGame.FromFunction(Names(n), value) : CooperativeGame.FromOracle(Names(n), value);
    }

    /// <summary>
    /// A graph game on a path 0-1-...-(n-1): v(S) = sum over the runs of consecutive members of f(run), with
    /// f superadditive and not pairwise, so every connected coalition has a dividend and the others have none.
    /// </summary>
    private static CooperativeGame PathGame(int n)
    {
        double Value(ulong s)
        {
            double v = 0;
            int run = 0;
            for (int i = 0; i <= n; i++)
            {
                if (i < n && (s & (1UL << i)) != 0)
                {
                    run++;
                }
                else
                {
                    v += run * run * (1.0 + (0.25 * run)) + (run > 0 ? i : 0);
                    run = 0;
                }
            }

            return v;
        }

        return CooperativeGame.FromFunction(Names(n), Value);
    }

    private static ulong[] PathLinks(int n) =>
        [.. Enumerable.Range(0, n).Select(i => (i > 0 ? 1UL << (i - 1) : 0) | (i < n - 1 ? 1UL << (i + 1) : 0))];

    [Fact]
    public void Should_recover_a_pairwise_game_exactly_with_zero_half_width_after_a_few_orders()
    {
        var game = PairwiseGame(9, seed: 4, explicitValues: false);
        var exact = Shapley.Exact(PairwiseGame(9, seed: 4, explicitValues: true));

        // Without antithetic pairs plain sampling keeps its noise, so this shows the control variate removes it.
        var plain = Shapley.Sampled(game, new SampledShapleyOptions(Seed: 3, MaxPermutations: 6, Antithetic: false));
        var controlled = Shapley.Sampled(game, new SampledShapleyOptions(Seed: 3, MaxPermutations: 6, Antithetic: false, ControlVariateOrder: 2));

        Assert.Contains(plain.HalfWidths95!.Value, h => h > 1.0);
        AssertAmounts([.. exact.Amounts], controlled, 1e-12);
        Assert.All(controlled.HalfWidths95!.Value, h => Assert.True(h <= 1e-9, $"half-width {h}"));
        Assert.Contains("control variate", controlled.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_be_exact_when_the_order_covers_every_coalition()
    {
        // With k = n every dividend is known, so g = v and nothing is left to sample.
        var game = TestGames.Bankruptcy(200, 100, 200, 300);

        var estimate = Shapley.Sampled(game, new SampledShapleyOptions(Seed: 1, MaxPermutations: 4, ControlVariateOrder: 3));

        AssertAmounts([.. Shapley.Exact(game).Amounts], estimate, 1e-12);
        Assert.All(estimate.HalfWidths95!.Value, h => Assert.True(h <= 1e-9));
    }

    [Property(MaxTest = 30)]
    public Property Should_converge_to_the_exact_value_and_stay_efficient() =>
        Prop.ForAll(SharingGens.AnyGame(6).ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(), Gen.Choose(1, 3).ToArbitrary(), (c, seed, order) =>
        {
            var game = c.ToGame();
            var exact = Shapley.Exact(game);
            var options = new SampledShapleyOptions(seed, MaxPermutations: 20_000, ControlVariateOrder: order);

            var estimate = Shapley.Sampled(game, options);

            Assert.Equal(estimate.Amounts.ToArray(), Shapley.Sampled(game, options).Amounts.ToArray());
            AssertClose(game.GrandValue, estimate.Total, 1e-9);
            double scale = Math.Max(1.0, game.ToArray().Max(Math.Abs));
            for (int i = 0; i < game.PlayerCount; i++)
            {
                double error = Math.Abs(estimate.Amounts[i] - exact.Amounts[i]);
                // About 5 standard errors (30 cases x 6 players); the absolute bound checks actual convergence. It is
                // looser than for plain sampling: on random games the higher dividends alternate in sign, and
                // subtracting the low ones with coefficient 1 can raise the variance (k = 3 about 12x here).
                Assert.True(error <= (2.55 * estimate.HalfWidths95!.Value[i]) + 1e-9, $"player {i}: error {error}");
                Assert.True(error <= 0.1 * scale, $"player {i}: error {error}");
            }
        });

    [Fact]
    public void Should_give_the_same_estimate_with_links_while_evaluating_only_connected_coalitions()
    {
        // Dividends of coalitions the links do not connect are zero, so skipping them changes nothing but the cost.
        var game = PathGame(10);
        var options = new SampledShapleyOptions(Seed: 8, MaxPermutations: 200, ControlVariateOrder: 3);
        int calls = 0;
        var counted = CooperativeGame.FromOracle(game.Players, s =>
        {
            Interlocked.Increment(ref calls);
            return game.Value(s);
        }).WithLinks(PathLinks(10));

        // Four orders (two antithetic pairs) of ten evaluations each come on top of the control variate's own.
        var withLinks = Shapley.Sampled(counted, options with { MaxPermutations = 4 });
        int linkedCalls = calls - (4 * 10);
        var withoutLinks = Shapley.Sampled(game, options with { MaxPermutations = 4 });

        // 10 singletons, 9 adjacent pairs and 8 runs of three, against 10 + 45 + 120 subsets without links.
        Assert.Equal(27, linkedCalls);
        Assert.Contains("27 coalitions", withLinks.Note, StringComparison.Ordinal);
        Assert.Contains("175 coalitions", withoutLinks.Note, StringComparison.Ordinal);
        AssertAmounts([.. withoutLinks.Amounts], withLinks, 1e-9);

        var converged = Shapley.Sampled(game.WithLinks(PathLinks(10)), options with { MaxPermutations = 20_000 });
        var exact = Shapley.Exact(game);
        for (int i = 0; i < 10; i++)
        {
            Assert.True(Math.Abs(converged.Amounts[i] - exact.Amounts[i]) <= (2.55 * converged.HalfWidths95!.Value[i]) + 1e-9);
        }
    }

    [Fact]
    public void Should_not_depend_on_the_number_of_threads()
    {
        var game = PathGame(12);
        var options = new SampledShapleyOptions(Seed: 5, MaxPermutations: 500, TargetRelativeHalfWidth: 0.02, ControlVariateOrder: 2);

        var one = Shapley.Sampled(game, options);
        var two = Shapley.Sampled(game, options with { MaxDegreeOfParallelism = 2 });
        var four = Shapley.Sampled(game, options with { MaxDegreeOfParallelism = 4 });

        Assert.Equal(one.Amounts.ToArray(), two.Amounts.ToArray());
        Assert.Equal(one.Amounts.ToArray(), four.Amounts.ToArray());
        Assert.Equal(one.HalfWidths95!.Value.ToArray(), four.HalfWidths95!.Value.ToArray());
        Assert.Equal(one.Samples, four.Samples);
    }

    [Fact]
    public void Should_keep_links_symmetric_and_refuse_links_of_the_wrong_shape()
    {
        var game = PathGame(4);

        var linked = game.WithLinks([0b0010, 0, 0b1000, 0]);

        Assert.Equal([0b0010UL, 0b0001, 0b1000, 0b0100], linked.Links!.Value.ToArray());
        Assert.Throws<ArgumentException>(() => game.WithLinks([0, 0, 0]));
        Assert.Throws<ArgumentException>(() => game.WithLinks([0b10000, 0, 0, 0]));
        Assert.Equal(linked.Links!.Value.ToArray(), CooperativeGame.FromFunction(game.Players, game.Value, GameKind.Cost).WithLinks([0b0010, 0, 0b1000, 0]).ToSavingsGame().Links!.Value.ToArray());
    }
}
