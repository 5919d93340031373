using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using SymbiosisOptimizer.Reports.Documents;
using static SymbiosisOptimizer.App.Pages;

namespace SymbiosisOptimizer.App;

/// <summary>
/// Robust plan, Near-optimal alternatives and Pareto front: a form per command that starts it as a background job
/// (<see cref="DecisionWork"/>), and the page of its document (robust.json, alternatives.json, results.json's front),
/// rendered from the typed document with charts whose hover shows the document's figures. Every figure shown is the
/// document's; the page only arranges and words them.
/// </summary>
public static class DecisionPages
{
    /// <summary>The pages' own words, in one place (to move into the app's phrase table with the other pages).</summary>
    public static class Text
    {
        public const string RobustTitle = "Robust plan";
        public const string AlternativesTitle = "Near-optimal alternatives";
        public const string ParetoTitle = "Pareto front";

        public const string RobustIntro = "Choose the exchanges, plants and permits once for every sampled future of the inputs under 'uncertainty:' (a two-stage stochastic programme), and see what that is worth against planning on the mean and against perfect foresight (as `symbiosis robust`).";
        public const string AlternativesIntro = "Find plans almost as good as the optimum, each as different as possible from the ones before, and see which exchanges every good plan needs (as `symbiosis alternatives`).";
        public const string ParetoIntro = "Trace the trade-off between net benefit, CO2e avoided and landfill avoided: plans that no other plan beats on every objective, each with its exchanges (as `symbiosis run --pareto N --objectives ...`).";
        public const string Background = "It runs in the background; its page shows the progress and can cancel it.";

        public const string ScenarioFile = "Scenario file";
        public const string Choose = "Choose";
        public const string NamedScenario = "Named scenario";
        public const string Samples = "Samples";
        public const string Seed = "Seed";
        public const string SeedNote = "the same seed gives the same document";
        public const string Risk = "What the plan maximises";
        public const string RiskExpected = "the expected gain";
        public const string RiskCvar = "CVaR: the mean gain of the worst samples";
        public const string Alpha = "CVaR level (alpha)";
        public const string AlphaNote = "0.9: the mean of the worst 10 % of samples";
        public const string Count = "Alternatives";
        public const string Slack = "Slack";
        public const string SlackNote = "% below the optimum's objective gain";
        public const string Points = "Grid levels per constrained objective";
        public const string Objectives = "Objectives (the first ticked is optimised)";
        public const string Start = "Start";
        public const string NoScenarios = "No scenarios found.";

        public const string Decide = "Decide under uncertainty and see the choices:";
        public const string Downloads = "Downloads";
        public const string DownloadsNote = "The same documents as the CLI command writes; the JSON is the record every view renders.";
        public const string Findings = "In short";

        public const string Values = "What planning for the uncertainty is worth";
        public const string Plan = "What to commit to now";
        public const string PlanNote = "Decided once, before the inputs are known; the flows then follow each sample's prices and quantities.";
        public const string Distribution = "The distribution of outcomes";
        public const string DistributionNote = "Each plan's objective gain in every sample, sorted from the worst sample to the best: higher and flatter is better. Hover a point for the sample and its figure.";
        public const string Outcomes = "How each plan does over the samples";
        public const string Exchanges = "Exchanges that flow under the robust plan";
        public const string Inputs = "Uncertain inputs";
        public const string RobustPlan = "robust plan";
        public const string MeanPlan = "plan made on the mean";
        public const string Foresight = "perfect foresight";

        public const string Plans = "The plans side by side";
        public const string PlansNote = "Every plan is within the slack of the optimum's objective gain (money plus valued CO2e); each alternative was found by keeping as few of the earlier plans' exchanges as the slack allows.";
        public const string Classes = "Which exchanges every good plan needs";
        public const string ClassesNote = "must-have: in every good plan; optional: in some; never: in none.";

