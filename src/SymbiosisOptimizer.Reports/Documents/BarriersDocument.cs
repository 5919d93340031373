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
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(b);
        var cur = region.Economics.Currency;
        return Assemble(region.Name, source, cur, scenario, overrides, BaseOf(b.Base, cur), Items(region, b.Base, b.Barriers), Prices(b.ShadowPrices, b.ShadowPriceStatus), metadata);
    }

    public static BarrierBase BaseOf(SolvedVariant baseVariant, string currency)
    {
        ArgumentNullException.ThrowIfNull(baseVariant);
        return new BarrierBase(baseVariant.Result.Status.Word(), KpiBlock.Of(baseVariant.Result.Kpis, currency));
    }

    /// <summary>Each barrier's entry (rank not yet given) with the unrounded figures it is ranked by.</summary>
    public static ImmutableArray<BarrierItem> Items(Region region, SolvedVariant baseVariant, IEnumerable<BarrierCost> costs)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(baseVariant);
        var cur = region.Economics.Currency;

        // Removing a barrier can add arcs but never nodes, so the base network names every exchange of every removal.
        var names = ExchangeNames.Of(region, baseVariant.Result.Network);
        return [.. costs.Select(c => new BarrierItem(c.ValueLost, c.Barrier.Kind, new BarrierEntry(
            0,
            Numbers.Kebab(c.Barrier.Kind.ToString()),
            c.Barrier.Id,
            c.Barrier.Description,
            c.Status.Word(),
            Amount.Of(c.ValueLost, $"{cur}/yr"),
            c.BindsNothing,
            c.Explanation,
            KpiBlock.Of(c.Kpis, cur),
            names.Refs(c.ExchangesAdded),
            names.Refs(c.ExchangesDropped))))];
    }

    public static ShadowPriceBlock Prices(ImmutableArray<ShadowPrice> prices, string status) =>
        new(status, [.. prices.Select(p => new ShadowPriceRow(
            p.Limit, Numbers.Kebab(p.Kind.ToString()), p.Meaning, Numbers.Round(p.Dual), Amount.Of(p.ValuePerUnit, p.Unit), p.Binding))]);

    /// <summary>The document from every barrier's item (in any order: they are ranked here).</summary>
    public static BarriersDocument Assemble(string region, string source, string currency, string scenario, ImmutableArray<string> overrides, BarrierBase baseBlock, IEnumerable<BarrierItem> items, ShadowPriceBlock prices, RunMetadata metadata) =>
        new(
            RunnerDocuments.SchemaVersion, "barriers", RunnerDocuments.Tool, region, source, currency, scenario, overrides,
            baseBlock,
            [.. BarrierAnalysis.Rank(items, i => (i.ValueLost, i.Kind, i.Entry.Id)).Select((i, k) => i.Entry with { Rank = k + 1 })],
            prices,
            metadata);
}

/// <summary>One barrier as a shard hands it to the merge: its entry and the unrounded value it is ranked by.</summary>
public sealed record BarrierItem(double ValueLost, BarrierKind Kind, BarrierEntry Entry);
