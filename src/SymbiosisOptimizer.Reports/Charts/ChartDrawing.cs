namespace SymbiosisOptimizer.Reports.Charts;

/// <summary>
/// A run's charts being drawn (<see cref="RunCharts.Start(RunReport)"/>), on a thread of their own for a large run and on
/// the caller's for a small one (<see cref="ThreadFrom"/>): the bar charts first (report.html needs them), then the map's
/// PNG (the workbook's Map sheet), then its SVG. Each getter waits for its part and rethrows a drawing failure on the
/// caller's thread. A dedicated thread rather than the thread pool: the app writes reports from its own background jobs,
/// and a pool thread blocked here must not wait for another pool thread to be injected.
/// </summary>
public sealed class ChartDrawing
{
    private readonly RunReport report;
    private readonly TaskCompletionSource<IReadOnlyList<ChartImage>> bars = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<byte[]> mapPng = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<IReadOnlyList<ChartImage>> all = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChartDrawing(RunReport report) => this.report = report;

    /// <summary>Every chart but the map (the bar charts, and the Pareto chart when there is a front).</summary>
    public IReadOnlyList<ChartImage> AllButMap => bars.Task.GetAwaiter().GetResult();

    /// <summary>The map's PNG, as the workbook's Map sheet shows it.</summary>
    public byte[] MapPng => mapPng.Task.GetAwaiter().GetResult();

    /// <summary>Every chart, in <see cref="RunCharts.Build"/>'s order.</summary>
    public IReadOnlyList<ChartImage> All => all.Task.GetAwaiter().GetResult();

    /// <summary>
    /// Map items (actors plus exchanges) from which the charts get a thread of their own. Below it they are drawn on the
    /// caller's thread before anything else: at the bundled scenarios' size (tens of items, charts in about 0.1 s) the
    /// second thread made `run scenarios/varmland-dalarna --why-not off` slower (median wall 1.76 s against 1.40 s, five
    /// alternated pairs at load ~6.6; 1.51 s against 1.44 s at load ~5), while at 5 000 actors the charts take seconds.
    /// </summary>
    public const int ThreadFrom = 1000;

    internal static ChartDrawing Start(RunReport report, bool ownThread)
    {
        var drawing = new ChartDrawing(report);
        if (!ownThread)
        {
            drawing.Draw();
        }
        else
        {
            new Thread(drawing.Draw) { IsBackground = true, Name = "run charts" }.Start();
        }

        return drawing;
    }

    private void Draw()
    {
        try
        {
            lock (RunCharts.RenderLock)
            {
                var charts = RunCharts.AllButMap(report);
                bars.SetResult(charts);
                var png = RunCharts.MapPng(report);
                mapPng.SetResult(png);
                all.SetResult(RunCharts.WithMap(charts, RunCharts.MapChart(report, png)));
            }
        }
        catch (Exception e)
        {
            // Whatever part was not yet given fails with the drawing's exception; the parts given stay valid.
            bars.TrySetException(e);
            mapPng.TrySetException(e);
            all.TrySetException(e);
        }
    }
}
