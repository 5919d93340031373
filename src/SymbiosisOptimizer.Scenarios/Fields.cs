using System.Collections.Immutable;
using System.Globalization;
using SymbiosisOptimizer.Domain.Quantities;

namespace SymbiosisOptimizer.Scenarios;

/// <summary>Shared state while building a model: where to report, and how to convert currencies.</summary>
internal sealed class BuildContext(DiagnosticBag diagnostics, string baseDirectory)
{
    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public string BaseDirectory { get; } = baseDirectory;

    public ExchangeRates Rates { get; set; } = new("SEK", ImmutableDictionary<string, double>.Empty);

    public IReadOnlySet<string> ExtraCurrencies => Rates.PerUnit.Keys.ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// Reads the fields of one mapping, remembering which keys were used so that every key left over is reported as
/// unknown (with the closest allowed key), as typos are the most common mistake in hand-written files.
/// </summary>
internal sealed class Fields
{
    private readonly MapNode map;
    private readonly BuildContext ctx;
    private readonly HashSet<string> allowed = new(StringComparer.Ordinal);

    public Fields(MapNode map, string path, BuildContext ctx)
    {
        this.map = map;
        Path = path;
        this.ctx = ctx;
        allowed.Add("notes");
    }

    public string Path { get; }

    public SourceLocation Location => map.Location;

    private DiagnosticBag Diag => ctx.Diagnostics;

    public static Fields? Of(Node? node, string path, BuildContext ctx, string what)
    {
        if (node is MapNode m)
        {
            return new Fields(m, path, ctx);
        }

        if (node is not null)
        {
            ctx.Diagnostics.Error(node.Location, path, $"expected {what} written as 'key: value' lines, found {Describe(node)}");
        }

        return null;
    }

    internal static string Describe(Node node) => node switch
    {
        ScalarNode { IsNull: true } => "nothing",
        ScalarNode s => $"the value '{s.Value}'",
        SequenceNode => "a list",
        _ => "a block of keys",
    };

    public string Field(string key) => Path.Length == 0 ? key : Path + "." + key;

    public Node? Raw(string key)
    {
        allowed.Add(key);
        var n = map.Get(key);
        return n is ScalarNode { IsNull: true } ? null : n;
    }

    public void Allow(params string[] keys) => allowed.UnionWith(keys);

    public ScalarNode? Scalar(string key, bool required, string what)
    {
        var node = Raw(key);
        if (node is null && map.Get(key) is ScalarNode { IsNull: true } blank)
        {
            // 'price:' with nothing after it is a value left out by mistake, never "use the default".
            Diag.Error(blank.Location, Field(key), $"is blank; give {what}, or remove the line to leave it out");
            return null;
        }

        if (node is null)
        {
            if (required)
            {
                Diag.Error(map.Location, Field(key), $"is missing; give {what}");
            }

            return null;
        }

        if (node is ScalarNode s)
        {
            return s;
        }

        Diag.Error(node.Location, Field(key), $"expected {what}, found {Describe(node)}");
        return null;
    }

    public string? String(string key, bool required = false, string what = "a text")
    {
        var s = Scalar(key, required, what);
        if (s is not null && s.Value.Trim().Length == 0)
        {
            Diag.Error(s.Location, Field(key), $"is empty; give {what}");
            return null;
        }

        return s?.Value.Trim();
    }

    public string? Id(string key = "id", bool required = true)
    {
        var s = Scalar(key, required, "an id (letters, digits, '-', '_')");
        if (s is null)
        {
            return null;
        }

        var v = s.Value.Trim();
        if (v.Length == 0 || !v.All(c => char.IsLetterOrDigit(c) || c is '-' or '_'))
        {
            Diag.Error(s.Location, Field(key), $"'{s.Value}' is not a valid id; use letters, digits, '-' and '_' only, e.g. 'karlstad-foundry'");
            return null;
        }

        return v;
    }

    public double? Number(string key, bool required = false, double min = double.NegativeInfinity, double max = double.PositiveInfinity, string what = "a number")
    {
        var s = Scalar(key, required, what);
        if (s is null)
        {
            return null;
        }

        if (!WithinMagnitude(s, Field(key), ctx))
        {
            return null;
        }

        if (!NumberText.TryParse(s.Value, out var v, out var numberError))
        {
            Diag.Error(s.Location, Field(key), numberError ?? $"'{s.Value}' is not a number; give {what}");
            return null;
        }

        return CheckRange(s, key, v, min, max, what);
    }

