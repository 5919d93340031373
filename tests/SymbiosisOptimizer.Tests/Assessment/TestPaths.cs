namespace SymbiosisOptimizer.Tests.Assessment;

internal static class TestPaths
{
    /// <summary>The repository root: the folder holding SymbiosisOptimizer.sln above the test binaries.</summary>
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SymbiosisOptimizer.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("SymbiosisOptimizer.sln not found above the test binaries");
        }
    }

    public static string Fixture(string name) => Path.Combine(Root, "tests", "fixtures", name);

    public static string Scenario(string name) => Path.Combine(Root, "scenarios", name);

    public static Domain.Model.Region Load(string path, string? scenario = null)
    {
        var r = Scenarios.ScenarioLoader.Load(path, new Scenarios.LoadOptions(scenario));
        Assert.True(r.Succeeded, string.Join("\n", r.Diagnostics));
        return r.Region!;
    }
}
