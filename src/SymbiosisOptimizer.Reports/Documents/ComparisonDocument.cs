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

/// <summary>A cost per tonne with its unit and its sign in words; the value is null (shown as "-") only with the reason.</summary>
public sealed record PerTonne(double? Value, string Unit, string Explanation)
{
    public static PerTonne Of(CostPerTonne c, string unit) => new(c.Value is { } v ? Numbers.Round(v) : null, unit, c.Explanation);
}

/// <summary>The public budget's change against base: state (taxes, subsidies) and municipalities.</summary>
public sealed record BudgetChange(Amount Total, Amount State, Amount LandfillTax, Amount IncinerationTax, Amount Subsidies, Amount Municipalities);

/// <summary>
/// What the scenario's plan changes against base's plan, per year, for each party (positive: better than in base);
/// society = firms + public budget + externalities (docs/accounts.md).
/// </summary>
public sealed record PolicyEffectRow(
    Amount Firms,
    BudgetChange PublicBudget,
    Amount Co2Avoided,
    Amount LandfillAvoided,
    Amount SocialCo2Value,
    Amount Externalities,
    Amount ResourceSavings,
    Amount Society,
    PerTonne PublicCostPerTonneCo2,
    PerTonne PublicCostPerTonneLandfill,
    PerTonne SocietyCostPerTonneCo2,
    string Verdict)
{
    public static PolicyEffectRow Of(PolicyEffect e, string currency)
    {
        var money = $"{currency}/yr";
        Amount M(double v) => Amount.Of(v, money);
        return new(
            M(e.Firms),
            new BudgetChange(M(e.PublicBudget), M(e.State), M(e.LandfillTax), M(e.IncinerationTax), M(e.Subsidies), M(e.Municipalities)),
            Amount.Of(e.Co2Avoided, "t CO2e/yr"), Amount.Of(e.LandfillAvoided, "t/yr"), Amount.Of(e.SocialCo2Value, $"{currency}/t CO2e"),
            M(e.Externalities), M(e.ResourceSavings), M(e.Society),
            PerTonne.Of(e.PublicCostPerTonneCo2, $"{currency}/t CO2e"), PerTonne.Of(e.PublicCostPerTonneLandfill, $"{currency}/t"),
            PerTonne.Of(e.SocietyCostPerTonneCo2, $"{currency}/t CO2e"), e.Verdict);
    }
}

/// <summary>One scenario's three accounts against its own today (under its own policies).</summary>
public sealed record ScenarioAccounts(Amount Firms, Amount PublicBudget, Amount Externalities, Amount Society);

/// <summary>A place in the cost-effectiveness ranking: society's cost per t CO2e avoided, lowest first.</summary>
public sealed record RankedScenario(int Rank, string Name, PerTonne SocietyCostPerTonneCo2, PerTonne PublicCostPerTonneCo2, PerTonne PublicCostPerTonneLandfill, Amount Society, string Verdict);

