using SymbiosisOptimizer.Reports.Localization;

namespace SymbiosisOptimizer.Reports.Documents;

/// <summary>Wording shared by the documents' plain-language findings.</summary>
public static class FindingText
{
    /// <summary>The longest list a finding names in full: a finding is read, not scanned.</summary>
    public const int MaxListed = 8;

    /// <summary>How many items a longer list names before it says "and N more" (then at least four more).</summary>
    public const int MaxNamed = 5;

    /// <summary>
    /// All items joined by <paramref name="separator"/> when there are at most <see cref="MaxListed"/>; else the first
    /// <see cref="MaxNamed"/>, then "and N more (see where)".
    /// </summary>
    /// <remarks>
    /// Findings are one sentence each: a national region has hundreds of payers or plants, and naming them all made one
    /// sentence longer than a spreadsheet cell can hold (32 767 characters); the full lists are the document's tables.
    /// </remarks>
    public static string Listed(IReadOnlyList<string> items, string separator, string where) =>
        Listed(items, separator, where, ReportFormat.English);

    /// <summary>As <see cref="Listed(IReadOnlyList{string}, string, string)"/>, its "and N more" in the language of <paramref name="t"/>.</summary>
    public static string Listed(IReadOnlyList<string> items, string separator, string where, ReportFormat t)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(t);
        if (items.Count <= MaxListed)
        {
            return string.Join(separator, items);
        }

        return string.Join(separator, items.Take(MaxNamed)) + separator +
            t.Format(ReportPhrase.FindAndMore, Figures.Fixed(items.Count - MaxNamed, 0, t.Language), where);
    }
}
