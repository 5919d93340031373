using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Tests.Optimization;

/// <summary>Small models whose optimum is worked out by hand in the fixture's header comment.</summary>
public class HandSolvedModelTests
{
    private static ExchangeOutcome Single(OptimizationResult r, string source, string sink) =>
        Assert.Single(r.Exchanges, e => e.Source == source && e.Sink == sink);

    private static double ActorBenefit(OptimizationResult r, string actor) => Assert.Single(r.Actors, a => a.Id == actor).NetBenefit;

    // Tiny: 5 000 t at 300 gate fee + 744 tax + 10 EUR * 11.5 - 1.5 * 40 km = 1 099 SEK/t, flowing 9 of 10 years
    // (permit lead time 1 yr), minus the permit 100 kSEK * CRF(5 %, 10 yr) = 12 950.46:
    // 5 000 * 1 099 * 0.9 - 12 950.4575 = 4 932 549.54. The foundry saves 1 044 * 5 000 * 0.9 = 4 698 000; the road
    // works 115 * 4 500 - 60 * 4 500 - 12 950.46 = 234 549.54 (the permit and transport are the receiver's).
    [Theory]
    [InlineData(SolverKind.Auto)]
    [InlineData(SolverKind.Scip)]
    [InlineData(SolverKind.Cbc)]
    public void Tiny_fixture_matches_the_hand_solution(SolverKind solver)
    {
        var r = TestRepo.Optimize(TestRepo.Load("tiny"), solver);

        Assert.Equal(ResultStatus.Optimal, r.Status);
        var k = r.Kpis!;
        var crf = 0.05 * Math.Pow(1.05, 10) / (Math.Pow(1.05, 10) - 1);
        Approx.Equal(0.1295046, crf, 1e-6, "CRF");
        Approx.Equal((5000 * 1099 * 0.9) - (100_000 * crf), k.NetBenefit, 1e-9, "net benefit");
        Approx.Equal(4_932_549.54, k.NetBenefit, 1e-6, "net benefit");
        Approx.Equal(5000, Single(r, "sand", "road-aggregate").Quantity, 1e-9, "flow");
        Approx.Equal(4500, k.LandfillAvoided, 1e-9, "landfill avoided");
        Approx.Equal(4500, k.VirginMaterialAvoided, 1e-9, "virgin avoided");
        Approx.Equal(4_698_000, ActorBenefit(r, "foundry"), 1e-6, "foundry");
        Approx.Equal(234_549.54, ActorBenefit(r, "roads"), 1e-6, "road works");
        Assert.Equal(["reuse-permit@roads"], r.PermitsTaken.AsEnumerable());
    }

    [Theory]
    [InlineData(SolverKind.Glop)]
    [InlineData(SolverKind.Scip)]
    [InlineData(SolverKind.Cbc)]
    public void Two_supplies_are_blended_to_exactly_the_quality_limit(SolverKind solver)
    {
        var r = TestRepo.Optimize(TestRepo.Load("blend-quality"), solver);

        Assert.Equal(ResultStatus.Optimal, r.Status);
        var a = Single(r, "ash-a", "road").Quantity;
        var b = Single(r, "ash-b", "road").Quantity;
        Approx.Equal(600, a, 1e-7, "clean ash");
        Approx.Equal(400, b, 1e-7, "dirty ash");
        Approx.Equal(50, ((a * 30) + (b * 80)) / (a + b), 1e-7, "blend phenol");
        Approx.Equal(236_000, r.Kpis!.NetBenefit, 1e-6, "net benefit");
        Approx.Equal(1000, r.Kpis.LandfillAvoided, 1e-7, "landfill avoided");
    }

    [Fact]
    public void Min_cost_flow_refuses_a_model_with_quality_limits_instead_of_ignoring_them()
    {
        var r = TestRepo.Optimize(TestRepo.Load("blend-quality"), SolverKind.MinCostFlow);

        Assert.False(r.HasSolution);
        Assert.Equal(ResultStatus.Error, r.Status);
        Assert.Contains("quality", string.Join(" ", r.Explanation), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SolverKind.Scip)]
    [InlineData(SolverKind.Cbc)]
    public void A_fixed_charge_connection_is_made_only_when_the_quantity_pays_for_it(SolverKind solver)
    {
        var big = TestRepo.Optimize(TestRepo.Load("fixed-charge"), solver);
        var small = TestRepo.Optimize(TestRepo.Load("fixed-charge", "small"), solver);

        Assert.Equal(ResultStatus.Optimal, big.Status);
        Approx.Equal(500, Single(big, "slag-mill", "fill").Quantity, 1e-9, "flow at 500 t/yr");
        Approx.Equal(25_000, big.Kpis!.NetBenefit, 1e-6, "benefit at 500 t/yr");

        Assert.Equal(ResultStatus.Optimal, small.Status);
        Assert.Empty(small.Exchanges);
        Assert.Equal(0, small.Kpis!.NetBenefit);
        Assert.Equal(0, small.Kpis.LandfillAvoided);
    }

