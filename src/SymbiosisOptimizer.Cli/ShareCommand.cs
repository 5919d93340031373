using System.Collections.Immutable;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SymbiosisOptimizer.Assessment.Coalitions;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Assessment.Sharing;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Localization;
using SymbiosisOptimizer.Reports.Sharding;

namespace SymbiosisOptimizer.Cli;

internal static class ShareCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var path = new Argument<string?>("path") { Description = "A scenario folder or .yaml file (omit with --game)", Arity = ArgumentArity.ZeroOrOne };
        var scenario = CommonOptions.Scenario();
        var game = new Option<string?>("--game") { Description = "Share a game given as CSV 'coalition,value' (players joined by '+', e.g. A+B,120)" };
        var kind = new Option<string?>("--kind") { Description = "With --game: value (a benefit game) or cost (a cost game); default from the CSV header" };
        var method = new Option<string>("--method") { Description = "shapley, nucleolus, leastcore, dual, equal, proportional, shapley-stratified, shapley-sampled (random permutations), or all (comma-separated)", DefaultValueFactory = _ => "all" };
        var samples = new Option<int>("--samples") { Description = "Sampling budget in permutations: shapley-sampled draws this many; stratified Shapley (what shapley uses on large groups) values at most this many times a part's actors in coalitions, unless --max-solves is given", DefaultValueFactory = _ => 2000 };
        var target = new Option<double>("--target") { Description = "Stratified Shapley stops when every 95 % half-width is within this percentage of max(|share|, mean |share|)", DefaultValueFactory = _ => 1.0 };
        var maxSolves = new Option<int?>("--max-solves") { Description = "Cap on the coalitions stratified Shapley values per part (each at most one solve), and the budget under which a part's coalitions are all solved instead; default --samples x the part's actors, at most 10000" };
        var solveBudget = new Option<int?>("--solve-budget") { Description = "Coalitions stratified Shapley may value in the whole run, shared by the sampled parts of every group in order (each takes its part of what is left, n^2 weights); a count, so the same input gives the same output; each share states the half-width it reached; default 10000" };
        var separationBudget = new Option<int?>("--separation-budget") { Description = "Separation MILPs the least core, subsidy, nucleolus and core checks of the groups separated by MILP may solve in the whole run, shared by those groups in order (each takes an even part of what is left), on top of --max-separations per step; a count, so the same input gives the same output; a step it stops says it is not certified and what bounds it reached; default 60" };
        var maxSeparations = new Option<int?>("--max-separations") { Description = "Cap on the separation MILPs of each least core, subsidy and nucleolus step of a group separated by MILP (a count, so the same input gives the same output); a step it stops says what it reached; default 25" };
        var seed = new Option<int>("--seed") { Description = "Seed for sampled Shapley (same seed, same result)", DefaultValueFactory = _ => 1 };
        var outDir = new Option<string?>("--out", "-o") { Description = "Folder for sharing.json (default: out/<scenario folder>/<scenario>, or out/<game file>)" };
        var value = new Option<string>("--value") { Description = "What is shared: money (money saved per year, the report's net benefit) or money+co2 (the objective's gain: money plus CO2e, and landfill where valued, at the scenario's prices)", DefaultValueFactory = _ => "money" };
        var shard = Sharding.ShardOption();
        var shards = Sharding.ShardsOption();
        var lang = RunnerCommon.Lang();
        var cmd = new Command("share", "Split the gain of cooperation fairly: Shapley value, nucleolus, least core, LP-dual core allocation, side payments and price ranges")
        {
            path, scenario, game, kind, method, samples, seed, outDir, value, shard, shards, target, maxSolves, solveBudget, separationBudget, maxSeparations, lang,
        };
        cmd.SetAction(parse =>
        {
            if (!RunnerCommon.TryLanguage(parse, lang, stderr, out var language))
            {
                return ExitCodes.Usage;
            }

            var methodText = parse.GetValue(method)!;
            var wantDual = methodText.Split(',').Any(m => m.Trim() is "dual" or "all");
            var rest = string.Join(",", methodText.Split(',').Select(m => m.Trim()).Where(m => m != "dual"));
            var methods = ImmutableArray<SharingMethod>.Empty;
            if (rest.Length > 0 && !SharingMethods.TryParse(rest, out methods, out var errors))
            {
                foreach (var e in errors)
                {
                    stderr.WriteLine("error: --method: " + e);
                }

                return ExitCodes.Usage;
            }

            if (!RunnerCommon.InRange("--samples", parse.GetValue(samples), 2, MonteCarloCommand.MaxSamples, stderr)
                || !RunnerCommon.InRange("--seed", parse.GetValue(seed), 0, int.MaxValue, stderr)
                || (parse.GetValue(maxSolves) is { } cap && !RunnerCommon.InRange("--max-solves", cap, 1, int.MaxValue, stderr))
                || (parse.GetValue(solveBudget) is { } budget && !RunnerCommon.InRange("--solve-budget", budget, 1, int.MaxValue, stderr))
                || (parse.GetValue(separationBudget) is { } sepBudget && !RunnerCommon.InRange("--separation-budget", sepBudget, 0, 1_000_000, stderr))
                || (parse.GetValue(maxSeparations) is { } seps && !RunnerCommon.InRange("--max-separations", seps, 1, 1_000_000, stderr)))
            {
                return ExitCodes.Usage;
            }

            var targetPercent = parse.GetValue(target);
            if (!(targetPercent > 0 && targetPercent <= 100))
            {
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: --target {targetPercent} is not allowed; give a percentage above 0 and at most 100 (e.g. 1 for ±1 %)"));
                return ExitCodes.Usage;
            }

            var sampling = new Sampling(parse.GetValue(samples), parse.GetValue(seed), targetPercent / 100, parse.GetValue(maxSolves), parse.GetValue(maxSeparations)) { SolveBudget = parse.GetValue(solveBudget), SeparationBudget = parse.GetValue(separationBudget) };

            var valueText = parse.GetValue(value)!;
            if (valueText is not ("money" or "money+co2"))
            {
                stderr.WriteLine($"error: --value '{valueText}' is not allowed; use money or money+co2");
                return ExitCodes.Usage;
            }

            var basis = valueText == "money" ? ValueBasis.Money : ValueBasis.Objective;
            var gameFile = parse.GetValue(game);
            var p = parse.GetValue(path);
            if ((gameFile is null) == (p is null))
            {
                stderr.WriteLine("error: give either a scenario path or --game FILE.csv (not both, not neither)");
                return ExitCodes.Usage;
            }

            if (!Sharding.TryGet(parse, shard, shards, stderr, out var spec))
            {
                return ExitCodes.Usage;
            }

            if (spec is not null && gameFile is not null)
            {
                stderr.WriteLine("error: --shard shards the coalition values the optimiser computes; a game from --game has its values given, so there is nothing to shard");
                return ExitCodes.Usage;
            }

            if (spec is { } part)
            {
                if (sampling.SolveBudget is not null)
                {
                    stderr.WriteLine($"error: --solve-budget is spent where the shares are computed, by 'merge', which uses the default of {RegionSharing.DefaultSolveBudget}; a shard only values the coalitions to tabulate");
                    return ExitCodes.Usage;
                }

                if (sampling.SeparationBudget is not null)
                {
                    stderr.WriteLine($"error: --separation-budget is spent where the shares are computed, by 'merge', which uses the default of {RegionSharing.DefaultSeparationBudget}; a shard only values the coalitions to tabulate");
                    return ExitCodes.Usage;
                }

                return ShareShard(p!, parse.GetValue(scenario), methodText, methods, wantDual, sampling, parse.GetValue(outDir), part, basis, stdout, stderr);
            }

            return gameFile is not null
                ? ShareGame(gameFile, parse.GetValue(kind), methods, sampling, parse.GetValue(outDir), stdout, stderr, language)
                : ShareScenario(p!, parse.GetValue(scenario), methods, wantDual, sampling, parse.GetValue(outDir), basis, stdout, stderr, language);
        });
        return cmd;
    }

    /// <summary>The sampling settings of the command line.</summary>
    /// <param name="Target">Stratified Shapley's target half-width as a fraction (0.01 for ±1 %).</param>
    private sealed record Sampling(int Samples, int Seed, double Target, int? MaxSolves, int? MaxSeparations)
    {
        /// <summary>--solve-budget: coalitions stratified Shapley may value in the whole run; null: the default.</summary>
        public int? SolveBudget { get; init; }

        /// <summary>--separation-budget: separation MILPs of the whole run; null: the default.</summary>
        public int? SeparationBudget { get; init; }
    }

    private static int ShareGame(string file, string? kindText, ImmutableArray<SharingMethod> methods, Sampling sampling, string? outDir, TextWriter stdout, TextWriter stderr, Language language)
    {
        if (kindText is not null and not ("value" or "cost"))
        {
            stderr.WriteLine($"error: --kind '{kindText}' is not allowed; use value or cost");
            return ExitCodes.Usage;
        }

        if (!File.Exists(file))
        {
            stderr.WriteLine($"{file}: error: the file does not exist");
            return ExitCodes.InvalidInput;
        }

        var read = GameCsvReader.ReadFile(file);
        foreach (var e in read.Errors)
        {
            stderr.WriteLine(e.ToString());
        }

        if (!read.Success)
        {
            stderr.WriteLine($"{file}: invalid: {read.Errors.Length} error(s); nothing was computed.");
            return ExitCodes.InvalidInput;
        }

        var g = read.Game!;
        if (kindText is not null)
        {
            var wanted = kindText == "cost" ? GameKind.Cost : GameKind.Value;
            if (wanted != g.Kind)
            {
                g = CooperativeGame.FromValues(g.Players, g.ToArray(), wanted);
            }
        }

        var dir = outDir ?? Path.Combine("out", Path.GetFileNameWithoutExtension(file));
        Interrupt.Doing($"share of the game {file}");
        return RunnerCommon.WithOutput(dir, "share", [file], stderr, folder =>
        {
            var watch = Stopwatch.StartNew();
            var stratified = new StratifiedShapleyOptions(sampling.Seed, sampling.Target, sampling.MaxSolves ?? (int)Math.Min(int.MaxValue, (long)sampling.Samples * g.PlayerCount));
            var report = SharingReportBuilder.Build(g, methods, new SharingReportOptions(new SampledShapleyOptions(sampling.Seed, sampling.Samples), Stratified: stratified));
            Interrupt.ThrowIfRequested();
            var doc = GameSharingDocument.Build(file, report, RunnerCommon.Metadata("share", watch));
            if (!RunnerCommon.Publish(folder, true, staging => RunnerCommon.Write(staging, RunnerOutputs.Of(doc, language), [file]), stderr, out var failure))
            {
                return failure;
            }

            stdout.WriteLine($"{file}: {g.PlayerCount} players, {(g.Kind == GameKind.Cost ? "cost" : "benefit")} game, v(N) = {g.GrandValue.ToString("#,##0.00", CultureInfo.InvariantCulture)}");
            stdout.Write(SharingReportBuilder.RenderTable(doc.Report));

            stdout.WriteLine($"Wrote {Path.Combine(dir, "sharing.json")}, {Path.Combine(dir, "sharing.xlsx")} and {Path.Combine(dir, "sharing.html")}");
            return ExitCodes.Ok;
        });
    }

    private static int ShareScenario(string path, string? scenarioName, ImmutableArray<SharingMethod> methods, bool wantDual, Sampling sampling, string? outDir, ValueBasis basis, TextWriter stdout, TextWriter stderr, Language language)
    {
        var load = RunnerCommon.Load(path, scenarioName, stderr);
        if (load is null)
        {
            return ExitCodes.InvalidInput;
        }

        var region = load.Region!;
        var dir = outDir ?? RunnerCommon.DefaultDir(path, load.ScenarioName);
        Interrupt.Doing($"share of {path} (scenario {load.ScenarioName})");
        return RunnerCommon.WithOutput(dir, "share", RunnerCommon.Inputs(path), stderr, folder =>
        {
            var solve = new SolveOptions(Cancel: Interrupt.Token);
            var plan = ExchangeOptimizer.Optimize(region, new OptimizeOptions(solve));
            Interrupt.ThrowIfRequested();
            if (!plan.HasSolution)
            {
                stderr.WriteLine($"The scenario has no solution ({plan.Status.Text()}), so there is no gain to share.");
                foreach (var line in plan.Explanation)
                {
                    stderr.WriteLine(line);
                }

                return ExitCodes.NoSolution;
            }

            var watch = Stopwatch.StartNew();

            // The coalitions to tabulate are valued first, with a progress bar; the analysis then finds them cached.
            var options = new RegionSharingOptions(methods, wantDual, sampling.Samples, sampling.Seed, Solve: solve, Basis: basis, TargetRelativeHalfWidth: sampling.Target, MaxSolves: sampling.MaxSolves, MaxSeparations: sampling.MaxSeparations, SolveBudget: sampling.SolveBudget, SeparationBudget: sampling.SeparationBudget);
            var game = RegionGame.Build(region, solve, basis);
            var coalitions = CoalitionPlan.Of(game, options);
            RunnerCommon.Track(stderr, "coalitions", report => CoalitionPlan.Compute(game, coalitions, ShardSpec.Whole, report, Interrupt.Token));
            var result = AnalyseWithProgress(region, plan, options, game, stderr);
            Interrupt.ThrowIfRequested();
            var doc = SharingDocument.Build(region, load.SourceFile, load.ScenarioName, load.AppliedOverrides, result, RunnerCommon.Metadata("share", watch));
            return FinishScenario(folder, dir, doc, RunnerCommon.Inputs(path), stdout, stderr, language);
        });
    }

    /// <summary>
    /// The analysis with a progress line for every step after the coalitions: each sampling round, and each least-core,
    /// subsidy and nucleolus step of every group, with the time left at the rate so far (plain lines on stderr, so
    /// they work in logs, pipes and terminals alike; the steps follow each other, so one bar would mislead).
    /// </summary>
    internal static RegionSharingResult AnalyseWithProgress(Region region, OptimizationResult plan, RegionSharingOptions options, RegionGame game, TextWriter stderr)
    {
        var step = string.Empty;
        var start = 0;
        ProgressReport? report = null;
        var watch = Stopwatch.StartNew();
        var gate = new object();
        void Generation(int group, int actors, GenerationProgress p)
        {
            lock (gate)
            {
                // The nucleolus's stages share one budget, so they are one step with the stage in the label.
                var what = p.Step.StartsWith("nucleolus", StringComparison.Ordinal) ? "nucleolus" : p.Step;
                var name = string.Create(CultureInfo.InvariantCulture, $"{what} of group {group + 1} ({actors} actors)");
                if (name != step)
                {
                    (step, report, start) = (name, Lines(stderr, "separations: " + name), p.Separations - 1);
                    watch.Restart();
                }

                var done = p.Separations - start;
                var left = watch.Elapsed.TotalSeconds / Math.Max(1, done) * Math.Max(0, p.MaxSeparations - p.Separations);
                var bounds = double.IsFinite(p.Lower) && double.IsFinite(p.Upper)
                    ? string.Create(CultureInfo.InvariantCulture, $"least-core value between {p.Lower.ToString("#,##0", CultureInfo.InvariantCulture)} and {p.Upper.ToString("#,##0", CultureInfo.InvariantCulture)}, ")
                    : string.Empty;
                var stage = what == p.Step ? string.Empty : p.Step[what.Length..].Trim() + ", ";
                report!(Math.Min(p.Separations, p.MaxSeparations), p.MaxSeparations, string.Create(CultureInfo.InvariantCulture, $"{stage}{bounds}at most about {TimeSpan.FromSeconds(Math.Round(left)):c} left at the rate so far (the budget of {p.MaxSeparations} separations)"));
            }
        }

        var withProgress = options with
        {
            GenerationProgress = Generation,
            ShapleyProgress = RegionSharing.Samples(game, options) ? ShapleyProgress(Lines(stderr, "coalitions for sampled Shapley")) : null,
        };
        return RegionSharing.Analyse(region, plan, withProgress, game);
    }

    /// <summary>
    /// Progress as plain lines on stderr, one each time another twentieth of the total is reached (the counts here
    /// jump, so a line per exact multiple would rarely print), and at the end.
    /// </summary>
    private static ProgressReport Lines(TextWriter stderr, string what)
    {
        var gate = new object();
        var next = 0;
        return (done, total, label) =>
        {
            lock (gate)
            {
                if (done < next && done < total)
                {
                    return;
                }

                next = done + Math.Max(1, total / 20);
                var bar = new string('#', (int)Math.Round(20.0 * Math.Min(done, total) / Math.Max(1, total))).PadRight(20, '.');
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{bar}] {done}/{total} {what}{(label.Length > 0 ? ": " + label : string.Empty)}"));
            }
        };
    }

    /// <summary>
    /// Stratified sampling's progress as a bar: coalitions valued of those planned, the widest half-width against the
    /// target, and the time left at the rate so far (the plan is re-estimated every round, so the estimate moves).
    /// </summary>
    private static Action<StratifiedProgress> ShapleyProgress(ProgressReport report)
    {
        var watch = Stopwatch.StartNew();
        var first = -1;
        return p =>
        {
            if (first < 0)
            {
                first = p.Coalitions;
                watch.Restart();
            }

            var done = p.Coalitions - first;
            var left = done > 0 ? watch.Elapsed.TotalSeconds / done * Math.Max(0, p.Planned - p.Coalitions) : double.NaN;
            var eta = double.IsFinite(left) ? string.Create(CultureInfo.InvariantCulture, $", about {TimeSpan.FromSeconds(Math.Round(left)):c} left") : string.Empty;
            var widest = double.IsFinite(p.WidestRelative) ? string.Create(CultureInfo.InvariantCulture, $"widest half-width {p.WidestRelative:0.00} x target") : "half-widths known after the pilot";
            report(p.Coalitions, Math.Max(1, p.Planned), string.Create(CultureInfo.InvariantCulture, $"{(p.Round == 0 ? "pilot round" : $"round {p.Round}")}, {widest}{eta}"));
        };
    }

    /// <summary>Writes the document's set and prints it: the end of one process's run and of a merge alike.</summary>
    internal static int FinishScenario(OutputFolder folder, string dir, SharingDocument doc, IReadOnlyCollection<string> inputs, TextWriter stdout, TextWriter stderr, Language language = Language.En)
    {
        if (!RunnerCommon.Publish(folder, true, staging => RunnerCommon.Write(staging, RunnerOutputs.Of(doc, language), inputs), stderr, out var failure))
        {
            return failure;
        }

        PrintScenario(stdout, doc);
        stdout.WriteLine($"Wrote {Path.Combine(dir, "sharing.json")}, {Path.Combine(dir, "sharing.xlsx")} and {Path.Combine(dir, "sharing.html")}");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// One shard of the coalition values: the game is built (as every shard and the merge build it), the coalitions to
    /// tabulate listed in a fixed order (<see cref="CoalitionPlan"/>), and this shard's share of them solved.
    /// </summary>
    private static int ShareShard(string path, string? scenarioName, string methodText, ImmutableArray<SharingMethod> methods, bool wantDual, Sampling sampling, string? outDir, ShardSpec part, ValueBasis basis, TextWriter stdout, TextWriter stderr)
    {
        var (samples, seed) = (sampling.Samples, sampling.Seed);
        var load = RunnerCommon.Load(path, scenarioName, stderr);
        if (load is null)
        {
            return ExitCodes.InvalidInput;
        }

        var region = load.Region!;
        var dir = outDir ?? Sharding.DefaultDir(RunnerCommon.DefaultDir(path, load.ScenarioName), part);
        Interrupt.Doing($"share shard {part} of {path} (scenario {load.ScenarioName})");
        return Sharding.Write(dir, "share", part, Sharding.Inputs(path), stdout, stderr, () =>
        {
            var watch = Stopwatch.StartNew();
            var solve = new SolveOptions(Cancel: Interrupt.Token);
            var options = new RegionSharingOptions(methods, wantDual, samples, seed, Solve: solve, Basis: basis, TargetRelativeHalfWidth: sampling.Target, MaxSolves: sampling.MaxSolves, MaxSeparations: sampling.MaxSeparations);
            var game = RegionGame.Build(region, solve, basis);
            var coalitions = CoalitionPlan.Of(game, options);
            var plan = Sharding.Plan("share", path, load.SourceFile, load.ScenarioName,
                [Sharding.Option("scenario", load.ScenarioName), Sharding.Option("method", methodText), Sharding.Option("samples", samples), Sharding.Option("seed", seed), Sharding.Option("value", ValueWord(basis)),
                 Sharding.Option("target", sampling.Target.ToString("R", CultureInfo.InvariantCulture)), Sharding.Option("max-solves", sampling.MaxSolves?.ToString(CultureInfo.InvariantCulture) ?? "default"), Sharding.Option("max-separations", sampling.MaxSeparations?.ToString(CultureInfo.InvariantCulture) ?? "default")], coalitions.Length);
            stderr.WriteLine($"Valuing shard {part}: {part.Items(coalitions.Length).Length} of {coalitions.Length} coalitions on {Environment.ProcessorCount} cores...");
            var values = RunnerCommon.Track(stderr, "coalitions", report => CoalitionPlan.Compute(game, coalitions, part, report, Interrupt.Token));
            Interrupt.ThrowIfRequested();
            return ShardFiles.Serialize(new SharingShardFile(Sharding.Header(plan, part, "share", watch.Elapsed.TotalSeconds), methodText, samples, seed, values)
            {
                Value = ValueWord(basis),
                Target = sampling.Target,
                MaxSolves = sampling.MaxSolves,
                MaxSeparations = sampling.MaxSeparations,
            });
        });
    }

    /// <summary>The --value word of a basis: money or money+co2.</summary>
    internal static string ValueWord(ValueBasis basis) => basis == ValueBasis.Money ? "money" : "money+co2";

    /// <summary>--method as the command reads it: the LP-dual allocation apart, the rest parsed as sharing methods.</summary>
    internal static bool TryMethods(string methodText, out ImmutableArray<SharingMethod> methods, out bool wantDual, out IReadOnlyList<string> errors)
    {
        wantDual = methodText.Split(',').Any(m => m.Trim() is "dual" or "all");
        var rest = string.Join(",", methodText.Split(',').Select(m => m.Trim()).Where(m => m != "dual"));
        methods = ImmutableArray<SharingMethod>.Empty;
        errors = [];
        if (rest.Length > 0 && !SharingMethods.TryParse(rest, out methods, out var e))
        {
            errors = [.. e];
            return false;
        }

        return true;
    }

    private static void PrintScenario(TextWriter o, SharingDocument d)
    {
        o.WriteLine($"{d.Region} - scenario '{d.Scenario}': sharing {Figures.Fixed(d.GrandValue)} {d.Unit} ({d.CoalitionSolves} coalition solves).");
        o.WriteLine($"What is shared: {d.ValueBasis}.");
        o.WriteLine(Math.Abs(d.GrandValue - d.PlanValue) <= 0.5 + (1e-6 * Math.Abs(d.PlanValue))
            ? $"This is the run report's {d.PlanFigure} ({Figures.Fixed(d.PlanValue)} {d.Unit})."
            : $"The run report's {d.PlanFigure} is {Figures.Fixed(d.PlanValue)} {d.Unit}; the coalition solves found a plan worth {Figures.Fixed(d.GrandValue - d.PlanValue)} {d.Unit} more or less (an equally good plan, or the solver's gap).");
        for (var c = 0; c < d.Components.Length; c++)
        {
            var comp = d.Components[c];
            o.WriteLine();
            var parts = string.Join(", ", comp.Parts);
            var how = comp.NotComputed is not null ? "shares not computed"
                : comp.Exact ? "every coalition solved"
                : comp.ShapleyExact ? $"Shapley exact from independent parts of {parts} actors"
                : comp.Parts.IsEmpty ? "Shapley sampled"
                : $"Shapley from independent parts of {parts} actors, sampled in those too large to solve every coalition";
            o.WriteLine($"Group {c + 1} ({comp.Players.Length} actors, {how}), v = {Figures.Fixed(comp.Report.GrandCoalitionValue)} {d.Unit}:");
            if (comp.NotComputed is not null)
            {
                // A table of standalone values only would hide the one thing to say about this group.
                o.WriteLine("  " + char.ToUpperInvariant(comp.NotComputed[0]) + comp.NotComputed[1..] + ".");
                o.WriteLine($"  Its actors: {string.Join(", ", comp.Names)}.");
                continue;
            }

            o.Write(SharingReportBuilder.RenderTable(comp.Report));
            if (comp.Stability is { } st)
            {
                o.WriteLine($"Stability ({st.How}): {st.Summary}.");
                foreach (var b in st.Blocking.Take(10))
                {
                    o.WriteLine($"  blocking coalition: {string.Join(" + ", b)}");
                }
            }
        }

        if (!d.Dual.Applicable)
        {
            o.WriteLine();
            o.WriteLine("Dual allocation not computed: " + d.Dual.Note + ".");
        }

        o.WriteLine();
        for (var c = 0; c < d.Components.Length; c++)
        {
            if (d.Components[c].Recommended is not { } rec)
            {
                continue;
            }

            o.WriteLine($"Side payments of group {c + 1} to reach the {rec.Method} split ({d.Unit}; positive = receives), because {rec.Why}:");
            foreach (var a in d.Players.Where(p => p.Component == c))
            {
                if (a.SidePayments.TryGetValue(rec.Method, out var pay))
                {
                    o.WriteLine($"  {a.Name,-50} {Figures.Fixed(pay.Value),14}");
                }
            }
        }

        for (var c = 0; c < d.Components.Length; c++)
        {
            if (d.Components[c].NotComputed is not null)
            {
                o.WriteLine($"  (none for the {d.Components[c].Players.Length} actors of group {c + 1}: shares not computed, see above)");
            }
        }

        o.WriteLine();
        o.WriteLine($"Price ranges and recommended transfer prices ({d.Currency} per unit, paid by the receiver; negative: the supplier pays the receiver to take it). Recommended price: the midpoint of the range, where both sides gain the same per unit:");
        foreach (var p in d.PriceRanges)
        {
            o.WriteLine($"  {p.Name}: recommended {Figures.Fixed(p.Recommended, 1)} {p.Unit} ({p.Meaning}); both sides gain from {Figures.Fixed(p.Lowest, 1)} to {Figures.Fixed(p.Highest, 1)}{(p.Highest < p.Lowest ? " (an empty range: " + p.Rule + ")" : string.Empty)}{(p.Note is null ? string.Empty : "  (" + p.Note + ")")}");
        }
    }
}
