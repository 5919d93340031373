using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace SymbiosisOptimizer.Scenarios.Excel;

/// <summary>
/// Checks a workbook's zip archive before ClosedXML opens it, so a damaged or hostile file is refused with a reason
/// rather than exhausting memory or failing inside the library: entry count and sizes (declared, then as actually
/// decompressed), a workbook part, well-formed XML without a DTD in every part, sheet dimensions and cell count, and
/// no formula cells (the reader takes typed values only).
/// </summary>
internal static class WorkbookCheck
{
    private const int MaxFormulaReports = 20;
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private sealed class SheetStats
    {
        public int MaxRow { get; set; }

        public int MaxColumn { get; set; }

        public string? FarCell { get; set; }

        public List<string> Formulas { get; } = [];
    }

    /// <summary>True when the workbook may be opened; else every reason is reported.</summary>
    public static bool Check(string path, string display, DiagnosticBag diag)
    {
        var at = new SourceLocation(display, 0, 0);
        var reading = string.Empty;
        void Refuse(string why) => diag.Error(at, string.Empty, "cannot be read: " + why);
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            using var zip = new ZipArchive(file, ZipArchiveMode.Read);
            if (zip.Entries.Count > InputLimits.MaxWorkbookEntries)
            {
                Refuse($"the workbook has {InputLimits.Count(zip.Entries.Count)} parts; the most is {InputLimits.Count(InputLimits.MaxWorkbookEntries)} (the limit)");
                return false;
            }

            long declared = 0;
            foreach (var e in zip.Entries)
            {
                if (e.Length > InputLimits.MaxWorkbookPartBytes)
                {
                    Refuse($"the part '{InputLimits.Shorten(e.FullName)}' unpacks to {InputLimits.Count(e.Length)} bytes; the most is {InputLimits.Bytes(InputLimits.MaxWorkbookPartBytes)} per part (the limit)");
                    return false;
                }

                declared += e.Length;
            }

            if (declared > InputLimits.MaxWorkbookUncompressedBytes)
            {
                Refuse($"the workbook unpacks to {InputLimits.Count(declared)} bytes; the most is {InputLimits.Bytes(InputLimits.MaxWorkbookUncompressedBytes)} (the limit)");
                return false;
            }

            reading = "_rels/.rels";
            var main = Target(zip, "_rels/.rels", string.Empty, "/officeDocument");
            if (main is null || zip.GetEntry(main) is null)
            {
                Refuse("it has no workbook part (xl/workbook.xml); it is not an Excel workbook, or it is damaged");
                return false;
            }

            reading = main;
            var sheets = SheetParts(zip, main);
            var stats = new Dictionary<string, SheetStats>(StringComparer.Ordinal);
            long total = 0;
            var cells = 0;
            foreach (var e in zip.Entries)
            {
                var isXml = e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || e.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)
                    || e.FullName.EndsWith(".vml", StringComparison.OrdinalIgnoreCase);
                using var bounded = new BoundedStream(e.Open(), Math.Min(InputLimits.MaxWorkbookPartBytes, InputLimits.MaxWorkbookUncompressedBytes - total));
                try
                {
                    if (!isXml)
                    {
                        bounded.CopyTo(Stream.Null);
                    }
                    else if (sheets.TryGetValue(e.FullName, out var sheetName))
                    {
                        var s = new SheetStats();
                        stats[sheetName] = s;
                        if (!ScanSheet(bounded, s, ref cells, sheetName, display, diag))
                        {
                            return false;
                        }
                    }
                    else
                    {
                        using var reader = XmlReader.Create(bounded, Settings());
                        while (reader.Read())
                        {
                        }
                    }
                }
                catch (XmlException ex) when (!bounded.Exceeded)
                {
                    Refuse(ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
                        ? $"the part '{InputLimits.Shorten(e.FullName)}' declares a DTD (<!DOCTYPE>), which a workbook never needs and is refused"
                        : $"the part '{InputLimits.Shorten(e.FullName)}' is not well-formed XML (line {ex.LineNumber.ToString(CultureInfo.InvariantCulture)}, position {ex.LinePosition.ToString(CultureInfo.InvariantCulture)}); the file is damaged or truncated");
                    return false;
                }
                catch (Exception ex) when (bounded.Exceeded || ex is XmlException)
                {
                    Refuse($"the part '{InputLimits.Shorten(e.FullName)}' unpacks to more than its stated size or more than {InputLimits.Bytes(InputLimits.MaxWorkbookPartBytes)} (the limit); the file is damaged or hostile");
                    return false;
                }

                if (bounded.Exceeded)
                {
                    Refuse($"the part '{InputLimits.Shorten(e.FullName)}' unpacks to more than {InputLimits.Bytes(InputLimits.MaxWorkbookPartBytes)} (the limit)");
                    return false;
                }

                total += bounded.BytesRead;
            }

