using System.Globalization;
using System.Numerics;
using SymbiosisOptimizer.Assessment.Sharing;

namespace SymbiosisOptimizer.Tests.Sharing;

public class StratifiedShapleyTests
{
    /// <summary>Runway lengths (cost of a runway long enough for plane i): distinct, unsorted, so order matters nowhere.</summary>
    private static readonly double[] Runways = [.. Enumerable.Range(0, 30).Select(i => 100.0 + (37 * i % 30 * 10) + (i % 7))];

    /// <summary>The airport game (Littlechild &amp; Owen 1973): c(S) = the longest runway any plane of S needs.</summary>
    private static CooperativeGame Airport() =>
        CooperativeGame.FromOracle(Runways.Select((_, i) => "plane" + i.ToString(CultureInfo.InvariantCulture)), s =>
        {
            double longest = 0;
            for (var rest = s; rest != 0; rest &= rest - 1)
            {
                longest = Math.Max(longest, Runways[BitOperations.TrailingZeroCount(rest)]);
            }

            return longest;
        }, GameKind.Cost);

    /// <summary>
    /// Littlechild &amp; Owen (1973), "A simple expression for the Shapley value in a special case", Management Science
    /// 20(3): with costs sorted c_(1) &lt;= ... &lt;= c_(n), plane (k) pays sum over j &lt;= k of (c_(j) - c_(j-1)) / (n - j + 1):
    /// each runway segment is split equally among the planes that need it.
    /// </summary>
    private static double[] LittlechildOwen(double[] costs)
    {
        var order = costs.Select((c, i) => (c, i)).OrderBy(t => t.c).ToArray();
        var n = costs.Length;
        var share = new double[n];
        double paid = 0;
        double previous = 0;
        for (var j = 0; j < n; j++)
        {
            paid += (order[j].c - previous) / (n - j);
            previous = order[j].c;
            share[order[j].i] = paid;
        }

        return share;
    }

    [Fact]
    public void Should_estimate_the_airport_game_within_its_stated_half_widths()
    {
        var truth = LittlechildOwen(Runways);
        var phi = StratifiedShapley.Estimate(Airport(), new StratifiedShapleyOptions(Seed: 3, TargetRelativeHalfWidth: 0.05));

        Assert.Equal(StratifiedShapley.MethodName, phi.Method);
        var hw = phi.HalfWidths95!.Value;
        // 95 % intervals: for 30 shares about 1.5 are expected outside by chance; more than 3 outside has probability
        // about 6 % for a correct bound, and outside twice the half-width (|z| > 3.9) about 1e-4 per share.
        var outside = Enumerable.Range(0, truth.Length).Count(i => Math.Abs(phi.Amounts[i] - truth[i]) > hw[i]);
        Assert.True(outside <= 3, $"{outside} of {truth.Length} shares outside their 95 % half-width");
        Assert.All(Enumerable.Range(0, truth.Length), i => Assert.True(Math.Abs(phi.Amounts[i] - truth[i]) <= (2 * hw[i]) + 1e-9, $"plane {i}: {phi.Amounts[i]} ± {hw[i]}, truth {truth[i]}"));

        // The stopping rule's promise: every half-width within 5 % of max(|share|, mean |share|) (of the estimate
        // before its adjustment to add up to c(N), so allow that small shift in the scale).
        var floor = phi.Amounts.Average(Math.Abs);
        Assert.All(Enumerable.Range(0, truth.Length), i => Assert.True(hw[i] <= (0.05 * Math.Max(Math.Abs(phi.Amounts[i]) + hw[i], floor)) + 1e-9));

        // The shares add up to c(N), the longest runway, as the Shapley value does (efficiency).
        Assert.Equal(Runways.Max(), phi.Total, 6);
        Assert.All(phi.SamplesPerPlayer!.Value, m => Assert.True(m >= 30));
    }

    [Fact]
    public void Should_be_exact_when_every_stratum_can_be_enumerated()
    {
        // Six players: a stratum has at most C(5, 2) = 10 coalitions, so with a pilot of 10 every stratum is
        // enumerated and the estimate is the Shapley value itself, with zero half-widths. The truth is exact
        // enumeration over all 2^6 coalitions (Shapley.Exact, tested against published games in ShapleyTests).
        double[] w = [4, 3, 3, 2, 1, 1];
        var game = CooperativeGame.FromFunction(["a", "b", "c", "d", "e", "f"], s =>
        {
            double weight = 0;
            for (var rest = s; rest != 0; rest &= rest - 1)
            {
                weight += w[BitOperations.TrailingZeroCount(rest)];
            }

            // A weighted majority (quota 8 of 14) plus a convex part, so marginals vary within each size.
            return (weight >= 8 ? 10 : 0) + (weight * weight / 10);
        });

        var phi = StratifiedShapley.Estimate(game, new StratifiedShapleyOptions(Seed: 1, Pilot: 10));
        var exact = Shapley.Exact(game);

        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(exact.Amounts[i], phi.Amounts[i], 9);
            Assert.Equal(0.0, phi.HalfWidths95!.Value[i]);
        }

