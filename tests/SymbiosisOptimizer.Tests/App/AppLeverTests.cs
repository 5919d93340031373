using System.Net;
using System.Security.Cryptography;
using SymbiosisOptimizer.App;
using SymbiosisOptimizer.Cli;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Tests.App;

/// <summary>The Policy levers page: fields with today's values and units, bad values refused in place, a good change saved as a named scenario in the workspace copy and run.</summary>
[Collection(AppRunCollection.Name)]
public sealed class AppLeverTests(AppRunFixture run)
{
    private static Uri U(string path) => new(path, UriKind.Relative);

    private static string Bundled => Path.Combine(TestPaths.Scenario("varmland-dalarna"), "scenario.yaml");

    private string Copy => Path.Combine(run.Workspace, "scenarios", "varmland-dalarna", "scenario.yaml");

    private static string Hash(string file) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));

    private static async Task<(HttpStatusCode Code, string Html, string? Location)> Post(HttpClient client, params (string, string)[] fields)
    {
        using var form = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
        var answer = await client.PostAsync(U("/levers"), form);
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync(), answer.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_form_shows_todays_policies_with_their_units()
    {
        using var client = run.Factory.Client();
        var html = await client.GetStringAsync(U("/levers?scenario=varmland-dalarna"));

        // scenarios/varmland-dalarna/scenario.yaml: landfillTax 744 SEK/t, co2Price 1200 SEK/t CO2e, investmentSubsidy 0 %,
        // permit construction-use leadTime 1.5 yr; foundry-sand is a waste (so it has an end-of-waste box, unticked).
        Assert.Contains("name=\"v:policies.landfillTax\" value=\"744\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"unit-policies.landfillTax\">SEK/t<", html, StringComparison.Ordinal);
        Assert.Contains("name=\"v:policies.co2Price\" value=\"1200\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"v:policies.investmentSubsidy\" value=\"0\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"unit-policies.investmentSubsidy\">%<", html, StringComparison.Ordinal);
        Assert.Contains("name=\"v:permits.construction-use.leadTime\" value=\"1.5\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"unit-permits.construction-use.leadTime\">yr<", html, StringComparison.Ordinal);
        Assert.Contains("name=\"eow\" value=\"foundry-sand\">", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("policies.landfillTax", "-5", "neg-tax")]
    [InlineData("policies.landfillTax", "abc", "text-tax")]
    [InlineData("policies.landfillTax", "100 MWh", "wrong-unit")]
    [InlineData("policies.investmentSubsidy", "150", "big-subsidy")]
    [InlineData("permits.construction-use.leadTime", "1: 2", "yaml-lead")]
    public async Task A_bad_value_is_refused_beside_its_field_and_nothing_is_saved(string path, string value, string name)
    {
        var bundled = Hash(Bundled);
        using var client = run.Factory.Client();
        var (code, html, _) = await Post(client, ("scenario", "varmland-dalarna"), ("v:" + path, value), ("name", name));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Contains($"data-error-for=\"{path}\"", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{System.Net.WebUtility.HtmlEncode(value)}\" size=\"14\"", html, StringComparison.Ordinal);
        Assert.Equal(bundled, Hash(Bundled));
        Assert.DoesNotContain(name, File.Exists(Copy) ? await File.ReadAllTextAsync(Copy) : string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_name_or_no_change_is_refused()
    {
        using var client = run.Factory.Client();
        var (code, html, _) = await Post(client, ("scenario", "varmland-dalarna"), ("v:policies.landfillTax", "900"), ("name", "has space"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Contains("data-error-for=\"name\"", html, StringComparison.Ordinal);
        (code, html, _) = await Post(client, ("scenario", "varmland-dalarna"), ("v:policies.landfillTax", "900"), ("name", "high-landfill-tax"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Contains("already a scenario", html, StringComparison.Ordinal);
        (code, html, _) = await Post(client, ("scenario", "varmland-dalarna"), ("v:policies.landfillTax", "744"), ("name", "unchanged"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Contains("nothing was changed", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_good_change_is_saved_as_a_named_scenario_in_the_workspace_copy_and_run()
    {
        var bundled = Hash(Bundled);
        using var client = run.Factory.Client();
        var (code, html, location) = await Post(client, ("scenario", "varmland-dalarna"), ("v:policies.landfillTax", "1000"), ("v:permits.construction-use.leadTime", "0.5"),
            ("eow", "foundry-sand"), ("name", "levers-1000"));
        Assert.True(code == HttpStatusCode.Redirect, html);
        Assert.Equal(bundled, Hash(Bundled));

        // The workspace copy is a valid scenario file with the new scenario, as `symbiosis validate` sees it.
        var (exit, _, err) = CliHarness.Run("validate", Copy);
        Assert.True(exit == ExitCodes.Ok, err);
        var load = ScenarioLoader.Load(Copy, new LoadOptions("levers-1000"));
        Assert.True(load.Succeeded, string.Join("\n", load.Diagnostics));
        Assert.Equal(["levers-1000"], load.AppliedOverrides.ToArray());

        // Typed on the form: 1000 SEK/t, 0.5 yr, foundry sand with end-of-waste status; the rest as in the base file.
        var r = load.Region!;
        Assert.Equal(1000, r.Policies.LandfillTax.Value);
        Assert.Equal(0.5, r.Permits.Single(p => p.Id == "construction-use").LeadTime.Value);
        Assert.Equal(["foundry-sand"], r.Policies.EndOfWaste.ToArray());
        var b = TestPaths.Load(Bundled);
        Assert.Equal(b.Policies.Co2Price, r.Policies.Co2Price);
        Assert.Equal(1.5, b.Permits.Single(p => p.Id == "construction-use").LeadTime.Value);

        var id = location!.Split('/')[^1];
        var entry = run.Factory.WaitFor(id);
        Assert.Equal("workspace:varmland-dalarna", entry.Scenario);
        Assert.Equal("levers-1000", entry.Named);
        Assert.Equal(["levers-1000"], entry.Overrides.ToArray());
        Assert.True(entry.HasDocuments, entry.Status + ": " + entry.Message);

        // The page now edits the copy and lists the new scenario.
        var again = await client.GetStringAsync(U("/levers?scenario=varmland-dalarna"));
        Assert.Contains("levers-1000", again, StringComparison.Ordinal);
        Assert.Contains("workspace/scenarios/varmland-dalarna", again, StringComparison.Ordinal);
    }

    [Fact]
    public void Inserting_an_override_keeps_the_file_and_names_the_lines_of_its_settings()
    {
        const string text = "region:\n  name: x\noverrides:\n    old:\n        policies.co2Price: 1 SEK/t CO2e\nscenarios:\n    old: [old]\n";
        var (result, lines) = Levers.Insert(text, "new", [("policies.landfillTax", "5 SEK/t")]);

        // By hand: the entries of overrides: are indented 4, so the new one is too, its setting 8; it is line 5.
        Assert.Equal("region:\n  name: x\noverrides:\n    new:\n        policies.landfillTax: 5 SEK/t\n    old:\n        policies.co2Price: 1 SEK/t CO2e\nscenarios:\n    new: [new]\n    old: [old]\n", result);
        Assert.Equal([(5, "policies.landfillTax")], lines);
        var (made, _) = Levers.Insert("region:\n  name: x\n", "n", [("policies.landfillTax", "5 SEK/t")]);
        Assert.Equal("region:\n  name: x\n\noverrides:\n  n:\n    policies.landfillTax: 5 SEK/t\n\nscenarios:\n  n: [n]\n", made);
    }
}
