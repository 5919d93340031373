using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using SymbiosisOptimizer.Assessment.Coalitions;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Assessment.Sharing;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.App;

/// <summary>What a runner page asks for: the scenario, and the command's own choices.</summary>
/// <param name="Compare">compare: the named scenarios to set against base (empty: every one).</param>
/// <param name="Sets">sweep: one or two ranges, path=from..to:step [unit], as `symbiosis sweep --set` takes them.</param>
public sealed record RunnerRequest(JobKind Kind, string Scenario, string Named, ImmutableArray<string> Compare, ImmutableArray<string> Sets, int Samples = 200, int Seed = 1);

/// <summary>
/// The runner commands in the background: the same runner code and document builders as `symbiosis compare`,
/// barriers, sweep, montecarlo and share (Assessment/Runner, Reports/Documents/*Document.Build), written into the
/// job's folder as the document's JSON, workbook and HTML report, the last two in the language of the page that
/// started the job. The app computes nothing itself.
/// </summary>
public static class RunnerWork
{
    /// <summary>The same bounds as `symbiosis montecarlo --samples` (MonteCarloCommand.MaxSamples).</summary>
    public const int MaxSamples = 1_000_000;

    public static string JsonFile(JobKind kind) => kind switch
    {
        JobKind.Compare => "comparison.json",
        JobKind.Barriers => "barriers.json",
        JobKind.Sweep => "sweep.json",
        JobKind.MonteCarlo => "montecarlo.json",
        JobKind.Share => "sharing.json",
        _ => RunOutputs.ResultsFile,
    };

    /// <summary>The HTML report a runner job writes beside its JSON (the CLI command's name for it).</summary>
    public static string HtmlFile(JobKind kind) => kind switch
    {
        JobKind.Compare => RunnerOutputs.CompareHtml,
        JobKind.Barriers => RunnerOutputs.BarriersHtml,
        JobKind.Sweep => RunnerOutputs.SweepHtml,
        JobKind.MonteCarlo => RunnerOutputs.MonteCarloHtml,
        JobKind.Share => RunnerOutputs.SharingHtml,
        _ => RunOutputs.HtmlFile,
    };

