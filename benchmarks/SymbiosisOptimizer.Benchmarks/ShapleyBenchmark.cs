using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using SymbiosisOptimizer.Assessment.Coalitions;
using SymbiosisOptimizer.Assessment.Sharing;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Benchmarks;

/// <summary>
/// Shapley values of a generated region: coalition values from the optimiser, components exact up to 12 actors, larger
/// ones as the sum of their independent parts (exact up to 12 actors each); a part above that is sampled (antithetic
/// permutations, seed 1, both cores) until every 95 % half-width is within 1 % of the estimates' scale.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 0, iterationCount: 2)]
[MemoryDiagnoser]
public class ShapleyBenchmark
{
    private Region region = null!;

    [Params(50)]
    public int Actors { get; set; }

    [GlobalSetup]
    public void Setup() => region = ScaleInstances.Load(ScaleInstances.Write(Actors));

    [Benchmark]
    public int Shapley() => Run(RegionGame.Build(region, new SolveOptions())).Sum(r => r.Amounts.Length);

    internal static List<Allocation> Run(RegionGame game, int maxPermutations = 20_000, int? controlVariateOrder = null, int? threads = null, bool split = true)
    {
        var sampling = RegionSharing.SamplingOptions(new RegionSharingOptions([], IncludeDual: false, Samples: maxPermutations, Seed: 1)) with
        {
            TargetRelativeHalfWidth = 0.01,
        };
        sampling = sampling with
        {
            ControlVariateOrder = controlVariateOrder ?? sampling.ControlVariateOrder,
            MaxDegreeOfParallelism = threads ?? sampling.MaxDegreeOfParallelism,
        };
        var result = new List<Allocation>();
        foreach (var c in game.Components)
        {
            // Unsplit, a component above 12 actors is one oracle game, as before parts existed.
            var coop = split || c.Players.Length <= 12
                ? RegionSharing.Game(c, 12, maxPermutations)
                : CooperativeGame.FromOracle(c.Players, c.Value).WithLinks(c.Links);
            result.Add(coop.HasExactShapley ? Assessment.Sharing.Shapley.Exact(coop) : Assessment.Sharing.Shapley.Sampled(coop, sampling));
        }

        return result;
    }

    /// <summary>
    /// One timed pass with the achieved interval, for benchmarks/README.md. The settings are those of
    /// <c>symbiosis share</c> (<see cref="RegionSharing.Game"/>, <see cref="RegionSharing.SamplingOptions"/>); for
    /// comparisons SYMBIOSIS_SHAPLEY_PARTS=0 samples a large component whole instead of splitting it into parts, and
    /// SYMBIOSIS_SHAPLEY_CV (control-variate order, 0 = none) and SYMBIOSIS_SHAPLEY_THREADS change the sampling.
    /// </summary>
    public static void Profile(int actors, int maxPermutations, TextWriter o)
    {
        var order = EnvironmentInt("SYMBIOSIS_SHAPLEY_CV");
        var threads = EnvironmentInt("SYMBIOSIS_SHAPLEY_THREADS");
        var region = ScaleInstances.Load(ScaleInstances.Write(actors));
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var game = RegionGame.Build(region, new SolveOptions());
        var sizes = string.Join(", ", game.Components.Select(c => c.Players.Length));
        o.WriteLine($"{actors} actors: components [{sizes}]");
        var split = EnvironmentInt("SYMBIOSIS_SHAPLEY_PARTS") != 0;
        foreach (var c in game.Components)
        {
            var how = c.Players.Length <= 12 ? "all coalitions"
                : split && !c.Parts.IsEmpty ? $"parts [{string.Join(", ", c.Parts.Select(p => p.Game.Players.Length + (RegionSharing.TabulatePart(p.Game, 12, maxPermutations) ? string.Empty : " sampled")))}]"
                : "sampled";
            o.WriteLine($"  component of {c.Players.Length}: {how}");
        }

        var allocations = Run(game, maxPermutations, order, threads, split);
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;

        // Exactly the stopping rule of Shapley.Sampled: half-width over max(|estimate|, mean |estimate| of the component).
        var worst = allocations.Where(a => a.HalfWidths95 is not null)
            .SelectMany(a =>
            {
                var floor = a.Amounts.Average(Math.Abs);
                return a.Amounts.Zip(a.HalfWidths95!.Value, (x, h) => h / Math.Max(1e-9, Math.Max(Math.Abs(x), floor)));
            })
            .DefaultIfEmpty(0).Max();
        var samples = allocations.Where(a => a.Samples is not null).Select(a => a.Samples!.Value).DefaultIfEmpty(0).Max();
        var note = string.Join("; ", allocations.Select(a => a.Note ?? a.Method).Distinct());
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{actors} actors: components [{sizes}], bystanders {game.Bystanders.Length}, v(N) = {game.GrandValue:N0}, {seconds:0.0} s wall ({cpuSeconds:0.0} s CPU), {game.Solves} coalition solves, permutations {samples}, widest 95 % half-width {worst:P2} of max(|share|, mean |share|) (the stopping rule's 1 % target)"));
        o.WriteLine($"  {note}");
    }

    private static int? EnvironmentInt(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;
}
