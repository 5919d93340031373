using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using SymbiosisOptimizer.Assessment.BusinessCase;
using SymbiosisOptimizer.Assessment.Impacts;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization;

namespace SymbiosisOptimizer.Reports;

/// <summary>Which scenario and overrides a result belongs to: every figure in a report traces back to these.</summary>
public sealed record RunProvenance(string Source, string Scenario, ImmutableArray<string> Overrides);

/// <summary>The results.json document (schema in docs/results-schema.md). Built from values only, never from the solver.</summary>
public static class ResultsJson
{
    public const int SchemaVersion = 1;

    public sealed record Amount(double Value, string Unit);

    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static object Document(Region region, RunProvenance run, OptimizationResult result)
    {
        var cur = region.Economics.Currency;
        var k = result.Kpis;
        Amount A(double v, string unit) => new(Round(v), unit);
        return new
        {
            schemaVersion = SchemaVersion,
            tool = "SymbiosisOptimizer",
            region = region.Name,
            source = run.Source,
            scenario = run.Scenario,
            overrides = run.Overrides,
            status = result.Status.Word(),
            solver = Solver(result.Solve),
            counterfactual = Solver(result.Counterfactual.Outcome),
            kpis = KpiBlock(k, cur),
            valuation = new
            {
                co2Price = A(region.Policies.Co2Price.Value, $"{cur}/t CO2e"),
                landfillTax = A(region.Policies.LandfillTax.Value, $"{cur}/t"),
                incinerationTax = A(region.Policies.IncinerationTax.Value, $"{cur}/t"),
                landfillValue = A(region.Objective.LandfillValue.Value, $"{cur}/t"),
                discountRate = region.Economics.DiscountRate,
                horizonYears = region.Economics.HorizonYears,
            },
            network = new
            {
                sources = result.Network.Sources.Length,
                sinks = result.Network.Sinks.Length,
                pairsConsidered = result.Network.Considered,
                candidates = result.Network.Arcs.Length,
                pruned = result.Network.Pruned.Select(p => new { reason = p.Reason, count = p.Count, example = p.Example }),
            },
            exchanges = result.Exchanges.Select(e => new
            {
                from = e.FromActor,
                to = e.ToActor,
                source = e.Source,
                sink = e.Sink,
                resource = e.Resource,
                quantity = A(e.Quantity, e.Unit),
                distanceKm = Round(e.DistanceKm),
                mode = e.Mode,
                process = e.Process,
                permit = e.Permit,
                annualBenefit = A(e.AnnualBenefit, $"{cur}/yr"),
                co2Avoided = A(e.Co2Avoided, "t CO2e/yr"),
            }),
            actors = result.Actors.Select(a => new
            {
                id = a.Id,
                name = a.Name,
                netBenefit = A(a.NetBenefit, $"{cur}/yr"),
                co2Avoided = A(a.Co2Avoided, "t CO2e/yr"),
                landfillAvoided = A(a.LandfillAvoided, "t/yr"),
            }),
            processes = result.Processes.Select(p => new { id = p.Id, actor = p.ActorId, built = p.Built, throughput = A(p.Throughput, p.Unit) }),
            businessCases = k is null ? null : new
            {
                note = "before transfer prices; investment in year 0, cash flows in years 1..horizon against the counterfactual",
                actors = BusinessCases.ForActors(region, result).Select(c => Case(c, cur)),
                exchanges = BusinessCases.ForExchanges(region, result).Select(c => Case(c, cur)),
            },
            impacts = k is null ? null : Impacts(ImpactAccounts.Build(region, result)),
            permits = result.PermitsTaken,
            explanation = result.Explanation,
            pareto = result.Pareto.Select(p => new
            {
                netBenefit = A(p.NetBenefit, $"{cur}/yr"),
                co2Avoided = A(p.Co2Avoided, "t CO2e/yr"),
                landfillAvoided = A(p.LandfillAvoided, "t/yr"),
                status = p.Status.Word(),
            }),
        };
    }

