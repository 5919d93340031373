using System.Collections.Frozen;

namespace SymbiosisOptimizer.Domain.Quantities;

/// <summary>The unit catalogue. Symbols are case-sensitive where SI makes them so (Mt versus mt is not a thing we accept).</summary>
public static class Units
{
    /// <summary>Currencies a scenario may use; others can be added through <c>economics.exchangeRates</c>.</summary>
    public static readonly FrozenSet<string> KnownCurrencies =
        new[] { "SEK", "EUR", "USD", "DKK", "NOK", "GBP" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, Unit> Simple = BuildSimple();

    private static FrozenDictionary<string, Unit> BuildSimple()
    {
        var d = new Dictionary<string, Unit>(StringComparer.Ordinal);
        void Add(Dimension dim, double factor, params string[] symbols)
        {
            foreach (var s in symbols)
            {
                d[s] = new Unit(symbols[0], factor, dim);
            }
        }

        Add(Dimension.MassD, 1, "t", "tonne", "tonnes", "ton");
        Add(Dimension.MassD, 1e3, "kt");
        Add(Dimension.MassD, 1e6, "Mt");
        Add(Dimension.MassD, 1e-3, "kg");
        Add(Dimension.MassD, 1e-6, "g");
        Add(Dimension.MassD, 1e-9, "mg");
        Add(Dimension.MassD, 1e-12, "ug", "µg");
        Add(Dimension.EnergyD, 1e-6, "Wh");
        Add(Dimension.EnergyD, 1e-3, "kWh");
        Add(Dimension.EnergyD, 1, "MWh");
        Add(Dimension.EnergyD, 1e3, "GWh");
        Add(Dimension.EnergyD, 1e6, "TWh");
        Add(Dimension.EnergyD, 1 / 3600.0, "MJ");
        Add(Dimension.EnergyD, 1 / 3.6, "GJ");
        Add(Dimension.EnergyD, 1000 / 3.6, "TJ");
        Add(Dimension.VolumeD, 1, "m3", "m³");
        Add(Dimension.VolumeD, 1e-3, "L", "l", "liter");
        Add(Dimension.VolumeD, 1e3, "km3_unused");
        Add(Dimension.VolumeD, 1e6, "Mm3", "Mm³");
        Add(Dimension.LengthD, 1, "km");
        Add(Dimension.LengthD, 1e-3, "m");
        // Swedish words beside the English ones (år, månad, dygn, vecka, timme), so "MWh/år" reads as written.
        Add(Dimension.TimeD, 1, "yr", "year", "years", "a", "y", "år");
        Add(Dimension.TimeD, 1 / 12.0, "month", "months", "månad", "månader", "mån");
        Add(Dimension.TimeD, 1 / 365.0, "d", "day", "days", "dygn", "dag", "dagar");
        Add(Dimension.TimeD, 7 / 365.0, "wk", "week", "weeks", "vecka", "veckor");
        Add(Dimension.TimeD, 1 / 8760.0, "h", "hour", "hours", "timme", "timmar", "tim");
        Add(Dimension.TimeD, 1 / (8760.0 * 60), "min", "minute", "minutes");
        Add(Dimension.TimeD, 1 / (8760.0 * 3600), "s", "sec", "second", "seconds");

        // Power is energy per time: 1 MW running all year is 8 760 MWh/yr (the base unit of a heat or power flow).
        var power = Dimension.EnergyD / Dimension.TimeD;
        Add(power, 8.76e-3, "W");
        Add(power, 8.76, "kW");
        Add(power, 8760, "MW");
        Add(power, 8.76e6, "GW");
        Add(Dimension.AreaD, 1, "ha");
        Add(Dimension.AreaD, 1e-4, "m2", "m²");
        Add(Dimension.AreaD, 100, "km2", "km²");
        Add(Dimension.TemperatureD, 1, "degC", "°C", "C");
        Add(Dimension.None, 0.01, "%");
        Add(Dimension.None, 1e-6, "ppm");
        Add(Dimension.None, 1e-9, "ppb");
        Add(Dimension.None, 1, "1");
        d.Remove("km3_unused");
        foreach (var c in KnownCurrencies)
        {
            AddCurrency(d, c);
        }

        // Swedish writes the krona as kr, thousands as tkr and millions as Mkr or mnkr: the same money as SEK.
        var sek = Dimension.MoneyIn("SEK");
        d["kr"] = new Unit("SEK", 1, sek);
        d["kronor"] = new Unit("SEK", 1, sek);
        d["tkr"] = new Unit("kSEK", 1e3, sek);
        d["Mkr"] = new Unit("MSEK", 1e6, sek);
        d["mnkr"] = new Unit("MSEK", 1e6, sek);
        d["mdkr"] = new Unit("GSEK", 1e9, sek);

        return d.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static void AddCurrency(Dictionary<string, Unit> d, string c)
    {
        var dim = Dimension.MoneyIn(c);
        d[c] = new Unit(c, 1, dim);
        d["k" + c] = new Unit("k" + c, 1e3, dim);
        d["M" + c] = new Unit("M" + c, 1e6, dim);
    }

    /// <summary>Looks up a single unit symbol (no products or quotients). Mass units followed by CO2e are emissions.</summary>
    public static Unit? Find(string symbol, IReadOnlySet<string>? extraCurrencies = null)
    {
        if (Simple.TryGetValue(symbol, out var u))
        {
            return u;
        }

        if (extraCurrencies is not null)
        {
            foreach (var c in extraCurrencies)
            {
                var prefix = symbol.Length > c.Length ? symbol[..^c.Length] : string.Empty;
                if (symbol.EndsWith(c, StringComparison.Ordinal) && prefix is "" or "k" or "M")
                {
                    var f = prefix switch { "k" => 1e3, "M" => 1e6, _ => 1.0 };
                    return new Unit(symbol, f, Dimension.MoneyIn(c));
                }
            }
        }

        return null;
    }

    /// <summary>The base-unit symbol used to print a dimension.</summary>
    internal static string BaseSymbol(string baseDim, string? currency) => baseDim switch
    {
        "Mass" => "t",
        "Energy" => "MWh",
        "Volume" => "m3",
        "Length" => "km",
        "Co2e" => "t CO2e",
        "Time" => "yr",
        "Area" => "ha",
        "Money" => currency ?? "money",
        "Temperature" => "degC",
        _ => baseDim,
    };
}
