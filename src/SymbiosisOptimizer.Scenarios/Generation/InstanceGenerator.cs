using System.Globalization;
using System.Text;

namespace SymbiosisOptimizer.Scenarios.Generation;

/// <summary>Settings of a generated instance.</summary>
/// <param name="Actors">Number of actors (at least 2).</param>
/// <param name="Resources">Number of resource families; each family is a by-product and the product it can replace.</param>
/// <param name="Seed">Random seed: the same settings give the same file, byte for byte.</param>
/// <param name="PureFlow">A pure transportation problem (no fixed costs, pipes, permits, plants, lots, quality limits or
/// conversion ratios), which the min-cost-flow back-end can solve.</param>
/// <param name="Towns">Town centres the actors cluster around; null: one per 60 actors, up to all of them (the default
/// every existing instance was made with). 1 puts every actor within a few km of one centre: one dense linked group,
/// as benchmarks of benefit sharing on a large group need.</param>
public sealed record GeneratorOptions(int Actors, int Resources, int Seed, bool PureFlow = false, int? Towns = null);

/// <summary>
/// Writes a synthetic but realistically structured scenario.yaml of any size, for benchmarks and scale tests: actors
/// clustered around Swedish town centres, a sector mix, by-product supplies with a current route (landfill,
/// incineration, release, treatment) and quality spread, demands that accept them with some quality limits, transport
/// modes with maximum distances, permits on waste streams and a few candidate processes. Every figure is synthetic.
/// Only <see cref="Random"/> with a fixed seed and invariant formatting are used, so the output is deterministic.
/// </summary>
public static class InstanceGenerator
{
    /// <summary>How many town centres there are to cluster around.</summary>
    public static int MaxTowns => Towns.Length;

    /// <summary>Town centres (approximate WGS84; the first four and Karlstad/Växjö/Kalmar/Lidköping as in coordinates.csv).</summary>
    private static readonly (string Name, double Lat, double Lon)[] Towns =
    [
        ("Karlstad", 59.379913, 13.502948), ("Växjö", 56.878718, 14.809438), ("Kalmar", 56.662882, 16.366238),
        ("Lidköping", 58.568247, 13.009890), ("Stockholm", 59.3293, 18.0686), ("Göteborg", 57.7089, 11.9746),
        ("Malmö", 55.6050, 13.0038), ("Uppsala", 59.8586, 17.6389), ("Västerås", 59.6099, 16.5448),
        ("Örebro", 59.2753, 15.2134), ("Linköping", 58.4108, 15.6214), ("Helsingborg", 56.0465, 12.6945),
        ("Jönköping", 57.7826, 14.1618), ("Norrköping", 58.5877, 16.1924), ("Lund", 55.7047, 13.1910),
        ("Umeå", 63.8258, 20.2630), ("Gävle", 60.6749, 17.1413), ("Borås", 57.7210, 12.9401),
        ("Södertälje", 59.1955, 17.6253), ("Eskilstuna", 59.3710, 16.5098), ("Halmstad", 56.6745, 12.8578),
        ("Sundsvall", 62.3908, 17.3069), ("Luleå", 65.5848, 22.1547), ("Trollhättan", 58.2837, 12.2886),
        ("Östersund", 63.1792, 14.6357), ("Borlänge", 60.4858, 15.4371), ("Falun", 60.6065, 15.6355),
        ("Skövde", 58.3910, 13.8451), ("Kristianstad", 56.0294, 14.1567), ("Karlskrona", 56.1612, 15.5869),
        ("Mora", 61.008209, 14.543133), ("Kristinehamn", 59.311361, 14.11176),
    ];

    private enum Family { Mineral, Organic, Heat, Water }

    private static readonly (string Sector, string Kind)[] Sectors =
    [
        ("food", "company"), ("metal casting", "company"), ("sawmill", "company"), ("pulp and paper", "company"),
        ("chemicals", "company"), ("construction", "company"), ("manufacturing", "company"), ("data centre", "company"),
        ("energy", "utility"), ("wastewater", "utility"), ("waste management", "utility"), ("agriculture", "farm"),
        ("public services", "municipality"), ("horticulture", "company"),
    ];

