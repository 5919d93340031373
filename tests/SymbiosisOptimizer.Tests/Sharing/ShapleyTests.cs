using System.Numerics;
using SymbiosisOptimizer.Assessment.Sharing;
using static SymbiosisOptimizer.Tests.Sharing.TestGames;

namespace SymbiosisOptimizer.Tests.Sharing;

public class ShapleyTests
{
    public class Exact
    {
        [Fact]
        public void Should_give_the_published_glove_game_value()
        {
            var phi = Shapley.Exact(Glove());

            AssertAmounts([2.0 / 3, 1.0 / 6, 1.0 / 6], phi);
            Assert.Equal("shapley", phi.Method);
        }

        [Fact]
        public void Should_give_the_published_owner_and_workers_value()
        {
            // Wikipedia, "Shapley value", section "Business example": an owner o and m workers each adding p to
            // profit, v(S) = k p when S holds the owner and k workers, else 0. Published value: owner m p / 2,
            // each worker p / 2. Here m = 4, p = 10.
            string[] players = ["owner", "w1", "w2", "w3", "w4"];
            var game = CooperativeGame.FromFunction(players, s => (s & 1) == 0 ? 0.0 : 10.0 * (BitOperations.PopCount(s) - 1));

            AssertAmounts([20, 5, 5, 5, 5], Shapley.Exact(game));
        }

        [Fact]
        public void Should_give_the_published_delivery_cost_shares_for_a_cost_game()
        {
            // LINDO Systems model library, SHAPLEY.txt: one truck serves customers A, B, C; trip costs
            // A 88, B 92, C 70, AB 100, AC 119, BC 112, ABC 120. Published Shapley cost shares 41.5, 40, 38.5.
            var game = Build(["A", "B", "C"], GameKind.Cost,
                ("A", 88), ("B", 92), ("C", 70), ("A+B", 100), ("A+C", 119), ("B+C", 112), ("A+B+C", 120));

            var phi = Shapley.Exact(game);

            AssertAmounts([41.5, 40, 38.5], phi);
            Assert.Equal(GameKind.Cost, phi.Kind);
        }

        [Fact]
        public void Should_match_Littlechild_Owen_formula_for_an_airport_game()
        {
            // Airport game (Littlechild & Owen 1973, Management Science 20(3)): c(S) = the longest runway any member
            // needs. For costs sorted c1 <= ... <= cn the Shapley share is sum over k <= i of (c_k - c_{k-1}) / (n - k + 1):
            // each runway segment is split equally among the planes that use it.
            double[] runway = [10, 20, 30, 40];
            var game = CooperativeGame.FromFunction(["a", "b", "c", "d"],
                s => Enumerable.Range(0, 4).Where(i => (s & (1UL << i)) != 0).Max(i => runway[i]), GameKind.Cost);

            AssertAmounts([10.0 / 4, 10.0 / 4 + 10.0 / 3, 10.0 / 4 + 10.0 / 3 + 10.0 / 2, 10.0 / 4 + 10.0 / 3 + 10.0 / 2 + 10.0], Shapley.Exact(game));
        }

        [Fact]
        public void Should_equal_standalone_cost_minus_savings_share_for_a_cost_game()
        {
            var game = Build(["A", "B", "C"], GameKind.Cost,
                ("A", 88), ("B", 92), ("C", 70), ("A+B", 100), ("A+C", 119), ("B+C", 112), ("A+B+C", 120));

            var viaSavings = game.FromSavingsAmounts(Shapley.Exact(game.ToSavingsGame()).Amounts);

            AssertAmounts(viaSavings, Shapley.Exact(game));
        }

        [Fact]
        public void Should_handle_twenty_players_in_reasonable_time()
        {
            // v(S) = |S|^2 is symmetric, so each of the 20 players gets v(N) / 20 = 20.
            var players = Enumerable.Range(0, 20).Select(i => "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var game = CooperativeGame.FromFunction(players, s => Math.Pow(BitOperations.PopCount(s), 2));

            var phi = Shapley.Exact(game);

            Assert.All(phi.Amounts, a => AssertClose(20.0, a));
        }

        [Fact]
        public void Should_refuse_an_oracle_game()
        {
            var game = CooperativeGame.FromOracle(["a", "b"], s => 1.0);

            var error = Assert.Throws<InvalidOperationException>(() => Shapley.Exact(game));
            Assert.Contains("sampled Shapley", error.Message, StringComparison.Ordinal);
        }
    }

    public class Sampled
    {
        // A game given by Harsanyi dividends: v(S) = sum of c_T over the listed sets T inside S. Each dividend is
        // split equally among the members of T (Harsanyi 1963), so the exact value is known for 50 players.
        private static readonly (ulong Set, double Dividend)[] Dividends = MakeDividends();

        private static (ulong Set, double Dividend)[] MakeDividends()
        {
            var random = new Random(123);
            return [.. Enumerable.Range(0, 80).Select(_ =>
            {
                ulong set = 0;
                int size = random.Next(2, 7);
                while (BitOperations.PopCount(set) < size)
                {
                    set |= 1UL << random.Next(50);
                }

                return (set, (double)random.Next(1, 11));
            })];
        }

        private static double ExactShare(int player) =>
            Dividends.Where(d => (d.Set & (1UL << player)) != 0).Sum(d => d.Dividend / BitOperations.PopCount(d.Set));