        public const string Front = "The front";
        public const string FrontNote = "Each point is an optimal plan for its levels of the other objectives; moving along the front buys one objective with another. Larger points avoid more landfill. Hover a point for its figures.";
        public const string FrontPoints = "Each point and its plan";
    }

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly (JobKind Kind, string Path, string Title, string Intro)[] Forms =
    [
        (JobKind.Robust, "/robust", Text.RobustTitle, Text.RobustIntro),
        (JobKind.Alternatives, "/alternatives", Text.AlternativesTitle, Text.AlternativesIntro),
        (JobKind.Pareto, "/pareto", Text.ParetoTitle, Text.ParetoIntro),
    ];

    public static bool Owns(JobKind kind) => DecisionWork.Owns(kind);

    public static void Map(WebApplication app)
    {
        foreach (var (kind, path, _, _) in Forms)
        {
            app.MapGet(path, (ScenarioLibrary library, string? scenario) => SymbiosisApp.Html(Form(kind, library, scenario, null, [])));
        }

        app.MapPost("/decisions", async (HttpContext context, AppRuns runs) =>
        {
            if (!context.Request.HasFormContentType)
            {
                return Results.BadRequest("post the form of a decision page");
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            var kind = JobKinds.Parse(form["kind"]);
            if (!Owns(kind))
            {
                return Results.BadRequest("kind: robust, alternatives or pareto");
            }

            static int Int(string? s) => int.TryParse(s, NumberStyles.Integer, Inv, out var n) ? n : -1;
            static double Real(string? s) => double.TryParse(s, NumberStyles.Float, Inv, out var x) ? x : double.NaN;
            var request = new DecisionRequest(
                kind, form["scenario"].ToString(), form["named"].ToString(),
                Int(form["samples"]), Int(form["seed"]), form["risk"].ToString(), Real(form["alpha"]),
                Int(form["count"]), Real(form["slack"]), Int(form["points"]), [.. form["objective"].Select(v => v ?? string.Empty)]);
            var (work, entry, errors) = DecisionWork.Prepare(request, runs.Library, runs.Catalogue);
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
        var q = scenario is { Length: > 0 } ? "?scenario=" + Uri.EscapeDataString(scenario) : string.Empty;
        return $"<p class=\"actions decisions\">{H(Text.Decide)} {string.Join(" ", Forms.Select(f => $"<a href=\"{f.Path}{q}\" id=\"link-{JobKinds.Word(f.Kind)}\">{H(f.Title)}</a>"))}</p>";
    }

