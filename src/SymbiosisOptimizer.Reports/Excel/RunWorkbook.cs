using SymbiosisOptimizer.Optimization;
using ClosedXML.Excel;
using SymbiosisOptimizer.Assessment.Impacts;

namespace SymbiosisOptimizer.Reports.Excel;

/// <summary>report.xlsx of `symbiosis run`: Summary, Exchanges, Actors, Impacts, Inputs &amp; assumptions.</summary>
public static class RunWorkbook
{
    public const string SummarySheet = "Summary";
    public const string ExchangesSheet = "Exchanges";
    public const string ActorsSheet = "Actors";
    public const string ImpactsSheet = "Impacts";
    public const string InputsSheet = "Inputs & assumptions";

    /// <summary>First data row of the key-figure table on the Summary sheet is the row after this header row.</summary>
    public const string KeyFiguresHeader = "Key figure";

    private static double R(double v) => ResultsJson.Round(v);

    public static byte[] Build(RunReport report)
    {
        using var wb = new XLWorkbook();
        Summary(wb, report);
        Exchanges(wb, report);
        Actors(wb, report);
        Impacts(wb, report);
        Inputs(wb, report);
        return SheetWriter.ToBytes(wb);
    }

    private static void Summary(XLWorkbook wb, RunReport report)
    {
        var ws = wb.Worksheets.Add(SummarySheet);
        ws.Column(1).Width = 34;
        ws.Column(2).Width = 18;
        ws.Column(3).Width = 16;
        var title = ws.Cell(1, 1);
        title.SetValue($"{report.Region.Name}: scenario {report.ScenarioText}");
        title.Style.Font.Bold = true;
        title.Style.Font.FontSize = 14;
        var r = 2;
        foreach (var finding in report.Findings())
        {
            r++;
            var cell = ws.Cell(r, 1);
            cell.SetValue(finding);
            cell.DataType = XLDataType.Text;
            ws.Range(r, 1, r, 8).Merge().Style.Alignment.WrapText = true;
            ws.Row(r).Height = finding.Length > 110 ? 30 : 15;
        }

        r += 2;
        var cur = report.Currency;
        var k = report.Result.Kpis;
        object? V(Func<Optimization.Kpis, double> f) => k is null ? null : R(f(k));
        SheetWriter.WriteTable(ws,
            [new Column(KeyFiguresHeader, 34), new Column("Value", 18, Formats.Quantity), new Column("Unit", 16)],
            [
                ["Net benefit", V(x => x.NetBenefit), $"{cur}/yr"],
                ["Objective gain (money + valued CO2e)", V(x => x.ObjectiveGain), $"{cur}/yr"],
                ["CO2e avoided", V(x => x.Co2Avoided), "t CO2e/yr"],
                ["Landfill avoided", V(x => x.LandfillAvoided), "t/yr"],
                ["Virgin material avoided", V(x => x.VirginMaterialAvoided), "t/yr"],
                ["Transport emissions", V(x => x.TransportEmissions), "t CO2e/yr"],
                ["Mandate shortfall", V(x => x.MandateShortfall), "units/yr"],
                ["Exchanges chosen", report.Result.Exchanges.Length, "count"],
                ["Solver status", report.Result.Status.Text(), string.Empty],
                ["Optimality gap", double.IsFinite(report.Result.Solve.Gap) ? R(report.Result.Solve.Gap) : null, "fraction"],
            ],
            r);
        ws.SheetView.FreezeRows(1);
    }

    private static void Exchanges(XLWorkbook wb, RunReport report)
    {
        var cur = report.Currency;
        SheetWriter.Table(wb, ExchangesSheet,
            [
                new Column("From (actor id)", 16), new Column("From", 26), new Column("To (actor id)", 16), new Column("To", 26),
                new Column("Resource", 18), new Column("Source", 18), new Column("Sink", 18), new Column("Quantity (per yr)", 14, Formats.Quantity),
                new Column("Unit", 10), new Column("Distance (km)", 11, Formats.Km), new Column("Mode", 12), new Column("Process", 14), new Column("Permit", 14),
                new Column($"Annual benefit ({cur}/yr)", 16, Formats.Money), new Column("CO2e avoided (t CO2e/yr)", 14, Formats.Tonnes),
                new Column("Landfill avoided (t/yr)", 14, Formats.Tonnes), new Column($"Connection investment ({cur})", 16, Formats.Money),
                new Column("Permit lead time (yr)", 12, Formats.Decimal), new Column("In words", 80),
            ],
            report.ExchangesByBenefit.Select(e => new object?[]
            {
                e.FromActor, report.ActorName(e.FromActor), e.ToActor, report.ActorName(e.ToActor), e.Resource, e.Source, e.Sink,
                R(e.Quantity), e.Unit, R(e.DistanceKm), e.Mode, e.Process, e.Permit, R(e.AnnualBenefit), R(e.Co2Avoided),
                R(report.LandfillAvoided(e)), R(e.Investment), R(e.LeadTimeYears), report.Describe(e),
            }));
    }