    /// <summary>
    /// Checks the request as the CLI checks its options (before any solve), and on success gives the job to start;
    /// otherwise the plain messages, each naming the field.
    /// </summary>
    /// <param name="t">The page's language for the form's own messages (English by default); the loader's and the parameters' messages stay as the CLI gives them.</param>
    public static (Func<Job, RunEntry>? Work, RunEntry? Entry, ImmutableArray<string> Errors) Prepare(RunnerRequest request, ScenarioLibrary library, RunCatalogue catalogue, AppText? t = null)
    {
        t ??= AppText.English;
        var scenario = library.Find(request.Scenario);
        if (scenario is null)
        {
            return (null, null, [t.Format(AppPhrase.RunnerNoScenario, request.Scenario)]);
        }

        var named = request.Named.Length == 0 ? ScenarioLoader.BaseScenario : request.Named;
        if (!scenario.Names.Contains(named, StringComparer.Ordinal))
        {
            return (null, null, [t.Format(AppPhrase.RunnerNamedNotIn, named, scenario.Display, string.Join(", ", scenario.Names))]);
        }

        var load = ScenarioLoader.Load(scenario.Path, new LoadOptions(named));
        if (!load.Succeeded)
        {
            return (null, null, [.. load.Errors.Take(50).Select(e => e.ToString())]);
        }

        var region = load.Region!;
        var inputs = (IReadOnlyCollection<string>)[ScenarioLoader.ResolvePath(scenario.Path)];

        // The job writes its workbook and HTML report in the language of the page that started it.
        var language = t.Language;
        switch (request.Kind)
        {
            case JobKind.Compare:
            {
                var available = load.ScenarioNames.Where(n => n != ScenarioLoader.BaseScenario).ToList();
                var wanted = request.Compare.IsDefaultOrEmpty ? available : [.. request.Compare.Where(n => n != ScenarioLoader.BaseScenario).Distinct(StringComparer.Ordinal)];
                if (wanted.Count == 0)
                {
                    return (null, null, [t.Format(AppPhrase.RunnerNothingToCompare, scenario.Display)]);
                }

                if (wanted.Where(n => !available.Contains(n)).ToList() is { Count: > 0 } unknown)
                {
                    return (null, null, [t.Format(AppPhrase.RunnerUnknownScenarios, string.Join(", ", unknown.Select(u => $"'{u}'")), string.Join(", ", available))]);
                }

                var list = new List<ScenarioInput> { new(ScenarioLoader.BaseScenario, [], ScenarioLoader.Load(scenario.Path).Region!) };
                foreach (var name in wanted)
                {
                    var l = ScenarioLoader.Load(scenario.Path, new LoadOptions(name));
                    if (!l.Succeeded)
                    {
                        return (null, null, [.. l.Errors.Take(50).Select(e => e.ToString())]);
                    }

                    list.Add(new ScenarioInput(name, l.AppliedOverrides, l.Region!));
                }

                var entry = AppRuns.NewEntry(JobKind.Compare, scenario.Folder, ScenarioLoader.BaseScenario, wanted);
                return (job =>
                {
                    var watch = Stopwatch.StartNew();
                    var result = Comparison.Run(list, Options(job), job.Progress);
                    job.Token.ThrowIfCancellationRequested();
                    var doc = ComparisonDocument.Build(list[0].Region, load.SourceFile, result, Metadata("solve", watch));
                    Write(catalogue.FolderOf(entry), RunnerOutputs.Of(doc, language), inputs);
                    return Done(entry, doc.Scenarios[0].Kpis is not null, $"{doc.Scenarios.Length - 1} scenario(s) against base");
                }, entry, []);
            }

            case JobKind.Barriers:
            {
                var entry = AppRuns.NewEntry(JobKind.Barriers, scenario.Folder, named, load.AppliedOverrides);
                return (job =>
                {
                    var watch = Stopwatch.StartNew();

                    // Barrier values are differences of two optima, so the MILPs are closed (almost) exactly, as in `symbiosis barriers`.
                    var result = BarrierAnalysis.Run(region, Options(job) with { RelativeGap = 1e-9 }, job.Progress);
                    job.Token.ThrowIfCancellationRequested();
                    var doc = BarriersDocument.Build(region, load.SourceFile, load.ScenarioName, load.AppliedOverrides, result, Metadata("solve", watch));
                    Write(catalogue.FolderOf(entry), RunnerOutputs.Of(doc, language), inputs);
                    return Done(entry, doc.Base.Kpis is not null, $"{doc.Barriers.Length} barrier(s) priced");
                }, entry, []);
            }

            case JobKind.Sweep:
            {
                var sets = request.Sets.Where(s => s.Trim().Length > 0).ToList();
                if (sets.Count is < 1 or > 2)
                {
                    return (null, null, [t[AppPhrase.RunnerRangeMissing]]);
                }

                var axes = new List<SweepAxis>();
                foreach (var text in sets)
                {
                    if (!SweepAxis.TryParse(region, text, out var axis, out var error))
                    {
                        return (null, null, [t[AppPhrase.RunnerRangeField] + ": " + error]);
                    }

                    axes.Add(axis);
                }

                if (axes.Count == 2 && axes[0].Parameter.Path == axes[1].Parameter.Path)
                {
                    return (null, null, [t.Format(AppPhrase.RunnerRangeTwice, axes[0].Parameter.Path)]);
                }

                var points = axes.Aggregate(1L, (n, a) => n * a.Values.Length);
                if (points > SweepAxis.MaxPoints)
                {
                    return (null, null, [t.Format(AppPhrase.RunnerTooManyPoints, points, SweepAxis.MaxPoints)]);
                }

                var entry = AppRuns.NewEntry(JobKind.Sweep, scenario.Folder, named, sets);
                return (job =>
                {
                    var watch = Stopwatch.StartNew();
                    var result = Sweep.Run(region, axes, Options(job), job.Progress);
                    job.Token.ThrowIfCancellationRequested();
                    var doc = SweepDocument.Build(region, load.SourceFile, load.ScenarioName, result, Metadata("solve", watch));
                    Write(catalogue.FolderOf(entry), RunnerOutputs.Of(doc, language), inputs);
                    return Done(entry, doc.Points.Any(x => x.Kpis is not null), $"{doc.Points.Length} point(s)");
                }, entry, []);
            }

            case JobKind.MonteCarlo:
            {
                if (request.Samples is < 1 or > MaxSamples)
                {
                    return (null, null, [t.Format(AppPhrase.RunnerSamplesRule, request.Samples, MaxSamples)]);
                }

                if (request.Seed < 0)
                {
                    return (null, null, [t.Format(AppPhrase.RunnerSeedRule, request.Seed, int.MaxValue)]);
                }

                if (region.Uncertainty.IsEmpty)
                {
                    return (null, null, [t.Format(AppPhrase.RunnerNoUncertainty, load.SourceFile)]);
                }

                var entry = AppRuns.NewEntry(JobKind.MonteCarlo, scenario.Folder, named, [FormattableString.Invariant($"{request.Samples} samples, seed {request.Seed}")]);
                return (job =>
                {
                    var result = MonteCarlo.Run(region, request.Samples, request.Seed, Options(job), job.Progress);
                    job.Token.ThrowIfCancellationRequested();
                    var doc = MonteCarloDocument.Build(region, load.SourceFile, load.ScenarioName, result, RunMetadata.Now([StageTiming.Of("samples", result.Seconds)]));
                    Write(catalogue.FolderOf(entry), RunnerOutputs.Of(doc, language), inputs);
                    return Done(entry, doc.Solved > 0, $"{doc.Solved} of {doc.Samples} samples solved");
                }, entry, []);
            }

            case JobKind.Share:
            {
                SharingMethods.TryParse("all", out var methods, out _);
                var entry = AppRuns.NewEntry(JobKind.Share, scenario.Folder, named, load.AppliedOverrides);
                return (job =>
                {
                    var solve = Options(job);
                    job.Step(0, 2, AppPhrase.JobOptimisingShared);
                    var plan = ExchangeOptimizer.Optimize(region, new OptimizeOptions(solve));
                    job.Token.ThrowIfCancellationRequested();
                    if (!plan.HasSolution)
                    {
                        return entry with { Status = RunStatus.NoSolution, Finished = DateTimeOffset.UtcNow, Message = $"the scenario has no solution ({plan.Status.Text()}), so there is no gain to share. {string.Join(" ", plan.Explanation)}" };
                    }

                    job.Step(1, 2, AppPhrase.JobValuingCoalitions);
                    var watch = Stopwatch.StartNew();
                    var result = RegionSharing.Analyse(region, plan, new RegionSharingOptions(methods, true, 2000, 1, Solve: solve));
                    job.Token.ThrowIfCancellationRequested();
                    var doc = SharingDocument.Build(region, load.SourceFile, load.ScenarioName, load.AppliedOverrides, result, Metadata("share", watch));
                    Write(catalogue.FolderOf(entry), RunnerOutputs.Of(doc, language), inputs);
                    job.Step(2, 2, AppPhrase.JobDone);
                    return Done(entry, true, $"{doc.Players.Length} actors share {Figures.Fixed(doc.GrandValue)} {doc.Unit}");
                }, entry, []);
            }

            default:
                return (null, null, ["kind: not a runner command"]);
        }
    }

