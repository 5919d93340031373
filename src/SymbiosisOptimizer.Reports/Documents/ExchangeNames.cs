using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;
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

    public ExchangeRef Ref(string key)
    {
        var arrow = key.IndexOf(" -> ", StringComparison.Ordinal);
        var at = key.LastIndexOf(" @ ", StringComparison.Ordinal);
        if (arrow < 0 || at < arrow)
        {
            return new ExchangeRef(key, key);
        }

        var source = key[..arrow];
        var sink = key[(arrow + 4)..at];
        return sources.TryGetValue(source, out var s) && sinks.TryGetValue(sink, out var to)
            ? new ExchangeRef(key, Describe(region, s.Actor, to, s.Resource))
            : new ExchangeRef(key, key);
    }

    public ImmutableArray<ExchangeRef> Refs(IEnumerable<string> keys) => [.. keys.Select(Ref)];
}
