using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SymbiosisOptimizer.Assessment.Coalitions;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Reports.Documents;

namespace SymbiosisOptimizer.Reports.Sharding;

/// <summary>
/// What a shard was cut from: two shards merge only when all of this is equal. <paramref name="Options"/> are the
/// command's options as name=value (for the fingerprint and for messages); the typed values a merge needs are in the
/// shard file's own fields.
/// </summary>
/// <param name="Source">The scenario path as given on the command line (documents show it).</param>
/// <param name="ScenarioPath">The same path in full, where the merge reads the scenario again when it needs it.</param>
/// <param name="ScenarioHash">SHA-256 of the scenario's files (<see cref="ShardFiles.HashScenario"/>).</param>
/// <param name="PlanSize">Items of the whole plan: samples, sweep points, scenarios, base plus barriers, coalitions.</param>
public sealed record ShardPlan(string Command, string Source, string ScenarioPath, string Scenario, string ScenarioHash, ImmutableArray<string> Options, int PlanSize);

/// <param name="Items">The plan items this shard computed: those with index mod Count = Index.</param>
public sealed record ShardPosition(int Index, int Count, ImmutableArray<int> Items);

/// <summary>The part every shard file starts with.</summary>
public sealed record ShardHeader(int SchemaVersion, string Kind, string Tool, ShardPlan Plan, ShardPosition Shard, RunMetadata Metadata)
{
    public const int CurrentSchema = 1;

    public static ShardHeader Of(ShardPlan plan, ShardSpec shard, RunMetadata metadata) =>
        new(CurrentSchema, "shard", RunnerDocuments.Tool, plan, new ShardPosition(shard.Index, shard.Count, shard.Items(plan.PlanSize)), metadata);
}

public sealed record MonteCarloShardFile(ShardHeader Header, int Samples, int Seed, Kpis? Deterministic, bool NetworkReused, ImmutableArray<MonteCarloDraw> Draws);

public sealed record SweepShardFile(ShardHeader Header, ImmutableArray<string> Sets, bool NetworkReused, ImmutableArray<SweepPoint> Points);

public sealed record ComparisonShardFile(ShardHeader Header, string Region, string Currency, string Base, ImmutableArray<ComparisonItem> Items);

/// <param name="ShadowPrices">Only in the shard that holds plan item 0 (the base).</param>
public sealed record BarriersShardFile(ShardHeader Header, string Region, string Currency, ImmutableArray<string> Overrides, BarrierBase Base, ImmutableArray<BarrierItem> Items, ShadowPriceBlock? ShadowPrices);

/// <param name="Method">The --method text, parsed again by the merge exactly as the command parses it.</param>
public sealed record SharingShardFile(ShardHeader Header, string Method, int Samples, int Seed, ImmutableArray<CoalitionValue> Values)
{
    /// <summary>What is shared: money or money+co2 (share's --value).</summary>
    public string Value { get; init; } = "money";

    /// <summary>share's --target as a fraction (0.01 for ±1 %): the merge samples with it.</summary>
    public double Target { get; init; } = 0.01;

    /// <summary>share's --max-solves (null: the default budget): it decides the plan's tabulated parts, and the merge samples with it.</summary>
    public int? MaxSolves { get; init; }

    /// <summary>share's --max-separations (null: the default budget), for the merge's constraint generation.</summary>
    public int? MaxSeparations { get; init; }
}

/// <summary>Any shard file read for its header only.</summary>
public sealed record ShardProbe(ShardHeader? Header);

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ShardProbe))]
[JsonSerializable(typeof(MonteCarloShardFile))]
[JsonSerializable(typeof(SweepShardFile))]
[JsonSerializable(typeof(ComparisonShardFile))]
[JsonSerializable(typeof(BarriersShardFile))]
[JsonSerializable(typeof(SharingShardFile))]
public sealed partial class ShardJsonContext : JsonSerializerContext;

/// <summary>Shard files: their names, their text, and the fingerprint of the scenario they were cut from.</summary>
public static class ShardFiles
{
    private static readonly ShardJsonContext Json = new(new JsonSerializerOptions(DocumentJson.Options));

    /// <summary>montecarlo.shard-2-of-4.json: the command, then the shard, so a listing sorts by command and shard.</summary>
    public static string FileName(string command, ShardSpec shard) =>
        string.Create(CultureInfo.InvariantCulture, $"{command}.shard-{shard.Index}-of-{shard.Count}.json");

