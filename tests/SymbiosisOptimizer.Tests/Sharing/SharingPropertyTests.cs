using System.Globalization;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SymbiosisOptimizer.Assessment.Sharing;
using static SymbiosisOptimizer.Tests.Sharing.TestGames;

namespace SymbiosisOptimizer.Tests.Sharing;

/// <summary>A generated game as plain numbers, so FsCheck can print a failing case that can be pasted into a test.</summary>
public sealed record GameCase(int Players, double[] Values)
{
    public CooperativeGame ToGame(GameKind kind = GameKind.Value)
    {
        var table = new double[1 << Players];
        Array.Copy(Values, 0, table, 1, Values.Length);
        return CooperativeGame.FromValues(Enumerable.Range(0, Players).Select(i => ((char)('A' + i)).ToString()), table, kind);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"GameCase({Players}, [{string.Join(", ", Values)}])");
}

internal static class SharingGens
{
    /// <summary>Arbitrary games: 2-5 players, integer values that may be negative, so cores are often empty.</summary>
    public static Gen<GameCase> AnyGame(int maxPlayers = 5) =>
        from n in Gen.Choose(2, maxPlayers)
        from values in Gen.ArrayOf(Gen.Choose(-20, 100), (1 << n) - 1)
        select new GameCase(n, [.. values.Select(v => (double)v)]);

    /// <summary>
    /// Convex (supermodular) games: an additive part plus non-negative multiples of unanimity games u_T
    /// (u_T(S) = 1 iff T is inside S), each of which is supermodular. Convex games have a non-empty core.
    /// </summary>
    public static Gen<GameCase> ConvexGame() =>
        from n in Gen.Choose(2, 5)
        from additive in Gen.ArrayOf(Gen.Choose(-10, 10), n)
        from unanimity in Gen.ArrayOf(Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(1, 20))), 1 << n)
        select new GameCase(n, [.. Enumerable.Range(1, (1 << n) - 1).Select(s =>
        {
            double value = Enumerable.Range(0, n).Where(i => (s & (1 << i)) != 0).Sum(i => (double)additive[i]);
            for (int t = 1; t < (1 << n); t++)
            {
                if (BitOperations.PopCount((uint)t) >= 2 && (t & s) == t)
                {
                    value += unanimity[t];
                }
            }

            return value;
        })]);

    public static Gen<double[]> Weights(int count) =>
        Gen.ArrayOf(Gen.Choose(0, 1000), count).Select(w => w.Select(x => x + 1.0).ToArray());
}

public class SharingPropertyTests
{
    private static double Scale(CooperativeGame game) => Math.Max(1.0, game.ToArray().Max(Math.Abs));

    public class Shapley_value
    {
        [Property(MaxTest = 100)]
        public Property Should_be_efficient() =>
            Prop.ForAll(SharingGens.AnyGame(6).ToArbitrary(), c =>
            {
                var game = c.ToGame();
                AssertClose(game.GrandValue, Shapley.Exact(game).Total, 1e-9);
            });

        [Property(MaxTest = 100)]
        public Property Should_treat_symmetric_players_equally() =>
            Prop.ForAll(SharingGens.AnyGame().ToArbitrary(), c =>
            {
                // Averaging v with its image under the swap of players 0 and 1 makes them symmetric.
                var raw = c.ToGame();
                ulong Swap(ulong s) => (s & ~3UL) | ((s & 1) << 1) | ((s & 2) >> 1);
                var game = CooperativeGame.FromFunction(raw.Players, s => 0.5 * (raw.Value(s) + raw.Value(Swap(s))));

                var phi = Shapley.Exact(game);

                AssertClose(phi.Amounts[0], phi.Amounts[1], 1e-9);
            });

