using Google.OrTools.LinearSolver;

namespace SymbiosisOptimizer.Assessment.Sharing;

/// <summary>
/// The least core (Maschler, Peleg &amp; Shapley 1979): the smallest epsilon such that some efficient allocation
/// gives every proper coalition at least v(S) - epsilon. Epsilon &lt;= 0 means the core is non-empty; a positive
/// epsilon is the smallest per-coalition subsidy (or tax relief, for costs) that would make the grand coalition stable.
/// </summary>
/// <remarks>
/// A cost game is solved as its savings game; epsilon is then in cost units and the allocation is converted back to
/// cost shares, so a coalition pays at most c(S) + epsilon.
/// </remarks>
public static class LeastCore
{
    public const string MethodName = "leastcore";

    /// <summary>
    /// Returns the least-core epsilon (<see cref="Allocation.Epsilon"/>) and one allocation in the least core (the LP's
    /// vertex; the nucleolus is the canonical point of the least core). With a single player there is no proper
    /// coalition and epsilon is reported as 0.
    /// </summary>
    public static Allocation Compute(CooperativeGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        var benefit = game.ToSavingsGame();
        var (u, scale) = ExcessLp.Normalised(benefit, "The least core");
        int n = game.PlayerCount;
        ulong grand = (1UL << n) - 1;
        if (n == 1)
        {
            return new Allocation(MethodName, game.Kind, game.Players, [game.GrandValue]) { Epsilon = 0.0 };
        }

        using var solver = ExcessLp.CreateGlop();
        var x = new Variable[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = solver.MakeNumVar(double.NegativeInfinity, double.PositiveInfinity, string.Empty);
        }

        var epsilon = solver.MakeNumVar(double.NegativeInfinity, double.PositiveInfinity, "epsilon");
        ExcessLp.AddCoalitionRow(solver, x, grand, null, u[grand], u[grand]);
        for (ulong s = 1; s < grand; s++)
        {
            // x(S) + epsilon >= v(S), written as x(S) - t >= v(S) with t = -epsilon.
            var row = ExcessLp.AddCoalitionRow(solver, x, s, null, u[s], double.PositiveInfinity);
            row.SetCoefficient(epsilon, 1.0);
        }

        var objective = solver.Objective();
        objective.SetCoefficient(epsilon, 1.0);
        objective.SetMinimization();
        ExcessLp.RequireOptimal(solver.Solve(), "Least core");

        var shares = x.Select(v => v.SolutionValue() * scale).ToArray();
        return new Allocation(MethodName, game.Kind, game.Players, game.FromSavingsAmounts(shares))
        {
            Epsilon = epsilon.SolutionValue() * scale,
        };
    }

    /// <summary>True when the core is non-empty, i.e. the least-core epsilon is at most 1e-9 relative to the game's scale.</summary>
    public static bool CoreIsNonEmpty(CooperativeGame game) => CoreIsNonEmpty(game, Compute(game).Epsilon!.Value);

    internal static bool CoreIsNonEmpty(CooperativeGame game, double epsilon) => epsilon <= 1e-9 * CoreCheck.Scale(game);
}
