using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace SymbiosisOptimizer.Reports.Excel;

/// <summary>A PNG to place on a sheet: its top-left cell (1-based) and the width it is shown at (the height keeps its aspect).</summary>
public sealed record SheetPicture(string Sheet, byte[] Png, int Row, int Column, int WidthPixels, string Name);

/// <summary>
/// The last step of every workbook: ClosedXML's package rewritten so that the same workbook is the same bytes, with
/// pictures added as OpenXML parts. ClosedXML 0.95.4 embeds pictures only through System.Drawing (libgdiplus, a native
/// dependency we do not want), and its package names the core-properties part and two relationships at random and
/// stamps the time into it and every zip entry. Here the core-properties part is left out (its only content is the
/// time), random relationship ids are renumbered in order, each picture becomes xl/media/imageN.png with a drawing part
/// (a picture-filled shape, see <c>DrawingXml</c>),
/// its relationships, the sheet's &lt;drawing&gt; and the content types; every entry is written with one fixed time.
/// </summary>
public static partial class WorkbookPackage
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelNs = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string ContentTypesNs = "http://schemas.openxmlformats.org/package/2006/content-types";
    private const string DrawingType = RelNs + "/drawing";
    private const string ImageType = RelNs + "/image";
    private const string DrawingContentType = "application/vnd.openxmlformats-officedocument.drawing+xml";
    private const string CorePropertiesType = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";

    /// <summary>An English Metric Unit per pixel at 96 dpi (914400 EMU an inch).</summary>
    public const long EmuPerPixel = 9525;

    /// <summary>Every entry's time: zip stores local clock time without a zone, so one fixed date is the same everywhere.</summary>
    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] AfterDrawing =
        ["legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];

    /// <summary>The package of <paramref name="xlsx"/> made deterministic, with <paramref name="pictures"/> placed on their sheets.</summary>
    public static byte[] Finish(byte[] xlsx, IReadOnlyList<SheetPicture>? pictures = null)
    {
        ArgumentNullException.ThrowIfNull(xlsx);
        var parts = new List<(string Name, byte[] Data)>();
        using (var zip = new ZipArchive(new MemoryStream(xlsx), ZipArchiveMode.Read))
        {
            foreach (var e in zip.Entries)
            {
                using var s = e.Open();
                using var m = new MemoryStream();
                s.CopyTo(m);
                parts.Add((e.FullName, m.ToArray()));
            }
        }

        var package = new Package(parts);
        package.DropCoreProperties();
        package.RenumberRandomIds();
        var n = 0;
        foreach (var p in pictures ?? [])
        {
            package.AddPicture(p, ++n);
        }

        return package.Write();
    }

    /// <summary>Width and height of a PNG, from its IHDR chunk (bytes 16-23, big-endian); refuses anything that is not a PNG.</summary>
    public static (int Width, int Height) PngSize(byte[] png)
    {
        ArgumentNullException.ThrowIfNull(png);
        if (png.Length < 24 || !png.AsSpan(0, 8).SequenceEqual(PngSignature))
        {
            throw new ArgumentException("not a PNG image (no PNG signature)", nameof(png));
        }

        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    /// <summary>The drawing part that shows picture <paramref name="n"/> at <paramref name="cx"/> x <paramref name="cy"/> EMU (see <c>Package.DrawingXml</c>).</summary>
    internal static string DrawingXml(SheetPicture p, int n, long cx, long cy) => Package.DrawingXml(p, n, cx, cy);

    /// <summary>The eight bytes every PNG file starts with.</summary>
    public static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // ClosedXML names package-level relationships "R" and 16 hex digits from a new Guid.
    [GeneratedRegex("^R[0-9a-f]{16}$", RegexOptions.None, 1000)]
    private static partial Regex RandomId();

    private sealed class Package(List<(string Name, byte[] Data)> parts)
    {
        private readonly List<(string Name, byte[] Data)> parts = parts;

        public void DropCoreProperties()
        {
            var rels = Xml("_rels/.rels");
            foreach (var r in rels.Root!.Elements(XName.Get("Relationship", PackageRelNs)).Where(r => (string?)r.Attribute("Type") == CorePropertiesType).ToList())
            {
                var target = ((string?)r.Attribute("Target") ?? string.Empty).TrimStart('/');
                parts.RemoveAll(p => p.Name == target);
                r.Remove();
            }

            Set("_rels/.rels", rels);
        }

        /// <summary>Random relationship ids become rIdN after the highest numbered one of their .rels, in the order they stand; references in the source part follow.</summary>
        public void RenumberRandomIds()
        {
            foreach (var relsName in parts.Select(p => p.Name).Where(n => n.EndsWith(".rels", StringComparison.Ordinal)).ToList())
            {
                var rels = Xml(relsName);
                var all = rels.Root!.Elements(XName.Get("Relationship", PackageRelNs)).ToList();
                var random = all.Where(r => RandomId().IsMatch((string?)r.Attribute("Id") ?? string.Empty)).ToList();
                if (random.Count == 0)
                {
                    continue;
                }

                var next = all.Select(r => (string?)r.Attribute("Id") ?? string.Empty)
                    .Select(id => id.StartsWith("rId", StringComparison.Ordinal) && int.TryParse(id.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : 0)
                    .DefaultIfEmpty(0).Max();
                var source = Source(relsName);
                var text = source is null ? null : Encoding.UTF8.GetString(Data(source));
                foreach (var r in random)
                {
                    var old = (string)r.Attribute("Id")!;
                    var id = string.Create(CultureInfo.InvariantCulture, $"rId{++next}");
                    r.SetAttributeValue("Id", id);
                    text = text?.Replace($"\"{old}\"", $"\"{id}\"", StringComparison.Ordinal);
                }

                Set(relsName, rels);
                if (source is not null)
                {
                    Set(source, Encoding.UTF8.GetBytes(text!));
                }
            }
        }

        public void AddPicture(SheetPicture p, int n)
        {
            var (w, h) = PngSize(p.Png);
            var sheet = SheetPart(p.Sheet);
            var cx = p.WidthPixels * EmuPerPixel;
            var cy = (long)Math.Round((double)p.WidthPixels * h / w) * EmuPerPixel;
            var media = string.Create(CultureInfo.InvariantCulture, $"xl/media/image{n}.png");
            var drawing = string.Create(CultureInfo.InvariantCulture, $"xl/drawings/drawing{n}.xml");
            Set(media, p.Png);
            Set(drawing, Encoding.UTF8.GetBytes(DrawingXml(p, n, cx, cy)));
            Set(RelsOf(drawing), Encoding.UTF8.GetBytes(
                $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{PackageRelNs}"><Relationship Id="rId1" Type="{ImageType}" Target="../media/image{n.ToString(CultureInfo.InvariantCulture)}.png"/></Relationships>"""));

            // The sheet's relationship to its drawing, and the <drawing> in its place in the sheet's element order.
            var sheetRels = RelsOf(sheet);
            var rels = Has(sheetRels) ? Xml(sheetRels) : new XDocument(new XElement(XName.Get("Relationships", PackageRelNs)));
            var taken = rels.Root!.Elements(XName.Get("Relationship", PackageRelNs)).Select(r => (string?)r.Attribute("Id")).ToHashSet(StringComparer.Ordinal);
            var k = 1;
            while (taken.Contains(string.Create(CultureInfo.InvariantCulture, $"rId{k}")))
            {
                k++;
            }

            var rid = string.Create(CultureInfo.InvariantCulture, $"rId{k}");
            rels.Root.Add(new XElement(XName.Get("Relationship", PackageRelNs), new XAttribute("Id", rid), new XAttribute("Type", DrawingType), new XAttribute("Target", "../drawings/" + Path.GetFileName(drawing))));
            Set(sheetRels, rels);

            var ws = Xml(sheet);
            var root = ws.Root!;
            if (root.GetPrefixOfNamespace(RelNs) is null)
            {
                root.SetAttributeValue(XNamespace.Xmlns + "r", RelNs);
            }

            var element = new XElement(XName.Get("drawing", MainNs), new XAttribute(XName.Get("id", RelNs), rid));
            var before = root.Elements().FirstOrDefault(e => e.Name.NamespaceName == MainNs && AfterDrawing.Contains(e.Name.LocalName));
            if (before is null)
            {
                root.Add(element);
            }
            else
            {
                before.AddBeforeSelf(element);
            }

            Set(sheet, ws);

            var types = Xml("[Content_Types].xml");
            var tr = types.Root!;
            if (!tr.Elements(XName.Get("Default", ContentTypesNs)).Any(d => string.Equals((string?)d.Attribute("Extension"), "png", StringComparison.OrdinalIgnoreCase)))
            {
                tr.AddFirst(new XElement(XName.Get("Default", ContentTypesNs), new XAttribute("Extension", "png"), new XAttribute("ContentType", "image/png")));
            }

            tr.Add(new XElement(XName.Get("Override", ContentTypesNs), new XAttribute("PartName", "/" + drawing), new XAttribute("ContentType", DrawingContentType)));
            Set("[Content_Types].xml", types);
        }

        public byte[] Write()
        {
            using var stream = new MemoryStream();
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            {
                // [Content_Types].xml first, as Office writes it; then the parts in ClosedXML's order, new parts last.
                foreach (var (name, data) in parts.OrderBy(p => p.Name == "[Content_Types].xml" ? 0 : 1))
                {
                    var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                    entry.LastWriteTime = EntryTime;
                    using var s = entry.Open();
                    s.Write(data);
                }
            }

            return stream.ToArray();
        }

        /// <summary>
        /// The drawing part: one rectangle anchored at its cell and filled with the picture (DrawingML's picture fill,
        /// a:blipFill in the shape's properties). Not an xdr:pic: ClosedXML 0.95.4, reading a workbook, hands every
        /// xdr:pic (any xdr:blipFill under an anchor) to System.Drawing, which needs libgdiplus, so a workbook with one
        /// would no longer open in ClosedXML here; a picture-filled shape it leaves alone, and Excel and LibreOffice
        /// show it as the picture.
        /// </summary>
        internal static string DrawingXml(SheetPicture p, int n, long cx, long cy)
        {
            var name = System.Security.SecurityElement.Escape(p.Name);
            return string.Create(CultureInfo.InvariantCulture, $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?><xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="{RelNs}"><xdr:oneCellAnchor><xdr:from><xdr:col>{p.Column - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{p.Row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="{cx}" cy="{cy}"/><xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="{n + 1}" name="{name}" descr="{name}"/><xdr:cNvSpPr><a:spLocks noChangeAspect="1"/></xdr:cNvSpPr></xdr:nvSpPr><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></a:blipFill><a:ln><a:noFill/></a:ln></xdr:spPr></xdr:sp><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>
                """);
        }

        /// <summary>The worksheet part of a sheet name, through workbook.xml and its relationships.</summary>
        private string SheetPart(string sheetName)
        {
            var book = Xml("xl/workbook.xml");
            var sheet = book.Descendants(XName.Get("sheet", MainNs)).FirstOrDefault(s => (string?)s.Attribute("name") == sheetName)
                ?? throw new InvalidOperationException($"the workbook has no sheet '{sheetName}' to put a picture on");
            var id = (string)sheet.Attribute(XName.Get("id", RelNs))!;
            var target = (string)Xml("xl/_rels/workbook.xml.rels").Root!.Elements(XName.Get("Relationship", PackageRelNs)).First(r => (string?)r.Attribute("Id") == id).Attribute("Target")!;
            return target.StartsWith('/') ? target[1..] : "xl/" + target;
        }

        private static string RelsOf(string part) => $"{Path.GetDirectoryName(part)!.Replace('\\', '/')}/_rels/{Path.GetFileName(part)}.rels";

        /// <summary>The part a .rels file belongs to (dir/_rels/name.rels is name's), or null for the package's own.</summary>
        private static string? Source(string rels)
        {
            if (rels == "_rels/.rels")
            {
                return null;
            }

            var dir = Path.GetDirectoryName(Path.GetDirectoryName(rels))!.Replace('\\', '/');
            var name = Path.GetFileName(rels)[..^".rels".Length];
            return dir.Length == 0 ? name : dir + "/" + name;
        }

        private bool Has(string name) => parts.Exists(p => p.Name == name);

        private byte[] Data(string name) => parts.First(p => p.Name == name).Data;

        private XDocument Xml(string name)
        {
            using var s = new MemoryStream(Data(name));
            return XDocument.Load(s, LoadOptions.PreserveWhitespace);
        }

        private void Set(string name, XDocument xml)
        {
            using var m = new MemoryStream();
            using (var w = XmlWriter.Create(m, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
            {
                xml.Save(w);
            }

            Set(name, m.ToArray());
        }

        private void Set(string name, byte[] data)
        {
            var i = parts.FindIndex(p => p.Name == name);
            if (i >= 0)
            {
                parts[i] = (name, data);
            }
            else
            {
                parts.Add((name, data));
            }
        }
    }
}
