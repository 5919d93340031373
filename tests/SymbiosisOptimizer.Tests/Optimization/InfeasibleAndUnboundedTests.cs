using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Tests.Optimization;

public class InfeasibleAndUnboundedTests
{
    [Fact]
    public void An_inlet_limit_below_the_fresh_water_concentration_is_infeasible_and_names_the_limit()
    {
        var r = TestRepo.Optimize(TestRepo.Load("infeasible-water"));

        Assert.Equal(ResultStatus.Infeasible, r.Status);
        Assert.Null(r.Kpis);
        Assert.Empty(r.Exchanges);
        // Named in words, by the process and property, never by the row's internal name.
        Assert.Contains(r.Explanation, l => l.Contains("c maximum at the inlet of wash", StringComparison.Ordinal) || l.Contains("wash (c)", StringComparison.Ordinal));
        Assert.DoesNotContain(r.Explanation, l => l.Contains('[', StringComparison.Ordinal));
    }

    // GLOP used to call this model infeasible (its presolve reports "infeasible or unbounded" as infeasible), with
    // an explanation that named no constraint at all.
    [Theory]
    [InlineData(SolverKind.Auto)]
    [InlineData(SolverKind.Glop)]
    [InlineData(SolverKind.Scip)]
    [InlineData(SolverKind.Cbc)]
    public void A_plant_paid_per_tonne_with_unlimited_input_is_unbounded_and_names_the_variable(SolverKind solver)
    {
        var r = TestRepo.Optimize(TestRepo.Load("unbounded-process"), solver);

        Assert.Equal(ResultStatus.Unbounded, r.Status);
        Assert.Null(r.Kpis);
        Assert.Contains(r.Explanation, l => l.Contains("process 'gate-fee-plant'", StringComparison.Ordinal));
    }

    // With a capex the plant gets a build decision, and its throughput a big-M of 1e9 t/yr; this model used to come
    // back "optimal" with 1e9 t/yr and a net benefit of 4e10 SEK/yr.
    [Theory]
    [InlineData(SolverKind.Scip)]
    [InlineData(SolverKind.Cbc)]
    public void A_plant_paid_per_tonne_with_capex_is_unbounded_rather_than_capped_by_the_big_m(SolverKind solver)
    {
        var r = TestRepo.Optimize(TestRepo.Load("unbounded-process", "with-capex"), solver);

        Assert.Equal(ResultStatus.Unbounded, r.Status);
        Assert.Null(r.Kpis);
        Assert.Contains(r.Explanation, l => l.Contains("process 'gate-fee-plant'", StringComparison.Ordinal));
    }
}
