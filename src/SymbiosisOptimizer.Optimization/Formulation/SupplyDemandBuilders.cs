using SymbiosisOptimizer.Domain.Model;

namespace SymbiosisOptimizer.Optimization.Formulation;

/// <summary>Supply balance: every unit of a by-product is exchanged or stays on its current route.</summary>
/// <remarks>
/// For each supply s: sum_{a in out(s)} x_a + r_s = Q_s, with r_s &gt;= 0 the quantity left on the current route.
/// r_s costs (gate fee + landfill/incineration tax) per unit, emits the route's factor, and counts as landfill when
/// the route is landfill.
/// </remarks>
public static class SupplyBalanceBuilder
{
    public static void Build(FormulationContext ctx)
    {
        var region = ctx.Region;
        for (var i = 0; i < region.Supplies.Length; i++)
        {
            var s = region.Supplies[i];
            var resource = region.Resource(s.ResourceId);
            var r = ctx.Model.AddVariable($"Route[{s.Id}]", 0, double.PositiveInfinity, 0);
            ctx.Route[i] = r;
            var item = new LedgerItem(LedgerItemKind.SupplyRoute, i);
            ctx.BookRouteMoney(r, 1, s.Route, resource, s.ActorId, LedgerCategory.Disposal, item);
            ctx.Book(r, LedgerKind.Emissions, s.Route.Emissions.Value, s.ActorId, LedgerCategory.Disposal, item);
            if (FormulationContext.IsLandfill(s.Route, resource))
            {
                ctx.Book(r, LedgerKind.Landfill, 1, s.ActorId, LedgerCategory.Disposal, item);
            }

            var src = ctx.Network.Sources[i];
            var terms = ctx.ArcsFromSource[src.Index].Select(a => (ctx.ArcFlow[a], 1.0)).Append((r, 1.0));
            ctx.AddEquality(new RowKey(RowFamily.SupplyBalance, i), $"SupplyBalance[{s.Id}]",
                $"all {s.Quantity.Value:0.##} {resource.UnitText}/yr of supply '{s.Id}' ({s.ResourceId} from {s.ActorId}) must be exchanged or stay on its current route",
                s.Quantity.Value, terms);
        }
    }
}

/// <summary>Demand balance: every need is met by exchanges, process outputs or the current (virgin) source.</summary>
/// <remarks>
/// For each demand k: sum_{a in in(k)} ratio_a (1 - loss_a) x_a + v_k = D_k, with v_k &gt;= 0 bought from the current
/// source at its price and emission factor.
/// </remarks>
public static class DemandBalanceBuilder
{
    public static void Build(FormulationContext ctx)
    {
        var region = ctx.Region;
        for (var i = 0; i < region.Demands.Length; i++)
        {
            var d = region.Demands[i];
            var resource = region.Resource(d.ResourceId);
            var v = ctx.Model.AddVariable($"Virgin[{d.Id}]", 0, double.PositiveInfinity, 0);
            ctx.Virgin[i] = v;
            var item = new LedgerItem(LedgerItemKind.Purchase, i);
            ctx.Book(v, LedgerKind.Money, d.Source.Price.Value, d.ActorId, LedgerCategory.Purchase, item);
            ctx.Book(v, LedgerKind.Emissions, d.Source.Emissions.Value, d.ActorId, LedgerCategory.Purchase, item);
            ctx.Book(v, LedgerKind.Virgin, 1, d.ActorId, LedgerCategory.Purchase, item, resource.Id);
            var sink = ctx.Network.Sinks[i];
            var terms = ctx.ArcsIntoSink[sink.Index].Select(a => (ctx.ArcFlow[a], ctx.Network.Arcs[a].Delivered)).Append((v, 1.0));
            ctx.AddEquality(new RowKey(RowFamily.DemandBalance, i), $"DemandBalance[{d.Id}]",
                $"the need of {d.Quantity.Value:0.##} {resource.UnitText}/yr of demand '{d.Id}' ({d.ResourceId} at {d.ActorId}) must be met",
                d.Quantity.Value, terms);
        }
    }
}

/// <summary>Procurement mandates: public buyers of a resource take at least a share from secondary supply.</summary>
/// <remarks>
/// For each mandate (R, m): sum_{k public, resource R} sum_{a in in(k)} ratio_a (1 - loss_a) x_a + u_R &gt;= m sum_k D_k,
/// where u_R &gt;= 0 is the shortfall, penalised heavily so it is used only when secondary supply cannot reach the
/// share; the shortfall is reported, never hidden.
/// </remarks>
public static class ProcurementBuilder
{
    public const double ShortfallPenalty = 1e5;

    public static void Build(FormulationContext ctx)
    {
        if (!ctx.Options.IncludeMandates)
        {
            return;
        }

        var region = ctx.Region;
        for (var mi = 0; mi < region.Policies.Procurement.Length; mi++)
        {
            var mandate = region.Policies.Procurement[mi];
            var demands = Enumerable.Range(0, region.Demands.Length)
                .Where(i => region.Demands[i].Buyer == BuyerKind.Public && region.Demands[i].ResourceId == mandate.ResourceId)
                .ToList();
            if (demands.Count == 0)
            {
                continue;
            }

            var total = demands.Sum(i => region.Demands[i].Quantity.Value);
            var u = ctx.Model.AddVariable($"MandateShortfall[{mandate.ResourceId}]", 0, double.PositiveInfinity, ShortfallPenalty);
            ctx.MandateShortfall[mandate.ResourceId] = u;
            var terms = demands.SelectMany(i => ctx.ArcsIntoSink[ctx.Network.Sinks[i].Index])
                .Select(a => (ctx.ArcFlow[a], ctx.Network.Arcs[a].Delivered))
                .Append((u, 1.0));
            ctx.AddGreaterOrEqual(new RowKey(RowFamily.ProcurementMandate, mi, mandate.ResourceId), $"ProcurementMandate[{mandate.ResourceId}]",
                $"public buyers must take at least {mandate.MinShare:P0} of their {total:0.##} {region.Resource(mandate.ResourceId).UnitText}/yr of {mandate.ResourceId} from secondary supply",
                mandate.MinShare * total, terms);
        }
    }
}
