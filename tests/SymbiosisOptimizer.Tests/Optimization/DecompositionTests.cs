using FsCheck.Xunit;
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
/// The presolve (screening), the split into independent blocks and the shared gap budget must never change what the
/// optimiser promises: the same optimum when asked for gap 0, and a true gap within the one asked for.
/// </summary>
public class DecompositionTests
{
    private const int Cases = 30;

    private static readonly SolveOptions Exact = new(SolverKind.Scip, RelativeGap: 0);

    [Fact]
    public void Rows_link_columns_into_blocks_and_fixed_columns_link_nothing()
    {
        var m = new MipModel();
        var a = m.AddVariable("a", 0, 10, -1);
        var b = m.AddVariable("b", 0, 10, -2);
        var fixedAt3 = m.AddVariable("f", 3, 3, 0);
        var c = m.AddBinary("c", 1);
        m.AddLessOrEqual("ab", "a + b <= 8", 8, [(a, 1.0), (b, 1.0)]);
        m.AddLessOrEqual("af", "a + f <= 5", 5, [(a, 1.0), (fixedAt3, 1.0)]);
        m.AddLessOrEqual("cf", "f - 10 c <= 0", 0, [(fixedAt3, 1.0), (c, -10.0)]);

        var blocks = ModelBlocks.Split(m);

        Assert.Equal(3, blocks.Length);
        Assert.Equal([a, b], blocks[0].Columns.ToArray());
        Assert.Equal([0, 1], blocks[0].Rows.ToArray());
        Assert.Equal([fixedAt3], blocks[1].Columns.ToArray());
        Assert.Equal([c], blocks[2].Columns.ToArray());
        Assert.Equal(1, blocks[2].Binaries);
        Assert.True(blocks[1].Fixed);

        // The fixed column becomes a constant: a + 3 <= 5 is a <= 2 in the first block's own model.
        var (sub, columns, _) = ModelBlocks.Extract(m, [blocks[0]]);
        Assert.Equal([a, b], columns.ToArray());
        var af = sub.Rows.Single(r => r.Name == "af");
        Assert.Equal(2, af.Upper);
        Assert.Equal([0], af.Columns.ToArray());

        var whole = OrToolsSolver.Solve(m, Exact, SolverKind.Scip);
        var split = BlockSolver.Solve(m, Exact, SolverKind.Scip);
        Assert.Equal(whole.Objective, split.Objective, 9);
        Assert.Equal(whole.Values.ToArray(), split.Values.ToArray());
        Assert.Equal(SolutionStatus.Optimal, split.Solution);
        Assert.Equal(2, split.Blocks);
    }

    [Fact]
    public void An_exchange_that_cannot_pay_its_fixed_cost_is_screened_and_one_that_can_is_not()
    {
        // Saving per tonne moved = 300 (landfill avoided) + 200 (virgin avoided) - transport (1 SEK/t.km over the stated 10 km).
        static Region Region(double fixedCost) => new RegionBuilder { LandfillTax = 0, Co2Price = 0, Circuity = 1.3 }
            .Resource("r")
            .Actor("a0", 59.0, 13.0)
            .Actor("a1", 59.0, 13.2)
            .Distance("a0", "a1", 10)
            .Supply("s", "a0", "r", 100, RouteKind.Landfill, 300)
            .Demand("d", "a1", "r", 100, 200)
            .Truck("truck", 1, fixedCost)
            .Build();

        var saving = 300 + 200 - 10.0;
        var dear = Region((100 * saving) + 1);
        var dearCtx = ExchangeFormulation.Build(dear, CandidateNetworkBuilder.Build(dear), new FormulationOptions());
        Assert.Equal(1, dearCtx.ScreenedArcs);
        Assert.Equal(0, ExchangeOptimizer.Optimize(dear).Kpis!.NetBenefit, 6);

        var cheap = Region((100 * saving) - 1000);
        var cheapCtx = ExchangeFormulation.Build(cheap, CandidateNetworkBuilder.Build(cheap), new FormulationOptions());
        Assert.Equal(0, cheapCtx.ScreenedArcs);
        Assert.Equal(1000, ExchangeOptimizer.Optimize(cheap, new OptimizeOptions(Exact)).Kpis!.NetBenefit, 6);
    }

    [Property(MaxTest = Cases)]
    public bool Screening_never_changes_the_optimum(int seed)
    {
        var region = NetworkProperties.RandomRegion(seed, withSwitches: true);
        var network = CandidateNetworkBuilder.Build(region);
        var screened = ExchangeFormulation.Build(region, network, new FormulationOptions());
        var plain = ExchangeFormulation.Build(region, network, new FormulationOptions(Screen: false));
        var a = OrToolsSolver.Solve(screened.Model, Exact, SolverKind.Scip);
        var b = OrToolsSolver.Solve(plain.Model, Exact, SolverKind.Scip);
        return a.HasSolution && b.HasSolution && Math.Abs(a.Objective - b.Objective) <= 1e-7 * Math.Max(1, Math.Abs(b.Objective));
    }

