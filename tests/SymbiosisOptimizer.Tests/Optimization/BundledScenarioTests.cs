using System.Text.Json;
using SymbiosisOptimizer.Cli;

namespace SymbiosisOptimizer.Tests.Optimization;

/// <summary>The sourced scenarios under scenarios/ validate strictly and solve to proven optimality; generate and export work from the CLI.</summary>
public sealed class BundledScenarioTests : IDisposable
{
    private readonly string outDir = Path.Combine(Path.GetTempPath(), "symbiosis-bundled-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(outDir))
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    [Theory]
    [InlineData("kalundborg")]
    [InlineData("kronoberg-kalmar-water")]
    [InlineData("lidkoping")]
    public void Should_validate_strictly_and_solve_to_optimality(string name)
    {
        var scenario = Path.Combine(TestRepo.Root, "scenarios", name);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(ExitCodes.Ok, SymbiosisCli.Run(["validate", scenario, "--strict"], stdout, stderr));

        var code = SymbiosisCli.Run(["run", scenario, "--gap", "0", "--out", outDir], stdout, stderr);

        Assert.True(code == ExitCodes.Ok, $"exit {code}: {stderr}");
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "results.json")));
        Assert.Equal("optimal", doc.RootElement.GetProperty("status").GetString());
        Assert.True(doc.RootElement.GetProperty("exchanges").GetArrayLength() > 0);
    }

    [Fact]
    public void Should_generate_identical_files_for_one_seed_and_export_their_model_as_mps()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var a = Path.Combine(outDir, "a");
        var b = Path.Combine(outDir, "b");
        Assert.Equal(ExitCodes.Ok, SymbiosisCli.Run(["generate", "--actors", "50", "--resources", "6", "--seed", "9", "--out", a], stdout, stderr));
        Assert.Equal(ExitCodes.Ok, SymbiosisCli.Run(["generate", "--actors", "50", "--resources", "6", "--seed", "9", "--out", b], stdout, stderr));
        Assert.Equal(File.ReadAllBytes(Path.Combine(a, "scenario.yaml")), File.ReadAllBytes(Path.Combine(b, "scenario.yaml")));

        var mps = Path.Combine(outDir, "model.mps");
        Assert.Equal(ExitCodes.Ok, SymbiosisCli.Run(["export", "--mps", a, "--out", mps], stdout, stderr));
        var text = File.ReadAllText(mps);
        Assert.Contains("ROWS", text, StringComparison.Ordinal);
        Assert.Contains("COLUMNS", text, StringComparison.Ordinal);
        Assert.Contains("MARKER", text, StringComparison.Ordinal);
    }
}