    public static string Form(JobKind kind, ScenarioLibrary library, string? selected, DecisionRequest? asked, ImmutableArray<string> errors)
    {
        var (_, path, title, intro) = Forms.First(f => f.Kind == kind);
        var scenario = library.Find(selected) ?? library.Find("varmland-dalarna") ?? library.All.FirstOrDefault();
        var b = new StringBuilder();
        b.Append(Inv, $"<h1>{H(title)}</h1><p class=\"subtitle\">{H(intro)} {H(Text.Background)}</p>");
        if (scenario is null)
        {
            return Layout(title, b.Append(Inv, $"<p class=\"problem\">{H(Text.NoScenarios)}</p>").ToString());
        }

        b.Append(Inv, $"<form method=\"get\" action=\"{path}\" class=\"choose\"><label>{H(Text.ScenarioFile)} <select name=\"scenario\">");
        foreach (var s in library.All)
        {
            b.Append(Inv, $"<option value=\"{H(s.Folder)}\"{(s == scenario ? " selected" : string.Empty)}>{H(s.Display)} ({H(s.Region)})</option>");
        }

        b.Append(Inv, $"</select></label> <button type=\"submit\">{H(Text.Choose)}</button></form>");
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
        b.Append(Inv, $"<label>{H(Text.NamedScenario)} <select name=\"named\">");
        foreach (var n in scenario.Names)
        {
            b.Append(Inv, $"<option value=\"{H(n)}\"{(a.Named == n ? " selected" : string.Empty)}>{H(n)}</option>");
        }

        b.Append("</select></label>");
        switch (kind)
        {
            case JobKind.Robust:
                b.Append(Inv, $"<label>{H(Text.Samples)} <input name=\"samples\" id=\"samples\" type=\"number\" min=\"1\" max=\"{DecisionWork.MaxSamples}\" value=\"{(a.Samples > 0 ? a.Samples : 20)}\"></label>");
                b.Append(Inv, $"<label>{H(Text.Seed)} <input name=\"seed\" id=\"seed\" type=\"number\" min=\"0\" value=\"{(a.Seed >= 0 ? a.Seed : 1)}\"> <span class=\"unit\">{H(Text.SeedNote)}</span></label>");
                b.Append(Inv, $"<label>{H(Text.Risk)} <select name=\"risk\" id=\"risk\"><option value=\"expected\"{(a.Risk == "cvar" ? string.Empty : " selected")}>{H(Text.RiskExpected)}</option><option value=\"cvar\"{(a.Risk == "cvar" ? " selected" : string.Empty)}>{H(Text.RiskCvar)}</option></select></label>");
                b.Append(Inv, $"<label>{H(Text.Alpha)} <input name=\"alpha\" id=\"alpha\" type=\"number\" min=\"0.01\" max=\"0.99\" step=\"0.01\" value=\"{(double.IsFinite(a.Alpha) ? a.Alpha : 0.9).ToString("0.##", Inv)}\"> <span class=\"unit\">{H(Text.AlphaNote)}</span></label>");
                break;
            case JobKind.Alternatives:
                b.Append(Inv, $"<label>{H(Text.Count)} <input name=\"count\" id=\"count\" type=\"number\" min=\"1\" max=\"{DecisionWork.MaxCount}\" value=\"{(a.Count > 0 ? a.Count : 5)}\"></label>");
                b.Append(Inv, $"<label>{H(Text.Slack)} <input name=\"slack\" id=\"slack\" type=\"number\" min=\"0.1\" max=\"99\" step=\"0.1\" value=\"{(double.IsFinite(a.SlackPercent) ? a.SlackPercent : 5).ToString("0.##", Inv)}\"> <span class=\"unit\">{H(Text.SlackNote)}</span></label>");
                break;
            default:
                var ticked = a.Objectives.IsDefaultOrEmpty ? ["money", "co2", "landfill"] : a.Objectives;
                b.Append(Inv, $"<label>{H(Text.Points)} <input name=\"points\" id=\"points\" type=\"number\" min=\"2\" max=\"{DecisionWork.MaxPoints}\" value=\"{(a.Points > 1 ? a.Points : 3)}\"></label>");
                b.Append(Inv, $"<fieldset><legend>{H(Text.Objectives)}</legend>");
                foreach (var (word, label) in new[] { ("money", "net benefit (money)"), ("co2", "CO2e avoided"), ("landfill", "landfill avoided") })
                {
                    b.Append(Inv, $"<label><input type=\"checkbox\" name=\"objective\" value=\"{word}\"{(ticked.Contains(word) ? " checked" : string.Empty)}> {H(label)}</label>");
                }

                b.Append("</fieldset>");
                break;
        }

        b.Append(Inv, $"<button type=\"submit\" id=\"start\">{H(Text.Start)}: {H(title.ToLowerInvariant())}</button></form>");
        return Layout(title, b.ToString());
    }

    /// <summary>The page of a finished decision job: its document, or what stopped it.</summary>
    public static string Document(RunEntry run, object? document)
    {
        var title = $"{JobKinds.Title(run.Kind)} of {run.Scenario}";
        var b = new StringBuilder();
        b.Append(Inv, $"<h1>{H(title)}</h1><p class=\"subtitle\">Job {H(run.Id)} started {H(run.Started.ToString("yyyy-MM-dd HH:mm:ss", Inv))} UTC ({H(string.Join(", ", run.Overrides))}); status <strong class=\"run-status\" data-status=\"{H(run.Status)}\">{H(run.Status)}</strong></p>");
        switch (document)
        {
            case RobustDocument d:
                Robust(b, d);
                break;
            case AlternativesDocument d:
                Alternatives(b, d);
                break;
            case RunDocument d:
                Pareto(b, d);
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
            b.Append(Inv, $"<h2>{H(Text.Downloads)}</h2><p class=\"downloads\">{DownloadLinks(run)}</p><p class=\"note\">{H(Text.DownloadsNote)}</p>");
        }

        return Layout(title, b.ToString());
    }

    private static string Cell(double? v, int decimals = 0) =>
        v is { } x ? $"<td class=\"num\" data-value=\"{x.ToString("R", Inv)}\">{H(Figures.Fixed(x, decimals))}</td>" : "<td>-</td>";

    private static string Money(Amount? a) => a is null ? "-" : Figures.With(a);

    private static void Findings(StringBuilder b, ImmutableArray<string> findings)
    {
        b.Append(Inv, $"<h2>{H(Text.Findings)}</h2><ul class=\"findings\">");
        foreach (var f in findings)
        {
            b.Append(Inv, $"<li>{H(f)}</li>");
        }

        b.Append("</ul>");
    }

    private static void Robust(StringBuilder b, RobustDocument d)
    {
        var money = $"{d.Currency}/yr";
        b.Append(Inv, $"<p>{H(d.Region)}, scenario '{H(d.Scenario)}': {d.Samples} samples (seed {d.Seed}) of {d.Inputs.Length} uncertain input(s); the plan maximises {H(d.Risk == "expected" ? Text.RiskExpected : d.Risk)}. Gains are objective gains (money plus CO2e at the scenario's price) per year against today.</p>");
        Findings(b, d.Findings);
        if (d.RecourseProblem is null)
        {
            return;
        }

        b.Append(Inv, $"<h2>{H(Text.Values)}</h2>");
        if (d.ValueOfStochasticSolution is { } vss && d.ExpectedOfMeanPlan is { } eev)
        {
            var worth = vss.Value > 0
                ? "That difference is what planning for the uncertainty, instead of on average values, is worth each year."
                : "The plan made on the mean does as well here: the uncertainty does not change what to commit to.";
            b.Append(Inv, $"<p id=\"vss\" data-value=\"{vss.Value.ToString("R", Inv)}\">The <strong>value of the stochastic solution (VSS)</strong> is <strong>{H(Money(vss))}</strong>: the robust plan gains {H(Money(d.RecourseProblem))} on average over the {d.Samples} samples, while the plan made on the mean of the inputs gains {H(Money(eev))} on the same samples. {H(worth)}</p>");
        }

        if (d.ExpectedValueOfPerfectInformation is { } evpi)
        {
            b.Append(Inv, $"<p id=\"evpi\" data-value=\"{evpi.Value.ToString("R", Inv)}\">The <strong>expected value of perfect information (EVPI)</strong> is <strong>{H(Money(evpi))}</strong>: knowing each sample's inputs before deciding would gain {H(Money(d.WaitAndSee))} on average. That is the most that better forecasts, studies or waiting for information could be worth each year.</p>");
        }

        if (d.RiskValue is { } risk && d.Risk != "expected")
        {
            b.Append(Inv, $"<p id=\"risk\">Measured by {H(d.Risk)}, the robust plan gains {H(Money(risk))}, the plan made on the mean {H(Money(d.MeanPlanRiskValue))}.</p>");
        }

        b.Append(Inv, $"<table class=\"robust-values\"><thead><tr><th>Figure</th><th class=\"num\">{H(money)}</th></tr></thead><tbody>");
        foreach (var (id, label, a) in new[]
        {
            ("rp", "Expected gain of the robust plan (RP)", d.RecourseProblem), ("eev", "Expected gain of the plan made on the mean (EEV)", d.ExpectedOfMeanPlan),
            ("ws", "Expected gain with perfect foresight (WS)", d.WaitAndSee), ("vss", "Value of the stochastic solution (VSS = RP - EEV)", d.ValueOfStochasticSolution),
            ("evpi", "Expected value of perfect information (EVPI = WS - RP)", d.ExpectedValueOfPerfectInformation),
        })
        {
            b.Append(Inv, $"<tr data-figure=\"{id}\"><td>{H(label)}</td>").Append(Cell(a?.Value)).Append("</tr>");
        }

        b.Append("</tbody></table>");

        b.Append(Inv, $"<h2>{H(Text.Distribution)}</h2><p class=\"note\">{H(Text.DistributionNote)}</p>");
        Series Curve(string name, Func<RobustDrawEntry, double?> of)
        {
            // Sorted for a quantile curve (worst sample left): only the points' order and position are chosen here.
            var sorted = d.Draws.Where(x => of(x) is not null).OrderBy(x => of(x)).ThenBy(x => x.Index).ToList();
            return new Series(name, [.. sorted.Select((x, i) => (sorted.Count == 1 ? 50.0 : 100.0 * i / (sorted.Count - 1), of(x)!.Value, $"sample {x.Index}: {name} gains {Figures.Fixed(of(x))} {money}"))]);
        }

        // No y label: the unit is in the caption, and the legend of the three plans takes the label's place.
        b.Append(SvgCharts.Lines("robust-distribution", $"Objective gain in each sample, worst to best ({money})", "samples, worst to best (%)", string.Empty,
            [Curve(Text.RobustPlan, x => x.Robust), Curve(Text.MeanPlan, x => x.MeanPlan), Curve(Text.Foresight, x => x.WaitAndSee)]));

        b.Append(Inv, $"<h2>{H(Text.Plan)}</h2><p class=\"note\">{H(Text.PlanNote)}</p><table class=\"sortable commitments\"><thead><tr><th>Kind</th><th>Decision</th><th>{H(Text.RobustPlan)}</th><th>{H(Text.MeanPlan)}</th></tr></thead><tbody>");
        var robust = d.Plan.Select(c => (c.Kind, c.Key)).ToHashSet();
        var mean = d.MeanPlan.Select(c => (c.Kind, c.Key)).ToHashSet();
        foreach (var c in d.Plan.Concat(d.MeanPlan.Where(m => !robust.Contains((m.Kind, m.Key)))))
        {
            b.Append(Inv, $"<tr data-commitment=\"{H(c.Kind)}:{H(c.Key)}\"><td>{H(c.Kind)}</td><td>{H(c.Name)}</td><td>{(robust.Contains((c.Kind, c.Key)) ? "yes" : "no")}</td><td>{(mean.Contains((c.Kind, c.Key)) ? "yes" : "no")}</td></tr>");
        }

        if (d.Plan.IsEmpty && d.MeanPlan.IsEmpty)
        {
            b.Append("<tr><td colspan=\"4\">No commitment: under every plan the region keeps today's routes and sources.</td></tr>");
        }

        b.Append("</tbody></table>");

        b.Append(Inv, $"<h2>{H(Text.Outcomes)}</h2><table class=\"robust-outcomes\"><thead><tr><th>Plan</th><th class=\"num\">P10</th><th class=\"num\">P50</th><th class=\"num\">P90</th><th class=\"num\">Mean</th><th class=\"num\">Net benefit P50</th><th class=\"num\">CO2e avoided P50 (t/yr)</th><th class=\"num\">Landfill avoided P50 (t/yr)</th><th class=\"num\">Samples with a plan</th></tr></thead><tbody>");
        foreach (var (name, s) in new[] { (Text.RobustPlan, d.Robust), (Text.MeanPlan, d.MeanPlanScore), (Text.Foresight, d.Foresight) })
        {
            b.Append(Inv, $"<tr data-plan=\"{H(name)}\"><td>{H(name)}</td>").Append(Cell(s.ObjectiveGain.P10)).Append(Cell(s.ObjectiveGain.P50)).Append(Cell(s.ObjectiveGain.P90)).Append(Cell(s.ObjectiveGain.Mean))
                .Append(Cell(s.NetBenefit.P50)).Append(Cell(s.Co2Avoided.P50, 1)).Append(Cell(s.LandfillAvoided.P50)).Append(Inv, $"<td class=\"num\">{s.Feasible}</td></tr>");
        }

        b.Append(Inv, $"</tbody></table><p class=\"note\">Objective gain in {H(money)}; P10: nine samples in ten do better, P90: one in ten does.</p>");

        b.Append(Inv, $"<h2>{H(Text.Exchanges)}</h2><table class=\"sortable robust-exchanges\"><thead><tr><th>Exchange</th><th class=\"num\">Used in</th><th class=\"num\">Quantity P10</th><th class=\"num\">P50</th><th class=\"num\">P90</th><th>Unit</th></tr></thead><tbody>");
        foreach (var e in d.Exchanges)
        {
            b.Append(Inv, $"<tr data-key=\"{H(e.Key)}\"><td>{H(e.Name)}</td><td class=\"num\" data-value=\"{e.ShareOfSamples.ToString("R", Inv)}\">{H(Figures.Percent(e.ShareOfSamples))}</td>")
                .Append(Cell(e.QuantityWhenUsed.P10)).Append(Cell(e.QuantityWhenUsed.P50)).Append(Cell(e.QuantityWhenUsed.P90)).Append(Inv, $"<td>{H(e.QuantityWhenUsed.Unit)}</td></tr>");
        }

        b.Append("</tbody></table>");

        b.Append(Inv, $"<h2>{H(Text.Inputs)}</h2><table class=\"robust-inputs\"><thead><tr><th>Path</th><th>Distribution</th><th class=\"num\">P10</th><th class=\"num\">P50</th><th class=\"num\">P90</th><th class=\"num\">Declared</th><th>Unit</th></tr></thead><tbody>");
        foreach (var i in d.Inputs)
        {
            b.Append(Inv, $"<tr><td>{H(i.Path)}</td><td>{H(i.Distribution)}</td>").Append(Cell(i.Sampled.P10, 2)).Append(Cell(i.Sampled.P50, 2)).Append(Cell(i.Sampled.P90, 2)).Append(Cell(i.Declared, 2)).Append(Inv, $"<td>{H(i.Unit)}</td></tr>");
        }

        b.Append("</tbody></table>");
    }

    private static void Alternatives(StringBuilder b, AlternativesDocument d)
    {
        var money = $"{d.Currency}/yr";
        b.Append(Inv, $"<p>{H(d.Region)}, scenario '{H(d.Scenario)}': {d.Found} of {d.Requested} alternative(s) found within {H(Figures.Percent(d.Slack))} of the optimum.</p>");
        Findings(b, d.Findings);
        if (d.Plans.IsEmpty)
        {
            return;
        }

        b.Append(SvgCharts.Bars("alternatives-gains", $"Objective gain of each plan ({money})",
            [.. d.Plans.Select(p => new Bar(p.Label, "objective gain", p.Kpis?.ObjectiveGain.Value ?? 0, $"{(p.Kpis is { } k ? Figures.With(k.ObjectiveGain) : p.Status)} ({Figures.Percent(p.ShareOfOptimumGain)} of the optimum's)"))]));

        b.Append(Inv, $"<h2>{H(Text.Plans)}</h2><p class=\"note\">{H(Text.PlansNote)}</p><table class=\"alternatives-plans\"><thead><tr><th></th>");
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
                b.Append(Cell(of(p), decimals));
            }

            b.Append("</tr>");
        }

        b.Append("<tr data-row=\"share\"><td>Share of the optimum's gain</td>");
        foreach (var p in d.Plans)
        {
            b.Append(Inv, $"<td class=\"num\" data-value=\"{p.ShareOfOptimumGain.ToString("R", Inv)}\">{H(Figures.Percent(p.ShareOfOptimumGain))}</td>");
        }

        b.Append("</tr>");
        Row("objectiveGain", $"Objective gain ({money})", p => p.Kpis?.ObjectiveGain.Value);
        Row("netBenefit", $"Net benefit ({money})", p => p.Kpis?.NetBenefit.Value);
        Row("co2Avoided", "CO2e avoided (t/yr)", p => p.Kpis?.Co2Avoided.Value, 1);
        Row("landfillAvoided", "Landfill avoided (t/yr)", p => p.Kpis?.LandfillAvoided.Value);
        Row("exchanges", "Exchanges", p => p.Exchanges.Length);
        Row("new", "New against the plans before", p => p.NewExchanges);
        Row("dropped", "Exchanges of the optimum left out", p => p.DroppedExchanges);
        b.Append("</tbody></table>");

        b.Append(Inv, $"<h2>{H(Text.Classes)}</h2><p class=\"note\">{H(Text.ClassesNote)}</p><table class=\"sortable presence\"><thead><tr><th>Exchange</th><th>Class</th><th class=\"num\">In plans</th>");
        foreach (var p in d.Plans)
        {
            b.Append(Inv, $"<th>{H(p.Label)}</th>");
        }

        b.Append("</tr></thead><tbody>");
        var keys = d.Plans.Select(p => p.Exchanges.Select(e => e.Key).ToHashSet(StringComparer.Ordinal)).ToList();
        foreach (var e in d.Exchanges)
        {
            b.Append(Inv, $"<tr data-key=\"{H(e.Key)}\" data-presence=\"{H(e.Presence)}\"><td>{H(e.Name)}</td><td class=\"presence-{H(e.Presence)}\">{H(e.Presence)}</td><td class=\"num\">{e.Plans} of {d.Plans.Length}</td>");
            foreach (var k in keys)
            {
                b.Append(k.Contains(e.Key) ? "<td class=\"in-plan\">yes</td>" : "<td>-</td>");
            }

            b.Append("</tr>");
        }

        b.Append(Inv, $"<tr data-presence=\"never\"><td>{d.CandidatesNeverUsed} other candidate exchange(s)</td><td class=\"presence-never\">never</td><td class=\"num\">0 of {d.Plans.Length}</td><td colspan=\"{d.Plans.Length}\"></td></tr>");
        b.Append("</tbody></table>");
        if (d.StoppedBecause.Length > 0)
        {
            b.Append(Inv, $"<p class=\"note\">Stopped: {H(d.StoppedBecause)}.</p>");
        }
    }

