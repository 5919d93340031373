using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization.Network;

namespace SymbiosisOptimizer.Optimization.Formulation;

/// <summary>Exchange flows: one variable per candidate arc, with its transport cost and emissions.</summary>
/// <remarks>
/// 0 &lt;= x_a &lt;= U_a = min(what the source can send, what the sink can take / ratio).
/// A permit with lead time L over horizon H lets the exchange flow only a share phi = (H - L) / H of the years; the
/// rest of the time its quantity follows the counterfactual. Booked per unit of x_a:
/// money = phi t_a + (1 - phi)(c_s + p_k ratio (1 - loss)), and likewise for emissions, landfill and virgin use,
/// where c_s is the source's current-route cost (a supply's route, or a process output's disposal route; 0 without
/// one) and p_k the sink's current-source price (a demand's, or a process input's purchase; 0 without one). With the
/// balances this makes the arc's net saving exactly phi times its steady-state saving.
/// </remarks>
public static class ExchangeFlowBuilder
{
    public static void Build(FormulationContext ctx)
    {
        if (ctx.Options.NoExchanges)
        {
            return;
        }

        var region = ctx.Region;
        var net = ctx.Network;
        foreach (var arc in net.Arcs)
        {
            var src = net.Sources[arc.Source];
            var sink = net.Sinks[arc.Sink];
            if (!ctx.Options.Allows(src.ActorId) || !ctx.Options.Allows(sink.ActorId))
            {
                continue;
            }

            var x = ctx.Model.AddVariable($"Flow{ctx.ArcLabel(arc)}", 0, arc.UpperBound, 0);
            var item = new LedgerItem(LedgerItemKind.Exchange, arc.Index);
            ctx.ArcFlow[arc.Index] = x;
            ctx.ArcsFromSource[src.Index].Add(arc.Index);
            ctx.ArcsIntoSink[sink.Index].Add(arc.Index);
            var phi = ctx.ActiveShare(arc.PermitId);
            ctx.Book(x, LedgerKind.Money, phi * arc.TransportCostPerUnit, sink.ActorId, LedgerCategory.Transport, item);
            ctx.Book(x, LedgerKind.Emissions, phi * arc.TransportEmissionsPerUnit, sink.ActorId, LedgerCategory.Transport, item);
            if (phi >= 1)
            {
                continue;
            }

            var delayed = 1 - phi;
            if (CurrentRouteOf(src) is { } route)
            {
                var resource = region.Resource(src.ResourceId);
                ctx.BookRouteMoney(x, delayed, route, resource, src.ActorId, LedgerCategory.PermitDelay, item);
                ctx.Book(x, LedgerKind.Emissions, delayed * route.Emissions.Value, src.ActorId, LedgerCategory.PermitDelay, item);
                if (FormulationContext.IsLandfill(route, resource))
                {
                    ctx.Book(x, LedgerKind.Landfill, delayed, src.ActorId, LedgerCategory.PermitDelay, item);
                }
            }

            var source = sink.Demand?.Source ?? sink.Process!.Inputs[sink.InputIndex].Source;
            if (source is not null)
            {
                ctx.Book(x, LedgerKind.Money, delayed * arc.Delivered * source.Price.Value, sink.ActorId, LedgerCategory.PermitDelay, item);
                ctx.Book(x, LedgerKind.Emissions, delayed * arc.Delivered * source.Emissions.Value, sink.ActorId, LedgerCategory.PermitDelay, item);
                ctx.Book(x, LedgerKind.Virgin, delayed * arc.Delivered, sink.ActorId, LedgerCategory.PermitDelay, item, sink.ResourceId);
            }
        }
    }

    /// <summary>Where a source's quantity goes today: a supply's current route, or a process output's disposal route (null if none).</summary>
    public static CurrentRoute? CurrentRouteOf(SourceNode src) => src.Supply?.Route ?? src.Process?.Outputs[src.OutputIndex].Disposal;
}
