using System.Collections.Immutable;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Assessment.Rejected;

/// <summary>
/// Why a candidate exchange or a new plant is not in the plan, as far as the model can tell the causes apart. Every
/// measured cause comes from forcing the candidate into a copy of the chosen model and re-solving it; only
/// <see cref="Screened"/> and <see cref="NotAnalysed"/> are stated without a solve.
/// </summary>
public enum RejectionCause
{
    /// <summary>
    /// It loses money per unit before any transport: what it avoids at the source (today's route) and at the receiver
    /// (today's purchase) is worth less than nothing, or less than the permit-delay share it gives up.
    /// </summary>
    Cost,

    /// <summary>It would save per unit before transport, but moving it the distance between the two costs more than that saving.</summary>
    Distance,

    /// <summary>It saves per unit, but not enough at the most it can move to pay its fixed annual cost (connection, annualised
    /// pipeline investment; for a plant its annualised capex and fixed opex).</summary>
    FixedCost,

    /// <summary>It saves per unit and pays its connection, but not the permit it needs (not taken by the plan at that receiver)
    /// and the years it waits for it.</summary>
    Permit,

    /// <summary>
    /// It would pay on its own, but what it needs is already used by exchanges that save more: the receiver's need,
    /// the supply's quantity or a plant's capacity; forced in, it displaces one of those. Also used when forcing it in is
    /// impossible because a balance, capacity or minimum-lot row blocks it.
    /// </summary>
    Capacity,

    /// <summary>Forcing it in is impossible because a quality limit of the receiver (a maximum or minimum of a property) cannot hold.</summary>
    Quality,

    /// <summary>It goes into or out of a new plant the plan does not build; its shortfall includes building and running that plant.</summary>
    PlantNotBuilt,

    /// <summary>The presolve (<c>ScreeningBuilder</c>) proved it can never lower the objective; the reason is per unit, without a solve.</summary>
    Screened,

    /// <summary>Forcing it in is impossible for another reason (a procurement mandate, a permit row); the blocking rows are listed.</summary>
    Infeasible,

    /// <summary>Forced in, the objective does not get worse (within the solver's tolerance): an equally good plan uses it.</summary>
    NoLoss,

    /// <summary>Not analysed: beyond the cap on forced solves, and farther from paying (by its screening saving) than those analysed.</summary>
    NotAnalysed,
}

/// <summary>Whether a rejected candidate is an exchange (a candidate arc) or a plant (a process of the region).</summary>
public enum CandidateKind
{
    Exchange,
    Plant,
}

/// <summary>The input whose change would make a rejected candidate pay.</summary>
public enum ThresholdKind
{
    /// <summary><c>policies.landfillTax</c>, region currency per tonne landfilled.</summary>
    LandfillTax,

    /// <summary><c>policies.co2Price</c> (the CO2 valuation in the objective), region currency per t CO2e.</summary>
    Co2Price,

    /// <summary>The candidate's own fixed annual cost (connection fixed cost plus annualised investment; a plant's
    /// annualised capex plus fixed opex), region currency per year.</summary>
    FixedCost,
}

/// <summary>What would have to change for a rejected candidate to pay.</summary>
/// <param name="Current">The value today, in <paramref name="Unit"/>.</param>
/// <param name="Value">The value above which (landfill tax, CO2 price) or below which (fixed cost) it would pay, in <paramref name="Unit"/>.</param>
/// <param name="Unit">E.g. "SEK/t", "SEK/t CO2e", "SEK/yr".</param>
/// <param name="IsEstimate">True when estimated from the shortfall and the tonnes it would change, holding the rest of the
/// plan fixed (the landfill tax and the CO2 price change every other route too, so the plan can move); false when exact.</param>
/// <param name="Confirmed">When a confirming re-solve was asked for: whether the candidate is in the plan at slightly
/// beyond <paramref name="Value"/>; null when not checked.</param>
/// <param name="Text">The threshold in plain words.</param>
public sealed record PayThreshold(ThresholdKind Kind, double Current, double Value, string Unit, bool IsEstimate, bool? Confirmed, string Text);

