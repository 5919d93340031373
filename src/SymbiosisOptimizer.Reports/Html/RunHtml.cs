using SymbiosisOptimizer.Reports.Documents;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using SymbiosisOptimizer.Reports.Charts;
using SymbiosisOptimizer.Reports.Maps;

namespace SymbiosisOptimizer.Reports.Html;

/// <summary>
/// report.html of `symbiosis run`: one self-contained file (charts inlined as SVG, no scripts, fonts or network) with
/// the findings, key figures, charts and tables; simple CSS that reads on a laptop and prints on A4.
/// </summary>
public static partial class RunHtml
{
    public const string SummaryHeading = "Summary";
    public const string MapHeading = "Map";
    public const string ChartsHeading = "Charts";
    public const string ExchangesHeading = "Exchanges";
    public const string ActorsHeading = "Actors: business case";
    public const string ImpactsHeading = "Impacts";
    public const string InputsHeading = "Inputs and assumptions";

    public static readonly IReadOnlyList<string> Headings = [SummaryHeading, MapHeading, ChartsHeading, ExchangesHeading, ActorsHeading, ImpactsHeading, InputsHeading];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    internal const string Css = """
        body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: #1a1a1a; margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem; line-height: 1.4; }
        h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
        h2 { font-size: 1.25rem; border-bottom: 2px solid #1565c0; padding-bottom: 0.2rem; margin-top: 2rem; }
        .subtitle { color: #555; margin-top: 0; }
        ul.findings li { margin-bottom: 0.3rem; }
        .kpis { display: flex; flex-wrap: wrap; gap: 0.8rem; margin: 1rem 0; }
        .kpi { border: 1px solid #c5d5ea; border-radius: 6px; padding: 0.5rem 0.8rem; min-width: 11rem; background: #f4f8fd; }
        .kpi .value { font-size: 1.3rem; font-weight: bold; }
        .kpi .label { color: #444; font-size: 0.85rem; }
        table { border-collapse: collapse; width: 100%; font-size: 0.85rem; margin: 0.5rem 0 1rem; }
        th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.4rem; vertical-align: top; }
        th { background: #ddebf7; text-align: left; }
        td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        td.neg { color: #b71c1c; }
        figure.chart { margin: 1rem 0 2rem; page-break-inside: avoid; break-inside: avoid; }
        figure.chart svg { width: 100%; height: auto; max-width: 1100px; display: block; }
        figcaption { font-size: 0.9rem; color: #444; }
        .note { color: #555; font-size: 0.85rem; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10pt; }
          h2 { page-break-after: avoid; break-after: avoid; }
          tr { page-break-inside: avoid; break-inside: avoid; }
          .kpi { background: none; }
          @page { size: A4; margin: 15mm; }
        }
        """;

