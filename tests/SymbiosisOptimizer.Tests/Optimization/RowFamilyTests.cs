using System.Reflection;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Domain.Quantities;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Network;
using static SymbiosisOptimizer.Tests.Optimization.FormulationTestKit;

namespace SymbiosisOptimizer.Tests.Optimization;

/// <summary>Marks the test that checks every row of one <see cref="RowFamily"/> against the builder's equation.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
internal sealed class RowFamilyTestAttribute(RowFamily family) : Attribute
{
    public RowFamily Family { get; } = family;
}

/// <summary>
/// One test per row family: a tiny region built in code, the rows of that family alone (how many, keys, bounds,
/// coefficients on columns found through the typed maps), each expected value derived by hand from the equation in
/// the builder's remarks. Inf stands for an open side of a row.
/// </summary>
public partial class RowFamilyTests
{
    private const double Inf = double.PositiveInfinity;

    /// <summary>
    /// a0 has 1 000 t/yr of slag (q = 30, landfill at 100 SEK/t, 0.01 t CO2e/t). a1 needs 600 t/yr of aggregate and
    /// accepts slag at ratio 0.8 (q between 20 and 40; its virgin aggregate has q = 10, 50 SEK/t, 0.005 t CO2e/t);
    /// a2 needs 300 t/yr of fill and accepts slag at ratio 1 (80 SEK/t, 0.002 t CO2e/t). Truck 2 SEK/t.km,
    /// 0.0001 t CO2e/t.km; 10 km to a1, 20 km to a2. So arc A = s0->d0 has U = min(1000, 600 / 0.8) = 750 and
    /// delivers 0.8 per t; arc B = s0->d1 has U = min(1000, 300) = 300 and delivers 1.
    /// </summary>
    internal static Region TwoDemands(bool switches = false, double? permitLeadTime = null, bool mandate = false)
    {
        var b = new RegionBuilder
        {
            Mandates = mandate ? [new ProcurementMandate("agg", 0.5)] : [],
        };
        b.Resource("slag", "q").Resource("agg", "q").Resource("fill", "q");
        b.Actor("a0", 59.0, 13.0).Actor("a1", 59.1, 13.2).Actor("a2", 59.2, 13.4);
        b.Distance("a0", "a1", 10).Distance("a0", "a2", 20);
        b.Supply("s0", "a0", "slag", 1000, RouteKind.Landfill, 100, 0.01, new Dictionary<string, double> { ["q"] = 30 }, switches ? 100 : null);
        b.Demand("d0", "a1", "agg", 600, 50, 0.005, new Dictionary<string, double> { ["q"] = 40 }, new Dictionary<string, double> { ["q"] = 10 }, BuyerKind.Public, "slag");
        b.Demand("d1", "a2", "fill", 300, 80, 0.002, null, null, BuyerKind.Private, "slag");
        b.Truck("truck", 2, switches ? 5000 : 0, 0.0001);
        if (permitLeadTime is { } lead)
        {
            b.Permit("p1", 10_000, lead, "slag");
        }

        var region = b.Build();
        return region with
        {
            Demands = [.. region.Demands.Select(d => d.Id != "d0" ? d : d with
            {
                Accepts = [new Substitute("slag", 0.8)],
                Limits = [new QualityLimit("q", Q(20, Dimension.None), Q(40, Dimension.None))],
            })],
        };
    }

