using System.IO.Compression;
using System.Xml.Linq;
using ClosedXML.Excel;
using SymbiosisOptimizer.Cli;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Charts;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Excel;
using SymbiosisOptimizer.Reports.Localization;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Tests.Reports;

/// <summary>report.xlsx shows the run's map on its own sheet, as a picture written into the package, and the same workbook is the same bytes.</summary>
[Collection(RunReportCollection.Name)]
public sealed class WorkbookMapTests(RunReportFixture run)
{
    private static readonly XNamespace Rel = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    // The PNG signature as the PNG specification (ISO/IEC 15948, 5.2) gives it.
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    [Fact]
    public void The_run_workbook_has_a_map_sheet_whose_picture_is_charts_flow_map_png()
    {
        Assert.True(run.ExitCode == ExitCodes.Ok, run.Output);
        var path = run.File("report.xlsx");
        using (var wb = new XLWorkbook(path))
        {
            Assert.True(wb.Worksheets.Contains(RunWorkbook.MapSheet), "report.xlsx has no Map sheet");
            Assert.Equal("Flow map of the chosen exchanges", wb.Worksheet(RunWorkbook.MapSheet).Cell(1, 1).GetString());
        }

        using var zip = ZipFile.OpenRead(path);
        var sheetPart = SheetPart(zip, RunWorkbook.MapSheet);

        // The sheet names its drawing by a relationship id, the drawing's part names the image by another.
        var sheet = Load(zip, sheetPart);
        var drawingId = (string)sheet.Root!.Element(Main + "drawing")!.Attribute(R + "id")!;
        var drawingPart = Resolve(sheetPart, Target(zip, RelsOf(sheetPart), drawingId, "/drawing"));
        var drawing = Load(zip, drawingPart);
        var blip = drawing.Descendants().Single(e => e.Name.LocalName == "blip");
        Assert.Single(drawing.Descendants(), e => e.Name.LocalName == "blipFill");
        var imagePart = Resolve(drawingPart, Target(zip, RelsOf(drawingPart), (string)blip.Attribute(R + "embed")!, "/image"));

        var image = Read(zip, imagePart);
        Assert.Equal(Signature, image[..8]);
        Assert.Equal(File.ReadAllBytes(run.File("charts", "flow-map.png")), image);

        // Both parts are declared: png by extension, the drawing by its part name.
        var types = Load(zip, "[Content_Types].xml").Root!.Elements().ToList();
        Assert.Contains(types, t => t.Name.LocalName == "Default" && (string?)t.Attribute("Extension") == "png" && (string?)t.Attribute("ContentType") == "image/png");
        Assert.Contains(types, t => t.Name.LocalName == "Override" && (string?)t.Attribute("PartName") == "/" + drawingPart
            && (string?)t.Attribute("ContentType") == "application/vnd.openxmlformats-officedocument.drawing+xml");
    }

    [Fact]
    public void The_swedish_workbook_calls_the_sheet_karta()
    {
        var report = TinyReport();
        var png = RunCharts.Build(report).Single(c => c.Name == RunCharts.FlowMap).Png;
        using var wb = new XLWorkbook(new MemoryStream(RunWorkbook.Build(report, Language.Sv, png)));
        Assert.True(wb.Worksheets.Contains("Karta"), string.Join(", ", wb.Worksheets.Select(w => w.Name)));
    }

    [Fact]
    public void The_same_run_gives_the_same_workbook_bytes()
    {
        var report = TinyReport();
        var png = RunCharts.Build(report).Single(c => c.Name == RunCharts.FlowMap).Png;
        var first = RunWorkbook.Build(report, Language.En, png);
        // ClosedXML stamps the time (to the tick) into its package and every zip entry; a later build must not differ.
        Thread.Sleep(2100);
        var second = RunWorkbook.Build(report, Language.En, png);
        Assert.Equal(first, second);

        using var zip = new ZipArchive(new MemoryStream(first));
        Assert.All(zip.Entries, e => Assert.Equal(new DateTime(2000, 1, 1), e.LastWriteTime.DateTime));
    }

    private static RunReport TinyReport()
    {
        var load = ScenarioLoader.Load(TestPaths.Fixture("tiny"));
        Assert.True(load.Succeeded, string.Join("\n", load.Errors));
        var document = RunPipeline.Solve(load.Region!, new RunProvenance(load.SourceFile, load.ScenarioName, load.AppliedOverrides), RunSettings.Default);
        return new RunReport(load.Region!, document);
    }

    /// <summary>The worksheet part of a sheet name: workbook.xml's sheet, its r:id, the workbook's relationship.</summary>
    private static string SheetPart(ZipArchive zip, string name)
    {
        var sheet = Load(zip, "xl/workbook.xml").Descendants(Main + "sheet").Single(s => (string?)s.Attribute("name") == name);
        return Resolve("xl/workbook.xml", Target(zip, "xl/_rels/workbook.xml.rels", (string)sheet.Attribute(R + "id")!, "/worksheet"));
    }

    private static string Target(ZipArchive zip, string rels, string id, string typeEnd)
    {
        var r = Load(zip, rels).Root!.Elements(Rel + "Relationship").Single(x => (string?)x.Attribute("Id") == id);
        Assert.EndsWith(typeEnd, (string)r.Attribute("Type")!, StringComparison.Ordinal);
        return (string)r.Attribute("Target")!;
    }

    /// <summary>A relationship target as a part name: absolute ("/xl/...") or relative to the source part's folder.</summary>
    private static string Resolve(string source, string target)
    {
        if (target.StartsWith('/'))
        {
            return target[1..];
        }

        var parts = source.Split('/')[..^1].ToList();
        foreach (var step in target.Split('/'))
        {
            if (step == "..")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else
            {
                parts.Add(step);
            }
        }

        return string.Join('/', parts);
    }

    private static string RelsOf(string part)
    {
        var slash = part.LastIndexOf('/');
        return $"{part[..slash]}/_rels/{part[(slash + 1)..]}.rels";
    }

    private static byte[] Read(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name);
        Assert.True(entry is not null, $"the package has no part {name}");
        using var s = entry.Open();
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }

    private static XDocument Load(ZipArchive zip, string name) => XDocument.Load(new MemoryStream(Read(zip, name)));
}
