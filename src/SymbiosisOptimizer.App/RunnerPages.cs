using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using SymbiosisOptimizer.Reports.Documents;
using static SymbiosisOptimizer.App.Pages;

namespace SymbiosisOptimizer.App;

/// <summary>
/// Compare, Barriers, Sweep, Monte Carlo and Sharing: a form per command that starts it as a background job, and the
/// page of its document (comparison.json, barriers.json, ...), rendered from the typed document with charts whose
/// hover shows the document's figures.
/// </summary>
public static class RunnerPages
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public const string DefaultSweep = "policies.landfillTax=0..1500:250 SEK/t";

    private static readonly (JobKind Kind, string Path, string Intro)[] Forms =
    [
        (JobKind.Compare, "/compare", "Solve base and the named scenarios and set each against base: KPIs, who gains and who pays, and the cost-effectiveness ranking (as `symbiosis compare`)."),
        (JobKind.Barriers, "/barriers", "Price each barrier (permits, lead times, waste status, quality and distance limits) by removing it and re-optimising (as `symbiosis barriers`)."),
        (JobKind.Sweep, "/sweep", "Response curves of every KPI over one or two parameters, and where exchanges switch on or off (as `symbiosis sweep --set`)."),
        (JobKind.MonteCarlo, "/montecarlo", "Sample the inputs declared under 'uncertainty:' and report P10/P50/P90 of every KPI and how often each exchange is chosen (as `symbiosis montecarlo`)."),
        (JobKind.Share, "/sharing", "Split the gain of cooperation: Shapley value, nucleolus, least core, LP-dual allocation, side payments and price ranges (as `symbiosis share`)."),
    ];

    public static void Map(WebApplication app)
    {
        foreach (var (kind, path, _) in Forms)
        {
            app.MapGet(path, (ScenarioLibrary library, string? scenario) => SymbiosisApp.Html(Form(kind, library, scenario, null, [])));
        }

        app.MapPost("/runner", async (HttpContext context, AppRuns runs) =>
        {
            if (!context.Request.HasFormContentType)
            {
                return Results.BadRequest("post the form of a runner page");
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            var kind = JobKinds.Parse(form["kind"]);
            if (kind == JobKind.Run)
            {
                return Results.BadRequest("kind: compare, barriers, sweep, montecarlo or share");
            }

            var request = new RunnerRequest(
                kind,
                form["scenario"].ToString(),
                form["named"].ToString(),
                [.. form["compare"].Select(v => v ?? string.Empty)],
                [form["set1"].ToString(), form["set2"].ToString()],
                int.TryParse(form["samples"], NumberStyles.Integer, Inv, out var n) ? n : -1,
                int.TryParse(form["seed"], NumberStyles.Integer, Inv, out var seed) ? seed : -1);
            var (work, entry, errors) = RunnerWork.Prepare(request, runs.Library, runs.Catalogue);
            if (work is null || entry is null)
            {
                return SymbiosisApp.Html(Form(kind, runs.Library, request.Scenario, request, errors), StatusCodes.Status422UnprocessableEntity);
            }

            runs.Jobs.Start(entry, work);
            return Results.Redirect($"/runs/{entry.Id}", permanent: false, preserveMethod: false);
        });
    }

    public static string Form(JobKind kind, ScenarioLibrary library, string? selected, RunnerRequest? asked, ImmutableArray<string> errors)
    {
        var (_, path, intro) = Forms.First(f => f.Kind == kind);
        var title = JobKinds.Title(kind);
        var scenario = library.Find(selected) ?? library.Find("varmland-dalarna") ?? library.All.FirstOrDefault();
        var b = new StringBuilder();
        b.Append(Inv, $"<h1>{H(title)}</h1><p class=\"subtitle\">{H(intro)} It runs in the background; its page shows the progress and can cancel it.</p>");
        if (scenario is null)
        {
            return Layout(title, b.Append("<p class=\"problem\">No scenarios found.</p>").ToString());
        }

        b.Append(Inv, $"<form method=\"get\" action=\"{path}\" class=\"choose\"><label>Scenario file <select name=\"scenario\">");
        foreach (var s in library.All)
        {
            b.Append(Inv, $"<option value=\"{H(s.Folder)}\"{(s == scenario ? " selected" : string.Empty)}>{H(s.Display)} ({H(s.Region)})</option>");
        }

        b.Append("</select></label> <button type=\"submit\">Choose</button></form>");
        if (!errors.IsDefaultOrEmpty)
        {
            b.Append("<ul class=\"errors problem\" id=\"errors\">");
            foreach (var e in errors)
            {
                b.Append(Inv, $"<li>{H(e)}</li>");
            }

            b.Append("</ul>");
        }

        b.Append(Inv, $"<form method=\"post\" action=\"/runner\" class=\"runner\"><input type=\"hidden\" name=\"kind\" value=\"{JobKinds.Word(kind)}\"><input type=\"hidden\" name=\"scenario\" value=\"{H(scenario.Folder)}\">");
        var others = scenario.Names.Where(n => n != scenario.Names[0]).ToList();
        if (kind == JobKind.Compare)
        {
            b.Append("<fieldset><legend>Scenarios to set against base</legend>");
            if (others.Count == 0)
            {
                b.Append(Inv, $"<p>{H(scenario.Display)} defines no scenario besides base; make one on the <a href=\"/levers?scenario={Uri.EscapeDataString(scenario.Folder)}\">Policy levers</a> page.</p>");
            }

            foreach (var n in others)
            {
                var on = asked is null || asked.Compare.IsDefaultOrEmpty || asked.Compare.Contains(n);
                b.Append(Inv, $"<label><input type=\"checkbox\" name=\"compare\" value=\"{H(n)}\"{(on ? " checked" : string.Empty)}> {H(n)}</label>");
            }

            b.Append("</fieldset>");
        }
        else
        {
            b.Append("<label>Named scenario <select name=\"named\">");
            foreach (var n in scenario.Names)
            {
                b.Append(Inv, $"<option value=\"{H(n)}\"{(asked?.Named == n ? " selected" : string.Empty)}>{H(n)}</option>");
            }

            b.Append("</select></label>");
        }

        if (kind == JobKind.Sweep)
        {
            var s1 = asked?.Sets.ElementAtOrDefault(0) ?? DefaultSweep;
            var s2 = asked?.Sets.ElementAtOrDefault(1) ?? string.Empty;
            b.Append(Inv, $"<label>Range <input name=\"set1\" size=\"60\" value=\"{H(s1)}\"> <span class=\"unit\">path=from..to:step unit</span></label>");
            b.Append(Inv, $"<label>Second range (optional) <input name=\"set2\" size=\"60\" value=\"{H(s2)}\"></label>");
            b.Append(Inv, $"<p class=\"note\">Paths: {H(string.Join(", ", SymbiosisOptimizer.Domain.Parameters.RegionParameter.Supported))}</p>");
        }

        if (kind == JobKind.MonteCarlo)
        {
            b.Append(Inv, $"<label>Samples <input name=\"samples\" id=\"samples\" type=\"number\" min=\"1\" max=\"{RunnerWork.MaxSamples}\" value=\"{(asked?.Samples is > 0 and var n ? n : 50)}\"></label>");
            b.Append(Inv, $"<label>Seed <input name=\"seed\" type=\"number\" min=\"0\" value=\"{(asked?.Seed is >= 0 and var s ? s : 1)}\"> <span class=\"unit\">the same seed gives the same document</span></label>");
        }

        b.Append(Inv, $"<button type=\"submit\" id=\"start\">Start {H(title.ToLowerInvariant())}</button></form>");
        return Layout(title, b.ToString());
    }

    /// <summary>The page of a finished runner job: its document, or what stopped it.</summary>
    public static string Document(RunEntry run, object? document)
    {
        var title = $"{JobKinds.Title(run.Kind)} of {run.Scenario}";
        var b = new StringBuilder();
        b.Append(Inv, $"<h1>{H(title)}</h1><p class=\"subtitle\">Job {H(run.Id)} started {H(run.Started.ToString("yyyy-MM-dd HH:mm:ss", Inv))} UTC; status <strong class=\"run-status\" data-status=\"{H(run.Status)}\">{H(run.Status)}</strong>{(run.Message.Length > 0 ? ": " + H(run.Message.Split('\n')[0]) : string.Empty)}</p>");
        switch (document)
        {
            case ComparisonDocument d:
                Compare(b, d);
                break;
            case BarriersDocument d:
                Barriers(b, d);
                break;
            case SweepDocument d:
                Sweep(b, d);
                break;
            case MonteCarloDocument d:
                MonteCarlo(b, d);
                break;
            case SharingDocument d:
                Sharing(b, d);
                break;
            default:
                if (run.Message.Contains('\n', StringComparison.Ordinal))
                {
                    b.Append(Inv, $"<pre class=\"problem\">{H(run.Message)}</pre>");
                }

                break;
        }

        if (run.HasDocuments)
        {
            b.Append(Inv, $"<h2>Downloads</h2><p class=\"downloads\">{DownloadLinks(run)}</p><p class=\"note\">The same documents as the CLI command writes; the JSON is the record every view renders.</p>");
        }

        return Layout(title, b.ToString());
    }

    private static string Cell(double? v, int decimals = 0) =>
        v is { } x ? $"<td class=\"num\" data-value=\"{x.ToString("R", Inv)}\">{H(Figures.Fixed(x, decimals))}</td>" : "<td>-</td>";

    private static string Delta(double v, int decimals = 0) =>
        $"<td class=\"num {(v > 0 ? "pos" : v < 0 ? "neg" : string.Empty)}\" data-value=\"{v.ToString("R", Inv)}\">{H(Figures.Signed(v, decimals))}</td>";

    private static void Compare(StringBuilder b, ComparisonDocument d)
    {
        var cur = d.Currency;
        b.Append(Inv, $"<p>{H(d.Region)}: {d.Scenarios.Length - 1} scenario(s) against {H(d.Base)}. KPIs are per year against today's situation under each scenario's own policies; the change from base is beside each.</p>");
        b.Append(Inv, $"<h2>Side by side</h2><table class=\"sortable compare\"><thead><tr><th>Scenario</th><th>Status</th><th class=\"num\">Net benefit ({H(cur)}/yr)</th><th class=\"num\">vs base</th><th class=\"num\">CO2e avoided (t/yr)</th><th class=\"num\">vs base</th><th class=\"num\">Landfill avoided (t/yr)</th><th class=\"num\">vs base</th><th class=\"num\">Society ({H(cur)}/yr)</th><th>Overrides</th></tr></thead><tbody>");
        foreach (var s in d.Scenarios)
        {
            b.Append(Inv, $"<tr data-scenario=\"{H(s.Name)}\"><td>{H(s.Name)}</td><td>{H(s.Status)}</td>");
            if (s.Kpis is { } k)
            {
                b.Append(Cell(k.NetBenefit.Value)).Append(Delta(k.NetBenefit.VersusBase)).Append(Cell(k.Co2Avoided.Value, 1)).Append(Delta(k.Co2Avoided.VersusBase, 1))
                    .Append(Cell(k.LandfillAvoided.Value)).Append(Delta(k.LandfillAvoided.VersusBase));
            }
            else
            {
                b.Append("<td>-</td><td>-</td><td>-</td><td>-</td><td>-</td><td>-</td>");
            }

            b.Append(Cell(s.Accounts?.Society.Value)).Append(Inv, $"<td>{H(string.Join(", ", s.Overrides))}</td></tr>");
        }

        b.Append("</tbody></table>");
        var effects = d.Scenarios.Where(s => s.Name != d.Base && s.Effect is not null).ToList();
        if (effects.Count > 0)
        {
            var bars = effects.SelectMany(s => new[]
            {
                new Bar(s.Name, "firms", s.Effect!.Firms.Value, Figures.With(s.Effect.Firms)),
                new Bar(s.Name, "public budget", s.Effect.PublicBudget.Total.Value, Figures.With(s.Effect.PublicBudget.Total)),
                new Bar(s.Name, "externalities", s.Effect.Externalities.Value, Figures.With(s.Effect.Externalities)),
                new Bar(s.Name, "society", s.Effect.Society.Value, Figures.With(s.Effect.Society)),
            }).ToList();
            b.Append("<h2>Who gains, who pays</h2><p class=\"note\">Each scenario's plan against base's plan, per year; right of the line gains, left pays. Society = firms + public budget + externalities. Hover a bar for its figure.</p>");
            b.Append(SvgCharts.Bars("who-gains", $"Change against base ({cur}/yr)", bars));
            b.Append(Inv, $"<table class=\"sortable effects\"><thead><tr><th>Scenario</th><th class=\"num\">Firms</th><th class=\"num\">Public budget</th><th class=\"num\">of which landfill tax</th><th class=\"num\">incineration tax</th><th class=\"num\">subsidies</th><th class=\"num\">municipalities</th><th class=\"num\">Externalities</th><th class=\"num\">Society</th><th>Exchanges started</th><th>Exchanges stopped</th></tr></thead><tbody>");
            foreach (var s in effects)
            {
                var e = s.Effect!;
                b.Append(Inv, $"<tr data-effect=\"{H(s.Name)}\"><td>{H(s.Name)}</td>").Append(Delta(e.Firms.Value)).Append(Delta(e.PublicBudget.Total.Value)).Append(Delta(e.PublicBudget.LandfillTax.Value))
                    .Append(Delta(e.PublicBudget.IncinerationTax.Value)).Append(Delta(e.PublicBudget.Subsidies.Value)).Append(Delta(e.PublicBudget.Municipalities.Value))
                    .Append(Delta(e.Externalities.Value)).Append(Delta(e.Society.Value))
                    .Append(Inv, $"<td>{H(string.Join("; ", s.ExchangesAdded.Select(x => x.Name)))}</td><td>{H(string.Join("; ", s.ExchangesDropped.Select(x => x.Name)))}</td></tr>");
            }

            b.Append("</tbody></table>");
        }

        b.Append(Inv, $"<h2>Cost-effectiveness, ranked</h2><p class=\"note\">{H(d.RankingNote)}</p><table class=\"ranking\"><thead><tr><th>Rank</th><th>Scenario</th><th>Society per t CO2e</th><th>Public per t CO2e</th><th>Verdict</th></tr></thead><tbody>");
        foreach (var r in d.Ranking)
        {
            static string P(PerTonne p) => p.Value is { } v ? $"{Figures.Fixed(v)} {p.Unit}" : $"- ({p.Explanation})";
            b.Append(Inv, $"<tr><td>{r.Rank}</td><td>{H(r.Name)}</td><td>{H(P(r.SocietyCostPerTonneCo2))}</td><td>{H(P(r.PublicCostPerTonneCo2))}</td><td>{H(r.Verdict)}</td></tr>");
        }

        b.Append("</tbody></table>");
    }

    private static void Barriers(StringBuilder b, BarriersDocument d)
    {
        b.Append(Inv, $"<p>{H(d.Region)}, scenario '{H(d.Scenario)}': what each barrier costs the region per year (objective gain: money plus valued CO2e).</p>");
        if (d.Base.Kpis is null)
        {
            b.Append(Inv, $"<p class=\"problem\">The scenario itself has no solution ({H(d.Base.Status)}); nothing can be priced.</p>");
            return;
        }

        b.Append(SvgCharts.Bars("barrier-values", $"Value lost per barrier ({d.Currency}/yr)", [.. d.Barriers.Select(x => new Bar(x.Description, "value lost", x.ValueLost.Value, Figures.With(x.ValueLost)))]));
        b.Append(Inv, $"<h2>Barriers, ranked</h2><table class=\"sortable barriers\"><thead><tr><th>Rank</th><th>Barrier</th><th>Kind</th><th class=\"num\">Value lost ({H(d.Currency)}/yr)</th><th class=\"num\">CO2e (t/yr)</th><th>Explanation</th><th>Exchanges if removed</th></tr></thead><tbody>");
        foreach (var x in d.Barriers)
        {
            b.Append(Inv, $"<tr data-barrier=\"{H(x.Id)}\"><td>{x.Rank}</td><td>{H(x.Description)}</td><td>{H(x.Kind)}</td>").Append(Cell(x.ValueLost.Value)).Append(Cell(x.KpiChange?.Co2Avoided.Value, 1))
                .Append(Inv, $"<td>{H(x.Explanation)}</td><td>{H(string.Join("; ", x.ExchangesAdded.Select(e => "+ " + e.Name).Concat(x.ExchangesDropped.Select(e => "- " + e.Name))))}</td></tr>");
        }

        b.Append("</tbody></table>");
        var binding = d.ShadowPrices.Rows.Where(s => s.ValuePerUnit.Value > 1e-9).ToList();
        b.Append(Inv, $"<h2>Shadow prices of continuous limits</h2><p class=\"note\">{binding.Count} of {d.ShadowPrices.Rows.Length} quality and capacity rows have value at the margin ({H(d.ShadowPrices.Status)}).</p><ul>");
        foreach (var s in binding)
        {
            b.Append(Inv, $"<li>{H(s.Meaning)}: {H(Figures.With(s.ValuePerUnit, 2))}</li>");
        }

        b.Append("</ul>");
    }

    private static void Sweep(StringBuilder b, SweepDocument d)
    {
        var heads = d.Parameters.Select(a => $"{a.Path}{(a.Unit.Length > 0 ? " (" + a.Unit + ")" : string.Empty)}").ToList();
        var solved = d.Points.Where(p => p.Kpis is not null).ToList();
        var series = d.Parameters.Length == 1
            ? [new Series("net benefit", [.. solved.Select(p => (p.Values[0], p.Kpis!.NetBenefit.Value, $"{heads[0]} = {Figures.Number(p.Values[0])}: net benefit {Figures.With(p.Kpis.NetBenefit)}, {p.Exchanges.Length} exchange(s)"))])]
            : d.Parameters[1].Values.Select(v => new Series($"{d.Parameters[1].Path} = {Figures.Number(v)}", [.. solved.Where(p => p.Values[1] == v)
                .Select(p => (p.Values[0], p.Kpis!.NetBenefit.Value, $"{heads[0]} = {Figures.Number(p.Values[0])}: net benefit {Figures.With(p.Kpis.NetBenefit)}"))])).ToList();
        b.Append(SvgCharts.Lines("sweep-net", $"Net benefit ({d.Currency}/yr) over {heads[0]}", heads[0], $"net benefit {d.Currency}/yr", series));
        if (d.Parameters.Length == 1)
        {
            b.Append(SvgCharts.Lines("sweep-co2", $"CO2e avoided (t/yr) over {heads[0]}", heads[0], "CO2e avoided t/yr",
                [new Series("CO2e avoided", [.. solved.Select(p => (p.Values[0], p.Kpis!.Co2Avoided.Value, $"{heads[0]} = {Figures.Number(p.Values[0])}: CO2e avoided {Figures.With(p.Kpis.Co2Avoided, 1)}"))])]));
        }

        b.Append("<h2>Points</h2><table class=\"sortable sweep\"><thead><tr>");
        foreach (var h in heads)
        {
            b.Append(Inv, $"<th class=\"num\">{H(h)}</th>");
        }

        b.Append(Inv, $"<th class=\"num\">Net benefit ({H(d.Currency)}/yr)</th><th class=\"num\">Objective gain</th><th class=\"num\">CO2e avoided (t/yr)</th><th class=\"num\">Landfill avoided (t/yr)</th><th class=\"num\">Exchanges</th></tr></thead><tbody>");
        foreach (var p in d.Points)
        {
            b.Append("<tr class=\"point\">");
            foreach (var v in p.Values)
            {
                b.Append(Inv, $"<td class=\"num\" data-value=\"{v.ToString("R", Inv)}\">{H(Figures.Number(v))}</td>");
            }

            b.Append(p.Kpis is { } k
                ? Cell(k.NetBenefit.Value) + Cell(k.ObjectiveGain.Value) + Cell(k.Co2Avoided.Value, 1) + Cell(k.LandfillAvoided.Value) + $"<td class=\"num\">{p.Exchanges.Length}</td>"
                : $"<td colspan=\"5\">{H(p.Status)}</td>").Append("</tr>");
        }

        b.Append("</tbody></table><h2>Where exchanges switch on or off</h2>");
        if (d.Switches.IsEmpty)
        {
            b.Append("<p>No exchange switches on or off over this range: the same plan is optimal everywhere (only quantities may change).</p>");
            return;
        }

        b.Append("<ul class=\"switches\">");
        foreach (var s in d.Switches)
        {
            var at = s.At is { } a ? $" (with {a.Parameter} = {Figures.Number(a.Value)})" : string.Empty;
            b.Append(Inv, $"<li>{H(s.Parameter)} from {H(Figures.Number(s.From))} to {H(Figures.Number(s.To))}{H(at)}: {H(string.Join("; ", s.On.Select(e => "on: " + e.Name).Concat(s.Off.Select(e => "off: " + e.Name))))}</li>");
        }

        b.Append("</ul>");
    }

    private static void MonteCarlo(StringBuilder b, MonteCarloDocument d)
    {
        b.Append(Inv, $"<p>{H(d.Region)}, scenario '{H(d.Scenario)}': {d.Samples} samples (seed {d.Seed}), {d.Solved} solved.</p>");
        var draws = d.Draws.Where(x => x.NetBenefit is not null).ToList();
        b.Append(SvgCharts.Lines("mc-draws", $"Net benefit of each sample ({d.Currency}/yr)", "sample", $"net benefit {d.Currency}/yr",
            [new Series(string.Empty, [.. draws.Select(x => ((double)x.Index, x.NetBenefit!.Value, $"sample {x.Index}: net benefit {Figures.Fixed(x.NetBenefit)} {d.Currency}/yr"))])]));
        b.Append(Inv, $"<h2>KPIs: P10 / P50 / P90</h2><table class=\"mc-kpis\"><thead><tr><th>KPI</th><th class=\"num\">P10</th><th class=\"num\">P50</th><th class=\"num\">P90</th><th class=\"num\">Deterministic</th><th>Unit</th></tr></thead><tbody>");
        void Row(string name, Spread p, Amount? det, int decimals) =>
            b.Append(Inv, $"<tr data-kpi=\"{H(name)}\"><td>{H(name)}</td>").Append(Cell(p.P10, decimals)).Append(Cell(p.P50, decimals)).Append(Cell(p.P90, decimals)).Append(Cell(det?.Value, decimals)).Append(Inv, $"<td>{H(p.Unit)}</td></tr>");
        Row("net benefit", d.Kpis.NetBenefit, d.Deterministic?.NetBenefit, 0);
        Row("objective gain", d.Kpis.ObjectiveGain, d.Deterministic?.ObjectiveGain, 0);
        Row("CO2e avoided", d.Kpis.Co2Avoided, d.Deterministic?.Co2Avoided, 1);
        Row("landfill avoided", d.Kpis.LandfillAvoided, d.Deterministic?.LandfillAvoided, 0);
        Row("virgin material avoided", d.Kpis.VirginMaterialAvoided, d.Deterministic?.VirginMaterialAvoided, 0);
        Row("transport CO2e", d.Kpis.TransportEmissions, d.Deterministic?.TransportEmissions, 1);
        b.Append("</tbody></table>");
        b.Append(SvgCharts.Bars("mc-exchanges", "How often each exchange is chosen", [.. d.Exchanges.Select(e => new Bar(e.Name, "chosen", e.Probability, Figures.Percent(e.Probability)))]));
        b.Append("<h2>Uncertain inputs</h2><table class=\"mc-inputs\"><thead><tr><th>Path</th><th>Distribution</th><th class=\"num\">P10</th><th class=\"num\">P50</th><th class=\"num\">P90</th><th class=\"num\">Declared</th><th>Unit</th></tr></thead><tbody>");
        foreach (var i in d.Inputs)
        {
            b.Append(Inv, $"<tr><td>{H(i.Path)}</td><td>{H(i.Distribution)}</td>").Append(Cell(i.Sampled.P10, 2)).Append(Cell(i.Sampled.P50, 2)).Append(Cell(i.Sampled.P90, 2)).Append(Cell(i.Declared, 2)).Append(Inv, $"<td>{H(i.Unit)}</td></tr>");
        }

        b.Append("</tbody></table>");
    }

    private static void Sharing(StringBuilder b, SharingDocument d)
    {
        b.Append(Inv, $"<p>{H(d.Region)}, scenario '{H(d.Scenario)}': sharing {H(Figures.Fixed(d.GrandValue))} {H(d.Unit)} of objective gain ({d.CoalitionSolves} coalition solves; {H(d.ValueBasis)}).</p>");
        var methods = d.Players.SelectMany(p => p.Allocations.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var shapley = methods.FirstOrDefault(m => m.StartsWith("shapley", StringComparison.Ordinal));
        if (shapley is not null)
        {
            b.Append(SvgCharts.Bars("sharing-shapley", $"Side payments to reach the {shapley} split ({d.Unit}; right: receives)",
                [.. d.Players.Where(p => p.SidePayments.ContainsKey(shapley)).Select(p => new Bar(p.Name, "side payment", p.SidePayments[shapley].Value, Figures.With(p.SidePayments[shapley])))]));
        }

        b.Append(Inv, $"<h2>Shares by method ({H(d.Unit)})</h2><table class=\"sortable sharing\"><thead><tr><th>Actor</th><th class=\"num\">Own result</th>");
        // Estimated shares (sampled Shapley) show their 95 % half-width and the samples behind them beside the methods.
        var estimated = methods.Where(m => d.Players.Any(p => p.Estimates.ContainsKey(m))).ToList();
        foreach (var m in methods)
        {
            b.Append(Inv, $"<th class=\"num\">{H(m)}</th>");
        }

        foreach (var m in estimated)
        {
            b.Append(Inv, $"<th class=\"num\">± 95 % {H(m)}</th><th class=\"num\">samples {H(m)}</th>");
        }

        b.Append("</tr></thead><tbody>");
        foreach (var p in d.Players)
        {
            b.Append(Inv, $"<tr data-actor=\"{H(p.Id)}\"><td>{H(p.Name)}</td>").Append(Cell(p.OwnResult.Value));
            foreach (var m in methods)
            {
                b.Append(Cell(p.Allocations.TryGetValue(m, out var a) ? a.Value : null));
            }

            foreach (var m in estimated)
            {
                var e = p.Estimates.GetValueOrDefault(m);
                b.Append(Cell(e?.HalfWidth95.Value)).Append(Cell(e?.Samples, 0));
            }

            b.Append("</tr>");
        }

        b.Append("</tbody></table>");
        if (!d.Dual.Applicable)
        {
            b.Append(Inv, $"<p class=\"note\">Dual allocation not computed: {H(d.Dual.Note)}.</p>");
        }

        b.Append(Inv, $"<h2>Price ranges in which both sides gain</h2><table class=\"sortable prices\"><thead><tr><th>Exchange</th><th class=\"num\">Lowest</th><th class=\"num\">Highest</th><th>Unit</th><th>Note</th></tr></thead><tbody>");
        foreach (var r in d.PriceRanges)
        {
            b.Append(Inv, $"<tr><td>{H(r.Name)}</td>").Append(Cell(r.Lowest, 1)).Append(Cell(r.Highest, 1)).Append(Inv, $"<td>{H(r.Unit)}</td><td>{H(r.Note)}</td></tr>");
        }

        b.Append("</tbody></table>");
    }
}
