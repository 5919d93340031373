using System.Collections.Immutable;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Optimization;

/// <summary>How an optimisation ended, as people are told it (linopy's Status folded into one word).</summary>
public enum ResultStatus
{
    /// <summary>A plan proven optimal within the requested gap.</summary>
    Optimal,

    /// <summary>A plan that satisfies every constraint, within the requested gap but not proven optimal.</summary>
    Feasible,

    /// <summary>The time limit ran out first: the best plan found, with its bound and the gap left open.</summary>
    TimeLimitWithPlan,

    /// <summary>The time limit ran out before any plan was found.</summary>
    TimeLimitWithoutPlan,

    /// <summary>No plan satisfies every constraint.</summary>
    Infeasible,

    /// <summary>The benefit can grow without limit.</summary>
    Unbounded,

    /// <summary>The solver failed or could not be used; the explanation says why.</summary>
    Error,
}

public static class ResultStatusWords
{
    /// <summary>The documented word for a status in every JSON document: optimal, feasible, time-limit-with-plan, time-limit-without-plan, ...</summary>
    public static string Word(this ResultStatus status) => status switch
    {
        ResultStatus.Optimal => "optimal",
        ResultStatus.Feasible => "feasible",
        ResultStatus.TimeLimitWithPlan => "time-limit-with-plan",
        ResultStatus.TimeLimitWithoutPlan => "time-limit-without-plan",
        ResultStatus.Infeasible => "infeasible",
        ResultStatus.Unbounded => "unbounded",
        _ => "error",
    };

    /// <summary>The status in words for people.</summary>
    public static string Text(this ResultStatus status) => status switch
    {
        ResultStatus.Optimal => "optimal",
        ResultStatus.Feasible => "feasible (not proven optimal)",
        ResultStatus.TimeLimitWithPlan => "time limit reached: best plan",
        ResultStatus.TimeLimitWithoutPlan => "time limit reached without a plan",
        ResultStatus.Infeasible => "infeasible",
        ResultStatus.Unbounded => "unbounded",
        _ => "error",
    };

    public static bool HasPlan(this ResultStatus status) => status is ResultStatus.Optimal or ResultStatus.Feasible or ResultStatus.TimeLimitWithPlan;

    /// <summary>The status in words with the gap where it matters: "time limit reached: best plan, gap 1.62 %".</summary>
    public static string Text(this ResultStatus status, string gapText) =>
        status == ResultStatus.TimeLimitWithPlan ? $"{status.Text()}, gap {gapText}" : status.Text();
}

/// <summary>Key figures against the counterfactual, per year. Positive means better than today.</summary>
/// <param name="NetBenefit">Money saved per year (region currency), before any transfer between actors.</param>
/// <param name="ObjectiveGain">Counterfactual objective minus optimised objective: money plus valued CO2 and landfill.</param>
/// <param name="Co2Avoided">t CO2e per year.</param>
/// <param name="LandfillAvoided">t per year kept out of landfill.</param>
/// <param name="VirginMaterialAvoided">t per year of virgin (mass) material no longer bought.</param>
/// <param name="TransportEmissions">t CO2e per year emitted by the exchanges' transport.</param>
/// <param name="MandateShortfall">Units per year by which procurement mandates could not be met.</param>
public sealed record Kpis(
    double NetBenefit,
    double ObjectiveGain,
    double Co2Avoided,
    double LandfillAvoided,
    double VirginMaterialAvoided,
    double TransportEmissions,
    double MandateShortfall);

/// <summary>
/// What one item of the plan (an exchange, a plant, a permit) changes against today, per year; positive is better.
/// The KPIs are the sum of these over every item, so every breakdown adds up to its total.
/// </summary>
/// <param name="Money">Money saved (region currency per year).</param>
/// <param name="Co2">t CO2e avoided per year.</param>
/// <param name="Landfill">t per year kept out of landfill.</param>
/// <param name="VirginMass">t per year of virgin mass material (not water) no longer bought.</param>
public sealed record Contribution(double Money, double Co2, double Landfill, double VirginMass)
{
    public static readonly Contribution Zero = new(0, 0, 0, 0);

    public bool IsZero => Money == 0 && Co2 == 0 && Landfill == 0 && VirginMass == 0;

    public Contribution Plus(Contribution o) => new(Money + o.Money, Co2 + o.Co2, Landfill + o.Landfill, VirginMass + o.VirginMass);

    public static Contribution Sum(IEnumerable<Contribution> parts) => parts.Aggregate(Zero, (a, b) => a.Plus(b));
}

