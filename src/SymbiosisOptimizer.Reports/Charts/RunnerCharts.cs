using ScottPlot;
using ScottPlot.TickGenerators;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Localization;
using P = SymbiosisOptimizer.Reports.Localization.RunnerPhrase;

namespace SymbiosisOptimizer.Reports.Charts;

/// <summary>
/// Charts of compare, barriers, sweep and montecarlo, drawn from the typed document each command writes (as the
/// workbooks are), so a chart can never show a figure the file does not hold. Axes carry the document's units and
/// tick labels are grouped digits, never exponents; titles, axes and tick labels in the report's language.
/// </summary>
public static partial class RunnerCharts
{
    /// <summary>The KPIs charted, by chart-name suffix, title and how a KPI block yields its amount.</summary>
    private static readonly (string Key, P Title, Func<KpiBlock, Amount> Of)[] Kpis =
    [
        ("netBenefit", P.NetBenefitLower, k => k.NetBenefit),
        ("co2Avoided", P.Co2AvoidedLower, k => k.Co2Avoided),
        ("landfillAvoided", P.LandfillAvoidedLower, k => k.LandfillAvoided),
    ];

    private static Func<double, string> Tick(Language language) => v => Figures.Number(v, language);

    public static IReadOnlyList<ChartImage> Build(ComparisonDocument d, Language language = Language.En)
    {
        var t = ReportFormat.For(language);
        var solved = d.Scenarios.Where(s => s.Kpis is not null).ToList();
        (string Key, P Title, Func<KpiChanges, Change> Of)[] kpis =
        [
            ("netBenefit", P.NetBenefitLower, k => k.NetBenefit),
            ("co2Avoided", P.Co2AvoidedLower, k => k.Co2Avoided),
            ("landfillAvoided", P.LandfillAvoidedLower, k => k.LandfillAvoided),
        ];
        lock (RunCharts.RenderLock)
        {
            var charts = kpis.Select(k =>
            {
                var items = solved.Select(s => (RunCharts.Short(s.Name, 40), k.Of(s.Kpis!).Value)).Reverse().ToList();
                var unit = solved.Count > 0 ? k.Of(solved[0].Kpis!).Unit : string.Empty;
                return RunCharts.HorizontalBars($"scenarios-{k.Key}", t.Format(P.ChartComparison, t[k.Title]), t.Unit(unit), items, signColours: true, t.Numbers, t[P.ChartNothing]);
            }).ToList();

            // Who gains and who pays against base: one bar per party and scenario, labelled "scenario: party".
            var parties = d.Scenarios.Where(s => s.Effect is not null && s.Name != d.Base).SelectMany(s => new[]
            {
                ($"{RunCharts.Short(s.Name, 30)}: {t[P.FirmsLower]}", s.Effect!.Firms.Value),
                ($"{RunCharts.Short(s.Name, 30)}: {t[P.PublicBudgetLower]}", s.Effect.PublicBudget.Total.Value),
                ($"{RunCharts.Short(s.Name, 30)}: {t[P.SocietyLower]}", s.Effect.Society.Value),
            }).Reverse().ToList();
            charts.Add(RunCharts.HorizontalBars("scenarios-who-gains", t[P.ChartWhoGains], t.Format(P.PerYearAxis, t.Unit(d.Currency)), parties, signColours: true, t.Numbers, t[P.ChartNothing]));

            // Cost-effectiveness: society's resource cost per extra t CO2e avoided, ranked (lowest, best, at the top).
            var ranked = d.Ranking.Where(r => r.SocietyCostPerTonneCo2.Value is not null)
                .Select(r => ($"{r.Rank}. {RunCharts.Short(r.Name, 40)}", r.SocietyCostPerTonneCo2.Value!.Value)).Reverse().ToList();
            charts.Add(RunCharts.HorizontalBars("scenarios-cost-per-tonne", t[P.ChartCostPerTonne], t.Format(P.PerTonneAxis, t.Unit(d.Currency)), ranked, signColours: false, t.Numbers, t[P.ChartNothing]));
            return charts;
        }
    }

