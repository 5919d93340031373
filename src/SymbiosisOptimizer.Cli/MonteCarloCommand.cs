using System.CommandLine;
using System.Globalization;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Reports;
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
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same montecarlo.json (except timing)", DefaultValueFactory = _ => 1 };
        var outDir = Out("montecarlo.json");
        var solver = Solver();
        var timeLimit = TimeLimit();
        var cmd = new Command("montecarlo", "Sample the inputs declared under 'uncertainty:' and report P10/P50/P90 of every KPI and how often each exchange is chosen")
        {
            path, scenario, samples, seed, outDir, solver, timeLimit,
        };
        cmd.SetAction(parse =>
        {
            if (!TrySolveOptions(parse, solver, timeLimit, stderr, out var options))
            {
                return ExitCodes.Usage;
            }

            var n = parse.GetValue(samples);
            if (n is < 1 or > MaxSamples)
            {
                stderr.WriteLine($"error: --samples must be between 1 and {MaxSamples}");
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

            stderr.WriteLine($"Sampling {region.Uncertainty.Length} uncertain input(s) {n} times on {Environment.ProcessorCount} cores...");
            var result = MonteCarlo.Run(region, n, parse.GetValue(seed), options, Progress(stderr, "samples"));
            var dir = parse.GetValue(outDir) ?? DefaultDir(p, load.ScenarioName);
            if (!Write(dir, "montecarlo.json", RunnerJson.MonteCarlo(region, load.SourceFile, load.ScenarioName, result), p, stderr))
            {
                return ExitCodes.OutputFailed;
            }

            Print(stdout, region.Name, region.Economics.Currency, load.ScenarioName, result);
            stdout.WriteLine($"Wrote {Path.Combine(dir, "montecarlo.json")} and {Path.Combine(dir, "montecarlo.xlsx")}");
            return result.Solved > 0 ? ExitCodes.Ok : ExitCodes.NoSolution;
        });
        return cmd;
    }

    private static void Print(TextWriter o, string region, string cur, string scenario, MonteCarloResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine();
        o.WriteLine(string.Create(inv, $"{region} - scenario '{scenario}': {r.Samples} samples (seed {r.Seed}), {r.Solved} solved, {r.Seconds:0.0} s{(r.NetworkReused ? "; candidate network built once" : string.Empty)}."));
        o.WriteLine("Uncertain inputs (sampled P10 / P50 / P90):");
        foreach (var i in r.Inputs)
        {
            o.WriteLine(string.Create(inv, $"  {i.Input.Path} ({i.Input.Distribution.ToString().ToLowerInvariant()}): {i.Sampled.P10:G5} / {i.Sampled.P50:G5} / {i.Sampled.P90:G5} {i.Unit} (declared {i.Declared:G5})"));
        }

        o.WriteLine();
        o.WriteLine($"{"KPI",-28} {"P10",16} {"P50",16} {"P90",16} {"deterministic",16}");
        void Row(string name, Percentiles p, double? det, string f) =>
            o.WriteLine(string.Create(inv, $"{name,-28} {p.P10.ToString(f, inv),16} {p.P50.ToString(f, inv),16} {p.P90.ToString(f, inv),16} {(det is { } d ? d.ToString(f, inv) : "-"),16}"));
        var k = r.Kpis;
        var det = r.Deterministic;
        Row($"net benefit {cur}/yr", k.NetBenefit, det?.NetBenefit, "N0");
        Row($"objective gain {cur}/yr", k.ObjectiveGain, det?.ObjectiveGain, "N0");
        Row("CO2e avoided t/yr", k.Co2Avoided, det?.Co2Avoided, "N1");
        Row("landfill avoided t/yr", k.LandfillAvoided, det?.LandfillAvoided, "N0");
        Row("virgin avoided t/yr", k.VirginMaterialAvoided, det?.VirginMaterialAvoided, "N0");
        Row("transport CO2e t/yr", k.TransportEmissions, det?.TransportEmissions, "N1");
        o.WriteLine();
        o.WriteLine("How often each exchange is chosen:");
        foreach (var e in r.Exchanges)
        {
            o.WriteLine(string.Create(inv, $"  {e.Probability,7:P1}  {e.Key} (median {e.QuantityWhenChosen.P50:N0} {e.Unit} when chosen)"));
        }
    }
}
