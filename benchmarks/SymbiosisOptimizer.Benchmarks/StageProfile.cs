using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ScottPlot;
using ScottPlot.TickGenerators;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Benchmarks;

/// <summary>
/// `profile-stages 50 200 1000 5000 10000 [--time-limit S] [--chart FILE] [--why-not off]`: each size in a fresh process, as
/// `symbiosis run` does it (parse + validate, RunPipeline.Solve, RunOutputs.Write), with the stage times read from the
/// run document's metadata block, the report writing timed around RunOutputs.Write, and the process's peak memory, wall time and user CPU time.
/// Prints one Markdown table and draws the growth as a log-log chart (ScottPlot PNG).
/// </summary>
internal static class StageProfile
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The stages reported, as the metadata block names them (plus the two this profile times itself).</summary>
    private static readonly string[] Stages =
        ["parse and validate", "network build", "counterfactual model build", "counterfactual solve", "model build", "solve", "breakdown", "why not chosen", "report writing"];

    public static void Run(IReadOnlyList<int> sizes, double timeLimit, string? chart, TextWriter o, string whyNot = "auto")
    {
        var self = typeof(StageProfile).Assembly.Location;
        var rows = new List<(int Actors, Dictionary<string, double> Seconds, double PeakMb, double Gap, string Status, double Wall, double User)>();
        foreach (var n in sizes)
        {
            var file = ScaleInstances.Write(n);
            var start = new ProcessStartInfo("dotnet", [self, "profile-stage", file, timeLimit.ToString("R", Inv), whyNot]) { RedirectStandardOutput = true };
            using var child = Process.Start(start)!;
            var line = child.StandardOutput.ReadToEnd().Trim().Split('\n')[^1];
            child.WaitForExit();
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            var seconds = r.GetProperty("seconds").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.Ordinal);
            rows.Add((n, seconds, r.GetProperty("peakMb").GetDouble(), r.GetProperty("gap").GetDouble(), r.GetProperty("status").GetString()!, r.GetProperty("wall").GetDouble(), r.GetProperty("user").GetDouble()));
            Console.Error.WriteLine(line);
        }

        o.WriteLine($"| actors | {string.Join(" | ", Stages)} | all but the solve | process wall | process user CPU | peak memory | status, gap |");
        o.WriteLine($"|---|{string.Concat(Stages.Select(_ => "---|"))}---|---|---|---|---|");
        foreach (var (n, s, mb, gap, status, wall, user) in rows)
        {
            var other = Stages.Where(st => st != "solve").Sum(st => s.GetValueOrDefault(st));
            o.WriteLine(string.Create(Inv, $"| {n:N0} | {string.Join(" | ", Stages.Select(st => s.TryGetValue(st, out var v) ? $"{v:0.000} s" : "-"))} | **{other:0.00} s** | {wall:0.00} s | {user:0.00} s | {mb:N0} MB | {status}, {gap * 100:0.###} % |"));
        }

        if (chart is not null)
        {
            Draw(rows.Select(r => (r.Actors, r.Seconds)).ToList(), chart);
            o.WriteLine($"chart: {chart}");
        }
    }

    /// <summary>One size in this process: the JSON line the parent reads.</summary>
    public static void RunOne(string file, double timeLimit, TextWriter o, string whyNot = "auto")
    {
        var clock = Stopwatch.StartNew();
        var load = ScenarioLoader.Load(file);
        var loadSeconds = clock.Elapsed.TotalSeconds;
        var region = load.Region!;
        var document = RunPipeline.Solve(region, new RunProvenance(load.SourceFile, load.ScenarioName, load.AppliedOverrides),
            new RunSettings(new SolveOptions(SolverKind.Auto, timeLimit, 1e-4), WhyNot: whyNot), loadSeconds: loadSeconds);
        var outDir = Path.Combine(Path.GetDirectoryName(file)!, "stage-profile-out");
        if (Directory.Exists(outDir))
        {
            Directory.Delete(outDir, recursive: true);
        }

        Directory.CreateDirectory(outDir);
        clock.Restart();
        _ = RunOutputs.Write(outDir, new RunReport(region, document), [file]);
        var write = clock.Elapsed.TotalSeconds;
        var seconds = document.Metadata.Timings.ToDictionary(t => t.Stage, t => t.Seconds, StringComparer.Ordinal);
        seconds["report writing"] = Math.Round(write, 4);
        using var me = Process.GetCurrentProcess();
        o.WriteLine(JsonSerializer.Serialize(new
        {
            seconds,
            peakMb = me.PeakWorkingSet64 / 1e6,
            gap = document.Solver.Gap ?? -1,
            status = document.Status,
            wall = (DateTime.Now - me.StartTime).TotalSeconds,
            user = me.UserProcessorTime.TotalSeconds,
        }));
    }

    private static void Draw(List<(int Actors, Dictionary<string, double> Seconds)> rows, string path)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var xs = rows.Select(r => Math.Log10(r.Actors)).ToArray();
        var shown = Stages.Where(st => st != "counterfactual model build").ToList();
        for (var k = 0; k < shown.Count; k++)
        {
            // Log axes: a stage that took no measurable time sits at 1 ms.
            var ys = rows.Select(r => Math.Log10(Math.Max(1e-3, r.Seconds.GetValueOrDefault(shown[k])))).ToArray();
            var line = plot.Add.Scatter(xs, ys, palette.GetColor(k));
            line.LegendText = shown[k];
            line.LineWidth = 2;
            line.MarkerSize = 6;
        }

        plot.Axes.Bottom.TickGenerator = new NumericManual([.. xs], [.. rows.Select(r => r.Actors.ToString("N0", Inv))]);
        plot.Axes.Left.TickGenerator = new NumericManual([-3, -2, -1, 0, 1, 2], ["1 ms", "10 ms", "0.1 s", "1 s", "10 s", "100 s"]);
        plot.Axes.Bottom.Label.Text = "actors (log scale)";
        plot.Axes.Left.Label.Text = "seconds (log scale)";
        plot.Title("symbiosis run: time per stage against region size");
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 900, 600);
    }
}
