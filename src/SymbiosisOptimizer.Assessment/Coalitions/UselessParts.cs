using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Network;

namespace SymbiosisOptimizer.Assessment.Coalitions;

/// <summary>
/// Finds candidate exchanges and new plants that can never lower the objective of any coalition, so they may be left
/// out when splitting the region game into independent components (leaving them in changes no coalition value).
/// </summary>
public static class UselessParts
{
    /// <summary>True for arcs that can matter; false for arcs proven useless.</summary>
    public static bool[] UsefulArcs(Region region, CandidateNetwork network)
    {
        var ctx = ExchangeFormulation.Build(region, network, new FormulationOptions());
        double Cost(int column) => ctx.Model.Variables[column].Cost;
        var mandated = region.Policies.Procurement.Select(m => m.ResourceId).ToHashSet(StringComparer.Ordinal);
        var uselessProcesses = new HashSet<Process>(region.Processes.Where((p, i) => !PlantCanPay(ctx, p, i)), ReferenceEqualityComparer.Instance);
        var useful = new bool[network.Arcs.Length];
        foreach (var arc in network.Arcs)
        {
            var src = network.Sources[arc.Source];
            var sink = network.Sinks[arc.Sink];
            if ((src.Process is not null && uselessProcesses.Contains(src.Process)) || (sink.Process is not null && uselessProcesses.Contains(sink.Process)))
            {
                continue;
            }

            useful[arc.Index] = !(src.Supply is { } s && sink.Demand is { } d && !(d.Buyer == BuyerKind.Public && mandated.Contains(d.ResourceId))
                && Saving(ctx, arc, Cost) <= 0 && CannotHelpBlend(s, d));
        }

        return useful;
    }

    /// <remarks>
    /// Moving a flow f off arc a back to the current route and source changes the objective by f s_a with
    /// s_a = cost(route_s) + ratio (1 - loss) cost(virgin_k) - cost(x_a): when s_a &lt;= 0 the move never hurts.
    /// </remarks>
    private static double Saving(FormulationContext ctx, CandidateArc arc, Func<int, double> cost)
    {
        var s = ctx.Network.Sources[arc.Source].Index;
        var k = ctx.Network.Sinks[arc.Sink].Index;
        return cost(ctx.Route[s]) + (arc.Delivered * cost(ctx.Virgin[k])) - cost(ctx.ArcFlow[arc.Index]);
    }

    /// <summary>The move back to the current source also keeps every quality limit when the source is no cleaner.</summary>
    private static bool CannotHelpBlend(Supply s, Demand d)
    {
        foreach (var limit in d.Limits)
        {
            if (!s.Quality.TryGetValue(limit.Property, out var q))
            {
                continue;
            }

            if (limit.Max is { } max && q.Value < (d.Source.Quality.TryGetValue(limit.Property, out var vmax) ? vmax.Value : max.Value))
            {
                return false;
            }

            if (limit.Min is { } min && q.Value > (d.Source.Quality.TryGetValue(limit.Property, out var vmin) ? vmin.Value : min.Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <remarks>
    /// An upper bound on what a new plant can earn per year: its capacity times the best margin per unit of
    /// throughput (the best input saving, plus each output's yield times its best outlet saving, minus opex), less
    /// its annualised capex and fixed opex. Quality limits and shares only lower the true value. Existing plants,
    /// plants with contaminant loads, unbounded plants and plants fed by or feeding other plants are always kept.
    /// </remarks>
    private static bool PlantCanPay(FormulationContext ctx, Process p, int index)
    {
        if (p.Existing || !p.Loads.IsEmpty || ctx.Plant[index] < 0)
        {
            return true;
        }

        var net = ctx.Network;
        var cap = ctx.Model.Variables[ctx.Throughput[index]].Upper;
        if (!double.IsFinite(cap))
        {
            return true;
        }

        double Cost(int column) => ctx.Model.Variables[column].Cost;
        var bestIn = double.NegativeInfinity;
        foreach (var sink in net.Sinks.Where(k => ReferenceEquals(k.Process, p)))
        {
            foreach (var arc in net.Arcs.Where(a => a.Sink == sink.Index))
            {
                var src = net.Sources[arc.Source];
                if (src.Supply is null)
                {
                    return true;
                }

                bestIn = Math.Max(bestIn, (Cost(ctx.Route[src.Index]) - Cost(ctx.ArcFlow[arc.Index])) / arc.Delivered);
            }

            var purchase = ctx.ProcessVirgin[index][sink.InputIndex];
            if (purchase >= 0)
            {
                bestIn = Math.Max(bestIn, -Cost(purchase));
            }
        }

        var margin = bestIn - Cost(ctx.Throughput[index]);
        foreach (var src in net.Sources.Where(s => ReferenceEquals(s.Process, p)))
        {
            var bestOut = double.NegativeInfinity;
            var disposal = ctx.Disposal[index][src.OutputIndex];
            if (disposal >= 0)
            {
                bestOut = -Cost(disposal);
            }

            foreach (var arc in net.Arcs.Where(a => a.Source == src.Index))
            {
                var sink = net.Sinks[arc.Sink];
                if (sink.Demand is null)
                {
                    return true;
                }

                bestOut = Math.Max(bestOut, (arc.Delivered * Cost(ctx.Virgin[sink.Index])) - Cost(ctx.ArcFlow[arc.Index]));
            }

            margin += p.Outputs[src.OutputIndex].Yield * bestOut;
        }

        return double.IsNaN(margin) || (Math.Max(0, margin) * cap) - Cost(ctx.Plant[index]) > 0;
    }
}
