using ClosedXML.Excel;
using SymbiosisOptimizer.Reports.Documents;

namespace SymbiosisOptimizer.Reports.Excel;

/// <summary>report.xlsx of `symbiosis run`: Summary, Exchanges, Actors, Impacts, Inputs &amp; assumptions.</summary>
public static class RunWorkbook
{
    public const string SummarySheet = "Summary";
    public const string ExchangesSheet = "Exchanges";
    public const string ActorsSheet = "Actors";
    public const string ImpactsSheet = "Impacts";
    public const string BreakdownSheet = "Breakdown";
    public const string NotChosenSheet = "Not chosen";
    public const string InputsSheet = "Inputs & assumptions";

    /// <summary>First data row of the key-figure table on the Summary sheet is the row after this header row.</summary>
    public const string KeyFiguresHeader = "Key figure";

    public static byte[] Build(RunReport report)
    {
        using var wb = new XLWorkbook();
        Summary(wb, report);
        Exchanges(wb, report);
        Breakdown(wb, report);
        NotChosen(wb, report);
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
        var d = report.Document;
        title.SetValue($"{d.Region}: scenario {d.ScenarioText}");
        title.Style.Font.Bold = true;
        title.Style.Font.FontSize = 14;
        var r = 2;
        foreach (var finding in d.Findings)
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
        var k = d.Kpis;
        object? V(Func<KpiBlock, Amount> f) => k is null ? null : f(k).Value;
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
                ["Exchanges chosen", d.Exchanges.Length, "count"],
                ["Solver status", d.StatusText, string.Empty],
                ["Optimality gap", d.Solver.Gap, "fraction"],
                ["Account: firms (after taxes, fees, subsidies)", d.Accounts?.Firms.Value, $"{cur}/yr"],
                ["Account: public budget", d.Accounts?.PublicBudget.Value, $"{cur}/yr"],
                ["  state: landfill tax", d.Accounts?.PublicBudget.LandfillTax.Value, $"{cur}/yr"],
                ["  state: incineration tax", d.Accounts?.PublicBudget.IncinerationTax.Value, $"{cur}/yr"],
                ["  state: subsidies paid", d.Accounts?.PublicBudget.Subsidies.Value, $"{cur}/yr"],
                ["  municipalities", d.Accounts?.PublicBudget.Municipalities.Value, $"{cur}/yr"],
                ["Account: externalities (CO2e at social value)", d.Accounts?.Externalities.Value, $"{cur}/yr"],
                ["Account: society", d.Accounts?.Society.Value, $"{cur}/yr"],
            ],
            r);
        if (d.Accounts is { } acc)
        {
            var note = ws.Cell(r + 19, 1);
            note.SetValue(acc.Convention);
            note.DataType = XLDataType.Text;
            ws.Range(r + 19, 1, r + 19, 8).Merge().Style.Alignment.WrapText = true;
            ws.Row(r + 19).Height = 60;
        }
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
            report.Document.Exchanges.Select(e => new object?[]
            {
                e.From, e.FromName, e.To, e.ToName, e.ResourceName, e.Source, e.Sink,
                e.Quantity.Value, e.Quantity.Unit, e.DistanceKm, e.ModeName, e.ProcessName, e.PermitName, e.AnnualBenefit.Value, e.Co2Avoided.Value,
                e.LandfillAvoided.Value, e.Investment.Value, e.LeadTimeYears, e.Description,
            }));
    }

    /// <summary>
    /// Every row of the plan with what it changes: the exchanges, then the plants and permits that carry costs and
    /// emissions of their own, the unattributed rest, and the total, which is the KPIs.
    /// </summary>
    private static void Breakdown(XLWorkbook wb, RunReport report)
    {
        var d = report.Document;
        var cur = d.Currency;
        var rows = new List<object?[]>();
        rows.AddRange(d.Exchanges.Select(e => new object?[] { "exchange", $"{e.FromName} -> {e.ToName} ({e.ResourceName})", e.AnnualBenefit.Value, e.Co2Avoided.Value, e.LandfillAvoided.Value, e.VirginMaterialAvoided.Value }));
        rows.AddRange(d.Plants.Where(p => p.Built || p.NetBenefit.Value != 0 || p.Co2Avoided.Value != 0).Select(p => new object?[] { "plant", $"{p.Name} ({p.ActorName})", p.NetBenefit.Value, p.Co2Avoided.Value, p.LandfillAvoided.Value, p.VirginMaterialAvoided.Value }));
        rows.AddRange(d.Permits.Select(p => new object?[] { "permit", $"{p.Name} at {p.ReceiverName}", p.NetBenefit.Value, p.Co2Avoided.Value, p.LandfillAvoided.Value, p.VirginMaterialAvoided.Value }));
        var u = d.Unattributed;
        rows.Add(["unattributed", "changes no exchange, plant or permit of the plan carries", u.NetBenefit.Value, u.Co2Avoided.Value, u.LandfillAvoided.Value, u.VirginMaterialAvoided.Value]);
        if (d.Kpis is { } k)
        {
            rows.Add(["total", "all rows above: the key figures", k.NetBenefit.Value, k.Co2Avoided.Value, k.LandfillAvoided.Value, k.VirginMaterialAvoided.Value]);
        }

        SheetWriter.Table(wb, BreakdownSheet,
            [
                new Column("Row", 14), new Column("What", 60), new Column($"Net benefit ({cur}/yr)", 16, Formats.Money),
                new Column("CO2e avoided (t CO2e/yr)", 14, Formats.Tonnes), new Column("Landfill avoided (t/yr)", 14, Formats.Tonnes),
                new Column("Virgin material avoided (t/yr)", 14, Formats.Tonnes),
            ],
            rows);
    }

    /// <summary>Every candidate outside the plan: its cause, the reason in words, the shortfall and what would make it pay.</summary>
    private static void NotChosen(XLWorkbook wb, RunReport report)
    {
        var d = report.Document;
        var cur = d.Currency;
        var rows = d.NotChosen is { } nc
            ? nc.Groups.SelectMany(g => g.Candidates.Select(c => new object?[]
            {
                g.Title, c.Name, c.Reason, c.Shortfall?.Value, c.MoneyShortfall?.Value, c.Co2Avoided?.Value, c.LandfillAvoided?.Value,
                c.Thresholds.IsEmpty ? null : string.Join("; ", c.Thresholds.Select(t => t.Text)),
            })).ToList()
            : [];
        if (d.NotChosen is { Note.Length: > 0 } n)
        {
            rows.Add(["Note", n.Note, null, null, null, null, null, null]);
        }

        SheetWriter.Table(wb, NotChosenSheet,
            [
                new Column("Cause", 22), new Column("Candidate", 50), new Column("Why not", 80), new Column($"Falls short by ({cur}/yr)", 16, Formats.Money),
                new Column($"of which money ({cur}/yr)", 16, Formats.Money), new Column("CO2e it would avoid (t CO2e/yr)", 14, Formats.Tonnes),
                new Column("Landfill it would avoid (t/yr)", 14, Formats.Tonnes), new Column("What would make it pay", 70),
            ],
            rows);
    }

    private static void Actors(XLWorkbook wb, RunReport report)
    {
        var d = report.Document;
        var cur = report.Currency;
        var cases = d.BusinessCases?.Actors.ToDictionary(c => c.Id, StringComparer.Ordinal) ?? [];
        SheetWriter.Table(wb, ActorsSheet,
            [
                new Column("Actor id", 18), new Column("Name", 30), new Column("Kind", 13), new Column("Municipality", 16),
                new Column($"Net benefit ({cur}/yr)", 16, Formats.Money), new Column("CO2e avoided (t CO2e/yr)", 14, Formats.Tonnes),
                new Column("Landfill avoided (t/yr)", 14, Formats.Tonnes), new Column($"Investment ({cur})", 16, Formats.Money),
                new Column($"NPV ({cur})", 16, Formats.Money), new Column("Payback (years)", 12, Formats.Decimal), new Column("IRR (%)", 10, Formats.Percent),
            ],
            d.Actors.OrderByDescending(a => a.NetBenefit.Value).ThenBy(a => a.Id, StringComparer.Ordinal).Select(a =>
            {
                var c = cases.GetValueOrDefault(a.Id);
                return new object?[]
                {
                    a.Id, a.Name, a.Kind, a.Municipality, a.NetBenefit.Value, a.Co2Avoided.Value, a.LandfillAvoided.Value,
                    c is null ? 0.0 : c.Investment.Value, c is null ? 0.0 : c.Npv.Value, c?.PaybackYears, c?.Irr,
                };
            }));
    }

    private static void Impacts(XLWorkbook wb, RunReport report)
    {
        static object?[] Row(string level, ImpactRow a) =>
        [
            level, a.Id, a.Name, a.Co2.AvoidedDisposal, a.Co2.AvoidedVirginProduction, a.Co2.AddedTransport, a.Co2.AddedProcessing,
            a.Co2.PermitDelay, a.Co2Avoided.Value, a.LandfillAvoided.Value, a.VirginMaterialAvoided.Value, a.WaterSaved.Value, a.EnergyRecovered.Value,
        ];
        var impacts = report.Document.Impacts;
        SheetWriter.Table(wb, ImpactsSheet,
            [
                new Column("Level", 13), new Column("Id", 18), new Column("Name", 30),
                new Column("CO2e avoided: disposal (t CO2e/yr)", 15, Formats.Tonnes), new Column("CO2e avoided: virgin production (t CO2e/yr)", 15, Formats.Tonnes),
                new Column("CO2e added: transport (t CO2e/yr)", 15, Formats.Tonnes), new Column("CO2e added: processing (t CO2e/yr)", 15, Formats.Tonnes),
                new Column("CO2e lost: permit delay (t CO2e/yr)", 15, Formats.Tonnes), new Column("CO2e avoided, net (t CO2e/yr)", 15, Formats.Tonnes),
                new Column("Landfill avoided (t/yr)", 14, Formats.Tonnes), new Column("Virgin material avoided (t/yr)", 14, Formats.Tonnes),
                new Column("Water saved (resource unit/yr)", 14, Formats.Quantity), new Column("Energy recovered (resource unit/yr)", 14, Formats.Quantity),
            ],
            impacts is null ? [] : impacts.Actors.Select(a => Row("actor", a))
                .Concat(impacts.Municipalities.Select(m => Row("municipality", m)))
                .Append(Row("total", impacts.Total)));
    }

    private static void Inputs(XLWorkbook wb, RunReport report)
    {
        var d = report.Document;
        var s = d.Solver;
        var cur = report.Currency;
        var v = d.Valuation;
        List<object?[]> rows =
        [
            ["Scenario file", d.Source, string.Empty],
            ["Region", d.Region, string.Empty],
            ["Scenario", d.Scenario, string.Empty],
            ["Overrides applied", d.Overrides.IsEmpty ? "(none)" : string.Join(", ", d.Overrides), "in order"],
            ["Status", d.Status, string.Empty],
            ["Solver", s.Name, string.Empty],
            ["Termination", s.Termination, string.Empty],
            ["Objective (annual cost incl. valued CO2e)", s.Objective, $"{cur}/yr"],
            ["Best bound", s.Bound, $"{cur}/yr"],
            ["Optimality gap", s.Gap, "fraction"],
            ["Model rows", s.Rows, "count"],
            ["Model columns", s.Columns, "count"],
            ["Yes/no decisions", s.Binaries, "count"],
            ["Counterfactual objective (today)", d.Counterfactual.Objective, $"{cur}/yr"],
            ["CO2 price", v.Co2Price.Value, v.Co2Price.Unit],
            ["Landfill tax", v.LandfillTax.Value, v.LandfillTax.Unit],
            ["Incineration tax", v.IncinerationTax.Value, v.IncinerationTax.Unit],
            ["Landfill value (objective weight)", v.LandfillValue.Value, v.LandfillValue.Unit],
            ["Investment subsidy", v.InvestmentSubsidy.Value, v.InvestmentSubsidy.Unit],
            ["End-of-waste resources", v.EndOfWaste.IsEmpty ? "(none)" : string.Join(", ", v.EndOfWaste.Select(report.Region.ResourceName)), string.Empty],
            ["Discount rate", v.DiscountRate, "fraction per yr"],
            ["Horizon", v.HorizonYears, "yr"],
            ["Circuity (road / great-circle distance)", v.Circuity, "factor"],
            ["Candidate exchanges", d.Network.Candidates, "count"],
            ["Pairs considered", d.Network.PairsConsidered, "count"],
        ];
        rows.AddRange(d.Network.Pruned.Select(p => new object?[] { $"Left out: {p.Reason}", p.Count, "count" }));
        rows.AddRange(d.Explanation.Select(e => new object?[] { "Note", e, string.Empty }));
        rows.AddRange(d.Metadata.Timings.Select(t => new object?[] { $"Time: {t.Stage} (run metadata)", t.Seconds, "s" }));
        SheetWriter.Table(wb, InputsSheet, [new Column("Item", 40), new Column("Value", 40, Formats.Quantity), new Column("Unit", 18)], rows);
    }
}
