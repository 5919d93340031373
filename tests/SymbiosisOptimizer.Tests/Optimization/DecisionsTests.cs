using FsCheck.Xunit;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Domain.Quantities;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Tests.Optimization;

/// <summary>
/// Links, pinned decisions, all-or-nothing groups, closable plants and the pre-solve check (issue 20). Expected values
/// are worked out by hand in each fixture's header (tests/fixtures/links, links-mincostflow, decisions, closable-plant).
/// </summary>
public sealed class DecisionsTests
{
    private static PinnedChoice Exchange(Decision d, string to, string? mode = null, double? atLeast = null, string? group = null, string origin = "test") =>
        new(PinKind.Exchange, d, "mill", to, "slag", mode, null, atLeast is { } q ? new Quantity(q, Dimension.MassD.PerYear) : null, group, origin);

    private static Region Decisions(params PinnedChoice[] pins) => TestRepo.Load("decisions") with { Pins = [.. pins] };

    private static double Sent(OptimizationResult r, string sinkActor) => r.Exchanges.Where(e => e.ToActor == sinkActor).Sum(e => e.Quantity);

    [Fact]
    public void A_zero_km_link_with_capacity_fixed_cost_and_capex_replaces_the_generated_candidate()
    {
        var region = TestRepo.Load("links");
        var r = TestRepo.Optimize(region);

        // Header: 600 MWh/yr (the link's capacity) x 300 SEK/MWh - 10 000 - 0.1 x 500 000 = 120 000 SEK/yr, at 0 km.
        Assert.Equal(ResultStatus.Optimal, r.Status);
        var e = Assert.Single(r.Exchanges);
        Assert.Equal(600, e.Quantity, 6);
        Assert.Equal(0, e.DistanceKm);
        Approx.Equal(120_000, r.Kpis!.NetBenefit);
        Assert.True(r.Network.Arcs.Single().IsLink);
    }

    [Fact]
    public void Without_the_link_the_supply_is_listed_as_out_of_reach_by_distance()
    {
        var region = TestRepo.Load("links") with { Links = [] };
        var network = CandidateNetworkBuilder.Build(region);

        // 5 km is over the pipe's 1 km maximum: no candidate, so nothing is exchanged.
        Assert.Empty(network.Arcs);
        var check = Reachability.Check(region, network);
        var supply = Assert.Single(check.Unreachable, u => u.Kind == "supply");
        Assert.Equal(new[] { UnreachableReason.Distance }, supply.Reasons.ToArray());
        Assert.Single(check.Unreachable, u => u.Kind == "demand");
        Assert.Equal(0, TestRepo.Optimize(region).Kpis!.NetBenefit, 6);
    }

    [Fact]
    public void Min_cost_flow_takes_a_link_capacity_and_agrees_with_the_milp()
    {
        var region = TestRepo.Load("links-mincostflow");
        var model = ExchangeFormulation.Build(region, CandidateNetworkBuilder.Build(region), new FormulationOptions());
        Assert.Null(MinCostFlowSolver.WhyNotApplicable(model));

        // Header: the link replaces the 10 km truck candidate; 200 t/yr x 160 SEK/t = 32 000 SEK/yr.
        var mcf = TestRepo.Optimize(region, SolverKind.MinCostFlow);
        var scip = TestRepo.Optimize(region, SolverKind.Scip);
        Assert.Equal("MinCostFlow", mcf.Solve.SolverName);
        Approx.Equal(32_000, mcf.Kpis!.NetBenefit);
        Approx.Equal(32_000, scip.Kpis!.NetBenefit);
        Assert.Equal(200, Assert.Single(mcf.Exchanges).Quantity, 6);
    }

    [Fact]
    public void Min_cost_flow_declines_a_required_choice_with_a_reason_and_auto_falls_back_to_the_milp()
    {
        var region = Decisions(Exchange(Decision.Required, "quarry", atLeast: 50));
        var model = ExchangeFormulation.Build(region, CandidateNetworkBuilder.Build(region), new FormulationOptions());
        Assert.Contains("required", MinCostFlowSolver.WhyNotApplicable(model));
        var forced = TestRepo.Optimize(region, SolverKind.MinCostFlow);
        Assert.Equal(ResultStatus.Error, forced.Status);

        // Header: quarry 50, builder 400, farm 50 = 65 000 SEK/yr.
        var auto = TestRepo.Optimize(region);
        Assert.NotEqual("MinCostFlow", auto.Solve.SolverName);
        Approx.Equal(65_000, auto.Kpis!.NetBenefit);
        Assert.Equal(50, Sent(auto, "quarry"), 6);
    }

