using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Optimization.Decisions;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.App;

/// <summary>What a decision page asks for: the scenario, and the command's own choices (each as its form gives it).</summary>
/// <param name="Risk">robust: expected or cvar.</param>
/// <param name="Alpha">robust with cvar: the level, a fraction between 0 and 1.</param>
/// <param name="SlackPercent">alternatives: how far below the optimum's gain a plan may be, in percent.</param>
/// <param name="Points">pareto: grid levels per constrained objective.</param>
/// <param name="Objectives">pareto: the objectives ticked, as their words (money, co2, landfill).</param>
public sealed record DecisionRequest(
    JobKind Kind, string Scenario, string Named, int Samples = 20, int Seed = 1, string Risk = "expected", double Alpha = 0.9,
    int Count = 5, double SlackPercent = 5, int Points = 3, ImmutableArray<string> Objectives = default);

/// <summary>
/// Robust, Alternatives and Pareto in the background: the same engine calls and document builders as `symbiosis robust`,
/// `symbiosis alternatives` and `symbiosis run --pareto` (Robust.Run + RobustDocument.Build, Alternatives.Find +
/// AlternativesDocument.Build, RunPipeline.Solve), written into the job's folder by the same renderers
/// (<see cref="RunnerOutputs"/>, <see cref="RunOutputs"/>). The app computes nothing itself.
/// </summary>
public static class DecisionWork
{
    /// <summary>The bounds of `symbiosis robust --samples` (RobustCommand.MaxSamples).</summary>
    public const int MaxSamples = 2000;

    /// <summary>The bounds of `symbiosis alternatives --count` (AlternativesCommand.MaxCount).</summary>
    public const int MaxCount = 100;

    /// <summary>The bounds of `symbiosis run --pareto` with two objectives and with three (RunCommand.MaxParetoPoints, MaxParetoPoints3).</summary>
    public const int MaxPoints = 1000;

    public const int MaxPoints3 = 40;

    public static bool Owns(JobKind kind) => kind is JobKind.Robust or JobKind.Alternatives or JobKind.Pareto;

    public static string JsonFile(JobKind kind) => kind switch
    {
        JobKind.Robust => "robust.json",
        JobKind.Alternatives => "alternatives.json",
        _ => RunOutputs.ResultsFile,
    };

    public static string HtmlFile(JobKind kind) => kind switch
    {
        JobKind.Robust => RunnerOutputs.RobustHtml,
        JobKind.Alternatives => RunnerOutputs.AlternativesHtml,
        _ => RunOutputs.ParetoHtmlFile,
    };

