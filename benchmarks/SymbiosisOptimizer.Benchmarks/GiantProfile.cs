using System.Diagnostics;
using System.Globalization;
using SymbiosisOptimizer.Optimization.Modeling;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Benchmarks;

/// <summary>
/// `profile-giants ACTORS [NODES] [BLOCKS] ["scip settings;..." ...]`: on the largest blocks of a generated region, what
/// the block is made of (row and yes/no families), its LP bound, the LP bound after <see cref="Strengthening"/>, and
/// SCIP's bound and plan after a fixed node budget (deterministic, unlike a time limit) under each setting given, on
/// the block as strengthened (and as built under the first setting).
/// </summary>
internal static class GiantProfile
{
    public static void Run(int actors, long nodes, int blocks, IReadOnlyList<string> settings, TextWriter o)
    {
        var (_, _, ctx, _, _, _) = ScaleInstances.BuildTimed(ScaleInstances.Write(actors));
        var model = ctx.Model;
        foreach (var b in ModelBlocks.Split(model).OrderByDescending(b => b.Binaries).Take(blocks))
        {
            var (sub, _, _) = ModelBlocks.Extract(model, [b]);
            var rows = sub.Rows.GroupBy(r => Family(r.Name)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
            var binaries = sub.Variables.Where(v => v.IsInteger).GroupBy(v => Family(v.Name)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
            o.WriteLine($"block of {b.Binaries} binaries ({sub.Rows.Count} x {sub.Variables.Count}): rows {string.Join(", ", rows)}; yes/no {string.Join(", ", binaries)}");
            var strong = sub.Copy();
            var added = Strengthening.Apply(strong);
            var lp = Lp(sub);
            var lpStrong = Lp(strong);
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  LP {lp:#,##0}; strengthened ({added} rows) {lpStrong:#,##0} (+{(lpStrong - lp) / Math.Abs(lp) * 100:0.000} %)"));
            foreach (var setting in settings)
            {
                // The block as built only under the first setting: it is the reference, and the root can take a minute.
                foreach (var (name, m) in setting == settings[0] ? new[] { ("as built", sub), ("strengthened", strong) } : [("strengthened", strong)])
                {
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var parameters = string.Create(CultureInfo.InvariantCulture, $"limits/nodes = {nodes}\n{setting.Replace(";", "\n", StringComparison.Ordinal)}");
                    var r = OrToolsSolver.Solve(m, new SolveOptions(SolverKind.Scip, 600, 0) { SolverParameters = parameters }, SolverKind.Scip);
                    var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                    o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  SCIP {nodes} nodes, {name}, [{setting}]: bound {r.BestBound:#,##0} (+{(r.BestBound - lp) / Math.Abs(lp) * 100:0.000} % over the LP), plan {r.Objective:#,##0} (+{(r.Objective - lp) / Math.Abs(lp) * 100:0.000} %), {r.Termination}, {used:0.0} s CPU"));
                }
            }
        }
    }

    /// <summary>
    /// `profile-giants-budget ACTORS "SECONDS,..." [BLOCKS]`: on the strengthened largest blocks, from slope scaling's
    /// plan, what <see cref="PlanRepair"/> and SCIP on the whole block (that plan as its hint, root cuts limited to two
    /// rounds) each reach in the same wall-clock budget, run back to back so both see the same load.
    /// </summary>
    public static void RunBudgets(int actors, IReadOnlyList<double> budgets, int blocks, TextWriter o)
    {
        var (_, _, ctx, _, _, _) = ScaleInstances.BuildTimed(ScaleInstances.Write(actors));
        var model = ctx.Model;
        foreach (var b in ModelBlocks.Split(model).OrderByDescending(b => b.Binaries).Take(blocks))
        {
            var (sub, _, _) = ModelBlocks.Extract(model, [b]);
            Strengthening.Apply(sub);
            var ss = SlopeScaling.Run(sub, null);
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"block of {b.Binaries} binaries: strengthened LP {ss.Bound:#,##0}, slope scaling {ss.Objective:#,##0}"));
            foreach (var seconds in budgets)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var r = PlanRepair.Run(sub, ss.Solution, seconds);
                var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {seconds:0.0} s: repair {r.Objective:#,##0} ({r.Moves} moves of {r.Evaluations}, {used:0.0} s CPU)"));
                foreach (var rounds in new[] { 0, 2, 5 })
                {
                    cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var s = OrToolsSolver.Solve(sub, new SolveOptions(SolverKind.Scip, seconds, 0) { Hint = ss.Solution, SolverParameters = $"separating/maxroundsroot = {rounds}" }, SolverKind.Scip);
                    used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                    o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {seconds:0.0} s: SCIP, {rounds} root rounds: plan {s.Objective:#,##0}, bound {s.BestBound:#,##0} ({used:0.0} s CPU)"));
                }
            }
        }
    }

    /// <summary>
    /// `profile-giant-lp ACTORS [REPEATS] [BLOCKS]`: on the largest blocks, slope scaling's relaxation and its first
    /// priced plan (no later rounds) with each <see cref="LpEngine"/>, alternated REPEATS times so both see the same load:
    /// wall seconds, the bound and the plan (the same bound from both is the check that they solve the same LP).
    /// </summary>
    public static void RunLpEngines(int actors, int repeats, int blocks, TextWriter o)
    {
        var (_, _, ctx, _, _, _) = ScaleInstances.BuildTimed(ScaleInstances.Write(actors));
        var model = ctx.Model;
        foreach (var b in ModelBlocks.Split(model).OrderByDescending(b => b.Binaries).Take(blocks))
        {
            var (sub, _, _) = ModelBlocks.Extract(model, [b]);
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"block of {b.Binaries} binaries ({sub.Rows.Count} x {sub.Variables.Count})"));
            for (var k = 0; k < repeats; k++)
            {
                foreach (var engine in new[] { LpEngine.Glop, LpEngine.Clp })
                {
                    var clock = Stopwatch.StartNew();
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var ss = SlopeScaling.Run(sub, null, maxIterations: 0, engine: engine);
                    var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                    o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {engine}: {clock.Elapsed.TotalSeconds:0.000} s wall, {used:0.000} s CPU; bound {ss.Bound:#,##0.00}, first plan {ss.Objective:#,##0}"));
                }
            }
        }
    }

    private static double Lp(MipModel m) => OrToolsSolver.Solve(m, new SolveOptions(SolverKind.Glop), SolverKind.Glop).Objective;

    private static string Family(string name)
    {
        var cut = name.IndexOfAny(['[', '(']);
        return cut < 0 ? name : name[..cut];
    }
}
