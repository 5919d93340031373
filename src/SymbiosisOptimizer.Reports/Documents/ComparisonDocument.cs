using System.Collections.Immutable;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization;

namespace SymbiosisOptimizer.Reports.Documents;

/// <summary>A figure in a scenario, its change from base (scenario minus base) and its unit.</summary>
public sealed record Change(double Value, double VersusBase, string Unit)
{
    public static Change Of(Delta d, string unit) => new(Numbers.Round(d.Value), Numbers.Round(d.VersusBase), unit);
}

public sealed record KpiChanges(Change NetBenefit, Change ObjectiveGain, Change Co2Avoided, Change LandfillAvoided, Change VirginMaterialAvoided, Change TransportEmissions, Change MandateShortfall)
{
    public static KpiChanges Of(KpiDeltas k, string currency) => new(
        Change.Of(k.NetBenefit, $"{currency}/yr"),
        Change.Of(k.ObjectiveGain, $"{currency}/yr"),
        Change.Of(k.Co2Avoided, "t CO2e/yr"),
        Change.Of(k.LandfillAvoided, "t/yr"),
        Change.Of(k.VirginMaterialAvoided, "t/yr"),
        Change.Of(k.TransportEmissions, "t CO2e/yr"),
        Change.Of(k.MandateShortfall, "units/yr"));
}

/// <summary>Actors summed by kind or by municipality.</summary>
/// <param name="Group">An actor kind as a word (company, municipality, ...) or a municipality's name.</param>
public sealed record ActorGroup(string Group, int Actors, Change NetBenefit, Change Co2Avoided, Change LandfillAvoided)
{
    public static ActorGroup Of(GroupResult g, string currency) => new(
        g.Group, g.Actors, Change.Of(g.NetBenefit, $"{currency}/yr"), Change.Of(g.Co2Avoided, "t CO2e/yr"), Change.Of(g.LandfillAvoided, "t/yr"));
}

public sealed record PublicBudget(Change TaxRevenue, Change SubsidyCost, Change ProcurementPremium, Change Net, Change TaxCollected);

public sealed record ClimateValue(Change Co2Avoided, Change Value, Amount Co2Price);

public sealed record CostEffectiveness(Amount? PublicCostPerTonneCo2, string Note);

public sealed record WhoGainsWhoPays(Change Companies, Change OtherActors, PublicBudget PublicBudget, ClimateValue Climate, CostEffectiveness CostEffectiveness)
{
    public static WhoGainsWhoPays Of(GainsAndPayments w, double co2Price, string currency)
    {
        var money = $"{currency}/yr";
        return new(
            Change.Of(w.Companies, money),
            Change.Of(w.OtherActors, money),
            new PublicBudget(Change.Of(w.TaxRevenue, money), Change.Of(w.SubsidyCost, money), Change.Of(w.ProcurementPremium, money), Change.Of(w.PublicBudget, money), Change.Of(w.TaxCollected, money)),
            new ClimateValue(Change.Of(w.Co2Avoided, "t CO2e/yr"), Change.Of(w.ClimateValue, money), Amount.Of(co2Price, $"{currency}/t CO2e")),
            new CostEffectiveness(w.PublicCostPerTonneCo2 is { } pc ? Amount.Of(pc, $"{currency}/t CO2e") : null, w.CostEffectivenessNote));
    }
}

/// <param name="Status">A documented word: optimal, feasible, time-limit-without-plan, infeasible, unbounded, error.</param>
/// <param name="Kpis">Null when the scenario (or base) has no solution; so are the groups and the split then empty.</param>
public sealed record ComparedScenario(
    string Name,
    ImmutableArray<string> Overrides,
    string Status,
    KpiChanges? Kpis,
    ImmutableArray<ActorGroup> ByKind,
    ImmutableArray<ActorGroup> ByMunicipality,
    WhoGainsWhoPays? WhoGainsWhoPays,
    ImmutableArray<ExchangeRef> ExchangesAdded,
    ImmutableArray<ExchangeRef> ExchangesDropped,
    ImmutableArray<string> Explanation);

/// <summary>comparison.json: base and every named scenario, each against base (docs/runner-schema.md).</summary>
public sealed record ComparisonDocument(
    int SchemaVersion,
    string Kind,
    string Tool,
    string Region,
    string Source,
    string Currency,
    string Base,
    ImmutableArray<ComparedScenario> Scenarios,
    RunMetadata Metadata)
{
    public static ComparisonDocument Build(Region baseRegion, string source, ComparisonResult c, RunMetadata metadata)
    {
        var cur = baseRegion.Economics.Currency;

        // Added exchanges are keys of the scenario's plan, dropped ones of base's: both networks name them.
        var names = ExchangeNames.Of(baseRegion, c.Scenarios.Select(s => s.Variant.Result.Network));
        return new(
            RunnerDocuments.SchemaVersion, "comparison", RunnerDocuments.Tool, baseRegion.Name, source, cur, c.BaseName,
            [.. c.Scenarios.Select(s => new ComparedScenario(
                s.Name,
                s.Overrides,
                s.Status.Word(),
                s.Kpis is { } k ? KpiChanges.Of(k, cur) : null,
                [.. s.ByKind.Select(g => ActorGroup.Of(g, cur))],
                [.. s.ByMunicipality.Select(g => ActorGroup.Of(g, cur))],
                s.Split is { } w ? WhoGainsWhoPays.Of(w, s.Variant.Region.Policies.Co2Price.Value, cur) : null,
                names.Refs(s.ExchangesAdded),
                names.Refs(s.ExchangesDropped),
                s.Variant.Result.Explanation))],
            metadata);
    }
}
