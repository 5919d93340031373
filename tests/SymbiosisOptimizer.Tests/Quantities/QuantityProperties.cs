using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SymbiosisOptimizer.Domain.Quantities;

namespace SymbiosisOptimizer.Tests.Quantities;

public class QuantityProperties
{
    private static readonly string[] Currencies = ["SEK", "EUR", "USD", "DKK", "NOK", "GBP"];

    // Units grouped by dimension, so a pair drawn from one group can always be converted into each other.
    private static readonly string[][] UnitGroups =
    [
        ["t", "kt", "Mt", "kg", "g", "mg"],
        ["MWh", "kWh", "GWh", "TWh", "MJ", "GJ", "TJ"],
        ["m3", "L", "Mm3"],
        ["km", "m"],
        ["ha", "m2", "km2"],
        ["yr", "month", "d", "h"],
        ["t/yr", "kt/yr", "kg/h", "g/d", "Mt/month"],
        ["MWh/yr", "GWh/yr", "kWh/h", "GJ/month"],
        ["SEK/t", "kSEK/kt", "MSEK/Mt", "SEK/kg"],
        ["EUR/MWh", "kEUR/GWh", "EUR/kWh", "EUR/GJ"],
        ["kg CO2e/t.km", "t CO2e/t.km", "g CO2e/kg.km", "kt CO2e/Mt.m"],
        ["SEK/t CO2e", "kSEK/kt CO2e", "SEK/kg CO2e"],
        ["mg/L", "g/m3", "kg/Mm3", "t/m3"],
        ["%", "ppm", "ppb", "1"],
        ["MSEK/km", "kSEK/m", "SEK/m"],
    ];

    /// <summary>Finite doubles over many orders of magnitude, both signs, and zero.</summary>
    private static Gen<double> Values(int maxExponent) =>
        Gen.OneOf(
            Gen.Constant(0.0),
            from mantissa in Gen.Choose(-999_999, 999_999)
            from exponent in Gen.Choose(-maxExponent, maxExponent)
            select mantissa / 1e6 * Math.Pow(10, exponent));

    private static Gen<Dimension> Dimensions(string currency) =>
        from e in Gen.Choose(-2, 2).ArrayOf(9)
        select new Dimension(e[0], e[1], e[2], e[3], e[4], e[5], e[6], e[7], e[8], e[7] == 0 ? null : currency);

    private static Gen<Quantity> Quantities(string currency, int maxExponent = 100) =>
        from v in Values(maxExponent)
        from d in Dimensions(currency)
        select new Quantity(v, d);

    private static bool Close(double expected, double actual) =>
        expected == actual || Math.Abs(expected - actual) <= 1e-12 * Math.Max(Math.Abs(expected), Math.Abs(actual));

    [Property]
    public Property Should_read_back_what_ToString_prints() =>
        Prop.ForAll(
            Gen.Elements(Currencies).SelectMany(c => Quantities(c, maxExponent: 300)).ToArbitrary(),
            q =>
            {
                var text = q.ToString();
                return (Quantity.Parse(text) == q).Label($"'{text}' read back as '{Quantity.Parse(text)}'");
            });

    [Property]
    public Property Should_read_back_a_value_expressed_in_any_unit_of_its_dimension() =>
        Prop.ForAll(
            (from g in Gen.Elements(UnitGroups)
             from fromUnit in Gen.Elements(g)
             from toUnit in Gen.Elements(g)
             from v in Values(100)
             select (Original: Quantity.Parse(FormattableString.Invariant($"{v:R} {fromUnit}")), To: toUnit)).ToArbitrary(),
            x =>
            {
                var value = x.Original.In(x.To);
                var again = Quantity.Parse(FormattableString.Invariant($"{value:R} {x.To}"));
                return (again.Dimension == x.Original.Dimension && Close(x.Original.Value, again.Value))
                    .Label($"{x.Original} -> {value:R} {x.To} -> {again}");
            });

    [Property]
    public Property Should_add_quantities_of_one_dimension_in_either_order() =>
        Prop.ForAll(
            (from c in Gen.Elements(Currencies)
             from d in Dimensions(c)
             from a in Values(100)
             from b in Values(100)
             select (A: new Quantity(a, d), B: new Quantity(b, d))).ToArbitrary(),
            x => x.A + x.B == x.B + x.A);

    [Property]
    public Property Should_refuse_to_add_quantities_of_different_dimensions() =>
        Prop.ForAll(
            (from c in Gen.Elements(Currencies)
             from a in Quantities(c)
             from b in Quantities(c)
             where a.Dimension != b.Dimension
             select (A: a, B: b)).ToArbitrary(),
            x => Throws(() => x.A + x.B) && Throws(() => x.A - x.B));

    [Property]
    public Property Should_keep_a_dimension_through_multiplying_and_dividing_by_another() =>
        Prop.ForAll(
            (from c in Gen.Elements(Currencies)
             from a in Quantities(c, maxExponent: 50)
             from b in Quantities(c, maxExponent: 50)
             where b.Value != 0
             select (A: a, B: b)).ToArbitrary(),
            x =>
            {
                var product = x.A * x.B;
                var back = product / x.B;
                return (back.Dimension == x.A.Dimension && product.Dimension == x.B.Dimension * x.A.Dimension && Close(x.A.Value, back.Value))
                    .Label($"{x.A} * {x.B} / {x.B} = {back}");
            });

    private static bool Throws(Func<Quantity> f)
    {
        try
        {
            f();
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
