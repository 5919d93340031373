using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;

namespace SymbiosisOptimizer.Assessment.Sharing;

/// <summary>A located problem in a game CSV; <see cref="ToString"/> gives the compiler-style "file:line:column: message".</summary>
/// <param name="File">File name as given to the reader.</param>
/// <param name="Line">1-based line number.</param>
/// <param name="Column">1-based character column of the offending cell (its first non-blank character).</param>
/// <param name="Message">Plain-language description.</param>
public sealed record CsvError(string File, int Line, int Column, string Message)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}: {Message}");
}

/// <summary>Either a game or every error found; never both.</summary>
public sealed record GameCsvResult(CooperativeGame? Game, ImmutableArray<CsvError> Errors)
{
    public bool Success => Game is not null;
}

/// <summary>
/// Reads a characteristic function from CSV:
/// <code>
/// coalition,value
/// A,10
/// B,20
/// A+B,45
/// </code>
/// The header is <c>coalition,value</c> for a benefit game or <c>coalition,cost</c> for a cost game (case-insensitive).
/// Members are joined with '+'; blanks around cells and names are ignored; blank lines are skipped. The empty
/// coalition may be omitted, left as an empty cell or written <c>{}</c>, and must be worth 0. Every non-empty
/// coalition of the players named anywhere must have exactly one value, and at most
/// <see cref="CooperativeGame.MaxExplicitPlayers"/> players are allowed because the exact methods tabulate 2^n values.
/// </summary>
/// <remarks>
/// Player order (which fixes bit positions and the order of every allocation) is: players with a singleton row, in
/// the order of those rows; then any other player in order of first mention. Since a complete game has a row for
/// every singleton, in practice the order is that of the singleton rows, wherever they sit in the file.
/// All problems are reported in one pass, sorted by position, so a user can fix a file in one edit. Missing
/// coalitions belong to no line and are reported at the line after the last one (the end of the file), listing at
/// most ten of them, smallest coalitions first, and counting the rest.
/// </remarks>
public static class GameCsvReader
{
    private const int MaxListedMissing = 10;

