using System.Collections.Immutable;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SymbiosisOptimizer.Assessment.Coalitions;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Localization;
using SymbiosisOptimizer.Reports.Sharding;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Cli;

/// <summary>
/// <c>symbiosis merge DIR... --out DIR</c>: the shard files of one sharded run combined into the document set one
/// process writes for the whole plan, through the same aggregation, document build and writer as the command itself.
/// </summary>
internal static class MergeCommand
{
    private sealed record Found(string File, string Text, ShardHeader Header);

    private sealed class MergeException(string message) : Exception(message);

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var folders = new Argument<string[]>("folders") { Description = "Folders holding shard files (each shard's --out, or a folder of them), or the files themselves", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string>("--out", "-o") { Description = "Folder for the merged result: the same files one process writes for the whole run", Required = true };
        var lang = RunnerCommon.Lang();
        var cmd = new Command("merge", "Combine the shard files of a sharded montecarlo, sweep, compare, barriers or share run (--shard K/N) into one result")
        {
            folders, outDir, lang,
        };
        cmd.SetAction(parse =>
        {
            if (!RunnerCommon.TryLanguage(parse, lang, stderr, out var language))
            {
                return ExitCodes.Usage;
            }

            try
            {
                return Merge(parse.GetValue(folders)!, parse.GetValue(outDir)!, stdout, stderr, language);
            }
            catch (MergeException ex)
            {
                stderr.WriteLine("error: " + ex.Message + "; nothing was written");
                return ExitCodes.InvalidInput;
            }
        });
        return cmd;
    }

    private static int Merge(string[] folders, string outDir, TextWriter stdout, TextWriter stderr, Language language)
    {
        var watch = Stopwatch.StartNew();
        var shards = Find(folders);
        var first = shards[0];
        var plan = first.Header.Plan;
        var count = first.Header.Shard.Count;
        foreach (var s in shards)
        {
            if (s.Header.SchemaVersion != ShardHeader.CurrentSchema)
            {
                throw new MergeException($"{s.File}: shard schema {s.Header.SchemaVersion} is not the {ShardHeader.CurrentSchema} this version reads; run the shards and the merge with the same version");
            }

            if (ShardFiles.Difference(plan, s.Header.Plan, count, s.Header.Shard.Count) is { } why)
            {
                throw new MergeException($"{s.File} does not belong with {first.File}: {why}; merge only the shards of one run");
            }
        }

        var byIndex = new SortedDictionary<int, Found>();
        foreach (var s in shards)
        {
            var k = s.Header.Shard.Index;
            if (k < 0 || k >= count)
            {
                throw new MergeException(string.Create(CultureInfo.InvariantCulture, $"{s.File}: shard {k} of {count} does not exist"));
            }

            if (!byIndex.TryAdd(k, s))
            {
                throw new MergeException(string.Create(CultureInfo.InvariantCulture, $"shard {k}/{count} is there twice: {byIndex[k].File} and {s.File}; keep one of them"));
            }

            if (!s.Header.Shard.Items.SequenceEqual(new ShardSpec(k, count).Items(plan.PlanSize)))
            {
                throw new MergeException(string.Create(CultureInfo.InvariantCulture, $"{s.File}: its items are not those of shard {k}/{count} of a plan of {plan.PlanSize}"));
            }
        }

        var missing = Enumerable.Range(0, count).Where(k => !byIndex.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            var list = string.Join(", ", missing.Take(10).Select(k => string.Create(CultureInfo.InvariantCulture, $"{k}/{count}"))) + (missing.Count > 10 ? $" and {missing.Count - 10} more" : string.Empty);
            throw new MergeException($"{missing.Count} of the {count} shards of this {plan.Command} run are missing: {list}; run them (e.g. --shard {missing[0]}/{count}) or wait until they have finished");
        }

        var ordered = byIndex.Values.ToList();
        var timings = ordered.SelectMany(s => s.Header.Metadata.Timings.Select(t => StageTiming.Of(string.Create(CultureInfo.InvariantCulture, $"{t.Stage} (shard {s.Header.Shard.Index}/{count})"), t.Seconds))).ToList();
        RunMetadata Metadata() => RunMetadata.Now([.. timings, StageTiming.Of("merge", watch.Elapsed.TotalSeconds)]);
        var inputs = folders.Select(Path.GetFullPath).Append(plan.ScenarioPath).ToList();
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Merging {count} shards of a {plan.Command} run of {plan.Source} ({plan.PlanSize} items)..."));
        Interrupt.Doing($"merge of {count} {plan.Command} shards");
        return plan.Command switch
        {
            "montecarlo" => MonteCarloMerge(ordered, plan, outDir, inputs, Metadata, stdout, stderr, language),
            "sweep" => SweepMerge(ordered, plan, outDir, inputs, Metadata, stdout, stderr, language),
            "compare" => CompareMerge(ordered, plan, outDir, inputs, Metadata, stdout, stderr, language),
            "barriers" => BarriersMerge(ordered, plan, outDir, inputs, Metadata, stdout, stderr, language),
            "share" => ShareMerge(ordered, plan, outDir, inputs, Metadata, stdout, stderr, language),
            _ => throw new MergeException($"{first.File}: shards of '{plan.Command}' cannot be merged; the sharded commands are montecarlo, sweep, compare, barriers and share"),
        };
    }

