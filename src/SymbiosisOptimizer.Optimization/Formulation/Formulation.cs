using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization.Modeling;
using SymbiosisOptimizer.Optimization.Network;

namespace SymbiosisOptimizer.Optimization.Formulation;

/// <summary>What a ledger entry measures; the objective weighs each kind, the reports sum them.</summary>
public enum LedgerKind
{
    /// <summary>Money per year in the region's currency (a cost when positive).</summary>
    Money,

    /// <summary>t CO2e per year.</summary>
    Emissions,

    /// <summary>t per year sent to landfill.</summary>
    Landfill,

    /// <summary>Units per year of virgin (primary) purchase, in each resource's unit.</summary>
    Virgin,
}

/// <summary>One accounting term: coefficient x column, owned by an actor, in a category a report can show.</summary>
public sealed record LedgerEntry(int Column, LedgerKind Kind, double Coefficient, string ActorId, string Category);

/// <summary>
/// Options that change what a formulation allows, as small values rather than flags on the builders.
/// </summary>
/// <param name="NoExchanges">Build the counterfactual: no exchanges, no new plants (what every actor does today).</param>
/// <param name="Coalition">When set, only actors in it may exchange or build (coalition values for benefit sharing).</param>
/// <param name="Co2Price">Overrides the scenario's CO2 valuation (money per t CO2e) in the objective.</param>
/// <param name="MaxEmissions">Epsilon constraint: total emissions at most this (t CO2e/yr).</param>
/// <param name="EmissionsOnly">Minimise emissions, with money as a small tie-breaker (for the Pareto front's end point).</param>
/// <param name="IncludeMandates">Procurement mandates as constraints (off in the counterfactual: today nobody complies).</param>
/// <param name="Screen">Fix exchanges and plants that provably never help at zero before the solve (<see cref="ScreeningBuilder"/>).</param>
public sealed record FormulationOptions(
    bool NoExchanges = false,
    ImmutableHashSet<string>? Coalition = null,
    double? Co2Price = null,
    double? MaxEmissions = null,
    bool EmissionsOnly = false,
    bool IncludeMandates = true,
    bool Screen = true)
{
    public bool Allows(string actorId) => Coalition is null || Coalition.Contains(actorId);
}

/// <summary>Column indices of everything a builder creates, so later builders and the reports can find them.</summary>
public sealed class FormulationContext
{
    public FormulationContext(Region region, CandidateNetwork network, FormulationOptions options)
    {
        Region = region;
        Network = network;
        Options = options;
        ArcFlow = Enumerable.Repeat(-1, network.Arcs.Length).ToArray();
        ArcSwitch = Enumerable.Repeat(-1, network.Arcs.Length).ToArray();
        Route = new int[region.Supplies.Length];
        Virgin = new int[region.Demands.Length];
        Throughput = Enumerable.Repeat(-1, region.Processes.Length).ToArray();
        Plant = Enumerable.Repeat(-1, region.Processes.Length).ToArray();
        ProcessVirgin = region.Processes.Select(p => Enumerable.Repeat(-1, p.Inputs.Length).ToArray()).ToArray();
        Disposal = region.Processes.Select(p => Enumerable.Repeat(-1, p.Outputs.Length).ToArray()).ToArray();
        ArcsIntoSink = new List<int>[network.Sinks.Length];
        ArcsFromSource = new List<int>[network.Sources.Length];
        for (var i = 0; i < ArcsIntoSink.Length; i++)
        {
            ArcsIntoSink[i] = [];
        }

        for (var i = 0; i < ArcsFromSource.Length; i++)
        {
            ArcsFromSource[i] = [];
        }

        var crf = region.Economics.CapitalRecoveryFactor;
        Crf = crf;
        Co2Price = options.Co2Price ?? region.Policies.Co2Price.Value;
    }

    public Region Region { get; }

    public CandidateNetwork Network { get; }

    public FormulationOptions Options { get; }

    public MipModel Model { get; } = new();

    public List<LedgerEntry> Ledger { get; } = [];

    public double Crf { get; }

    public double Co2Price { get; }

    public int[] ArcFlow { get; }

    public int[] ArcSwitch { get; }

    public int[] Route { get; }

    public int[] Virgin { get; }

    public int[] Throughput { get; }

    public int[] Plant { get; }

    public int[][] ProcessVirgin { get; }

    public int[][] Disposal { get; }

    public List<int>[] ArcsIntoSink { get; }

    public List<int>[] ArcsFromSource { get; }

    public Dictionary<(string Permit, string Receiver), int> PermitTaken { get; } = [];

    public Dictionary<string, int> MandateShortfall { get; } = new(StringComparer.Ordinal);

    /// <summary>Candidate exchanges the presolve fixed at zero because they can never lower the objective.</summary>
    public int ScreenedArcs { get; set; }

    /// <summary>New plants the presolve fixed unbuilt because they can never pay for themselves.</summary>
    public int ScreenedPlants { get; set; }

    /// <summary>Throughputs whose only upper limit is the artificial big-M; a solution at that limit means unbounded.</summary>
    public List<int> BoundedOnlyByBigM { get; } = [];

    /// <summary>
    /// The solved objective without the mandate-shortfall penalty: the penalty only steers the solve and is no cost
    /// anyone pays, so every value derived from an objective (KPIs, coalition values) starts from this.
    /// </summary>
    public double ObjectiveWithoutPenalties(Solvers.SolveOutcome outcome) =>
        outcome.Objective - (MandateShortfall.Values.Sum(c => outcome.Values[c]) * ProcurementBuilder.ShortfallPenalty);

    public void Book(int column, LedgerKind kind, double coefficient, string actorId, string category)
    {
        if (coefficient != 0)
        {
            Ledger.Add(new LedgerEntry(column, kind, coefficient, actorId, category));
        }
    }

    /// <summary>Money per unit of a current route: gate fee plus the landfill or incineration tax (mass resources only).</summary>
    public double RouteMoney(CurrentRoute route, Resource resource)
    {
        var tax = resource.FlowDimension == Domain.Quantities.Dimension.MassD
            ? route.Kind switch
            {
                RouteKind.Landfill => Region.Policies.LandfillTax.Value,
                RouteKind.Incineration => Region.Policies.IncinerationTax.Value,
                _ => 0,
            }
            : 0;
        return route.Cost.Value + tax;
    }

    public static bool IsLandfill(CurrentRoute route, Resource resource) =>
        route.Kind == RouteKind.Landfill && resource.FlowDimension == Domain.Quantities.Dimension.MassD;

    /// <summary>Share of the horizon during which an exchange that needs this permit actually flows.</summary>
    public double ActiveShare(string? permitId)
    {
        if (permitId is null)
        {
            return 1;
        }

        var permit = Region.Permits.First(p => p.Id == permitId);
        var h = Region.Economics.HorizonYears;
        return Math.Clamp((h - permit.LeadTime.Value) / h, 0, 1);
    }
}
