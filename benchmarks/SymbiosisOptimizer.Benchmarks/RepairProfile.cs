using System.Diagnostics;
using System.Globalization;
using SymbiosisOptimizer.Optimization.Modeling;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Benchmarks;

/// <summary>
/// `profile-repair 1000 [SECONDS] [BLOCKS]`: on the largest blocks of a generated region, slope scaling's plan against
/// the same plan after <see cref="PlanRepair"/> given 1/4, 1/2 and all of SECONDS, each from the start (so the figures
/// show what a shorter budget would have found), with the LP bound for scale.
/// </summary>
internal static class RepairProfile
{
    public static void Run(int actors, double seconds, int blocks, TextWriter o)
    {
        var (_, _, ctx, _, _, _) = ScaleInstances.BuildTimed(ScaleInstances.Write(actors));
        var model = ctx.Model;
        foreach (var b in ModelBlocks.Split(model).OrderByDescending(b => b.Binaries).Take(blocks))
        {
            var (sub, _, _) = ModelBlocks.Extract(model, [b]);
            var sw = Stopwatch.StartNew();
            var ss = SlopeScaling.Run(sub, null);
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"block of {b.Binaries} binaries ({sub.Rows.Count} x {sub.Variables.Count}): LP {ss.Bound:#,##0}, slope scaling {ss.Objective:#,##0} (+{(ss.Objective - ss.Bound) / Math.Abs(ss.Bound) * 100:0.00} % over the LP) in {sw.Elapsed.TotalSeconds:0.00} s"));
            foreach (var share in new[] { 0.25, 0.5, 1 })
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var r = PlanRepair.Run(sub, ss.Solution, seconds * share);
                var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  repair {seconds * share:0.0} s: {r.Objective:#,##0} (+{(r.Objective - ss.Bound) / Math.Abs(ss.Bound) * 100:0.00} % over the LP), {r.Evaluations} evaluations, {r.Moves} moves, {r.Seconds:0.00} s wall, {used:0.00} s CPU"));
            }
        }
    }
}
