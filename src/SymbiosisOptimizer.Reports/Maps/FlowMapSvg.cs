using System.Globalization;
using System.Net;
using System.Text;

namespace SymbiosisOptimizer.Reports.Maps;

/// <summary>
/// The run's <see cref="FlowMap"/> as one inline SVG for report.html: borders, one path per exchange (class
/// <c>exchange</c>, its key in <c>data-key</c>, its figures in a &lt;title&gt; that browsers show on hover), one group per
/// actor (class <c>actor</c>), a legend column, a scale bar and the borders' attribution. No scripts, no external files.
/// </summary>
public static class FlowMapSvg
{
    /// <summary>Width of the legend column right of the map.</summary>
    public const double LegendWidth = 270;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Build(FlowMap map, string title)
    {
        var w = map.Width;
        var h = map.Height;
        var s = new StringBuilder();
        s.Append(Inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {N(w + LegendWidth)} {N(h)}\" role=\"img\" aria-label=\"{E(title)}\" font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\">\n");
        s.Append(Inv, $"<rect x=\"0\" y=\"0\" width=\"{N(w)}\" height=\"{N(h)}\" fill=\"#eef2f5\"/>\n");

        s.Append("<g class=\"borders\" fill=\"#fbfaf6\" stroke=\"#9aa3ab\" stroke-width=\"0.8\" stroke-linejoin=\"round\">\n");
        foreach (var b in map.Borders)
        {
            s.Append("<path class=\"border\" d=\"");
            foreach (var ring in b.Rings)
            {
                s.Append(Inv, $"M{N(ring[0].X)} {N(ring[0].Y)}");
                foreach (var p in ring.Skip(1))
                {
                    s.Append(Inv, $"L{N(p.X)} {N(p.Y)}");
                }

                s.Append('Z');
            }

            s.Append(Inv, $"\"><title>{E(b.Name)}</title></path>\n");
        }

        s.Append("</g>\n");
        if (map.BoundaryNote is { } note)
        {
            s.Append(Inv, $"<text class=\"no-boundary\" x=\"{N(w / 2)}\" y=\"28\" text-anchor=\"middle\" font-size=\"15\" fill=\"#555\">{E(note)}</text>\n");
        }

        s.Append("<g class=\"exchanges\" fill=\"none\" stroke-linecap=\"round\" stroke-opacity=\"0.85\">\n");
        foreach (var l in map.Lines)
        {
            var d = l.LoopRadius is { } r
                ? string.Create(Inv, $"M{N(l.From.X)} {N(l.From.Y)}a{N(r)} {N(r)} 0 1 1 0.1 0Z")
                : string.Create(Inv, $"M{N(l.From.X)} {N(l.From.Y)}Q{N(l.Control.X)} {N(l.Control.Y)} {N(l.To.X)} {N(l.To.Y)}");
            s.Append(Inv, $"<path class=\"exchange\" data-key=\"{E(l.Key)}\" d=\"{d}\" stroke=\"{l.Colour}\" stroke-width=\"{N(l.Width)}\"><title>{E(l.Title)}</title></path>\n");
            s.Append(Inv, $"<polygon class=\"arrow\" points=\"{Points(l.Arrow)}\" fill=\"{l.Colour}\" stroke=\"none\"/>\n");
        }

        s.Append("</g>\n<g class=\"actors\">\n");
        foreach (var m in map.Markers.OrderBy(m => m.Active))
        {
            s.Append(Inv, $"<g class=\"actor\" data-id=\"{E(m.Id)}\"{(m.Active ? string.Empty : " opacity=\"0.55\"")}><title>{E(m.Title)}</title>");
            s.Append(Symbol(m.Kind.Symbol, m.At.X, m.At.Y, m.Active ? 7 : 5, m.Kind.Colour));
            if (m.Labelled)
            {
                var x = m.LabelLeft ? m.At.X - 10 : m.At.X + 10;
                s.Append(Inv, $"<text x=\"{N(x)}\" y=\"{N(m.At.Y - 6)}\" font-size=\"12\" fill=\"#1a1a1a\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\" text-anchor=\"{(m.LabelLeft ? "end" : "start")}\">{E(m.Label)}</text>");
            }

            s.Append("</g>\n");
        }

        s.Append("</g>\n");

