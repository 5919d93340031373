using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.App;

/// <summary>
/// Runs a bundled scenario with the same pipeline as `symbiosis run` (load, <see cref="RunPipeline.Solve"/>,
/// <see cref="RunOutputs.Write"/>) into the workspace, records it in the catalogue, and reads a run's document back
/// from its results.json for the pages. One run at a time: the solver shares the machine.
/// </summary>
public sealed class AppRuns(ScenarioLibrary library, RunCatalogue catalogue)
{
    /// <summary>The documents a run's Downloads offer, by the only names a request may use.</summary>
    public static readonly IReadOnlyDictionary<string, string> Downloads = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [RunOutputs.ResultsFile] = "application/json",
        [RunOutputs.WorkbookFile] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [RunOutputs.HtmlFile] = "text/html",
        [RunOutputs.GeoJsonFile] = "application/geo+json",
    };

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ConcurrentDictionary<string, RunDocument> documents = new(StringComparer.Ordinal);

    public RunCatalogue Catalogue => catalogue;

    /// <summary>Runs scenario <paramref name="named"/> of bundled folder <paramref name="folder"/>; null when no such scenario is offered.</summary>
    public async Task<RunEntry?> RunAsync(string? folder, string? named, CancellationToken cancel)
    {
        var bundled = library.Find(folder);
        var name = string.IsNullOrEmpty(named) ? ScenarioLoader.BaseScenario : named;
        if (bundled is null || !bundled.Names.Contains(name, StringComparer.Ordinal))
        {
            return null;
        }

        var id = DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var entry = new RunEntry(id, bundled.Folder, name, [], "running", DateTimeOffset.UtcNow, null, null, Path.Combine("runs", id), string.Empty);
        catalogue.Add(entry);
        await gate.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            entry = await Task.Run(() => Execute(bundled, entry), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }

        catalogue.Update(entry);
        return entry;
    }

    private RunEntry Execute(BundledScenario bundled, RunEntry entry)
    {
        try
        {
            var load = ScenarioLoader.Load(bundled.Path, new LoadOptions(entry.Named));
            if (!load.Succeeded)
            {
                return entry with
                {
                    Status = "invalid",
                    Finished = DateTimeOffset.UtcNow,
                    Message = string.Join("\n", load.Errors.Take(20).Select(d => d.ToString())),
                };
            }

            var region = load.Region!;
            var document = RunPipeline.Solve(region, new RunProvenance(load.SourceFile, load.ScenarioName, load.AppliedOverrides), RunSettings.Default);
            var dir = catalogue.FolderOf(entry);
            RunOutputs.Write(dir, new RunReport(region, document), [ScenarioLoader.ResolvePath(bundled.Path)], alsoIn: AppLanguage.Offered);
            documents[entry.Id] = document;
            using var json = JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(dir, RunOutputs.ResultsFile)));
            var kpis = json.RootElement.TryGetProperty("kpis", out var k) && k.ValueKind == JsonValueKind.Object ? k.GetRawText() : null;
            return entry with
            {
                Overrides = [.. load.AppliedOverrides],
                Status = document.Status,
                Finished = DateTimeOffset.UtcNow,
                Kpis = kpis,
                Message = document.StatusText,
            };
        }
        catch (Exception ex)
        {
            // Whatever went wrong is recorded with the run, so the catalogue never keeps a run 'running' that has stopped.
            return entry with { Status = "error", Finished = DateTimeOffset.UtcNow, Message = ex.Message };
        }
    }

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
        if (!Downloads.ContainsKey(name) || !run.HasDocuments)
        {
            return null;
        }

        var localized = Path.Combine(catalogue.FolderOf(run), AppLanguage.FileFor(name, language));
        var path = Path.Combine(catalogue.FolderOf(run), name);
        return System.IO.File.Exists(localized) ? localized : System.IO.File.Exists(path) ? path : null;
    }

    /// <summary>A run id as this app makes them (yyyyMMdd-HHmmss-hex); anything else is not looked up.</summary>
    public static bool IsRunId(string id) =>
        id.Length is > 0 and <= 40 && id.All(c => char.IsAsciiDigit(c) || c is '-' || char.IsAsciiHexDigitLower(c));
}
