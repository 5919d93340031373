using SymbiosisOptimizer.Domain.Quantities;

namespace SymbiosisOptimizer.Tests.Quantities;

public class DimensionTests
{
    public class Describe
    {
        [Theory]
        [InlineData("kt/yr", "mass per year")]
        [InlineData("SEK/t", "money (SEK) per mass")]
        [InlineData("kg CO2e/t.km", "CO2e emissions per mass per distance")]
        [InlineData("mg/L", "mass per volume")]
        [InlineData("SEK.SEK", "money (SEK)^2")]
        [InlineData("%", "a plain number (dimensionless, e.g. 0.3, 30 % or 20 ppm)")]
        public void Should_name_dimensions_in_plain_words(string unit, string expected)
        {
            Assert.Equal(expected, UnitExpression.Parse(unit).Dimension.Describe());
        }
    }

    public class Examples
    {
        [Theory]
        [InlineData("t/yr", "12 kt/yr")]
        [InlineData("MWh/yr", "3.5 GWh/yr")]
        [InlineData("EUR/MWh", "744 EUR/MWh")]
        [InlineData("SEK/km", "744 SEK/km")]
        [InlineData("SEK", "744 SEK")]
        [InlineData("t CO2e/t", "520 kg CO2e/t")]
        public void Should_give_an_example_that_parses_back_to_the_dimension(string unit, string expected)
        {
            var dimension = UnitExpression.Parse(unit).Dimension;

            var example = Domain.Quantities.Examples.For(dimension);

            Assert.Equal(expected, example);
            Assert.Equal(dimension, Quantity.Parse(example).Dimension);
        }
    }
}
