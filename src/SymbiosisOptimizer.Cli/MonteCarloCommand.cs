using System.CommandLine;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Localization;
using SymbiosisOptimizer.Reports.Sharding;
using static SymbiosisOptimizer.Cli.RunnerCommon;

namespace SymbiosisOptimizer.Cli;

internal static class MonteCarloCommand
{
    public const int MaxSamples = 1_000_000;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var path = PathArgument();
        var scenario = CommonOptions.Scenario();
        var samples = new Option<int>("--samples", "-n") { Description = "Number of samples", DefaultValueFactory = _ => 200 };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same montecarlo.json (except its metadata block)", DefaultValueFactory = _ => 1 };
        var outDir = Out("montecarlo.json");
        var solver = Solver();
        var timeLimit = TimeLimit();
        var lang = Lang();
        var shard = Sharding.ShardOption();
        var shards = Sharding.ShardsOption();
        var cmd = new Command("montecarlo", "Sample the inputs declared under 'uncertainty:' and report P10/P50/P90 of every KPI and how often each exchange is chosen")
        {
            path, scenario, samples, seed, outDir, solver, timeLimit, shard, shards, lang,
        };
        cmd.SetAction(parse =>
        {
            if (!TrySolveOptions(parse, solver, timeLimit, stderr, out var options))
            {
                return ExitCodes.Usage;
            }

            if (!TryLanguage(parse, lang, stderr, out var language))
            {
                return ExitCodes.Usage;
            }

            var n = parse.GetValue(samples);
            if (!InRange("--samples", n, 1, MaxSamples, stderr) || !InRange("--seed", parse.GetValue(seed), 0, int.MaxValue, stderr))
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
            if (region.Uncertainty.IsEmpty)
            {
                stderr.WriteLine($"{load.SourceFile}: no uncertain inputs are declared; add a top-level 'uncertainty:' list such as");
                stderr.WriteLine("  uncertainty:");
                stderr.WriteLine("    - {path: policies.landfillTax, distribution: triangular, min: 600 SEK/t, mode: 744 SEK/t, max: 1000 SEK/t}");
                return ExitCodes.InvalidInput;
            }

            var dir = parse.GetValue(outDir) ?? DefaultDir(p, load.ScenarioName);
            if (spec is { } part)
            {
                var plan = Sharding.Plan("montecarlo", p, load.SourceFile, load.ScenarioName,
                    [Sharding.Option("scenario", load.ScenarioName), Sharding.Option("samples", n), Sharding.Option("seed", parse.GetValue(seed)), .. Sharding.SolveOptions(parse, solver, timeLimit)], n);
                dir = parse.GetValue(outDir) ?? Sharding.DefaultDir(dir, part);
                Interrupt.Doing($"montecarlo shard {part} of {n} samples of {p}");
                return Sharding.Write(dir, "montecarlo", part, Inputs(p), stdout, stderr, () =>
                {
                    stderr.WriteLine($"Sampling shard {part}: {part.Items(n).Length} of {n} samples on {Environment.ProcessorCount} cores...");
                    var r = Track(stderr, "samples", report => MonteCarlo.RunShard(region, n, parse.GetValue(seed), options, part, report));
                    Interrupt.ThrowIfRequested();
                    return ShardFiles.Serialize(new MonteCarloShardFile(Sharding.Header(plan, part, "samples", r.Seconds), n, parse.GetValue(seed), r.Deterministic, r.NetworkReused, r.Draws));
                });
            }

            Interrupt.Doing($"montecarlo of {n} samples of {p}");
            return WithOutput(dir, "montecarlo", Inputs(p), stderr, folder =>
            {
                stderr.WriteLine($"Sampling {region.Uncertainty.Length} uncertain input(s) {n} times on {Environment.ProcessorCount} cores...");
                var result = Track(stderr, "samples", report => MonteCarlo.Run(region, n, parse.GetValue(seed), options, report));
                Interrupt.ThrowIfRequested();
                var doc = MonteCarloDocument.Build(region, load.SourceFile, load.ScenarioName, result, RunMetadata.Now([StageTiming.Of("samples", result.Seconds)]));
                return Finish(folder, dir, doc, Inputs(p), stdout, stderr, language);
            });
        });
        return cmd;
    }

    /// <summary>Writes the document's set and prints it: the end of one process's run and of a merge alike.</summary>
    internal static int Finish(OutputFolder folder, string dir, MonteCarloDocument doc, IReadOnlyCollection<string> inputs, TextWriter stdout, TextWriter stderr, Language language = Language.En)
    {
        var solved = doc.Solved > 0;
        var written = Publish(folder, solved, staging => Write(staging, RunnerOutputs.Of(doc, language), inputs), stderr, out var failure);
        Print(stdout, doc);
        if (!written)
        {
            return failure;
        }

        stdout.WriteLine($"Wrote {Path.Combine(dir, "montecarlo.json")}, {Path.Combine(dir, "montecarlo.xlsx")} and {Path.Combine(dir, "montecarlo.html")}");
        return solved ? ExitCodes.Ok : ExitCodes.NoSolution;
    }

    private static void Print(TextWriter o, MonteCarloDocument d)
    {
        var seconds = d.Metadata.Timings.Sum(t => t.Seconds);
        o.WriteLine();
        o.WriteLine($"{d.Region} - scenario '{d.Scenario}': {d.Samples} samples (seed {d.Seed}), {d.Solved} solved, {Figures.Fixed(seconds, 1)} s{(d.NetworkReused ? "; candidate network built once" : string.Empty)}.");
        o.WriteLine("Uncertain inputs (sampled P10 / P50 / P90):");
        foreach (var i in d.Inputs)
        {
            o.WriteLine($"  {i.Path} ({i.Distribution}): {Figures.Number(i.Sampled.P10)} / {Figures.Number(i.Sampled.P50)} / {Figures.Number(i.Sampled.P90)} {i.Unit} (declared {Figures.Number(i.Declared)})");
        }

        o.WriteLine();
        o.WriteLine($"{"KPI",-28} {"P10",16} {"P50",16} {"P90",16} {"deterministic",16}");
        void Row(string name, Spread p, Amount? det, int decimals) =>
            o.WriteLine($"{name + " " + p.Unit,-28} {Figures.Fixed(p.P10, decimals),16} {Figures.Fixed(p.P50, decimals),16} {Figures.Fixed(p.P90, decimals),16} {Figures.Fixed(det?.Value, decimals),16}");
        var k = d.Kpis;
        var det = d.Deterministic;
        Row("net benefit", k.NetBenefit, det?.NetBenefit, 0);
        Row("objective gain", k.ObjectiveGain, det?.ObjectiveGain, 0);
        Row("CO2e avoided", k.Co2Avoided, det?.Co2Avoided, 1);
        Row("landfill avoided", k.LandfillAvoided, det?.LandfillAvoided, 0);
        Row("virgin avoided", k.VirginMaterialAvoided, det?.VirginMaterialAvoided, 0);
        Row("transport CO2e", k.TransportEmissions, det?.TransportEmissions, 1);
        o.WriteLine();
        o.WriteLine("How often each exchange is chosen:");
        foreach (var e in d.Exchanges)
        {
            o.WriteLine($"  {Figures.Percent(e.Probability),7}  {e.Name} (median {Figures.Fixed(e.QuantityWhenChosen.P50)} {e.QuantityWhenChosen.Unit} when chosen)");
        }
    }
}