    /// <summary>Whether the number a value starts with is within <see cref="InputLimits.MaxMagnitude"/>; else an error.</summary>
    internal static bool WithinMagnitude(ScalarNode s, string field, BuildContext ctx)
    {
        if (InputLimits.MagnitudeError(s.Value) is { } error)
        {
            ctx.Diagnostics.Error(s.Location, field, error);
            return false;
        }

        return true;
    }

    private double? CheckRange(ScalarNode s, string key, double v, double min, double max, string what)
    {
        if (v < min || v > max)
        {
            var range = double.IsPositiveInfinity(max)
                ? min == double.Epsilon ? "more than 0" : $"at least {min.ToString(CultureInfo.InvariantCulture)}"
                : $"between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}";
            Diag.Error(s.Location, Field(key), $"{s.Value} is out of range; {what} must be {range}");
            return null;
        }

        return v;
    }

    /// <summary>A share written as "30 %" or 0.3; returns the fraction.</summary>
    public double? Fraction(string key, bool required = false, double max = 1)
    {
        var s = Scalar(key, required, "a share such as '30 %' or 0.3");
        if (s is null || !WithinMagnitude(s, Field(key), ctx))
        {
            return null;
        }

        if (!Domain.Quantities.Quantity.TryParse(s.Value, Dimension.None, out var q, out var error))
        {
            Diag.Error(s.Location, Field(key), error);
            return null;
        }

        // Shares are usually written in %, so the allowed range is stated in % too (not "between 0 and 1").
        if (q.Value < 0 || q.Value > max)
        {
            Diag.Error(s.Location, Field(key), $"{s.Value} is out of range; the share must be between 0 % and {(max * 100).ToString(CultureInfo.InvariantCulture)} %");
            return null;
        }

        return q.Value;
    }

    /// <summary>Reads a quantity, converts its currency by the stated rates, then checks its dimension.</summary>
    /// <param name="example">A valid value for the error messages; quality properties pass one in their declared unit.</param>
    public Quantity? Quantity(string key, Dimension expected, bool required = false, bool allowNegative = false, bool positive = false, string? example = null)
    {
        example ??= Examples.For(expected);
        var s = Scalar(key, required, $"{expected.Describe()}, e.g. '{example}'");
        return s is null ? null : ParseQuantity(s, Field(key), expected, ctx, allowNegative, positive, example);
    }

    internal static Quantity? ParseQuantity(
        ScalarNode s, string field, Dimension expected, BuildContext ctx, bool allowNegative = false, bool positive = false, string? example = null)
    {
        example ??= Examples.For(expected);
        if (!WithinMagnitude(s, field, ctx))
        {
            return null;
        }

        if (!Domain.Quantities.Quantity.TryParse(s.Value, null, ctx.ExtraCurrencies, out var q, out var error))
        {
            ctx.Diagnostics.Error(s.Location, field, error + (error.Contains("e.g.", StringComparison.Ordinal) ? string.Empty : $"; expected {expected.Describe()}, e.g. '{example}'"));
            return null;
        }

        var written = q.Dimension;
        if (q.Dimension.HasMoney && expected.HasMoney && q.Dimension.Currency != expected.Currency)
        {
            if (!ctx.Rates.TryConvert(q, out var converted, out var rateError))
            {
                ctx.Diagnostics.Error(s.Location, field, $"'{s.Value}' {rateError}");
                return null;
            }

            q = converted;
        }

        if (q.Dimension != expected)
        {
            // Describe what was written (its own currency), not the converted value the user never wrote.
            var bareNumber = NumberText.TryParse(s.Value, out _, out _);
            ctx.Diagnostics.Error(s.Location, field, bareNumber
                ? $"'{s.Value}' has no unit; expected {expected.Describe()}, e.g. '{example}'"
                : $"'{s.Value}' is {written.Describe()}, but {expected.Describe()} is expected, e.g. '{example}'");
            return null;
        }

        if (!allowNegative && q.Value < 0)
        {
            ctx.Diagnostics.Error(s.Location, field, $"'{s.Value}' is negative; it must be zero or more");
            return null;
        }

        if (positive && q.Value <= 0)
        {
            ctx.Diagnostics.Error(s.Location, field, $"'{s.Value}' must be more than zero");
            return null;
        }

        return q;
    }

