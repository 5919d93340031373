using System.Diagnostics;
using SymbiosisOptimizer.Assessment.Rejected;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Domain.Parameters;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Tests.Optimization;

namespace SymbiosisOptimizer.Tests.Assessment;

/// <summary>
/// Why-not-chosen on hand-built regions whose shortfalls follow from the inputs by hand. All money in SEK per year,
/// quantities in t/yr, truck 1 SEK/t.km, no CO2 price, probe 1 t/yr (the default).
/// </summary>
public class WhyNotChosenTests
{
    private static readonly Dictionary<string, double> Clean = new() { ["cl"] = 10e-6 };
    private static readonly Dictionary<string, double> LimitCl50 = new() { ["cl"] = 50e-6 };
    private static readonly Dictionary<string, double> VirginCl40 = new() { ["cl"] = 40e-6 };

    /// <summary>
    /// Supply "Mill" (100 t, route: other at 10 SEK/t, cl 10 ppm) 50 km from "Farm" (needs 100 t, buys at
    /// 20 SEK/t, limit cl &lt;= 50 ppm, virgin cl 40 ppm). The supply is cleaner than the virgin source, so the presolve
    /// cannot screen the exchange; with <paramref name="limit"/> false it can.
    /// Per t: avoided route 10 + avoided purchase 20 - transport 50 = -20 SEK/t.
    /// </summary>
    private static Region Losing(bool limit, double landfillTax = 0, RouteKind route = RouteKind.Other)
    {
        var b = new RegionBuilder { LandfillTax = landfillTax };
        b.Resource("slag", "cl").Actor("mill", 59.0, 13.0).Actor("farm", 59.5, 13.5);
        b.Distance("mill", "farm", 50);
        b.Truck("truck", 1);
        b.Supply("s", "mill", "slag", 100, route, 10, quality: Clean);
        b.Demand("d", "farm", "slag", 100, 20, maxLimits: limit ? LimitCl50 : null, sourceQuality: limit ? VirginCl40 : null);
        return b.Build();
    }

    /// <summary>
    /// Solver noise below half a unit reads "0", never "-0"; the rest keeps its sign. Expected texts by hand: two
    /// decimals below 1 000 ("0.##"), grouped whole numbers from 1 000 ("#,0", a half rounds away from zero).
    /// </summary>
    [Theory]
    [InlineData(-1e-12, "0")]
    [InlineData(-0.004, "0")]
    [InlineData(0.0, "0")]
    [InlineData(-0.006, "-0.01")]
    [InlineData(-12.5, "-12.5")]
    [InlineData(1234.5, "1,235")]
    [InlineData(-1234.5, "-1,235")]
    public void Numbers_in_explanations_never_read_minus_zero(double value, string expected) =>
        Assert.Equal(expected, WhyNotChosen.Num(value));

    private static OptimizationResult Solve(Region region) =>
        ExchangeOptimizer.Optimize(region, new OptimizeOptions(new SolveOptions(RelativeGap: 0)));

    private static RejectedCandidate Only(WhyNotChosenResult r) => Assert.Single(r.All);

    [Fact]
    public void A_losing_exchange_falls_short_by_its_per_unit_loss_on_the_forced_tonne()
    {
        var result = Solve(Losing(limit: true));
        Assert.Empty(result.Exchanges);

        var why = WhyNotChosen.Explain(result);

        // Forced to carry 1 t/yr: the plan loses the 10 SEK route avoided + 20 SEK purchase avoided - 50 SEK transport,
        // so it gets worse by 50 - 30 = 20 SEK/yr, all of it money. Before transport it would save 30 SEK/t: distance.
        var c = Only(why);
        Assert.Equal(CandidateKind.Exchange, c.Kind);
        Assert.Equal(RejectionCause.Distance, c.Cause);
        Assert.True(c.Measured);
        Approx.Equal(20, c.Shortfall!.Value, 1e-6, "shortfall");
        Approx.Equal(20, c.MoneyShortfall!.Value, 1e-6, "money shortfall");
        Approx.Equal(1, c.ForcedQuantity!.Value, 1e-9, "forced flow");
        Approx.Equal(20, c.ShortfallPerUnit!.Value, 1e-6, "per t");
        Assert.Equal("mill -> farm (slag)", c.Name);
        Assert.Contains("50 km", c.Reason, StringComparison.Ordinal);
        Assert.Equal(1, why.ForcedSolves);
        Assert.Equal(0, why.LeftOut);
    }

