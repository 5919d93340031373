using System.Text.Json;

namespace SymbiosisOptimizer.Tests.Reports;

[Collection(RunReportCollection.Name)]
public sealed class GeoJsonTests(RunReportFixture run)
{
    [Fact]
    public void Flows_geojson_has_every_actor_as_a_point_and_every_exchange_as_a_line()
    {
        using var results = JsonDocument.Parse(File.ReadAllText(run.File("results.json")));
        using var geo = JsonDocument.Parse(File.ReadAllText(run.File("flows.geojson")));
        var root = geo.RootElement;
        Assert.Equal("FeatureCollection", root.GetProperty("type").GetString());
        var features = root.GetProperty("features").EnumerateArray().ToList();
        foreach (var f in features)
        {
            Assert.Equal("Feature", f.GetProperty("type").GetString());
            var g = f.GetProperty("geometry");
            var coords = g.GetProperty("coordinates");
            var points = g.GetProperty("type").GetString() switch
            {
                "Point" => [coords],
                "LineString" => coords.EnumerateArray().ToList(),
                var t => throw new Xunit.Sdk.XunitException($"unexpected geometry {t}"),
            };
            foreach (var p in points)
            {
                Assert.Equal(2, p.GetArrayLength());
                Assert.InRange(p[0].GetDouble(), -180, 180);
                Assert.InRange(p[1].GetDouble(), -90, 90);
            }
        }

        var actors = features.Where(f => f.GetProperty("properties").GetProperty("feature").GetString() == "actor").ToList();
        var exchanges = features.Where(f => f.GetProperty("properties").GetProperty("feature").GetString() == "exchange").ToList();
        var region = TestPaths.Load(TestPaths.Scenario("varmland-dalarna"));
        Assert.Equal(region.Actors.Length, actors.Count);
        Assert.All(actors, a => Assert.Equal("Point", a.GetProperty("geometry").GetProperty("type").GetString()));
        foreach (var key in new[] { "id", "name", "kind", "municipality", "netBenefit" })
        {
            Assert.True(actors[0].GetProperty("properties").TryGetProperty(key, out _), key);
        }

        var expected = results.RootElement.GetProperty("exchanges").EnumerateArray().ToList();
        Assert.Equal(expected.Count, exchanges.Count);
        Assert.Equal(
            expected.Count(e => e.GetProperty("from").GetString() != e.GetProperty("to").GetString()),
            exchanges.Count(e => e.GetProperty("geometry").GetProperty("type").GetString() == "LineString"));
        Assert.Equal(
            expected.Sum(e => e.GetProperty("annualBenefit").GetProperty("value").GetDouble()),
            exchanges.Sum(e => e.GetProperty("properties").GetProperty("annualBenefit").GetDouble()), 3);
        foreach (var key in new[] { "from", "to", "resource", "quantity", "unit", "annualBenefit", "co2Avoided" })
        {
            Assert.True(exchanges[0].GetProperty("properties").TryGetProperty(key, out _), key);
        }
    }
}