    /// <summary>The KPI block shared by results.json and the runner's files, so every file names them alike.</summary>
    public static object? KpiBlock(Kpis? k, string cur) => k is null ? null : new
    {
        netBenefit = new Amount(Round(k.NetBenefit), $"{cur}/yr"),
        objectiveGain = new Amount(Round(k.ObjectiveGain), $"{cur}/yr"),
        co2Avoided = new Amount(Round(k.Co2Avoided), "t CO2e/yr"),
        landfillAvoided = new Amount(Round(k.LandfillAvoided), "t/yr"),
        virginMaterialAvoided = new Amount(Round(k.VirginMaterialAvoided), "t/yr"),
        transportEmissions = new Amount(Round(k.TransportEmissions), "t CO2e/yr"),
        mandateShortfall = new Amount(Round(k.MandateShortfall), "units/yr"),
    };

    private static object Case(CashFlowCase c, string cur) => new
    {
        id = c.Id,
        name = c.Name,
        investment = new Amount(Round(c.Investment), cur),
        npv = new Amount(Round(c.Npv), cur),
        paybackYears = c.PaybackYears is { } p ? Round(p) : (double?)null,
        irr = c.Irr is { } i ? Round(i) : (double?)null,
        annualCashFlows = new { values = c.AnnualCashFlows.Select(Round), unit = $"{cur}/yr" },
    };

    private static object Impacts(ImpactReport report)
    {
        static object Account(ImpactAccount a) => new
        {
            id = a.Id,
            name = a.Name,
            co2Avoided = new Amount(Round(a.Co2Avoided), "t CO2e/yr"),
            co2 = new
            {
                avoidedDisposal = Round(a.Co2AvoidedDisposal),
                avoidedVirginProduction = Round(a.Co2AvoidedVirgin),
                addedTransport = Round(a.Co2AddedTransport),
                addedProcessing = Round(a.Co2AddedProcessing),
                permitDelay = Round(a.Co2PermitDelay),
                unit = "t CO2e/yr",
            },
            landfillAvoided = new Amount(Round(a.LandfillAvoided), "t/yr"),
            virginMaterialAvoided = new Amount(Round(a.VirginMaterialAvoided), "t/yr"),
            waterSaved = new Amount(Round(a.WaterSaved), "water units/yr (m3, or t for water counted in t)"),
            energyRecovered = new Amount(Round(a.EnergyRecovered), "MWh/yr"),
        };

        return new
        {
            total = Account(report.Total),
            municipalities = report.Municipalities.Select(Account),
            actors = report.Actors.Where(a => a.Co2Avoided != 0 || a.LandfillAvoided != 0 || a.VirginMaterialAvoided != 0 || a.WaterSaved != 0 || a.EnergyRecovered != 0).Select(Account),
        };
    }

    private static object Solver(Optimization.Solvers.SolveOutcome o) => new
    {
        name = o.SolverName,
        termination = Kebab(o.Termination.ToString()),
        solution = Kebab(o.Solution.ToString()),
        objective = Nullable(o.Objective),
        bound = Nullable(o.BestBound),
        gap = Nullable(o.Gap),
        seconds = Math.Round(o.Seconds, 4),
        rows = o.Size.Rows,
        columns = o.Size.Columns,
        binaries = o.Size.Binaries,
        nonZeros = o.Size.NonZeros,
        blocks = o.Blocks,
    };

    private static double? Nullable(double v) => double.IsFinite(v) ? Round(v) : null;

    /// <summary>Rounds to 9 significant digits so tiny solver noise does not show up as changed output.</summary>
    public static double Round(double v)
    {
        if (v == 0 || !double.IsFinite(v))
        {
            return v;
        }

        var r = Math.Round(v, Math.Clamp(8 - (int)Math.Floor(Math.Log10(Math.Abs(v))), 0, 15));
        return Math.Abs(r) < 1e-9 ? 0 : r;
    }

    private static string Kebab(string s) => string.Concat(s.Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public static string Serialize(Region region, RunProvenance run, OptimizationResult result) =>
        JsonSerializer.Serialize(Document(region, run, result), Options) + "\n";
}
