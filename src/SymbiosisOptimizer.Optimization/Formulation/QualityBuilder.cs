using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization.Network;

namespace SymbiosisOptimizer.Optimization.Formulation;

/// <summary>Quality blending: the mix a receiver gets must respect its limits.</summary>
/// <remarks>
/// For each receiver k (a demand, or all inputs of a process together) and property c with a maximum L:
/// sum_a ratio_a (1 - loss_a) x_a (C_src(a),c - L) + sum_j v_j (C_j,c - L) &lt;= 0,
/// i.e. sum(flow x concentration) &lt;= L x sum(flow); the mirror inequality (&gt;= 0) holds for a minimum.
/// v_j are current-source purchases; a source that states no value for c counts as exactly at the limit, and a
/// resource that has no property c at all carries none of it.
/// </remarks>
public static class QualityBuilder
{
    public static void Build(FormulationContext ctx)
    {
        var region = ctx.Region;
        var net = ctx.Network;
        for (var i = 0; i < region.Demands.Length; i++)
        {
            var d = region.Demands[i];
            var sink = net.Sinks[i];
            var virgin = new List<(int Column, CurrentSource Source)> { (ctx.Virgin[i], d.Source) };
            AddRows(ctx, RowFamily.DemandQuality, i, $"Quality[{d.Id}", $"demand '{d.Id}'", d.Limits, [sink], virgin);
        }

        for (var p = 0; p < region.Processes.Length; p++)
        {
            var process = region.Processes[p];
            if (process.Limits.IsEmpty)
            {
                continue;
            }

            var sinks = net.Sinks.Where(s => ReferenceEquals(s.Process, process)).ToList();
            var virgin = new List<(int, CurrentSource)>();
            for (var k = 0; k < process.Inputs.Length; k++)
            {
                if (ctx.ProcessVirgin[p][k] >= 0)
                {
                    virgin.Add((ctx.ProcessVirgin[p][k], process.Inputs[k].Source!));
                }
            }

            AddRows(ctx, RowFamily.ProcessQuality, p, $"Quality[{process.Id}", $"the inlet of process '{process.Id}'", process.Limits, sinks, virgin);
        }
    }

    private static void AddRows(FormulationContext ctx, RowFamily family, int receiver, string name, string who, IEnumerable<QualityLimit> limits, IReadOnlyList<SinkNode> sinks, List<(int Column, CurrentSource Source)> virgin)
    {
        foreach (var limit in limits)
        {
            foreach (var (bound, isMax) in new[] { (limit.Max, true), (limit.Min, false) })
            {
                if (bound is not { } b)
                {
                    continue;
                }

                var terms = new List<(int, double)>();
                foreach (var sink in sinks)
                {
                    foreach (var a in ctx.ArcsIntoSink[sink.Index])
                    {
                        var arc = ctx.Network.Arcs[a];
                        var src = ctx.Network.Sources[arc.Source];
                        var c = ConcentrationOf(ctx, src, limit.Property);
                        terms.Add((ctx.ArcFlow[a], arc.Delivered * (c - b.Value)));
                    }
                }

                foreach (var (col, source) in virgin)
                {
                    if (source.Quality.TryGetValue(limit.Property, out var q))
                    {
                        terms.Add((col, q.Value - b.Value));
                    }
                }

                if (terms.Count == 0)
                {
                    continue;
                }

                var meaning = $"the blend received by {who} must keep {limit.Property} {(isMax ? "at most" : "at least")} the limit";
                if (isMax)
                {
                    ctx.AddLessOrEqual(new RowKey(family, receiver, limit.Property, Upper: true), $"{name}.{limit.Property}.max]", meaning, 0, terms);
                }
                else
                {
                    ctx.AddGreaterOrEqual(new RowKey(family, receiver, limit.Property, Upper: false), $"{name}.{limit.Property}.min]", meaning, 0, terms);
                }
            }
        }
    }

    internal static double ConcentrationOf(FormulationContext ctx, SourceNode src, string property)
    {
        var quality = src.Supply?.Quality ?? src.Process!.Outputs[src.OutputIndex].Quality;
        return quality.TryGetValue(property, out var q) ? q.Value : 0;
    }
}