    /// <summary>Every shard file in the folders (at their top and one level down), each read once.</summary>
    private static List<Found> Find(string[] folders)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var f in folders)
        {
            if (File.Exists(f))
            {
                files.Add(Path.GetFullPath(f));
            }
            else if (Directory.Exists(f))
            {
                foreach (var file in Directory.EnumerateFiles(f, ShardFiles.Pattern).Concat(Directory.EnumerateDirectories(f).SelectMany(d => Directory.EnumerateFiles(d, ShardFiles.Pattern))))
                {
                    files.Add(Path.GetFullPath(file));
                }
            }
            else
            {
                throw new MergeException($"'{f}' does not exist; give the folders the shards wrote into (their --out)");
            }
        }

        if (files.Count == 0)
        {
            throw new MergeException($"there are no shard files ({ShardFiles.Pattern}) in {string.Join(", ", folders)} or the folders just inside; give the folders the shards wrote into (their --out)");
        }

        var found = new List<Found>();
        foreach (var file in files)
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new MergeException($"{file}: cannot be read: {ex.Message}");
            }

            var header = ShardFiles.Probe(text, out var error) ?? throw new MergeException($"{file}: {error}");
            found.Add(new Found(file, text, header));
        }

        return found;
    }

    private static T Read<T>(Found f)
        where T : class =>
        ShardFiles.Read<T>(f.Text, out var error) ?? throw new MergeException($"{f.File}: {error}");

    /// <summary>The scenario the shards ran on, read again; it must be the very same files.</summary>
    private static Domain.Model.Region LoadScenario(ShardPlan plan, TextWriter stderr, out LoadResult load)
    {
        if (!File.Exists(plan.ScenarioPath) && !Directory.Exists(plan.ScenarioPath))
        {
            throw new MergeException($"the scenario the shards ran on, {plan.ScenarioPath}, is not there; merge where the scenario is at the same path");
        }

        if (ShardFiles.HashScenario(plan.ScenarioPath) != plan.ScenarioHash)
        {
            throw new MergeException($"the scenario {plan.ScenarioPath} has changed since the shards ran (its files no longer hash to {plan.ScenarioHash}); run the shards again");
        }

        load = ScenarioLoader.Load(plan.ScenarioPath, new LoadOptions(plan.Scenario == ScenarioLoader.BaseScenario ? null : plan.Scenario));
        Report.Diagnostics(load, stderr);
        return load.Region ?? throw new MergeException($"{plan.ScenarioPath}: the scenario no longer loads");
    }

    /// <summary>Places each shard's results (listed in its items' order) at their plan index.</summary>
    private static ImmutableArray<T> Place<T>(IReadOnlyList<Found> shards, int size, Func<Found, IReadOnlyList<T>> results, Func<int, bool>? include = null)
    {
        include ??= _ => true;
        var all = new T[size];
        foreach (var s in shards)
        {
            var items = s.Header.Shard.Items.Where(include).ToList();
            var r = results(s);
            if (r.Count != items.Count)
            {
                throw new MergeException(string.Create(CultureInfo.InvariantCulture, $"{s.File}: holds {r.Count} results for its {items.Count} items; the file is damaged, run the shard again"));
            }

            for (var i = 0; i < items.Count; i++)
            {
                all[items[i]] = r[i];
            }
        }

        return [.. all];
    }

    private static int Publish(string outDir, string kind, IReadOnlyCollection<string> inputs, TextWriter stderr, Func<OutputFolder, int> body) =>
        RunnerCommon.WithOutput(outDir, kind, inputs, stderr, body);

    private static int MonteCarloMerge(List<Found> shards, ShardPlan plan, string outDir, IReadOnlyCollection<string> inputs, Func<RunMetadata> metadata, TextWriter stdout, TextWriter stderr, Language language)
    {
        var files = shards.Select(Read<MonteCarloShardFile>).ToList();
        var region = LoadScenario(plan, stderr, out _);
        var draws = Place(shards, plan.PlanSize, s => files[shards.IndexOf(s)].Draws);
        if (draws.Select((d, i) => d.Sample.Index != i).Any(x => x))
        {
            throw new MergeException("a shard file holds samples under the wrong index; run the shards again");
        }

        var f = files[0];
        var result = MonteCarlo.Aggregate(region, f.Samples, f.Seed, f.Deterministic, f.NetworkReused, draws, files.Sum(x => x.Header.Metadata.Timings.Sum(t => t.Seconds)));
        var doc = MonteCarloDocument.Build(region, plan.Source, plan.Scenario, result, metadata());
        return Publish(outDir, "montecarlo", inputs, stderr, folder => MonteCarloCommand.Finish(folder, outDir, doc, inputs, stdout, stderr, language));
    }

    private static int SweepMerge(List<Found> shards, ShardPlan plan, string outDir, IReadOnlyCollection<string> inputs, Func<RunMetadata> metadata, TextWriter stdout, TextWriter stderr, Language language)
    {
        var files = shards.Select(Read<SweepShardFile>).ToList();
        var region = LoadScenario(plan, stderr, out _);
        var axes = new List<SweepAxis>();
        foreach (var text in files[0].Sets)
        {
            if (!SweepAxis.TryParse(region, text, out var axis, out var error))
            {
                throw new MergeException($"{shards[0].File}: --set {text}: {error}");
            }

            axes.Add(axis);
        }

        var points = Place(shards, plan.PlanSize, s => files[shards.IndexOf(s)].Points);
        var result = Sweep.Assemble(axes, points, files[0].NetworkReused);
        var doc = SweepDocument.Build(region, plan.Source, plan.Scenario, result, metadata());
        return Publish(outDir, "sweep", inputs, stderr, folder => SweepCommand.Finish(folder, outDir, doc, inputs, stdout, stderr, language));
    }

    private static int CompareMerge(List<Found> shards, ShardPlan plan, string outDir, IReadOnlyCollection<string> inputs, Func<RunMetadata> metadata, TextWriter stdout, TextWriter stderr, Language language)
    {
        var files = shards.Select(Read<ComparisonShardFile>).ToList();
        var items = Place(shards, plan.PlanSize, s => files[shards.IndexOf(s)].Items);
        var f = files[0];
        var doc = ComparisonDocument.Assemble(f.Region, plan.Source, f.Currency, f.Base, items, metadata());
        return Publish(outDir, "compare", inputs, stderr, folder => CompareCommand.Finish(folder, outDir, doc, inputs, stdout, stderr, language));
    }

    private static int BarriersMerge(List<Found> shards, ShardPlan plan, string outDir, IReadOnlyCollection<string> inputs, Func<RunMetadata> metadata, TextWriter stdout, TextWriter stderr, Language language)
    {
        var files = shards.Select(Read<BarriersShardFile>).ToList();
        var items = Place(shards, plan.PlanSize, s => files[shards.IndexOf(s)].Items, i => i > 0);
        var f = files[0];
        var prices = f.ShadowPrices ?? throw new MergeException($"{shards[0].File}: shard 0 holds no shadow prices; the file is damaged, run it again");
        var doc = BarriersDocument.Assemble(f.Region, plan.Source, f.Currency, plan.Scenario, f.Overrides, f.Base, items.Skip(1), prices, metadata());
        return Publish(outDir, "barriers", inputs, stderr, folder => BarriersCommand.Finish(folder, outDir, doc, inputs, stdout, stderr, language));
    }

    private static int ShareMerge(List<Found> shards, ShardPlan plan, string outDir, IReadOnlyCollection<string> inputs, Func<RunMetadata> metadata, TextWriter stdout, TextWriter stderr, Language language)
    {
        var files = shards.Select(Read<SharingShardFile>).ToList();
        var f = files[0];
        if (!ShareCommand.TryMethods(f.Method, out var methods, out var wantDual, out var errors))
        {
            throw new MergeException($"{shards[0].File}: --method {f.Method}: {string.Join("; ", errors)}");
        }

        var region = LoadScenario(plan, stderr, out var load);
        var solve = new SolveOptions(Cancel: Interrupt.Token);
        var optimum = ExchangeOptimizer.Optimize(region, new OptimizeOptions(solve));
        if (!optimum.HasSolution)
        {
            throw new MergeException($"the scenario has no solution ({optimum.Status.Text()}), so there is no gain to share");
        }

        var basis = f.Value == "money" ? ValueBasis.Money : ValueBasis.Objective;
        // The shards' sampling and budget settings, as the shards were asked for them: the plan depends on --max-solves,
        // and the merge samples and separates with --target, --max-solves and --max-separations.
        var options = new RegionSharingOptions(methods, wantDual, f.Samples, f.Seed, Solve: solve, Basis: basis, TargetRelativeHalfWidth: f.Target, MaxSolves: f.MaxSolves, MaxSeparations: f.MaxSeparations);
        var game = RegionGame.Build(region, solve, basis);
        if (CoalitionPlan.Of(game, options).Length != plan.PlanSize)
        {
            throw new MergeException(string.Create(CultureInfo.InvariantCulture, $"the scenario's game now has {CoalitionPlan.Of(game, options).Length} coalitions to value, the shards' plan {plan.PlanSize}; run the shards again"));
        }

        if (!CoalitionPlan.Preload(game, files.SelectMany(x => x.Values)))
        {
            throw new MergeException("a shard file names a coalition the scenario's game does not have; run the shards again");
        }

        var result = ShareCommand.AnalyseWithProgress(region, optimum, options, game, stderr);
        Interrupt.ThrowIfRequested();
        var doc = SharingDocument.Build(region, plan.Source, plan.Scenario, load.AppliedOverrides, result, metadata());
        return Publish(outDir, "share", inputs, stderr, folder => ShareCommand.FinishScenario(folder, outDir, doc, inputs, stdout, stderr, language));
    }
}
