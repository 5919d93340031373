using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Network;

namespace SymbiosisOptimizer.Reports.Documents;

/// <summary>An exchange as documents list it: its stable key (source -&gt; sink @ mode) and what people read.</summary>
/// <param name="Name">"From actor -> To actor (Resource)", with display names.</param>
public sealed record ExchangeRef(string Key, string Name);

/// <summary>
/// Turns exchange keys into display names. Keys name network nodes (a supply, a demand or a process inlet or outlet),
/// so the names come from the candidate network the keys were made from; a key it does not know keeps its key as name.
/// </summary>
public sealed class ExchangeNames
{
    private readonly Region region;
    private readonly ImmutableDictionary<string, (string Actor, string Resource)> sources;
    private readonly ImmutableDictionary<string, string> sinks;

    private ExchangeNames(Region region, IEnumerable<CandidateNetwork> networks)
    {
        this.region = region;
        var src = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        var snk = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var n in networks)
        {
            foreach (var s in n.Sources)
            {
                src.TryAdd(s.Id, (s.ActorId, s.ResourceId));
            }

            foreach (var s in n.Sinks)
            {
                snk.TryAdd(s.Id, s.ActorId);
            }
        }

        sources = src.ToImmutableDictionary(StringComparer.Ordinal);
        sinks = snk.ToImmutableDictionary(StringComparer.Ordinal);
    }

    /// <summary>Names for keys of exchanges over <paramref name="networks"/> (several when scenarios differ).</summary>
    public static ExchangeNames Of(Region region, params IEnumerable<CandidateNetwork> networks) => new(region, networks);

    /// <summary>The exchange between two actors' nodes, by display names: "From -> To (Resource)".</summary>
    public static string Describe(Region region, string fromActor, string toActor, string resource) =>
        $"{region.ActorName(fromActor)} -> {region.ActorName(toActor)} ({region.ResourceName(resource)})";

    /// <summary>The exchange by display names, with its mode when it has one, so two modes on one pair read apart.</summary>
    public ExchangeRef Ref(ExchangeId id) =>
        sources.TryGetValue(id.Source, out var s) && sinks.TryGetValue(id.Sink, out var to)
            ? new ExchangeRef(id.Key, Describe(region, s.Actor, to, s.Resource) + Mode(id.Mode))
            : new ExchangeRef(id.Key, id.Key);

    private string Mode(string? mode) => mode is null or "on-site" ? string.Empty
        : $" by {region.TransportModes.FirstOrDefault(m => m.Id == mode)?.Name ?? mode}";

    public ImmutableArray<ExchangeRef> Refs(IEnumerable<ExchangeId> ids) => [.. ids.Select(Ref)];
}
