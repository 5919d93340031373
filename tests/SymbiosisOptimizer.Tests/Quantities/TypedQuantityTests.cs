using SymbiosisOptimizer.Domain.Quantities;

namespace SymbiosisOptimizer.Tests.Quantities;

public class TypedQuantityTests
{
    [Fact]
    public void Should_store_mass_in_tonnes()
    {
        Assert.Equal(12000.0, Mass.FromKilotonnes(12).Tonnes);
        Assert.Equal(0.5, Mass.FromKilograms(500).Tonnes);
        Assert.Equal(Quantity.Parse("12 kt"), Mass.FromKilotonnes(12).ToQuantity());
    }

    [Fact]
    public void Should_store_energy_in_megawatt_hours()
    {
        Assert.Equal(3500.0, Energy.FromGigawattHours(3.5).MegawattHours);
        Assert.Equal(10.0, Energy.FromGigajoules(36).MegawattHours, 12);
        Assert.Equal(Quantity.Parse("36 GJ").Value, Energy.FromGigajoules(36).ToQuantity().Value, 12);
    }

    [Fact]
    public void Should_store_distance_volume_and_emissions_in_base_units()
    {
        Assert.Equal(Quantity.Parse("800 m"), Distance.FromMetres(800).ToQuantity());
        Assert.Equal(Quantity.Parse("500 L"), Volume.FromLitres(500).ToQuantity());
        Assert.Equal(Quantity.Parse("1260 kg CO2e").Value, Emissions.FromKilogramsCo2e(1260).TonnesCo2e, 12);
    }

    [Fact]
    public void Should_agree_with_the_parser_on_concentrations()
    {
        Assert.Equal(Quantity.Parse("40 mg/L").Value, Concentration.FromMilligramsPerLitre(40).ToQuantity().Value, 15);
        Assert.Equal("40 mg/L", Concentration.FromMilligramsPerLitre(40).ToString());
    }

    [Fact]
    public void Should_add_money_only_in_one_currency()
    {
        Assert.Equal(new Money(3, "SEK"), new Money(1, "SEK") + new Money(2, "SEK"));

        var ex = Assert.Throws<InvalidOperationException>(() => new Money(1, "SEK") + new Money(1, "EUR"));
        Assert.Contains("exchange rate", ex.Message, StringComparison.Ordinal);
    }
}
