using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Domain.Quantities;

namespace SymbiosisOptimizer.Domain.Parameters;

/// <summary>
/// One scalar input of a region addressed by a dotted path (the same paths overrides use), with a typed getter and a
/// setter that returns a new <see cref="Region"/>. Sweeps and Monte Carlo change inputs through these rather than
/// through the document tree, so thousands of variants cost no YAML re-reading and the base is never mutated.
/// Values are in the base units of <see cref="Dimension"/> (SEK/t, t/yr, yr, a fraction for shares).
/// </summary>
public sealed class RegionParameter
{
    private readonly Func<Region, double> get;
    private readonly Func<Region, double, Region> set;

    private RegionParameter(string path, Dimension dimension, bool affectsNetwork, double min, Func<Region, double> get, Func<Region, double, Region> set)
    {
        Path = path;
        Dimension = dimension;
        AffectsNetwork = affectsNetwork;
        Minimum = min;
        this.get = get;
        this.set = set;
    }

    public string Path { get; }

    public Dimension Dimension { get; }

    /// <summary>The base unit the value is stated in, e.g. "SEK/t"; empty for plain numbers and shares.</summary>
    public string UnitText => UnitExpression.BaseUnitText(Dimension);

    /// <summary>
    /// True when the candidate network depends on this value (quantities bound arcs, the subsidy prices pipelines,
    /// transport data prices arcs); prices, taxes, emission factors and permit terms leave it unchanged.
    /// </summary>
    public bool AffectsNetwork { get; }

    /// <summary>The smallest allowed value (quantities, prices and lead times cannot be negative).</summary>
    public double Minimum { get; }

    /// <summary>The largest allowed value: 1 for a share, otherwise unbounded.</summary>
    public double Maximum => Dimension.IsDimensionless ? 1 : double.PositiveInfinity;

    /// <summary>Paths every region supports; <c>&lt;id&gt;</c> stands for an item id.</summary>
    public static readonly ImmutableArray<string> Supported =
    [
        "policies.landfillTax", "policies.incinerationTax", "policies.co2Price", "policies.investmentSubsidy",
        "objective.landfillValue",
        "permits.<id>.leadTime", "permits.<id>.cost",
        "supplies.<id>.quantity", "supplies.<id>.route.cost", "supplies.<id>.route.emissions",
        "demands.<id>.quantity", "demands.<id>.source.price", "demands.<id>.source.emissions",
        "processes.<id>.capex", "processes.<id>.fixedOpex", "processes.<id>.opex", "processes.<id>.emissions", "processes.<id>.capacity",
        "transport.<id>.cost", "transport.<id>.fixedCost", "transport.<id>.emissions", "transport.<id>.maxDistance",
    ];

    public double Get(Region region) => get(region);

