using System.Globalization;
using System.Text;

namespace SymbiosisOptimizer.Domain.Quantities;

/// <summary>
/// A value with its dimension, stored in base units (t, MWh, m3, km, t CO2e, yr, ha, currency unit, degC).
/// NaN and infinities are refused at construction: a quantity is always a real, finite number.
/// </summary>
public readonly record struct Quantity
{
    public Quantity(double value, Dimension dimension)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "a quantity must be a finite number");
        }

        Value = value;
        Dimension = dimension;
    }

    /// <summary>The value in base units of <see cref="Dimension"/>.</summary>
    public double Value { get; }

    public Dimension Dimension { get; }

    public static Quantity Zero(Dimension dimension) => new(0, dimension);

    public static Quantity Scalar(double value) => new(value, Dimension.None);

    public static Quantity operator +(Quantity a, Quantity b) => new(a.Value + b.Value, SameDimension(a, b, "add"));

    public static Quantity operator -(Quantity a, Quantity b) => new(a.Value - b.Value, SameDimension(a, b, "subtract"));

    public static Quantity operator -(Quantity a) => new(-a.Value, a.Dimension);

    public static Quantity operator *(Quantity a, Quantity b) => new(a.Value * b.Value, a.Dimension * b.Dimension);

    public static Quantity operator /(Quantity a, Quantity b) => new(a.Value / b.Value, a.Dimension / b.Dimension);

    public static Quantity operator *(Quantity a, double k) => new(a.Value * k, a.Dimension);

    public static Quantity operator *(double k, Quantity a) => new(a.Value * k, a.Dimension);

    public static Quantity operator /(Quantity a, double k) => new(a.Value / k, a.Dimension);

    public static Quantity Multiply(Quantity a, Quantity b) => a * b;

    public static Quantity Divide(Quantity a, Quantity b) => a / b;

    public static Quantity Add(Quantity a, Quantity b) => a + b;

    public static Quantity Subtract(Quantity a, Quantity b) => a - b;

    public static Quantity Negate(Quantity a) => -a;

    private static Dimension SameDimension(Quantity a, Quantity b, string op) =>
        a.Dimension == b.Dimension
            ? a.Dimension
            : throw new InvalidOperationException($"cannot {op} {a.Dimension.Describe()} and {b.Dimension.Describe()}");

    /// <summary>The value expressed in <paramref name="unitExpression"/>, e.g. <c>q.In("kt/yr")</c>.</summary>
    public double In(string unitExpression)
    {
        var unit = UnitExpression.Parse(unitExpression);
        if (unit.Dimension != Dimension)
        {
            throw new InvalidOperationException(
                $"cannot express {Dimension.Describe()} in '{unitExpression}' ({unit.Dimension.Describe()})");
        }

        return Value / unit.Factor;
    }

    /// <summary>Parses text such as <c>12 kt/yr</c>, <c>744 SEK/t</c> or <c>0.1 kg CO2e/t.km</c>.</summary>
    public static Quantity Parse(string text) =>
        TryParse(text, null, out var q, out var error) ? q : throw new FormatException(error);

    /// <summary>
    /// Splits a value into its leading number, in invariant form, and the unit text after it (see <see cref="NumberText"/>
    /// for the rule on '_', spaces and commas). Every reader of numbers uses this, so a limit check reads the number the
    /// parser reads. A refused number (an ambiguous comma) comes back empty; <see cref="TryParse(string?, Dimension?, out Quantity, out string)"/> says why.
    /// </summary>
    public static (string Number, string Unit) SplitNumber(string text)
    {
        var split = NumberText.Split(text);
        return (split.Error is null ? split.Number : string.Empty, split.Rest);
    }

    /// <summary>Parses and checks the dimension; the error says what was expected in plain words.</summary>
    public static Quantity Parse(string text, Dimension expected) =>
        TryParse(text, expected, out var q, out var error) ? q : throw new FormatException(error);

    public static bool TryParse(string? text, Dimension? expected, out Quantity quantity, out string error) =>
        TryParse(text, expected, null, out quantity, out error);

    public static bool TryParse(
        string? text, Dimension? expected, IReadOnlySet<string>? extraCurrencies, out Quantity quantity, out string error)
    {
        quantity = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is empty; write a number with its unit" + (expected is null ? string.Empty : Example(expected));
            return false;
        }

        var split = NumberText.Split(text);
        if (split.Error is not null)
        {
            error = split.Error;
            return false;
        }

        var (numberText, unitText) = (split.Number, split.Rest);
        if (numberText.Length == 0 || !double.TryParse(numberText, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            // Without an expected dimension any example would be a guess (a price is not '12 kt/yr'); callers add their own.
            error = $"'{text}' does not start with a number" + (expected is null ? string.Empty : "; write it like" + Example(expected, bare: true));
            return false;
        }

        if (!double.IsFinite(number))
        {
            error = $"'{text}' is not a finite number";
            return false;
        }

        if (unitText.Length == 0)
        {
            if (expected is { IsDimensionless: true } or null)
            {
                quantity = Scalar(number);
                error = string.Empty;
                return true;
            }

            error = $"'{text}' has no unit; expected {expected.Value.Describe()}" + Example(expected);
            return false;
        }

        if (!UnitExpression.TryParse(unitText, extraCurrencies, out var unit, out var unitError))
        {
            error = $"'{text}': {unitError}";
            return false;
        }

        if (expected is { } exp && unit.Dimension != exp)
        {
            error = $"'{text}' is {unit.Dimension.Describe()}, but {exp.Describe()} is expected" + Example(expected);
            return false;
        }

        var value = number * unit.Factor;
        if (!double.IsFinite(value))
        {
            error = $"'{text}' is too large";
            return false;
        }

        quantity = new Quantity(value, unit.Dimension);
        error = string.Empty;
        return true;
    }

    private static string Example(Dimension? expected, bool bare = false)
    {
        var ex = expected is { } d ? Examples.For(d) : "12 kt/yr";
        return bare ? $" '{ex}'" : $", e.g. '{ex}'";
    }

    /// <summary>Prints the value in base units, e.g. <c>12000 t/yr</c>; <see cref="Parse(string)"/> reads it back exactly.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Value:R} {UnitExpression.BaseUnitText(Dimension)}").TrimEnd();

    /// <summary>Prints the value in a chosen unit with a format, e.g. <c>q.Format("kt/yr", "0.0")</c> gives "12.0 kt/yr".</summary>
    public string Format(string unitExpression, string numberFormat = "G6") =>
        In(unitExpression).ToString(numberFormat, CultureInfo.InvariantCulture) + " " + unitExpression;
}

