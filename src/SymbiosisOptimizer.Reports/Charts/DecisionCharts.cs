using ScottPlot;
using ScottPlot.TickGenerators;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Localization;
using P = SymbiosisOptimizer.Reports.Localization.RunnerPhrase;

namespace SymbiosisOptimizer.Reports.Charts;

/// <summary>Charts of robust.json and alternatives.json, drawn from their documents, in the report's language.</summary>
public static partial class RunnerCharts
{
    public const string RobustChart = "robust-gains";

    public const string AlternativesChart = "alternatives-gains";

    private static readonly Color Mean = Color.FromHex("#9E9E9E");

    /// <summary>The sorted gains of each plan over the samples (a quantile curve): higher and flatter is better.</summary>
    public static IReadOnlyList<ChartImage> Build(RobustDocument d, Language language = Language.En)
    {
        var t = ReportFormat.For(language);
        var title = t.Format(P.ChartRobust, d.Samples);
        lock (RunCharts.RenderLock)
        {
            var plot = RunCharts.NewPlot(title);
            void Curve(string label, Func<RobustDrawEntry, double?> of, Color color)
            {
                var ys = d.Draws.Select(of).OfType<double>().Order().ToArray();
                if (ys.Length == 0)
                {
                    return;
                }

                var xs = ys.Select((_, i) => ys.Length == 1 ? 50.0 : 100.0 * i / (ys.Length - 1)).ToArray();
                var s = plot.Add.Scatter(xs, ys, color);
                s.LegendText = label;
                s.MarkerSize = 4;
                s.LineWidth = 2;
            }

            Curve(t[P.RobustPlanLower], x => x.Robust, RunCharts.Neutral);
            Curve(t[P.MeanPlanLower], x => x.MeanPlan, Mean);
            Curve(t[P.PlanForesight], x => x.WaitAndSee, Colors.Black);
            plot.ShowLegend(Alignment.LowerRight);
            plot.XLabel(t[P.ChartRobustX]);
            plot.YLabel(t.Format(P.ObjectiveGainAxis, t.Unit($"{d.Currency}/yr")));
            plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = Tick(language) };
            return [RunCharts.Render(RobustChart, title, plot, 1000, 600)];
        }
    }

    /// <summary>Each good plan's net benefit and CO2e avoided, the optimum first.</summary>
    public static IReadOnlyList<ChartImage> Build(AlternativesDocument d, Language language = Language.En)
    {
        var t = ReportFormat.For(language);
        var title = t.Format(P.ChartAlternatives, Figures.Percent(d.Slack, language: language));
        lock (RunCharts.RenderLock)
        {
            var plot = RunCharts.NewPlot(title);
            var bars = d.Plans.Select((p, i) => new Bar { Position = i, Value = p.Kpis?.ObjectiveGain.Value ?? 0, FillColor = i == 0 ? Colors.Black : RunCharts.Neutral }).ToArray();
            plot.Add.Bars(bars);
            plot.Axes.Bottom.TickGenerator = new NumericManual(
                [.. d.Plans.Select((_, i) => (double)i)],
                [.. d.Plans.Select(p => p.Number == 0 ? t[P.Optimum] : p.Number.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            plot.YLabel(t.Format(P.ObjectiveGainAxis, t.Unit($"{d.Currency}/yr")));
            plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = Tick(language) };
            return [RunCharts.Render(AlternativesChart, title, plot, 1000, 600)];
        }
    }
}
