using System.Diagnostics;
using System.Globalization;
using SymbiosisOptimizer.Assessment.Coalitions;
using SymbiosisOptimizer.Assessment.Sharing;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Benchmarks;

/// <summary>
/// One timed pass of least core, minimum subsidy and nucleolus by constraint generation on every component of a
/// generated region (money basis, as <c>symbiosis share</c> defaults to), for benchmarks/README.md.
/// </summary>
public static class SharingProfile
{
    /// <param name="towns">Town centres of the generated region (null: the generator's default); 1 makes one dense group.</param>
    public static void Profile(int actors, int minComponent, bool nucleolus, TextWriter o, int? towns = null)
    {
        var region = ScaleInstances.Load(ScaleInstances.Write(actors, towns: towns));
        var clock = Stopwatch.StartNew();
        var game = RegionGame.Build(region, new SolveOptions(), ValueBasis.Money);
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{actors} actors: components [{string.Join(", ", game.Components.Select(c => c.Players.Length))}], game built in {clock.Elapsed.TotalSeconds:0.0} s"));
        foreach (var c in game.Components.Where(c => c.Players.Length >= minComponent))
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var oracle = new ComponentOracle(c);
            var lc = ConstraintGeneration.LeastCore(oracle);
            var lcSeconds = watch.Elapsed.TotalSeconds;
            var line = string.Create(CultureInfo.InvariantCulture,
                $"  component of {c.Players.Length}: least core eps* = {lc.Epsilon:0.##} (subsidy {lc.MinimumSubsidy:0.##}), {lc.Separations} separations, {lc.CoalitionsGenerated} coalitions, certified {lc.Certified}, {lcSeconds:0.0} s wall");
            if (nucleolus)
            {
                var nu = ConstraintGeneration.Nucleolus(oracle);
                line += string.Create(CultureInfo.InvariantCulture,
                    $"; nucleolus {nu.Stages} stages, {nu.Separations} separations, certified {nu.Certified}, {watch.Elapsed.TotalSeconds - lcSeconds:0.0} s wall");
            }

            o.WriteLine(line + string.Create(CultureInfo.InvariantCulture, $"; total {watch.Elapsed.TotalSeconds:0.0} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} s CPU, {oracle.Solves} solves"));
        }

        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all: {clock.Elapsed.TotalSeconds:0.0} s wall"));
    }
}
