using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Quantities;

namespace SymbiosisOptimizer.Domain.Model;

/// <summary>How a planner pins a candidate: left to the optimiser (the default), always made, or never made.</summary>
public enum Decision
{
    Optional,
    Required,
    Forbidden,
}

/// <summary>What a pinned choice is about.</summary>
public enum PinKind
{
    /// <summary>Exchanges from one actor to another of one resource (optionally by one mode).</summary>
    Exchange,

    /// <summary>A process: a new plant is built, an existing one kept open.</summary>
    Plant,
}

/// <summary>
/// A candidate exchange, link or plant named by the planner, with its decision. An exchange is named by its ends and
/// resource (and mode), so it matches every candidate between those actors of that resource: one choice for all of them.
/// </summary>
/// <param name="AtLeast">For a required exchange: the least it must carry per year (source units); null = its minimum
/// lot, or 1 % of the most it could carry.</param>
/// <param name="Group">The all-or-nothing group the choice belongs to, if any.</param>
/// <param name="Origin">Where it was declared, for people: "decisions[#2]", "links[#1]", "groups[heat].members[#1]".</param>
public sealed record PinnedChoice(
    PinKind Kind,
    Decision Decision,
    string? From,
    string? To,
    string? ResourceId,
    string? ModeId,
    string? ProcessId,
    Quantity? AtLeast,
    string? Group,
    string Origin)
{
    /// <summary>Whether the formulation needs a yes/no column for it (required, or in a group).</summary>
    public bool NeedsSwitch => Decision == Decision.Required || Group is not null;
}

/// <summary>Choices that are made together or not at all (THERMOS's all-or-nothing groups of demands).</summary>
public sealed record DecisionGroup(string Id, ImmutableArray<PinnedChoice> Members);

/// <summary>
/// A connection between two actors stated by the planner; it replaces the generated candidate for that pair, resource
/// and mode (or adds one the generator would not make, such as 0 km between two actors on one site).
/// </summary>
/// <param name="Distance">km; null means the generated distance (stated distances, else great circle x circuity).</param>
/// <param name="Capacity">Most it carries per year, in the resource's unit; null = no limit of its own.</param>
/// <param name="FixedCost">Money per year of having it; null = the mode's fixed cost.</param>
/// <param name="Capex">Money invested in it (before subsidy); null = the mode's capex per km x distance for a pipeline, else 0.</param>
/// <param name="PermitId">The permit it needs; null = whatever the permit rules say.</param>
public sealed record Link(
    string From,
    string To,
    string ResourceId,
    string ModeId,
    Quantity? Distance,
    Quantity? Capacity,
    Quantity? FixedCost,
    Quantity? Capex,
    string? PermitId,
    Decision Decision,
    string Origin);