    private static void Pareto(StringBuilder b, RunDocument d)
    {
        var money = $"{d.Currency}/yr";
        b.Append(Inv, $"<p>{H(d.Region)}, scenario {H(d.ScenarioText)}: {d.Pareto.Length} plan(s) on the front; status of the single-objective run: {H(d.StatusText)}.</p>");
        if (d.Pareto.IsEmpty)
        {
            foreach (var line in d.Explanation)
            {
                b.Append(Inv, $"<p class=\"explanation\">{H(line)}</p>");
            }

            return;
        }

        b.Append(Inv, $"<h2>{H(Text.Front)}</h2><p class=\"note\">{H(Text.FrontNote)}</p>");
        b.Append(Scatter("pareto-front", $"Net benefit ({money}) against CO2e avoided (t CO2e/yr)", "CO2e avoided t CO2e/yr", $"net benefit {money}",
            [.. d.Pareto.Select((p, i) => (p.Co2Avoided.Value, p.NetBenefit.Value, p.LandfillAvoided.Value,
                $"point {i + 1}: net benefit {Figures.With(p.NetBenefit)}, CO2e avoided {Figures.With(p.Co2Avoided, 1)}, landfill avoided {Figures.With(p.LandfillAvoided)}, {p.Exchanges.Length} exchange(s)"))]));

        b.Append(Inv, $"<h2>{H(Text.FrontPoints)}</h2><table class=\"sortable pareto\"><thead><tr><th class=\"num\">Point</th><th class=\"num\">Net benefit ({H(money)})</th><th class=\"num\">CO2e avoided (t/yr)</th><th class=\"num\">Landfill avoided (t/yr)</th><th>Status</th><th>Plan</th></tr></thead><tbody>");
        foreach (var (p, i) in d.Pareto.Select((p, i) => (p, i)))
        {
            b.Append(Inv, $"<tr data-point=\"{i + 1}\"><td class=\"num\" data-value=\"{i + 1}\">{i + 1}</td>").Append(Cell(p.NetBenefit.Value)).Append(Cell(p.Co2Avoided.Value, 1)).Append(Cell(p.LandfillAvoided.Value))
                .Append(Inv, $"<td>{H(p.Status)}</td><td>{(p.Exchanges.IsEmpty ? "no exchange" : $"<ul class=\"plan\">{string.Concat(p.Exchanges.Select(e => $"<li>{H(e.Name)}</li>"))}</ul>")}</td></tr>");
        }

