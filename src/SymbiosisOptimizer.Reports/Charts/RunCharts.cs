using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;
using SymbiosisOptimizer.Reports.Localization;

namespace SymbiosisOptimizer.Reports.Charts;

/// <summary>One chart rendered both as PNG (for documents) and SVG (for the HTML report and print).</summary>
public sealed record ChartImage(string Name, string Title, byte[] Png, string Svg)
{
    /// <summary>For a bar chart that shows only the <see cref="RunCharts.MaxBars"/> largest bars, how many items it has
    /// in all (its title says so, and so must a caption in another language); null when every item is drawn.</summary>
    public int? LargestOf { get; init; }
}

/// <summary>The charts of `symbiosis run` (ScottPlot, rendered with SkiaSharp; no display needed).</summary>
public static partial class RunCharts
{
    public const string NetBenefitPerActor = "net-benefit-per-actor";
    public const string Co2PerExchange = "co2-avoided-per-exchange";
    public const string LandfillPerExchange = "landfill-avoided-per-exchange";
    public const string FlowMap = "flow-map";
    public const string ParetoFront = "pareto-front";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly Color Gain = Color.FromHex("#2E7D32");
    private static readonly Color Loss = Color.FromHex("#C62828");
    internal static readonly Color Neutral = Color.FromHex("#1565C0");

    // ScottPlot/SkiaSharp share font caches between plots; render one run's charts at a time so parallel callers
    // (tests, a future batch mode) cannot race on them.
    internal static readonly Lock RenderLock = new();

    public static IReadOnlyList<ChartImage> Build(RunReport report)
    {
        lock (RenderLock)
        {
            return WithMap(AllButMap(report), Map(report));
        }
    }

    /// <summary>
    /// Starts drawing the run's charts on a thread of its own (one chart at a time, under <see cref="RenderLock"/>) and
    /// returns at once, so report writing's other documents are made on the calling thread meanwhile. The charts are
    /// <see cref="Build"/>'s, drawn in its order by the same code: no chart reads anything the other thread writes.
    /// </summary>
    public static ChartDrawing Start(RunReport report) =>
        Start(report, ownThread: report.Document.Actors.Length + report.Document.Exchanges.Length >= ChartDrawing.ThreadFrom);

    /// <summary>As <see cref="Start(RunReport)"/>, on a thread of their own or not whatever the run's size.</summary>
    public static ChartDrawing Start(RunReport report, bool ownThread) => ChartDrawing.Start(report, ownThread);

    /// <summary>Every chart in Build's order: the map after the three bar charts, before the Pareto chart.</summary>
    internal static List<ChartImage> WithMap(IReadOnlyList<ChartImage> allButMap, ChartImage map)
    {
        List<ChartImage> every = [.. allButMap];
        every.Insert(3, map);
        return every;
    }

    /// <summary>The bar charts and, when there is a front, the Pareto chart: every chart but the map, in Build's order.</summary>
    internal static List<ChartImage> AllButMap(RunReport report)
    {
        var cur = report.Currency;
        var d = report.Document;
        var actors = d.Actors
            .Where(a => Math.Abs(a.NetBenefit.Value) > 0.5)
            .OrderBy(a => a.NetBenefit.Value)
            .Select(a => (Label: Short(Plain(a.Name), 48), Value: a.NetBenefit.Value))
            .ToList();
        var exchanges = d.Exchanges.Reverse().ToList();
        static string Label(Documents.ExchangeRow e) => $"{Short(Plain(e.FromName))} → {Short(Plain(e.ToName))} ({Short(Plain(e.ResourceName), 24)})";
        ChartImage Bars(string name, string title, string axis, IReadOnlyList<(string Label, double Value)> items, bool signColours)
        {
            var (shown, fitted) = Largest(title, items);
            return HorizontalBars(name, fitted, axis, shown, signColours) with { LargestOf = shown.Count < items.Count ? items.Count : null };
        }

        List<ChartImage> charts =
        [
            Bars(NetBenefitPerActor, "Net benefit per actor", $"{cur} per year (before transfer prices)", actors, signColours: true),
            Bars(Co2PerExchange, "CO2e avoided per exchange", "t CO2e per year", exchanges.Select(e => (Label(e), e.Co2Avoided.Value)).OrderBy(x => x.Item2).ToList(), signColours: true),
            Bars(LandfillPerExchange, "Landfill avoided per exchange", "t per year", exchanges.Select(e => (Label(e), e.LandfillAvoided.Value)).OrderBy(x => x.Item2).ToList(), signColours: false),
        ];
        if (!d.Pareto.IsEmpty)
        {
            charts.Add(Pareto(report));
        }

        return charts;
    }

