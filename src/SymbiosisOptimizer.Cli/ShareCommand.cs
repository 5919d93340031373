using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SymbiosisOptimizer.Assessment.Coalitions;
using SymbiosisOptimizer.Assessment.Sharing;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Excel;
using SymbiosisOptimizer.Scenarios;

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

            if (parse.GetValue(samples) < 2)
            {
                stderr.WriteLine("error: --samples must be at least 2");
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

        var report = SharingReportBuilder.Build(g, methods, new SharingReportOptions(new SampledShapleyOptions(seed, samples)));
        var dir = outDir ?? Path.Combine("out", Path.GetFileNameWithoutExtension(file));
        var doc = new { schemaVersion = 1, tool = "SymbiosisOptimizer", game = file, kind = report.Kind, report };
        if (!Write(dir, doc, [file], stderr))
        {
            return ExitCodes.OutputFailed;
        }

        stdout.WriteLine($"{file}: {g.PlayerCount} players, {(g.Kind == GameKind.Cost ? "cost" : "benefit")} game, v(N) = {g.GrandValue.ToString("N2", CultureInfo.InvariantCulture)}");
        stdout.Write(SharingReportBuilder.RenderTable(report));

        stdout.WriteLine($"Wrote {Path.Combine(dir, "sharing.json")} and {Path.Combine(dir, "sharing.xlsx")}");
        return ExitCodes.Ok;
    }

    private static int ShareScenario(string path, string? scenarioName, ImmutableArray<SharingMethod> methods, bool wantDual, int samples, int seed, string? outDir, TextWriter stdout, TextWriter stderr)
    {
        var load = RunnerCommon.Load(path, scenarioName, stderr);
        if (load is null)
        {
            return ExitCodes.InvalidInput;
        }

        var region = load.Region!;
        var plan = ExchangeOptimizer.Optimize(region);
        if (!plan.HasSolution)
        {
            stderr.WriteLine($"The scenario has no solution ({plan.Status.Text()}), so there is no gain to share.");
            foreach (var line in plan.Explanation)
            {
                stderr.WriteLine(line);
            }

            return ExitCodes.NoSolution;
        }

        var result = RegionSharing.Analyse(region, plan, new RegionSharingOptions(methods, wantDual, samples, seed, Solve: new SolveOptions()));
        var cur = region.Economics.Currency;
        var dir = outDir ?? RunnerCommon.DefaultDir(path, load.ScenarioName);
        var doc = new
        {
            schemaVersion = 1,
            tool = "SymbiosisOptimizer",
            region = region.Name,
            source = load.SourceFile,
            scenario = load.ScenarioName,
            overrides = load.AppliedOverrides,
            valueBasis = string.Create(CultureInfo.InvariantCulture, $"objective gain per year: money saved plus CO2e avoided valued at {result.Co2Price:0.##} {cur}/t CO2e"),
            unit = $"{cur}/yr",
            grandValue = ResultsJson.Round(result.GrandValue),
            coalitionSolves = result.CoalitionSolves,
            bystanders = result.Bystanders,
            dual = new { applicable = result.DualNote is null, note = result.DualNote },
            components = result.Components.Select(c => new { players = c.Players, exact = c.Exact, shapleyExact = c.ShapleyExact, parts = c.PartSizes, notComputed = c.NotComputed, solves = c.Solves, report = c.Report }),
            players = result.Actors.Where(a => a.Component >= 0).Select(a => new
            {
                id = a.Id,
                name = a.Name,
                component = a.Component,
                ownResult = new SymbiosisOptimizer.Reports.Documents.Amount(ResultsJson.Round(a.OwnResult), $"{cur}/yr"),
                allocations = a.Allocations.ToDictionary(kv => kv.Key, kv => new SymbiosisOptimizer.Reports.Documents.Amount(ResultsJson.Round(kv.Value), $"{cur}/yr"), StringComparer.Ordinal),
                sidePayments = a.Transfers.ToDictionary(kv => kv.Key, kv => new SymbiosisOptimizer.Reports.Documents.Amount(ResultsJson.Round(kv.Value), $"{cur}/yr (positive: receives)"), StringComparer.Ordinal),
            }),
            priceRanges = result.PriceRanges.Select(r => new
            {
                from = r.FromActor,
                to = r.ToActor,
                source = r.Source,
                sink = r.Sink,
                resource = r.Resource,
                lowest = ResultsJson.Round(r.Lowest),
                highest = ResultsJson.Round(r.Highest),
                unit = $"{cur} per unit of {r.Resource}",
                note = r.Note,
            }),
        };
        if (!Write(dir, doc, [ScenarioLoader.ResolvePath(path)], stderr))
        {
            return ExitCodes.OutputFailed;
        }

        PrintScenario(stdout, region.Name, load.ScenarioName, cur, result);
        stdout.WriteLine($"Wrote {Path.Combine(dir, "sharing.json")} and {Path.Combine(dir, "sharing.xlsx")}");
        return ExitCodes.Ok;
    }

    private static void PrintScenario(TextWriter o, string region, string scenario, string cur, RegionSharingResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine($"{region} - scenario '{scenario}': sharing {r.GrandValue.ToString("N0", inv)} {cur}/yr of objective gain ({r.CoalitionSolves} coalition solves).");
        for (var c = 0; c < r.Components.Length; c++)
        {
            var comp = r.Components[c];
            o.WriteLine();
            var parts = string.Join(", ", comp.PartSizes);
            var how = comp.NotComputed is not null ? "shares not computed"
                : comp.Exact ? "every coalition solved"
                : comp.ShapleyExact ? $"Shapley exact from independent parts of {parts} actors"
                : comp.PartSizes.IsEmpty ? "Shapley sampled"
                : $"Shapley from independent parts of {parts} actors, sampled in those too large to solve every coalition";
            o.WriteLine($"Group {c + 1} ({comp.Players.Length} actors, {how}), v = {comp.Report.GrandCoalitionValue.ToString("N0", inv)} {cur}/yr:");
            if (comp.NotComputed is not null)
            {
                // A table of standalone values only would hide the one thing to say about this group.
                o.WriteLine("  " + char.ToUpperInvariant(comp.NotComputed[0]) + comp.NotComputed[1..] + ".");
                o.WriteLine($"  Its actors: {string.Join(", ", comp.Players)}.");
                continue;
            }

            o.Write(SharingReportBuilder.RenderTable(comp.Report));
        }

        if (r.DualNote is not null)
        {
            o.WriteLine();
            o.WriteLine("Dual allocation not computed: " + r.DualNote + ".");
        }

        o.WriteLine();
        o.WriteLine($"Side payments to reach the Shapley split ({cur}/yr; positive = receives):");
        foreach (var a in r.Actors)
        {
            var key = a.Transfers.Keys.FirstOrDefault(k => k.StartsWith("shapley", StringComparison.Ordinal));
            if (key is not null)
            {
                o.WriteLine(string.Create(inv, $"  {a.Name,-50} {a.Transfers[key],14:N0}"));
            }
        }

        for (var c = 0; c < r.Components.Length; c++)
        {
            if (r.Components[c].NotComputed is not null)
            {
                o.WriteLine($"  (none for the {r.Components[c].Players.Length} actors of group {c + 1}: shares not computed, see above)");
            }
        }

        o.WriteLine();
        o.WriteLine($"Price ranges in which both sides gain ({cur} per unit, paid by the receiver):");
        foreach (var p in r.PriceRanges)
        {
            o.WriteLine(string.Create(inv, $"  {p.FromActor} -> {p.ToActor} ({p.Resource}): {p.Lowest + 0.0:N1} .. {p.Highest + 0.0:N1}{(p.Note is null ? string.Empty : "  (" + p.Note + ")")}"));
        }
    }

    private static bool Write(string dir, object doc, IReadOnlyCollection<string> inputs, TextWriter stderr)
    {
        try
        {
            var json = JsonSerializer.Serialize(doc, ResultsJson.Options) + "\n";
            AtomicFile.WriteAllText(Path.Combine(dir, "sharing.json"), json, inputs);
            AtomicFile.WriteAllBytes(Path.Combine(dir, "sharing.xlsx"), RunnerWorkbook.Build("sharing", json), inputs);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot write {Path.Combine(dir, "sharing.json")}: {ex.Message}");
            return false;
        }
    }
}
