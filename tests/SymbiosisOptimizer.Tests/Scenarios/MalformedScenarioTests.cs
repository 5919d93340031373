using SymbiosisOptimizer.Cli;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Tests.Scenarios;

/// <summary>
/// The malformed corpus: each file (or folder, for CSV tables) under tests/fixtures/malformed is the tiny fixture with
/// one mistake, and its first line states the exact diagnostic a user must see for it.
/// </summary>
public class MalformedScenarioTests
{
    private const string ExpectPrefix = "# expect: ";

    private static readonly string Corpus = TestPaths.Fixture("malformed");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(Corpus).Order(StringComparer.Ordinal))
        {
            if (Directory.Exists(entry) || entry.EndsWith(".yaml", StringComparison.Ordinal))
            {
                data.Add(Path.GetFileName(entry));
            }
        }

        return data;
    }

    [Fact]
    public void Should_hold_a_large_enough_corpus()
    {
        Assert.True(Cases().Count >= 55, $"only {Cases().Count} malformed cases");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Should_fail_to_load_with_the_expected_diagnostic(string name)
    {
        var (path, expected, strict) = Read(name);

        var result = ScenarioLoader.Load(path, new LoadOptions(Strict: strict, ValidateAllScenarios: true));

        Assert.False(result.Succeeded);
        Assert.Null(result.Region);
        var lines = result.Diagnostics.Select(d => WithoutFile(d.ToString(), result.SourceFile)).ToList();
        Assert.True(lines.Contains(expected), $"expected:\n  {expected}\ngot:\n  {string.Join("\n  ", lines)}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Should_make_the_validate_command_fail_with_the_expected_line_and_no_stack_trace(string name)
    {
        var (path, expected, strict) = Read(name);
        var sourceFile = ScenarioLoader.Load(path).SourceFile;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = SymbiosisCli.Run(strict ? ["validate", path, "--strict"] : ["validate", path], stdout, stderr);

        Assert.Equal(ExitCodes.InvalidInput, exit);
        var lines = stderr.ToString().Split('\n', StringSplitOptions.TrimEntries).Select(l => WithoutFile(l, sourceFile)).ToList();
        Assert.True(lines.Contains(expected), $"expected:\n  {expected}\nstderr:\n  {string.Join("\n  ", lines)}");
        var output = stdout.ToString() + stderr;
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    private static (string Path, string Expected, bool Strict) Read(string name)
    {
        var path = Path.Combine(Corpus, name);
        var file = Directory.Exists(path) ? Path.Combine(path, ScenarioLoader.DefaultFileName) : path;
        var first = File.ReadLines(file).First();
        Assert.StartsWith(ExpectPrefix, first, StringComparison.Ordinal);

        // Cases named '-strict-' show warnings that only --strict turns into errors.
        return (path, first[ExpectPrefix.Length..].Trim(), name.Contains("-strict-", StringComparison.Ordinal));
    }

    /// <summary>Drops the scenario file's path (everywhere, as messages may cite other lines of it) and the folder of a CSV table.</summary>
    private static string WithoutFile(string line, string sourceFile) =>
        line.Replace(sourceFile + ":", string.Empty, StringComparison.Ordinal)
            .Replace(Path.GetDirectoryName(sourceFile) + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal);
}
