using System.Collections.Immutable;
using System.Text;

namespace SymbiosisOptimizer.Scenarios;

/// <summary>
/// Reads a CSV table into a sequence of maps. Header cells name keys; dotted headers (route.cost) become nested maps,
/// so a CSV row is validated by exactly the same rules as a YAML list item.
/// </summary>
public static class CsvNodeReader
{
    public static SequenceNode? Read(string text, string fileName, DiagnosticBag diagnostics)
    {
        var rows = Parse(text, fileName, diagnostics);
        if (rows is null)
        {
            return null;
        }

        if (rows.Count == 0)
        {
            diagnostics.Error(new SourceLocation(fileName, 1, 1), string.Empty, "the CSV file is empty; it needs a header row naming the columns");
            return null;
        }

        var header = rows[0];
        // A refused column is left out (its error explains it), so the rest of the table is still checked.
        var accepted = CheckHeader(header.Select(h => (h.Text, h.At)), diagnostics);

        var items = ImmutableArray.CreateBuilder<Node>();
        foreach (var row in rows.Skip(1))
        {
            if (row.All(c => c.Text.Length == 0))
            {
                continue;
            }

            if (row.Count > header.Count)
            {
                diagnostics.Error(row[header.Count].At, string.Empty,
                    $"this row has {row.Count} cells but the header names only {header.Count} columns");
            }

            var root = new MapNode([], row[0].At);
            for (var c = 0; c < Math.Min(row.Count, header.Count); c++)
            {
                if (row[c].Text.Length == 0 || !accepted[c])
                {
                    continue;
                }

                root = SetPath(root, header[c].Text.Split('.'), header[c].At, new ScalarNode(row[c].Text, row[c].At));
            }

            items.Add(root);
        }

        return new SequenceNode(items.ToImmutable(), new SourceLocation(fileName, 1, 1));
    }

    /// <summary>
    /// Header cells (of a CSV table or a sheet) within the limits: no name twice, no dotted path deeper than
    /// <see cref="InputLimits.MaxDepth"/>. Reports each problem at its cell; for each header cell, whether it is accepted.
    /// </summary>
    internal static List<bool> CheckHeader(IEnumerable<(string Text, SourceLocation At)> header, DiagnosticBag diagnostics)
    {
        var ok = new List<bool>();
        var first = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var (raw, at) in header)
        {
            var text = raw.Trim();
            if (text.Length == 0)
            {
                ok.Add(true);
                continue;
            }

            if (text.Length > InputLimits.MaxStringLength || text.Count(c => c == '.') >= InputLimits.MaxDepth)
            {
                diagnostics.Error(at, string.Empty, $"the column name '{InputLimits.Shorten(text)}' is too long or nests more than {InputLimits.MaxDepth} levels (the limit)");
                ok.Add(false);
                continue;
            }

            if (first.TryGetValue(text, out var earlier))
            {
                diagnostics.Error(at, text, $"the column '{InputLimits.Shorten(text)}' appears twice in the header (first at {earlier}); each column may be given once");
                ok.Add(false);
                continue;
            }

            first[text] = at;
            ok.Add(true);
        }

        return ok;
    }

    internal static MapNode SetPath(MapNode map, string[] path, SourceLocation headerAt, Node value)
    {
        // The key is written in the header: a misspelt column is reported there, not at each row's cell.
        var key = new ScalarNode(path[0].Trim(), headerAt);
        if (path.Length == 1)
        {
            return map.With(key, value);
        }

        var child = map.Get(key.Value) as MapNode ?? new MapNode([], value.Location);
        return map.With(key, SetPath(child, path[1..], headerAt, value));
    }

    internal sealed record Cell(string Text, SourceLocation At);

    internal static List<List<Cell>>? Parse(string text, string fileName, DiagnosticBag diagnostics)
    {
        var rows = new List<List<Cell>>();
        var line = 1;
        var i = 0;
        var cells = 0;
        while (i < text.Length)
        {
            if (rows.Count > InputLimits.MaxListItems)
            {
                diagnostics.Error(new SourceLocation(fileName, line, 1), string.Empty,
                    $"the CSV file has more than {InputLimits.Count(InputLimits.MaxListItems)} rows (the limit)");
                return null;
            }

            var row = new List<Cell>();
            var col = 1;
            var rowLine = line;
            while (true)
            {
                var startCol = col;
                var sb = new StringBuilder();
                if (i < text.Length && text[i] == '"')
                {
                    i++;
                    col++;
                    var closed = false;
                    while (i < text.Length)
                    {
                        if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                        {
                            sb.Append('"');
                            i += 2;
                            col += 2;
                        }
                        else if (text[i] == '"')
                        {
                            i++;
                            col++;
                            closed = true;
                            break;
                        }
                        else
                        {
                            if (text[i] == '\n')
                            {
                                line++;
                                col = 0;
                            }

                            sb.Append(text[i]);
                            i++;
                            col++;
                        }
                    }

                    if (!closed)
                    {
                        diagnostics.Error(new SourceLocation(fileName, rowLine, startCol), string.Empty, "a quoted cell is never closed with '\"'");
                    }
                }

                while (i < text.Length && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
                {
                    sb.Append(text[i]);
                    i++;
                    col++;
                }

                row.Add(new Cell(sb.ToString().Trim(), new SourceLocation(fileName, rowLine, startCol)));
                if (row.Count > InputLimits.MaxSheetColumns || ++cells > InputLimits.MaxCells)
                {
                    diagnostics.Error(new SourceLocation(fileName, rowLine, startCol), string.Empty, row.Count > InputLimits.MaxSheetColumns
                        ? $"this row has more than {InputLimits.Count(InputLimits.MaxSheetColumns)} cells (the limit)"
                        : $"the CSV file has more than {InputLimits.Count(InputLimits.MaxCells)} cells (the limit)");
                    return null;
                }

                if (i < text.Length && text[i] == ',')
                {
                    i++;
                    col++;
                    continue;
                }

                if (i < text.Length && text[i] == '\r')
                {
                    i++;
                }

                if (i < text.Length && text[i] == '\n')
                {
                    i++;
                }

                line++;
                break;
            }

            if (!(row.Count == 1 && row[0].Text.StartsWith('#')))
            {
                rows.Add(row);
            }
        }

        return rows;
    }
}
