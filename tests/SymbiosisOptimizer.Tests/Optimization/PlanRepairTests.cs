using FsCheck.Xunit;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Modeling;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Tests.Optimization;

/// <summary>
/// The plan repair (issue 22) must only ever return a feasible plan no dearer than the one it was given, priced at the
/// model's own objective, and the same one for the same plan and budget; where a cheaper rival replaces a connection it
/// must find the swap, which no single move reaches.
/// </summary>
public class PlanRepairTests
{
    private static readonly SolveOptions Exact = new(SolverKind.Scip, RelativeGap: 0);

    [Fact]
    public void A_connection_is_replaced_by_a_cheaper_rival_which_no_single_move_reaches()
    {
        // One receiver needs 10 t and buys at 100 SEK/t; supplies A (6 t) and B (10 t) stay on their routes for free.
        // Connecting A costs 300 SEK/yr (at most 6 t), connecting B 500 SEK/yr (at most 10 t); transport is free.
        // Plans: none 1 000; A alone 300 + 4 x 100 = 700; B alone 500 + 0 = 500 (the optimum); both 800 + 0 = 800.
        // From A alone, opening B gives 800 and shutting A gives 1 000: both single moves are worse, the swap is not.
        var m = new MipModel();
        var ra = m.AddVariable("routeA", 0, double.PositiveInfinity, 0);
        var rb = m.AddVariable("routeB", 0, double.PositiveInfinity, 0);
        var xa = m.AddVariable("xA", 0, 6, 0);
        var xb = m.AddVariable("xB", 0, 10, 0);
        var v = m.AddVariable("virgin", 0, double.PositiveInfinity, 100);
        var ya = m.AddBinary("yA", 300);
        var yb = m.AddBinary("yB", 500);
        m.AddEquality("supplyA", "A goes somewhere", 6, [(ra, 1.0), (xa, 1.0)]);
        m.AddEquality("supplyB", "B goes somewhere", 10, [(rb, 1.0), (xb, 1.0)]);
        m.AddEquality("demand", "the need is met", 10, [(xa, 1.0), (xb, 1.0), (v, 1.0)]);
        var wa = m.AddLessOrEqual("switchA", "A flows only if connected", 0, [(xa, 1.0), (ya, -6.0)]);
        var wb = m.AddLessOrEqual("switchB", "B flows only if connected", 0, [(xb, 1.0), (yb, -10.0)]);
        m.DeclareSwitch(new SwitchLink(ya, xa, [wa]));
        m.DeclareSwitch(new SwitchLink(yb, xb, [wb]));

        // A alone: 6 t from A, the other 4 t bought.
        double[] aAlone = [0, 10, 6, 0, 4, 1, 0];
        Assert.Equal(700, m.Evaluate(aAlone), 6);

        var repaired = PlanRepair.Run(m, [.. aAlone], null);

        Assert.True(repaired.Improved);
        Assert.Equal(700, repaired.Start, 6);
        Assert.Equal(500, repaired.Objective, 6);
        Assert.Equal(0, repaired.Solution[ya], 6);
        Assert.Equal(1, repaired.Solution[yb], 6);
        Assert.Equal(10, repaired.Solution[xb], 6);
        Assert.Equal(500, m.Evaluate(repaired.Solution), 6);
    }

    [Property(MaxTest = 40)]
    public bool The_repaired_plan_is_feasible_no_dearer_than_its_start_never_below_the_optimum_and_reproducible(int seed)
    {
        var region = NetworkProperties.RandomRegion(seed, withSwitches: true, withProcesses: seed % 3 == 0);
        var ctx = ExchangeFormulation.Build(region, CandidateNetworkBuilder.Build(region), new FormulationOptions(Screen: false));
        var m = ctx.Model;
        var milp = OrToolsSolver.Solve(m, Exact, SolverKind.Scip);
        var ss = SlopeScaling.Run(m, null, maxIterations: 1);
        if (!milp.HasSolution || !ss.HasSolution)
        {
            // Infeasible or unbounded draws have no plan to repair.
            return true;
        }

        var once = PlanRepair.Run(m, ss.Solution, null, maxEvaluations: 200);
        var again = PlanRepair.Run(m, ss.Solution, null, maxEvaluations: 200);
        var tolerance = 1e-6 * Math.Max(1, Math.Abs(milp.Objective));
        return Feasible(m, once.Solution)
            && Math.Abs(m.Evaluate(once.Solution) - once.Objective) <= tolerance
            && once.Objective <= ss.Objective + tolerance
            && once.Objective >= milp.Objective - tolerance
            && once.Solution.SequenceEqual(again.Solution);
    }

    /// <summary>Every bound, integrality and row to 1e-6 relative: checked here, not by the code under test.</summary>
    private static bool Feasible(MipModel m, IReadOnlyList<double> x)
    {
        const double tol = 1e-6;
        foreach (var v in m.Variables)
        {
            var value = x[v.Index];
            var scale = Math.Max(1, Math.Abs(value));
            if (value < v.Lower - (tol * scale) || value > v.Upper + (tol * scale) || (v.IsInteger && Math.Abs(value - Math.Round(value)) > tol))
            {
                return false;
            }
        }

        foreach (var r in m.Rows)
        {
            var sum = 0.0;
            var scale = 1.0;
            for (var k = 0; k < r.Columns.Length; k++)
            {
                var term = r.Coefficients[k] * x[r.Columns[k]];
                sum += term;
                scale = Math.Max(scale, Math.Abs(term));
            }

            if (sum < r.Lower - (tol * scale) || sum > r.Upper + (tol * scale))
            {
                return false;
            }
        }

        return true;
    }
}