    /// <summary>
    /// A new digester at a2 (capacity 800 t/yr, capex 1 MSEK so it needs a build decision) takes a0's 500 t/yr of
    /// sludge (q = 30; at most 60 % of its input) and fresh water bought at 2 SEK/t (q = 5); 90 % of its throughput
    /// leaves as digestate (q = 50), sold to a1 or landfilled at 20 SEK/t; it adds a q load of 1 000 per year and
    /// its inlet must keep q at most 40.
    /// </summary>
    internal static Region Digester(bool existing = false)
    {
        var b = new RegionBuilder();
        b.Resource("sludge", "q").Resource("water", "q").Resource("digestate", "q");
        b.Actor("a0", 59.0, 13.0).Actor("a1", 59.1, 13.2).Actor("a2", 59.2, 13.4);
        b.Distance("a0", "a2", 15).Distance("a2", "a1", 5);
        b.Supply("s0", "a0", "sludge", 500, RouteKind.Landfill, 100, 0, new Dictionary<string, double> { ["q"] = 30 });
        b.Demand("d0", "a1", "digestate", 400, 10);
        b.Truck("truck", 1);
        var perMass = Sek / Dimension.MassD;
        var co2PerMass = Dimension.EmissionsD / Dimension.MassD;
        b.Process(new Process("dig", "a2", "Digester", existing,
            [
                new ProcessInput("sludge", 0.6, null),
                new ProcessInput("water", null, new CurrentSource(SourceKind.Virgin, Q(2, perMass), Q(0, co2PerMass), Quality("q", 5))),
            ],
            [new ProcessOutput("digestate", 0.9, Quality("q", 50), new CurrentRoute(RouteKind.Landfill, Q(20, perMass), Q(0, co2PerMass)))],
            Q(800, Dimension.MassD.PerYear), Q(1e6, Sek), Q(1000, Sek.PerYear), Q(3, perMass), Q(0.01, co2PerMass),
            [new QualityLimit("q", null, Q(40, Dimension.None))],
            Quality("q", 1000)));
        return b.Build();
    }

    [Fact]
    [RowFamilyTest(RowFamily.SupplyBalance)]
    public void Supply_balance_is_the_exchanged_flows_plus_the_current_route()
    {
        var m = Build(TwoDemands());

        // sum_{a in out(s)} x_a + r_s = Q_s: x_A + x_B + r_s0 = 1000, an equality (both bounds 1000).
        Keys(m, RowFamily.SupplyBalance, new RowKey(RowFamily.SupplyBalance, 0));
        Row(m, new RowKey(RowFamily.SupplyBalance, 0), 1000, 1000,
            (Flow(m, "s0", "d0"), 1), (Flow(m, "s0", "d1"), 1), (m.Route[0], 1));
    }

    [Fact]
    [RowFamilyTest(RowFamily.DemandBalance)]
    public void Demand_balance_counts_each_exchange_at_its_ratio_plus_the_current_source()
    {
        var m = Build(TwoDemands());

        // sum_{a in in(k)} ratio_a (1 - loss_a) x_a + v_k = D_k; trucks lose nothing, so:
        // d0: 0.8 x_A + v_d0 = 600; d1: 1 x_B + v_d1 = 300.
        Keys(m, RowFamily.DemandBalance, new RowKey(RowFamily.DemandBalance, 0), new RowKey(RowFamily.DemandBalance, 1));
        Row(m, new RowKey(RowFamily.DemandBalance, 0), 600, 600, (Flow(m, "s0", "d0"), 0.8), (m.Virgin[0], 1));
        Row(m, new RowKey(RowFamily.DemandBalance, 1), 300, 300, (Flow(m, "s0", "d1"), 1), (m.Virgin[1], 1));
    }

    [Fact]
    [RowFamilyTest(RowFamily.DemandQuality)]
    public void Demand_quality_has_a_maximum_and_a_minimum_row_in_flow_times_distance_to_the_limit()
    {
        var m = Build(TwoDemands());
        var xa = Flow(m, "s0", "d0");

        // Max L = 40: ratio (C_s - L) x_A + (C_v - L) v_d0 <= 0 -> 0.8 (30 - 40) = -8 and (10 - 40) = -30.
        // Min L = 20: the mirror row >= 0 -> 0.8 (30 - 20) = 8 and (10 - 20) = -10. d1 states no limit: no row.
        // The maximum is written first.
        var max = new RowKey(RowFamily.DemandQuality, 0, "q", Upper: true);
        var min = new RowKey(RowFamily.DemandQuality, 0, "q", Upper: false);
        Keys(m, RowFamily.DemandQuality, max, min);
        Row(m, max, -Inf, 0, (xa, -8), (m.Virgin[0], -30));
        Row(m, min, 0, Inf, (xa, 8), (m.Virgin[0], -10));
    }