    public static IReadOnlyList<ChartImage> Build(BarriersDocument d, Language language = Language.En)
    {
        var t = ReportFormat.For(language);
        var barriers = d.Barriers.Where(b => !b.BindsNothing).Take(15).ToList();
        var unit = barriers.Count > 0 ? barriers[0].ValueLost.Unit : $"{d.Currency}/yr";
        lock (RunCharts.RenderLock)
        {
            return [RunCharts.HorizontalBars("barrier-ranking", t[P.ChartBarriers], t.Unit(unit),
                [.. barriers.Select(b => (RunCharts.Short(b.Description, 60), b.ValueLost.Value)).Reverse()], signColours: false, t.Numbers, t[P.ChartNothing])];
        }
    }

    public static IReadOnlyList<ChartImage> Build(SweepDocument d, Language language = Language.En)
    {
        var t = ReportFormat.For(language);
        var points = d.Points.Where(p => p.Kpis is not null).ToList();
        var x = d.Parameters[0];
        var charts = new List<ChartImage>();
        lock (RunCharts.RenderLock)
        {
            foreach (var k in Kpis)
            {
                var title = t.Format(P.ChartSweep, t[k.Title], x.Path);
                var plot = RunCharts.NewPlot(title);
                var series = points.GroupBy(p => p.Values.Length > 1 ? p.Values[1] : double.NaN).ToList();
                foreach (var line in series)
                {
                    var scatter = plot.Add.Scatter(line.Select(p => p.Values[0]).ToArray(), line.Select(p => k.Of(p.Kpis!).Value).ToArray());
                    scatter.MarkerSize = 6;
                    scatter.LineWidth = 2;
                    if (!double.IsNaN(line.Key))
                    {
                        scatter.LegendText = $"{d.Parameters[1].Path} = {Figures.Number(line.Key, language)} {t.Unit(d.Parameters[1].Unit)}";
                    }
                }

                if (series.Count > 1)
                {
                    plot.ShowLegend(Alignment.UpperLeft);
                }

                plot.XLabel($"{x.Path} ({t.Unit(x.Unit)})");
                plot.YLabel(points.Count > 0 ? t.Unit(k.Of(points[0].Kpis!).Unit) : string.Empty);
                plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = Tick(language) };
                plot.Axes.Bottom.TickGenerator = new NumericAutomatic { LabelFormatter = Tick(language) };
                charts.Add(RunCharts.Render($"sweep-{k.Key}", title, plot, 1000, 600));
            }
        }

        return charts;
    }

    public static IReadOnlyList<ChartImage> Build(MonteCarloDocument d, Language language = Language.En)
    {
        var t = ReportFormat.For(language);
        var draws = d.Draws.Where(x => x.Status is "optimal" or "feasible").ToList();
        (string Key, P Title, Func<DrawEntry, double?> Draw, Spread Stats)[] kpis =
        [
            ("netBenefit", P.NetBenefitLower, x => x.NetBenefit, d.Kpis.NetBenefit),
            ("co2Avoided", P.Co2AvoidedLower, x => x.Co2Avoided, d.Kpis.Co2Avoided),
            ("landfillAvoided", P.LandfillAvoidedLower, x => x.LandfillAvoided, d.Kpis.LandfillAvoided),
        ];
        var charts = new List<ChartImage>();
        lock (RunCharts.RenderLock)
        {
            foreach (var k in kpis)
            {
                var title = t.Format(P.ChartMonteCarlo, t[k.Title], draws.Count);
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

                plot.XLabel(t.Unit(k.Stats.Unit));
                plot.YLabel(t[P.SamplesAxis]);
                plot.Axes.Bottom.TickGenerator = new NumericAutomatic { LabelFormatter = Tick(language) };
                charts.Add(RunCharts.Render($"montecarlo-{k.Key}", title, plot, 1000, 600));
            }
        }

        return charts;
    }
}
