using System.Collections.Concurrent;
using System.Collections.Immutable;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.App;

/// <summary>A scenario the app offers: its region's name and the named scenarios it defines (base first).</summary>
/// <param name="Folder">The key a request names it by: the bundled folder's name, or "workspace:" and the name of its
/// folder in the workspace (copies made by the Policy levers page, and uploads).</param>
/// <param name="Path">The folder (or, for an uploaded workbook, the .xlsx file) the loader reads.</param>
public sealed record BundledScenario(string Folder, string Path, string Region, ImmutableArray<string> Names, string Problem)
{
    public const string WorkspacePrefix = "workspace:";

    public bool InWorkspace => Folder.StartsWith(WorkspacePrefix, StringComparison.Ordinal);

    /// <summary>The folder's own name, without the workspace prefix.</summary>
    public string Name => InWorkspace ? Folder[WorkspacePrefix.Length..] : Folder;

    /// <summary>Where it is, as a page says it: scenarios/NAME or workspace/scenarios/NAME.</summary>
    public string Display => InWorkspace ? $"workspace/scenarios/{Name}" : $"scenarios/{Name}";
}

/// <summary>
/// The scenarios the app offers: every folder with a scenario.yaml under scenarios/ (read once), and the workspace's
/// own scenarios under WORKSPACE/scenarios (copies edited by the levers page and uploads; read again when they change).
/// </summary>
public sealed class ScenarioLibrary
{
    private readonly Lazy<ImmutableArray<BundledScenario>> all;
    private readonly ConcurrentDictionary<string, (DateTime Written, BundledScenario Scenario)> workspace = new(StringComparer.Ordinal);

    public ScenarioLibrary(AppOptions options)
    {
        Folder = options.Scenarios is { } s ? System.IO.Path.GetFullPath(s) : Locate();
        WorkspaceFolder = System.IO.Path.Combine(options.WorkspacePath, "scenarios");
        all = new(Read);
    }

    /// <summary>The scenarios folder, or null when none was found.</summary>
    public string? Folder { get; }

    /// <summary>WORKSPACE/scenarios: the only place the app writes scenario files.</summary>
    public string WorkspaceFolder { get; }

    /// <summary>The bundled scenarios, then the workspace's.</summary>
    public ImmutableArray<BundledScenario> All => [.. all.Value, .. Workspace()];

    public ImmutableArray<BundledScenario> Bundled => all.Value;

    public BundledScenario? Find(string? folder) => All.FirstOrDefault(s => string.Equals(s.Folder, folder, StringComparison.Ordinal));

    /// <summary>
    /// The workspace copy of <paramref name="scenario"/>: the scenario itself when it is in the workspace, else its
    /// bundled folder copied to WORKSPACE/scenarios/NAME (once; a later copy finds the first).
    /// </summary>
    public BundledScenario WorkspaceCopy(BundledScenario scenario)
    {
        if (scenario.InWorkspace)
        {
            return scenario;
        }

        var target = System.IO.Path.Combine(WorkspaceFolder, scenario.Name);
        if (!Directory.Exists(target))
        {
            var staging = target + ".copying-" + Guid.NewGuid().ToString("N")[..8];
            CopyFolder(scenario.Path, staging);
            Directory.Move(staging, target);
        }

        return Find(BundledScenario.WorkspacePrefix + scenario.Name) ?? throw new IOException($"the copy {target} has no {ScenarioLoader.DefaultFileName}");
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetFileName(file)));
        }

        foreach (var dir in Directory.GetDirectories(from))
        {
            CopyFolder(dir, System.IO.Path.Combine(to, System.IO.Path.GetFileName(dir)));
        }
    }

    /// <summary>The file a workspace folder is loaded from: scenario.yaml, else an uploaded scenario.xlsx.</summary>
    public static string? ScenarioFile(string folder) =>
        new[] { ScenarioLoader.DefaultFileName, UploadedWorkbook }.Select(f => System.IO.Path.Combine(folder, f)).FirstOrDefault(File.Exists);

    public const string UploadedWorkbook = "scenario.xlsx";

    private IEnumerable<BundledScenario> Workspace()
    {
        if (!Directory.Exists(WorkspaceFolder))
        {
            yield break;
        }

        foreach (var dir in Directory.GetDirectories(WorkspaceFolder).Order(StringComparer.Ordinal))
        {
            var name = System.IO.Path.GetFileName(dir);
            if (!InputLimits.IsPlainName(name) || ScenarioFile(dir) is not { } file)
            {
                // Staging folders of a copy or an upload in progress, and anything else not made by the app.
                continue;
            }

            var written = File.GetLastWriteTimeUtc(file);
            if (!workspace.TryGetValue(dir, out var cached) || cached.Written != written)
            {
                var path = file.EndsWith(".xlsx", StringComparison.Ordinal) ? file : dir;
                cached = (written, Describe(BundledScenario.WorkspacePrefix + name, path, name));
                workspace[dir] = cached;
            }

            yield return cached.Scenario;
        }
    }

    private static BundledScenario Describe(string key, string path, string name)
    {
        var load = ScenarioLoader.Load(path);
        return load.Succeeded
            ? new BundledScenario(key, path, load.Region!.Name, [ScenarioLoader.BaseScenario, .. load.ScenarioNames.Where(n => n != ScenarioLoader.BaseScenario)], string.Empty)
            : new BundledScenario(key, path, name, [ScenarioLoader.BaseScenario], $"{load.Errors.Count()} error(s): {load.Errors.FirstOrDefault()}");
    }

    private ImmutableArray<BundledScenario> Read()
    {
        if (Folder is null || !Directory.Exists(Folder))
        {
            return [];
        }

        return [.. Directory.GetDirectories(Folder)
            .Where(d => File.Exists(System.IO.Path.Combine(d, ScenarioLoader.DefaultFileName)))
            .Order(StringComparer.Ordinal)
            .Select(d => Describe(System.IO.Path.GetFileName(d), d, System.IO.Path.GetFileName(d)))];
    }

    /// <summary>scenarios/ above the working folder (a clone of the repository), else beside or above the binary.</summary>
    private static string? Locate()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = System.IO.Path.Combine(dir.FullName, "scenarios");
                if (Directory.Exists(candidate) && Directory.EnumerateDirectories(candidate).Any(d => File.Exists(System.IO.Path.Combine(d, ScenarioLoader.DefaultFileName))))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