        private static CooperativeGame FiftyPlayerOracle() => CooperativeGame.FromOracle(
            Enumerable.Range(0, 50).Select(i => "f" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            s =>
            {
                // A plain loop: the oracle runs 50 times per permutation, thousands of permutations per test.
                double value = 0;
                foreach (var (set, dividend) in Dividends)
                {
                    if ((set & s) == set)
                    {
                        value += dividend;
                    }
                }

                return value;
            });

        [Fact]
        public void Should_cover_the_exact_value_of_a_fifty_player_oracle_game()
        {
            var estimate = Shapley.Sampled(FiftyPlayerOracle(), new SampledShapleyOptions(Seed: 7, MaxPermutations: 4000));

            Assert.Equal(4000, estimate.Samples);
            var halfWidths = estimate.HalfWidths95!.Value;
            for (int i = 0; i < 50; i++)
            {
                double exact = ExactShare(i);
                // 5 sigma (= 2.55 half-widths) keeps 50 simultaneous comparisons from failing by chance.
                Assert.True(Math.Abs(estimate.Amounts[i] - exact) <= 2.55 * halfWidths[i] + 1e-9,
                    $"player {i}: estimate {estimate.Amounts[i]}, exact {exact}, half-width {halfWidths[i]}");
                Assert.True(halfWidths[i] <= 0.1 * Math.Max(exact, 1.0), $"player {i}: half-width {halfWidths[i]} is not informative");
            }
        }

        [Fact]
        public void Should_be_efficient_for_every_sample_size()
        {
            var game = FiftyPlayerOracle();

            var estimate = Shapley.Sampled(game, new SampledShapleyOptions(Seed: 1, MaxPermutations: 10));

            AssertClose(game.GrandValue, estimate.Total, 1e-12);
        }

        [Fact]
        public void Should_repeat_exactly_for_the_same_seed_and_differ_for_another()
        {
            var game = FiftyPlayerOracle();
            var options = new SampledShapleyOptions(Seed: 42, MaxPermutations: 200);

            var first = Shapley.Sampled(game, options);
            var second = Shapley.Sampled(game, options);
            var other = Shapley.Sampled(game, options with { Seed = 43 });

            Assert.Equal(first.Amounts.ToArray(), second.Amounts.ToArray());
            Assert.Equal(first.HalfWidths95!.Value.ToArray(), second.HalfWidths95!.Value.ToArray());
            Assert.NotEqual(first.Amounts.ToArray(), other.Amounts.ToArray());
        }

        [Fact]
        public void Should_stop_early_once_the_target_relative_half_width_is_reached()
        {
            var options = new SampledShapleyOptions(Seed: 3, MaxPermutations: 100_000, TargetRelativeHalfWidth: 0.05);

            var estimate = Shapley.Sampled(FiftyPlayerOracle(), options);

            Assert.True(estimate.Samples < 100_000, $"took all {estimate.Samples} samples");
            double floor = estimate.Amounts.Average(Math.Abs);
            for (int i = 0; i < 50; i++)
            {
                Assert.True(estimate.HalfWidths95!.Value[i] <= 0.05 * Math.Max(Math.Abs(estimate.Amounts[i]), floor));
            }
        }

        [Fact]
        public void Should_cancel_all_variance_of_a_quadratic_game_with_antithetic_pairs()
        {
            // v(S) = w(S)^2 has Shapley value w_i w(N). A player's marginal w_i^2 + 2 w_i w(P) (P = predecessors) is
            // linear in w(P), and the reversed order has w(P') = w(N) - w_i - w(P), so each pair averages exactly
            // w_i w(N). Without the pairing the estimate keeps its sampling noise.
            double[] weights = [.. Enumerable.Range(0, 30).Select(i => (double)(i % 7 + 1))];
            var game = CooperativeGame.FromOracle(
                Enumerable.Range(0, 30).Select(i => "q" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                s => Math.Pow(Enumerable.Range(0, 30).Where(i => (s & (1UL << i)) != 0).Sum(i => weights[i]), 2));

            var paired = Shapley.Sampled(game, new SampledShapleyOptions(Seed: 11, MaxPermutations: 20));
            var plain = Shapley.Sampled(game, new SampledShapleyOptions(Seed: 11, MaxPermutations: 20, Antithetic: false));

            AssertAmounts([.. weights.Select(w => w * weights.Sum())], paired, 1e-12);
            Assert.All(paired.HalfWidths95!.Value, h => Assert.True(h < 1e-9));
            Assert.All(plain.HalfWidths95!.Value, h => Assert.True(h > 1.0));
        }

        [Fact]
        public void Should_estimate_a_cost_game_as_cost_shares()
        {
            var game = Build(["A", "B", "C"], GameKind.Cost,
                ("A", 88), ("B", 92), ("C", 70), ("A+B", 100), ("A+C", 119), ("B+C", 112), ("A+B+C", 120));

            var estimate = Shapley.Sampled(game, new SampledShapleyOptions(Seed: 5, MaxPermutations: 20_000));

            Assert.Equal(GameKind.Cost, estimate.Kind);
            AssertAmounts([41.5, 40, 38.5], estimate, 0.03);
        }
    }
}
