using System.Collections.Immutable;
using System.Globalization;
using ClosedXML.Excel;

namespace SymbiosisOptimizer.Scenarios.Excel;

/// <summary>
/// Reads a scenario workbook (as written by `symbiosis template`) into the same node tree as YAML: each sheet is a
/// top-level key, each row below the header one map (one list item), dotted headers (route.cost) nested maps, as in
/// CSV tables. The sheets region, policies and objective hold one row: a block of keys. A cell starting with '[' or
/// '{' is read as YAML ([a, b], {phenol: 20 mg/kg}); id lists may also be written comma-separated. Every value keeps
/// its sheet and cell, so errors read model.xlsx!supplies!C7.
/// </summary>
public static class XlsxNodeReader
{
    /// <summary>Sheets that hold one block of keys rather than a list.</summary>
    public static readonly ImmutableHashSet<string> MapSheets = ImmutableHashSet.Create(StringComparer.Ordinal, "region", "policies", "objective");

    /// <summary>Columns holding a list of ids, which may be written comma-separated without brackets.</summary>
    public static readonly ImmutableHashSet<string> IdListColumns = ImmutableHashSet.Create(StringComparer.Ordinal, "resources", "receivers", "endOfWaste");

    /// <summary>Sheets for people, not data.</summary>
    public const string InstructionsSheet = "instructions";

    public static bool IsWorkbook(string path) => path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);

    public static MapNode? Read(string path, string display, DiagnosticBag diagnostics)
    {
        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or FormatException or ArgumentException or InvalidOperationException)
        {
            diagnostics.Error(new SourceLocation(display, 0, 0), string.Empty, "cannot be read as an Excel workbook (.xlsx): " + ex.Message);
            return null;
        }

        using (workbook)
        {
            var entries = ImmutableArray.CreateBuilder<MapEntry>();
            foreach (var ws in workbook.Worksheets)
            {
                var sheet = ws.Name.Trim();
                if (string.Equals(sheet, InstructionsSheet, StringComparison.OrdinalIgnoreCase) || sheet.StartsWith('_'))
                {
                    continue;
                }

                var sheetAt = SourceLocation.InSheet(display, sheet, 1, 1);
                var rows = ReadRows(ws, display, sheet, diagnostics);
                if (rows.Count == 0)
                {
                    continue;
                }

                Node value;
                if (MapSheets.Contains(sheet))
                {
                    if (rows.Count > 1)
                    {
                        diagnostics.Error(rows[1].Location, sheet, $"the sheet '{sheet}' holds one row of values below its header; found {rows.Count}");
                    }

                    value = rows[0];
                }
                else
                {
                    value = new SequenceNode([.. rows], sheetAt);
                }

                entries.Add(new MapEntry(new ScalarNode(sheet, sheetAt), value));
            }

            return new MapNode(entries.ToImmutable(), new SourceLocation(display, 0, 0));
        }
    }

    private static List<MapNode> ReadRows(IXLWorksheet ws, string display, string sheet, DiagnosticBag diagnostics)
    {
        var rows = new List<MapNode>();
        var lastRow = ws.LastRowUsed()?.RowNumber() ?? 0;
        var lastCol = ws.Row(1).LastCellUsed()?.Address.ColumnNumber ?? 0;
        var headers = new List<(string[] Path, SourceLocation At)?>();
        for (var c = 1; c <= lastCol; c++)
        {
            var text = Text(ws.Cell(1, c));
            headers.Add(string.IsNullOrWhiteSpace(text) ? null : (text.Trim().Split('.'), SourceLocation.InSheet(display, sheet, 1, c)));
        }

        for (var r = 2; r <= lastRow; r++)
        {
            MapNode? row = null;
            for (var c = 1; c <= lastCol; c++)
            {
                var text = Text(ws.Cell(r, c))?.Trim();
                if (string.IsNullOrEmpty(text))
                {
                    continue;
                }

                var at = SourceLocation.InSheet(display, sheet, r, c);
                if (headers[c - 1] is not { } h)
                {
                    diagnostics.Error(at, sheet, $"this cell has a value but its column has no header in row 1");
                    continue;
                }

                row ??= new MapNode([], SourceLocation.InSheet(display, sheet, r, 1));
                row = CsvNodeReader.SetPath(row, h.Path, h.At, Value(text, h.Path[^1], at, diagnostics));
            }

            if (row is not null)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    private static Node Value(string text, string key, SourceLocation at, DiagnosticBag diagnostics)
    {
        if (text.StartsWith('[') || text.StartsWith('{'))
        {
            var inner = new DiagnosticBag();
            var node = YamlNodeReader.Read(text, at.File, inner);
            foreach (var d in inner.ToImmutable())
            {
                diagnostics.AddRange([d with { Location = at, Message = $"{d.Message} (in the cell's text '{text}')" }]);
            }

            return node is null ? new ScalarNode(text, at) : Relocate(node, at);
        }

        if (IdListColumns.Contains(key) && text.Contains(',', StringComparison.Ordinal))
        {
            return new SequenceNode([.. text.Split(',').Select(p => p.Trim()).Where(p => p.Length > 0).Select(p => (Node)new ScalarNode(p, at))], at);
        }

        return new ScalarNode(text, at);
    }

    /// <summary>Every node of a value parsed from one cell is located at that cell.</summary>
    private static Node Relocate(Node node, SourceLocation at) => node switch
    {
        ScalarNode s => s with { Location = at },
        SequenceNode q => new SequenceNode([.. q.Items.Select(i => Relocate(i, at))], at),
        MapNode m => new MapNode([.. m.Entries.Select(e => new MapEntry(e.Key with { Location = at }, Relocate(e.Value, at)))], at),
        _ => node,
    };

    private static string? Text(IXLCell cell)
    {
        if (cell.IsEmpty())
        {
            return null;
        }

        return cell.DataType switch
        {
            XLDataType.Number => cell.GetDouble().ToString("R", CultureInfo.InvariantCulture),
            XLDataType.Boolean => cell.GetBoolean() ? "true" : "false",
            _ => cell.GetString(),
        };
    }
}
