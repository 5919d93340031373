using System.CommandLine;
using System.Globalization;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Optimization.Decisions;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;
using static SymbiosisOptimizer.Cli.RunnerCommon;

namespace SymbiosisOptimizer.Cli;

internal static class RobustCommand
{
    /// <summary>Each sample is a full copy of the model in one MILP, so the count is kept to what one machine solves.</summary>
    public const int MaxSamples = 2000;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var path = PathArgument();
        var scenario = CommonOptions.Scenario();
        var samples = new Option<int>("--samples", "-n") { Description = "Number of samples of the inputs under 'uncertainty:'", DefaultValueFactory = _ => 100 };
        var seed = new Option<int>("--seed") { Description = "Random seed (sample i uses seed + i, as montecarlo does)", DefaultValueFactory = _ => 1 };
        var risk = new Option<string>("--risk") { Description = "What the plan maximises: expected (the mean gain) or cvar:ALPHA (the mean gain of the worst 1 - ALPHA of samples, e.g. cvar:0.9)", DefaultValueFactory = _ => "expected" };
        var outDir = Out("robust.json");
        var solver = Solver();
        var timeLimit = TimeLimit();
        var lang = Lang();
        var cmd = new Command("robust", "Choose exchanges, plants and permits once for all sampled futures (two-stage stochastic programme) and report what that is worth against planning on the mean and against perfect foresight")
        {
            path, scenario, samples, seed, risk, outDir, solver, timeLimit, lang,
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

            if (!TryParseRisk(parse.GetValue(risk)!, out var spec))
            {
                stderr.WriteLine($"error: --risk '{parse.GetValue(risk)}' is not allowed; use expected or cvar:ALPHA with ALPHA between 0 and 1 (e.g. cvar:0.9)");
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
                stderr.WriteLine($"{load.SourceFile}: no uncertain inputs are declared; add a top-level 'uncertainty:' list (see docs/scenario-format.md) to plan robustly");
                return ExitCodes.InvalidInput;
            }

            var dir = parse.GetValue(outDir) ?? DefaultDir(p, load.ScenarioName);
            Interrupt.Doing($"robust plan over {n} samples of {p}");
            return WithOutput(dir, "robust", Inputs(p), stderr, folder =>
            {
                stderr.WriteLine($"Planning once for {n} samples of {region.Uncertainty.Length} uncertain input(s) ({spec.Word})...");
                RobustResult result;
                try
                {
                    result = Robust.Run(region, n, parse.GetValue(seed), spec, options, Progress(stderr, "samples scored"));
                }
                catch (ArgumentException e) when (e.ParamName == "region")
                {
                    stderr.WriteLine($"{load.SourceFile}: {e.Message.Replace(" (Parameter 'region')", string.Empty, StringComparison.Ordinal)}");
                    return ExitCodes.InvalidInput;
                }

                Interrupt.ThrowIfRequested();
                var doc = RobustDocument.Build(region, load.SourceFile, load.ScenarioName, result, RunMetadata.Now([StageTiming.Of("extensive form solve", result.ExtensiveSolve?.Seconds ?? 0), StageTiming.Of("robust (sampling, extensive form, scoring every sample under three plans)", result.Seconds)]));
                var solved = doc.RecourseProblem is not null;
                var written = Publish(folder, solved, staging => Write(staging, RunnerOutputs.Of(doc, language), Inputs(p)), stderr, out var failure);
                stdout.WriteLine();
                stdout.WriteLine($"{doc.Region} - scenario '{doc.Scenario}': robust plan over {doc.Samples} samples (seed {doc.Seed}, {doc.Risk}), {Figures.Fixed(result.Seconds, 1)} s.");
                foreach (var line in doc.Findings)
                {
                    stdout.WriteLine("  " + line);
                }

                if (!written)
                {
                    return failure;
                }

                stdout.WriteLine($"Wrote {Path.Combine(dir, "robust.json")}, {Path.Combine(dir, "robust.xlsx")} and {Path.Combine(dir, "robust.html")}");
                return solved ? ExitCodes.Ok : ExitCodes.NoSolution;
            });
        });
        return cmd;
    }

    internal static bool TryParseRisk(string text, out RiskSpec risk)
    {
        risk = RiskSpec.Expected;
        var t = text.Trim();
        if (t.Equals("expected", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        const string prefix = "cvar:";
        if (t.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && double.TryParse(t[prefix.Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out var alpha)
            && alpha > 0 && alpha < 1)
        {
            risk = new RiskSpec(RiskMeasure.Cvar, alpha);
            return true;
        }

        return false;
    }
}
