using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization.Network;

namespace SymbiosisOptimizer.Optimization.Formulation;

/// <summary>
/// Presolve: candidate exchanges and new plants that can never lower the objective are fixed at zero before the
/// solve, so the solver never branches on them and the model splits into more independent blocks.
/// </summary>
/// <remarks>
/// Exchange a from supply s to demand k, flow x_a &lt;= U_a, connection y_a with cost F_a: moving its flow back to
/// s's current route and k's current source changes the objective by x_a S_a - F_a y_a with
/// S_a = cost(route_s) + ratio_a (1 - loss_a) cost(virgin_k) - cost(x_a). If S_a &lt;= 0, or F_a &gt;= U_a S_a, the move
/// never hurts, so some optimum leaves a unused: x_a = y_a = 0. The move keeps every balance and, when k's current
/// source is no dirtier than s, every quality limit; a demand under a procurement mandate and an emission cap are the
/// cases it could break, so those are never screened. A new plant whose best possible margin x capacity does not pay
/// its annual cost is fixed unbuilt (z_p = 0) with every exchange into or out of it.
/// </remarks>
public static class ScreeningBuilder
{
    /// <summary>Fixes what can never help in the model's own columns (the last step of building) and counts it.</summary>
    public static ExchangeModel Apply(ExchangeModel ctx)
    {
        // A required or grouped choice may make a candidate worth using that alone never pays, so such models are not screened.
        if (!ctx.Options.Screen || ctx.Options.NoExchanges || ctx.Options.MaxEmissions is not null || ctx.Pins.Any(p => p.Choice.NeedsSwitch))
        {
            return ctx;
        }

        var (arcs, plants) = Find(ctx);
        var (screenedArcs, screenedPlants) = (0, 0);
        for (var p = 0; p < plants.Length; p++)
        {
            if (plants[p])
            {
                ctx.Model.Fix(ctx.Plant[p], 0);
                ctx.Model.Fix(ctx.Throughput[p], 0);
                screenedPlants++;
            }
        }

        foreach (var arc in ctx.Network.Arcs)
        {
            var x = ctx.ArcFlow[arc.Index];
            if (x < 0 || !arcs[arc.Index])
            {
                continue;
            }

            ctx.Model.Fix(x, 0);
            if (ctx.ArcSwitch[arc.Index] >= 0)
            {
                ctx.Model.Fix(ctx.ArcSwitch[arc.Index], 0);
            }

            screenedArcs++;
        }

        return ctx.WithScreening(screenedArcs, screenedPlants);
    }

    /// <summary>Arcs (by network index) and processes (by region index) proven never to help.</summary>
    public static (bool[] Arcs, bool[] Plants) Find(ExchangeModel ctx)
    {
        var region = ctx.Region;
        var network = ctx.Network;
        double Cost(int column) => ctx.Model.Variables[column].Cost;
        var mandated = region.Policies.Procurement.Select(m => m.ResourceId).ToHashSet(StringComparer.Ordinal);
        var plants = region.Processes.Select((p, i) => !PlantCanPay(ctx, p, i)).ToArray();
        var processIndex = new Dictionary<Process, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < region.Processes.Length; i++)
        {
            processIndex[region.Processes[i]] = i;
        }

        bool Screened(Process? p) => p is not null && plants[processIndex[p]];
        var useless = new bool[network.Arcs.Length];
        foreach (var arc in network.Arcs)
        {
            var x = ctx.ArcFlow[arc.Index];
            if (x < 0)
            {
                continue;
            }

            var src = network.Sources[arc.Source];
            var sink = network.Sinks[arc.Sink];
            if (Screened(src.Process) || Screened(sink.Process))
            {
                useless[arc.Index] = true;
                continue;
            }

            if (src.Supply is not { } s || sink.Demand is not { } d || (d.Buyer == BuyerKind.Public && mandated.Contains(d.ResourceId)) || !CannotHelpBlend(s, d))
            {
                continue;
            }

            var saving = Saving(ctx, arc, Cost);
            var fixedCost = ctx.ArcSwitch[arc.Index] >= 0 ? Cost(ctx.ArcSwitch[arc.Index]) : 0;
            var upper = ctx.Model.Variables[x].Upper;
            useless[arc.Index] = saving <= 0 || (double.IsFinite(upper) && fixedCost >= upper * saving);
        }

        return (useless, plants);
    }

    /// <remarks>
    /// Moving a flow f off arc a back to the current route and source changes the objective by f s_a with
    /// s_a = cost(route_s) + ratio (1 - loss) cost(virgin_k) - cost(x_a): when s_a &lt;= 0 the move never hurts.
    /// </remarks>
    private static double Saving(ExchangeModel ctx, CandidateArc arc, Func<int, double> cost)
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
    private static bool PlantCanPay(ExchangeModel ctx, Process p, int index)
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
            foreach (var arc in ctx.ArcsIntoSink[sink.Index].Select(a => net.Arcs[a]))
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

            foreach (var arc in ctx.ArcsFromSource[src.Index].Select(a => net.Arcs[a]))
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
