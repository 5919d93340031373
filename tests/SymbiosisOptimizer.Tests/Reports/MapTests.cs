using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Maps;

namespace SymbiosisOptimizer.Tests.Reports;

/// <summary>
/// The report map (report.html's inline SVG and the flow-map chart): projection, borders, one line per exchange, one
/// marker per actor. The bundled scenarios are read from reports/ (CommittedReportsTests proves those equal a fresh run).
/// </summary>
public sealed partial class MapTests
{
    public static TheoryData<string> Scenarios => new() { "varmland-dalarna", "kalundborg", "kronoberg-kalmar-water", "lidkoping" };

    private static string Committed(string scenario, string file) => Path.Combine(TestPaths.Root, "reports", scenario, file);

    private static RunDocument Document(string scenario) => ResultsJson.Deserialize(File.ReadAllText(Committed(scenario, RunOutputs.ResultsFile)))!;

    /// <summary>The map's SVG inside report.html.</summary>
    private static string MapSvg(string html)
    {
        var m = MapFigure().Match(html);
        Assert.True(m.Success, "report.html has no map figure");
        return m.Groups["svg"].Value;
    }

    [Fact]
    public void The_projection_maps_a_hand_computed_point()
    {
        // View 14..16 °E, 59..61 °N on 1000 x 1000 px. cos(60°) = 0.5, so the box is 1 unit wide and 2 tall:
        // scale s = min(1000/1, 1000/2) = 500 px per degree of latitude. Centred: the x range is 7.5 ± 1 (15 °E × 0.5
        // ± 1000/500/2), so left = 6.5; top = 61. The point (15.5 °E, 60.5 °N): x = (15.5 × 0.5 − 6.5) × 500 = 625,
        // y = (61 − 60.5) × 500 = 250.
        var p = new MapProjection(14, 59, 16, 61, 1000, 1000);
        Assert.Equal(500, p.Scale, 9);
        var at = p.Project(new LonLat(15.5, 60.5));
        Assert.Equal(625, at.X, 9);
        Assert.Equal(250, at.Y, 9);
        Assert.Equal(500 / 111.32, p.PixelsPerKm, 9);

        // A wide canvas: 10..12 °E, 59..61 °N on 1000 x 500: s = min(1000/1, 500/2) = 250; centre x 11 × 0.5 = 5.5,
        // left = 5.5 − 1000/250/2 = 3.5, top = 60 + 500/250/2 = 61. (12 °E, 61 °N) -> ((6 − 3.5) × 250, 0) = (625, 0);
        // the west edge widens to 3.5 / 0.5 = 7 °E.
        var wide = new MapProjection(10, 59, 12, 61, 1000, 500);
        var corner = wide.Project(new LonLat(12, 61));
        Assert.Equal(625, corner.X, 9);
        Assert.Equal(0, corner.Y, 9);
        Assert.Equal(7, wide.Visible.MinLon, 9);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_flow_map_chart_svg_is_the_map_report_html_shows(string scenario)
    {
        // One vector drawing of the map: charts/flow-map.svg is report.html's inline map, character for character
        // (both written by the same run; CommittedReportsTests proves the committed files equal a fresh run).
        var chart = File.ReadAllText(Path.Combine(TestPaths.Root, "reports", scenario, "charts", SymbiosisOptimizer.Reports.Charts.RunCharts.FlowMap + ".svg"));
        Assert.Equal(MapSvg(File.ReadAllText(Committed(scenario, RunOutputs.HtmlFile))), chart);
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", chart, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_map_in_report_html_has_one_line_per_exchange_and_one_marker_per_actor(string scenario)
    {
        var json = JsonNode.Parse(File.ReadAllText(Committed(scenario, RunOutputs.ResultsFile)))!;
        var svg = MapSvg(File.ReadAllText(Committed(scenario, RunOutputs.HtmlFile)));
        var exchanges = json["exchanges"]!.AsArray();
        Assert.NotEmpty(exchanges);
        Assert.Equal(exchanges.Count, Regex.Matches(svg, "<path class=\"exchange\"").Count);
        foreach (var e in exchanges)
        {
            var key = WebUtility.HtmlEncode(e!["key"]!.GetValue<string>());
            var lines = Regex.Matches(svg, $"<path class=\"exchange\" data-key=\"{Regex.Escape(key)}\"[^>]*><title>(?<title>[^<]*)</title>");
            Assert.Single(lines);

            // The hover names the exchange and shows its figures as the document holds them.
            var title = WebUtility.HtmlDecode(lines[0].Groups["title"].Value);
            Assert.Contains(e["description"]!.GetValue<string>(), title, StringComparison.Ordinal);
            Assert.Contains(Figures.Number(e["quantity"]!["value"]!.GetValue<double>()), title, StringComparison.Ordinal);
            Assert.Contains(Figures.Fixed(e["annualBenefit"]!["value"]!.GetValue<double>()), title, StringComparison.Ordinal);
        }

        var actors = json["actors"]!.AsArray();
        Assert.Equal(actors.Count, Regex.Matches(svg, "<g class=\"actor\"").Count);
        foreach (var a in actors)
        {
            Assert.Single(Regex.Matches(svg, $"<g class=\"actor\" data-id=\"{Regex.Escape(WebUtility.HtmlEncode(a!["id"]!.GetValue<string>()))}\""));
        }

        // Every bundled scenario's view meets some Swedish municipality (Kalundborg's reaches across the Kattegat).
        Assert.True(Regex.Matches(svg, "<path class=\"border\"").Count > 0, $"{scenario}: no borders on the map");
        Assert.DoesNotContain("<script", svg, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Borders_are_clipped_to_the_canvas_and_lines_are_as_wide_as_their_quantity(string scenario)
    {
        var map = FlowMapBuilder.Build(Document(scenario));
        Assert.All(map.Borders.SelectMany(b => b.Rings).SelectMany(r => r), p =>
        {
            Assert.InRange(p.X, -0.05, map.Width + 0.05);
            Assert.InRange(p.Y, -0.05, map.Height + 0.05);
        });

        // Width = 1.5 + 8 × quantity / largest quantity of the same unit: the largest of each unit is 9.5 px wide.
        var doc = Document(scenario);
        foreach (var unit in doc.Exchanges.GroupBy(e => e.Quantity.Unit, StringComparer.Ordinal))
        {
            var largest = unit.MaxBy(e => e.Quantity.Value)!;
            Assert.Equal(9.5, map.Lines.Single(l => l.Key == largest.Key).Width, 9);
        }

        // Every actor inside the canvas.
        Assert.All(map.Markers, m => Assert.True(m.At.X > 0 && m.At.X < map.Width && m.At.Y > 0 && m.At.Y < map.Height, m.Name));
    }

    [Fact]
    public void A_map_with_more_active_actors_than_names_names_those_of_largest_net_benefit_and_says_so()
    {
        // 100 copies of one Värmland actor, paired by 50 exchanges, with net benefits +-1 000 i SEK/yr (i = 0..99, the
        // sign alternating): by hand, the 60 of largest magnitude are i = 40..99, so those are named and no other.
        var doc = Document("varmland-dalarna");
        var actor = doc.Actors[0];
        var exchange = doc.Exchanges[0];
        var copies = Enumerable.Range(0, 100).Select(i => actor with
        {
            Id = $"copy{i}",
            Name = $"Copy {i}",
            Lat = actor.Lat + (0.01 * (i % 10)),
            Lon = actor.Lon + (0.01 * (i / 10)),
            NetBenefit = actor.NetBenefit with { Value = (i % 2 == 0 ? 1 : -1) * 1000.0 * i },
        }).ToList();
        var pairs = Enumerable.Range(0, 50).Select(k => exchange with { Key = $"pair{k}", From = $"copy{2 * k}", To = $"copy{(2 * k) + 1}", Line = null }).ToList();
        var many = doc with { Actors = [.. copies], Exchanges = [.. pairs] };

        var map = FlowMapBuilder.Build(many);

        Assert.Equal(FlowMapBuilder.MaxLabels, 60);
        Assert.Equal(Enumerable.Range(40, 60).Select(i => $"copy{i}").Order(StringComparer.Ordinal), map.Markers.Where(m => m.Labelled).Select(m => m.Id).Order(StringComparer.Ordinal));
        Assert.All(map.Markers, m => Assert.True(m.Active, m.Id));
        Assert.Equal("names shown for the 60 actors with the largest net benefit, of 100 in exchanges", map.LabelNote);
        var svg = FlowMapSvg.Build(map, "test");
        // An actor's name is the only text drawn with a halo and an anchor (the note has no anchor).
        Assert.Equal(60, Regex.Matches(svg, "paint-order=\"stroke\" text-anchor=").Count);
        Assert.Contains(map.LabelNote!, svg, StringComparison.Ordinal);

        // At the bundled size every actor in an exchange is named and the map says nothing about names.
        var small = FlowMapBuilder.Build(doc);
        Assert.Null(small.LabelNote);
        Assert.All(small.Markers, m => Assert.Equal(m.Active, m.Labelled));
    }

    [Fact]
    public void Kalundborg_alone_has_no_boundary_data_and_the_map_says_so()
    {
        // Kalundborg's own site (about 11.1 °E, 55.7 °N) is 80 km from the nearest Swedish municipality: keep only the
        // actors within 0.2° of the power station and the exchanges between them.
        var doc = Document("kalundborg");
        var centre = doc.Actors.Single(a => a.Id == "asnaes");
        var near = doc.Actors.Where(a => Math.Abs(a.Lat - centre.Lat) < 0.2 && Math.Abs(a.Lon - centre.Lon) < 0.2).ToList();
        var ids = near.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var local = doc with { Actors = [.. near], Exchanges = [.. doc.Exchanges.Where(e => ids.Contains(e.From) && ids.Contains(e.To))] };
        Assert.True(local.Exchanges.Length > 3, "the local Kalundborg exchanges");

        var map = FlowMapBuilder.Build(local);
        Assert.Empty(map.Borders);
        Assert.Equal(FlowMap.NoBoundaryData, map.BoundaryNote);
        var svg = FlowMapSvg.Build(map, "test");
        Assert.Contains(FlowMap.NoBoundaryData, svg, StringComparison.Ordinal);
        Assert.Equal(local.Exchanges.Length, Regex.Matches(svg, "<path class=\"exchange\"").Count);

        // The whole bundled view draws the Swedish coast it reaches, and says the Danish actors have none.
        Assert.Equal(FlowMap.SomeOutside, FlowMapBuilder.Build(doc).BoundaryNote);
        Assert.Null(FlowMapBuilder.Build(Document("varmland-dalarna")).BoundaryNote);
    }

    [Fact]
    public void Boundaries_hold_every_swedish_municipality_and_know_which_side_of_the_border_a_point_is()
    {
        var all = Boundaries.SwedishMunicipalities;
        Assert.Equal(290, all.Length);

        // Karlstad's city hall (13.50 °E, 59.38 °N) lies in Karlstad; Copenhagen (12.57 °E, 55.68 °N) in no Swedish municipality.
        Assert.True(FlowMapBuilder.Inside([.. all.Where(a => a.Name == "Karlstad")], new LonLat(13.50, 59.38)));
        Assert.False(FlowMapBuilder.Inside(all, new LonLat(12.57, 55.68)));
    }

    [GeneratedRegex("<figure class=\"chart\" id=\"chart-flow-map\">\\s*(?<svg><svg.*?</svg>)", RegexOptions.Singleline)]
    private static partial Regex MapFigure();
}
