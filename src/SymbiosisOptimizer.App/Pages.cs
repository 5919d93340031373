using System.Globalization;
using System.Net;
using System.Text;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Localization;
using SymbiosisOptimizer.Reports.Maps;

namespace SymbiosisOptimizer.App;

/// <summary>
/// The app's pages as server-rendered HTML: views of the run documents that format figures and compute none. Scripts and
/// styles come from /assets (no inline script, so the Content-Security-Policy can forbid it). Every word of a page comes
/// from <see cref="AppText"/> in the request's language.
/// </summary>
public static class Pages
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string H(string? s) => WebUtility.HtmlEncode(s ?? string.Empty);

    private static string Raw(double v) => v.ToString("R", Inv);

    /// <summary>The page frame in the request's language (<see cref="AppText.Current"/>).</summary>
    public static string Layout(string title, string body, bool map = false) => Layout(AppText.Current, title, body, map);

    /// <summary>The page frame: head, navigation, the language switch and the body.</summary>
    public static string Layout(AppText t, string title, string body, bool map = false)
    {
        var head = map
            ? """<link rel="stylesheet" href="/assets/leaflet/leaflet.css"><script src="/assets/leaflet/leaflet.js" defer></script>"""
            : string.Empty;
        return $"""
            <!DOCTYPE html>
            <html lang="{t.Code}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{H(title)} - SymbiosisOptimizer</title>
            <link rel="stylesheet" href="/assets/app/app.css">
            {head}
            <script src="/assets/app/app.js" defer></script>
            </head>
            <body>
            <header><a class="brand" href="/">SymbiosisOptimizer</a>
            <nav><a href="/">{H(t[AppPhrase.NavScenarios])}</a> <a href="/run">{H(t[AppPhrase.NavRun])}</a> <a href="/levers">{H(t[AppPhrase.NavLevers])}</a> <a href="/compare">{H(t[AppPhrase.NavCompare])}</a> <a href="/barriers">{H(t[AppPhrase.NavBarriers])}</a> <a href="/sweep">{H(t[AppPhrase.NavSweep])}</a> <a href="/montecarlo">{H(t[AppPhrase.NavMonteCarlo])}</a> <a href="/sharing">{H(t[AppPhrase.NavSharing])}</a> <a href="/runs">{H(t[AppPhrase.NavRuns])}</a></nav>
            {Switch(t)}</header>
            <main>
            {body}
            </main>
            </body>
            </html>
            """;
    }

    /// <summary>The language switch: a link to this page in each offered language, the page's own marked.</summary>
    private static string Switch(AppText t)
    {
        var join = t.Here.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        var links = Languages.All.Select(l => l.Language == t.Language
            ? $"<strong lang=\"{l.Code}\">{H(AppStrings.LanguageName(l.Language))}</strong>"
            : $"<a href=\"{H(t.Here + join + AppLanguage.Query + "=" + l.Code)}\" hreflang=\"{l.Code}\" lang=\"{l.Code}\" data-lang=\"{l.Code}\">{H(AppStrings.LanguageName(l.Language))}</a>");
        return $"<p class=\"lang-switch\" aria-label=\"{H(t[AppPhrase.LanguageSwitch])}\">{string.Join(" | ", links)}</p>";
    }

    public static string Scenarios(AppText t, ScenarioLibrary library, IReadOnlyList<RunEntry> runs, string? uploaded = null)
    {
        var b = new StringBuilder();
        b.Append(Inv, $"<h1>{H(t[AppPhrase.NavScenarios])}</h1>").Append(UploadPages.Banner(t, library, uploaded));
        if (library.All.IsEmpty)
        {
            b.Append(Inv, $"<p class=\"problem\">{H(t[AppPhrase.NoScenariosFound])}</p>");
        }
        else
        {
            b.Append(Inv, $"<p class=\"subtitle\">{H(t.Format(AppPhrase.ScenariosIntro, library.Folder))}</p>");
        }

        b.Append("<div class=\"cards\">");
        foreach (var s in library.All)
        {
            b.Append(Inv, $"<section class=\"scenario\" data-scenario=\"{H(s.Folder)}\"><h2>{H(s.Region)}</h2><p class=\"folder\">{H(s.Display)}</p>");
            if (s.Problem.Length > 0)
            {
                b.Append(Inv, $"<p class=\"problem\">{H(s.Problem)}</p>");
            }

            b.Append("<ul class=\"named\">");
            foreach (var n in s.Names)
            {
                b.Append(Inv, $"<li><form method=\"post\" action=\"/runs\"><input type=\"hidden\" name=\"scenario\" value=\"{H(s.Folder)}\"><input type=\"hidden\" name=\"name\" value=\"{H(n)}\"><button type=\"submit\" data-run=\"{H(s.Folder)}/{H(n)}\">{H(t[AppPhrase.RunButton])}</button> <span class=\"name\">{H(n)}</span></form></li>");
            }

            b.Append(Inv, $"</ul><p class=\"actions\"><a href=\"/levers?scenario={Uri.EscapeDataString(s.Folder)}\">{H(t[AppPhrase.NavLevers])}</a> <a href=\"/compare?scenario={Uri.EscapeDataString(s.Folder)}\">{H(t[AppPhrase.NavCompare])}</a></p></section>");
        }

        b.Append("</div>");
        b.Append(UploadPages.Form(t));
        if (runs.Count > 0)
        {
            b.Append(Inv, $"<h2>{H(t[AppPhrase.LatestRuns])}</h2>").Append(RunsTable(t, runs.Take(10).ToList()));
        }

        return Layout(t, t[AppPhrase.NavScenarios], b.ToString());
    }

    public static string Run(AppText t, ScenarioLibrary library, string? selected)
    {
        var b = new StringBuilder();
        b.Append(Inv, $"<h1>{H(t[AppPhrase.NavRun])}</h1><p class=\"subtitle\">{H(t[AppPhrase.RunIntro])}</p>");
        b.Append(Inv, $"<form method=\"post\" action=\"/runs\" class=\"run\"><label>{H(t[ReportPhrase.Scenario])} <select name=\"pick\" id=\"pick\">");
        foreach (var s in library.All)
        {
            b.Append(Inv, $"<optgroup label=\"{H(s.Region)}\">");
            foreach (var n in s.Names)
            {
                var value = s.Folder + "/" + n;
                var chosen = string.Equals(selected, s.Folder, StringComparison.Ordinal) && n == s.Names[0] ? " selected" : string.Empty;
                b.Append(Inv, $"<option value=\"{H(value)}\"{chosen}>{H(s.Folder)}: {H(n)}</option>");
            }

            b.Append("</optgroup>");
        }

        b.Append(Inv, $"</select></label> <button type=\"submit\" id=\"start\">{H(t[AppPhrase.StartTheRun])}</button></form>");
        b.Append(DecisionPages.Links(selected));
        return Layout(t, t[AppPhrase.NavRun], b.ToString());
    }

    public static string Runs(AppText t, IReadOnlyList<RunEntry> runs) =>
        Layout(t, t[AppPhrase.NavRuns], $"<h1>{H(t[AppPhrase.NavRuns])}</h1><p class=\"subtitle\">{H(t[AppPhrase.RunsIntro])}</p>{(runs.Count == 0 ? $"<p>{H(t[AppPhrase.NoRunsYet])} <a href=\"/\">{H(t[AppPhrase.NavScenarios])}</a>.</p>" : RunsTable(t, runs))}");

    private static string RunsTable(AppText t, IReadOnlyList<RunEntry> runs)
    {
        var b = new StringBuilder();
        b.Append(Inv, $"<table class=\"runs sortable\"><thead><tr><th>{H(t[AppPhrase.StartedUtc])}</th><th>{H(t[ReportPhrase.Scenario])}</th><th>{H(t[ReportPhrase.Status])}</th><th>{H(t[ReportPhrase.NetBenefit])}</th><th>{H(t[ReportPhrase.Co2Avoided])}</th><th>{H(t[AppPhrase.Downloads])}</th></tr></thead><tbody>");
        foreach (var r in runs)
        {
            var (net, co2) = KpiCells(t, r.Kpis);
            var what = r.Kind == JobKind.Run ? $"{H(r.Scenario)}: {H(r.Named)}" : H(t.Format(AppPhrase.JobOf, t.Title(r.Kind), r.Scenario)) + ": " + H(r.Named);
            b.Append(Inv, $"<tr data-run-id=\"{H(r.Id)}\"><td><a href=\"/runs/{H(r.Id)}\">{H(r.Started.ToString("yyyy-MM-dd HH:mm:ss", Inv))}</a></td><td>{what}</td><td class=\"run-status\" data-status=\"{H(r.Status.Word)}\">{H(t.Status(r.Status))}</td>{net}{co2}<td>{DownloadLinks(r)}</td></tr>");
        }

        return b.Append("</tbody></table>").ToString();
    }

    private static (string Net, string Co2) KpiCells(AppText t, string? kpis)
    {
        if (kpis is null)
        {
            return ("<td>-</td>", "<td>-</td>");
        }

        using var json = System.Text.Json.JsonDocument.Parse(kpis);
        string Cell(string name, int decimals) => json.RootElement.TryGetProperty(name, out var a)
            ? $"<td class=\"num\" data-value=\"{Raw(a.GetProperty("value").GetDouble())}\">{H(t.With(new Amount(a.GetProperty("value").GetDouble(), a.GetProperty("unit").GetString() ?? string.Empty), decimals))}</td>"
            : "<td>-</td>";
        return (Cell("netBenefit", 0), Cell("co2Avoided", 1));
    }

    public static string DownloadLinks(RunEntry r) => r.HasDocuments
        ? string.Join(" ", AppRuns.DownloadsOf(r.Kind).Keys.Select(f => $"<a class=\"download\" href=\"/runs/{H(r.Id)}/files/{H(f)}\">{H(f)}</a>"))
        : "-";

    public static string Result(AppText t, RunEntry run, RunDocument? d)
    {
        var b = new StringBuilder();
        if (d is null)
        {
            var title = t.Format(AppPhrase.RunTitle, run.Id);
            b.Append(Inv, $"<h1>{H(title)}</h1><p>{H(t.Format(AppPhrase.RunWithoutDocument, run.Scenario, run.Named))} <strong data-status=\"{H(run.Status.Word)}\">{H(t.Status(run.Status))}</strong>.</p>");
            if (run.Message.Length > 0)
            {
                b.Append(Inv, $"<pre class=\"problem\">{H(run.Message)}</pre>");
            }

            return Layout(t, title, b.ToString());
        }

        b.Append(Inv, $"<h1>{H(d.Region)}</h1><p class=\"subtitle\">{H(t.Format(AppPhrase.ResultSubtitle, d.ScenarioText, run.Scenario, run.Id, run.Started.ToString("yyyy-MM-dd HH:mm:ss", Inv)))}</p>");
        b.Append(Inv, $"<p class=\"status\" data-status=\"{H(d.Status.Word())}\">{H(t[ReportPhrase.Status])}: <strong>{H(d.StatusText)}</strong> ({H(t.Format(AppPhrase.SolverLine, d.Solver.Name, d.Solver.GapText, d.Solver.Rows, d.Solver.Columns))})</p>");
        foreach (var line in d.Explanation)
        {
            b.Append(Inv, $"<p class=\"explanation\">{H(line)}</p>");
        }

        if (d.Kpis is { } k)
        {
            b.Append(Inv, $"<h2>{H(t[AppPhrase.KpisHeading])}</h2><div class=\"kpis\">");
            Kpi(t, b, "netBenefit", t[ReportPhrase.NetBenefit], k.NetBenefit, 0);
            Kpi(t, b, "objectiveGain", t[ReportPhrase.ObjectiveGain], k.ObjectiveGain, 0);
            Kpi(t, b, "co2Avoided", t[ReportPhrase.Co2Avoided], k.Co2Avoided, 1);
            Kpi(t, b, "landfillAvoided", t[ReportPhrase.LandfillAvoided], k.LandfillAvoided, 0);
            Kpi(t, b, "virginMaterialAvoided", t[ReportPhrase.VirginMaterialAvoided], k.VirginMaterialAvoided, 0);
            Kpi(t, b, "transportEmissions", t[ReportPhrase.TransportEmissions], k.TransportEmissions, 1);
            b.Append("</div>");
        }

        if (d.Accounts is { } acc)
        {
            b.Append(Inv, $"<h2>{H(t[AppPhrase.AccountsHeading])}</h2><table class=\"accounts\"><thead><tr><th>{H(t[ReportPhrase.Account])}</th><th class=\"num\">{H(t[ReportPhrase.PerYear])}</th><th>{H(t[AppPhrase.OfWhich])}</th></tr></thead><tbody>");
            Account(t, b, "firms", t[ReportPhrase.Firms], acc.Firms.Value, acc.Firms.Unit, t[AppPhrase.FirmsHold]);
            Account(t, b, "publicBudget", t[ReportPhrase.PublicBudget], acc.PublicBudget.Value, acc.PublicBudget.Unit,
                t.Format(AppPhrase.PublicBudgetHolds, t.With(acc.PublicBudget.State), t.With(acc.PublicBudget.LandfillTax), t.With(acc.PublicBudget.IncinerationTax), t.With(acc.PublicBudget.Subsidies), t.With(acc.PublicBudget.Municipalities)));
            Account(t, b, "externalities", t[ReportPhrase.Externalities], acc.Externalities.Value, acc.Externalities.Unit,
                t.Format(AppPhrase.ExternalitiesHold, t.With(acc.Externalities.Co2Avoided, 1), t.With(acc.Externalities.SocialCo2Value), acc.Externalities.Source));
            Account(t, b, "society", t[ReportPhrase.Society], acc.Society.Value, acc.Society.Unit, t.Format(AppPhrase.SocietyHolds, t.With(acc.Society.ResourceSavings), t.With(acc.Society.Externalities)));
            b.Append(Inv, $"</tbody></table><p class=\"note\">{H(acc.Convention)}</p>");
        }

        if (!d.Findings.IsEmpty)
        {
            b.Append(Inv, $"<h2>{H(t[AppPhrase.FindingsHeading])}</h2><ul class=\"findings\">");
            foreach (var f in RunFindings.Of(d, t.Language).Select(f => f.Text))
            {
                b.Append(Inv, $"<li>{H(f)}</li>");
            }

            b.Append("</ul>");
        }

        b.Append(Inv, $"""
            <h2>{H(t[ReportPhrase.MapHeading])}</h2>
            <p class="note">{H(t[MapNoteOf(d)])}</p>
            <div id="map" data-words="{H(MapWords(t))}" data-flows="/runs/{H(run.Id)}/files/{RunOutputs.GeoJsonFile}" data-borders="/assets/geo/sweden-municipalities.geojson"></div>
            <ul id="legend" class="legend"></ul>
            """);

        b.Append(Inv, $"<h2>{H(t.Format(AppPhrase.ExchangesChosenHeading, d.Exchanges.Length))}</h2>");
        if (d.Exchanges.IsEmpty)
        {
            b.Append(Inv, $"<p>{H(t[AppPhrase.NoExchangePays])}</p>");
        }
        else
        {
            b.Append(Inv, $"<table class=\"sortable exchanges\"><thead><tr><th>{H(t[ReportPhrase.From])}</th><th>{H(t[ReportPhrase.To])}</th><th>{H(t[ReportPhrase.Resource])}</th><th class=\"num\">{H(t[ReportPhrase.Quantity])}</th><th>{H(t[ReportPhrase.Unit])}</th><th class=\"num\">{H(t.WithUnit(ReportPhrase.Distance, "km"))}</th><th>{H(t[ReportPhrase.Mode])}</th><th class=\"num\">{H(t[ReportPhrase.AnnualBenefit])}</th><th class=\"num\">{H(t.WithUnit(ReportPhrase.Co2Avoided, "t/yr"))}</th><th class=\"num\">{H(t.WithUnit(ReportPhrase.LandfillAvoided, "t/yr"))}</th></tr></thead><tbody>");
            foreach (var e in d.Exchanges)
            {
                b.Append(Inv, $"<tr data-key=\"{H(e.Key)}\"><td>{H(e.FromName)}</td><td>{H(e.ToName)}</td><td>{H(e.ResourceName)}</td>{Num(t, e.Quantity.Value, 0)}<td>{H(t.Unit(e.Quantity.Unit))}</td>{Num(t, e.DistanceKm, 1)}<td>{H(e.ModeName)}</td>{Num(t, e.AnnualBenefit.Value, 0, e.AnnualBenefit.Unit)}{Num(t, e.Co2Avoided.Value, 1)}{Num(t, e.LandfillAvoided.Value, 0)}</tr>");
            }

            b.Append("</tbody></table>");
        }

        b.Append(Inv, $"<h2>{H(t.Format(AppPhrase.ActorsCountHeading, d.Actors.Length))}</h2><table class=\"sortable actors\"><thead><tr><th>{H(t[ReportPhrase.Actor])}</th><th>{H(t[ReportPhrase.Kind])}</th><th>{H(t[ReportPhrase.Municipality])}</th><th class=\"num\">{H(t.WithUnit(ReportPhrase.NetBenefit, d.Currency + "/yr"))}</th><th class=\"num\">{H(t.WithUnit(ReportPhrase.Co2Avoided, "t/yr"))}</th><th class=\"num\">{H(t.WithUnit(ReportPhrase.LandfillAvoided, "t/yr"))}</th></tr></thead><tbody>");
        foreach (var a in d.Actors)
        {
            b.Append(Inv, $"<tr data-actor=\"{H(a.Id)}\"><td>{H(a.Name)}</td><td>{H(a.Kind)}</td><td>{H(a.Municipality)}</td>{Num(t, a.NetBenefit.Value, 0)}{Num(t, a.Co2Avoided.Value, 1)}{Num(t, a.LandfillAvoided.Value, 0)}</tr>");
        }

        b.Append("</tbody></table>");

        b.Append(Inv, $"<h2>{H(t[AppPhrase.WhyNotChosenHeading])}</h2>");
        if (d.NotChosen is not { } nc)
        {
            b.Append(Inv, $"<p>{H(t[AppPhrase.NotAnalysed])}</p>");
        }
        else if (nc.Rejected == 0)
        {
            b.Append(Inv, $"<p>{H(nc.Note.Length > 0 ? nc.Note : t[AppPhrase.EveryCandidateInPlan])}</p>");
        }
        else
        {
            b.Append(Inv, $"<p class=\"note\">{H(t.Format(AppPhrase.NotChosenNote, nc.Rejected))} {H(nc.Note)}</p>");
            b.Append(Inv, $"<table class=\"sortable not-chosen\"><thead><tr><th>{H(t[ReportPhrase.Cause])}</th><th>{H(t[ReportPhrase.Candidate])}</th><th>{H(t[ReportPhrase.Kind])}</th><th>{H(t[AppPhrase.Reason])}</th><th class=\"num\">{H(t[AppPhrase.Shortfall])}</th><th>{H(t[ReportPhrase.WhatWouldMakeItPay])}</th></tr></thead><tbody>");
            foreach (var g in nc.Groups)
            {
                foreach (var c in g.Candidates)
                {
                    var shortfall = c.Shortfall is { } sf ? Num(t, sf.Value, 0, sf.Unit) : "<td>-</td>";
                    b.Append(Inv, $"<tr data-key=\"{H(c.Key)}\"><td>{H(CauseTitles.Of(t.Report, g.Cause))}</td><td>{H(c.Name)}</td><td>{H(c.Kind)}</td><td>{H(c.Reason)}</td>{shortfall}<td>{H(string.Join("; ", c.Thresholds.Select(t => t.Text)))}</td></tr>");
                }
            }

            b.Append("</tbody></table>");
        }

        b.Append(Inv, $"<h2>{H(t[AppPhrase.Downloads])}</h2><p class=\"downloads\">{DownloadLinks(run)}</p><p class=\"note\">{H(t[AppPhrase.RunDownloadsNote])}</p>");
        b.Append(DecisionPages.Links(run.Scenario));
        b.Append(Inv, $"<p class=\"companies\"><a href=\"/runs/{H(run.Id)}/companies\">{H(t[AppPhrase.ViewAsCompany])}</a>: {H(t[AppPhrase.ViewAsCompanyNote])}</p>");
        return Layout(t, d.Region, b.ToString(), map: true);
    }

    /// <summary>The words the map script writes into popups and the legend, and the locale it formats numbers in.</summary>
    /// <summary>
    /// The page's map draws the same boundary file as the reports (Reports/Maps/Boundaries): its note says so, and says
    /// when some actors lie outside it (Kalundborg, Denmark), decided from the actors' positions as the reports' maps do.
    /// </summary>
    private static AppPhrase MapNoteOf(RunDocument d) =>
        d.Actors.All(a => FlowMapBuilder.Inside(Boundaries.SwedishMunicipalities, new LonLat(a.Lon, a.Lat))) ? AppPhrase.MapNote : AppPhrase.MapNoteSomeOutside;

    private static string MapWords(AppText t) => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["locale"] = t.Language == Language.Sv ? "sv-SE" : "en-US",
        ["quantity"] = t[ReportPhrase.Quantity],
        ["distance"] = t[ReportPhrase.Distance],
        ["by"] = t[AppPhrase.MapBy],
        ["annualBenefit"] = t[ReportPhrase.AnnualBenefit],
        ["co2Avoided"] = t[ReportPhrase.Co2Avoided],
        ["landfillAvoided"] = t[ReportPhrase.LandfillAvoided],
        ["netBenefit"] = t[ReportPhrase.NetBenefit],
        ["exchange"] = t[AppPhrase.MapExchange],
        ["noScript"] = t[AppPhrase.MapNoScript],
        ["borders"] = t[AppPhrase.MapBorders],
    });

    private static void Kpi(AppText t, StringBuilder b, string id, string label, Amount a, int decimals) =>
        b.Append(Inv, $"<div class=\"kpi\" data-kpi=\"{id}\" data-value=\"{Raw(a.Value)}\" data-unit=\"{H(a.Unit)}\"><div class=\"label\">{H(label)}</div><div class=\"value\">{H(t.Fixed(a.Value, decimals))}</div><div class=\"unit\">{H(t.Unit(a.Unit))}</div></div>");

    private static void Account(AppText t, StringBuilder b, string id, string label, double value, string unit, string detail) =>
        b.Append(Inv, $"<tr data-account=\"{id}\" data-value=\"{Raw(value)}\"><td>{H(label)}</td><td class=\"num\">{H(t.Fixed(value))} {H(t.Unit(unit))}</td><td>{H(detail)}</td></tr>");

    private static string Num(AppText t, double v, int decimals, string? unit = null) =>
        $"<td class=\"num\" data-value=\"{Raw(v)}\">{H(t.Fixed(v, decimals))}{(unit is null ? string.Empty : " " + H(t.Unit(unit)))}</td>";

    /// <summary>The 404 page in the request's language; <paramref name="what"/> says what was not found.</summary>
    public static string NotFound(string what) => NotFound(AppText.Current, what);

    public static string NotFound(AppText t, string what) => Layout(t, t[AppPhrase.NotFound], $"<h1>{H(t[AppPhrase.NotFound])}</h1><p>{H(what)}</p>");
}
