using SymbiosisOptimizer.Reports.Charts;

namespace SymbiosisOptimizer.Tests.Reports;

[Collection(RunReportCollection.Name)]
public sealed class ChartTests(RunReportFixture run)
{
    [Theory]
    [InlineData(RunCharts.NetBenefitPerActor)]
    [InlineData(RunCharts.Co2PerExchange)]
    [InlineData(RunCharts.LandfillPerExchange)]
    [InlineData(RunCharts.FlowMap)]
    public void Run_writes_each_chart_as_png_and_svg(string name)
    {
        var png = run.File("charts", name + ".png");
        var svg = run.File("charts", name + ".svg");
        Assert.True(File.Exists(png), run.Output);
        var bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 10_000, $"{name}.png is only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        var text = File.ReadAllText(svg);
        Assert.Contains("<svg", text, StringComparison.Ordinal);
        Assert.True(text.Length > 5_000, $"{name}.svg is only {text.Length} characters");
    }
}

public sealed class ParetoChartTests : IDisposable
{
    private readonly string outDir = Path.Combine(Path.GetTempPath(), "symbiosis-pareto-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(outDir))
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    [Fact]
    public void Run_with_pareto_points_also_charts_the_front()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = SymbiosisOptimizer.Cli.SymbiosisCli.Run(["run", TestPaths.Fixture("tiny"), "--pareto", "3", "--out", outDir], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        Assert.True(new FileInfo(Path.Combine(outDir, "charts", RunCharts.ParetoFront + ".png")).Length > 10_000);
        Assert.Contains($"id=\"chart-{RunCharts.ParetoFront}\"", File.ReadAllText(Path.Combine(outDir, "report.html")), StringComparison.Ordinal);
    }
}
