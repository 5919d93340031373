using System.Collections.Immutable;
using System.Globalization;
using System.Text;
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

    public const string Heading = "Policy levers";

    public static void Map(WebApplication app)
    {
        app.MapGet("/levers", (ScenarioLibrary library, string? scenario) =>
        {
            var target = Target(library, scenario);
            return target is null
                ? SymbiosisApp.Html(NotFound($"No scenario '{scenario}'."), StatusCodes.Status404NotFound)
                : SymbiosisApp.Html(Page(library, target, null, null));
        });
        app.MapPost("/levers", async (HttpContext context, AppRuns runs, ScenarioLibrary library) =>
        {
            if (!context.Request.HasFormContentType)
            {
                return Results.BadRequest("post the levers form");
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            var target = Target(library, form["scenario"]);
            if (target is null)
            {
                return SymbiosisApp.Html(NotFound($"No scenario '{form["scenario"]}'."), StatusCodes.Status404NotFound);
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
                var why = load.Succeeded ? $"{copy.Display} is a workbook; its levers are changed in Excel" : string.Join("; ", load.Errors.Take(5));
                return SymbiosisApp.Html(Page(library, copy, change, new LeverCheck(ImmutableDictionary<string, string>.Empty.Add(string.Empty, why), [], null)), StatusCodes.Status422UnprocessableEntity);
            }

            var check = Levers.Check(file, Levers.Of(load.Region!), load.ScenarioNames, change);
            if (check.FileText is null)
            {
                return SymbiosisApp.Html(Page(library, copy, change, check), StatusCodes.Status422UnprocessableEntity);
            }

            var staging = file + ".saving";
            await File.WriteAllTextAsync(staging, check.FileText, new UTF8Encoding(false), context.RequestAborted).ConfigureAwait(false);
            File.Move(staging, file, overwrite: true);
            var run = runs.Start(copy.Folder, change.Name);
            return run is null
                ? SymbiosisApp.Html(NotFound($"The scenario '{change.Name}' was saved in {copy.Display} but is not offered; reload the Scenarios page."), StatusCodes.Status500InternalServerError)
                : Results.Redirect($"/runs/{run.Id}", permanent: false, preserveMethod: false);
        });
    }

    /// <summary>The scenario whose levers are shown: the workspace copy when there is one (that is where changes go).</summary>
    private static BundledScenario? Target(ScenarioLibrary library, string? key)
    {
        var s = library.Find(key) ?? (key is null ? library.Find("varmland-dalarna") ?? library.All.FirstOrDefault() : null);
        return s is null ? null : s.InWorkspace ? s : library.Find(BundledScenario.WorkspacePrefix + s.Name) ?? s;
    }

    public static string Page(ScenarioLibrary library, BundledScenario scenario, LeverChange? asked, LeverCheck? check)
    {
        var b = new StringBuilder();
        b.Append(Inv, $"<h1>{Heading}</h1><p class=\"subtitle\">Change a policy of {H(scenario.Region)} and run it. The change is saved as a named override and scenario in {H(scenario.InWorkspace ? scenario.Display : "workspace/scenarios/" + scenario.Name)}/scenario.yaml (a copy of scenarios/{H(scenario.Name)} in the workspace; the bundled file is never changed), so the file stays the record of what was run.</p>");
        b.Append("<form method=\"get\" action=\"/levers\" class=\"choose\"><label>Scenario file <select name=\"scenario\">");
        foreach (var s in library.All)
        {
            b.Append(Inv, $"<option value=\"{H(s.Folder)}\"{(s == scenario ? " selected" : string.Empty)}>{H(s.Display)} ({H(s.Region)})</option>");
        }

        b.Append("</select></label> <button type=\"submit\">Choose</button></form>");
        var load = ScenarioLoader.Load(scenario.Path);
        if (!load.Succeeded)
        {
            b.Append(Inv, $"<pre class=\"problem\">{H(string.Join("\n", load.Errors.Take(20)))}</pre>");
            return Layout(Heading, b.ToString());
        }

        var errors = check?.Errors ?? ImmutableDictionary<string, string>.Empty;
        if (errors.TryGetValue(string.Empty, out var general))
        {
            b.Append(Inv, $"<p class=\"problem\" id=\"levers-error\">{H(general)}</p>");
        }

        b.Append(Inv, $"<form method=\"post\" action=\"/levers\" class=\"levers\"><input type=\"hidden\" name=\"scenario\" value=\"{H(scenario.Folder)}\">");
        b.Append("<p class=\"note\">Today's values of the base scenario are filled in; a bare number is in the unit beside it (another unit may be typed, e.g. 67 EUR/t CO2e).</p><fieldset><legend>Taxes, prices, subsidy and permits</legend>");
        var levers = Levers.Of(load.Region!);
        foreach (var l in levers.Where(l => l.Kind != LeverKind.EndOfWaste))
        {
            var value = asked?.Values.TryGetValue(l.Path, out var v) == true ? v : l.Current;
            var error = errors.TryGetValue(l.Path, out var e) ? e : null;
            b.Append(Inv, $"<label data-lever=\"{H(l.Path)}\">{H(l.Label)} <input name=\"{H(l.Field)}\" value=\"{H(value)}\" size=\"14\" aria-describedby=\"unit-{H(l.Path)}\"{(error is null ? string.Empty : " class=\"bad\" aria-invalid=\"true\"")}><span class=\"unit\" id=\"unit-{H(l.Path)}\">{H(l.Unit)}</span> <span class=\"note\">(today {H(l.Current)} {H(l.Unit)}; {H(l.Path)})</span>");
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
            b.Append("<fieldset><legend>End-of-waste status (policies.endOfWaste): the resource is a by-product, so waste permits it needs are lifted</legend>");
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
        b.Append(Inv, $"<label>Name of the new scenario <input name=\"name\" id=\"name\" value=\"{H(asked?.Name ?? string.Empty)}\" placeholder=\"e.g. landfill-tax-1200\"{(nameError is null ? string.Empty : " class=\"bad\" aria-invalid=\"true\"")}>");
        if (nameError is not null)
        {
            b.Append(Inv, $"<span class=\"field-error\" data-error-for=\"name\">{H(nameError)}</span>");
        }

        b.Append("</label><button type=\"submit\" id=\"save-run\">Save as a named scenario and run</button></form>");
        if (scenario.Names.Length > 1)
        {
            b.Append(Inv, $"<p>Scenarios in this file: {H(string.Join(", ", scenario.Names))}. <a href=\"/compare?scenario={Uri.EscapeDataString(scenario.Folder)}\">Compare them</a>.</p>");
        }

        return Layout(Heading, b.ToString());
    }
}
