using System.CommandLine;
using System.Globalization;
using SymbiosisOptimizer.Optimization.Decisions;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;
using static SymbiosisOptimizer.Cli.RunnerCommon;

namespace SymbiosisOptimizer.Cli;

internal static class AlternativesCommand
{
    public const int MaxCount = 100;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var path = PathArgument();
        var scenario = CommonOptions.Scenario();
        var count = new Option<int>("--count", "-k") { Description = "How many alternative plans to look for", DefaultValueFactory = _ => 5 };
        var slack = new Option<string>("--slack") { Description = "How far below the optimum's gain a plan may be, as a percentage (5%) or a fraction (0.05)", DefaultValueFactory = _ => "5%" };
        var outDir = Out("alternatives.json");
        var solver = Solver();
        var timeLimit = TimeLimit();
        var lang = Lang();
        var cmd = new Command("alternatives", "Find plans almost as good as the optimum, each as different as possible from the ones before, and say which exchanges every good plan needs")
        {
            path, scenario, count, slack, outDir, solver, timeLimit, lang,
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

            var k = parse.GetValue(count);
            if (!InRange("--count", k, 1, MaxCount, stderr))
            {
                return ExitCodes.Usage;
            }

            if (!TryParseSlack(parse.GetValue(slack)!, out var s))
            {
                stderr.WriteLine($"error: --slack '{parse.GetValue(slack)}' is not allowed; give a share of the optimum's gain above 0 and below 100 %, e.g. 5% or 0.05");
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
            Interrupt.Doing($"alternatives of {p}");
            return WithOutput(dir, "alternatives", Inputs(p), stderr, folder =>
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var result = Alternatives.Find(region, k, s, options, progress: (done, total) => stderr.WriteLine($"  plan {done} of {total} found"));
                Interrupt.ThrowIfRequested();
                var doc = AlternativesDocument.Build(region, load.SourceFile, load.ScenarioName, result, Metadata("alternatives", clock));
                var solved = result.Optimum.HasSolution;
                var written = Publish(folder, solved, staging => Write(staging, RunnerOutputs.Of(doc, language), Inputs(p)), stderr, out var failure);
                stdout.WriteLine();
                stdout.WriteLine($"{doc.Region} - scenario '{doc.Scenario}': plans within {Figures.Percent(doc.Slack)} of the optimum.");
                foreach (var line in doc.Findings)
                {
                    stdout.WriteLine("  " + line);
                }

                foreach (var e in doc.Exchanges)
                {
                    stdout.WriteLine($"  {e.Presence,-10} {e.Plans,3} of {doc.Plans.Length}  {e.Name}");
                }

                if (!written)
                {
                    return failure;
                }

                stdout.WriteLine($"Wrote {Path.Combine(dir, "alternatives.json")}, {Path.Combine(dir, "alternatives.xlsx")} and {Path.Combine(dir, "alternatives.html")}");
                return solved ? ExitCodes.Ok : ExitCodes.NoSolution;
            });
        });
        return cmd;
    }

    internal static bool TryParseSlack(string text, out double slack)
    {
        var t = text.Trim();
        var percent = t.EndsWith('%');
        if (percent)
        {
            t = t[..^1].Trim();
        }

        slack = double.NaN;
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            return false;
        }

        slack = percent ? v / 100 : v;
        return slack > 0 && slack < 1;
    }
}
