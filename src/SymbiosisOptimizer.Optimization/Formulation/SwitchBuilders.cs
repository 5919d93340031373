using System.Collections.Immutable;
using SymbiosisOptimizer.Optimization.Modeling;

namespace SymbiosisOptimizer.Optimization.Formulation;

/// <summary>Fixed-charge connections and minimum lots.</summary>
/// <remarks>
/// For an arc with a fixed annual cost F_a (contract, handling, or a pipeline's annualised capex x km) or a minimum
/// lot l_a: y_a binary, x_a &lt;= U_a y_a (Switch) and x_a &gt;= l_a y_a (MinLot); F_a is paid when y_a = 1.
/// U_a is the arc's own bound min(source quantity, sink need / ratio), the tightest valid big-M.
/// </remarks>
public static class FixedChargeBuilder
{
    public static void Build(FormulationContext ctx)
    {
        var net = ctx.Network;
        foreach (var arc in net.Arcs)
        {
            var x = ctx.ArcFlow[arc.Index];
            if (x < 0 || !arc.NeedsSwitch)
            {
                continue;
            }

            var sink = net.Sinks[arc.Sink];
            var name = ctx.ArcLabel(arc);
            var y = ctx.Model.AddBinary($"Connect{name}", 0);
            ctx.ArcSwitch[arc.Index] = y;
            var item = new LedgerItem(LedgerItemKind.Exchange, arc.Index);
            ctx.Book(y, LedgerKind.Money, arc.FixedAnnualCost, sink.ActorId, LedgerCategory.Connection, item);
            ctx.Book(y, LedgerKind.Money, arc.AnnualisedCapex + arc.AnnualisedSubsidy, sink.ActorId, LedgerCategory.Investment, item);
            ctx.Book(y, LedgerKind.Money, -arc.AnnualisedSubsidy, sink.ActorId, LedgerCategory.Investment, item, transfer: LedgerTransfer.InvestmentSubsidy);
            var m = double.IsPositiveInfinity(arc.UpperBound) ? ProcessBuilder.UnboundedCapacity : arc.UpperBound;
            var rows = ImmutableArray.CreateBuilder<int>();
            rows.Add(ctx.AddLessOrEqual(new RowKey(RowFamily.Switch, arc.Index), $"Switch{name}", $"exchange {name} flows only if the connection is made", 0, [(x, 1.0), (y, -m)]));
            if (arc.MinLot > 0)
            {
                rows.Add(ctx.AddGreaterOrEqual(new RowKey(RowFamily.MinLot, arc.Index), $"MinLot{name}", $"exchange {name} moves at least its minimum lot of {arc.MinLot:0.##} per year, or nothing", 0, [(x, 1.0), (y, -arc.MinLot)]));
            }

            ctx.Model.DeclareSwitch(new SwitchLink(y, x, rows.ToImmutable()));
        }
    }
}

/// <summary>Permits: an exchange that needs a permit flows only if its receiver takes the permit.</summary>
/// <remarks>
/// w_(pi,r) binary per permit pi and receiving actor r, paying the permit's one-off cost annualised over the horizon;
/// x_a &lt;= U_a w_(pi,r) for each arc a that needs pi at receiver r. The lead time is in <see cref="ExchangeFlowBuilder"/>.
/// </remarks>
public static class PermitBuilder
{
    public static void Build(FormulationContext ctx)
    {
        var net = ctx.Network;
        foreach (var arc in net.Arcs)
        {
            var x = ctx.ArcFlow[arc.Index];
            if (x < 0 || arc.PermitId is null)
            {
                continue;
            }

            var receiver = net.Sinks[arc.Sink].ActorId;
            var key = (arc.PermitId, receiver);
            if (!ctx.PermitTaken.TryGetValue(key, out var w))
            {
                var permitIndex = ctx.Region.Permits.IndexOf(ctx.Region.Permits.First(p => p.Id == arc.PermitId));
                var permit = ctx.Region.Permits[permitIndex];
                w = ctx.Model.AddBinary($"Permit[{arc.PermitId}@{receiver}]", 0);
                ctx.PermitTaken[key] = w;
                ctx.Book(w, LedgerKind.Money, permit.Cost.Value * ctx.Crf, receiver, LedgerCategory.Permit, new LedgerItem(LedgerItemKind.Permit, permitIndex));
            }

            var m = double.IsPositiveInfinity(arc.UpperBound) ? ProcessBuilder.UnboundedCapacity : arc.UpperBound;
            var name = ctx.ArcLabel(arc);
            ctx.AddLessOrEqual(new RowKey(RowFamily.PermitRequired, arc.Index, arc.PermitId), $"PermitRequired{name}", $"exchange {name} needs permit '{arc.PermitId}' at {receiver}", 0, [(x, 1.0), (w, -m)]);
        }
    }
}

/// <summary>Objective and the epsilon constraint, both read off the ledger so reports and objective cannot disagree.</summary>
/// <remarks>
/// minimise sum(money) + co2Price x sum(emissions) + landfillValue x sum(landfill) (+ mandate shortfall penalty);
/// with EmissionsOnly: minimise sum(emissions) + 1e-6 x sum(money).
/// Epsilon: sum(emissions) &lt;= E_max.
/// </remarks>
public static class ObjectiveBuilder
{
    public static void Build(FormulationContext ctx)
    {
        var landfillValue = ctx.Region.Objective.LandfillValue.Value;
        double Weight(LedgerKind kind) => kind switch
        {
            LedgerKind.Money => ctx.Options.EmissionsOnly ? 1e-6 : 1,
            LedgerKind.Emissions => ctx.Options.EmissionsOnly ? 1 : ctx.Co2Price,
            LedgerKind.Landfill => ctx.Options.EmissionsOnly ? 0 : landfillValue,
            _ => 0,
        };
        ctx.Model.AddCosts(ctx.Ledger.Where(e => Weight(e.Kind) != 0).Select(e => (e.Column, e.Coefficient * Weight(e.Kind))));

        if (ctx.Options.MaxEmissions is { } cap)
        {
            var terms = ctx.Ledger.Where(e => e.Kind == LedgerKind.Emissions).Select(e => (e.Column, e.Coefficient));
            ctx.AddLessOrEqual(new RowKey(RowFamily.EmissionCap, 0), "EmissionCap", $"total emissions at most {cap:0.##} t CO2e/yr", cap, terms);
        }
    }
}

/// <summary>Builds a whole formulation, family by family, in a fixed order (so names and indices are stable).</summary>
public static class ExchangeFormulation
{
    public static ExchangeModel Build(Domain.Model.Region region, Network.CandidateNetwork network, FormulationOptions options)
    {
        var ctx = new FormulationContext(region, network, options);
        ExchangeFlowBuilder.Build(ctx);
        SupplyBalanceBuilder.Build(ctx);
        DemandBalanceBuilder.Build(ctx);
        ProcessBuilder.Build(ctx);
        QualityBuilder.Build(ctx);
        FixedChargeBuilder.Build(ctx);
        PermitBuilder.Build(ctx);
        PinnedBuilder.Build(ctx);
        ProcurementBuilder.Build(ctx);
        ObjectiveBuilder.Build(ctx);
        return ScreeningBuilder.Apply(ExchangeModel.Freeze(ctx));
    }
}
