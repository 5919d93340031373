using System.Diagnostics;
using System.Globalization;
using SymbiosisOptimizer.Optimization.Modeling;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Benchmarks;

/// <summary>
/// `profile-bundle 300 "name = value;..." ...`: the slowest independent blocks of a generated region's model, each
/// solved to 0.5 % with SCIP under each parameter set given (median of five), to tune the settings small blocks get.
/// </summary>
internal static class BundleProfile
{
    public static void Run(int actors, IReadOnlyList<string> settings, TextWriter o)
    {
        var (_, _, ctx, _, _, _) = ScaleInstances.BuildTimed(ScaleInstances.Write(actors));
        var model = ctx.Model;
        var blocks = ModelBlocks.Split(model).Where(b => b.Binaries > 0).ToList();
        var timed = blocks.Select(b =>
        {
            var (sub, _, _) = ModelBlocks.Extract(model, [b]);
            var outcome = OrToolsSolver.Solve(sub, new SolveOptions(SolverKind.Scip, 10, 5e-3) { SolverParameters = "separating/maxroundsroot = 5" }, SolverKind.Scip);
            return (Block: b, Model: sub, outcome.Seconds);
        }).OrderByDescending(t => t.Seconds).Take(5).ToList();
        foreach (var (block, sub, seconds) in timed)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"block of {block.Binaries} binaries, {sub.Rows.Count} rows ({seconds * 1000:0} ms first solve):"));
            foreach (var setting in settings)
            {
                var times = new List<double>();
                SolveOutcome last = null!;
                for (var i = 0; i < 5; i++)
                {
                    var sw = Stopwatch.StartNew();
                    last = OrToolsSolver.Solve(sub, new SolveOptions(SolverKind.Scip, 10, 5e-3) { SolverParameters = setting.Replace(";", "\n", StringComparison.Ordinal) }, SolverKind.Scip);
                    times.Add(sw.Elapsed.TotalMilliseconds);
                }

                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {times.Order().ElementAt(2),7:0.0} ms  {last.Objective:N0} ({last.GapText})  [{setting}]"));
            }
        }
    }
}
