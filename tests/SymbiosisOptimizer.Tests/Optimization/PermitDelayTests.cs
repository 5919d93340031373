using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Domain.Quantities;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Solvers;
using static SymbiosisOptimizer.Tests.Optimization.FormulationTestKit;

namespace SymbiosisOptimizer.Tests.Optimization;

/// <summary>
/// A permit's lead time on an exchange out of a plant: while the permit is pending the plant's output goes where it
/// goes today, its disposal route, exactly as a supply's quantity follows its current route
/// (<see cref="ExchangeFlowBuilder"/>: money = phi t + (1 - phi)(c_s + p_k ratio (1 - loss)), c_s the source's route).
/// </summary>
/// <remarks>
/// An existing plant at a2 is paid 100 SEK/t to take up to 100 t/yr of waste (a purchase at -100 SEK/t), so it runs
/// at capacity today too; its 100 t/yr of ash (yield 1) go to landfill at 50 SEK/t. a1, 5 km away by truck at
/// 1 SEK/t.km, buys 100 t/yr of ash at 80 SEK/t; exchanges of ash need permit p (no cost, lead time 2 of 10 years:
/// phi = 0.8). The exchange's steady saving is 50 + 80 - 5 = 125 SEK/t.
/// </remarks>
public class PermitDelayTests
{
    private static Region Region()
    {
        var b = new RegionBuilder();
        b.Resource("waste").Resource("ash");
        b.Actor("a1", 59.1, 13.2).Actor("a2", 59.2, 13.4);
        b.Distance("a2", "a1", 5);
        b.Demand("d0", "a1", "ash", 100, 80);
        b.Truck("truck", 1);
        b.Permit("p", 0, 2, "ash");
        var perMass = Sek / Dimension.MassD;
        var co2PerMass = Dimension.EmissionsD / Dimension.MassD;
        var none = ImmutableDictionary<string, Quantity>.Empty;
        b.Process(new Process("plant", "a2", "Plant", true,
            [new ProcessInput("waste", null, new CurrentSource(SourceKind.Virgin, Q(-100, perMass), Q(0, co2PerMass), none))],
            [new ProcessOutput("ash", 1, none, new CurrentRoute(RouteKind.Landfill, Q(50, perMass), Q(0, co2PerMass)))],
            Q(100, Dimension.MassD.PerYear), Q(0, Sek), Q(0, Sek.PerYear), Q(0, perMass), Q(0, co2PerMass), [], none));
        return b.Build();
    }

    [Fact]
    public void The_delayed_share_of_an_exchange_out_of_a_plant_pays_the_plants_disposal_route()
    {
        var m = Build(Region());
        var x = Flow(m, "plant/out/ash", "d0");
        double Booked(LedgerKind kind, string actor) => m.Ledger.Where(e => e.Column == x && e.Kind == kind && e.ActorId == actor).Sum(e => e.Coefficient);

        // Per unit of x: a1 pays 0.8 x 5 transport + 0.2 x 1 x 80 delayed purchase = 4 + 16 = 20; the plant's owner a2
        // pays 0.2 x 50 delayed disposal = 10, and 0.2 t of each t stays on landfill.
        Approx.Equal(20, Booked(LedgerKind.Money, "a1"), 1e-12, "receiver's money per t");
        Approx.Equal(10, Booked(LedgerKind.Money, "a2"), 1e-12, "plant owner's money per t");
        Approx.Equal(0.2, Booked(LedgerKind.Landfill, "a2"), 1e-12, "landfill per t");
        Assert.All(m.Ledger.Where(e => e.Column == x && e.ActorId == "a2"), e => Assert.Equal(LedgerCategory.PermitDelay, e.Category));
    }

    [Theory]
    [InlineData(SolverKind.Scip)]
    [InlineData(SolverKind.Cbc)]
    public void An_exchange_out_of_a_plant_saves_phi_times_its_steady_saving(SolverKind solver)
    {
        var region = Region();
        var r = ExchangeOptimizer.Optimize(region, new OptimizeOptions(new SolveOptions(solver, RelativeGap: 0)));

        // Today: -100 x 100 + 50 x 100 + 80 x 100 = 3 000. Plan: -10 000 + 100 x (20 + 10) = -7 000.
        // Net benefit 10 000 = 0.8 x 125 x 100; landfill 0.8 x 100 = 80; virgin ash 80.
        Assert.Equal(ResultStatus.Optimal, r.Status);
        var e = Assert.Single(r.Exchanges);
        Approx.Equal(100, e.Quantity, 1e-9, "flow");
        Approx.Equal(0.8 * 125 * 100, r.Kpis!.NetBenefit, 1e-9, "net benefit");
        Approx.Equal(80, r.Kpis.LandfillAvoided, 1e-9, "landfill avoided");
        Approx.Equal(80, r.Kpis.VirginMaterialAvoided, 1e-9, "virgin avoided");

        // The plant keeps its avoided disposal (100 x 50 = 5 000, 100 t of landfill); the exchange has the purchase
        // 8 000 less transport 400, delayed purchase 1 600 and delayed disposal 1 000 = 5 000, and -20 t of landfill.
        var plant = Assert.Single(r.Processes);
        Approx.Equal(5000, plant.Impact.Money, 1e-9, "plant money");
        Approx.Equal(100, plant.Impact.Landfill, 1e-9, "plant landfill");
        Approx.Equal(5000, e.Impact.Money, 1e-9, "exchange money");
        Approx.Equal(-20, e.Impact.Landfill, 1e-9, "exchange landfill");
        Approx.Equal(100 * 125, e.SteadySaving, 1e-9, "steady saving");
        LedgerBreakdownTests.AddsUp(region, r);
    }
}
