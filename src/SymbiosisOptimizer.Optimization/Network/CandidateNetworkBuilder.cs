using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;

namespace SymbiosisOptimizer.Optimization.Network;

/// <summary>
/// Builds every feasible exchange: each source paired with each sink whose resource it can serve, by each mode that
/// carries it within its maximum distance. Pairs are bucketed by resource so the work grows with actual matches, not
/// with the square of the region.
/// </summary>
public static class CandidateNetworkBuilder
{
    private const string OnSite = "on-site";

    public static CandidateNetwork Build(Region region)
    {
        var sources = ImmutableArray.CreateBuilder<SourceNode>();
        foreach (var s in region.Supplies)
        {
            sources.Add(new SourceNode(sources.Count, s.Id, s.ActorId, s.ResourceId, s, null, -1));
        }

        foreach (var p in region.Processes)
        {
            for (var o = 0; o < p.Outputs.Length; o++)
            {
                sources.Add(new SourceNode(sources.Count, $"{p.Id}/out/{p.Outputs[o].ResourceId}", p.ActorId, p.Outputs[o].ResourceId, null, p, o));
            }
        }

        var sinks = ImmutableArray.CreateBuilder<SinkNode>();
        foreach (var d in region.Demands)
        {
            sinks.Add(new SinkNode(sinks.Count, d.Id, d.ActorId, d.ResourceId, d, null, -1));
        }

        foreach (var p in region.Processes)
        {
            for (var i = 0; i < p.Inputs.Length; i++)
            {
                sinks.Add(new SinkNode(sinks.Count, $"{p.Id}/in/{p.Inputs[i].ResourceId}", p.ActorId, p.Inputs[i].ResourceId, null, p, i));
            }
        }

        // Which sinks accept a resource, and at what ratio (sink units per source unit).
        var acceptors = new Dictionary<string, List<(SinkNode Sink, double Ratio)>>(StringComparer.Ordinal);
        foreach (var k in sinks)
        {
            Add(acceptors, k.ResourceId, (k, 1.0));
            if (k.Demand is not null)
            {
                foreach (var a in k.Demand.Accepts)
                {
                    Add(acceptors, a.ResourceId, (k, a.Ratio));
                }
            }
        }

        var stated = new Dictionary<(string, string), double>();
        foreach (var d in region.Distances)
        {
            stated[(d.From, d.To)] = d.Distance.Value;
            stated[(d.To, d.From)] = d.Distance.Value;
        }

        // Links stated by the scenario, by (from, to, resource): each replaces the generated candidate of its mode.
        var links = new Dictionary<(string, string, string), List<int>>();
        for (var l = 0; l < region.Links.Length; l++)
        {
            var link = region.Links[l];
            Add(links, (link.From, link.To, link.ResourceId), l);
        }

        var sourceBlocks = new Blocked[sources.Count];
        var sinkBlocks = new Blocked[sinks.Count];
        var sourceHasCounterpart = new bool[sources.Count];
        var sinkHasCounterpart = new bool[sinks.Count];
        void Block(SourceNode s, SinkNode k, Blocked why)
        {
            sourceBlocks[s.Index] |= why;
            sinkBlocks[k.Index] |= why;
        }

        var arcs = ImmutableArray.CreateBuilder<CandidateArc>();
        var pruned = new SortedDictionary<string, (int Count, string Example)>(StringComparer.Ordinal);
        var considered = 0;
        var crf = region.Economics.CapitalRecoveryFactor;
        var subsidy = region.Policies.InvestmentSubsidy;

        // Per sink, once: its upper bound (a process without a stated capacity sums every supply and process that can
        // feed it) and its quality limits, which every source of its resources would otherwise recompute.
        var sinkCaps = new double[sinks.Count];
        var sinkLimits = new QualityLimit[sinks.Count][];
        var sinkAt = new GeoPoint[sinks.Count];
        foreach (var k in sinks)
        {
            sinkCaps[k.Index] = SinkUpperBound(k, region);
            sinkLimits[k.Index] = [.. Limits(k)];
            sinkAt[k.Index] = region.Actor(k.ActorId).Location;
        }

        foreach (var src in sources)
        {
            if (!acceptors.TryGetValue(src.ResourceId, out var list))
            {
                continue;
            }

            var resource = region.Resource(src.ResourceId);
            var srcQuality = src.Quality(region);
            var srcCap = SourceUpperBound(src, region);
            var modes = region.TransportModes.Where(m => m.Carries(resource)).ToList();
            var srcAt = region.Actor(src.ActorId).Location;
            foreach (var (sink, ratio) in list)
            {
                if (src.Process is not null && ReferenceEquals(src.Process, sink.Process))
                {
                    continue;
                }

                considered++;
                sourceHasCounterpart[src.Index] = true;
                sinkHasCounterpart[sink.Index] = true;
                // A pruned pair's text is written only when it is the first example of its reason (the only one kept).
                string Label() => $"{src.Id} -> {sink.Id}";
                var unknownQuality = sinkLimits[sink.Index].Length == 0 ? null
                    : sinkLimits[sink.Index].Where(l => resource.HasProperty(l.Property) && !srcQuality.ContainsKey(l.Property)).Select(l => l.Property).FirstOrDefault();
                if (unknownQuality is not null)
                {
                    Count(pruned, $"the source does not state '{unknownQuality}', which the receiver limits", Label);
                    Block(src, sink, Blocked.Quality);
                    continue;
                }

                var sinkCap = sinkCaps[sink.Index] / ratio;
                var upper = Math.Min(srcCap, sinkCap);
                // Looked up only for a pair that becomes a candidate (most far pairs do not).
                string? permitFound = null;
                var permitKnown = false;
                string? Permit()
                {
                    if (!permitKnown)
                    {
                        permitFound = PermitFor(region, src.ResourceId, sink.ActorId);
                        permitKnown = true;
                    }

                    return permitFound;
                }

                var lot = Math.Max(src.Supply?.MinLot?.Value ?? 0, (sink.Demand?.MinLot?.Value ?? 0) / ratio);
                if (src.ActorId == sink.ActorId)
                {
                    arcs.Add(new CandidateArc(arcs.Count, src.Index, sink.Index, OnSite, 0, ratio, 0, 0, 0, 0, 0, 0, upper, lot, Permit()));
                    continue;
                }

                var distance = stated.Count > 0 && stated.TryGetValue((src.ActorId, sink.ActorId), out var km)
                    ? km
                    : srcAt.KilometresTo(sinkAt[sink.Index]) * region.Economics.Circuity;
                if (modes.Count == 0)
                {
                    Count(pruned, $"no transport mode carries {resource.Id} ({resource.UnitText})", Label);
                    Block(src, sink, Blocked.NoMode);
                    continue;
                }

                var added = false;
                var statedLinks = links.Count > 0 && links.TryGetValue((src.ActorId, sink.ActorId, src.ResourceId), out var here) ? here : null;
                foreach (var m in modes)
                {
                    var li = statedLinks?.FirstOrDefault(l => region.Links[l].ModeId == m.Id, -1) ?? -1;
                    if (li >= 0)
                    {
                        arcs.Add(LinkArc(region, arcs.Count, src, sink, m, li, distance, ratio, upper, lot, Permit()));
                        added = true;
                        continue;
                    }

                    if (m.MaxDistance is { } max && distance > max.Value)
                    {
                        continue;
                    }

                    var capex = m.Pipeline ? m.CapexPerKm.Value * distance * (1 - subsidy) : 0;
                    var loss = Math.Min(0.99, m.LossPerKm * distance);
                    arcs.Add(new CandidateArc(arcs.Count, src.Index, sink.Index, m.Id, distance, ratio, loss,
                        m.Cost.Value * distance, m.Emissions.Value * distance, m.FixedCost.Value, capex, capex * crf, upper, lot, Permit(),
                        m.Pipeline ? m.CapexPerKm.Value * distance * subsidy * crf : 0));
                    added = true;
                }

                if (!added)
                {
                    Count(pruned, "farther than the maximum distance of every mode that carries it", () => $"{Label()} ({distance:0.#} km)");
                    Block(src, sink, Blocked.Distance);
                }
            }
        }

        return new CandidateNetwork(
            sources.ToImmutable(),
            sinks.ToImmutable(),
            arcs.ToImmutable(),
            [.. pruned.Select(p => new PruneReason(p.Key, p.Value.Count, p.Value.Example))],
            considered)
        {
            SourceBlocks = [.. sourceBlocks],
            SinkBlocks = [.. sinkBlocks],
            SourceHasCounterpart = [.. sourceHasCounterpart],
            SinkHasCounterpart = [.. sinkHasCounterpart],
        };
    }

