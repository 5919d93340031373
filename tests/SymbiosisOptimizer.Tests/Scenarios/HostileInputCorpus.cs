using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using SymbiosisOptimizer.Scenarios;
using SymbiosisOptimizer.Scenarios.Excel;

namespace SymbiosisOptimizer.Tests.Scenarios;

/// <summary>
/// One hostile or careless input: <see cref="Build"/> writes it into an empty folder and returns the path to validate;
/// the validate command must refuse it with every text of <see cref="Expect"/> in its messages and none of
/// <see cref="Absent"/> (content of files outside the scenario that must never be printed).
/// </summary>
internal sealed record HostileCase(string Name, Func<string, string> Build, string[] Expect, string[]? Args = null, string[]? Absent = null, bool LinuxOnly = false)
{
    public override string ToString() => Name;
}

/// <summary>
/// The hostile-input corpus (issue 17), generated at test time rather than kept as files: YAML alias cycles and bombs,
/// deep nesting, extra documents, bad encodings, blank, huge and over-long values, every way out of the scenario
/// folder for a CSV table (.., absolute path, symbolic links, pipes, devices, folders), oversize files, and damaged or
/// hostile workbooks (not a zip, no workbook part, a DTD, a truncated sheet, a zip bomb, a far cell, formulas,
/// duplicate columns).
/// </summary>
internal static class HostileInputCorpus
{
    public const string Secret = "SECRET-CONTENT-NEVER-PRINTED";

    private const string ActorsBlock =
        "actors:\n  - {id: foundry, name: Foundry, kind: company, municipality: Karlstad, lat: 59.3799, lon: 13.5029}\n" +
        "  - {id: roads, name: Road works, kind: municipality, municipality: Kristinehamn, lat: 59.3114, lon: 14.1118}\n";

    private const string ActorsCsv = "id,name,kind,municipality,lat,lon\n" +
                                     "foundry,Foundry,company,Karlstad,59.3799,13.5029\n" +
                                     "roads,Road works,municipality,Kristinehamn,59.3114,14.1118\n";

    private static string Tiny => TempScenario.TinyText;

