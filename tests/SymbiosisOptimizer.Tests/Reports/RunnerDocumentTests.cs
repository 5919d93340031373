using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using SymbiosisOptimizer.Assessment.Coalitions;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Assessment.Sharing;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Excel;
using SymbiosisOptimizer.Scenarios;
using static SymbiosisOptimizer.Tests.CliHarness;

namespace SymbiosisOptimizer.Tests.Reports;

/// <summary>
/// Every runner document built twice from the same input, each time from a fresh analysis with its own metadata (the
/// second with made-up timings, so a leak of run-dependent data outside the metadata block would show).
/// </summary>
public sealed class RunnerDocumentFixture
{
    public RunnerDocumentFixture()
    {
        Comparisons = [Compare(Meta(1)), Compare(Meta(2))];
        Barriers = [BarriersOf(Meta(1)), BarriersOf(Meta(2))];
        Sweeps = [SweepOf(Meta(1)), SweepOf(Meta(2))];
        MonteCarlos = [MonteCarloOf(Meta(1)), MonteCarloOf(Meta(2))];
        Sharings = [SharingOf(Meta(1)), SharingOf(Meta(2))];
    }

    public ImmutableArray<ComparisonDocument> Comparisons { get; }

    public ImmutableArray<BarriersDocument> Barriers { get; }

    public ImmutableArray<SweepDocument> Sweeps { get; }

    public ImmutableArray<MonteCarloDocument> MonteCarlos { get; }

    public ImmutableArray<SharingDocument> Sharings { get; }

    private static RunMetadata Meta(int run) => RunMetadata.Now([StageTiming.Of("solve", 1.234 * run), StageTiming.Of("render", 0.5 * run)]);

    private static LoadResult Load(string path, string? scenario = null)
    {
        var load = ScenarioLoader.Load(path, new SymbiosisOptimizer.Scenarios.LoadOptions(scenario));
        Assert.True(load.Succeeded, string.Join("\n", load.Diagnostics));
        return load;
    }

    private static ComparisonDocument Compare(RunMetadata meta)
    {
        var path = TestPaths.Scenario("varmland-dalarna");
        var b = Load(path);
        var inputs = new List<ScenarioInput> { new(ScenarioLoader.BaseScenario, [], b.Region!) };
        foreach (var name in new[] { "high-landfill-tax", "procurement-biogas" })
        {
            var l = Load(path, name);
            inputs.Add(new ScenarioInput(name, l.AppliedOverrides, l.Region!));
        }

        return ComparisonDocument.Build(b.Region!, b.SourceFile, Comparison.Run(inputs, new SolveOptions()), meta);
    }

    private static BarriersDocument BarriersOf(RunMetadata meta)
    {
        var l = Load(TestPaths.Fixture("tiny"));
        return BarriersDocument.Build(l.Region!, l.SourceFile, l.ScenarioName, l.AppliedOverrides, BarrierAnalysis.Run(l.Region!, new SolveOptions(RelativeGap: 1e-9)), meta);
    }

    private static SweepDocument SweepOf(RunMetadata meta)
    {
        var l = Load(TestPaths.Scenario("varmland-dalarna"));
        Assert.True(SweepAxis.TryParse(l.Region!, "policies.investmentSubsidy=0..60:30 %", out var axis, out var error), error);
        return SweepDocument.Build(l.Region!, l.SourceFile, l.ScenarioName, Sweep.Run(l.Region!, [axis], new SolveOptions()), meta);
    }

    private static MonteCarloDocument MonteCarloOf(RunMetadata meta)
    {
        var l = Load(TestPaths.Scenario("varmland-dalarna"));
        return MonteCarloDocument.Build(l.Region!, l.SourceFile, l.ScenarioName, MonteCarlo.Run(l.Region!, 5, 7, new SolveOptions()), meta);
    }

    private static SharingDocument SharingOf(RunMetadata meta)
    {
        var l = Load(TestPaths.Fixture("transport-game"));
        var plan = ExchangeOptimizer.Optimize(l.Region!);
        var result = RegionSharing.Analyse(l.Region!, plan, new RegionSharingOptions([SharingMethod.Shapley, SharingMethod.Nucleolus], true, Solve: new SolveOptions()));
        return SharingDocument.Build(l.Region!, l.SourceFile, l.ScenarioName, l.AppliedOverrides, result, meta);
    }
}

