using System.CommandLine;
using System.Diagnostics;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Localization;
using SymbiosisOptimizer.Reports.Sharding;
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
        var lang = Lang();
        var shard = Sharding.ShardOption();
        var shards = Sharding.ShardsOption();
        var cmd = new Command("sweep", "Response curves of every KPI over one or two parameters, and where exchanges switch on or off")
        {
            path, scenario, set, outDir, solver, timeLimit, shard, shards, lang,
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

            var sets = parse.GetValue(set) ?? [];
            if (sets.Length is < 1 or > 2)
            {
                stderr.WriteLine("error: --set: give one or two parameters, e.g. --set 'policies.landfillTax=0..1500:100 SEK/t'");
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

            var dir = parse.GetValue(outDir) ?? DefaultDir(p, load.ScenarioName);
            if (spec is { } part)
            {
                var plan = Sharding.Plan("sweep", p, load.SourceFile, load.ScenarioName,
                    [Sharding.Option("scenario", load.ScenarioName), .. sets.Select(t => Sharding.Option("set", t.Trim())), .. Sharding.SolveOptions(parse, solver, timeLimit)], (int)points);
                dir = parse.GetValue(outDir) ?? Sharding.DefaultDir(dir, part);
                Interrupt.Doing($"sweep shard {part} of {points} points of {p}");
                return Sharding.Write(dir, "sweep", part, Inputs(p), stdout, stderr, () =>
                {
                    stderr.WriteLine($"Solving shard {part}: {part.Items((int)points).Length} of {points} points on {Environment.ProcessorCount} cores...");
                    var watch = Stopwatch.StartNew();
                    var (solvedPoints, reused) = Track(stderr, "points", report => Sweep.RunShard(region, axes, options, part, report));
                    Interrupt.ThrowIfRequested();
                    return ShardFiles.Serialize(new SweepShardFile(Sharding.Header(plan, part, "solve", watch.Elapsed.TotalSeconds), [.. sets], reused, solvedPoints));
                });
            }

            Interrupt.Doing($"sweep of {points} points of {p}");
            return WithOutput(dir, "sweep", Inputs(p), stderr, folder =>
            {
                stderr.WriteLine($"Solving {points} points on {Environment.ProcessorCount} cores...");
                var watch = Stopwatch.StartNew();
                var result = Track(stderr, "points", report => Sweep.Run(region, axes, options, report));
                Interrupt.ThrowIfRequested();
                var doc = SweepDocument.Build(region, load.SourceFile, load.ScenarioName, result, Metadata("solve", watch));
                return Finish(folder, dir, doc, Inputs(p), stdout, stderr, language);
            });
        });
        return cmd;
    }

    /// <summary>Writes the document's set and prints it: the end of one process's run and of a merge alike.</summary>
    internal static int Finish(OutputFolder folder, string dir, SweepDocument doc, IReadOnlyCollection<string> inputs, TextWriter stdout, TextWriter stderr, Language language = Language.En)
    {
        var solved = doc.Points.Any(x => x.Kpis is not null);
        var written = Publish(folder, solved, staging => Write(staging, RunnerOutputs.Of(doc, language), inputs), stderr, out var failure);
        Print(stdout, doc);
        if (!written)
        {
            return failure;
        }

        stdout.WriteLine($"Wrote {Path.Combine(dir, "sweep.json")}, {Path.Combine(dir, "sweep.xlsx")} and {Path.Combine(dir, "sweep.html")}");
        return solved ? ExitCodes.Ok : ExitCodes.NoSolution;
    }

    private static void Print(TextWriter o, SweepDocument d)
    {
        o.WriteLine();
        var heads = d.Parameters.Select(a => $"{a.Path}{(a.Unit.Length > 0 ? " " + a.Unit : string.Empty)}").ToList();
        o.WriteLine(string.Join("  ", heads.Select(h => h.PadLeft(Math.Max(14, h.Length)))) + $"  {"net benefit " + d.Currency + "/yr",22}  {"objective gain",16}  {"CO2e avoided t",15}  {"landfill avoided t",19}  exchanges");
        foreach (var p in d.Points)
        {
            var cells = string.Join("  ", p.Values.Select((v, i) => Figures.Number(v).PadLeft(Math.Max(14, heads[i].Length))));
            o.WriteLine(p.Kpis is { } k
                ? $"{cells}  {Figures.Fixed(k.NetBenefit.Value),22}  {Figures.Fixed(k.ObjectiveGain.Value),16}  {Figures.Fixed(k.Co2Avoided.Value, 1),15}  {Figures.Fixed(k.LandfillAvoided.Value),19}  {p.Exchanges.Length}"
                : $"{cells}  {p.Status}");
        }

        o.WriteLine();
        if (d.Switches.IsEmpty)
        {
            o.WriteLine("No exchange switches on or off over this range: the same plan is optimal everywhere (only quantities may change).");
            return;
        }

        string Unit(string path) => d.Parameters.FirstOrDefault(p => p.Path == path)?.Unit is { Length: > 0 } u ? " " + u : string.Empty;
        o.WriteLine("Where exchanges switch on or off:");
        foreach (var s in d.Switches)
        {
            var at = s.At is { } a ? $" (with {a.Parameter} = {Figures.Number(a.Value)}{Unit(a.Parameter)})" : string.Empty;
            o.WriteLine($"  {s.Parameter} from {Figures.Number(s.From)} to {Figures.Number(s.To)}{Unit(s.Parameter)}{at}:");
            foreach (var e in s.On)
            {
                o.WriteLine($"    on:  {e.Name}");
            }

            foreach (var e in s.Off)
            {
                o.WriteLine($"    off: {e.Name}");
            }
        }
    }
}
