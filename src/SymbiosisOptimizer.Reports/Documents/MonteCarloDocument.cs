using System.Collections.Immutable;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization;

namespace SymbiosisOptimizer.Reports.Documents;

/// <summary>Percentiles of a figure over the solved samples; null when no sample solved.</summary>
public sealed record Spread(double? P10, double? P50, double? P90, double? Mean, double? Min, double? Max, string Unit)
{
    public static Spread Of(Percentiles p, string unit) => new(
        Numbers.RoundOrNull(p.P10), Numbers.RoundOrNull(p.P50), Numbers.RoundOrNull(p.P90), Numbers.RoundOrNull(p.Mean), Numbers.RoundOrNull(p.Min), Numbers.RoundOrNull(p.Max), unit);
}

public sealed record KpiSpread(Spread NetBenefit, Spread ObjectiveGain, Spread Co2Avoided, Spread LandfillAvoided, Spread VirginMaterialAvoided, Spread TransportEmissions, Spread MandateShortfall)
{
    public static KpiSpread Of(KpiPercentiles k, string currency) => new(
        Spread.Of(k.NetBenefit, $"{currency}/yr"),
        Spread.Of(k.ObjectiveGain, $"{currency}/yr"),
        Spread.Of(k.Co2Avoided, "t CO2e/yr"),
        Spread.Of(k.LandfillAvoided, "t/yr"),
        Spread.Of(k.VirginMaterialAvoided, "t/yr"),
        Spread.Of(k.TransportEmissions, "t CO2e/yr"),
        Spread.Of(k.MandateShortfall, "units/yr"));
}

/// <summary>An uncertain input as declared (base units), the model's own value, and what was drawn.</summary>
/// <param name="Distribution">normal, lognormal, triangular or uniform.</param>
public sealed record UncertainInputEntry(string Path, string Distribution, string Unit, double? Mean, double? Sd, double? Mode, double? Min, double? Max, double? Declared, Spread Sampled);

/// <param name="From">Actor id; <paramref name="FromName"/> its display name (likewise To and Resource).</param>
/// <param name="Probability">Share of the solved samples that chose the exchange.</param>
public sealed record ExchangeChance(string Key, string Name, string From, string FromName, string To, string ToName, string Resource, string ResourceName, double Probability, Spread QuantityWhenChosen);

public sealed record DrawEntry(int Index, ImmutableArray<double> Inputs, string Status, double? NetBenefit, double? ObjectiveGain, double? Co2Avoided, double? LandfillAvoided);

/// <summary>montecarlo.json: P10/P50/P90 of every KPI over sampled inputs, and how often each exchange is chosen.</summary>
public sealed record MonteCarloDocument(
    int SchemaVersion,
    string Kind,
    string Tool,
    string Region,
    string Source,
    string Currency,
    string Scenario,
    int Samples,
    int Seed,
    int Solved,
    bool NetworkReused,
    ImmutableArray<UncertainInputEntry> Inputs,
    KpiBlock? Deterministic,
    KpiSpread Kpis,
    ImmutableArray<ExchangeChance> Exchanges,
    ImmutableArray<DrawEntry> Draws,
    RunMetadata Metadata)
{
    public static MonteCarloDocument Build(Region region, string source, string scenario, MonteCarloResult m, RunMetadata metadata)
    {
        var cur = region.Economics.Currency;
        static double? N(double? v) => v is { } x ? Numbers.RoundOrNull(x) : null;
        return new(
            RunnerDocuments.SchemaVersion, "montecarlo", RunnerDocuments.Tool, region.Name, source, cur, scenario,
            m.Samples, m.Seed, m.Solved, m.NetworkReused,
            [.. m.Inputs.Select(i => new UncertainInputEntry(
                i.Input.Path, i.Input.Distribution.ToString().ToLowerInvariant(), i.Unit,
                N(i.Input.Mean), N(i.Input.StandardDeviation), N(i.Input.Mode), N(i.Input.Lower), N(i.Input.Upper), N(i.Declared),
                Spread.Of(i.Sampled, i.Unit)))],
            KpiBlock.Of(m.Deterministic, cur),
            KpiSpread.Of(m.Kpis, cur),
            [.. m.Exchanges.Select(e => new ExchangeChance(
                e.Key.Key, ExchangeNames.Describe(region, e.From, e.To, e.Resource),
                e.From, region.ActorName(e.From), e.To, region.ActorName(e.To), e.Resource, region.ResourceName(e.Resource),
                Numbers.Round(e.Probability), Spread.Of(e.QuantityWhenChosen, e.Unit)))],
            [.. m.Draws.Select(d => new DrawEntry(
                d.Index, [.. d.Inputs.Select(Numbers.Round)], d.Status.Word(),
                N(d.Kpis?.NetBenefit), N(d.Kpis?.ObjectiveGain), N(d.Kpis?.Co2Avoided), N(d.Kpis?.LandfillAvoided)))],
            metadata);
    }
}
