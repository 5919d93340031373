using System.Collections.Immutable;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SymbiosisOptimizer.Assessment.Coalitions;
using SymbiosisOptimizer.Assessment.Sharing;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;

namespace SymbiosisOptimizer.Cli;

internal static class ShareCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var path = new Argument<string?>("path") { Description = "A scenario folder or .yaml file (omit with --game)", Arity = ArgumentArity.ZeroOrOne };
        var scenario = CommonOptions.Scenario();
        var game = new Option<string?>("--game") { Description = "Share a game given as CSV 'coalition,value' (players joined by '+', e.g. A+B,120)" };
        var kind = new Option<string?>("--kind") { Description = "With --game: value (a benefit game) or cost (a cost game); default from the CSV header" };
        var method = new Option<string>("--method") { Description = "shapley, nucleolus, leastcore, dual, equal, proportional, sampled-shapley, or all (comma-separated)", DefaultValueFactory = _ => "all" };
        var samples = new Option<int>("--samples") { Description = "Permutations for sampled Shapley (large components)", DefaultValueFactory = _ => 2000 };
        var seed = new Option<int>("--seed") { Description = "Seed for sampled Shapley (same seed, same result)", DefaultValueFactory = _ => 1 };
        var outDir = new Option<string?>("--out", "-o") { Description = "Folder for sharing.json (default: out/<scenario folder>/<scenario>, or out/<game file>)" };
        var cmd = new Command("share", "Split the gain of cooperation fairly: Shapley value, nucleolus, least core, LP-dual core allocation, side payments and price ranges")
        {
            path, scenario, game, kind, method, samples, seed, outDir,
        };
        cmd.SetAction(parse =>
        {
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
                || !RunnerCommon.InRange("--seed", parse.GetValue(seed), 0, int.MaxValue, stderr))
            {
                return ExitCodes.Usage;
            }

            var gameFile = parse.GetValue(game);
            var p = parse.GetValue(path);
            if ((gameFile is null) == (p is null))
            {
                stderr.WriteLine("error: give either a scenario path or --game FILE.csv (not both, not neither)");
                return ExitCodes.Usage;
            }

            return gameFile is not null
                ? ShareGame(gameFile, parse.GetValue(kind), methods, parse.GetValue(samples), parse.GetValue(seed), parse.GetValue(outDir), stdout, stderr)
                : ShareScenario(p!, parse.GetValue(scenario), methods, wantDual, parse.GetValue(samples), parse.GetValue(seed), parse.GetValue(outDir), stdout, stderr);
        });
        return cmd;
    }

    private static int ShareGame(string file, string? kindText, ImmutableArray<SharingMethod> methods, int samples, int seed, string? outDir, TextWriter stdout, TextWriter stderr)
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
            var report = SharingReportBuilder.Build(g, methods, new SharingReportOptions(new SampledShapleyOptions(seed, samples)));
            Interrupt.ThrowIfRequested();
            var doc = GameSharingDocument.Build(file, report, RunnerCommon.Metadata("share", watch));
            if (!RunnerCommon.Publish(folder, true, staging => RunnerCommon.Write(staging, RunnerOutputs.Of(doc), [file]), stderr, out var failure))
            {
                return failure;
            }

            stdout.WriteLine($"{file}: {g.PlayerCount} players, {(g.Kind == GameKind.Cost ? "cost" : "benefit")} game, v(N) = {g.GrandValue.ToString("N2", CultureInfo.InvariantCulture)}");
            stdout.Write(SharingReportBuilder.RenderTable(doc.Report));

            stdout.WriteLine($"Wrote {Path.Combine(dir, "sharing.json")}, {Path.Combine(dir, "sharing.xlsx")} and {Path.Combine(dir, "sharing.html")}");
            return ExitCodes.Ok;
        });
    }

    private static int ShareScenario(string path, string? scenarioName, ImmutableArray<SharingMethod> methods, bool wantDual, int samples, int seed, string? outDir, TextWriter stdout, TextWriter stderr)
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
            var result = RegionSharing.Analyse(region, plan, new RegionSharingOptions(methods, wantDual, samples, seed, Solve: solve));
            Interrupt.ThrowIfRequested();
            var doc = SharingDocument.Build(region, load.SourceFile, load.ScenarioName, load.AppliedOverrides, result, RunnerCommon.Metadata("share", watch));
            if (!RunnerCommon.Publish(folder, true, staging => RunnerCommon.Write(staging, RunnerOutputs.Of(doc), RunnerCommon.Inputs(path)), stderr, out var failure))
            {
                return failure;
            }

            PrintScenario(stdout, doc);
            stdout.WriteLine($"Wrote {Path.Combine(dir, "sharing.json")}, {Path.Combine(dir, "sharing.xlsx")} and {Path.Combine(dir, "sharing.html")}");
            return ExitCodes.Ok;
        });
    }

    private static void PrintScenario(TextWriter o, SharingDocument d)
    {
        o.WriteLine($"{d.Region} - scenario '{d.Scenario}': sharing {Figures.Fixed(d.GrandValue)} {d.Unit} of objective gain ({d.CoalitionSolves} coalition solves).");
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
        }

        if (!d.Dual.Applicable)
        {
            o.WriteLine();
            o.WriteLine("Dual allocation not computed: " + d.Dual.Note + ".");
        }

        o.WriteLine();
        o.WriteLine($"Side payments to reach the Shapley split ({d.Unit}; positive = receives):");
        foreach (var a in d.Players)
        {
            var key = a.SidePayments.Keys.FirstOrDefault(k => k.StartsWith("shapley", StringComparison.Ordinal));
            if (key is not null)
            {
                o.WriteLine($"  {a.Name,-50} {Figures.Fixed(a.SidePayments[key].Value),14}");
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
        o.WriteLine($"Price ranges in which both sides gain ({d.Currency} per unit, paid by the receiver):");
        foreach (var p in d.PriceRanges)
        {
            o.WriteLine($"  {p.Name}: {Figures.Fixed(p.Lowest, 1)} .. {Figures.Fixed(p.Highest, 1)} {p.Unit}{(p.Note is null ? string.Empty : "  (" + p.Note + ")")}");
        }
    }
}
