using System.Collections.Immutable;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Decisions;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;

namespace SymbiosisOptimizer.Tests.Decisions;

/// <summary>
/// Robust plans, near-optimal alternatives and the three-way front, on fixtures whose answers are worked out by hand in
/// their headers (tests/fixtures/two-futures, tests/fixtures/two-suppliers).
/// </summary>
public class DecisionTests
{
    private static readonly Lazy<Region> TwoFutures = new(() => TestPaths.Load(TestPaths.Fixture("two-futures")));
    private static readonly Lazy<Region> TwoSuppliers = new(() => TestPaths.Load(TestPaths.Fixture("two-suppliers")));
    private static readonly SolveOptions Exact = new(RelativeGap: 1e-9);

    /// <summary>The two futures of the fixture: the fill price at 100 and at 800 SEK/t.</summary>
    private static readonly ImmutableArray<double>[] Futures = [[100.0], [800.0]];

    [Fact]
    public void Should_commit_to_the_contract_that_pays_on_average_when_the_mean_plan_does_not()
    {
        var r = Robust.Solve(TwoFutures.Value, Futures, 0, RiskSpec.Expected, Exact);
        Assert.Equal(ResultStatus.Optimal, r.Status);
        Assert.Single(r.Plan.Connections(r.Model));
        Assert.Empty(r.MeanPlan.Connections(r.Model));

        // Hand values from the fixture's header: RP 10 000, EEV 0, WS 15 000, VSS 10 000, EVPI 5 000 SEK/yr.
        Assert.Equal(10_000, r.RecourseProblem, 3);
        Assert.Equal(0, r.ExpectedOfMeanPlan, 3);
        Assert.Equal(15_000, r.WaitAndSee, 3);
        Assert.Equal(10_000, r.ValueOfStochasticSolution, 3);
        Assert.Equal(5_000, r.ExpectedValueOfPerfectInformation, 3);

        // The extensive form's own objective is the expected gain the per-sample re-solves report.
        Assert.Equal(r.RecourseProblem, r.ExtensiveObjective, 3);

        // Future 1 moves nothing under the contract and pays it; future 2 moves all 100 t.
        Assert.Equal(-10_000, r.Draws[0].Robust.Kpis!.ObjectiveGain, 3);
        Assert.Equal(30_000, r.Draws[1].Robust.Kpis!.ObjectiveGain, 3);
    }

    [Fact]
    public void Should_not_connect_when_only_the_worse_future_counts()
    {
        // CVaR at 0.5 over two futures is the worse one: -10 000 with the contract, 0 without (fixture header).
        var r = Robust.Solve(TwoFutures.Value, Futures, 0, new RiskSpec(RiskMeasure.Cvar, 0.5), Exact);
        Assert.Empty(r.Plan.Connections(r.Model));
        Assert.Equal(0, r.RiskValue, 3);
        Assert.Equal(0, r.RecourseProblem, 3);
    }

    [Fact]
    public void Should_compute_cvar_as_the_mean_of_the_worst_share_with_a_fractional_boundary()
    {
        // Worst 30 % of four equally likely gains {10, 20, 30, 40}: all of 10 and 0.2 of 20 -> (10 + 0.2 x 20) / 1.2.
        Assert.Equal((10 + (0.2 * 20)) / 1.2, Robust.RiskOf(new RiskSpec(RiskMeasure.Cvar, 0.7), [40, 10, 30, 20]), 9);
        Assert.Equal(25, Robust.RiskOf(RiskSpec.Expected, [40, 10, 30, 20]), 9);
    }

    [Fact]
    public void Should_give_the_same_robust_document_for_the_same_seed()
    {
        static string Json(RobustResult r) =>
            RunnerJson.Serialize(RobustDocument.Build(TwoFutures.Value, "f", "base", r, RunMetadata.Now([]) with { Machine = "m", Timings = [] }));
        var a = Robust.Run(TwoFutures.Value, 6, 7, RiskSpec.Expected, new());
        var b = Robust.Run(TwoFutures.Value, 6, 7, RiskSpec.Expected, new());
        Assert.Equal(Json(a), Json(b));
        Assert.True(a.ValueOfStochasticSolution >= -1e-6 && a.ExpectedValueOfPerfectInformation >= -1e-6);
    }

