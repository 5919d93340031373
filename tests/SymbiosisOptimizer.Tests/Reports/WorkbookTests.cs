using System.Text.Json;
using ClosedXML.Excel;
using SymbiosisOptimizer.Cli;
using SymbiosisOptimizer.Reports.Excel;

namespace SymbiosisOptimizer.Tests.Reports;

[Collection(RunReportCollection.Name)]
public sealed class WorkbookTests(RunReportFixture run)
{
    [Fact]
    public void Run_writes_a_workbook_whose_numbers_equal_results_json()
    {
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Output);
        using var doc = JsonDocument.Parse(File.ReadAllText(run.File("results.json")));
        var root = doc.RootElement;
        using var wb = new XLWorkbook(run.File("report.xlsx"));

        Assert.Equal(
            [RunWorkbook.SummarySheet, RunWorkbook.ExchangesSheet, RunWorkbook.BreakdownSheet, RunWorkbook.NotChosenSheet, RunWorkbook.ActorsSheet, RunWorkbook.ImpactsSheet, RunWorkbook.InputsSheet, RunWorkbook.MapSheet],
            wb.Worksheets.Select(w => w.Name));
        Assert.DoesNotContain(Directory.GetFiles(run.OutDir), f => f.EndsWith(".tmp", StringComparison.Ordinal));

        // Summary: findings first, then the key figures as numbers.
        var summary = wb.Worksheet(RunWorkbook.SummarySheet);
        Assert.StartsWith("Net benefit", summary.Cell(3, 1).GetString(), StringComparison.Ordinal);
        var header = summary.CellsUsed(c => c.GetString() == RunWorkbook.KeyFiguresHeader).Single().Address.RowNumber;
        var kpis = root.GetProperty("kpis");
        Assert.Equal(kpis.GetProperty("netBenefit").GetProperty("value").GetDouble(), summary.Cell(header + 1, 2).GetDouble());
        Assert.Equal(kpis.GetProperty("co2Avoided").GetProperty("value").GetDouble(), summary.Cell(header + 3, 2).GetDouble());
        Assert.Equal(kpis.GetProperty("landfillAvoided").GetProperty("value").GetDouble(), summary.Cell(header + 4, 2).GetDouble());

        // Exchanges: one row per exchange, same benefit and CO2e per (source, sink).
        var ex = wb.Worksheet(RunWorkbook.ExchangesSheet);
        var exchanges = root.GetProperty("exchanges").EnumerateArray().ToList();
        Assert.Equal(exchanges.Count, ex.RowsUsed().Count() - 1);
        Assert.True(ex.SheetView.SplitRow == 1, "header row frozen");
        Assert.True(ex.AutoFilter.IsEnabled);
        Assert.Equal(XLDataType.Number, ex.Cell(2, 14).DataType);
        var rows = ex.RowsUsed().Skip(1).ToDictionary(r => (r.Cell(6).GetString(), r.Cell(7).GetString()));
        foreach (var e in exchanges)
        {
            var row = rows[(e.GetProperty("source").GetString()!, e.GetProperty("sink").GetString()!)];
            Assert.Equal(e.GetProperty("quantity").GetProperty("value").GetDouble(), row.Cell(8).GetDouble());
            Assert.Equal(e.GetProperty("annualBenefit").GetProperty("value").GetDouble(), row.Cell(14).GetDouble());
            Assert.Equal(e.GetProperty("co2Avoided").GetProperty("value").GetDouble(), row.Cell(15).GetDouble());
        }

        // Actors: same net benefit per actor; NPV and investment are numbers.
        var actors = wb.Worksheet(RunWorkbook.ActorsSheet);
        var actorRows = actors.RowsUsed().Skip(1).ToDictionary(r => r.Cell(1).GetString());
        foreach (var a in root.GetProperty("actors").EnumerateArray())
        {
            var row = actorRows[a.GetProperty("id").GetString()!];
            Assert.Equal(a.GetProperty("netBenefit").GetProperty("value").GetDouble(), row.Cell(5).GetDouble());
            Assert.Equal(a.GetProperty("co2Avoided").GetProperty("value").GetDouble(), row.Cell(6).GetDouble());
            Assert.Equal(XLDataType.Number, row.Cell(9).DataType);
        }

        // Impacts: the total row's net CO2e equals the KPI.
        var impacts = wb.Worksheet(RunWorkbook.ImpactsSheet);
        var total = impacts.RowsUsed().Single(r => r.Cell(1).GetString() == "total");
        Assert.Equal(kpis.GetProperty("co2Avoided").GetProperty("value").GetDouble(), total.Cell(9).GetDouble(), 6);

        // Inputs & assumptions echo the scenario and the solver.
        var inputs = wb.Worksheet(RunWorkbook.InputsSheet);
        var items = inputs.RowsUsed().Skip(1).GroupBy(r => r.Cell(1).GetString()).ToDictionary(g => g.Key, g => g.First().Cell(2));
        Assert.Equal(root.GetProperty("scenario").GetString(), items["Scenario"].GetString());
        Assert.Equal(root.GetProperty("solver").GetProperty("name").GetString(), items["Solver"].GetString());
        Assert.Equal(root.GetProperty("status").GetString(), items["Status"].GetString());
    }
}
