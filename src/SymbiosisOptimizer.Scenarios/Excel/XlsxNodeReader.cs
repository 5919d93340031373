using System.Collections.Immutable;
using System.Globalization;
using ClosedXML.Excel;

namespace SymbiosisOptimizer.Scenarios.Excel;

/// <summary>
/// Reads a scenario workbook (as written by `symbiosis template`) into the same node tree as YAML: each sheet is a
/// top-level key, each row below the header one map (one list item), dotted headers (route.cost) nested maps, as in
/// CSV tables. The sheets region, policies and objective hold one row: a block of keys. Lists inside items (process
/// inputs, demand accepts, ...), overrides and scenarios have sheets of their own (<see cref="WorkbookLayout"/>), so
/// no cell needs YAML; id lists are written comma-separated. A cell starting with '[' or '{' is still read as YAML
/// ([a, b], {phenol: 20 mg/kg}), as workbooks written before the list sheets have it. Every value keeps its sheet and
/// cell, so errors read model.xlsx!supplies!C7.
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
        var at = new SourceLocation(display, 0, 0);
        switch (InputFiles.KindOf(path))
        {
            case InputFiles.Kind.Directory or InputFiles.Kind.Missing:
                diagnostics.Error(at, string.Empty, "cannot be read: the workbook is a folder or does not exist");
                return null;
            case InputFiles.Kind.Other:
                diagnostics.Error(at, string.Empty, "cannot be read: the workbook is not a regular file (a pipe, socket or device); give a file");
                return null;
        }

        var length = new FileInfo(path).Length;
        if (length > InputLimits.MaxWorkbookBytes)
        {
            diagnostics.Error(at, string.Empty,
                $"cannot be read: the workbook is too large ({InputLimits.Count(length)} bytes; the most is {InputLimits.Bytes(InputLimits.MaxWorkbookBytes)}, the limit)");
            return null;
        }

        try
        {
            return WorkbookCheck.Check(path, display, diagnostics) ? ReadChecked(path, display, diagnostics) : null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The archive passed the checks above; whatever the library still trips on is a damaged file, not a fault here.
            diagnostics.Error(at, string.Empty, "cannot be read as an Excel workbook (.xlsx): " + InputLimits.Shorten(ex.Message, 200));
            return null;
        }
    }

    private static MapNode ReadChecked(string path, string display, DiagnosticBag diagnostics)
    {
        using (var workbook = new XLWorkbook(path))
        {
            var entries = new List<MapEntry>();
            var folded = new Dictionary<string, (SourceLocation At, List<MapNode> Rows)>(StringComparer.Ordinal);
            foreach (var ws in workbook.Worksheets)
            {
                var sheet = ws.Name.Trim();
                if (WorkbookCheck.Skipped(sheet))
                {
                    continue;
                }

                var sheetAt = SourceLocation.InSheet(display, sheet, 1, 1);
                var rows = ReadRows(ws, display, sheet, diagnostics);
                if (WorkbookLayout.IsFolded(sheet))
                {
                    folded[sheet] = (sheetAt, rows);
                    continue;
                }

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

            return new MapNode(WorkbookLayout.Assemble(entries, folded, diagnostics), new SourceLocation(display, 0, 0));
        }
    }

    private static List<MapNode> ReadRows(IXLWorksheet ws, string display, string sheet, DiagnosticBag diagnostics)
    {
        // Only cells holding something are visited: asking for an empty cell would create it, and a sheet may be sparse.
        var rows = new List<MapNode>();
        var headers = new Dictionary<int, (string[] Path, SourceLocation At)>();
        var headerCells = ws.Row(1).CellsUsed().Select(c => (Text: Text(c) ?? string.Empty, Column: c.Address.ColumnNumber)).ToList();
        var accepted = CsvNodeReader.CheckHeader(headerCells.Select(h => (h.Text, SourceLocation.InSheet(display, sheet, 1, h.Column))), diagnostics);
        var refused = new HashSet<int>();
        for (var i = 0; i < headerCells.Count; i++)
        {
            var (text, c) = headerCells[i];
            if (!accepted[i])
            {
                // Left out: the header's error explains it, and its cells are not reported again.
                refused.Add(c);
            }
            else if (!string.IsNullOrWhiteSpace(text))
            {
                headers[c] = (text.Trim().Split('.'), SourceLocation.InSheet(display, sheet, 1, c));
            }
        }

        foreach (var xlRow in ws.RowsUsed().Where(r => r.RowNumber() > 1))
        {
            var r = xlRow.RowNumber();
            MapNode? row = null;
            foreach (var xlCell in xlRow.CellsUsed())
            {
                var c = xlCell.Address.ColumnNumber;
                var text = Text(xlCell)?.Trim();
                if (string.IsNullOrEmpty(text) || refused.Contains(c))
                {
                    continue;
                }

                var at = SourceLocation.InSheet(display, sheet, r, c);
                if (!headers.TryGetValue(c, out var h))
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

        // An id-list column is a list even with one id in it, so a one-item list needs no brackets.
        if (IdListColumns.Contains(key))
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
