using System.Diagnostics;
using System.Globalization;
using SymbiosisOptimizer.Assessment.Coalitions;
using SymbiosisOptimizer.Assessment.Sharing;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Benchmarks;

/// <summary>
/// One separation of a generated region's largest groups with SCIP's cutting planes on and off, at the same split, so
/// that the answers (coalition, its true excess, the bound) and the CPU can be compared (benchmarks/README.md).
/// </summary>
public static class SeparationCutsProfile
{
    /// <param name="steps">Separations of a least core run on each setting after the single ones (0: none).</param>
    public static void Profile(string dir, int minComponent, int steps, TextWriter o)
    {
        var region = ScaleInstances.Load(Path.Combine(dir, "scenario.yaml"));
        var game = RegionGame.Build(region, new SolveOptions(), ValueBasis.Money);
        foreach (var c in game.Components.Where(c => c.Players.Length >= minComponent))
        {
            var n = c.Players.Length;
            foreach (var cuts in new[] { false, true })
            {
                var oracle = new ComponentOracle(c, cuttingPlanes: cuts);
                var vi = Enumerable.Range(0, n).Select(i => oracle.Value(MemberSet.Of(n, [i]))).ToArray();
                var surplus = (oracle.GrandValue - vi.Sum()) / n;

                // An equal split of the surplus, as a first master might propose, and standalone values (nothing shared).
                foreach (var (name, x) in new[] { ("equal surplus", vi.Select(v => v + surplus).ToArray()), ("standalone", vi) })
                {
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var watch = Stopwatch.StartNew();
                    var s = oracle.MostViolated(x, []);
                    var seconds = watch.Elapsed.TotalSeconds;
                    var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                    var excess = s.Coalition is { } k ? oracle.Value(k) - k.Sum(x) : double.NaN;
                    o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"group of {n}, cuts {(cuts ? "on " : "off")}, x {name}: {seconds:0.0} s wall {used:0.0} s CPU; |S| {s.Coalition?.Count}, true excess {excess:0}, bound {s.UpperBound:0}, exact {s.Exact}; S = {(s.Coalition is null ? "-" : string.Join(",", s.Coalition.Members()))}"));
                }

                if (steps > 0)
                {
                    // The master's splits of a least core, one separation each: the harder, near-stable ones.
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var lc = ConstraintGeneration.LeastCore(new SeparationProfile.Timed(oracle, o), new GenerationOptions(MaxSeparations: steps));
                    o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"group of {n}, cuts {(cuts ? "on " : "off")}: least core after {lc.Separations} separations: eps {lc.Epsilon:0} gap {lc.BoundGap:0}, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} s CPU"));
                }
            }
        }
    }
}
