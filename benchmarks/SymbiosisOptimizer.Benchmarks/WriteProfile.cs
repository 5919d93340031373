using System.Diagnostics;
using System.Globalization;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Benchmarks;

/// <summary>
/// `profile-write SCENARIO_FILE [REPETITIONS]`: report writing alone (<see cref="RunOutputs.Write"/>, every file of
/// `symbiosis run` into a fresh folder), repeated on one solved run (why-not off, 2 s limit), with the process's CPU time
/// beside the wall time: the first pass pays start-up (JIT, fonts, borders), the later ones show the steady cost, and
/// wall below CPU is the second core at work.
/// </summary>
internal static class WriteProfile
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Run(string path, int repetitions, TextWriter o)
    {
        var load = ScenarioLoader.Load(path);
        var document = RunPipeline.Solve(load.Region!, new RunProvenance(load.SourceFile, load.ScenarioName, load.AppliedOverrides),
            new RunSettings(new SolveOptions(SolverKind.Auto, 2, 1e-4), WhyNot: "off"), loadSeconds: 0);
        o.WriteLine("| pass | wall | CPU (process) | files |");
        o.WriteLine("|---|---|---|---|");
        for (var pass = 1; pass <= repetitions; pass++)
        {
            var dir = Path.Combine(Path.GetTempPath(), "symbiosis-write-profile-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var written = RunOutputs.Write(dir, new RunReport(load.Region!, document), [path]);
            var wall = clock.Elapsed.TotalSeconds;
            var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            o.WriteLine(string.Create(Inv, $"| {pass} | {wall:0.000} s | {used:0.000} s | {written.Count} |"));
            Directory.Delete(dir, recursive: true);
        }

        // Each document alone, one after the other on this thread (in RunOutputs.Write the charts run beside the rest):
        // where the writing's time goes.
        var report = new RunReport(load.Region!, document);
        o.WriteLine();
        o.WriteLine("| document (alone, after the passes above) | wall | CPU (process) |");
        o.WriteLine("|---|---|---|");
        void Time(string name, Action make)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            make();
            o.WriteLine(string.Create(Inv, $"| {name} | {clock.Elapsed.TotalSeconds:0.000} s | {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.000} s |"));
        }

        IReadOnlyList<Reports.Charts.ChartImage> charts = [];
        Time("results.json", () => _ = ResultsJson.Serialize(report.Document));
        Time("flows.geojson", () => _ = FlowsGeoJson.Serialize(report));
        Time("charts (PNG + SVG, map included)", () => charts = Reports.Charts.RunCharts.Build(report));
        Time("report.html", () => _ = Reports.Html.RunHtml.Build(report, charts));
        Time("report.xlsx", () => _ = Reports.Excel.RunWorkbook.Build(report, mapPng: charts.First(c => c.Name == Reports.Charts.RunCharts.FlowMap).Png));
    }
}
