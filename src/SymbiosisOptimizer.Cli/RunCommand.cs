using System.CommandLine;
using System.Globalization;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Cli;

internal static class RunCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var path = new Argument<string>("path") { Description = "A scenario folder (with scenario.yaml), a .yaml file or a .xlsx workbook from symbiosis template" };
        var scenario = CommonOptions.Scenario();
        var outDir = new Option<string?>("--out", "-o") { Description = "Folder for results.json (default: out/<scenario folder>/<scenario>)" };
        var solver = new Option<string>("--solver") { Description = "auto | scip | cbc | glop | mincostflow (auto picks min-cost flow, GLOP or SCIP by model type)", DefaultValueFactory = _ => "auto" };
        var timeLimit = new Option<double?>("--time-limit") { Description = "Stop the solver after this many seconds and report the best plan and its gap" };
        var gap = new Option<double>("--gap") { Description = "Relative optimality gap at which a MILP solve may stop (default 0.0001)", DefaultValueFactory = _ => 1e-4 };
        var pareto = new Option<int>("--pareto") { Description = "Also trace N points of the money-versus-CO2 Pareto front (epsilon-constraint)", DefaultValueFactory = _ => 0 };
        var strict = new Option<bool>("--strict") { Description = "Treat validation warnings as errors" };
        var cmd = new Command("run", "Optimise a scenario's exchanges against today's situation and write results.json")
        {
            path, scenario, outDir, solver, timeLimit, gap, pareto, strict,
        };
        cmd.SetAction(parse =>
        {
            if (!TryParseSolver(parse.GetValue(solver)!, out var kind))
            {
                stderr.WriteLine($"error: --solver '{parse.GetValue(solver)}' is not allowed; use auto, scip, cbc, glop or mincostflow");
                return ExitCodes.Usage;
            }

            var g = parse.GetValue(gap);
            var limit = parse.GetValue(timeLimit);
            if (g is < 0 or > 1 || double.IsNaN(g) || limit is <= 0)
            {
                stderr.WriteLine("error: --gap must be between 0 and 1 and --time-limit more than 0 seconds");
                return ExitCodes.Usage;
            }

            var p = parse.GetValue(path)!;
            var load = RunnerCommon.Load(p, parse.GetValue(scenario), stderr, parse.GetValue(strict));
            if (load is null)
            {
                return ExitCodes.InvalidInput;
            }

            var region = load.Region!;
            var result = ExchangeOptimizer.Optimize(region, new OptimizeOptions(new SolveOptions(kind, limit, g), ParetoPoints: parse.GetValue(pareto)));
            var dir = parse.GetValue(outDir) ?? RunnerCommon.DefaultDir(p, load.ScenarioName);
            var provenance = new RunProvenance(load.SourceFile, load.ScenarioName, load.AppliedOverrides);
            IReadOnlyList<string> written;
            try
            {
                written = RunOutputs.Write(dir, new RunReport(region, provenance, result), [ScenarioLoader.ResolvePath(p)]);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: cannot write the reports into {dir}: {ex.Message}");
                return ExitCodes.OutputFailed;
            }

            Summary.Print(stdout, region, load, result);
            foreach (var file in written)
            {
                stdout.WriteLine($"Wrote {file}");
            }
            return result.HasSolution ? ExitCodes.Ok : ExitCodes.NoSolution;
        });
        return cmd;
    }

    internal static bool TryParseSolver(string text, out SolverKind kind) =>
        Enum.TryParse(text.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out kind) && Enum.IsDefined(kind);
}

/// <summary>The readable summary printed after a run: findings first, then the exchanges and who gains.</summary>
internal static class Summary
{
    public static void Print(TextWriter o, Region region, LoadResult load, OptimizationResult r)
    {
        var cur = region.Economics.Currency;
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine();
        o.WriteLine($"{region.Name} - scenario '{load.ScenarioName}'{(load.AppliedOverrides.IsEmpty ? string.Empty : " (" + string.Join(", ", load.AppliedOverrides) + ")")}");
        var s = r.Solve;
        o.WriteLine(string.Create(inv, $"Status: {r.Status.Text()} ({s.SolverName}, {s.Seconds:0.###} s, gap {s.GapText}, {s.Size.Rows} rows x {s.Size.Columns} columns, {s.Size.Binaries} yes/no decisions{(s.Blocks > 1 ? $", solved as {s.Blocks} independent parts" : string.Empty)})"));
        o.WriteLine(string.Create(inv, $"Candidate exchanges: {r.Network.Arcs.Length} (source-receiver pairs x transport modes) from {r.Network.Considered} pairs considered{(r.Network.Pruned.IsEmpty ? string.Empty : "; left out: " + string.Join("; ", r.Network.Pruned.Select(p => $"{p.Count} {p.Reason}")))}"));
        foreach (var line in r.Explanation)
        {
            o.WriteLine(line);
        }

        if (r.Kpis is not { } k)
        {
            return;
        }

        o.WriteLine();
        o.WriteLine("Against today's situation, per year:");
        o.WriteLine(string.Create(inv, $"  Net benefit            {k.NetBenefit,14:N0} {cur}/yr"));
        o.WriteLine(string.Create(inv, $"  CO2e avoided           {k.Co2Avoided,14:N1} t CO2e/yr"));
        o.WriteLine(string.Create(inv, $"  Landfill avoided       {k.LandfillAvoided,14:N0} t/yr"));
        o.WriteLine(string.Create(inv, $"  Virgin material avoided{k.VirginMaterialAvoided,14:N0} t/yr"));
        o.WriteLine(string.Create(inv, $"  Transport emissions    {k.TransportEmissions,14:N1} t CO2e/yr"));
        o.WriteLine();
        if (r.Exchanges.IsEmpty)
        {
            o.WriteLine("No exchange pays off under this scenario: every actor keeps its current route and source.");
        }
        else
        {
            o.WriteLine("Exchanges chosen:");
            foreach (var e in r.Exchanges.OrderByDescending(e => e.AnnualBenefit))
            {
                o.WriteLine(string.Create(inv, $"  {e.FromActor} -> {e.ToActor}: {e.Quantity:N0} {e.Unit} {e.Resource}, {e.DistanceKm:0.#} km by {e.Mode}{(e.Process is null ? string.Empty : " via " + e.Process)}{(e.Permit is null ? string.Empty : ", permit " + e.Permit)}; {e.AnnualBenefit:N0} {cur}/yr, {e.Co2Avoided:N1} t CO2e/yr"));
            }
        }

        o.WriteLine();
        o.WriteLine($"Actors (net benefit before transfer prices, {cur}/yr):");
        foreach (var a in r.Actors.Where(a => Math.Abs(a.NetBenefit) > 0.5 || Math.Abs(a.Co2Avoided) > 1e-3).OrderByDescending(a => a.NetBenefit))
        {
            o.WriteLine(string.Create(inv, $"  {a.Name,-40} {a.NetBenefit,14:N0}   CO2e avoided {a.Co2Avoided,10:N1} t/yr"));
        }
    }
}
