using System.Text.Json;
using System.Text.Json.Serialization;
using ClosedXML.Excel;
using SymbiosisOptimizer.Cli;
using SymbiosisOptimizer.Domain.Quantities;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Tests.Scenarios;

/// <summary>`symbiosis template --company` and `symbiosis collect`: per-firm workbooks out, merged scenario back.</summary>
public sealed class CollectTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "symbiosis-collect-" + Guid.NewGuid().ToString("N"));

    public CollectTests() => Directory.CreateDirectory(dir);

    public void Dispose()
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    public static TheoryData<string> Bundled => ["varmland-dalarna", "kalundborg", "kronoberg-kalmar-water", "lidkoping"];

    private string Firm(string scenario, string actor)
    {
        var file = Path.Combine(dir, $"{scenario}-{actor}.xlsx");
        var (code, _, err) = CliHarness.Run("template", "--company", actor, "--from", TestPaths.Scenario(scenario), "--out", file);
        Assert.True(code == ExitCodes.Ok, err);
        return file;
    }

    /// <summary>Every firm's workbook, returned unchanged and collected, gives back the same region (compared field by field as JSON) and no change.</summary>
    [Theory]
    [MemberData(nameof(Bundled))]
    public void A_collect_round_trip_reproduces_the_scenario(string scenario)
    {
        var source = TestPaths.Scenario(scenario);
        var original = TestPaths.Load(source);
        var files = original.Actors.Select(a => Firm(scenario, a.Id)).ToArray();
        var outDir = Path.Combine(dir, scenario + "-merged");
        var (code, stdout, err) = CliHarness.Run(["collect", source, .. files, "--out", outDir]);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Contains("no changes", File.ReadAllText(Path.Combine(outDir, "changes.txt")), StringComparison.Ordinal);
        var merged = TestPaths.Load(Path.Combine(outDir, "scenario.yaml"));
        Assert.Equal(Canonical(original), Canonical(merged));
        Assert.Contains("unchanged", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_firm_workbook_holds_only_that_firms_own_rows()
    {
        var file = Firm("kalundborg", "gyproc");
        using var wb = new XLWorkbook(file);
        var actors = wb.Worksheet("actors");
        Assert.Equal("gyproc", actors.Cell(2, 1).GetString());
        Assert.True(actors.Cell(3, 1).IsEmpty());
        Assert.True(wb.Worksheet("supplies").Cell(2, 1).IsEmpty()); // gyproc supplies nothing
        Assert.Equal("gypsum-gyproc", wb.Worksheet("demands").Cell(2, 1).GetString());
        Assert.True(wb.Worksheet("demands").Cell(3, 1).IsEmpty());
        foreach (var facilitators in new[] { "region", "resources", "transport", "permits", "policies" })
        {
            Assert.True(wb.Worksheet(facilitators).Cell(2, 1).IsEmpty(), facilitators);
        }
    }

    [Fact]
    public void An_unknown_company_is_refused_with_the_valid_ids()
    {
        var (code, _, err) = CliHarness.Run("template", "--company", "nobody", "--from", TestPaths.Scenario("kalundborg"), "--out", Path.Combine(dir, "x.xlsx"));
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("asnaes, refinery, novo, gyproc", err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "x.xlsx")));
    }

    /// <summary>A changed cost is merged and reported against the previous value, at the cell that changed it (by hand: gyproc's price 250 DKK/t set to 260 DKK/t).</summary>
    [Fact]
    public void A_changed_value_is_merged_and_reported()
    {
        var file = Firm("kalundborg", "gyproc");
        int column;
        using (var wb = new XLWorkbook(file))
        {
            var ws = wb.Worksheet("demands");
            column = ws.Row(1).CellsUsed().First(c => c.GetString() == "source.price").Address.ColumnNumber;
            ws.Cell(2, column).SetValue("260 DKK/t");
            wb.Save();
        }

        var outDir = Path.Combine(dir, "changed");
        var (code, stdout, err) = CliHarness.Run("collect", TestPaths.Scenario("kalundborg"), file, "--out", outDir);
        Assert.True(code == ExitCodes.Ok, err);
        var cell = SourceLocation.ColumnLetters(column) + "2";
        Assert.Contains($"demands!{cell}: gyproc: demands 'gypsum-gyproc' source.price: 250 DKK/t -> 260 DKK/t", stdout, StringComparison.Ordinal);
        var merged = TestPaths.Load(Path.Combine(outDir, "scenario.yaml"));
        Assert.Equal(260, merged.Demands.Single(d => d.Id == "gypsum-gyproc").Source.Price.Value, 9);
        Assert.Equal(250, TestPaths.Load(TestPaths.Scenario("kalundborg")).Demands.Single(d => d.Id == "gypsum-gyproc").Source.Price.Value, 9);
    }

    /// <summary>A row about another actor is refused at its sheet!cell, and nothing is written.</summary>
    [Fact]
    public void A_row_about_another_actor_is_refused_with_its_cell()
    {
        var file = Firm("kalundborg", "gyproc");
        using (var wb = new XLWorkbook(file))
        {
            var ws = wb.Worksheet("supplies");
            var header = ws.Row(1).CellsUsed().ToDictionary(c => c.GetString(), c => c.Address.ColumnNumber);
            ws.Cell(2, header["id"]).SetValue("sneaky");
            ws.Cell(2, header["actor"]).SetValue("asnaes");
            ws.Cell(2, header["resource"]).SetValue("fly-ash");
            ws.Cell(2, header["quantity"]).SetValue("1 kt/yr");
            wb.Save();
        }

        var outDir = Path.Combine(dir, "refused");
        var (code, _, err) = CliHarness.Run("collect", TestPaths.Scenario("kalundborg"), file, "--out", outDir);
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains($"supplies!{SourceLocation.ColumnLetters(2)}2", err, StringComparison.Ordinal);
        Assert.Contains("actor 'asnaes'", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any());
    }

    /// <summary>The region as comparable text: every record field, quantities as value and dimension (JSON of the public properties).</summary>
    private static string Canonical(Domain.Model.Region region) =>
        JsonSerializer.Serialize(region, new JsonSerializerOptions { WriteIndented = true, Converters = { new DimensionAsText() } });

    /// <summary>A dimension as its description ("mass per year"): its derived properties (PerYear, ...) would recurse.</summary>
    private sealed class DimensionAsText : JsonConverter<Dimension>
    {
        public override Dimension Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, Dimension value, JsonSerializerOptions options) => writer.WriteStringValue(value.Describe());
    }
}