    /// <summary>
    /// The candidate of a stated link: its distance (else the generated one), its capacity on top of the pair's own
    /// bound, its fixed cost and capex (else the mode's), its permit (else the permit rules); the mode's unit cost,
    /// emissions and loss per km apply over its distance. A link is taken as stated, whatever the mode's maximum distance.
    /// </summary>
    private static CandidateArc LinkArc(Region region, int index, SourceNode src, SinkNode sink, TransportMode m, int l, double generatedKm, double ratio, double upper, double lot, string? permit)
    {
        var link = region.Links[l];
        var distance = link.Distance?.Value ?? generatedKm;
        var crf = region.Economics.CapitalRecoveryFactor;
        var subsidy = region.Policies.InvestmentSubsidy;
        var gross = link.Capex?.Value ?? (m.Pipeline ? m.CapexPerKm.Value * distance : 0);
        var capex = gross * (1 - subsidy);
        var loss = Math.Min(0.99, m.LossPerKm * distance);
        var bound = link.Capacity is { } cap ? Math.Min(upper, cap.Value) : upper;
        return new CandidateArc(index, src.Index, sink.Index, m.Id, distance, ratio, loss,
            m.Cost.Value * distance, m.Emissions.Value * distance, link.FixedCost?.Value ?? m.FixedCost.Value, capex, capex * crf, bound,
            lot, link.PermitId ?? permit, gross * subsidy * crf, l);
    }

