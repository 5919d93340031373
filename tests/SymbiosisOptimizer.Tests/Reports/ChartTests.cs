using SymbiosisOptimizer.Reports.Charts;
using SymbiosisOptimizer.Reports.Html;
using SymbiosisOptimizer.Reports.Localization;

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

public sealed class BarChartLimitTests
{
    [Fact]
    public void The_bars_that_fit_are_as_many_as_the_tallest_chart_holds_at_full_pitch()
    {
        // 1 400 px tall at most, 120 px of margins, 34 px a bar: (1400 - 120) / 34 = 37.6, so 37 bars.
        Assert.Equal(37, RunCharts.MaxBars);
    }

    [Fact]
    public void A_chart_that_fits_keeps_every_item_and_its_title()
    {
        var items = Enumerable.Range(0, 37).Select(i => ($"item {i}", (double)i)).ToList();
        var (shown, title) = RunCharts.Largest("Net benefit per actor", items);
        Assert.Equal(items, shown);
        Assert.Equal("Net benefit per actor", title);
    }

    [Fact]
    public void Beyond_that_the_largest_magnitudes_are_kept_in_their_order_and_the_title_says_so()
    {
        // Values -20 .. 19 in ascending order: the three smallest magnitudes are 0, -1 and +1, so those three go and
        // -20 .. -2 then 2 .. 19 stay, in the order given.
        var items = Enumerable.Range(0, 40).Select(i => ($"item {i}", (double)(i - 20))).ToList();
        var (shown, title) = RunCharts.Largest("CO2e avoided per exchange", items);
        double[] expected = [.. Enumerable.Range(-20, 19).Select(v => (double)v), .. Enumerable.Range(2, 18).Select(v => (double)v)];
        Assert.Equal(expected, shown.Select(s => s.Value));
        Assert.Equal("CO2e avoided per exchange (the 37 largest of 40)", title);
    }

    [Fact]
    public void A_swedish_caption_of_a_capped_chart_says_it_shows_the_largest_too()
    {
        // The chart is drawn with its English title; report.sv.html's caption is the Swedish phrase, and must say as
        // much as the English one: 37 of 40 shown.
        var chart = new ChartImage(RunCharts.Co2PerExchange, "CO2e avoided per exchange (the 37 largest of 40)", [], string.Empty) { LargestOf = 40 };
        Assert.Equal("CO2e avoided per exchange (the 37 largest of 40)", RunHtml.ChartCaption(ReportFormat.For(Language.En), chart));
        Assert.Equal(ReportFormat.For(Language.Sv)[ReportPhrase.ChartCo2PerExchange] + " (de 37 största av 40)", RunHtml.ChartCaption(ReportFormat.For(Language.Sv), chart));

        var uncapped = chart with { Title = "CO2e avoided per exchange", LargestOf = null };
        Assert.Equal(ReportFormat.For(Language.Sv)[ReportPhrase.ChartCo2PerExchange], RunHtml.ChartCaption(ReportFormat.For(Language.Sv), uncapped));
    }

    [Fact]
    public void Equal_magnitudes_at_the_limit_keep_the_earlier_item()
    {
        var items = Enumerable.Range(0, 38).Select(i => ($"item {i}", i % 2 == 0 ? 5.0 : -5.0)).ToList();
        var (shown, _) = RunCharts.Largest("t", items);
        Assert.Equal(Enumerable.Range(0, 37).Select(i => $"item {i}"), shown.Select(s => s.Label));
    }
}

public sealed class ChartThreadTests
{
    [Fact]
    public void Charts_drawn_on_their_own_thread_are_the_committed_reports_charts_byte_for_byte()
    {
        // The committed reports were written before the charts had a thread of their own (one thread drew them in
        // turn), so they are the reference: the second thread must give the same PNG and SVG bytes, in the same order.
        var load = SymbiosisOptimizer.Scenarios.ScenarioLoader.Load(Path.Combine(TestPaths.Scenario("varmland-dalarna"), "scenario.yaml"));
        var document = SymbiosisOptimizer.Reports.RunPipeline.Solve(load.Region!,
            new SymbiosisOptimizer.Reports.Documents.RunProvenance(load.SourceFile, load.ScenarioName, load.AppliedOverrides),
            new SymbiosisOptimizer.Reports.RunSettings(new SymbiosisOptimizer.Optimization.Solvers.SolveOptions()));
        var drawing = RunCharts.Start(new SymbiosisOptimizer.Reports.RunReport(load.Region!, document), ownThread: true);
        var committed = Path.Combine(TestPaths.Root, "reports", "varmland-dalarna", "charts");
        var charts = drawing.All;
        Assert.Equal([RunCharts.NetBenefitPerActor, RunCharts.Co2PerExchange, RunCharts.LandfillPerExchange, RunCharts.FlowMap], charts.Select(c => c.Name));
        Assert.Equal(charts.Take(3).Select(c => c.Name), drawing.AllButMap.Select(c => c.Name));
        Assert.Equal(File.ReadAllBytes(Path.Combine(committed, RunCharts.FlowMap + ".png")), drawing.MapPng);
        foreach (var chart in charts)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(committed, chart.Name + ".png")).AsSpan().SequenceEqual(chart.Png), chart.Name + ".png");
            Assert.Equal(File.ReadAllText(Path.Combine(committed, chart.Name + ".svg")), chart.Svg);
        }
    }
}
