using SymbiosisOptimizer.Domain.Quantities;

namespace SymbiosisOptimizer.Tests.Quantities;

public class QuantityTests
{
    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    public class Parse
    {
        // Every unit family of docs/scenario-format.md, with its value in the base unit of its dimension.
        [Theory]
        [InlineData("12 kt/yr", 12000.0, "t/yr")]
        [InlineData("12_000 t/yr", 12000.0, "t/yr")]
        [InlineData("1 tonne", 1.0, "t")]
        [InlineData("2 Mt", 2e6, "t")]
        [InlineData("500 kg", 0.5, "t")]
        [InlineData("250 g", 2.5e-4, "t")]
        [InlineData("3 mg", 3e-9, "t")]
        [InlineData("3.5 GWh/yr", 3500.0, "MWh/yr")]
        [InlineData("200 kWh", 0.2, "MWh")]
        [InlineData("1 TWh", 1e6, "MWh")]
        [InlineData("3600 MJ", 1.0, "MWh")]
        [InlineData("36 GJ", 10.0, "MWh")]
        [InlineData("3.6 TJ", 1000.0, "MWh")]
        [InlineData("40000 m3/yr", 40000.0, "m3/yr")]
        [InlineData("500 L", 0.5, "m3")]
        [InlineData("2 Mm3", 2e6, "m3")]
        [InlineData("25 km", 25.0, "km")]
        [InlineData("800 m", 0.8, "km")]
        [InlineData("5 ha", 5.0, "ha")]
        [InlineData("20000 m2", 2.0, "ha")]
        [InlineData("3 km2", 300.0, "ha")]
        [InlineData("6 month", 0.5, "yr")]
        [InlineData("73 d", 0.2, "yr")]
        [InlineData("876 h", 0.1, "yr")]
        [InlineData("1.26 kg CO2e", 1.26e-3, "t CO2e")]
        [InlineData("3 kt CO2e", 3000.0, "t CO2e")]
        [InlineData("744 SEK/t", 744.0, "SEK/t")]
        [InlineData("100 kSEK", 1e5, "SEK")]
        [InlineData("1.5 MSEK/km", 1.5e6, "SEK/km")]
        [InlineData("10 EUR/t", 10.0, "EUR/t")]
        [InlineData("2 MEUR", 2e6, "EUR")]
        [InlineData("0.1 kg CO2e/t.km", 1e-4, "t CO2e/t.km")]
        [InlineData("1200 SEK/t CO2e", 1200.0, "SEK/t CO2e")]
        [InlineData("40 mg/L", 4e-5, "t/m3")]
        [InlineData("20 mg/kg", 2e-5, "")]
        [InlineData("5 %", 0.05, "")]
        [InlineData("20 ppm", 2e-5, "")]
        [InlineData("7 ppb", 7e-9, "")]
        [InlineData("0.3", 0.3, "")]
        [InlineData("60 degC", 60.0, "degC")]
        [InlineData("2 kg/h", 17.52, "t/yr")]
        public void Should_read_documented_units_into_base_units(string text, double baseValue, string baseUnit)
        {
            var q = Quantity.Parse(text);

            AssertClose(baseValue, q.Value);
            Assert.Equal(baseUnit, UnitExpression.BaseUnitText(q.Dimension));
        }

        [Fact]
        public void Should_read_a_mass_per_time_as_mass_per_year_when_that_is_expected()
        {
            // The water-network 'loads' field states contaminant mass per hour; the model counts per year.
            var q = Quantity.Parse("2 kg/h", Dimension.MassD.PerYear);

            AssertClose(17.52, q.Value);
        }

        [Theory]
        [InlineData("3.5 GWh/yr", "energy per year", "mass per year", "'12 kt/yr'")]
        [InlineData("744 SEK/MWh", "money (SEK) per energy", "money (SEK) per mass", "'744 SEK/t'")]
        [InlineData("0.1 kg CO2e/t", "CO2e emissions per mass", "CO2e emissions per mass per distance", "'0.1 kg CO2e/t.km'")]
        [InlineData("25 kt", "mass", "distance", "'25 km'")]
        public void Should_refuse_a_wrong_dimension_saying_what_is_expected(string text, string found, string expectedName, string example)
        {
            var expected = Quantity.Parse(example.Trim('\'')).Dimension;

            var ok = Quantity.TryParse(text, expected, out _, out var error);

            Assert.False(ok);
            Assert.Equal($"'{text}' is {found}, but {expectedName} is expected, e.g. {example}", error);
        }

        [Fact]
        public void Should_throw_a_format_exception_carrying_the_same_message()
        {
            var ex = Assert.Throws<FormatException>(() => Quantity.Parse("5 GWh/yr", Dimension.MassD.PerYear));

            Assert.Contains("mass per year is expected", ex.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("5 kton/yr", "unknown unit 'kton'")]
        [InlineData("5 Kt", "unknown unit 'Kt'")]
        [InlineData("5 mt", "unknown unit 'mt'")]
        [InlineData("5 kg CO2x", "unknown unit 'kg CO2x'")]
        [InlineData("5 SEK/", "empty part around '/'")]
        [InlineData("5 MWh CO2e", "CO2e must follow a mass unit")]
        public void Should_refuse_unknown_units_naming_them(string text, string fragment)
        {
            Assert.False(Quantity.TryParse(text, null, out _, out var error));
            Assert.Contains(fragment, error, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_suggest_an_exchange_rate_for_an_unknown_currency_code()
        {
            Assert.False(Quantity.TryParse("10 CHF/t", null, out _, out var error));
            Assert.Equal("'10 CHF/t': unknown unit 'CHF'; if CHF is a currency, state its rate under region.exchangeRates, e.g. {CHF: 11.5}", error);
        }

        [Fact]
        public void Should_accept_a_currency_the_scenario_states_a_rate_for()
        {
            var extra = new HashSet<string>(StringComparer.Ordinal) { "CHF" };

            Assert.True(Quantity.TryParse("2 kCHF/t", null, extra, out var q, out _));
            Assert.Equal(2000.0, q.Value);
            Assert.Equal(Dimension.MoneyIn("CHF") / Dimension.MassD, q.Dimension);
        }

        [Theory]
        [InlineData("NaN t")]
        [InlineData("nan")]
        [InlineData(".nan t")]
        [InlineData("Infinity t")]
        [InlineData("-Infinity")]
        [InlineData("∞ t")]
        public void Should_refuse_values_that_are_not_numbers(string text)
        {
            Assert.False(Quantity.TryParse(text, null, out _, out var error));
            Assert.Contains($"'{text}'", error, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("1e400 t")]
        [InlineData("1e300 Mt.Mt")]
        public void Should_refuse_values_that_overflow(string text)
        {
            Assert.False(Quantity.TryParse(text, null, out _, out var error));
            Assert.Matches("not a finite number|too large", error);
        }

        [Fact]
        public void Should_refuse_a_missing_unit_when_a_dimension_is_expected()
        {
            Assert.False(Quantity.TryParse("5000", Dimension.MassD.PerYear, out _, out var error));
            Assert.Equal("'5000' has no unit; expected mass per year, e.g. '12 kt/yr'", error);
        }

        [Fact]
        public void Should_name_an_ambiguous_comma()
        {
            // A decimal comma is accepted where it cannot be a thousands comma (SwedishInputTests); "3,500" can be either.
            Assert.False(Quantity.TryParse("3,500 GWh/yr", null, out _, out var error));
            Assert.Contains("is ambiguous", error, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_not_suggest_a_mass_example_when_no_dimension_is_expected()
        {
            // Callers without an expected dimension add their own example; '12 kt/yr' for a price misled.
            Assert.False(Quantity.TryParse("abc SEK/t", null, out _, out var error));
            Assert.Equal("'abc SEK/t' does not start with a number", error);
        }

        [Fact]
        public void Should_refuse_an_empty_text()
        {
            Assert.False(Quantity.TryParse("  ", Dimension.LengthD, out _, out var error));
            Assert.Equal("is empty; write a number with its unit, e.g. '25 km'", error);
        }
    }

    public class Construct
    {
        [Theory]
        [InlineData(double.NaN)]
        [InlineData(double.PositiveInfinity)]
        [InlineData(double.NegativeInfinity)]
        public void Should_refuse_non_finite_values(double value)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new Quantity(value, Dimension.MassD));
            Assert.Throws<ArgumentOutOfRangeException>(() => Mass.FromTonnes(value));
            Assert.Throws<ArgumentOutOfRangeException>(() => Energy.FromGigawattHours(value));
        }

        [Fact]
        public void Should_refuse_arithmetic_that_overflows_to_infinity()
        {
            var big = new Quantity(1e300, Dimension.MassD);

            Assert.Throws<ArgumentOutOfRangeException>(() => big * big);
        }
    }

    public class In
    {
        [Theory]
        [InlineData("12 kt/yr", "kt/yr", 12.0)]
        [InlineData("12 kt/yr", "t/yr", 12000.0)]
        [InlineData("12 kt/yr", "kg/h", 12e6 / 8760)]
        [InlineData("3.5 GWh/yr", "MWh/yr", 3500.0)]
        [InlineData("3.5 GWh/yr", "GJ/yr", 12600.0)]
        [InlineData("1.5 MSEK/km", "kSEK/m", 1.5)]
        [InlineData("0.1 kg CO2e/t.km", "t CO2e/t.km", 1e-4)]
        [InlineData("0.1 kg CO2e/t.km", "g CO2e/kg.km", 0.1)]
        [InlineData("40 mg/L", "g/m3", 40.0)]
        [InlineData("5 %", "ppm", 50000.0)]
        public void Should_express_the_value_in_another_unit_of_its_dimension(string text, string unit, double expected)
        {
            AssertClose(expected, Quantity.Parse(text).In(unit));
        }

        [Fact]
        public void Should_refuse_a_unit_of_another_dimension()
        {
            var ex = Assert.Throws<InvalidOperationException>(() => Quantity.Parse("12 kt/yr").In("GWh/yr"));

            Assert.Equal("cannot express mass per year in 'GWh/yr' (energy per year)", ex.Message);
        }

        [Fact]
        public void Should_refuse_another_currency()
        {
            Assert.Throws<InvalidOperationException>(() => Quantity.Parse("744 SEK/t").In("EUR/t"));
        }
    }

    public class Format
    {
        [Theory]
        [InlineData("12 kt/yr", "kt/yr", "0.0", "12.0 kt/yr")]
        [InlineData("3.5 GWh/yr", "MWh/yr", "G6", "3500 MWh/yr")]
        [InlineData("0.1 kg CO2e/t.km", "kg CO2e/t.km", "G6", "0.1 kg CO2e/t.km")]
        [InlineData("1234567 SEK", "MSEK", "0.00", "1.23 MSEK")]
        public void Should_print_in_the_chosen_unit_and_format(string text, string unit, string format, string expected)
        {
            Assert.Equal(expected, Quantity.Parse(text).Format(unit, format));
        }
    }

    public class ToStringMethod
    {
        [Theory]
        [InlineData("12 kt/yr", "12000 t/yr")]
        [InlineData("0.1 kg CO2e/t.km", "0.0001 t CO2e/t.km")]
        [InlineData("1200 SEK/t CO2e", "1200 SEK/t CO2e")]
        [InlineData("5 %", "0.05")]
        [InlineData("4 1/yr", "4 1/yr")]
        public void Should_print_in_base_units(string text, string expected)
        {
            Assert.Equal(expected, Quantity.Parse(text).ToString());
        }
    }

    public class Arithmetic
    {
        [Fact]
        public void Should_add_quantities_of_one_dimension_whatever_their_units()
        {
            var sum = Quantity.Parse("1 kt/yr") + Quantity.Parse("500 t/yr");

            Assert.Equal(1500.0, sum.Value);
        }

        [Fact]
        public void Should_refuse_to_add_different_dimensions()
        {
            var ex = Assert.Throws<InvalidOperationException>(() => Quantity.Parse("1 kt/yr") + Quantity.Parse("1 GWh/yr"));

            Assert.Equal("cannot add mass per year and energy per year", ex.Message);
        }

        [Fact]
        public void Should_refuse_to_add_money_in_two_currencies()
        {
            Assert.Throws<InvalidOperationException>(() => Quantity.Parse("1 SEK") + Quantity.Parse("1 EUR"));
            Assert.Throws<InvalidOperationException>(() => new Money(1, "SEK") + new Money(1, "EUR"));
        }

        [Fact]
        public void Should_refuse_to_multiply_money_in_two_currencies()
        {
            Assert.Throws<InvalidOperationException>(() => Quantity.Parse("1 SEK/t") * Quantity.Parse("1 EUR"));
        }

        [Fact]
        public void Should_price_a_flow_into_money_per_year()
        {
            var cost = Quantity.Parse("744 SEK/t") * Quantity.Parse("5 kt/yr");

            Assert.Equal(3.72e6, cost.Value, 6);
            Assert.Equal(Dimension.MoneyIn("SEK").PerYear, cost.Dimension);
        }

        [Fact]
        public void Should_cancel_money_dividing_by_the_same_currency()
        {
            var ratio = Quantity.Parse("10 SEK") / Quantity.Parse("5 SEK");

            Assert.True(ratio.Dimension.IsDimensionless);
            Assert.Null(ratio.Dimension.Currency);
        }
    }
}
