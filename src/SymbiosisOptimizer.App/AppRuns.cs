using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.App;

/// <summary>
/// Runs a scenario with the same pipeline as `symbiosis run` (load, <see cref="RunPipeline.Solve"/>,
/// <see cref="RunOutputs.Write"/>) into the workspace as a background job (<see cref="AppJobs"/>), records it in the
/// catalogue, and reads a run's document back from its results.json for the pages.
/// </summary>
public sealed class AppRuns(ScenarioLibrary library, RunCatalogue catalogue, AppJobs jobs)
{
    /// <summary>The documents a run's Downloads offer, by the only names a request may use.</summary>
    public static readonly IReadOnlyDictionary<string, string> Downloads = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [RunOutputs.ResultsFile] = "application/json",
        [RunOutputs.WorkbookFile] = Xlsx,
        [RunOutputs.HtmlFile] = "text/html",
        [RunOutputs.GeoJsonFile] = "application/geo+json",
    };

    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private readonly ConcurrentDictionary<string, RunDocument> documents = new(StringComparer.Ordinal);

    public RunCatalogue Catalogue => catalogue;

    public AppJobs Jobs => jobs;

    public ScenarioLibrary Library => library;

    /// <summary>A new catalogue entry (not yet added) for a job of <paramref name="kind"/> on a scenario.</summary>
    public static RunEntry NewEntry(JobKind kind, string scenario, string named, IEnumerable<string>? overrides = null)
    {
        var id = DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        return new RunEntry(id, scenario, named, [.. overrides ?? []], RunStatus.Running, DateTimeOffset.UtcNow, null, null, Path.Combine("runs", id), string.Empty) { Kind = kind };
    }

    /// <summary>
    /// Starts scenario <paramref name="named"/> of folder <paramref name="folder"/> in the background; null when no such
    /// scenario is offered. The entry is in the catalogue as running; its page follows the job.
    /// </summary>
    public RunEntry? Start(string? folder, string? named)
    {
        var scenario = library.Find(folder);
        var name = string.IsNullOrEmpty(named) ? ScenarioLoader.BaseScenario : named;
        if (scenario is null || !scenario.Names.Contains(name, StringComparer.Ordinal))
        {
            return null;
        }

        var entry = NewEntry(JobKind.Run, scenario.Folder, name);
        jobs.Start(entry, job => Execute(scenario, entry, job));
        return entry;
    }

    /// <summary>Starts a run and waits for it to end (tests, and callers that want the outcome).</summary>
    public async Task<RunEntry?> RunAsync(string? folder, string? named, CancellationToken cancel)
    {
        var entry = Start(folder, named);
        if (entry is null)
        {
            return null;
        }

        if (jobs.Find(entry.Id) is { } job)
        {
            await job.Completion.WaitAsync(cancel).ConfigureAwait(false);
        }

        return catalogue.Get(entry.Id);
    }

    private RunEntry Execute(BundledScenario scenario, RunEntry entry, Job job)
    {
        job.Step(0, 4, AppPhrase.JobLoadingScenario);
        var load = ScenarioLoader.Load(scenario.Path, new LoadOptions(entry.Named));
        if (!load.Succeeded)
        {
            return Invalid(entry, load);
        }

        var region = load.Region!;
        var settings = RunSettings.Default with { Solve = RunSettings.Default.Solve with { Cancel = job.Token } };
        var document = RunPipeline.Solve(region, new RunProvenance(load.SourceFile, load.ScenarioName, load.AppliedOverrides), settings, job.Stages(1, 4));
        job.Token.ThrowIfCancellationRequested();
        job.Step(3, 4, AppPhrase.JobWritingDocuments);
        var dir = catalogue.FolderOf(entry);
        RunOutputs.Write(dir, new RunReport(region, document), [ScenarioLoader.ResolvePath(scenario.Path)], alsoIn: AppLanguage.Offered);
        documents[entry.Id] = document;
        using var json = JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(dir, RunOutputs.ResultsFile)));
        var kpis = json.RootElement.TryGetProperty("kpis", out var k) && k.ValueKind == JsonValueKind.Object ? k.GetRawText() : null;
        job.Step(4, 4, AppPhrase.JobDone);
        return entry with
        {
            Overrides = [.. load.AppliedOverrides],
            Status = RunStatus.Solved(document.Status),
            Finished = DateTimeOffset.UtcNow,
            Kpis = kpis,
            Message = document.StatusText,
        };
    }

    /// <summary>The entry of a job whose scenario did not load: every error, as the CLI prints them.</summary>
    public static RunEntry Invalid(RunEntry entry, LoadResult load) => entry with
    {
        Status = RunStatus.Invalid,
        Finished = DateTimeOffset.UtcNow,
        Message = string.Join("\n", load.Errors.Take(50).Select(d => d.ToString())),
    };

    /// <summary>The run's document, read from its results.json (the file every other view renders).</summary>
    public RunDocument? Document(RunEntry run)
    {
        if (documents.TryGetValue(run.Id, out var cached))
        {
            return cached;
        }

        var file = File(run, RunOutputs.ResultsFile);
        if (file is null)
        {
            return null;
        }

        var document = ResultsJson.Deserialize(System.IO.File.ReadAllText(file));
        if (document is not null)
        {
            documents[run.Id] = document;
        }

        return document;
    }

    /// <summary>The path of one of the run's documents, or null: only the names in <see cref="Downloads"/>, only in the run's own folder.</summary>
    /// <remarks>In another language than English the reports' own file for it (report.sv.html), else the English one (runs made before it was written).</remarks>
    public string? File(RunEntry run, string name, Reports.Localization.Language language = Reports.Localization.Language.En)
    {
        if (!DownloadsOf(run.Kind).ContainsKey(name) || !run.HasDocuments)
        {
            return null;
        }

        var localized = Path.Combine(catalogue.FolderOf(run), AppLanguage.FileFor(name, language));
        var path = Path.Combine(catalogue.FolderOf(run), name);
        return System.IO.File.Exists(localized) ? localized : System.IO.File.Exists(path) ? path : null;
    }

    /// <summary>The documents a job of <paramref name="kind"/> offers, by name, with their content types.</summary>
    public static IReadOnlyDictionary<string, string> DownloadsOf(JobKind kind) => kind == JobKind.Run
        ? Downloads
        : DecisionWork.Owns(kind) ? DecisionWork.DownloadsOf(kind)
        : new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [RunnerWork.JsonFile(kind)] = "application/json",
            [Path.ChangeExtension(RunnerWork.JsonFile(kind), ".xlsx")] = Xlsx,
            [RunnerWork.HtmlFile(kind)] = "text/html",
        };

    /// <summary>A run id as this app makes them (yyyyMMdd-HHmmss-hex); anything else is not looked up.</summary>
    public static bool IsRunId(string id) =>
        id.Length is > 0 and <= 40 && id.All(c => char.IsAsciiDigit(c) || c is '-' || char.IsAsciiHexDigitLower(c));
}