    [Fact]
    [RowFamilyTest(RowFamily.Switch)]
    public void Switch_rows_bound_each_flow_by_its_own_upper_bound_times_the_connection()
    {
        var m = Build(TwoDemands(switches: true));
        var (a, b) = (Arc(m, "s0", "d0"), Arc(m, "s0", "d1"));

        // A fixed annual cost of 5 000 makes both arcs switched: x_a - U_a y_a <= 0 with U_A = 750, U_B = 300.
        Keys(m, RowFamily.Switch, new RowKey(RowFamily.Switch, a.Index), new RowKey(RowFamily.Switch, b.Index));
        Row(m, new RowKey(RowFamily.Switch, a.Index), -Inf, 0, (m.ArcFlow[a.Index], 1), (m.ArcSwitch[a.Index], -750));
        Row(m, new RowKey(RowFamily.Switch, b.Index), -Inf, 0, (m.ArcFlow[b.Index], 1), (m.ArcSwitch[b.Index], -300));

        // Each switch is declared with its flow and both of its rows (switch, then minimum lot).
        foreach (var arc in new[] { a, b })
        {
            var link = Assert.Single(m.Model.Switches, l => l.Flow == m.ArcFlow[arc.Index]);
            Assert.Equal(m.ArcSwitch[arc.Index], link.Binary);
            Assert.Equal([m.RowOf(new RowKey(RowFamily.Switch, arc.Index)), m.RowOf(new RowKey(RowFamily.MinLot, arc.Index))], link.Rows.AsEnumerable());
        }
    }

    [Fact]
    [RowFamilyTest(RowFamily.MinLot)]
    public void Minimum_lot_rows_hold_each_switched_flow_at_least_at_the_lot()
    {
        var m = Build(TwoDemands(switches: true));
        var (a, b) = (Arc(m, "s0", "d0"), Arc(m, "s0", "d1"));

        // l_a = max(supply lot, demand lot / ratio) = max(100, 0) = 100 on both arcs: x_a - 100 y_a >= 0.
        Keys(m, RowFamily.MinLot, new RowKey(RowFamily.MinLot, a.Index), new RowKey(RowFamily.MinLot, b.Index));
        Row(m, new RowKey(RowFamily.MinLot, a.Index), 0, Inf, (m.ArcFlow[a.Index], 1), (m.ArcSwitch[a.Index], -100));
        Row(m, new RowKey(RowFamily.MinLot, b.Index), 0, Inf, (m.ArcFlow[b.Index], 1), (m.ArcSwitch[b.Index], -100));
    }

    [Fact]
    [RowFamilyTest(RowFamily.PermitRequired)]
    public void Permit_rows_tie_each_flow_to_its_receivers_permit()
    {
        var m = Build(TwoDemands(permitLeadTime: 2));
        var (a, b) = (Arc(m, "s0", "d0"), Arc(m, "s0", "d1"));

        // p1 covers slag at every receiver, so one binary per receiver: w_(p1,a1), w_(p1,a2);
        // x_a - U_a w_(p1, receiver of a) <= 0: x_A - 750 w_(p1,a1), x_B - 300 w_(p1,a2).
        Assert.Equal([("p1", "a1"), ("p1", "a2")], m.PermitTaken.Keys);
        Keys(m, RowFamily.PermitRequired, new RowKey(RowFamily.PermitRequired, a.Index, "p1"), new RowKey(RowFamily.PermitRequired, b.Index, "p1"));
        Row(m, new RowKey(RowFamily.PermitRequired, a.Index, "p1"), -Inf, 0, (m.ArcFlow[a.Index], 1), (m.PermitTaken[("p1", "a1")], -750));
        Row(m, new RowKey(RowFamily.PermitRequired, b.Index, "p1"), -Inf, 0, (m.ArcFlow[b.Index], 1), (m.PermitTaken[("p1", "a2")], -300));
    }

    [Fact]
    [RowFamilyTest(RowFamily.ProcurementMandate)]
    public void Procurement_mandate_counts_delivered_secondary_supply_plus_the_shortfall()
    {
        var m = Build(TwoDemands(mandate: true));

        // Only d0 is a public buyer of aggregate (600 t/yr); share 0.5:
        // 0.8 x_A + u_agg >= 0.5 x 600 = 300. d1 (fill, private) is not in it.
        var key = new RowKey(RowFamily.ProcurementMandate, 0, "agg");
        Keys(m, RowFamily.ProcurementMandate, key);
        Row(m, key, 300, Inf, (Flow(m, "s0", "d0"), 0.8), (m.MandateShortfall["agg"], 1));

        // The counterfactual writes no mandate.
        Assert.Empty(Build(TwoDemands(mandate: true), FormulationOptions.Counterfactual()).RowsOf(RowFamily.ProcurementMandate));
    }