public sealed partial class RunnerDocumentTests(RunnerDocumentFixture f) : IClassFixture<RunnerDocumentFixture>
{
    // .NET writes a double it cannot show in full as 6.094E+07 or 1.9E-06: a digit, E, a sign, a digit.
    [GeneratedRegex(@"\d[eE][+-]\d")]
    private static partial Regex Exponent();

    // ---- (a) same input, same bytes outside the metadata block ----

    [Fact]
    public void Comparison_json_is_the_same_bytes_apart_from_metadata() => AssertSameApartFromMetadata(RunnerJson.Serialize(f.Comparisons[0]), RunnerJson.Serialize(f.Comparisons[1]));

    [Fact]
    public void Barriers_json_is_the_same_bytes_apart_from_metadata() => AssertSameApartFromMetadata(RunnerJson.Serialize(f.Barriers[0]), RunnerJson.Serialize(f.Barriers[1]));

    [Fact]
    public void Sweep_json_is_the_same_bytes_apart_from_metadata() => AssertSameApartFromMetadata(RunnerJson.Serialize(f.Sweeps[0]), RunnerJson.Serialize(f.Sweeps[1]));

    [Fact]
    public void Monte_carlo_json_is_the_same_bytes_apart_from_metadata() => AssertSameApartFromMetadata(RunnerJson.Serialize(f.MonteCarlos[0]), RunnerJson.Serialize(f.MonteCarlos[1]));

    [Fact]
    public void Sharing_json_is_the_same_bytes_apart_from_metadata() => AssertSameApartFromMetadata(RunnerJson.Serialize(f.Sharings[0]), RunnerJson.Serialize(f.Sharings[1]));

    [Fact]
    public void Game_sharing_json_is_the_same_bytes_apart_from_metadata()
    {
        string Build(int run)
        {
            var game = GameCsvReader.ReadFile(TestPaths.Fixture("games", "talmud-200.csv")).Game!;
            var report = SharingReportBuilder.Build(game, SharingMethods.All, new SharingReportOptions(new SampledShapleyOptions(3, 200)));
            return RunnerJson.Serialize(GameSharingDocument.Build("talmud-200.csv", report, RunMetadata.Now([StageTiming.Of("share", 0.1 * run)])));
        }

        AssertSameApartFromMetadata(Build(1), Build(2));
    }

    private static void AssertSameApartFromMetadata(string first, string second)
    {
        // The runs had different timings, so the files must differ, and only from the metadata block on.
        Assert.NotEqual(first, second);
        using (var doc = JsonDocument.Parse(first))
        {
            Assert.Equal("metadata", doc.RootElement.EnumerateObject().Last().Name);
        }

        const string Marker = "\n  \"metadata\": {";
        var cut = first.IndexOf(Marker, StringComparison.Ordinal);
        Assert.True(cut > 0, "the metadata block is a top-level property");
        Assert.Equal(first[..cut], second[..second.IndexOf(Marker, StringComparison.Ordinal)]);
        Assert.DoesNotContain("seconds", first[..cut], StringComparison.Ordinal);
    }

    // ---- (b) the workbook shows the document's figures ----