    public static string Build(RunReport report, IReadOnlyList<ChartImage> charts)
    {
        var d = report.Document;
        var cur = report.Currency;
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.Append(Inv, $"<title>{E(d.Region)}: symbiosis report, scenario {E(d.Scenario)}</title>\n<style>\n{Css}\n</style>\n</head>\n<body>\n");
        h.Append(Inv, $"<h1>{E(d.Region)}: industrial symbiosis report</h1>\n");
        h.Append(Inv, $"<p class=\"subtitle\">Scenario {E(d.ScenarioText)} from {E(Path.GetFileName(d.Source))}; solver {E(d.Solver.Name)}, status {E(d.StatusText)}, gap {E(d.Solver.GapText)}. All figures are per year against what the actors do today.</p>\n");

        Section(h, "summary", SummaryHeading);
        h.Append("<ul class=\"findings\">\n");
        foreach (var f in d.Findings.Where(f => !f.StartsWith("  - ", StringComparison.Ordinal) && !f.EndsWith(':')))
        {
            h.Append(Inv, $"<li>{E(f)}</li>\n");
        }

        h.Append("</ul>\n");
        if (d.Kpis is { } k)
        {
            h.Append("<div class=\"kpis\">\n");
            Kpi(h, "Net benefit", k.NetBenefit.Value, k.NetBenefit.Unit, "#,##0");
            Kpi(h, "CO2e avoided", k.Co2Avoided.Value, k.Co2Avoided.Unit, "#,##0.0");
            Kpi(h, "Landfill avoided", k.LandfillAvoided.Value, k.LandfillAvoided.Unit, "#,##0");
            Kpi(h, "Virgin material avoided", k.VirginMaterialAvoided.Value, k.VirginMaterialAvoided.Unit, "#,##0");
            Kpi(h, "Transport emissions", k.TransportEmissions.Value, k.TransportEmissions.Unit, "#,##0.0");
            Kpi(h, "Exchanges chosen", d.Exchanges.Length, "count", "0");
            h.Append("</div>\n");
        }

        if (d.Accounts is { } acc)
        {
            h.Append("<h3 id=\"accounts\">Who gains: firms, the public budget and society</h3>\n");
            Table(h, ["Account", $"Per year ({cur}/yr)", "What it holds"],
            [
                ["Firms", (acc.Firms.Value, "#,##0"), "every actor except the municipalities, after taxes, fees and subsidies"],
                ["Public budget", (acc.PublicBudget.Value, "#,##0"), string.Create(Inv, $"state {acc.PublicBudget.State.Value:N0} (landfill tax {acc.PublicBudget.LandfillTax.Value:N0}, incineration tax {acc.PublicBudget.IncinerationTax.Value:N0}, subsidies {acc.PublicBudget.Subsidies.Value:N0}); municipalities {acc.PublicBudget.Municipalities.Value:N0}")],
                ["Externalities", (acc.Externalities.Value, "#,##0"), string.Create(Inv, $"{acc.Externalities.Co2Avoided.Value:N1} t CO2e avoided at {acc.Externalities.SocialCo2Value.Value:N0} {acc.Externalities.SocialCo2Value.Unit}")],
                ["Society", (acc.Society.Value, "#,##0"), string.Create(Inv, $"real resource savings {acc.Society.ResourceSavings.Value:N0} plus externalities; = firms + public budget + externalities")],
            ]);
            h.Append(Inv, $"<p class=\"note\">{E(acc.Convention)}</p>\n");
        }

        if (!d.Exchanges.IsEmpty)
        {
            h.Append("<p>The largest exchanges:</p>\n<ol>\n");
            foreach (var e in d.Exchanges.Take(3))
            {
                h.Append(Inv, $"<li>{E(e.Description)}.</li>\n");
            }

            h.Append("</ol>\n");
        }

        Section(h, "map", MapHeading);
        h.Append("<p class=\"note\">Where the actors are and what flows between them: one line per chosen exchange, its width by quantity, its colour by resource; point at a line or an actor for its figures. Borders: Swedish municipalities.</p>\n");
        h.Append(Inv, $"<figure class=\"chart\" id=\"chart-{RunCharts.FlowMap}\">\n{FlowMapSvg.Build(report.Map, RunCharts.FlowMapTitle)}\n<figcaption>{E(RunCharts.FlowMapTitle)}</figcaption>\n</figure>\n");

        Section(h, "charts", ChartsHeading);
        foreach (var c in charts.Where(c => c.Name != RunCharts.FlowMap))
        {
            h.Append(Inv, $"<figure class=\"chart\" id=\"chart-{c.Name}\">\n{InlineSvg(c)}\n<figcaption>{E(c.Title)}</figcaption>\n</figure>\n");
        }

        Section(h, "exchanges", ExchangesHeading);
        h.Append("<p class=\"note\">Each exchange carries the avoided current route of its supply and the avoided purchase of its receiver (shared by flow where several exchanges serve one), minus its transport, connection and permit delay. Plants and permits carry their own costs and emissions in the rows after the exchanges; all rows add up to the key figures.</p>\n");
        var own = d.Plants.Where(p => p.Built || p.NetBenefit.Value != 0 || p.Co2Avoided.Value != 0)
            .Select(p => new object?[] { $"Plant: {p.Name}", p.ActorName, null, (p.Throughput.Value, "#,##0.##"), p.Throughput.Unit, null, null, null, (p.NetBenefit.Value, "#,##0"), (p.Co2Avoided.Value, "#,##0.0"), (p.LandfillAvoided.Value, "#,##0") })
            .Concat(d.Permits.Select(p => new object?[] { $"Permit: {p.Name}", p.ReceiverName, null, null, null, null, null, null, (p.NetBenefit.Value, "#,##0"), (p.Co2Avoided.Value, "#,##0.0"), (p.LandfillAvoided.Value, "#,##0") }))
            .Append(["Unattributed", null, null, null, null, null, null, null, (d.Unattributed.NetBenefit.Value, "#,##0"), (d.Unattributed.Co2Avoided.Value, "#,##0.0"), (d.Unattributed.LandfillAvoided.Value, "#,##0")]);
        var total = d.Kpis is { } kt
            ? new[] { new object?[] { "Total (the key figures)", null, null, null, null, null, null, null, (kt.NetBenefit.Value, "#,##0"), (kt.Co2Avoided.Value, "#,##0.0"), (kt.LandfillAvoided.Value, "#,##0") } }
            : [];
        Table(h, ["From", "To", "Resource", "Quantity", "Unit", "Distance (km)", "Mode", "Permit", $"Annual benefit ({cur}/yr)", "CO2e avoided (t CO2e/yr)", "Landfill avoided (t/yr)"],
            d.Exchanges.Select(e => new object?[]
            {
                e.FromName, e.ToName, e.ResourceName, (e.Quantity.Value, "#,##0.##"), e.Quantity.Unit,
                (e.DistanceKm, "0.0"), e.ModeName, e.PermitName, (e.AnnualBenefit.Value, "#,##0"), (e.Co2Avoided.Value, "#,##0.0"), (e.LandfillAvoided.Value, "#,##0"),
            }).Concat(own).Concat(total));

        if (d.NotChosen is { } nc)
        {
            Section(h, "not-chosen", NotChosenHeading);
            h.Append(Inv, $"<p class=\"note\">Each candidate outside the plan, with why, and by how much it falls short: the money plus valued CO2e the plan would lose per year if it were forced in. {E(nc.Note)}</p>\n");
            foreach (var g in nc.Groups)
            {
                h.Append(Inv, $"<h3>{E(g.Title)} ({g.Candidates.Length})</h3>\n");
                Table(h, ["Candidate", "Why not", $"Falls short by ({cur}/yr)", "What would make it pay"],
                    g.Candidates.Select(c => new object?[]
                    {
                        c.Name, c.Reason, c.Shortfall is { } sf ? (sf.Value, "#,##0") : "-",
                        c.Thresholds.IsEmpty ? "-" : string.Join("; ", c.Thresholds.Select(t => t.Text)),
                    }));
            }
        }

        foreach (var p in d.Plants.Where(p => !p.Outlet.IsEmpty))
        {
            h.Append(Inv, $"<p class=\"note\">Outlet of {E(p.Name)}: {E(string.Join("; ", p.Outlet.Select(o => string.Create(Inv, $"{o.Property} {(o.Actual is { } a ? a.Value.ToString("#,##0.##", Inv) : "-")} {o.Limit.Unit} (limit {o.Limit.Value:#,##0.##}{(o.Binding ? ", binding" : string.Empty)})"))))}. Receivers downstream are offered the outlet at its limits.</p>\n");
        }

        Section(h, "actors", ActorsHeading);
        h.Append("<p class=\"note\">Net benefit before transfer prices: disposal savings go to suppliers, purchase savings, transport and connections to receivers. Investment, NPV, payback and IRR over the horizon at the scenario's discount rate.</p>\n");
        var cases = d.BusinessCases?.Actors.ToDictionary(c => c.Id, StringComparer.Ordinal) ?? [];
        Table(h, ["Actor", "Kind", "Municipality", $"Net benefit ({cur}/yr)", "CO2e avoided (t CO2e/yr)", "Landfill avoided (t/yr)", $"Investment ({cur})", $"NPV ({cur})", "Payback (years)", "IRR"],
            d.Actors.Where(a => cases.ContainsKey(a.Id) || Math.Abs(a.NetBenefit.Value) > 0.5).OrderByDescending(a => a.NetBenefit.Value).Select(a =>
            {
                var c = cases.GetValueOrDefault(a.Id);
                return new object?[]
                {
                    a.Name, a.Kind, a.Municipality, (a.NetBenefit.Value, "#,##0"), (a.Co2Avoided.Value, "#,##0.0"), (a.LandfillAvoided.Value, "#,##0"),
                    (c?.Investment.Value ?? 0, "#,##0"), (c?.Npv.Value ?? 0, "#,##0"), c?.PaybackYears is { } p ? (p, "0.0") : null, c?.Irr is { } irr ? (irr, "0.0%") : null,
                };
            }));

        if (d.Impacts is { } imp)
        {
            Section(h, "impacts", ImpactsHeading);
            h.Append("<p class=\"note\">CO2e avoided by cause, by municipality; net = disposal + virgin production - transport - processing - permit delay.</p>\n");
            object?[] Row(string name, ImpactRow m) =>
            [
                name, (m.Co2.AvoidedDisposal, "#,##0.0"), (m.Co2.AvoidedVirginProduction, "#,##0.0"), (-m.Co2.AddedTransport, "#,##0.0"),
                (-m.Co2.AddedProcessing, "#,##0.0"), (-m.Co2.PermitDelay, "#,##0.0"), (m.Co2Avoided.Value, "#,##0.0"), (m.LandfillAvoided.Value, "#,##0"),
            ];
            Table(h, ["Municipality", "Disposal (t CO2e/yr)", "Virgin production (t CO2e/yr)", "Transport (t CO2e/yr)", "Processing (t CO2e/yr)", "Permit delay (t CO2e/yr)", "CO2e avoided, net (t CO2e/yr)", "Landfill avoided (t/yr)"],
                imp.Municipalities.Select(m => Row(m.Name, m)).Append(Row("Total", imp.Total)));
        }

        Section(h, "inputs", InputsHeading);
        var v = d.Valuation;
        Table(h, ["Item", "Value"],
        [
            ["Scenario file", d.Source],
            ["Scenario", d.Scenario],
            ["Overrides applied", d.Overrides.IsEmpty ? "(none)" : string.Join(", ", d.Overrides)],
            ["Solver", d.Solver.Name],
            ["Status", d.StatusText],
            ["Optimality gap", d.Solver.GapText],
            ["Model size", string.Create(Inv, $"{d.Solver.Rows:N0} rows x {d.Solver.Columns:N0} columns, {d.Solver.Binaries:N0} yes/no decisions")],
            ["CO2 price", string.Create(Inv, $"{v.Co2Price.Value:#,##0.##} {v.Co2Price.Unit}")],
            ["Landfill tax", string.Create(Inv, $"{v.LandfillTax.Value:#,##0.##} {v.LandfillTax.Unit}")],
            ["Incineration tax", string.Create(Inv, $"{v.IncinerationTax.Value:#,##0.##} {v.IncinerationTax.Unit}")],
            ["Discount rate, horizon", string.Create(Inv, $"{v.DiscountRate:0.##%}, {v.HorizonYears:0.#} years")],
            ["Candidate exchanges", string.Create(Inv, $"{d.Network.Candidates:N0} from {d.Network.PairsConsidered:N0} pairs considered")],
        ]);
        h.Append("<p class=\"note\">Produced by SymbiosisOptimizer; the same figures are in results.json and report.xlsx.</p>\n");
        h.Append("<footer class=\"metadata\" id=\"run-metadata\">Run metadata: ");
        h.Append(E(string.Join(", ", d.Metadata.Timings.Select(t => string.Create(Inv, $"{t.Stage} {t.Seconds:0.###} s")))));
        h.Append(Inv, $"; {E(d.Metadata.Tool)} {E(d.Metadata.Version)} on {E(d.Metadata.Machine)}.</footer>\n</body>\n</html>\n");
        return h.ToString();
    }

    public const string NotChosenHeading = "Why candidates were not chosen";

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    private static void Section(StringBuilder h, string id, string heading) => h.Append(Inv, $"<h2 id=\"{id}\">{E(heading)}</h2>\n");

    /// <summary>A number cell; -0 (and anything that rounds to it) shows as 0, negatives in red.</summary>
    private static string Number(double v, string format)
    {
        var text = v.ToString(format, Inv);
        if (text.StartsWith('-') && text.Skip(1).All(c => c is '0' or '.' or ',' or '%'))
        {
            text = text[1..];
            v = 0;
        }

        return $"<td class=\"num{(v < 0 ? " neg" : string.Empty)}\">{E(text)}</td>";
    }

    private static void Kpi(StringBuilder h, string label, double value, string unit, string format) =>
        h.Append(Inv, $"<div class=\"kpi\"><div class=\"value\">{E(value.ToString(format, Inv))}</div><div class=\"label\">{E(label)} ({E(unit)})</div></div>\n");

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
                    ValueTuple<double, string> (var v, var f) => Number(v, f),
                    null => "<td></td>",
                    _ => $"<td>{E(Convert.ToString(cell, Inv))}</td>",
                });
            }

