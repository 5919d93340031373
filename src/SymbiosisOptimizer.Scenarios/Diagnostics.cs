using System.Collections.Immutable;
using System.Globalization;

namespace SymbiosisOptimizer.Scenarios;

/// <summary>Where a value came from: a file with 1-based line and column, or a sheet and cell.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public static readonly SourceLocation Unknown = new("<input>", 0, 0);

    public override string ToString() => Line > 0
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
