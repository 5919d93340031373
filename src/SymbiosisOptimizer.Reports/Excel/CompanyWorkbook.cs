using ClosedXML.Excel;
using SymbiosisOptimizer.Reports.Documents;

namespace SymbiosisOptimizer.Reports.Excel;

/// <summary>company.xlsx: one firm's report as sheets, rendered from its <see cref="CompanyDocument"/>.</summary>
public static class CompanyWorkbook
{
    public const string SummarySheet = "Summary";
    public const string ExchangesSheet = "Exchanges";
    public const string ShareSheet = "Fair share";
    public const string SuppliesSheet = "Your supplies";
    public const string DemandsSheet = "Your demands";
    public const string ProcessesSheet = "Your processes";
    public const string RegionSheet = "Region (aggregates)";

    public static byte[] Build(CompanyDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var cur = d.Currency;
        using var wb = new XLWorkbook();
        Summary(wb, d);
        SheetWriter.Table(wb, ExchangesSheet,
            [
                new Column("Role", 10), new Column("Partner", 30), new Column("Resource", 28), new Column("Quantity", 14, Formats.Quantity), new Column("Unit", 10),
                new Column("Distance (km)", 10, Formats.Km), new Column("Mode", 16), new Column("Via", 20), new Column("Permit", 20),
                new Column("Your reservation price", 14, Formats.Quantity), new Column("Recommended price", 14, Formats.Quantity), new Column("Price unit", 30), new Column("Note", 60),
            ],
            d.Exchanges.Select(e => new object?[]
            {
                e.Role, e.PartnerName, e.ResourceName, e.Quantity.Value, e.Quantity.Unit, e.DistanceKm, e.ModeName, e.ProcessName, e.PermitName,
                e.OwnReservationPrice?.Value, e.RecommendedPrice?.Value, e.OwnReservationPrice?.Unit ?? e.RecommendedPrice?.Unit, e.PriceNote,
            }));
        SheetWriter.Table(wb, ShareSheet,
            [new Column("Method", 22), new Column($"Your share ({cur}/yr)", 16, Formats.Money), new Column($"Side payment ({cur}/yr, positive: you receive)", 18, Formats.Money), new Column("You should", 10)],
            d.Share.Methods.Select(m => new object?[] { m.Method, m.Share.Value, m.SidePayment.Value, m.Direction }));
        SheetWriter.Table(wb, SuppliesSheet,
            [
                new Column("Supply", 18), new Column("Resource", 28), new Column("Quantity", 14, Formats.Quantity), new Column("Unit", 10), new Column("Today", 12),
                new Column("Cost per unit", 12, Formats.Quantity), new Column("Cost unit", 12), new Column("Tax per unit", 12, Formats.Quantity), new Column("Tax unit", 12),
                new Column("Emissions per unit", 12), new Column("Emissions unit", 14),
            ],
            d.Inputs.Supplies.Select(s => new object?[]
            {
                s.Id, s.ResourceName, s.Quantity.Value, s.Quantity.Unit, s.Route, s.RouteCost.Value, s.RouteCost.Unit, s.RouteTax.Value, s.RouteTax.Unit, s.RouteEmissions.Value, s.RouteEmissions.Unit,
            }));
        SheetWriter.Table(wb, DemandsSheet,
            [
                new Column("Demand", 18), new Column("Resource", 28), new Column("Quantity", 14, Formats.Quantity), new Column("Unit", 10), new Column("Buyer", 10), new Column("Today", 12),
                new Column("Price per unit", 12, Formats.Quantity), new Column("Price unit", 12), new Column("Emissions per unit", 12), new Column("Emissions unit", 14),
            ],
            d.Inputs.Demands.Select(x => new object?[]
            {
                x.Id, x.ResourceName, x.Quantity.Value, x.Quantity.Unit, x.Buyer, x.SourceKind, x.Price.Value, x.Price.Unit, x.Emissions.Value, x.Emissions.Unit,
            }));
        SheetWriter.Table(wb, ProcessesSheet,
            [
                new Column("Process", 24), new Column("Runs today", 10), new Column("Capacity", 12, Formats.Quantity), new Column("Capacity unit", 12),
                new Column("Capex", 14, Formats.Money), new Column("Capex unit", 10), new Column("Fixed opex", 14, Formats.Money), new Column("Fixed opex unit", 12),
                new Column("Opex", 12, Formats.Quantity), new Column("Opex unit", 12), new Column("Emissions", 12), new Column("Emissions unit", 14),
            ],
            d.Inputs.Processes.Select(p => new object?[]
            {
                p.Name, p.Existing, p.Capacity?.Value, p.Capacity?.Unit, p.Capex.Value, p.Capex.Unit, p.FixedOpex.Value, p.FixedOpex.Unit, p.Opex.Value, p.Opex.Unit, p.Emissions.Value, p.Emissions.Unit,
            }));
        var region = SheetWriter.Table(wb, RegionSheet,
            [new Column("Level", 12), new Column("Group", 30), new Column("Figure", 18), new Column("Value", 16, Formats.Money), new Column("Unit", 14), new Column("Actors", 8), new Column("Suppressed because", 50)],
            d.Aggregates.Select(a => new object?[] { a.Level, a.Group, a.Figure, a.Value is { } v ? v.Value : "suppressed", a.Value?.Unit, a.Value is null ? null : a.Actors, a.Suppressed }),
            firstRow: 2);
        region.Cell(1, 1).SetValue(d.DisclosureRule);
        region.Cell(1, 1).DataType = XLDataType.Text;
        return SheetWriter.ToBytes(wb);
    }

    private static void Summary(XLWorkbook wb, CompanyDocument d)
    {
        var ws = wb.Worksheets.Add(SummarySheet);
        ws.Column(1).Width = 40;
        ws.Column(2).Width = 20;
        ws.Column(3).Width = 40;
        var r = 0;
        void Text(string text, bool bold = false)
        {
            r++;
            var cell = ws.Cell(r, 1);
            cell.SetValue(text);
            cell.DataType = XLDataType.Text;
            cell.Style.Font.Bold = bold;
        }

        Text($"{d.Company.Name}: your part in {d.Region}, scenario '{d.Scenario}'", true);
        Text(d.Confidentiality, true);
        r++;
        foreach (var f in d.Findings)
        {
            Text(f);
        }

        r++;
        var rows = new List<object?[]>
        {
            new object?[] { "Net benefit, before transfer prices", d.Result.NetBenefit.Value, d.Result.NetBenefit.Unit },
            new object?[] { "CO2e avoided", d.Result.Co2Avoided.Value, d.Result.Co2Avoided.Unit },
            new object?[] { "Landfill avoided", d.Result.LandfillAvoided.Value, d.Result.LandfillAvoided.Unit },
        };
        if (d.BusinessCase is { } c)
        {
            rows.Add(["Investment (year 0)", c.Investment.Value, c.Investment.Unit]);
            rows.Add(["NPV over the horizon", c.Npv.Value, c.Npv.Unit]);
            rows.Add(["Payback", c.Payback, c.PaybackYears is null ? string.Empty : "years"]);
            rows.Add(["IRR", c.IrrText, string.Empty]);
            rows.Add(["Horizon", c.Horizon, string.Empty]);
            if (c.Note is not null)
            {
                rows.Add(["Note", c.Note, string.Empty]);
            }
        }

        SheetWriter.WriteTable(ws, [new Column("Figure", 40), new Column("Value", 20, Formats.Money), new Column("Unit", 40)], rows, r + 1);
    }
}
