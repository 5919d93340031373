using ClosedXML.Excel;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Scenarios;
using SymbiosisOptimizer.Scenarios.Excel;

namespace SymbiosisOptimizer.Tests.Scenarios;

public sealed class ExcelTemplateTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "symbiosis-template-" + Guid.NewGuid().ToString("N"));

    public ExcelTemplateTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string TemplateFrom(string scenario, string name)
    {
        var diag = new DiagnosticBag();
        var tree = ScenarioLoader.ReadBaseTree(scenario, diag);
        Assert.NotNull(tree);
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, ExcelTemplate.Build(tree));
        return path;
    }

    [Fact]
    public void The_empty_template_has_every_sheet_with_notes_and_choice_lists()
    {
        var path = Path.Combine(dir, "blank.xlsx");
        File.WriteAllBytes(path, ExcelTemplate.Build());
        using var wb = new XLWorkbook(path);
        Assert.Equal(
            ["instructions", "region", "resources", "resource properties", "actors", "supplies", "demands", "demand accepts", "processes", "process inputs", "process outputs",
             "transport", "distances", "permits", "links", "decisions", "groups", "group members", "policies", "procurement", "objective", "uncertainty", "overrides", "override items", "scenarios"],
            wb.Worksheets.Select(w => w.Name));
        var actors = wb.Worksheet("actors");
        var kind = actors.Row(1).CellsUsed().Single(c => c.GetString() == "kind");
        Assert.True(kind.HasComment);
        Assert.Contains(actors.DataValidations, v => v.Ranges.Any(r => r.RangeAddress.FirstAddress.ColumnNumber == kind.Address.ColumnNumber));
    }

    [Fact]
    public void Tiny_round_trips_through_the_template_to_the_same_region()
    {
        var yaml = TestPaths.Load(TestPaths.Fixture("tiny"));
        var xlsx = TestPaths.Load(TemplateFrom(TestPaths.Fixture("tiny"), "tiny.xlsx"));

        Assert.Equal(yaml.Name, xlsx.Name);
        Assert.Equal(yaml.Economics.Currency, xlsx.Economics.Currency);
        Assert.Equal(yaml.Economics.DiscountRate, xlsx.Economics.DiscountRate);
        Assert.Equal(yaml.Economics.HorizonYears, xlsx.Economics.HorizonYears);
        Assert.Equal(yaml.Economics.Circuity, xlsx.Economics.Circuity);
        Assert.Equal(yaml.Actors.ToList(), xlsx.Actors.ToList());
        Assert.Equal(yaml.Resources.Select(r => (r.Id, r.Name, r.Category, r.UnitText, r.WasteStatus, string.Join(",", r.Properties.Select(p => p.Id)))),
            xlsx.Resources.Select(r => (r.Id, r.Name, r.Category, r.UnitText, r.WasteStatus, string.Join(",", r.Properties.Select(p => p.Id)))));
        Assert.Equal(yaml.Supplies.Select(s => (s.Id, s.ActorId, s.ResourceId, s.Quantity, s.Route, string.Join(",", s.Quality.Select(q => $"{q.Key}={q.Value}")))),
            xlsx.Supplies.Select(s => (s.Id, s.ActorId, s.ResourceId, s.Quantity, s.Route, string.Join(",", s.Quality.Select(q => $"{q.Key}={q.Value}")))));
        Assert.Equal(yaml.Demands.Select(d => (d.Id, d.ActorId, d.Quantity, d.Buyer, d.Source.Kind, d.Source.Price, string.Join(",", d.Accepts), string.Join(",", d.Limits))),
            xlsx.Demands.Select(d => (d.Id, d.ActorId, d.Quantity, d.Buyer, d.Source.Kind, d.Source.Price, string.Join(",", d.Accepts), string.Join(",", d.Limits))));
        Assert.Equal(yaml.TransportModes.Select(t => (t.Id, t.Cost, t.Emissions, t.MaxDistance)), xlsx.TransportModes.Select(t => (t.Id, t.Cost, t.Emissions, t.MaxDistance)));
        Assert.Equal(yaml.Distances.ToList(), xlsx.Distances.ToList());
        Assert.Equal(yaml.Permits.Select(p => (p.Id, p.Cost, p.LeadTime, string.Join(",", p.Resources))), xlsx.Permits.Select(p => (p.Id, p.Cost, p.LeadTime, string.Join(",", p.Resources))));
        Assert.Equal((yaml.Policies.LandfillTax, yaml.Policies.Co2Price, yaml.Policies.IncinerationTax), (xlsx.Policies.LandfillTax, xlsx.Policies.Co2Price, xlsx.Policies.IncinerationTax));
    }

    [Fact]
    public void The_bundled_scenario_round_trips_to_the_same_optimum()
    {
        var yaml = TestPaths.Load(TestPaths.Scenario("varmland-dalarna"));
        var xlsx = TestPaths.Load(TemplateFrom(TestPaths.Scenario("varmland-dalarna"), "vd.xlsx"));
        Assert.Equal(yaml.Actors.ToList(), xlsx.Actors.ToList());
        Assert.Equal(yaml.Processes.Length, xlsx.Processes.Length);
        var a = ExchangeOptimizer.Optimize(yaml, new OptimizeOptions());
        var b = ExchangeOptimizer.Optimize(xlsx, new OptimizeOptions());
        Assert.Equal(a.Kpis, b.Kpis);
        Assert.Equal(a.Exchanges.Select(e => (e.Source, e.Sink, e.Quantity)), b.Exchanges.Select(e => (e.Source, e.Sink, e.Quantity)));
    }

    [Fact]
    public void Errors_in_a_workbook_name_the_sheet_and_cell()
    {
        var path = TemplateFrom(TestPaths.Fixture("tiny"), "model.xlsx");
        using (var wb = new XLWorkbook(path))
        {
            var ws = wb.Worksheet("supplies");
            var col = ws.Row(1).CellsUsed().Single(c => c.GetString() == "quantity").Address.ColumnNumber;
            ws.Cell(2, col).SetValue("5 MWh/yr");
            wb.Save();
        }

        var load = ScenarioLoader.Load(path);
        Assert.False(load.Succeeded);
        var error = load.Errors.Single().ToString();
        Assert.StartsWith($"{load.SourceFile}!supplies!{SourceLocation.ColumnLetters(4)}2: error: supplies[", error, StringComparison.Ordinal);
        Assert.Equal("D", SourceLocation.ColumnLetters(4));
        Assert.Equal("AA", SourceLocation.ColumnLetters(27));
    }
}