/// <summary>Parsed unit expressions: products and quotients of catalogue units.</summary>
public static class UnitExpression
{
    // "CO2-ekv" and "CO2ekv" are the Swedish spellings (koldioxidekvivalenter).
    private static readonly string[] EmissionTags = ["CO2e", "CO2eq", "CO2-eq", "CO2-ekv", "CO2ekv", "CO2"];

    public static Unit Parse(string text) =>
        TryParse(text, null, out var u, out var e) ? u : throw new FormatException(e);

    /// <remarks>
    /// Everything after the first '/' is in the denominator, so "kg CO2e/t.km" is kg CO2e per (t x km), as the
    /// DEFRA tables write it. "·", "*" and "x" between units mean a product; "per" means "/".
    /// </remarks>
    public static bool TryParse(string text, IReadOnlySet<string>? extraCurrencies, out Unit unit, out string error)
    {
        unit = new Unit(text, 1, Dimension.None);
        var normalized = text.Replace("·", ".", StringComparison.Ordinal).Replace("*", ".", StringComparison.Ordinal)
            .Replace("×", ".", StringComparison.Ordinal).Replace(" per ", "/", StringComparison.Ordinal).Trim();
        var parts = normalized.Split('/');
        double factor = 1;
        var dim = Dimension.None;
        for (var p = 0; p < parts.Length; p++)
        {
            var part = parts[p].Trim();
            if (part.Length == 0)
            {
                error = $"unit '{text}' has an empty part around '/'";
                return false;
            }

            foreach (var rawFactor in part.Split('.', StringSplitOptions.TrimEntries))
            {
                if (!TryParseFactor(rawFactor, extraCurrencies, out var f, out var d, out error))
                {
                    return false;
                }

                try
                {
                    dim = p == 0 ? dim * d : dim / d;
                }
                catch (InvalidOperationException ex)
                {
                    error = $"unit '{text}': {ex.Message}";
                    return false;
                }

                factor = p == 0 ? factor * f : factor / f;
            }
        }

        unit = new Unit(text.Trim(), factor, dim);
        error = string.Empty;
        return true;
    }

    private static bool TryParseFactor(string raw, IReadOnlySet<string>? extraCurrencies, out double factor, out Dimension dim, out string error)
    {
        factor = 1;
        dim = Dimension.None;
        var tokens = raw.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0)
        {
            error = "empty unit";
            return false;
        }

