using FsCheck.Xunit;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Modeling;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Scenarios;
using SymbiosisOptimizer.Scenarios.Generation;

namespace SymbiosisOptimizer.Tests.Optimization;

/// <summary>
/// The aggregated permit rows (<see cref="Strengthening"/>, issue 22) must raise the LP bound where one permit opens
/// several flows into one need, never cut off an integer plan (same optimum as before), and stay out where the single
/// rows already imply them.
/// </summary>
public sealed class StrengtheningTests : IDisposable
{
    private static readonly SolveOptions Exact = new(SolverKind.Scip, TimeLimitSeconds: 30, RelativeGap: 0);

    private readonly string dir = Directory.CreateTempSubdirectory("strengthening-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void One_permit_opening_two_flows_into_one_need_gets_the_aggregated_row_and_the_LP_rises_to_the_optimum()
    {
        // Need 100 t, bought at 1 SEK/t (v); two exchanges x1, x2 (free) both need permit w (50 SEK/yr), each at most
        // 100 t: x_i - 100 w <= 0. The single rows let w = t, x1 = x2 = 100 t, v = 100 - 200 t at cost 50 t + 100 - 200 t,
        // least at t = 0.5: LP 25. The aggregated row x1 + x2 - 100 w <= 0 forces v >= 100 - 100 w, so the cost is
        // 50 w + 100 - 100 w, least at w = 1: LP 50, which is also the integer optimum (permit taken, need met, 50).
        var m = TwoFlowsOnePermit(100, 100);
        var before = Lp(m);
        var strong = m.Copy();

        var added = Strengthening.Apply(strong);

        Assert.Equal(1, added);
        var row = strong.Rows[^1];
        Assert.Equal([1, 2, 3], row.Columns.ToArray());
        Assert.Equal([1.0, 1.0, -100.0], row.Coefficients.ToArray());
        Assert.Equal(0, row.Upper);
        Assert.Equal(25, before, 6);
        Assert.Equal(50, Lp(strong), 6);
        Assert.Equal(50, OrToolsSolver.Solve(m, Exact, SolverKind.Scip).Objective, 6);
        Assert.Equal(50, OrToolsSolver.Solve(strong, Exact, SolverKind.Scip).Objective, 6);
    }

    [Fact]
    public void No_row_is_added_where_the_single_rows_already_imply_it()
    {
        // The two flows can carry at most 30 + 40 = 70 t together, under the need of 100: x1 + x2 <= 100 w is implied.
        var m = TwoFlowsOnePermit(30, 40);

        Assert.Equal(0, Strengthening.Apply(m));
    }

    [Fact]
    public void A_generated_region_gets_aggregated_rows()
    {
        // The generator gives solid by-products permits at each receiver, and receivers several suppliers: the case the
        // rows are for (so the property below does not pass on models that never gain a row).
        var m = Build(20, 1);

        Assert.True(Strengthening.Apply(m.Copy()) > 0);
    }

    [Property(MaxTest = 6)]
    public bool Strengthening_a_small_generated_region_keeps_its_optimum_and_never_lowers_its_LP(byte draw)
    {
        var m = Build(12 + (draw % 8), 1 + draw);
        var strong = m.Copy();
        Strengthening.Apply(strong);
        var before = OrToolsSolver.Solve(m, Exact, SolverKind.Scip);
        var after = OrToolsSolver.Solve(strong, Exact, SolverKind.Scip);
        if (before.Solution != SolutionStatus.Optimal || after.Solution != SolutionStatus.Optimal)
        {
            // Only proven optima can be compared; the limit keeps an unlucky draw from holding the suite.
            return before.Solution == after.Solution || before.Termination == TerminationStatus.TimeLimit || after.Termination == TerminationStatus.TimeLimit;
        }

        var tolerance = 1e-6 * Math.Max(1, Math.Abs(before.Objective));
        var (lpBefore, lpAfter) = (Lp(m), Lp(strong));
        return Math.Abs(before.Objective - after.Objective) <= tolerance
            && lpAfter >= lpBefore - tolerance
            && lpAfter <= after.Objective + tolerance;
    }

    private static MipModel TwoFlowsOnePermit(double m1, double m2)
    {
        var m = new MipModel();
        var v = m.AddVariable("virgin", 0, double.PositiveInfinity, 1);
        var x1 = m.AddVariable("x1", 0, m1, 0);
        var x2 = m.AddVariable("x2", 0, m2, 0);
        var w = m.AddBinary("permit", 50);
        m.AddEquality("need", "the need is met", 100, [(x1, 1.0), (x2, 1.0), (v, 1.0)]);
        m.AddLessOrEqual("permit1", "x1 needs the permit", 0, [(x1, 1.0), (w, -m1)]);
        m.AddLessOrEqual("permit2", "x2 needs the permit", 0, [(x2, 1.0), (w, -m2)]);
        return m;
    }

    private static double Lp(MipModel m) => OrToolsSolver.Solve(m, new SolveOptions(SolverKind.Glop), SolverKind.Glop).Objective;

    private MipModel Build(int actors, int seed)
    {
        var file = Path.Combine(dir, $"{actors}-{seed}.yaml");
        File.WriteAllText(file, InstanceGenerator.Generate(new GeneratorOptions(actors, 3, seed)));
        var region = ScenarioLoader.Load(file).Region ?? throw new InvalidOperationException($"generated {file} did not load");
        return ExchangeFormulation.Build(region, CandidateNetworkBuilder.Build(region), new FormulationOptions()).Model;
    }
}
