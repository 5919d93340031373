using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Reports.Documents;

/// <summary>A figure with its unit, as every document writes it: {"value": number, "unit": "text"}.</summary>
public sealed record Amount(double Value, string Unit)
{
    /// <summary>A rounded amount (see <see cref="Numbers.Round"/>), the only way documents make one.</summary>
    public static Amount Of(double value, string unit) => new(Numbers.Round(value), unit);
}

public static class Numbers
{
    /// <summary>Rounds to 9 significant digits so tiny solver noise does not show up as changed output.</summary>
    public static double Round(double v)
    {
        if (v == 0)
        {
            return 0; // never -0, which reads as "-0" to people
        }

        if (!double.IsFinite(v))
        {
            return v;
        }

        var r = Math.Round(v, Math.Clamp(8 - (int)Math.Floor(Math.Log10(Math.Abs(v))), 0, 15));
        return Math.Abs(r) < 1e-9 ? 0 : r;
    }

    public static double? RoundOrNull(double v) => double.IsFinite(v) ? Round(v) : null;

    /// <summary>An enum member as a documented word: TimeLimit -&gt; time-limit.</summary>
    public static string Kebab(string s) => string.Concat(s.Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

/// <summary>What varies between two runs of the same input: timings, version, machine. Kept in one block so the rest of
/// every document is byte-identical between runs.</summary>
/// <param name="Timings">Seconds per stage (e.g. "solve", "counterfactual"), in the order the stages ran.</param>
public sealed record RunMetadata(string Tool, string Version, string Machine, int Processors, ImmutableArray<StageTiming> Timings)
{
    public static RunMetadata Now(IEnumerable<StageTiming> timings) => new(
        "SymbiosisOptimizer",
        typeof(RunMetadata).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
        $"{Environment.OSVersion.Platform} {System.Runtime.InteropServices.RuntimeInformation.OSArchitecture}, .NET {Environment.Version}",
        Environment.ProcessorCount,
        [.. timings]);
}

public sealed record StageTiming(string Stage, double Seconds)
{
    public static StageTiming Of(string stage, double seconds) => new(stage, Math.Round(seconds, 4));
}

/// <summary>A solve as documents report it, without its time (that is metadata).</summary>
/// <param name="Termination">optimal, time-limit, infeasible, unbounded or error.</param>
/// <param name="Solution">optimal, feasible or none.</param>
public sealed record SolverSummary(string Name, string Termination, string Solution, double? Objective, double? Bound, double? Gap, string GapText, int Rows, int Columns, int Binaries, int NonZeros, int Blocks)
{
    public static SolverSummary Of(SolveOutcome o) => new(
        o.SolverName, Numbers.Kebab(o.Termination.ToString()), Numbers.Kebab(o.Solution.ToString()),
        Numbers.RoundOrNull(o.Objective), Numbers.RoundOrNull(o.BestBound), Numbers.RoundOrNull(o.Gap), o.GapText,
        o.Size.Rows, o.Size.Columns, o.Size.Binaries, o.Size.NonZeros, o.Blocks);
}

/// <summary>The KPI block every document names alike (results.json, comparison, barriers, sweep, Monte Carlo).</summary>
public sealed record KpiBlock(Amount NetBenefit, Amount ObjectiveGain, Amount Co2Avoided, Amount LandfillAvoided, Amount VirginMaterialAvoided, Amount TransportEmissions, Amount MandateShortfall)
{
    public static KpiBlock? Of(Kpis? k, string currency) => k is null ? null : new(
        Amount.Of(k.NetBenefit, $"{currency}/yr"),
        Amount.Of(k.ObjectiveGain, $"{currency}/yr"),
        Amount.Of(k.Co2Avoided, "t CO2e/yr"),
        Amount.Of(k.LandfillAvoided, "t/yr"),
        Amount.Of(k.VirginMaterialAvoided, "t/yr"),
        Amount.Of(k.TransportEmissions, "t CO2e/yr"),
        Amount.Of(k.MandateShortfall, "units/yr"));
}

/// <summary>Serialization settings shared by every document: camelCase, indented, named non-finite numbers.</summary>
public static class DocumentJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>One document as text, ending in a newline, with the type info of a source-generated context.</summary>
    public static string Serialize<T>(T document, JsonTypeInfo<T> info) => JsonSerializer.Serialize(document, info) + "\n";

    /// <summary>Formats a number for people: thousands grouped, decimals as the magnitude needs (never 6.094E+07).</summary>
    public static string Format(double v, int decimals = 0) =>
        !double.IsFinite(v) ? "-" : v.ToString(Figures.Grouped(decimals), CultureInfo.InvariantCulture);
}