    public static GameCsvResult ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = Path.GetFileName(path);
        try
        {
            return Parse(File.ReadAllText(path), name);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new GameCsvResult(null, [new CsvError(name, 1, 1, $"cannot read the file: {ex.Message}")]);
        }
    }

    public static GameCsvResult Parse(string text, string fileName = "game.csv")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        var errors = new List<CsvError>();
        void Error(int line, int column, string message) => errors.Add(new CsvError(fileName, line, column, message));

        var lines = SplitLines(text.TrimStart('\uFEFF'));
        if (lines.Count == 0 || string.IsNullOrWhiteSpace(lines[0]))
        {
            Error(1, 1, "the file is empty; expected the header 'coalition,value' or 'coalition,cost'");
            return new GameCsvResult(null, [.. errors]);
        }

        var kind = ParseHeader(lines[0], Error);
        var rows = new List<Row>();
        for (int index = 1; index < lines.Count; index++)
        {
            if (!string.IsNullOrWhiteSpace(lines[index]))
            {
                var row = ParseRow(lines[index], index + 1, Error);
                if (row is not null)
                {
                    rows.Add(row);
                }
            }
        }

        if (rows.Count == 0 && errors.Count == 0)
        {
            Error(2, 1, "no coalitions found; expected lines like 'A+B,120' after the header");
        }

        rows = DropRepeatedCoalitions(rows, Error);
        var players = OrderPlayers(rows);
        var game = players.Count > CooperativeGame.MaxExplicitPlayers
            ? ReportTooManyPlayers(rows, players.Count, Error)
            : Assemble(rows, players, kind, lines.Count + 1, Error);

        if (errors.Count > 0)
        {
            return new GameCsvResult(null, [.. errors.OrderBy(e => e.Line).ThenBy(e => e.Column)]);
        }

        return new GameCsvResult(game, []);
    }

    /// <summary>One data line whose coalition cell parsed; its value is null when the value cell was bad.</summary>
    private sealed record Row(int Line, int Column, ImmutableArray<(string Name, int Column)> Members, double? Value, string Display);

    private static List<string> SplitLines(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        // A final newline ends the last line; it does not start an empty one.
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    private static GameKind ParseHeader(string header, Action<int, int, string> error)
    {
        var cells = header.Split(',').Select(c => c.Trim()).ToArray();
        if (cells.Length == 2 && cells[0].Equals("coalition", StringComparison.OrdinalIgnoreCase))
        {
            if (cells[1].Equals("value", StringComparison.OrdinalIgnoreCase))
            {
                return GameKind.Value;
            }

            if (cells[1].Equals("cost", StringComparison.OrdinalIgnoreCase))
            {
                return GameKind.Cost;
            }
        }

        error(1, 1, $"the header must be 'coalition,value' or 'coalition,cost', found '{header.Trim()}'");
        return GameKind.Value;
    }

    private static Row? ParseRow(string line, int lineNumber, Action<int, int, string> error)
    {
        var commas = line.Count(c => c == ',');
        if (commas != 1)
        {
            error(lineNumber, 1, string.Create(CultureInfo.InvariantCulture,
                $"expected 2 cells 'coalition,value' but found {commas + 1}"));
            return null;
        }

        int comma = line.IndexOf(',', StringComparison.Ordinal);
        string coalitionCell = line[..comma];
        string valueCell = line[(comma + 1)..];
        int coalitionColumn = FirstNonBlankColumn(coalitionCell, 0);
        int valueColumn = FirstNonBlankColumn(valueCell, comma + 1);

        double? value = null;
        string valueText = valueCell.Trim();
        if (valueText.Length == 0)
        {
            error(lineNumber, valueColumn, "the value is missing");
        }
        else if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed))
        {
            error(lineNumber, valueColumn, $"value '{valueText}' is not a number");
        }
        else if (!double.IsFinite(parsed))
        {
            error(lineNumber, valueColumn, $"value '{valueText}' is not a finite number");
        }
        else
        {
            value = parsed;
        }

        string coalitionText = coalitionCell.Trim();
        if (coalitionText.Length == 0 || coalitionText == "{}")
        {
            return new Row(lineNumber, coalitionColumn, [], value, "{}");
        }

        var members = ImmutableArray.CreateBuilder<(string Name, int Column)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        bool valid = true;
        int start = 0;
        foreach (string part in coalitionCell.Split('+'))
        {
            string name = part.Trim();
            int column = FirstNonBlankColumn(part, start);
            start += part.Length + 1;
            if (name.Length == 0)
            {
                error(lineNumber, column, $"coalition '{coalitionText}' has an empty player name");
                valid = false;
            }
            else if (!seen.Add(name))
            {
                error(lineNumber, column, $"player '{name}' appears twice in coalition '{coalitionText}'");
                valid = false;
            }
            else
            {
                members.Add((name, column));
            }
        }

        return valid
            ? new Row(lineNumber, coalitionColumn, members.ToImmutable(), value, string.Join('+', members.Select(m => m.Name)))
            : null;
    }

    private static int FirstNonBlankColumn(string cell, int offset)
    {
        int lead = cell.Length - cell.TrimStart().Length;
        return offset + (lead == cell.Length ? 0 : lead) + 1;
    }

    /// <summary>
    /// Keeps the first row of each coalition (members compared as a set, so "B+A" repeats "A+B") and checks the empty
    /// coalition's value. Done by names rather than bitmasks so it still runs when there are too many players to
    /// assign bits.
    /// </summary>
    private static List<Row> DropRepeatedCoalitions(List<Row> rows, Action<int, int, string> error)
    {
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var kept = new List<Row>(rows.Count);
        foreach (var row in rows)
        {
            string key = string.Join('\n', row.Members.Select(m => m.Name).Order(StringComparer.Ordinal));
            if (firstLine.TryGetValue(key, out int first))
            {
                error(row.Line, row.Column, string.Create(CultureInfo.InvariantCulture,
                    $"coalition '{row.Display}' appears twice (first on line {first})"));
                continue;
            }

            firstLine.Add(key, row.Line);
            if (row.Members.IsEmpty && row.Value is { } empty && empty != 0.0)
            {
                error(row.Line, row.Column, string.Create(CultureInfo.InvariantCulture,
                    $"the empty coalition must have value 0, found {empty.ToString("R", CultureInfo.InvariantCulture)}"));
            }

            kept.Add(row);
        }

        return kept;
    }

    private static List<string> OrderPlayers(List<Row> rows)
    {
        var order = new List<string>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => r.Members.Length == 1))
        {
            if (known.Add(row.Members[0].Name))
            {
                order.Add(row.Members[0].Name);
            }
        }

        foreach (var (name, _) in rows.SelectMany(r => r.Members))
        {
            if (known.Add(name))
            {
                order.Add(name);
            }
        }

        return order;
    }

    private static CooperativeGame? ReportTooManyPlayers(List<Row> rows, int count, Action<int, int, string> error)
    {
        // Point at the mention that pushed the count over the limit, which is where a typo or stray row usually is.
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            foreach (var (name, column) in row.Members)
            {
                if (known.Add(name) && known.Count == CooperativeGame.MaxExplicitPlayers + 1)
                {
                    error(row.Line, column, string.Create(CultureInfo.InvariantCulture,
                        $"the file names {count} players but exact sharing methods support at most {CooperativeGame.MaxExplicitPlayers}; player '{name}' is number {CooperativeGame.MaxExplicitPlayers + 1}"));
                    return null;
                }
            }
        }

        return null;
    }

    private static CooperativeGame? Assemble(List<Row> rows, List<string> players, GameKind kind, int endLine, Action<int, int, string> error)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < players.Count; i++)
        {
            index.Add(players[i], i);
        }

        int n = players.Count;
        var values = new double[1 << n];
        var present = new HashSet<ulong>();
        foreach (var row in rows)
        {
            ulong mask = 0;
            foreach (var (name, _) in row.Members)
            {
                mask |= 1UL << index[name];
            }

            present.Add(mask);
            values[mask] = mask == 0 ? 0.0 : row.Value ?? 0.0;
        }

        if (n == 0)
        {
            return null;
        }

        var missing = new List<ulong>();
        for (ulong mask = 1; mask < (1UL << n); mask++)
        {
            if (!present.Contains(mask))
            {
                missing.Add(mask);
            }
        }

        if (missing.Count > 0)
        {
            string Name(ulong mask) => string.Join('+', Enumerable.Range(0, n).Where(i => (mask & (1UL << i)) != 0).Select(i => players[i]));
            var listed = missing
                .OrderBy(m => BitOperations.PopCount(m))
                .ThenBy(m => m)
                .Take(MaxListedMissing)
                .Select(Name);
            string list = string.Join(", ", listed);
            string message = missing.Count == 1
                ? $"the game is incomplete: coalition {list} has no value"
                : missing.Count <= MaxListedMissing
                    ? string.Create(CultureInfo.InvariantCulture, $"the game is incomplete: {missing.Count} coalitions have no value: {list}")
                    : string.Create(CultureInfo.InvariantCulture,
                        $"the game is incomplete: {missing.Count} coalitions have no value: {list} and {missing.Count - MaxListedMissing} more");
            error(endLine, 1, message);
            return null;
        }

        return CooperativeGame.FromValues(players, values, kind);
    }
}
