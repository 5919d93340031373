using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Cli;
using SymbiosisOptimizer.Optimization.Solvers;
using static SymbiosisOptimizer.Tests.Runner.RunnerFixtures;

namespace SymbiosisOptimizer.Tests.Runner;

/// <summary>What one process writes and what merged shards write, compared file by file.</summary>
internal static class SameResult
{
    /// <summary>A document without its run-metadata block (timings, machine), the one part allowed to differ.</summary>
    public static string StableJson(string file)
    {
        var node = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        Assert.True(node.Remove("metadata"), $"{file} has a metadata block");
        return node.ToJsonString();
    }

    /// <summary>
    /// The workbook's parts, without the package's core properties (ClosedXML stamps the creation time and names the
    /// part at random) and the package relationship that names that part: the workbook's own run metadata.
    /// </summary>
    private static SortedDictionary<string, byte[]> Parts(string xlsx)
    {
        using var zip = ZipFile.OpenRead(xlsx);
        var parts = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var e in zip.Entries.Where(e => !e.FullName.StartsWith("package/services/metadata/core-properties/", StringComparison.Ordinal) && e.FullName != "_rels/.rels"))
        {
            using var s = e.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            parts[e.FullName] = m.ToArray();
        }

        return parts;
    }

    private static string StableHtml(string file) =>
        Regex.Replace(File.ReadAllText(file), "<footer class=\"metadata\".*?</footer>", string.Empty, RegexOptions.Singleline, TimeSpan.FromSeconds(5));

    /// <summary>Every file of <paramref name="single"/> is in <paramref name="merged"/> with the same content, and no other.</summary>
    public static void Assert_same_set(string single, string merged)
    {
        static List<string> Files(string dir) => [.. Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f)).Order(StringComparer.Ordinal)];
        var files = Files(single);
        Assert.NotEmpty(files);
        Assert.Equal(files, Files(merged));
        foreach (var f in files)
        {
            var (a, b) = (Path.Combine(single, f), Path.Combine(merged, f));
            switch (Path.GetExtension(f))
            {
                case ".json":
                    Assert.Equal(StableJson(a), StableJson(b));
                    break;
                case ".xlsx":
                    var (pa, pb) = (Parts(a), Parts(b));
                    Assert.Equal(pa.Keys, pb.Keys);
                    foreach (var k in pa.Keys)
                    {
                        Assert.True(pa[k].AsSpan().SequenceEqual(pb[k]), $"{f}: part {k} differs");
                    }

                    break;
                case ".html":
                    Assert.Equal(StableHtml(a), StableHtml(b));
                    break;
                default:
                    Assert.True(File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b)), $"{f} differs");
                    break;
            }
        }
    }
}

