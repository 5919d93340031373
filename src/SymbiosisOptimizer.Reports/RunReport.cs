using System.Collections.Immutable;
using System.Globalization;
using SymbiosisOptimizer.Assessment.BusinessCase;
using SymbiosisOptimizer.Assessment.Impacts;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization;

namespace SymbiosisOptimizer.Reports;

/// <summary>
/// Everything the human-readable reports of one run show (workbook, charts, HTML, GeoJSON), computed once from values.
/// Figures are rounded exactly as in results.json so every report shows the same numbers.
/// </summary>
public sealed class RunReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public RunReport(Region region, RunProvenance run, OptimizationResult result)
    {
        Region = region;
        Run = run;
        Result = result;
        ActorCases = BusinessCases.ForActors(region, result);
        Impacts = ImpactAccounts.Build(region, result);
    }

    public Region Region { get; }

    public RunProvenance Run { get; }

    public OptimizationResult Result { get; }

    public ImmutableArray<CashFlowCase> ActorCases { get; }

    public ImpactReport Impacts { get; }

    public string Currency => Region.Economics.Currency;

    /// <summary>Exchanges ordered by annual benefit, largest first (the order of every report table).</summary>
    public IEnumerable<ExchangeOutcome> ExchangesByBenefit => Result.Exchanges.OrderByDescending(e => e.AnnualBenefit).ThenBy(e => e.Source, StringComparer.Ordinal);

    public string ActorName(string id) => Region.HasActor(id) ? Region.Actor(id).Name : id;

    public string ResourceName(string id) => Region.HasResource(id) ? Region.Resource(id).Name : id;

    /// <summary>Tonnes per year an exchange keeps out of landfill: its flow when the supply's current route is landfill.</summary>
    public double LandfillAvoided(ExchangeOutcome e)
    {
        var supply = Region.Supplies.FirstOrDefault(s => string.Equals(s.Id, e.Source, StringComparison.Ordinal));
        return supply is { Route.Kind: RouteKind.Landfill } && Region.HasResource(supply.ResourceId) &&
               Region.Resource(supply.ResourceId).FlowDimension == Domain.Quantities.Dimension.MassD
            ? e.Quantity
            : 0;
    }

    /// <summary>An exchange in words: "Foundry sends 5,000 t/yr of Foundry sand to Road works (40 km by truck)".</summary>
    public string Describe(ExchangeOutcome e) => string.Create(Inv,
        $"{ActorName(e.FromActor)} sends {e.Quantity:N0} {e.Unit} of {ResourceName(e.Resource)} to {ActorName(e.ToActor)} ({(e.Mode is null or "on-site" ? "on site" : $"{e.DistanceKm:0.#} km by {e.Mode}")}{(e.Process is null ? string.Empty : ", via " + e.Process)}{(e.Permit is null ? string.Empty : ", needs permit " + e.Permit)}): {e.AnnualBenefit:N0} {Currency}/yr, {e.Co2Avoided:N1} t CO2e/yr avoided");

    public string GapText => Result.Solve.GapText;

    public string ScenarioText => Run.Overrides.IsEmpty ? $"'{Run.Scenario}'" : $"'{Run.Scenario}' ({string.Join(", ", Run.Overrides)})";

    /// <summary>Plain-language findings, most important first: what a council member reads before any table.</summary>
    public ImmutableArray<string> Findings()
    {
        var list = ImmutableArray.CreateBuilder<string>();
        var s = Result.Solve;
        if (Result.Kpis is not { } k)
        {
            list.Add($"No plan was found for {Region.Name}, scenario {ScenarioText}: status {Result.Status.Text()}.");
            list.AddRange(Result.Explanation);
            list.Add($"Solver: {s.SolverName}, status {Result.Status.Text()}.");
            return list.ToImmutable();
        }

        list.Add(string.Create(Inv, $"Net benefit: the chosen exchanges save {k.NetBenefit:N0} {Currency} per year against what the actors do today (scenario {ScenarioText})."));
        list.Add(string.Create(Inv, $"Climate: {k.Co2Avoided:N1} t CO2e avoided per year, after {k.TransportEmissions:N1} t CO2e/yr emitted by the transport of the exchanges."));
        list.Add(string.Create(Inv, $"Landfill: {k.LandfillAvoided:N0} t per year kept out of landfill; {k.VirginMaterialAvoided:N0} t/yr of virgin material no longer bought."));
        if (Result.Exchanges.IsEmpty)
        {
            list.Add("No exchange pays off under this scenario: every actor keeps its current route and source.");
        }
        else
        {
            var top = ExchangesByBenefit.Take(3).ToList();
            list.Add(string.Create(Inv, $"{Result.Exchanges.Length} exchange(s) chosen; the largest {(top.Count == 1 ? "is" : $"{top.Count} are")}:"));
            list.AddRange(top.Select(e => "  - " + Describe(e)));
        }

        var gainers = Result.Actors.Where(a => a.NetBenefit > 0.5).OrderByDescending(a => a.NetBenefit).ToList();
        var payers = Result.Actors.Where(a => a.NetBenefit < -0.5).OrderBy(a => a.NetBenefit).ToList();
        if (gainers.Count > 0)
        {
            list.Add(string.Create(Inv, $"Who gains most: {gainers[0].Name} ({gainers[0].NetBenefit:N0} {Currency}/yr before transfer prices)."));
        }

        if (payers.Count > 0)
        {
            list.Add(string.Create(Inv, $"Who pays: {string.Join(", ", payers.Select(a => string.Create(Inv, $"{a.Name} ({a.NetBenefit:N0} {Currency}/yr)")))}; a transfer price between the partners can settle this."));
        }

        list.AddRange(Result.Explanation);
        list.Add(string.Create(Inv, $"Solver: {s.SolverName}, status {Result.Status.Text()}, optimality gap {GapText}, {s.Seconds:0.###} s."));
        return list.ToImmutable();
    }
}
