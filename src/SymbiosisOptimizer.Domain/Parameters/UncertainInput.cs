namespace SymbiosisOptimizer.Domain.Parameters;

public enum DistributionKind
{
    Normal,
    Lognormal,
    Triangular,
    Uniform,
}

/// <summary>
/// An uncertain input declared under <c>uncertainty:</c>. Every value is in the base units of the parameter the path
/// names. Normal and lognormal use <see cref="Mean"/> and <see cref="StandardDeviation"/> (the lognormal's are those of
/// the value itself, not of its logarithm); triangular uses <see cref="Lower"/>, <see cref="Mode"/> and
/// <see cref="Upper"/>; uniform uses <see cref="Lower"/> and <see cref="Upper"/>. For normal and lognormal,
/// <see cref="Lower"/> and <see cref="Upper"/> are optional truncation bounds.
/// </summary>
public sealed record UncertainInput(
    string Path,
    DistributionKind Distribution,
    double? Mean,
    double? StandardDeviation,
    double? Mode,
    double? Lower,
    double? Upper);
