namespace SymbiosisOptimizer.Reports.Charts;

/// <summary>
/// A run's charts being drawn on a thread of their own (<see cref="RunCharts.Start"/>): the bar charts first (report.html
/// needs them), then the map's PNG (the workbook's Map sheet), then its SVG. Each getter waits for its part and rethrows
/// a drawing failure on the caller's thread. A dedicated thread rather than the thread pool: the app writes reports from
/// its own background jobs, and a pool thread blocked here must not wait for another pool thread to be injected.
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

    internal static ChartDrawing Start(RunReport report)
    {
        var drawing = new ChartDrawing(report);
        new Thread(drawing.Draw) { IsBackground = true, Name = "run charts" }.Start();
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
                var (plot, png) = RunCharts.MapPng(report);
                mapPng.SetResult(png);
                List<ChartImage> every = [.. charts];
                every.Insert(3, RunCharts.MapSvg(plot, png));
                all.SetResult(every);
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