            var ok = true;
            var reported = 0;
            foreach (var (sheet, s) in stats)
            {
                if (s.MaxRow > InputLimits.MaxSheetRows || s.MaxColumn > InputLimits.MaxSheetColumns)
                {
                    diag.Error(new SourceLocation($"{display}!{sheet}", 0, 0, s.FarCell), string.Empty,
                        $"cannot be read: the sheet reaches row {InputLimits.Count(s.MaxRow)}, column {InputLimits.Count(s.MaxColumn)}; a sheet may have at most {InputLimits.Count(InputLimits.MaxSheetRows)} rows and {InputLimits.Count(InputLimits.MaxSheetColumns)} columns (the limit)");
                    ok = false;
                }

                if (Skipped(sheet))
                {
                    continue;
                }

                foreach (var cell in s.Formulas)
                {
                    if (++reported <= MaxFormulaReports)
                    {
                        diag.Error(new SourceLocation($"{display}!{sheet}", 0, 0, cell), string.Empty,
                            $"cannot be read: cell {cell} holds a formula; type the value (formulas are not supported)");
                    }

                    ok = false;
                }
            }

            if (reported > MaxFormulaReports)
            {
                diag.Error(at, string.Empty, $"cannot be read: {InputLimits.Count(reported - MaxFormulaReports)} more cells hold formulas; type their values");
            }

