using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;

namespace SymbiosisOptimizer.Optimization.Network;

/// <summary>A pinned choice with what it names in the network: the candidate arcs it matches, or the process.</summary>
/// <param name="Index">Position in <see cref="Region.Pins"/>.</param>
/// <param name="Arcs">For an exchange pin: every candidate arc between its actors of its resource (and mode), by network index.</param>
/// <param name="Process">For a plant pin: the process's region index; -1 otherwise.</param>
public sealed record ResolvedPin(int Index, PinnedChoice Choice, ImmutableArray<int> Arcs, int Process);

public static class PinResolution
{
    /// <summary>Matches each pin of the region to the network, in the region's order.</summary>
    public static ImmutableArray<ResolvedPin> Resolve(Region region, CandidateNetwork network)
    {
        if (region.Pins.IsDefaultOrEmpty)
        {
            return [];
        }

        var list = ImmutableArray.CreateBuilder<ResolvedPin>(region.Pins.Length);
        for (var i = 0; i < region.Pins.Length; i++)
        {
            var pin = region.Pins[i];
            if (pin.Kind == PinKind.Plant)
            {
                // -1 when the process is not in this region (a coalition's sub-region leaves out other actors' plants).
                var process = region.Processes.FirstOrDefault(p => p.Id == pin.ProcessId);
                list.Add(new ResolvedPin(i, pin, [], process is null ? -1 : region.Processes.IndexOf(process)));
                continue;
            }

            var arcs = network.Arcs.Where(a => Matches(pin, network, a)).Select(a => a.Index).ToImmutableArray();
            list.Add(new ResolvedPin(i, pin, arcs, -1));
        }

        return list.MoveToImmutable();
    }

    public static bool Matches(PinnedChoice pin, CandidateNetwork network, CandidateArc arc)
    {
        var src = network.Sources[arc.Source];
        var sink = network.Sinks[arc.Sink];
        return src.ActorId == pin.From && sink.ActorId == pin.To && src.ResourceId == pin.ResourceId && (pin.ModeId is null || arc.ModeId == pin.ModeId);
    }

    /// <summary>Arcs a forbidden pin names: no plan may use them.</summary>
    public static ImmutableHashSet<int> ForbiddenArcs(ImmutableArray<ResolvedPin> pins) =>
        [.. pins.Where(p => p.Choice.Decision == Decision.Forbidden).SelectMany(p => p.Arcs)];

    /// <summary>Whether an arc can never flow because its permit's lead time is at least the horizon.</summary>
    public static bool PermitNeverActive(Region region, CandidateArc arc) =>
        arc.PermitId is not null && region.Permits.First(p => p.Id == arc.PermitId).LeadTime.Value >= region.Economics.HorizonYears;
}