    [Theory]
    [InlineData(SolverKind.Scip)]
    [InlineData(SolverKind.Cbc)]
    public void A_minimum_lot_sends_the_whole_supply_to_the_far_buyer(SolverKind solver)
    {
        var r = TestRepo.Optimize(TestRepo.Load("min-lot"), solver);

        Assert.Equal(ResultStatus.Optimal, r.Status);
        var e = Assert.Single(r.Exchanges);
        Assert.Equal("far-fill", e.Sink);
        Approx.Equal(500, e.Quantity, 1e-9, "lot");
        Approx.Equal(135_000, r.Kpis!.NetBenefit, 1e-6, "net benefit");
    }

    [Fact]
    public void Glop_refuses_a_model_with_minimum_lots_rather_than_returning_the_relaxation()
    {
        // The relaxation would report 142 000 SEK/yr for a plan (150 t to the far buyer) that breaks the lot.
        var r = TestRepo.Optimize(TestRepo.Load("min-lot"), SolverKind.Glop);

        Assert.False(r.HasSolution);
        Assert.Equal(ResultStatus.Error, r.Status);
    }

    [Theory]
    [InlineData(SolverKind.Scip)]
    [InlineData(SolverKind.Cbc)]
    public void A_biochar_plant_runs_at_capacity_with_sludge_at_its_maximum_share(SolverKind solver)
    {
        var r = TestRepo.Optimize(TestRepo.Load("biochar-process"), solver);

        Assert.Equal(ResultStatus.Optimal, r.Status);
        var plant = Assert.Single(r.Processes);
        Assert.True(plant.Built);
        Approx.Equal(1000, plant.Throughput, 1e-9, "throughput");
        Approx.Equal(600, Single(r, "sludge-wwtp", "biochar-plant/in/sludge").Quantity, 1e-9, "sludge");
        Approx.Equal(400, Single(r, "garden", "biochar-plant/in/garden-waste").Quantity, 1e-9, "garden waste");
        Approx.Equal(300, Single(r, "biochar-plant/out/biochar", "soil").Quantity, 1e-9, "biochar");
        Approx.Equal(507_000, r.Kpis!.NetBenefit, 1e-6, "net benefit");
        Approx.Equal(-210_000, ActorBenefit(r, "energy"), 1e-6, "plant owner (opex, capex, inbound transport)");
        Approx.Equal(600, r.Kpis.LandfillAvoided, 1e-9, "landfill avoided");
    }

    [Theory]
    [InlineData(SolverKind.Scip)]
    [InlineData(SolverKind.Cbc)]
    public void When_the_plant_does_not_pay_doing_nothing_scores_exactly_zero(SolverKind solver)
    {
        var r = TestRepo.Optimize(TestRepo.Load("biochar-process", "expensive"), solver);

        Assert.Equal(ResultStatus.Optimal, r.Status);
        Assert.Empty(r.Exchanges);
        var plant = Assert.Single(r.Processes);
        Assert.False(plant.Built);
        Assert.Equal(0, plant.Throughput);
        Assert.Equal(0, r.Kpis!.NetBenefit);
        Assert.Equal(0, r.Kpis.ObjectiveGain);
        Assert.All(r.Actors, a => Assert.Equal(0, a.NetBenefit));
    }

    [Theory]
    [InlineData(SolverKind.Auto)]
    [InlineData(SolverKind.Scip)]
    public void A_process_with_no_capacity_is_bounded_by_the_process_that_feeds_it(SolverKind solver)
    {
        var r = TestRepo.Optimize(TestRepo.Load("process-chain"), solver);

        Assert.Equal(ResultStatus.Optimal, r.Status);
        Approx.Equal(500, Assert.Single(r.Processes, p => p.Id == "composter").Throughput, 1e-9, "composter");
        Approx.Equal(500, Single(r, "composter/out/compost", "soil").Quantity, 1e-9, "compost");
        Approx.Equal(585_000, r.Kpis!.NetBenefit, 1e-6, "net benefit");
    }
}
