using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Tests;

/// <summary>Finds the repository (fixtures, bundled scenarios) from the test binaries, wherever the build output lives.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> RootDir = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SymbiosisOptimizer.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("SymbiosisOptimizer.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootDir.Value;

    public static string Fixtures => Path.Combine(Root, "tests", "fixtures");

    public static string Fixture(params string[] parts) => Path.Combine([Fixtures, .. parts]);

    public static string Scenario(string name) => Path.Combine(Root, "scenarios", name);

    /// <summary>Loads a scenario that must be valid; the assertion message lists every diagnostic if it is not.</summary>
    public static Domain.Model.Region Load(string path, string? scenario = null)
    {
        var r = ScenarioLoader.Load(path, new LoadOptions(scenario));
        Assert.True(r.Succeeded, string.Join("\n", r.Diagnostics));
        return r.Region!;
    }
}
