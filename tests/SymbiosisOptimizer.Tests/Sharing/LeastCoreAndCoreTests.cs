using SymbiosisOptimizer.Assessment.Sharing;
using static SymbiosisOptimizer.Tests.Sharing.TestGames;

namespace SymbiosisOptimizer.Tests.Sharing;

public class LeastCoreTests
{
    public class Compute
    {
        [Fact]
        public void Should_find_epsilon_one_third_for_the_majority_game()
        {
            // Pairs need x_i + x_j >= 1 - eps; adding the three pair constraints gives 2 >= 3 - 3 eps, so eps >= 1/3,
            // reached only at the equal split (e.g. Maschler, Solan & Zamir, Game Theory, ch. 20 on the least core).
            var leastCore = LeastCore.Compute(Majority3());

            AssertClose(1.0 / 3, leastCore.Epsilon!.Value);
            AssertAmounts([1.0 / 3, 1.0 / 3, 1.0 / 3], leastCore);
            Assert.False(LeastCore.CoreIsNonEmpty(Majority3()));
        }

        [Fact]
        public void Should_report_a_negative_epsilon_when_the_core_has_an_interior()
        {
            // Bankruptcy games are convex. With E = 200 only v(P2+P3) = 100 is non-zero, so x1 >= t together with
            // x2 + x3 >= 100 + t caps the smallest surplus t at 50: epsilon = -50.
            var game = Bankruptcy(200, 100, 200, 300);

            var leastCore = LeastCore.Compute(game);

            AssertClose(-50, leastCore.Epsilon!.Value);
            Assert.True(LeastCore.CoreIsNonEmpty(game));
            Assert.True(CoreCheck.Check(game, leastCore).InCore);
        }

        [Fact]
        public void Should_give_cost_shares_for_a_cost_game()
        {
            // Same majority structure as costs: alone 1 each, any pair 1, all three 2.
            // Savings: singles 0, pairs 1, all 1: the majority game, so eps = 1/3 and each pays 1 - 1/3.
            var cost = Build(["A", "B", "C"], GameKind.Cost, ("A", 1), ("B", 1), ("C", 1), ("A+B", 1), ("A+C", 1), ("B+C", 1), ("A+B+C", 2));

            var leastCore = LeastCore.Compute(cost);

            AssertClose(1.0 / 3, leastCore.Epsilon!.Value);
            AssertAmounts([2.0 / 3, 2.0 / 3, 2.0 / 3], leastCore);
        }
    }
}

public class CoreCheckTests
{
    public class Check
    {
        [Fact]
        public void Should_list_every_blocking_coalition_with_its_shortfall_largest_first()
        {
            var game = Majority3();

            var result = CoreCheck.Check(game, [0.6, 0.3, 0.1]);

            Assert.False(result.InCore);
            Assert.True(result.IsEfficient);
            Assert.Equal(["B+C", "A+C", "A+B"], result.Blocking.Select(b => b.Coalition));
            AssertClose(0.6, result.Blocking[0].Shortfall);
            AssertClose(0.3, result.Blocking[1].Shortfall);
            Assert.Equal(["B", "C"], result.Blocking[0].Members.ToArray());
        }

        [Fact]
        public void Should_accept_a_core_allocation()
        {
            var result = CoreCheck.Check(Glove(), [1, 0, 0]);

            Assert.True(result.InCore);
            Assert.Empty(result.Blocking);
        }

        [Fact]
        public void Should_reject_an_inefficient_allocation_even_without_blocking_coalitions()
        {
            var result = CoreCheck.Check(Glove(), [1, 0.5, 0]);

            Assert.False(result.InCore);
            Assert.False(result.IsEfficient);
            AssertClose(0.5, result.EfficiencyGap);
            Assert.Empty(result.Blocking);
        }

        [Fact]
        public void Should_block_cost_shares_that_exceed_a_coalitions_own_cost()
        {
            var cost = Build(["A", "B", "C"], GameKind.Cost,
                ("A", 88), ("B", 92), ("C", 70), ("A+B", 100), ("A+C", 119), ("B+C", 112), ("A+B+C", 120));

            // A and B together would pay 105 but can be served for 100 on their own.
            var result = CoreCheck.Check(cost, [55, 50, 15]);

            Assert.False(result.InCore);
            var blocking = Assert.Single(result.Blocking);
            Assert.Equal("A+B", blocking.Coalition);
            AssertClose(5, blocking.Shortfall);
        }

        [Fact]
        public void Should_tell_an_empty_core_from_a_non_empty_one()
        {
            Assert.False(LeastCore.CoreIsNonEmpty(Majority3()));
            Assert.True(LeastCore.CoreIsNonEmpty(Glove()));
        }
    }
}