    [Fact]
    public void Comparison_workbook_shows_the_documents_figures_and_names()
    {
        var d = f.Comparisons[0];
        using var wb = Open(RunnerWorkbook.Build(d));
        var ws = wb.Worksheet("Scenarios");
        var col = Headers(ws);
        var rows = ws.RowsUsed().Skip(1).ToList();
        Assert.Equal(d.Scenarios.Length, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var s = d.Scenarios[i];
            var k = s.Kpis!;
            Assert.Equal(s.Name, rows[i].Cell(col["Scenario"]).GetString());
            Assert.Equal(k.NetBenefit.Value, rows[i].Cell(col[$"Net benefit ({k.NetBenefit.Unit})"]).GetDouble());
            Assert.Equal(k.NetBenefit.VersusBase, rows[i].Cell(col[$"Net benefit versus base ({k.NetBenefit.Unit})"]).GetDouble());
            Assert.Equal(k.Co2Avoided.Value, rows[i].Cell(col[$"CO2e avoided ({k.Co2Avoided.Unit})"]).GetDouble());
            Assert.Equal(s.Accounts!.PublicBudget.Value, rows[i].Cell(col[$"Public budget, against today ({k.NetBenefit.Unit})"]).GetDouble());
            Assert.Equal(s.Effect!.PublicBudget.Total.Value, rows[i].Cell(col[$"Public budget versus base ({k.NetBenefit.Unit})"]).GetDouble());
            Assert.Equal(s.Effect.Society.Value, rows[i].Cell(col[$"Society versus base ({k.NetBenefit.Unit})"]).GetDouble());
            foreach (var g in s.ByKind)
            {
                Assert.Equal(g.NetBenefit.Value, rows[i].Cell(col[$"Net benefit of {g.Group} actors ({g.NetBenefit.Unit})"]).GetDouble());
            }

            foreach (var g in s.ByMunicipality)
            {
                Assert.Equal(g.NetBenefit.Value, rows[i].Cell(col[$"Net benefit in {g.Group} ({g.NetBenefit.Unit})"]).GetDouble());
            }

            Assert.Equal(string.Join("; ", s.ExchangesAdded.Select(e => e.Name)), rows[i].Cell(col["Exchanges started"]).GetString());
        }

        // The biogas procurement starts exchanges; people read them by actor and resource names, not by keys.
        Assert.Contains(d.Scenarios, s => !s.ExchangesAdded.IsEmpty);
        Assert.All(d.Scenarios.SelectMany(s => s.ExchangesAdded), e => Assert.DoesNotContain(" @ ", e.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void Barriers_workbook_shows_the_documents_figures()
    {
        var d = f.Barriers[0];
        using var wb = Open(RunnerWorkbook.Build(d));
        var ws = wb.Worksheet("Barriers");
        var col = Headers(ws);
        var rows = ws.RowsUsed().Skip(1).ToList();
        Assert.Equal(d.Barriers.Length, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var b = d.Barriers[i];
            Assert.Equal(b.Description, rows[i].Cell(col["Barrier"]).GetString());
            Assert.Equal(b.ValueLost.Value, rows[i].Cell(col[$"Value lost ({b.ValueLost.Unit})"]).GetDouble());
            Assert.Equal(b.KpiChange?.Co2Avoided.Value, Num(rows[i].Cell(col[$"CO2e avoided change ({d.Base.Kpis!.Co2Avoided.Unit})"])));
        }

        var prices = wb.Worksheet("Shadow prices");
        var pc = Headers(prices);
        Assert.Equal(d.ShadowPrices.Rows.Select(r => r.Meaning), prices.RowsUsed().Skip(1).Select(r => r.Cell(pc["Limit"]).GetString()));
        Assert.Equal(d.ShadowPrices.Rows.Select(r => r.ValuePerUnit.Value), prices.RowsUsed().Skip(1).Select(r => r.Cell(pc["Value per unit relaxed"]).GetDouble()));
        SummaryShows(wb, d.Base.Kpis!.NetBenefit);
    }

    [Fact]
    public void Sweep_workbook_shows_the_documents_figures()
    {
        var d = f.Sweeps[0];
        using var wb = Open(RunnerWorkbook.Build(d));
        var ws = wb.Worksheet("Sweep");
        var col = Headers(ws);
        var rows = ws.RowsUsed().Skip(1).ToList();
        Assert.Equal(d.Points.Length, rows.Count);
        var p0 = d.Parameters[0];
        for (var i = 0; i < rows.Count; i++)
        {
            var p = d.Points[i];
            Assert.Equal(p.Values[0], rows[i].Cell(col[$"{p0.Path} ({p0.Unit})"]).GetDouble());
            Assert.Equal(p.Kpis!.NetBenefit.Value, rows[i].Cell(col[$"Net benefit ({p.Kpis.NetBenefit.Unit})"]).GetDouble());
            Assert.Equal(p.Kpis.LandfillAvoided.Value, rows[i].Cell(col[$"Landfill avoided ({p.Kpis.LandfillAvoided.Unit})"]).GetDouble());
            Assert.Equal(p.Exchanges.Length, rows[i].Cell(col["Exchanges"]).GetDouble());
        }

        var sw = wb.Worksheet("Switches");
        var sc = Headers(sw);
        Assert.NotEmpty(d.Switches);
        Assert.Equal(d.Switches.Select(s => string.Join("; ", s.On.Select(e => e.Name))), sw.RowsUsed().Skip(1).Select(r => r.Cell(sc["Exchanges switched on"]).GetString()));
    }

    [Fact]
    public void Monte_carlo_workbook_shows_the_documents_figures()
    {
        var d = f.MonteCarlos[0];
        using var wb = Open(RunnerWorkbook.Build(d));
        var ws = wb.Worksheet("Uncertainty");
        var col = Headers(ws);
        var byName = ws.RowsUsed().Skip(1).ToDictionary(r => r.Cell(col["KPI"]).GetString(), StringComparer.Ordinal);
        foreach (var (name, spread) in new[] { ("Net benefit", d.Kpis.NetBenefit), ("CO2e avoided", d.Kpis.Co2Avoided), ("Landfill avoided", d.Kpis.LandfillAvoided) })
        {
            Assert.Equal(spread.Unit, byName[name].Cell(col["Unit"]).GetString());
            Assert.Equal(spread.P10, byName[name].Cell(col["P10"]).GetDouble());
            Assert.Equal(spread.P50, byName[name].Cell(col["P50"]).GetDouble());
            Assert.Equal(spread.P90, byName[name].Cell(col["P90"]).GetDouble());
        }

        var ex = wb.Worksheet("Exchanges");
        var ec = Headers(ex);
        Assert.Equal(d.Exchanges.Select(e => e.Name), ex.RowsUsed().Skip(1).Select(r => r.Cell(ec["Exchange"]).GetString()));
        Assert.Equal(d.Exchanges.Select(e => e.Probability), ex.RowsUsed().Skip(1).Select(r => r.Cell(ec["Chosen in share of samples"]).GetDouble()));
    }

    [Fact]
    public void Sharing_workbook_shows_the_documents_figures()
    {
        var d = f.Sharings[0];
        using var wb = Open(RunnerWorkbook.Build(d));
        var ws = wb.Worksheet("Benefit sharing");
        var col = Headers(ws);
        var rows = ws.RowsUsed().Skip(1).ToList();
        Assert.Equal(d.Players.Select(p => p.Name), rows.Select(r => r.Cell(col["Actor"]).GetString()));
        foreach (var method in new[] { "shapley", "nucleolus" })
        {
            Assert.Equal(d.Players.Select(p => p.Allocations[method].Value), rows.Select(r => r.Cell(col[$"Share by {method} ({d.Unit})"]).GetDouble()));
        }

        var pr = wb.Worksheet("Price ranges");
        var pc = Headers(pr);
        Assert.Equal(d.PriceRanges.Select(r => r.Name), pr.RowsUsed().Skip(1).Select(r => r.Cell(pc["Exchange"]).GetString()));
        Assert.Equal(d.PriceRanges.Select(r => r.Lowest), pr.RowsUsed().Skip(1).Select(r => r.Cell(pc["Lowest price"]).GetDouble()));
        Assert.Equal(d.PriceRanges.Select(r => r.Highest), pr.RowsUsed().Skip(1).Select(r => r.Cell(pc["Highest price"]).GetDouble()));
        SummaryShows(wb, new Amount(d.GrandValue, d.Unit));
    }

    // ---- (c) breakdowns add up ----

    // Every actor of the region has exactly one kind and one municipality (or "(none)"), so each grouping partitions
    // the actors; and an actor's net benefit, CO2e and landfill avoided are its own ledger lines against today, which
    // together are the region's ledger the KPIs are summed from. So each grouping must add up to the scenario's KPI,
    // both the figure and its change from base. The slack is the document's 9-digit rounding of every part.
    [Fact]
    public void Comparison_groups_add_up_to_each_scenarios_kpis()
    {
        var d = f.Comparisons[0];
        foreach (var s in d.Scenarios)
        {
            var k = s.Kpis!;
            foreach (var groups in new[] { s.ByKind, s.ByMunicipality })
            {
                Assert.NotEmpty(groups);
                foreach (var (kpi, part) in new (Change Kpi, Func<ActorGroup, Change> Part)[] { (k.NetBenefit, g => g.NetBenefit), (k.Co2Avoided, g => g.Co2Avoided), (k.LandfillAvoided, g => g.LandfillAvoided) })
                {
                    AddsUp(kpi.Value, groups.Select(g => part(g).Value), s.Name);
                    AddsUp(kpi.VersusBase, groups.Select(g => part(g).VersusBase), s.Name);
                }
            }
        }
    }

    private static void AddsUp(double total, IEnumerable<double> parts, string scenario)
    {
        var list = parts.ToList();
        var scale = Math.Max(1, Math.Max(Math.Abs(total), list.Sum(Math.Abs)));
        Assert.True(Math.Abs(list.Sum() - total) <= 1e-6 * scale, $"{scenario}: parts sum to {list.Sum()}, the KPI is {total}");
    }

    // ---- (d) no raw exponent floats for people ----

    // A number cell in Excel's General format shows 60940000.5 as 6.094E+07 and 3.7E-09 as such, so every number must
    // carry a format of its own; the text it then shows is the value in that format (the formats are .NET-compatible
    // custom formats), which must not be an exponent either, and neither may any text cell.
    [Fact]
    public void No_workbook_cell_shows_an_exponent_or_an_exchange_key()
    {
        var game = GameCsvReader.ReadFile(TestPaths.Fixture("games", "talmud-200.csv")).Game!;
        var books = new[]
        {
            RunnerWorkbook.Build(f.Comparisons[0]), RunnerWorkbook.Build(f.Barriers[0]), RunnerWorkbook.Build(f.Sweeps[0]),
            RunnerWorkbook.Build(f.MonteCarlos[0]), RunnerWorkbook.Build(f.Sharings[0]),
            RunnerWorkbook.Build(GameSharingDocument.Build("talmud-200.csv", SharingReportBuilder.Build(game, SharingMethods.All), RunMetadata.Now([]))),
        };
        foreach (var bytes in books)
        {
            using var wb = Open(bytes);
            foreach (var ws in wb.Worksheets)
            {
                foreach (var cell in ws.CellsUsed())
                {
                    string shown;
                    if (cell.DataType == XLDataType.Number)
                    {
                        var format = cell.Style.NumberFormat.Format;
                        Assert.False(string.IsNullOrEmpty(format), $"{ws.Name}!{cell.Address} is a number in the General format");
                        shown = cell.GetDouble().ToString(format, CultureInfo.InvariantCulture);
                    }
                    else
                    {
                        shown = cell.GetString();
                    }

                    Assert.False(Exponent().IsMatch(shown), $"{ws.Name}!{cell.Address}: {shown}");
                    Assert.DoesNotContain(" @ ", shown, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void No_console_line_shows_an_exponent()
    {
        var dir = Directory.CreateTempSubdirectory().FullName;
        try
        {
            var varmland = TestPaths.Scenario("varmland-dalarna");
            string[][] commands =
            [
                ["compare", varmland, "--scenarios", "procurement-biogas"],
                ["barriers", TestPaths.Fixture("tiny")],
                ["sweep", varmland, "--set", "policies.investmentSubsidy=0..60:30 %"],
                ["montecarlo", varmland, "--samples", "3"],
                ["share", TestPaths.Fixture("transport-game")],
            ];
            foreach (var args in commands)
            {
                var (code, output, err) = Run([.. args, "--out", Path.Combine(dir, args[0])]);
                Assert.True(code == 0, err);
                Assert.All(output.Split('\n'), line => Assert.False(Exponent().IsMatch(line), $"{args[0]}: {line}"));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static XLWorkbook Open(byte[] bytes) => new(new MemoryStream(bytes));

    private static Dictionary<string, int> Headers(IXLWorksheet ws) =>
        ws.Row(1).CellsUsed().ToDictionary(c => c.GetString(), c => c.Address.ColumnNumber, StringComparer.Ordinal);

    private static double? Num(IXLCell c) => c.IsEmpty() ? null : c.GetDouble();

    private static void SummaryShows(XLWorkbook wb, Amount amount)
    {
        var ws = wb.Worksheet(RunnerWorkbook.SummarySheet);
        Assert.Contains(ws.RowsUsed(), r => r.Cell(2).DataType == XLDataType.Number && r.Cell(2).GetDouble() == amount.Value && r.Cell(3).GetString() == amount.Unit);
    }
}
