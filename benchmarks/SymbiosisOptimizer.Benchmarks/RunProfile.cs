using System.Diagnostics;
using System.Globalization;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Charts;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Excel;
using SymbiosisOptimizer.Reports.Html;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Benchmarks;

/// <summary>
/// `profile-run SCENARIO [REPETITIONS] [--why-not off] [--time-limit S]`: the pieces of one `symbiosis run` in this process, timed one
/// by one, repeated; the first pass pays start-up (type loading, JIT, font and border loading), the later ones do not,
/// so first minus later is what start-up costs each piece. Prints a Markdown table of wall seconds per piece and pass.
/// </summary>
internal static class RunProfile
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Run(string path, int repetitions, string whyNot, double timeLimit, TextWriter o)
    {
        var passes = new List<List<(string Piece, double Seconds)>>();
        for (var pass = 0; pass < repetitions; pass++)
        {
            var times = new List<(string, double)>();
            var clock = Stopwatch.StartNew();
            double Lap(string piece)
            {
                var s = clock.Elapsed.TotalSeconds;
                times.Add((piece, s));
                clock.Restart();
                return s;
            }

            var load = ScenarioLoader.Load(path);
            var loadSeconds = Lap("parse and validate");
            var document = RunPipeline.Solve(load.Region!, new RunProvenance(load.SourceFile, load.ScenarioName, load.AppliedOverrides),
                new RunSettings(new SolveOptions(SolverKind.Auto, timeLimit, 1e-4), WhyNot: whyNot), loadSeconds: loadSeconds);
            var pipeline = Lap("RunPipeline.Solve");
            foreach (var t in document.Metadata.Timings)
            {
                times.Add(("  " + t.Stage, t.Seconds));
            }

            var timed = document.Metadata.Timings.Where(t => t.Stage is "optimise (network, models, solves, breakdown)" or "why not chosen").Sum(t => t.Seconds);
            times.Add(("  document build (the rest)", pipeline - timed));

            clock.Restart();
            var report = new RunReport(load.Region!, document);
            _ = ResultsJson.Serialize(document);
            Lap("results.json");
            _ = RunWorkbook.Build(report);
            Lap("report.xlsx");
            _ = report.Map;
            Lap("map layout (borders)");
            var charts = RunCharts.Build(report);
            Lap("charts (png + svg)");
            _ = RunHtml.Build(report, charts);
            Lap("report.html");
            _ = FlowsGeoJson.Serialize(report);
            Lap("flows.geojson");
            passes.Add(times);
        }

        o.WriteLine($"| piece | {string.Join(" | ", Enumerable.Range(1, repetitions).Select(i => $"pass {i}"))} |");
        o.WriteLine($"|---|{string.Concat(Enumerable.Repeat("---|", repetitions))}");
        for (var k = 0; k < passes[0].Count; k++)
        {
            o.WriteLine(string.Create(Inv, $"| {passes[0][k].Piece} | {string.Join(" | ", passes.Select(p => k < p.Count ? $"{p[k].Seconds:0.000}" : "-"))} |"));
        }
    }
}
