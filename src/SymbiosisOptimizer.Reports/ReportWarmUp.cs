using ScottPlot;
using SymbiosisOptimizer.Reports.Charts;
using SymbiosisOptimizer.Reports.Maps;

namespace SymbiosisOptimizer.Reports;

/// <summary>
/// Loads, on a background thread, what report writing needs once per process: the embedded municipality borders,
/// the workbook writer's XML and zip code, ScottPlot with SkiaSharp and its font, so a one-shot `symbiosis run` pays that
/// start-up on the second core while the first parses the scenario and solves it, not after the solve.
/// </summary>
/// <remarks>
/// It computes no figure and writes nothing: a throwaway workbook and a throwaway 8 x 8 plot are built in memory. The
/// charts still render under <see cref="RunCharts.RenderLock"/>, so the warm-up never draws at the same time as a run.
/// </remarks>
public static class ReportWarmUp
{
    /// <summary>Starts the warm-up and returns at once; a failure here only means the run pays the start-up itself.</summary>
    public static Task Start() => Task.Run(() =>
    {
        try
        {
            _ = Boundaries.SwedishMunicipalities;
            Workbook();
            Chart();
        }
        catch (Exception)
        {
            // A warm-up that fails costs nothing but time: the run itself loads what it needs, and reports its errors.
        }
    });

    private static void Workbook()
    {
        using var stream = new MemoryStream();
        using var wb = new Excel.StreamedWorkbook(stream, ["warm-up"]);
        Excel.StreamedTables.Table(wb, [new Excel.Column("a", 10, Excel.Formats.Money), new Excel.Column("b", 10)], [[1.5, "text"]]);
        wb.Finish();
    }

    private static void Chart()
    {
        lock (RunCharts.RenderLock)
        {
            var plot = RunCharts.NewPlot("warm-up");
            plot.Add.Bars(new List<Bar> { new() { Position = 0, Value = 1, Orientation = Orientation.Horizontal } });
            _ = plot.GetImageBytes(8, 8, ImageFormat.Png);
            _ = plot.GetSvgXml(8, 8);
        }
    }
}
