using System.Collections.Immutable;
using System.Text.Json;

namespace SymbiosisOptimizer.Reports.Maps;

/// <summary>A position in WGS 84 degrees.</summary>
public readonly record struct LonLat(double Lon, double Lat);

/// <summary>A municipality's outline: its rings (outer borders and holes alike, for drawing) and their bounding box.</summary>
public sealed record BoundaryArea(string Id, string Name, ImmutableArray<ImmutableArray<LonLat>> Rings, double MinLon, double MinLat, double MaxLon, double MaxLat);

/// <summary>
/// The municipality borders drawn under the report maps: the simplified okfse/sweden-geojson file embedded in this
/// assembly (Maps/Geo/SOURCE.md says where it comes from and under which terms). Read once per process.
/// </summary>
public static class Boundaries
{
    private const string Resource = "maps/sweden-municipalities.geojson";

    private static readonly Lazy<ImmutableArray<BoundaryArea>> Sweden = new(() => Read(Resource), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Sweden's 290 municipalities.</summary>
    public static ImmutableArray<BoundaryArea> SwedishMunicipalities => Sweden.Value;

    private static ImmutableArray<BoundaryArea> Read(string resource)
    {
        using var stream = typeof(Boundaries).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the embedded boundary file {resource} is missing from the Reports assembly");
        using var doc = JsonDocument.Parse(stream);
        var areas = ImmutableArray.CreateBuilder<BoundaryArea>();
        foreach (var feature in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            var props = feature.GetProperty("properties");
            var geometry = feature.GetProperty("geometry");
            var coordinates = geometry.GetProperty("coordinates");
            var polygons = geometry.GetProperty("type").GetString() switch
            {
                "Polygon" => [coordinates],
                "MultiPolygon" => coordinates.EnumerateArray().ToList(),
                _ => [],
            };
            var rings = polygons.SelectMany(p => p.EnumerateArray())
                .Select(r => r.EnumerateArray().Select(c => new LonLat(c[0].GetDouble(), c[1].GetDouble())).ToImmutableArray())
                .Where(r => r.Length >= 3)
                .ToImmutableArray();
            if (rings.IsEmpty)
            {
                continue;
            }

            var all = rings.SelectMany(r => r).ToList();
            areas.Add(new BoundaryArea(
                props.GetProperty("id").GetString() ?? string.Empty, props.GetProperty("name").GetString() ?? string.Empty, rings,
                all.Min(p => p.Lon), all.Min(p => p.Lat), all.Max(p => p.Lon), all.Max(p => p.Lat)));
        }

        return areas.ToImmutable();
    }
}
