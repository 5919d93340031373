using System.Globalization;
using System.Text;

namespace SymbiosisOptimizer.Reports.Localization;

/// <summary>
/// How a report in one language writes numbers and unit words: the report string table, the number format and the
/// unit words. Only presentation: the figures are the document's, unchanged.
/// </summary>
public sealed class ReportFormat
{
    private static readonly ReportFormat EnglishFormat = new(Language.En, CultureInfo.InvariantCulture.NumberFormat);
    private static readonly ReportFormat SwedishFormat = new(Language.Sv, SwedishNumbers());

    private ReportFormat(Language language, NumberFormatInfo numbers)
    {
        Language = language;
        Numbers = numbers;
    }

    public static ReportFormat English => EnglishFormat;

    public static ReportFormat For(Language language) => language == Language.Sv ? SwedishFormat : EnglishFormat;

    public Language Language { get; }

    /// <summary>The number format: English as today (1,234.5); Swedish 1 234,5 with a no-break space between thousands.</summary>
    public NumberFormatInfo Numbers { get; }

    /// <summary>The value of the HTML lang attribute.</summary>
    public string Code => Languages.Code(Language);

    public string this[ReportPhrase phrase] => ReportStrings.Get(Language, phrase);

    /// <summary>A phrase with its placeholders filled, numbers in this language's format.</summary>
    public string Format(ReportPhrase phrase, params object?[] args) => string.Format(Numbers, this[phrase], args);

    /// <summary>A label with its unit in brackets, e.g. "CO2e avoided (t CO2e/yr)" or "Undviken CO2e (t CO2e/år)".</summary>
    public string WithUnit(ReportPhrase phrase, string unit) => $"{this[phrase]} ({Unit(unit)})";

    /// <summary>A phrase of the runner and decision reports (<see cref="RunnerStrings"/>).</summary>
    public string this[RunnerPhrase phrase] => RunnerStrings.Get(Language, phrase);

    /// <summary>A runner-report phrase with its placeholders filled, numbers in this language's format.</summary>
    public string Format(RunnerPhrase phrase, params object?[] args) => string.Format(Numbers, this[phrase], args);

    /// <summary>A runner-report label with its unit in brackets, the unit in this language's words.</summary>
    public string WithUnit(RunnerPhrase phrase, string unit) => $"{this[phrase]} ({Unit(unit)})";

    public string Number(double value, string format) => value.ToString(format, Numbers);

    /// <summary>
    /// A unit as this language writes it: in Swedish SEK is kr (kSEK tkr, MSEK Mkr) and yr is år; other units and
    /// currency codes stay as written. Units come from the document, so this changes words, never a figure.
    /// </summary>
    public string Unit(string unit)
    {
        if (Language == Language.En || unit.Length == 0)
        {
            return unit;
        }

        var sb = new StringBuilder();
        var word = new StringBuilder();
        void Flush()
        {
            sb.Append(word.ToString() switch
            {
                "SEK" => "kr",
                "kSEK" => "tkr",
                "MSEK" => "Mkr",
                "yr" or "year" => "år",
                "years" => "år",
                "count" => "antal",
                "fraction" => "andel",
                "factor" => "faktor",
                "units" => "enheter",
                "per" => "per",
                var w => w,
            });
            word.Clear();
        }

        foreach (var ch in unit)
        {
            if (ch is '/' or '.' or ' ' or '(' or ')')
            {
                Flush();
                sb.Append(ch);
            }
            else
            {
                word.Append(ch);
            }
        }

        Flush();
        return sb.ToString();
    }

    private static NumberFormatInfo SwedishNumbers()
    {
        // Built by hand rather than from the sv-SE culture: the result must not depend on the machine's ICU data
        // (invariant-globalisation containers have none), and Swedish writes a no-break space between thousands.
        var n = (NumberFormatInfo)CultureInfo.InvariantCulture.NumberFormat.Clone();
        n.NumberGroupSeparator = "\u00A0";
        n.NumberDecimalSeparator = ",";
        n.PercentGroupSeparator = "\u00A0";
        n.PercentDecimalSeparator = ",";
        n.CurrencyGroupSeparator = "\u00A0";
        n.CurrencyDecimalSeparator = ",";
        return NumberFormatInfo.ReadOnly(n);
    }
}