        var exponent = 1;
        var last = tokens[^1];
        var caret = last.IndexOf('^', StringComparison.Ordinal);
        if (caret > 0)
        {
            if (!int.TryParse(last[(caret + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out exponent) || exponent == 0)
            {
                error = $"bad exponent in '{raw}'";
                return false;
            }

            tokens[^1] = last[..caret];
        }

        var symbol = tokens[0];
        var emissions = false;
        if (tokens.Length == 2 && EmissionTags.Contains(tokens[1], StringComparer.Ordinal))
        {
            emissions = true;
        }
        else if (tokens.Length == 1)
        {
            foreach (var tag in EmissionTags)
            {
                if (symbol.Length > tag.Length && symbol.EndsWith(tag, StringComparison.Ordinal))
                {
                    symbol = symbol[..^tag.Length];
                    emissions = true;
                    break;
                }
            }
        }
        else
        {
            error = $"unknown unit '{raw}'; {Known}";
            return false;
        }

        var u = Units.Find(symbol, extraCurrencies);
        if (u is null)
        {
            // Three capitals are most likely a currency the scenario has not given a rate for.
            var code = symbol.Length == 4 && symbol[0] is 'k' or 'M' ? symbol[1..] : symbol;
            error = code.Length == 3 && code.All(char.IsAsciiLetterUpper)
                ? $"unknown unit '{symbol}'; if {code} is a currency, state its rate under region.exchangeRates, e.g. {{{code}: 11.5}}"
                : $"unknown unit '{symbol}'; {Known}";
            return false;
        }

        if (emissions)
        {
            if (u.Dimension != Dimension.MassD)
            {
                error = $"'{raw}': CO2e must follow a mass unit (g, kg, t, kt, Mt)";
                return false;
            }

        }
        var baseDim = emissions ? Dimension.EmissionsD : u.Dimension;
        factor = Math.Pow(u.Factor, exponent);
        dim = baseDim.Pow(exponent);
        error = string.Empty;
        return true;
    }

    private const string Known =
        "units are e.g. t, kt, kg, MWh, GWh, kWh, GJ, m3, L, km, ha, yr, h, SEK, kSEK, MSEK, EUR, kg CO2e, t CO2e, %, ppm, degC, " +
        "combined with '/' and '.' as in 'SEK/t', 'kt/yr', 'kg CO2e/t.km', 'mg/L'";

    /// <summary>The base-unit text for a dimension, e.g. "t/yr", "SEK/t", "t CO2e/t.km".</summary>
    public static string BaseUnitText(Dimension d)
    {
        var up = new List<string>();
        var down = new List<string>();
        void Add(int exp, string name)
        {
            if (exp == 0)
            {
                return;
            }

            var n = Math.Abs(exp);
            var s = n == 1 ? name : name + "^" + n.ToString(CultureInfo.InvariantCulture);
            (exp > 0 ? up : down).Add(s);
        }

        Add(d.Money, Units.BaseSymbol("Money", d.Currency));
        Add(d.Co2e, Units.BaseSymbol("Co2e", null));
        Add(d.Mass, "t");
        Add(d.Energy, "MWh");
        Add(d.Volume, "m3");
        Add(d.Area, "ha");
        Add(d.Temperature, "degC");
        Add(d.Length, "km");
        Add(d.Time, "yr");
        var sb = new StringBuilder(string.Join(".", up));
        if (down.Count > 0)
        {
            if (sb.Length == 0)
            {
                sb.Append('1');
            }

            sb.Append('/').Append(string.Join(".", down));
        }

        return sb.ToString();
    }
}

/// <summary>Example texts for error messages, so a reader sees what a valid value looks like.</summary>
public static class Examples
{
    public static string For(Dimension d)
    {
        if (d == Dimension.MassD.PerYear)
        {
            return "12 kt/yr";
        }

        if (d == Dimension.EnergyD.PerYear)
        {
            return "3.5 GWh/yr";
        }

        if (d == Dimension.VolumeD.PerYear)
        {
            return "40000 m3/yr";
        }

        if (d == Dimension.AreaD.PerYear)
        {
            return "5 ha/yr";
        }

        if (d == Dimension.LengthD)
        {
            return "25 km";
        }

        if (d == Dimension.TimeD)
        {
            return "2 yr";
        }

        if (d == Dimension.EmissionsD / Dimension.MassD)
        {
            return "520 kg CO2e/t";
        }

        if (d == Dimension.EmissionsD / (Dimension.MassD * Dimension.LengthD))
        {
            return "0.1 kg CO2e/t.km";
        }

        if (d.IsDimensionless)
        {
            return "30 %";
        }

        if (d.HasMoney)
        {
            return "744 " + (d.Currency ?? "SEK") + UnitSuffix(d / Dimension.MoneyIn(d.Currency ?? "SEK"));
        }

        return "1 " + UnitExpression.BaseUnitText(d);
    }

    private static string UnitSuffix(Dimension rest)
    {
        var text = UnitExpression.BaseUnitText(rest);
        return text.Length == 0 ? string.Empty : text.StartsWith("1/", StringComparison.Ordinal) ? text[1..] : "." + text;
    }
}