/// <summary>One candidate exchange or plant the plan leaves out, and why.</summary>
/// <param name="Index">For an exchange the candidate arc (network index, as <c>ExchangeOutcome.Arc</c>); for a plant the process (region index).</param>
/// <param name="Key">A stable key: source-&gt;sink@mode for an exchange (as <c>ExchangeOutcome.Key</c>), the process id for a plant.</param>
/// <param name="Name">Display name: "From -&gt; To (resource)" or the plant's name; never ids.</param>
/// <param name="FromActor">Display name of the supplying actor (for a plant: its owner).</param>
/// <param name="ToActor">Display name of the receiving actor (for a plant: its owner).</param>
/// <param name="Resource">Display name of the resource moved (for a plant: its first input).</param>
/// <param name="Reason">The cause in plain words with display names and figures.</param>
/// <param name="Measured">True when the figures come from a forced re-solve; false for screened, unanalysed and
/// infeasible candidates (a screened exchange's <paramref name="Shortfall"/> is then a lower bound from the presolve).</param>
/// <param name="Shortfall">Objective change when forced in: money plus valued CO2e and landfill, region currency per year;
/// positive = worse than the plan. Null when it cannot be forced in or was not analysed.</param>
/// <param name="MoneyShortfall">The money-only part of <paramref name="Shortfall"/>, region currency per year.</param>
/// <param name="Co2Avoided">t CO2e per year the forced plan emits less than the plan (negative = more).</param>
/// <param name="LandfillAvoided">t per year the forced plan landfills less than the plan.</param>
/// <param name="ForcedQuantity">Its flow (exchange, source unit per year) or throughput (plant) in the forced plan.</param>
/// <param name="QuantityUnit">The unit of <paramref name="ForcedQuantity"/>, e.g. "t/yr".</param>
/// <param name="ShortfallPerUnit"><paramref name="Shortfall"/> / <paramref name="ForcedQuantity"/>, currency per unit; null without a quantity.</param>
/// <param name="Blocking">For a candidate that cannot be forced in: the rows that cannot all hold, in words.</param>
/// <param name="Thresholds">What would make it pay, where that can be stated.</param>
/// <param name="ShortfallAtLeast">When the forced re-solve stopped at its node budget before proving its plan optimal: the
/// least the shortfall can be (from the re-solve's bound), so the true shortfall lies between this and
/// <paramref name="Shortfall"/>; null when the re-solve proved its plan (to the run's gap) or none was run.</param>
public sealed record RejectedCandidate(
    CandidateKind Kind,
    int Index,
    string Key,
    string Name,
    string FromActor,
    string ToActor,
    string Resource,
    RejectionCause Cause,
    string Reason,
    bool Measured,
    double? Shortfall,
    double? MoneyShortfall,
    double? Co2Avoided,
    double? LandfillAvoided,
    double? ForcedQuantity,
    string QuantityUnit,
    double? ShortfallPerUnit,
    ImmutableArray<string> Blocking,
    ImmutableArray<PayThreshold> Thresholds,
    double? ShortfallAtLeast = null)
{
    public bool Equals(RejectedCandidate? other) =>
        other is not null && Kind == other.Kind && Index == other.Index && Key == other.Key && Name == other.Name && Cause == other.Cause &&
        Reason == other.Reason && Measured == other.Measured && Nullable.Equals(Shortfall, other.Shortfall) &&
        Nullable.Equals(MoneyShortfall, other.MoneyShortfall) && Nullable.Equals(Co2Avoided, other.Co2Avoided) &&
        Nullable.Equals(LandfillAvoided, other.LandfillAvoided) && Nullable.Equals(ForcedQuantity, other.ForcedQuantity) &&
        Blocking.SequenceEqual(other.Blocking) && Thresholds.SequenceEqual(other.Thresholds) && Nullable.Equals(ShortfallAtLeast, other.ShortfallAtLeast);

    public override int GetHashCode() => HashCode.Combine(Kind, Index, Cause, Shortfall);
}

/// <summary>The rejected candidates of one cause, nearest to paying first (smallest shortfall; unmeasured last).</summary>
/// <param name="Title">The cause in words, for a heading.</param>
public sealed record RejectionGroup(RejectionCause Cause, string Title, ImmutableArray<RejectedCandidate> Candidates)
{
    public bool Equals(RejectionGroup? other) =>
        other is not null && Cause == other.Cause && Title == other.Title && Candidates.SequenceEqual(other.Candidates);

    public override int GetHashCode() => HashCode.Combine(Cause, Candidates.Length);
}

/// <summary>Why every candidate exchange and new plant outside the plan is outside it.</summary>
/// <param name="Currency">The region's currency; every amount is in it, per year.</param>
/// <param name="Groups">By cause, in the order of <see cref="RejectionCause"/>; empty groups left out.</param>
/// <param name="Rejected">Candidates not in the plan (exchanges plus plants).</param>
/// <param name="ForcedSolves">Forced re-solves run.</param>
/// <param name="LeftOut">Candidates not analysed because of the cap (<see cref="RejectionCause.NotAnalysed"/>).</param>
/// <param name="Note">A sentence on what was left out or why nothing could be analysed; empty when all was analysed.</param>
public sealed record WhyNotChosenResult(string Currency, ImmutableArray<RejectionGroup> Groups, int Rejected, int ForcedSolves, int LeftOut, string Note)
{
    public IEnumerable<RejectedCandidate> All => Groups.SelectMany(g => g.Candidates);

    public bool Equals(WhyNotChosenResult? other) =>
        other is not null && Currency == other.Currency && Groups.SequenceEqual(other.Groups) && Rejected == other.Rejected &&
        ForcedSolves == other.ForcedSolves && LeftOut == other.LeftOut && Note == other.Note;

    public override int GetHashCode() => HashCode.Combine(Currency, Rejected, ForcedSolves, LeftOut);
}

/// <param name="Solve">The solve options of the result (gap, time limit, solver); null means the defaults (gap 1e-4).</param>
/// <param name="MaxForcedSolves">At most this many forced re-solves; above it, the candidates nearest to paying by their
/// screening saving are analysed and the rest reported as <see cref="RejectionCause.NotAnalysed"/>.</param>
/// <param name="ProbeQuantity">The least flow (source unit per year) an exchange is forced to carry, or throughput a plant
/// without a build decision is forced to run (never more than the candidate can carry).</param>
/// <param name="ConfirmThresholds">Re-optimise the region once per landfill-tax or CO2-price threshold, slightly beyond
/// it, and record whether the candidate is then chosen (<see cref="PayThreshold.Confirmed"/>).</param>
/// <param name="ForcedNodes">Branch-and-bound nodes each forced re-solve may take (SCIP's <c>limits/nodes</c>): a count, so the
/// same input gives the same explanations. A re-solve stopped by it reports its best plan's shortfall and the least the
/// shortfall can be (<see cref="RejectedCandidate.ShortfallAtLeast"/>).</param>
public sealed record WhyNotOptions(SolveOptions? Solve = null, int MaxForcedSolves = 300, double ProbeQuantity = 1, bool ConfirmThresholds = false, long ForcedNodes = WhyNotOptions.DefaultForcedNodes)
{
    /// <summary>The default node budget of a forced re-solve; see benchmarks/README.md ("Why not chosen: a node budget").</summary>
    public const long DefaultForcedNodes = 200;
}
