using System.Collections.Immutable;
using SymbiosisOptimizer.App;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Localization;

namespace SymbiosisOptimizer.Tests.App;

/// <summary>A job's progress line is worded in the language of the page that shows it, the solve's gap included.</summary>
public sealed class JobLabelTests
{
    [Fact]
    public void The_optimisation_step_and_its_gap_read_in_english_and_in_swedish()
    {
        // Minimised objective -1 000 against a bound of -1 010: gap 10 / 1 000 = 1 %, with three decimals; Swedish
        // writes the decimal comma.
        var job = NewJob();
        job.Stages(1, 4)(RunStage.Optimising, new SolveProgress(2.5, -1000, -1010, 3, 4));
        var label = job.Snapshot().Label;
        Assert.Equal("optimising against today's situation: best plan within 1.000 % of the bound (3 of 4 parts solved)", label.Text(AppText.English));
        Assert.Equal("optimerar mot dagens situation: bästa plan inom 1,000 % från gränsen (3 av 4 delar lösta)", label.Text(AppText.For(Language.Sv)));
        // Loading is the app's step 0 of 4, so the optimisation is step 1.
        Assert.Equal(1, job.Snapshot().Done);
    }

    [Fact]
    public void The_app_own_steps_are_phrases_and_the_runner_names_stay_as_given()
    {
        var job = NewJob();
        Assert.Equal("väntar på jobbet före", job.Snapshot().Label.Text(AppText.For(Language.Sv)));
        job.Step(0, 2, AppPhrase.JobValuingCoalitions);
        Assert.Equal("värderar koalitionerna", job.Snapshot().Label.Text(AppText.For(Language.Sv)));

        // A scenario's name from the runner is data: shown as it is, in every language.
        job.Progress(1, 2, "tax-1500");
        Assert.Equal("tax-1500", job.Snapshot().Label.Text(AppText.For(Language.Sv)));
        Assert.Equal("tax-1500", job.Snapshot().Label.Text(AppText.English));
    }

    [Fact]
    public void No_plan_yet_is_said_so_with_the_parts_counted()
    {
        var label = new JobLabel(null, Solve: new SolveProgress(0.1, double.NaN, -5, 0, 1200));
        Assert.Equal("no plan yet (0 of 1,200 parts solved)", label.Text(AppText.English));
    }

    private static Job NewJob() => new(new RunEntry("20260101-000000-abcdef", "s", string.Empty, ImmutableArray<string>.Empty, RunStatus.Running, DateTimeOffset.UnixEpoch, null, null, "runs/x", string.Empty), null);
}
