using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Domain.Quantities;

namespace SymbiosisOptimizer.Scenarios;

/// <summary>Links, pinned decisions, all-or-nothing groups and closable plants (issue 20).</summary>
internal sealed partial class ModelBuilder
{
    private const string AllOrNothing = "all-or-nothing";

    private (bool Closable, double Saving) ReadClosing(Fields f, bool existing)
    {
        var closable = f.Bool("closable", false);
        var saving = f.Quantity("closingSaving", Money.PerYear, example: $"2000000 {currency}/yr");
        if (closable && !existing)
        {
            Diag.Error(f.Location, f.Field("closable"), "only an existing process can be closed; add 'existing: true' or remove 'closable'");
        }

        if (saving is not null && !closable)
        {
            Diag.Error(f.Location, f.Field("closingSaving"), "is only used with 'closable: true'");
        }

        return (closable && existing, saving?.Value ?? 0);
    }

    private (ImmutableArray<Link> Links, ImmutableArray<PinnedChoice> Pins, ImmutableArray<DecisionGroup> Groups) ReadDecisions(
        Fields top, ImmutableArray<Process> processes, ImmutableArray<TransportMode> modes, ImmutableArray<Permit> permits)
    {
        var pins = ImmutableArray.CreateBuilder<PinnedChoice>();
        var links = ImmutableArray.CreateBuilder<Link>();
        var seenLinks = new Dictionary<(string, string, string, string), SourceLocation>();
        var linkItems = ItemsOf(top, "links", "a list of links such as '- {from: mill, to: greenhouse, resource: heat, mode: pipe, distance: 0 km}'");
        for (var i = 0; i < linkItems.Length; i++)
        {
            var origin = $"links[#{i + 1}]";
            var f = Fields.Of(linkItems[i], origin, ctx, "a link {from, to, resource, mode, ...}");
            if (f is null)
            {
                continue;
            }

            if (ReadLink(f, origin, modes, permits) is { } link)
            {
                var key = (link.From, link.To, link.ResourceId, link.ModeId);
                if (seenLinks.TryGetValue(key, out var first))
                {
                    Diag.Error(f.Location, origin, $"a link {link.From} -> {link.To} of {link.ResourceId} by {link.ModeId} is already declared at {first}; state each link once");
                }
                else
                {
                    seenLinks[key] = f.Location;
                    links.Add(link);
                    if (link.Decision != Decision.Optional)
                    {
                        pins.Add(new PinnedChoice(PinKind.Exchange, link.Decision, link.From, link.To, link.ResourceId, link.ModeId, null, null, null, origin));
                    }
                }
            }

            f.Done();
        }

        var decisionItems = ItemsOf(top, "decisions", "a list of pinned choices such as '- {exchange: {from: mill, to: farm, resource: ash}, choice: required}'");
        for (var i = 0; i < decisionItems.Length; i++)
        {
            var origin = $"decisions[#{i + 1}]";
            var f = Fields.Of(decisionItems[i], origin, ctx, "a pinned choice {exchange: {...} or plant: id, choice: ...}");
            if (f is null)
            {
                continue;
            }

            var choice = f.Enum<Decision>("choice", required: true);
            if (ReadTarget(f, origin, processes, modes, choice ?? Decision.Optional, null) is { } pin)
            {
                pins.Add(pin);
            }

            f.Done();
        }

        var groups = ImmutableArray.CreateBuilder<DecisionGroup>();
        var groupItems = ItemsOf(top, "groups", "a list of groups such as '- {id: district, rule: all-or-nothing, members: [...]}'");
        var seenGroups = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < groupItems.Length; i++)
        {
            var f = Fields.Of(groupItems[i], $"groups[#{i + 1}]", ctx, "a group {id, rule, members}");
            if (f is null)
            {
                continue;
            }

            var id = f.Id();
            var path = $"groups[{id ?? $"#{i + 1}"}]";
            if (id is not null && !seenGroups.Add(id))
            {
                Diag.Error(f.Location, path + ".id", $"duplicate group id '{id}'");
            }

            var rule = f.Scalar("rule", required: true, $"the group's rule: {AllOrNothing}");
            if (rule is not null && rule.Value.Trim() != AllOrNothing)
            {
                Diag.Error(rule.Location, path + ".rule", $"'{rule.Value}' is not allowed; use {AllOrNothing} (every member is made, or none)");
            }

            var members = ImmutableArray.CreateBuilder<PinnedChoice>();
            var seq = f.Sequence("members", required: true, "the members, e.g. [{exchange: {from: a, to: b, resource: heat}}, {plant: boiler}]");
            for (var m = 0; m < (seq?.Items.Length ?? 0); m++)
            {
                var origin = $"{path}.members[#{m + 1}]";
                var mf = Fields.Of(seq!.Items[m], origin, ctx, "a member {exchange: {...}} or {plant: id}");
                if (mf is null)
                {
                    continue;
                }

                if (ReadTarget(mf, origin, processes, modes, Decision.Optional, id) is { } pin)
                {
                    members.Add(pin);
                }

                mf.Done();
            }

            if (seq is not null && seq.Items.Length < 2)
            {
                Diag.Error(seq.Location, path + ".members", "an all-or-nothing group needs at least two members");
            }

            f.Done();
            if (id is not null)
            {
                groups.Add(new DecisionGroup(id, members.ToImmutable()));
                pins.AddRange(members);
            }
        }

