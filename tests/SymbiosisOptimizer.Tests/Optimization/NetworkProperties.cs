using System.Collections.Immutable;
using FsCheck.Xunit;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Domain.Quantities;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Tests.Optimization;

/// <summary>
/// Properties of the optimum on small random networks. Each network is drawn from an integer seed with
/// <see cref="Random"/>, so a failing case is reproduced from the seed FsCheck reports.
/// </summary>
public class NetworkProperties
{
    private const int Cases = 40;

    /// <param name="pureFlow">No quality limits, fixed costs or lots: the model min-cost flow accepts.</param>
    /// <param name="withSwitches">Fixed connection costs and minimum lots (a MILP).</param>
    /// <param name="withProcesses">Also one or two plants (new or existing, with or without a purchase and a disposal
    /// route), drawn after everything else so the rest of the region is the same as without them.</param>
    internal static Region RandomRegion(int seed, bool pureFlow = false, bool withSwitches = false, bool priced = true, double? landfillTax = null, bool integral = true, bool withProcesses = false)
    {
        var rnd = new Random(seed);
        double Between(double lo, double hi) => lo + (rnd.NextDouble() * (hi - lo));
        double Amount(double lo, double hi) => integral ? Math.Round(Between(lo, hi)) : Math.Round(Between(lo, hi), 3);
        var b = new RegionBuilder
        {
            LandfillTax = landfillTax ?? Math.Round(Between(0, 800)),
            Co2Price = priced ? Math.Round(Between(0, 1500)) : 0,
            LandfillValue = priced && rnd.Next(3) == 0 ? Math.Round(Between(0, 200)) : 0,
            Circuity = 1.3,
        };
        var resources = rnd.Next(1, 3);
        for (var k = 0; k < resources; k++)
        {
            b.Resource($"r{k}", "q");
        }

        var actors = rnd.Next(3, 9);
        for (var a = 0; a < actors; a++)
        {
            b.Actor($"a{a}", Between(59, 60), Between(13, 15));
        }

        for (var a = 1; a < actors; a++)
        {
            if (rnd.Next(3) == 0)
            {
                b.Distance("a0", $"a{a}", Math.Round(Between(1, 120), 1));
            }
        }

        var routes = new[] { RouteKind.Landfill, RouteKind.Landfill, RouteKind.Incineration, RouteKind.Other };
        var nSupplies = rnd.Next(1, 5);
        for (var s = 0; s < nSupplies; s++)
        {
            var quality = new Dictionary<string, double> { ["q"] = Math.Round(Between(0, 100)) };
            b.Supply($"s{s}", $"a{rnd.Next(actors)}", $"r{rnd.Next(resources)}", Amount(100, 5000), routes[rnd.Next(routes.Length)],
                Math.Round(Between(-50, 500)), Between(0, 0.05), quality, withSwitches && rnd.Next(2) == 0 ? Math.Round(Between(50, 1000)) : null);
        }

        var nDemands = rnd.Next(1, 5);
        for (var d = 0; d < nDemands; d++)
        {
            var resource = rnd.Next(resources);
            var limits = !pureFlow && rnd.Next(2) == 0 ? new Dictionary<string, double> { ["q"] = Math.Round(Between(10, 80)) } : null;
            var sourceQuality = limits is not null && rnd.Next(2) == 0 ? new Dictionary<string, double> { ["q"] = Math.Round(Between(0, 10)) } : null;
            var accepts = resources == 2 && rnd.Next(2) == 0 ? new[] { $"r{1 - resource}" } : [];
            b.Demand($"d{d}", $"a{rnd.Next(actors)}", $"r{resource}", Amount(100, 5000), Math.Round(Between(0, 400)), Between(0, 0.02),
                limits, sourceQuality, BuyerKind.Private, accepts);
        }

        b.Truck("truck", Math.Round(Between(0.5, 3), 2), withSwitches ? Math.Round(Between(0, 50_000)) : 0, 0.0001, rnd.Next(2) == 0 ? 150 : null);
        if (withProcesses)
        {
            var money = Dimension.MoneyIn("SEK");
            var perMass = money / Dimension.MassD;
            var co2PerMass = Dimension.EmissionsD / Dimension.MassD;
            ImmutableDictionary<string, Quantity> Q(double v) => ImmutableDictionary<string, Quantity>.Empty.Add("q", new Quantity(v, Dimension.None));
            for (var p = rnd.Next(1, 3); p > 0; p--)
            {
                var existing = rnd.Next(3) == 0;
                var purchase = rnd.Next(2) == 0
                    ? new CurrentSource(SourceKind.Virgin, new Quantity(Math.Round(Between(0, 300)), perMass), new Quantity(Between(0, 0.02), co2PerMass), Q(Math.Round(Between(0, 100))))
                    : null;
                var disposal = rnd.Next(2) == 0
                    ? new CurrentRoute(routes[rnd.Next(routes.Length)], new Quantity(Math.Round(Between(-50, 300)), perMass), new Quantity(Between(0, 0.05), co2PerMass))
                    : null;
                b.Process(new Process($"p{p}", $"a{rnd.Next(actors)}", $"plant {p}", existing,
                    [new ProcessInput($"r{rnd.Next(resources)}", null, purchase)],
                    [new ProcessOutput($"r{rnd.Next(resources)}", Math.Round(Between(0.3, 1), 2), Q(Math.Round(Between(0, 100))), disposal)],
                    new Quantity(Amount(100, 3000), Dimension.MassD.PerYear),
                    new Quantity(existing ? 0 : Math.Round(Between(0, 2e6)), money),
                    new Quantity(Math.Round(Between(0, 1e5)), money.PerYear),
                    new Quantity(Math.Round(Between(0, 100)), perMass),
                    new Quantity(Between(0, 0.05), co2PerMass),
                    [],
                    ImmutableDictionary<string, Quantity>.Empty));
            }
        }

        return b.Build();
    }

