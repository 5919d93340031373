using SymbiosisOptimizer.Cli;

namespace SymbiosisOptimizer.Tests.Reports;

/// <summary>The report tests share one run of the bundled scenario.</summary>
[CollectionDefinition(Name)]
public sealed class RunReportCollection : ICollectionFixture<RunReportFixture>
{
    public const string Name = "run report";
}

/// <summary>Runs `symbiosis run` once on the bundled scenario; the report tests read what it wrote.</summary>
public sealed class RunReportFixture : IDisposable
{
    public RunReportFixture()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        ExitCode = SymbiosisCli.Run(["run", TestPaths.Scenario("varmland-dalarna"), "--out", OutDir], stdout, stderr);
        Output = stdout + "\n" + stderr;
    }

    public string OutDir { get; } = Path.Combine(Path.GetTempPath(), "symbiosis-reports-" + Guid.NewGuid().ToString("N"));

    public int ExitCode { get; }

    public string Output { get; }

    public string File(params string[] parts) => Path.Combine([OutDir, .. parts]);

    public void Dispose()
    {
        if (Directory.Exists(OutDir))
        {
            Directory.Delete(OutDir, recursive: true);
        }
    }
}
