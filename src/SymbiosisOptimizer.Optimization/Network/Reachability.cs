using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;

namespace SymbiosisOptimizer.Optimization.Network;

/// <summary>Why a supply, demand or pinned choice has no usable candidate.</summary>
public enum UnreachableReason
{
    /// <summary>No demand or process takes the resource (or, for a demand, nothing offers what it accepts).</summary>
    NoCounterpart,

    /// <summary>No transport mode carries the resource between the actors (or the named mode does not).</summary>
    NoMode,

    /// <summary>Farther than the maximum distance of every mode that carries it (or of the named mode).</summary>
    Distance,

    /// <summary>The source does not state a quality property the receiver limits.</summary>
    Quality,

    /// <summary>Every candidate needs a permit whose lead time is at least the horizon.</summary>
    Permit,

    /// <summary>Every candidate is forbidden by a pinned choice.</summary>
    Forbidden,

    /// <summary>The named actor has no supply or process output of the resource.</summary>
    NoSource,

    /// <summary>The named actor has no demand or process input that takes the resource.</summary>
    NoReceiver,
}

/// <summary>A supply or demand no candidate exchange can reach, with why.</summary>
/// <param name="Kind">"supply" or "demand".</param>
public sealed record UnreachableItem(string Kind, string Id, string ActorId, string ResourceId, ImmutableArray<UnreachableReason> Reasons, string Text);

/// <summary>A pinned choice that cannot be met (a required one stops the run; a group member turns its group off).</summary>
public sealed record UnmetChoice(PinnedChoice Choice, ImmutableArray<UnreachableReason> Reasons, bool StopsRun, string Text);

/// <summary>What the candidate network can never do, found before any solve.</summary>
public sealed record PreSolveReport(ImmutableArray<UnreachableItem> Unreachable, ImmutableArray<UnmetChoice> Unmet)
{
    public bool StopsRun => Unmet.Any(u => u.StopsRun);
}

/// <summary>
/// Lists supplies and demands no candidate can reach, and pinned choices that cannot be met, with the reason, so the
/// planner reads "no mode carries heat from A to B" instead of an infeasible model.
/// </summary>
public static class Reachability
{
    public static PreSolveReport Check(Region region, CandidateNetwork network)
    {
        var pins = PinResolution.Resolve(region, network);
        var forbidden = PinResolution.ForbiddenArcs(pins);
        bool Usable(CandidateArc a) => !forbidden.Contains(a.Index) && !PinResolution.PermitNeverActive(region, a);
        var fromSource = new List<CandidateArc>[network.Sources.Length];
        var intoSink = new List<CandidateArc>[network.Sinks.Length];
        for (var i = 0; i < fromSource.Length; i++)
        {
            fromSource[i] = [];
        }

        for (var i = 0; i < intoSink.Length; i++)
        {
            intoSink[i] = [];
        }

        foreach (var a in network.Arcs)
        {
            fromSource[a.Source].Add(a);
            intoSink[a.Sink].Add(a);
        }

        var unreachable = ImmutableArray.CreateBuilder<UnreachableItem>();
        foreach (var src in network.Sources.Where(s => s.Supply is not null))
        {
            var arcs = fromSource[src.Index];
            if (arcs.Any(Usable))
            {
                continue;
            }

            var reasons = Reasons(arcs, region, forbidden, Flag(network.SourceBlocks, src.Index), Has(network.SourceHasCounterpart, src.Index));
            unreachable.Add(new UnreachableItem("supply", src.Id, src.ActorId, src.ResourceId, reasons,
                $"supply '{src.Id}' of {region.ResourceName(src.ResourceId)} at {region.ActorName(src.ActorId)} can reach no receiver: {Words(reasons)}"));
        }

        foreach (var sink in network.Sinks.Where(s => s.Demand is not null))
        {
            var arcs = intoSink[sink.Index];
            if (arcs.Any(Usable))
            {
                continue;
            }

            var reasons = Reasons(arcs, region, forbidden, Flag(network.SinkBlocks, sink.Index), Has(network.SinkHasCounterpart, sink.Index));
            unreachable.Add(new UnreachableItem("demand", sink.Id, sink.ActorId, sink.ResourceId, reasons,
                $"demand '{sink.Id}' for {region.ResourceName(sink.ResourceId)} at {region.ActorName(sink.ActorId)} can be served by no source: {Words(reasons)}"));
        }

        var unmet = ImmutableArray.CreateBuilder<UnmetChoice>();
        foreach (var pin in pins)
        {
            var c = pin.Choice;
            var present = c.Kind == PinKind.Plant ? pin.Process >= 0 : region.HasActor(c.From!) && region.HasActor(c.To!);
            if (!present || c.Decision == Decision.Forbidden || (c.Decision == Decision.Optional && c.Group is null))
            {
                continue;
            }

            ImmutableArray<UnreachableReason> reasons;
            if (c.Kind == PinKind.Plant)
            {
                var banned = pins.Any(o => o.Process == pin.Process && o.Choice.Decision == Decision.Forbidden);
                if (!banned)
                {
                    continue;
                }

                reasons = [UnreachableReason.Forbidden];
            }
            else
            {
                var arcs = pin.Arcs.Select(a => network.Arcs[a]).ToList();
                if (arcs.Any(Usable))
                {
                    continue;
                }

                reasons = arcs.Count > 0 ? Reasons(arcs, region, forbidden, Blocked.None, true) : PairReasons(region, network, c);
            }

            var required = c.Decision == Decision.Required;
            var what = Describe(region, c);
            unmet.Add(new UnmetChoice(c, reasons, required, required
                ? $"required {what} ({c.Origin}) cannot be met: {Words(reasons)}"
                : $"{what} in all-or-nothing group '{c.Group}' ({c.Origin}) can never be made ({Words(reasons)}), so no member of the group will be"));
        }

        return new PreSolveReport(unreachable.ToImmutable(), unmet.ToImmutable());
    }

