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

    // Three overlapping parts on ten players, given by random integer tables: small enough to tabulate the whole.
    private static GamePart[] RandomParts(int seed, bool oracleLast = false)
    {
        var random = new Random(seed);
        int[][] members = [[0, 1, 2, 3], [3, 4, 5, 6, 7], [7, 8, 1]];
        return [.. members.Select((m, k) =>
        {
            var table = new double[1 << m.Length];
            for (int s = 1; s < table.Length; s++)
            {
                table[s] = random.Next(-20, 100);
            }

            var game = CooperativeGame.FromValues(m.Select(i => "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)), table);
            return new GamePart([.. m], oracleLast && k == members.Length - 1 ? CooperativeGame.FromOracle(game.Players, game.Value) : game);
        })];
    }

    private static string[] Names(int n, string prefix) => [.. Enumerable.Range(0, n).Select(i => prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The same parts with every member moved up by <paramref name="offset"/> in a game of <paramref name="players"/>.</summary>
    private static CooperativeGame Shifted(GamePart[] parts, int players, int offset) =>
        CooperativeGame.FromParts(Names(players, "x"), parts.Select(p => p with { Members = [.. p.Members.Select(m => m + offset)] }));

    [Fact]
    public void Should_give_a_game_of_parts_beyond_64_players_the_Shapley_value_of_its_tabulated_small_twin()
    {
        // Ten players (player 9 in no part) tabulated whole: the reference. The same parts placed among 130 players,
        // far beyond a coalition mask, must give the same shares to the same players and 0 to the others.
        var parts = RandomParts(seed: 5);
        var small = CooperativeGame.FromParts(Names(10, "p"), parts);
        var reference = Shapley.Exact(Tabulated(small));
        var large = Shifted(parts, players: 130, offset: 100);

        Assert.False(large.HasCoalitionMasks);
        Assert.True(large.HasExactShapley);
        var phi = Shapley.Exact(large);
        for (int i = 0; i < 130; i++)
        {
            double expected = i is >= 100 and < 110 ? reference.Amounts[i - 100] : 0.0;
            Assert.True(Math.Abs(expected - phi.Amounts[i]) <= 1e-9, $"player {i}: {phi.Amounts[i]}, expected {expected}");
        }

        AssertClose(small.GrandValue, large.GrandValue, 1e-12);
        AssertClose(large.GrandValue, phi.Total, 1e-12);
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(small.Value(1UL << i), large.Standalone(100 + i));
        }
    }

    [Fact]
    public void Should_sample_a_game_of_parts_beyond_64_players_as_its_small_twin()
    {
        var parts = RandomParts(seed: 8, oracleLast: true);
        var options = new SampledShapleyOptions(Seed: 3, MaxPermutations: 400);
        var small = Shapley.Sampled(CooperativeGame.FromParts(Names(10, "p"), parts), options);
        var large = Shapley.Sampled(Shifted(parts, players: 90, offset: 70), options);

        // The parts are sampled with the same seeds, so the estimates agree to the bit, half-widths included.
        Assert.Equal(small.Amounts, large.Amounts.Skip(70).Take(10));
        Assert.Equal(small.HalfWidths95!.Value, large.HalfWidths95!.Value.Skip(70).Take(10));
        Assert.All(large.Amounts.Take(70), a => Assert.Equal(0.0, a));
        Assert.True(small.HalfWidths95!.Value[8] > 0);
    }

    [Fact]
    public void Should_report_a_game_of_parts_beyond_64_players_and_refuse_its_coalition_masks()
    {
        var game = Shifted(RandomParts(seed: 11), players: 70, offset: 60);

        var report = SharingReportBuilder.Build(game, SharingMethods.All);

        Assert.Equal(["shapley", "equal", "proportional"], report.Methods.Select(m => m.Method));
        Assert.Contains(report.Notes, n => n.StartsWith("nucleolus skipped: it needs the value of every coalition", StringComparison.Ordinal));
        Assert.Equal(70, report.PerPlayer.Count);
        AssertClose(report.GrandCoalitionValue, report.Methods[0].Total, 1e-12);
        Assert.Throws<InvalidOperationException>(() => game.Value(1));
        Assert.Throws<InvalidOperationException>(() => game.GrandCoalition);
        Assert.Throws<InvalidOperationException>(() => game.Coalition("x0"));
        Assert.Throws<InvalidOperationException>(() => game.WithLinks(new ulong[70]));
        Assert.Throws<ArgumentException>(() => CooperativeGame.FromOracle(Names(65, "x"), _ => 0));
    }
}
