using System.Globalization;
using System.Net;
using System.Text;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;

namespace SymbiosisOptimizer.App;

/// <summary>
/// The app's pages as server-rendered HTML: views of the run documents that format figures and compute none. Scripts and
/// styles come from /assets (no inline script, so the Content-Security-Policy can forbid it).
/// </summary>
public static class Pages
{
    public const string ScenariosHeading = "Scenarios";
    public const string RunsHeading = "Runs and downloads";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string H(string? s) => WebUtility.HtmlEncode(s ?? string.Empty);

    private static string Raw(double v) => v.ToString("R", Inv);

    public static string Layout(string title, string body, bool map = false)
    {
        var head = map
            ? """<link rel="stylesheet" href="/assets/leaflet/leaflet.css"><script src="/assets/leaflet/leaflet.js" defer></script>"""
            : string.Empty;
        return $"""
            <!DOCTYPE html>
            <html lang="en">
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
            <nav><a href="/">Scenarios</a> <a href="/run">Run</a> <a href="/levers">Policy levers</a> <a href="/compare">Compare</a> <a href="/barriers">Barriers</a> <a href="/sweep">Sweep</a> <a href="/montecarlo">Monte Carlo</a> <a href="/sharing">Sharing</a> <a href="/runs">Runs and downloads</a></nav></header>
            <main>
            {body}
            </main>
            </body>
            </html>
            """;
    }

    public static string Scenarios(ScenarioLibrary library, IReadOnlyList<RunEntry> runs, string? uploaded = null)
    {
        var b = new StringBuilder();
        b.Append(Inv, $"<h1>{ScenariosHeading}</h1>").Append(UploadPages.Banner(library, uploaded));
        if (library.All.IsEmpty)
        {
            b.Append("<p class=\"problem\">No scenarios found: start from the repository, or pass --scenarios DIR.</p>");
        }
        else
        {
            b.Append(Inv, $"<p class=\"subtitle\">The scenarios bundled in {H(library.Folder)}. Choose one to optimise its exchanges against today's situation.</p>");
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
                b.Append(Inv, $"<li><form method=\"post\" action=\"/runs\"><input type=\"hidden\" name=\"scenario\" value=\"{H(s.Folder)}\"><input type=\"hidden\" name=\"name\" value=\"{H(n)}\"><button type=\"submit\" data-run=\"{H(s.Folder)}/{H(n)}\">Run</button> <span class=\"name\">{H(n)}</span></form></li>");
            }

            b.Append(Inv, $"</ul><p class=\"actions\"><a href=\"/levers?scenario={Uri.EscapeDataString(s.Folder)}\">Policy levers</a> <a href=\"/compare?scenario={Uri.EscapeDataString(s.Folder)}\">Compare</a></p></section>");
        }

        b.Append("</div>");
        b.Append(UploadPages.Form());
        if (runs.Count > 0)
        {
            b.Append("<h2>Latest runs</h2>").Append(RunsTable(runs.Take(10).ToList()));
        }

