namespace SymbiosisOptimizer.Tests;

/// <summary>Finds the repository's test fixtures from the test binaries, wherever the build output lives.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> FixturesRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/fixtures not found above " + AppContext.BaseDirectory);
    });

    public static string Fixtures => FixturesRoot.Value;

    public static string Fixture(params string[] parts) => Path.Combine([Fixtures, .. parts]);
}