    public bool Bool(string key, bool fallback)
    {
        var s = Scalar(key, false, "true or false");
        if (s is null)
        {
            return fallback;
        }

        switch (s.Value.Trim().ToLowerInvariant())
        {
            case "true" or "yes":
                return true;
            case "false" or "no":
                return false;
            default:
                Diag.Error(s.Location, Field(key), $"'{s.Value}' is not true or false");
                return fallback;
        }
    }

    public T? Enum<T>(string key, bool required = false)
        where T : struct, System.Enum
    {
        var names = System.Enum.GetNames<T>().Select(Kebab).ToArray();
        var s = Scalar(key, required, "one of " + string.Join(", ", names));
        if (s is null)
        {
            return null;
        }

        var wanted = s.Value.Trim().Replace("_", "-", StringComparison.Ordinal).ToLowerInvariant();
        foreach (var value in System.Enum.GetValues<T>())
        {
            if (Kebab(value.ToString()) == wanted)
            {
                return value;
            }
        }

        Diag.Error(s.Location, Field(key), $"'{s.Value}' is not allowed; use one of {string.Join(", ", names)}");
        return null;
    }

    internal static string Kebab(string pascal)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0)
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(pascal[i]));
        }

        return sb.ToString();
    }

    public SequenceNode? Sequence(string key, bool required = false, string what = "a list")
    {
        var n = Raw(key);
        if (n is null)
        {
            if (required)
            {
                Diag.Error(map.Location, Field(key), $"is missing; give {what}");
            }

            return null;
        }

        if (n is SequenceNode seq)
        {
            return seq;
        }

        Diag.Error(n.Location, Field(key), $"expected {what} (lines starting with '- ' or [a, b]), found {Describe(n)}");
        return null;
    }

    public MapNode? Map(string key, bool required = false, string what = "a block of keys")
    {
        var n = Raw(key);
        if (n is null)
        {
            if (required)
            {
                Diag.Error(map.Location, Field(key), $"is missing; give {what}");
            }

            return null;
        }

        if (n is MapNode m)
        {
            return m;
        }

        Diag.Error(n.Location, Field(key), $"expected {what}, found {Describe(n)}");
        return null;
    }

    /// <summary>A list of ids, written [a, b] or as '- a' lines (a single id is accepted too).</summary>
    public ImmutableArray<(string Id, SourceLocation At)> IdList(string key)
    {
        var n = Raw(key);
        if (n is null)
        {
            return [];
        }

        if (n is ScalarNode one)
        {
            return [(one.Value.Trim(), one.Location)];
        }

        if (n is SequenceNode seq)
        {
            var list = ImmutableArray.CreateBuilder<(string, SourceLocation)>();
            foreach (var item in seq.Items)
            {
                if (item is ScalarNode s && !s.IsNull)
                {
                    list.Add((s.Value.Trim(), s.Location));
                }
                else
                {
                    Diag.Error(item.Location, Field(key), $"expected an id, found {Describe(item)}");
                }
            }

            return list.ToImmutable();
        }

        Diag.Error(n.Location, Field(key), $"expected a list of ids such as [foundry-sand, ash], found {Describe(n)}");
        return [];
    }

    /// <summary>Reports every key not read, with the closest allowed key as a hint.</summary>
    public void Done()
    {
        foreach (var e in map.Entries)
        {
            if (!allowed.Contains(e.Key.Value))
            {
                var hint = Closest(e.Key.Value, allowed);
                Diag.Error(e.Key.Location, Field(e.Key.Value),
                    $"unknown key '{e.Key.Value}'" + (hint is null ? "." : $"; did you mean '{hint}'?") +
                    $" Allowed here: {string.Join(", ", allowed.Where(k => k != "notes").Order(StringComparer.Ordinal))}");
            }
        }
    }

    internal static string? Closest(string key, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates.Order(StringComparer.Ordinal))
        {
            var d = Levenshtein(key.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = c;
            }
        }

        return bestDistance <= Math.Max(2, key.Length / 3) ? best : null;
    }

    private static int Levenshtein(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }
}