    private static void Add<TKey, T>(Dictionary<TKey, List<T>> map, TKey key, T value)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }

    private static void Count(SortedDictionary<string, (int Count, string Example)> map, string reason, Func<string> example) =>
        map[reason] = map.TryGetValue(reason, out var c) ? (c.Count + 1, c.Example) : (1, example());

    private static IEnumerable<QualityLimit> Limits(SinkNode sink) =>
        sink.Demand?.Limits ?? (IEnumerable<QualityLimit>)sink.Process!.Limits;

    /// <summary>The permit an exchange of this resource to this receiver needs, if any (lifted by end-of-waste status).</summary>
    private static string? PermitFor(Region region, string resourceId, string receiverId)
    {
        foreach (var p in region.Permits)
        {
            if (!p.Resources.Contains(resourceId))
            {
                continue;
            }

            if (!p.Receivers.IsDefaultOrEmpty && !p.Receivers.Contains(receiverId))
            {
                continue;
            }

            if (p.LiftedByEndOfWaste && region.StatusOf(resourceId) != WasteStatus.Waste)
            {
                continue;
            }

            return p.Id;
        }

        return null;
    }

    /// <summary>The most a source can ever send per year: its quantity, or a process's capacity times its yield.</summary>
    internal static double SourceUpperBound(SourceNode src, Region region)
    {
        if (src.Supply is not null)
        {
            return src.Supply.Quantity.Value;
        }

        var cap = ProcessCapacityBound(src.Process!, region);
        return cap * src.Process!.Outputs[src.OutputIndex].Yield;
    }

    internal static double SinkUpperBound(SinkNode sink, Region region) =>
        sink.Demand is not null ? sink.Demand.Quantity.Value : ProcessCapacityBound(sink.Process!, region);

    /// <summary>
    /// A process's stated capacity, or, when none is stated, the most its inputs could ever bring (supplies of its
    /// input resources and what other processes can make of them); infinite only when an input can be bought without
    /// limit or processes feed each other in a cycle.
    /// </summary>
    internal static double ProcessCapacityBound(Process p, Region region) => ProcessCapacityBound(p, region, new HashSet<Process>(ReferenceEqualityComparer.Instance));

    private static double ProcessCapacityBound(Process p, Region region, HashSet<Process> visiting)
    {
        if (p.Capacity is { } cap)
        {
            return cap.Value;
        }

        if (p.Inputs.Any(i => i.Source is not null) || !visiting.Add(p))
        {
            return double.PositiveInfinity;
        }

        var total = 0.0;
        foreach (var i in p.Inputs)
        {
            total += region.Supplies.Where(s => s.ResourceId == i.ResourceId).Sum(s => s.Quantity.Value);
            foreach (var q in region.Processes.Where(q => !ReferenceEquals(q, p)))
            {
                total += q.Outputs.Where(o => o.ResourceId == i.ResourceId).Sum(o => o.Yield * ProcessCapacityBound(q, region, visiting));
            }
        }

        visiting.Remove(p);
        return total;
    }
}
