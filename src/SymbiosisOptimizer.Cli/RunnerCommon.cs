using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Charts;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Localization;
using SymbiosisOptimizer.Scenarios;
using Spectre.Console;

namespace SymbiosisOptimizer.Cli;

/// <summary>What compare, barriers, sweep and montecarlo share: options, loading, progress and writing.</summary>
internal static class RunnerCommon
{
    public static Argument<string> PathArgument() => new("path") { Description = "A scenario folder (with scenario.yaml), a .yaml file or a .xlsx workbook from symbiosis template" };

    public static Option<string> Solver() => new("--solver") { Description = "auto | scip | cbc | glop | mincostflow", DefaultValueFactory = _ => "auto" };

    public static Option<string?> Out(string file) => new("--out", "-o") { Description = $"Folder for {file} (default: out/<scenario folder>/<scenario>)" };

    public static Option<string> Lang() => new("--lang") { Description = "Language of the HTML and Excel reports: en | sv (JSON stays language-neutral)", DefaultValueFactory = _ => "en" };

    /// <summary>Reads --lang; a plain error naming the allowed codes otherwise.</summary>
    public static bool TryLanguage(ParseResult parse, Option<string> lang, TextWriter stderr, out Language language)
    {
        if (Languages.TryParse(parse.GetValue(lang), out language))
        {
            return true;
        }

        stderr.WriteLine($"error: --lang '{parse.GetValue(lang)}' is not allowed; use {string.Join(" or ", Languages.All.Select(l => l.Code))}");
        return false;
    }

    public static Option<double?> TimeLimit() => new("--time-limit") { Description = "Stop each solve after this many seconds (more than 0)" };

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
        if (!TimeLimitAllowed(limit, stderr))
        {
            return false;
        }

        options = new SolveOptions(kind, limit, gap, Cancel: Interrupt.Token);
        return true;
    }

    /// <summary>At most a year: more is a typo, and the solvers take milliseconds as a 64-bit count anyway.</summary>
    public const double MaxTimeLimit = 365 * 24 * 3600.0;

    /// <summary>--time-limit: finite, more than 0 seconds; a plain error naming the option otherwise.</summary>
    public static bool TimeLimitAllowed(double? limit, TextWriter stderr)
    {
        if (limit is { } l && (!double.IsFinite(l) || l <= 0 || l > MaxTimeLimit))
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"error: --time-limit {l} is not allowed; give a number of seconds more than 0 and at most {MaxTimeLimit:0} (a year)"));
            return false;
        }

        return true;
    }

    /// <summary>An int option in [min, max]; a plain error naming it otherwise.</summary>
    public static bool InRange(string option, int value, int min, int max, TextWriter stderr)
    {
        if (value < min || value > max)
        {
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: {option} {value} is not allowed; give a whole number from {min} to {max}"));
            return false;
        }

        return true;
    }

    /// <summary>
    /// Opens --out for one command (lock, leftovers removed, staging folder) and runs <paramref name="body"/> with it;
    /// an unusable or busy --out is a plain error.
    /// </summary>
    public static int WithOutput(string dir, string kind, IReadOnlyCollection<string> inputs, TextWriter stderr, Func<OutputFolder, int> body)
    {
        OutputFolder folder;
        try
        {
            folder = OutputFolder.Open(dir, kind, inputs, Interrupt.Token);
        }
        catch (OutputFolderException ex)
        {
            stderr.WriteLine("error: " + ex.Message);
            return ex.Busy ? ExitCodes.OutputFailed : ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot use '{dir}' for the results: {ex.Message}");
            return ExitCodes.OutputFailed;
        }

        Interrupt.Into(dir);
        using (folder)
        {
            return body(folder);
        }
    }

    /// <summary>
    /// Writes the set into the staging folder and swaps it in; false (after a plain message, <paramref name="failure"/>
    /// set) when nothing was swapped in. A run without a solution never replaces earlier results: it is only written
    /// when the folder holds nothing yet. Interrupted: <see cref="OperationCanceledException"/>.
    /// </summary>
    public static bool Publish(OutputFolder folder, bool solved, Action<string> write, TextWriter stderr, out int failure)
    {
        Interrupt.ThrowIfRequested();
        failure = ExitCodes.Ok;
        if (!solved && Directory.Exists(folder.Target) && Directory.EnumerateFileSystemEntries(folder.Target).Any())
        {
            stderr.WriteLine($"No solution, so nothing was written: the previous results in {folder.Display} are kept.");
            failure = ExitCodes.NoSolution;
            return false;
        }

        try
        {
            write(folder.Staging);
            folder.Commit();
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot write the results into {folder.Display}: {ex.Message}; the previous results there are kept");
            failure = ExitCodes.OutputFailed;
            return false;
        }
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
    /// Writes a document's JSON, its workbook (same name, .xlsx) and its charts into <paramref name="dir"/> (a staging
    /// folder), all rendered from the one typed document.
    /// </summary>
    public static void Write(string dir, string file, string json, byte[] workbook, IReadOnlyList<ChartImage> charts, IReadOnlyCollection<string> inputs)
    {
        var target = Path.Combine(dir, file);
        AtomicFile.WriteAllText(target, json, inputs);
        AtomicFile.WriteAllBytes(Path.ChangeExtension(target, ".xlsx"), workbook, inputs);
        foreach (var chart in charts)
        {
            var stem = Path.Combine(dir, RunOutputs.ChartsFolder, chart.Name);
            AtomicFile.WriteAllBytes(stem + ".png", chart.Png, inputs);
            AtomicFile.WriteAllText(stem + ".svg", chart.Svg, inputs);
        }
    }

    /// <summary>Writes a runner command's whole set (JSON, workbook, charts, HTML report) into <paramref name="dir"/> (a staging folder).</summary>
    public static void Write(string dir, RunnerOutput output, IReadOnlyCollection<string> inputs)
    {
        Write(dir, output.JsonFile, output.Json, output.Workbook, output.Charts, inputs);
        AtomicFile.WriteAllText(Path.Combine(dir, output.HtmlFile), output.Html, inputs);
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

    /// <summary>
    /// Runs <paramref name="work"/> with a progress bar on the terminal (done of total, percentage, an estimate of the
    /// time left, time elapsed) when stderr is the process's own, not redirected, and the terminal can redraw; else with
    /// the plain lines of <see cref="Progress"/>, so logs, pipes, CI and tests never see control codes.
    /// </summary>
    public static T Track<T>(TextWriter stderr, string what, Func<ProgressReport, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!ReferenceEquals(stderr, Console.Error) || Console.IsErrorRedirected)
        {
            return work(Progress(stderr, what));
        }

        // Interactive is known already (stderr is a terminal); whether it can redraw is for Spectre to find from TERM.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error), Interactive = InteractionSupport.Yes });
        if (!console.Profile.Capabilities.Ansi)
        {
            return work(Progress(stderr, what));
        }

        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(what), maxValue: 1);
                return work((done, total, _) =>
                {
                    task.MaxValue = total;
                    task.Value = done;
                    task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{done}/{total} {what}"));
                });
            });
    }

    /// <summary>The KPI line of the console, from a document's KPI block.</summary>
    public static string KpiLine(KpiBlock k) =>
        $"net benefit {Figures.With(k.NetBenefit)}, objective gain {Figures.With(k.ObjectiveGain)}, CO2e avoided {Figures.With(k.Co2Avoided, 1)}, landfill avoided {Figures.With(k.LandfillAvoided)}";
}
