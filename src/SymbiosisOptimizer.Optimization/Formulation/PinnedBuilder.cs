using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization.Network;

namespace SymbiosisOptimizer.Optimization.Formulation;

/// <summary>Pinned choices: required, forbidden and all-or-nothing exchanges and plants.</summary>
/// <remarks>
/// A pinned exchange choice m names the candidate arcs A_m between its actors of its resource (and mode). Its "made"
/// indicator is u_m: a binary when it is required or grouped, with x_a &lt;= U_a u_m for a in A_m (PinnedOn) and
/// sum_{a in A_m} x_a &gt;= r_m u_m (PinnedAtLeast), r_m = its atLeast, else the least minimum lot of A_m, else 1 % of the
/// largest finite U_a (1 unit when all are unbounded), so a made exchange really carries something.
/// A plant's indicator is its build binary z_p (new), 1 - c_p (existing closable) or the constant 1 (existing).
/// Required: u_m &gt;= 1 (PinnedDecision). Forbidden exchange: sum_{a in A_m} x_a &lt;= 0; forbidden plant: z_p &lt;= 0 or
/// 1 - c_p &lt;= 0 (PinnedDecision). All-or-nothing group g with members m_1..m_k: u_m1 - u_mj = 0 for j = 2..k
/// (AllOrNothing). The counterfactual has no pins (it is today); a coalition keeps the pins inside it and every forbidden one.
/// </remarks>
public static class PinnedBuilder
{
    public static void Build(FormulationContext ctx)
    {
        if (ctx.Options.NoExchanges || ctx.Pins.IsEmpty)
        {
            return;
        }

        var net = ctx.Network;
        var region = ctx.Region;
        var on = new List<(int Column, double Coef)>?[ctx.Pins.Length];
        var constant = new double[ctx.Pins.Length];
        foreach (var pin in ctx.Pins)
        {
            var c = pin.Choice;
            if (c.Kind == PinKind.Plant && pin.Process < 0)
            {
                continue;
            }

            if (!Inside(ctx, c) && c.Decision != Decision.Forbidden)
            {
                continue;
            }

            var key = new RowKey(RowFamily.PinnedDecision, pin.Index);
            var label = $"[{c.Origin}]";
            if (c.Kind == PinKind.Exchange)
            {
                var flows = pin.Arcs.Where(a => ctx.ArcFlow[a] >= 0).ToList();
                if (c.Decision == Decision.Forbidden)
                {
                    ctx.AddLessOrEqual(key, $"Forbidden{label}", $"the forbidden {Reachability.Describe(region, c)} carries nothing", 0, flows.Select(a => (ctx.ArcFlow[a], 1.0)));
                    continue;
                }

                if (!c.NeedsSwitch)
                {
                    continue;
                }

                var u = ctx.Model.AddBinary($"Pin{label}", 0);
                ctx.PinOn[pin.Index] = u;
                foreach (var a in flows)
                {
                    var arc = net.Arcs[a];
                    var m = double.IsPositiveInfinity(arc.UpperBound) ? ProcessBuilder.UnboundedCapacity : arc.UpperBound;
                    ctx.AddLessOrEqual(new RowKey(RowFamily.PinnedOn, a, c.Origin), $"PinnedOn{ctx.ArcLabel(arc)}{label}", $"exchange {ctx.ArcLabel(arc)} flows only if the pinned choice {c.Origin} is made", 0, [(ctx.ArcFlow[a], 1.0), (u, -m)]);
                }

                var least = Minimum(c, pin.Arcs.Select(a => net.Arcs[a]).ToList());
                ctx.AddGreaterOrEqual(new RowKey(RowFamily.PinnedAtLeast, pin.Index), $"PinnedAtLeast{label}", $"the pinned {Reachability.Describe(region, c)}, once made, carries at least {least:0.##} per year", 0,
                    flows.Select(a => (ctx.ArcFlow[a], 1.0)).Append((u, -least)));
                on[pin.Index] = [(u, 1.0)];
            }
            else
            {
                var p = pin.Process;
                if (ctx.Plant[p] >= 0)
                {
                    on[pin.Index] = [(ctx.Plant[p], 1.0)];
                }
                else if (ctx.Closed[p] >= 0)
                {
                    on[pin.Index] = [(ctx.Closed[p], -1.0)];
                    constant[pin.Index] = 1;
                }
                else if (region.Processes[p].Existing)
                {
                    on[pin.Index] = [];
                    constant[pin.Index] = 1;
                }
                else
                {
                    // A new plant with no build decision (not pinned with a switch, and free to build): only a ban applies, on its throughput.
                    if (c.Decision == Decision.Forbidden)
                    {
                        ctx.AddLessOrEqual(key, $"Forbidden{label}", $"the forbidden {Reachability.Describe(region, c)} is not built", 0, [(ctx.Throughput[p], 1.0)]);
                    }

                    continue;
                }

                if (c.Decision == Decision.Forbidden)
                {
                    ctx.AddLessOrEqual(key, $"Forbidden{label}", $"the forbidden {Reachability.Describe(region, c)} is not built (or is closed)", -constant[pin.Index], on[pin.Index]!);
                    continue;
                }
            }

            if (c.Decision == Decision.Required)
            {
                ctx.AddGreaterOrEqual(key, $"Required{label}", $"the required {Reachability.Describe(region, c)} is made", 1 - constant[pin.Index], on[pin.Index]!);
            }
        }

        for (var g = 0; g < region.Groups.Length; g++)
        {
            var group = region.Groups[g];
            var members = ctx.Pins.Where(p => p.Choice.Group == group.Id && on[p.Index] is not null).ToList();
            if (members.Count < group.Members.Length)
            {
                // A member outside a coalition: the group cannot be made there, so every member that is inside stays off.
                foreach (var m in members)
                {
                    ctx.AddLessOrEqual(new RowKey(RowFamily.AllOrNothing, g, m.Choice.Origin), $"AllOrNothing[{group.Id}]{m.Choice.Origin}", $"group '{group.Id}' cannot be made in full here, so {m.Choice.Origin} is not made", -constant[m.Index], on[m.Index]!);
                }

                continue;
            }

            var first = members[0];
            foreach (var m in members.Skip(1))
            {
                var terms = on[first.Index]!.Concat(on[m.Index]!.Select(t => (t.Column, -t.Coef)));
                ctx.AddEquality(new RowKey(RowFamily.AllOrNothing, g, m.Choice.Origin), $"AllOrNothing[{group.Id}]{m.Choice.Origin}",
                    $"in group '{group.Id}', {m.Choice.Origin} is made exactly when {first.Choice.Origin} is", constant[m.Index] - constant[first.Index], terms);
            }
        }
    }