/// <summary>An exchange's identity across runs and scenarios: its source node, sink node and mode.</summary>
/// <remarks>Kept typed so that documents name its ends from the network, never by taking its key text apart.</remarks>
public readonly record struct ExchangeId(string Source, string Sink, string? Mode) : IComparable<ExchangeId>
{
    /// <summary>The stable key documents write: "source -&gt; sink @ mode".</summary>
    public string Key => $"{Source} -> {Sink} @ {Mode}";

    public int CompareTo(ExchangeId other)
    {
        var c = string.CompareOrdinal(Source, other.Source);
        c = c != 0 ? c : string.CompareOrdinal(Sink, other.Sink);
        return c != 0 ? c : string.CompareOrdinal(Mode, other.Mode);
    }

    public override string ToString() => Key;

    public static bool operator <(ExchangeId a, ExchangeId b) => a.CompareTo(b) < 0;

    public static bool operator >(ExchangeId a, ExchangeId b) => a.CompareTo(b) > 0;

    public static bool operator <=(ExchangeId a, ExchangeId b) => a.CompareTo(b) <= 0;

    public static bool operator >=(ExchangeId a, ExchangeId b) => a.CompareTo(b) >= 0;
}

/// <summary>One exchange the optimiser chose.</summary>
/// <param name="Arc">The candidate arc (network index) this exchange is.</param>
/// <param name="Quantity">Per year, in the source resource's unit.</param>
/// <param name="Impact">What the exchange changes against today, from the ledger: the supply's avoided current route and
/// the receiver's avoided purchase (each shared among the exchanges that caused it, by flow) minus transport,
/// connection and permit-delay costs. A plant's own costs, purchases and disposals are the plant's.</param>
/// <param name="SteadySaving">Money per year once running: avoided disposal and purchase minus transport, before
/// connection costs and without the permit delay.</param>
/// <param name="Investment">One-off investment in the connection (pipeline capex after subsidy).</param>
/// <param name="SupplierSavingPerUnit">Current-route cost the source side avoids per unit sent.</param>
/// <param name="ReceiverSavingPerUnit">Purchase the receiving side avoids per unit sent, minus transport per unit.</param>
public sealed record ExchangeOutcome(
    int Arc,
    string Source,
    string Sink,
    string FromActor,
    string ToActor,
    string Resource,
    double Quantity,
    string Unit,
    double DistanceKm,
    string? Mode,
    string? Process,
    string? Permit,
    Contribution Impact,
    double SteadySaving,
    double AnnualFixedCost,
    double Investment,
    double LeadTimeYears,
    Co2Split Co2,
    double SupplierSavingPerUnit,
    double ReceiverSavingPerUnit)
{
    /// <summary>The process the exchange comes out of, if any (a process id).</summary>
    public string? SourceProcess { get; init; }

    /// <summary>The process the exchange goes into, if any (a process id).</summary>
    public string? SinkProcess { get; init; }

    /// <summary>Money saved per year by this exchange (see <see cref="Impact"/>).</summary>
    public double AnnualBenefit => Impact.Money;

    public double Co2Avoided => Impact.Co2;

    public double LandfillAvoided => Impact.Landfill;

    /// <summary>A stable key: source-&gt;sink@mode.</summary>
    public string Key => $"{Source}->{Sink}@{Mode}";

    /// <summary>The exchange's identity across runs (source, sink, mode).</summary>
    public ExchangeId Id => new(Source, Sink, Mode);
}

/// <summary>CO2e avoided by an exchange per year (horizon average), by cause; Total = Disposal + Virgin - Transport - PermitDelay.</summary>
public sealed record Co2Split(double AvoidedDisposal, double AvoidedVirgin, double AddedTransport, double PermitDelay)
{
    public double Total => AvoidedDisposal + AvoidedVirgin - AddedTransport - PermitDelay;
}

/// <summary>One ledger line of an actor: counterfactual minus optimum, per year (positive = better than today).</summary>
/// <param name="Resource">The resource of a <see cref="LedgerKind.Virgin"/> line; null for other kinds.</param>
public sealed record LedgerDelta(LedgerKind Kind, LedgerCategory Category, string? Resource, double Value);

/// <summary>An actor's result against its own counterfactual, before transfer prices (benefit sharing settles those).</summary>
public sealed record ActorOutcome(string Id, string Name, double NetBenefit, double Co2Avoided, double LandfillAvoided, ImmutableArray<LedgerDelta> Ledger)
{
    public double Delta(LedgerKind kind, LedgerCategory category) =>
        Ledger.Where(l => l.Kind == kind && l.Category == category).Sum(l => l.Value);

