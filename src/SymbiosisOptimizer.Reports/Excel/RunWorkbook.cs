using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Localization;

namespace SymbiosisOptimizer.Reports.Excel;

/// <summary>
/// report.xlsx of `symbiosis run`: Summary, Exchanges, Actors, Impacts, Inputs &amp; assumptions. Sheet names, headers
/// and labels in the report's language; numbers are stored as numbers, so Excel shows them in the reader's own format.
/// </summary>
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

    /// <summary>The Map sheet's name in English ("Karta" in Swedish): the report's map heading.</summary>
    public const string MapSheet = "Map";

    /// <summary>The map picture's top-left cell on the Map sheet (1-based), below its title and note.</summary>
    public const int MapRow = 4;

    /// <summary>The width the map is shown at on the Map sheet, in pixels at 100 % zoom.</summary>
    public const int MapWidthPixels = 1100;

    /// <param name="mapPng">The run's map as charts/flow-map.png renders it (<see cref="Charts.RunCharts.FlowMap"/>); when given, a Map sheet shows it.</param>
    public static byte[] Build(RunReport report, Language language = Language.En, byte[]? mapPng = null)
    {
        var t = ReportFormat.For(language);
        string[] names =
        [
            t[ReportPhrase.SummarySheet], t[ReportPhrase.ExchangesSheet], t[ReportPhrase.BreakdownSheet], t[ReportPhrase.NotChosenSheet],
            t[ReportPhrase.ActorsSheet], t[ReportPhrase.ImpactsSheet], t[ReportPhrase.InputsSheet],
        ];
        var mapSheet = t[ReportPhrase.MapHeading];
        if (mapPng is not null)
        {
            names = [.. names, mapSheet];
        }

        using var stream = new MemoryStream();
        using (var wb = new StreamedWorkbook(stream, names, mapPng is null ? null : mapSheet))
        {
            Summary(wb, report, t);
            Exchanges(wb, report, t);
            Breakdown(wb, report, t);
            NotChosen(wb, report, t);
            Actors(wb, report, t);
            Impacts(wb, report, t);
            Inputs(wb, report, t);
            if (mapPng is not null)
            {
                // Printed, the map is one landscape page; the picture sits below its title and note.
                var map = wb.Sheet(new SheetLayout([], LandscapeOnePage: true));
                map.Row(1);
                map.Text(1, t[ReportPhrase.ChartFlowMap], CellStyle.Title);
                map.Row(2);
                map.Text(1, Maps.MapBordersNote.Sheet(t, report.Map));
                map.Picture(new SheetPicture(mapSheet, mapPng, MapRow, 1, MapWidthPixels, t[ReportPhrase.ChartFlowMap]));
            }

            wb.Finish();
        }

        return stream.ToArray();
    }

    private static void Summary(StreamedWorkbook wb, RunReport report, ReportFormat t)
    {
        var ws = wb.Sheet(new SheetLayout([34, 18, 16], FrozenRows: 1));
        var d = report.Document;
        ws.Row(1);
        ws.Text(1, t.Format(ReportPhrase.WorkbookTitle, d.Region, d.ScenarioText), CellStyle.Title);
        ws.Row(2);
        ws.Text(1, d.Confidentiality, CellStyle.Alert);
        var r = 2;
        foreach (var finding in RunFindings.Of(d, t.Language).Select(f => f.Text))
        {
            r++;
            Paragraph(ws, r, finding, finding.Length > 110 ? 30 : 15);
        }

        r += 2;
        var cur = report.Currency;
        var k = d.Kpis;
        object? V(Func<KpiBlock, Amount> f) => k is null ? null : f(k).Value;
        var perYear = t.Unit($"{cur}/yr");
        StreamedTables.Write(ws,
            [new Column(t[ReportPhrase.KeyFigure], 34), new Column(t[ReportPhrase.Value], 18, Formats.Quantity), new Column(t[ReportPhrase.Unit], 16)],
            [
                [t[ReportPhrase.NetBenefit], V(x => x.NetBenefit), perYear],
                [t[ReportPhrase.ObjectiveGain], V(x => x.ObjectiveGain), perYear],
                [t[ReportPhrase.Co2Avoided], V(x => x.Co2Avoided), t.Unit("t CO2e/yr")],
                [t[ReportPhrase.LandfillAvoided], V(x => x.LandfillAvoided), t.Unit("t/yr")],
                [t[ReportPhrase.VirginMaterialAvoided], V(x => x.VirginMaterialAvoided), t.Unit("t/yr")],
                [t[ReportPhrase.TransportEmissions], V(x => x.TransportEmissions), t.Unit("t CO2e/yr")],
                [t[ReportPhrase.MandateShortfall], V(x => x.MandateShortfall), t.Unit("units/yr")],
                [t[ReportPhrase.ExchangesChosen], d.Exchanges.Length, t.Unit("count")],
                [t[ReportPhrase.SolverStatus], d.StatusText, string.Empty],
                [t[ReportPhrase.OptimalityGap], d.Solver.Gap, t.Unit("fraction")],
                [t[ReportPhrase.AccountFirms], d.Accounts?.Firms.Value, perYear],
                [t[ReportPhrase.AccountPublicBudget], d.Accounts?.PublicBudget.Value, perYear],
                [t[ReportPhrase.StateLandfillTax], d.Accounts?.PublicBudget.LandfillTax.Value, perYear],
                [t[ReportPhrase.StateIncinerationTax], d.Accounts?.PublicBudget.IncinerationTax.Value, perYear],
                [t[ReportPhrase.StateSubsidies], d.Accounts?.PublicBudget.Subsidies.Value, perYear],
                [t[ReportPhrase.MunicipalitiesAccount], d.Accounts?.PublicBudget.Municipalities.Value, perYear],
                [t[ReportPhrase.AccountExternalities], d.Accounts?.Externalities.Value, perYear],
                [t[ReportPhrase.AccountSociety], d.Accounts?.Society.Value, perYear],
            ],
            r);
        if (d.Accounts is { } acc)
        {
            Paragraph(ws, r + 19, acc.Convention, 60);
        }

        // Pinned choices and what was found before solving, listed under the key figures (the same words as the document).
        var extra = d.Pinned.Select(p => $"Pinned ({p.Origin}): {p.Text}")
            .Concat(d.PreSolve.Unreachable.Select(u => $"Before solving: {u.Text}"))
            .Concat(d.PreSolve.Unmet.Select(u => $"Before solving: {u.Text}")).ToList();
        var line = r + 21;
        foreach (var text in extra)
        {
            Paragraph(ws, line, text, null);
            line++;
        }
    }

    /// <summary>A text across columns A-H of its row, merged and wrapped, at <paramref name="height"/> points if given.</summary>
    private static void Paragraph(StreamedSheet ws, int row, string text, double? height)
    {
        ws.Row(row, height);
        if (text.Length > 0)
        {
            ws.Text(1, text, CellStyle.Wrap);
        }
        else
        {
            ws.Blank(1, CellStyle.Wrap);
        }

        for (var c = 2; c <= 8; c++)
        {
            ws.Blank(c, CellStyle.Wrap);
        }

        ws.Merge(1, 8);
    }

    private static void Exchanges(StreamedWorkbook wb, RunReport report, ReportFormat t)
    {
        var cur = report.Currency;
        StreamedTables.Table(wb,
            [
                new Column(t[ReportPhrase.FromActorId], 16), new Column(t[ReportPhrase.From], 26), new Column(t[ReportPhrase.ToActorId], 16), new Column(t[ReportPhrase.To], 26),
                new Column(t[ReportPhrase.Resource], 18), new Column(t[ReportPhrase.Source], 18), new Column(t[ReportPhrase.Sink], 18), new Column(t[ReportPhrase.QuantityPerYear], 14, Formats.Quantity),
                new Column(t[ReportPhrase.Unit], 10), new Column(t.WithUnit(ReportPhrase.Distance, "km"), 11, Formats.Km), new Column(t[ReportPhrase.Mode], 12), new Column(t[ReportPhrase.Process], 14), new Column(t[ReportPhrase.Permit], 14),
                new Column(t.WithUnit(ReportPhrase.AnnualBenefit, $"{cur}/yr"), 16, Formats.Money), new Column(t.WithUnit(ReportPhrase.Co2Avoided, "t CO2e/yr"), 14, Formats.Tonnes),
                new Column(t.WithUnit(ReportPhrase.LandfillAvoided, "t/yr"), 14, Formats.Tonnes), new Column(t.WithUnit(ReportPhrase.ConnectionInvestment, cur), 16, Formats.Money),
                new Column(t.WithUnit(ReportPhrase.PermitLeadTime, "yr"), 12, Formats.Decimal), new Column(t[ReportPhrase.InWords], 80),
            ],
            report.Document.Exchanges.Select(e => new object?[]
            {
                e.From, e.FromName, e.To, e.ToName, e.ResourceName, e.Source, e.Sink,
                e.Quantity.Value, t.Unit(e.Quantity.Unit), e.DistanceKm, e.ModeName, e.ProcessName, e.PermitName, e.AnnualBenefit.Value, e.Co2Avoided.Value,
                e.LandfillAvoided.Value, e.Investment.Value, e.LeadTimeYears, e.Description,
            }));
    }

    /// <summary>
    /// Every row of the plan with what it changes: the exchanges, then the plants and permits that carry costs and
    /// emissions of their own, the unattributed rest, and the total, which is the KPIs.
    /// </summary>
    private static void Breakdown(StreamedWorkbook wb, RunReport report, ReportFormat t)
    {
        var d = report.Document;
        var cur = d.Currency;
        var rows = new List<object?[]>();
        rows.AddRange(d.Exchanges.Select(e => new object?[] { t[ReportPhrase.RowExchange], $"{e.FromName} -> {e.ToName} ({e.ResourceName})", e.AnnualBenefit.Value, e.Co2Avoided.Value, e.LandfillAvoided.Value, e.VirginMaterialAvoided.Value }));
        rows.AddRange(d.Plants.Where(p => p.Built || p.NetBenefit.Value != 0 || p.Co2Avoided.Value != 0).Select(p => new object?[] { p.Closed ? t[ReportPhrase.RowPlantClosed] : t[ReportPhrase.RowPlant], $"{p.Name} ({p.ActorName})", p.NetBenefit.Value, p.Co2Avoided.Value, p.LandfillAvoided.Value, p.VirginMaterialAvoided.Value }));
        rows.AddRange(d.Permits.Select(p => new object?[] { t[ReportPhrase.RowPermit], t.Format(ReportPhrase.PermitAt, p.Name, p.ReceiverName), p.NetBenefit.Value, p.Co2Avoided.Value, p.LandfillAvoided.Value, p.VirginMaterialAvoided.Value }));
        var u = d.Unattributed;
        rows.Add([t[ReportPhrase.RowUnattributed], t[ReportPhrase.UnattributedWhat], u.NetBenefit.Value, u.Co2Avoided.Value, u.LandfillAvoided.Value, u.VirginMaterialAvoided.Value]);
        if (d.Kpis is { } k)
        {
            rows.Add([t[ReportPhrase.RowTotal], t[ReportPhrase.TotalWhat], k.NetBenefit.Value, k.Co2Avoided.Value, k.LandfillAvoided.Value, k.VirginMaterialAvoided.Value]);
        }

        StreamedTables.Table(wb,
            [
                new Column(t[ReportPhrase.Row], 14), new Column(t[ReportPhrase.What], 60), new Column(t.WithUnit(ReportPhrase.NetBenefit, $"{cur}/yr"), 16, Formats.Money),
                new Column(t.WithUnit(ReportPhrase.Co2Avoided, "t CO2e/yr"), 14, Formats.Tonnes), new Column(t.WithUnit(ReportPhrase.LandfillAvoided, "t/yr"), 14, Formats.Tonnes),
                new Column(t.WithUnit(ReportPhrase.VirginMaterialAvoided, "t/yr"), 14, Formats.Tonnes),
            ],
            rows);
    }

    /// <summary>Every candidate outside the plan: its cause, the reason in words, the shortfall and what would make it pay.</summary>
    private static void NotChosen(StreamedWorkbook wb, RunReport report, ReportFormat t)
    {
        var d = report.Document;
        var cur = d.Currency;
        var rows = d.NotChosen is { } nc
            ? nc.Groups.SelectMany(g => g.Candidates.Select(c => new object?[]
            {
                CauseTitles.Of(t, g.Cause), c.Name, c.Reason, c.Shortfall?.Value, c.MoneyShortfall?.Value, c.Co2Avoided?.Value, c.LandfillAvoided?.Value,
                c.Thresholds.IsEmpty ? null : string.Join("; ", c.Thresholds.Select(x => x.Text)),
            })).ToList()
            : [];
        if (d.NotChosen is { Note.Length: > 0 } n)
        {
            rows.Add([t[ReportPhrase.Note], n.Note, null, null, null, null, null, null]);
        }

        StreamedTables.Table(wb,
            [
                new Column(t[ReportPhrase.Cause], 22), new Column(t[ReportPhrase.Candidate], 50), new Column(t[ReportPhrase.WhyNot], 80), new Column(t.WithUnit(ReportPhrase.FallsShortBy, $"{cur}/yr"), 16, Formats.Money),
                new Column(t.WithUnit(ReportPhrase.OfWhichMoney, $"{cur}/yr"), 16, Formats.Money), new Column(t.WithUnit(ReportPhrase.Co2ItWouldAvoid, "t CO2e/yr"), 14, Formats.Tonnes),
                new Column(t.WithUnit(ReportPhrase.LandfillItWouldAvoid, "t/yr"), 14, Formats.Tonnes), new Column(t[ReportPhrase.WhatWouldMakeItPay], 70),
            ],
            rows);
    }

    private static void Actors(StreamedWorkbook wb, RunReport report, ReportFormat t)
    {
        var d = report.Document;
        var cur = report.Currency;
        var cases = d.BusinessCases?.Actors.ToDictionary(c => c.Id, StringComparer.Ordinal) ?? [];
        StreamedTables.Table(wb,
            [
                new Column(t[ReportPhrase.ActorId], 18), new Column(t[ReportPhrase.Name], 30), new Column(t[ReportPhrase.Kind], 13), new Column(t[ReportPhrase.Municipality], 16),
                new Column(t.WithUnit(ReportPhrase.NetBenefit, $"{cur}/yr"), 16, Formats.Money), new Column(t.WithUnit(ReportPhrase.Co2Avoided, "t CO2e/yr"), 14, Formats.Tonnes),
                new Column(t.WithUnit(ReportPhrase.LandfillAvoided, "t/yr"), 14, Formats.Tonnes), new Column(t.WithUnit(ReportPhrase.Investment, cur), 16, Formats.Money),
                new Column(t.WithUnit(ReportPhrase.Npv, cur), 16, Formats.Money), new Column(t.WithUnit(ReportPhrase.Payback, "years"), 12, Formats.Decimal), new Column(t.WithUnit(ReportPhrase.Irr, "%"), 10, Formats.Percent),
                new Column(t[ReportPhrase.Payback], 16), new Column(t[ReportPhrase.Irr], 16), new Column(t[ReportPhrase.BusinessCaseInWords], 60),
            ],
            d.Actors.OrderByDescending(a => a.NetBenefit.Value).ThenBy(a => a.Id, StringComparer.Ordinal).Select(a =>
            {
                var c = cases.GetValueOrDefault(a.Id);
                return new object?[]
                {
                    a.Id, a.Name, a.Kind, a.Municipality, a.NetBenefit.Value, a.Co2Avoided.Value, a.LandfillAvoided.Value,
                    c is null ? 0.0 : c.Investment.Value, c is null ? 0.0 : c.Npv.Value, c?.PaybackYears, c?.Irr,
                    c?.Payback, c?.IrrText, c?.Note,
                };
            }));
    }

    private static void Impacts(StreamedWorkbook wb, RunReport report, ReportFormat t)
    {
        static object?[] Row(string level, ImpactRow a) =>
        [
            level, a.Id, a.Name, a.Co2.AvoidedDisposal, a.Co2.AvoidedVirginProduction, a.Co2.AddedTransport, a.Co2.AddedProcessing,
            a.Co2.PermitDelay, a.Co2Avoided.Value, a.LandfillAvoided.Value, a.VirginMaterialAvoided.Value, a.WaterSaved.Value, a.EnergyRecovered.Value,
        ];
        var impacts = report.Document.Impacts;
        StreamedTables.Table(wb,
            [
                new Column(t[ReportPhrase.Level], 13), new Column(t[ReportPhrase.Id], 18), new Column(t[ReportPhrase.Name], 30),
                new Column(t.WithUnit(ReportPhrase.Co2AvoidedDisposal, "t CO2e/yr"), 15, Formats.Tonnes), new Column(t.WithUnit(ReportPhrase.Co2AvoidedVirgin, "t CO2e/yr"), 15, Formats.Tonnes),
                new Column(t.WithUnit(ReportPhrase.Co2AddedTransport, "t CO2e/yr"), 15, Formats.Tonnes), new Column(t.WithUnit(ReportPhrase.Co2AddedProcessing, "t CO2e/yr"), 15, Formats.Tonnes),
                new Column(t.WithUnit(ReportPhrase.Co2LostPermitDelay, "t CO2e/yr"), 15, Formats.Tonnes), new Column(t.WithUnit(ReportPhrase.Co2AvoidedNet, "t CO2e/yr"), 15, Formats.Tonnes),
                new Column(t.WithUnit(ReportPhrase.LandfillAvoided, "t/yr"), 14, Formats.Tonnes), new Column(t.WithUnit(ReportPhrase.VirginMaterialAvoided, "t/yr"), 14, Formats.Tonnes),
                new Column(t.WithUnit(ReportPhrase.WaterSaved, t[ReportPhrase.ResourceUnitPerYear]), 14, Formats.Quantity), new Column(t.WithUnit(ReportPhrase.EnergyRecovered, t[ReportPhrase.ResourceUnitPerYear]), 14, Formats.Quantity),
            ],
            impacts is null ? [] : impacts.Actors.Select(a => Row(t[ReportPhrase.LevelActor], a))
                .Concat(impacts.Municipalities.Select(m => Row(t[ReportPhrase.LevelMunicipality], m)))
                .Append(Row(t[ReportPhrase.RowTotal], impacts.Total)));
    }

    private static void Inputs(StreamedWorkbook wb, RunReport report, ReportFormat t)
    {
        var d = report.Document;
        var s = d.Solver;
        var cur = report.Currency;
        var v = d.Valuation;
        var perYear = t.Unit($"{cur}/yr");
        var count = t.Unit("count");
        var none = t[ReportPhrase.NoneApplied];
        List<object?[]> rows =
        [
            [t[ReportPhrase.ScenarioFile], d.Source, string.Empty],
            [t[ReportPhrase.Region], d.Region, string.Empty],
            [t[ReportPhrase.Scenario], d.Scenario, string.Empty],
            [t[ReportPhrase.OverridesApplied], d.Overrides.IsEmpty ? none : string.Join(", ", d.Overrides), t[ReportPhrase.InOrder]],
            [t[ReportPhrase.Status], d.Status.Word(), string.Empty],
            [t[ReportPhrase.Solver], s.Name, string.Empty],
            [t[ReportPhrase.Termination], s.Termination, string.Empty],
            [t[ReportPhrase.ObjectiveAnnualCost], s.Objective, perYear],
            [t[ReportPhrase.BestBound], s.Bound, perYear],
            [t[ReportPhrase.OptimalityGap], s.Gap, t.Unit("fraction")],
            [t[ReportPhrase.ModelRows], s.Rows, count],
            [t[ReportPhrase.ModelColumns], s.Columns, count],
            [t[ReportPhrase.YesNoDecisions], s.Binaries, count],
            [t[ReportPhrase.CounterfactualObjective], d.Counterfactual.Objective, perYear],
            [t[ReportPhrase.Co2Price], v.Co2Price.Value, t.Unit(v.Co2Price.Unit)],
            [t[ReportPhrase.LandfillTax], v.LandfillTax.Value, t.Unit(v.LandfillTax.Unit)],
            [t[ReportPhrase.IncinerationTax], v.IncinerationTax.Value, t.Unit(v.IncinerationTax.Unit)],
            [t[ReportPhrase.LandfillValue], v.LandfillValue.Value, t.Unit(v.LandfillValue.Unit)],
            [t[ReportPhrase.InvestmentSubsidy], v.InvestmentSubsidy.Value, t.Unit(v.InvestmentSubsidy.Unit)],
            [t[ReportPhrase.EndOfWasteResources], v.EndOfWaste.IsEmpty ? none : string.Join(", ", v.EndOfWaste.Select(report.Region.ResourceName)), string.Empty],
            [t[ReportPhrase.DiscountRate], v.DiscountRate, t[ReportPhrase.FractionPerYear]],
            [t[ReportPhrase.Horizon], v.HorizonYears, t.Unit("yr")],
            [t[ReportPhrase.Circuity], v.Circuity, t.Unit("factor")],
            [t[ReportPhrase.CandidateExchanges], d.Network.Candidates, count],
            [t[ReportPhrase.PairsConsidered], d.Network.PairsConsidered, count],
        ];
        rows.AddRange(d.Network.Pruned.Select(p => new object?[] { t.Format(ReportPhrase.LeftOut, p.Reason), p.Count, count }));
        rows.AddRange(d.Explanation.Select(e => new object?[] { t[ReportPhrase.Note], e, string.Empty }));
        rows.AddRange(d.Metadata.Timings.Select(x => new object?[] { t.Format(ReportPhrase.TimeOfStage, x.Stage), x.Seconds, "s" }));
        StreamedTables.Table(wb, [new Column(t[ReportPhrase.Item], 40), new Column(t[ReportPhrase.Value], 40, Formats.Quantity), new Column(t[ReportPhrase.Unit], 18)], rows);
    }
}
