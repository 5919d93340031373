using FsCheck.Xunit;
using SymbiosisOptimizer.Assessment.Impacts;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Domain.Quantities;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Tests.Optimization;

/// <summary>
/// Every breakdown of the KPIs (per exchange, plant and permit; per actor; per municipality) adds up to them, and the
/// KPIs themselves equal the counterfactual's ledger minus the plan's, read straight from the two solutions.
/// </summary>
public class LedgerBreakdownTests
{
    private const double Relative = 1e-9;

    /// <summary>All the checks on one solved result.</summary>
    internal static void AddsUp(Region region, OptimizationResult r)
    {
        Assert.True(r.HasSolution, r.Status.ToString());
        var k = r.Kpis!;
        var (today, plan) = (r.Counterfactual, r.Chosen);

        // Independent of the breakdown: today's ledger minus the plan's, term by term over both models' ledgers.
        // A breakdown that dropped or double-counted a line would differ from these. The scale is the gross size of
        // the terms summed, so round-off of large opposite terms is allowed for and nothing more.
        (double Delta, double Gross) Diff(LedgerKind kind, Func<LedgerEntry, bool>? which = null)
        {
            double Gross(Solution s) => s.Model.Ledger.Where(e => e.Kind == kind && (which is null || which(e))).Sum(e => Math.Abs(e.Coefficient * s.Values[e.Column]));
            return (today.Ledger(kind, which) - plan.Ledger(kind, which), Gross(today) + Gross(plan));
        }

        void Same(double expected, double actual, double gross, string what) =>
            Assert.True(Math.Abs(expected - actual) <= Relative * Math.Max(1, Math.Max(Math.Abs(expected), gross)),
                FormattableString.Invariant($"{what}: expected {expected:R}, got {actual:R}"));

        // Virgin mass: mass resources other than water, decided here from the region, not by the optimiser's helper.
        bool VirginMass(LedgerEntry e) => e.Resource is { } id && region.Resource(id) is var res && res.FlowDimension == Dimension.MassD && res.Category != ResourceCategory.Water;
        var money = Diff(LedgerKind.Money);
        var co2 = Diff(LedgerKind.Emissions);
        var landfill = Diff(LedgerKind.Landfill);
        var virgin = Diff(LedgerKind.Virgin, VirginMass);
        Same(money.Delta, k.NetBenefit, money.Gross, "net benefit = today's money - the plan's");
        Same(co2.Delta, k.Co2Avoided, co2.Gross, "CO2e avoided = today's emissions - the plan's");
        Same(landfill.Delta, k.LandfillAvoided, landfill.Gross, "landfill avoided = today's landfill - the plan's");
        Same(virgin.Delta, k.VirginMaterialAvoided, virgin.Gross, "virgin mass avoided = today's - the plan's");
        Same(plan.Ledger(LedgerKind.Emissions, e => e.Category == LedgerCategory.Transport), k.TransportEmissions, co2.Gross, "transport emissions");

        // Items: exchanges + plants + permits + unattributed = the KPIs.
        var parts = Contribution.Sum(r.Exchanges.Select(e => e.Impact))
            .Plus(Contribution.Sum(r.Processes.Select(p => p.Impact)))
            .Plus(Contribution.Sum(r.Permits.Select(p => p.Impact)))
            .Plus(r.Unattributed);
        Same(k.NetBenefit, parts.Money, money.Gross, "items' money");
        Same(k.Co2Avoided, parts.Co2, co2.Gross, "items' CO2e");
        Same(k.LandfillAvoided, parts.Landfill, landfill.Gross, "items' landfill");
        Same(k.VirginMaterialAvoided, parts.VirginMass, virgin.Gross, "items' virgin mass");

        // A plant's and a permit's impact is its own ledger entries, today minus the plan, except that a new plant's
        // disposal goes with its inputs: the exchanges into it carry the share s = (delivered input) / throughput of it
        // (docs/architecture.md), so the plant keeps (1 - s) of its disposal lines.
        for (var i = 0; i < region.Processes.Length; i++)
        {
            var item = new LedgerItem(LedgerItemKind.Process, i);
            var process = region.Processes[i];
            var p = Assert.Single(r.Processes, x => x.Id == process.Id);
            var share = 0.0;
            var throughput = plan.Values[plan.Model.Throughput[i]];
            if (!process.Existing && throughput > 1e-9)
            {
                var delivered = plan.Model.Network.Sinks.Where(k => ReferenceEquals(k.Process, process))
                    .SelectMany(k => plan.Model.ArcsIntoSink[k.Index]).Sum(a => plan.Model.Network.Arcs[a].Delivered * Math.Max(0, plan.Flow(a)));
                share = delivered <= 1e-9 ? 0 : Math.Min(1, delivered / throughput);
            }

            double Own(LedgerKind kind, out double gross)
            {
                var rest = Diff(kind, e => e.Item == item && e.Category != LedgerCategory.Disposal);
                var disposal = Diff(kind, e => e.Item == item && e.Category == LedgerCategory.Disposal);
                gross = rest.Gross + disposal.Gross;
                return rest.Delta + ((1 - share) * disposal.Delta);
            }

            Same(Own(LedgerKind.Money, out var gm), p.Impact.Money, gm, $"money of plant {p.Id}");
            Same(Own(LedgerKind.Emissions, out var ge), p.Impact.Co2, ge, $"CO2e of plant {p.Id}");
            Same(Own(LedgerKind.Landfill, out var gl), p.Impact.Landfill, gl, $"landfill of plant {p.Id}");
        }

        foreach (var permit in r.Permits)
        {
            var item = new LedgerItem(LedgerItemKind.Permit, region.Permits.IndexOf(region.Permits.Single(x => x.Id == permit.PermitId)));
            var own = Diff(LedgerKind.Money, e => e.Item == item && e.ActorId == permit.Receiver);
            Same(own.Delta, permit.Impact.Money, own.Gross, $"money of permit {permit.Key}");
        }

        // Each exchange's CO2e split adds up to its CO2e impact.
        foreach (var e in r.Exchanges)
        {
            Same(e.Impact.Co2, e.Co2.Total, co2.Gross, $"CO2e split of {e.Key}");
        }

        // Actors partition the same lines.
        Same(k.NetBenefit, r.Actors.Sum(a => a.NetBenefit), money.Gross, "actors' money");
        Same(k.Co2Avoided, r.Actors.Sum(a => a.Co2Avoided), co2.Gross, "actors' CO2e");
        Same(k.LandfillAvoided, r.Actors.Sum(a => a.LandfillAvoided), landfill.Gross, "actors' landfill");

        // Impact accounts: municipalities add up to the total, and the total is the KPIs.
        var accounts = ImpactAccounts.Build(region, r);
        Same(accounts.Total.Co2Avoided, accounts.Municipalities.Sum(m => m.Co2Avoided), co2.Gross, "municipalities' CO2e");
        Same(accounts.Total.LandfillAvoided, accounts.Municipalities.Sum(m => m.LandfillAvoided), landfill.Gross, "municipalities' landfill");
        Same(accounts.Total.VirginMaterialAvoided, accounts.Municipalities.Sum(m => m.VirginMaterialAvoided), virgin.Gross, "municipalities' virgin mass");
        Same(accounts.Total.Co2AddedTransport, accounts.Municipalities.Sum(m => m.Co2AddedTransport), co2.Gross, "municipalities' transport");
        Same(k.Co2Avoided, accounts.Total.Co2Avoided, co2.Gross, "impact total CO2e");
        Same(k.LandfillAvoided, accounts.Total.LandfillAvoided, landfill.Gross, "impact total landfill");
        Same(k.VirginMaterialAvoided, accounts.Total.VirginMaterialAvoided, virgin.Gross, "impact total virgin mass");
        Same(k.TransportEmissions, accounts.Total.Co2AddedTransport, co2.Gross, "impact total transport");
    }

