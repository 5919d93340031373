using System.Diagnostics;
using System.Globalization;
using SymbiosisOptimizer.Optimization.Modeling;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Benchmarks;

/// <summary>
/// `profile-bundle 300 "name = value;..." ...`: the slowest independent blocks of a generated region's model, each
/// solved to its share of a 0.5 % gap budget with SCIP under each parameter set given (median of five), to tune the settings small blocks get.
/// </summary>
internal static class BundleProfile
{
    public static void Run(int actors, IReadOnlyList<string> settings, TextWriter o)
    {
        var (_, _, ctx, _, _, _) = ScaleInstances.BuildTimed(ScaleInstances.Write(actors));
        var model = ctx.Model;
        var blocks = ModelBlocks.Split(model).Where(b => b.Binaries > 0).ToList();

        // The block's share of the gap budget, as BlockSolver gives it (in proportion to its yes/no variables).
        var lp = OrToolsSolver.Solve(model, new SolveOptions(SolverKind.Glop), SolverKind.Glop).Objective;
        var binaries = blocks.Sum(b => b.Binaries);
        SolveOutcome Solve(MipModel sub, ModelBlock b, string settings) => OrToolsSolver.Solve(
            sub,
            new SolveOptions(SolverKind.Scip, 10, 0) { SolverParameters = string.Create(CultureInfo.InvariantCulture, $"limits/absgap = {5e-3 * Math.Abs(lp) * b.Binaries / binaries:R}\n{settings.Replace(";", "\n", StringComparison.Ordinal)}") },
            SolverKind.Scip);
        var timed = blocks.Select(b =>
        {
            var (sub, _, _) = ModelBlocks.Extract(model, [b]);
            var outcome = Solve(sub, b, "separating/maxroundsroot = 5");
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
                    last = Solve(sub, block, setting);
                    times.Add(sw.Elapsed.TotalMilliseconds);
                }

                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {times.Order().ElementAt(2),7:0.0} ms  {last.Objective:N0} ({last.GapText})  [{setting}]"));
            }
        }
    }
}
