using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Domain.Quantities;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Formulation;

namespace SymbiosisOptimizer.Assessment.Impacts;

/// <summary>
/// Impacts per year against the counterfactual. CO2e avoided = avoided disposal + avoided virgin production - added
/// transport - added processing - permit delay; summed over actors this equals the optimiser's CO2e KPI exactly.
/// </summary>
public sealed record ImpactAccount(
    string Id,
    string Name,
    double Co2AvoidedDisposal,
    double Co2AvoidedVirgin,
    double Co2AddedTransport,
    double Co2AddedProcessing,
    double Co2PermitDelay,
    double LandfillAvoided,
    double VirginMaterialAvoided,
    double WaterSaved,
    double EnergyRecovered)
{
    public double Co2Avoided => Co2AvoidedDisposal + Co2AvoidedVirgin - Co2AddedTransport - Co2AddedProcessing - Co2PermitDelay;

    public static ImpactAccount Sum(string id, string name, IEnumerable<ImpactAccount> parts)
    {
        var list = parts.ToList();
        return new ImpactAccount(id, name,
            list.Sum(p => p.Co2AvoidedDisposal), list.Sum(p => p.Co2AvoidedVirgin), list.Sum(p => p.Co2AddedTransport),
            list.Sum(p => p.Co2AddedProcessing), list.Sum(p => p.Co2PermitDelay), list.Sum(p => p.LandfillAvoided),
            list.Sum(p => p.VirginMaterialAvoided), list.Sum(p => p.WaterSaved), list.Sum(p => p.EnergyRecovered));
    }
}

public sealed record ImpactReport(ImmutableArray<ImpactAccount> Actors, ImmutableArray<ImpactAccount> Municipalities, ImpactAccount Total);

public static class ImpactAccounts
{
    public static ImpactReport Build(Region region, OptimizationResult result)
    {
        var byResource = region.Resources.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var actors = result.Actors.Select(a =>
        {
            double Virgin(Func<Resource, bool> which) => a.Ledger
                .Where(l => l.Kind == LedgerKind.Virgin && l.Resource is not null && byResource.TryGetValue(l.Resource, out var r) && which(r))
                .Sum(l => l.Value);
            return new ImpactAccount(
                a.Id, a.Name,
                a.Delta(LedgerKind.Emissions, LedgerCategory.Disposal),
                a.Delta(LedgerKind.Emissions, LedgerCategory.Purchase),
                -a.Delta(LedgerKind.Emissions, LedgerCategory.Transport),
                -a.Delta(LedgerKind.Emissions, LedgerCategory.Processing),
                -a.Delta(LedgerKind.Emissions, LedgerCategory.PermitDelay),
                a.LandfillAvoided,
                Virgin(r => r.FlowDimension == Dimension.MassD && r.Category != ResourceCategory.Water),
                Virgin(r => r.Category == ResourceCategory.Water),
                Virgin(r => r.Category == ResourceCategory.Energy));
        }).ToImmutableArray();
        var municipalities = actors
            .GroupBy(a => region.Actor(a.Id).Municipality ?? "(no municipality)", StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => ImpactAccount.Sum(g.Key, g.Key, g))
            .ToImmutableArray();
        return new ImpactReport(actors, municipalities, ImpactAccount.Sum("total", region.Name, actors));
    }
}
