using SymbiosisOptimizer.Optimization;
using System.CommandLine;
using System.Globalization;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Reports;
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
        var cmd = new Command("barriers", "Price each barrier (permits, lead times, waste status, quality limits, distance limits) by removing it and re-optimising; shadow prices of continuous limits")
        {
            path, scenario, outDir, solver, timeLimit,
        };
        cmd.SetAction(parse =>
        {
            // Barrier values are differences of two optima, so the MILPs are closed (almost) exactly.
            if (!TrySolveOptions(parse, solver, timeLimit, stderr, out var options, gap: 1e-9))
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
            var count = BarrierAnalysis.Enumerate(region).Length;
            stderr.WriteLine($"Removing each of {count} barriers in turn and re-optimising, on {Environment.ProcessorCount} cores...");
            var result = BarrierAnalysis.Run(region, options, Progress(stderr, "solved"));
            var dir = parse.GetValue(outDir) ?? DefaultDir(p, load.ScenarioName);
            if (!Write(dir, "barriers.json", RunnerJson.Barriers(region, load.SourceFile, load.ScenarioName, load.AppliedOverrides, result), p, stderr))
            {
                return ExitCodes.OutputFailed;
            }

            Print(stdout, region.Name, region.Economics.Currency, load.ScenarioName, result);
            stdout.WriteLine($"Wrote {Path.Combine(dir, "barriers.json")} and {Path.Combine(dir, "barriers.xlsx")}");
            return result.Base.Result.HasSolution ? ExitCodes.Ok : ExitCodes.NoSolution;
        });
        return cmd;
    }

    private static void Print(TextWriter o, string region, string cur, string scenario, BarrierResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine();
        o.WriteLine($"{region} - scenario '{scenario}': what each barrier costs the region per year (objective gain: money plus valued CO2e).");
        if (r.Base.Result.Kpis is { } k)
        {
            o.WriteLine("With every barrier in place: " + KpiLine(k, cur));
        }
        else
        {
            o.WriteLine($"The scenario itself has no solution ({r.Base.Result.Status.Text()}); nothing can be priced.");
            return;
        }

        o.WriteLine();
        o.WriteLine($"{"rank",4}  {"value lost " + cur + "/yr",20}  {"CO2e t/yr",10}  barrier");
        var rank = 0;
        foreach (var c in r.Barriers)
        {
            rank++;
            var co2 = c.Kpis is { } d ? d.Co2Avoided.ToString("N1", inv) : "-";
            o.WriteLine(string.Create(inv, $"{rank,4}  {c.ValueLost,20:N0}  {co2,10}  {c.Barrier.Description}: {c.Explanation}"));
            foreach (var a in c.ExchangesAdded)
            {
                o.WriteLine($"{string.Empty,38}+ {a}");
            }

            foreach (var a in c.ExchangesDropped)
            {
                o.WriteLine($"{string.Empty,38}- {a}");
            }
        }

        o.WriteLine();
        var binding = r.ShadowPrices.Where(s => s.ValuePerUnit > 1e-9).ToList();
        o.WriteLine($"Shadow prices of continuous limits (LP with yes/no decisions fixed at the optimum; {r.ShadowPriceStatus}): {binding.Count} of {r.ShadowPrices.Length} quality and capacity rows have value at the margin.");
        foreach (var s in binding)
        {
            o.WriteLine(string.Create(inv, $"  {s.Limit}: {s.ValuePerUnit:N2} {s.Unit}"));
        }
    }
}
