using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Sharding;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Cli;

/// <summary>
/// Which shard a process runs: <c>--shard K/N</c>, or else the scheduler's index (Slurm job arrays:
/// SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN of SLURM_ARRAY_TASK_COUNT; Kubernetes Indexed Jobs: JOB_COMPLETION_INDEX
/// of <c>--shards N</c>).
/// </summary>
public static class ShardEnvironment
{
    /// <summary>
    /// The shard to run, or null for the whole plan; false (with a sentence naming the variable or option) when the
    /// given values do not make a shard.
    /// </summary>
    /// <param name="origin">Where the shard came from, for the console line.</param>
    public static bool TryResolve(string? shardText, int? shards, Func<string, string?> env, out ShardSpec? shard, out string origin, out string error)
    {
        ArgumentNullException.ThrowIfNull(env);
        shard = null;
        origin = string.Empty;
        if (shardText is not null)
        {
            if (!ShardSpec.TryParse(shardText.Trim(), out var s, out error))
            {
                error = "--shard: " + error;
                return false;
            }

            if (shards is { } n && n != s.Count)
            {
                error = string.Create(CultureInfo.InvariantCulture, $"--shard {shardText} and --shards {n} disagree; give one of them");
                return false;
            }

            (shard, origin) = (s, "--shard");
            return true;
        }

        static int? Int(string? v) => int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var x) ? x : null;
        var slurmId = env("SLURM_ARRAY_TASK_ID");
        if (!string.IsNullOrWhiteSpace(slurmId))
        {
            var id = Int(slurmId);
            var minText = env("SLURM_ARRAY_TASK_MIN");
            var min = string.IsNullOrWhiteSpace(minText) ? 0 : Int(minText);
            var countText = env("SLURM_ARRAY_TASK_COUNT");
            var count = shards ?? Int(countText);
            if (id is null || min is null)
            {
                error = $"SLURM_ARRAY_TASK_ID '{slurmId}' or SLURM_ARRAY_TASK_MIN '{minText}' is not a whole number";
                return false;
            }

            if (count is null)
            {
                error = "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not; give the number of shards with --shards N";
                return false;
            }

            if (!ShardSpec.TryCreate(id.Value - min.Value, count.Value, out var s, out error))
            {
                error = string.Create(CultureInfo.InvariantCulture,
                    $"SLURM_ARRAY_TASK_ID {id} - SLURM_ARRAY_TASK_MIN {min} of {count} shards: {error}; submit the array as --array=0-{count - 1} (no step, no gaps) or give --shard K/N");
                return false;
            }

            (shard, origin) = (s, string.Create(CultureInfo.InvariantCulture, $"SLURM_ARRAY_TASK_ID={id}"));
            return true;
        }

        var k8s = env("JOB_COMPLETION_INDEX");
        if (!string.IsNullOrWhiteSpace(k8s))
        {
            if (shards is not { } n)
            {
                error = "JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job): give the number of shards, the Job's completions, with --shards N";
                return false;
            }

            if (Int(k8s) is not { } index || !ShardSpec.TryCreate(index, n, out var s, out error))
            {
                error = string.Create(CultureInfo.InvariantCulture, $"JOB_COMPLETION_INDEX '{k8s}' is not a shard of --shards {n}; set completions: {n} on the Job");
                return false;
            }

            (shard, origin) = (s, string.Create(CultureInfo.InvariantCulture, $"JOB_COMPLETION_INDEX={index}"));
            return true;
        }

        if (shards is not null)
        {
            error = "--shards N takes the shard's index from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX, and neither is set; to run one shard by hand give --shard K/N";
            return false;
        }

        error = string.Empty;
        return true;
    }
}

/// <summary>What the sharded commands share: the options, the plan's fingerprint and the writing of one shard file.</summary>
internal static class Sharding
{
    public static Option<string?> ShardOption() => new("--shard") { Description = "Run only shard K of N (0-based: 0/4 .. 3/4) of the fixed work plan and write a shard file for 'symbiosis merge'" };

    public static Option<int?> ShardsOption() => new("--shards") { Description = "Number of shards when the index comes from the scheduler (SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX)" };

    /// <summary>The shard of this process from the options and the environment; false after a plain error.</summary>
    public static bool TryGet(ParseResult parse, Option<string?> shard, Option<int?> shards, TextWriter stderr, out ShardSpec? spec)
    {
        if (!ShardEnvironment.TryResolve(parse.GetValue(shard), parse.GetValue(shards), Environment.GetEnvironmentVariable, out spec, out var origin, out var error))
        {
            stderr.WriteLine("error: " + error);
            return false;
        }

        if (spec is { } s && origin != "--shard")
        {
            stderr.WriteLine($"Running shard {s} (from {origin}).");
        }

        return true;
    }

    /// <summary>The fingerprint of a plan over the scenario at <paramref name="path"/>.</summary>
    public static ShardPlan Plan(string command, string path, string source, string scenario, IEnumerable<string> options, int planSize) =>
        new(command, source, Path.GetFullPath(path), scenario, ShardFiles.HashScenario(Path.GetFullPath(path)), [.. options], planSize);

    public static string Option(string name, object? value) =>
        string.Create(CultureInfo.InvariantCulture, $"{name}={value}");

    /// <summary>Options every solving command has, as fingerprint entries.</summary>
    public static IEnumerable<string> SolveOptions(ParseResult parse, Option<string> solver, Option<double?> timeLimit) =>
        [Option("solver", parse.GetValue(solver)), Option("time-limit", parse.GetValue(timeLimit)?.ToString("R", CultureInfo.InvariantCulture) ?? "none")];

    /// <summary>Where a shard writes when --out is not given: beside the merged result, one folder per shard.</summary>
    public static string DefaultDir(string resultDir, ShardSpec shard) =>
        Path.Combine(resultDir + "-shards", string.Create(CultureInfo.InvariantCulture, $"{shard.Index}-of-{shard.Count}"));

    /// <summary>Writes one shard file into --out (all or nothing, like every output folder) and says where.</summary>
    public static int Write(string dir, string command, ShardSpec shard, IReadOnlyCollection<string> inputs, TextWriter stdout, TextWriter stderr, Func<string> content)
    {
        var name = ShardFiles.FileName(command, shard);
        return RunnerCommon.WithOutput(dir, $"{command}-shard-{shard.Index}-of-{shard.Count}", inputs, stderr, folder =>
        {
            var text = content();
            if (!RunnerCommon.Publish(folder, true, staging => AtomicFile.WriteAllText(Path.Combine(staging, name), text, inputs), stderr, out var failure))
            {
                return failure;
            }

            stdout.WriteLine($"Wrote shard {shard} to {Path.Combine(dir, name)}; combine every shard with: symbiosis merge <shard folders> --out <folder>");
            return ExitCodes.Ok;
        });
    }

    public static ShardHeader Header(ShardPlan plan, ShardSpec shard, string stage, double seconds) =>
        ShardHeader.Of(plan, shard, RunMetadata.Now([StageTiming.Of(stage, seconds)]));

    public static IReadOnlyCollection<string> Inputs(string path) => [ScenarioLoader.ResolvePath(path)];

    public static ImmutableArray<string> Scenarios(IEnumerable<string> names) => [.. names];
}