/// <param name="Status">A documented word: optimal, feasible, time-limit-with-plan, time-limit-without-plan, infeasible, unbounded, error.</param>
/// <param name="Kpis">Null when the scenario (or base) has no solution; so are the groups and the split then empty.</param>
public sealed record ComparedScenario(
    string Name,
    ImmutableArray<string> Overrides,
    string Status,
    KpiChanges? Kpis,
    ImmutableArray<ActorGroup> ByKind,
    ImmutableArray<ActorGroup> ByMunicipality,
    ScenarioAccounts? Accounts,
    PolicyEffectRow? Effect,
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
    ImmutableArray<RankedScenario> Ranking,
    string RankingNote,
    RunMetadata Metadata)
{
    public static ComparisonDocument Build(Region baseRegion, string source, ComparisonResult c, RunMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(baseRegion);
        ArgumentNullException.ThrowIfNull(c);
        return Assemble(baseRegion.Name, source, baseRegion.Economics.Currency, c.BaseName, Items(baseRegion, c), metadata);
    }

    /// <summary>
    /// Each scenario's entry and, for a scenario measured against base, its place-to-be in the ranking with the unrounded
    /// figures it is ranked by: what one process or one shard computes per scenario.
    /// </summary>
    public static ImmutableArray<ComparisonItem> Items(Region baseRegion, ComparisonResult c)
    {
        ArgumentNullException.ThrowIfNull(baseRegion);
        ArgumentNullException.ThrowIfNull(c);
        var cur = baseRegion.Economics.Currency;

        // Added exchanges are keys of the scenario's plan, dropped ones of base's: both networks name them.
        var names = ExchangeNames.Of(baseRegion, c.Scenarios.Select(s => s.Variant.Result.Network));
        var money = $"{cur}/yr";
        ScenarioAccounts? AccountsOf(SolvedVariant v) => v.Accounts is { } a
            ? new(Amount.Of(a.Firms, money), Amount.Of(a.PublicBudget.Total, money), Amount.Of(a.Externalities.Total, money), Amount.Of(a.Society, money))
            : null;
        return [.. c.Scenarios.Select(s => new ComparisonItem(
            new ComparedScenario(
                s.Name,
                s.Overrides,
                s.Status.Word(),
                s.Kpis is { } k ? KpiChanges.Of(k, cur) : null,
                [.. s.ByKind.Select(g => ActorGroup.Of(g, cur))],
                [.. s.ByMunicipality.Select(g => ActorGroup.Of(g, cur))],
                AccountsOf(s.Variant),
                s.Effect is { } e ? PolicyEffectRow.Of(e, cur) : null,
                names.Refs(s.ExchangesAdded),
                names.Refs(s.ExchangesDropped),
                s.Variant.Result.Explanation),
            s.Name == c.BaseName || s.Effect is not { } f ? null : new ComparisonRank(
                f.SocietyCostPerTonneCo2.Value,
                f.Society,
                new RankedScenario(0, s.Name,
                    PerTonne.Of(f.SocietyCostPerTonneCo2, $"{cur}/t CO2e"), PerTonne.Of(f.PublicCostPerTonneCo2, $"{cur}/t CO2e"),
                    PerTonne.Of(f.PublicCostPerTonneLandfill, $"{cur}/t"), Amount.Of(f.Society, money), f.Verdict))))];
    }

    /// <summary>The document from every scenario's item, in input order (base first).</summary>
    public static ComparisonDocument Assemble(string region, string source, string currency, string baseName, IReadOnlyList<ComparisonItem> items, RunMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(items);

        // Ranked by society's cost per t CO2e avoided (lowest first); scenarios without one follow, by society's gain.
        var ranked = items.Where(i => i.Rank is not null).Select(i => i.Rank!)
            .OrderBy(r => r.SocietyCostPerTonneCo2 is null ? 1 : 0)
            .ThenBy(r => r.SocietyCostPerTonneCo2 ?? 0)
            .ThenByDescending(r => r.Society)
            .ThenBy(r => r.Entry.Name, StringComparer.Ordinal)
            .Select((r, i) => r.Entry with { Rank = i + 1 })
            .ToImmutableArray();
        return new(
            RunnerDocuments.SchemaVersion, "comparison", RunnerDocuments.Tool, region, source, currency, baseName,
            [.. items.Select(i => i.Scenario)],
            ranked,
            "Ranked by society's resource cost per extra t CO2e avoided against base (lowest first; negative: society saves money while CO2e falls); scenarios that avoid no extra CO2e follow, by society's gain. Public money per tonne is the public budget's loss per extra tonne avoided.",
            metadata);
    }
}

/// <summary>A scenario's ranking entry (rank not yet given) and the unrounded figures it is ranked by.</summary>
public sealed record ComparisonRank(double? SocietyCostPerTonneCo2, double Society, RankedScenario Entry);

/// <summary>One scenario of a comparison as a shard hands it to the merge: its entry and, unless it is base, its rank.</summary>
public sealed record ComparisonItem(ComparedScenario Scenario, ComparisonRank? Rank);
