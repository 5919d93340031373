using SymbiosisOptimizer.Optimization;
using System.CommandLine;
using System.Globalization;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Reports;
using static SymbiosisOptimizer.Cli.RunnerCommon;

namespace SymbiosisOptimizer.Cli;

internal static class SweepCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var path = PathArgument();
        var scenario = CommonOptions.Scenario();
        var set = new Option<string[]>("--set")
        {
            Description = "A parameter and its range, path=from..to:step [unit], e.g. 'policies.landfillTax=0..1500:100 SEK/t'; give one or two",
            Arity = ArgumentArity.OneOrMore,
            Required = true,
        };
        var outDir = Out("sweep.json");
        var solver = Solver();
        var timeLimit = TimeLimit();
        var cmd = new Command("sweep", "Response curves of every KPI over one or two parameters, and where exchanges switch on or off")
        {
            path, scenario, set, outDir, solver, timeLimit,
        };
        cmd.SetAction(parse =>
        {
            if (!TrySolveOptions(parse, solver, timeLimit, stderr, out var options))
            {
                return ExitCodes.Usage;
            }

            var sets = parse.GetValue(set) ?? [];
            if (sets.Length is < 1 or > 2)
            {
                stderr.WriteLine("error: --set: give one or two parameters, e.g. --set 'policies.landfillTax=0..1500:100 SEK/t'");
                return ExitCodes.Usage;
            }

            var p = parse.GetValue(path)!;
            var load = Load(p, parse.GetValue(scenario), stderr);
            if (load is null)
            {
                return ExitCodes.InvalidInput;
            }

            var region = load.Region!;
            var axes = new List<SweepAxis>();
            foreach (var text in sets)
            {
                if (!SweepAxis.TryParse(region, text, out var axis, out var error))
                {
                    stderr.WriteLine($"error: --set: {error}");
                    return ExitCodes.Usage;
                }

                axes.Add(axis);
            }

            if (axes.Count == 2 && axes[0].Parameter.Path == axes[1].Parameter.Path)
            {
                stderr.WriteLine($"error: --set: '{axes[0].Parameter.Path}' is given twice; sweep two different parameters");
                return ExitCodes.Usage;
            }

            var points = axes.Aggregate(1L, (n, a) => n * a.Values.Length);
            if (points > SweepAxis.MaxPoints)
            {
                stderr.WriteLine($"error: --set: the two ranges make {points} points; at most {SweepAxis.MaxPoints} are allowed");
                return ExitCodes.Usage;
            }

            stderr.WriteLine($"Solving {points} points on {Environment.ProcessorCount} cores...");
            var result = Sweep.Run(region, axes, options, Progress(stderr, "solved"));
            var dir = parse.GetValue(outDir) ?? DefaultDir(p, load.ScenarioName);
            if (!Write(dir, "sweep.json", RunnerJson.Sweep(region, load.SourceFile, load.ScenarioName, result), p, stderr))
            {
                return ExitCodes.OutputFailed;
            }

            Print(stdout, region.Economics.Currency, result);
            stdout.WriteLine($"Wrote {Path.Combine(dir, "sweep.json")} and {Path.Combine(dir, "sweep.xlsx")}");
            return result.Points.Any(x => x.Kpis is not null) ? ExitCodes.Ok : ExitCodes.NoSolution;
        });
        return cmd;
    }

    private static void Print(TextWriter o, string cur, SweepResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine();
        var heads = r.Axes.Select(a => $"{a.Parameter.Path}{(a.Parameter.UnitText.Length > 0 ? " " + a.Parameter.UnitText : string.Empty)}").ToList();
        o.WriteLine(string.Join("  ", heads.Select(h => h.PadLeft(Math.Max(14, h.Length)))) + $"  {"net benefit " + cur + "/yr",22}  {"objective gain",16}  {"CO2e avoided t",15}  {"landfill avoided t",19}  exchanges");
        foreach (var p in r.Points)
        {
            var cells = string.Join("  ", p.Values.Select((v, i) => v.ToString("G6", inv).PadLeft(Math.Max(14, heads[i].Length))));
            o.WriteLine(p.Kpis is { } k
                ? string.Create(inv, $"{cells}  {k.NetBenefit,22:N0}  {k.ObjectiveGain,16:N0}  {k.Co2Avoided,15:N1}  {k.LandfillAvoided,19:N0}  {p.Exchanges.Length}")
                : $"{cells}  {p.Status.Text()}");
        }

        o.WriteLine();
        if (r.Switches.IsEmpty)
        {
            o.WriteLine("No exchange switches on or off over this range: the same plan is optimal everywhere (only quantities may change).");
            return;
        }

        o.WriteLine("Where exchanges switch on or off:");
        foreach (var s in r.Switches)
        {
            var at = s.Fixed is { } f ? string.Create(inv, $" (with {r.Axes[1 - s.Axis].Parameter.Path} = {f:G6})") : string.Empty;
            o.WriteLine(string.Create(inv, $"  {r.Axes[s.Axis].Parameter.Path} from {s.From:G6} to {s.To:G6}{at}:"));
            foreach (var e in s.On)
            {
                o.WriteLine($"    on:  {e}");
            }

            foreach (var e in s.Off)
            {
                o.WriteLine($"    off: {e}");
            }
        }
    }
}