    [Fact]
    public void A_forbidden_exchange_is_a_ban_min_cost_flow_still_solves()
    {
        var region = Decisions(Exchange(Decision.Forbidden, "builder"));

        // Header: without the builder, the farm takes 400 t at 140 SEK/t = 56 000 SEK/yr.
        var mcf = TestRepo.Optimize(region, SolverKind.MinCostFlow);
        Assert.Equal("MinCostFlow", mcf.Solve.SolverName);
        Approx.Equal(56_000, mcf.Kpis!.NetBenefit);
        Assert.Equal(0, Sent(mcf, "builder"));
        Approx.Equal(56_000, TestRepo.Optimize(region, SolverKind.Scip).Kpis!.NetBenefit);
        Approx.Equal(74_000, TestRepo.Optimize(Decisions()).Kpis!.NetBenefit);
    }

    [Fact]
    public void An_all_or_nothing_group_makes_both_members_when_together_they_pay()
    {
        var region = Decisions(Exchange(Decision.Optional, "builder", group: "g", origin: "a"), Exchange(Decision.Optional, "quarry", group: "g", origin: "b"))
            with { Groups = [new DecisionGroup("g", [])] };
        region = region with { Groups = [new DecisionGroup("g", region.Pins)] };
        var r = TestRepo.Optimize(region);

        // Header: the quarry's least is 1 % of min(500, 200) = 2 t; both made: 60 000 - 80 + 98 x 140 = 73 640 SEK/yr.
        Approx.Equal(73_640, r.Kpis!.NetBenefit);
        Assert.Equal(2, Sent(r, "quarry"), 6);
        Assert.Equal(400, Sent(r, "builder"), 6);

        // With the builder forbidden as well, the group is off: the farm alone, 56 000 SEK/yr.
        var banned = region with { Pins = region.Pins.Add(Exchange(Decision.Forbidden, "builder", origin: "c")) };
        var off = TestRepo.Optimize(banned);
        Approx.Equal(56_000, off.Kpis!.NetBenefit);
        Assert.Equal(0, Sent(off, "quarry"));
    }

