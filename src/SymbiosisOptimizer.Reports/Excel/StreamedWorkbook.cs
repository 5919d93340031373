using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace SymbiosisOptimizer.Reports.Excel;

/// <summary>The cell styles a streamed workbook offers: the ones the run workbook uses, each one fixed entry of styles.xml.</summary>
public enum CellStyle
{
    Default = 0,

    /// <summary>A sheet's title: bold, 14 pt.</summary>
    Title = 1,

    /// <summary>The confidentiality label: bold, dark red.</summary>
    Alert = 2,

    /// <summary>Wrapped text (a finding or note across merged cells).</summary>
    Wrap = 3,

    /// <summary>A table's header: bold on light blue, wrapped, aligned to the top.</summary>
    Header = 4,

    Quantity = 5,
    Km = 6,
    Money = 7,
    Tonnes = 8,
    Decimal = 9,
    Percent = 10,
}

/// <summary>How a streamed sheet is laid out: column widths in characters (column 1 first), frozen rows, and whether it prints as one landscape page.</summary>
public sealed record SheetLayout(IReadOnlyList<double> ColumnWidths, int FrozenRows = 0, bool LandscapeOnePage = false);

/// <summary>
/// Writes an .xlsx package part by part as its sheets are written, row by row, straight into the zip: no cell object
/// model, so a sheet of 100 000 rows costs its XML and nothing more. It writes what the run workbook needs (text and
/// numbers, the styles of <see cref="CellStyle"/>, column widths, row heights, merged cells, frozen rows, an
/// auto-filter, one picture) in the layout ClosedXML writes, and the same workbook is always the same bytes: no time,
/// no random ids, every zip entry stamped with one fixed time.
/// </summary>
/// <remarks>
/// Why not ClosedXML here: it builds every cell as an object, then an OpenXML DOM, then the XML; at 5 000 actors that
/// was seconds of CPU and, in a small run, the JIT of a few thousand generic methods. The other workbooks (runner,
/// company, decisions) are small and stay on ClosedXML (<see cref="SheetWriter"/>).
/// </remarks>
public sealed class StreamedWorkbook : IDisposable
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelNs = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <summary>What ClosedXML adds to a column's width in characters (cell padding), so widths read back as they were set.</summary>
    public const double ColumnWidthPadding = 0.710625;

    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly XmlWriterSettings XmlSettings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = false,
        // A line break in a text stays a line break, and a carriage return survives a normalising reader.
        NewLineHandling = NewLineHandling.Entitize,
    };

    // Number formats by style, from CellStyle.Quantity on (custom format ids start at 164; ClosedXML's first is 165).
    private static readonly string[] NumberFormats = [Formats.Quantity, Formats.Km, Formats.Money, Formats.Tonnes, Formats.Decimal, Formats.Percent];

    private readonly ZipArchive zip;
    private readonly IReadOnlyList<string> sheetNames;
    private readonly string? pictureSheet;
    private readonly Dictionary<string, int> stringIndex = new(StringComparer.Ordinal);
    private readonly List<string> strings = [];
    private readonly string?[] filters;
    private int nextSheet;
    private StreamedSheet? open;

    /// <param name="output">Where the package goes; left open.</param>
    /// <param name="sheetNames">Every sheet, in order; they must then be written in this order.</param>
    /// <param name="pictureSheet">The sheet that will show a picture (<see cref="StreamedSheet.Picture"/>), if any.</param>
    public StreamedWorkbook(Stream output, IReadOnlyList<string> sheetNames, string? pictureSheet = null)
    {
        ArgumentNullException.ThrowIfNull(sheetNames);
        if (pictureSheet is not null && !sheetNames.Contains(pictureSheet, StringComparer.Ordinal))
        {
            throw new ArgumentException($"the workbook has no sheet '{pictureSheet}' to put a picture on", nameof(pictureSheet));
        }

        zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        this.sheetNames = sheetNames;
        this.pictureSheet = pictureSheet;
        filters = new string?[sheetNames.Count];
        Part("[Content_Types].xml", ContentTypes);
        Part("_rels/.rels", w =>
        {
            w.WriteStartElement("Relationships", PackageRelNs);
            Relationship(w, "rId1", RelNs + "/officeDocument", "xl/workbook.xml");
            w.WriteEndElement();
        });
        Part("xl/_rels/workbook.xml.rels", w =>
        {
            w.WriteStartElement("Relationships", PackageRelNs);
            for (var i = 0; i < sheetNames.Count; i++)
            {
                Relationship(w, Rid(i + 1), RelNs + "/worksheet", $"worksheets/sheet{Num(i + 1)}.xml");
            }

            Relationship(w, Rid(sheetNames.Count + 1), RelNs + "/styles", "styles.xml");
            Relationship(w, Rid(sheetNames.Count + 2), RelNs + "/sharedStrings", "sharedStrings.xml");
            w.WriteEndElement();
        });
        Part("xl/styles.xml", Styles);
    }

    /// <summary>Starts the next sheet of the list given to the constructor; the one before is finished.</summary>
    public StreamedSheet Sheet(SheetLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        open?.End();
        if (nextSheet >= sheetNames.Count)
        {
            throw new InvalidOperationException("every sheet the workbook was given is written");
        }

        var index = nextSheet++;
        var name = sheetNames[index];
        var entry = zip.CreateEntry($"xl/worksheets/sheet{Num(index + 1)}.xml", CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        var stream = entry.Open();
        open = new StreamedSheet(this, index, name, XmlWriter.Create(stream, XmlSettings), stream, layout, name == pictureSheet);
        return open;
    }

    /// <summary>Writes the parts that depend on every sheet (shared strings, the workbook) and closes the package.</summary>
    public void Finish()
    {
        open?.End();
        open = null;
        if (nextSheet != sheetNames.Count)
        {
            throw new InvalidOperationException($"{sheetNames.Count - nextSheet} of the workbook's sheets were not written");
        }

        Part("xl/sharedStrings.xml", w =>
        {
            w.WriteStartElement("sst", MainNs);
            w.WriteAttributeString("count", Num(strings.Count));
            w.WriteAttributeString("uniqueCount", Num(strings.Count));
            foreach (var s in strings)
            {
                w.WriteStartElement("si");
                Text(w, s);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        });
        Part("xl/workbook.xml", w =>
        {
            w.WriteStartElement("workbook", MainNs);
            w.WriteAttributeString("xmlns", "r", null, RelNs);
            w.WriteStartElement("bookViews");
            w.WriteStartElement("workbookView");
            w.WriteAttributeString("activeTab", "0");
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteStartElement("sheets");
            for (var i = 0; i < sheetNames.Count; i++)
            {
                w.WriteStartElement("sheet");
                w.WriteAttributeString("name", sheetNames[i]);
                w.WriteAttributeString("sheetId", Num(i + 1));
                w.WriteAttributeString("id", RelNs, Rid(i + 1));
                w.WriteEndElement();
            }

            w.WriteEndElement();
            if (filters.Any(f => f is not null))
            {
                // Excel names each sheet's auto-filter range so; ClosedXML writes it too.
                w.WriteStartElement("definedNames");
                for (var i = 0; i < filters.Length; i++)
                {
                    if (filters[i] is { } range)
                    {
                        w.WriteStartElement("definedName");
                        w.WriteAttributeString("name", "_xlnm._FilterDatabase");
                        w.WriteAttributeString("localSheetId", Num(i));
                        w.WriteAttributeString("hidden", "1");
                        w.WriteString(QuotedSheet(sheetNames[i]) + "!" + range);
                        w.WriteEndElement();
                    }
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
        });
        zip.Dispose();
    }

    public void Dispose() => zip.Dispose();

    internal int StringId(string s)
    {
        if (!stringIndex.TryGetValue(s, out var id))
        {
            id = strings.Count;
            strings.Add(s);
            stringIndex.Add(s, id);
        }

        return id;
    }

    internal void SheetEnded(int index, string? filter, SheetPicture? picture)
    {
        filters[index] = filter;
        if (picture is null)
        {
            return;
        }

        var sheet = $"xl/worksheets/_rels/sheet{Num(index + 1)}.xml.rels";
        Part(sheet, w =>
        {
            w.WriteStartElement("Relationships", PackageRelNs);
            Relationship(w, "rId1", RelNs + "/drawing", "../drawings/drawing1.xml");
            w.WriteEndElement();
        });
        var (width, height) = WorkbookPackage.PngSize(picture.Png);
        var cx = picture.WidthPixels * WorkbookPackage.EmuPerPixel;
        var cy = (long)Math.Round((double)picture.WidthPixels * height / width) * WorkbookPackage.EmuPerPixel;
        Raw("xl/drawings/drawing1.xml", Encoding.UTF8.GetBytes(WorkbookPackage.DrawingXml(picture, 1, cx, cy)));
        Part("xl/drawings/_rels/drawing1.xml.rels", w =>
        {
            w.WriteStartElement("Relationships", PackageRelNs);
            Relationship(w, "rId1", RelNs + "/image", "../media/image1.png");
            w.WriteEndElement();
        });
        Raw("xl/media/image1.png", picture.Png);
    }

    internal static void Text(XmlWriter w, string s)
    {
        w.WriteStartElement("t");
        if (s.Length > 0 && (char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1])))
        {
            w.WriteAttributeString("xml", "space", null, "preserve");
        }

        w.WriteString(s);
        w.WriteEndElement();
    }

    internal static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Rid(int n) => "rId" + Num(n);

    /// <summary>A sheet name as a formula writes it: quoted (a quote doubled) unless it is letters, digits and '_'.</summary>
    private static string QuotedSheet(string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(name[0]) ? name : "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static void Relationship(XmlWriter w, string id, string type, string target)
    {
        w.WriteStartElement("Relationship");
        w.WriteAttributeString("Id", id);
        w.WriteAttributeString("Type", type);
        w.WriteAttributeString("Target", target);
        w.WriteEndElement();
    }

    private void ContentTypes(XmlWriter w)
    {
        const string ns = "http://schemas.openxmlformats.org/package/2006/content-types";
        const string ml = "application/vnd.openxmlformats-officedocument.spreadsheetml.";
        void Default(string extension, string type)
        {
            w.WriteStartElement("Default");
            w.WriteAttributeString("Extension", extension);
            w.WriteAttributeString("ContentType", type);
            w.WriteEndElement();
        }

        void Override(string part, string type)
        {
            w.WriteStartElement("Override");
            w.WriteAttributeString("PartName", part);
            w.WriteAttributeString("ContentType", type);
            w.WriteEndElement();
        }

        w.WriteStartElement("Types", ns);
        if (pictureSheet is not null)
        {
            Default("png", "image/png");
        }

        Default("rels", "application/vnd.openxmlformats-package.relationships+xml");
        Default("xml", "application/xml");
        Override("/xl/workbook.xml", ml + "sheet.main+xml");
        for (var i = 0; i < sheetNames.Count; i++)
        {
            Override($"/xl/worksheets/sheet{Num(i + 1)}.xml", ml + "worksheet+xml");
        }

        Override("/xl/styles.xml", ml + "styles+xml");
        Override("/xl/sharedStrings.xml", ml + "sharedStrings+xml");
        if (pictureSheet is not null)
        {
            Override("/xl/drawings/drawing1.xml", "application/vnd.openxmlformats-officedocument.drawing+xml");
        }

        w.WriteEndElement();
    }

    /// <summary>The fixed style sheet: one cell format per <see cref="CellStyle"/>, in its order; Calibri 11 as ClosedXML's default.</summary>
    private static void Styles(XmlWriter w)
    {
        w.WriteStartElement("styleSheet", MainNs);
        w.WriteStartElement("numFmts");
        w.WriteAttributeString("count", Num(NumberFormats.Length));
        for (var i = 0; i < NumberFormats.Length; i++)
        {
            w.WriteStartElement("numFmt");
            w.WriteAttributeString("numFmtId", Num(165 + i));
            w.WriteAttributeString("formatCode", NumberFormats[i]);
            w.WriteEndElement();
        }

        w.WriteEndElement();

        // Fonts: 0 regular, 1 title (bold 14), 2 alert (bold dark red), 3 bold.
        w.WriteStartElement("fonts");
        w.WriteAttributeString("count", "4");
        Font(w, bold: false, 11, "FF000000");
        Font(w, bold: true, 14, "FF000000");
        Font(w, bold: true, 11, "FFB71C1C");
        Font(w, bold: true, 11, "FF000000");
        w.WriteEndElement();

        // Fills: the two every workbook has (none, gray125), then the header's light blue.
        w.WriteStartElement("fills");
        w.WriteAttributeString("count", "3");
        w.WriteStartElement("fill");
        w.WriteStartElement("patternFill");
        w.WriteAttributeString("patternType", "none");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("fill");
        w.WriteStartElement("patternFill");
        w.WriteAttributeString("patternType", "gray125");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("fill");
        w.WriteStartElement("patternFill");
        w.WriteAttributeString("patternType", "solid");
        w.WriteStartElement("fgColor");
        w.WriteAttributeString("rgb", "FFDDEBF7");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("borders");
        w.WriteAttributeString("count", "1");
        w.WriteStartElement("border");
        foreach (var side in new[] { "left", "right", "top", "bottom", "diagonal" })
        {
            w.WriteStartElement(side);
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("cellStyleXfs");
        w.WriteAttributeString("count", "1");
        Xf(w, 0, 0, 0, wrap: false, top: false, cellXf: false);
        w.WriteEndElement();

        w.WriteStartElement("cellXfs");
        w.WriteAttributeString("count", Num(5 + NumberFormats.Length));
        Xf(w, 0, 0, 0, wrap: false, top: false); // Default
        Xf(w, 0, 1, 0, wrap: false, top: false); // Title
        Xf(w, 0, 2, 0, wrap: false, top: false); // Alert
        Xf(w, 0, 0, 0, wrap: true, top: false); // Wrap
        Xf(w, 0, 3, 2, wrap: true, top: true); // Header
        for (var i = 0; i < NumberFormats.Length; i++)
        {
            Xf(w, 165 + i, 0, 0, wrap: false, top: false);
        }

        w.WriteEndElement();

        w.WriteStartElement("cellStyles");
        w.WriteAttributeString("count", "1");
        w.WriteStartElement("cellStyle");
        w.WriteAttributeString("name", "Normal");
        w.WriteAttributeString("xfId", "0");
        w.WriteAttributeString("builtinId", "0");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Font(XmlWriter w, bool bold, int size, string rgb)
    {
        w.WriteStartElement("font");
        if (bold)
        {
            w.WriteStartElement("b");
            w.WriteEndElement();
        }

        w.WriteStartElement("sz");
        w.WriteAttributeString("val", Num(size));
        w.WriteEndElement();
        w.WriteStartElement("color");
        w.WriteAttributeString("rgb", rgb);
        w.WriteEndElement();
        w.WriteStartElement("name");
        w.WriteAttributeString("val", "Calibri");
        w.WriteEndElement();
        w.WriteStartElement("family");
        w.WriteAttributeString("val", "2");
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Xf(XmlWriter w, int numFmt, int font, int fill, bool wrap, bool top, bool cellXf = true)
    {
        w.WriteStartElement("xf");
        w.WriteAttributeString("numFmtId", Num(numFmt));
        w.WriteAttributeString("fontId", Num(font));
        w.WriteAttributeString("fillId", Num(fill));
        w.WriteAttributeString("borderId", "0");
        if (cellXf)
        {
            w.WriteAttributeString("xfId", "0");
            if (numFmt != 0)
            {
                w.WriteAttributeString("applyNumberFormat", "1");
            }

            if (font != 0)
            {
                w.WriteAttributeString("applyFont", "1");
            }

            if (fill != 0)
            {
                w.WriteAttributeString("applyFill", "1");
            }

            if (wrap || top)
            {
                w.WriteAttributeString("applyAlignment", "1");
                w.WriteStartElement("alignment");
                if (top)
                {
                    w.WriteAttributeString("vertical", "top");
                }

                if (wrap)
                {
                    w.WriteAttributeString("wrapText", "1");
                }

                w.WriteEndElement();
            }
        }

        w.WriteEndElement();
    }

    private void Part(string name, Action<XmlWriter> write)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        using var stream = entry.Open();
        using var w = XmlWriter.Create(stream, XmlSettings);
        w.WriteStartDocument(standalone: true);
        write(w);
        w.WriteEndDocument();
    }

    private void Raw(string name, byte[] data)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        using var stream = entry.Open();
        stream.Write(data);
    }
}

/// <summary>
/// One sheet of a <see cref="StreamedWorkbook"/>, written top to bottom: <see cref="Row"/> starts a row (rows in
/// increasing order), then its cells left to right. Merged ranges and the auto-filter are written after the rows.
/// </summary>
public sealed class StreamedSheet
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private readonly StreamedWorkbook book;
    private readonly int index;
    private readonly XmlWriter w;
    private readonly Stream stream;
    private readonly SheetLayout layout;
    private readonly bool hasPicture;
    private readonly List<string> merges = [];
    private string? filter;
    private SheetPicture? picture;
    private int row;
    private int column;
    private bool rowOpen;
    private bool ended;

    internal StreamedSheet(StreamedWorkbook book, int index, string name, XmlWriter w, Stream stream, SheetLayout layout, bool hasPicture)
    {
        this.book = book;
        this.index = index;
        Name = name;
        this.w = w;
        this.stream = stream;
        this.layout = layout;
        this.hasPicture = hasPicture;
        w.WriteStartDocument(standalone: true);
        w.WriteStartElement("worksheet", MainNs);
        w.WriteAttributeString("xmlns", "r", null, RelNs);
        if (layout.LandscapeOnePage)
        {
            w.WriteStartElement("sheetPr");
            w.WriteStartElement("pageSetUpPr");
            w.WriteAttributeString("fitToPage", "1");
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteStartElement("sheetViews");
        w.WriteStartElement("sheetView");
        w.WriteAttributeString("workbookViewId", "0");
        if (layout.FrozenRows > 0)
        {
            w.WriteStartElement("pane");
            w.WriteAttributeString("ySplit", StreamedWorkbook.Num(layout.FrozenRows));
            w.WriteAttributeString("topLeftCell", "A" + StreamedWorkbook.Num(layout.FrozenRows + 1));
            w.WriteAttributeString("activePane", "bottomLeft");
            w.WriteAttributeString("state", "frozen");
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("sheetFormatPr");
        w.WriteAttributeString("defaultRowHeight", "15");
        w.WriteEndElement();
        var widths = layout.ColumnWidths;
        if (widths.Count > 0)
        {
            // Neighbouring columns of one width share a <col>, as Excel and ClosedXML write them.
            w.WriteStartElement("cols");
            for (var c = 0; c < widths.Count;)
            {
                var last = c;
                while (last + 1 < widths.Count && widths[last + 1].Equals(widths[c]))
                {
                    last++;
                }

                w.WriteStartElement("col");
                w.WriteAttributeString("min", StreamedWorkbook.Num(c + 1));
                w.WriteAttributeString("max", StreamedWorkbook.Num(last + 1));
                w.WriteAttributeString("width", (widths[c] + StreamedWorkbook.ColumnWidthPadding).ToString("R", CultureInfo.InvariantCulture));
                w.WriteAttributeString("customWidth", "1");
                w.WriteEndElement();
                c = last + 1;
            }

            w.WriteEndElement();
        }

        w.WriteStartElement("sheetData");
    }

    public string Name { get; }

    /// <summary>Starts row <paramref name="r"/> (1-based, after the last one), with its height in points if given.</summary>
    public void Row(int r, double? height = null)
    {
        if (r <= row)
        {
            throw new InvalidOperationException($"row {r} comes after row {row}: rows are written top to bottom");
        }

        CloseRow();
        row = r;
        column = 0;
        w.WriteStartElement("row");
        w.WriteAttributeString("r", StreamedWorkbook.Num(r));
        if (height is { } h)
        {
            w.WriteAttributeString("ht", h.ToString("R", CultureInfo.InvariantCulture));
            w.WriteAttributeString("customHeight", "1");
        }

        rowOpen = true;
    }

    /// <summary>A text cell (stored once in the shared strings).</summary>
    public void Text(int c, string value, CellStyle style = CellStyle.Default)
    {
        ArgumentNullException.ThrowIfNull(value);
        Start(c, style);
        w.WriteAttributeString("t", "s");
        w.WriteElementString("v", StreamedWorkbook.Num(book.StringId(value)));
        w.WriteEndElement();
    }

    /// <summary>A number cell; a value that is not finite is left empty (with its style).</summary>
    public void Number(int c, double value, CellStyle style = CellStyle.Default)
    {
        Start(c, style);
        if (double.IsFinite(value))
        {
            w.WriteElementString("v", value.ToString("R", CultureInfo.InvariantCulture));
        }

        w.WriteEndElement();
    }

    /// <summary>An empty cell that carries a style (the rest of a merged range).</summary>
    public void Blank(int c, CellStyle style)
    {
        Start(c, style);
        w.WriteEndElement();
    }

    /// <summary>Cells <paramref name="firstColumn"/> to <paramref name="lastColumn"/> of the current row shown as one.</summary>
    public void Merge(int firstColumn, int lastColumn) =>
        merges.Add(Reference(row, firstColumn) + ":" + Reference(row, lastColumn));

    /// <summary>The sheet's auto-filter over rows <paramref name="firstRow"/> to <paramref name="lastRow"/> and the first <paramref name="columns"/> columns.</summary>
    public void AutoFilter(int firstRow, int lastRow, int columns) =>
        filter = "$A$" + StreamedWorkbook.Num(firstRow) + ":$" + ColumnName(columns) + "$" + StreamedWorkbook.Num(lastRow);

    /// <summary>Shows <paramref name="p"/> on this sheet (the sheet the workbook was told would hold it).</summary>
    public void Picture(SheetPicture p)
    {
        if (!hasPicture)
        {
            throw new InvalidOperationException($"the workbook was not told that sheet '{Name}' holds a picture");
        }

        picture = p;
    }

    internal void End()
    {
        if (ended)
        {
            return;
        }

        ended = true;
        CloseRow();
        w.WriteEndElement(); // sheetData
        if (filter is not null)
        {
            w.WriteStartElement("autoFilter");
            w.WriteAttributeString("ref", filter.Replace("$", string.Empty, StringComparison.Ordinal));
            w.WriteEndElement();
        }

        if (merges.Count > 0)
        {
            w.WriteStartElement("mergeCells");
            w.WriteAttributeString("count", StreamedWorkbook.Num(merges.Count));
            foreach (var m in merges)
            {
                w.WriteStartElement("mergeCell");
                w.WriteAttributeString("ref", m);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        // ClosedXML's page margins (Excel's "normal" ones in inches) and paper size (US letter), so printing is as before.
        w.WriteStartElement("pageMargins");
        w.WriteAttributeString("left", "0.75");
        w.WriteAttributeString("right", "0.75");
        w.WriteAttributeString("top", "0.75");
        w.WriteAttributeString("bottom", "0.5");
        w.WriteAttributeString("header", "0.5");
        w.WriteAttributeString("footer", "0.75");
        w.WriteEndElement();
        w.WriteStartElement("pageSetup");
        w.WriteAttributeString("paperSize", "1");
        w.WriteAttributeString("orientation", layout.LandscapeOnePage ? "landscape" : "default");
        w.WriteEndElement();
        if (picture is not null)
        {
            w.WriteStartElement("drawing");
            w.WriteAttributeString("id", RelNs, "rId1");
            w.WriteEndElement();
        }

        w.WriteEndElement(); // worksheet
        w.WriteEndDocument();
        w.Dispose();
        stream.Dispose();
        if (hasPicture && picture is null)
        {
            throw new InvalidOperationException($"sheet '{Name}' was to hold a picture and was given none");
        }

        book.SheetEnded(index, filter, picture);
    }

    /// <summary>A1-style reference of a cell (1-based row and column).</summary>
    public static string Reference(int r, int c) => ColumnName(c) + StreamedWorkbook.Num(r);

    /// <summary>A column's letters: 1 is A, 26 Z, 27 AA.</summary>
    public static string ColumnName(int c)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(c, 1);
        Span<char> buffer = stackalloc char[4];
        var n = buffer.Length;
        for (var k = c; k > 0; k = (k - 1) / 26)
        {
            buffer[--n] = (char)('A' + ((k - 1) % 26));
        }

        return new string(buffer[n..]);
    }

    private void Start(int c, CellStyle style)
    {
        if (!rowOpen)
        {
            throw new InvalidOperationException("a cell is written after its row is started");
        }

        if (c <= column)
        {
            throw new InvalidOperationException($"column {c} comes after column {column}: cells are written left to right");
        }

        column = c;
        w.WriteStartElement("c");
        w.WriteAttributeString("r", Reference(row, c));
        if (style != CellStyle.Default)
        {
            w.WriteAttributeString("s", StreamedWorkbook.Num((int)style));
        }
    }

    private void CloseRow()
    {
        if (rowOpen)
        {
            w.WriteEndElement();
            rowOpen = false;
        }
    }
}
