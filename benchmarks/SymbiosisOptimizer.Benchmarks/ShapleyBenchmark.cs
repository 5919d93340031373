using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using SymbiosisOptimizer.Assessment.Coalitions;
using SymbiosisOptimizer.Assessment.Sharing;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Benchmarks;

/// <summary>
/// Shapley values of a generated region: coalition values from the optimiser, components exact up to 12 actors and
/// sampled (antithetic permutations, seed 1) above that until every 95 % half-width is within 1 % of the estimates' scale.
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

    internal static List<Allocation> Run(RegionGame game, int maxPermutations = 20_000)
    {
        var result = new List<Allocation>();
        foreach (var c in game.Components)
        {
            result.Add(c.Players.Length <= 12
                ? Assessment.Sharing.Shapley.Exact(CooperativeGame.FromValues(c.Players, c.AllValues(Environment.ProcessorCount)))
                : Assessment.Sharing.Shapley.Sampled(CooperativeGame.FromOracle(c.Players, c.Value), new SampledShapleyOptions(1, maxPermutations, TargetRelativeHalfWidth: 0.01)));
        }

        return result;
    }

    /// <summary>One timed pass with the achieved interval, for benchmarks/README.md.</summary>
    public static void Profile(int actors, int maxPermutations, TextWriter o)
    {
        var region = ScaleInstances.Load(ScaleInstances.Write(actors));
        var clock = Stopwatch.StartNew();
        var game = RegionGame.Build(region, new SolveOptions());
        var sizes = string.Join(", ", game.Components.Select(c => c.Players.Length));
        o.WriteLine($"{actors} actors: components [{sizes}]");
        var allocations = Run(game, maxPermutations);
        var seconds = clock.Elapsed.TotalSeconds;
        var worst = allocations.Where(a => a.HalfWidths95 is not null)
            .SelectMany(a => a.Amounts.Zip(a.HalfWidths95!.Value, (x, h) => (x, h, scale: a.Amounts.Select(Math.Abs).Average())))
            .Select(t => t.h / Math.Max(1e-9, t.scale)).DefaultIfEmpty(0).Max();
        var samples = allocations.Where(a => a.Samples is not null).Select(a => a.Samples!.Value).DefaultIfEmpty(0).Max();
        o.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{actors} actors: components [{sizes}], bystanders {game.Bystanders.Length}, v(N) = {game.GrandValue:N0}, {seconds:0.0} s, {game.Solves} coalition solves, permutations {samples}, widest 95 % half-width {worst:P2} of the mean |share|"));
    }
}
