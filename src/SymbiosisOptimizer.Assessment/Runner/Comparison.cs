using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Assessment.Runner;

/// <summary>A named scenario to compare: its overrides and the region they produce.</summary>
public sealed record ScenarioInput(string Name, ImmutableArray<string> Overrides, Region Region);

/// <summary>A figure in a scenario and its change from the base scenario (scenario minus base).</summary>
public sealed record Delta(double Value, double VersusBase);

/// <summary>The KPIs of <see cref="Kpis"/>, each with its change from base.</summary>
public sealed record KpiDeltas(Delta NetBenefit, Delta ObjectiveGain, Delta Co2Avoided, Delta LandfillAvoided, Delta VirginMaterialAvoided, Delta TransportEmissions, Delta MandateShortfall)
{
    public static KpiDeltas Of(Kpis k, Kpis b) => new(
        new(k.NetBenefit, k.NetBenefit - b.NetBenefit),
        new(k.ObjectiveGain, k.ObjectiveGain - b.ObjectiveGain),
        new(k.Co2Avoided, k.Co2Avoided - b.Co2Avoided),
        new(k.LandfillAvoided, k.LandfillAvoided - b.LandfillAvoided),
        new(k.VirginMaterialAvoided, k.VirginMaterialAvoided - b.VirginMaterialAvoided),
        new(k.TransportEmissions, k.TransportEmissions - b.TransportEmissions),
        new(k.MandateShortfall, k.MandateShortfall - b.MandateShortfall));
}

/// <summary>Actors summed by kind or by municipality: net benefit, CO2e and landfill avoided against today.</summary>
public sealed record GroupResult(string Group, int Actors, Delta NetBenefit, Delta Co2Avoided, Delta LandfillAvoided);

/// <summary>
/// Who gains and who pays, per year, each against today's situation under the scenario's own policies and with its
/// change from base. Positive is a gain to that party.
/// </summary>
/// <param name="Companies">Sum of the net benefits of actors of kind company.</param>
/// <param name="OtherActors">Sum of the net benefits of every other actor (municipalities as buyers and suppliers,
/// utilities, farms, others), so that Companies + OtherActors is the region's net benefit.</param>
/// <param name="TaxRevenue">Landfill and incineration tax revenue gained (negative: lost) = -(landfill tax x landfill
/// avoided + incineration tax x incineration avoided).</param>
/// <param name="SubsidyCost">Investment subsidy share x capex of the plants built, annualised (a cost, shown positive).</param>
/// <param name="ProcurementPremium">Extra cost paid by public buyers for their needs compared with base (a cost, shown
/// positive; negative when they pay less than in base). Zero for base by definition.</param>
/// <param name="PublicBudget">TaxRevenue - SubsidyCost - ProcurementPremium.</param>
/// <param name="Co2Avoided">t CO2e/yr avoided.</param>
/// <param name="ClimateValue">CO2e avoided valued at the scenario's CO2 price.</param>
/// <param name="TaxCollected">Landfill and incineration tax collected in the optimum (not against today): its change
/// from base is the policy's whole effect on that revenue, including a changed rate on the tonnes still landfilled.</param>
/// <param name="PublicCostPerTonneCo2">Public money spent per extra t CO2e avoided compared with base:
/// -(change in public budget) / (change in CO2e avoided); null for base or when the scenario avoids no extra CO2e.</param>
public sealed record GainsAndPayments(
    Delta Companies,
    Delta OtherActors,
    Delta TaxRevenue,
    Delta SubsidyCost,
    Delta ProcurementPremium,
    Delta PublicBudget,
    Delta Co2Avoided,
    Delta ClimateValue,
    Delta TaxCollected,
    double? PublicCostPerTonneCo2,
    string CostEffectivenessNote);

public sealed record ScenarioComparison(
    string Name,
    ImmutableArray<string> Overrides,
    ResultStatus Status,
    SolvedVariant Variant,
    KpiDeltas? Kpis,
    ImmutableArray<GroupResult> ByKind,
    ImmutableArray<GroupResult> ByMunicipality,
    GainsAndPayments? Split,
    ImmutableArray<string> ExchangesAdded,
    ImmutableArray<string> ExchangesDropped);

public sealed record ComparisonResult(string BaseName, ImmutableArray<ScenarioComparison> Scenarios);

/// <summary>Solves every scenario (base first) in parallel and reports each against base.</summary>
public static class Comparison
{
    /// <summary>The first input is the base every other scenario is measured against.</summary>
    public static ComparisonResult Run(IReadOnlyList<ScenarioInput> inputs, SolveOptions options, ProgressReport? progress = null)
    {
        if (inputs.Count == 0)
        {
            throw new ArgumentException("at least the base scenario is needed", nameof(inputs));
        }

        var solved = Solving.InParallel(inputs, (s, _) => Solving.Solve(s.Name, s.Overrides, s.Region, options), (s, _) => s.Name, progress);
        return Compare(solved);
    }