    [Property(MaxTest = Cases)]
    public bool Solving_block_by_block_finds_the_same_optimum_as_solving_whole(int seed)
    {
        // Two random regions side by side in one model: at least two blocks that nothing links.
        var m = Concat(Model(seed), Model(seed + 7919));
        var whole = OrToolsSolver.Solve(m, Exact, SolverKind.Scip);
        var split = BlockSolver.Solve(m, Exact, SolverKind.Scip);
        return whole.HasSolution && split.HasSolution && split.Blocks >= 2
            && Math.Abs(whole.Objective - split.Objective) <= 1e-7 * Math.Max(1, Math.Abs(whole.Objective))
            && Math.Abs(split.Objective - m.Evaluate(split.Values)) <= 1e-6 * Math.Max(1, Math.Abs(split.Objective));
    }

    [Property(MaxTest = Cases)]
    public bool A_hint_changes_nothing_but_speed_even_when_it_is_wrong(int seed)
    {
        var m = Concat(Model(seed), Model(seed + 104729));
        var rnd = new Random(seed);
        var plain = BlockSolver.Solve(m, Exact, SolverKind.Scip);
        var good = BlockSolver.Solve(m, Exact with { Hint = plain.Values }, SolverKind.Scip);
        var wrong = BlockSolver.Solve(m, Exact with { Hint = [.. m.Variables.Select(_ => (double)rnd.Next(2))] }, SolverKind.Scip);
        var tooShort = OrToolsSolver.Solve(m, Exact with { Hint = [1.0] }, SolverKind.Scip);
        bool Same(SolveOutcome o) => o.HasSolution && Math.Abs(o.Objective - plain.Objective) <= 1e-7 * Math.Max(1, Math.Abs(plain.Objective));
        return Same(good) && Same(wrong) && Same(tooShort);
    }

    [Theory]
    [InlineData(60, 1)]
    [InlineData(120, 2)]
    public void A_shared_gap_budget_keeps_the_whole_within_the_gap_asked_for(int actors, int seed)
    {
        var dir = Directory.CreateTempSubdirectory("blocks-");
        try
        {
            var file = Path.Combine(dir.FullName, "scenario.yaml");
            File.WriteAllText(file, InstanceGenerator.Generate(new GeneratorOptions(actors, 8, seed)));
            var region = ScenarioLoader.Load(file).Region!;
            var ctx = ExchangeFormulation.Build(region, CandidateNetworkBuilder.Build(region), new FormulationOptions());
            const double gap = 5e-3;
            var split = BlockSolver.Solve(ctx.Model, new SolveOptions(SolverKind.Scip, 120, gap), SolverKind.Scip);
            var whole = OrToolsSolver.Solve(ctx.Model, new SolveOptions(SolverKind.Scip, 120, 1e-3), SolverKind.Scip);

            Assert.True(split.Blocks > 1, "a generated region has independent parts");
            Assert.True(split.Gap <= gap, $"gap {split.Gap} above {gap}");
            Assert.Equal(split.Objective, ctx.Model.Evaluate(split.Values), 3);

            // Each side's bound is valid for the other: the split's bound is below every feasible objective and its
            // objective above every valid bound.
            var tolerance = 1e-7 * Math.Abs(whole.Objective);
            Assert.True(split.BestBound <= whole.Objective + tolerance, $"split bound {split.BestBound} above a feasible objective {whole.Objective}");
            Assert.True(split.Objective >= whole.BestBound - tolerance, $"split objective {split.Objective} below a valid bound {whole.BestBound}");
            Assert.True(split.Objective - whole.BestBound <= (gap + 1e-3) * Math.Abs(split.Objective));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static MipModel Model(int seed)
    {
        var region = NetworkProperties.RandomRegion(seed, withSwitches: true);
        return ExchangeFormulation.Build(region, CandidateNetworkBuilder.Build(region), new FormulationOptions(Screen: false)).Model;
    }

    private static MipModel Concat(MipModel a, MipModel b)
    {
        var m = new MipModel();
        foreach (var part in new[] { a, b })
        {
            var offset = m.Variables.Count;
            foreach (var v in part.Variables)
            {
                m.AddVariable(v.Name, v.Lower, v.Upper, v.Cost, v.IsInteger);
            }

            foreach (var r in part.Rows)
            {
                m.AddRow(r.Name, r.Meaning, r.Lower, r.Upper, r.Columns.Select((c, k) => (c + offset, r.Coefficients[k])));
            }
        }

        return m;
    }
}