    [Fact]
    public void A_screened_exchange_gets_its_per_unit_reason_without_a_solve()
    {
        var result = Solve(Losing(limit: false));
        Assert.Equal(1, result.Chosen.Model.ScreenedArcs);

        var why = WhyNotChosen.Explain(result);

        // No limit, so the presolve fixes it: saving 10 + 20 - 50 = -20 SEK/t <= 0; the lower bound at 1 t is 20 SEK/yr.
        var c = Only(why);
        Assert.Equal(RejectionCause.Screened, c.Cause);
        Assert.False(c.Measured);
        Assert.Equal(0, why.ForcedSolves);
        Approx.Equal(20, c.Shortfall!.Value, 1e-9, "lower bound");
        Assert.Contains("-20 SEK", c.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exchange_a_quality_limit_blocks_is_reported_as_quality()
    {
        // Supply at 80 ppm cl, limit 50 ppm, virgin exactly at 50 ppm: any tonne of the supply breaks the limit
        // (delivered x (80 - 50) + v x (50 - 50) <= 0 has no solution with a positive flow). It would save
        // 30 + 20 - 5 = 45 SEK/t, so only the limit keeps it out.
        var b = new RegionBuilder();
        b.Resource("slag", "cl").Actor("mill", 59.0, 13.0).Actor("farm", 59.05, 13.05);
        b.Distance("mill", "farm", 5);
        b.Truck("truck", 1);
        b.Supply("s", "mill", "slag", 100, RouteKind.Sale, 30, quality: new Dictionary<string, double> { ["cl"] = 80e-6 });
        b.Demand("d", "farm", "slag", 100, 20, maxLimits: LimitCl50, sourceQuality: LimitCl50);
        var result = Solve(b.Build());
        Assert.Empty(result.Exchanges);

        var c = Only(WhyNotChosen.Explain(result));

        Assert.Equal(RejectionCause.Quality, c.Cause);
        Assert.Null(c.Shortfall);
        Assert.Contains("80 ppm", c.Reason, StringComparison.Ordinal);
        Assert.Contains("50 ppm", c.Reason, StringComparison.Ordinal);
        Assert.Contains("farm", c.Reason, StringComparison.Ordinal);
        Assert.NotEmpty(c.Blocking);
    }

    [Fact]
    public void A_receiver_already_served_by_a_cheaper_supply_is_reported_as_capacity()
    {
        // "near" is 5 km from the buyer, "far" 20 km; both give their 100 t away at no route cost, the buyer needs
        // 100 t at 100 SEK/t. near saves 100 - 5 = 95 SEK/t, far 100 - 20 = 80 SEK/t: the plan takes all from near.
        // Forcing 1 t from far displaces 1 t from near: the plan gets worse by 95 - 80 = 15 SEK/yr.
        var b = new RegionBuilder();
        b.Resource("ash").Actor("near", 59.0, 13.0).Actor("far", 59.2, 13.2).Actor("buyer", 59.1, 13.1);
        b.Distance("near", "buyer", 5).Distance("far", "buyer", 20);
        b.Truck("truck", 1);
        b.Supply("s1", "near", "ash", 100, RouteKind.Other, 0);
        b.Supply("s2", "far", "ash", 100, RouteKind.Other, 0);
        b.Demand("d", "buyer", "ash", 100, 100);
        var result = Solve(b.Build());
        var chosen = Assert.Single(result.Exchanges);
        Assert.Equal("near", chosen.FromActor);

        var c = Only(WhyNotChosen.Explain(result));

        Assert.Equal(RejectionCause.Capacity, c.Cause);
        Assert.Equal("far -> buyer (ash)", c.Name);
        Approx.Equal(15, c.Shortfall!.Value, 1e-6, "shortfall");
        Assert.Contains("near -> buyer (ash)", c.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_landfill_tax_threshold_equals_the_hand_value_and_a_tax_just_above_it_makes_the_exchange_pay()
    {
        // The supply goes to landfill at a 10 SEK/t gate fee plus a 5 SEK/t tax. Per t the exchange saves
        // 10 + tax + 20 - 50 = tax - 20 SEK/t: it pays above a tax of 20 SEK/t. Forced 1 t: shortfall 15 SEK/yr over
        // 1 t kept out of landfill, so the estimate is 5 + 15 / 1 = 20 SEK/t.
        var region = Losing(limit: true, landfillTax: 5, route: RouteKind.Landfill);
        var result = Solve(region);
        Assert.Empty(result.Exchanges);

        var why = WhyNotChosen.Explain(result, new WhyNotOptions(new SolveOptions(RelativeGap: 0), ConfirmThresholds: true));

        var c = Only(why);
        Approx.Equal(15, c.Shortfall!.Value, 1e-6, "shortfall");
        Approx.Equal(1, c.LandfillAvoided!.Value, 1e-9, "landfill avoided");
        var tax = Assert.Single(c.Thresholds, t => t.Kind == ThresholdKind.LandfillTax);
        Approx.Equal(20, tax.Value, 1e-6, "landfill tax threshold");
        Approx.Equal(5, tax.Current, 1e-12, "tax today");
        Assert.True(tax.IsEstimate);
        Assert.True(tax.Confirmed);
        Assert.Contains("estimate", tax.Text, StringComparison.Ordinal);

        // Independently: at 20.5 SEK/t the exchange is chosen, at 19.5 SEK/t it is not.
        Assert.True(RegionParameter.TryResolve(region, "policies.landfillTax", out var parameter, out _));
        Assert.NotEmpty(Solve(parameter.Set(region, 20.5)).Exchanges);
        Assert.Empty(Solve(parameter.Set(region, 19.5)).Exchanges);
    }

    [Fact]
    public void The_same_input_gives_the_same_output()
    {
        var result = Solve(Losing(limit: true, landfillTax: 5, route: RouteKind.Landfill));
        Assert.Equal(WhyNotChosen.Explain(result), WhyNotChosen.Explain(result));
    }

    [Fact]
    public void Varmland_dalarna_gives_every_unchosen_candidate_a_reason_in_well_under_30_seconds()
    {
        var region = TestPaths.Load(TestPaths.Scenario("varmland-dalarna"));
        var result = ExchangeOptimizer.Optimize(region);
        Assert.True(result.HasSolution);
        var model = result.Chosen.Model;
        var chosen = result.Exchanges.Select(e => e.Arc).ToHashSet();
        var unchosenArcs = result.Network.Arcs.Where(a => model.ArcFlow[a.Index] >= 0 && !chosen.Contains(a.Index)).Select(a => a.Index).Order().ToList();
        var unbuilt = result.Processes.Select((p, i) => (p, i)).Where(t => !t.p.Existing && !t.p.Built).Select(t => t.i).Order().ToList();

        var clock = Stopwatch.StartNew();
        var why = WhyNotChosen.Explain(result);
        clock.Stop();

        Assert.True(clock.Elapsed.TotalSeconds < 30, $"took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(unchosenArcs, why.All.Where(c => c.Kind == CandidateKind.Exchange).Select(c => c.Index).Order().ToList());
        Assert.Equal(unbuilt, why.All.Where(c => c.Kind == CandidateKind.Plant).Select(c => c.Index).Order().ToList());
        Assert.Equal(unchosenArcs.Count + unbuilt.Count, why.Rejected);
        Assert.Equal(0, why.LeftOut);
        Assert.All(why.All, c =>
        {
            Assert.NotEqual(RejectionCause.NotAnalysed, c.Cause);
            Assert.False(string.IsNullOrWhiteSpace(c.Reason));
            Assert.True(c.Shortfall is null || c.Shortfall >= 0, $"{c.Name}: negative shortfall {c.Shortfall}");
        });
        foreach (var g in why.Groups)
        {
            var measured = g.Candidates.Where(c => c.Shortfall is not null).Select(c => c.Shortfall!.Value).ToList();
            Assert.Equal(measured.Order().ToList(), measured);
        }

        // With a cap of 3 forced solves the rest is reported as not analysed and counted.
        var capped = WhyNotChosen.Explain(result, new WhyNotOptions(MaxForcedSolves: 3));
        Assert.Equal(3, capped.ForcedSolves);
        Assert.Equal(why.ForcedSolves - 3, capped.LeftOut);
        Assert.Equal(capped.LeftOut, capped.All.Count(c => c.Cause == RejectionCause.NotAnalysed));
        Assert.NotEmpty(capped.Note);
    }
}
