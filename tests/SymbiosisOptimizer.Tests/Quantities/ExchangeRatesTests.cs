using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Quantities;

namespace SymbiosisOptimizer.Tests.Quantities;

public class ExchangeRatesTests
{
    private static readonly ExchangeRates Rates = new("SEK", ImmutableDictionary<string, double>.Empty.Add("EUR", 11.5));

    public class TryConvert
    {
        [Fact]
        public void Should_convert_a_price_into_the_base_currency()
        {
            Assert.True(Rates.TryConvert(Quantity.Parse("10 EUR/t"), out var sek, out _));

            Assert.Equal(115.0, sek.Value, 12);
            Assert.Equal(Dimension.MoneyIn("SEK") / Dimension.MassD, sek.Dimension);
        }

        [Fact]
        public void Should_divide_by_the_rate_when_money_is_in_the_denominator()
        {
            // t/EUR: one euro buys 0.2 t, so one krona buys 0.2/11.5 t.
            Assert.True(Rates.TryConvert(Quantity.Parse("0.2 t/EUR"), out var perSek, out _));

            Assert.Equal(0.2 / 11.5, perSek.Value, 12);
            Assert.Equal(Dimension.MassD / Dimension.MoneyIn("SEK"), perSek.Dimension);
        }

        [Theory]
        [InlineData("744 SEK/t")]
        [InlineData("5 kt/yr")]
        public void Should_leave_base_currency_and_non_money_unchanged(string text)
        {
            var q = Quantity.Parse(text);

            Assert.True(Rates.TryConvert(q, out var converted, out _));
            Assert.Equal(q, converted);
        }

        [Fact]
        public void Should_refuse_a_currency_without_a_stated_rate()
        {
            Assert.False(Rates.TryConvert(Quantity.Parse("10 USD/t"), out _, out var error));

            Assert.Equal("is in USD, but no exchange rate USD -> SEK is stated under region.exchangeRates", error);
        }
    }
}
