using FsCheck.Xunit;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Modeling;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Scenarios;
using SymbiosisOptimizer.Scenarios.Generation;

namespace SymbiosisOptimizer.Tests.Optimization;

/// <summary>
/// The slope-scaling heuristic gives the large-block path its bound and its first solution: the bound must be the LP
/// relaxation's exactly (projecting the switches out changes nothing), and the solution must be feasible and never
/// better than the true optimum.
/// </summary>
public class SlopeScalingTests
{
    private static readonly SolveOptions Exact = new(SolverKind.Scip, RelativeGap: 0);

    [Fact]
    public void A_minimum_lot_the_relaxation_ignores_still_gives_a_feasible_plan_and_the_exact_bound()
    {
        // One supply of 10 t, two receivers: each saves 100 SEK/t less transport, A needs a lot of 8 t, B 6 t.
        // The connection to A costs 300 SEK/yr, to B 100. Both together cannot reach their lots (8 + 6 > 10).
        var m = new MipModel();
        var route = m.AddVariable("route", 0, 10, 0);
        var xa = m.AddVariable("xa", 0, 10, -100);
        var xb = m.AddVariable("xb", 0, 10, -90);
        var ya = m.AddBinary("ya", 300);
        var yb = m.AddBinary("yb", 100);
        m.AddEquality("supply", "the supply goes somewhere", 10, [(route, 1.0), (xa, 1.0), (xb, 1.0)]);
        var sa = m.AddLessOrEqual("switchA", "A flows only if connected", 0, [(xa, 1.0), (ya, -10.0)]);
        var sb = m.AddLessOrEqual("switchB", "B flows only if connected", 0, [(xb, 1.0), (yb, -10.0)]);
        var la = m.AddGreaterOrEqual("lotA", "A takes at least 8 t or nothing", 0, [(xa, 1.0), (ya, -8.0)]);
        var lb = m.AddGreaterOrEqual("lotB", "B takes at least 6 t or nothing", 0, [(xb, 1.0), (yb, -6.0)]);
        m.DeclareSwitch(new SwitchLink(ya, xa, [sa, la]));
        m.DeclareSwitch(new SwitchLink(yb, xb, [sb, lb]));

        var result = SlopeScaling.Run(m, null);
        var lp = OrToolsSolver.Solve(m, new SolveOptions(SolverKind.Glop), SolverKind.Glop);
        var milp = OrToolsSolver.Solve(m, Exact, SolverKind.Scip);

        Assert.Equal(2, result.Projected);
        Assert.Equal(lp.Objective, result.Bound, 6);

        // The optimum sends all 10 t to B: -900 + 100 = -800 (all to A: -1 000 + 300 = -700). The relaxation splits
        // the supply below both lots; the heuristic must still return a plan that keeps them.
        Assert.Equal(-800, milp.Objective, 6);
        Assert.True(result.HasSolution);
        Assert.Equal(result.Objective, m.Evaluate(result.Solution), 6);
        Assert.True(result.Objective >= -800 - 1e-6);
        Assert.True(result.Solution[xa] is 0 or >= 8 - 1e-6 && result.Solution[xb] is 0 or >= 6 - 1e-6);
        Assert.Equal(result.Solution[xa] > 0 ? 1 : 0, result.Solution[ya]);
        Assert.Equal(result.Solution[xb] > 0 ? 1 : 0, result.Solution[yb]);
    }

    [Property(MaxTest = 30)]
    public bool The_bound_is_the_relaxation_and_the_solution_is_feasible_and_no_better_than_the_optimum(int seed)
    {
        var region = NetworkProperties.RandomRegion(seed, withSwitches: true);
        var m = ExchangeFormulation.Build(region, CandidateNetworkBuilder.Build(region), new FormulationOptions(Screen: false)).Model;
        var result = SlopeScaling.Run(m, null);
        var lp = OrToolsSolver.Solve(m, new SolveOptions(SolverKind.Glop), SolverKind.Glop);
        var milp = OrToolsSolver.Solve(m, Exact, SolverKind.Scip);
        var scale = 1e-7 * Math.Max(1, Math.Abs(milp.Objective));
        return Math.Abs(result.Bound - lp.Objective) <= scale
            && result.HasSolution
            && Feasible(m, result.Solution)
            && Math.Abs(m.Evaluate(result.Solution) - result.Objective) <= scale
            && result.Objective >= milp.Objective - scale;
    }

