using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using SymbiosisOptimizer.Reports.Localization;
using SymbiosisOptimizer.Scenarios;
using static SymbiosisOptimizer.App.Pages;

namespace SymbiosisOptimizer.App;

/// <summary>
/// Policy levers: the taxes, CO2 price, subsidy, permit lead times and end-of-waste status of a scenario as form fields
/// (units beside them); a change is saved as a named override and scenario in the workspace copy of the scenario file
/// and run. Bad values are refused beside their field with the loader's own message.
/// </summary>
public static class PolicyPages
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Map(WebApplication app)
    {
        app.MapGet("/levers", (ScenarioLibrary library, string? scenario) =>
        {
            var t = AppText.Current;
            var target = Target(library, scenario);
            return target is null
                ? SymbiosisApp.Html(NotFound(t, t.Format(AppPhrase.NoScenario, scenario)), StatusCodes.Status404NotFound)
                : SymbiosisApp.Html(Page(t, library, target, null, null));
        });
        app.MapPost("/levers", async (HttpContext context, AppRuns runs, ScenarioLibrary library) =>
        {
            var t = AppText.Current;
            if (!context.Request.HasFormContentType)
            {
                return Results.BadRequest(t[AppPhrase.PostLeversForm]);
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            var target = Target(library, form["scenario"]);
            if (target is null)
            {
                return SymbiosisApp.Html(NotFound(t, t.Format(AppPhrase.NoScenario, form["scenario"].ToString())), StatusCodes.Status404NotFound);
            }

            var change = new LeverChange(
                form.Keys.Where(k => k.StartsWith("v:", StringComparison.Ordinal)).ToImmutableDictionary(k => k[2..], k => form[k].ToString(), StringComparer.Ordinal),
                [.. form["eow"].Select(v => v ?? string.Empty)],
                form["name"].ToString().Trim());

            // The file stays the source of truth: the change goes into the workspace's copy, made now if need be.
            var copy = library.WorkspaceCopy(target);
            var file = ScenarioLoader.ResolvePath(copy.Path);
            var load = ScenarioLoader.Load(copy.Path);
            if (!load.Succeeded || !file.EndsWith(".yaml", StringComparison.Ordinal))
            {
                var why = load.Succeeded ? t.Format(AppPhrase.LeversInExcel, copy.Display) : string.Join("; ", load.Errors.Take(5));
                return SymbiosisApp.Html(Page(t, library, copy, change, new LeverCheck(ImmutableDictionary<string, string>.Empty.Add(string.Empty, why), [], null)), StatusCodes.Status422UnprocessableEntity);
            }

            var check = Levers.Check(file, Levers.Of(load.Region!, t), load.ScenarioNames, change, t);
            if (check.FileText is null)
            {
                return SymbiosisApp.Html(Page(t, library, copy, change, check), StatusCodes.Status422UnprocessableEntity);
            }

            var staging = file + ".saving";
            await File.WriteAllTextAsync(staging, check.FileText, new UTF8Encoding(false), context.RequestAborted).ConfigureAwait(false);
            File.Move(staging, file, overwrite: true);
            var run = runs.Start(copy.Folder, change.Name);
            return run is null
                ? SymbiosisApp.Html(NotFound(t, t.Format(AppPhrase.SavedNotOffered, change.Name, copy.Display)), StatusCodes.Status500InternalServerError)
                : Results.Redirect($"/runs/{run.Id}", permanent: false, preserveMethod: false);
        });
    }

    /// <summary>The scenario whose levers are shown: the workspace copy when there is one (that is where changes go).</summary>
    private static BundledScenario? Target(ScenarioLibrary library, string? key)
    {
        var s = library.Find(key) ?? (key is null ? library.Find("varmland-dalarna") ?? library.All.FirstOrDefault() : null);
        return s is null ? null : s.InWorkspace ? s : library.Find(BundledScenario.WorkspacePrefix + s.Name) ?? s;
    }

    public static string Page(AppText t, ScenarioLibrary library, BundledScenario scenario, LeverChange? asked, LeverCheck? check)
    {
        var heading = t[AppPhrase.NavLevers];
        var b = new StringBuilder();
        b.Append(Inv, $"<h1>{H(heading)}</h1><p class=\"subtitle\">{H(t.Format(AppPhrase.LeversIntro, scenario.Region, scenario.InWorkspace ? scenario.Display : "workspace/scenarios/" + scenario.Name, scenario.Name))}</p>");
        b.Append(Inv, $"<form method=\"get\" action=\"/levers\" class=\"choose\"><label>{H(t[ReportPhrase.ScenarioFile])} <select name=\"scenario\">");
        foreach (var s in library.All)
        {
            b.Append(Inv, $"<option value=\"{H(s.Folder)}\"{(s == scenario ? " selected" : string.Empty)}>{H(s.Display)} ({H(s.Region)})</option>");
        }

        b.Append(Inv, $"</select></label> <button type=\"submit\">{H(t[AppPhrase.Choose])}</button></form>");
        var load = ScenarioLoader.Load(scenario.Path);
        if (!load.Succeeded)
        {
            b.Append(Inv, $"<pre class=\"problem\">{H(string.Join("\n", load.Errors.Take(20)))}</pre>");
            return Layout(t, heading, b.ToString());
        }

        var errors = check?.Errors ?? ImmutableDictionary<string, string>.Empty;
        if (errors.TryGetValue(string.Empty, out var general))
        {
            b.Append(Inv, $"<p class=\"problem\" id=\"levers-error\">{H(general)}</p>");
        }

        b.Append(Inv, $"<form method=\"post\" action=\"/levers\" class=\"levers\"><input type=\"hidden\" name=\"scenario\" value=\"{H(scenario.Folder)}\">");
        b.Append(Inv, $"<p class=\"note\">{H(t[AppPhrase.LeversNote])}</p><fieldset><legend>{H(t[AppPhrase.LeversLegend])}</legend>");
        var levers = Levers.Of(load.Region!, t);
        foreach (var l in levers.Where(l => l.Kind != LeverKind.EndOfWaste))
        {
            var value = asked?.Values.TryGetValue(l.Path, out var v) == true ? v : l.Current;
            var error = errors.TryGetValue(l.Path, out var e) ? e : null;
            b.Append(Inv, $"<label data-lever=\"{H(l.Path)}\">{H(l.Label)} <input name=\"{H(l.Field)}\" value=\"{H(value)}\" size=\"14\" aria-describedby=\"unit-{H(l.Path)}\"{(error is null ? string.Empty : " class=\"bad\" aria-invalid=\"true\"")}><span class=\"unit\" id=\"unit-{H(l.Path)}\">{H(l.Unit)}</span> <span class=\"note\">({H(t.Format(AppPhrase.LeverToday, l.Current, l.Unit, l.Path))})</span>");
            if (error is not null)
            {
                b.Append(Inv, $"<span class=\"field-error\" data-error-for=\"{H(l.Path)}\">{H(error)}</span>");
            }

            b.Append("</label>");
        }

        b.Append("</fieldset>");
        var eow = levers.Where(l => l.Kind == LeverKind.EndOfWaste).ToList();
        if (eow.Count > 0)
        {
            b.Append(Inv, $"<fieldset><legend>{H(t[AppPhrase.EndOfWasteLegend])}</legend>");
            foreach (var l in eow)
            {
                var on = asked is null ? l.Current == "on" : asked.EndOfWaste.Contains(l.Resource);
                b.Append(Inv, $"<label><input type=\"checkbox\" name=\"eow\" value=\"{H(l.Resource)}\"{(on ? " checked" : string.Empty)}> {H(l.Label)}</label>");
            }

            if (errors.TryGetValue("policies.endOfWaste", out var ee))
            {
                b.Append(Inv, $"<span class=\"field-error\" data-error-for=\"policies.endOfWaste\">{H(ee)}</span>");
            }

            b.Append("</fieldset>");
        }

        var nameError = errors.TryGetValue("name", out var ne) ? ne : null;
        b.Append(Inv, $"<label>{H(t[AppPhrase.NewScenarioName])} <input name=\"name\" id=\"name\" value=\"{H(asked?.Name ?? string.Empty)}\" placeholder=\"{H(t[AppPhrase.NewScenarioPlaceholder])}\"{(nameError is null ? string.Empty : " class=\"bad\" aria-invalid=\"true\"")}>");
        if (nameError is not null)
        {
            b.Append(Inv, $"<span class=\"field-error\" data-error-for=\"name\">{H(nameError)}</span>");
        }

        b.Append(Inv, $"</label><button type=\"submit\" id=\"save-run\">{H(t[AppPhrase.SaveAndRun])}</button></form>");
        if (scenario.Names.Length > 1)
        {
            b.Append(Inv, $"<p>{H(t.Format(AppPhrase.ScenariosInFile, string.Join(", ", scenario.Names)))} <a href=\"/compare?scenario={Uri.EscapeDataString(scenario.Folder)}\">{H(t[AppPhrase.CompareThem])}</a>.</p>");
        }

        return Layout(t, heading, b.ToString());
    }
}
