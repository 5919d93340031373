using System.Globalization;

namespace SymbiosisOptimizer.Reports.Documents;

/// <summary>
/// Figures as people read them in the console, workbook findings and chart labels: digits grouped, never an exponent
/// (a raw double prints 60940000 as 6.094E+07), and always with the unit beside the number.
/// </summary>
public static class Figures
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Grouped digits with as many decimals as the magnitude needs, up to six; "-" for none.</summary>
    public static string Number(double? v)
    {
        if (v is not { } x || !double.IsFinite(x))
        {
            return "-";
        }

        var text = Math.Abs(x) >= 1000 ? x.ToString("#,##0", Inv) : Math.Abs(x) >= 1 ? x.ToString("#,##0.##", Inv) : x.ToString("0.######", Inv);
        return Zero(text) ? "0" : text;
    }

    /// <summary>Grouped digits with a fixed number of decimals (N0, N1, ...); "-" for none.</summary>
    public static string Fixed(double? v, int decimals = 0)
    {
        if (v is not { } x || !double.IsFinite(x))
        {
            return "-";
        }

        var text = x.ToString("N" + decimals.ToString(Inv), Inv);
        return Zero(text) ? "0" : text;
    }

    /// <summary>A change with its sign: +1,234 or -56; a change that rounds to nothing is 0.</summary>
    public static string Signed(double? v, int decimals = 0)
    {
        var text = Fixed(v, decimals);
        return text is "0" or "-" || text.StartsWith('-') ? text : "+" + text;
    }

    public static string With(Amount a, int decimals = 0) => $"{Fixed(a.Value, decimals)} {a.Unit}";

    public static string Percent(double v, int decimals = 1) => double.IsFinite(v) ? (v * 100).ToString("N" + decimals.ToString(Inv), Inv) + " %" : "-";

    // Rounding can leave "-0" or "-0.0"; a figure that rounds to nothing is shown as 0.
    private static bool Zero(string text) => text.TrimStart('-').All(c => c is '0' or '.' or ',');
}
