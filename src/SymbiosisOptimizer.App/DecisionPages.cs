using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Localization;
using static SymbiosisOptimizer.App.Pages;

namespace SymbiosisOptimizer.App;

/// <summary>
/// Robust plan, Near-optimal alternatives and Pareto front: a form per command that starts it as a background job
/// (<see cref="DecisionWork"/>), and the page of its document (robust.json, alternatives.json, results.json's front),
/// rendered from the typed document with charts whose hover shows the document's figures. Every figure shown is the
/// document's; the page only arranges and words them, in the page's language (<see cref="AppText.Current"/>): the words
/// from the phrase table, the figures in the language's number format. The document's own words (plan labels, statuses,
/// distributions, the scenario's names) are shown as written.
/// </summary>
public static class DecisionPages
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly (JobKind Kind, string Path, AppPhrase Intro)[] Forms =
    [
        (JobKind.Robust, "/robust", AppPhrase.RobustIntro),
        (JobKind.Alternatives, "/alternatives", AppPhrase.AlternativesIntro),
        (JobKind.Pareto, "/pareto", AppPhrase.ParetoIntro),
    ];

    public static bool Owns(JobKind kind) => DecisionWork.Owns(kind);

    public static void Map(WebApplication app)
    {
        foreach (var (kind, path, _) in Forms)
        {
            app.MapGet(path, (ScenarioLibrary library, string? scenario) => SymbiosisApp.Html(Form(kind, library, scenario, null, [])));
        }

        app.MapPost("/decisions", async (HttpContext context, AppRuns runs) =>
        {
            var t = AppText.Current;
            if (!context.Request.HasFormContentType)
            {
                return Results.BadRequest(t[AppPhrase.PostDecisionForm]);
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            var kind = JobKinds.Parse(form["kind"]);
            if (!Owns(kind))
            {
                return Results.BadRequest(t[AppPhrase.DecisionKindRule]);
            }

            // The form's numbers are the browser's (a number input posts digits with a dot in every language).
            static int Int(string? s) => int.TryParse(s, NumberStyles.Integer, Inv, out var n) ? n : -1;
            static double Real(string? s) => double.TryParse(s, NumberStyles.Float, Inv, out var x) ? x : double.NaN;
            var request = new DecisionRequest(
                kind, form["scenario"].ToString(), form["named"].ToString(),
                Int(form["samples"]), Int(form["seed"]), form["risk"].ToString(), Real(form["alpha"]),
                Int(form["count"]), Real(form["slack"]), Int(form["points"]), [.. form["objective"].Select(v => v ?? string.Empty)]);
            var (work, entry, errors) = DecisionWork.Prepare(request, runs.Library, runs.Catalogue, t);
            if (work is null || entry is null)
            {
                return SymbiosisApp.Html(Form(kind, runs.Library, request.Scenario, request, errors), StatusCodes.Status422UnprocessableEntity);
            }

            runs.Jobs.Start(entry, work);
            return Results.Redirect($"/runs/{entry.Id}", permanent: false, preserveMethod: false);
        });
    }

    /// <summary>Links to the three pages for a scenario, for the Run page and a run's results.</summary>
    public static string Links(string? scenario)
    {
        var t = AppText.Current;
        var q = scenario is { Length: > 0 } ? "?scenario=" + Uri.EscapeDataString(scenario) : string.Empty;
        return $"<p class=\"actions decisions\">{H(t[AppPhrase.DecisionLinks])} {string.Join(" ", Forms.Select(f => $"<a href=\"{f.Path}{q}\" id=\"link-{JobKinds.Word(f.Kind)}\">{H(t.Title(f.Kind))}</a>"))}</p>";
    }

    public static string Form(JobKind kind, ScenarioLibrary library, string? selected, DecisionRequest? asked, ImmutableArray<string> errors)
    {
        var t = AppText.Current;
        var (_, path, intro) = Forms.First(f => f.Kind == kind);
        var title = t.Title(kind);
        var scenario = library.Find(selected) ?? library.Find("varmland-dalarna") ?? library.All.FirstOrDefault();
        var b = new StringBuilder();
        b.Append(Inv, $"<h1>{H(title)}</h1><p class=\"subtitle\">{H(t[intro])} {H(t[AppPhrase.RunsInBackground])}</p>");
        if (scenario is null)
        {
            return Layout(title, b.Append(Inv, $"<p class=\"problem\">{H(t[AppPhrase.NoScenarios])}</p>").ToString());
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

        var a = asked ?? new DecisionRequest(kind, scenario.Folder, string.Empty);
        b.Append(Inv, $"<form method=\"post\" action=\"/decisions\" class=\"runner\"><input type=\"hidden\" name=\"kind\" value=\"{JobKinds.Word(kind)}\"><input type=\"hidden\" name=\"scenario\" value=\"{H(scenario.Folder)}\">");
        b.Append(Inv, $"<label>{H(t[AppPhrase.NamedScenario])} <select name=\"named\">");
        foreach (var n in scenario.Names)
        {
            b.Append(Inv, $"<option value=\"{H(n)}\"{(a.Named == n ? " selected" : string.Empty)}>{H(n)}</option>");
        }

        b.Append("</select></label>");

        // The inputs' values stay in the invariant culture: a number input reads and posts digits with a dot.
        switch (kind)
        {
            case JobKind.Robust:
                b.Append(Inv, $"<label>{H(t[AppPhrase.Samples])} <input name=\"samples\" id=\"samples\" type=\"number\" min=\"1\" max=\"{DecisionWork.MaxSamples}\" value=\"{(a.Samples > 0 ? a.Samples : 20)}\"></label>");
                b.Append(Inv, $"<label>{H(t[AppPhrase.Seed])} <input name=\"seed\" id=\"seed\" type=\"number\" min=\"0\" value=\"{(a.Seed >= 0 ? a.Seed : 1)}\"> <span class=\"unit\">{H(t[AppPhrase.SeedNote])}</span></label>");
                b.Append(Inv, $"<label>{H(t[AppPhrase.DecisionRisk])} <select name=\"risk\" id=\"risk\"><option value=\"expected\"{(a.Risk == "cvar" ? string.Empty : " selected")}>{H(t[AppPhrase.DecisionRiskExpected])}</option><option value=\"cvar\"{(a.Risk == "cvar" ? " selected" : string.Empty)}>{H(t[AppPhrase.DecisionRiskCvar])}</option></select></label>");
                b.Append(Inv, $"<label>{H(t[AppPhrase.DecisionAlpha])} <input name=\"alpha\" id=\"alpha\" type=\"number\" min=\"0.01\" max=\"0.99\" step=\"0.01\" value=\"{(double.IsFinite(a.Alpha) ? a.Alpha : 0.9).ToString("0.##", Inv)}\"> <span class=\"unit\">{H(t[AppPhrase.DecisionAlphaNote])}</span></label>");
                break;
            case JobKind.Alternatives:
                b.Append(Inv, $"<label>{H(t[AppPhrase.DecisionCount])} <input name=\"count\" id=\"count\" type=\"number\" min=\"1\" max=\"{DecisionWork.MaxCount}\" value=\"{(a.Count > 0 ? a.Count : 5)}\"></label>");
                b.Append(Inv, $"<label>{H(t[AppPhrase.DecisionSlack])} <input name=\"slack\" id=\"slack\" type=\"number\" min=\"0.1\" max=\"99\" step=\"0.1\" value=\"{(double.IsFinite(a.SlackPercent) ? a.SlackPercent : 5).ToString("0.##", Inv)}\"> <span class=\"unit\">{H(t[AppPhrase.DecisionSlackNote])}</span></label>");
                break;
            default:
                var ticked = a.Objectives.IsDefaultOrEmpty ? ["money", "co2", "landfill"] : a.Objectives;
                b.Append(Inv, $"<label>{H(t[AppPhrase.DecisionPoints])} <input name=\"points\" id=\"points\" type=\"number\" min=\"2\" max=\"{DecisionWork.MaxPoints}\" value=\"{(a.Points > 1 ? a.Points : 3)}\"></label>");
                b.Append(Inv, $"<fieldset><legend>{H(t[AppPhrase.DecisionObjectives])}</legend>");
                foreach (var (word, label) in new[] { ("money", AppPhrase.DecisionObjectiveMoney), ("co2", AppPhrase.DecisionObjectiveCo2), ("landfill", AppPhrase.DecisionObjectiveLandfill) })
                {
                    b.Append(Inv, $"<label><input type=\"checkbox\" name=\"objective\" value=\"{word}\"{(ticked.Contains(word) ? " checked" : string.Empty)}> {H(t[label])}</label>");
                }

                b.Append("</fieldset>");
                break;
        }

        b.Append(Inv, $"<button type=\"submit\" id=\"start\">{H(t.Format(AppPhrase.DecisionStart, title.ToLowerInvariant()))}</button></form>");
        return Layout(title, b.ToString());
    }

    /// <summary>The page of a finished decision job: its document, or what stopped it.</summary>
    public static string Document(RunEntry run, object? document)
    {
        var t = AppText.Current;
        var title = t.Format(AppPhrase.JobOf, t.Title(run.Kind), run.Scenario);
        var b = new StringBuilder();
        b.Append(Inv, $"<h1>{H(title)}</h1><p class=\"subtitle\">{H(t.Format(AppPhrase.DecisionJobSubtitle, run.Id, run.Started.ToString("yyyy-MM-dd HH:mm:ss", Inv), string.Join(", ", run.Overrides)))} <strong class=\"run-status\" data-status=\"{H(run.Status.Word)}\">{H(t.Status(run.Status))}</strong></p>");
        switch (document)
        {
            case RobustDocument d:
                Robust(t, b, d);
                break;
            case AlternativesDocument d:
                Alternatives(t, b, d);
                break;
            case RunDocument d:
                Pareto(t, b, d);
                break;
            default:
                if (run.Message.Length > 0)
                {
                    b.Append(Inv, $"<pre class=\"problem\">{H(run.Message)}</pre>");
                }

                break;
        }

        if (run.HasDocuments)
        {
            b.Append(Inv, $"<h2>{H(t[AppPhrase.Downloads])}</h2><p class=\"downloads\">{DownloadLinks(run)}</p><p class=\"note\">{H(t[AppPhrase.RunnerDownloadsNote])}</p>");
        }

        return Layout(title, b.ToString());
    }

    private static string Cell(AppText t, double? v, int decimals = 0) =>
        v is { } x ? $"<td class=\"num\" data-value=\"{x.ToString("R", Inv)}\">{H(t.Fixed(x, decimals))}</td>" : "<td>-</td>";

    private static string Money(AppText t, Amount? a) => a is null ? "-" : t.With(a);

    /// <summary>A phrase as HTML whose placeholders are filled with HTML already encoded (strong figures inside a sentence).</summary>
    private static string Html(AppText t, AppPhrase phrase, params object[] html) => string.Format(t.Report.Numbers, H(t[phrase]), html);

    private static string Strong(string text) => $"<strong>{H(text)}</strong>";

    private static string YesNo(AppText t, bool yes) => H(t[yes ? AppPhrase.DecisionYes : AppPhrase.DecisionNo]);

    /// <summary>The document's presence word (must-have, optional, never) in the page's words; any other word as written.</summary>
    private static string Presence(AppText t, string presence) => presence switch
    {
        "must-have" => t[AppPhrase.PresenceMustHave],
        "optional" => t[AppPhrase.PresenceOptional],
        "never" => t[AppPhrase.PresenceNever],
        _ => presence,
    };

    private static void Findings(AppText t, StringBuilder b, ImmutableArray<string> findings)
    {
        b.Append(Inv, $"<h2>{H(t[AppPhrase.DecisionFindings])}</h2><ul class=\"findings\">");
        foreach (var f in findings)
        {
            b.Append(Inv, $"<li>{H(f)}</li>");
        }

        b.Append("</ul>");
    }

    private static void Robust(AppText t, StringBuilder b, RobustDocument d)
    {
        var money = t.Unit($"{d.Currency}/yr");
        var perYear = t.Unit("t/yr");
        var risk = d.Risk == "expected" ? t[AppPhrase.DecisionRiskExpected] : d.Risk;
        b.Append(Inv, $"<p>{H(t.Format(AppPhrase.RobustSummary, d.Region, d.Scenario, d.Samples, d.Seed, d.Inputs.Length, risk))}</p>");
        Findings(t, b, d.Findings);
        if (d.RecourseProblem is null)
        {
            return;
        }

        b.Append(Inv, $"<h2>{H(t[AppPhrase.RobustValues])}</h2>");
        if (d.ValueOfStochasticSolution is { } vss && d.ExpectedOfMeanPlan is { } eev)
        {
            var worth = t[vss.Value > 0 ? AppPhrase.RobustVssWorth : AppPhrase.RobustVssNone];
            var sentence = Html(t, AppPhrase.RobustVss, Strong(t[AppPhrase.RobustVssName]), Strong(Money(t, vss)), H(Money(t, d.RecourseProblem)), d.Samples, H(Money(t, eev)));
            b.Append(Inv, $"<p id=\"vss\" data-value=\"{vss.Value.ToString("R", Inv)}\">{sentence} {H(worth)}</p>");
        }

        if (d.ExpectedValueOfPerfectInformation is { } evpi)
        {
            var sentence = Html(t, AppPhrase.RobustEvpi, Strong(t[AppPhrase.RobustEvpiName]), Strong(Money(t, evpi)), H(Money(t, d.WaitAndSee)));
            b.Append(Inv, $"<p id=\"evpi\" data-value=\"{evpi.Value.ToString("R", Inv)}\">{sentence}</p>");
        }

        if (d.RiskValue is { } riskValue && d.Risk != "expected")
        {
            b.Append(Inv, $"<p id=\"risk\">{H(t.Format(AppPhrase.RobustRiskValue, d.Risk, Money(t, riskValue), Money(t, d.MeanPlanRiskValue)))}</p>");
        }

        b.Append(Inv, $"<table class=\"robust-values\"><thead><tr><th>{H(t[AppPhrase.RobustFigure])}</th><th class=\"num\">{H(money)}</th></tr></thead><tbody>");
        foreach (var (id, label, a) in new[]
        {
            ("rp", AppPhrase.RobustRp, d.RecourseProblem), ("eev", AppPhrase.RobustEev, d.ExpectedOfMeanPlan),
            ("ws", AppPhrase.RobustWs, d.WaitAndSee), ("vss", AppPhrase.RobustVssRow, d.ValueOfStochasticSolution),
            ("evpi", AppPhrase.RobustEvpiRow, d.ExpectedValueOfPerfectInformation),
        })
        {
            b.Append(Inv, $"<tr data-figure=\"{id}\"><td>{H(t[label])}</td>").Append(Cell(t, a?.Value)).Append("</tr>");
        }

        b.Append("</tbody></table>");

        b.Append(Inv, $"<h2>{H(t[AppPhrase.RobustDistribution])}</h2><p class=\"note\">{H(t[AppPhrase.RobustDistributionNote])}</p>");
        Series Curve(string name, Func<RobustDrawEntry, double?> of)
        {
            // Sorted for a quantile curve (worst sample left): only the points' order and position are chosen here.
            var sorted = d.Draws.Where(x => of(x) is not null).OrderBy(x => of(x)).ThenBy(x => x.Index).ToList();
            return new Series(name, [.. sorted.Select((x, i) => (sorted.Count == 1 ? 50.0 : 100.0 * i / (sorted.Count - 1), of(x)!.Value, t.Format(AppPhrase.RobustCurvePoint, x.Index, name, t.Fixed(of(x)), money)))]);
        }

        var (robustName, meanName, foresightName) = (t[AppPhrase.RobustPlanName], t[AppPhrase.RobustMeanPlan], t[AppPhrase.RobustForesight]);

        // No y label: the unit is in the caption, and the legend of the three plans takes the label's place.
        b.Append(SvgCharts.Lines("robust-distribution", t.Format(AppPhrase.RobustCurveTitle, money), t[AppPhrase.RobustCurveAxis], string.Empty,
            [Curve(robustName, x => x.Robust), Curve(meanName, x => x.MeanPlan), Curve(foresightName, x => x.WaitAndSee)], t.Language));

        b.Append(Inv, $"<h2>{H(t[AppPhrase.RobustPlanHeading])}</h2><p class=\"note\">{H(t[AppPhrase.RobustPlanNote])}</p><table class=\"sortable commitments\"><thead><tr><th>{H(t[ReportPhrase.Kind])}</th><th>{H(t[AppPhrase.RobustDecision])}</th><th>{H(robustName)}</th><th>{H(meanName)}</th></tr></thead><tbody>");
        var robust = d.Plan.Select(c => (c.Kind, c.Key)).ToHashSet();
        var mean = d.MeanPlan.Select(c => (c.Kind, c.Key)).ToHashSet();
        foreach (var c in d.Plan.Concat(d.MeanPlan.Where(m => !robust.Contains((m.Kind, m.Key)))))
        {
            b.Append(Inv, $"<tr data-commitment=\"{H(c.Kind)}:{H(c.Key)}\"><td>{H(c.Kind)}</td><td>{H(c.Name)}</td><td>{YesNo(t, robust.Contains((c.Kind, c.Key)))}</td><td>{YesNo(t, mean.Contains((c.Kind, c.Key)))}</td></tr>");
        }

        if (d.Plan.IsEmpty && d.MeanPlan.IsEmpty)
        {
            b.Append(Inv, $"<tr><td colspan=\"4\">{H(t[AppPhrase.RobustNoCommitment])}</td></tr>");
        }

        b.Append("</tbody></table>");

        b.Append(Inv, $"<h2>{H(t[AppPhrase.RobustOutcomes])}</h2><table class=\"robust-outcomes\"><thead><tr><th>{H(t[AppPhrase.RobustPlanColumn])}</th><th class=\"num\">P10</th><th class=\"num\">P50</th><th class=\"num\">P90</th><th class=\"num\">{H(t[AppPhrase.RobustMean])}</th>");
        b.Append(Inv, $"<th class=\"num\">{H(t[ReportPhrase.NetBenefit])} P50</th><th class=\"num\">{H(t[ReportPhrase.Co2Avoided])} P50 ({H(perYear)})</th><th class=\"num\">{H(t[ReportPhrase.LandfillAvoided])} P50 ({H(perYear)})</th><th class=\"num\">{H(t[AppPhrase.RobustFeasible])}</th></tr></thead><tbody>");
        // The row's data-plan is the plan's English name in every language: a stable hook for scripts and tests.
        foreach (var (plan, name, s) in new[] { (AppPhrase.RobustPlanName, robustName, d.Robust), (AppPhrase.RobustMeanPlan, meanName, d.MeanPlanScore), (AppPhrase.RobustForesight, foresightName, d.Foresight) })
        {
            b.Append(Inv, $"<tr data-plan=\"{H(AppText.English[plan])}\"><td>{H(name)}</td>").Append(Cell(t, s.ObjectiveGain.P10)).Append(Cell(t, s.ObjectiveGain.P50)).Append(Cell(t, s.ObjectiveGain.P90)).Append(Cell(t, s.ObjectiveGain.Mean))
                .Append(Cell(t, s.NetBenefit.P50)).Append(Cell(t, s.Co2Avoided.P50, 1)).Append(Cell(t, s.LandfillAvoided.P50)).Append(Inv, $"<td class=\"num\">{H(t.Fixed(s.Feasible))}</td></tr>");
        }

        b.Append(Inv, $"</tbody></table><p class=\"note\">{H(t.Format(AppPhrase.RobustOutcomesNote, money))}</p>");

        b.Append(Inv, $"<h2>{H(t[AppPhrase.RobustExchanges])}</h2><table class=\"sortable robust-exchanges\"><thead><tr><th>{H(t[AppPhrase.Exchange])}</th><th class=\"num\">{H(t[AppPhrase.RobustUsedIn])}</th><th class=\"num\">{H(t[ReportPhrase.Quantity])} P10</th><th class=\"num\">P50</th><th class=\"num\">P90</th><th>{H(t[ReportPhrase.Unit])}</th></tr></thead><tbody>");
        foreach (var e in d.Exchanges)
        {
            b.Append(Inv, $"<tr data-key=\"{H(e.Key)}\"><td>{H(e.Name)}</td><td class=\"num\" data-value=\"{e.ShareOfSamples.ToString("R", Inv)}\">{H(t.Percent(e.ShareOfSamples))}</td>")
                .Append(Cell(t, e.QuantityWhenUsed.P10)).Append(Cell(t, e.QuantityWhenUsed.P50)).Append(Cell(t, e.QuantityWhenUsed.P90)).Append(Inv, $"<td>{H(t.Unit(e.QuantityWhenUsed.Unit))}</td></tr>");
        }

        b.Append("</tbody></table>");

        b.Append(Inv, $"<h2>{H(t[AppPhrase.UncertainInputs])}</h2><table class=\"robust-inputs\"><thead><tr><th>{H(t[AppPhrase.Path])}</th><th>{H(t[AppPhrase.Distribution])}</th><th class=\"num\">P10</th><th class=\"num\">P50</th><th class=\"num\">P90</th><th class=\"num\">{H(t[AppPhrase.Declared])}</th><th>{H(t[ReportPhrase.Unit])}</th></tr></thead><tbody>");
        foreach (var i in d.Inputs)
        {
            b.Append(Inv, $"<tr><td>{H(i.Path)}</td><td>{H(i.Distribution)}</td>").Append(Cell(t, i.Sampled.P10, 2)).Append(Cell(t, i.Sampled.P50, 2)).Append(Cell(t, i.Sampled.P90, 2)).Append(Cell(t, i.Declared, 2)).Append(Inv, $"<td>{H(t.Unit(i.Unit))}</td></tr>");
        }

        b.Append("</tbody></table>");
    }

    private static void Alternatives(AppText t, StringBuilder b, AlternativesDocument d)
    {
        var money = t.Unit($"{d.Currency}/yr");
        b.Append(Inv, $"<p>{H(t.Format(AppPhrase.AlternativesSummary, d.Region, d.Scenario, d.Found, d.Requested, t.Percent(d.Slack)))}</p>");
        Findings(t, b, d.Findings);
        if (d.Plans.IsEmpty)
        {
            return;
        }

        b.Append(SvgCharts.Bars("alternatives-gains", t.Format(AppPhrase.AlternativesChart, money),
            [.. d.Plans.Select(p => new Bar(p.Label, t[AppPhrase.AlternativesBar], p.Kpis?.ObjectiveGain.Value ?? 0, t.Format(AppPhrase.AlternativesBarText, p.Kpis is { } k ? t.With(k.ObjectiveGain) : p.Status, t.Percent(p.ShareOfOptimumGain))))], t.Language));

        b.Append(Inv, $"<h2>{H(t[AppPhrase.AlternativesPlans])}</h2><p class=\"note\">{H(t[AppPhrase.AlternativesPlansNote])}</p><table class=\"alternatives-plans\"><thead><tr><th></th>");
        foreach (var p in d.Plans)
        {
            b.Append(Inv, $"<th class=\"num\" data-plan=\"{p.Number}\">{H(p.Label)}</th>");
        }

        b.Append("</tr></thead><tbody>");
        void Row(string id, string label, Func<AlternativePlanEntry, double?> of, int decimals = 0)
        {
            b.Append(Inv, $"<tr data-row=\"{id}\"><td>{H(label)}</td>");
            foreach (var p in d.Plans)
            {
                b.Append(Cell(t, of(p), decimals));
            }

            b.Append("</tr>");
        }

        b.Append(Inv, $"<tr data-row=\"share\"><td>{H(t[AppPhrase.AlternativesShare])}</td>");
        foreach (var p in d.Plans)
        {
            b.Append(Inv, $"<td class=\"num\" data-value=\"{p.ShareOfOptimumGain.ToString("R", Inv)}\">{H(t.Percent(p.ShareOfOptimumGain))}</td>");
        }

        b.Append("</tr>");
        Row("objectiveGain", $"{t[AppPhrase.ObjectiveGainShort]} ({money})", p => p.Kpis?.ObjectiveGain.Value);
        Row("netBenefit", $"{t[ReportPhrase.NetBenefit]} ({money})", p => p.Kpis?.NetBenefit.Value);
        Row("co2Avoided", $"{t[ReportPhrase.Co2Avoided]} ({t.Unit("t/yr")})", p => p.Kpis?.Co2Avoided.Value, 1);
        Row("landfillAvoided", $"{t[ReportPhrase.LandfillAvoided]} ({t.Unit("t/yr")})", p => p.Kpis?.LandfillAvoided.Value);
        Row("exchanges", t[ReportPhrase.ExchangesHeading], p => p.Exchanges.Length);
        Row("new", t[AppPhrase.AlternativesNew], p => p.NewExchanges);
        Row("dropped", t[AppPhrase.AlternativesDropped], p => p.DroppedExchanges);
        b.Append("</tbody></table>");

        b.Append(Inv, $"<h2>{H(t[AppPhrase.AlternativesClasses])}</h2><p class=\"note\">{H(t[AppPhrase.AlternativesClassesNote])}</p><table class=\"sortable presence\"><thead><tr><th>{H(t[AppPhrase.Exchange])}</th><th>{H(t[AppPhrase.AlternativesClass])}</th><th class=\"num\">{H(t[AppPhrase.AlternativesInPlans])}</th>");
        foreach (var p in d.Plans)
        {
            b.Append(Inv, $"<th>{H(p.Label)}</th>");
        }

        b.Append("</tr></thead><tbody>");
        var keys = d.Plans.Select(p => p.Exchanges.Select(e => e.Key).ToHashSet(StringComparer.Ordinal)).ToList();
        foreach (var e in d.Exchanges)
        {
            b.Append(Inv, $"<tr data-key=\"{H(e.Key)}\" data-presence=\"{H(e.Presence)}\"><td>{H(e.Name)}</td><td class=\"presence-{H(e.Presence)}\">{H(Presence(t, e.Presence))}</td><td class=\"num\">{H(t.Format(AppPhrase.DecisionCountOf, e.Plans, d.Plans.Length))}</td>");
            foreach (var k in keys)
            {
                b.Append(k.Contains(e.Key) ? $"<td class=\"in-plan\">{YesNo(t, true)}</td>" : "<td>-</td>");
            }

            b.Append("</tr>");
        }

        b.Append(Inv, $"<tr data-presence=\"never\"><td>{H(t.Format(AppPhrase.AlternativesOthers, d.CandidatesNeverUsed))}</td><td class=\"presence-never\">{H(t[AppPhrase.PresenceNever])}</td><td class=\"num\">{H(t.Format(AppPhrase.DecisionCountOf, 0, d.Plans.Length))}</td><td colspan=\"{d.Plans.Length}\"></td></tr>");
        b.Append("</tbody></table>");
        if (d.StoppedBecause.Length > 0)
        {
            b.Append(Inv, $"<p class=\"note\">{H(t.Format(AppPhrase.AlternativesStopped, d.StoppedBecause))}</p>");
        }
    }

    private static void Pareto(AppText t, StringBuilder b, RunDocument d)
    {
        var money = t.Unit($"{d.Currency}/yr");
        b.Append(Inv, $"<p>{H(t.Format(AppPhrase.ParetoSummary, d.Region, d.ScenarioText, d.Pareto.Length, d.StatusText))}</p>");
        if (d.Pareto.IsEmpty)
        {
            foreach (var line in d.Explanation)
            {
                b.Append(Inv, $"<p class=\"explanation\">{H(line)}</p>");
            }

            return;
        }

        b.Append(Inv, $"<h2>{H(t[AppPhrase.ParetoFrontHeading])}</h2><p class=\"note\">{H(t[AppPhrase.ParetoFrontNote])}</p>");
        b.Append(Scatter(t, "pareto-front", t.Format(AppPhrase.ParetoChart, money), t[AppPhrase.ParetoXAxis], t.Format(AppPhrase.ParetoYAxis, money),
            [.. d.Pareto.Select((p, i) => (p.Co2Avoided.Value, p.NetBenefit.Value, p.LandfillAvoided.Value,
                t.Format(AppPhrase.ParetoPointText, i + 1, t.With(p.NetBenefit), t.With(p.Co2Avoided, 1), t.With(p.LandfillAvoided), p.Exchanges.Length)))]));

        var perYear = t.Unit("t/yr");
        b.Append(Inv, $"<h2>{H(t[AppPhrase.ParetoFrontPoints])}</h2><table class=\"sortable pareto\"><thead><tr><th class=\"num\">{H(t[AppPhrase.ParetoPoint])}</th><th class=\"num\">{H(t[ReportPhrase.NetBenefit])} ({H(money)})</th><th class=\"num\">{H(t[ReportPhrase.Co2Avoided])} ({H(perYear)})</th><th class=\"num\">{H(t[ReportPhrase.LandfillAvoided])} ({H(perYear)})</th><th>{H(t[ReportPhrase.Status])}</th><th>{H(t[AppPhrase.ParetoPlan])}</th></tr></thead><tbody>");
        foreach (var (p, i) in d.Pareto.Select((p, i) => (p, i)))
        {
            b.Append(Inv, $"<tr data-point=\"{i + 1}\"><td class=\"num\" data-value=\"{i + 1}\">{i + 1}</td>").Append(Cell(t, p.NetBenefit.Value)).Append(Cell(t, p.Co2Avoided.Value, 1)).Append(Cell(t, p.LandfillAvoided.Value))
                .Append(Inv, $"<td>{H(p.Status)}</td><td>{(p.Exchanges.IsEmpty ? H(t[AppPhrase.ParetoNoExchange]) : $"<ul class=\"plan\">{string.Concat(p.Exchanges.Select(e => $"<li>{H(e.Name)}</li>"))}</ul>")}</td></tr>");
        }

        b.Append("</tbody></table>");
    }

    /// <summary>
    /// Points without lines (a front of three objectives is a surface, so joining them would mislead), each a circle
    /// whose area grows with its third figure, with its figures on hover. Only positions and sizes are worked out here.
    /// </summary>
    /// <remarks>Each point carries its number (1, 2, ...), the row of the table beneath that lists its plan.</remarks>
    private static string Scatter(AppText t, string id, string title, string xLabel, string yLabel, IReadOnlyList<(double X, double Y, double Size, string Text)> points)
    {
        const double width = 860, height = 380, left = 90, right = 30, top = 30, bottom = 50;
        static string F(double v) => v.ToString("0.##", Inv);
        var (x0, x1) = (points.Min(p => p.X), points.Max(p => p.X));
        var (y0, y1) = (points.Min(p => p.Y), points.Max(p => p.Y));
        var (s0, s1) = (points.Min(p => p.Size), points.Max(p => p.Size));
        var xs = x1 - x0 > 0 ? x1 - x0 : 1;
        var ys = y1 - y0 > 0 ? y1 - y0 : 1;
        double X(double v) => x1 - x0 > 0 ? left + 10 + ((v - x0) / xs * (width - left - right - 20)) : (left + width - right) / 2;
        double Y(double v) => y1 - y0 > 0 ? height - bottom - 10 - ((v - y0) / ys * (height - top - bottom - 20)) : (top + height - bottom) / 2;
        double R(double v) => s1 - s0 > 0 ? 4 + (8 * Math.Sqrt((v - s0) / (s1 - s0))) : 7;
        var b = new StringBuilder();
        b.Append(Inv, $"<figure class=\"chart\" id=\"{H(id)}\"><figcaption>{H(title)}</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {F(width)} {F(height)}\" role=\"img\" aria-label=\"{H(title)}\">");
        b.Append(Inv, $"<line x1=\"{F(left)}\" y1=\"{F(height - bottom)}\" x2=\"{F(width - right)}\" y2=\"{F(height - bottom)}\" stroke=\"#333\"/><line x1=\"{F(left)}\" y1=\"{F(top)}\" x2=\"{F(left)}\" y2=\"{F(height - bottom)}\" stroke=\"#333\"/>");
        b.Append(Inv, $"<text x=\"{F(left - 6)}\" y=\"{F(Y(y1) + 4)}\" text-anchor=\"end\" font-size=\"11\">{H(t.Fixed(y1))}</text><text x=\"{F(left - 6)}\" y=\"{F(Y(y0) + 4)}\" text-anchor=\"end\" font-size=\"11\">{H(t.Fixed(y0))}</text>");
        b.Append(Inv, $"<text x=\"{F(X(x0))}\" y=\"{F(height - bottom + 16)}\" font-size=\"11\" text-anchor=\"middle\">{H(t.Fixed(x0, 1))}</text><text x=\"{F(X(x1))}\" y=\"{F(height - bottom + 16)}\" text-anchor=\"middle\" font-size=\"11\">{H(t.Fixed(x1, 1))}</text>");
        b.Append(Inv, $"<text x=\"{F((left + width) / 2)}\" y=\"{F(height - 12)}\" text-anchor=\"middle\" font-size=\"12\">{H(xLabel)}</text><text x=\"14\" y=\"{F(top - 10)}\" font-size=\"12\">{H(yLabel)}</text>");
        foreach (var (p, i) in points.Select((p, i) => (p, i)))
        {
            b.Append(Inv, $"<text x=\"{F(X(p.X) + R(p.Size) + 3)}\" y=\"{F(Y(p.Y) - R(p.Size))}\" font-size=\"11\">{i + 1}</text>");
            b.Append(Inv, $"<circle class=\"point\" data-x=\"{p.X.ToString("R", Inv)}\" data-y=\"{p.Y.ToString("R", Inv)}\" data-size=\"{p.Size.ToString("R", Inv)}\" cx=\"{F(X(p.X))}\" cy=\"{F(Y(p.Y))}\" r=\"{F(R(p.Size))}\" fill=\"#1565c0\" fill-opacity=\"0.7\" stroke=\"#0d47a1\"><title>{H(p.Text)}</title></circle>");
        }

        return b.Append("</svg></figure>").ToString();
    }
}