    /// <summary>
    /// A new region with this input set to <paramref name="value"/> (base units), moved into [Minimum, Maximum] so a
    /// sampled tail cannot make a price negative or a share above 100 %; the given region is unchanged.
    /// </summary>
    public Region Set(Region region, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"{Path} must be a finite number");
        }

        return set(region, Math.Clamp(value, Minimum, Maximum));
    }

    public override string ToString() => Path;

    /// <summary>Resolves a dotted path against a region; the error names the supported paths or the known ids.</summary>
    public static bool TryResolve(Region region, string path, out RegionParameter parameter, out string error)
    {
        parameter = null!;
        error = string.Empty;
        var p = path.Trim();
        var parts = p.Split('.');
        var money = Dimension.MoneyIn(region.Economics.Currency);
        var perTonne = money / Dimension.MassD;
        switch (parts)
        {
            case ["policies", "landfillTax"]:
                parameter = new(p, perTonne, false, 0, r => r.Policies.LandfillTax.Value, (r, v) => r with { Policies = r.Policies with { LandfillTax = new Quantity(v, perTonne) } });
                return true;
            case ["policies", "incinerationTax"]:
                parameter = new(p, perTonne, false, 0, r => r.Policies.IncinerationTax.Value, (r, v) => r with { Policies = r.Policies with { IncinerationTax = new Quantity(v, perTonne) } });
                return true;
            case ["policies", "co2Price"]:
                var perCo2 = money / Dimension.EmissionsD;
                parameter = new(p, perCo2, false, 0, r => r.Policies.Co2Price.Value, (r, v) => r with { Policies = r.Policies with { Co2Price = new Quantity(v, perCo2) } });
                return true;
            case ["policies", "investmentSubsidy"]:
                parameter = new(p, Dimension.None, true, 0, r => r.Policies.InvestmentSubsidy, (r, v) => r with { Policies = r.Policies with { InvestmentSubsidy = v } });
                return true;
            case ["objective", "landfillValue"]:
                parameter = new(p, perTonne, false, 0, r => r.Objective.LandfillValue.Value, (r, v) => r with { Objective = r.Objective with { LandfillValue = new Quantity(v, perTonne) } });
                return true;
            case ["permits", var id, var field]:
                return Item(region.Permits, x => x.Id, id, "permits", out var permit, out error) && PermitField(p, permit!, field, money, out parameter, out error);
            case ["supplies", var id, .. var rest]:
                return Item(region.Supplies, x => x.Id, id, "supplies", out var supply, out error) && SupplyField(p, region, supply!, rest, money, out parameter, out error);
            case ["demands", var id, .. var rest]:
                return Item(region.Demands, x => x.Id, id, "demands", out var demand, out error) && DemandField(p, region, demand!, rest, money, out parameter, out error);
            case ["processes", var id, var field]:
                return Item(region.Processes, x => x.Id, id, "processes", out var process, out error) && ProcessField(p, region, process!, field, money, out parameter, out error);
            case ["transport", var id, var field]:
                return Item(region.TransportModes, x => x.Id, id, "transport", out var mode, out error) && TransportField(p, mode!, field, out parameter, out error);
            default:
                error = $"'{p}' is not a parameter that can be varied; use one of: {string.Join(", ", Supported)}";
                return false;
        }
    }

    private static bool Item<T>(ImmutableArray<T> items, Func<T, string> idOf, string id, string list, out T? item, out string error)
        where T : class
    {
        item = items.FirstOrDefault(x => string.Equals(idOf(x), id, StringComparison.Ordinal));
        error = item is null
            ? $"there is no item with id '{id}' in '{list}'; the ids are: {(items.IsEmpty ? "(none)" : string.Join(", ", items.Select(idOf)))}"
            : string.Empty;
        return item is not null;
    }

    private static string Unknown(string path, string field, params string[] allowed) =>
        $"'{path}': '{field}' cannot be varied here; use one of: {string.Join(", ", allowed)}";

    private static bool PermitField(string path, Permit permit, string field, Dimension money, out RegionParameter parameter, out string error)
    {
        parameter = null!;
        error = string.Empty;
        var id = permit.Id;
        Region With(Region r, Func<Permit, Permit> change) => r with { Permits = [.. r.Permits.Select(x => x.Id == id ? change(x) : x)] };
        Permit Of(Region r) => r.Permits.First(x => x.Id == id);
        switch (field)
        {
            case "leadTime":
                parameter = new(path, Dimension.TimeD, false, 0, r => Of(r).LeadTime.Value, (r, v) => With(r, x => x with { LeadTime = new Quantity(v, Dimension.TimeD) }));
                return true;
            case "cost":
                parameter = new(path, money, false, 0, r => Of(r).Cost.Value, (r, v) => With(r, x => x with { Cost = new Quantity(v, money) }));
                return true;
            default:
                error = Unknown(path, field, "leadTime", "cost");
                return false;
        }
    }

    private static bool SupplyField(string path, Region region, Supply supply, string[] rest, Dimension money, out RegionParameter parameter, out string error)
    {
        parameter = null!;
        error = string.Empty;
        var id = supply.Id;
        var unit = region.Resource(supply.ResourceId).FlowDimension;
        Region With(Region r, Func<Supply, Supply> change) => r with { Supplies = [.. r.Supplies.Select(x => x.Id == id ? change(x) : x)] };
        Supply Of(Region r) => r.Supplies.First(x => x.Id == id);
        switch (rest)
        {
            case ["quantity"]:
                var flow = unit.PerYear;
                parameter = new(path, flow, true, 0, r => Of(r).Quantity.Value, (r, v) => With(r, x => x with
                {
                    Quantity = new Quantity(v, flow),
                    Min = x.Min is { } lo && lo.Value > v ? new Quantity(v, flow) : x.Min,
                    Max = x.Max is { } hi && hi.Value < v ? new Quantity(v, flow) : x.Max,
                }));
                return true;
            case ["route", "cost"]:
                // A route cost may be negative: a sale is revenue.
                parameter = new(path, money / unit, false, double.NegativeInfinity, r => Of(r).Route.Cost.Value, (r, v) => With(r, x => x with { Route = x.Route with { Cost = new Quantity(v, money / unit) } }));
                return true;
            case ["route", "emissions"]:
                var em = Dimension.EmissionsD / unit;
                parameter = new(path, em, false, double.NegativeInfinity, r => Of(r).Route.Emissions.Value, (r, v) => With(r, x => x with { Route = x.Route with { Emissions = new Quantity(v, em) } }));
                return true;
            default:
                error = Unknown(path, string.Join('.', rest), "quantity", "route.cost", "route.emissions");
                return false;
        }
    }

    private static bool DemandField(string path, Region region, Demand demand, string[] rest, Dimension money, out RegionParameter parameter, out string error)
    {
        parameter = null!;
        error = string.Empty;
        var id = demand.Id;
        var unit = region.Resource(demand.ResourceId).FlowDimension;
        Region With(Region r, Func<Demand, Demand> change) => r with { Demands = [.. r.Demands.Select(x => x.Id == id ? change(x) : x)] };
        Demand Of(Region r) => r.Demands.First(x => x.Id == id);
        switch (rest)
        {
            case ["quantity"]:
                var flow = unit.PerYear;
                parameter = new(path, flow, true, 0, r => Of(r).Quantity.Value, (r, v) => With(r, x => x with { Quantity = new Quantity(v, flow) }));
                return true;
            case ["source", "price"]:
                parameter = new(path, money / unit, false, 0, r => Of(r).Source.Price.Value, (r, v) => With(r, x => x with { Source = x.Source with { Price = new Quantity(v, money / unit) } }));
                return true;
            case ["source", "emissions"]:
                var em = Dimension.EmissionsD / unit;
                parameter = new(path, em, false, double.NegativeInfinity, r => Of(r).Source.Emissions.Value, (r, v) => With(r, x => x with { Source = x.Source with { Emissions = new Quantity(v, em) } }));
                return true;
            default:
                error = Unknown(path, string.Join('.', rest), "quantity", "source.price", "source.emissions");
                return false;
        }
    }

    private static bool ProcessField(string path, Region region, Process process, string field, Dimension money, out RegionParameter parameter, out string error)
    {
        parameter = null!;
        error = string.Empty;
        var id = process.Id;
        var unit = region.Resource(process.Inputs[0].ResourceId).FlowDimension;
        Region With(Region r, Func<Process, Process> change) => r with { Processes = [.. r.Processes.Select(x => x.Id == id ? change(x) : x)] };
        Process Of(Region r) => r.Processes.First(x => x.Id == id);
        switch (field)
        {
            case "capex":
                parameter = new(path, money, false, 0, r => Of(r).Capex.Value, (r, v) => With(r, x => x with { Capex = new Quantity(v, money) }));
                return true;
            case "fixedOpex":
                parameter = new(path, money.PerYear, false, 0, r => Of(r).FixedOpex.Value, (r, v) => With(r, x => x with { FixedOpex = new Quantity(v, money.PerYear) }));
                return true;
            case "opex":
                parameter = new(path, money / unit, false, double.NegativeInfinity, r => Of(r).Opex.Value, (r, v) => With(r, x => x with { Opex = new Quantity(v, money / unit) }));
                return true;
            case "emissions":
                var em = Dimension.EmissionsD / unit;
                parameter = new(path, em, false, double.NegativeInfinity, r => Of(r).Emissions.Value, (r, v) => With(r, x => x with { Emissions = new Quantity(v, em) }));
                return true;
            case "capacity":
                var flow = unit.PerYear;
                parameter = new(path, flow, true, 0, r => Of(r).Capacity?.Value ?? double.PositiveInfinity, (r, v) => With(r, x => x with { Capacity = new Quantity(v, flow) }));
                return true;
            default:
                error = Unknown(path, field, "capex", "fixedOpex", "opex", "emissions", "capacity");
                return false;
        }
    }

    private static bool TransportField(string path, TransportMode mode, string field, out RegionParameter parameter, out string error)
    {
        parameter = null!;
        error = string.Empty;
        var id = mode.Id;
        Region With(Region r, Func<TransportMode, TransportMode> change) => r with { TransportModes = [.. r.TransportModes.Select(x => x.Id == id ? change(x) : x)] };
        TransportMode Of(Region r) => r.TransportModes.First(x => x.Id == id);
        var cost = mode.Cost.Dimension;
        switch (field)
        {
            case "cost":
                parameter = new(path, cost, true, 0, r => Of(r).Cost.Value, (r, v) => With(r, x => x with { Cost = new Quantity(v, cost) }));
                return true;
            case "fixedCost":
                var fixedDim = mode.FixedCost.Dimension;
                parameter = new(path, fixedDim, true, 0, r => Of(r).FixedCost.Value, (r, v) => With(r, x => x with { FixedCost = new Quantity(v, fixedDim) }));
                return true;
            case "emissions":
                var em = mode.Emissions.Dimension;
                parameter = new(path, em, true, 0, r => Of(r).Emissions.Value, (r, v) => With(r, x => x with { Emissions = new Quantity(v, em) }));
                return true;
            case "maxDistance":
                parameter = new(path, Dimension.LengthD, true, 0, r => Of(r).MaxDistance?.Value ?? double.PositiveInfinity, (r, v) => With(r, x => x with { MaxDistance = new Quantity(v, Dimension.LengthD) }));
                return true;
            default:
                error = Unknown(path, field, "cost", "fixedCost", "emissions", "maxDistance");
                return false;
        }
    }
}
