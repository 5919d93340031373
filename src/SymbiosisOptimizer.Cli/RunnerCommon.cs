using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Charts;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Cli;

/// <summary>What compare, barriers, sweep and montecarlo share: options, loading, progress and writing.</summary>
internal static class RunnerCommon
{
    public static Argument<string> PathArgument() => new("path") { Description = "A scenario folder (with scenario.yaml), a .yaml file or a .xlsx workbook from symbiosis template" };

    public static Option<string> Solver() => new("--solver") { Description = "auto | scip | cbc | glop | mincostflow", DefaultValueFactory = _ => "auto" };

    public static Option<string?> Out(string file) => new("--out", "-o") { Description = $"Folder for {file} (default: out/<scenario folder>/<scenario>)" };

    public static Option<double?> TimeLimit() => new("--time-limit") { Description = "Stop each solve after this many seconds" };

    /// <summary>Reads --solver and --time-limit; writes a plain error and returns false when they are not allowed.</summary>
    public static bool TrySolveOptions(ParseResult parse, Option<string> solver, Option<double?> timeLimit, TextWriter stderr, out SolveOptions options, double gap = 1e-4)
    {
        options = new SolveOptions();
        if (!RunCommand.TryParseSolver(parse.GetValue(solver)!, out var kind))
        {
            stderr.WriteLine($"error: --solver '{parse.GetValue(solver)}' is not allowed; use auto, scip, cbc, glop or mincostflow");
            return false;
        }

        var limit = parse.GetValue(timeLimit);
        if (limit is <= 0)
        {
            stderr.WriteLine("error: --time-limit must be more than 0 seconds");
            return false;
        }

        options = new SolveOptions(kind, limit, gap);
        return true;
    }

    /// <summary>Loads one scenario, printing every diagnostic; null (after a summary line) when it is invalid.</summary>
    public static LoadResult? Load(string path, string? scenario, TextWriter stderr, bool strict = false)
    {
        var load = ScenarioLoader.Load(path, new LoadOptions(scenario, strict));
        Report.Diagnostics(load, stderr);
        if (!load.Succeeded)
        {
            stderr.WriteLine($"{load.SourceFile}: invalid: {load.Errors.Count()} error(s); nothing was solved and no report was written.");
            return null;
        }

        return load;
    }

    public static string DefaultDir(string path, string leaf) => Path.Combine("out", FolderName(path), leaf);

    private static string FolderName(string path)
    {
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        return Directory.Exists(full) ? Path.GetFileName(full) : Path.GetFileNameWithoutExtension(full);
    }

    /// <summary>
    /// Writes a document's JSON, its workbook (same name, .xlsx) and its charts atomically, all rendered from the one
    /// typed document; false (after a plain error) when they cannot be written.
    /// </summary>
    public static bool Write(string dir, string file, string json, byte[] workbook, IReadOnlyList<ChartImage> charts, IReadOnlyCollection<string> inputs, TextWriter stderr)
    {
        var target = Path.Combine(dir, file);
        try
        {
            AtomicFile.WriteAllText(target, json, inputs);
            AtomicFile.WriteAllBytes(Path.ChangeExtension(target, ".xlsx"), workbook, inputs);
            foreach (var chart in charts)
            {
                var stem = Path.Combine(dir, RunOutputs.ChartsFolder, chart.Name);
                AtomicFile.WriteAllBytes(stem + ".png", chart.Png, inputs);
                AtomicFile.WriteAllText(stem + ".svg", chart.Svg, inputs);
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot write {target}: {ex.Message}");
            return false;
        }
    }

    public static IReadOnlyCollection<string> Inputs(string path) => [ScenarioLoader.ResolvePath(path)];

    /// <summary>The metadata block of a runner document: this machine and how long the command's stage took.</summary>
    public static RunMetadata Metadata(string stage, Stopwatch watch) => RunMetadata.Now([StageTiming.Of(stage, watch.Elapsed.TotalSeconds)]);

    /// <summary>
    /// Progress as plain lines on stderr (no terminal control codes, so logs and CI stay readable). With many items only
    /// about every twentieth is shown.
    /// </summary>
    public static ProgressReport Progress(TextWriter stderr, string what)
    {
        var gate = new object();
        return (done, total, label) =>
        {
            var every = Math.Max(1, total / 20);
            if (done % every != 0 && done != total)
            {
                return;
            }

            var width = total.ToString(CultureInfo.InvariantCulture).Length;
            var bar = new string('#', (int)Math.Round(20.0 * done / total)).PadRight(20, '.');
            lock (gate)
            {
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{bar}] {done.ToString(CultureInfo.InvariantCulture).PadLeft(width)}/{total} {what}{(label.Length > 0 ? ": " + label : string.Empty)}"));
            }
        };
    }

    /// <summary>The KPI line of the console, from a document's KPI block.</summary>
    public static string KpiLine(KpiBlock k) =>
        $"net benefit {Figures.With(k.NetBenefit)}, objective gain {Figures.With(k.ObjectiveGain)}, CO2e avoided {Figures.With(k.Co2Avoided, 1)}, landfill avoided {Figures.With(k.LandfillAvoided)}";
}
