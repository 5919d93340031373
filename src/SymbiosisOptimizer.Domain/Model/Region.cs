using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Parameters;
using SymbiosisOptimizer.Domain.Quantities;

namespace SymbiosisOptimizer.Domain.Model;

/// <summary>
/// A region's whole model: the immutable input of every solve. Scenario overrides produce a new <see cref="Region"/>;
/// the base is never mutated.
/// </summary>
public sealed record Region(
    string Name,
    Economics Economics,
    ImmutableArray<Resource> Resources,
    ImmutableArray<Actor> Actors,
    ImmutableArray<Supply> Supplies,
    ImmutableArray<Demand> Demands,
    ImmutableArray<Process> Processes,
    ImmutableArray<TransportMode> TransportModes,
    ImmutableArray<StatedDistance> Distances,
    ImmutableArray<Permit> Permits,
    Policies Policies,
    ObjectiveSettings Objective)
{
    // A `with` copy keeps these fields, so each index remembers which array it was built from and is rebuilt when the
    // copy has other actors or resources (sub-regions for coalitions are made exactly that way).
    private IdIndex<Actor>? actorsById;
    private IdIndex<Resource>? resourcesById;

    private ImmutableDictionary<string, Actor> ActorIndex => IdIndex<Actor>.For(ref actorsById, Actors, a => a.Id);

    private ImmutableDictionary<string, Resource> ResourceIndex => IdIndex<Resource>.For(ref resourcesById, Resources, r => r.Id);

    public Actor Actor(string id) => ActorIndex[id];

    public Resource Resource(string id) => ResourceIndex[id];

    /// <summary>Uncertain inputs declared under <c>uncertainty:</c>, for Monte Carlo; empty when none are declared.</summary>
    public ImmutableArray<UncertainInput> Uncertainty { get; init; } = [];

    /// <summary>Connections stated under <c>links:</c>; each replaces the generated candidate of its pair, resource and mode.</summary>
    public ImmutableArray<Link> Links { get; init; } = [];

    /// <summary>Choices pinned under <c>decisions:</c>, by links' <c>decision:</c> and in groups (every group member is here too).</summary>
    public ImmutableArray<PinnedChoice> Pins { get; init; } = [];

    /// <summary>All-or-nothing groups under <c>groups:</c>.</summary>
    public ImmutableArray<DecisionGroup> Groups { get; init; } = [];

    public bool HasActor(string id) => ActorIndex.ContainsKey(id);

    public bool HasResource(string id) => ResourceIndex.ContainsKey(id);

    /// <summary>The display name of an actor, or the id when the region has no such actor.</summary>
    public string ActorName(string id) => ActorIndex.TryGetValue(id, out var a) ? a.Name : id;

    /// <summary>The display name of a resource, or the id when the region has no such resource.</summary>
    public string ResourceName(string id) => ResourceIndex.TryGetValue(id, out var r) ? r.Name : id;

    /// <summary>Effective waste status of a resource after end-of-waste policies.</summary>
    public WasteStatus StatusOf(string resourceId) =>
        Policies.EndOfWaste.Contains(resourceId) ? WasteStatus.ByProduct : Resource(resourceId).WasteStatus;
}

/// <summary>A lookup by id, tied to the array it indexes (reference assignment keeps it safe across threads).</summary>
internal sealed record IdIndex<T>(ImmutableArray<T> Source, ImmutableDictionary<string, T> Map)
{
    public static ImmutableDictionary<string, T> For(ref IdIndex<T>? cache, ImmutableArray<T> items, Func<T, string> id)
    {
        var current = cache;
        if (current is not null && current.Source == items)
        {
            return current.Map;
        }

        var built = new IdIndex<T>(items, items.ToImmutableDictionary(id, StringComparer.Ordinal));
        cache = built;
        return built.Map;
    }
}

/// <summary>Money, time and distance conventions for a region.</summary>
/// <param name="DiscountRate">Real discount rate as a fraction (0.05 for 5 %).</param>
/// <param name="HorizonYears">Years over which investments are annualised and permits delay benefits.</param>
/// <param name="Circuity">Road distance over great-circle distance.</param>
public sealed record Economics(string Currency, double DiscountRate, double HorizonYears, double Circuity, ExchangeRates ExchangeRates)
{
    /// <summary>Capital recovery factor: the annual payment that repays 1 unit of capex over the horizon.</summary>
    /// <remarks>CRF = r (1+r)^n / ((1+r)^n - 1); with r = 0 it is 1/n.</remarks>
    public double CapitalRecoveryFactor
    {
        get
        {
            var n = HorizonYears;
            var r = DiscountRate;
            if (Math.Abs(r) < 1e-12)
            {
                return 1.0 / n;
            }

            var g = Math.Pow(1 + r, n);
            return r * g / (g - 1);
        }
    }
}

public sealed record GeoPoint(double Latitude, double Longitude)
{
    private const double EarthRadiusKm = 6371.0088;

