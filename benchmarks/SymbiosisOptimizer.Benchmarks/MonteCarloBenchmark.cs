using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Benchmarks;

/// <summary>
/// 1 000 Monte Carlo samples of the bundled Värmland–Dalarna scenario (its declared uncertain inputs), each a
/// counterfactual LP and a MILP, run on all cores. One invocation takes minutes, so the job measures cold single
/// invocations rather than letting BenchmarkDotNet pick an invocation count.
/// </summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 1, warmupCount: 0, iterationCount: 2)]
[MemoryDiagnoser]
public class MonteCarloBenchmark
{
    private Region region = null!;

    [Params(1000)]
    public int Samples { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SymbiosisOptimizer.sln")))
        {
            dir = dir.Parent;
        }

        var path = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("SymbiosisOptimizer.sln not found above the benchmark binaries"), "scenarios", "varmland-dalarna");
        var load = ScenarioLoader.Load(path);
        region = load.Region ?? throw new InvalidOperationException(string.Join(Environment.NewLine, load.Diagnostics));
    }

    [Benchmark]
    public int MonteCarloSamples() => MonteCarlo.Run(region, Samples, seed: 1, new SolveOptions()).Solved;
}