        [Property(MaxTest = 100)]
        public Property Should_give_a_null_player_nothing_and_leave_the_others_unchanged() =>
            Prop.ForAll(SharingGens.AnyGame(4).ToArbitrary(), c =>
            {
                var small = c.ToGame();
                int n = small.PlayerCount;
                var extended = CooperativeGame.FromFunction([.. small.Players, "null"], s => small.Value(s & small.GrandCoalition));

                var phi = Shapley.Exact(extended);

                Assert.Equal(0.0, phi.Amounts[n], 9);
                AssertAmounts([.. Shapley.Exact(small).Amounts], phi with { Amounts = phi.Amounts.RemoveAt(n), Players = phi.Players.RemoveAt(n) }, 1e-9);
            });

        [Property(MaxTest = 100)]
        public Property Should_be_additive() =>
            Prop.ForAll(SharingGens.AnyGame(4).ToArbitrary(), SharingGens.AnyGame(4).ToArbitrary(), (a, b) =>
            {
                int n = Math.Min(a.Players, b.Players);
                var v = new GameCase(n, a.Values[..((1 << n) - 1)]).ToGame();
                var w = new GameCase(n, b.Values[..((1 << n) - 1)]).ToGame();
                var sum = CooperativeGame.FromFunction(v.Players, s => v.Value(s) + w.Value(s));

                var expected = Shapley.Exact(v).Amounts.Zip(Shapley.Exact(w).Amounts, (x, y) => x + y).ToArray();

                AssertAmounts(expected, Shapley.Exact(sum), 1e-9);
            });

        [Property(MaxTest = 50)]
        public Property Should_lie_in_the_core_of_a_convex_game() =>
            Prop.ForAll(SharingGens.ConvexGame().ToArbitrary(), c =>
            {
                // Shapley (1971), "Cores of convex games": the Shapley value of a convex game is in its core.
                var game = c.ToGame();
                Assert.True(CoreCheck.Check(game, Shapley.Exact(game), 1e-9).InCore);
            });

        [Property(MaxTest = 30)]
        public Property Should_be_approached_by_the_sampled_estimate_and_repeat_for_a_seed() =>
            Prop.ForAll(SharingGens.AnyGame().ToArbitrary(), Gen.Choose(0, 1_000_000).ToArbitrary(), (c, seed) =>
            {
                var game = c.ToGame();
                var exact = Shapley.Exact(game);
                var options = new SampledShapleyOptions(seed, MaxPermutations: 4000);

                var estimate = Shapley.Sampled(game, options);

                Assert.Equal(estimate.Amounts.ToArray(), Shapley.Sampled(game, options).Amounts.ToArray());
                AssertClose(game.GrandValue, estimate.Total, 1e-9);
                for (int i = 0; i < game.PlayerCount; i++)
                {
                    double error = Math.Abs(estimate.Amounts[i] - exact.Amounts[i]);
                    // About 5 standard errors, so 30 cases x 5 players do not fail by chance; the absolute bound
                    // checks that the estimate actually converged rather than merely reporting a wide interval.
                    Assert.True(error <= 2.55 * estimate.HalfWidths95!.Value[i] + 1e-9, $"player {i}: error {error}");
                    Assert.True(error <= 0.05 * Scale(game), $"player {i}: error {error}");
                }
            });
    }

    public class Nucleolus_of_a_game
    {
        [Property(MaxTest = 60)]
        public Property Should_be_an_imputation_lexicographically_no_worse_than_any_other() =>
            Prop.ForAll(SharingGens.AnyGame().ToArbitrary(), SharingGens.Weights(5).ToArbitrary(), (c, weights) =>
            {
                var game = c.ToGame();
                if (!Nucleolus.HasImputations(game))
                {
                    return;
                }

                int n = game.PlayerCount;
                var nucleolus = Nucleolus.Compute(game).Amounts;
                var standalone = Enumerable.Range(0, n).Select(game.Standalone).ToArray();
                double surplus = game.GrandValue - standalone.Sum();
                double tolerance = 1e-6 * Scale(game);

                AssertClose(game.GrandValue, nucleolus.Sum(), 1e-9);
                Assert.All(Enumerable.Range(0, n), i => Assert.True(nucleolus[i] >= standalone[i] - tolerance));

                // Any other imputation, here a random point of the imputation simplex, must have a
                // lexicographically larger (or equal) sorted excess vector.
                double total = weights.Take(n).Sum();
                var other = Enumerable.Range(0, n).Select(i => standalone[i] + surplus * weights[i] / total).ToArray();
                Assert.True(LexLessOrEqual(SortedExcesses(game, nucleolus), SortedExcesses(game, other), tolerance),
                    $"nucleolus [{string.Join(", ", nucleolus)}] is beaten by [{string.Join(", ", other)}]");
            });

