using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization.Formulation;
using static SymbiosisOptimizer.Tests.Optimization.FormulationTestKit;

namespace SymbiosisOptimizer.Tests.Optimization;

/// <summary>The pinned-choice families (issue 20) on the same tiny regions, rows derived from <see cref="PinnedBuilder"/>'s remarks.</summary>
public partial class RowFamilyTests
{
    private static PinnedChoice Pin(Decision d, string to, string origin, string? group = null) =>
        new(PinKind.Exchange, d, "a0", to, "slag", null, null, null, group, origin);

    private static PinnedChoice PlantPin(Decision d, string origin) => new(PinKind.Plant, d, null, null, null, null, "dig", null, null, origin);

    [Fact]
    [RowFamilyTest(RowFamily.PinnedOn)]
    [RowFamilyTest(RowFamily.PinnedAtLeast)]
    public void A_required_exchange_flows_only_when_made_and_then_at_least_its_minimum()
    {
        var m = Build(TwoDemands() with { Pins = [Pin(Decision.Required, "a1", "r")] });
        var a = Arc(m, "s0", "d0");
        var u = m.PinOn[0];

        // U_A = 750 (see TwoDemands): x_A - 750 u <= 0; no lot and no atLeast, so r = 1 % of 750 = 7.5: x_A - 7.5 u >= 0.
        Keys(m, RowFamily.PinnedOn, new RowKey(RowFamily.PinnedOn, a.Index, "r"));
        Row(m, new RowKey(RowFamily.PinnedOn, a.Index, "r"), -Inf, 0, (m.ArcFlow[a.Index], 1), (u, -750));
        Keys(m, RowFamily.PinnedAtLeast, new RowKey(RowFamily.PinnedAtLeast, 0));
        Row(m, new RowKey(RowFamily.PinnedAtLeast, 0), 0, Inf, (m.ArcFlow[a.Index], 1), (u, -7.5));
        Assert.True(m.Model.Variables[u].IsInteger);
    }

    [Fact]
    [RowFamilyTest(RowFamily.PinnedDecision)]
    public void Required_choices_are_made_and_forbidden_ones_are_not()
    {
        // Required exchange: u >= 1; forbidden exchange B: x_B <= 0.
        var m = Build(TwoDemands() with { Pins = [Pin(Decision.Required, "a1", "r"), Pin(Decision.Forbidden, "a2", "f")] });
        var b = Arc(m, "s0", "d1");
        Keys(m, RowFamily.PinnedDecision, new RowKey(RowFamily.PinnedDecision, 0), new RowKey(RowFamily.PinnedDecision, 1));
        Row(m, new RowKey(RowFamily.PinnedDecision, 0), 1, Inf, (m.PinOn[0], 1));
        Row(m, new RowKey(RowFamily.PinnedDecision, 1), -Inf, 0, (m.ArcFlow[b.Index], 1));
        Assert.Equal(-1, m.PinOn[1]);

        // Required new plant: z >= 1 on its build binary.
        var plant = Build(Digester() with { Pins = [PlantPin(Decision.Required, "p")] });
        Row(plant, new RowKey(RowFamily.PinnedDecision, 0), 1, Inf, (plant.Plant[0], 1));

        // Forbidden existing closable plant: open = 1 - c <= 0, i.e. -c <= -1; its capacity row T + 800 c <= 800.
        var closable = Digester(existing: true);
        closable = closable with { Processes = [closable.Processes[0] with { Closable = true, ClosingSaving = 5000 }] };
        var shut = Build(closable with { Pins = [PlantPin(Decision.Forbidden, "p")] });
        var c = shut.Closed[0];
        Row(shut, new RowKey(RowFamily.PinnedDecision, 0), -Inf, -1, (c, -1));
        Row(shut, new RowKey(RowFamily.Capacity, 0), -Inf, 800, (shut.Throughput[0], 1), (c, 800));
        Assert.Contains(shut.Ledger, e => e.Column == c && e.Category == LedgerCategory.Closure && e.Coefficient == -5000);
    }

    [Fact]
    [RowFamilyTest(RowFamily.AllOrNothing)]
    public void Group_members_are_made_together()
    {
        var region = TwoDemands() with { Pins = [Pin(Decision.Optional, "a1", "m1", "g"), Pin(Decision.Optional, "a2", "m2", "g")] };
        region = region with { Groups = [new DecisionGroup("g", region.Pins)] };
        var m = Build(region);

        // u_m1 - u_m2 = 0, keyed by the group's index and the second member's origin.
        Keys(m, RowFamily.AllOrNothing, new RowKey(RowFamily.AllOrNothing, 0, "m2"));
        Row(m, new RowKey(RowFamily.AllOrNothing, 0, "m2"), 0, 0, (m.PinOn[0], 1), (m.PinOn[1], -1));
    }
}