    [Fact]
    [RowFamilyTest(RowFamily.EmissionCap)]
    public void Emission_cap_sums_every_emission_entry_including_the_permit_delay()
    {
        var m = Build(TwoDemands(permitLeadTime: 2), new FormulationOptions(MaxEmissions: 123, Screen: false));

        // Lead time 2 of 10 years: phi = 0.8. Per unit of x_a the ledger books phi e_t + (1 - phi)(e_route + delivered e_virgin):
        // x_A: 0.8 (0.0001 x 10) + 0.2 (0.01 + 0.8 x 0.005) = 0.0008 + 0.0028 = 0.0036;
        // x_B: 0.8 (0.0001 x 20) + 0.2 (0.01 + 1 x 0.002) = 0.0016 + 0.0024 = 0.0040;
        // r_s0: 0.01; v_d0: 0.005; v_d1: 0.002. Permits emit nothing. sum <= 123.
        var key = new RowKey(RowFamily.EmissionCap, 0);
        Keys(m, RowFamily.EmissionCap, key);
        Row(m, key, -Inf, 123,
            (Flow(m, "s0", "d0"), 0.0036), (Flow(m, "s0", "d1"), 0.0040), (m.Route[0], 0.01), (m.Virgin[0], 0.005), (m.Virgin[1], 0.002));
    }

    [Fact]
    [RowFamilyTest(RowFamily.ProcessInput)]
    public void Process_input_row_sums_delivered_inflows_and_purchases_into_the_throughput()
    {
        var m = Build(Digester());

        // T = sum_i (sum_a delivered x_a + v_i): -T + x_(s0->sludge) + v_water = 0 (sludge has no current source).
        Assert.Equal(-1, m.ProcessVirgin[0][0]);
        Keys(m, RowFamily.ProcessInput, new RowKey(RowFamily.ProcessInput, 0));
        Row(m, new RowKey(RowFamily.ProcessInput, 0), 0, 0,
            (m.Throughput[0], -1), (Flow(m, "s0", "dig/in/sludge"), 1), (m.ProcessVirgin[0][1], 1));
    }

    [Fact]
    [RowFamilyTest(RowFamily.MaxShare)]
    public void Max_share_row_limits_one_input_to_its_share_of_the_throughput()
    {
        var m = Build(Digester());

        // inflow_sludge <= 0.6 T: x_(s0->sludge) - 0.6 T <= 0. Water has no share: one row only.
        var key = new RowKey(RowFamily.MaxShare, 0, "sludge");
        Keys(m, RowFamily.MaxShare, key);
        Row(m, key, -Inf, 0, (Flow(m, "s0", "dig/in/sludge"), 1), (m.Throughput[0], -0.6));
    }

    [Fact]
    [RowFamilyTest(RowFamily.ProcessOutput)]
    public void Process_output_row_sends_the_yield_to_exchanges_or_disposal()
    {
        var m = Build(Digester());

        // yield T = sum_a x_a + d: x_(out->d0) + d_digestate - 0.9 T = 0.
        var key = new RowKey(RowFamily.ProcessOutput, 0, "digestate");
        Keys(m, RowFamily.ProcessOutput, key);
        Row(m, key, 0, 0, (Flow(m, "dig/out/digestate", "d0"), 1), (m.Disposal[0][0], 1), (m.Throughput[0], -0.9));
    }

    [Fact]
    [RowFamilyTest(RowFamily.Capacity)]
    public void Capacity_row_runs_a_new_plant_only_if_built()
    {
        var m = Build(Digester());

        // T <= Cap z: T - 800 z <= 0 (the stated capacity is the big-M).
        Assert.True(m.Plant[0] >= 0);
        Keys(m, RowFamily.Capacity, new RowKey(RowFamily.Capacity, 0));
        Row(m, new RowKey(RowFamily.Capacity, 0), -Inf, 0, (m.Throughput[0], 1), (m.Plant[0], -800));

        // An existing plant holds its capacity as the throughput's bound, not as a row.
        var existing = Build(Digester(existing: true));
        Assert.Empty(existing.RowsOf(RowFamily.Capacity));
        Assert.Equal(800, existing.Model.Variables[existing.Throughput[0]].Upper);
    }

