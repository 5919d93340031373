using System.Text.Json;
using ClosedXML.Excel;
using SymbiosisOptimizer.Cli;

namespace SymbiosisOptimizer.Tests.Reports;

public sealed class RunnerWorkbookTests : IDisposable
{
    private readonly string outDir = Path.Combine(Path.GetTempPath(), "symbiosis-runner-xlsx-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(outDir))
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    private void Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = SymbiosisCli.Run([.. args, "--out", outDir], stdout, stderr);
        Assert.True(code == ExitCodes.Ok, $"exit {code}: {stderr}");
    }

    [Fact]
    public void Compare_and_barriers_write_workbooks_whose_numbers_equal_their_json()
    {
        var tiny = TestPaths.Fixture("tiny");
        Cli("compare", tiny);
        Cli("barriers", tiny);

        using (var wb = new XLWorkbook(Path.Combine(outDir, "comparison.xlsx")))
        {
            Assert.Equal(["Summary", "Scenarios", SymbiosisOptimizer.Reports.Excel.RunnerWorkbook.RankingSheet], wb.Worksheets.Select(w => w.Name));
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "comparison.json")));
            var ws = wb.Worksheet("Scenarios");
            var col = ws.Row(1).CellsUsed().Single(c => c.GetString() == "Net benefit (SEK/yr)").Address.ColumnNumber;
            var rows = ws.RowsUsed().Skip(1).ToList();
            var scenarios = json.RootElement.GetProperty("scenarios").EnumerateArray().ToList();
            Assert.Equal(scenarios.Count, rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                Assert.Equal(scenarios[i].GetProperty("name").GetString(), rows[i].Cell(1).GetString());
                Assert.Equal(scenarios[i].GetProperty("kpis").GetProperty("netBenefit").GetProperty("value").GetDouble(), rows[i].Cell(col).GetDouble());
            }

            Assert.True(ws.AutoFilter.IsEnabled);
        }

        using (var wb = new XLWorkbook(Path.Combine(outDir, "barriers.xlsx")))
        {
            Assert.Equal("Summary", wb.Worksheets.First().Name);
            var ws = wb.Worksheet("Barriers");
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "barriers.json")));
            var col = ws.Row(1).CellsUsed().Single(c => c.GetString().StartsWith("Value lost (", StringComparison.Ordinal)).Address.ColumnNumber;
            Assert.Equal(
                json.RootElement.GetProperty("barriers").EnumerateArray().Select(b => b.GetProperty("valueLost").GetProperty("value").GetDouble()),
                ws.RowsUsed().Skip(1).Select(r => r.Cell(col).GetDouble()));
        }
    }
}
