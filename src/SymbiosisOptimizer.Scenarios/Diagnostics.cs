using System.Collections.Immutable;
using System.Globalization;

namespace SymbiosisOptimizer.Scenarios;

/// <summary>
/// Where a value came from: a file with 1-based line and column, or a workbook sheet and cell. For a cell,
/// <see cref="File"/> is "model.xlsx!sheet", Line the row, Column the column number and <see cref="Cell"/> its
/// address ("C7"), so it prints as model.xlsx!supplies!C7.
/// </summary>
public sealed record SourceLocation(string File, int Line, int Column, string? Cell = null)
{
    public static readonly SourceLocation Unknown = new("<input>", 0, 0);

    /// <summary>A workbook cell: row and column are 1-based.</summary>
    public static SourceLocation InSheet(string workbook, string sheet, int row, int column) =>
        new($"{workbook}!{sheet}", row, column, string.Create(CultureInfo.InvariantCulture, $"{ColumnLetters(column)}{row}"));

    public static string ColumnLetters(int column)
    {
        var s = string.Empty;
        for (var c = column; c > 0; c = (c - 1) / 26)
        {
            s = (char)('A' + ((c - 1) % 26)) + s;
        }

        return s;
    }

    public override string ToString() => Cell is not null
        ? $"{File}!{Cell}"
        : Line > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}")
            : File;
}

public enum Severity
{
    Warning,
    Error,
}

/// <summary>One problem found in a scenario: where, which field, and what is allowed.</summary>
public sealed record Diagnostic(Severity Severity, SourceLocation Location, string Field, string Message)
{
    public override string ToString() =>
        $"{Location}: {(Severity == Severity.Error ? "error" : "warning")}: {(Field.Length > 0 ? Field + ": " : string.Empty)}{Message}";
}

/// <summary>Collects every problem so the user sees them all at once (PyPSA's consistency pass).</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> items = [];

    public bool HasErrors => items.Exists(d => d.Severity == Severity.Error);

    public void Error(SourceLocation at, string field, string message) => items.Add(new Diagnostic(Severity.Error, at, field, message));

    public void Warning(SourceLocation at, string field, string message) => items.Add(new Diagnostic(Severity.Warning, at, field, message));

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => items.AddRange(diagnostics);

    /// <summary>Sorted by file, line and column so output is stable and reads top to bottom.</summary>
    public ImmutableArray<Diagnostic> ToImmutable() =>
        [.. items.Distinct()
            .OrderBy(d => d.Location.File, StringComparer.Ordinal)
            .ThenBy(d => d.Location.Line)
            .ThenBy(d => d.Location.Column)
            .ThenBy(d => d.Message, StringComparer.Ordinal)];
}