    /// <summary>The money-versus-CO2e front traced with --pareto: each point an optimal plan for a CO2e floor.</summary>
    private static ChartImage Pareto(RunReport report)
    {
        const string title = "Pareto front: net benefit versus CO2e avoided";
        var plot = NewPlot(title);
        var points = report.Document.Pareto.OrderBy(p => p.Co2Avoided.Value).ToList();
        var landfillLevels = points.Select(p => p.LandfillAvoided.Value).Distinct().Count();
        if (landfillLevels <= 1)
        {
            var scatter = plot.Add.Scatter(points.Select(p => p.Co2Avoided.Value).ToArray(), points.Select(p => p.NetBenefit.Value).ToArray(), Neutral);
            scatter.MarkerSize = 9;
            scatter.LineWidth = 2;
        }
        else
        {
            // Three objectives: the front is a surface; each point is drawn alone and labelled with its landfill avoided.
            var markers = plot.Add.ScatterPoints(points.Select(p => p.Co2Avoided.Value).ToArray(), points.Select(p => p.NetBenefit.Value).ToArray(), Neutral);
            markers.MarkerSize = 9;
            foreach (var p in points)
            {
                var label = plot.Add.Text(p.LandfillAvoided.Value.ToString("#,##0", Inv) + " t", p.Co2Avoided.Value, p.NetBenefit.Value);
                label.LabelFontSize = 11;
                label.OffsetY = -8;
            }

            plot.Title(title + " (labels: landfill avoided per year)");
        }

        plot.XLabel("CO2e avoided (t CO2e per year)");
        plot.YLabel($"Net benefit ({report.Currency} per year)");
        plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = v => v.ToString("#,##0", Inv) };
        return Render(ParetoFront, title, plot, 1000, 650);
    }

    /// <summary>A name without its parenthesised note ("Sawmill in Mora (ash named in study)" -> "Sawmill in Mora").</summary>
    private static string Plain(string name)
    {
        var i = name.IndexOf(" (", StringComparison.Ordinal);
        return i > 0 ? name[..i] : name;
    }

    internal static Plot NewPlot(string title)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title(title);
        return plot;
    }

    internal static string Short(string text, int max = 28) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    /// <summary>The tallest a bar chart is drawn, in pixels (a margin of 120 plus <see cref="BarPitch"/> per bar).</summary>
    private const int MaxBarChartHeight = 1400;

    private const int BarPitch = 34;

    /// <summary>
    /// The most bars a run chart shows: as many as fit at full pitch in the tallest chart. Beyond that the labels overlap
    /// (a national region has thousands of exchanges: 3 647 bars of 0.4 px each in 1 400 px), and drawing them was most
    /// of report writing's time; every row stays in report.xlsx and report.html.
    /// </summary>
    public const int MaxBars = (MaxBarChartHeight - 120) / BarPitch;

    /// <summary>
    /// The <see cref="MaxBars"/> items of largest magnitude, in the order given (ties: the earlier one), and the title
    /// saying so; all items and the title unchanged when they fit.
    /// </summary>
    public static (IReadOnlyList<(string Label, double Value)> Shown, string Title) Largest(string title, IReadOnlyList<(string Label, double Value)> items)
    {
        if (items.Count <= MaxBars)
        {
            return (items, title);
        }

        var shown = items.Select((it, i) => (Item: it, Order: i))
            .OrderByDescending(x => Math.Abs(x.Item.Value)).ThenBy(x => x.Order)
            .Take(MaxBars)
            .OrderBy(x => x.Order)
            .Select(x => x.Item)
            .ToList();
        return (shown, ReportFormat.For(Language.En).Format(ReportPhrase.ChartLargestOf, title, MaxBars, items.Count));
    }

    /// <param name="numbers">The tick labels' number format (the runner reports' language); invariant when not given.</param>
    /// <param name="empty">What an empty chart says, in the report's language.</param>
    internal static ChartImage HorizontalBars(
        string name, string title, string axis, IReadOnlyList<(string Label, double Value)> items, bool signColours, System.Globalization.NumberFormatInfo? numbers = null, string? empty = null)
    {
        var plot = NewPlot(title);
        plot.XLabel(axis);
        if (items.Count == 0)
        {
            plot.Add.Text(empty ?? "nothing to show: no exchange chosen", 0, 0);
            return Render(name, title, plot, 900, 300);
        }

        var bars = items.Select((it, i) => new Bar
        {
            Position = i,
            Value = it.Value,
            FillColor = !signColours ? Neutral : it.Value >= 0 ? Gain : Loss,
            Orientation = Orientation.Horizontal,
        }).ToList();
        plot.Add.Bars(bars);
        plot.Axes.Left.TickGenerator = new NumericManual(items.Select((_, i) => (double)i).ToArray(), items.Select(it => it.Label).ToArray());
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { LabelFormatter = v => v.ToString("#,##0.##", numbers ?? Inv.NumberFormat) };
        plot.Axes.Margins(left: 0.05, right: 0.05, bottom: 0.02, top: 0.02);
        plot.Add.VerticalLine(0, 1, Colors.Black);
        return Render(name, title, plot, 1200, Math.Clamp(120 + (items.Count * BarPitch), 300, MaxBarChartHeight));
    }

    public const string FlowMapTitle = "Map of the chosen exchanges";

    private const int MapWidth = 1320;
    private const int MapHeight = 840;

    /// <summary>The run's map (municipality borders, actors by kind, one line per exchange), as report.html draws it.</summary>
    private static ChartImage Map(RunReport report) => MapChart(report, MapPng(report));

    /// <summary>The map's PNG (ScottPlot), as charts/flow-map.png and the workbook's Map sheet show it.</summary>
    internal static byte[] MapPng(RunReport report) =>
        Maps.FlowMapPlot.Build(report.Map, FlowMapTitle).GetImageBytes(MapWidth, MapHeight, ImageFormat.Png);

    /// <summary>
    /// The map chart: its PNG, and as its SVG the map report.html shows (<see cref="Maps.FlowMapSvg"/>), so the vector
    /// map is one drawing wherever it appears, with each exchange's figures on hover. (ScottPlot's own SVG of the map was
    /// a second drawing of it: 6.4 MB and 0.8 s, the longest step of report writing at 5 000 actors.)
    /// </summary>
    internal static ChartImage MapChart(RunReport report, byte[] png) => new(FlowMap, FlowMapTitle, png, Maps.FlowMapSvg.Build(report.Map, FlowMapTitle));

    internal static ChartImage Render(string name, string title, Plot plot, int width, int height)
    {
        var png = plot.GetImageBytes(width, height, ImageFormat.Png);
        var svg = StableIds(plot.GetSvgXml(width, height));
        return new ChartImage(name, title, png, svg);
    }

    /// <summary>
    /// SkiaSharp numbers clip paths from a process-wide counter (cl_36d, cl_2f0...), so the same chart differs between
    /// runs; renumbered in order of appearance it is the same text every time.
    /// </summary>
    internal static string StableIds(string svg)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        return ClipId().Replace(svg, m =>
        {
            if (!map.TryGetValue(m.Value, out var id))
            {
                id = string.Create(Inv, $"cl_{map.Count + 1}");
                map[m.Value] = id;
            }

            return id;
        });
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bcl_[0-9a-f]+\b")]
    private static partial System.Text.RegularExpressions.Regex ClipId();
}
