using SymbiosisOptimizer.Reports.Documents;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using SymbiosisOptimizer.Reports.Charts;
using SymbiosisOptimizer.Reports.Localization;
using SymbiosisOptimizer.Reports.Maps;

namespace SymbiosisOptimizer.Reports.Html;

/// <summary>
/// report.html of `symbiosis run`: one self-contained file (charts inlined as SVG, no scripts, fonts or network) with
/// the findings, key figures, charts and tables; simple CSS that reads on a laptop and prints on A4. Written in English
/// or Swedish (<see cref="Language"/>): headings, labels, number format and unit words; the scenario's own names and
/// the document's sentences (findings, reasons) are shown as the document holds them.
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
        .confidential { color: #b71c1c; border: 2px solid #b71c1c; padding: 0.3rem 0.6rem; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10pt; }
          h2 { page-break-after: avoid; break-after: avoid; }
          tr { page-break-inside: avoid; break-inside: avoid; }
          .kpi { background: none; }
          @page { size: A4; margin: 15mm; }
        }
        """;

    public static string Build(RunReport report, IReadOnlyList<ChartImage> charts, Language language = Language.En)
    {
        var t = ReportFormat.For(language);
        var n = t.Numbers;
        var d = report.Document;
        var cur = report.Currency;
        var h = new StringBuilder();
        h.Append(Inv, $"<!DOCTYPE html>\n<html lang=\"{t.Code}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.Append(Inv, $"<title>{E(t.Format(ReportPhrase.HtmlTitle, d.Region, d.Scenario))}</title>\n<style>\n{Css}\n</style>\n</head>\n<body>\n");
        h.Append(Inv, $"<h1>{E(t.Format(ReportPhrase.HtmlHeading, d.Region))}</h1>\n");
        h.Append(Inv, $"<p class=\"confidential\"><strong>{E(t[ReportPhrase.ConfidentialLabel])}</strong></p>\n");
        h.Append(Inv, $"<p class=\"subtitle\">{E(t.Format(ReportPhrase.HtmlSubtitle, d.ScenarioText, Path.GetFileName(d.Source), d.Solver.Name, d.StatusText, d.Solver.GapText))}</p>\n");

        Section(h, "summary", t[ReportPhrase.SummaryHeading]);
        h.Append("<ul class=\"findings\">\n");
        // The largest exchanges are the table below; their list is for the console and the workbook.
        foreach (var f in RunFindings.Of(d, t.Language).Where(f => f.Kind is not (FindingKind.ExchangesHeader or FindingKind.TopExchange)).Select(f => f.Text))
        {
            h.Append(Inv, $"<li>{E(f)}</li>\n");
        }

        h.Append("</ul>\n");
        if (d.Kpis is { } k)
        {
            h.Append("<div class=\"kpis\">\n");
            Kpi(h, t, ReportPhrase.NetBenefit, k.NetBenefit.Value, k.NetBenefit.Unit, "#,##0");
            Kpi(h, t, ReportPhrase.Co2Avoided, k.Co2Avoided.Value, k.Co2Avoided.Unit, "#,##0.0");
            Kpi(h, t, ReportPhrase.LandfillAvoided, k.LandfillAvoided.Value, k.LandfillAvoided.Unit, "#,##0");
            Kpi(h, t, ReportPhrase.VirginMaterialAvoided, k.VirginMaterialAvoided.Value, k.VirginMaterialAvoided.Unit, "#,##0");
            Kpi(h, t, ReportPhrase.TransportEmissions, k.TransportEmissions.Value, k.TransportEmissions.Unit, "#,##0.0");
            Kpi(h, t, ReportPhrase.ExchangesChosen, d.Exchanges.Length, "count", "0");
            h.Append("</div>\n");
        }

        if (d.Accounts is { } acc)
        {
            h.Append(Inv, $"<h3 id=\"accounts\">{Static(t[ReportPhrase.AccountsHeading])}</h3>\n");
            Table(h, t, [t[ReportPhrase.Account], t.WithUnit(ReportPhrase.PerYear, $"{cur}/yr"), t[ReportPhrase.WhatItHolds]],
            [
                [t[ReportPhrase.Firms], (acc.Firms.Value, "#,##0"), t[ReportPhrase.FirmsHold]],
                [t[ReportPhrase.PublicBudget], (acc.PublicBudget.Value, "#,##0"), t.Format(ReportPhrase.PublicBudgetHolds, acc.PublicBudget.State.Value, acc.PublicBudget.LandfillTax.Value, acc.PublicBudget.IncinerationTax.Value, acc.PublicBudget.Subsidies.Value, acc.PublicBudget.Municipalities.Value)],
                [t[ReportPhrase.Externalities], (acc.Externalities.Value, "#,##0"), t.Format(ReportPhrase.ExternalitiesHold, acc.Externalities.Co2Avoided.Value, acc.Externalities.SocialCo2Value.Value, t.Unit(acc.Externalities.SocialCo2Value.Unit))],
                [t[ReportPhrase.Society], (acc.Society.Value, "#,##0"), t.Format(ReportPhrase.SocietyHolds, acc.Society.ResourceSavings.Value)],
            ]);
            h.Append(Inv, $"<p class=\"note\">{E(acc.Convention)}</p>\n");
        }

        if (!d.Exchanges.IsEmpty)
        {
            h.Append(Inv, $"<p>{Static(t[ReportPhrase.LargestExchanges])}</p>\n<ol>\n");
            foreach (var e in d.Exchanges.Take(3))
            {
                h.Append(Inv, $"<li>{E(e.Description)}.</li>\n");
            }

            h.Append("</ol>\n");
        }

        Section(h, "map", t[ReportPhrase.MapHeading]);
        h.Append(Inv, $"<p class=\"note\">{Static(Maps.MapBordersNote.Html(t, report.Map))}</p>\n");
        h.Append(Inv, $"<figure class=\"chart\" id=\"chart-{RunCharts.FlowMap}\">\n{FlowMapSvg.Build(report.Map, RunCharts.FlowMapTitle)}\n<figcaption>{E(RunCharts.FlowMapTitle)}</figcaption>\n</figure>\n");

        Section(h, "charts", t[ReportPhrase.ChartsHeading]);
        foreach (var c in charts.Where(c => c.Name != RunCharts.FlowMap))
        {
            h.Append(Inv, $"<figure class=\"chart\" id=\"chart-{c.Name}\">\n{InlineSvg(c)}\n<figcaption>{E(ChartCaption(t, c))}</figcaption>\n</figure>\n");
        }

        Section(h, "exchanges", t[ReportPhrase.ExchangesHeading]);
        h.Append(Inv, $"<p class=\"note\">{Static(t[ReportPhrase.ExchangesNote])}</p>\n");
        var own = d.Plants.Where(p => p.Built || p.NetBenefit.Value != 0 || p.Co2Avoided.Value != 0)
            .Select(p => new object?[] { t.Format(p.Closed ? ReportPhrase.PlantClosedRow : ReportPhrase.PlantRow, p.Name), p.ActorName, null, (p.Throughput.Value, "#,##0.##"), t.Unit(p.Throughput.Unit), null, null, null, (p.NetBenefit.Value, "#,##0"), (p.Co2Avoided.Value, "#,##0.0"), (p.LandfillAvoided.Value, "#,##0") })
            .Concat(d.Permits.Select(p => new object?[] { t.Format(ReportPhrase.PermitRow, p.Name), p.ReceiverName, null, null, null, null, null, null, (p.NetBenefit.Value, "#,##0"), (p.Co2Avoided.Value, "#,##0.0"), (p.LandfillAvoided.Value, "#,##0") }))
            .Append([t[ReportPhrase.Unattributed], null, null, null, null, null, null, null, (d.Unattributed.NetBenefit.Value, "#,##0"), (d.Unattributed.Co2Avoided.Value, "#,##0.0"), (d.Unattributed.LandfillAvoided.Value, "#,##0")]);
        var total = d.Kpis is { } kt
            ? new[] { new object?[] { t[ReportPhrase.TotalKeyFigures], null, null, null, null, null, null, null, (kt.NetBenefit.Value, "#,##0"), (kt.Co2Avoided.Value, "#,##0.0"), (kt.LandfillAvoided.Value, "#,##0") } }
            : [];
        Table(h, t, [t[ReportPhrase.From], t[ReportPhrase.To], t[ReportPhrase.Resource], t[ReportPhrase.Quantity], t[ReportPhrase.Unit], t.WithUnit(ReportPhrase.Distance, "km"), t[ReportPhrase.Mode], t[ReportPhrase.Permit], t.WithUnit(ReportPhrase.AnnualBenefit, $"{cur}/yr"), t.WithUnit(ReportPhrase.Co2Avoided, "t CO2e/yr"), t.WithUnit(ReportPhrase.LandfillAvoided, "t/yr")],
            d.Exchanges.Select(e => new object?[]
            {
                e.FromName, e.ToName, e.ResourceName, (e.Quantity.Value, "#,##0.##"), t.Unit(e.Quantity.Unit),
                (e.DistanceKm, "0.0"), e.ModeName, e.PermitName, (e.AnnualBenefit.Value, "#,##0"), (e.Co2Avoided.Value, "#,##0.0"), (e.LandfillAvoided.Value, "#,##0"),
            }).Concat(own).Concat(total));

        if (d.NotChosen is { } nc)
        {
            Section(h, "not-chosen", t[ReportPhrase.NotChosenHeading]);
            h.Append(Inv, $"<p class=\"note\">{Static(t[ReportPhrase.NotChosenNote])} {E(nc.Note)}</p>\n");
            foreach (var g in nc.Groups)
            {
                h.Append(Inv, $"<h3>{E(CauseTitles.Of(t, g.Cause))} ({g.Candidates.Length})</h3>\n");
                Table(h, t, [t[ReportPhrase.Candidate], t[ReportPhrase.WhyNot], t.WithUnit(ReportPhrase.FallsShortBy, $"{cur}/yr"), t[ReportPhrase.WhatWouldMakeItPay]],
                    g.Candidates.Select(c => new object?[]
                    {
                        c.Name, c.Reason, c.Shortfall is { } sf ? (sf.Value, "#,##0") : "-",
                        c.Thresholds.IsEmpty ? "-" : string.Join("; ", c.Thresholds.Select(x => x.Text)),
                    }));
            }
        }

        foreach (var p in d.Plants.Where(p => !p.Outlet.IsEmpty))
        {
            var outlets = string.Join("; ", p.Outlet.Select(o => t.Format(
                o.Binding ? ReportPhrase.OutletLimitBinding : ReportPhrase.OutletLimit,
                o.Property, o.Actual is { } a ? a.Value.ToString("#,##0.##", n) : "-", o.Limit.Unit, o.Limit.Value.ToString("#,##0.##", n))));
            h.Append(Inv, $"<p class=\"note\">{E(t.Format(ReportPhrase.OutletNote, p.Name, outlets))}</p>\n");
        }

        if (!d.Pinned.IsEmpty)
        {
            Section(h, "pinned", t[ReportPhrase.PinnedHeading]);
            h.Append(Inv, $"<p class=\"note\">{Static(t[ReportPhrase.PinnedNote])}</p>\n");
            Table(h, t, [t[ReportPhrase.Choice], t[ReportPhrase.Decision], t[ReportPhrase.Group], t[ReportPhrase.DeclaredAt], t[ReportPhrase.InThePlan], t[ReportPhrase.Quantity]],
                d.Pinned.Select(p => new object?[]
                {
                    p.Target, p.Decision, p.Group ?? "-", p.Origin, p.Made is { } m ? (m ? t[ReportPhrase.Made] : t[ReportPhrase.NotMade]) : "-",
                    p.Quantity is { } q ? q.Value.ToString("#,##0.##", n) + " " + t.Unit(q.Unit) : "-",
                }));
        }

        if (!d.PreSolve.Unreachable.IsEmpty || !d.PreSolve.Unmet.IsEmpty)
        {
            Section(h, "before-solving", t[ReportPhrase.BeforeSolvingHeading]);
            h.Append("<ul>\n");
            foreach (var line in d.PreSolve.Unreachable.Select(u => u.Text).Concat(d.PreSolve.Unmet.Select(u => u.Text)))
            {
                h.Append(Inv, $"<li>{E(line)}</li>\n");
            }

            h.Append("</ul>\n");
        }

        Section(h, "actors", t[ReportPhrase.ActorsHeading]);
        h.Append(Inv, $"<p class=\"note\">{Static(t[ReportPhrase.ActorsNote])}</p>\n");
        var cases = d.BusinessCases?.Actors.ToDictionary(c => c.Id, StringComparer.Ordinal) ?? [];
        Table(h, t, [t[ReportPhrase.Actor], t[ReportPhrase.Kind], t[ReportPhrase.Municipality], t.WithUnit(ReportPhrase.NetBenefit, $"{cur}/yr"), t.WithUnit(ReportPhrase.Co2Avoided, "t CO2e/yr"), t.WithUnit(ReportPhrase.LandfillAvoided, "t/yr"), t.WithUnit(ReportPhrase.Investment, cur), t.WithUnit(ReportPhrase.Npv, cur), t.WithUnit(ReportPhrase.Payback, "years"), t[ReportPhrase.Irr]],
            d.Actors.Where(a => cases.ContainsKey(a.Id) || Math.Abs(a.NetBenefit.Value) > 0.5).OrderByDescending(a => a.NetBenefit.Value).Select(a =>
            {
                var c = cases.GetValueOrDefault(a.Id);
                return new object?[]
                {
                    a.Name, a.Kind, a.Municipality, (a.NetBenefit.Value, "#,##0"), (a.Co2Avoided.Value, "#,##0.0"), (a.LandfillAvoided.Value, "#,##0"),
                    (c?.Investment.Value ?? 0, "#,##0"), (c?.Npv.Value ?? 0, "#,##0"), c?.Payback, c?.IrrText,
                };
            }));

        foreach (var c in d.BusinessCases?.Actors.Where(c => c.Note is not null) ?? [])
        {
            h.Append(Inv, $"<p class=\"note\">{E(c.Name)}: {E(c.Note)}</p>\n");
        }

        if (d.Impacts is { } imp)
        {
            Section(h, "impacts", t[ReportPhrase.ImpactsHeading]);
            h.Append(Inv, $"<p class=\"note\">{Static(t[ReportPhrase.ImpactsNote])}</p>\n");
            object?[] Row(string name, ImpactRow m) =>
            [
                name, (m.Co2.AvoidedDisposal, "#,##0.0"), (m.Co2.AvoidedVirginProduction, "#,##0.0"), (-m.Co2.AddedTransport, "#,##0.0"),
                (-m.Co2.AddedProcessing, "#,##0.0"), (-m.Co2.PermitDelay, "#,##0.0"), (m.Co2Avoided.Value, "#,##0.0"), (m.LandfillAvoided.Value, "#,##0"),
            ];
            Table(h, t, [t[ReportPhrase.Municipality], t.WithUnit(ReportPhrase.Disposal, "t CO2e/yr"), t.WithUnit(ReportPhrase.VirginProduction, "t CO2e/yr"), t.WithUnit(ReportPhrase.Transport, "t CO2e/yr"), t.WithUnit(ReportPhrase.Processing, "t CO2e/yr"), t.WithUnit(ReportPhrase.PermitDelay, "t CO2e/yr"), t.WithUnit(ReportPhrase.Co2AvoidedNet, "t CO2e/yr"), t.WithUnit(ReportPhrase.LandfillAvoided, "t/yr")],
                imp.Municipalities.Select(m => Row(m.Name, m)).Append(Row(t[ReportPhrase.Total], imp.Total)));
        }

        Section(h, "inputs", t[ReportPhrase.InputsHeading]);
        var v = d.Valuation;
        string Priced(Amount a) => $"{a.Value.ToString("#,##0.##", n)} {t.Unit(a.Unit)}";
        Table(h, t, [t[ReportPhrase.Item], t[ReportPhrase.Value]],
        [
            [t[ReportPhrase.ScenarioFile], d.Source],
            [t[ReportPhrase.Scenario], d.Scenario],
            [t[ReportPhrase.OverridesApplied], d.Overrides.IsEmpty ? t[ReportPhrase.NoneApplied] : string.Join(", ", d.Overrides)],
            [t[ReportPhrase.Solver], d.Solver.Name],
            [t[ReportPhrase.Status], d.StatusText],
            [t[ReportPhrase.OptimalityGap], d.Solver.GapText],
            [t[ReportPhrase.ModelSize], t.Format(ReportPhrase.ModelSizeText, d.Solver.Rows, d.Solver.Columns, d.Solver.Binaries)],
            [t[ReportPhrase.Co2Price], Priced(v.Co2Price)],
            [t[ReportPhrase.LandfillTax], Priced(v.LandfillTax)],
            [t[ReportPhrase.IncinerationTax], Priced(v.IncinerationTax)],
            [t[ReportPhrase.DiscountRateHorizon], t.Format(ReportPhrase.DiscountRateHorizonText, v.DiscountRate, v.HorizonYears)],
            [t[ReportPhrase.CandidateExchanges], t.Format(ReportPhrase.CandidateExchangesText, d.Network.Candidates, d.Network.PairsConsidered)],
        ]);
        h.Append(Inv, $"<p class=\"note\">{Static(t[ReportPhrase.ProducedBy])}</p>\n");
        h.Append(Inv, $"<footer class=\"metadata\" id=\"run-metadata\">{Static(t[ReportPhrase.RunMetadata])}: ");
        h.Append(E(string.Join(", ", d.Metadata.Timings.Select(x => string.Create(n, $"{x.Stage} {x.Seconds:0.###} s")))));
        h.Append(Inv, $"; {E(t.Format(ReportPhrase.ToolOnMachine, d.Metadata.Tool, d.Metadata.Version, d.Metadata.Machine))}.</footer>\n</body>\n</html>\n");
        return h.ToString();
    }

    /// <summary>A chart's caption in the report's language, by the chart's name; a chart this table does not know keeps its own title.</summary>
    public static string ChartCaption(ReportFormat t, ChartImage chart) => chart.LargestOf is { } of && t.Language != Language.En
        ? t.Format(ReportPhrase.ChartLargestOf, Caption(t, chart), RunCharts.MaxBars, of)
        : Caption(t, chart);

    private static string Caption(ReportFormat t, ChartImage chart) => chart.Name switch
    {
        _ when t.Language == Language.En => chart.Title,
        RunCharts.NetBenefitPerActor => t[ReportPhrase.ChartNetBenefitPerActor],
        RunCharts.Co2PerExchange => t[ReportPhrase.ChartCo2PerExchange],
        RunCharts.LandfillPerExchange => t[ReportPhrase.ChartLandfillPerExchange],
        RunCharts.FlowMap => t[ReportPhrase.ChartFlowMap],
        RunCharts.ParetoFront => t[ReportPhrase.ChartParetoFront],
        _ => chart.Title,
    };

    public const string NotChosenHeading = "Why candidates were not chosen";

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>Catalogue text in element content: only what HTML needs escaped there, so quotes stay as written.</summary>
    private static string Static(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static void Section(StringBuilder h, string id, string heading) => h.Append(Inv, $"<h2 id=\"{id}\">{E(heading)}</h2>\n");

    /// <summary>A number cell; -0 (and anything that rounds to it) shows as 0, negatives in red.</summary>
    private static string Number(double v, string format, NumberFormatInfo numbers)
    {
        var text = v.ToString(format, numbers);
        if (text.StartsWith('-') && text.Skip(1).All(c => c is '0' or '.' or ',' or '%' or '\u00A0'))
        {
            text = text[1..];
            v = 0;
        }

        return $"<td class=\"num{(v < 0 ? " neg" : string.Empty)}\">{E(text)}</td>";
    }

    private static void Kpi(StringBuilder h, ReportFormat t, ReportPhrase label, double value, string unit, string format) =>
        h.Append(Inv, $"<div class=\"kpi\"><div class=\"value\">{E(value.ToString(format, t.Numbers))}</div><div class=\"label\">{E(t.WithUnit(label, unit))}</div></div>\n");

    private static void Table(StringBuilder h, ReportFormat t, IReadOnlyList<string> headers, IEnumerable<object?[]> rows)
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
                    ValueTuple<double, string> (var v, var f) => Number(v, f, t.Numbers),
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