        return Layout(ScenariosHeading, b.ToString());
    }

    public static string Run(ScenarioLibrary library, string? selected)
    {
        var b = new StringBuilder("<h1>Run</h1><p class=\"subtitle\">Optimise a bundled scenario; the run takes a few seconds and then shows its results.</p>");
        b.Append("<form method=\"post\" action=\"/runs\" class=\"run\"><label>Scenario <select name=\"pick\" id=\"pick\">");
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

        b.Append("</select></label> <button type=\"submit\" id=\"start\">Start the run</button></form>");
        b.Append(DecisionPages.Links(selected));
        return Layout("Run", b.ToString());
    }

    public static string Runs(IReadOnlyList<RunEntry> runs) =>
        Layout(RunsHeading, $"<h1>{RunsHeading}</h1><p class=\"subtitle\">Every run in this workspace, newest first, with its documents.</p>{(runs.Count == 0 ? "<p>No runs yet: start one from <a href=\"/\">Scenarios</a>.</p>" : RunsTable(runs))}");

    private static string RunsTable(IReadOnlyList<RunEntry> runs)
    {
        var b = new StringBuilder("<table class=\"runs sortable\"><thead><tr><th>Started (UTC)</th><th>Scenario</th><th>Status</th><th>Net benefit</th><th>CO2e avoided</th><th>Downloads</th></tr></thead><tbody>");
        foreach (var r in runs)
        {
            var (net, co2) = KpiCells(r.Kpis);
            b.Append(Inv, $"<tr data-run-id=\"{H(r.Id)}\"><td><a href=\"/runs/{H(r.Id)}\">{H(r.Started.ToString("yyyy-MM-dd HH:mm:ss", Inv))}</a></td><td>{(r.Kind == JobKind.Run ? string.Empty : H(JobKinds.Word(r.Kind)) + " of ")}{H(r.Scenario)}: {H(r.Named)}</td><td class=\"run-status\">{H(r.Status)}</td>{net}{co2}<td>{DownloadLinks(r)}</td></tr>");
        }

        return b.Append("</tbody></table>").ToString();
    }

    private static (string Net, string Co2) KpiCells(string? kpis)
    {
        if (kpis is null)
        {
            return ("<td>-</td>", "<td>-</td>");
        }

        using var json = System.Text.Json.JsonDocument.Parse(kpis);
        string Cell(string name, int decimals) => json.RootElement.TryGetProperty(name, out var a)
            ? $"<td class=\"num\" data-value=\"{Raw(a.GetProperty("value").GetDouble())}\">{H(Figures.With(new Amount(a.GetProperty("value").GetDouble(), a.GetProperty("unit").GetString() ?? string.Empty), decimals))}</td>"
            : "<td>-</td>";
        return (Cell("netBenefit", 0), Cell("co2Avoided", 1));
    }

    public static string DownloadLinks(RunEntry r) => r.HasDocuments
        ? string.Join(" ", AppRuns.DownloadsOf(r.Kind).Keys.Select(f => $"<a class=\"download\" href=\"/runs/{H(r.Id)}/files/{H(f)}\">{H(f)}</a>"))
        : "-";

    public static string Result(RunEntry run, RunDocument? d)
    {
        var b = new StringBuilder();
        if (d is null)
        {
            b.Append(Inv, $"<h1>Run {H(run.Id)}</h1><p>Scenario {H(run.Scenario)}: {H(run.Named)}, status <strong>{H(run.Status)}</strong>.</p>");
            if (run.Message.Length > 0)
            {
                b.Append(Inv, $"<pre class=\"problem\">{H(run.Message)}</pre>");
            }

            return Layout("Run " + run.Id, b.ToString());
        }

        b.Append(Inv, $"<h1>{H(d.Region)}</h1><p class=\"subtitle\">Scenario {H(d.ScenarioText)} from scenarios/{H(run.Scenario)}; run {H(run.Id)} at {H(run.Started.ToString("yyyy-MM-dd HH:mm:ss", Inv))} UTC</p>");
        b.Append(Inv, $"<p class=\"status\" data-status=\"{H(d.Status)}\">Status: <strong>{H(d.StatusText)}</strong> ({H(d.Solver.Name)}, gap {H(d.Solver.GapText)}, {d.Solver.Rows:N0} rows x {d.Solver.Columns:N0} columns)</p>");
        foreach (var line in d.Explanation)
        {
            b.Append(Inv, $"<p class=\"explanation\">{H(line)}</p>");
        }

        if (d.Kpis is { } k)
        {
            b.Append("<h2>Against today's situation, per year</h2><div class=\"kpis\">");
            Kpi(b, "netBenefit", "Net benefit", k.NetBenefit, 0);
            Kpi(b, "objectiveGain", "Objective gain (money + valued CO2e)", k.ObjectiveGain, 0);
            Kpi(b, "co2Avoided", "CO2e avoided", k.Co2Avoided, 1);
            Kpi(b, "landfillAvoided", "Landfill avoided", k.LandfillAvoided, 0);
            Kpi(b, "virginMaterialAvoided", "Virgin material avoided", k.VirginMaterialAvoided, 0);
            Kpi(b, "transportEmissions", "Transport emissions", k.TransportEmissions, 1);
            b.Append("</div>");
        }

        if (d.Accounts is { } acc)
        {
            b.Append("<h2>Who gains: the three accounts</h2><table class=\"accounts\"><thead><tr><th>Account</th><th class=\"num\">Per year</th><th>Of which</th></tr></thead><tbody>");
            Account(b, "firms", "Firms", acc.Firms.Value, acc.Firms.Unit, "every actor but the municipalities, after taxes, fees and subsidies");
            Account(b, "publicBudget", "Public budget", acc.PublicBudget.Value, acc.PublicBudget.Unit,
                $"state {Figures.With(acc.PublicBudget.State)} (landfill tax {Figures.With(acc.PublicBudget.LandfillTax)}, incineration tax {Figures.With(acc.PublicBudget.IncinerationTax)}, subsidies {Figures.With(acc.PublicBudget.Subsidies)}); municipalities {Figures.With(acc.PublicBudget.Municipalities)}");
            Account(b, "externalities", "Externalities", acc.Externalities.Value, acc.Externalities.Unit,
                $"{Figures.With(acc.Externalities.Co2Avoided, 1)} at {Figures.With(acc.Externalities.SocialCo2Value)} ({acc.Externalities.Source})");
            Account(b, "society", "Society", acc.Society.Value, acc.Society.Unit, $"resource savings {Figures.With(acc.Society.ResourceSavings)} + externalities {Figures.With(acc.Society.Externalities)}");
            b.Append(Inv, $"</tbody></table><p class=\"note\">{H(acc.Convention)}</p>");
        }

        if (!d.Findings.IsEmpty)
        {
            b.Append("<h2>Findings</h2><ul class=\"findings\">");
            foreach (var f in d.Findings)
            {
                b.Append(Inv, $"<li>{H(f)}</li>");
            }

            b.Append("</ul>");
        }

        b.Append(Inv, $"""
            <h2>Map</h2>
            <p class="note">Actors by kind; each chosen exchange as a line from supplier to receiver, wider for a larger quantity (within its unit). Click a line for its figures. Borders: Swedish municipalities.</p>
            <div id="map" data-flows="/runs/{H(run.Id)}/files/{RunOutputs.GeoJsonFile}" data-borders="/assets/geo/sweden-municipalities.geojson"></div>
            <ul id="legend" class="legend"></ul>
            """);

        b.Append(Inv, $"<h2>Exchanges chosen ({d.Exchanges.Length})</h2>");
        if (d.Exchanges.IsEmpty)
        {
            b.Append("<p>No exchange pays off under this scenario: every actor keeps its current route and source.</p>");
        }
        else
        {
            b.Append("<table class=\"sortable exchanges\"><thead><tr><th>From</th><th>To</th><th>Resource</th><th class=\"num\">Quantity</th><th>Unit</th><th class=\"num\">Distance (km)</th><th>Mode</th><th class=\"num\">Annual benefit</th><th class=\"num\">CO2e avoided (t/yr)</th><th class=\"num\">Landfill avoided (t/yr)</th></tr></thead><tbody>");
            foreach (var e in d.Exchanges)
            {
                b.Append(Inv, $"<tr data-key=\"{H(e.Key)}\"><td>{H(e.FromName)}</td><td>{H(e.ToName)}</td><td>{H(e.ResourceName)}</td>{Num(e.Quantity.Value, 0)}<td>{H(e.Quantity.Unit)}</td>{Num(e.DistanceKm, 1)}<td>{H(e.ModeName)}</td>{Num(e.AnnualBenefit.Value, 0, e.AnnualBenefit.Unit)}{Num(e.Co2Avoided.Value, 1)}{Num(e.LandfillAvoided.Value, 0)}</tr>");
            }

            b.Append("</tbody></table>");
        }

        b.Append(Inv, $"<h2>Actors ({d.Actors.Length})</h2><table class=\"sortable actors\"><thead><tr><th>Actor</th><th>Kind</th><th>Municipality</th><th class=\"num\">Net benefit ({H(d.Currency)}/yr)</th><th class=\"num\">CO2e avoided (t/yr)</th><th class=\"num\">Landfill avoided (t/yr)</th></tr></thead><tbody>");
        foreach (var a in d.Actors)
        {
            b.Append(Inv, $"<tr data-actor=\"{H(a.Id)}\"><td>{H(a.Name)}</td><td>{H(a.Kind)}</td><td>{H(a.Municipality)}</td>{Num(a.NetBenefit.Value, 0)}{Num(a.Co2Avoided.Value, 1)}{Num(a.LandfillAvoided.Value, 0)}</tr>");
        }

        b.Append("</tbody></table>");

        b.Append("<h2>Why not chosen</h2>");
        if (d.NotChosen is not { } nc)
        {
            b.Append("<p>Not analysed: the run has no plan.</p>");
        }
        else if (nc.Rejected == 0)
        {
            b.Append(Inv, $"<p>{H(nc.Note.Length > 0 ? nc.Note : "Every candidate is in the plan.")}</p>");
        }
        else
        {
            b.Append(Inv, $"<p class=\"note\">{nc.Rejected} candidates outside the plan; shortfall = what forcing it in would lose per year (money plus valued CO2e and landfill). {H(nc.Note)}</p>");
            b.Append("<table class=\"sortable not-chosen\"><thead><tr><th>Cause</th><th>Candidate</th><th>Kind</th><th>Reason</th><th class=\"num\">Shortfall</th><th>What would make it pay</th></tr></thead><tbody>");
            foreach (var g in nc.Groups)
            {
                foreach (var c in g.Candidates)
                {
                    var shortfall = c.Shortfall is { } sf ? Num(sf.Value, 0, sf.Unit) : "<td>-</td>";
                    b.Append(Inv, $"<tr data-key=\"{H(c.Key)}\"><td>{H(g.Title)}</td><td>{H(c.Name)}</td><td>{H(c.Kind)}</td><td>{H(c.Reason)}</td>{shortfall}<td>{H(string.Join("; ", c.Thresholds.Select(t => t.Text)))}</td></tr>");
                }
            }

            b.Append("</tbody></table>");
        }

        b.Append(Inv, $"<h2>Downloads</h2><p class=\"downloads\">{DownloadLinks(run)}</p><p class=\"note\">The same documents as `symbiosis run` writes; results.json is the record every view renders.</p>");
        b.Append(DecisionPages.Links(run.Scenario));
        b.Append(Inv, $"<p class=\"companies\"><a href=\"/runs/{H(run.Id)}/companies\">View as a company</a>: each firm's own report and package, without the others' figures.</p>");
        return Layout(d.Region, b.ToString(), map: true);
    }

    private static void Kpi(StringBuilder b, string id, string label, Amount a, int decimals) =>
        b.Append(Inv, $"<div class=\"kpi\" data-kpi=\"{id}\" data-value=\"{Raw(a.Value)}\" data-unit=\"{H(a.Unit)}\"><div class=\"label\">{H(label)}</div><div class=\"value\">{H(Figures.Fixed(a.Value, decimals))}</div><div class=\"unit\">{H(a.Unit)}</div></div>");

    private static void Account(StringBuilder b, string id, string label, double value, string unit, string detail) =>
        b.Append(Inv, $"<tr data-account=\"{id}\" data-value=\"{Raw(value)}\"><td>{H(label)}</td><td class=\"num\">{H(Figures.Fixed(value))} {H(unit)}</td><td>{H(detail)}</td></tr>");

    private static string Num(double v, int decimals, string? unit = null) =>
        $"<td class=\"num\" data-value=\"{Raw(v)}\">{H(Figures.Fixed(v, decimals))}{(unit is null ? string.Empty : " " + H(unit))}</td>";

    public static string NotFound(string what) => Layout("Not found", $"<h1>Not found</h1><p>{H(what)}</p>");
}
