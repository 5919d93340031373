namespace SymbiosisOptimizer.Reports.Localization;

/// <summary>The languages the human-readable reports (HTML, workbook) and the app's pages are written in. JSON stays language-neutral.</summary>
public enum Language
{
    /// <summary>English, the default; its output is the committed reports.</summary>
    En,

    /// <summary>Swedish.</summary>
    Sv,
}

public static class Languages
{
    /// <summary>The codes accepted by --lang and the app's switch, in the order they are offered.</summary>
    public static readonly IReadOnlyList<(string Code, Language Language)> All = [("en", Language.En), ("sv", Language.Sv)];

    public static string Code(Language language) => language switch
    {
        Language.Sv => "sv",
        _ => "en",
    };

    /// <summary>Reads "en" or "sv" (any case); anything else is refused.</summary>
    public static bool TryParse(string? code, out Language language)
    {
        foreach (var (c, l) in All)
        {
            if (string.Equals(code?.Trim(), c, StringComparison.OrdinalIgnoreCase))
            {
                language = l;
                return true;
            }
        }

        language = Language.En;
        return false;
    }
}
