using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Benchmarks;

/// <summary>
/// The pipeline stages over generated regions of 50 / 200 / 300 / 1 000 actors (`symbiosis generate`, 8 resource families,
/// seed 1). Short job: one launch, one warm-up and three measured iterations of one invocation each, so a size with a
/// multi-second solve still finishes in a few minutes. Solves stop at a 0.5 % gap or 10 s. CBC does not always honour
/// OR-Tools' time limit (185 s for a 60 s limit at 1 000 actors), so its benchmark is skipped (returns NaN at once) from
/// 1 000 actors on. The job runs in process: generating and building a separate benchmark project timed out (2 min) on
/// the shared 2-core machine.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
[MemoryDiagnoser]
public class ScaleBenchmarks
{
    private static readonly SolveOptions Options = new(SolverKind.Scip, 10, 5e-3);
    private string file = null!;
    private string flowFile = null!;
    private Region region = null!;
    private CandidateNetwork network = null!;
    private ExchangeModel ctx = null!;
    private ExchangeModel flowCtx = null!;

    [Params(50, 200, 300, 1000)]
    public int Actors { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        file = ScaleInstances.Write(Actors);
        region = ScaleInstances.Load(file);
        network = CandidateNetworkBuilder.Build(region);
        ctx = ExchangeFormulation.Build(region, network, new FormulationOptions());
        flowFile = ScaleInstances.Write(Actors, pureFlow: true);
        var flowRegion = ScaleInstances.Load(flowFile);
        flowCtx = ExchangeFormulation.Build(flowRegion, CandidateNetworkBuilder.Build(flowRegion), new FormulationOptions());
    }

    [Benchmark]
    public bool ParseAndValidate() => ScenarioLoader.Load(file).Succeeded;

    [Benchmark]
    public int NetworkBuild() => CandidateNetworkBuilder.Build(region).Arcs.Length;

    [Benchmark]
    public int ModelBuild() => ExchangeFormulation.Build(region, network, new FormulationOptions()).Model.Rows.Count;

    /// <summary>SCIP on the whole model at once (the plain way; the product solves block by block).</summary>
    [Benchmark]
    public double SolveScip() => OrToolsSolver.Solve(ctx.Model, Options, SolverKind.Scip).Objective;

    /// <summary>What `symbiosis run` does: independent blocks in parallel with one shared gap budget (<see cref="BlockSolver"/>).</summary>
    [Benchmark]
    public double SolveScipBlocks() => BlockSolver.Solve(ctx.Model, Options, SolverKind.Scip).Objective;

    [Benchmark]
    public double SolveCbc() => Actors >= 1000 ? double.NaN : OrToolsSolver.Solve(ctx.Model, Options, SolverKind.Cbc).Objective;

    [Benchmark]
    public double SolveGlopRelaxation() => OrToolsSolver.Solve(ctx.Model, Options, SolverKind.Glop).Objective;

    [Benchmark]
    public double SolveMinCostFlowPureFlow() => MinCostFlowSolver.Solve(flowCtx).Objective;

    [Benchmark]
    public double EndToEnd() => ScaleInstances.EndToEnd(file, Options);
}

/// <summary>One launch in process, one warm-up and three measured iterations of one invocation each.</summary>
public sealed class ShortInProcessConfig : ManualConfig
{
    public ShortInProcessConfig() =>
        AddJob(Job.Dry.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3)
            .WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortInProcess"));
}