        return (links.ToImmutable(), pins.ToImmutable(), groups.ToImmutable());
    }

    private ImmutableArray<Node> ItemsOf(Fields top, string key, string what)
    {
        var node = top.Raw(key);
        if (node is null)
        {
            return [];
        }

        if (node is not SequenceNode seq)
        {
            Diag.Error(node.Location, key, $"expected {what}, found {Fields.Describe(node)}");
            return [];
        }

        return seq.Items;
    }

    private Link? ReadLink(Fields f, string origin, ImmutableArray<TransportMode> modes, ImmutableArray<Permit> permits)
    {
        var from = ActorRef(f, "from");
        var to = ActorRef(f, "to");
        var r = ResourceRef(f);
        var mode = ModeRef(f, modes, r, required: true);
        if (from is not null && to is not null && from.Id == to.Id)
        {
            Diag.Error(f.Location, f.Field("to"), $"a link joins two actors, but from and to are both '{from.Id}'; an actor's own exchanges are on site already");
        }

        var distance = f.Quantity("distance", Dimension.LengthD, example: "0 km");
        if (mode?.MaxDistance is { } max && distance is { } d && d.Value > max.Value && f.Raw("distance") is ScalarNode dn)
        {
            Diag.Error(dn.Location, f.Field("distance"), $"'{dn.Value}' is farther than the {max.Value:0.##} km that mode '{mode.Id}' can go (its maxDistance); pick another mode or raise its maxDistance");
        }

        Quantity? capacity = null;
        if (r is not null)
        {
            capacity = f.Quantity("capacity", r.FlowDimension.PerYear, positive: true);
        }
        else
        {
            f.Allow("capacity");
        }

        var fixedCost = f.Quantity("fixedCost", Money.PerYear);
        var capex = f.Quantity("capex", Money);
        string? permit = null;
        if (f.Scalar("permit", false, "the id of a permit") is { } ps)
        {
            permit = ps.Value.Trim();
            if (!permits.Any(p => p.Id == permit))
            {
                Diag.Error(ps.Location, f.Field("permit"), $"unknown permit '{ps.Value}'" + Hint(ps.Value, permits.Select(p => p.Id)) + "; permits are declared under 'permits'");
                permit = null;
            }
        }

        var decision = f.Enum<Decision>("decision") ?? Decision.Optional;
        return from is null || to is null || r is null || mode is null || from.Id == to.Id
            ? null
            : new Link(from.Id, to.Id, r.Id, mode.Id, distance, capacity, fixedCost, capex, permit, decision, origin);
    }

    private TransportMode? ModeRef(Fields f, ImmutableArray<TransportMode> modes, Resource? r, bool required)
    {
        var s = f.Scalar("mode", required, "the id of a transport mode");
        if (s is null)
        {
            return null;
        }

        var mode = modes.FirstOrDefault(m => m.Id == s.Value.Trim());
        if (mode is null)
        {
            Diag.Error(s.Location, f.Field("mode"), $"unknown transport mode '{s.Value}'" + Hint(s.Value, modes.Select(m => m.Id)) + "; modes are declared under 'transport'");
            return null;
        }

        if (r is not null && !mode.Carries(r))
        {
            Diag.Error(s.Location, f.Field("mode"), $"mode '{mode.Id}' does not carry '{r.Id}' ({r.UnitText}); it carries {UnitExpression.BaseUnitText(mode.FlowDimension)} flows{(mode.Resources.IsDefaultOrEmpty ? string.Empty : " of " + string.Join(", ", mode.Resources))}");
            return null;
        }

        return mode;
    }

    /// <summary>Reads 'exchange: {from, to, resource, mode}' or 'plant: id' from a decision or group member.</summary>
    private PinnedChoice? ReadTarget(Fields f, string origin, ImmutableArray<Process> processes, ImmutableArray<TransportMode> modes, Decision decision, string? group)
    {
        var exchangeNode = f.Raw("exchange");
        var plantNode = f.Scalar("plant", false, "the id of a process");
        if ((exchangeNode is null) == (plantNode is null))
        {
            Diag.Error(f.Location, origin, "name either an exchange ('exchange: {from, to, resource, mode}') or a plant ('plant: id'), not both or neither");
            f.Allow("atLeast");
            return null;
        }

        if (plantNode is not null)
        {
            f.Allow("atLeast");
            var id = plantNode.Value.Trim();
            var process = processes.FirstOrDefault(p => p.Id == id);
            if (process is null)
            {
                Diag.Error(plantNode.Location, f.Field("plant"), $"unknown process '{plantNode.Value}'" + Hint(id, processes.Select(p => p.Id)) + "; processes are declared under 'processes'");
                return null;
            }

            if (process.Existing && !process.Closable && decision == Decision.Forbidden)
            {
                Diag.Error(plantNode.Location, f.Field("plant"), $"'{id}' is an existing plant that cannot be closed; add 'closable: true' to it to let a plan close it");
                return null;
            }

            return new PinnedChoice(PinKind.Plant, decision, null, null, null, null, id, null, group, origin);
        }

        var ef = Fields.Of(exchangeNode, f.Field("exchange"), ctx, "an exchange {from, to, resource, mode}");
        if (ef is null)
        {
            return null;
        }

        var from = ActorRef(ef, "from");
        var to = ActorRef(ef, "to");
        var r = ResourceRef(ef);
        var mode = ef.Raw("mode") is null ? null : ModeRef(ef, modes, r, required: false);
        var modeFailed = ef.Raw("mode") is not null && mode is null;
        ef.Done();
        Quantity? atLeast = null;
        if (r is not null)
        {
            atLeast = f.Quantity("atLeast", r.FlowDimension.PerYear, positive: true);
            if (atLeast is not null && decision != Decision.Required && group is null)
            {
                Diag.Error(f.Location, f.Field("atLeast"), "is only used for a required exchange or a group member");
            }
        }
        else
        {
            f.Allow("atLeast");
        }

        return from is null || to is null || r is null || modeFailed
            ? null
            : new PinnedChoice(PinKind.Exchange, decision, from.Id, to.Id, r.Id, mode?.Id, null, atLeast, group, origin);
    }
}