        b.Append("</tbody></table>");
    }

    /// <summary>
    /// Points without lines (a front of three objectives is a surface, so joining them would mislead), each a circle
    /// whose area grows with its third figure, with its figures on hover. Only positions and sizes are worked out here.
    /// </summary>
    /// <remarks>Each point carries its number (1, 2, ...), the row of the table beneath that lists its plan.</remarks>
    private static string Scatter(string id, string title, string xLabel, string yLabel, IReadOnlyList<(double X, double Y, double Size, string Text)> points)
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
        b.Append(Inv, $"<text x=\"{F(left - 6)}\" y=\"{F(Y(y1) + 4)}\" text-anchor=\"end\" font-size=\"11\">{H(Figures.Fixed(y1))}</text><text x=\"{F(left - 6)}\" y=\"{F(Y(y0) + 4)}\" text-anchor=\"end\" font-size=\"11\">{H(Figures.Fixed(y0))}</text>");
        b.Append(Inv, $"<text x=\"{F(X(x0))}\" y=\"{F(height - bottom + 16)}\" font-size=\"11\" text-anchor=\"middle\">{H(Figures.Fixed(x0, 1))}</text><text x=\"{F(X(x1))}\" y=\"{F(height - bottom + 16)}\" text-anchor=\"middle\" font-size=\"11\">{H(Figures.Fixed(x1, 1))}</text>");
        b.Append(Inv, $"<text x=\"{F((left + width) / 2)}\" y=\"{F(height - 12)}\" text-anchor=\"middle\" font-size=\"12\">{H(xLabel)}</text><text x=\"14\" y=\"{F(top - 10)}\" font-size=\"12\">{H(yLabel)}</text>");
        foreach (var (p, i) in points.Select((p, i) => (p, i)))
        {
            b.Append(Inv, $"<text x=\"{F(X(p.X) + R(p.Size) + 3)}\" y=\"{F(Y(p.Y) - R(p.Size))}\" font-size=\"11\">{i + 1}</text>");
            b.Append(Inv, $"<circle class=\"point\" data-x=\"{p.X.ToString("R", Inv)}\" data-y=\"{p.Y.ToString("R", Inv)}\" data-size=\"{p.Size.ToString("R", Inv)}\" cx=\"{F(X(p.X))}\" cy=\"{F(Y(p.Y))}\" r=\"{F(R(p.Size))}\" fill=\"#1565c0\" fill-opacity=\"0.7\" stroke=\"#0d47a1\"><title>{H(p.Text)}</title></circle>");
        }

        return b.Append("</svg></figure>").ToString();
    }
}
