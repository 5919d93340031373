using System.Text.Json;
using SymbiosisOptimizer.Reports.Documents;

namespace SymbiosisOptimizer.Reports;

/// <summary>
/// flows.geojson (RFC 7946, WGS 84 longitude/latitude) for QGIS and web maps, rendered from the run document: every
/// actor as a Point, every chosen exchange as a LineString from supplier to receiver (an on-site exchange as a line of
/// length zero at the actor, so every exchange is a line), and the plants and permits, which carry costs and emissions
/// of their own, as Points at their actor. The exchanges, plants, permits and the unattributed rest (in the collection's
/// properties) add up to the KPIs.
/// </summary>
public static class FlowsGeoJson
{
    public static string Serialize(RunReport report)
    {
        var d = report.Document;
        var cur = d.Currency;
        var position = d.Actors.ToDictionary(a => a.Id, a => new[] { a.Lon, a.Lat }, StringComparer.Ordinal);
        var actors = d.Actors.Select(a => (object)new
        {
            type = "Feature",
            geometry = new { type = "Point", coordinates = new[] { a.Lon, a.Lat } },
            properties = new Dictionary<string, object?>
            {
                ["feature"] = "actor",
                ["id"] = a.Id,
                ["name"] = a.Name,
                ["kind"] = a.Kind,
                ["municipality"] = a.Municipality,
                ["netBenefit"] = a.NetBenefit.Value,
                ["netBenefitUnit"] = a.NetBenefit.Unit,
            },
        });
        var exchanges = d.Exchanges.Where(e => e.Line is not null).Select(e => (object)new
        {
            type = "Feature",
            geometry = new { type = "LineString", coordinates = new[] { new[] { e.Line!.FromLon, e.Line.FromLat }, new[] { e.Line.ToLon, e.Line.ToLat } } },
            properties = new Dictionary<string, object?>
            {
                ["feature"] = "exchange",
                ["name"] = $"{e.FromName} -> {e.ToName} ({e.ResourceName})",
                ["description"] = e.Description,
                ["from"] = e.From,
                ["fromName"] = e.FromName,
                ["to"] = e.To,
                ["toName"] = e.ToName,
                ["source"] = e.Source,
                ["sink"] = e.Sink,
                ["resource"] = e.Resource,
                ["resourceName"] = e.ResourceName,
                ["quantity"] = e.Quantity.Value,
                ["unit"] = e.Quantity.Unit,
                ["mode"] = e.Mode,
                ["modeName"] = e.ModeName,
                ["distanceKm"] = e.DistanceKm,
                ["annualBenefit"] = e.AnnualBenefit.Value,
                ["annualBenefitUnit"] = e.AnnualBenefit.Unit,
                ["co2Avoided"] = e.Co2Avoided.Value,
                ["co2AvoidedUnit"] = e.Co2Avoided.Unit,
                ["landfillAvoided"] = e.LandfillAvoided.Value,
                ["landfillAvoidedUnit"] = e.LandfillAvoided.Unit,
            },
        });
        object Own(string feature, string id, string name, string actor, ContributionRow c) => new
        {
            type = "Feature",
            geometry = new { type = "Point", coordinates = position.GetValueOrDefault(actor) ?? [0.0, 0.0] },
            properties = new Dictionary<string, object?>
            {
                ["feature"] = feature,
                ["id"] = id,
                ["name"] = name,
                ["actor"] = actor,
                ["annualBenefit"] = c.NetBenefit.Value,
                ["annualBenefitUnit"] = c.NetBenefit.Unit,
                ["co2Avoided"] = c.Co2Avoided.Value,
                ["co2AvoidedUnit"] = c.Co2Avoided.Unit,
                ["landfillAvoided"] = c.LandfillAvoided.Value,
                ["landfillAvoidedUnit"] = c.LandfillAvoided.Unit,
            },
        };
        var plants = d.Plants.Where(p => p.Built).Select(p => Own("plant", p.Id, p.Name, p.Actor, new ContributionRow(p.NetBenefit, p.Co2Avoided, p.LandfillAvoided, p.VirginMaterialAvoided)));
        var permits = d.Permits.Select(p => Own("permit", p.Key, $"{p.Name} at {p.ReceiverName}", p.Receiver, new ContributionRow(p.NetBenefit, p.Co2Avoided, p.LandfillAvoided, p.VirginMaterialAvoided)));
        var doc = new
        {
            type = "FeatureCollection",
            name = $"{d.Region}: {d.Scenario}",
            properties = new
            {
                kpis = d.Kpis,
                unattributed = d.Unattributed,
                note = "exchange lines + plant and permit points + unattributed add up to the KPIs",
                currency = cur,
            },
            features = actors.Concat(exchanges).Concat(plants).Concat(permits).ToList(),
        };
        return JsonSerializer.Serialize(doc, DocumentJson.Options) + "\n";
    }
}
