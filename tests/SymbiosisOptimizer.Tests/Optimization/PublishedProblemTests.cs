using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Tests.Optimization;

/// <summary>Published optimisation problems, mapped onto exchanges; sources and numbers are in each fixture's header.</summary>
public class PublishedProblemTests
{
    private static double Flow(OptimizationResult r, string fromActor, string toActor) =>
        r.Exchanges.Where(e => e.FromActor == fromActor && e.ToActor == toActor).Sum(e => e.Quantity);

    // Hillier & Lieberman, P&T Company: optimum 152 535 with x12 = 20, x14 = 55, x21 = 80, x22 = 45, x33 = 70,
    // x34 = 30. Routes and virgin purchases cost 10 000 per unit and all 300 units are exchanged, so the optimised
    // objective is the transport bill alone and the counterfactual is 2 * 300 * 10 000.
    [Theory]
    [InlineData(SolverKind.MinCostFlow)]
    [InlineData(SolverKind.Glop)]
    [InlineData(SolverKind.Scip)]
    [InlineData(SolverKind.Cbc)]
    public void Hillier_Lieberman_transportation_problem_has_its_published_optimum(SolverKind solver)
    {
        var r = TestRepo.Optimize(TestRepo.Load("transport-hillier-lieberman"), solver);

        Assert.Equal(ResultStatus.Optimal, r.Status);
        Approx.Equal(152_535, r.Solve.Objective, 1e-6, "objective");
        Approx.Equal(6_000_000, r.Counterfactual.Objective, 1e-6, "counterfactual");
        Approx.Equal(6_000_000 - 152_535, r.Kpis!.NetBenefit, 1e-6, "net benefit");
        double[,] published = { { 0, 20, 0, 55 }, { 80, 45, 0, 0 }, { 0, 0, 70, 30 } };
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                Approx.Equal(published[i, j], Flow(r, $"cannery{i + 1}", $"warehouse{j + 1}"), 1e-9, $"x{i + 1}{j + 1}");
            }
        }
    }

    // Hillier & Lieberman, Distribution Unlimited Co.: optimum 49 000 with x(F1,DC) = 40, x(F1,W1) = 10,
    // x(F2,DC) = 40, x(DC,W2) = 80, x(W2,W1) = 20. Transshipment needs hubs (processes), so min-cost flow does not apply.
    [Theory]
    [InlineData(SolverKind.Glop)]
    [InlineData(SolverKind.Scip)]
    [InlineData(SolverKind.Cbc)]
    public void Hillier_Lieberman_minimum_cost_flow_problem_has_its_published_optimum(SolverKind solver)
    {
        var r = TestRepo.Optimize(TestRepo.Load("mcf-distribution-unlimited"), solver);

        Assert.Equal(ResultStatus.Optimal, r.Status);
        Approx.Equal(49_000, r.Solve.Objective, 1e-6, "objective");
        Approx.Equal(1_800_000 - 49_000, r.Kpis!.NetBenefit, 1e-6, "net benefit");
        Approx.Equal(0, Flow(r, "f1", "f2"), 1e-9, "F1->F2");
        Approx.Equal(40, Flow(r, "f1", "dc"), 1e-9, "F1->DC");
        Approx.Equal(10, Flow(r, "f1", "w1"), 1e-9, "F1->W1");
        Approx.Equal(40, Flow(r, "f2", "dc"), 1e-9, "F2->DC");
        Approx.Equal(80, Flow(r, "dc", "w2"), 1e-9, "DC->W2");
        Approx.Equal(20, Flow(r, "w2", "w1"), 1e-9, "W2->W1");
        Approx.Equal(0, Flow(r, "w1", "w2"), 1e-9, "W1->W2");
    }

    [Fact]
    public void Min_cost_flow_refuses_a_network_with_processes()
    {
        var r = TestRepo.Optimize(TestRepo.Load("mcf-distribution-unlimited"), SolverKind.MinCostFlow);

        Assert.False(r.HasSolution);
        Assert.Equal(ResultStatus.Error, r.Status);
        Assert.Contains("processes", string.Join(" ", r.Explanation), StringComparison.Ordinal);
    }

    // Wang & Smith (1994): 112.5 t/h of fresh water without reuse (20 + 50 + 37.5 + 5), 90 t/h with reuse.
    [Theory]
    [InlineData(SolverKind.Glop)]
    [InlineData(SolverKind.Scip)]
    [InlineData(SolverKind.Cbc)]
    public void Wang_Smith_water_network_reaches_the_published_fresh_water_target(SolverKind solver)
    {
        var region = TestRepo.Load("water-wang-smith");
        var r = TestRepo.Optimize(region, solver);

        Assert.Equal(ResultStatus.Optimal, r.Status);
        static double Purchased(Solution s) => s.Model.ProcessVirgin.SelectMany(p => p).Where(c => c >= 0).Sum(c => s.Values[c]);
        Approx.Equal(90, Purchased(r.Chosen) / 8760, 1e-6, "fresh water with reuse (t/h)");
        var cfFresh = Purchased(r.Counterfactual);
        Approx.Equal(112.5, cfFresh / 8760, 1e-6, "fresh water without reuse (t/h)");
        Approx.Equal(22.5 * 8760, r.Kpis!.NetBenefit, 1e-6, "net benefit at 1 SEK/t");
    }
}