/// <summary>
/// Every sharded command, cut into shards and merged, writes exactly what one process writes for the whole plan (the
/// expected result is the single process's own output, computed by the command's unsharded path); broken sets of
/// shards are refused with the reason.
/// </summary>
public sealed class ShardMergeTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "symbiosis-shards-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private string Dir(params string[] parts) => Path.Combine([root, .. parts]);

    private static void Ok((int Code, string Out, string Err) r, string what) => Assert.True(r.Code == ExitCodes.Ok, $"{what}: exit {r.Code}: {r.Err}");

    private void Shards(string[] command, int n, string folder, params int[] which)
    {
        foreach (var k in which.Length > 0 ? which : Enumerable.Range(0, n))
        {
            Ok(CliHarness.Run([.. command, "--shard", $"{k}/{n}", "--out", Dir(folder, k.ToString(System.Globalization.CultureInfo.InvariantCulture))]), $"shard {k}/{n}");
        }
    }

    public static TheoryData<string[]> Commands => new()
    {
        { ["montecarlo", VarmlandPath, "--samples", "5", "--seed", "3"] },
        { ["sweep", VarmlandPath, "--set", "policies.landfillTax=0..1500:500 SEK/t"] },
        { ["compare", VarmlandPath] },
        // Barriers and share on small fixtures: on the bundled scenario each took 35-45 s with 3 shards on the loaded
        // 2-core machine, and the merge path is the same (tiny: base and 5 barriers; transport-game: a 4-actor group
        // valued by every coalition).
        { ["barriers", TinyPath] },
        { ["share", TestPaths.Fixture("transport-game")] },

        // Share with --target and --max-solves: the 23-actor group is sampled (a budget of 60 coalitions tabulates no
        // part), so a merge that ignored either would plan other coalitions or sample differently.
        { ["share", VarmlandPath, "--method", "shapley", "--max-solves", "60", "--target", "20"] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Three_shards_merge_to_what_one_process_writes(string[] command)
    {
        Ok(CliHarness.Run([.. command, "--out", Dir("single")]), "single process");
        Shards(command, 3, "shards");
        Ok(CliHarness.Run("merge", Dir("shards"), "--out", Dir("merged")), "merge");
        SameResult.Assert_same_set(Dir("single"), Dir("merged"));
    }

    [Fact]
    public void More_shards_than_samples_leaves_some_empty_and_still_merges()
    {
        string[] command = ["montecarlo", VarmlandPath, "--samples", "2"];
        Ok(CliHarness.Run([.. command, "--out", Dir("single")]), "single process");
        Shards(command, 3, "shards");
        Ok(CliHarness.Run("merge", Dir("shards", "0"), Dir("shards", "1"), Dir("shards", "2"), "--out", Dir("merged")), "merge");
        SameResult.Assert_same_set(Dir("single"), Dir("merged"));
    }

    [Fact]
    public void A_sample_draws_the_same_inputs_alone_or_in_a_shard()
    {
        // Sample i draws from seed + i, so shard 1 of 3 (samples 1 and 4) must hold exactly samples 1 and 4 of the whole run.
        var whole = MonteCarlo.Run(Varmland, 5, 11, new SolveOptions());
        var part = MonteCarlo.RunShard(Varmland, 5, 11, new SolveOptions(), new ShardSpec(1, 3));
        Assert.Equal([1, 4], part.Draws.Select(d => d.Sample.Index));
        foreach (var d in part.Draws)
        {
            Assert.Equal<double>(whole.Draws[d.Sample.Index].Inputs, d.Sample.Inputs);
            Assert.Equal(whole.Draws[d.Sample.Index].Kpis, d.Sample.Kpis);
        }
    }

    [Fact]
    public void A_missing_shard_is_named_and_nothing_is_written()
    {
        string[] command = ["montecarlo", VarmlandPath, "--samples", "3"];
        Shards(command, 3, "shards", 0, 2);
        var (code, _, err) = CliHarness.Run("merge", Dir("shards"), "--out", Dir("merged"));
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("1 of the 3 shards", err, StringComparison.Ordinal);
        Assert.Contains("1/3", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Dir("merged")));
    }

    [Fact]
    public void A_duplicate_shard_is_refused_naming_both_files()
    {
        string[] command = ["montecarlo", VarmlandPath, "--samples", "3"];
        Shards(command, 2, "shards");
        Directory.CreateDirectory(Dir("copy"));
        File.Copy(Dir("shards", "0", "montecarlo.shard-0-of-2.json"), Dir("copy", "montecarlo.shard-0-of-2.json"));
        var (code, _, err) = CliHarness.Run("merge", Dir("shards"), Dir("copy"), "--out", Dir("merged"));
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("shard 0/2 is there twice", err, StringComparison.Ordinal);
        Assert.Contains(Dir("copy"), err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shard_of_other_options_or_another_cut_is_refused()
    {
        Shards(["montecarlo", VarmlandPath, "--samples", "3"], 2, "a", 0);
        Shards(["montecarlo", VarmlandPath, "--samples", "3", "--seed", "9"], 2, "a", 1);
        var (code, _, err) = CliHarness.Run("merge", Dir("a"), "--out", Dir("merged"));
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("the options differ", err, StringComparison.Ordinal);

        Shards(["montecarlo", VarmlandPath, "--samples", "3"], 2, "b", 0);
        Shards(["montecarlo", VarmlandPath, "--samples", "3"], 3, "b", 1);
        (code, _, err) = CliHarness.Run("merge", Dir("b"), "--out", Dir("merged"));
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("cut into 2 shards, the other into 3", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shard_of_another_scenario_file_or_a_changed_scenario_is_refused()
    {
        var copy = Dir("scenario");
        CopyFolder(VarmlandPath, copy);
        Shards(["montecarlo", copy, "--samples", "3"], 2, "shards");

        // The same scenario after an edit (a comment changes its bytes, not its meaning): another file.
        File.AppendAllText(Path.Combine(copy, "scenario.yaml"), "\n# edited after the shards ran\n");
        var (code, _, err) = CliHarness.Run("merge", Dir("shards"), "--out", Dir("merged"));
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("has changed since the shards ran", err, StringComparison.Ordinal);

        Shards(["montecarlo", copy, "--samples", "3"], 2, "mixed", 1);
        File.Copy(Dir("shards", "0", "montecarlo.shard-0-of-2.json"), Dir("mixed", "montecarlo.shard-0-of-2.json"));
        (code, _, err) = CliHarness.Run("merge", Dir("mixed"), "--out", Dir("merged"));
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("different scenarios", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Merging_again_into_the_same_folder_gives_the_same_result()
    {
        string[] command = ["sweep", VarmlandPath, "--set", "policies.landfillTax=0..1000:500 SEK/t"];
        Shards(command, 2, "shards");
        Ok(CliHarness.Run("merge", Dir("shards"), "--out", Dir("merged")), "first merge");
        var first = SameResult.StableJson(Dir("merged", "sweep.json"));
        Ok(CliHarness.Run("merge", Dir("shards"), "--out", Dir("merged")), "second merge");
        Assert.Equal(first, SameResult.StableJson(Dir("merged", "sweep.json")));
    }

    [Fact]
    public void A_folder_without_shard_files_is_a_plain_error()
    {
        Directory.CreateDirectory(Dir("empty"));
        var (code, _, err) = CliHarness.Run("merge", Dir("empty"), "--out", Dir("merged"));
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("no shard files", err, StringComparison.Ordinal);
        File.WriteAllText(Dir("empty", "x.shard-0-of-1.json"), "{\"not\": \"a shard\"}");
        (code, _, err) = CliHarness.Run("merge", Dir("empty"), "--out", Dir("merged"));
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("not a shard file", err, StringComparison.Ordinal);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var f in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
    }
}

/// <summary>Which shard a process runs, from --shard or the scheduler's variables (expected shards worked out by hand).</summary>
public sealed class ShardEnvironmentTests
{
    private static (bool Ok, ShardSpec? Shard, string Error) Resolve(string? shard, int? shards, params (string Name, string Value)[] env)
    {
        var vars = env.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        var ok = ShardEnvironment.TryResolve(shard, shards, n => vars.GetValueOrDefault(n), out var s, out _, out var error);
        return (ok, s, error);
    }

    [Fact]
    public void Shard_option_counts_from_zero()
    {
        Assert.Equal(new ShardSpec(2, 4), Resolve("2/4", null).Shard);
        var (ok, _, error) = Resolve("4/4", null);
        Assert.False(ok);
        Assert.Contains("count from 0 to 3", error, StringComparison.Ordinal);
        Assert.False(Resolve("two/4", null).Ok);
        Assert.False(Resolve("1/4", 3).Ok);
    }

    [Fact]
    public void Slurm_array_index_is_taken_from_its_minimum()
    {
        // --array=1-4: task ids 1..4, SLURM_ARRAY_TASK_MIN=1; task id 3 is the third task, shard 3 - 1 = 2 of 4.
        Assert.Equal(new ShardSpec(2, 4), Resolve(null, null, ("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_COUNT", "4")).Shard);
        Assert.Equal(new ShardSpec(3, 4), Resolve(null, null, ("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_COUNT", "4")).Shard);

        // --array=0-12:4 has four tasks with ids 0, 4, 8, 12: id 4 is no shard of 4, and the message says how to submit.
        var (ok, _, error) = Resolve(null, null, ("SLURM_ARRAY_TASK_ID", "4"), ("SLURM_ARRAY_TASK_MIN", "0"), ("SLURM_ARRAY_TASK_COUNT", "4"));
        Assert.False(ok);
        Assert.Contains("--array=0-3", error, StringComparison.Ordinal);
        Assert.False(Resolve(null, null, ("SLURM_ARRAY_TASK_ID", "1")).Ok);
    }

    [Fact]
    public void Kubernetes_completion_index_needs_the_number_of_shards()
    {
        Assert.Equal(new ShardSpec(2, 4), Resolve(null, 4, ("JOB_COMPLETION_INDEX", "2")).Shard);
        var (ok, _, error) = Resolve(null, null, ("JOB_COMPLETION_INDEX", "2"));
        Assert.False(ok);
        Assert.Contains("--shards N", error, StringComparison.Ordinal);
        Assert.False(Resolve(null, 2, ("JOB_COMPLETION_INDEX", "2")).Ok);
    }

    [Fact]
    public void Without_option_or_scheduler_the_whole_plan_runs()
    {
        var (ok, shard, _) = Resolve(null, null);
        Assert.True(ok);
        Assert.Null(shard);
        Assert.False(Resolve(null, 4).Ok);
    }
}