            return ok;
        }
        catch (XmlException ex)
        {
            Refuse(ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
                ? $"the part '{InputLimits.Shorten(reading)}' declares a DTD (<!DOCTYPE>), which a workbook never needs and is refused"
                : $"the part '{InputLimits.Shorten(reading)}' is not well-formed XML; the file is damaged");
            return false;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            Refuse($"it is not a valid .xlsx (zip) file: {ex.Message}");
            return false;
        }
    }

    internal static bool Skipped(string sheet) =>
        string.Equals(sheet.Trim(), XlsxNodeReader.InstructionsSheet, StringComparison.OrdinalIgnoreCase) || sheet.Trim().StartsWith('_');

    private static XmlReaderSettings Settings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = true,
        IgnoreComments = true,
        CloseInput = false,
    };

    private static bool ScanSheet(Stream stream, SheetStats s, ref int cells, string sheet, string display, DiagnosticBag diag)
    {
        using var reader = XmlReader.Create(stream, Settings());
        string? cell = null;
        var row = 0;
        var column = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "row":
                    row = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : row + 1;
                    column = 0;
                    Far(s, row, 1, null);
                    break;
                case "c":
                    if (++cells > InputLimits.MaxCells)
                    {
                        diag.Error(new SourceLocation($"{display}!{sheet}", 0, 0), string.Empty,
                            $"cannot be read: the workbook has more than {InputLimits.Count(InputLimits.MaxCells)} cells (the limit)");
                        return false;
                    }

                    cell = reader.GetAttribute("r");
                    if (cell is not null && ParseCell(cell) is { } rc)
                    {
                        column = rc.Column;
                        Far(s, rc.Row, rc.Column, cell);
                    }
                    else
                    {
                        column++;
                        cell = SourceLocation.ColumnLetters(column) + row.ToString(CultureInfo.InvariantCulture);
                        Far(s, row, column, cell);
                    }

                    break;
                case "f" when cell is not null:
                    s.Formulas.Add(cell);
                    break;
            }
        }

        return true;
    }

    private static void Far(SheetStats s, int row, int column, string? cell)
    {
        s.MaxRow = Math.Max(s.MaxRow, row);
        s.MaxColumn = Math.Max(s.MaxColumn, column);
        if (cell is not null && s.FarCell is null && (row > InputLimits.MaxSheetRows || column > InputLimits.MaxSheetColumns))
        {
            // The first cell beyond the limit, where the message points.
            s.FarCell = cell;
        }
    }

    private static (int Row, int Column)? ParseCell(string cell)
    {
        var i = 0;
        long column = 0;
        while (i < cell.Length && char.IsAsciiLetterUpper(cell[i]) && column < 1_000_000)
        {
            column = (column * 26) + (cell[i] - 'A' + 1);
            i++;
        }

        return i > 0 && int.TryParse(cell.AsSpan(i), NumberStyles.None, CultureInfo.InvariantCulture, out var row) && column < 1_000_000
            ? (row, (int)column)
            : null;
    }

    /// <summary>The part a relationship of the given type points to, as a zip entry name; null if none.</summary>
    private static string? Target(ZipArchive zip, string relsName, string baseFolder, string typeSuffix) =>
        Relationships(zip, relsName).Where(r => r.Type.EndsWith(typeSuffix, StringComparison.Ordinal)).Select(r => Resolve(baseFolder, r.Target)).FirstOrDefault();

    private static List<(string Id, string Type, string Target)> Relationships(ZipArchive zip, string relsName)
    {
        var list = new List<(string, string, string)>();
        if (zip.GetEntry(relsName) is not { } entry || entry.Length > InputLimits.MaxWorkbookPartBytes)
        {
            return list;
        }

        using var bounded = new BoundedStream(entry.Open(), InputLimits.MaxWorkbookPartBytes);
        using var reader = XmlReader.Create(bounded, Settings());
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship")
            {
                list.Add((reader.GetAttribute("Id") ?? string.Empty, reader.GetAttribute("Type") ?? string.Empty, reader.GetAttribute("Target") ?? string.Empty));
            }
        }

        return list;
    }

    /// <summary>Worksheet part name to sheet name, from the workbook part and its relationships.</summary>
    private static Dictionary<string, string> SheetParts(ZipArchive zip, string main)
    {
        var folder = main.Contains('/', StringComparison.Ordinal) ? main[..(main.LastIndexOf('/') + 1)] : string.Empty;
        var rels = Relationships(zip, folder + "_rels/" + main[folder.Length..] + ".rels").ToDictionary(r => r.Id, r => Resolve(folder, r.Target), StringComparer.Ordinal);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        using var bounded = new BoundedStream(zip.GetEntry(main)!.Open(), InputLimits.MaxWorkbookPartBytes);
        using var reader = XmlReader.Create(bounded, Settings());
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet"
                && reader.GetAttribute("id", RelNs) is { } id && rels.TryGetValue(id, out var part) && reader.GetAttribute("name") is { } name)
            {
                result[part] = name;
            }
        }

        return result;
    }

    private static string Resolve(string baseFolder, string target)
    {
        if (target.StartsWith('/'))
        {
            return target[1..];
        }

        var parts = new List<string>(baseFolder.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var p in target.Split('/'))
        {
            if (p == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (p is not "." and not "")
            {
                parts.Add(p);
            }
        }

        return string.Join('/', parts);
    }

    /// <summary>A read-only stream that ends (and says so) once more than its limit has been read.</summary>
    private sealed class BoundedStream(Stream inner, long limit) : Stream
    {
        public bool Exceeded { get; private set; }

        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Exceeded)
            {
                return 0;
            }

            var n = inner.Read(buffer, offset, (int)Math.Min(count, Math.Max(0, limit - BytesRead) + 1));
            BytesRead += n;
            if (BytesRead > limit)
            {
                Exceeded = true;
                return 0;
            }

            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
