using System.Diagnostics;
using System.Globalization;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Modeling;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Benchmarks;

/// <summary>
/// `profile-lagrangian 1000 [SECONDS] [BLOCKS]`: on the largest blocks of a generated region, the LP bound and the
/// slope-scaling plan against the Lagrangian bound (<see cref="LagrangianBound"/>) from the LP's duals and from the
/// supplies' route costs (the start a part out of time uses), each given SECONDS.
/// </summary>
internal static class LagrangianProfile
{
    public static void Run(int actors, double seconds, int blocks, TextWriter o)
    {
        var (_, _, ctx, _, _, _) = ScaleInstances.BuildTimed(ScaleInstances.Write(actors));
        var model = ctx.Model;
        var supply = ctx.RowsOf(RowFamily.SupplyBalance).Select(t => t.Row).ToHashSet();
        foreach (var b in ModelBlocks.Split(model).OrderByDescending(b => b.Binaries).Take(blocks))
        {
            var (sub, _, rows) = ModelBlocks.Extract(model, [b]);
            var local = Enumerable.Range(0, rows.Length).Where(k => supply.Contains(rows[k])).ToList();
            var sw = Stopwatch.StartNew();
            var ss = SlopeScaling.Run(sub, null);
            var tSs = sw.Elapsed.TotalSeconds;
            var fromDuals = LagrangianBound.Run(sub, local, ss.RowDuals, ss.Objective, seconds, maxIterations: int.MaxValue);
            sw.Restart();
            var plan = LagrangianBound.Plan(sub, fromDuals, ss.Solution, seconds);
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  Lagrangian heuristic ({fromDuals.Opened.Length} connections of {sub.Switches.Count}): plan {plan.Objective:N0} ({(plan.Objective - ss.Objective) / Math.Abs(ss.Objective):P2} against slope scaling) in {sw.Elapsed.TotalSeconds:0.00} s"));
            sw.Restart();
            var incumbent = plan.HasSolution && plan.Objective < ss.Objective ? plan.Solution : ss.Solution;
            var near = LagrangianBound.Neighbourhood(sub, fromDuals, incumbent);
            var searched = BlockSolver.Solve(near, new SolveOptions(SolverKind.Scip, seconds, 1e-4, Hint: incumbent, SupplyRows: [.. local]), SolverKind.Scip, int.MaxValue);
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  branch-and-bound in that neighbourhood ({near.Variables.Count(v => v.IsInteger && v.Upper > v.Lower)} open yes/no): plan {searched.Objective:N0} ({(searched.Objective - ss.Objective) / Math.Abs(ss.Objective):P2} against slope scaling), {searched.Termination}, in {sw.Elapsed.TotalSeconds:0.00} s"));
            var fromRoutes = LagrangianBound.Run(sub, local, default, ss.Objective, seconds, maxIterations: int.MaxValue);
            string Gap(double bound) => ((ss.Objective - bound) / Math.Abs(ss.Objective)).ToString("P2", CultureInfo.InvariantCulture);
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"block of {b.Binaries} binaries ({sub.Rows.Count} x {sub.Variables.Count}): slope scaling {tSs:0.00} s, plan {ss.Objective:N0}, LP {ss.Bound:N0} (gap {Gap(ss.Bound)})"));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  Lagrangian from the LP duals: start {fromDuals.Start:N0}, bound {fromDuals.Bound:N0} (gap {Gap(fromDuals.Bound)}, +{(fromDuals.Bound - ss.Bound) / Math.Abs(ss.Bound):P2} over the LP) in {fromDuals.Iterations} steps, {fromDuals.Seconds:0.00} s; {fromDuals.Components} parts, {fromDuals.Fallbacks} as LPs"));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  Lagrangian from route costs: start {fromRoutes.Start:N0}, bound {fromRoutes.Bound:N0} (gap {Gap(fromRoutes.Bound)}) in {fromRoutes.Iterations} steps, {fromRoutes.Seconds:0.00} s"));
        }
    }
}