    /// <summary>The scenario as YAML text.</summary>
    public static string Generate(GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Actors < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "at least 2 actors are needed");
        }

        if (options.Resources < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "at least 1 resource family is needed");
        }

        var rng = new Random(options.Seed);
        var n = options.Actors;
        var r = options.Resources;
        var families = Enumerable.Range(0, r).Select(i => (Family)(i % 4)).ToArray();
        if (options.Towns is < 1 || options.Towns > Towns.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"towns must be between 1 and {Towns.Length}");
        }

        var towns = options.Towns ?? Math.Clamp((n + 59) / 60, 1, Towns.Length);
        var sb = new StringBuilder();
        Line(sb, $"# Synthetic instance: symbiosis generate --actors {n} --resources {r} --seed {options.Seed}{(options.Towns is { } clustered ? $" --towns {clustered}" : string.Empty)}");
        Line(sb, "# Every figure is SYNTHETIC (random within plausible ranges); town centres are approximate.");
        Line(sb, "region:");
        Line(sb, $"  name: Synthetic region ({n} actors, {r} resource families, seed {options.Seed})");
        Line(sb, "  currency: SEK");
        Line(sb, "  discountRate: 5 %");
        Line(sb, "  horizon: 10 yr");
        Line(sb, "  circuity: 1.3");
        Line(sb, string.Empty);

        Line(sb, "resources:");
        for (var f = 0; f < r; f++)
        {
            var (unit, category, prop, propUnit) = Describe(families[f]);
            var status = families[f] is Family.Mineral or Family.Organic ? "waste" : "by-product";
            Line(sb, $"  - {{id: {Id("by", f)}, category: {category}, unit: {unit}, wasteStatus: {status}, properties: [{{id: {prop}, unit: {propUnit}}}]}}");
            Line(sb, $"  - {{id: {Id("use", f)}, category: {category}, unit: {unit}, properties: [{{id: {prop}, unit: {propUnit}}}]}}");
        }

        Line(sb, string.Empty);
        Line(sb, "actors:");
        var actorTown = new int[n];
        var actorPos = new (double Lat, double Lon)[n];
        for (var a = 0; a < n; a++)
        {
            // Larger towns first: the first towns get more actors (a rough size ranking).
            var t = (int)Math.Min(towns - 1, Math.Floor(towns * Math.Pow(rng.NextDouble(), 1.3)));
            var (name, lat, lon) = Towns[t];
            var radiusKm = 1 + (5 * rng.NextDouble());
            var angle = 2 * Math.PI * rng.NextDouble();
            var pLat = lat + (radiusKm * Math.Cos(angle) / 111.0);
            var pLon = lon + (radiusKm * Math.Sin(angle) / (111.0 * Math.Cos(lat * Math.PI / 180)));
            actorTown[a] = t;
            actorPos[a] = (pLat, pLon);
            var (sector, kind) = Sectors[rng.Next(Sectors.Length)];
            Line(sb, $"  - {{id: a{a:D5}, name: \"Actor {a} ({sector}, {name})\", kind: {kind}, sector: {sector}, municipality: {name}, lat: {F(pLat, 5)}, lon: {F(pLon, 5)}}}");
        }

        // Who supplies and who demands what: the first 2R actors cover every family once each way, so no supply or
        // demand is left without a counterpart resource; the rest draw at random.
        var supplies = new List<(int Actor, int Family)>();
        var demands = new List<(int Actor, int Family)>();
        for (var a = 0; a < n; a++)
        {
            if (a < 2 * r)
            {
                (a % 2 == 0 ? supplies : demands).Add((a, a / 2 % r));
                continue;
            }

            var roll = rng.NextDouble();
            if (roll < 0.45)
            {
                supplies.Add((a, rng.Next(r)));
            }
            else if (roll < 0.9)
            {
                demands.Add((a, rng.Next(r)));
            }
            else
            {
                supplies.Add((a, rng.Next(r)));
                demands.Add((a, rng.Next(r)));
            }
        }

        Line(sb, string.Empty);
        Line(sb, "supplies:");
        for (var i = 0; i < supplies.Count; i++)
        {
            var (a, f) = supplies[i];
            var fam = families[f];
            var (unit, _, prop, propUnit) = Describe(fam);
            var qty = Quantity(rng, fam);
            var quality = fam switch
            {
                Family.Heat => 30 + (60 * rng.NextDouble()),
                _ => 5 + (95 * rng.NextDouble()),
            };
            var route = fam switch
            {
                Family.Mineral => $"{{kind: landfill, cost: {F(200 + (300 * rng.NextDouble()), 0)} SEK/t, emissions: 1.26338 kg CO2e/t}}",
                Family.Organic => $"{{kind: incineration, cost: {F(300 + (500 * rng.NextDouble()), 0)} SEK/t, emissions: 4.68568 kg CO2e/t}}",
                Family.Heat => "{kind: release, cost: 0 SEK/MWh, emissions: 0 kg CO2e/MWh}",
                _ => $"{{kind: treatment, cost: {F(5 + (20 * rng.NextDouble()), 1)} SEK/m3, emissions: 0.3 kg CO2e/m3}}",
            };
            Line(sb, $"  - {{id: s{i:D5}, actor: a{a:D5}, resource: {Id("by", f)}, quantity: {F(qty, 0)} {unit}/yr, quality: {{{prop}: {F(quality, 1)} {propUnit}}}, route: {route}}}");
        }

        Line(sb, string.Empty);
        Line(sb, "demands:");
        for (var i = 0; i < demands.Count; i++)
        {
            var (a, f) = demands[i];
            var fam = families[f];
            var (unit, _, prop, propUnit) = Describe(fam);
            var qty = Quantity(rng, fam);
            var ratio = options.PureFlow ? 1.0 : 0.8 + (0.2 * rng.NextDouble());
            var (price, emissions, sourceQuality) = fam switch
            {
                Family.Mineral => (80 + (120 * rng.NextDouble()), 7.79306, 2.0),
                Family.Organic => (200 + (800 * rng.NextDouble()), 50 + (250 * rng.NextDouble()), 1.0),
                Family.Heat => (250 + (400 * rng.NextDouble()), 10 + (240 * rng.NextDouble()), 90.0),
                _ => (10 + (20 * rng.NextDouble()), 0.15, 0.0),
            };
            var limit = string.Empty;
            if (options.PureFlow)
            {
                _ = rng.NextDouble();
            }
            else if (fam == Family.Heat)
            {
                limit = $", limits: {{{prop}: {{min: {F(35 + (35 * rng.NextDouble()), 0)} {propUnit}}}}}";
            }
            else if (rng.NextDouble() < 0.5)
            {
                limit = $", limits: {{{prop}: {{max: {F(30 + (70 * rng.NextDouble()), 0)} {propUnit}}}}}";
            }

            var buyer = rng.NextDouble() < 0.3 ? "public" : "private";
            var lot = rng.NextDouble() < 0.1 && !options.PureFlow ? $", minLot: {F(qty * 0.2, 0)} {unit}/yr" : string.Empty;
            Line(sb, $"  - {{id: d{i:D5}, actor: a{a:D5}, resource: {Id("use", f)}, quantity: {F(qty, 0)} {unit}/yr, buyer: {buyer}{lot}, " +
                     $"accepts: [{{resource: {Id("by", f)}, ratio: {F(ratio, 3)}}}]{limit}, " +
                     $"source: {{kind: purchase, price: {F(price, 1)} SEK/{unit}, emissions: {F(emissions, 3)} kg CO2e/{unit}, quality: {{{prop}: {F(sourceQuality, 1)} {propUnit}}}}}}}");
        }

        // A few candidate processes: upgrade a by-product (cleaner output) at an actor in a town.
        var processCount = options.PureFlow ? 0 : Math.Max(1, n / 40);
        Line(sb, string.Empty);
        Line(sb, processCount == 0 ? "processes: []" : "processes:");
        for (var p = 0; p < processCount; p++)
        {
            var f = rng.Next(r);
            var fam = families[f];
            var (unit, _, prop, propUnit) = Describe(fam);
            var a = rng.Next(n);
            var capacity = Quantity(rng, fam) * 3;
            var outQuality = fam == Family.Heat ? 80.0 : 2 + (8 * rng.NextDouble());
            var yield = fam == Family.Heat ? 1.3 : 0.85;
            var capex = capacity * (fam == Family.Heat ? 1500 : 400) * (0.5 + rng.NextDouble());
            Line(sb, $"  - id: p{p:D4}");
            Line(sb, $"    actor: a{a:D5}");
            Line(sb, $"    name: Upgrading plant {p}");
            Line(sb, "    existing: false");
            Line(sb, $"    inputs: [{{resource: {Id("by", f)}}}]");
            Line(sb, $"    outputs: [{{resource: {Id("use", f)}, yield: {F(yield, 2)}, quality: {{{prop}: {F(outQuality, 1)} {propUnit}}}}}]");
            Line(sb, $"    capacity: {F(capacity, 0)} {unit}/yr");
            Line(sb, $"    capex: {F(capex / 1e6, 2)} MSEK");
            Line(sb, $"    fixedOpex: {F(capex * 0.03 / 1e6, 3)} MSEK/yr");
            Line(sb, $"    opex: {F(fam == Family.Water ? 2 : 40 + (60 * rng.NextDouble()), 1)} SEK/{unit}");
            Line(sb, $"    emissions: {F(fam == Family.Water ? 0.1 : 5, 1)} kg CO2e/{unit}");
        }

        var byFamily = (Family want) => string.Join(", ", Enumerable.Range(0, r).Where(f => families[f] == want).SelectMany(f => new[] { Id("by", f), Id("use", f) }));
        var solids = string.Join(", ", new[] { byFamily(Family.Mineral), byFamily(Family.Organic) }.Where(s => s.Length > 0));
        Line(sb, string.Empty);
        Line(sb, "transport:");
        if (options.PureFlow)
        {
            Line(sb, "  - {id: truck, name: Truck (HGV average laden), cost: 1.5 SEK/t.km, emissions: 0.10163 kg CO2e/t.km, maxDistance: 80 km}");
            Line(sb, "  - {id: heat-link, name: Heat link (leased capacity), cost: 2 SEK/MWh.km, emissions: 0 kg CO2e/MWh.km, maxDistance: 8 km}");
            Line(sb, "  - {id: water-link, name: Water link (leased capacity), cost: 0.5 SEK/m3.km, emissions: 0.0002 kg CO2e/m3.km, maxDistance: 10 km}");
        }
        else if (solids.Length > 0)
        {
            Line(sb, "  - {id: truck, name: Truck (HGV average laden), cost: 1.5 SEK/t.km, fixedCost: 25 kSEK/yr, emissions: 0.10163 kg CO2e/t.km, maxDistance: 80 km, " +
                     $"resources: [{solids}]}}");
            Line(sb, "  - {id: rail, name: Freight train incl. transloading, cost: 0.6 SEK/t.km, fixedCost: 400 kSEK/yr, emissions: 0.02779 kg CO2e/t.km, maxDistance: 250 km, " +
                     $"resources: [{byFamily(Family.Mineral)}{(byFamily(Family.Mineral).Length == 0 ? solids : string.Empty)}]}}");
        }

        if (byFamily(Family.Heat).Length > 0 && !options.PureFlow)
        {
            Line(sb, "  - {id: heat-pipe, name: Heat pipe, pipeline: true, cost: 0 SEK/MWh.km, capex: 4 MSEK/km, fixedCost: 50 kSEK/yr, loss: 0.5 %, emissions: 0 kg CO2e/MWh.km, maxDistance: 8 km, " +
                     $"resources: [{byFamily(Family.Heat)}]}}");
        }

        if (byFamily(Family.Water).Length > 0 && !options.PureFlow)
        {
            Line(sb, "  - {id: water-pipe, name: Water pipe, pipeline: true, cost: 0.02 SEK/m3.km, capex: 2 MSEK/km, fixedCost: 30 kSEK/yr, emissions: 0.0002 kg CO2e/m3.km, maxDistance: 10 km, " +
                     $"resources: [{byFamily(Family.Water)}]}}");
        }

        Line(sb, string.Empty);
        Line(sb, "permits:");
        var permits = 0;
        for (var f = 0; f < r; f++)
        {
            if (options.PureFlow || families[f] is not (Family.Mineral or Family.Organic))
            {
                continue;
            }

            permits++;
            Line(sb, $"  - {{id: permit-{f:D3}, name: Permit for reusing {Id("by", f)}, cost: {F(30 + (170 * rng.NextDouble()), 0)} kSEK, leadTime: {F(0.25 + (1.5 * rng.NextDouble()), 2)} yr, " +
                     $"resources: [{Id("by", f)}], liftedByEndOfWaste: true}}");
        }

        if (permits == 0)
        {
            sb.Length -= "permits:\n".Length;
            Line(sb, "permits: []");
        }

        Line(sb, string.Empty);
        Line(sb, "policies:");
        Line(sb, "  landfillTax: 744 SEK/t");
        Line(sb, "  incinerationTax: 0 SEK/t");
        Line(sb, "  co2Price: 1200 SEK/t CO2e");
        Line(sb, "  investmentSubsidy: 0 %");
        Line(sb, "  endOfWaste: []");
        Line(sb, "  procurement: []");
        return sb.ToString();
    }

    private static (string Unit, string Category, string Property, string PropertyUnit) Describe(Family f) => f switch
    {
        Family.Mineral => ("t", "material", "contaminant", "mg/kg"),
        Family.Organic => ("t", "material", "contaminant", "mg/kg"),
        Family.Heat => ("MWh", "energy", "temperature", "degC"),
        _ => ("m3", "water", "cod", "ppm"),
    };

    private static double Quantity(Random rng, Family f)
    {
        // Log-uniform over two orders of magnitude.
        var (lo, hi) = f switch
        {
            Family.Mineral => (200.0, 20_000.0),
            Family.Organic => (100.0, 10_000.0),
            Family.Heat => (500.0, 50_000.0),
            _ => (5_000.0, 500_000.0),
        };
        return Math.Round(lo * Math.Pow(hi / lo, rng.NextDouble()));
    }

    private static string Id(string prefix, int family) => $"{prefix}-{family:D3}";

    private static string F(double value, int decimals) =>
        value.ToString("0." + new string('#', Math.Max(1, decimals)), CultureInfo.InvariantCulture);

    private static void Line(StringBuilder sb, string text) => sb.Append(text).Append('\n');
}