        Assert.Contains("36 of 36 strata enumerated exactly", phi.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_give_the_same_estimate_for_the_same_seed_whatever_the_threads()
    {
        var options = new StratifiedShapleyOptions(Seed: 7, TargetRelativeHalfWidth: 0.2);
        var one = StratifiedShapley.Estimate(Airport(), options);
        var again = StratifiedShapley.Estimate(Airport(), options with { MaxDegreeOfParallelism = 4 });
        var other = StratifiedShapley.Estimate(Airport(), options with { Seed = 8 });

        Assert.Equal(one.Amounts.ToArray(), again.Amounts.ToArray());
        Assert.Equal(one.HalfWidths95!.Value.ToArray(), again.HalfWidths95!.Value.ToArray());
        Assert.Equal(one.Samples, again.Samples);
        Assert.NotEqual(one.Amounts.ToArray(), other.Amounts.ToArray());
    }

    [Fact]
    public void Should_stop_sooner_at_a_looser_target_and_at_the_cap()
    {
        var tight = StratifiedShapley.Estimate(Airport(), new StratifiedShapleyOptions(Seed: 2, TargetRelativeHalfWidth: 0.05));
        var loose = StratifiedShapley.Estimate(Airport(), new StratifiedShapleyOptions(Seed: 2, TargetRelativeHalfWidth: 0.20));
        Assert.True(loose.Samples < tight.Samples, $"loose {loose.Samples} coalitions, tight {tight.Samples}");
        Assert.True(loose.SamplesPerPlayer!.Value.Sum() < tight.SamplesPerPlayer!.Value.Sum());
        Assert.Contains("every share within", loose.Note, StringComparison.Ordinal);

        // A cap below what the tight target needs stops there (after the pilot round's overshoot) and says so.
        var cap = tight.Samples!.Value / 2;
        var capped = StratifiedShapley.Estimate(Airport(), new StratifiedShapleyOptions(Seed: 2, TargetRelativeHalfWidth: 0.05, MaxCoalitions: cap));
        Assert.True(capped.Samples < tight.Samples);
        Assert.Contains("stopped at the cap", capped.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_report_progress_up_to_the_end()
    {
        var seen = new List<StratifiedProgress>();
        var phi = StratifiedShapley.Estimate(Airport(), new StratifiedShapleyOptions(Seed: 2, TargetRelativeHalfWidth: 0.2, Progress: seen.Add));

        Assert.NotEmpty(seen);
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.Second.Coalitions >= p.First.Coalitions));
        Assert.Equal(phi.Samples, seen[^1].Coalitions);
        Assert.True(seen[^1].WidestRelative <= 1.0);
        Assert.True(seen[0].WidestRelative > 1.0, "the pilot alone should not meet a 20 % target on 30 planes");
    }

    [Fact]
    public void Should_add_exact_parts_and_sampled_parts()
    {
        // Two independent airports: plane k of part 2 is player 30 + k. The Shapley value of a sum of games is the sum
        // of their values, so each player's truth is Littlechild-Owen within its own airport; the first part is
        // tabulated (explicit, 4 players) and exact, the second sampled.
        double[] small = [10, 40, 20, 30];
        var explicitPart = CooperativeGame.FromFunction(["s0", "s1", "s2", "s3"], s =>
            Enumerable.Range(0, 4).Where(i => (s & (1UL << i)) != 0).Select(i => small[i]).DefaultIfEmpty(0).Max(), GameKind.Cost);
        var players = Enumerable.Range(0, 34).Select(i => "p" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var game = CooperativeGame.FromParts(players,
            [new GamePart([.. Enumerable.Range(0, 4)], explicitPart), new GamePart([.. Enumerable.Range(4, 30)], Airport())], GameKind.Cost);

        var phi = StratifiedShapley.Estimate(game, new StratifiedShapleyOptions(Seed: 5, TargetRelativeHalfWidth: 0.2));

        var exactSmall = LittlechildOwen(small);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(exactSmall[i], phi.Amounts[i], 9);
            Assert.Equal(0.0, phi.HalfWidths95!.Value[i]);
        }

        Assert.Equal(small.Max() + Runways.Max(), phi.Total, 6);
        Assert.Contains("1 of them exact", phi.Note, StringComparison.Ordinal);
    }
}
