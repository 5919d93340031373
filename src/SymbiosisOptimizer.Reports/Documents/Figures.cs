using System.Globalization;
using SymbiosisOptimizer.Reports.Localization;

namespace SymbiosisOptimizer.Reports.Documents;

/// <summary>
/// Figures as people read them in the console, workbook findings and chart labels: digits grouped, never an exponent
/// (a raw double prints 60940000 as 6.094E+07), and always with the unit beside the number. In the report's language:
/// English 15,135,445.5 (the default), Swedish 15 135 445,5 with a no-break space between thousands.
/// </summary>
public static class Figures
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Grouped digits with as many decimals as the magnitude needs, up to six; "-" for none.</summary>
    public static string Number(double? v, Language language = Language.En)
    {
        if (v is not { } x || !double.IsFinite(x))
        {
            return "-";
        }

        var n = ReportFormat.For(language).Numbers;
        var text = Math.Abs(x) >= 1000 ? x.ToString("#,##0", n) : Math.Abs(x) >= 1 ? x.ToString("#,##0.##", n) : x.ToString("0.######", n);
        return Zero(text) ? "0" : text;
    }

    /// <summary>
    /// The format of grouped digits with a fixed number of decimals: "#,##0", "#,##0.0", ... A custom format, not the
    /// standard "N0": .NET's standard formats round a tie to even (15 135 444.5 -> 15,135,444) while custom formats and
    /// Excel's cell formats round it away from zero (15,135,445), and a finding must read as the table beside it.
    /// </summary>
    public static string Grouped(int decimals) => decimals <= 0 ? "#,##0" : "#,##0." + new string('0', decimals);

    /// <summary>Grouped digits with a fixed number of decimals (<see cref="Grouped"/>); "-" for none.</summary>
    public static string Fixed(double? v, int decimals = 0, Language language = Language.En)
    {
        if (v is not { } x || !double.IsFinite(x))
        {
            return "-";
        }

        var text = x.ToString(Grouped(decimals), ReportFormat.For(language).Numbers);
        return Zero(text) ? "0" : text;
    }

    /// <summary>A change with its sign: +1,234 or -56; a change that rounds to nothing is 0.</summary>
    public static string Signed(double? v, int decimals = 0, Language language = Language.En)
    {
        var text = Fixed(v, decimals, language);
        return text is "0" or "-" || text.StartsWith('-') ? text : "+" + text;
    }

    /// <summary>An amount with its unit in the language's words: "15,135,445 SEK/yr", or in Swedish "15 135 445 kr/år".</summary>
    public static string With(Amount a, int decimals = 0, Language language = Language.En) =>
        $"{Fixed(a.Value, decimals, language)} {ReportFormat.For(language).Unit(a.Unit)}";

    public static string Percent(double v, int decimals = 1, Language language = Language.En) =>
        double.IsFinite(v) ? (v * 100).ToString(Grouped(decimals), ReportFormat.For(language).Numbers) + " %" : "-";

    // Rounding can leave "-0" or "-0.0" (Swedish "-0,0"); a figure that rounds to nothing is shown as 0.
    private static bool Zero(string text) => text.TrimStart('-').All(c => c is '0' or '.' or ',' or '\u00A0');
}