    [Fact]
    public void Pins_declared_in_yaml_solve_as_worked_out_and_are_listed()
    {
        var region = TestRepo.Load("decisions/pinned.yaml");
        Assert.Equal(3, region.Pins.Length);
        var group = Assert.Single(region.Groups);
        Assert.Equal(2, group.Members.Length);
        var r = TestRepo.Optimize(region);
        Approx.Equal(65_000, r.Kpis!.NetBenefit);
        var doc = global::SymbiosisOptimizer.Reports.Documents.RunDocuments.Build(region, new global::SymbiosisOptimizer.Reports.Documents.RunProvenance("pinned.yaml", "base", []), r);
        Assert.Equal(["decisions[#1]", "groups[near-buyers].members[#1]", "groups[near-buyers].members[#2]"], doc.Pinned.Select(p => p.Origin));
        Assert.All(doc.Pinned, p => Assert.True(p.Made));
        Assert.Equal(50, doc.Pinned[0].Quantity!.Value);
        Assert.Contains(doc.Findings, f => f.StartsWith("Pinned choices (3)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_required_choice_no_candidate_can_meet_is_reported_with_why_before_solving()
    {
        // Rail goes at most 5 km; the farm is 20 km away.
        var region = Decisions(Exchange(Decision.Required, "farm", mode: "rail", origin: "decisions[#1]"));
        var check = Reachability.Check(region, CandidateNetworkBuilder.Build(region));
        Assert.True(check.StopsRun);
        var unmet = Assert.Single(check.Unmet);
        Assert.Equal(new[] { UnreachableReason.Distance }, unmet.Reasons.ToArray());
        Assert.Contains("decisions[#1]", unmet.Text);
        Assert.Contains("Farm", unmet.Text);

        // Required and forbidden at once: the reason is the ban.
        var both = Decisions(Exchange(Decision.Required, "farm"), Exchange(Decision.Forbidden, "farm"));
        Assert.Equal(new[] { UnreachableReason.Forbidden }, Assert.Single(Reachability.Check(both, CandidateNetworkBuilder.Build(both)).Unmet).Reasons.ToArray());
    }

    [Fact]
    public void A_closable_plant_closes_when_the_saving_beats_its_margin_and_stays_open_otherwise()
    {
        // Header: margin 70 SEK/t x 1 000 t = 70 000 SEK/yr; saving 100 000 closes it (net 30 000), 50 000 keeps it.
        var closed = TestRepo.Optimize(TestRepo.Load("closable-plant"));
        var boiler = Assert.Single(closed.Processes);
        Assert.True(boiler.Closed);
        Assert.False(boiler.Built);
        Assert.Equal(0, boiler.Throughput, 6);
        Approx.Equal(30_000, closed.Kpis!.NetBenefit);
        Approx.Equal(1000, closed.Counterfactual.Values[closed.Counterfactual.Model.Throughput[0]], 1e-9, "the counterfactual keeps it running");
        Approx.Equal(100_000, -closed.Chosen.Ledger(LedgerKind.Money, e => e.Category == LedgerCategory.Closure));
        Approx.Equal(30_000, Assert.Single(closed.Actors).NetBenefit);

        var kept = TestRepo.Optimize(TestRepo.Load("closable-plant", "keep"));
        Assert.False(kept.Processes[0].Closed);
        Assert.Equal(1000, kept.Processes[0].Throughput, 6);
        Assert.Equal(0, kept.Kpis!.NetBenefit, 6);
    }

    [Fact]
    public void The_pinned_rows_are_the_ones_worked_out_by_hand()
    {
        var region = Decisions(Exchange(Decision.Required, "quarry", atLeast: 50));
        var m = ExchangeFormulation.Build(region, CandidateNetworkBuilder.Build(region), new FormulationOptions());
        var u = m.PinOn[0];
        var quarryArc = m.Pins[0].Arcs.Single();
        var x = m.ArcFlow[quarryArc];

        // x_q - U u <= 0 with U = min(500 supply, 200 need) = 200; x_q - 50 u >= 0; u >= 1.
        var on = m.Model.Rows[m.RowOf(new RowKey(RowFamily.PinnedOn, quarryArc, "test"))];
        Assert.Equal([(x, 1.0), (u, -200.0)], on.Columns.Zip(on.Coefficients));
        Assert.Equal(0, on.Upper);
        var least = m.Model.Rows[m.RowOf(new RowKey(RowFamily.PinnedAtLeast, 0))];
        Assert.Equal([(x, 1.0), (u, -50.0)], least.Columns.Zip(least.Coefficients));
        Assert.Equal(0, least.Lower);
        var required = m.Model.Rows[m.RowOf(new RowKey(RowFamily.PinnedDecision, 0))];
        Assert.Equal([(u, 1.0)], required.Columns.Zip(required.Coefficients));
        Assert.Equal(1, required.Lower);

        // The counterfactual pins nothing: it is today.
        var cf = ExchangeFormulation.Build(region, CandidateNetworkBuilder.Build(region), FormulationOptions.Counterfactual());
        Assert.Empty(cf.RowsOf(RowFamily.PinnedDecision));
    }

    private static OptimizationResult Solve(Region region) =>
        ExchangeOptimizer.Optimize(region, new OptimizeOptions(new SolveOptions(SolverKind.Auto, RelativeGap: 0)));

    /// <summary>Picks up to three candidate arcs of a random region, by the seed.</summary>
    private static (Region Region, List<PinnedChoice> Pins) PinRandomArcs(int seed, Decision decision, bool withSwitches)
    {
        var region = NetworkProperties.RandomRegion(seed, withSwitches: withSwitches);
        var network = CandidateNetworkBuilder.Build(region);
        var rnd = new Random(seed ^ 0x5eed);
        var pins = new List<PinnedChoice>();
        foreach (var arc in network.Arcs.OrderBy(_ => rnd.Next()).Take(rnd.Next(1, 4)))
        {
            var src = network.Sources[arc.Source];
            var sink = network.Sinks[arc.Sink];
            if (src.ActorId == sink.ActorId)
            {
                continue;
            }

            pins.Add(new PinnedChoice(PinKind.Exchange, decision, src.ActorId, sink.ActorId, src.ResourceId, arc.ModeId, null, null, null, $"decisions[#{pins.Count + 1}]"));
        }

        return (region with { Pins = [.. pins] }, pins);
    }

    [Property(MaxTest = 25)]
    public void A_forbidden_candidate_never_flows(int seed, bool withSwitches)
    {
        var (region, _) = PinRandomArcs(seed, Decision.Forbidden, withSwitches);
        var r = Solve(region);
        Assert.True(r.Status.HasPlan(), r.Status.Text());
        var network = r.Network;
        foreach (var pin in PinResolution.Resolve(region, network))
        {
            Assert.All(pin.Arcs, a => Assert.True(r.Chosen.Flow(a) <= 1e-6, $"forbidden {pin.Choice.Origin} carries {r.Chosen.Flow(a)}"));
        }
    }

    [Property(MaxTest = 25)]
    public void A_required_candidate_always_flows_or_the_run_says_why(int seed, bool withSwitches)
    {
        var (region, _) = PinRandomArcs(seed, Decision.Required, withSwitches);
        var check = Reachability.Check(region, CandidateNetworkBuilder.Build(region));
        if (check.StopsRun)
        {
            Assert.All(check.Unmet.Where(u => u.StopsRun), u => Assert.NotEmpty(u.Reasons));
            return;
        }

        var r = Solve(region);
        if (!r.HasSolution)
        {
            // Required choices that together ask more than the supplies hold: infeasible, with the rows that conflict.
            Assert.Equal(ResultStatus.Infeasible, r.Status);
            Assert.NotEmpty(r.Explanation);
            return;
        }

        foreach (var pin in PinResolution.Resolve(region, r.Network))
        {
            var least = PinnedBuilder.Minimum(pin.Choice, [.. pin.Arcs.Select(a => r.Network.Arcs[a])]);
            var sent = pin.Arcs.Sum(r.Chosen.Flow);
            Assert.True(sent >= least * (1 - 1e-6) - 1e-6, $"required {pin.Choice.Origin} carries {sent}, less than its least {least}");
            Assert.True(sent > 0);
        }
    }

    [Property(MaxTest = 30)]
    public void Closing_is_chosen_only_when_it_pays(int savingSeed, int priceSeed)
    {
        // The boiler's margin per year is 1 000 t x (3 MWh/t x 90 SEK/MWh - chip price); at a loss it simply stops
        // running, so what closing loses is max(0, margin). It closes exactly when the saving is larger.
        var saving = Math.Abs(savingSeed % 200) * 1000.0;
        var price = 100 + Math.Abs(priceSeed % 250);
        var baseRegion = TestRepo.Load("closable-plant");
        var p = baseRegion.Processes[0];
        var input = p.Inputs[0] with { Source = p.Inputs[0].Source! with { Price = new Quantity(price, p.Inputs[0].Source!.Price.Dimension) } };
        var region = baseRegion with { Processes = [p with { ClosingSaving = saving, Inputs = [input] }] };
        var lost = Math.Max(0, 1000 * ((3 * 90) - price));
        if (Math.Abs(saving - lost) < 1)
        {
            return; // a tie: either plan is optimal
        }

        var r = TestRepo.Optimize(region);
        Assert.Equal(saving > lost, r.Processes[0].Closed);
        Approx.Equal(Math.Max(0, saving - lost), r.Kpis!.NetBenefit, 1e-6, "net benefit = what closing gains over what it loses, or 0");
    }
}

/// <summary>The command line before solving: validate lists what cannot be met, run stops on a required choice that cannot.</summary>
public sealed class DecisionsCliTests
{
    [Fact]
    public void A_required_choice_that_cannot_be_met_stops_run_and_validate_with_a_plain_error()
    {
        var text = File.ReadAllText(TestRepo.Fixture("decisions/scenario.yaml")) +
                   "decisions:\n  - {exchange: {from: mill, to: farm, resource: slag, mode: rail}, choice: required}\n";
        using var scenario = Scenarios.TempScenario.Create(text);
        var outDir = Path.Combine(scenario.Folder, "out");

        var run = CliHarness.Run("run", scenario.Folder, "--out", outDir);
        Assert.Equal(global::SymbiosisOptimizer.Cli.ExitCodes.InvalidInput, run.Code);
        Assert.Contains("required exchange of slag from Mill to Farm by Rail (decisions[#1]) cannot be met: farther than the maximum distance of the modes that carry it", run.Err);
        Assert.DoesNotContain("Exception", run.Err + run.Out, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir), "nothing is written");

        var validate = CliHarness.Run("validate", scenario.Folder);
        Assert.Equal(global::SymbiosisOptimizer.Cli.ExitCodes.InvalidInput, validate.Code);
        Assert.Contains("Before solving (0 unreachable, 1 pinned choice(s) that cannot be met)", validate.Out);
    }
}