    /// <summary>Whether every actor of the choice is inside the coalition being valued (always, without one).</summary>
    /// <remarks>A choice whose actors are not in the region at all (a coalition's sub-region) is outside too.</remarks>
    private static bool Inside(FormulationContext ctx, PinnedChoice c) => c.Kind == PinKind.Plant
        ? ctx.Region.Processes.FirstOrDefault(p => p.Id == c.ProcessId) is { } process && ctx.Options.Allows(process.ActorId)
        : ctx.Region.HasActor(c.From!) && ctx.Region.HasActor(c.To!) && ctx.Options.Allows(c.From!) && ctx.Options.Allows(c.To!);

    /// <summary>r_m: the stated atLeast, else the least minimum lot, else 1 % of the largest finite bound (1 when none is finite).</summary>
    public static double Minimum(PinnedChoice c, IReadOnlyList<CandidateArc> arcs)
    {
        if (c.AtLeast is { } q)
        {
            return q.Value;
        }

        var lots = arcs.Where(a => a.MinLot > 0).Select(a => a.MinLot).ToList();
        if (lots.Count > 0)
        {
            return lots.Min();
        }

        var bounds = arcs.Select(a => a.UpperBound).Where(double.IsFinite).ToList();
        return bounds.Count == 0 ? 1 : 0.01 * bounds.Max();
    }
}
