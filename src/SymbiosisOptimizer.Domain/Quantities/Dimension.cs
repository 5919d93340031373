using System.Globalization;
using System.Text;

namespace SymbiosisOptimizer.Domain.Quantities;

/// <summary>
/// The physical dimension of a quantity as integer exponents of our base dimensions, plus the currency when money is
/// involved. Money in two currencies is two different dimensions: conversion happens only through rates a scenario
/// states, never implicitly.
/// </summary>
public readonly record struct Dimension(
    int Mass = 0,
    int Energy = 0,
    int Volume = 0,
    int Length = 0,
    int Co2e = 0,
    int Time = 0,
    int Area = 0,
    int Money = 0,
    int Temperature = 0,
    string? Currency = null)
{
    public static readonly Dimension None = default;
    public static readonly Dimension MassD = new(Mass: 1);
    public static readonly Dimension EnergyD = new(Energy: 1);
    public static readonly Dimension VolumeD = new(Volume: 1);
    public static readonly Dimension LengthD = new(Length: 1);
    public static readonly Dimension EmissionsD = new(Co2e: 1);
    public static readonly Dimension TimeD = new(Time: 1);
    public static readonly Dimension AreaD = new(Area: 1);
    public static readonly Dimension TemperatureD = new(Temperature: 1);

    public static Dimension MoneyIn(string currency) => new(Money: 1, Currency: currency);

    public bool IsDimensionless => this == None;

    public bool HasMoney => Money != 0;

    public static Dimension operator *(Dimension a, Dimension b) => Combine(a, b, 1);

    public static Dimension operator /(Dimension a, Dimension b) => Combine(a, b, -1);

    public Dimension PerYear => this / TimeD;

    public Dimension Pow(int exponent)
    {
        var result = None;
        for (var k = 0; k < Math.Abs(exponent); k++)
        {
            result = exponent > 0 ? result * this : result / this;
        }

        return result;
    }

    private static Dimension Combine(Dimension a, Dimension b, int sign)
    {
        if (a.Currency is not null && b.Currency is not null && !string.Equals(a.Currency, b.Currency, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"cannot combine {a.Currency} and {b.Currency} without an exchange rate");
        }

        var money = a.Money + (sign * b.Money);
        return new Dimension(
            a.Mass + (sign * b.Mass),
            a.Energy + (sign * b.Energy),
            a.Volume + (sign * b.Volume),
            a.Length + (sign * b.Length),
            a.Co2e + (sign * b.Co2e),
            a.Time + (sign * b.Time),
            a.Area + (sign * b.Area),
            money,
            a.Temperature + (sign * b.Temperature),
            money == 0 ? null : a.Currency ?? b.Currency);
    }

    /// <summary>The same dimension with the money part in another currency (used after conversion by a stated rate).</summary>
    public Dimension WithCurrency(string currency) => Money == 0 ? this : this with { Currency = currency };

    /// <summary>Plain-language name, e.g. "mass per year" or "money (SEK) per mass".</summary>
    public string Describe()
    {
        if (IsDimensionless)
        {
            return "a plain number (dimensionless, e.g. 0.3, 30 % or 20 ppm)";
        }

        var up = new List<string>();
        var down = new List<string>();
        void Add(int exp, string name)
        {
            if (exp == 0)
            {
                return;
            }

            var target = exp > 0 ? up : down;
            var n = Math.Abs(exp);
            target.Add(n == 1 ? name : $"{name}^{n.ToString(CultureInfo.InvariantCulture)}");
        }

        Add(Money, Currency is null ? "money" : $"money ({Currency})");
        Add(Co2e, "CO2e emissions");
        Add(Mass, "mass");
        Add(Energy, "energy");
        Add(Volume, "volume");
        Add(Area, "area");
        Add(Temperature, "temperature");
        Add(Length, "distance");
        Add(Time, Time < 0 ? "year" : "time");
        var sb = new StringBuilder();
        sb.Append(up.Count == 0 ? "1" : string.Join(" x ", up));
        foreach (var d in down)
        {
            sb.Append(" per ").Append(d);
        }

        return sb.ToString();
    }

    public override string ToString() => Describe();
}