    public static IEnumerable<HostileCase> All() =>
    [
        // YAML structure
        Yaml("yaml-self-alias", Tiny + "extra: &x [*x]\n", "error: the alias '*x' is used inside the value '&x' it refers to"),
        Yaml("yaml-self-alias-in-map", Tiny + "extra: &x {a: *x}\n", "alias '*x' is used inside the value"),
        Yaml("yaml-deep-flow-nesting", Tiny + "extra: " + new string('[', 20_000) + new string(']', 20_000) + "\n", "nested more than 64 levels deep here (the limit)"),
        Yaml("yaml-deep-block-nesting", Tiny + string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', 2 * i) + "k:\n")) + new string(' ', 400) + "v\n",
            "nested more than 64 levels deep here (the limit)"),
        Yaml("yaml-billion-laughs", Tiny + BillionLaughs(), "more than 1 000 000 values once its aliases (*name) are expanded (the limit)"),
        Yaml("yaml-too-many-aliases", Tiny + "one: &a 1\nmany: [" + string.Join(", ", Enumerable.Repeat("*a", 10_001)) + "]\n", "more than 10 000 aliases (*name) (the limit)"),
        Yaml("yaml-unknown-alias", Tiny + "extra: *nowhere\n", "error: this is not valid YAML"),
        Yaml("yaml-second-document", Tiny + "---\nregion: {name: Other}\n", $"scenario.yaml:{Tiny.Count(c => c == '\n') + 1}:1: error: a second YAML document starts here"),
        Yaml("yaml-too-long-list", Tiny + "extra: [" + string.Join(',', Enumerable.Repeat("1", 100_001)) + "]\n", "extra: the list has 100 001 items; the most is 100 000 (the limit)"),
        Yaml("yaml-too-long-text", TempScenario.Edit(Tiny, ("name: Tiny", "name: " + new string('x', 40_000))),
            "region.name: the text is 40 000 characters long; the most is 32 767 (the limit"),
        Yaml("yaml-too-long-key", Tiny + "? " + new string('k', 40_000) + "\n: 1\n", "the key is 40 000 characters long; the most is 32 767 (the limit)"),

        // Text
        new("yaml-latin1", f => Write(f, "scenario.yaml", Encoding.Latin1.GetBytes(TempScenario.Edit(Tiny, ("name: Tiny", "name: T\u00efny")))),
            ["scenario.yaml:3:10: error: cannot be read: byte ", "(0xEF) is not UTF-8"]),
        new("yaml-fifo", f =>
        {
            MakeFifo(Path.Combine(f, "pipe.yaml"));
            return Path.Combine(f, "pipe.yaml");
        }, ["pipe.yaml: error: cannot be read: the scenario file is not a regular file (a pipe, socket or device)"], LinuxOnly: true),
        new("yaml-oversize", f => Write(f, "scenario.yaml", Tiny + "# " + new string('x', 17 * 1024 * 1024) + "\n"),
            ["error: the scenario file is too large (more than 16 MiB, the limit"]),
        Yaml("yaml-blank-optional-price", TempScenario.Edit(Tiny, ("price: 10 EUR/t", "price: ")), "source.price: is blank; give"),
        Yaml("yaml-blank-required-quantity", TempScenario.Edit(Tiny, ("quantity: 5 kt/yr", "quantity:")), "supplies[sand].quantity: is blank; give"),
        Yaml("yaml-huge-quantity", TempScenario.Edit(Tiny, ("quantity: 8 kt/yr", "quantity: 9e307 kt/yr")), "'9e307 kt/yr' is too large; a number may be at most 1e15"),
        Yaml("yaml-huge-share", TempScenario.Edit(Tiny, ("discountRate: 5 %", "discountRate: 1e300 %")), "region.discountRate: '1e300 %' is too large"),
        Yaml("yaml-huge-transport-cost", TempScenario.Edit(Tiny, ("cost: 1.5 SEK/t.km", "cost: -2e20 SEK/t.km")), "'-2e20 SEK/t.km' is too large"),
        Yaml("yaml-huge-plain-number", TempScenario.Edit(Tiny, ("circuity: 1.0", "circuity: 1e16")), "region.circuity: '1e16' is too large"),

        // Names that become folders
        Yaml("scenario-name-with-dots", TempScenario.Edit(Tiny, ("  high-tax: [tax-1000]", "  ../../escape: [tax-1000]")), "scenarios: '../../escape' is not a plain name"),
        Yaml("override-name-with-slash", TempScenario.Edit(Tiny, ("  eow:\n", "  \"e/o/w\":\n")), "overrides: 'e/o/w' is not a plain name"),
        new("scenario-option-escapes", f => Write(f, "scenario.yaml", Tiny), ["--scenario: '../../etc' is not a plain name"], Args: ["--scenario", "../../etc"]),

        // CSV tables: staying inside the folder
        Csv("csv-dotdot", "../" + OutsideName, f => WriteOutside(f), "leaves the scenario's folder ('..')"),
        Csv("csv-absolute", "/etc/passwd", _ => { }, "actors.csv: '/etc/passwd' is an absolute path", absent: "root:"),
        Csv("csv-dev-zero", "/dev/zero", _ => { }, "'/dev/zero' is an absolute path"),
        Csv("csv-symlink-out", "link.csv", f => File.CreateSymbolicLink(Path.Combine(f, "link.csv"), WriteOutside(f)), "'link.csv' is a symbolic link to a file outside the scenario's folder", linuxOnly: true),
        Csv("csv-symlink-dev-zero", "zero.csv", f => File.CreateSymbolicLink(Path.Combine(f, "zero.csv"), "/dev/zero"), "is a symbolic link to a file outside", linuxOnly: true),
        Csv("csv-symlinked-folder-out", "sub/x.csv", f =>
        {
            var outside = Path.GetDirectoryName(WriteOutside(f))!;
            Directory.CreateSymbolicLink(Path.Combine(f, "sub"), outside);
            File.Copy(Path.Combine(outside, OutsideName), Path.Combine(outside, "x.csv"), overwrite: true);
        }, "'sub/x.csv' is a symbolic link to a file outside", linuxOnly: true),
        Csv("csv-symlink-loop", "loop.csv", f =>
        {
            File.CreateSymbolicLink(Path.Combine(f, "loop.csv"), Path.Combine(f, "loop2.csv"));
            File.CreateSymbolicLink(Path.Combine(f, "loop2.csv"), Path.Combine(f, "loop.csv"));
        }, "cannot be followed (a loop, or too many links)", linuxOnly: true),
        Csv("csv-fifo", "pipe.csv", f => MakeFifo(Path.Combine(f, "pipe.csv")), "is not a regular file (a pipe, socket or device)", linuxOnly: true),
        Csv("csv-folder", "tables", f => Directory.CreateDirectory(Path.Combine(f, "tables")), "is a folder, not a file"),

        // CSV tables: content
        Csv("csv-oversize", "actors.csv", f => Write(f, "actors.csv", ActorsCsv + new string('#', 17 * 1024 * 1024)), "is too large (more than 16 MiB, the limit"),
        Csv("csv-latin1", "actors.csv", f => Write(f, "actors.csv", Encoding.Latin1.GetBytes(ActorsCsv.Replace("Karlstad", "K\u00e4rlstad", StringComparison.Ordinal))),
            "actors.csv:2:26: error: cannot be read: byte "),
        Csv("csv-duplicate-header", "actors.csv", f => Write(f, "actors.csv", ActorsCsv.Replace(",lon\n", ",lat\n", StringComparison.Ordinal)),
            "lat: the column 'lat' appears twice in the header", absent: "unknown actor"),
        Csv("csv-too-many-columns", "actors.csv", f => Write(f, "actors.csv", string.Join(',', Enumerable.Range(0, 300).Select(i => $"c{i}")) + "\n"),
            "this row has more than 256 cells (the limit)"),
        Csv("csv-too-many-rows", "actors.csv", f => Write(f, "actors.csv", "id\n" + string.Concat(Enumerable.Repeat("x\n", 100_005))),
            "the CSV file has more than 100 000 rows (the limit)"),
        Csv("csv-deep-header", "actors.csv", f => Write(f, "actors.csv", string.Join('.', Enumerable.Repeat("a", 5000)) + "\n1\n"),
            "nests more than 64 levels (the limit)"),
        Csv("csv-huge-number", "actors.csv", f => Write(f, "actors.csv", ActorsCsv.Replace("59.3799", "9e307", StringComparison.Ordinal)),
            "actors.csv:2:34: error: actors[foundry].lat: '9e307' is too large"),

        // Workbooks
        new("xlsx-not-a-zip", f => Write(f, "book.xlsx", Encoding.UTF8.GetBytes("this is no workbook\n" + Secret)), ["book.xlsx: error: cannot be read: "], Absent: [Secret]),
        new("xlsx-truncated-zip", f => Write(f, "book.xlsx", Template(f)[..(Template(f).Length / 2)]), ["book.xlsx: error: cannot be read: "]),
        new("xlsx-oversize", f => Write(f, "book.xlsx", new byte[(33 * 1024 * 1024) + 1]), ["cannot be read: the workbook is too large", "32 MiB, the limit"]),
        new("xlsx-no-workbook-part", f => Zip(f, ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")),
            ["cannot be read: it has no workbook part (xl/workbook.xml)"]),
        new("xlsx-dtd", f => Rewrite(f, "xl/workbook.xml", x => x.Replace("?>", "?><!DOCTYPE w [<!ENTITY lol \"lol\">]>", StringComparison.Ordinal)),
            ["cannot be read: the part 'xl/workbook.xml' declares a DTD (<!DOCTYPE>)"]),
        new("xlsx-truncated-sheet", f => Rewrite(f, FirstSheetPart, x => x[..(x.Length / 2)]),
            ["cannot be read: the part 'xl/worksheets/", "is not well-formed XML"]),
        new("xlsx-zip-bomb", f => AddEntry(f, "xl/media/bomb.bin", 100L * 1024 * 1024),
            ["cannot be read: the part 'xl/media/bomb.bin' unpacks to 104 857 600 bytes; the most is 64 MiB per part (the limit)"]),
        new("xlsx-too-many-parts", f => AddEntries(f, 1001), ["parts; the most is 1 000 (the limit)"]),
        new("xlsx-far-cell", f => EditBook(f, wb => wb.Worksheet("actors").Cell(1_048_576, 1).Value = 1),
            ["book.xlsx!actors!A1048576: error: cannot be read: the sheet reaches row 1 048 576", "at most 100 000 rows and 256 columns (the limit)"]),
        new("xlsx-formula", f => EditBook(f, wb => wb.Worksheet("actors").Cell(2, 5).FormulaA1 = "=1+1"),
            ["book.xlsx!actors!E2: error: cannot be read: cell E2 holds a formula; type the value"]),
        new("xlsx-duplicate-header", f => EditBook(f, wb => wb.Worksheet("actors").Cell(1, 7).Value = "lat"),
            ["book.xlsx!actors!G1: error: lat: the column 'lat' appears twice in the header (first at ", "book.xlsx!actors!F1); each column may be given once"],
            Absent: ["actors: is missing", "unknown actor"]),
        new("xlsx-too-long-text", f => Rewrite(f, "xl/sharedStrings.xml", x => x.Replace(">Foundry<", ">" + new string('x', 40_000) + "<", StringComparison.Ordinal)),
            ["book.xlsx!actors!B2: error: actors.name: the text is 40 000 characters long; the most is 32 767 (the limit"]),
        new("xlsx-huge-number", f => EditBook(f, wb => wb.Worksheet("actors").Cell(2, 6).Value = 9e307),
            ["book.xlsx!actors!F2: error: actors[foundry].lat: '9E+307' is too large"]),
    ];

    private static string OutsideName => "outside-" + Environment.ProcessId + ".csv";

    private static string FirstSheetPart => "xl/worksheets/sheet2.xml";

    private static HostileCase Yaml(string name, string text, params string[] expect) =>
        new(name, f => Write(f, "scenario.yaml", text), expect);

    private static HostileCase Csv(string name, string reference, Action<string> setup, string expect, string? absent = null, bool linuxOnly = false) =>
        new(name, f =>
        {
            setup(f);
            return Write(f, "scenario.yaml", TempScenario.Edit(Tiny, (ActorsBlock, $"actors: {{csv: '{reference}'}}\n")));
        }, [expect], Absent: [Secret, .. absent is null ? [] : new[] { absent }], LinuxOnly: linuxOnly);

    /// <summary>Nine lines that would expand to a billion values.</summary>
    private static string BillionLaughs()
    {
        var sb = new StringBuilder("lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 9; i++)
        {
            sb.Append($"lol{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]\n");
        }

        return sb.ToString();
    }

    private static string Write(string folder, string name, string text) => Write(folder, name, Encoding.UTF8.GetBytes(text));

    private static string Write(string folder, string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return name.EndsWith(".xlsx", StringComparison.Ordinal) ? path : folder;
    }

    /// <summary>A file next to (not inside) the scenario folder, holding text that must never be printed.</summary>
    private static string WriteOutside(string folder)
    {
        var outside = Path.Combine(Path.GetDirectoryName(folder)!, Path.GetFileName(folder) + "-outside");
        Directory.CreateDirectory(outside);
        var path = Path.Combine(outside, OutsideName);
        File.WriteAllText(path, Secret + "\n" + Secret + "\n");
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(folder)!, OutsideName), Secret + "\n");
        return path;
    }

