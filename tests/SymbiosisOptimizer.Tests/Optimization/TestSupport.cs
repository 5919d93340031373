using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Domain.Quantities;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Tests.Optimization;

/// <summary>Finds the repository from the test binaries, so fixtures are read where they are edited, not copied.</summary>
internal static class TestRepo
{
    private static readonly Lazy<string> RootDir = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SymbiosisOptimizer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SymbiosisOptimizer.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootDir.Value;

    public static string Fixture(string name) => Path.Combine(Root, "tests", "fixtures", name);

    public static Region Load(string fixture, string? scenario = null)
    {
        var load = ScenarioLoader.Load(Fixture(fixture), new LoadOptions(scenario));
        Assert.True(load.Succeeded, string.Join(Environment.NewLine, load.Diagnostics.Select(d => d.ToString())));
        return load.Region!;
    }

    public static OptimizationResult Optimize(Region region, SolverKind solver = SolverKind.Auto) =>
        ExchangeOptimizer.Optimize(region, new OptimizeOptions(new SolveOptions(solver)));
}

internal static class Approx
{
    /// <summary>Relative closeness, with an absolute floor of the same size for values near zero.</summary>
    public static void Equal(double expected, double actual, double relative = 1e-6, string? what = null)
    {
        var tolerance = relative * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance,
            FormattableString.Invariant($"{what ?? "value"}: expected {expected:R}, got {actual:R} (tolerance {tolerance:R})"));
    }
}

/// <summary>
/// Reads a solved model back through the formulation's column maps: the builders are deterministic, so rebuilding the
/// main formulation gives the same columns the optimiser solved.
/// </summary>
internal sealed class SolvedModel
{
    public SolvedModel(Region region, OptimizationResult result)
    {
        Region = region;
        Result = result;
        Context = result.Chosen.Model;
        Values = result.Solve.Values;
    }

    public Region Region { get; }

    public OptimizationResult Result { get; }

    public ExchangeModel Context { get; }

    public ImmutableArray<double> Values { get; }

    public double Ledger(LedgerKind kind) => Context.Ledger.Where(e => e.Kind == kind).Sum(e => e.Coefficient * Values[e.Column]);
}

/// <summary>Builds small regions in code for property tests: every value in base units (t, SEK, km, t CO2e, yr).</summary>
internal sealed class RegionBuilder
{
    private static readonly Dimension Money = Dimension.MoneyIn("SEK");
    private readonly List<Resource> resources = [];
    private readonly List<Actor> actors = [];
    private readonly List<Supply> supplies = [];
    private readonly List<Demand> demands = [];
    private readonly List<Process> processes = [];
    private readonly List<TransportMode> modes = [];
    private readonly List<StatedDistance> distances = [];
    private readonly List<Permit> permits = [];

    public double LandfillTax { get; set; }

    public double Co2Price { get; set; }

    public double LandfillValue { get; set; }

    public double Circuity { get; set; } = 1.0;

    public ImmutableArray<ProcurementMandate> Mandates { get; set; } = [];

    public static Quantity Q(double value, Dimension dimension) => new(value, dimension);

    public RegionBuilder Resource(string id, params string[] properties)
    {
        resources.Add(new Resource(id, id, ResourceCategory.Material, "t", Dimension.MassD, WasteStatus.ByProduct,
            [.. properties.Select(p => new QualityProperty(p, "ppm", Dimension.None))]));
        return this;
    }

    public RegionBuilder Actor(string id, double lat, double lon)
    {
        actors.Add(new Actor(id, id, ActorKind.Company, null, null, new GeoPoint(lat, lon)));
        return this;
    }

    public RegionBuilder Supply(string id, string actor, string resource, double tonnes, RouteKind route, double routeCost, double routeEmissions = 0,
        IReadOnlyDictionary<string, double>? quality = null, double? minLot = null)
    {
        supplies.Add(new Supply(id, actor, resource, Q(tonnes, Dimension.MassD.PerYear), null, null,
            minLot is { } l ? Q(l, Dimension.MassD.PerYear) : null, Quality(quality),
            new CurrentRoute(route, Q(routeCost, Money / Dimension.MassD), Q(routeEmissions, Dimension.EmissionsD / Dimension.MassD))));
        return this;
    }

    public RegionBuilder Demand(string id, string actor, string resource, double tonnes, double price, double emissions = 0,
        IReadOnlyDictionary<string, double>? maxLimits = null, IReadOnlyDictionary<string, double>? sourceQuality = null,
        BuyerKind buyer = BuyerKind.Private, params string[] accepts)
    {
        var limits = (maxLimits ?? new Dictionary<string, double>()).OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new QualityLimit(kv.Key, null, Q(kv.Value, Dimension.None))).ToImmutableArray();
        demands.Add(new Demand(id, actor, resource, Q(tonnes, Dimension.MassD.PerYear), buyer, null,
            [.. accepts.Select(a => new Substitute(a, 1.0))], limits,
            new CurrentSource(SourceKind.Virgin, Q(price, Money / Dimension.MassD), Q(emissions, Dimension.EmissionsD / Dimension.MassD), Quality(sourceQuality))));
        return this;
    }

    public RegionBuilder Process(Process process)
    {
        processes.Add(process);
        return this;
    }

    public RegionBuilder Truck(string id, double costPerTonneKm, double fixedCost = 0, double emissionsPerTonneKm = 0, double? maxDistance = null)
    {
        modes.Add(new TransportMode(id, id, Dimension.MassD, Q(costPerTonneKm, Money / (Dimension.MassD * Dimension.LengthD)),
            Q(fixedCost, Money.PerYear), Q(emissionsPerTonneKm, Dimension.EmissionsD / (Dimension.MassD * Dimension.LengthD)),
            maxDistance is { } m ? Q(m, Dimension.LengthD) : null, false, Q(0, Money / Dimension.LengthD), 0, []));
        return this;
    }

    /// <summary>A permit for exchanges of <paramref name="resource"/>; no receivers means every receiver needs it.</summary>
    public RegionBuilder Permit(string id, double cost, double leadTimeYears, string resource, params string[] receivers)
    {
        permits.Add(new Permit(id, id, Q(cost, Money), Q(leadTimeYears, Dimension.TimeD), [resource], [.. receivers], false));
        return this;
    }

    public RegionBuilder Distance(string from, string to, double km)
    {
        distances.Add(new StatedDistance(from, to, Q(km, Dimension.LengthD)));
        return this;
    }

    public Region Build() => new(
        "test",
        new Economics("SEK", 0.05, 10, Circuity, new ExchangeRates("SEK", ImmutableDictionary<string, double>.Empty)),
        [.. resources], [.. actors], [.. supplies], [.. demands], [.. processes], [.. modes], [.. distances], [.. permits],
        new Policies(Q(LandfillTax, Money / Dimension.MassD), Q(0, Money / Dimension.MassD), Q(Co2Price, Money / Dimension.EmissionsD), 0, [], Mandates),
        new ObjectiveSettings(Q(LandfillValue, Money / Dimension.MassD)));

    private static ImmutableDictionary<string, Quantity> Quality(IReadOnlyDictionary<string, double>? values) =>
        (values ?? new Dictionary<string, double>()).ToImmutableDictionary(kv => kv.Key, kv => Q(kv.Value, Dimension.None), StringComparer.Ordinal);
}
