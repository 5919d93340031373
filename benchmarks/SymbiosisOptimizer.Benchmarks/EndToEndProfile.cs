using System.Diagnostics;
using System.Globalization;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Benchmarks;

/// <summary>
/// `profile-e2e 300 20`: the end-to-end run (parse -> solve -> results.json) repeated after a warm-up, with the
/// median of each stage, to see where a few hundred milliseconds go without BenchmarkDotNet's overhead.
/// </summary>
internal static class EndToEndProfile
{
    public static void Run(int actors, int repetitions, TextWriter o)
    {
        var file = ScaleInstances.Write(actors);
        var options = new SolveOptions(SolverKind.Scip, 10, 5e-3);
        var stages = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        void Add(string stage, double seconds)
        {
            if (!stages.TryGetValue(stage, out var list))
            {
                stages[stage] = list = [];
            }

            list.Add(seconds * 1000);
        }

        for (var rep = -3; rep < repetitions; rep++)
        {
            var sw = Stopwatch.StartNew();
            var total = Stopwatch.StartNew();
            var load = ScenarioLoader.Load(file);
            var region = load.Region!;
            var tLoad = sw.Elapsed.TotalSeconds;
            sw.Restart();
            var network = CandidateNetworkBuilder.Build(region);
            var tNetwork = sw.Elapsed.TotalSeconds;
            sw.Restart();
            var result = ExchangeOptimizer.Optimize(region, new OptimizeOptions(options), network);
            var tOptimize = sw.Elapsed.TotalSeconds;
            sw.Restart();
            var json = ResultsJson.Serialize(region, new RunProvenance(load.SourceFile, load.ScenarioName, load.AppliedOverrides), result);
            AtomicFile.WriteAllText(Path.Combine(Path.GetDirectoryName(file)!, "out", "results.json"), json, []);
            var tJson = sw.Elapsed.TotalSeconds;
            var tTotal = total.Elapsed.TotalSeconds;

            // The optimiser's own stages, again, outside the timed run.
            sw.Restart();
            var ctx = ExchangeFormulation.Build(region, network, new FormulationOptions());
            var tModel = sw.Elapsed.TotalSeconds;
            sw.Restart();
            _ = BlockSolver.Solve(ctx.Model, options, SolverKind.Scip);
            var tSolve = sw.Elapsed.TotalSeconds;
            if (rep < 0)
            {
                continue;
            }

            Add("parse + validate", tLoad);
            Add("network", tNetwork);
            Add("optimise (counterfactual + model + solve + assemble)", tOptimize);
            Add("  of which: model build", tModel);
            Add("  of which: block solve", tSolve);
            Add("results.json", tJson);
            Add("end to end", tTotal);
        }

        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{actors} actors, {repetitions} runs after 3 warm-ups (median / min ms):"));
        foreach (var (stage, ms) in stages)
        {
            var sorted = ms.Order().ToList();
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {stage,-55} {sorted[sorted.Count / 2],8:0.0} {sorted[0],8:0.0}"));
        }
    }
}
