namespace SymbiosisOptimizer.Optimization.Formulation;

/// <summary>Exchange flows: one variable per candidate arc, with its transport cost and emissions.</summary>
/// <remarks>
/// 0 &lt;= x_a &lt;= U_a = min(what the source can send, what the sink can take / ratio).
/// A permit with lead time L over horizon H lets the exchange flow only a share phi = (H - L) / H of the years; the
/// rest of the time its quantity follows the counterfactual. Booked per unit of x_a:
/// money = phi t_a + (1 - phi)(c_s + p_k ratio (1 - loss)), and likewise for emissions, landfill and virgin use,
/// where c_s is the source's current-route cost and p_k the sink's current-source price. With the balances this
/// makes the arc's net saving exactly phi times its steady-state saving.
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
            if (src.Supply is { } s)
            {
                var resource = region.Resource(s.ResourceId);
                ctx.BookRouteMoney(x, delayed, s.Route, resource, s.ActorId, LedgerCategory.PermitDelay, item);
                ctx.Book(x, LedgerKind.Emissions, delayed * s.Route.Emissions.Value, s.ActorId, LedgerCategory.PermitDelay, item);
                if (FormulationContext.IsLandfill(s.Route, resource))
                {
                    ctx.Book(x, LedgerKind.Landfill, delayed, s.ActorId, LedgerCategory.PermitDelay, item);
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
}
