using System.Buffers.Binary;
using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using A = DocumentFormat.OpenXml.Drawing;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace SymbiosisOptimizer.Reports.Excel;

/// <summary>A PNG to place on a sheet with its top-left corner at a cell (0-based row and column), shown <paramref name="Width"/> px wide.</summary>
public sealed record SheetPicture(string Name, byte[] Png, int Row, int Column, int Width);

/// <summary>
/// Puts PNG pictures on a sheet of a saved workbook with the Open XML SDK. ClosedXML 0.95's own pictures read the image
/// through System.Drawing (native GDI+), which servers and CI lack; a drawing part written directly needs nothing native.
/// </summary>
public static class SheetPictures
{
    private const long EmuPerPixel = 9525;

    public static byte[] Add(byte[] workbook, string sheetName, IReadOnlyList<SheetPicture> pictures)
    {
        if (pictures.Count == 0)
        {
            return workbook;
        }

        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var doc = SpreadsheetDocument.Open(stream, isEditable: true))
        {
            var book = doc.WorkbookPart!;
            var sheet = book.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == sheetName);
            var part = (WorksheetPart)book.GetPartById(sheet.Id!);
            var drawings = part.AddNewPart<DrawingsPart>();
            var canvas = new Xdr.WorksheetDrawing();
            drawings.WorksheetDrawing = canvas;
            uint id = 1;
            foreach (var p in pictures)
            {
                var image = drawings.AddImagePart(ImagePartType.Png);
                using (var png = new MemoryStream(p.Png, writable: false))
                {
                    image.FeedData(png);
                }

                var (w, h) = Size(p.Png);
                var cx = p.Width * EmuPerPixel;
                var cy = (long)Math.Round((double)p.Width * h / w) * EmuPerPixel;
                canvas.Append(new Xdr.OneCellAnchor(
                    new Xdr.FromMarker(
                        new Xdr.ColumnId(p.Column.ToString(CultureInfo.InvariantCulture)), new Xdr.ColumnOffset("0"),
                        new Xdr.RowId(p.Row.ToString(CultureInfo.InvariantCulture)), new Xdr.RowOffset("0")),
                    new Xdr.Extent { Cx = cx, Cy = cy },
                    new Xdr.Picture(
                        new Xdr.NonVisualPictureProperties(
                            new Xdr.NonVisualDrawingProperties { Id = id++, Name = p.Name },
                            new Xdr.NonVisualPictureDrawingProperties(new A.PictureLocks { NoChangeAspect = true })),
                        new Xdr.BlipFill(new A.Blip { Embed = drawings.GetIdOfPart(image) }, new A.Stretch(new A.FillRectangle())),
                        new Xdr.ShapeProperties(
                            new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }),
                            new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })),
                    new Xdr.ClientData()));
            }

            // The schema fixes the order of a worksheet's children: the drawing goes before these, if present.
            var worksheet = part.Worksheet;
            var drawing = new Drawing { Id = part.GetIdOfPart(drawings) };
            var after = worksheet.ChildElements.FirstOrDefault(e => e is LegacyDrawing or LegacyDrawingHeaderFooter or Picture or OleObjects or Controls or WebPublishItems or TableParts or WorksheetExtensionList);
            if (after is null)
            {
                worksheet.Append(drawing);
            }
            else
            {
                worksheet.InsertBefore(drawing, after);
            }

            worksheet.Save();
        }

        return stream.ToArray();
    }

    /// <summary>Width and height from the PNG's IHDR chunk (bytes 16-23, big-endian).</summary>
    public static (int Width, int Height) Size(byte[] png) =>
        (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
}
