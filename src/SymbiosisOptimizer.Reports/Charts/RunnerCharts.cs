using ScottPlot;
using ScottPlot.TickGenerators;
using SymbiosisOptimizer.Reports.Documents;

namespace SymbiosisOptimizer.Reports.Charts;

/// <summary>
/// Charts of compare, barriers, sweep and montecarlo, drawn from the typed document each command writes (as the
/// workbooks are), so a chart can never show a figure the file does not hold. Axes carry the document's units and
/// tick labels are grouped digits, never exponents.
/// </summary>
public static partial class RunnerCharts
{
    /// <summary>The KPIs charted, by chart-name suffix, title and how a KPI block yields its amount.</summary>
    private static readonly (string Key, string Title, Func<KpiBlock, Amount> Of)[] Kpis =
    [
        ("netBenefit", "net benefit", k => k.NetBenefit),
        ("co2Avoided", "CO2e avoided", k => k.Co2Avoided),
        ("landfillAvoided", "landfill avoided", k => k.LandfillAvoided),
    ];

    private static string Tick(double v) => Figures.Number(v);

    public static IReadOnlyList<ChartImage> Build(ComparisonDocument d)
    {
        var solved = d.Scenarios.Where(s => s.Kpis is not null).ToList();
        (string Key, string Title, Func<KpiChanges, Change> Of)[] kpis =
        [
            ("netBenefit", "net benefit", k => k.NetBenefit),
            ("co2Avoided", "CO2e avoided", k => k.Co2Avoided),
            ("landfillAvoided", "landfill avoided", k => k.LandfillAvoided),
        ];
        lock (RunCharts.RenderLock)
        {
            var charts = kpis.Select(k =>
            {
                var items = solved.Select(s => (RunCharts.Short(s.Name, 40), k.Of(s.Kpis!).Value)).Reverse().ToList();
                var unit = solved.Count > 0 ? k.Of(solved[0].Kpis!).Unit : string.Empty;
                return RunCharts.HorizontalBars($"scenarios-{k.Key}", $"Scenario comparison: {k.Title}", unit, items, signColours: true);
            }).ToList();

            // Who gains and who pays against base: one bar per party and scenario, labelled "scenario: party".
            var parties = d.Scenarios.Where(s => s.Effect is not null && s.Name != d.Base).SelectMany(s => new[]
            {
                ($"{RunCharts.Short(s.Name, 30)}: firms", s.Effect!.Firms.Value),
                ($"{RunCharts.Short(s.Name, 30)}: public budget", s.Effect.PublicBudget.Total.Value),
                ($"{RunCharts.Short(s.Name, 30)}: society", s.Effect.Society.Value),
            }).Reverse().ToList();
            charts.Add(RunCharts.HorizontalBars("scenarios-who-gains", "Who gains, who pays: change against base", $"{d.Currency} per year", parties, signColours: true));

            // Cost-effectiveness: society's resource cost per extra t CO2e avoided, ranked (lowest, best, at the top).
            var ranked = d.Ranking.Where(r => r.SocietyCostPerTonneCo2.Value is not null)
                .Select(r => ($"{r.Rank}. {RunCharts.Short(r.Name, 40)}", r.SocietyCostPerTonneCo2.Value!.Value)).Reverse().ToList();
            charts.Add(RunCharts.HorizontalBars("scenarios-cost-per-tonne", "Society's cost per t CO2e avoided against base (ranked)", $"{d.Currency} per t CO2e (negative: saves money)", ranked, signColours: false));
            return charts;
        }
    }

    public static IReadOnlyList<ChartImage> Build(BarriersDocument d)
    {
        var barriers = d.Barriers.Where(b => !b.BindsNothing).Take(15).ToList();
        var unit = barriers.Count > 0 ? barriers[0].ValueLost.Unit : $"{d.Currency}/yr";
        lock (RunCharts.RenderLock)
        {
            return [RunCharts.HorizontalBars("barrier-ranking", "Barrier ranking: value lost to each barrier", unit,
                [.. barriers.Select(b => (RunCharts.Short(b.Description, 60), b.ValueLost.Value)).Reverse()], signColours: false)];
        }
    }

    public static IReadOnlyList<ChartImage> Build(SweepDocument d)
    {
        var points = d.Points.Where(p => p.Kpis is not null).ToList();
        var x = d.Parameters[0];
        var charts = new List<ChartImage>();
        lock (RunCharts.RenderLock)
        {
            foreach (var k in Kpis)
            {
                var title = $"Policy response: {k.Title} against {x.Path}";
                var plot = RunCharts.NewPlot(title);
                var series = points.GroupBy(p => p.Values.Length > 1 ? p.Values[1] : double.NaN).ToList();
                foreach (var line in series)
                {
                    var scatter = plot.Add.Scatter(line.Select(p => p.Values[0]).ToArray(), line.Select(p => k.Of(p.Kpis!).Value).ToArray());
                    scatter.MarkerSize = 6;
                    scatter.LineWidth = 2;
                    if (!double.IsNaN(line.Key))
                    {
                        scatter.LegendText = $"{d.Parameters[1].Path} = {Figures.Number(line.Key)} {d.Parameters[1].Unit}";
                    }
                }

                if (series.Count > 1)
                {
                    plot.ShowLegend(Alignment.UpperLeft);
                }

                plot.XLabel($"{x.Path} ({x.Unit})");
                plot.YLabel(points.Count > 0 ? k.Of(points[0].Kpis!).Unit : string.Empty);
                plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = Tick };
                plot.Axes.Bottom.TickGenerator = new NumericAutomatic { LabelFormatter = Tick };
                charts.Add(RunCharts.Render($"sweep-{k.Key}", title, plot, 1000, 600));
            }
        }

        return charts;
    }

    public static IReadOnlyList<ChartImage> Build(MonteCarloDocument d)
    {
        var draws = d.Draws.Where(x => x.Status is "optimal" or "feasible").ToList();
        (string Key, string Title, Func<DrawEntry, double?> Draw, Spread Stats)[] kpis =
        [
            ("netBenefit", "net benefit", x => x.NetBenefit, d.Kpis.NetBenefit),
            ("co2Avoided", "CO2e avoided", x => x.Co2Avoided, d.Kpis.Co2Avoided),
            ("landfillAvoided", "landfill avoided", x => x.LandfillAvoided, d.Kpis.LandfillAvoided),
        ];
        var charts = new List<ChartImage>();
        lock (RunCharts.RenderLock)
        {
            foreach (var k in kpis)
            {
                var title = $"Monte Carlo: distribution of {k.Title} ({draws.Count} samples)";
                var plot = RunCharts.NewPlot(title);
                var values = draws.Select(k.Draw).OfType<double>().ToArray();
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
                    foreach (var (label, at) in new[] { ("P10", k.Stats.P10), ("P50", k.Stats.P50), ("P90", k.Stats.P90) })
                    {
                        if (at is { } a)
                        {
                            var line = plot.Add.VerticalLine(a, 2, label == "P50" ? Colors.Black : Colors.Gray);
                            line.Text = label;
                        }
                    }
                }

                plot.XLabel(k.Stats.Unit);
                plot.YLabel("samples");
                plot.Axes.Bottom.TickGenerator = new NumericAutomatic { LabelFormatter = Tick };
                charts.Add(RunCharts.Render($"montecarlo-{k.Key}", title, plot, 1000, 600));
            }
        }

        return charts;
    }
}
