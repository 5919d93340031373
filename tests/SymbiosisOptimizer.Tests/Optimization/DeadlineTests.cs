using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Modeling;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Scenarios;
using SymbiosisOptimizer.Scenarios.Generation;

namespace SymbiosisOptimizer.Tests.Optimization;

/// <summary>
/// A time limit never costs the plan (issue 22): however short, the run returns a feasible plan, a bound that no plan
/// can beat, and a typed status that says the time ran out.
/// </summary>
public class DeadlineTests
{
    [Fact]
    public void A_tiny_time_limit_still_returns_a_plan_with_a_valid_bound_and_a_typed_status()
    {
        var region = GeneratedRegion(new GeneratorOptions(120, 8, 2));
        var network = CandidateNetworkBuilder.Build(region);
        var progress = new List<SolveProgress>();
        var rushed = ExchangeOptimizer.Optimize(region, new OptimizeOptions(new SolveOptions(SolverKind.Scip, 1e-6, 1e-4, Progress: progress.Add)), network);
        var reference = ExchangeOptimizer.Optimize(region, new OptimizeOptions(new SolveOptions(SolverKind.Scip, 120, 1e-4)), network);

        Assert.True(rushed.Status.HasPlan(), $"status {rushed.Status}");
        Assert.NotNull(rushed.Kpis);
        Assert.True(Feasible(rushed.Chosen.Model.Model, rushed.Solve.Values), "the plan satisfies every row");

        // The benefit is today's objective less the plan's (minimised), so the bound on the benefit is today's less
        // the solver's lower bound: at least the plan's benefit, and at least any other plan's (the reference's).
        var today = rushed.Counterfactual.Objective;
        var planBenefit = today - rushed.Solve.Objective;
        var benefitBound = today - rushed.Solve.BestBound;
        var tolerance = 1e-7 * Math.Max(1, Math.Abs(today));
        Assert.True(benefitBound >= planBenefit - tolerance, $"bound {benefitBound} below the plan's benefit {planBenefit}");
        Assert.True(benefitBound >= (today - reference.Solve.Objective) - tolerance, "no plan beats the bound");
        Assert.True(planBenefit <= (today - reference.Solve.BestBound) + tolerance, "the plan beats no valid bound");

        // Stopped with the gap still above the 0.01 % asked for, the status says so, typed, and its text gives the gap.
        if (rushed.Solve.Gap > 1e-4)
        {
            Assert.Equal(ResultStatus.TimeLimitWithPlan, rushed.Status);
            Assert.Equal("time-limit-with-plan", rushed.Status.Word());
            Assert.Equal($"time limit reached: best plan, gap {rushed.Solve.GapText}", rushed.Status.Text(rushed.Solve.GapText));
        }

        // Progress only ever improves: plans get cheaper and bounds higher, each event a valid pair.
        Assert.NotEmpty(progress);
        for (var i = 0; i < progress.Count; i++)
        {
            Assert.True(!progress[i].HasPlan || progress[i].Bound <= progress[i].Objective + tolerance);
            if (i > 0)
            {
                Assert.True(progress[i].Bound >= progress[i - 1].Bound - tolerance);
                Assert.True(!progress[i - 1].HasPlan || progress[i].Objective <= progress[i - 1].Objective + tolerance);
            }
        }
    }