        // Scale bar (bottom left) and attribution (bottom right) on the map.
        var bar = map.ScaleBar;
        s.Append(Inv, $"<g class=\"scale\"><rect x=\"12\" y=\"{N(h - 40)}\" width=\"{N(bar.Pixels + 16)}\" height=\"30\" fill=\"#ffffff\" fill-opacity=\"0.8\"/>");
        s.Append(Inv, $"<path d=\"M20 {N(h - 18)}v6h{N(bar.Pixels)}v-6\" fill=\"none\" stroke=\"#333\" stroke-width=\"2\"/>");
        s.Append(Inv, $"<text x=\"{N(20 + (bar.Pixels / 2))}\" y=\"{N(h - 22)}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#333\">{E(Documents.Figures.Number(bar.Km))} km</text></g>\n");
        if (map.LabelNote is { } labels)
        {
            s.Append(Inv, $"<text class=\"label-note\" x=\"12\" y=\"{N(h - 48)}\" font-size=\"11\" fill=\"#444\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">{E(labels)}</text>\n");
        }

        if (!map.Borders.IsEmpty)
        {
            s.Append(Inv, $"<text x=\"{N(w - 8)}\" y=\"{N(h - 8)}\" font-size=\"10\" text-anchor=\"end\" fill=\"#666\">{E(map.Attribution)}</text>\n");
        }

        Legend(s, map, w);
        s.Append("</svg>");
        return s.ToString();
    }

    private static void Legend(StringBuilder s, FlowMap map, double x0)
    {
        var x = x0 + 16;
        var y = 28.0;
        s.Append(Inv, $"<g class=\"legend\" font-size=\"12\" fill=\"#1a1a1a\"><rect x=\"{N(x0)}\" y=\"0\" width=\"{N(LegendWidth)}\" height=\"{N(map.Height)}\" fill=\"#ffffff\"/>\n");
        s.Append(Inv, $"<text x=\"{N(x)}\" y=\"{N(y)}\" font-weight=\"bold\">Actors</text>\n");
        foreach (var k in map.Kinds)
        {
            y += 22;
            s.Append(Symbol(k.Symbol, x + 7, y - 4, 7, k.Colour));
            s.Append(Inv, $"<text x=\"{N(x + 22)}\" y=\"{N(y)}\">{E(k.Label)}</text>\n");
        }

        y += 22;
        s.Append(Inv, $"<text x=\"{N(x)}\" y=\"{N(y)}\" fill=\"#555\" font-size=\"11\">faded: not in any exchange</text>\n");
        y += 34;
        s.Append(Inv, $"<text x=\"{N(x)}\" y=\"{N(y)}\" font-weight=\"bold\">Exchanges, by resource</text>\n");
        foreach (var r in map.Resources)
        {
            y += 22;
            s.Append(Inv, $"<path d=\"M{N(x)} {N(y - 4)}h18\" stroke=\"{r.Colour}\" stroke-width=\"5\"/>");
            s.Append(Inv, $"<text x=\"{N(x + 26)}\" y=\"{N(y)}\">{E(FlowMapBuilder.Short(FlowMapBuilder.Plain(r.Name), 30))}</text>\n");
        }

        if (map.Resources.IsEmpty)
        {
            y += 22;
            s.Append(Inv, $"<text x=\"{N(x)}\" y=\"{N(y)}\" fill=\"#555\">none chosen</text>\n");
        }

        y += 30;
        s.Append(Inv, $"<text x=\"{N(x)}\" y=\"{N(y)}\" fill=\"#555\" font-size=\"11\">Line width: quantity, against the</text>\n");
        s.Append(Inv, $"<text x=\"{N(x)}\" y=\"{N(y + 14)}\" fill=\"#555\" font-size=\"11\">largest flow in the same unit.</text>\n");
        s.Append(Inv, $"<text x=\"{N(x)}\" y=\"{N(y + 28)}\" fill=\"#555\" font-size=\"11\">Point at a line or actor for its figures.</text>\n");
        s.Append("</g>\n");
    }

    private static string Symbol(MarkerSymbol symbol, double x, double y, double r, string colour)
    {
        var style = $"fill=\"{colour}\" stroke=\"#ffffff\" stroke-width=\"1.5\"";
        return symbol switch
        {
            MarkerSymbol.Square => string.Create(Inv, $"<rect x=\"{N(x - (r * 0.85))}\" y=\"{N(y - (r * 0.85))}\" width=\"{N(r * 1.7)}\" height=\"{N(r * 1.7)}\" {style}/>"),
            MarkerSymbol.TriangleUp => string.Create(Inv, $"<polygon points=\"{N(x)},{N(y - r)} {N(x + r)},{N(y + (r * 0.8))} {N(x - r)},{N(y + (r * 0.8))}\" {style}/>"),
            MarkerSymbol.TriangleDown => string.Create(Inv, $"<polygon points=\"{N(x)},{N(y + r)} {N(x + r)},{N(y - (r * 0.8))} {N(x - r)},{N(y - (r * 0.8))}\" {style}/>"),
            MarkerSymbol.Diamond => string.Create(Inv, $"<polygon points=\"{N(x)},{N(y - r)} {N(x + r)},{N(y)} {N(x)},{N(y + r)} {N(x - r)},{N(y)}\" {style}/>"),
            _ => string.Create(Inv, $"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"{N(r)}\" {style}/>"),
        };
    }

    private static string Points(IEnumerable<PixelPoint> points) => string.Join(" ", points.Select(p => $"{N(p.X)},{N(p.Y)}"));

    private static string N(double v) => FlowMapBuilder.Coordinate(v);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
