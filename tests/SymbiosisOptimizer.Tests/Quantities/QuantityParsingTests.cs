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
}