    private static OptimizationResult Solve(Region region, SolverKind solver = SolverKind.Auto) =>
        ExchangeOptimizer.Optimize(region, new OptimizeOptions(new SolveOptions(solver, RelativeGap: 0)));

    private static double Scale(OptimizationResult r) => Math.Max(1, Math.Abs(r.Counterfactual.Objective));

    [Property(MaxTest = Cases)]
    public void Supplies_and_demands_balance_and_quality_limits_hold(int seed, bool withSwitches)
    {
        var region = RandomRegion(seed, withSwitches: withSwitches);
        var r = Solve(region);
        Assert.Equal(ResultStatus.Optimal, r.Status);
        var m = new SolvedModel(region, r);
        var ctx = m.Context;
        const double Tol = 1e-6;

        for (var i = 0; i < region.Supplies.Length; i++)
        {
            var s = region.Supplies[i];
            var exchanged = r.Exchanges.Where(e => e.Source == s.Id).Sum(e => e.Quantity);
            var route = m.Values[ctx.Route[i]];
            Assert.True(route >= -Tol, $"negative route for {s.Id}");
            Approx.Equal(s.Quantity.Value, exchanged + route, Tol, $"supply balance of {s.Id}");
        }

        for (var i = 0; i < region.Demands.Length; i++)
        {
            var d = region.Demands[i];
            var arcs = ctx.ArcsIntoSink[i];
            var delivered = arcs.Sum(a => ctx.Network.Arcs[a].Delivered * m.Values[ctx.ArcFlow[a]]);
            var virgin = m.Values[ctx.Virgin[i]];
            Approx.Equal(d.Quantity.Value, delivered + virgin, Tol, $"demand balance of {d.Id}");

            foreach (var limit in d.Limits)
            {
                var max = limit.Max!.Value.Value;
                var mass = arcs.Sum(a => m.Values[ctx.ArcFlow[a]] * ctx.Network.Arcs[a].Delivered *
                    ctx.Network.Sources[ctx.Network.Arcs[a].Source].Supply!.Quality[limit.Property].Value);
                var flow = delivered;
                if (d.Source.Quality.TryGetValue(limit.Property, out var cv))
                {
                    mass += virgin * cv.Value;
                    flow += virgin;
                }

                Assert.True(mass <= (max * flow) + (Tol * Math.Max(1, max * flow)),
                    FormattableString.Invariant($"{d.Id}: blend {mass / flow} above the limit {max}"));
            }
        }
    }

    [Property(MaxTest = Cases)]
    public void Money_only_optimum_is_never_worse_than_doing_nothing(int seed, bool withSwitches)
    {
        var r = Solve(RandomRegion(seed, withSwitches: withSwitches, priced: false));

        // The counterfactual is a feasible plan of the optimised model, so only solver round-off can put it below 0.
        Assert.True(r.Kpis!.NetBenefit >= -1e-6 - (1e-9 * Scale(r)), FormattableString.Invariant($"net benefit {r.Kpis.NetBenefit}"));
        Assert.True(r.Kpis.ObjectiveGain >= -1e-6 - (1e-9 * Scale(r)));
    }

    [Property(MaxTest = Cases)]
    public void Objective_gain_is_never_negative_with_co2_and_landfill_valued(int seed, bool withSwitches)
    {
        var r = Solve(RandomRegion(seed, withSwitches: withSwitches));

        Assert.True(r.Kpis!.ObjectiveGain >= -1e-6 - (1e-9 * Scale(r)), FormattableString.Invariant($"objective gain {r.Kpis.ObjectiveGain}"));
    }