        [Property(MaxTest = 60)]
        public Property Should_lie_in_the_core_whenever_the_core_is_non_empty() =>
            Prop.ForAll(SharingGens.ConvexGame().ToArbitrary(), c =>
            {
                var game = c.ToGame();
                Assert.True(LeastCore.CoreIsNonEmpty(game));

                var check = CoreCheck.Check(game, Nucleolus.Compute(game), 1e-7);

                Assert.True(check.InCore, string.Join("; ", check.Blocking.Select(b => $"{b.Coalition} short by {b.Shortfall}")));
            });

        [Property(MaxTest = 60)]
        public Property Should_treat_symmetric_players_equally() =>
            Prop.ForAll(SharingGens.AnyGame().ToArbitrary(), c =>
            {
                var raw = c.ToGame();
                ulong Swap(ulong s) => (s & ~3UL) | ((s & 1) << 1) | ((s & 2) >> 1);
                var game = CooperativeGame.FromFunction(raw.Players, s => 0.5 * (raw.Value(s) + raw.Value(Swap(s))));
                if (!Nucleolus.HasImputations(game))
                {
                    return;
                }

                var x = Nucleolus.Compute(game).Amounts;

                Assert.True(Math.Abs(x[0] - x[1]) <= 1e-6 * Scale(game), $"{x[0]} vs {x[1]}");
            });

        [Property(MaxTest = 40)]
        public Property Should_equal_the_Talmud_rule_on_bankruptcy_games() =>
            Prop.ForAll(
                Gen.Choose(3, 5).SelectMany(n => Gen.ArrayOf(Gen.Choose(1, 200), n)).ToArbitrary(),
                Gen.Choose(1, 999).ToArbitrary(),
                (claims, permille) =>
                {
                    double[] c = [.. claims.Select(x => (double)x)];
                    double estate = c.Sum() * permille / 1000.0;

                    AssertAmounts(TalmudRule(estate, c), Nucleolus.Compute(Bankruptcy(estate, c)));
                });
    }

    public class Least_core
    {
        [Property(MaxTest = 60)]
        public Property Should_give_the_smallest_worst_excess_over_all_efficient_allocations() =>
            Prop.ForAll(SharingGens.AnyGame().ToArbitrary(), SharingGens.Weights(5).ToArbitrary(), (c, weights) =>
            {
                var game = c.ToGame();
                int n = game.PlayerCount;
                var leastCore = LeastCore.Compute(game);
                double epsilon = leastCore.Epsilon!.Value;
                double tolerance = 1e-6 * Scale(game);

                AssertClose(game.GrandValue, leastCore.Total, 1e-9);
                Assert.True(Math.Abs(SortedExcesses(game, leastCore.Amounts)[0] - epsilon) <= tolerance);

                double total = weights.Take(n).Sum();
                var other = Enumerable.Range(0, n).Select(i => game.GrandValue * weights[i] / total).ToArray();
                Assert.True(SortedExcesses(game, other)[0] >= epsilon - tolerance);
                Assert.Equal(epsilon <= 1e-9 * Scale(game), LeastCore.CoreIsNonEmpty(game));
            });
    }

    public class Simple_rules
    {
        [Property(MaxTest = 100)]
        public Property Should_be_efficient() =>
            Prop.ForAll(SharingGens.AnyGame().ToArbitrary(), c =>
            {
                foreach (var kind in new[] { GameKind.Value, GameKind.Cost })
                {
                    var game = c.ToGame(kind);
                    AssertClose(game.GrandValue, SimpleRules.EqualSurplus(game).Total, 1e-9);
                    AssertClose(game.GrandValue, SimpleRules.Proportional(game).Total, 1e-9);
                }
            });
    }
}
