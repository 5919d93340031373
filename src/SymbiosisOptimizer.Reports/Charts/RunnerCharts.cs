using System.Globalization;
using System.Text.Json;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace SymbiosisOptimizer.Reports.Charts;

/// <summary>
/// Charts of compare, barriers, sweep and montecarlo, drawn from the JSON each command writes (as the workbooks are),
/// so a chart can never show a figure the file does not hold.
/// </summary>
public static class RunnerCharts
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly (string Key, string Title, string Axis)[] Kpis =
    [
        ("netBenefit", "net benefit", "per year"),
        ("co2Avoided", "CO2e avoided", "t CO2e per year"),
        ("landfillAvoided", "landfill avoided", "t per year"),
    ];

    /// <param name="kind">comparison, barriers, sweep or montecarlo (the JSON file's name).</param>
    public static IReadOnlyList<ChartImage> Build(string kind, string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        lock (RunCharts.RenderLock)
        {
            return kind switch
            {
                "comparison" => Comparison(root),
                "barriers" => Barriers(root),
                "sweep" => Sweep(root),
                "montecarlo" => MonteCarlo(root),
                _ => [],
            };
        }
    }

    private static string Unit(JsonElement amount) => amount.TryGetProperty("unit", out var u) ? u.GetString() ?? string.Empty : string.Empty;

    private static List<ChartImage> Comparison(JsonElement root)
    {
        var scenarios = root.GetProperty("scenarios").EnumerateArray().Where(s => s.GetProperty("kpis").ValueKind == JsonValueKind.Object).ToList();
        return [.. Kpis.Select(k =>
        {
            var items = scenarios.Select(s => (RunCharts.Short(s.GetProperty("name").GetString()!, 40), s.GetProperty("kpis").GetProperty(k.Key).GetProperty("value").GetDouble())).Reverse().ToList();
            var unit = scenarios.Count > 0 ? Unit(scenarios[0].GetProperty("kpis").GetProperty(k.Key)) : k.Axis;
            return RunCharts.HorizontalBars($"scenarios-{k.Key}", $"Scenario comparison: {k.Title}", unit, items, signColours: true);
        })];
    }

    private static List<ChartImage> Barriers(JsonElement root)
    {
        var barriers = root.GetProperty("barriers").EnumerateArray()
            .Where(b => !b.GetProperty("bindsNothing").GetBoolean())
            .Take(15)
            .Select(b => (RunCharts.Short(b.GetProperty("description").GetString() ?? b.GetProperty("id").GetString()!, 60), b.GetProperty("valueLost").GetProperty("value").GetDouble(), Unit(b.GetProperty("valueLost"))))
            .ToList();
        var unit = barriers.Count > 0 ? barriers[0].Item3 : "per year";
        return [RunCharts.HorizontalBars("barrier-ranking", "Barrier ranking: value lost to each barrier", unit, [.. barriers.Select(b => (b.Item1, b.Item2)).Reverse()], signColours: false)];
    }

    private static List<ChartImage> Sweep(JsonElement root)
    {
        var parameters = root.GetProperty("parameters").EnumerateArray().ToList();
        var points = root.GetProperty("points").EnumerateArray().Where(p => p.GetProperty("kpis").ValueKind == JsonValueKind.Object).ToList();
        var xName = parameters[0].GetProperty("path").GetString()!;
        var xUnit = parameters[0].GetProperty("unit").GetString();
        var charts = new List<ChartImage>();
        foreach (var k in Kpis)
        {
            var title = $"Policy response: {k.Title} against {xName}";
            var plot = RunCharts.NewPlot(title);
            var series = points.GroupBy(p => p.GetProperty("values").GetArrayLength() > 1 ? p.GetProperty("values")[1].GetDouble() : double.NaN);
            foreach (var line in series)
            {
                var xs = line.Select(p => p.GetProperty("values")[0].GetDouble()).ToArray();
                var ys = line.Select(p => p.GetProperty("kpis").GetProperty(k.Key).GetProperty("value").GetDouble()).ToArray();
                var scatter = plot.Add.Scatter(xs, ys);
                scatter.MarkerSize = 6;
                scatter.LineWidth = 2;
                if (!double.IsNaN(line.Key))
                {
                    scatter.LegendText = $"{parameters[1].GetProperty("path").GetString()} = {line.Key.ToString("G6", Inv)} {parameters[1].GetProperty("unit").GetString()}";
                }
            }

            if (series.Count() > 1)
            {
                plot.ShowLegend(Alignment.UpperLeft);
            }

            plot.XLabel($"{xName} ({xUnit})");
            plot.YLabel(points.Count > 0 ? Unit(points[0].GetProperty("kpis").GetProperty(k.Key)) : k.Axis);
            plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = v => v.ToString("#,##0.##", Inv) };
            charts.Add(RunCharts.Render($"sweep-{k.Key}", title, plot, 1000, 600));
        }

        return charts;
    }

    private static List<ChartImage> MonteCarlo(JsonElement root)
    {
        var draws = root.GetProperty("draws").EnumerateArray().Where(d => d.GetProperty("status").GetString() is "optimal" or "feasible").ToList();
        var charts = new List<ChartImage>();
        foreach (var k in Kpis)
        {
            var title = $"Monte Carlo: distribution of {k.Title} ({draws.Count} samples)";
            var plot = RunCharts.NewPlot(title);
            var values = draws.Where(d => d.TryGetProperty(k.Key, out _)).Select(d => d.GetProperty(k.Key).GetDouble()).ToArray();
            var stats = root.GetProperty("kpis").GetProperty(k.Key);
            if (values.Length > 0)
            {
                var (lo, hi) = (values.Min(), values.Max());
                var bins = Math.Clamp((int)Math.Sqrt(values.Length), 5, 40);
                var width = hi > lo ? (hi - lo) / bins : 1;
                var counts = new double[bins];
                foreach (var v in values)
                {
                    counts[Math.Min(bins - 1, (int)((v - lo) / width))]++;
                }

                plot.Add.Bars(counts.Select((c, i) => new Bar { Position = lo + ((i + 0.5) * width), Value = c, Size = width * 0.95, FillColor = RunCharts.Neutral }).ToArray());
                foreach (var p in new[] { "p10", "p50", "p90" })
                {
                    var line = plot.Add.VerticalLine(stats.GetProperty(p).GetDouble(), 2, p == "p50" ? Colors.Black : Colors.Gray);
                    line.Text = p.ToUpperInvariant();
                }
            }

            plot.XLabel(Unit(stats));
            plot.YLabel("samples");
            plot.Axes.Bottom.TickGenerator = new NumericAutomatic { LabelFormatter = v => v.ToString("#,##0.##", Inv) };
            charts.Add(RunCharts.Render($"montecarlo-{k.Key}", title, plot, 1000, 600));
        }

        return charts;
    }
}