    /// <summary>Great-circle distance by the haversine formula.</summary>
    public double KilometresTo(GeoPoint other)
    {
        static double Rad(double deg) => deg * Math.PI / 180.0;
        var dLat = Rad(other.Latitude - Latitude);
        var dLon = Rad(other.Longitude - Longitude);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) +
                (Math.Cos(Rad(Latitude)) * Math.Cos(Rad(other.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}

public sealed record Actor(string Id, string Name, ActorKind Kind, string? Sector, string? Municipality, GeoPoint Location);

public sealed record QualityProperty(string Id, string UnitText, Dimension Dimension);

/// <param name="FlowDimension">Dimension of one unit of the resource (mass, energy, volume or area); flows are per year.</param>
public sealed record Resource(
    string Id,
    string Name,
    ResourceCategory Category,
    string UnitText,
    Dimension FlowDimension,
    WasteStatus WasteStatus,
    ImmutableArray<QualityProperty> Properties)
{
    public bool HasProperty(string id) => Properties.Any(p => p.Id == id);
}

/// <summary>What a supplier does today with a by-product. Cost is per unit of resource, excluding policy taxes.</summary>
public sealed record CurrentRoute(RouteKind Kind, Quantity Cost, Quantity Emissions);

/// <summary>What a buyer does today. Price and emissions per unit of resource; quality counts in blends.</summary>
public sealed record CurrentSource(SourceKind Kind, Quantity Price, Quantity Emissions, ImmutableDictionary<string, Quantity> Quality);

/// <param name="Quantity">Amount per year available, in the resource's flow dimension per year.</param>
public sealed record Supply(
    string Id,
    string ActorId,
    string ResourceId,
    Quantity Quantity,
    Quantity? Min,
    Quantity? Max,
    Quantity? MinLot,
    ImmutableDictionary<string, Quantity> Quality,
    CurrentRoute Route);

public sealed record QualityLimit(string Property, Quantity? Min, Quantity? Max);

/// <summary>A resource that can replace a demand's own resource; <paramref name="Ratio"/> units replaced per unit used.</summary>
public sealed record Substitute(string ResourceId, double Ratio);

public sealed record Demand(
    string Id,
    string ActorId,
    string ResourceId,
    Quantity Quantity,
    BuyerKind Buyer,
    Quantity? MinLot,
    ImmutableArray<Substitute> Accepts,
    ImmutableArray<QualityLimit> Limits,
    CurrentSource Source);

public sealed record ProcessInput(string ResourceId, double? MaxShare, CurrentSource? Source);

public sealed record ProcessOutput(string ResourceId, double Yield, ImmutableDictionary<string, Quantity> Quality, CurrentRoute? Disposal);

/// <summary>
/// A conversion (biochar, biogas, sand washing) or a water-using operation that adds a contaminant load.
/// Throughput is the sum of inputs per year, in the inputs' common flow dimension.
/// </summary>
public sealed record Process(
    string Id,
    string ActorId,
    string Name,
    bool Existing,
    ImmutableArray<ProcessInput> Inputs,
    ImmutableArray<ProcessOutput> Outputs,
    Quantity? Capacity,
    Quantity Capex,
    Quantity FixedOpex,
    Quantity Opex,
    Quantity Emissions,
    ImmutableArray<QualityLimit> Limits,
    ImmutableDictionary<string, Quantity> Loads)
{
    /// <summary>An existing plant the plan may close (the counterfactual keeps it running).</summary>
    public bool Closable { get; init; }

    /// <summary>Money per year saved by closing a closable plant (fixed costs that stop), in the region's currency.</summary>
    public double ClosingSaving { get; init; }
}

/// <param name="Cost">Money per (flow unit x km).</param>
/// <param name="FlowDimension">What one unit of flow is (mass, energy, volume); the mode carries only such resources.</param>
/// <param name="LossPerKm">Fraction of the flow lost per km (pipelines).</param>
public sealed record TransportMode(
    string Id,
    string Name,
    Dimension FlowDimension,
    Quantity Cost,
    Quantity FixedCost,
    Quantity Emissions,
    Quantity? MaxDistance,
    bool Pipeline,
    Quantity CapexPerKm,
    double LossPerKm,
    ImmutableArray<string> Resources)
{
    public bool Carries(Resource r) =>
        r.FlowDimension == FlowDimension && (Resources.IsDefaultOrEmpty || Resources.Contains(r.Id));
}

public sealed record StatedDistance(string From, string To, Quantity Distance);

/// <summary>A permit an exchange needs; one instance per receiving actor.</summary>
public sealed record Permit(
    string Id,
    string Name,
    Quantity Cost,
    Quantity LeadTime,
    ImmutableArray<string> Resources,
    ImmutableArray<string> Receivers,
    bool LiftedByEndOfWaste);

public sealed record ProcurementMandate(string ResourceId, double MinShare);

public sealed record Policies(
    Quantity LandfillTax,
    Quantity IncinerationTax,
    Quantity Co2Price,
    double InvestmentSubsidy,
    ImmutableArray<string> EndOfWaste,
    ImmutableArray<ProcurementMandate> Procurement);

/// <param name="SocialCo2Value">The value society puts on a tonne of CO2e avoided in the society account (money per t
/// CO2e); null means the scenario's CO2 price is used.</param>
public sealed record ObjectiveSettings(Quantity LandfillValue, Quantity? SocialCo2Value = null);
