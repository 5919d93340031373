using SymbiosisOptimizer.Assessment.Sharing;
using static SymbiosisOptimizer.Tests.Sharing.TestGames;

namespace SymbiosisOptimizer.Tests.Sharing;

public class GamePartsTests
{
    private static readonly string[] Five = ["a", "b", "c", "d", "e"];

    // Two overlapping parts: a glove game on a, b, c and a majority game on c, d, e (c plays in both).
    private static CooperativeGame Sum(bool oracleSecond = false)
    {
        var majority = Majority3();
        var second = oracleSecond ? CooperativeGame.FromOracle(majority.Players, majority.Value) : majority;
        return CooperativeGame.FromParts(Five, [new GamePart([0, 1, 2], Glove()), new GamePart([2, 3, 4], second)]);
    }

    private static CooperativeGame Tabulated(CooperativeGame game) => CooperativeGame.FromFunction(game.Players, game.Value, game.Kind);

    [Fact]
    public void Should_value_a_coalition_as_the_sum_of_its_parts()
    {
        var game = Sum();

        // {a, b, c}: glove pair 1, and c alone in the majority game 0; {c, d}: glove 0, majority pair 1.
        Assert.Equal(1.0, game.Value(game.Coalition("a", "b", "c")));
        Assert.Equal(1.0, game.Value(game.Coalition("c", "d")));
        Assert.Equal(2.0, game.Value(game.Coalition("a", "c", "d")));
        Assert.Equal(2.0, game.GrandValue);
    }

    [Fact]
    public void Should_give_the_exact_Shapley_value_of_the_tabulated_sum()
    {
        var game = Sum();

        Assert.True(game.HasExactShapley);
        Assert.False(game.IsExplicit);
        var phi = Shapley.Exact(game);

        // Glove (2/3, 1/6, 1/6) on a, b, c plus majority (1/3 each) on c, d, e.
        AssertAmounts([2.0 / 3, 1.0 / 6, (1.0 / 6) + (1.0 / 3), 1.0 / 3, 1.0 / 3], phi, 1e-12);
        AssertAmounts([.. Shapley.Exact(Tabulated(game)).Amounts], phi, 1e-12);
    }

    [Fact]
    public void Should_sample_only_the_parts_that_are_not_tabulated()
    {
        var game = Sum(oracleSecond: true);

        Assert.False(game.HasExactShapley);
        Assert.Throws<InvalidOperationException>(() => Shapley.Exact(game));
        var estimate = Shapley.Sampled(game, new SampledShapleyOptions(Seed: 2, MaxPermutations: 4000, Antithetic: false));

        // a and b are only in the tabulated glove part: exact, no half-width; the others carry the majority's noise.
        var halfWidths = estimate.HalfWidths95!.Value;
        Assert.Equal(0.0, halfWidths[0]);
        Assert.Equal(0.0, halfWidths[1]);
        Assert.All(new[] { 2, 3, 4 }, i => Assert.True(halfWidths[i] > 0));
        var exact = Shapley.Exact(Tabulated(game));
        for (int i = 0; i < 5; i++)
        {
            Assert.True(Math.Abs(estimate.Amounts[i] - exact.Amounts[i]) <= (2.55 * halfWidths[i]) + 1e-12, $"player {i}");
        }

        AssertClose(game.GrandValue, estimate.Total, 1e-12);
    }

    [Fact]
    public void Should_turn_a_cost_game_of_parts_into_the_savings_game_of_its_parts()
    {
        var delivery = Build(["A", "B", "C"], GameKind.Cost,
            ("A", 88), ("B", 92), ("C", 70), ("A+B", 100), ("A+C", 119), ("B+C", 112), ("A+B+C", 120));
        var game = CooperativeGame.FromParts(["A", "B", "C", "D"], [new GamePart([0, 1, 2], delivery), new GamePart([2, 3], Build(["C", "D"], GameKind.Cost, ("C", 10), ("D", 20), ("C+D", 25)))], GameKind.Cost);

        var savings = game.ToSavingsGame();

        Assert.True(savings.HasExactShapley);
        AssertAmounts([.. Shapley.Exact(Tabulated(game).ToSavingsGame()).Amounts], Shapley.Exact(savings), 1e-12);
        AssertAmounts([.. Shapley.Exact(Tabulated(game)).Amounts], Shapley.Exact(game), 1e-12);
    }

    [Fact]
    public void Should_refuse_parts_that_do_not_fit_the_game()
    {
        Assert.Throws<ArgumentException>(() => CooperativeGame.FromParts(Five, [new GamePart([0, 1], Glove())]));
        Assert.Throws<ArgumentException>(() => CooperativeGame.FromParts(Five, [new GamePart([0, 1, 7], Glove())]));
        Assert.Throws<ArgumentException>(() => CooperativeGame.FromParts(Five, [new GamePart([0, 0, 1], Glove())]));
        Assert.Throws<ArgumentException>(() => CooperativeGame.FromParts(Five, [new GamePart([0, 1, 2], Glove())], GameKind.Cost));
    }
}