    /// <summary>A pinned choice in words, by display names.</summary>
    public static string Describe(Region region, PinnedChoice c) => c.Kind == PinKind.Plant
        ? $"plant '{region.Processes.FirstOrDefault(p => p.Id == c.ProcessId)?.Name ?? c.ProcessId}'"
        : $"exchange of {region.ResourceName(c.ResourceId ?? string.Empty)} from {region.ActorName(c.From ?? string.Empty)} to {region.ActorName(c.To ?? string.Empty)}{(c.ModeId is null ? string.Empty : $" by {region.TransportModes.FirstOrDefault(m => m.Id == c.ModeId)?.Name ?? c.ModeId}")}";

    public static string Word(UnreachableReason r) => r switch
    {
        UnreachableReason.NoCounterpart => "nothing on the other side takes or offers the resource",
        UnreachableReason.NoMode => "no transport mode carries it",
        UnreachableReason.Distance => "farther than the maximum distance of the modes that carry it",
        UnreachableReason.Quality => "a quality the receiver limits is not stated by the source",
        UnreachableReason.Permit => "its permit takes at least the whole horizon",
        UnreachableReason.Forbidden => "forbidden by a pinned choice",
        UnreachableReason.NoSource => "the sender has no supply or process output of that resource",
        _ => "the receiver has no demand or process input that takes that resource",
    };

    private static string Words(ImmutableArray<UnreachableReason> reasons) => string.Join("; ", reasons.Select(Word));

    private static Blocked Flag(ImmutableArray<Blocked> flags, int i) => flags.IsDefaultOrEmpty ? Blocked.None : flags[i];

    private static bool Has(ImmutableArray<bool> flags, int i) => flags.IsDefaultOrEmpty || flags[i];

    private static ImmutableArray<UnreachableReason> Reasons(List<CandidateArc> arcs, Region region, ImmutableHashSet<int> forbidden, Blocked blocked, bool hasCounterpart)
    {
        var list = new SortedSet<UnreachableReason>();
        if (!hasCounterpart)
        {
            list.Add(UnreachableReason.NoCounterpart);
        }

        if (blocked.HasFlag(Blocked.NoMode))
        {
            list.Add(UnreachableReason.NoMode);
        }

        if (blocked.HasFlag(Blocked.Distance))
        {
            list.Add(UnreachableReason.Distance);
        }

        if (blocked.HasFlag(Blocked.Quality))
        {
            list.Add(UnreachableReason.Quality);
        }

        if (arcs.Any(a => forbidden.Contains(a.Index)))
        {
            list.Add(UnreachableReason.Forbidden);
        }

        if (arcs.Any(a => !forbidden.Contains(a.Index) && PinResolution.PermitNeverActive(region, a)))
        {
            list.Add(UnreachableReason.Permit);
        }

        return [.. list];
    }

    /// <summary>Why no candidate exists between the pin's actors: no sender or receiver of the resource, quality, mode or distance.</summary>
    private static ImmutableArray<UnreachableReason> PairReasons(Region region, CandidateNetwork network, PinnedChoice c)
    {
        var sources = network.Sources.Where(s => s.ActorId == c.From && s.ResourceId == c.ResourceId).ToList();
        var sinks = network.Sinks.Where(k => k.ActorId == c.To && Accepts(k, c.ResourceId!)).ToList();
        if (sources.Count == 0 || sinks.Count == 0)
        {
            return [.. new[] { sources.Count == 0 ? UnreachableReason.NoSource : (UnreachableReason?)null, sinks.Count == 0 ? UnreachableReason.NoReceiver : null }.OfType<UnreachableReason>()];
        }

        var resource = region.Resource(c.ResourceId!);
        var list = new SortedSet<UnreachableReason>();
        foreach (var src in sources)
        {
            var quality = src.Quality(region);
            foreach (var sink in sinks)
            {
                var limits = sink.Demand?.Limits ?? sink.Process!.Limits;
                if (limits.Any(l => resource.HasProperty(l.Property) && !quality.ContainsKey(l.Property)))
                {
                    list.Add(UnreachableReason.Quality);
                }
            }
        }

        var modes = region.TransportModes.Where(m => m.Carries(resource) && (c.ModeId is null || m.Id == c.ModeId)).ToList();
        if (modes.Count == 0)
        {
            list.Add(UnreachableReason.NoMode);
        }
        else if (modes.All(m => m.MaxDistance is { } max && DistanceKm(region, c.From!, c.To!) > max.Value))
        {
            list.Add(UnreachableReason.Distance);
        }

        return list.Count == 0 ? [UnreachableReason.NoMode] : [.. list];
    }

    private static bool Accepts(SinkNode k, string resource) =>
        k.ResourceId == resource || (k.Demand is not null && k.Demand.Accepts.Any(a => a.ResourceId == resource));

    /// <summary>The distance the network builder uses between two actors: a stated distance, else great circle x circuity.</summary>
    public static double DistanceKm(Region region, string from, string to)
    {
        var stated = region.Distances.FirstOrDefault(d => (d.From == from && d.To == to) || (d.From == to && d.To == from));
        return stated is not null
            ? stated.Distance.Value
            : region.Actor(from).Location.KilometresTo(region.Actor(to).Location) * region.Economics.Circuity;
    }

    /// <summary>The report in lines for the console (validate) and the document.</summary>
    public static ImmutableArray<string> Lines(PreSolveReport report) =>
        [.. report.Unreachable.Select(u => u.Text), .. report.Unmet.Select(u => u.Text)];
}
