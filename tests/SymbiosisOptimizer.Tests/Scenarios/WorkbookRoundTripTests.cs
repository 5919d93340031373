using System.Text.Json;
using ClosedXML.Excel;
using SymbiosisOptimizer.Scenarios;
using SymbiosisOptimizer.Scenarios.Excel;
using LoadOptions = SymbiosisOptimizer.Scenarios.LoadOptions;

namespace SymbiosisOptimizer.Tests.Scenarios;

/// <summary>
/// The Excel route without YAML: `template --from` writes every list, override, scenario and uncertain input into
/// rows of their own, no cell holds flow syntax, and loading the workbook gives the same region for the base and for
/// every named scenario. "The same region" is the whole model record compared as JSON, so nothing is left out.
/// </summary>
public sealed class WorkbookRoundTripTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "symbiosis-roundtrip-" + Guid.NewGuid().ToString("N"));

    public WorkbookRoundTripTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    public static TheoryData<string> WithProcesses() =>
    [
        "scenarios/varmland-dalarna", "scenarios/kalundborg", "scenarios/kronoberg-kalmar-water", "scenarios/lidkoping",
        "tests/fixtures/accounts", "tests/fixtures/biochar-process", "tests/fixtures/infeasible-water", "tests/fixtures/mcf-distribution-unlimited",
        "tests/fixtures/process-chain", "tests/fixtures/unbounded-process", "tests/fixtures/water-two-contaminants", "tests/fixtures/water-wang-smith",
        "tests/fixtures/tiny", "tests/fixtures/mandate-shortfall", "tests/fixtures/blend-quality",
    ];

    // Quantities as their exact text (value "R" in base units, with the unit); a dimension by its description, since
    // its derived properties (PerYear) would recurse for ever.
    private static readonly JsonSerializerOptions Canonical = new() { WriteIndented = true, Converters = { new QuantityText(), new DimensionText() } };

    private sealed class QuantityText : System.Text.Json.Serialization.JsonConverter<Domain.Quantities.Quantity>
    {
        public override Domain.Quantities.Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, Domain.Quantities.Quantity value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString() + " [" + value.Dimension.Describe() + "]");
    }

    private sealed class DimensionText : System.Text.Json.Serialization.JsonConverter<Domain.Quantities.Dimension>
    {
        public override Domain.Quantities.Dimension Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, Domain.Quantities.Dimension value, JsonSerializerOptions options) => writer.WriteStringValue(value.Describe());
    }

    private string Template(string scenario)
    {
        var diag = new DiagnosticBag();
        var tree = ScenarioLoader.ReadBaseTree(scenario, diag);
        Assert.NotNull(tree);
        var path = Path.Combine(dir, Path.GetFileName(scenario) + ".xlsx");
        File.WriteAllBytes(path, ExcelTemplate.Build(tree));
        return path;
    }

    [Theory]
    [MemberData(nameof(WithProcesses))]
    public void A_scenario_survives_the_workbook_with_its_scenarios_and_no_cell_needs_yaml(string relative)
    {
        var source = Path.Combine(TestPaths.Root, relative);
        var xlsx = Template(source);

        using (var wb = new XLWorkbook(xlsx))
        {
            var flow = wb.Worksheets.Where(w => w.Name != XlsxNodeReader.InstructionsSheet)
                .SelectMany(w => w.CellsUsed().Where(c => c.GetString().TrimStart() is ['[' or '{', ..]).Select(c => $"{w.Name}!{c.Address}: {c.GetString()}"))
                .ToList();
            Assert.True(flow.Count == 0, "cells in flow syntax: " + string.Join("; ", flow));
        }

        var yamlBase = ScenarioLoader.Load(source, new LoadOptions(ValidateAllScenarios: true));
        Assert.True(yamlBase.Succeeded, string.Join("\n", yamlBase.Errors));
        var names = new[] { ScenarioLoader.BaseScenario }.Concat(yamlBase.ScenarioNames).Distinct().ToList();
        foreach (var name in names)
        {
            var yaml = ScenarioLoader.Load(source, new LoadOptions(name));
            var book = ScenarioLoader.Load(xlsx, new LoadOptions(name));
            Assert.True(book.Succeeded, $"{relative} scenario {name}: " + string.Join("\n", book.Errors));
            Assert.Equal(yaml.AppliedOverrides.ToArray(), book.AppliedOverrides.ToArray());
            Assert.Equal(JsonSerializer.Serialize(yaml.Region, Canonical), JsonSerializer.Serialize(book.Region, Canonical));
        }
    }

    [Fact]
    public void Rows_on_a_list_sheet_that_name_no_known_item_are_located_errors()
    {
        var xlsx = Template(TestPaths.Fixture("biochar-process"));
        using (var wb = new XLWorkbook(xlsx))
        {
            var ws = wb.Worksheet("process inputs");
            ws.Cell(2, 1).SetValue("no-such-plant");
            wb.Save();
        }

        var load = ScenarioLoader.Load(xlsx);

        Assert.False(load.Succeeded);
        Assert.Contains(load.Errors, e => e.ToString().Contains("!process inputs!A2: error: process: 'no-such-plant' is not the id of a row on the sheet 'processes'", StringComparison.Ordinal));
    }

    [Fact]
    public void An_override_row_without_a_value_is_a_located_error()
    {
        var xlsx = Template(TestPaths.Fixture("tiny"));
        using (var wb = new XLWorkbook(xlsx))
        {
            var ws = wb.Worksheet(WorkbookLayout.OverridesSheet);
            ws.Cell(2, 3).Clear();
            wb.Save();
        }

        var load = ScenarioLoader.Load(xlsx);

        Assert.False(load.Succeeded);
        Assert.Contains(load.Errors, e => e.ToString().Contains("!overrides!B2: error: overrides: override 'tax-1000' gives no value for 'policies.landfillTax'", StringComparison.Ordinal));
    }

    [Fact]
    public void An_old_workbook_with_flow_syntax_in_its_cells_is_still_read()
    {
        // The tiny fixture's demand written the old way: accepts as YAML in one cell of the demands sheet.
        var xlsx = Template(TestPaths.Fixture("tiny"));
        using (var wb = new XLWorkbook(xlsx))
        {
            wb.Worksheet("demand accepts").Delete();
            var demands = wb.Worksheet("demands");
            var col = demands.Row(1).LastCellUsed().Address.ColumnNumber + 1;
            demands.Cell(1, col).SetValue("accepts");
            demands.Cell(2, col).SetValue("[{resource: foundry-sand, ratio: 1}]");
            wb.Save();
        }

        var load = ScenarioLoader.Load(xlsx);

        Assert.True(load.Succeeded, string.Join("\n", load.Errors));
        Assert.Equal("foundry-sand", Assert.Single(load.Region!.Demands[0].Accepts).ResourceId);
    }
}
