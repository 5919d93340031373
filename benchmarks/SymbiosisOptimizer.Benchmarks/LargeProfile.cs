using System.Diagnostics;
using System.Globalization;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Modeling;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Benchmarks;

/// <summary>
/// `profile-large 5000 60`: the MILP of a large generated region solved block by block within a time limit, with
/// the LP relaxation and the slope-scaling heuristic of its largest blocks shown on their own.
/// </summary>
internal static class LargeProfile
{
    public static void Run(int actors, double timeLimit, bool solveOnly, TextWriter o)
    {
        var (_, _, ctx, tParse, tNetwork, tModel) = ScaleInstances.BuildTimed(ScaleInstances.Write(actors));
        var model = ctx.Model;
        var tBuild = tParse + tNetwork + tModel;
        var blocks = ModelBlocks.Split(model);
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{actors} actors: parse + network + model {tBuild:0.00} s; {model.Rows.Count} x {model.Variables.Count}, {model.BinaryCount} binaries, {blocks.Length} blocks"));
        var sw = Stopwatch.StartNew();
        if (!solveOnly)
        {
            var lp = OrToolsSolver.Solve(model, new SolveOptions(SolverKind.Glop), SolverKind.Glop);
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  LP relaxation of the whole (GLOP dual simplex): {sw.Elapsed.TotalSeconds:0.00} s, {lp.Objective:N0}"));
            foreach (var b in blocks.OrderByDescending(b => b.Binaries).Take(2))
            {
                var (sub, _, _) = ModelBlocks.Extract(model, [b]);
                sw.Restart();
                var ss = SlopeScaling.Run(sub, timeLimit);
                o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  block of {b.Binaries} binaries: slope scaling {sw.Elapsed.TotalSeconds:0.00} s ({ss.Iterations} rounds, {ss.Projected} switches projected out), LP bound {ss.Bound:N0}, solution {ss.Objective:N0} (+{(ss.Objective - ss.Bound) / ss.Bound:P2})"));
            }
        }

        sw.Restart();
        var solve = BlockSolver.Solve(model, new SolveOptions(SolverKind.Scip, timeLimit, 5e-3, SupplyRows: [.. ctx.RowsOf(RowFamily.SupplyBalance).Select(t => t.Row)]) { SolverParameters = Environment.GetEnvironmentVariable("SYMBIOSIS_SCIP_PARAMS")?.Replace(";", "\n", StringComparison.Ordinal) }, SolverKind.Scip);
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  block solve, SCIP to 0.5 %, {timeLimit:0} s limit: {sw.Elapsed.TotalSeconds:0.00} s, {solve.SolverName}, {solve.Termination}, {solve.Solution}, objective {solve.Objective:N0}, bound {solve.BestBound:N0}, gap {solve.GapText}"));
    }
}