    // Results are values: two outcomes with the same ledger lines are equal (ImmutableArray alone compares by reference).
    public bool Equals(ActorOutcome? other) =>
        other is not null && Id == other.Id && Name == other.Name && NetBenefit.Equals(other.NetBenefit) &&
        Co2Avoided.Equals(other.Co2Avoided) && LandfillAvoided.Equals(other.LandfillAvoided) && Ledger.SequenceEqual(other.Ledger);

    public override int GetHashCode() => HashCode.Combine(Id, NetBenefit, Co2Avoided, LandfillAvoided, Ledger.Length);
}

/// <summary>A process of the region: whether it runs, how much, and what it changes against today.</summary>
/// <param name="Impact">The plant's own ledger against today: opex, annualised capex, fixed opex, its purchases and
/// disposals, its processing emissions (the exchanges into and out of it carry only their own terms).</param>
public sealed record ProcessOutcome(string Id, string Name, string ActorId, bool Existing, bool Built, double Throughput, string Unit, Contribution Impact)
{
    /// <summary>For a process with contaminant loads: each contaminant's limit at the outlet and its actual concentration
    /// in the solution (base units), so a reader sees which contaminant binds and how far below its limit the others are.</summary>
    public ImmutableArray<OutletConcentration> Outlet { get; init; } = [];

    /// <summary>An existing plant the plan may close.</summary>
    public bool Closable { get; init; }

    /// <summary>Closed in the plan (then <see cref="Built"/> is false and the throughput zero).</summary>
    public bool Closed { get; init; }

    /// <summary>The closing saving the plan books for it (money per year; 0 unless closed); part of <see cref="Impact"/>.</summary>
    public double ClosingSaving { get; init; }
}

/// <param name="Property">The contaminant (a quality property id).</param>
/// <param name="Limit">The outlet limit the model holds (base units, e.g. a mass fraction for ppm).</param>
/// <param name="Actual">(inlet mass + load) / outlet flow in the solution; NaN when the process does not run.</param>
public sealed record OutletConcentration(string Property, double Limit, double Actual);

/// <summary>A permit the plan takes: its annualised cost, booked to the receiver.</summary>
public sealed record PermitOutcome(string PermitId, string Name, string Receiver, Contribution Impact)
{
    public string Key => $"{PermitId}@{Receiver}";
}

public sealed record ParetoPoint(double NetBenefit, double Co2Avoided, double LandfillAvoided, ResultStatus Status)
{
    /// <summary>The plan behind the point: its exchanges, in ordinal order.</summary>
    public ImmutableArray<ExchangeId> Exchanges { get; init; } = [];
}

/// <summary>The whole answer of one optimisation, as values that keep their models.</summary>
/// <param name="Counterfactual">What every actor does today, solved.</param>
/// <param name="Chosen">The optimised plan, solved.</param>
/// <param name="Unattributed">What no exchange, plant or permit of the plan carries (round-off, or a change on a
/// route with no chosen exchange): shown as its own row so breakdowns still add up to the KPIs.</param>
public sealed record OptimizationResult(
    ResultStatus Status,
    Solution Counterfactual,
    Solution Chosen,
    Kpis? Kpis,
    ImmutableArray<ExchangeOutcome> Exchanges,
    ImmutableArray<ActorOutcome> Actors,
    ImmutableArray<ProcessOutcome> Processes,
    ImmutableArray<PermitOutcome> Permits,
    Contribution Unattributed,
    ImmutableArray<string> Explanation,
    ImmutableArray<ParetoPoint> Pareto)
{
    /// <summary>Today minus the plan, line by line (<see cref="LedgerBreakdown"/>): what every breakdown and account sums.</summary>
    public ImmutableArray<BreakdownLine> Lines { get; init; } = [];

    public bool HasSolution => Kpis is not null;

    public CandidateNetwork Network => Chosen.Model.Network;

    /// <summary>The main solve's outcome (status, objective, bound, gap, size).</summary>
    public SolveOutcome Solve => Chosen.Outcome;

    /// <summary>Permits taken, as permit@receiver.</summary>
    public ImmutableArray<string> PermitsTaken => [.. Permits.Select(p => p.Key)];

    /// <summary>Wall-clock seconds per stage of <see cref="ExchangeOptimizer.Optimize"/>, in the order they ran.</summary>
    public ImmutableArray<StageSeconds> Stages { get; init; } = [];
}

/// <summary>How long one stage took (wall clock): only ever written to a document's metadata block.</summary>
public sealed record StageSeconds(string Stage, double Seconds);
