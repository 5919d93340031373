using System.Globalization;
using SymbiosisOptimizer.Assessment.Sharing;

namespace SymbiosisOptimizer.Tests.Sharing;

/// <summary>Stratified Shapley with the pair game as a control variate, and the budget its estimates share.</summary>
public class StratifiedControlVariateTests
{
    private static string[] Names(int n) => [.. Enumerable.Range(0, n).Select(i => "p" + i.ToString(CultureInfo.InvariantCulture))];

    /// <summary>
    /// Suppliers 0..k-1 each have one unit; buyer j (players k..n-1) pays p_j for at most c_j units, and unit (i, j)
    /// costs t_ij: v(S) is the best assignment within S, found by brute force here. Competing for units, buyers are
    /// substitutes, so the game is not a pair game (dividends of three and more players), like a region's exchanges.
    /// </summary>
    private static double Market(ulong s, int suppliers, int[] capacity, double[] price, double[,] cost)
    {
        int buyers = capacity.Length;
        var left = new int[buyers];
        for (int j = 0; j < buyers; j++)
        {
            left[j] = (s & (1UL << (suppliers + j))) != 0 ? capacity[j] : 0;
        }

        double Best(int i)
        {
            if (i == suppliers)
            {
                return 0;
            }

            double best = Best(i + 1);
            if ((s & (1UL << i)) == 0)
            {
                return best;
            }

            for (int j = 0; j < buyers; j++)
            {
                if (left[j] > 0 && price[j] > cost[i, j])
                {
                    left[j]--;
                    best = Math.Max(best, price[j] - cost[i, j] + Best(i + 1));
                    left[j]++;
                }
            }

            return best;
        }

        return Best(0);
    }

    private static CooperativeGame MarketGame(bool explicitValues)
    {
        const int suppliers = 7;
        int[] capacity = [2, 1, 3, 1, 2];
        double[] price = [10, 14, 9, 12, 11];
        var cost = new double[suppliers, capacity.Length];
        for (int i = 0; i < suppliers; i++)
        {
            for (int j = 0; j < capacity.Length; j++)
            {
                cost[i, j] = ((3 * i) + (5 * j)) % 11;
            }
        }

        double Value(ulong s) => Market(s, suppliers, capacity, price, cost);
        var names = Names(suppliers + capacity.Length);
        return explicitValues ? CooperativeGame.FromFunction(names, Value) : CooperativeGame.FromOracle(names, Value);
    }

    [Fact]
    public void Should_recover_a_pair_game_exactly()
    {
        // A pair game is its own control: within each stratum every residual is the same, so the estimate is the
        // control's exact Shapley value, phi_i = a_i + (sum over j of w_ij) / 2 (each pair's gain split in half),
        // worked out here from the game's definition, not from the estimator; plain sampling of the same number of
        // coalitions is not exact.
        const int n = 14;
        var game = CooperativeGame.FromOracle(Names(n), TestGames.Pairwise(n, seed: 4, out var alone, out var pair));
        var truth = Enumerable.Range(0, n).Select(i => alone[i] + (Enumerable.Range(0, n).Sum(j => pair[i, j]) / 2)).ToArray();

        var controlled = StratifiedShapley.Estimate(game, new StratifiedShapleyOptions(Seed: 3, TargetRelativeHalfWidth: 0.05, Pilot: 3));
        var plain = StratifiedShapley.Estimate(game, new StratifiedShapleyOptions(Seed: 3, TargetRelativeHalfWidth: 0.05, Pilot: 3, MaxCoalitions: controlled.Samples!.Value) { ControlVariateOrder = 0 });

        for (int i = 0; i < n; i++)
        {
            Assert.Equal(truth[i], controlled.Amounts[i], 9);
        }

        Assert.Contains("control variate", controlled.Note, StringComparison.Ordinal);
        Assert.Contains(Enumerable.Range(0, n), i => Math.Abs(plain.Amounts[i] - truth[i]) > 0.01);
    }

