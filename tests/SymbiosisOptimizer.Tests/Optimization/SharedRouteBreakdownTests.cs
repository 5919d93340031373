using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Tests.Optimization;

/// <summary>
/// One supply feeds two exchanges, so the route it no longer takes is shared between them by flow, and one of the two
/// needs a permit with a lead time; every figure below is worked out by hand.
/// </summary>
/// <remarks>
/// a0 has 1 000 t/yr of slag on landfill: 100 SEK/t gate fee + 50 SEK/t landfill tax = 150 SEK/t, 0.02 t CO2e/t.
/// a1 needs 600 t/yr of aggregate (40 SEK/t, 0.01 t CO2e/t), 20 km away; a2 needs 300 t/yr of fill (50 SEK/t,
/// 0.005 t CO2e/t), 10 km away; both accept slag 1:1. Truck 1 SEK/t.km and 0.0001 t CO2e/t.km. Exchanges of slag to a2
/// need permit p (10 000 SEK, lead time 2 of the 10 years: phi = 0.8). No CO2 price, so money alone decides.
/// Both exchanges pay (A: 150 + 40 - 20 = 170 SEK/t; B: 0.8 x (150 + 50 - 10) x 300 = 45 600 SEK/yr &gt; the permit's
/// 10 000 x CRF(5 %, 10 yr) = 1 295.05 SEK/yr), so A = 600 t, B = 300 t, and 100 t stay on landfill.
/// </remarks>
public class SharedRouteBreakdownTests
{
    private static readonly double Crf = 0.05 * Math.Pow(1.05, 10) / (Math.Pow(1.05, 10) - 1);

    private static Region Region()
    {
        var b = new RegionBuilder { LandfillTax = 50 };
        b.Resource("slag").Resource("agg").Resource("fill");
        b.Actor("a0", 59.0, 13.0).Actor("a1", 59.1, 13.2).Actor("a2", 59.2, 13.4);
        b.Distance("a0", "a1", 20).Distance("a0", "a2", 10);
        b.Supply("s0", "a0", "slag", 1000, RouteKind.Landfill, 100, 0.02);
        b.Demand("d0", "a1", "agg", 600, 40, 0.01, null, null, BuyerKind.Private, "slag");
        b.Demand("d1", "a2", "fill", 300, 50, 0.005, null, null, BuyerKind.Private, "slag");
        b.Truck("truck", 1, 0, 0.0001);
        b.Permit("p", 10_000, 2, "slag", "a2");
        return b.Build();
    }

