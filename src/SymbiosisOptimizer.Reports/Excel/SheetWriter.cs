using ClosedXML.Excel;

namespace SymbiosisOptimizer.Reports.Excel;

/// <summary>A column of a report table: header with its unit, width in characters and Excel number format.</summary>
public sealed record Column(string Header, double Width, string? Format = null);

/// <summary>Number formats used across report workbooks.</summary>
public static class Formats
{
    public const string Money = "#,##0";
    public const string Tonnes = "#,##0.0";
    public const string Quantity = "#,##0.##";
    public const string Decimal = "0.00";
    public const string Percent = "0.00%";
    public const string Km = "0.0";
}

/// <summary>
/// Writes report tables: bold header row with units, numbers stored as numbers with formats, frozen header and an
/// auto-filter. Column widths are set explicitly (AdjustToContents needs native GDI+, which servers lack).
/// </summary>
public static class SheetWriter
{
    public static IXLWorksheet Table(XLWorkbook workbook, string name, IReadOnlyList<Column> columns, IEnumerable<object?[]> rows, int firstRow = 1)
    {
        var ws = workbook.Worksheets.Add(name);
        WriteTable(ws, columns, rows, firstRow);
        ws.SheetView.FreezeRows(firstRow);
        return ws;
    }

    /// <summary>Writes a header and rows starting at <paramref name="firstRow"/>; returns the last row written.</summary>
    public static int WriteTable(IXLWorksheet ws, IReadOnlyList<Column> columns, IEnumerable<object?[]> rows, int firstRow)
    {
        for (var c = 0; c < columns.Count; c++)
        {
            var cell = ws.Cell(firstRow, c + 1);
            cell.SetValue(columns[c].Header);
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#DDEBF7");
            cell.Style.Alignment.WrapText = true;
            cell.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
            if (ws.Column(c + 1).Width < columns[c].Width || firstRow == 1)
            {
                ws.Column(c + 1).Width = columns[c].Width;
            }
        }

        var r = firstRow;
        foreach (var row in rows)
        {
            r++;
            for (var c = 0; c < columns.Count && c < row.Length; c++)
            {
                var cell = ws.Cell(r, c + 1);
                Set(cell, row[c]);
                if (columns[c].Format is { } f && row[c] is double or int or long)
                {
                    cell.Style.NumberFormat.Format = f;
                }
            }
        }

        ws.Range(firstRow, 1, Math.Max(r, firstRow + 1), columns.Count).SetAutoFilter();
        return r;
    }

    public static void Set(IXLCell cell, object? value)
    {
        switch (value)
        {
            case null:
                break;
            case double d when double.IsFinite(d):
                cell.SetValue(d);
                break;
            case double:
                break;
            case int i:
                cell.SetValue(i);
                break;
            case long l:
                cell.SetValue(l);
                break;
            case bool b:
                cell.SetValue(b ? "yes" : "no");
                break;
            default:
                cell.SetValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
                cell.DataType = XLDataType.Text;
                break;
        }
    }

    /// <summary>The workbook's bytes, the same for the same workbook (see <see cref="WorkbookPackage"/>), with any pictures placed.</summary>
    public static byte[] ToBytes(XLWorkbook workbook, IReadOnlyList<SheetPicture>? pictures = null)
    {
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return WorkbookPackage.Finish(stream.ToArray(), pictures);
    }
}
