using SymbiosisOptimizer.Domain.Quantities;
using SymbiosisOptimizer.Scenarios;
using SymbiosisOptimizer.Tests.Scenarios;

namespace SymbiosisOptimizer.Tests.Quantities;

/// <summary>
/// Swedish unit words and number habits in input (docs/scenario-format.md, "Units"). Expected values are the same
/// figures written the English way, worked out by hand: a year is 365 days = 52 1/7 weeks = 8 760 h.
/// </summary>
public class SwedishInputTests
{
    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Theory]
    [InlineData("744 kr/t", "744 SEK/t")]
    [InlineData("150 tkr", "150 kSEK")]
    [InlineData("25 Mkr", "25 MSEK")]
    [InlineData("25 mnkr", "25 MSEK")]
    [InlineData("2 mdkr", "2000 MSEK")]
    [InlineData("120 kronor/t", "120 SEK/t")]
    [InlineData("5000 MWh/år", "5000 MWh/yr")]
    [InlineData("12 t/år", "12 t/yr")]
    [InlineData("40000 m3/år", "40000 m3/yr")]
    [InlineData("40000 m³/år", "40000 m3/yr")]
    [InlineData("2 kg/timme", "17.52 t/yr")]
    [InlineData("1 t/dygn", "365 t/yr")]
    [InlineData("7 t/vecka", "365 t/yr")]
    [InlineData("1 t/månad", "12 t/yr")]
    [InlineData("1,5 år", "1.5 yr")]
    [InlineData("6 månader", "0.5 yr")]
    [InlineData("1200 kr/t CO2e", "1200 SEK/t CO2e")]
    [InlineData("7,79 kg CO2-ekv/t", "7.79 kg CO2e/t")]
    [InlineData("500 liter", "0.5 m3")]
    public void Should_read_Swedish_unit_words_as_their_English_equivalents(string swedish, string english)
    {
        var sv = Quantity.Parse(swedish);
        var en = Quantity.Parse(english);

        Assert.Equal(en.Dimension, sv.Dimension);
        AssertClose(en.Value, sv.Value);
    }

    [Theory]
    [InlineData("5 000 MWh/år", 5000.0)]
    [InlineData("5\u00A0000 MWh/år", 5000.0)] // no-break space, as Excel and Word write it
    [InlineData("5\u2009000 MWh/år", 5000.0)] // thin space
    [InlineData("5\u202F000 MWh/år", 5000.0)] // narrow no-break space
    [InlineData("15 135 445 MWh/år", 15135445.0)]
    [InlineData("1 234,5 MWh/år", 1234.5)]
    [InlineData("1 234,567 MWh/år", 1234.567)] // grouped with spaces, so the comma can only be decimal
    [InlineData("7,5 MWh/år", 7.5)]
    [InlineData("0,125 MWh/år", 0.125)] // a thousands comma never follows a lone 0
    [InlineData("1234,567 MWh/år", 1234.567)] // nor four digits
    [InlineData("12,25 MWh/år", 12.25)]
    [InlineData("-3,5 MWh/år", -3.5)]
    [InlineData("\u22123,5 MWh/år", -3.5)] // the typographic minus
    [InlineData("12_000 MWh/år", 12000.0)]
    [InlineData("1,5e3 MWh/år", 1500.0)]
    public void Should_read_Swedish_digit_groups_and_decimal_commas(string text, double mwhPerYear)
    {
        var q = Quantity.Parse(text, Dimension.EnergyD.PerYear);

        AssertClose(mwhPerYear, q.Value);
    }

    [Theory]
    [InlineData("1,234 t", "is ambiguous: '1,234' may be 1234 (a thousands comma) or 1.234 (a decimal comma); write 1234 or 1.234")]
    [InlineData("12,500 t", "write 12500 or 12.500")]
    [InlineData("1,234,567 t", "uses commas between thousands; write 1234567")]
    [InlineData("1.234,5 t", "mixes '.' and ','")]
    [InlineData("1,5.2 t", "mixes '.' and ','")]
    public void Should_refuse_a_comma_that_could_mean_two_things(string text, string fragment)
    {
        Assert.False(Quantity.TryParse(text, null, out _, out var error));
        Assert.Contains(fragment, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5 00 t")] // a space group must have three digits: "00 t" is not a unit
    [InlineData("1234 567 t")] // the first group has at most three digits
    public void Should_not_take_a_space_for_a_thousands_separator_unless_it_groups_three_digits(string text)
    {
        Assert.False(Quantity.TryParse(text, Dimension.MassD, out _, out _));
    }

    [Theory]
    [InlineData("59,3799", 59.3799)]
    [InlineData("1 000", 1000.0)]
    [InlineData("0,3", 0.3)]
    public void Should_read_plain_numbers_the_same_way(string text, double expected)
    {
        Assert.True(NumberText.TryParse(text, out var v, out var error), error);
        AssertClose(expected, v);
    }

    [Fact]
    public void Should_load_a_scenario_written_the_Swedish_way_to_the_same_region()
    {
        // The tiny fixture with its figures rewritten: 5 kt/yr = 5 000 t/år, 300 SEK/t = 300 kr/t, 8 kt/yr = 8 000 t/år,
        // circuity 1.0 = 1,0 (a block key: in a YAML flow map a comma separates entries), 100 kSEK = 100 tkr, 1 yr = 12 månader, 744 SEK/t = 744 kr/t.
        using var swedish = TempScenario.FromTiny(
            ("quantity: 5 kt/yr", "quantity: 5 000 t/år"),
            ("cost: 300 SEK/t", "cost: 300 kr/t"),
            ("quantity: 8 kt/yr", "quantity: \"8\u00A0000 t/år\""),
            ("circuity: 1.0", "circuity: 1,0"),
            ("cost: 100 kSEK", "cost: 100 tkr"),
            ("leadTime: 1 yr", "leadTime: 12 månader"),
            ("landfillTax: 744 SEK/t", "landfillTax: 744 kr/t"));
        using var english = TempScenario.FromTiny();

        var sv = ScenarioLoader.Load(swedish.File);
        var en = ScenarioLoader.Load(english.File);

        Assert.True(sv.Succeeded, string.Join("\n", sv.Errors));
        Assert.True(en.Succeeded, string.Join("\n", en.Errors));
        Assert.Equal(5000.0, sv.Region!.Supplies[0].Quantity.Value);
        Assert.Equal(8000.0, sv.Region.Demands[0].Quantity.Value);
        Assert.Equal(en.Region!.Supplies[0].Route, sv.Region.Supplies[0].Route);
        Assert.Equal(en.Region.Economics.Circuity, sv.Region.Economics.Circuity);
        Assert.Equal(en.Region.Permits[0].Cost, sv.Region.Permits[0].Cost);
        AssertClose(en.Region.Permits[0].LeadTime.Value, sv.Region.Permits[0].LeadTime.Value);
        Assert.Equal(en.Region.Policies.LandfillTax, sv.Region.Policies.LandfillTax);
    }

    [Fact]
    public void Should_name_the_field_of_an_ambiguous_comma()
    {
        using var s = TempScenario.FromTiny(("quantity: 5 kt/yr", "quantity: 5,000 t/år"));

        var result = ScenarioLoader.Load(s.File);

        var error = Assert.Single(result.Errors);
        Assert.Contains("supplies[sand].quantity", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("write 5000 or 5.000", error.ToString(), StringComparison.Ordinal);
    }
}
