using System.Collections.Immutable;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.App;

/// <summary>A bundled scenario folder: its region's name and the named scenarios it defines (base first).</summary>
/// <param name="Folder">The folder's name, the only way a request names a scenario.</param>
public sealed record BundledScenario(string Folder, string Path, string Region, ImmutableArray<string> Names, string Problem);

/// <summary>The scenarios the app offers: every folder with a scenario.yaml under scenarios/, read once.</summary>
public sealed class ScenarioLibrary
{
    private readonly Lazy<ImmutableArray<BundledScenario>> all;

    public ScenarioLibrary(AppOptions options)
    {
        Folder = options.Scenarios is { } s ? System.IO.Path.GetFullPath(s) : Locate();
        all = new(Read);
    }

    /// <summary>The scenarios folder, or null when none was found.</summary>
    public string? Folder { get; }

    public ImmutableArray<BundledScenario> All => all.Value;

    public BundledScenario? Find(string? folder) => All.FirstOrDefault(s => string.Equals(s.Folder, folder, StringComparison.Ordinal));

    private ImmutableArray<BundledScenario> Read()
    {
        if (Folder is null || !Directory.Exists(Folder))
        {
            return [];
        }

        return [.. Directory.GetDirectories(Folder)
            .Where(d => File.Exists(System.IO.Path.Combine(d, ScenarioLoader.DefaultFileName)))
            .Order(StringComparer.Ordinal)
            .Select(d =>
            {
                var load = ScenarioLoader.Load(d);
                var name = System.IO.Path.GetFileName(d);
                return load.Succeeded
                    ? new BundledScenario(name, d, load.Region!.Name, [ScenarioLoader.BaseScenario, .. load.ScenarioNames.Where(n => n != ScenarioLoader.BaseScenario)], string.Empty)
                    : new BundledScenario(name, d, name, [ScenarioLoader.BaseScenario], $"{load.Errors.Count()} error(s): {load.Errors.FirstOrDefault()}");
            })];
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