    // (t2 - t1)(L2 - L1) <= 0 for any two exact optima of an LP whose cost depends on t only through t * L: so this
    // holds for every LP optimum the solver may pick among ties.
    [Property(MaxTest = Cases)]
    public void A_higher_landfill_tax_never_increases_the_landfilled_quantity(int seed, byte lowTax, byte raise)
    {
        var lowRegion = RandomRegion(seed, landfillTax: lowTax * 4.0);
        var highRegion = RandomRegion(seed, landfillTax: (lowTax + raise) * 4.0);
        var landfilledLow = new SolvedModel(lowRegion, Solve(lowRegion)).Ledger(LedgerKind.Landfill);
        var landfilledHigh = new SolvedModel(highRegion, Solve(highRegion)).Ledger(LedgerKind.Landfill);

        Assert.True(landfilledHigh <= landfilledLow + (1e-6 * Math.Max(1, landfilledLow)),
            FormattableString.Invariant($"tax {lowTax * 4} -> {(lowTax + raise) * 4}: landfill {landfilledLow} -> {landfilledHigh}"));
    }

    [Property(MaxTest = Cases)]
    public void The_same_input_gives_the_same_output(int seed, bool withSwitches)
    {
        var region = RandomRegion(seed, withSwitches: withSwitches);
        var first = Solve(region);
        var second = Solve(region);

        Assert.Equal(first.Status, second.Status);
        Assert.Equal(first.Kpis, second.Kpis);
        Assert.Equal(first.Exchanges.AsEnumerable(), second.Exchanges.AsEnumerable());
        Assert.Equal(first.Actors.AsEnumerable(), second.Actors.AsEnumerable());
        Assert.Equal(first.Solve.Values.AsEnumerable(), second.Solve.Values.AsEnumerable());
    }

    [Property(MaxTest = Cases)]
    public void Ledger_totals_equal_the_objective_and_its_gain(int seed, bool withSwitches)
    {
        var region = RandomRegion(seed, withSwitches: withSwitches);
        var r = Solve(region);
        var m = new SolvedModel(region, r);
        var fromLedger = m.Ledger(LedgerKind.Money) + (region.Policies.Co2Price.Value * m.Ledger(LedgerKind.Emissions))
            + (region.Objective.LandfillValue.Value * m.Ledger(LedgerKind.Landfill));

        Approx.Equal(r.Solve.Objective, fromLedger, 1e-9, "objective from the ledger");
        Approx.Equal(r.Counterfactual.Objective - r.Solve.Objective, r.Kpis!.ObjectiveGain, 1e-12, "objective gain");
        var co2 = region.Policies.Co2Price.Value;
        var lv = region.Objective.LandfillValue.Value;
        Approx.Equal(r.Kpis.ObjectiveGain, r.Kpis.NetBenefit + (co2 * r.Kpis.Co2Avoided) + (lv * r.Kpis.LandfillAvoided), 1e-9, "gain = money + valued CO2 + valued landfill");
        Approx.Equal(r.Kpis.NetBenefit, r.Actors.Sum(a => a.NetBenefit), 1e-9, "actors add up to the net benefit");
    }

    [Property(MaxTest = Cases)]
    public void Min_cost_flow_and_glop_agree_on_pure_flow_networks(int seed, bool integral)
    {
        var region = RandomRegion(seed, pureFlow: true, integral: integral);
        var mcf = Solve(region, SolverKind.MinCostFlow);
        var lp = Solve(region, SolverKind.Glop);

        Assert.Equal(ResultStatus.Optimal, mcf.Status);
        Assert.Equal("MinCostFlow", mcf.Solve.SolverName);
        // Min-cost flow rounds unit costs to 1e-4: the plan it picks can cost at most that much per unit more.
        var flow = region.Supplies.Sum(s => s.Quantity.Value) + region.Demands.Sum(d => d.Quantity.Value);
        Assert.True(Math.Abs(mcf.Solve.Objective - lp.Solve.Objective) <= (1e-4 * flow) + (1e-9 * Scale(lp)),
            FormattableString.Invariant($"min-cost flow {mcf.Solve.Objective}, GLOP {lp.Solve.Objective}"));
        var m = new SolvedModel(region, mcf);
        for (var i = 0; i < region.Supplies.Length; i++)
        {
            var exchanged = mcf.Exchanges.Where(e => e.Source == region.Supplies[i].Id).Sum(e => e.Quantity);
            Approx.Equal(region.Supplies[i].Quantity.Value, exchanged + m.Values[m.Context.Route[i]], 1e-9, $"supply balance of {region.Supplies[i].Id}");
        }
    }
}
