using ScottPlot;

namespace SymbiosisOptimizer.Reports.Maps;

/// <summary>
/// The run's <see cref="FlowMap"/> drawn with ScottPlot for the flow-map chart (PNG and SVG in charts/): the same borders, markers and lines as report.html's SVG. Plot coordinates are the
/// map's pixels with y turned upwards (y' = height − y).
/// </summary>
public static class FlowMapPlot
{
    public static Plot Build(FlowMap map, string title)
    {
        var plot = Charts.RunCharts.NewPlot(title);
        var h = map.Height;
        Coordinates C(PixelPoint p) => new(p.X, h - p.Y);

        var background = plot.Add.Polygon(new[] { new Coordinates(0, 0), new Coordinates(map.Width, 0), new Coordinates(map.Width, h), new Coordinates(0, h) });
        background.FillColor = Color.FromHex("#eef2f5");
        background.LineWidth = 0;
        foreach (var ring in map.Borders.SelectMany(b => b.Rings))
        {
            var border = plot.Add.Polygon(ring.Select(C).ToArray());
            border.FillColor = Color.FromHex("#fbfaf6");
            border.LineColor = Color.FromHex("#9aa3ab");
            border.LineWidth = 0.8f;
        }

        if (map.BoundaryNote is { } note)
        {
            var text = plot.Add.Text(note, map.Width / 2, h - 28);
            text.LabelFontSize = 15;
            text.LabelFontColor = Color.FromHex("#555555");
            text.LabelAlignment = Alignment.MiddleCenter;
        }

        foreach (var l in map.Lines)
        {
            var colour = Color.FromHex(l.Colour).WithAlpha(0.85);
            var points = Curve(l).Select(C).ToArray();
            var line = plot.Add.ScatterLine(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), colour);
            line.LineWidth = (float)l.Width;
            line.MarkerSize = 0;
            var arrow = plot.Add.Polygon(l.Arrow.Select(C).ToArray());
            arrow.FillColor = Color.FromHex(l.Colour);
            arrow.LineWidth = 0;
        }

        foreach (var m in map.Markers.OrderBy(m => m.Active))
        {
            var colour = Color.FromHex(m.Kind.Colour);
            var marker = plot.Add.Marker(m.At.X, h - m.At.Y, Shape(m.Kind.Symbol), m.Active ? 13 : 9, m.Active ? colour : colour.WithAlpha(0.55));
            marker.LegendText = string.Empty;
            if (m.Labelled)
            {
                var label = plot.Add.Text(m.Label, m.At.X + (m.LabelLeft ? -10 : 10), h - m.At.Y + 6);
                label.LabelFontSize = 12;
                label.LabelFontColor = Colors.Black;
                label.LabelBackgroundColor = Colors.White.WithAlpha(0.7);
                label.LabelAlignment = m.LabelLeft ? Alignment.LowerRight : Alignment.LowerLeft;
            }
        }

        var bar = map.ScaleBar;
        var scale = plot.Add.ScatterLine(new[] { 20.0, 20, 20 + bar.Pixels, 20 + bar.Pixels }, new[] { 24.0, 18, 18, 24 }, Colors.Black);
        scale.LineWidth = 2;
        scale.MarkerSize = 0;
        var km = plot.Add.Text($"{Documents.Figures.Number(bar.Km)} km", 20 + (bar.Pixels / 2), 26);
        km.LabelFontSize = 11;
        km.LabelAlignment = Alignment.LowerCenter;
        if (map.LabelNote is { } labels)
        {
            var named = plot.Add.Text(labels, 12, 48);
            named.LabelFontSize = 11;
            named.LabelFontColor = Color.FromHex("#444444");
            named.LabelBackgroundColor = Colors.White.WithAlpha(0.7);
            named.LabelAlignment = Alignment.LowerLeft;
        }

        if (!map.Borders.IsEmpty)
        {
            var credit = plot.Add.Text(map.Attribution, map.Width - 8, 8);
            credit.LabelFontSize = 10;
            credit.LabelFontColor = Color.FromHex("#666666");
            credit.LabelAlignment = Alignment.LowerRight;
        }

        foreach (var k in map.Kinds)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = k.Label, MarkerShape = Shape(k.Symbol), MarkerFillColor = Color.FromHex(k.Colour), MarkerLineColor = Color.FromHex(k.Colour), MarkerSize = 12 });
        }

        foreach (var r in map.Resources)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = FlowMapBuilder.Short(FlowMapBuilder.Plain(r.Name), 40), LineColor = Color.FromHex(r.Colour), LineWidth = 6 });
        }

        plot.ShowLegend(Edge.Right);
        plot.HideGrid();
        plot.Axes.Frameless();
        plot.Axes.SetLimits(0, map.Width, 0, h);
        plot.Axes.SquareUnits();
        return plot;
    }

    /// <summary>The line as points: the quadratic curve at 24 steps, or the on-site circle.</summary>
    private static IEnumerable<PixelPoint> Curve(MapLine l)
    {
        const int steps = 24;
        for (var i = 0; i <= steps; i++)
        {
            var t = (double)i / steps;
            if (l.LoopRadius is { } r)
            {
                // Centre r above the actor; start at the actor (the bottom of the circle).
                var a = (Math.PI / 2) + (2 * Math.PI * t);
                yield return new PixelPoint(l.From.X + (r * Math.Cos(a)), l.From.Y - r + (r * Math.Sin(a)));
            }
            else
            {
                var u = 1 - t;
                yield return new PixelPoint((u * u * l.From.X) + (2 * u * t * l.Control.X) + (t * t * l.To.X), (u * u * l.From.Y) + (2 * u * t * l.Control.Y) + (t * t * l.To.Y));
            }
        }
    }

    private static MarkerShape Shape(MarkerSymbol s) => s switch
    {
        MarkerSymbol.Square => MarkerShape.FilledSquare,
        MarkerSymbol.TriangleUp => MarkerShape.FilledTriangleUp,
        MarkerSymbol.TriangleDown => MarkerShape.FilledTriangleDown,
        MarkerSymbol.Diamond => MarkerShape.FilledDiamond,
        _ => MarkerShape.FilledCircle,
    };
}