            h.Append("</tr>\n");
        }

        h.Append("</tbody>\n</table>\n");
    }

    /// <summary>The chart's SVG without its XML declaration, scalable (viewBox) and with ids made unique per chart.</summary>
    public static string InlineSvg(ChartImage chart)
    {
        var svg = XmlDeclaration().Replace(chart.Svg, string.Empty).Trim();
        var size = SvgSize().Match(svg);
        if (size.Success)
        {
            svg = string.Concat(
                svg.AsSpan(0, size.Index),
                string.Create(Inv, $"<svg{size.Groups["pre"].Value} viewBox=\"0 0 {size.Groups["w"].Value} {size.Groups["h"].Value}\" role=\"img\" aria-label=\"{E(chart.Title)}\">"),
                svg.AsSpan(size.Index + size.Length));
        }

        var prefix = chart.Name + "-";
        return svg.Replace("id=\"", "id=\"" + prefix, StringComparison.Ordinal).Replace("url(#", "url(#" + prefix, StringComparison.Ordinal)
            .Replace("href=\"#", "href=\"#" + prefix, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<\?xml[^>]*\?>")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"<svg(?<pre>[^>]*?)\s+width=""(?<w>[0-9.]+)""\s+height=""(?<h>[0-9.]+)""\s*>")]
    private static partial Regex SvgSize();
}