    private static void MakeFifo(string path)
    {
        using var p = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    /// <summary>The tiny fixture as a workbook from `symbiosis template`.</summary>
    private static byte[] Template(string folder)
    {
        var path = Path.Combine(folder, "template.xlsx");
        if (!File.Exists(path))
        {
            var tree = ScenarioLoader.ReadBaseTree(TestPaths.Fixture("tiny"), new DiagnosticBag());
            File.WriteAllBytes(path, ExcelTemplate.Build(tree));
        }

        return File.ReadAllBytes(path);
    }

    private static string Book(string folder)
    {
        var path = Path.Combine(folder, "book.xlsx");
        File.WriteAllBytes(path, Template(folder));
        return path;
    }

    private static string EditBook(string folder, Action<XLWorkbook> edit)
    {
        var path = Book(folder);
        using (var wb = new XLWorkbook(path))
        {
            edit(wb);
            wb.Save();
        }

        return path;
    }

    private static string Zip(string folder, params (string Name, string Text)[] entries)
    {
        var path = Path.Combine(folder, "book.xlsx");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, text) in entries)
        {
            using var w = new StreamWriter(zip.CreateEntry(name).Open());
            w.Write(text);
        }

        return path;
    }

    private static string Rewrite(string folder, string entry, Func<string, string> change)
    {
        var path = Book(folder);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var e = zip.GetEntry(entry) ?? throw new InvalidOperationException($"the template has no {entry}");
        string text;
        using (var r = new StreamReader(e.Open()))
        {
            text = r.ReadToEnd();
        }

        e.Delete();
        using var w = new StreamWriter(zip.CreateEntry(entry).Open());
        w.Write(change(text));
        return path;
    }

    /// <summary>An entry of <paramref name="bytes"/> zero bytes: it compresses to almost nothing.</summary>
    private static string AddEntry(string folder, string entry, long bytes)
    {
        var path = Book(folder);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        using var s = zip.CreateEntry(entry, CompressionLevel.Fastest).Open();
        var block = new byte[1024 * 1024];
        for (long n = 0; n < bytes; n += block.Length)
        {
            s.Write(block, 0, (int)Math.Min(block.Length, bytes - n));
        }

        return path;
    }

    private static string AddEntries(string folder, int count)
    {
        var path = Book(folder);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        for (var i = 0; i < count; i++)
        {
            zip.CreateEntry($"xl/extra/{i}.bin").Open().Dispose();
        }

        return path;
    }

    /// <summary>A located line: file:line:column, or a workbook cell, or the file itself, then ": error: ".</summary>
    public static readonly Regex Located = new(@"^(\S+:\d+:\d+|\S+\.xlsx(![^!]+![A-Z]+\d+)?|\S+\.(yaml|csv)): error: ", RegexOptions.Multiline);
}