    /// <summary>The solve settings of every app job (runner and decision): the CLI's defaults, cancelled with the job.</summary>
    internal static SolveOptions Options(Job job) => new(SolverKind.Auto, null, 1e-4, Cancel: job.Token);

    private static RunMetadata Metadata(string stage, Stopwatch watch) => RunMetadata.Now([StageTiming.Of(stage, watch.Elapsed.TotalSeconds)]);

    internal static RunEntry Done(RunEntry entry, bool solved, string message) => entry with
    {
        Status = solved ? RunStatus.Done : RunStatus.NoSolution,
        Finished = DateTimeOffset.UtcNow,
        Message = message,
    };

    /// <summary>The command's JSON, workbook and HTML report (the charts inlined in it), as the CLI writes them.</summary>
    internal static void Write(string dir, RunnerOutput output, IReadOnlyCollection<string> inputs)
    {
        Directory.CreateDirectory(dir);
        AtomicFile.WriteAllText(Path.Combine(dir, output.JsonFile), output.Json, inputs);
        AtomicFile.WriteAllBytes(Path.Combine(dir, output.WorkbookFile), output.Workbook, inputs);
        AtomicFile.WriteAllText(Path.Combine(dir, output.HtmlFile), output.Html, inputs);
    }

    /// <summary>A finished runner job's document, read back from its JSON (the file every view renders), or null.</summary>
    public static object? Read(string file, JobKind kind)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        var json = File.ReadAllText(file);
        var c = RunnerDocuments.Json;
        return kind switch
        {
            JobKind.Compare => JsonSerializer.Deserialize(json, c.ComparisonDocument),
            JobKind.Barriers => JsonSerializer.Deserialize(json, c.BarriersDocument),
            JobKind.Sweep => JsonSerializer.Deserialize(json, c.SweepDocument),
            JobKind.MonteCarlo => JsonSerializer.Deserialize(json, c.MonteCarloDocument),
            JobKind.Share => JsonSerializer.Deserialize(json, c.SharingDocument),
            _ => null,
        };
    }
}
