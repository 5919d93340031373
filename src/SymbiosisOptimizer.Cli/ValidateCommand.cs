using System.CommandLine;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Cli;

internal static class ValidateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var path = new Argument<string>("path") { Description = "A scenario folder (with scenario.yaml), a .yaml file or a .xlsx workbook from symbiosis template" };
        var scenario = CommonOptions.Scenario();
        var strict = new Option<bool>("--strict") { Description = "Treat warnings (e.g. a supply nobody can use) as errors" };
        var cmd = new Command("validate", "Check a scenario file and report every problem at once, with file:line:column")
        {
            path, scenario, strict,
        };
        cmd.SetAction(parse =>
        {
            var p = parse.GetValue(path)!;
            var s = parse.GetValue(scenario);
            var result = ScenarioLoader.Load(p, new LoadOptions(s, parse.GetValue(strict), ValidateAllScenarios: s is null));
            Report.Diagnostics(result, stderr);
            if (!result.Succeeded)
            {
                stderr.WriteLine($"{result.SourceFile}: invalid: {result.Errors.Count()} error(s), {result.Warnings.Count()} warning(s).");
                return ExitCodes.InvalidInput;
            }

            var r = result.Region!;
            stdout.WriteLine($"{result.SourceFile}: valid ({result.ScenarioName}{(result.AppliedOverrides.IsEmpty ? string.Empty : " = " + string.Join(" + ", result.AppliedOverrides))}).");
            stdout.WriteLine($"  {r.Name}: {r.Actors.Length} actors, {r.Resources.Length} resources, {r.Supplies.Length} supplies, {r.Demands.Length} demands, " +
                             $"{r.Processes.Length} processes, {r.TransportModes.Length} transport modes, {r.Permits.Length} permits.");
            stdout.WriteLine($"  Scenarios: {string.Join(", ", result.ScenarioNames)}. Warnings: {result.Warnings.Count()}.");
            var check = Reachability.Check(r, CandidateNetworkBuilder.Build(r));
            if (!check.Unreachable.IsEmpty || !check.Unmet.IsEmpty)
            {
                stdout.WriteLine($"  Before solving ({check.Unreachable.Length} unreachable, {check.Unmet.Length} pinned choice(s) that cannot be met):");
                foreach (var line in Reachability.Lines(check))
                {
                    stdout.WriteLine("    " + line);
                }
            }

            if (check.StopsRun)
            {
                stderr.WriteLine($"{result.SourceFile}: a required choice cannot be met; `symbiosis run` would stop.");
                return ExitCodes.InvalidInput;
            }

            return ExitCodes.Ok;
        });
        return cmd;
    }
}

internal static class CommonOptions
{
    public static Option<string?> Scenario() =>
        new("--scenario", "-s") { Description = "Name of a scenario defined under 'scenarios:' (default: the base model)" };
}

internal static class Report
{
    public static void Diagnostics(LoadResult result, TextWriter stderr)
    {
        foreach (var d in result.Diagnostics)
        {
            stderr.WriteLine(d.ToString());
        }
    }
}
