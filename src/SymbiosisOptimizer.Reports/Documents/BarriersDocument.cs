using System.Collections.Immutable;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization;

namespace SymbiosisOptimizer.Reports.Documents;

public sealed record BarrierBase(string Status, KpiBlock? Kpis);

/// <param name="Kind">permit-requirement, permit-lead-time, waste-status, quality-limit or distance-limit.</param>
/// <param name="KpiChange">Every KPI without the barrier minus with it; null when there is no solution.</param>
public sealed record BarrierEntry(
    int Rank,
    string Kind,
    string Id,
    string Description,
    string Status,
    Amount ValueLost,
    bool BindsNothing,
    string Explanation,
    KpiBlock? KpiChange,
    ImmutableArray<ExchangeRef> ExchangesAdded,
    ImmutableArray<ExchangeRef> ExchangesDropped);

/// <param name="Row">The model row's name (an id); <paramref name="Meaning"/> is what people read.</param>
public sealed record ShadowPriceRow(string Row, string Kind, string Meaning, double Dual, Amount ValuePerUnit, bool Binding);

public sealed record ShadowPriceBlock(string Status, ImmutableArray<ShadowPriceRow> Rows);

/// <summary>barriers.json: what each barrier costs, ranked, and the shadow prices of continuous limits.</summary>
public sealed record BarriersDocument(
    int SchemaVersion,
    string Kind,
    string Tool,
    string Region,
    string Source,
    string Currency,
    string Scenario,
    ImmutableArray<string> Overrides,
    BarrierBase Base,
    ImmutableArray<BarrierEntry> Barriers,
    ShadowPriceBlock ShadowPrices,
    RunMetadata Metadata)
{
    public static BarriersDocument Build(Region region, string source, string scenario, ImmutableArray<string> overrides, BarrierResult b, RunMetadata metadata)
    {
        var cur = region.Economics.Currency;

        // Removing a barrier can add arcs but never nodes, so the base network names every exchange of every removal.
        var names = ExchangeNames.Of(region, b.Base.Result.Network);
        return new(
            RunnerDocuments.SchemaVersion, "barriers", RunnerDocuments.Tool, region.Name, source, cur, scenario, overrides,
            new BarrierBase(b.Base.Result.Status.Word(), KpiBlock.Of(b.Base.Result.Kpis, cur)),
            [.. b.Barriers.Select((c, i) => new BarrierEntry(
                i + 1,
                Numbers.Kebab(c.Barrier.Kind.ToString()),
                c.Barrier.Id,
                c.Barrier.Description,
                c.Status.Word(),
                Amount.Of(c.ValueLost, $"{cur}/yr"),
                c.BindsNothing,
                c.Explanation,
                KpiBlock.Of(c.Kpis, cur),
                names.Refs(c.ExchangesAdded),
                names.Refs(c.ExchangesDropped)))],
            new ShadowPriceBlock(b.ShadowPriceStatus, [.. b.ShadowPrices.Select(p => new ShadowPriceRow(
                p.Limit, Numbers.Kebab(p.Kind.ToString()), p.Meaning, Numbers.Round(p.Dual), Amount.Of(p.ValuePerUnit, p.Unit), p.Binding))]),
            metadata);
    }
}
