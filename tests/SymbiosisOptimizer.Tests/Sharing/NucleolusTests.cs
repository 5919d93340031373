using SymbiosisOptimizer.Assessment.Sharing;
using static SymbiosisOptimizer.Tests.Sharing.TestGames;

namespace SymbiosisOptimizer.Tests.Sharing;

public class NucleolusTests
{
    public class Compute
    {
        // Aumann & Maschler (1985), Table 1: claims 100, 200, 300 on estates 100, 200, 300; the Talmud's awards are
        // the nucleolus of the bankruptcy game.
        [Theory]
        [InlineData(100, 100.0 / 3, 100.0 / 3, 100.0 / 3)]
        [InlineData(200, 50, 75, 75)]
        [InlineData(300, 50, 100, 150)]
        public void Should_reproduce_the_Talmud_estate_division(double estate, double first, double second, double third)
        {
            var nucleolus = Nucleolus.Compute(Bankruptcy(estate, 100, 200, 300));

            AssertAmounts([first, second, third], nucleolus);
        }

        [Fact]
        public void Should_reproduce_the_published_four_player_example_of_the_CoopGame_package()
        {
            // R package CoopGame (Staudacher et al.), help page of nucleolus(): the game
            // c(0,0,0,0,5,5,8,9,10,8,13,15,16,17,21) in lexicographic coalition order has nucleolus (3.5, 4.5, 5.5, 7.5).
            var game = Build(["1", "2", "3", "4"], GameKind.Value,
                ("1+2", 5), ("1+3", 5), ("1+4", 8), ("2+3", 9), ("2+4", 10), ("3+4", 8),
                ("1+2+3", 13), ("1+2+4", 15), ("1+3+4", 16), ("2+3+4", 17), ("1+2+3+4", 21));

            AssertAmounts([3.5, 4.5, 5.5, 7.5], Nucleolus.Compute(game));
        }

        [Theory]
        // Four claimants 100..400: below half the claims the Talmud rule gives equal awards capped at half-claims,
        // at exactly half each gets half its claim, above half the losses are equal and capped at half-claims.
        [InlineData(300, 50, 250.0 / 3, 250.0 / 3, 250.0 / 3)]
        [InlineData(500, 50, 100, 150, 200)]
        [InlineData(800, 50, 150, 250, 350)]
        public void Should_match_the_Talmud_rule_for_four_claimants(double estate, double a, double b, double c, double d)
        {
            AssertAmounts([a, b, c, d], Nucleolus.Compute(Bankruptcy(estate, 100, 200, 300, 400)));
        }

        [Fact]
        public void Should_match_the_Talmud_rule_for_five_claimants()
        {
            double[] claims = [30, 70, 110, 150, 240];
            foreach (double estate in new[] { 90.0, 300.0, 520.0 })
            {
                AssertAmounts(TalmudRule(estate, claims), Nucleolus.Compute(Bankruptcy(estate, claims)));
            }
        }

        [Fact]
        public void Should_pick_the_single_core_point_of_the_glove_game()
        {
            AssertAmounts([1, 0, 0], Nucleolus.Compute(Glove()));
        }

        [Fact]
        public void Should_split_the_majority_game_equally()
        {
            AssertAmounts([1.0 / 3, 1.0 / 3, 1.0 / 3], Nucleolus.Compute(Majority3()));
        }

        [Fact]
        public void Should_settle_coalitions_in_several_rounds_when_the_core_has_no_interior()
        {
            // v1 = v2 = v3 = 1, v12 = 2, v13 = 3, v23 = 4, v123 = 5 (the other CoopGame help example). By hand:
            // the core is x1 = 1, x2 + x3 = 4, x3 in [2, 3]; on it the next-worst excesses are those of {2} and {1,3},
            // equalised at x2 - 1 = x1 + x3 - 3, so the nucleolus is (1, 1.5, 2.5). A solver that settled every
            // coalition tight at its first vertex would stop one round early at an arbitrary core point.
            var game = Build(["1", "2", "3"], GameKind.Value,
                ("1", 1), ("2", 1), ("3", 1), ("1+2", 2), ("1+3", 3), ("2+3", 4), ("1+2+3", 5));

            AssertAmounts([1, 1.5, 2.5], Nucleolus.Compute(game));
        }

        [Fact]
        public void Should_convert_a_cost_game_through_its_savings_game()
        {
            var cost = Build(["A", "B", "C"], GameKind.Cost,
                ("A", 88), ("B", 92), ("C", 70), ("A+B", 100), ("A+C", 119), ("B+C", 112), ("A+B+C", 120));

            var shares = Nucleolus.Compute(cost);
            var savingsShares = Nucleolus.Compute(cost.ToSavingsGame());

            Assert.Equal(GameKind.Cost, shares.Kind);
            AssertAmounts(cost.FromSavingsAmounts(savingsShares.Amounts), shares);
            AssertClose(120, shares.Total);
            Assert.True(CoreCheck.Check(cost, shares).InCore);
        }

        [Fact]
        public void Should_be_invariant_to_the_unit_of_money()
        {
            var game = Bankruptcy(200, 100, 200, 300);
            var inMillions = CooperativeGame.FromFunction(game.Players, s => game.Value(s) * 1e6);

            AssertAmounts([50e6, 75e6, 75e6], Nucleolus.Compute(inMillions));
        }

        [Fact]
        public void Should_refuse_a_game_without_imputations()
        {
            var game = Build(["A", "B"], GameKind.Value, ("A", 5), ("B", 5), ("A+B", 8));

            Assert.False(Nucleolus.HasImputations(game));
            var error = Assert.Throws<InvalidOperationException>(() => Nucleolus.Compute(game));
            Assert.Contains("imputation", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_return_the_only_imputation_when_there_is_no_surplus()
        {
            var game = Build(["A", "B", "C"], GameKind.Value, ("A", 1), ("B", 2), ("C", 3), ("A+B", 9), ("A+B+C", 6));

            AssertAmounts([1, 2, 3], Nucleolus.Compute(game));
        }
    }
}
