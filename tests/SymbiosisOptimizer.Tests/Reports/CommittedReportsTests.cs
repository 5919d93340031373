using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using SymbiosisOptimizer.Cli;
using SymbiosisOptimizer.Reports.Excel;

namespace SymbiosisOptimizer.Tests.Reports;

/// <summary>
/// The committed example reports (reports/&lt;scenario&gt;) are what a fresh run writes, and every output's breakdown of
/// a KPI adds up to that KPI: the exchanges, plants, permits and the unattributed rest are a partition of the same
/// ledger lines, and the actors and municipalities another partition of them, so each sum must equal the total.
/// </summary>
public sealed class CommittedReportsTests : IClassFixture<CommittedReportsTests.Runs>, IDisposable
{
    private readonly string outDir = Path.Combine(Path.GetTempPath(), "symbiosis-committed-" + Guid.NewGuid().ToString("N"));
    private readonly Runs runs;

    public CommittedReportsTests(Runs runs) => this.runs = runs;

    /// <summary>One run per scenario shared by the tests that only read what it wrote.</summary>
    public sealed class Runs : IDisposable
    {
        private readonly string dir = Path.Combine(Path.GetTempPath(), "symbiosis-committed-shared-" + Guid.NewGuid().ToString("N"));
        private readonly Dictionary<string, string> done = new(StringComparer.Ordinal);
        private readonly Lock gate = new();

        public string Of(string scenario)
        {
            lock (gate)
            {
                if (!done.TryGetValue(scenario, out var path))
                {
                    path = Path.Combine(dir, scenario);
                    var (code, _, err) = CliHarness.Run("run", TestPaths.Scenario(scenario), "--out", path);
                    Assert.True(code == ExitCodes.Ok, err);
                    done[scenario] = path;
                }

                return path;
            }
        }

        public void Dispose()
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    public static TheoryData<string> Scenarios => new() { "varmland-dalarna", "kalundborg", "kronoberg-kalmar-water", "lidkoping" };

    public void Dispose()
    {
        if (Directory.Exists(outDir))
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    private string Run(string scenario)
    {
        var dir = Path.Combine(outDir, scenario);
        var (code, _, err) = CliHarness.Run("run", TestPaths.Scenario(scenario), "--out", dir);
        Assert.True(code == ExitCodes.Ok, err);
        return dir;
    }

    /// <summary>A document without what may differ between runs: the metadata block and the path the scenario was read from.</summary>
    private static string Stable(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        Assert.True(node.Remove("metadata"), "results.json has a metadata block");
        node.Remove("source");
        return node.ToJsonString();
    }

    // The scenario path is shown as given on the command line: relative in the committed reports, absolute here.
    private static string StableHtml(string html) =>
        Regex.Replace(html, "<footer class=\"metadata\".*?</footer>", string.Empty, RegexOptions.Singleline, TimeSpan.FromSeconds(5))
            .Replace(TestPaths.Root + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal)
            .Replace("\r\n", "\n", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_committed_report_is_what_a_fresh_run_writes(string scenario)
    {
        var fresh = runs.Of(scenario);
        var committed = Path.Combine(TestPaths.Root, "reports", scenario);
        Assert.Equal(Stable(File.ReadAllText(Path.Combine(committed, "results.json"))), Stable(File.ReadAllText(Path.Combine(fresh, "results.json"))));
        Assert.Equal(File.ReadAllText(Path.Combine(committed, "flows.geojson")), File.ReadAllText(Path.Combine(fresh, "flows.geojson")));
        Assert.Equal(StableHtml(File.ReadAllText(Path.Combine(committed, "report.html"))), StableHtml(File.ReadAllText(Path.Combine(fresh, "report.html"))));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Two_runs_write_the_same_documents_apart_from_the_metadata_block(string scenario)
    {
        var a = File.ReadAllText(Path.Combine(runs.Of(scenario), "results.json"));
        var b = File.ReadAllText(Path.Combine(Run(scenario), "results.json"));
        Assert.Equal(Stable(a), Stable(b));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_breakdown_in_every_output_adds_up_to_its_kpi(string scenario)
    {
        var dir = runs.Of(scenario);
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "results.json")))!;
        var kpis = doc["kpis"]!;
        double V(JsonNode? n) => n!["value"]!.GetValue<double>();
        double Sum(string array, string field) => doc[array]!.AsArray().Sum(x => V(x![field]));
        void Close(double expected, double actual, string what) =>
            Assert.True(Math.Abs(expected - actual) <= 1e-6 * Math.Max(1, Math.Abs(expected)), $"{scenario}: {what} adds up to {actual}, the KPI is {expected}");

        foreach (var (kpi, exchangeField) in new[] { ("netBenefit", "annualBenefit"), ("co2Avoided", "co2Avoided"), ("landfillAvoided", "landfillAvoided"), ("virginMaterialAvoided", "virginMaterialAvoided") })
        {
            var total = V(kpis[kpi]);
            var rows = Sum("exchanges", exchangeField) + Sum("plants", kpi) + Sum("permits", kpi) + V(doc["unattributed"]![kpi]);
            Close(total, rows, $"results.json exchanges + plants + permits + unattributed ({kpi})");
            if (kpi != "virginMaterialAvoided")
            {
                Close(total, Sum("actors", kpi), $"results.json actors ({kpi})");
                Close(total, Sum("municipalities", kpi), $"results.json municipalities ({kpi})");
            }
        }

        Close(V(kpis["co2Avoided"]), V(doc["impacts"]!["total"]!["co2Avoided"]), "impacts.total");
        Close(V(kpis["co2Avoided"]), doc["impacts"]!["municipalities"]!.AsArray().Sum(m => V(m!["co2Avoided"])), "impacts by municipality");

        // GeoJSON: every exchange line and plant or permit point, plus the collection's unattributed rest.
        var geo = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "flows.geojson")))!;
        var features = geo["features"]!.AsArray().Select(f => f!["properties"]!).Where(p => p["feature"]!.GetValue<string>() is "exchange" or "plant" or "permit").ToList();
        Assert.Equal(doc["exchanges"]!.AsArray().Count, features.Count(p => p["feature"]!.GetValue<string>() == "exchange"));
        foreach (var (kpi, field) in new[] { ("netBenefit", "annualBenefit"), ("co2Avoided", "co2Avoided"), ("landfillAvoided", "landfillAvoided") })
        {
            var unattributed = V(geo["properties"]!["unattributed"]![kpi]);
            Close(V(kpis[kpi]), features.Sum(p => p[field]!.GetValue<double>()) + unattributed, $"flows.geojson features ({kpi})");
        }

