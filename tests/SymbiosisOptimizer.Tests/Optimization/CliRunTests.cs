using System.Text.Json;
using SymbiosisOptimizer.Cli;

namespace SymbiosisOptimizer.Tests.Optimization;

public sealed class CliRunTests : IDisposable
{
    private readonly string outDir = Path.Combine(Path.GetTempPath(), "symbiosis-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(outDir))
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    [Fact]
    public void Run_on_the_bundled_scenario_writes_an_optimal_results_json_with_the_documented_keys()
    {
        var scenario = Path.Combine(TestRepo.Root, "scenarios", "varmland-dalarna");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = SymbiosisCli.Run(["run", scenario, "--out", outDir], stdout, stderr);

        Assert.True(code == ExitCodes.Ok, $"exit {code}: {stderr}");
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "results.json")));
        var root = doc.RootElement;
        Assert.Equal("optimal", root.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, root.GetProperty("scenario").ValueKind);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("overrides").ValueKind);

        var solver = root.GetProperty("solver");
        foreach (var key in new[] { "name", "termination", "objective", "bound", "gap", "rows", "columns", "binaries" })
        {
            Assert.True(solver.TryGetProperty(key, out _), $"solver.{key} missing");
        }

        // Times vary between runs, so they live in the metadata block only (the rest is byte-identical between runs).
        Assert.False(solver.TryGetProperty("seconds", out _));
        var solve = root.GetProperty("metadata").GetProperty("timings").EnumerateArray().Single(t => t.GetProperty("stage").GetString() == "solve");
        Assert.True(solve.GetProperty("seconds").GetDouble() >= 0);

        Assert.Equal("optimal", solver.GetProperty("termination").GetString());
        Assert.Equal(JsonValueKind.Number, solver.GetProperty("objective").ValueKind);

        var kpis = root.GetProperty("kpis");
        foreach (var key in new[] { "netBenefit", "co2Avoided", "landfillAvoided", "virginMaterialAvoided", "transportEmissions" })
        {
            var kpi = kpis.GetProperty(key);
            Assert.Equal(JsonValueKind.Number, kpi.GetProperty("value").ValueKind);
            Assert.False(string.IsNullOrEmpty(kpi.GetProperty("unit").GetString()), $"kpis.{key}.unit empty");
        }

        Assert.Equal("SEK/yr", kpis.GetProperty("netBenefit").GetProperty("unit").GetString());
        Assert.True(kpis.GetProperty("netBenefit").GetProperty("value").GetDouble() >= 0);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("exchanges").ValueKind);
        Assert.True(root.GetProperty("exchanges").GetArrayLength() > 0, "the bundled scenario has exchanges that pay");
        Assert.Equal(JsonValueKind.Array, root.GetProperty("actors").ValueKind);
        Assert.True(root.GetProperty("actors").GetArrayLength() > 0);
    }
}
