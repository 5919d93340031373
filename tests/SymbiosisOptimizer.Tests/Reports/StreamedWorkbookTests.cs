using System.IO.Compression;
using ClosedXML.Excel;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Excel;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Tests.Reports;

/// <summary>
/// report.xlsx is written row by row straight into the zip (<see cref="StreamedWorkbook"/>), not through ClosedXML's
/// cell objects; ClosedXML must still read it back with the same cells, types, formats and layout it wrote before.
/// </summary>
public sealed class StreamedWorkbookTests
{
    private static readonly string[] RunSheets = ["Summary", "Exchanges", "Breakdown", "Not chosen", "Actors", "Impacts", "Inputs & assumptions"];

    [Fact]
    public void The_tiny_run_workbook_reads_back_with_its_hand_known_figures_as_formatted_numbers()
    {
        var report = TinyReport();
        using var wb = new XLWorkbook(new MemoryStream(RunWorkbook.Build(report)));
        Assert.Equal(RunSheets, wb.Worksheets.Select(w => w.Name));

        // Hand values (tests/fixtures/tiny, see HandSolvedModelTests): 5 000 t of sand over the stated 40 km, flowing 9
        // of 10 years (the permit's 1-year lead time): 5 000 x 1 099 SEK/t x 0.9 = 4 945 500 SEK/yr on the exchange and
        // 4 500 t/yr of landfill avoided; the permit costs 100 kSEK x CRF(5 %, 10 yr) = 12 950.4575 SEK/yr on its own row.
        var ex = wb.Worksheet("Exchanges");
        Assert.Equal("foundry", ex.Cell(2, 1).GetString());
        Assert.Equal("roads", ex.Cell(2, 3).GetString());
        Assert.Equal(XLDataType.Text, ex.Cell(2, 1).DataType);
        AssertNumber(ex.Cell(2, 8), 5000, Formats.Quantity);
        AssertNumber(ex.Cell(2, 10), 40, Formats.Km);
        AssertNumber(ex.Cell(2, 14), 4_945_500, Formats.Money);
        AssertNumber(ex.Cell(2, 16), 4500, Formats.Tonnes);
        Assert.Equal("Truck", ex.Cell(2, 11).GetString());
        Assert.True(ex.Cell(3, 1).IsEmpty(), "one exchange, one data row");

        // The header: bold on light blue, wrapped, at the top; frozen; the auto-filter over the header and the data.
        var header = ex.Cell(1, 1);
        Assert.Equal("From (actor id)", header.GetString());
        Assert.True(header.Style.Font.Bold);
        Assert.Equal("FFDDEBF7", header.Style.Fill.BackgroundColor.Color.ToArgb().ToString("X8", System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(header.Style.Alignment.WrapText);
        Assert.Equal(XLAlignmentVerticalValues.Top, header.Style.Alignment.Vertical);
        Assert.Equal(1, ex.SheetView.SplitRow);
        Assert.True(ex.AutoFilter.IsEnabled);
        Assert.Equal("A1:S2", ex.AutoFilter.Range.RangeAddress.ToString());
        // RunWorkbook gives the From column 16 characters and the In-words column 80.
        Assert.Equal(16, ex.Column(1).Width, 6);
        Assert.Equal(80, ex.Column(19).Width, 6);

        var breakdown = wb.Worksheet("Breakdown");
        var permit = breakdown.RowsUsed().Single(r => r.Cell(1).GetString() == "permit");
        Assert.Equal(-12_950.4575, permit.Cell(3).GetDouble(), 4);
        var total = breakdown.RowsUsed().Single(r => r.Cell(1).GetString() == "total");
        Assert.Equal(4_945_500 - 12_950.4575, total.Cell(3).GetDouble(), 2);

        // The foundry saves 1 044 SEK/t (gate fee + tax) on 4 500 t/yr; the road works the rest.
        var actors = wb.Worksheet("Actors").RowsUsed().Skip(1).ToDictionary(r => r.Cell(1).GetString(), StringComparer.Ordinal);
        AssertNumber(actors["foundry"].Cell(5), 4_698_000, Formats.Money);
        Assert.Equal(234_549.54, actors["roads"].Cell(5).GetDouble(), 2);

        // Summary: the title in 14 pt bold, each finding merged over A-H and wrapped.
        var summary = wb.Worksheet("Summary");
        Assert.True(summary.Cell(1, 1).Style.Font.Bold);
        Assert.Equal(14, summary.Cell(1, 1).Style.Font.FontSize);
        Assert.StartsWith("Tiny", summary.Cell(1, 1).GetString(), StringComparison.Ordinal);
        Assert.Contains(summary.MergedRanges, m => m.RangeAddress.ToString() == "A3:H3");
        Assert.True(summary.Cell(3, 1).Style.Alignment.WrapText);
        var keyHeader = summary.CellsUsed(c => c.GetString() == RunWorkbook.KeyFiguresHeader).Single().Address.RowNumber;
        Assert.Equal(4_932_549.54, summary.Cell(keyHeader + 1, 2).GetDouble(), 2);
    }

    [Fact]
    public void A_streamed_sheet_keeps_each_kind_of_value_and_its_layout()
    {
        using var stream = new MemoryStream();
        using (var book = new StreamedWorkbook(stream, ["Data", "Notes"]))
        {
            StreamedTables.Table(book,
                [new Column("Name", 12), new Column("Amount (SEK)", 14, Formats.Money), new Column("Share", 9, Formats.Percent), new Column("Open", 8)],
                [
                    ["  leading space", 1234.5, 0.25, true],
                    ["two\nlines", double.NaN, 7, false],
                    ["", null, 3L, "x"],
                ]);
            var notes = book.Sheet(new SheetLayout([20, 20]));
            notes.Row(2, 45);
            notes.Text(1, "merged note", CellStyle.Wrap);
            notes.Blank(2, CellStyle.Wrap);
            notes.Merge(1, 2);
            book.Finish();
        }

        using var wb = new XLWorkbook(new MemoryStream(stream.ToArray()));
        var ws = wb.Worksheet("Data");
        Assert.Equal("  leading space", ws.Cell(2, 1).GetString());
        Assert.Equal("two\nlines", ws.Cell(3, 1).GetString());
        AssertNumber(ws.Cell(2, 2), 1234.5, Formats.Money);
        AssertNumber(ws.Cell(2, 3), 0.25, Formats.Percent);
        AssertNumber(ws.Cell(3, 3), 7, Formats.Percent);
        AssertNumber(ws.Cell(4, 3), 3, Formats.Percent);
        Assert.Equal("yes", ws.Cell(2, 4).GetString());
        Assert.Equal("no", ws.Cell(3, 4).GetString());
        Assert.Equal("x", ws.Cell(4, 4).GetString());
        // Not a number, null and empty text leave the cell empty (a NaN keeps its column's format, as before).
        Assert.True(ws.Cell(3, 2).IsEmpty());
        Assert.Equal(Formats.Money, ws.Cell(3, 2).Style.NumberFormat.Format);
        Assert.True(ws.Cell(4, 1).IsEmpty());
        Assert.True(ws.Cell(4, 2).IsEmpty());
        Assert.Equal("A1:D4", ws.AutoFilter.Range.RangeAddress.ToString());
        Assert.Equal(14, ws.Column(2).Width, 6);

        var notesSheet = wb.Worksheet("Notes");
        Assert.Equal("merged note", notesSheet.Cell(2, 1).GetString());
        Assert.Equal(45, notesSheet.Row(2).Height, 6);
        Assert.Equal("A2:B2", Assert.Single(notesSheet.MergedRanges).RangeAddress.ToString());
        Assert.Equal(0, notesSheet.SheetView.SplitRow);
    }

    [Fact]
    public void The_same_run_gives_the_same_bytes_and_every_entry_the_fixed_time()
    {
        var report = TinyReport();
        var first = RunWorkbook.Build(report);
        Thread.Sleep(1100);
        Assert.Equal(first, RunWorkbook.Build(report));
        using var zip = new ZipArchive(new MemoryStream(first));
        Assert.Equal("[Content_Types].xml", zip.Entries[0].FullName);
        Assert.All(zip.Entries, e => Assert.Equal(new DateTime(2000, 1, 1), e.LastWriteTime.DateTime));
    }

    [Fact]
    public void Rows_and_cells_out_of_order_are_refused()
    {
        using var stream = new MemoryStream();
        using var book = new StreamedWorkbook(stream, ["Data"]);
        var ws = book.Sheet(new SheetLayout([10]));
        ws.Row(2);
        ws.Text(2, "b");
        Assert.Throws<InvalidOperationException>(() => ws.Text(1, "a"));
        Assert.Throws<InvalidOperationException>(() => ws.Row(1));
    }

    [Theory]
    [InlineData(1, "A")]
    [InlineData(26, "Z")]
    [InlineData(27, "AA")]
    [InlineData(52, "AZ")]
    [InlineData(703, "AAA")]
    public void Column_letters_count_in_base_26_without_a_zero(int column, string letters) =>
        Assert.Equal(letters, StreamedSheet.ColumnName(column));

    private static void AssertNumber(IXLCell cell, double expected, string format)
    {
        Assert.Equal(XLDataType.Number, cell.DataType);
        Assert.Equal(expected, cell.GetDouble(), 6);
        Assert.Equal(format, cell.Style.NumberFormat.Format);
    }

    private static RunReport TinyReport()
    {
        var load = ScenarioLoader.Load(TestPaths.Fixture("tiny"));
        Assert.True(load.Succeeded, string.Join("\n", load.Errors));
        var document = RunPipeline.Solve(load.Region!, new RunProvenance(load.SourceFile, load.ScenarioName, load.AppliedOverrides), RunSettings.Default);
        return new RunReport(load.Region!, document);
    }
}
