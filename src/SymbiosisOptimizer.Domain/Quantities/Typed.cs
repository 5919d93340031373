namespace SymbiosisOptimizer.Domain.Quantities;

// Distinct types for the quantities the model reasons about by name (NodaTime's Duration, Humanizer's ByteSize).
// Each wraps a base-unit double, has From*/To* factories per unit, and converts to a general Quantity for arithmetic.

public readonly record struct Mass(double Tonnes)
{
    public static Mass FromTonnes(double t) => new(Checked(t));

    public static Mass FromKilotonnes(double kt) => new(Checked(kt * 1e3));

    public static Mass FromKilograms(double kg) => new(Checked(kg * 1e-3));

    public double Kilotonnes => Tonnes / 1e3;

    public double Kilograms => Tonnes * 1e3;

    public Quantity ToQuantity() => new(Tonnes, Dimension.MassD);

    internal static double Checked(double v) => double.IsFinite(v) ? v : throw new ArgumentOutOfRangeException(nameof(v), v, "must be finite");

    public override string ToString() => ToQuantity().ToString();
}

public readonly record struct Energy(double MegawattHours)
{
    public static Energy FromMegawattHours(double v) => new(Mass.Checked(v));

    public static Energy FromGigawattHours(double v) => new(Mass.Checked(v * 1e3));

    public static Energy FromKilowattHours(double v) => new(Mass.Checked(v * 1e-3));

    public static Energy FromGigajoules(double v) => new(Mass.Checked(v / 3.6));

    public double GigawattHours => MegawattHours / 1e3;

    public double Gigajoules => MegawattHours * 3.6;

    public Quantity ToQuantity() => new(MegawattHours, Dimension.EnergyD);

    public override string ToString() => ToQuantity().ToString();
}

public readonly record struct Volume(double CubicMetres)
{
    public static Volume FromCubicMetres(double v) => new(Mass.Checked(v));

    public static Volume FromLitres(double v) => new(Mass.Checked(v * 1e-3));

    public double Litres => CubicMetres * 1e3;

    public Quantity ToQuantity() => new(CubicMetres, Dimension.VolumeD);

    public override string ToString() => ToQuantity().ToString();
}

public readonly record struct Distance(double Kilometres)
{
    public static Distance FromKilometres(double v) => new(Mass.Checked(v));

    public static Distance FromMetres(double v) => new(Mass.Checked(v * 1e-3));

    public double Metres => Kilometres * 1e3;

    public Quantity ToQuantity() => new(Kilometres, Dimension.LengthD);

    public override string ToString() => ToQuantity().ToString();
}

public readonly record struct Emissions(double TonnesCo2e)
{
    public static Emissions FromTonnesCo2e(double v) => new(Mass.Checked(v));

    public static Emissions FromKilogramsCo2e(double v) => new(Mass.Checked(v * 1e-3));

    public double KilogramsCo2e => TonnesCo2e * 1e3;

    public Quantity ToQuantity() => new(TonnesCo2e, Dimension.EmissionsD);

    public override string ToString() => ToQuantity().ToString();
}

/// <summary>An amount of money in one currency. Adding two currencies is refused; convert with <see cref="ExchangeRates"/>.</summary>
public readonly record struct Money(double Amount, string Currency)
{
    public static Money operator +(Money a, Money b) => a.Currency == b.Currency
        ? new Money(a.Amount + b.Amount, a.Currency)
        : throw new InvalidOperationException($"cannot add {a.Currency} and {b.Currency} without an exchange rate");

    public static Money Add(Money a, Money b) => a + b;

    public Quantity ToQuantity() => new(Amount, Dimension.MoneyIn(Currency));

    public override string ToString() => ToQuantity().ToString();
}

/// <summary>Concentration of a contaminant in a stream, in mg/L (= g/m3).</summary>
public readonly record struct Concentration(double MilligramsPerLitre)
{
    public static readonly Dimension Dim = Dimension.MassD / Dimension.VolumeD;

    public static Concentration FromMilligramsPerLitre(double v) => new(Mass.Checked(v));

    public Quantity ToQuantity() => new(MilligramsPerLitre * 1e-6, Dim);

    public override string ToString() => ToQuantity().Format("mg/L");
}

/// <summary>Exchange rates the scenario states: units of the base currency per unit of each other currency.</summary>
public sealed record ExchangeRates(string BaseCurrency, IReadOnlyDictionary<string, double> PerUnit)
{
    /// <summary>Converts the money part of a quantity into the base currency; fails if no rate is stated.</summary>
    public bool TryConvert(Quantity q, out Quantity converted, out string error)
    {
        converted = q;
        error = string.Empty;
        if (!q.Dimension.HasMoney || q.Dimension.Currency == BaseCurrency)
        {
            return true;
        }

        var from = q.Dimension.Currency!;
        if (!PerUnit.TryGetValue(from, out var rate))
        {
            error = $"is in {from}, but no exchange rate {from} -> {BaseCurrency} is stated under region.exchangeRates";
            return false;
        }

        converted = new Quantity(q.Value * Math.Pow(rate, q.Dimension.Money), q.Dimension.WithCurrency(BaseCurrency));
        return true;
    }
}