    public const string Pattern = "*.shard-*-of-*.json";

    public static string Serialize(MonteCarloShardFile f) => DocumentJson.Serialize(f, Json.MonteCarloShardFile);

    public static string Serialize(SweepShardFile f) => DocumentJson.Serialize(f, Json.SweepShardFile);

    public static string Serialize(ComparisonShardFile f) => DocumentJson.Serialize(f, Json.ComparisonShardFile);

    public static string Serialize(BarriersShardFile f) => DocumentJson.Serialize(f, Json.BarriersShardFile);

    public static string Serialize(SharingShardFile f) => DocumentJson.Serialize(f, Json.SharingShardFile);

    /// <summary>The header of a shard file, or null (with the reason) when the text is not one.</summary>
    public static ShardHeader? Probe(string text, out string error)
    {
        try
        {
            var h = JsonSerializer.Deserialize(text, Json.ShardProbe)?.Header;
            error = h is { Kind: "shard", Plan: not null, Shard: not null } ? string.Empty : "it is not a shard file (no 'header' of kind 'shard')";
            return error.Length == 0 ? h : null;
        }
        catch (JsonException ex)
        {
            error = $"it is not readable JSON ({ex.Message})";
            return null;
        }
    }

    /// <summary>The whole file as <typeparamref name="T"/>; null (with the reason) when it does not read as one.</summary>
    public static T? Read<T>(string text, out string error)
        where T : class
    {
        try
        {
            var info = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)Json.GetTypeInfo(typeof(T))!;
            var f = JsonSerializer.Deserialize(text, info);
            error = f is null ? "it is empty" : string.Empty;
            return f;
        }
        catch (JsonException ex)
        {
            error = $"it does not read as a {typeof(T).Name} ({ex.Message})";
            return null;
        }
    }

    /// <summary>
    /// SHA-256 over the scenario: a file's bytes, or for a folder every file in it (relative path, length and bytes, in
    /// ordinal path order), so any change to any input gives another hash.
    /// </summary>
    public static string HashScenario(string path)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (Directory.Exists(path))
        {
            // Output folders of symbiosis (they hold a manifest) are not inputs: a shard writing into the scenario's
            // folder must not change the hash its sibling shards see.
            var outputs = Directory.EnumerateFiles(path, ".symbiosis-*.files", SearchOption.AllDirectories)
                .Select(m => Path.GetDirectoryName(m)! + Path.DirectorySeparatorChar).ToList();
            foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                         .Where(f => !outputs.Any(o => f.StartsWith(o, StringComparison.Ordinal)))
                         .Select(f => (Full: f, Rel: Path.GetRelativePath(path, f).Replace(Path.DirectorySeparatorChar, '/')))
                         .OrderBy(f => f.Rel, StringComparer.Ordinal))
            {
                var bytes = File.ReadAllBytes(file.Full);
                sha.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{file.Rel}\n{bytes.Length}\n")));
                sha.AppendData(bytes);
            }
        }
        else
        {
            sha.AppendData(File.ReadAllBytes(path));
        }

        return "sha256:" + Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>The first field in which two plans differ, in words; null when they are the same plan.</summary>
    public static string? Difference(ShardPlan a, ShardPlan b, int countA, int countB)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Command != b.Command)
        {
            return $"the command is {a.Command} in one and {b.Command} in the other";
        }

        if (a.ScenarioHash != b.ScenarioHash || a.Source != b.Source || a.Scenario != b.Scenario)
        {
            return $"they were run on different scenarios ({a.Source} scenario '{a.Scenario}' {a.ScenarioHash[..19]}... against {b.Source} scenario '{b.Scenario}' {b.ScenarioHash[..19]}...)";
        }

        if (!a.Options.SequenceEqual(b.Options))
        {
            return $"the options differ ({string.Join(" ", a.Options)} against {string.Join(" ", b.Options)})";
        }

        if (a.PlanSize != b.PlanSize)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the plans have {a.PlanSize} and {b.PlanSize} items");
        }

        return countA != countB ? string.Create(CultureInfo.InvariantCulture, $"one was cut into {countA} shards, the other into {countB}") : null;
    }
}
