using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Tests.Reports;

/// <summary>
/// The solve's gap as it improves reaches whoever follows a run: the console (`symbiosis run`) and the application's
/// progress line say it in the same words, and the stage steps keep their order around it.
/// </summary>
public sealed class RunProgressTests
{
    [Fact]
    public void The_progress_sentence_states_the_gap_and_the_parts_solved()
    {
        // Minimised objective -1 000 against a bound of -1 010: gap 10 / 1 000 = 1 %, printed with three decimals.
        Assert.Equal("best plan within 1.000 % of the bound (3 of 4 parts solved)", new SolveProgress(2.5, -1000, -1010, 3, 4).Text);
        Assert.Equal("no plan yet (0 of 1,200 parts solved)", new SolveProgress(0.1, double.NaN, -5, 0, 1200).Text);
    }

    [Fact]
    public void An_application_run_hears_the_gap_during_the_optimisation_step_and_the_steps_in_order()
    {
        var load = ScenarioLoader.Load(Path.Combine(TestPaths.Root, "scenarios", "varmland-dalarna"));
        Assert.True(load.Succeeded, string.Join("\n", load.Errors));
        var heard = new List<(RunStage Stage, SolveProgress? Solve)>();
        var document = RunPipeline.Solve(load.Region!, new RunProvenance(load.SourceFile, load.ScenarioName, load.AppliedOverrides), RunSettings.Default,
            (stage, solve) =>
            {
                lock (heard)
                {
                    heard.Add((stage, solve));
                }
            });

        Assert.True(document.HasSolution);
        var gapLines = heard.Where(h => h.Solve is { HasPlan: true }).ToList();
        Assert.NotEmpty(gapLines);

        // Every gap line belongs to the first step, and the later steps follow it in order, once each.
        Assert.All(heard.Where(h => h.Solve is not null), h => Assert.Equal(RunStage.Optimising, h.Stage));
        Assert.Equal((RunStage.Optimising, (SolveProgress?)null), heard[0]);
        Assert.Equal([RunStage.ExplainingNotChosen, RunStage.BuildingDocument], heard.Where(h => h.Stage != RunStage.Optimising).Select(h => h.Stage));
        Assert.Equal(heard.Count - 2, heard.FindLastIndex(h => h.Stage == RunStage.Optimising) + 1);
    }
}
