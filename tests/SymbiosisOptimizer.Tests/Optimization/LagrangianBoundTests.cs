using FsCheck.Xunit;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Modeling;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Scenarios;
using SymbiosisOptimizer.Scenarios.Generation;

namespace SymbiosisOptimizer.Tests.Optimization;

/// <summary>
/// The Lagrangian bound (issue 22) must never lie above the optimum of the minimisation, whatever its start; from the
/// LP's duals it must reach at least the LP bound; and where a receiver needs several connections it can prove what the
/// LP cannot.
/// </summary>
public class LagrangianBoundTests
{
    private static readonly SolveOptions Exact = new(SolverKind.Scip, RelativeGap: 0);

    [Fact]
    public void A_receiver_that_needs_two_connections_is_bounded_at_its_optimum_where_the_LP_is_not()
    {
        // Two supplies of 6 t that stay on their routes for free, one receiver needing 10 t that buys at 100 SEK/t.
        // Each connection costs 300 SEK/yr, moves at most 6 t and carries at no cost.
        // Plans: none 1 000; one connection 300 + 4 x 100 = 700; both 600 + 0 = 600, the optimum.
        // The LP charges a connection 300 / 6 = 50 SEK/t of its use: 10 t at 50 = 500.
        // Relaxing the supply rows at multipliers 0 (the routes' cost) leaves the receiver's own problem, whose optimum
        // is the 600 above: the Lagrangian bound is the optimum.
        var m = new MipModel();
        var ra = m.AddVariable("routeA", 0, double.PositiveInfinity, 0);
        var rb = m.AddVariable("routeB", 0, double.PositiveInfinity, 0);
        var xa = m.AddVariable("xA", 0, 6, 0);
        var xb = m.AddVariable("xB", 0, 6, 0);
        var v = m.AddVariable("virgin", 0, double.PositiveInfinity, 100);
        var ya = m.AddBinary("yA", 300);
        var yb = m.AddBinary("yB", 300);
        var sa = m.AddEquality("supplyA", "A goes somewhere", 6, [(ra, 1.0), (xa, 1.0)]);
        var sb = m.AddEquality("supplyB", "B goes somewhere", 6, [(rb, 1.0), (xb, 1.0)]);
        m.AddEquality("demand", "the need is met", 10, [(xa, 1.0), (xb, 1.0), (v, 1.0)]);
        var wa = m.AddLessOrEqual("switchA", "A flows only if connected", 0, [(xa, 1.0), (ya, -6.0)]);
        var wb = m.AddLessOrEqual("switchB", "B flows only if connected", 0, [(xb, 1.0), (yb, -6.0)]);
        m.DeclareSwitch(new SwitchLink(ya, xa, [wa]));
        m.DeclareSwitch(new SwitchLink(yb, xb, [wb]));

        var lp = OrToolsSolver.Solve(m, new SolveOptions(SolverKind.Glop), SolverKind.Glop);
        var milp = OrToolsSolver.Solve(m, Exact, SolverKind.Scip);
        var lag = LagrangianBound.Run(m, [sa, sb], default, 700, null);

        Assert.Equal(500, lp.Objective, 6);
        Assert.Equal(600, milp.Objective, 6);
        Assert.True(lag.HasBound);
        Assert.Equal(600, lag.Bound, 6);
    }

    [Property(MaxTest = 40)]
    public bool From_any_start_the_bound_never_exceeds_the_optimum_and_from_the_LP_duals_it_reaches_the_LP_bound(int seed)
    {
        var region = NetworkProperties.RandomRegion(seed, withSwitches: true, withProcesses: seed % 3 == 0);
        var ctx = ExchangeFormulation.Build(region, CandidateNetworkBuilder.Build(region), new FormulationOptions(Screen: false));
        var m = ctx.Model;
        var supply = ctx.RowsOf(RowFamily.SupplyBalance).Select(t => t.Row).ToList();
        var milp = OrToolsSolver.Solve(m, Exact, SolverKind.Scip);
        if (!milp.HasSolution)
        {
            // Infeasible or unbounded draws say nothing about a bound.
            return true;
        }

        var ss = SlopeScaling.Run(m, null);
        var fromRoutes = LagrangianBound.Run(m, supply, default, milp.Objective, null, maxIterations: 60);
        var fromDuals = LagrangianBound.Run(m, supply, ss.RowDuals, milp.Objective, null, maxIterations: 60);

        // A bound above a feasible plan's objective would be wrong; below the LP from the LP's own duals, the receiver
        // problems were not solved exactly.
        var tolerance = 1e-6 * Math.Max(1, Math.Abs(milp.Objective));
        return (!fromRoutes.HasBound || fromRoutes.Bound <= milp.Objective + tolerance)
            && fromDuals.HasBound && fromDuals.Bound <= milp.Objective + tolerance
            && fromDuals.Bound >= ss.Bound - tolerance;
    }

    [Fact]
    public void The_block_solver_with_the_Lagrangian_keeps_a_valid_bound_and_a_feasible_plan_on_a_generated_region()
    {
        var dir = Directory.CreateTempSubdirectory("generated-");
        ExchangeModel ctx;
        try
        {
            var file = Path.Combine(dir.FullName, "scenario.yaml");
            File.WriteAllText(file, InstanceGenerator.Generate(new GeneratorOptions(300, 8, 3)));
            var region = ScenarioLoader.Load(file).Region!;
            ctx = ExchangeFormulation.Build(region, CandidateNetworkBuilder.Build(region), new FormulationOptions());
        }
        finally
        {
            dir.Delete(recursive: true);
        }

        var m = ctx.Model;
        var supply = ctx.RowsOf(RowFamily.SupplyBalance).Select(t => t.Row).ToList();

        // Every bundle of 40 or more yes/no variables takes the large path here, Lagrangian bound included (1 000 in
        // production); a reference solve to 0.01 % bounds what a valid bound and a feasible plan may be.
        var large = BlockSolver.Solve(m, new SolveOptions(SolverKind.Scip, 60, 5e-3, SupplyRows: [.. supply]), SolverKind.Scip, largeBinaries: 40);
        var reference = BlockSolver.Solve(m, new SolveOptions(SolverKind.Scip, 120, 1e-4), SolverKind.Scip, largeBinaries: int.MaxValue);

        Assert.True(large.HasSolution);
        var tolerance = 1e-7 * Math.Abs(reference.Objective);
        Assert.True(large.BestBound <= reference.Objective + tolerance, $"bound {large.BestBound} above a feasible objective {reference.Objective}");
        Assert.True(large.Objective >= reference.BestBound - tolerance, $"objective {large.Objective} below a valid bound {reference.BestBound}");
        Assert.Equal(large.Objective, m.Evaluate(large.Values), 3);

        // Each relaxed receiver problem is a knapsack: the bound at the LP duals is at least the LP's on every block.
        foreach (var block in ModelBlocks.Split(m).Where(b => b.Binaries >= 40))
        {
            var (sub, _, rows) = ModelBlocks.Extract(m, [block]);
            var local = Enumerable.Range(0, rows.Length).Where(k => supply.Contains(rows[k])).ToList();
            var ss = SlopeScaling.Run(sub, null);
            var lag = LagrangianBound.Run(sub, local, ss.RowDuals, ss.Objective, null, maxIterations: 30);
            Assert.True(lag.Bound >= ss.Bound - (1e-6 * Math.Abs(ss.Bound)), $"Lagrangian {lag.Bound} below the LP {ss.Bound}");
        }
    }
}
