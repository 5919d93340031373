using SymbiosisOptimizer.Domain.Quantities;
using System.Globalization;

namespace SymbiosisOptimizer.Scenarios;

/// <summary>
/// Every limit on what a scenario may hold, in one place (documented in docs/scenario-format.md, "Limits"). A hostile
/// or careless input that exceeds one is refused with a located error naming the limit, before it can exhaust time,
/// memory or the stack. Each limit is far above what a real region needs.
/// </summary>
public static class InputLimits
{
    /// <summary>Largest scenario file (.yaml) in bytes: 16 MiB.</summary>
    public const long MaxScenarioBytes = 16L * 1024 * 1024;

    /// <summary>Largest CSV table in bytes: 16 MiB.</summary>
    public const long MaxCsvBytes = 16L * 1024 * 1024;

    /// <summary>Largest workbook (.xlsx, compressed) in bytes: 32 MiB.</summary>
    public const long MaxWorkbookBytes = 32L * 1024 * 1024;

    /// <summary>Most entries (parts) in a workbook's zip archive.</summary>
    public const int MaxWorkbookEntries = 1000;

    /// <summary>Largest uncompressed part of a workbook (one sheet, the shared strings) in bytes: 64 MiB.</summary>
    public const long MaxWorkbookPartBytes = 64L * 1024 * 1024;

    /// <summary>Largest total uncompressed size of a workbook's parts in bytes: 256 MiB.</summary>
    public const long MaxWorkbookUncompressedBytes = 256L * 1024 * 1024;

    /// <summary>Most rows in a workbook sheet (including the header row).</summary>
    public const int MaxSheetRows = 100_000;

    /// <summary>Most columns in a workbook sheet.</summary>
    public const int MaxSheetColumns = 256;

    /// <summary>Most cells in one workbook, or in one CSV table (empty cells between commas count).</summary>
    public const int MaxCells = 1_000_000;

    /// <summary>Deepest nesting of lists and blocks of keys.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most aliases (*name) in one YAML file.</summary>
    public const int MaxAliases = 10_000;

    /// <summary>Most nodes (values, lists, blocks) in one input once every alias is expanded.</summary>
    public const int MaxNodes = 1_000_000;

    /// <summary>Most items in one list (or keys in one block, or rows in one table).</summary>
    public const int MaxListItems = 100_000;

    /// <summary>Longest text in characters: 32 767, the most an Excel cell holds, so every value can be written back.</summary>
    public const int MaxStringLength = 32_767;

    /// <summary>Largest magnitude of a number, in the unit it is written in (|x| at most 1e15, and finite).</summary>
    public const double MaxMagnitude = 1e15;

    /// <summary>Longest scenario or override name.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Size in bytes written for people: "16 MiB".</summary>
    public static string Bytes(long bytes) => bytes % (1024 * 1024) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");

    /// <summary>A count written for people: "100 000".</summary>
    public static string Count(long n) => n.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', ' ');

    /// <summary>Whether a scenario or override name is plain: letters, digits, '-', '_' and '.', without "..".</summary>
    public static bool IsPlainName(string name) =>
        name.Length is > 0 and <= MaxNameLength
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
        && !name.Contains("..", StringComparison.Ordinal)
        && name != ".";

    /// <summary>The error for a name that is not plain.</summary>
    public static string PlainNameRule(string name) =>
        $"'{Shorten(name)}' is not a plain name; a scenario or override name uses letters, digits, '-', '_' and '.' only " +
        $"(no '..', no '/' or '\\', at most {MaxNameLength} characters), e.g. 'high-tax'";

    /// <summary>
    /// The number a value starts with (as Quantity.TryParse reads it), when that number is out of the allowed
    /// magnitude: an error message, else null. Text that does not start with a number is left to the parsers.
    /// </summary>
    public static string? MagnitudeError(string text)
    {
        var (numberText, _) = Quantity.SplitNumber(text);
        if (numberText.Length == 0 || !double.TryParse(numberText, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            return null;
        }

        return double.IsFinite(v) && Math.Abs(v) <= MaxMagnitude
            ? null
            : $"'{Shorten(text)}' is too large; a number may be at most 1e15 in size in the unit it is written in (the limit), " +
              "and finite; write it in a larger unit (kt rather than kg, MSEK rather than SEK)";
    }

    /// <summary>Text cut for an error message, so a hostile value is never echoed in full.</summary>
    public static string Shorten(string text, int max = 60) => text.Length <= max ? text : text[..max] + "...";

    /// <summary>
    /// Checks a read tree (from any format) against the limits on text length, list length and nesting; reports each
    /// excess at its place and returns false if there was one. Subtrees shared through YAML aliases are checked once.
    /// </summary>
    public static bool CheckTree(Node root, DiagnosticBag diagnostics)
    {
        var ok = true;
        var seen = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(Node Node, string Field, int Depth)>();
        pending.Push((root, string.Empty, 0));
        while (pending.Count > 0)
        {
            var (node, field, depth) = pending.Pop();
            if (!seen.Add(node))
            {
                continue;
            }

            if (depth > MaxDepth)
            {
                diagnostics.Error(node.Location, field, string.Create(CultureInfo.InvariantCulture, $"lists and blocks are nested more than {MaxDepth} levels deep here (the limit)"));
                ok = false;
                continue;
            }

            switch (node)
            {
                case ScalarNode s when s.Value.Length > MaxStringLength:
                    diagnostics.Error(s.Location, field, $"the text is {Count(s.Value.Length)} characters long; the most is {Count(MaxStringLength)} (the limit, the most an Excel cell holds)");
                    ok = false;
                    break;
                case SequenceNode q:
                    if (q.Items.Length > MaxListItems)
                    {
                        diagnostics.Error(q.Location, field, $"the list has {Count(q.Items.Length)} items; the most is {Count(MaxListItems)} (the limit)");
                        ok = false;
                        break;
                    }

                    foreach (var item in q.Items)
                    {
                        pending.Push((item, field, depth + 1));
                    }

                    break;
                case MapNode m:
                    if (m.Entries.Length > MaxListItems)
                    {
                        diagnostics.Error(m.Location, field, $"the block has {Count(m.Entries.Length)} keys; the most is {Count(MaxListItems)} (the limit)");
                        ok = false;
                        break;
                    }

                    foreach (var e in m.Entries)
                    {
                        var name = e.Key.Value.Length > MaxStringLength ? Shorten(e.Key.Value) : e.Key.Value;
                        var child = field.Length == 0 ? name : field + "." + name;
                        if (e.Key.Value.Length > MaxStringLength)
                        {
                            diagnostics.Error(e.Key.Location, child, $"the key is {Count(e.Key.Value.Length)} characters long; the most is {Count(MaxStringLength)} (the limit)");
                            ok = false;
                            continue;
                        }

                        pending.Push((e.Value, child, depth + 1));
                    }

                    break;
            }
        }

        return ok;
    }
}