    private static void Actors(XLWorkbook wb, RunReport report)
    {
        var cur = report.Currency;
        var cases = report.ActorCases.ToDictionary(c => c.Id, StringComparer.Ordinal);
        SheetWriter.Table(wb, ActorsSheet,
            [
                new Column("Actor id", 18), new Column("Name", 30), new Column("Kind", 13), new Column("Municipality", 16),
                new Column($"Net benefit ({cur}/yr)", 16, Formats.Money), new Column("CO2e avoided (t CO2e/yr)", 14, Formats.Tonnes),
                new Column("Landfill avoided (t/yr)", 14, Formats.Tonnes), new Column($"Investment ({cur})", 16, Formats.Money),
                new Column($"NPV ({cur})", 16, Formats.Money), new Column("Payback (years)", 12, Formats.Decimal), new Column("IRR (%)", 10, Formats.Percent),
            ],
            report.Result.Actors.OrderByDescending(a => a.NetBenefit).ThenBy(a => a.Id, StringComparer.Ordinal).Select(a =>
            {
                var actor = report.Region.HasActor(a.Id) ? report.Region.Actor(a.Id) : null;
                var c = cases.GetValueOrDefault(a.Id);
                return new object?[]
                {
                    a.Id, a.Name, actor?.Kind.ToString().ToLowerInvariant(), actor?.Municipality,
                    R(a.NetBenefit), R(a.Co2Avoided), R(a.LandfillAvoided),
                    c is null ? 0.0 : R(c.Investment), c is null ? 0.0 : R(c.Npv),
                    c?.PaybackYears is { } p ? R(p) : null, c?.Irr is { } irr ? R(irr) : null,
                };
            }));
    }

    private static void Impacts(XLWorkbook wb, RunReport report)
    {
        object?[] Row(string level, ImpactAccount a) =>
        [
            level, a.Id, a.Name, R(a.Co2AvoidedDisposal), R(a.Co2AvoidedVirgin), R(a.Co2AddedTransport), R(a.Co2AddedProcessing),
            R(a.Co2PermitDelay), R(a.Co2Avoided), R(a.LandfillAvoided), R(a.VirginMaterialAvoided), R(a.WaterSaved), R(a.EnergyRecovered),
        ];
        var impacts = report.Impacts;
        SheetWriter.Table(wb, ImpactsSheet,
            [
                new Column("Level", 13), new Column("Id", 18), new Column("Name", 30),
                new Column("CO2e avoided: disposal (t CO2e/yr)", 15, Formats.Tonnes), new Column("CO2e avoided: virgin production (t CO2e/yr)", 15, Formats.Tonnes),
                new Column("CO2e added: transport (t CO2e/yr)", 15, Formats.Tonnes), new Column("CO2e added: processing (t CO2e/yr)", 15, Formats.Tonnes),
                new Column("CO2e lost: permit delay (t CO2e/yr)", 15, Formats.Tonnes), new Column("CO2e avoided, net (t CO2e/yr)", 15, Formats.Tonnes),
                new Column("Landfill avoided (t/yr)", 14, Formats.Tonnes), new Column("Virgin material avoided (t/yr)", 14, Formats.Tonnes),
                new Column("Water saved (resource unit/yr)", 14, Formats.Quantity), new Column("Energy recovered (resource unit/yr)", 14, Formats.Quantity),
            ],
            impacts.Actors.Select(a => Row("actor", a))
                .Concat(impacts.Municipalities.Select(m => Row("municipality", m)))
                .Append(Row("total", impacts.Total)));
    }

    private static void Inputs(XLWorkbook wb, RunReport report)
    {
        var r = report.Result;
        var s = r.Solve;
        var cur = report.Currency;
        var pol = report.Region.Policies;
        var eco = report.Region.Economics;
        object? N(double v) => double.IsFinite(v) ? R(v) : null;
        List<object?[]> rows =
        [
            ["Scenario file", report.Run.Source, string.Empty],
            ["Region", report.Region.Name, string.Empty],
            ["Scenario", report.Run.Scenario, string.Empty],
            ["Overrides applied", report.Run.Overrides.IsEmpty ? "(none)" : string.Join(", ", report.Run.Overrides), "in order"],
            ["Status", r.Status.Text(), string.Empty],
            ["Solver", s.SolverName, string.Empty],
            ["Termination", s.Termination.ToString(), string.Empty],
            ["Objective (annual cost incl. valued CO2e)", N(s.Objective), $"{cur}/yr"],
            ["Best bound", N(s.BestBound), $"{cur}/yr"],
            ["Optimality gap", N(s.Gap), "fraction"],
            ["Solve time", Math.Round(s.Seconds, 4), "s"],
            ["Model rows", s.Size.Rows, "count"],
            ["Model columns", s.Size.Columns, "count"],
            ["Yes/no decisions", s.Size.Binaries, "count"],
            ["Counterfactual objective (today)", N(r.Counterfactual.Objective), $"{cur}/yr"],
            ["CO2 price", R(pol.Co2Price.Value), $"{cur}/t CO2e"],
            ["Landfill tax", R(pol.LandfillTax.Value), $"{cur}/t"],
            ["Incineration tax", R(pol.IncinerationTax.Value), $"{cur}/t"],
            ["Landfill value (objective weight)", R(report.Region.Objective.LandfillValue.Value), $"{cur}/t"],
            ["Investment subsidy", R(pol.InvestmentSubsidy), "fraction of capex"],
            ["End-of-waste resources", pol.EndOfWaste.IsEmpty ? "(none)" : string.Join(", ", pol.EndOfWaste), string.Empty],
            ["Discount rate", R(eco.DiscountRate), "fraction per yr"],
            ["Horizon", R(eco.HorizonYears), "yr"],
            ["Circuity (road / great-circle distance)", R(eco.Circuity), "factor"],
            ["Candidate exchanges", r.Network.Arcs.Length, "count"],
            ["Pairs considered", r.Network.Considered, "count"],
        ];
        rows.AddRange(r.Network.Pruned.Select(p => new object?[] { $"Left out: {p.Reason}", p.Count, "count" }));
        rows.AddRange(r.Explanation.Select(e => new object?[] { "Note", e, string.Empty }));
        SheetWriter.Table(wb, InputsSheet, [new Column("Item", 40), new Column("Value", 40, Formats.Quantity), new Column("Unit", 18)], rows);
    }
}
