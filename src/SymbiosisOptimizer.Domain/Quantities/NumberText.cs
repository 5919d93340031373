using System.Globalization;
using System.Text;

namespace SymbiosisOptimizer.Domain.Quantities;

/// <summary>The leading number of a value, in invariant form ("5000.5"), the text after it and, if any, why it was refused.</summary>
public readonly record struct NumberSplit(string Number, string Rest, string? Error);

/// <summary>
/// Reads the number a value starts with, in the English and the Swedish habit alike, so a figure copied from a Swedish
/// report or spreadsheet reads as written.
/// </summary>
/// <remarks>
/// The rule, documented in docs/scenario-format.md:
/// <list type="bullet">
/// <item>Digits may be grouped with '_' anywhere, or with a space (also a no-break, thin or narrow no-break space) in
/// groups of three: "5 000", "12 500 000" (the first group 1 to 3 digits, every later one exactly 3).</item>
/// <item>A decimal point always means a decimal point: "7.5".</item>
/// <item>A single comma followed by digits is a decimal comma ("7,5" is 7.5; "1234,567" and "0,125" are decimals too,
/// as a thousands comma never follows four digits or a lone 0), except when it is ambiguous: one to three digits (not
/// a lone 0), a comma and exactly three digits, with no space grouping ("1,234" could be 1.234 or 1234). That is
/// refused with a message saying to write 1234 or 1.234. With space grouping the comma is decimal ("1 234,567").</item>
/// <item>Commas between thousands ("1,234,567") and a '.' and ',' in one number ("1.234,5") are refused.</item>
/// </list>
/// </remarks>
public static class NumberText
{
    /// <summary>Space, no-break space, thin space and narrow no-break space: the ways a thousands space is typed or pasted.</summary>
    public static bool IsGroupSpace(char c) => c is ' ' or '\u00A0' or '\u2009' or '\u202F';

    public static NumberSplit Split(string text)
    {
        var s = text.Trim();
        var i = 0;
        var sb = new StringBuilder();
        if (i < s.Length && (s[i] == '+' || s[i] == '-' || s[i] == '\u2212'))
        {
            sb.Append(s[i] == '+' ? '+' : '-');
            i++;
        }

        var intStart = i;
        var intDigits = ReadDigits(s, ref i, sb);
        var grouped = false;
        while (intDigits > 0 && i < s.Length && IsGroupSpace(s[i]) && ThreeDigitsAt(s, i + 1) && (grouped || intDigits <= 3))
        {
            grouped = true;
            sb.Append(s, i + 1, 3);
            i += 4;
        }

        var intText = s[intStart..i];
        string? error = null;
        if (i < s.Length && s[i] == '.')
        {
            sb.Append('.');
            i++;
            ReadDigits(s, ref i, sb);
            if (i + 1 < s.Length && s[i] == ',' && char.IsAsciiDigit(s[i + 1]))
            {
                error = Mixed(text);
            }
        }
        else if (i + 1 < s.Length && s[i] == ',' && char.IsAsciiDigit(s[i + 1]) && intDigits > 0)
        {
            i++;
            var fraction = new StringBuilder();
            var fractionDigits = ReadDigits(s, ref i, fraction);
            if (i + 1 < s.Length && s[i] == ',' && char.IsAsciiDigit(s[i + 1]))
            {
                error = $"'{text}' uses commas between thousands; write {Plain(s, intStart)} or group with spaces (a comma in a number is a decimal comma: '7,5' is 7.5)";
            }
            else if (i + 1 < s.Length && s[i] == '.' && char.IsAsciiDigit(s[i + 1]))
            {
                error = Mixed(text);
            }
            else if (!grouped && fractionDigits == 3 && intDigits <= 3 && intText.Replace("_", string.Empty, StringComparison.Ordinal) != "0")
            {
                var whole = intText.Replace("_", string.Empty, StringComparison.Ordinal);
                var frac = fraction.ToString();
                error = $"'{text}' is ambiguous: '{whole},{frac}' may be {whole}{frac} (a thousands comma) or {whole}.{frac} (a decimal comma); " +
                        $"write {whole}{frac} or {whole}.{frac} (or '{whole} {frac}' with a space between thousands)";
            }

            sb.Append('.').Append(fraction);
        }

        if (i < s.Length && (s[i] == 'e' || s[i] == 'E') && sb.Length > 0 &&
            ((i + 1 < s.Length && char.IsAsciiDigit(s[i + 1])) || (i + 2 < s.Length && s[i + 1] is '+' or '-' && char.IsAsciiDigit(s[i + 2]))))
        {
            sb.Append('e');
            i++;
            if (s[i] is '+' or '-')
            {
                sb.Append(s[i]);
                i++;
            }

            ReadDigits(s, ref i, sb);
        }

        // A second '.' ("1.2.3") is left in the number, so the number fails to parse and the caller says so.
        while (i < s.Length && (s[i] == '.' || char.IsAsciiDigit(s[i])))
        {
            sb.Append(s[i]);
            i++;
        }

        var number = sb.ToString();
        return new NumberSplit(number is "+" or "-" ? string.Empty : number, s[i..].Trim(), error);
    }

    /// <summary>Parses a whole text as a plain number (no unit) by the rule above; the error, if any, says why not.</summary>
    public static bool TryParse(string text, out double value, out string? error)
    {
        value = 0;
        var split = Split(text);
        error = split.Error;
        if (error is not null)
        {
            return false;
        }

        return split.Rest.Length == 0 && split.Number.Length > 0 &&
               double.TryParse(split.Number, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    private static int ReadDigits(string s, ref int i, StringBuilder sb)
    {
        var digits = 0;
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '_'))
        {
            if (s[i] != '_')
            {
                sb.Append(s[i]);
                digits++;
            }

            i++;
        }

        return digits;
    }

    private static bool ThreeDigitsAt(string s, int j) =>
        j + 2 < s.Length && char.IsAsciiDigit(s[j]) && char.IsAsciiDigit(s[j + 1]) && char.IsAsciiDigit(s[j + 2]) &&
        (j + 3 == s.Length || !char.IsAsciiDigit(s[j + 3]));

    private static string Plain(string s, int start)
    {
        var end = start;
        while (end < s.Length && (char.IsAsciiDigit(s[end]) || s[end] is ',' or '_'))
        {
            end++;
        }

        return s[start..end].Replace(",", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
    }

    private static string Mixed(string text) =>
        $"'{text}' mixes '.' and ',' in one number; write one decimal mark ('1234.5' or '1234,5') and group thousands with a space or '_' ('1 234,5')";
}
