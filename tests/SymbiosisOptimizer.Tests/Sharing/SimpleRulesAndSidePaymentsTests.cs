using SymbiosisOptimizer.Assessment.Sharing;
using static SymbiosisOptimizer.Tests.Sharing.TestGames;

namespace SymbiosisOptimizer.Tests.Sharing;

public class SimpleRulesTests
{
    private static CooperativeGame Delivery() => Build(["A", "B", "C"], GameKind.Cost,
        ("A", 88), ("B", 92), ("C", 70), ("A+B", 100), ("A+C", 119), ("B+C", 112), ("A+B+C", 120));

    public class EqualSurplus
    {
        [Fact]
        public void Should_add_an_equal_share_of_the_surplus_to_standalone_values()
        {
            var game = Build(["A", "B", "C"], GameKind.Value, ("A", 10), ("B", 20), ("C", 0), ("A+B+C", 60));

            AssertAmounts([20, 30, 10], SimpleRules.EqualSurplus(game));
        }

        [Fact]
        public void Should_subtract_an_equal_share_of_the_savings_from_standalone_costs()
        {
            // Standalone 88 + 92 + 70 = 250, joint 120: each saves 130 / 3.
            AssertAmounts([88 - 130.0 / 3, 92 - 130.0 / 3, 70 - 130.0 / 3], SimpleRules.EqualSurplus(Delivery()));
        }
    }

    public class Proportional
    {
        [Fact]
        public void Should_split_the_joint_cost_in_proportion_to_standalone_costs()
        {
            var shares = SimpleRules.Proportional(Delivery());

            AssertAmounts([120 * 88 / 250.0, 120 * 92 / 250.0, 120 * 70 / 250.0], shares);
            Assert.Null(shares.Note);
        }

        [Fact]
        public void Should_fall_back_to_an_equal_split_and_say_so_when_standalone_values_are_zero()
        {
            var shares = SimpleRules.Proportional(Glove());

            AssertAmounts([1.0 / 3, 1.0 / 3, 1.0 / 3], shares);
            Assert.Equal("all standalone values are zero, so v(N) was split equally", shares.Note);
        }

        [Fact]
        public void Should_fall_back_when_standalone_values_have_mixed_signs()
        {
            var game = Build(["A", "B"], GameKind.Value, ("A", 10), ("B", -4), ("A+B", 12));

            var shares = SimpleRules.Proportional(game);

            AssertAmounts([6, 6], shares);
            Assert.Contains("mixed signs", shares.Note, StringComparison.Ordinal);
        }
    }
}

public class SidePaymentsTests
{
    public class Compute
    {
        [Fact]
        public void Should_pay_each_player_the_difference_between_its_share_and_its_own_result()
        {
            var allocation = new Allocation("nucleolus", GameKind.Value, ["A", "B", "C"], [50, 75, 75]);

            var plan = SidePayments.Compute(allocation, [120, 80, 0]);

            Assert.Equal([-70.0, -5.0, 75.0], plan.Payments.Select(p => p.Transfer));
            Assert.Equal(["pays", "pays", "receives"], plan.Payments.Select(p => p.Direction));
            Assert.Equal(0.0, plan.Balance, 12);
        }

        [Fact]
        public void Should_read_a_positive_transfer_as_a_payment_in_a_cost_game()
        {
            // The joint solution leaves all 120 of cost with A; B and C pay A their fair shares.
            var allocation = new Allocation("shapley", GameKind.Cost, ["A", "B", "C"], [41.5, 40, 38.5]);

            var plan = SidePayments.Compute(allocation, [120, 0, 0]);

            Assert.Equal([-78.5, 40, 38.5], plan.Payments.Select(p => p.Transfer));
            Assert.Equal(["receives", "pays", "pays"], plan.Payments.Select(p => p.Direction));
        }

        [Fact]
        public void Should_mark_a_player_whose_own_result_already_matches_as_needing_no_transfer()
        {
            var allocation = new Allocation("equal", GameKind.Value, ["A", "B"], [5, 5]);

            var plan = SidePayments.Compute(allocation, [5, 5]);

            Assert.All(plan.Payments, p => Assert.Equal("none", p.Direction));
        }

        [Fact]
        public void Should_refuse_own_results_that_do_not_add_up_to_the_allocated_total()
        {
            var allocation = new Allocation("equal", GameKind.Value, ["A", "B"], [5, 5]);

            var error = Assert.Throws<ArgumentException>(() => SidePayments.Compute(allocation, [5, 6]));
            Assert.Contains("sum to 11", error.Message, StringComparison.Ordinal);
        }
    }
}
