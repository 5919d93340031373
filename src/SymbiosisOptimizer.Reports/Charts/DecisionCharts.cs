using ScottPlot;
using ScottPlot.TickGenerators;
using SymbiosisOptimizer.Reports.Documents;

namespace SymbiosisOptimizer.Reports.Charts;

/// <summary>Charts of robust.json and alternatives.json, drawn from their documents.</summary>
public static partial class RunnerCharts
{
    public const string RobustChart = "robust-gains";

    public const string AlternativesChart = "alternatives-gains";

    private static readonly Color Mean = Color.FromHex("#9E9E9E");

    /// <summary>The sorted gains of each plan over the samples (a quantile curve): higher and flatter is better.</summary>
    public static IReadOnlyList<ChartImage> Build(RobustDocument d)
    {
        var title = $"Objective gain over {d.Samples} samples: robust plan, plan made on the mean, perfect foresight";
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

            Curve("robust plan", x => x.Robust, RunCharts.Neutral);
            Curve("plan made on the mean", x => x.MeanPlan, Mean);
            Curve("perfect foresight", x => x.WaitAndSee, Colors.Black);
            plot.ShowLegend(Alignment.LowerRight);
            plot.XLabel("samples, worst to best (%)");
            plot.YLabel($"objective gain ({d.Currency}/yr)");
            plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = Tick };
            return [RunCharts.Render(RobustChart, title, plot, 1000, 600)];
        }
    }

    /// <summary>Each good plan's net benefit and CO2e avoided, the optimum first.</summary>
    public static IReadOnlyList<ChartImage> Build(AlternativesDocument d)
    {
        var title = $"Plans within {Figures.Percent(d.Slack)} of the optimum: objective gain of each";
        lock (RunCharts.RenderLock)
        {
            var plot = RunCharts.NewPlot(title);
            var bars = d.Plans.Select((p, i) => new Bar { Position = i, Value = p.Kpis?.ObjectiveGain.Value ?? 0, FillColor = i == 0 ? Colors.Black : RunCharts.Neutral }).ToArray();
            plot.Add.Bars(bars);
            plot.Axes.Bottom.TickGenerator = new NumericManual(
                [.. d.Plans.Select((_, i) => (double)i)],
                [.. d.Plans.Select(p => p.Number == 0 ? "optimum" : p.Number.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            plot.YLabel($"objective gain ({d.Currency}/yr)");
            plot.Axes.Left.TickGenerator = new NumericAutomatic { LabelFormatter = Tick };
            return [RunCharts.Render(AlternativesChart, title, plot, 1000, 600)];
        }
    }
}