    public static ComparisonResult Compare(ImmutableArray<SolvedVariant> solved)
    {
        var b = solved[0];
        var list = solved.Select(v => Against(v, b)).ToImmutableArray();
        return new ComparisonResult(b.Name, list);
    }

    private static ScenarioComparison Against(SolvedVariant v, SolvedVariant b)
    {
        var r = v.Result;
        if (r.Kpis is not { } k || b.Result.Kpis is not { } bk || v.Accounts is not { } acc || b.Accounts is not { } bacc)
        {
            return new ScenarioComparison(v.Name, v.Overrides, r.Status, v, null, [], [], null, [], []);
        }

        var byKind = Groups(v, b, a => Kebab(a.Kind.ToString()));
        var byMunicipality = Groups(v, b, a => a.Municipality ?? "(none)");
        var split = Split(v, b, k, bk, acc, bacc);
        var keys = ExchangeKeys(r);
        var baseKeys = ExchangeKeys(b.Result);
        return new ScenarioComparison(v.Name, v.Overrides, r.Status, v, KpiDeltas.Of(k, bk), byKind, byMunicipality, split,
            [.. keys.Except(baseKeys).Order(StringComparer.Ordinal)], [.. baseKeys.Except(keys).Order(StringComparer.Ordinal)]);
    }

    /// <summary>An exchange's identity across runs: source, sink and mode.</summary>
    public static string ExchangeKey(ExchangeOutcome e) => $"{e.Source} -> {e.Sink} @ {e.Mode}";

    public static ImmutableHashSet<string> ExchangeKeys(OptimizationResult r) => r.Exchanges.Select(ExchangeKey).ToImmutableHashSet(StringComparer.Ordinal);

    private static GainsAndPayments Split(SolvedVariant v, SolvedVariant b, Kpis k, Kpis bk, PublicAccounts acc, PublicAccounts bacc)
    {
        static double Companies(SolvedVariant s) => s.Result.Actors.Where(a => s.Region.Actor(a.Id).Kind == ActorKind.Company).Sum(a => a.NetBenefit);
        static double Others(SolvedVariant s) => s.Result.Actors.Where(a => s.Region.Actor(a.Id).Kind != ActorKind.Company).Sum(a => a.NetBenefit);
        static double Tax(SolvedVariant s, Kpis kp, PublicAccounts a) =>
            -((s.Region.Policies.LandfillTax.Value * kp.LandfillAvoided) + (s.Region.Policies.IncinerationTax.Value * a.IncinerationAvoided));
        var companies = Companies(v);
        var tax = Tax(v, k, acc);
        var baseTax = Tax(b, bk, bacc);
        var premium = acc.PublicBuyerCost - bacc.PublicBuyerCost;
        var budget = tax - acc.SubsidyCost - premium;
        var baseBudget = baseTax - bacc.SubsidyCost;
        var climate = k.Co2Avoided * v.Region.Policies.Co2Price.Value;
        var baseClimate = bk.Co2Avoided * b.Region.Policies.Co2Price.Value;
        var dCo2 = k.Co2Avoided - bk.Co2Avoided;
        var dBudget = budget - baseBudget;
        double? perTonne = null;
        string note;
        if (ReferenceEquals(v, b))
        {
            note = "base: nothing to compare with";
        }
        else if (dCo2 <= 1e-6)
        {
            note = "avoids no extra CO2e compared with base";
        }
        else
        {
            perTonne = -dBudget / dCo2;
            note = perTonne > 0 ? "public money spent per extra t CO2e avoided" : "the public budget gains while more CO2e is avoided";
        }

        return new GainsAndPayments(
            new(companies, companies - Companies(b)),
            new(Others(v), Others(v) - Others(b)),
            new(tax, tax - baseTax),
            new(acc.SubsidyCost, acc.SubsidyCost - bacc.SubsidyCost),
            new(premium, premium),
            new(budget, dBudget),
            new(k.Co2Avoided, dCo2),
            new(climate, climate - baseClimate),
            new(acc.TaxCollected, acc.TaxCollected - bacc.TaxCollected),
            perTonne,
            note);
    }

    private static ImmutableArray<GroupResult> Groups(SolvedVariant v, SolvedVariant b, Func<Actor, string> key)
    {
        var baseByActor = b.Result.Actors.ToDictionary(a => a.Id, StringComparer.Ordinal);
        return [.. v.Result.Actors
            .GroupBy(a => key(v.Region.Actor(a.Id)), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                double Base(Func<ActorOutcome, double> f) => g.Sum(a => baseByActor.TryGetValue(a.Id, out var x) ? f(x) : 0);
                var nb = g.Sum(a => a.NetBenefit);
                var co2 = g.Sum(a => a.Co2Avoided);
                var lf = g.Sum(a => a.LandfillAvoided);
                return new GroupResult(g.Key, g.Count(), new(nb, nb - Base(a => a.NetBenefit)), new(co2, co2 - Base(a => a.Co2Avoided)), new(lf, lf - Base(a => a.LandfillAvoided)));
            })];
    }

    internal static string Kebab(string s) => string.Concat(s.Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