    [Theory]
    [InlineData(SolverKind.Scip)]
    [InlineData(SolverKind.Cbc)]
    public void Each_exchange_gets_its_share_of_the_avoided_route_and_its_own_permit_delay(SolverKind solver)
    {
        var region = Region();
        var r = ExchangeOptimizer.Optimize(region, new OptimizeOptions(new SolveOptions(solver, RelativeGap: 0)));

        Assert.Equal(ResultStatus.Optimal, r.Status);
        var a = Assert.Single(r.Exchanges, e => e.Sink == "d0");
        var b = Assert.Single(r.Exchanges, e => e.Sink == "d1");
        Approx.Equal(600, a.Quantity, 1e-9, "A");
        Approx.Equal(300, b.Quantity, 1e-9, "B");
        Assert.Null(a.Permit);
        Assert.Equal("p", b.Permit);
        Approx.Equal(2, b.LeadTimeYears, 1e-12, "lead time");

        // Money. The route saves (1 000 - 100) x 150 = 135 000, shared by flow: A 600/900, B 300/900.
        // A: 135 000 x 600/900 = 90 000 + purchase 600 x 40 = 24 000 - transport 600 x 20 = 12 000 -> 102 000.
        // B: 135 000 x 300/900 = 45 000 + purchase 300 x 50 = 15 000 - transport 0.8 x 300 x 10 = 2 400
        //    - delay 0.2 x 300 x (150 + 50) = 12 000 -> 45 600 (= phi x 300 x 190, its steady saving scaled by phi).
        Approx.Equal(102_000, a.Impact.Money, 1e-9, "A money");
        Approx.Equal(45_600, b.Impact.Money, 1e-9, "B money");
        Approx.Equal(600 * (150 + 40 - 20), a.SteadySaving, 1e-9, "A steady saving");
        Approx.Equal(300 * (150 + 50 - 10), b.SteadySaving, 1e-9, "B steady saving");

        // Landfill: 900 t avoided, A 600 and B 300, but B's 300 t stay on landfill for 2 of 10 years: 300 - 60 = 240.
        Approx.Equal(600, a.Impact.Landfill, 1e-9, "A landfill");
        Approx.Equal(240, b.Impact.Landfill, 1e-9, "B landfill");

        // Virgin mass: A 600 t of aggregate; B 300 t of fill less the delayed 0.2 x 300 = 240.
        Approx.Equal(600, a.Impact.VirginMass, 1e-9, "A virgin");
        Approx.Equal(240, b.Impact.VirginMass, 1e-9, "B virgin");

        // CO2e. A: disposal 600 x 0.02 = 12, virgin 600 x 0.01 = 6, transport 600 x 20 x 0.0001 = 1.2 -> 16.8.
        // B: disposal 300 x 0.02 = 6, virgin 300 x 0.005 = 1.5, transport 0.8 x 300 x 10 x 0.0001 = 0.24,
        //    delay 0.2 x 300 x (0.02 + 0.005) = 1.5 -> 5.76 (= 0.8 x 300 x (0.02 + 0.005 - 0.001)).
        Split(new Co2Split(12, 6, 1.2, 0), a.Co2, "A");
        Split(new Co2Split(6, 1.5, 0.24, 1.5), b.Co2, "B");
        Approx.Equal(16.8, a.Impact.Co2, 1e-9, "A CO2e");
        Approx.Equal(5.76, b.Impact.Co2, 1e-9, "B CO2e");

        // The permit: its own cost, 10 000 x CRF, at the receiver a2; nothing else.
        var permit = Assert.Single(r.Permits);
        Assert.Equal(("p", "a2"), (permit.PermitId, permit.Receiver));
        Approx.Equal(-10_000 * Crf, permit.Impact.Money, 1e-9, "permit money");
        Assert.Equal(0, permit.Impact.Co2);
        Assert.Equal(0, permit.Impact.Landfill);
        Assert.True(r.Unattributed.IsZero || Math.Abs(r.Unattributed.Money) < 1e-9, $"unattributed {r.Unattributed}");

        // Its row: only B needs it (receivers: a2); x_B - U_B w_(p,a2) <= 0 with U_B = min(1 000, 300) = 300.
        var m = r.Chosen.Model;
        var w = m.PermitTaken[("p", "a2")];
        var key = new RowKey(RowFamily.PermitRequired, b.Arc, "p");
        Assert.Equal([key], m.RowsOf(RowFamily.PermitRequired).Select(t => t.Key));
        var row = m.Model.Rows[m.RowOf(key)];
        Assert.Equal(double.NegativeInfinity, row.Lower);
        Assert.Equal(0, row.Upper);
        Assert.Equal([m.ArcFlow[b.Arc], w], row.Columns.Order());
        Assert.Equal(1, FormulationTestKit.Coefficient(row, m.ArcFlow[b.Arc]));
        Assert.Equal(-300, FormulationTestKit.Coefficient(row, w));
        Assert.True(r.Chosen.IsOn(w));

        // Totals and actors. Net benefit 102 000 + 45 600 - 1 295.05 = 146 304.95.
        // a0 (supplier): 135 000 - B's delayed route 0.2 x 300 x 150 = 9 000 -> 126 000.
        // a1: 24 000 - 12 000 = 12 000. a2: 15 000 - 2 400 - 0.2 x 300 x 50 = 3 000 - 1 295.05 = 8 304.95.
        var k = r.Kpis!;
        Approx.Equal(102_000 + 45_600 - (10_000 * Crf), k.NetBenefit, 1e-9, "net benefit");
        Approx.Equal(16.8 + 5.76, k.Co2Avoided, 1e-9, "CO2e");
        Approx.Equal(840, k.LandfillAvoided, 1e-9, "landfill");
        Approx.Equal(840, k.VirginMaterialAvoided, 1e-9, "virgin");
        Approx.Equal(126_000, Assert.Single(r.Actors, x => x.Id == "a0").NetBenefit, 1e-9, "a0");
        Approx.Equal(12_000, Assert.Single(r.Actors, x => x.Id == "a1").NetBenefit, 1e-9, "a1");
        Approx.Equal(15_000 - 2_400 - 3_000 - (10_000 * Crf), Assert.Single(r.Actors, x => x.Id == "a2").NetBenefit, 1e-9, "a2");
        LedgerBreakdownTests.AddsUp(region, r);
    }

    private static void Split(Co2Split expected, Co2Split actual, string what)
    {
        Approx.Equal(expected.AvoidedDisposal, actual.AvoidedDisposal, 1e-9, $"{what} avoided disposal");
        Approx.Equal(expected.AvoidedVirgin, actual.AvoidedVirgin, 1e-9, $"{what} avoided virgin");
        Approx.Equal(expected.AddedTransport, actual.AddedTransport, 1e-9, $"{what} transport");
        Approx.Equal(expected.PermitDelay, actual.PermitDelay, 1e-9, $"{what} permit delay");
    }
}
