using SymbiosisOptimizer.Cli;

namespace SymbiosisOptimizer.Tests.Reports;

public class RunnerChartTests
{
    // Scenario comparison, barrier ranking, policy response curves and Monte Carlo distributions, as PNG and SVG.
    [Theory]
    [InlineData("scenarios-netBenefit", "compare")]
    [InlineData("barrier-ranking", "barriers")]
    [InlineData("sweep-netBenefit", "sweep", "--set", "policies.investmentSubsidy=0..60:20 %")]
    [InlineData("montecarlo-co2Avoided", "montecarlo", "--samples", "12", "--seed", "3")]
    public void Should_write_each_runner_chart_as_png_and_svg(string chart, string command, params string[] extra)
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        using var o = new StringWriter();
        using var e = new StringWriter();
        var code = SymbiosisCli.Run([command, TestPaths.Scenario("varmland-dalarna"), "--out", dir, .. extra], o, e);
        Assert.True(code == 0, e.ToString());
        var png = Path.Combine(dir, "charts", chart + ".png");
        var svg = Path.Combine(dir, "charts", chart + ".svg");
        Assert.True(new FileInfo(png).Length > 10_000, $"{png} is too small to be a chart");
        Assert.Contains("<svg", File.ReadAllText(svg), StringComparison.Ordinal);
    }
}