    [Fact]
    public void Should_find_the_one_other_plan_within_five_percent_and_call_both_exchanges_optional()
    {
        var r = Alternatives.Find(TwoSuppliers.Value, 5, 0.05, Exact);

        // Header: optimum Mill A 30 000, the only other plan within 28 500 is Mill B alone at 29 000.
        Assert.Equal(2, r.Plans.Length);
        Assert.Equal(30_000, r.Plans[0].Result.Kpis!.ObjectiveGain, 3);
        Assert.Equal(29_000, r.Plans[1].Result.Kpis!.ObjectiveGain, 3);
        Assert.All(r.Plans, p => Assert.True(p.Result.Kpis!.ObjectiveGain >= (1 - 0.05) * 30_000 - 1e-6));
        Assert.NotEqual(r.Plans[0].Choices.Exchanges(r.Optimum.Chosen.Model), r.Plans[1].Choices.Exchanges(r.Optimum.Chosen.Model));
        Assert.Equal(2, r.Exchanges.Length);
        Assert.All(r.Exchanges, e => Assert.Equal(Presence.Optional, e.Presence));
        Assert.Equal(["mill-a", "mill-b"], r.Exchanges.Select(e => r.Optimum.Network.Sources.First(s => s.Id == e.Id.Source).ActorId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Should_find_no_other_plan_within_one_percent_and_call_the_optimum_a_must_have()
    {
        var r = Alternatives.Find(TwoSuppliers.Value, 5, 0.01, Exact);
        Assert.Single(r.Plans);
        var only = Assert.Single(r.Exchanges);
        Assert.Equal(Presence.MustHave, only.Presence);
        Assert.NotEmpty(r.StoppedBecause);
    }

    [Fact]
    public void Should_keep_every_alternative_of_the_bundled_scenario_within_its_slack_and_different()
    {
        var region = TestPaths.Load(TestPaths.Scenario("varmland-dalarna"));
        var r = Alternatives.Find(region, 3, 0.05, new());
        var best = r.Optimum.Kpis!.ObjectiveGain;
        Assert.True(r.Plans.Length >= 2, "the bundled scenario has near-optimal alternatives");
        Assert.All(r.Plans, p => Assert.True(p.Result.Kpis!.ObjectiveGain >= ((1 - 0.05) * best) - 1e-6 * best));
        for (var i = 0; i < r.Plans.Length; i++)
        {
            for (var j = i + 1; j < r.Plans.Length; j++)
            {
                Assert.False(r.Plans[i].Choices.SameExchanges(r.Plans[j].Choices), $"plans {i} and {j} are the same");
            }
        }

        // Presence counts are counts over the plans found.
        foreach (var e in r.Exchanges)
        {
            Assert.Equal(r.Plans.Count(p => p.Choices.Arcs.Contains(e.Arc)), e.Plans);
            Assert.Equal(e.Plans == r.Plans.Length ? Presence.MustHave : Presence.Optional, e.Presence);
        }
    }

    [Fact]
    public void Should_keep_points_that_nothing_dominates_and_one_of_equal_points()
    {
        // Costs (lower is better) in three objectives, by hand: 1 is dominated by 0; 3 equals 2; 4 trades off.
        double[][] totals = [[1, 1, 1], [2, 1, 1], [0, 5, 5], [0, 5, 5], [5, 0, 2]];
        Assert.Equal([0, 2, 4], ParetoFront.NonDominated(totals));
    }

    [Fact]
    public void Should_trace_the_four_hand_derived_points_of_the_three_way_fixture()
    {
        var region = TestPaths.Load(TestPaths.Fixture("three-way"));
        var r = ExchangeOptimizer.Optimize(region, new OptimizeOptions(Exact, ParetoPoints: 3) { ParetoObjectives = [ParetoObjective.Money, ParetoObjective.Co2, ParetoObjective.Landfill] });

        // (money SEK/yr, CO2e t/yr, landfill t/yr) from the fixture's header.
        (double Money, double Co2, double Landfill)[] expected = [(14_000, 0, 100), (12_500, 25, 50), (10_000 * 5 / 6.0 + 14_000 / 6.0, 25, 100), (11_000, 50, 0)];
        Assert.Equal(expected.Length, r.Pareto.Length);
        foreach (var e in expected)
        {
            Assert.Contains(r.Pareto, p => Math.Abs(p.NetBenefit - e.Money) < 0.01 && Math.Abs(p.Co2Avoided - e.Co2) < 1e-4 && Math.Abs(p.LandfillAvoided - e.Landfill) < 1e-3);
        }

        // The point at landfill 100 and CO2e 25 mixes X and W: two exchanges, and Y is not one of them.
        var mixed = r.Pareto.Single(p => p.Co2Avoided > 20 && p.LandfillAvoided > 99);
        Assert.Equal(2, mixed.Exchanges.Length);
        Assert.DoesNotContain(mixed.Exchanges, x => x.Source.Contains("residue-y", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_trace_a_three_way_front_of_non_dominated_plans_on_the_bundled_scenario()
    {
        var region = TestPaths.Load(TestPaths.Scenario("varmland-dalarna"));
        var r = ExchangeOptimizer.Optimize(region, new OptimizeOptions(new SolveOptions(), ParetoPoints: 3) { ParetoObjectives = [ParetoObjective.Money, ParetoObjective.Co2, ParetoObjective.Landfill] });
        var front = r.Pareto;
        Assert.True(front.Length >= 2);
        foreach (var p in front)
        {
            Assert.DoesNotContain(front, q => !ReferenceEquals(p, q)
                && q.NetBenefit >= p.NetBenefit - 1e-6 && q.Co2Avoided >= p.Co2Avoided - 1e-6 && q.LandfillAvoided >= p.LandfillAvoided - 1e-6
                && (q.NetBenefit > p.NetBenefit + 1e-3 || q.Co2Avoided > p.Co2Avoided + 1e-3 || q.LandfillAvoided > p.LandfillAvoided + 1e-3));
            Assert.NotEmpty(p.Exchanges);
        }
    }
}
