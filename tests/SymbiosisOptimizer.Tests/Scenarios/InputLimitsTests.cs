using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Tests.Scenarios;

/// <summary>The limits refuse what they must and nothing a real scenario needs.</summary>
public class InputLimitsTests
{
    private const string ActorsBlock =
        "actors:\n  - {id: foundry, name: Foundry, kind: company, municipality: Karlstad, lat: 59.3799, lon: 13.5029}\n" +
        "  - {id: roads, name: Road works, kind: municipality, municipality: Kristinehamn, lat: 59.3114, lon: 14.1118}\n";

    private const string ActorsCsv = "id,name,kind,municipality,lat,lon\n" +
                                     "foundry,Foundry,company,Karlstad,59.3799,13.5029\n" +
                                     "roads,Road works,municipality,Kristinehamn,59.3114,14.1118\n";

    [Theory]
    [InlineData("high-tax")]
    [InlineData("reform_2030")]
    [InlineData("v1.2")]
    [InlineData("A")]
    public void Should_accept_a_plain_name(string name) => Assert.True(InputLimits.IsPlainName(name));

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a b")]
    [InlineData("a..b")]
    [InlineData("h\u00f6g")]
    public void Should_refuse_a_name_that_is_not_plain(string name) => Assert.False(InputLimits.IsPlainName(name));

    [Theory]
    [InlineData("1e15 t")]
    [InlineData("-1e15 SEK")]
    [InlineData("999_999_999_999_999 kWh")]
    [InlineData("0.3")]
    [InlineData("kt")]
    public void Should_leave_a_number_within_the_magnitude_alone(string text) => Assert.Null(InputLimits.MagnitudeError(text));

    [Theory]
    [InlineData("1.0001e15 t")]
    [InlineData("9e307 kt/yr")]
    [InlineData("-2E+20")]
    [InlineData("1e400")]
    public void Should_refuse_a_number_beyond_the_magnitude(string text) => Assert.Contains("1e15", InputLimits.MagnitudeError(text), StringComparison.Ordinal);

    [Fact]
    public void Should_still_load_a_csv_table_in_a_subfolder_and_through_a_link_that_stays_inside()
    {
        using var s = TempScenario.Create(TempScenario.Edit(TempScenario.TinyText, (ActorsBlock, "actors: {csv: tables/linked.csv}\n")));
        Directory.CreateDirectory(Path.Combine(s.Folder, "tables"));
        File.WriteAllText(Path.Combine(s.Folder, "actors.csv"), ActorsCsv);
        File.CreateSymbolicLink(Path.Combine(s.Folder, "tables", "linked.csv"), Path.Combine("..", "actors.csv"));

        var result = ScenarioLoader.Load(s.Folder);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal(2, result.Region!.Actors.Length);
    }

    [Fact]
    public void Should_accept_a_utf8_byte_order_mark_and_utf8_names()
    {
        using var s = TempScenario.Create(string.Empty);
        File.WriteAllBytes(s.File, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(TempScenario.Edit(TempScenario.TinyText, ("name: Tiny", "name: Lidk\u00f6ping")))]);

        var result = ScenarioLoader.Load(s.Folder);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal("Lidk\u00f6ping", result.Region!.Name);
    }

    [Fact]
    public void Should_still_load_an_alias_to_a_value_written_earlier()
    {
        using var s = TempScenario.FromTiny(("  landfillTax: 744 SEK/t", "  landfillTax: &tax 744 SEK/t"), ("policies.landfillTax: 1000 SEK/t", "policies.landfillTax: *tax"));

        var result = ScenarioLoader.Load(s.Folder, new LoadOptions("high-tax", ValidateAllScenarios: true));

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
    }

    [Fact]
    public void Should_refuse_a_blank_value_but_not_a_missing_optional_one()
    {
        using var blank = TempScenario.FromTiny(("  circuity: 1.0\n", "  circuity:\n"));
        using var missing = TempScenario.FromTiny(("  circuity: 1.0\n", string.Empty));

        var refused = ScenarioLoader.Load(blank.Folder);
        var loaded = ScenarioLoader.Load(missing.Folder);

        Assert.Contains(refused.Errors, d => d.Field == "region.circuity" && d.Message.StartsWith("is blank; give", StringComparison.Ordinal) && d.Location.Line == 7);
        Assert.True(loaded.Succeeded, string.Join('\n', loaded.Diagnostics));
    }
}
