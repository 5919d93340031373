using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Localization;
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

    private static readonly (JobKind Kind, string Path, AppPhrase Intro)[] Forms =
    [
        (JobKind.Compare, "/compare", AppPhrase.CompareIntro),
        (JobKind.Barriers, "/barriers", AppPhrase.BarriersIntro),
        (JobKind.Sweep, "/sweep", AppPhrase.SweepIntro),
        (JobKind.MonteCarlo, "/montecarlo", AppPhrase.MonteCarloIntro),
        (JobKind.Share, "/sharing", AppPhrase.SharingIntro),
    ];

    public static void Map(WebApplication app)
    {
        foreach (var (kind, path, _) in Forms)
        {
            app.MapGet(path, (ScenarioLibrary library, string? scenario) => SymbiosisApp.Html(Form(AppText.Current, kind, library, scenario, null, [])));
        }

        app.MapPost("/runner", async (HttpContext context, AppRuns runs) =>
        {
            if (!context.Request.HasFormContentType)
            {
                return Results.BadRequest(AppText.Current[AppPhrase.PostRunnerForm]);
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            var kind = JobKinds.Parse(form["kind"]);
            if (kind == JobKind.Run || DecisionPages.Owns(kind))
            {
                return Results.BadRequest(AppText.Current[AppPhrase.RunnerKindRule]);
            }

            var request = new RunnerRequest(
                kind,
                form["scenario"].ToString(),
                form["named"].ToString(),
                [.. form["compare"].Select(v => v ?? string.Empty)],
                [form["set1"].ToString(), form["set2"].ToString()],
                int.TryParse(form["samples"], NumberStyles.Integer, Inv, out var n) ? n : -1,
                int.TryParse(form["seed"], NumberStyles.Integer, Inv, out var seed) ? seed : -1);
            var (work, entry, errors) = RunnerWork.Prepare(request, runs.Library, runs.Catalogue, AppText.Current);
            if (work is null || entry is null)
            {
                return SymbiosisApp.Html(Form(AppText.Current, kind, runs.Library, request.Scenario, request, errors), StatusCodes.Status422UnprocessableEntity);
            }

            runs.Jobs.Start(entry, work);
            return Results.Redirect($"/runs/{entry.Id}", permanent: false, preserveMethod: false);
        });
    }

    public static string Form(AppText t, JobKind kind, ScenarioLibrary library, string? selected, RunnerRequest? asked, ImmutableArray<string> errors)
    {
        var (_, path, intro) = Forms.First(f => f.Kind == kind);
        var title = t.Title(kind);
        var scenario = library.Find(selected) ?? library.Find("varmland-dalarna") ?? library.All.FirstOrDefault();
        var b = new StringBuilder();
        b.Append(Inv, $"<h1>{H(title)}</h1><p class=\"subtitle\">{H(t[intro])} {H(t[AppPhrase.RunsInBackground])}</p>");
        if (scenario is null)
        {
            return Layout(t, title, b.Append(Inv, $"<p class=\"problem\">{H(t[AppPhrase.NoScenarios])}</p>").ToString());
        }

        b.Append(Inv, $"<form method=\"get\" action=\"{path}\" class=\"choose\"><label>{H(t[ReportPhrase.ScenarioFile])} <select name=\"scenario\">");
        foreach (var s in library.All)
        {
            b.Append(Inv, $"<option value=\"{H(s.Folder)}\"{(s == scenario ? " selected" : string.Empty)}>{H(s.Display)} ({H(s.Region)})</option>");
        }

        b.Append(Inv, $"</select></label> <button type=\"submit\">{H(t[AppPhrase.Choose])}</button></form>");
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
            b.Append(Inv, $"<fieldset><legend>{H(t[AppPhrase.ScenariosAgainstBase])}</legend>");
            if (others.Count == 0)
            {
                b.Append(Inv, $"<p>{H(t.Format(AppPhrase.NoScenarioBesidesBase, scenario.Display))} <a href=\"/levers?scenario={Uri.EscapeDataString(scenario.Folder)}\">{H(t[AppPhrase.NavLevers])}</a>.</p>");
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
            b.Append(Inv, $"<label>{H(t[AppPhrase.NamedScenario])} <select name=\"named\">");
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
            b.Append(Inv, $"<label>{H(t[AppPhrase.Range])} <input name=\"set1\" size=\"60\" value=\"{H(s1)}\"> <span class=\"unit\">{H(t[AppPhrase.RangeForm])}</span></label>");
            b.Append(Inv, $"<label>{H(t[AppPhrase.SecondRange])} <input name=\"set2\" size=\"60\" value=\"{H(s2)}\"></label>");
            b.Append(Inv, $"<p class=\"note\">{H(t[AppPhrase.Paths])}: {H(string.Join(", ", SymbiosisOptimizer.Domain.Parameters.RegionParameter.Supported))}</p>");
        }

        if (kind == JobKind.MonteCarlo)
        {
            b.Append(Inv, $"<label>{H(t[AppPhrase.Samples])} <input name=\"samples\" id=\"samples\" type=\"number\" min=\"1\" max=\"{RunnerWork.MaxSamples}\" value=\"{(asked?.Samples is > 0 and var n ? n : 50)}\"></label>");
            b.Append(Inv, $"<label>{H(t[AppPhrase.Seed])} <input name=\"seed\" type=\"number\" min=\"0\" value=\"{(asked?.Seed is >= 0 and var s ? s : 1)}\"> <span class=\"unit\">{H(t[AppPhrase.SeedNote])}</span></label>");
        }

        b.Append(Inv, $"<button type=\"submit\" id=\"start\">{H(t.Format(AppPhrase.StartJob, title.ToLowerInvariant()))}</button></form>");
        return Layout(t, title, b.ToString());
    }

    /// <summary>The page of a finished runner job: its document, or what stopped it.</summary>
    public static string Document(AppText t, RunEntry run, object? document)
    {
        var title = t.Format(AppPhrase.JobOf, t.Title(run.Kind), run.Scenario);
        var b = new StringBuilder();
        b.Append(Inv, $"<h1>{H(title)}</h1><p class=\"subtitle\">{H(t.Format(AppPhrase.JobSubtitle, run.Id, run.Started.ToString("yyyy-MM-dd HH:mm:ss", Inv)))} <strong class=\"run-status\" data-status=\"{H(run.Status.Word)}\">{H(t.Status(run.Status))}</strong>{(run.Message.Length > 0 ? ": " + H(run.Message.Split('\n')[0]) : string.Empty)}</p>");
        switch (document)
        {
            case ComparisonDocument d:
                Compare(t, b, d);
                break;
            case BarriersDocument d:
                Barriers(t, b, d);
                break;
            case SweepDocument d:
                Sweep(t, b, d);
                break;
            case MonteCarloDocument d:
                MonteCarlo(t, b, d);
                break;
            case SharingDocument d:
                Sharing(t, b, d);
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
            b.Append(Inv, $"<h2>{H(t[AppPhrase.Downloads])}</h2><p class=\"downloads\">{DownloadLinks(run)}</p><p class=\"note\">{H(t[AppPhrase.RunnerDownloadsNote])}</p>");
        }

        return Layout(t, title, b.ToString());
    }

    private static string Cell(AppText t, double? v, int decimals = 0) =>
        v is { } x ? $"<td class=\"num\" data-value=\"{x.ToString("R", Inv)}\">{H(t.Fixed(x, decimals))}</td>" : "<td>-</td>";

    private static string Delta(AppText t, double v, int decimals = 0) =>
        $"<td class=\"num {(v > 0 ? "pos" : v < 0 ? "neg" : string.Empty)}\" data-value=\"{v.ToString("R", Inv)}\">{H(t.Signed(v, decimals))}</td>";

    private static string Th(string text, bool num = false) => num ? $"<th class=\"num\">{H(text)}</th>" : $"<th>{H(text)}</th>";

    private static void Compare(AppText t, StringBuilder b, ComparisonDocument d)
    {
        var cur = d.Currency;
        var vsBase = Th(t[AppPhrase.VersusBase], num: true);
        b.Append(Inv, $"<p>{H(t.Format(AppPhrase.CompareSummary, d.Region, d.Scenarios.Length - 1, d.Base))}</p>");
        b.Append(Inv, $"<h2>{H(t[AppPhrase.SideBySide])}</h2><table class=\"sortable compare\"><thead><tr>{Th(t[ReportPhrase.Scenario])}{Th(t[ReportPhrase.Status])}{Th(t.WithUnit(ReportPhrase.NetBenefit, cur + "/yr"), true)}{vsBase}{Th(t.WithUnit(ReportPhrase.Co2Avoided, "t/yr"), true)}{vsBase}{Th(t.WithUnit(ReportPhrase.LandfillAvoided, "t/yr"), true)}{vsBase}{Th(t.WithUnit(ReportPhrase.Society, cur + "/yr"), true)}{Th(t[AppPhrase.Overrides])}</tr></thead><tbody>");
        foreach (var s in d.Scenarios)
        {
            b.Append(Inv, $"<tr data-scenario=\"{H(s.Name)}\"><td>{H(s.Name)}</td><td>{H(s.Status)}</td>");
            if (s.Kpis is { } k)
            {
                b.Append(Cell(t, k.NetBenefit.Value)).Append(Delta(t, k.NetBenefit.VersusBase)).Append(Cell(t, k.Co2Avoided.Value, 1)).Append(Delta(t, k.Co2Avoided.VersusBase, 1))
                    .Append(Cell(t, k.LandfillAvoided.Value)).Append(Delta(t, k.LandfillAvoided.VersusBase));
            }
            else
            {
                b.Append("<td>-</td><td>-</td><td>-</td><td>-</td><td>-</td><td>-</td>");
            }

            b.Append(Cell(t, s.Accounts?.Society.Value)).Append(Inv, $"<td>{H(string.Join(", ", s.Overrides))}</td></tr>");
        }

        b.Append("</tbody></table>");
        var effects = d.Scenarios.Where(s => s.Name != d.Base && s.Effect is not null).ToList();
        if (effects.Count > 0)
        {
            var bars = effects.SelectMany(s => new[]
            {
                new Bar(s.Name, t[AppPhrase.BarFirms], s.Effect!.Firms.Value, t.With(s.Effect.Firms)),
                new Bar(s.Name, t[AppPhrase.BarPublicBudget], s.Effect.PublicBudget.Total.Value, t.With(s.Effect.PublicBudget.Total)),
                new Bar(s.Name, t[AppPhrase.BarExternalities], s.Effect.Externalities.Value, t.With(s.Effect.Externalities)),
                new Bar(s.Name, t[AppPhrase.BarSociety], s.Effect.Society.Value, t.With(s.Effect.Society)),
            }).ToList();
            b.Append(Inv, $"<h2>{H(t[AppPhrase.WhoGainsWhoPays])}</h2><p class=\"note\">{H(t[AppPhrase.WhoGainsNote])}</p>");
            b.Append(SvgCharts.Bars("who-gains", t.Format(AppPhrase.ChangeAgainstBase, t.Unit(cur + "/yr")), bars, t.Language));
            b.Append(Inv, $"<table class=\"sortable effects\"><thead><tr>{Th(t[ReportPhrase.Scenario])}{Th(t[ReportPhrase.Firms], true)}{Th(t[ReportPhrase.PublicBudget], true)}{Th(t[AppPhrase.OfWhichLandfillTax], true)}{Th(t[AppPhrase.IncinerationTaxShort], true)}{Th(t[AppPhrase.SubsidiesShort], true)}{Th(t[AppPhrase.MunicipalitiesShort], true)}{Th(t[ReportPhrase.Externalities], true)}{Th(t[ReportPhrase.Society], true)}{Th(t[AppPhrase.ExchangesStarted])}{Th(t[AppPhrase.ExchangesStopped])}</tr></thead><tbody>");
            foreach (var s in effects)
            {
                var e = s.Effect!;
                b.Append(Inv, $"<tr data-effect=\"{H(s.Name)}\"><td>{H(s.Name)}</td>").Append(Delta(t, e.Firms.Value)).Append(Delta(t, e.PublicBudget.Total.Value)).Append(Delta(t, e.PublicBudget.LandfillTax.Value))
                    .Append(Delta(t, e.PublicBudget.IncinerationTax.Value)).Append(Delta(t, e.PublicBudget.Subsidies.Value)).Append(Delta(t, e.PublicBudget.Municipalities.Value))
                    .Append(Delta(t, e.Externalities.Value)).Append(Delta(t, e.Society.Value))
                    .Append(Inv, $"<td>{H(string.Join("; ", s.ExchangesAdded.Select(x => x.Name)))}</td><td>{H(string.Join("; ", s.ExchangesDropped.Select(x => x.Name)))}</td></tr>");
            }

            b.Append("</tbody></table>");
        }

        b.Append(Inv, $"<h2>{H(t[AppPhrase.CostEffectivenessHeading])}</h2><p class=\"note\">{H(d.RankingNote)}</p><table class=\"ranking\"><thead><tr>{Th(t[AppPhrase.Rank])}{Th(t[ReportPhrase.Scenario])}{Th(t[AppPhrase.SocietyPerTonne])}{Th(t[AppPhrase.PublicPerTonne])}{Th(t[AppPhrase.Verdict])}</tr></thead><tbody>");
        foreach (var r in d.Ranking)
        {
            string P(PerTonne p) => p.Value is { } v ? $"{t.Fixed(v)} {t.Unit(p.Unit)}" : $"- ({p.Explanation})";
            b.Append(Inv, $"<tr><td>{r.Rank}</td><td>{H(r.Name)}</td><td>{H(P(r.SocietyCostPerTonneCo2))}</td><td>{H(P(r.PublicCostPerTonneCo2))}</td><td>{H(r.Verdict)}</td></tr>");
        }

        b.Append("</tbody></table>");
    }

    private static void Barriers(AppText t, StringBuilder b, BarriersDocument d)
    {
        b.Append(Inv, $"<p>{H(t.Format(AppPhrase.BarriersSummary, d.Region, d.Scenario))}</p>");
        if (d.Base.Kpis is null)
        {
            b.Append(Inv, $"<p class=\"problem\">{H(t.Format(AppPhrase.NothingToPrice, d.Base.Status))}</p>");
            return;
        }

        b.Append(SvgCharts.Bars("barrier-values", t.Format(AppPhrase.ValueLostPerBarrier, t.Unit(d.Currency + "/yr")), [.. d.Barriers.Select(x => new Bar(x.Description, t[AppPhrase.BarValueLost], x.ValueLost.Value, t.With(x.ValueLost)))], t.Language));
        b.Append(Inv, $"<h2>{H(t[AppPhrase.BarriersRanked])}</h2><table class=\"sortable barriers\"><thead><tr>{Th(t[AppPhrase.Rank])}{Th(t[AppPhrase.Barrier])}{Th(t[ReportPhrase.Kind])}{Th(t.WithUnit(AppPhrase.ValueLost, d.Currency + "/yr"), true)}{Th(t.WithUnit(AppPhrase.Co2e, "t/yr"), true)}{Th(t[AppPhrase.Explanation])}{Th(t[AppPhrase.ExchangesIfRemoved])}</tr></thead><tbody>");
        foreach (var x in d.Barriers)
        {
            b.Append(Inv, $"<tr data-barrier=\"{H(x.Id)}\"><td>{x.Rank}</td><td>{H(x.Description)}</td><td>{H(x.Kind)}</td>").Append(Cell(t, x.ValueLost.Value)).Append(Cell(t, x.KpiChange?.Co2Avoided.Value, 1))
                .Append(Inv, $"<td>{H(x.Explanation)}</td><td>{H(string.Join("; ", x.ExchangesAdded.Select(e => "+ " + e.Name).Concat(x.ExchangesDropped.Select(e => "- " + e.Name))))}</td></tr>");
        }

        b.Append("</tbody></table>");
        var binding = d.ShadowPrices.Rows.Where(s => s.ValuePerUnit.Value > 1e-9).ToList();
        b.Append(Inv, $"<h2>{H(t[AppPhrase.ShadowPricesHeading])}</h2><p class=\"note\">{H(t.Format(AppPhrase.ShadowPricesNote, binding.Count, d.ShadowPrices.Rows.Length, d.ShadowPrices.Status))}</p><ul>");
        foreach (var s in binding)
        {
            b.Append(Inv, $"<li>{H(s.Meaning)}: {H(t.With(s.ValuePerUnit, 2))}</li>");
        }

        b.Append("</ul>");
    }

    private static void Sweep(AppText t, StringBuilder b, SweepDocument d)
    {
        var heads = d.Parameters.Select(a => $"{a.Path}{(a.Unit.Length > 0 ? " (" + t.Unit(a.Unit) + ")" : string.Empty)}").ToList();
        var solved = d.Points.Where(p => p.Kpis is not null).ToList();
        var net = t[AppPhrase.SeriesNetBenefit];
        var series = d.Parameters.Length == 1
            ? [new Series(net, [.. solved.Select(p => (p.Values[0], p.Kpis!.NetBenefit.Value, t.Format(AppPhrase.SweepPointWithExchanges, heads[0], t.Number(p.Values[0]), net, t.With(p.Kpis.NetBenefit), p.Exchanges.Length)))])]
            : d.Parameters[1].Values.Select(v => new Series($"{d.Parameters[1].Path} = {t.Number(v)}", [.. solved.Where(p => p.Values[1] == v)
                .Select(p => (p.Values[0], p.Kpis!.NetBenefit.Value, t.Format(AppPhrase.SweepPoint, heads[0], t.Number(p.Values[0]), net, t.With(p.Kpis.NetBenefit))))])).ToList();
        b.Append(SvgCharts.Lines("sweep-net", t.Format(AppPhrase.CurveOver, t.WithUnit(ReportPhrase.NetBenefit, d.Currency + "/yr"), heads[0]), heads[0], $"{net} {t.Unit(d.Currency + "/yr")}", series, t.Language));
        if (d.Parameters.Length == 1)
        {
            var co2 = t[ReportPhrase.Co2Avoided];
            b.Append(SvgCharts.Lines("sweep-co2", t.Format(AppPhrase.CurveOver, t.WithUnit(ReportPhrase.Co2Avoided, "t/yr"), heads[0]), heads[0], $"{co2} {t.Unit("t/yr")}",
                [new Series(co2, [.. solved.Select(p => (p.Values[0], p.Kpis!.Co2Avoided.Value, t.Format(AppPhrase.SweepPoint, heads[0], t.Number(p.Values[0]), co2, t.With(p.Kpis.Co2Avoided, 1))))])], t.Language));
        }

        b.Append(Inv, $"<h2>{H(t[AppPhrase.Points])}</h2><table class=\"sortable sweep\"><thead><tr>");
        foreach (var h in heads)
        {
            b.Append(Inv, $"<th class=\"num\">{H(h)}</th>");
        }

        b.Append(Th(t.WithUnit(ReportPhrase.NetBenefit, d.Currency + "/yr"), true)).Append(Th(t[AppPhrase.ObjectiveGainShort], true)).Append(Th(t.WithUnit(ReportPhrase.Co2Avoided, "t/yr"), true))
            .Append(Th(t.WithUnit(ReportPhrase.LandfillAvoided, "t/yr"), true)).Append(Th(t[ReportPhrase.ExchangesHeading], true)).Append("</tr></thead><tbody>");
        foreach (var p in d.Points)
        {
            b.Append("<tr class=\"point\">");
            foreach (var v in p.Values)
            {
                b.Append(Inv, $"<td class=\"num\" data-value=\"{v.ToString("R", Inv)}\">{H(t.Number(v))}</td>");
            }

            b.Append(p.Kpis is { } k
                ? Cell(t, k.NetBenefit.Value) + Cell(t, k.ObjectiveGain.Value) + Cell(t, k.Co2Avoided.Value, 1) + Cell(t, k.LandfillAvoided.Value) + $"<td class=\"num\">{p.Exchanges.Length}</td>"
                : $"<td colspan=\"5\">{H(p.Status)}</td>").Append("</tr>");
        }

        b.Append(Inv, $"</tbody></table><h2>{H(t[AppPhrase.SwitchesHeading])}</h2>");
        if (d.Switches.IsEmpty)
        {
            b.Append(Inv, $"<p>{H(t[AppPhrase.NoSwitches])}</p>");
            return;
        }

        b.Append("<ul class=\"switches\">");
        foreach (var s in d.Switches)
        {
            var at = s.At is { } a ? " " + t.Format(AppPhrase.SwitchWith, a.Parameter, t.Number(a.Value)) : string.Empty;
            var changes = s.On.Select(e => t.Format(AppPhrase.SwitchOn, e.Name)).Concat(s.Off.Select(e => t.Format(AppPhrase.SwitchOff, e.Name)));
            b.Append(Inv, $"<li>{H(t.Format(AppPhrase.SwitchRange, s.Parameter, t.Number(s.From), t.Number(s.To)))}{H(at)}: {H(string.Join("; ", changes))}</li>");
        }

        b.Append("</ul>");
    }

    private static void MonteCarlo(AppText t, StringBuilder b, MonteCarloDocument d)
    {
        b.Append(Inv, $"<p>{H(t.Format(AppPhrase.MonteCarloSummary, d.Region, d.Scenario, d.Samples, d.Seed, d.Solved))}</p>");
        var draws = d.Draws.Where(x => x.NetBenefit is not null).ToList();
        var perYear = t.Unit(d.Currency + "/yr");
        b.Append(SvgCharts.Lines("mc-draws", t.Format(AppPhrase.NetBenefitOfEachSample, perYear), t[AppPhrase.Sample], $"{t[AppPhrase.SeriesNetBenefit]} {perYear}",
            [new Series(string.Empty, [.. draws.Select(x => ((double)x.Index, x.NetBenefit!.Value, t.Format(AppPhrase.SamplePoint, x.Index, t.Fixed(x.NetBenefit), perYear)))])], t.Language));
        b.Append(Inv, $"<h2>{H(t[AppPhrase.SpreadHeading])}</h2><table class=\"mc-kpis\"><thead><tr>{Th(t[AppPhrase.Kpi])}{Th("P10", true)}{Th("P50", true)}{Th("P90", true)}{Th(t[AppPhrase.Deterministic], true)}{Th(t[ReportPhrase.Unit])}</tr></thead><tbody>");
        void Row(string key, AppPhrase name, Spread p, Amount? det, int decimals) =>
            b.Append(Inv, $"<tr data-kpi=\"{H(key)}\"><td>{H(t[name])}</td>").Append(Cell(t, p.P10, decimals)).Append(Cell(t, p.P50, decimals)).Append(Cell(t, p.P90, decimals)).Append(Cell(t, det?.Value, decimals)).Append(Inv, $"<td>{H(t.Unit(p.Unit))}</td></tr>");
        Row("net benefit", AppPhrase.SeriesNetBenefit, d.Kpis.NetBenefit, d.Deterministic?.NetBenefit, 0);
        Row("objective gain", AppPhrase.KpiObjectiveGain, d.Kpis.ObjectiveGain, d.Deterministic?.ObjectiveGain, 0);
        Row("CO2e avoided", AppPhrase.KpiCo2Avoided, d.Kpis.Co2Avoided, d.Deterministic?.Co2Avoided, 1);
        Row("landfill avoided", AppPhrase.KpiLandfillAvoided, d.Kpis.LandfillAvoided, d.Deterministic?.LandfillAvoided, 0);
        Row("virgin material avoided", AppPhrase.KpiVirginMaterialAvoided, d.Kpis.VirginMaterialAvoided, d.Deterministic?.VirginMaterialAvoided, 0);
        Row("transport CO2e", AppPhrase.KpiTransportCo2, d.Kpis.TransportEmissions, d.Deterministic?.TransportEmissions, 1);
        b.Append("</tbody></table>");
        b.Append(SvgCharts.Bars("mc-exchanges", t[AppPhrase.HowOftenChosen], [.. d.Exchanges.Select(e => new Bar(e.Name, t[AppPhrase.BarChosen], e.Probability, t.Percent(e.Probability)))], t.Language));
        b.Append(Inv, $"<h2>{H(t[AppPhrase.UncertainInputs])}</h2><table class=\"mc-inputs\"><thead><tr>{Th(t[AppPhrase.Path])}{Th(t[AppPhrase.Distribution])}{Th("P10", true)}{Th("P50", true)}{Th("P90", true)}{Th(t[AppPhrase.Declared], true)}{Th(t[ReportPhrase.Unit])}</tr></thead><tbody>");
        foreach (var i in d.Inputs)
        {
            b.Append(Inv, $"<tr><td>{H(i.Path)}</td><td>{H(i.Distribution)}</td>").Append(Cell(t, i.Sampled.P10, 2)).Append(Cell(t, i.Sampled.P50, 2)).Append(Cell(t, i.Sampled.P90, 2)).Append(Cell(t, i.Declared, 2)).Append(Inv, $"<td>{H(t.Unit(i.Unit))}</td></tr>");
        }

        b.Append("</tbody></table>");
    }

    private static void Sharing(AppText t, StringBuilder b, SharingDocument d)
    {
        b.Append(Inv, $"<p>{H(t.Format(AppPhrase.SharingSummary, d.Region, d.Scenario, t.Fixed(d.GrandValue), t.Unit(d.Unit), d.CoalitionSolves, d.ValueBasis))}</p>");
        var methods = d.Players.SelectMany(p => p.Allocations.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var shapley = methods.FirstOrDefault(m => m.StartsWith("shapley", StringComparison.Ordinal));
        if (shapley is not null)
        {
            b.Append(SvgCharts.Bars("sharing-shapley", t.Format(AppPhrase.SidePaymentsChart, shapley, t.Unit(d.Unit)),
                [.. d.Players.Where(p => p.SidePayments.ContainsKey(shapley)).Select(p => new Bar(p.Name, t[AppPhrase.BarSidePayment], p.SidePayments[shapley].Value, t.With(p.SidePayments[shapley])))], t.Language));
        }

        b.Append(Inv, $"<h2>{H(t.Format(AppPhrase.SharesByMethod, t.Unit(d.Unit)))}</h2><table class=\"sortable sharing\"><thead><tr>{Th(t[ReportPhrase.Actor])}{Th(t[AppPhrase.OwnResult], true)}");
        // Estimated shares (sampled Shapley) show their 95 % half-width and the samples behind them beside the methods.
        var estimated = methods.Where(m => d.Players.Any(p => p.Estimates.ContainsKey(m))).ToList();
        foreach (var m in methods)
        {
            b.Append(Inv, $"<th class=\"num\">{H(m)}</th>");
        }

        foreach (var m in estimated)
        {
            b.Append(Th(t.Format(AppPhrase.EstimateHalfWidth, m), true)).Append(Th(t.Format(AppPhrase.EstimateSamples, m), true));
        }

        b.Append("</tr></thead><tbody>");
        foreach (var p in d.Players)
        {
            b.Append(Inv, $"<tr data-actor=\"{H(p.Id)}\"><td>{H(p.Name)}</td>").Append(Cell(t, p.OwnResult.Value));
            foreach (var m in methods)
            {
                b.Append(Cell(t, p.Allocations.TryGetValue(m, out var a) ? a.Value : null));
            }

            foreach (var m in estimated)
            {
                var e = p.Estimates.GetValueOrDefault(m);
                b.Append(Cell(t, e?.HalfWidth95.Value)).Append(Cell(t, e?.Samples, 0));
            }

            b.Append("</tr>");
        }

        b.Append("</tbody></table>");
        if (!d.Dual.Applicable)
        {
            b.Append(Inv, $"<p class=\"note\">{H(t.Format(AppPhrase.DualNotComputed, d.Dual.Note))}</p>");
        }

        b.Append(Inv, $"<h2>{H(t[AppPhrase.PriceRangesHeading])}</h2><table class=\"sortable prices\"><thead><tr>{Th(t[AppPhrase.Exchange])}{Th(t[AppPhrase.Lowest], true)}{Th(t[AppPhrase.Highest], true)}{Th(t[ReportPhrase.Unit])}{Th(t[ReportPhrase.Note])}</tr></thead><tbody>");
        foreach (var r in d.PriceRanges)
        {
            b.Append(Inv, $"<tr><td>{H(r.Name)}</td>").Append(Cell(t, r.Lowest, 1)).Append(Cell(t, r.Highest, 1)).Append(Inv, $"<td>{H(t.Unit(r.Unit))}</td><td>{H(r.Note)}</td></tr>");
        }

        b.Append("</tbody></table>");
    }
}
