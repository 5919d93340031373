using System.Globalization;

namespace SymbiosisOptimizer.Reports.Excel;

/// <summary>
/// Report tables on a <see cref="StreamedSheet"/>, as <see cref="SheetWriter"/> writes them with ClosedXML: a bold
/// header row with units, numbers stored as numbers with their column's format, the header frozen, an auto-filter.
/// </summary>
public static class StreamedTables
{
    /// <summary>The next sheet of <paramref name="workbook"/> as one table from row 1, its columns at the table's widths.</summary>
    public static StreamedSheet Table(StreamedWorkbook workbook, IReadOnlyList<Column> columns, IEnumerable<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        ArgumentNullException.ThrowIfNull(columns);
        var ws = workbook.Sheet(new SheetLayout([.. columns.Select(c => c.Width)], FrozenRows: 1));
        Write(ws, columns, rows, 1);
        return ws;
    }

    /// <summary>Writes a header at <paramref name="firstRow"/> and the rows below it; returns the last row written.</summary>
    public static int Write(StreamedSheet ws, IReadOnlyList<Column> columns, IEnumerable<object?[]> rows, int firstRow)
    {
        ArgumentNullException.ThrowIfNull(ws);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var styles = columns.Select(c => StyleOf(c.Format)).ToArray();
        ws.Row(firstRow);
        for (var c = 0; c < columns.Count; c++)
        {
            ws.Text(c + 1, columns[c].Header, CellStyle.Header);
        }

        var r = firstRow;
        foreach (var row in rows)
        {
            ws.Row(++r);
            for (var c = 0; c < columns.Count && c < row.Length; c++)
            {
                Cell(ws, c + 1, row[c], styles[c]);
            }
        }

        // With no rows the filter still covers one row below the header, as ClosedXML's range did.
        ws.AutoFilter(firstRow, Math.Max(r, firstRow + 1), columns.Count);
        return r;
    }

    /// <summary>
    /// One value: a finite double, int or long is a number in the column's format (a double that is not finite is an
    /// empty cell in that format), a bool is "yes" or "no", null and empty text are no cell, anything else its invariant text.
    /// </summary>
    public static void Cell(StreamedSheet ws, int column, object? value, CellStyle numberStyle)
    {
        ArgumentNullException.ThrowIfNull(ws);
        switch (value)
        {
            case null:
                break;
            case double d when double.IsFinite(d):
                ws.Number(column, d, numberStyle);
                break;
            case double:
                if (numberStyle != CellStyle.Default)
                {
                    ws.Blank(column, numberStyle);
                }

                break;
            case int i:
                ws.Number(column, i, numberStyle);
                break;
            case long l:
                ws.Number(column, l, numberStyle);
                break;
            case bool b:
                ws.Text(column, b ? "yes" : "no");
                break;
            default:
                // An empty text is no cell, as ClosedXML wrote it.
                if (Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } text)
                {
                    ws.Text(column, text);
                }

                break;
        }
    }

    /// <summary>The cell style of a column's number format (<see cref="Formats"/>); no format is the default style.</summary>
    public static CellStyle StyleOf(string? format) => format switch
    {
        null => CellStyle.Default,
        Formats.Quantity => CellStyle.Quantity,
        Formats.Km => CellStyle.Km,
        Formats.Money => CellStyle.Money,
        Formats.Tonnes => CellStyle.Tonnes,
        Formats.Decimal => CellStyle.Decimal,
        Formats.Percent => CellStyle.Percent,
        _ => throw new ArgumentException($"no streamed cell style has the number format '{format}'", nameof(format)),
    };
}