    /// <summary>The documents a decision job offers, by the only names a request may use, with their content types.</summary>
    public static IReadOnlyDictionary<string, string> DownloadsOf(JobKind kind) => kind == JobKind.Pareto
        ? new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [RunOutputs.ResultsFile] = "application/json",
            [RunOutputs.ParetoHtmlFile] = "text/html",
            [RunOutputs.HtmlFile] = "text/html",
            [RunOutputs.WorkbookFile] = AppRuns.Xlsx,
        }
        : new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [JsonFile(kind)] = "application/json",
            [Path.ChangeExtension(JsonFile(kind), ".xlsx")] = AppRuns.Xlsx,
            [HtmlFile(kind)] = "text/html",
        };

    /// <summary>
    /// Checks the request as the CLI checks its options (before any solve), and on success gives the job to start;
    /// otherwise the plain messages, each naming the field.
    /// </summary>
    public static (Func<Job, RunEntry>? Work, RunEntry? Entry, ImmutableArray<string> Errors) Prepare(DecisionRequest request, ScenarioLibrary library, RunCatalogue catalogue, AppText? t = null)
    {
        t ??= AppText.English;
        var scenario = library.Find(request.Scenario);
        if (scenario is null)
        {
            return Refused(t.Format(AppPhrase.RunnerNoScenario, request.Scenario));
        }

        var named = request.Named.Length == 0 ? ScenarioLoader.BaseScenario : request.Named;
        if (!scenario.Names.Contains(named, StringComparer.Ordinal))
        {
            return Refused(t.Format(AppPhrase.RunnerNamedNotIn, named, scenario.Display, string.Join(", ", scenario.Names)));
        }

        var load = ScenarioLoader.Load(scenario.Path, new LoadOptions(named));
        if (!load.Succeeded)
        {
            return (null, null, [.. load.Errors.Take(50).Select(e => e.ToString())]);
        }

        var region = load.Region!;
        IReadOnlyCollection<string> inputs = [ScenarioLoader.ResolvePath(scenario.Path)];

        // Robust and alternatives write their workbook and HTML report in the language of the page that started the
        // job; the front's run set is written in every offered language, as a run's is, and served in the reader's.
        var language = t.Language;
        switch (request.Kind)
        {
            case JobKind.Robust:
            {
                if (request.Samples is < 1 or > MaxSamples)
                {
                    return Refused(t.Format(AppPhrase.RunnerSamplesRule, request.Samples, MaxSamples));
                }

                if (request.Seed < 0)
                {
                    return Refused(t.Format(AppPhrase.RunnerSeedRule, request.Seed, int.MaxValue));
                }

                RiskSpec risk;
                if (request.Risk == "expected")
                {
                    risk = RiskSpec.Expected;
                }
                else if (request.Risk == "cvar" && request.Alpha is > 0 and < 1)
                {
                    risk = new RiskSpec(RiskMeasure.Cvar, request.Alpha);
                }
                else
                {
                    return Refused(request.Risk == "cvar"
                        ? t.Format(AppPhrase.DecisionAlphaRule, request.Alpha)
                        : t.Format(AppPhrase.DecisionRiskRule, request.Risk));
                }

                if (region.Uncertainty.IsEmpty)
                {
                    return Refused(t.Format(AppPhrase.DecisionNoUncertainty, load.SourceFile));
                }

                var entry = AppRuns.NewEntry(JobKind.Robust, scenario.Folder, named, [string.Create(CultureInfo.InvariantCulture, $"{request.Samples} samples, seed {request.Seed}, {risk.Word}")]);
                return (job =>
                {
                    RobustResult result;
                    try
                    {
                        result = Robust.Run(region, request.Samples, request.Seed, risk, RunnerWork.Options(job), job.Progress);
                    }
                    catch (ArgumentException e) when (e.ParamName == "region")
                    {
                        return entry with { Status = RunStatus.Invalid, Finished = DateTimeOffset.UtcNow, Message = $"{load.SourceFile}: {e.Message.Replace(" (Parameter 'region')", string.Empty, StringComparison.Ordinal)}" };
                    }

                    job.Token.ThrowIfCancellationRequested();

                    // The metadata block of `symbiosis robust`, stage for stage.
                    var doc = RobustDocument.Build(region, load.SourceFile, load.ScenarioName, result, RunMetadata.Now(
                        [StageTiming.Of("extensive form solve", result.ExtensiveSolve?.Seconds ?? 0), StageTiming.Of("robust (sampling, extensive form, scoring every sample under three plans)", result.Seconds)]));
                    RunnerWork.Write(catalogue.FolderOf(entry), RunnerOutputs.Of(doc, language), inputs);
                    return RunnerWork.Done(entry, doc.RecourseProblem is not null, doc.Findings.FirstOrDefault() ?? doc.Status);
                }, entry, []);
            }

            case JobKind.Alternatives:
            {
                if (request.Count is < 1 or > MaxCount)
                {
                    return Refused(t.Format(AppPhrase.DecisionCountRule, request.Count, MaxCount));
                }

                if (!(request.SlackPercent is > 0 and < 100))
                {
                    return Refused(t.Format(AppPhrase.DecisionSlackRule, request.SlackPercent));
                }

                var slack = request.SlackPercent / 100;
                var entry = AppRuns.NewEntry(JobKind.Alternatives, scenario.Folder, named, [string.Create(CultureInfo.InvariantCulture, $"{request.Count} plans within {request.SlackPercent} %")]);
                return (job =>
                {
                    var clock = Stopwatch.StartNew();
                    job.Step(0, request.Count + 1, AppPhrase.JobFindingOptimum);
                    var result = Alternatives.Find(region, request.Count, slack, RunnerWork.Options(job), progress: (done, total) => job.Step(done, total + 1, AppPhrase.JobPlansFound));
                    job.Token.ThrowIfCancellationRequested();
                    var doc = AlternativesDocument.Build(region, load.SourceFile, load.ScenarioName, result, RunMetadata.Now([StageTiming.Of("alternatives", clock.Elapsed.TotalSeconds)]));
                    RunnerWork.Write(catalogue.FolderOf(entry), RunnerOutputs.Of(doc, language), inputs);
                    return RunnerWork.Done(entry, result.Optimum.HasSolution, doc.Findings.FirstOrDefault() ?? doc.Status);
                }, entry, []);
            }

            case JobKind.Pareto:
            {
                var objectives = new List<ParetoObjective>();
                foreach (var word in request.Objectives.IsDefault ? [] : request.Objectives)
                {
                    if (!ParetoObjectives.TryParse(word, out var o))
                    {
                        return Refused(t.Format(AppPhrase.DecisionObjectiveRule, word));
                    }

                    if (!objectives.Contains(o))
                    {
                        objectives.Add(o);
                    }
                }

                if (objectives.Count is not (2 or 3))
                {
                    return Refused(t[AppPhrase.DecisionObjectivesCount]);
                }

                var most = objectives.Count == 3 ? MaxPoints3 : MaxPoints;
                if (request.Points < 2 || request.Points > most)
                {
                    return Refused(t.Format(objectives.Count == 3 ? AppPhrase.DecisionPointsRule3 : AppPhrase.DecisionPointsRule, request.Points, objectives.Count, most));
                }

                var front = objectives.ToImmutableArray();
                var entry = AppRuns.NewEntry(JobKind.Pareto, scenario.Folder, named, [string.Create(CultureInfo.InvariantCulture, $"{request.Points} levels, objectives {string.Join(",", front.Select(o => o.Word()))}")]);
                return (job =>
                {
                    var settings = RunSettings.Default with { Solve = RunSettings.Default.Solve with { Cancel = job.Token }, ParetoPoints = request.Points, ParetoObjectives = front };
                    var document = RunPipeline.Solve(region, new RunProvenance(load.SourceFile, load.ScenarioName, load.AppliedOverrides), settings, job.Stages(0, 2));
                    job.Token.ThrowIfCancellationRequested();
                    RunOutputs.Write(catalogue.FolderOf(entry), new RunReport(region, document), inputs, alsoIn: AppLanguage.Offered);
                    return RunnerWork.Done(entry, document.HasSolution, document.HasSolution ? $"{document.Pareto.Length} point(s) on the front" : document.StatusText);
                }, entry, []);
            }

            default:
                return Refused(t[AppPhrase.DecisionNotACommand]);
        }
    }

    /// <summary>A finished decision job's document, read back from its JSON (the file every view renders), or null.</summary>
    public static object? Read(string folder, JobKind kind)
    {
        var file = Path.Combine(folder, JsonFile(kind));
        if (!File.Exists(file))
        {
            return null;
        }

        var json = File.ReadAllText(file);
        return kind switch
        {
            JobKind.Robust => JsonSerializer.Deserialize(json, RunnerDocuments.Json.RobustDocument),
            JobKind.Alternatives => JsonSerializer.Deserialize(json, RunnerDocuments.Json.AlternativesDocument),
            JobKind.Pareto => ResultsJson.Deserialize(json),
            _ => null,
        };
    }

    private static (Func<Job, RunEntry>? Work, RunEntry? Entry, ImmutableArray<string> Errors) Refused(string message) => (null, null, [message]);
}
