using System.Text.Json;

namespace SymbiosisOptimizer.Reports;

/// <summary>
/// flows.geojson (RFC 7946, WGS 84 longitude/latitude) for QGIS and web maps: every actor as a Point, every chosen
/// exchange between two actors as a LineString from supplier to receiver (an on-site exchange is a Point at the actor).
/// </summary>
public static class FlowsGeoJson
{
    public static string Serialize(RunReport report)
    {
        var region = report.Region;
        var cur = report.Currency;
        var net = report.Result.Actors.ToDictionary(a => a.Id, a => a.NetBenefit, StringComparer.Ordinal);
        static double[] Pos(Domain.Model.GeoPoint p) => [Math.Round(p.Longitude, 6), Math.Round(p.Latitude, 6)];
        var actors = region.Actors.Select(a => (object)new
        {
            type = "Feature",
            geometry = new { type = "Point", coordinates = Pos(a.Location) },
            properties = new Dictionary<string, object?>
            {
                ["feature"] = "actor",
                ["id"] = a.Id,
                ["name"] = a.Name,
                ["kind"] = a.Kind.ToString().ToLowerInvariant(),
                ["municipality"] = a.Municipality,
                ["netBenefit"] = ResultsJson.Round(net.GetValueOrDefault(a.Id)),
                ["netBenefitUnit"] = $"{cur}/yr",
            },
        });
        var exchanges = report.ExchangesByBenefit.Where(e => region.HasActor(e.FromActor) && region.HasActor(e.ToActor)).Select(e =>
        {
            var from = region.Actor(e.FromActor).Location;
            var to = region.Actor(e.ToActor).Location;
            object geometry = string.Equals(e.FromActor, e.ToActor, StringComparison.Ordinal)
                ? new { type = "Point", coordinates = Pos(from) }
                : new { type = "LineString", coordinates = new[] { Pos(from), Pos(to) } };
            return (object)new
            {
                type = "Feature",
                geometry,
                properties = new Dictionary<string, object?>
                {
                    ["feature"] = "exchange",
                    ["from"] = e.FromActor,
                    ["to"] = e.ToActor,
                    ["source"] = e.Source,
                    ["sink"] = e.Sink,
                    ["resource"] = e.Resource,
                    ["quantity"] = ResultsJson.Round(e.Quantity),
                    ["unit"] = e.Unit,
                    ["mode"] = e.Mode,
                    ["distanceKm"] = ResultsJson.Round(e.DistanceKm),
                    ["annualBenefit"] = ResultsJson.Round(e.AnnualBenefit),
                    ["annualBenefitUnit"] = $"{cur}/yr",
                    ["co2Avoided"] = ResultsJson.Round(e.Co2Avoided),
                    ["co2AvoidedUnit"] = "t CO2e/yr",
                    ["landfillAvoided"] = ResultsJson.Round(report.LandfillAvoided(e)),
                },
            };
        });
        var doc = new
        {
            type = "FeatureCollection",
            name = $"{region.Name}: {report.Run.Scenario}",
            features = actors.Concat(exchanges).ToList(),
        };
        return JsonSerializer.Serialize(doc, ResultsJson.Options) + "\n";
    }
}
