using System.Globalization;
using System.Text;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Localization;
using static SymbiosisOptimizer.App.Pages;

namespace SymbiosisOptimizer.App;

/// <summary>One bar: its group (e.g. the scenario), its label (e.g. the account), its value and the value as the page words it.</summary>
public sealed record Bar(string Group, string Label, double Value, string Text);

/// <summary>One line of a line chart: points in the document's own values.</summary>
public sealed record Series(string Name, IReadOnlyList<(double X, double Y, string Text)> Points);

/// <summary>
/// Hand-written SVG charts of document figures, placed in the page (no script, no library): every bar and point has a
/// &lt;title&gt;, which the browser shows on hover with the figure as the document states it. Only positions are
/// worked out here; the figures are the document's.
/// </summary>
public static class SvgCharts
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly string[] Colours = ["#1565c0", "#ef6c00", "#2e7d32", "#6a1b9a", "#00838f", "#c62828", "#5d4037"];

    private static string F(double v) => v.ToString("0.##", Inv);

    /// <summary>Horizontal bars, grouped; a zero line; bars left of it are losses. Labels of one group share a colour each.</summary>
    public static string Bars(string id, string title, IReadOnlyList<Bar> bars, Language language = Language.En)
    {
        if (bars.Count == 0)
        {
            return string.Empty;
        }

        var labels = bars.Select(b => b.Label).Distinct(StringComparer.Ordinal).ToList();
        var groups = bars.Select(b => b.Group).Distinct(StringComparer.Ordinal).ToList();
        const double left = 230, width = 860, row = 18, gap = 10;
        var min = Math.Min(0, bars.Min(b => b.Value));
        var max = Math.Max(0, bars.Max(b => b.Value));
        var span = max - min > 0 ? max - min : 1;
        double X(double v) => left + ((v - min) / span * (width - left - 20));
        var height = 40 + (groups.Count * ((labels.Count * row) + gap)) + 30;
        var b = new StringBuilder();
        b.Append(Inv, $"<figure class=\"chart\" id=\"{H(id)}\"><figcaption>{H(title)}</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {F(width)} {F(height)}\" role=\"img\" aria-label=\"{H(title)}\">");
        var y = 30.0;
        foreach (var g in groups)
        {
            b.Append(Inv, $"<text x=\"{F(left - 8)}\" y=\"{F(y + 12)}\" text-anchor=\"end\" font-size=\"12\" font-weight=\"bold\">{H(g)}</text>");
            foreach (var bar in bars.Where(x => x.Group == g))
            {
                var colour = labels.Count > 1 ? Colours[labels.IndexOf(bar.Label) % Colours.Length] : bar.Value < 0 ? "#c62828" : "#2e7d32";
                var x0 = X(Math.Min(0, bar.Value));
                var w = Math.Max(1, Math.Abs(X(bar.Value) - X(0)));
                b.Append(Inv, $"<rect class=\"bar\" data-group=\"{H(bar.Group)}\" data-label=\"{H(bar.Label)}\" data-value=\"{bar.Value.ToString("R", Inv)}\" x=\"{F(x0)}\" y=\"{F(y)}\" width=\"{F(w)}\" height=\"{F(row - 3)}\" fill=\"{colour}\"><title>{H(bar.Group)}: {H(bar.Label)} {H(bar.Text)}</title></rect>");
                y += row;
            }

            y += gap;
        }

        b.Append(Inv, $"<line x1=\"{F(X(0))}\" y1=\"24\" x2=\"{F(X(0))}\" y2=\"{F(y)}\" stroke=\"#333\" stroke-width=\"1\"/>");
        b.Append(Inv, $"<text x=\"{F(X(min))}\" y=\"{F(y + 16)}\" font-size=\"11\">{H(Figures.Fixed(min, 0, language))}</text><text x=\"{F(X(max))}\" y=\"{F(y + 16)}\" font-size=\"11\" text-anchor=\"end\">{H(Figures.Fixed(max, 0, language))}</text>");
        if (labels.Count > 1)
        {
            var lx = left;
            foreach (var (label, i) in labels.Select((l, i) => (l, i)))
            {
                b.Append(Inv, $"<rect x=\"{F(lx)}\" y=\"8\" width=\"12\" height=\"12\" fill=\"{Colours[i % Colours.Length]}\"/><text x=\"{F(lx + 16)}\" y=\"18\" font-size=\"12\">{H(label)}</text>");
                lx += 30 + (label.Length * 7);
            }
        }

        return b.Append("</svg></figure>").ToString();
    }

    /// <summary>Lines through points, each point a circle with its figures on hover.</summary>
    public static string Lines(string id, string title, string xLabel, string yLabel, IReadOnlyList<Series> series, Language language = Language.En)
    {
        var points = series.SelectMany(s => s.Points).ToList();
        if (points.Count == 0)
        {
            return string.Empty;
        }

        const double width = 860, height = 360, left = 90, right = 20, top = 30, bottom = 50;
        var (x0, x1) = (points.Min(p => p.X), points.Max(p => p.X));
        var (y0, y1) = (Math.Min(0, points.Min(p => p.Y)), Math.Max(0, points.Max(p => p.Y)));
        var xs = x1 - x0 > 0 ? x1 - x0 : 1;
        var ys = y1 - y0 > 0 ? y1 - y0 : 1;
        double X(double v) => left + ((v - x0) / xs * (width - left - right));
        double Y(double v) => height - bottom - ((v - y0) / ys * (height - top - bottom));
        var b = new StringBuilder();
        b.Append(Inv, $"<figure class=\"chart\" id=\"{H(id)}\"><figcaption>{H(title)}</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {F(width)} {F(height)}\" role=\"img\" aria-label=\"{H(title)}\">");
        b.Append(Inv, $"<line x1=\"{F(left)}\" y1=\"{F(Y(0))}\" x2=\"{F(width - right)}\" y2=\"{F(Y(0))}\" stroke=\"#999\"/><line x1=\"{F(left)}\" y1=\"{F(top)}\" x2=\"{F(left)}\" y2=\"{F(height - bottom)}\" stroke=\"#333\"/>");
        b.Append(Inv, $"<text x=\"{F(left - 6)}\" y=\"{F(Y(y1) + 4)}\" text-anchor=\"end\" font-size=\"11\">{H(Figures.Fixed(y1, 0, language))}</text><text x=\"{F(left - 6)}\" y=\"{F(Y(y0) + 4)}\" text-anchor=\"end\" font-size=\"11\">{H(Figures.Fixed(y0, 0, language))}</text>");
        b.Append(Inv, $"<text x=\"{F(X(x0))}\" y=\"{F(height - bottom + 16)}\" font-size=\"11\">{H(Figures.Number(x0, language))}</text><text x=\"{F(X(x1))}\" y=\"{F(height - bottom + 16)}\" text-anchor=\"end\" font-size=\"11\">{H(Figures.Number(x1, language))}</text>");
        b.Append(Inv, $"<text x=\"{F((left + width) / 2)}\" y=\"{F(height - 12)}\" text-anchor=\"middle\" font-size=\"12\">{H(xLabel)}</text><text x=\"14\" y=\"{F(top - 10)}\" font-size=\"12\">{H(yLabel)}</text>");
        foreach (var (s, i) in series.Select((s, i) => (s, i)))
        {
            var colour = Colours[i % Colours.Length];
            b.Append(Inv, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{string.Join(" ", s.Points.Select(p => F(X(p.X)) + "," + F(Y(p.Y))))}\"/>");
            foreach (var p in s.Points)
            {
                b.Append(Inv, $"<circle class=\"point\" data-x=\"{p.X.ToString("R", Inv)}\" data-y=\"{p.Y.ToString("R", Inv)}\" cx=\"{F(X(p.X))}\" cy=\"{F(Y(p.Y))}\" r=\"4\" fill=\"{colour}\"><title>{H(s.Name.Length > 0 ? s.Name + ": " : string.Empty)}{H(p.Text)}</title></circle>");
            }

            if (series.Count > 1)
            {
                b.Append(Inv, $"<text x=\"{F(left + 10 + (i * 150))}\" y=\"16\" font-size=\"12\" fill=\"{colour}\">{H(s.Name)}</text>");
            }
        }

        return b.Append("</svg></figure>").ToString();
    }
}