        // Workbook: the Breakdown sheet's rows (all but the total) add up to its total row, which is the KPI row of the Summary.
        using var wb = new XLWorkbook(Path.Combine(dir, "report.xlsx"));
        var sheet = wb.Worksheet(RunWorkbook.BreakdownSheet);
        var data = sheet.RowsUsed().Skip(1).ToList();
        var totalRow = data.Single(r => r.Cell(1).GetString() == "total");
        var parts = data.Where(r => r.Cell(1).GetString() != "total").ToList();
        for (var col = 3; col <= 6; col++)
        {
            Close(totalRow.Cell(col).GetDouble(), parts.Sum(r => r.Cell(col).GetDouble()), $"report.xlsx Breakdown column {col}");
        }

        Close(V(kpis["netBenefit"]), totalRow.Cell(3).GetDouble(), "report.xlsx Breakdown total net benefit");
        Close(V(kpis["landfillAvoided"]), totalRow.Cell(5).GetDouble(), "report.xlsx Breakdown total landfill");
        var actors = wb.Worksheet(RunWorkbook.ActorsSheet).RowsUsed().Skip(1).ToList();
        Close(V(kpis["netBenefit"]), actors.Sum(r => r.Cell(5).GetDouble()), "report.xlsx Actors net benefit");
        Close(V(kpis["co2Avoided"]), actors.Sum(r => r.Cell(6).GetDouble()), "report.xlsx Actors CO2e");
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void What_people_read_shows_names_and_formatted_numbers_not_ids_or_row_names(string scenario)
    {
        var dir = runs.Of(scenario);
        var html = File.ReadAllText(Path.Combine(dir, "report.html"));
        var json = File.ReadAllText(Path.Combine(dir, "results.json"));
        var region = TestPaths.Load(TestPaths.Scenario(scenario));
        Assert.DoesNotMatch(new Regex(@"\d\.\d+E[+-]\d", RegexOptions.None, TimeSpan.FromSeconds(5)), html);
        Assert.DoesNotContain("Quality[", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Flow[", html, StringComparison.Ordinal);

        // An exchange's description names its actors by name; ids appear in no description.
        var doc = JsonNode.Parse(json)!;
        foreach (var e in doc["exchanges"]!.AsArray())
        {
            var description = e!["description"]!.GetValue<string>();
            Assert.Contains(region.ActorName(e["from"]!.GetValue<string>()), description, StringComparison.Ordinal);
            Assert.Contains(region.ActorName(e["to"]!.GetValue<string>()), description, StringComparison.Ordinal);
            Assert.DoesNotContain($"{e["source"]!.GetValue<string>()} ->", description, StringComparison.Ordinal);
        }
    }
}