    [Fact]
    public void Should_be_unbiased_on_a_market_game_over_many_seeds()
    {
        // The truth is exact enumeration of the 2^12 coalitions (Shapley.Exact, a different code path). Over 40
        // independent estimates the mean error of each share should be within about 3 standard errors of 0, a
        // standard error being the estimates' own half-width / 1.96 / sqrt(40); a bias of the fitted coefficient
        // larger than that would show.
        var exact = Shapley.Exact(MarketGame(explicitValues: true));
        var game = MarketGame(explicitValues: false);
        const int seeds = 40;
        int n = game.PlayerCount;
        var errors = new double[n];
        var widths = new double[n];
        for (int seed = 0; seed < seeds; seed++)
        {
            var phi = StratifiedShapley.Estimate(game, new StratifiedShapleyOptions(Seed: 100 + seed, TargetRelativeHalfWidth: 0.05, Pilot: 4));
            for (int i = 0; i < n; i++)
            {
                errors[i] += (phi.Amounts[i] - exact.Amounts[i]) / seeds;
                widths[i] += phi.HalfWidths95!.Value[i] / seeds;
            }
        }

        for (int i = 0; i < n; i++)
        {
            double standardError = widths[i] / 1.96 / Math.Sqrt(seeds);
            Assert.True(Math.Abs(errors[i]) <= (3.5 * standardError) + 1e-9, $"player {i}: mean error {errors[i]}, standard error {standardError}");
        }
    }

    [Fact]
    public void Should_narrow_the_half_widths_of_a_market_game_at_the_same_coalitions()
    {
        var game = MarketGame(explicitValues: false);
        var options = new StratifiedShapleyOptions(Seed: 9, TargetRelativeHalfWidth: 0.0001, MaxCoalitions: 1200, Pilot: 3);

        var controlled = StratifiedShapley.Estimate(game, options);
        var plain = StratifiedShapley.Estimate(game, options with { ControlVariateOrder = 0 });

        Assert.True(controlled.HalfWidths95!.Value.Sum() < plain.HalfWidths95!.Value.Sum(), $"controlled {controlled.HalfWidths95.Value.Sum()}, plain {plain.HalfWidths95!.Value.Sum()}");
    }

    [Fact]
    public void Should_split_a_budget_by_strata_and_pass_on_what_is_left()
    {
        // Weights 10^2 = 100 and 20^2 = 400: the first game may take 1000 x 100 / 500 = 200; it uses 150, so the
        // second, the last, gets all that is left, 850.
        var budget = new CoalitionBudget(1000, [10, 20]);

        Assert.Equal(200, budget.Claim(10));
        budget.Spend(150);
        Assert.Equal(850, budget.Claim(20));
        budget.Spend(850);
        Assert.Equal(0, budget.Left);
        Assert.Equal(1, budget.Claim(5));
    }

    [Fact]
    public void Should_keep_two_sampled_parts_within_a_shared_budget()
    {
        // Two independent market games of 12 players each (players 12..23 are the second's). Alone, each estimate to
        // ±0.01 % would value more coalitions than the budget has; shared, the second gets what the first left.
        var part = MarketGame(explicitValues: false);
        var game = CooperativeGame.FromParts(Names(24), [new GamePart([.. Enumerable.Range(0, 12)], part), new GamePart([.. Enumerable.Range(12, 12)], part)]);
        var options = new StratifiedShapleyOptions(Seed: 2, TargetRelativeHalfWidth: 0.0001, Pilot: 2);
        var alone = StratifiedShapley.Estimate(part, options);

        var budget = new CoalitionBudget(3000, [12, 12]);
        var shared = StratifiedShapley.Estimate(game, options with { Budget = budget });

        Assert.True(alone.Samples > 1500, $"alone {alone.Samples}");
        // A round's samples are rounded up per stratum, so a game may pass its claim by at most one sample (two
        // coalitions) per stratum: 2 x 144 for each of the two games.
        Assert.True(shared.Samples <= 3000 + (2 * 2 * 144), $"shared {shared.Samples}");
        Assert.Equal(Math.Max(0, 3000 - shared.Samples!.Value), budget.Left);
        Assert.Contains("before its target", shared.Note, StringComparison.Ordinal);
        Assert.Equal(Shapley.Exact(MarketGame(explicitValues: true)).Total * 2, shared.Total, 6);
    }
}
