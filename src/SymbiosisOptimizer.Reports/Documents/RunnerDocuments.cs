using System.Text.Json;
using System.Text.Json.Serialization;

namespace SymbiosisOptimizer.Reports.Documents;

public static class RunnerDocuments
{
    // 2: exchanges as {key, name}, display names beside ids, currency, and run-dependent data only in metadata.
    public const int SchemaVersion = 2;

    public const string Tool = "SymbiosisOptimizer";

    /// <summary>
    /// The generated serializers with <see cref="DocumentJson.Options"/>. The attribute cannot carry the relaxed encoder,
    /// so the context gets a copy of the shared options (a context binds, and so freezes, the options it is given).
    /// </summary>
    public static RunnerJsonContext Json { get; } = new(new JsonSerializerOptions(DocumentJson.Options));
}

/// <summary>Source-generated (de)serializers of every runner document: no reflection, and a type that is not listed
/// here cannot slip into a file unnoticed.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ComparisonDocument))]
[JsonSerializable(typeof(BarriersDocument))]
[JsonSerializable(typeof(SweepDocument))]
[JsonSerializable(typeof(MonteCarloDocument))]
[JsonSerializable(typeof(SharingDocument))]
[JsonSerializable(typeof(GameSharingDocument))]
[JsonSerializable(typeof(RobustDocument))]
[JsonSerializable(typeof(AlternativesDocument))]
public sealed partial class RunnerJsonContext : JsonSerializerContext;
