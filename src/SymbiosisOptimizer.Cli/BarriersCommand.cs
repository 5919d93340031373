using System.CommandLine;
using System.Diagnostics;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Localization;
using SymbiosisOptimizer.Reports.Sharding;
using static SymbiosisOptimizer.Cli.RunnerCommon;

namespace SymbiosisOptimizer.Cli;

internal static class BarriersCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var path = PathArgument();
        var scenario = CommonOptions.Scenario();
        var outDir = Out("barriers.json");
        var solver = Solver();
        var timeLimit = TimeLimit();
        var lang = Lang();
        var shard = Sharding.ShardOption();
        var shards = Sharding.ShardsOption();
        var cmd = new Command("barriers", "Price each barrier (permits, lead times, waste status, quality limits, distance limits) by removing it and re-optimising; shadow prices of continuous limits")
        {
            path, scenario, outDir, solver, timeLimit, shard, shards, lang,
        };
        cmd.SetAction(parse =>
        {
            // Barrier values are differences of two optima, so the MILPs are closed (almost) exactly.
            if (!TrySolveOptions(parse, solver, timeLimit, stderr, out var options, gap: 1e-9))
            {
                return ExitCodes.Usage;
            }

            if (!TryLanguage(parse, lang, stderr, out var language))
            {
                return ExitCodes.Usage;
            }

            if (!Sharding.TryGet(parse, shard, shards, stderr, out var spec))
            {
                return ExitCodes.Usage;
            }

            var p = parse.GetValue(path)!;
            var load = Load(p, parse.GetValue(scenario), stderr);
            if (load is null)
            {
                return ExitCodes.InvalidInput;
            }

            var region = load.Region!;
            var dir = parse.GetValue(outDir) ?? DefaultDir(p, load.ScenarioName);
            if (spec is { } part)
            {
                var size = BarrierAnalysis.Enumerate(region).Length + 1;
                var plan = Sharding.Plan("barriers", p, load.SourceFile, load.ScenarioName,
                    [Sharding.Option("scenario", load.ScenarioName), .. Sharding.SolveOptions(parse, solver, timeLimit)], size);
                dir = parse.GetValue(outDir) ?? Sharding.DefaultDir(dir, part);
                Interrupt.Doing($"barriers shard {part} of {p} (scenario {load.ScenarioName})");
                return Sharding.Write(dir, "barriers", part, Inputs(p), stdout, stderr, () =>
                {
                    stderr.WriteLine($"Solving shard {part}: base and {part.Items(size).Count(i => i > 0)} of {size - 1} barriers on {Environment.ProcessorCount} cores...");
                    var watch = Stopwatch.StartNew();
                    var r = Track(stderr, "barriers", report => BarrierAnalysis.RunShard(region, options, part, report));
                    Interrupt.ThrowIfRequested();
                    var cur = region.Economics.Currency;
                    return ShardFiles.Serialize(new BarriersShardFile(Sharding.Header(plan, part, "solve", watch.Elapsed.TotalSeconds),
                        region.Name, cur, load.AppliedOverrides, BarriersDocument.BaseOf(r.Base, cur), BarriersDocument.Items(region, r.Base, r.Barriers),
                        part.Owns(0) ? BarriersDocument.Prices(r.ShadowPrices, r.ShadowPriceStatus) : null));
                });
            }

            Interrupt.Doing($"barriers of {p} (scenario {load.ScenarioName})");
            return WithOutput(dir, "barriers", Inputs(p), stderr, folder =>
            {
                var count = BarrierAnalysis.Enumerate(region).Length;
                stderr.WriteLine($"Removing each of {count} barriers in turn and re-optimising, on {Environment.ProcessorCount} cores...");
                var watch = Stopwatch.StartNew();
                var result = Track(stderr, "barriers", report => BarrierAnalysis.Run(region, options, report));
                Interrupt.ThrowIfRequested();
                var doc = BarriersDocument.Build(region, load.SourceFile, load.ScenarioName, load.AppliedOverrides, result, Metadata("solve", watch));
                return Finish(folder, dir, doc, Inputs(p), stdout, stderr, language);
            });
        });
        return cmd;
    }

    /// <summary>Writes the document's set and prints it: the end of one process's run and of a merge alike.</summary>
    internal static int Finish(OutputFolder folder, string dir, BarriersDocument doc, IReadOnlyCollection<string> inputs, TextWriter stdout, TextWriter stderr, Language language = Language.En)
    {
        var solved = doc.Base.Kpis is not null;
        var written = Publish(folder, solved, staging => Write(staging, RunnerOutputs.Of(doc, language), inputs), stderr, out var failure);
        Print(stdout, doc);
        if (!written)
        {
            return failure;
        }

        stdout.WriteLine($"Wrote {Path.Combine(dir, "barriers.json")}, {Path.Combine(dir, "barriers.xlsx")} and {Path.Combine(dir, "barriers.html")}");
        return solved ? ExitCodes.Ok : ExitCodes.NoSolution;
    }

    private static void Print(TextWriter o, BarriersDocument d)
    {
        o.WriteLine();
        o.WriteLine($"{d.Region} - scenario '{d.Scenario}': what each barrier costs the region per year (objective gain: money plus valued CO2e).");
        if (d.Base.Kpis is { } k)
        {
            o.WriteLine("With every barrier in place: " + KpiLine(k));
        }
        else
        {
            o.WriteLine($"The scenario itself has no solution ({d.Base.Status}); nothing can be priced.");
            return;
        }

        o.WriteLine();
        o.WriteLine($"{"rank",4}  {"value lost " + d.Currency + "/yr",20}  {"CO2e t/yr",10}  barrier");
        foreach (var b in d.Barriers)
        {
            o.WriteLine($"{b.Rank,4}  {Figures.Fixed(b.ValueLost.Value),20}  {Figures.Fixed(b.KpiChange?.Co2Avoided.Value, 1),10}  {b.Description}: {b.Explanation}");
            foreach (var a in b.ExchangesAdded)
            {
                o.WriteLine($"{string.Empty,38}+ {a.Name}");
            }

            foreach (var a in b.ExchangesDropped)
            {
                o.WriteLine($"{string.Empty,38}- {a.Name}");
            }
        }

        o.WriteLine();
        var rows = d.ShadowPrices.Rows;
        var binding = rows.Where(s => s.ValuePerUnit.Value > 1e-9).ToList();
        o.WriteLine($"Shadow prices of continuous limits (LP with yes/no decisions fixed at the optimum; {d.ShadowPrices.Status}): {binding.Count} of {rows.Length} quality and capacity rows have value at the margin.");
        foreach (var s in binding)
        {
            o.WriteLine($"  {s.Meaning}: {Figures.With(s.ValuePerUnit, 2)}");
        }
    }
}
