using System.Diagnostics;
using System.Globalization;
using SymbiosisOptimizer.Assessment.Coalitions;
using SymbiosisOptimizer.Assessment.Sharing;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Benchmarks;

/// <summary>
/// Where constraint generation spends its time: every separation MILP and every coalition solve of the least core and
/// nucleolus of a generated region's large components, one line each, for benchmarks/README.md.
/// </summary>
public static class SeparationProfile
{
    public static void Profile(int actors, int minComponent, int? towns, GenerationOptions options, TextWriter o)
    {
        var region = ScaleInstances.Load(ScaleInstances.Write(actors, towns: towns));
        var clock = Stopwatch.StartNew();
        var game = RegionGame.Build(region, new SolveOptions(), ValueBasis.Money);
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{actors} actors: components [{string.Join(", ", game.Components.Select(c => c.Players.Length + (c.Parts.IsEmpty ? string.Empty : " (parts " + string.Join("+", c.Parts.Select(p => p.Game.Players.Length)) + ")")))}], built in {clock.Elapsed.TotalSeconds:0.0} s"));
        foreach (var c in game.Components.Where(c => c.Players.Length >= minComponent))
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var oracle = new Timed(new ComponentOracle(c), o);
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"component of {c.Players.Length}: oracle built in {watch.Elapsed.TotalSeconds:0.0} s"));
            var lc = ConstraintGeneration.LeastCore(oracle, options);
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"least core eps {lc.Epsilon:0.##} subsidy {lc.MinimumSubsidy:0.##} seps {lc.Separations} certified {lc.Certified} gap {lc.BoundGap:0.##}; {watch.Elapsed.TotalSeconds:0.0} s wall {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} s CPU; separation {oracle.SeparationSeconds:0.0} s, values {oracle.ValueSeconds:0.0} s"));
            var nu = ConstraintGeneration.Nucleolus(oracle, options);
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"nucleolus stages {nu.Stages} seps {nu.Separations} certified {nu.Certified}; {watch.Elapsed.TotalSeconds:0.0} s wall {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} s CPU; separation {oracle.SeparationSeconds:0.0} s, values {oracle.ValueSeconds:0.0} s"));
        }
    }

    internal sealed class Timed(ICoalitionOracle inner, TextWriter o) : ICoalitionOracle
    {
        private int count;

        public double SeparationSeconds { get; private set; }

        public double ValueSeconds { get; private set; }

        public int PlayerCount => inner.PlayerCount;

        public double GrandValue => inner.GrandValue;

        public int Solves => inner.Solves;

        public double Value(MemberSet coalition)
        {
            var w = Stopwatch.StartNew();
            var v = inner.Value(coalition);
            ValueSeconds += w.Elapsed.TotalSeconds;
            return v;
        }

        public Separation MostViolated(IReadOnlyList<double> x, IReadOnlyCollection<MemberSet> excluded)
        {
            var w = Stopwatch.StartNew();
            var s = inner.MostViolated(x, excluded);
            SeparationSeconds += w.Elapsed.TotalSeconds;
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  sep {++count}: {w.Elapsed.TotalMilliseconds:0} ms, |S| {s.Coalition?.Count}, bound {s.UpperBound:0.##}, exact {s.Exact}, excluded {excluded.Count}"));
            return s;
        }
    }
}