    [Fact]
    public void The_plan_that_opens_nothing_is_feasible_no_worse_than_today_and_its_floor_bounds_the_optimum()
    {
        var region = GeneratedRegion(new GeneratorOptions(120, 8, 2));
        var network = CandidateNetworkBuilder.Build(region);
        var m = ExchangeFormulation.Build(region, network, new FormulationOptions()).Model;
        var today = OrToolsSolver.Solve(ExchangeFormulation.Build(region, network, FormulationOptions.Counterfactual(null)).Model, new SolveOptions(SolverKind.Glop), SolverKind.Glop);
        var reference = BlockSolver.Solve(m, new SolveOptions(SolverKind.Scip, 120, 1e-4), SolverKind.Scip);

        var (plan, floor) = BlockSolver.SafePlan(m);

        Assert.True(plan.HasSolution);
        Assert.True(Feasible(m, plan.Values), "the plan satisfies every row");
        Assert.All(m.Variables.Where(v => v.IsInteger), v => Assert.Equal(v.Lower, plan.Values[v.Index]));
        var tolerance = 1e-7 * Math.Max(1, Math.Abs(today.Objective));

        // Opening nothing leaves every actor on today's routes, though exchanges that need no connection may still
        // flow: never worse than today's objective, never better than the optimum.
        Assert.True(plan.Objective <= today.Objective + tolerance, $"{plan.Objective} worse than today {today.Objective}");
        Assert.True(plan.Objective >= reference.BestBound - tolerance);

        // The floor drops every row, so it lies below any plan; here the reference's.
        Assert.True(floor <= reference.Objective + tolerance);
        Assert.Equal(floor, plan.BestBound);
        Assert.Equal(TerminationStatus.TimeLimit, plan.Termination);
    }

    [Fact]
    public void Beside_a_giant_under_a_deadline_the_small_bundles_searched_early_still_merge_into_a_feasible_near_optimal_plan()
    {
        // The giants' path (issue 22): under a deadline, a model with a bundle too large for SCIP whole searches its
        // small bundles right after their LPs, in phase 1. Here the largest block stands in for a giant (the thresholds
        // are lowered to its size), and the limit is long enough for every part to close, so the merged plan must be
        // feasible and within the asked gap of a plain reference solve to 0.01 %.
        var region = GeneratedRegion(new GeneratorOptions(300, 8, 3));
        var ctx = ExchangeFormulation.Build(region, CandidateNetworkBuilder.Build(region), new FormulationOptions());
        var m = ctx.Model;
        var blocks = ModelBlocks.Split(m);
        var giant = blocks.Max(b => b.Binaries);
        Assert.True(blocks.Count(b => b.Binaries is > 0 && b.Binaries < giant) >= 5, "small bundles beside the giant");
        var supply = ctx.RowsOf(RowFamily.SupplyBalance).Select(t => t.Row).ToList();

        const double gap = 5e-3;
        var early = BlockSolver.Solve(m, new SolveOptions(SolverKind.Scip, 60, gap, SupplyRows: [.. supply]), SolverKind.Scip, largeBinaries: giant, wholeBinaries: giant - 1);
        var reference = BlockSolver.Solve(m, new SolveOptions(SolverKind.Scip, 120, 1e-4), SolverKind.Scip, largeBinaries: int.MaxValue);

        SlopeScalingTests.AssertFeasibleWithValidBound(m, early, reference);
        var tolerance = 1e-7 * Math.Abs(reference.Objective);
        Assert.True(early.Objective - reference.Objective <= (gap * Math.Abs(early.Objective)) + tolerance, $"objective {early.Objective} against the optimum's {reference.Objective}");
    }

    private static Region GeneratedRegion(GeneratorOptions options)
    {
        var dir = Directory.CreateTempSubdirectory("deadline-");
        try
        {
            var file = Path.Combine(dir.FullName, "scenario.yaml");
            File.WriteAllText(file, InstanceGenerator.Generate(options));
            return ScenarioLoader.Load(file).Region!;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static bool Feasible(MipModel m, IReadOnlyList<double> x)
    {
        const double tol = 1e-6;
        if (m.Variables.Any(v => x[v.Index] < v.Lower - tol || x[v.Index] > v.Upper + tol || (v.IsInteger && Math.Abs(x[v.Index] - Math.Round(x[v.Index])) > tol)))
        {
            return false;
        }

        return m.Rows.All(r =>
        {
            var terms = r.Columns.Select((c, k) => r.Coefficients[k] * x[c]).ToList();
            var scale = Math.Max(1, terms.Select(Math.Abs).DefaultIfEmpty(0).Max());
            var sum = terms.Sum();
            return sum >= r.Lower - (tol * scale) && sum <= r.Upper + (tol * scale);
        });
    }
}
