using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;

namespace SymbiosisOptimizer.Optimization.Network;

/// <summary>Where a flow can come from: a supply, or an output of a process.</summary>
public sealed record SourceNode(int Index, string Id, string ActorId, string ResourceId, Supply? Supply, Process? Process, int OutputIndex)
{
    public bool IsSupply => Supply is not null;

    public ImmutableDictionary<string, double> Quality(Region region) =>
        Supply is not null
            ? Supply.Quality.ToImmutableDictionary(kv => kv.Key, kv => kv.Value.Value, StringComparer.Ordinal)
            : Process!.Outputs[OutputIndex].Quality.ToImmutableDictionary(kv => kv.Key, kv => kv.Value.Value, StringComparer.Ordinal);
}

/// <summary>Where a flow can go: a demand, or an input of a process.</summary>
public sealed record SinkNode(int Index, string Id, string ActorId, string ResourceId, Demand? Demand, Process? Process, int InputIndex)
{
    public bool IsDemand => Demand is not null;
}

/// <summary>
/// One candidate exchange: a source sends a resource to a sink by one mode. Quantities are per year in the source's
/// flow unit; <see cref="Ratio"/> converts to the sink's unit and <see cref="Delivered"/> accounts for losses.
/// </summary>
/// <param name="FixedAnnualCost">Operating cost per year of having the connection (contract, handling).</param>
/// <param name="Capex">Investment in the connection (a pipeline: capex per km x distance, after subsidy).</param>
/// <param name="AnnualisedCapex">Capex x capital recovery factor.</param>
/// <param name="AnnualisedSubsidy">The investment subsidy on the connection's capex x capital recovery factor (paid by
/// the state; <see cref="AnnualisedCapex"/> is already net of it).</param>
public sealed record CandidateArc(
    int Index,
    int Source,
    int Sink,
    string? ModeId,
    double DistanceKm,
    double Ratio,
    double LossFraction,
    double TransportCostPerUnit,
    double TransportEmissionsPerUnit,
    double FixedAnnualCost,
    double Capex,
    double AnnualisedCapex,
    double UpperBound,
    double MinLot,
    string? PermitId,
    double AnnualisedSubsidy = 0,
    int Link = -1)
{
    /// <summary>Whether the arc is a link the scenario states (index into <see cref="Region.Links"/>), not a generated candidate.</summary>
    public bool IsLink => Link >= 0;

    /// <summary>Sink units delivered per source unit sent.</summary>
    public double Delivered => Ratio * (1 - LossFraction);

    public bool NeedsSwitch => FixedAnnualCost > 0 || AnnualisedCapex > 0 || MinLot > 0;
}

/// <summary>Why candidate exchanges were not generated, counted so the user sees what the network left out.</summary>
public sealed record PruneReason(string Reason, int Count, string Example);

/// <summary>Why a source or sink lost candidate pairs, as flags (a node with no candidate at all is reported with them).</summary>
[Flags]
public enum Blocked
{
    None = 0,

    /// <summary>No transport mode carries the resource between two actors.</summary>
    NoMode = 1,

    /// <summary>Farther than every mode that carries it may go.</summary>
    Distance = 2,

    /// <summary>The source does not state a quality the receiver limits.</summary>
    Quality = 4,
}

public sealed record CandidateNetwork(
    ImmutableArray<SourceNode> Sources,
    ImmutableArray<SinkNode> Sinks,
    ImmutableArray<CandidateArc> Arcs,
    ImmutableArray<PruneReason> Pruned,
    int Considered)
{
    /// <summary>Per source: why pairs from it were left out (<see cref="Blocked.None"/> when none were).</summary>
    public ImmutableArray<Blocked> SourceBlocks { get; init; } = [];

    /// <summary>Per sink: why pairs into it were left out.</summary>
    public ImmutableArray<Blocked> SinkBlocks { get; init; } = [];

    /// <summary>Per source: whether any sink accepts its resource at all (else it has no counterpart to reach).</summary>
    public ImmutableArray<bool> SourceHasCounterpart { get; init; } = [];

    /// <summary>Per sink: whether any source offers a resource it accepts.</summary>
    public ImmutableArray<bool> SinkHasCounterpart { get; init; } = [];
}

/// <summary>How the candidate network finds its pairs. Both give the same arcs, counts, examples and flags.</summary>
public enum CandidateSearch
{
    /// <summary>A grid of the receivers' locations: only pairs that may be within reach are measured, the far ones counted.</summary>
    Nearby,

    /// <summary>Every source against every receiver of its resource: the reference the nearby search is tested against.</summary>
    AllPairs,
}