    /// <summary>
    /// CLP and GLOP are independent simplex codes: the same relaxation optimum from both checks each. With no time for
    /// later rounds the run stops on the relaxation's own priced plan, which must still be feasible and no better
    /// than SCIP's optimum.
    /// </summary>
    [Property(MaxTest = 30)]
    public bool CLP_gives_the_same_bound_and_a_round_limit_still_ends_on_a_feasible_plan(int seed)
    {
        var region = NetworkProperties.RandomRegion(seed, withSwitches: true);
        var m = ExchangeFormulation.Build(region, CandidateNetworkBuilder.Build(region), new FormulationOptions(Screen: false)).Model;
        var glop = SlopeScaling.Run(m, null);
        var clp = SlopeScaling.Run(m, null, engine: LpEngine.Clp);
        var first = SlopeScaling.Run(m, null, engine: LpEngine.Clp, roundSeconds: 0);
        var milp = OrToolsSolver.Solve(m, Exact, SolverKind.Scip);
        var scale = 1e-7 * Math.Max(1, Math.Abs(milp.Objective));
        return Math.Abs(clp.Bound - glop.Bound) <= scale
            && clp.Lp.SolverName == "CLP"
            && clp.HasSolution && Feasible(m, clp.Solution) && clp.Objective >= milp.Objective - scale
            && first.Iterations <= 1
            && first.HasSolution && Feasible(m, first.Solution) && first.Objective >= milp.Objective - scale
            && Math.Abs(m.Evaluate(first.Solution) - first.Objective) <= scale;
    }

    [Fact]
    public void The_large_block_path_keeps_a_valid_bound_and_a_feasible_plan_on_a_generated_region()
    {
        var m = GeneratedModel(new GeneratorOptions(300, 8, 3));
        const double gap = 5e-3;

        // Every bundle of 40 or more yes/no variables takes the large path here (1 000 in production).
        var large = BlockSolver.Solve(m, new SolveOptions(SolverKind.Scip, 120, gap), SolverKind.Scip, largeBinaries: 40);
        var reference = BlockSolver.Solve(m, new SolveOptions(SolverKind.Scip, 120, 1e-4), SolverKind.Scip, largeBinaries: int.MaxValue);

        AssertFeasibleWithValidBound(m, large, reference);
        Assert.True(large.Gap <= gap || large.Termination == TerminationStatus.TimeLimit, $"gap {large.Gap} above {gap} without a time limit");
    }

    [Fact]
    public void Past_its_time_limit_the_block_solver_still_returns_a_feasible_plan_with_a_valid_bound()
    {
        var m = GeneratedModel(new GeneratorOptions(120, 8, 2));

        // A limit no bundle can meet: every bundle with yes/no decisions left open after its LP takes the heuristic's plan.
        var late = BlockSolver.Solve(m, new SolveOptions(SolverKind.Scip, 1e-6, 5e-3), SolverKind.Scip);
        var reference = BlockSolver.Solve(m, new SolveOptions(SolverKind.Scip, 120, 1e-4), SolverKind.Scip);

        Assert.Contains(SlopeScaling.Name, late.SolverName, StringComparison.Ordinal);
        AssertFeasibleWithValidBound(m, late, reference);
    }

    /// <summary>The exchange model of a generated region (written to a temporary folder and loaded as a user's would be).</summary>
    internal static MipModel GeneratedModel(GeneratorOptions options)
    {
        var dir = Directory.CreateTempSubdirectory("generated-");
        try
        {
            var file = Path.Combine(dir.FullName, "scenario.yaml");
            File.WriteAllText(file, InstanceGenerator.Generate(options));
            var region = ScenarioLoader.Load(file).Region!;
            return ExchangeFormulation.Build(region, CandidateNetworkBuilder.Build(region), new FormulationOptions()).Model;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>A plan satisfies every row and its objective and bound sit on the right sides of a tighter reference solve.</summary>
    internal static void AssertFeasibleWithValidBound(MipModel m, SolveOutcome plan, SolveOutcome reference)
    {
        Assert.True(plan.HasSolution);
        Assert.True(Feasible(m, plan.Values), "the plan satisfies every row");
        Assert.Equal(plan.Objective, m.Evaluate(plan.Values), 3);
        var tolerance = 1e-7 * Math.Abs(reference.Objective);
        Assert.True(plan.BestBound <= reference.Objective + tolerance, $"bound {plan.BestBound} above a feasible objective {reference.Objective}");
        Assert.True(plan.Objective >= reference.BestBound - tolerance, $"objective {plan.Objective} below a valid bound {reference.BestBound}");
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
