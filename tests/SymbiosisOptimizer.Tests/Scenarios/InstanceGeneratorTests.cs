using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Scenarios;
using SymbiosisOptimizer.Scenarios.Generation;

namespace SymbiosisOptimizer.Tests.Scenarios;

/// <summary>The synthetic instance generator: valid, solvable, deterministic.</summary>
public sealed class InstanceGeneratorTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "symbiosis-gen-" + Guid.NewGuid().ToString("N"));

    public InstanceGeneratorTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Should_write_the_same_bytes_for_the_same_seed_and_different_ones_for_another()
    {
        var a = InstanceGenerator.Generate(new GeneratorOptions(120, 6, 42));
        var b = InstanceGenerator.Generate(new GeneratorOptions(120, 6, 42));
        var c = InstanceGenerator.Generate(new GeneratorOptions(120, 6, 43));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Should_generate_a_50_actor_scenario_that_validates_strictly_and_solves()
    {
        var file = Path.Combine(dir, "scenario.yaml");
        File.WriteAllText(file, InstanceGenerator.Generate(new GeneratorOptions(50, 8, 1)));
        var load = ScenarioLoader.Load(file, new LoadOptions(null, Strict: true));
        Assert.True(load.Succeeded, string.Join("\n", load.Diagnostics));
        Assert.Equal(50, load.Region!.Actors.Length);

        var result = ExchangeOptimizer.Optimize(load.Region, new OptimizeOptions(new SolveOptions(SolverKind.Auto, TimeLimitSeconds: 15, RelativeGap: 5e-3)));
        Assert.Contains(result.Solve.Solution, new[] { SolutionStatus.Optimal, SolutionStatus.Feasible });
        Assert.NotEmpty(result.Exchanges);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(300, 13)]
    public void Should_be_valid_for_small_and_unusual_sizes(int actors, int resources)
    {
        var file = Path.Combine(dir, $"s{actors}.yaml");
        File.WriteAllText(file, InstanceGenerator.Generate(new GeneratorOptions(actors, resources, 5)));
        var load = ScenarioLoader.Load(file, new LoadOptions(null, Strict: true));
        Assert.True(load.Succeeded, string.Join("\n", load.Diagnostics));
    }

    [Fact]
    public void Should_generate_pure_flow_instances_that_the_min_cost_flow_back_end_solves()
    {
        var file = Path.Combine(dir, "pure.yaml");
        File.WriteAllText(file, InstanceGenerator.Generate(new GeneratorOptions(80, 8, 2, PureFlow: true)));
        var load = ScenarioLoader.Load(file, new LoadOptions(null, Strict: true));
        Assert.True(load.Succeeded, string.Join("\n", load.Diagnostics));
        var result = ExchangeOptimizer.Optimize(load.Region!);
        Assert.Equal("MinCostFlow", result.Solve.SolverName);
        Assert.Equal(SolutionStatus.Optimal, result.Solve.Solution);
    }
}
