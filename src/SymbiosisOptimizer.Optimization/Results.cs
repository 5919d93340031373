using System.Collections.Immutable;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Optimization;

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

/// <summary>One exchange the optimiser chose.</summary>
/// <param name="Quantity">Per year, in the source resource's unit.</param>
/// <param name="AnnualBenefit">Money saved per year by this exchange (avoided disposal and purchase minus transport,
/// connection and permit-delay costs); process costs are reported on the process.</param>
/// <param name="SteadySaving">Money per year once running: avoided disposal and purchase minus transport, before
/// connection costs and without the permit delay.</param>
/// <param name="Investment">One-off investment in the connection (pipeline capex after subsidy).</param>
/// <param name="SupplierSavingPerUnit">Current-route cost the source side avoids per unit sent.</param>
/// <param name="ReceiverSavingPerUnit">Purchase the receiving side avoids per unit sent, minus transport per unit.</param>
public sealed record ExchangeOutcome(
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
    double AnnualBenefit,
    double Co2Avoided,
    double SteadySaving,
    double AnnualFixedCost,
    double Investment,
    double LeadTimeYears,
    Co2Split Co2,
    double SupplierSavingPerUnit,
    double ReceiverSavingPerUnit);

/// <summary>CO2e avoided by an exchange per year (horizon average), by cause; Total = Disposal + Virgin - Transport.</summary>
public sealed record Co2Split(double AvoidedDisposal, double AvoidedVirgin, double AddedTransport)
{
    public double Total => AvoidedDisposal + AvoidedVirgin - AddedTransport;
}

/// <summary>One ledger line of an actor: counterfactual minus optimum, per year (positive = better than today).</summary>
public sealed record LedgerDelta(Formulation.LedgerKind Kind, string Category, double Value);

/// <summary>An actor's result against its own counterfactual, before transfer prices (benefit sharing settles those).</summary>
public sealed record ActorOutcome(string Id, string Name, double NetBenefit, double Co2Avoided, double LandfillAvoided, ImmutableArray<LedgerDelta> Ledger)
{
    public double Delta(Formulation.LedgerKind kind, string category) =>
        Ledger.Where(l => l.Kind == kind && l.Category == category).Sum(l => l.Value);

    // Results are values: two outcomes with the same ledger lines are equal (ImmutableArray alone compares by reference).
    public bool Equals(ActorOutcome? other) =>
        other is not null && Id == other.Id && Name == other.Name && NetBenefit.Equals(other.NetBenefit) &&
        Co2Avoided.Equals(other.Co2Avoided) && LandfillAvoided.Equals(other.LandfillAvoided) && Ledger.SequenceEqual(other.Ledger);

    public override int GetHashCode() => HashCode.Combine(Id, NetBenefit, Co2Avoided, LandfillAvoided, Ledger.Length);
}

public sealed record ProcessOutcome(string Id, string ActorId, bool Built, double Throughput, string Unit);

public sealed record ParetoPoint(double NetBenefit, double Co2Avoided, double LandfillAvoided, string Status);

/// <summary>The whole answer of one optimisation, as values.</summary>
public sealed record OptimizationResult(
    string Status,
    SolveOutcome Counterfactual,
    SolveOutcome Solve,
    CandidateNetwork Network,
    Kpis? Kpis,
    ImmutableArray<ExchangeOutcome> Exchanges,
    ImmutableArray<ActorOutcome> Actors,
    ImmutableArray<ProcessOutcome> Processes,
    ImmutableArray<string> PermitsTaken,
    ImmutableArray<string> Explanation,
    ImmutableArray<ParetoPoint> Pareto)
{
    public bool HasSolution => Kpis is not null;
}
