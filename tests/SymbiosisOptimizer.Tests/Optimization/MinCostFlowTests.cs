using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Tests.Optimization;

public class MinCostFlowTests
{
    // 250 062.5 kg/yr is a plausible stated quantity; min-cost flow works in integers and used to scale flows by
    // 1 000 at most, so it sent 250.063 t of a 250.0625 t supply: more than exists.
    [Theory]
    [InlineData(SolverKind.Auto)]
    [InlineData(SolverKind.Glop)]
    public void Flows_keep_the_balances_exact_when_quantities_have_more_than_three_decimals(SolverKind solver)
    {
        var region = new RegionBuilder()
            .Resource("ash")
            .Actor("plant", 59.0, 13.0)
            .Actor("buyer", 59.1, 13.0)
            .Supply("ash-plant", "plant", "ash", 250.0625, RouteKind.Landfill, 300)
            .Demand("fill", "buyer", "ash", 400, 100)
            .Truck("truck", 1)
            .Distance("plant", "buyer", 10)
            .Build();

        var r = TestRepo.Optimize(region, solver);

        Assert.Equal(ResultStatus.Optimal, r.Status);
        var e = Assert.Single(r.Exchanges);
        Assert.Equal(250.0625, e.Quantity, 9);
        Approx.Equal(250.0625 * 390, r.Kpis!.NetBenefit, 1e-9, "net benefit");
    }

    [Fact]
    public void Min_cost_flow_is_used_for_pure_flow_models_with_few_decimals()
    {
        var region = new RegionBuilder()
            .Resource("ash")
            .Actor("plant", 59.0, 13.0)
            .Actor("buyer", 59.1, 13.0)
            .Supply("ash-plant", "plant", "ash", 250.5, RouteKind.Landfill, 300)
            .Demand("fill", "buyer", "ash", 400, 100)
            .Truck("truck", 1)
            .Distance("plant", "buyer", 10)
            .Build();

        var r = TestRepo.Optimize(region);

        Assert.Equal("MinCostFlow", r.Solve.SolverName);
        Assert.Equal(250.5, Assert.Single(r.Exchanges).Quantity, 12);
    }
}
