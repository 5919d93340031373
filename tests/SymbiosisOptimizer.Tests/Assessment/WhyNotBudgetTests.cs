using SymbiosisOptimizer.Assessment.Rejected;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Scenarios;
using SymbiosisOptimizer.Scenarios.Generation;

namespace SymbiosisOptimizer.Tests.Assessment;

/// <summary>
/// Forced re-solves take a node budget (a count, so the same input gives the same explanations). A re-solve stopped by
/// it states a range for the shortfall: its plan's figure as the most and its bound as the least. The check is against
/// the same candidates explained with the default budget, which proves every forced plan of this small region: each
/// proven shortfall must lie inside the range the one-node re-solve gave.
/// </summary>
public sealed class WhyNotBudgetTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("whynot-budget-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void A_re_solve_stopped_by_its_node_budget_gives_a_range_that_holds_the_proven_shortfall()
    {
        var file = Path.Combine(dir, "scenario.yaml");
        File.WriteAllText(file, InstanceGenerator.Generate(new GeneratorOptions(50, 8, 1)));
        var load = ScenarioLoader.Load(file);
        Assert.True(load.Succeeded, string.Join("\n", load.Diagnostics));
        var solve = new SolveOptions(SolverKind.Auto, TimeLimitSeconds: 60, RelativeGap: 1e-4);
        var result = ExchangeOptimizer.Optimize(load.Region!, new OptimizeOptions(solve));
        Assert.True(result.HasSolution);

        var proven = WhyNotChosen.Explain(result, new WhyNotOptions(solve)).All.ToDictionary(c => c.Key);
        var rough = WhyNotChosen.Explain(result, new WhyNotOptions(solve, ForcedNodes: 1));
        Assert.All(proven.Values, c => Assert.Null(c.ShortfallAtLeast));

        var ranged = rough.All.Where(c => c.ShortfallAtLeast is not null).ToList();
        Assert.NotEmpty(ranged);
        foreach (var c in ranged)
        {
            var truth = proven[c.Key].Shortfall!.Value;
            // The bound is a bound: no plan, the proven one included, is below it (up to LP noise). The proven figure
            // may lie above the rough plan's by at most the proving solve's own gap (1e-4 of the objective).
            var scale = Math.Max(1, Math.Abs(result.Chosen.Objective));
            Assert.True(c.ShortfallAtLeast <= c.Shortfall, $"{c.Name}: at least {c.ShortfallAtLeast} above at most {c.Shortfall}");
            Assert.InRange(truth, c.ShortfallAtLeast!.Value - (1e-7 * scale), c.Shortfall!.Value + (1e-4 * scale));
            Assert.Contains("branch-and-bound nodes", c.Reason, StringComparison.Ordinal);
            Assert.Contains(WhyNotChosen.Num(c.Shortfall!.Value), c.Reason, StringComparison.Ordinal);
        }

        // The same budget gives the same explanations.
        Assert.Equal(rough, WhyNotChosen.Explain(result, new WhyNotOptions(solve, ForcedNodes: 1)));
    }
}