    private static OptimizationResult Solve(Region region) =>
        ExchangeOptimizer.Optimize(region, new OptimizeOptions(new SolveOptions(RelativeGap: 0)));

    [Property(MaxTest = 40)]
    public void Breakdowns_add_up_to_the_kpis_on_random_regions(int seed, bool withSwitches, bool withProcesses)
    {
        var region = NetworkProperties.RandomRegion(seed, withSwitches: withSwitches, withProcesses: withProcesses);
        AddsUp(region, Solve(region));
    }

    // Permits are not drawn by the generator: the same random regions with one permit on r0 (lead time 0 to 9 of 10
    // years), so permit lines, permit-delay entries and shared routes meet.
    [Property(MaxTest = 25)]
    public void Breakdowns_add_up_to_the_kpis_with_a_permit(int seed, byte lead, bool withProcesses)
    {
        var region = NetworkProperties.RandomRegion(seed, withProcesses: withProcesses);
        var permit = new Permit("p", "p", new Quantity(lead * 100.0, Dimension.MoneyIn("SEK")), new Quantity(lead % 10, Dimension.TimeD), ["r0"], [], false);
        region = region with { Permits = [permit] };
        AddsUp(region, Solve(region));
    }

    public static TheoryData<string> Scenarios() => RowFamilyTests.Scenarios();

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Breakdowns_add_up_to_the_kpis_on_the_bundled_scenarios(string name)
    {
        var region = TestPaths.Load(TestPaths.Scenario(name));
        AddsUp(region, ExchangeOptimizer.Optimize(region));
    }

    [Theory]
    [InlineData("tiny")]
    [InlineData("process-chain")]
    [InlineData("biochar-process")]
    [InlineData("water-wang-smith")]
    [InlineData("mandate-shortfall")]
    [InlineData("min-lot")]
    [InlineData("fixed-charge")]
    [InlineData("blend-quality")]
    public void Breakdowns_add_up_to_the_kpis_on_the_fixtures(string name)
    {
        var region = TestPaths.Load(TestPaths.Fixture(name));
        AddsUp(region, Solve(region));
    }
}
