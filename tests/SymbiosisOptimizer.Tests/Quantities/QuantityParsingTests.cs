using SymbiosisOptimizer.Domain.Quantities;

namespace SymbiosisOptimizer.Tests.Quantities;

public class QuantityParsingTests
{
    [Theory]
    [InlineData("12 kt/yr", 12000.0)]
    [InlineData("3.5 GWh/yr", 3500.0)]
    [InlineData("744 SEK/t", 744.0)]
    [InlineData("0.1 kg CO2e/t.km", 0.0001)]
    [InlineData("25 km", 25.0)]
    public void Should_parse_issue_examples_into_base_units(string text, double expected)
    {
        Assert.Equal(expected, Quantity.Parse(text).Value, 12);
    }

    [Fact]
    public void Should_refuse_energy_where_mass_per_year_is_expected()
    {
        var ok = Quantity.TryParse("3.5 GWh/yr", Dimension.MassD.PerYear, out _, out var error);
        Assert.False(ok);
        Assert.Contains("mass per year", error, StringComparison.Ordinal);
        Assert.Contains("energy per year", error, StringComparison.Ordinal);
    }

    // Base units are t, MWh and yr; a year is 8 760 h = 525 600 min = 31 536 000 s (365 days), a week 7/365 yr.
    [Theory]
    [InlineData("1 MW", 8760.0)]                     // 1 MW all year = 8 760 MWh/yr
    [InlineData("2.5 kW", 21.9)]                     // 2.5 x 8 760 / 1 000
    [InlineData("1 GW", 8_760_000.0)]
    [InlineData("2 kg/s", 63_072.0)]                 // 0.002 t x 31 536 000 s
    [InlineData("0.5 m3/s", 15_768_000.0)]           // 0.5 x 31 536 000
    [InlineData("60 kg/min", 31_536.0)]              // 0.06 t x 525 600
    [InlineData("3 t/h", 26_280.0)]                  // 3 x 8 760
    [InlineData("2 t/d", 730.0)]
    [InlineData("7 t/wk", 365.0)]
    [InlineData("30 min", 30.0 / 525_600)]
    public void Should_parse_seconds_minutes_weeks_and_power_into_base_units(string text, double expected)
    {
        Assert.Equal(expected, Quantity.Parse(text).Value, 6);
    }

    [Fact]
    public void Should_take_a_power_where_energy_per_year_is_expected()
    {
        Assert.True(Quantity.TryParse("5 MW", Dimension.EnergyD.PerYear, out var q, out var error), error);
        Assert.Equal(43_800, q.Value, 9);
        Assert.False(Quantity.TryParse("5 MW", Dimension.MassD.PerYear, out _, out _));
    }
}
