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

    private const string Farther = "farther than the maximum distance of every mode that carries it";

    public static CandidateNetwork Build(Region region) => Build(region, CandidateSearch.Nearby);

    /// <param name="search">How pairs are found; both give the same network (<see cref="CandidateSearch"/>).</param>
    public static CandidateNetwork Build(Region region, CandidateSearch search)
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

        // Far pairs are most pairs of a large region; they are all pruned the same way, so the nearby index finds the
        // others and the far ones are only counted (see Receivers). Until the first far pair has given the example of its
        // reason, every pair is measured, so the example is the one the plain loop keeps.
        var statedPartners = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var d in region.Distances)
        {
            Add(statedPartners, d.From, d.To);
            Add(statedPartners, d.To, d.From);
        }

        var linkedTo = new Dictionary<(string From, string Resource), List<string>>();
        foreach (var link in region.Links)
        {
            Add(linkedTo, (link.From, link.ResourceId), link.To);
        }

        var circuity = region.Economics.Circuity;
        var measured = acceptors.ToDictionary(a => a.Key, a => new int[a.Value.Count], StringComparer.Ordinal);
        var sourcesOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var indexes = new Dictionary<string, Receivers?>(StringComparer.Ordinal);
        var picks = new List<int>();

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
            var counts = measured[src.ResourceId];
            sourcesOf[src.ResourceId] = sourcesOf.GetValueOrDefault(src.ResourceId) + 1;
            var index = search == CandidateSearch.Nearby && pruned.ContainsKey(Farther) ? IndexOf(src.ResourceId, list, modes) : null;
            if (index is null)
            {
                for (var pos = 0; pos < list.Count; pos++)
                {
                    counts[pos]++;
                    Pair(src, resource, srcQuality, srcCap, modes, srcAt, list[pos].Sink, list[pos].Ratio);
                }

                continue;
            }

            // The pairs that may be anything but far: near ones, the source's own actor (on-site and its own process),
            // stated distances and links (which ignore the modes' maximum distance), and receivers whose quality
            // limits this source may not meet (pruned for quality before distance).
            picks.Clear();
            index.Grid.Near(srcAt, picks);
            AddActor(index, src.ActorId, picks);
            if (statedPartners.TryGetValue(src.ActorId, out var partners))
            {
                partners.ForEach(a => AddActor(index, a, picks));
            }

            if (linkedTo.TryGetValue((src.ActorId, src.ResourceId), out var linked))
            {
                linked.ForEach(a => AddActor(index, a, picks));
            }

            if (index.LimitedProperties.Any(p => !srcQuality.ContainsKey(p)))
            {
                picks.AddRange(index.Limited);
            }

            picks.Sort();
            var exact = 0;
            for (var k = 0; k < picks.Count; k++)
            {
                var pos = picks[k];
                if (k > 0 && pos == picks[k - 1])
                {
                    continue;
                }

                exact++;
                counts[pos]++;
                Pair(src, resource, srcQuality, srcCap, modes, srcAt, list[pos].Sink, list[pos].Ratio);
            }

            // Every other pair is farther than every mode may go: what the plain loop does to each, in bulk.
            var far = list.Count - exact;
            if (far > 0)
            {
                considered += far;
                sourceHasCounterpart[src.Index] = true;
                sourceBlocks[src.Index] |= Blocked.Distance;
                pruned[Farther] = (pruned[Farther].Count + far, pruned[Farther].Example);
            }
        }

        // The receivers' side of the far pairs: a list entry met by fewer measured pairs than sources of its resource
        // had far ones.
        foreach (var (resourceId, list) in acceptors)
        {
            var of = sourcesOf.GetValueOrDefault(resourceId);
            var counts = measured[resourceId];
            for (var pos = 0; pos < list.Count; pos++)
            {
                if (counts[pos] < of)
                {
                    sinkHasCounterpart[list[pos].Sink.Index] = true;
                    sinkBlocks[list[pos].Sink.Index] |= Blocked.Distance;
                }
            }
        }

        Receivers? IndexOf(string resourceId, List<(SinkNode Sink, double Ratio)> list, List<TransportMode> modes)
        {
            if (!indexes.TryGetValue(resourceId, out var index))
            {
                // Only where every mode has a maximum distance is a far pair pruned whatever the mode.
                var radius = modes.Count > 0 && modes.All(m => m.MaxDistance is not null) && circuity > 0
                    ? modes.Max(m => m.MaxDistance!.Value.Value) / circuity
                    : double.NaN;
                index = NearbyIndex.Indexable(radius) ? Receivers.Of(region.Resource(resourceId), list, sinkAt, sinkLimits, radius) : null;
                indexes[resourceId] = index;
            }

            return index;
        }

        // One pair, as the plain loop measures it.
        void Pair(SourceNode src, Resource resource, ImmutableDictionary<string, double> srcQuality, double srcCap, List<TransportMode> modes, GeoPoint srcAt, SinkNode sink, double ratio)
        {
            if (src.Process is not null && ReferenceEquals(src.Process, sink.Process))
            {
                return;
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
                return;
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
                return;
            }

            var distance = stated.Count > 0 && stated.TryGetValue((src.ActorId, sink.ActorId), out var km)
                ? km
                : srcAt.KilometresTo(sinkAt[sink.Index]) * region.Economics.Circuity;
            if (modes.Count == 0)
            {
                Count(pruned, $"no transport mode carries {resource.Id} ({resource.UnitText})", Label);
                Block(src, sink, Blocked.NoMode);
                return;
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
                Count(pruned, Farther, () => $"{Label()} ({distance:0.#} km)");
                Block(src, sink, Blocked.Distance);
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

    private static void AddActor(Receivers index, string actorId, List<int> into)
    {
        if (index.ByActor.TryGetValue(actorId, out var positions))
        {
            into.AddRange(positions);
        }
    }

    /// <summary>
    /// One resource's receivers (its list of acceptors) for the nearby search: the grid of their locations, their
    /// positions by actor, and those whose quality limits a source may fail.
    /// </summary>
    private sealed record Receivers(NearbyIndex Grid, Dictionary<string, List<int>> ByActor, List<int> Limited, HashSet<string> LimitedProperties)
    {
        public static Receivers Of(Resource resource, List<(SinkNode Sink, double Ratio)> list, GeoPoint[] sinkAt, QualityLimit[][] sinkLimits, double radiusKm)
        {
            var byActor = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            var limited = new List<int>();
            var properties = new HashSet<string>(StringComparer.Ordinal);
            for (var pos = 0; pos < list.Count; pos++)
            {
                var sink = list[pos].Sink;
                Add(byActor, sink.ActorId, pos);
                var relevant = sinkLimits[sink.Index].Where(l => resource.HasProperty(l.Property)).Select(l => l.Property).ToList();
                if (relevant.Count > 0)
                {
                    limited.Add(pos);
                    properties.UnionWith(relevant);
                }
            }

            return new Receivers(new NearbyIndex([.. list.Select(e => sinkAt[e.Sink.Index])], radiusKm), byActor, limited, properties);
        }
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