    [Fact]
    [RowFamilyTest(RowFamily.ContaminantBalance)]
    public void Contaminant_balance_puts_inflow_loads_and_the_process_load_in_the_outlet()
    {
        var m = Build(Digester());

        // sum_a delivered x_a C_a + sum_i v_i C_i + Load z <= C_out yield T, as one row <= 0 (the outlet at most its
        // limit, so several contaminants can hold at once): x_(s0->sludge): 1 x 30 = 30; v_water: 5; z: 1000;
        // T: -50 x 0.9 = -45.
        var key = new RowKey(RowFamily.ContaminantBalance, 0, "q");
        Keys(m, RowFamily.ContaminantBalance, key);
        Row(m, key, -Inf, 0, (Flow(m, "s0", "dig/in/sludge"), 30), (m.ProcessVirgin[0][1], 5), (m.Plant[0], 1000), (m.Throughput[0], -45));

        // An existing plant has no build decision: its load moves to the right-hand side, <= -1000.
        var existing = Build(Digester(existing: true));
        Assert.Equal(-1, existing.Plant[0]);
        Keys(existing, RowFamily.ContaminantBalance, key);
        Row(existing, key, -Inf, -1000, (Flow(existing, "s0", "dig/in/sludge"), 30), (existing.ProcessVirgin[0][1], 5), (existing.Throughput[0], -45));
    }

    [Fact]
    [RowFamilyTest(RowFamily.ProcessQuality)]
    public void Process_quality_row_blends_every_input_of_the_inlet()
    {
        var m = Build(Digester());

        // Max 40 over all inputs together: 1 (30 - 40) x_(s0->sludge) + (5 - 40) v_water <= 0.
        var key = new RowKey(RowFamily.ProcessQuality, 0, "q", Upper: true);
        Keys(m, RowFamily.ProcessQuality, key);
        Row(m, key, -Inf, 0, (Flow(m, "s0", "dig/in/sludge"), -10), (m.ProcessVirgin[0][1], -35));
    }

    [Fact]
    public void Every_row_family_has_its_own_test()
    {
        var covered = typeof(RowFamilyTests).GetMethods()
            .Where(mi => mi.GetCustomAttribute<FactAttribute>() is not null)
            .SelectMany(mi => mi.GetCustomAttributes<RowFamilyTestAttribute>())
            .Select(a => a.Family)
            .ToHashSet();

        Assert.All(Enum.GetValues<RowFamily>(), f => Assert.True(covered.Contains(f), $"RowFamily.{f} has no [RowFamilyTest] in RowFamilyTests"));
    }

    public static TheoryData<string> Scenarios() => [.. Directory.GetDirectories(Path.Combine(TestRepo.Root, "scenarios"))
        .Where(d => File.Exists(Path.Combine(d, "scenario.yaml")))
        .Select(d => Path.GetFileName(d)!)
        .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_row_of_a_bundled_scenario_has_a_unique_key_that_finds_it(string name)
    {
        var region = TestPaths.Load(TestPaths.Scenario(name));
        var network = CandidateNetworkBuilder.Build(region);
        foreach (var options in new[] { new FormulationOptions(), FormulationOptions.Counterfactual(), new FormulationOptions(MaxEmissions: 1e6) })
        {
            var m = ExchangeFormulation.Build(region, network, options);
            Assert.Equal(m.Model.Rows.Count, m.RowKeys.Length);
            Assert.Equal(m.RowKeys.Length, m.RowKeys.Distinct().Count());
            for (var r = 0; r < m.Model.Rows.Count; r++)
            {
                Assert.Equal(r, m.RowOf(m.RowKeys[r]));
            }

            Assert.Equal(m.Model.Rows.Count, Enum.GetValues<RowFamily>().Sum(f => m.RowsOf(f).Count()));
        }
    }
}
