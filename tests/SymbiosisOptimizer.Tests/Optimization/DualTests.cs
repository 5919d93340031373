using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;
using static SymbiosisOptimizer.Tests.Optimization.FormulationTestKit;

namespace SymbiosisOptimizer.Tests.Optimization;

/// <summary>
/// Duals of a tiny LP against values derived by hand. Convention (minimisation, as GLOP reports it and
/// <see cref="Solution.Dual"/> passes on): dual = d objective / d right-hand side, so a row whose extra unit saves
/// money has a negative dual and a row whose extra unit costs money a positive one.
/// </summary>
public class DualTests
{
    /// <summary>
    /// s0: 500 t/yr, q = 60, on a current route costing 100 SEK/t (kind other: no tax, no landfill).
    /// d0 (a1): 400 t/yr at 60 SEK/t, q at most 40, its virgin source has q = 20. d1 (a2): 1 000 t/yr at 30 SEK/t.
    /// Truck 1 SEK/t.km, 10 km each way, so transport is 10 SEK/t. No CO2 price, no landfill value.
    /// </summary>
    private static Region Region()
    {
        var b = new RegionBuilder();
        b.Resource("slag", "q");
        b.Actor("a0", 59.0, 13.0).Actor("a1", 59.1, 13.2).Actor("a2", 59.2, 13.4);
        b.Distance("a0", "a1", 10).Distance("a0", "a2", 10);
        b.Supply("s0", "a0", "slag", 500, RouteKind.Other, 100, 0, new Dictionary<string, double> { ["q"] = 60 });
        b.Demand("d0", "a1", "slag", 400, 60, 0, new Dictionary<string, double> { ["q"] = 40 }, new Dictionary<string, double> { ["q"] = 20 });
        b.Demand("d1", "a2", "slag", 1000, 30);
        b.Truck("truck", 1);
        return b.Build();
    }

    // The LP (c: r 100, x0 10, x1 10, v0 60, v1 30):
    //   SB:  x0 + x1 + r = 500           (y_s)
    //   DB0: x0 + v0 = 400               (y_0)
    //   DB1: x1 + v1 = 1000              (y_1)
    //   Q0:  (60 - 40) x0 + (20 - 40) v0 = 20 x0 - 20 v0 <= 0   (y_q)
    // Both exchanges save money (to d0: 100 + 60 - 10 = 150 /t, to d1: 100 + 30 - 10 = 120 /t), so the route is empty;
    // d0 takes slag up to the blend limit x0 = v0 = 200, the other 300 t go to d1: x1 = 300, v1 = 700. Basic: x0, x1, v0, v1
    // (all strictly inside their bounds, r = 0 at its bound: non-degenerate, so the duals are unique). Zero reduced costs:
    //   v1: 30 - y_1 = 0                      -> y_1 = 30
    //   x1: 10 - y_s - y_1 = 0                -> y_s = -20
    //   x0: 10 - y_s - y_0 - 20 y_q = 0       -> y_0 + 20 y_q = 30
    //   v0: 60 - y_0 + 20 y_q = 0             -> y_0 - 20 y_q = 60
    //   -> y_0 = 45, y_q = -0.75; check r: 100 - y_s = 120 >= 0 at its lower bound.
    // In words: one more t of supply goes to d1 and saves 30 - 10 = 20; one more t needed at d0 is met half by slag
    // taken from d1 (10 - 10 + 30) / 2 and half by virgin 60 / 2 = 45; relaxing the blend row by 1 moves 1/40 t from
    // virgin to slag at d0 (-50 / 40) and that slag from d1 (+20 / 40): -0.75.
    [Fact]
    public void Balance_and_quality_duals_match_the_hand_derived_values()
    {
        var model = ExchangeFormulation.Build(Region(), CandidateNetworkBuilder.Build(Region()), new FormulationOptions());
        var s = SolverDispatch.Solve(model, new SolveOptions(SolverKind.Glop, WantDuals: true));

        Assert.True(s.HasSolution);
        Approx.Equal(200, s.Flow(Arc(model, "s0", "d0").Index), 1e-9, "x0");
        Approx.Equal(300, s.Flow(Arc(model, "s0", "d1").Index), 1e-9, "x1");
        Approx.Equal((10 * 200) + (60 * 200) + (10 * 300) + (30 * 700), s.Objective, 1e-9, "objective");

        Approx.Equal(-20, s.Dual(new RowKey(RowFamily.SupplyBalance, 0))!.Value, 1e-9, "supply balance dual");
        Approx.Equal(45, s.Dual(new RowKey(RowFamily.DemandBalance, 0))!.Value, 1e-9, "d0 balance dual");
        Approx.Equal(30, s.Dual(new RowKey(RowFamily.DemandBalance, 1))!.Value, 1e-9, "d1 balance dual");
        Approx.Equal(-0.75, s.Dual(new RowKey(RowFamily.DemandQuality, 0, "q", Upper: true))!.Value, 1e-9, "d0 quality dual");
        Assert.Equal(4, s.Model.RowKeys.Length);
        Assert.Equal([(new RowKey(RowFamily.DemandQuality, 0, "q", true), s.Dual(new RowKey(RowFamily.DemandQuality, 0, "q", true))!.Value)], s.Duals(RowFamily.DemandQuality));
    }

    // The same duals as finite differences of the optimum, each re-solved: what the sign convention promises.
    [Fact]
    public void Duals_are_the_change_of_the_objective_per_unit_of_right_hand_side()
    {
        var region = Region();
        double Objective(Region r) => SolverDispatch.Solve(
            ExchangeFormulation.Build(r, CandidateNetworkBuilder.Build(r), new FormulationOptions()), new SolveOptions(SolverKind.Glop)).Objective;
        var baseline = Objective(region);
        var moreSupply = region with { Supplies = [.. region.Supplies.Select(x => x with { Quantity = Q(501, x.Quantity.Dimension) })] };
        var moreDemand = region with { Demands = [.. region.Demands.Select(x => x.Id != "d0" ? x : x with { Quantity = Q(401, x.Quantity.Dimension) })] };

        // Within the optimal basis the objective is linear in the right-hand side, so one unit gives the dual exactly.
        Approx.Equal(-20, Objective(moreSupply) - baseline, 1e-9, "one more t of supply");
        Approx.Equal(45, Objective(moreDemand) - baseline, 1e-9, "one more t needed at d0");
    }
}
