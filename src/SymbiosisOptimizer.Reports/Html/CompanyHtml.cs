using System.Globalization;
using System.Net;
using System.Text;
using SymbiosisOptimizer.Reports.Documents;

namespace SymbiosisOptimizer.Reports.Html;

/// <summary>company.html: one firm's report, a self-contained page rendered from its <see cref="CompanyDocument"/>.</summary>
public static class CompanyHtml
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private const string Css = """
        body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: #1a1a1a; margin: 0 auto; max-width: 1100px; padding: 1rem 1.5rem; line-height: 1.4; }
        h1 { font-size: 1.5rem; margin-bottom: 0.2rem; }
        h2 { font-size: 1.2rem; border-bottom: 2px solid #1565c0; padding-bottom: 0.2rem; margin-top: 1.8rem; }
        table { border-collapse: collapse; width: 100%; font-size: 0.85rem; margin: 0.5rem 0 1rem; }
        th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.4rem; vertical-align: top; }
        th { background: #ddebf7; text-align: left; }
        td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        .note { color: #555; font-size: 0.85rem; }
        .label { border: 2px solid #1565c0; padding: 0.3rem 0.6rem; }
        @media print { body { max-width: none; padding: 0; font-size: 10pt; } @page { size: A4; margin: 15mm; } }
        """;

    public static string Build(CompanyDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var cur = d.Currency;
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.Append(Inv, $"<title>{E(d.Company.Name)}: company report, {E(d.Region)}</title>\n<style>\n{Css}\n</style>\n</head>\n<body>\n");
        h.Append(Inv, $"<h1>{E(d.Company.Name)}: your part in {E(d.Region)}</h1>\n");
        h.Append(Inv, $"<p class=\"label\">{E(d.Confidentiality)}</p>\n");
        h.Append(Inv, $"<p class=\"note\">Scenario '{E(d.Scenario)}'{(d.Overrides.IsEmpty ? string.Empty : " (" + E(string.Join(", ", d.Overrides)) + ")")}, status {E(d.Status)}. All figures per year against what you do today unless stated.</p>\n");

        Section(h, "summary", "Summary");
        h.Append("<ul>\n");
        foreach (var f in d.Findings)
        {
            h.Append(Inv, $"<li>{E(f)}</li>\n");
        }

        h.Append("</ul>\n");

        Section(h, "exchanges", "Your exchanges");
        if (d.Exchanges.IsEmpty)
        {
            h.Append("<p>You take part in no exchange of the plan.</p>\n");
        }
        else
        {
            Table(h, ["Role", "Partner", "Resource", "Quantity", "Unit", "Distance (km)", "Mode", "Via", "Permit", "Your reservation price", "Recommended price", "Price unit", "Note"],
                d.Exchanges.Select(e => new object?[]
                {
                    e.Role, e.PartnerName, e.ResourceName, (e.Quantity.Value, "#,##0.##"), e.Quantity.Unit, (e.DistanceKm, "0.0"), e.ModeName, e.ProcessName, e.PermitName,
                    e.OwnReservationPrice is { } o ? (o.Value, "#,##0.##") : "-", e.RecommendedPrice is { } r ? (r.Value, "#,##0.##") : "-",
                    e.OwnReservationPrice?.Unit ?? e.RecommendedPrice?.Unit, e.PriceNote,
                }));
        }

        Section(h, "business-case", "Your business case");
        if (d.BusinessCase is { } c)
        {
            Table(h, ["Figure", "Value", "Unit"],
            [
                ["Net benefit, before transfer prices", (d.Result.NetBenefit.Value, "#,##0"), d.Result.NetBenefit.Unit],
                ["CO2e avoided", (d.Result.Co2Avoided.Value, "#,##0.0"), d.Result.Co2Avoided.Unit],
                ["Landfill avoided", (d.Result.LandfillAvoided.Value, "#,##0"), d.Result.LandfillAvoided.Unit],
                ["Investment (year 0)", (c.Investment.Value, "#,##0"), c.Investment.Unit],
                ["NPV over the horizon", (c.Npv.Value, "#,##0"), c.Npv.Unit],
                ["Payback", c.Payback, string.Empty],
                ["IRR", c.IrrText, string.Empty],
                ["Horizon", c.Horizon, string.Empty],
            ]);
            if (c.Note is not null)
            {
                h.Append(Inv, $"<p class=\"note\">{E(c.Note)}</p>\n");
            }

            h.Append(Inv, $"<p class=\"note\">Yearly cash flows, years 1 to {c.AnnualCashFlows.Values.Length} ({E(c.AnnualCashFlows.Unit)}): {E(string.Join(", ", c.AnnualCashFlows.Values.Select(v => v.ToString("#,##0", Inv))))}.</p>\n");
        }
        else
        {
            Table(h, ["Figure", "Value", "Unit"],
            [
                ["Net benefit, before transfer prices", (d.Result.NetBenefit.Value, "#,##0"), d.Result.NetBenefit.Unit],
                ["CO2e avoided", (d.Result.Co2Avoided.Value, "#,##0.0"), d.Result.Co2Avoided.Unit],
            ]);
            h.Append("<p class=\"note\">The plan changes nothing for you, so there is no business case.</p>\n");
        }

        if (!d.Result.Plants.IsEmpty)
        {
            Table(h, ["Your plant", "Built", "Throughput", "Unit", $"Net benefit ({cur}/yr)"],
                d.Result.Plants.Select(p => new object?[] { p.Name, p.Built ? "yes" : "no", (p.Throughput.Value, "#,##0.##"), p.Throughput.Unit, (p.NetBenefit.Value, "#,##0") }));
        }

        Section(h, "share", "Your fair share");
        h.Append(Inv, $"<p class=\"note\">{E(d.Share.Note)} Basis: {E(d.Share.Basis)}.</p>\n");
        if (d.Share.NotComputed is { } why)
        {
            h.Append(Inv, $"<p>Not computed: {E(why)}.</p>\n");
        }

        if (!d.Share.Methods.IsEmpty)
        {
            h.Append(Inv, $"<p>Your group has {d.Share.GroupActors} actors; what the plan gives you on its own: {E(d.Share.OwnResult!.Value.ToString("#,##0", Inv))} {E(d.Share.OwnResult.Unit)}.</p>\n");
            Table(h, ["Method", $"Your share ({cur}/yr)", $"Side payment ({cur}/yr)", "You should"],
                d.Share.Methods.Select(m => new object?[] { m.Method, (m.Share.Value, "#,##0"), (m.SidePayment.Value, "#,##0"), m.Direction }));
        }

        Section(h, "inputs", "Your inputs");
        if (!d.Inputs.Supplies.IsEmpty)
        {
            Table(h, ["Supply", "Resource", "Quantity", "Unit", "Today", "Cost per unit", "Tax per unit", "Emissions per unit"],
                d.Inputs.Supplies.Select(s => new object?[]
                {
                    s.Id, s.ResourceName, (s.Quantity.Value, "#,##0.##"), s.Quantity.Unit, s.Route, $"{s.RouteCost.Value.ToString("#,##0.##", Inv)} {s.RouteCost.Unit}",
                    $"{s.RouteTax.Value.ToString("#,##0.##", Inv)} {s.RouteTax.Unit}", $"{s.RouteEmissions.Value.ToString("#,##0.#####", Inv)} {s.RouteEmissions.Unit}",
                }));
        }

        if (!d.Inputs.Demands.IsEmpty)
        {
            Table(h, ["Demand", "Resource", "Quantity", "Unit", "Buyer", "Today", "Price per unit", "Emissions per unit"],
                d.Inputs.Demands.Select(x => new object?[]
                {
                    x.Id, x.ResourceName, (x.Quantity.Value, "#,##0.##"), x.Quantity.Unit, x.Buyer, x.SourceKind, $"{x.Price.Value.ToString("#,##0.##", Inv)} {x.Price.Unit}",
                    $"{x.Emissions.Value.ToString("#,##0.#####", Inv)} {x.Emissions.Unit}",
                }));
        }

        if (!d.Inputs.Processes.IsEmpty)
        {
            Table(h, ["Process", "Runs today", "Capacity", "Capex", "Fixed opex", "Opex", "Emissions"],
                d.Inputs.Processes.Select(p => new object?[]
                {
                    p.Name, p.Existing ? "yes" : "no", p.Capacity is { } cap ? $"{cap.Value.ToString("#,##0.##", Inv)} {cap.Unit}" : "-",
                    $"{p.Capex.Value.ToString("#,##0", Inv)} {p.Capex.Unit}", $"{p.FixedOpex.Value.ToString("#,##0", Inv)} {p.FixedOpex.Unit}",
                    $"{p.Opex.Value.ToString("#,##0.##", Inv)} {p.Opex.Unit}", $"{p.Emissions.Value.ToString("#,##0.#####", Inv)} {p.Emissions.Unit}",
                }));
        }

        Section(h, "region", "The region, in aggregate");
        h.Append(Inv, $"<p class=\"note\">{E(d.DisclosureRule)}</p>\n");
        Table(h, ["Level", "Group", "Figure", "Value", "Unit", "Actors"],
            d.Aggregates.Select(a => new object?[]
            {
                a.Level, a.Group, a.Figure, a.Value is { } v ? (v.Value, a.Figure == "CO2e avoided" ? "#,##0.0" : "#,##0") : "suppressed", a.Value?.Unit ?? a.Suppressed,
                a.Value is null ? "-" : a.Actors.ToString(Inv),
            }));
        h.Append("<p class=\"note\">Produced by SymbiosisOptimizer; the same figures are in company.json and company.xlsx.</p>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    private static void Section(StringBuilder h, string id, string heading) => h.Append(Inv, $"<h2 id=\"{id}\">{E(heading)}</h2>\n");

    private static void Table(StringBuilder h, IReadOnlyList<string> headers, IEnumerable<object?[]> rows)
    {
        h.Append("<table>\n<thead><tr>");
        foreach (var head in headers)
        {
            h.Append(Inv, $"<th>{E(head)}</th>");
        }

        h.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            h.Append("<tr>");
            foreach (var cell in row)
            {
                h.Append(cell switch
                {
                    ValueTuple<double, string> (var v, var f) => $"<td class=\"num\">{E(Numberish(v, f))}</td>",
                    null => "<td></td>",
                    _ => $"<td>{E(Convert.ToString(cell, Inv))}</td>",
                });
            }

            h.Append("</tr>\n");
        }

        h.Append("</tbody>\n</table>\n");
    }

    /// <summary>-0 (and anything that rounds to it) shows as 0.</summary>
    private static string Numberish(double v, string format)
    {
        var text = v.ToString(format, Inv);
        return text.StartsWith('-') && text.Skip(1).All(ch => ch is '0' or '.' or ',') ? text[1..] : text;
    }
}
