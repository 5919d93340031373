using Google.OrTools.LinearSolver;

namespace SymbiosisOptimizer.Assessment.Sharing;

/// <summary>
/// The nucleolus (Schmeidler 1969): the imputation that lexicographically minimises the vector of coalition
/// excesses e(S, x) = v(S) - x(S) sorted from largest to smallest, i.e. it makes the most aggrieved coalition as
/// happy as possible, then the next, and so on. It is unique and lies in the core whenever the core is non-empty.
/// </summary>
/// <remarks>
/// Computed by the standard sequence of LPs (Kopelowitz 1967; Maschler, Peleg &amp; Shapley 1979): maximise the
/// minimum surplus t = min x(S) - v(S) over the coalitions not yet settled, then settle (fix at level t) exactly the
/// coalitions that are tight in every optimum, and repeat until the settled equations determine x. A coalition is
/// tight in every optimum if some optimal dual puts weight on it (complementary slackness); the remaining coalitions
/// that merely happen to be tight at the solver's vertex are tested by maximising their surplus over the optimal
/// face. Fixing a coalition that is tight only at one vertex would give a wrong answer, so this test is not optional.
/// Each LP has up to 2^n rows: on a 2-core machine a random 12-player game takes about a second, 15 players a few
/// seconds and 16 players tens of seconds, hence the report's default limit of 15.
/// A cost game is solved as its savings game and converted back (see <see cref="GameKind.Cost"/>).
/// </remarks>
public static class Nucleolus
{
    public const string MethodName = "nucleolus";

    /// <summary>True when the imputation set is non-empty: v(N) is at least the sum of standalone values (benefit view).</summary>
    public static bool HasImputations(CooperativeGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        var benefit = game.ToSavingsGame();
        double standalone = Enumerable.Range(0, benefit.PlayerCount).Sum(benefit.Standalone);
        double scale = Math.Max(1.0, Math.Abs(benefit.GrandValue) + Math.Abs(standalone));
        return benefit.GrandValue >= standalone - 1e-9 * scale;
    }

    public static Allocation Compute(CooperativeGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        if (!HasImputations(game))
        {
            throw new InvalidOperationException(game.Kind == GameKind.Cost
                ? "The nucleolus needs an imputation: the joint cost exceeds the sum of standalone costs, so nobody can be kept at or below their standalone cost."
                : "The nucleolus needs an imputation: v(N) is less than the sum of standalone values, so nobody can be kept at or above their standalone value.");
        }

        var benefit = game.ToSavingsGame();
        var (u, scale) = ExcessLp.Normalised(benefit, "The nucleolus");
        var x = Solve(u, game.PlayerCount);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] *= scale;
        }

        return new Allocation(MethodName, game.Kind, game.Players, game.FromSavingsAmounts(x));
    }

    private static double[] Solve(double[] u, int n)
    {
        ulong grand = (1UL << n) - 1;
        double standalone = 0.0;
        for (int i = 0; i < n; i++)
        {
            standalone += u[1 << i];
        }

        // With no surplus over standalone values the imputation set is one point; the LP would see it as
        // infeasible whenever rounding puts the sum a hair above v(N).
        if (u[grand] - standalone <= ExcessLp.Tolerance)
        {
            double share = (u[grand] - standalone) / n;
            return Enumerable.Range(0, n).Select(i => u[1 << i] + share).ToArray();
        }

        var span = new LinearSpan(n);
        span.Add(grand, u[grand]);
        var settled = new List<(ulong Coalition, double Level)>();
        var open = new List<ulong>();
        for (ulong s = 1; s < grand; s++)
        {
            open.Add(s);
        }

        while (span.Rank < n)
        {
            var (level, x, duals) = MaximiseMinimumSurplus(u, n, settled, open);

            var alwaysTight = new HashSet<ulong>();
            var toCheck = new List<ulong>();
            for (int k = 0; k < open.Count; k++)
            {
                ulong s = open[k];
                if (ExcessLp.Sum(x, s) - u[s] - level > ExcessLp.Tolerance)
                {
                    continue;
                }

                if (Math.Abs(duals[k]) > 1e-9)
                {
                    alwaysTight.Add(s);
                }
                else
                {
                    toCheck.Add(s);
                }
            }

            alwaysTight.UnionWith(TightOnOptimalFace(u, n, settled, open, level, toCheck));
            if (alwaysTight.Count == 0)
            {
                throw new InvalidOperationException("The nucleolus LP sequence made no progress; the game is probably too badly scaled for GLOP.");
            }

            foreach (ulong s in alwaysTight)
            {
                settled.Add((s, level));
                span.Add(s, u[s] + level);
            }

            open.RemoveAll(s => alwaysTight.Contains(s) || span.Contains(s));
        }

        return span.Solve();
    }

    /// <summary>max t s.t. x(N) = v(N), x_i >= v({i}), settled x(S) - v(S) = level_S, open x(S) - v(S) >= t.</summary>
    private static (double Level, double[] X, double[] Duals) MaximiseMinimumSurplus(
        double[] u, int n, List<(ulong Coalition, double Level)> settled, List<ulong> open)
    {
        using var solver = ExcessLp.CreateGlop();
        var x = AddImputationVariables(solver, u, n);
        var t = solver.MakeNumVar(double.NegativeInfinity, double.PositiveInfinity, "t");
        foreach (var (s, level) in settled)
        {
            ExcessLp.AddCoalitionRow(solver, x, s, null, u[s] + level, u[s] + level);
        }

        var rows = new Constraint[open.Count];
        for (int k = 0; k < open.Count; k++)
        {
            rows[k] = ExcessLp.AddCoalitionRow(solver, x, open[k], t, u[open[k]], double.PositiveInfinity);
        }

        var objective = solver.Objective();
        objective.SetCoefficient(t, 1.0);
        objective.SetMaximization();
        ExcessLp.RequireOptimal(solver.Solve(), "Nucleolus");

        return (t.SolutionValue(), x.Select(v => v.SolutionValue()).ToArray(), rows.Select(r => r.DualValue()).ToArray());
    }

    /// <summary>
    /// Of the candidates, those whose surplus cannot rise above <paramref name="level"/> anywhere on the optimal face.
    /// A solution that lifts one candidate often lifts others too, which spares their LPs.
    /// </summary>
    private static List<ulong> TightOnOptimalFace(
        double[] u, int n, List<(ulong Coalition, double Level)> settled, List<ulong> open, double level, List<ulong> candidates)
    {
        var result = new List<ulong>();
        if (candidates.Count == 0)
        {
            return result;
        }

        // The face's LP is re-solved warm for each candidate's objective; GLOP can end such a warm re-solve ABNORMAL on
        // the near-degenerate faces of coalition values with solver round-off (a group of `share` on the generated
        // 100-actor region), and then the same LP is built afresh and solved cold, by the dual simplex without
        // presolve, before giving up.
        (Solver Solver, Variable[] X) Face(bool cold = false)
        {
            var solver = ExcessLp.CreateGlop();
            if (cold)
            {
                _ = solver.SetSolverSpecificParametersAsString("use_dual_simplex: true use_preprocessing: false");
            }

            var x = AddImputationVariables(solver, u, n);
            foreach (var (s, fixedLevel) in settled)
            {
                ExcessLp.AddCoalitionRow(solver, x, s, null, u[s] + fixedLevel, u[s] + fixedLevel);
            }

            // A tolerance below the LP's keeps the face non-empty despite the rounding in the level.
            foreach (ulong s in open)
            {
                ExcessLp.AddCoalitionRow(solver, x, s, null, u[s] + level - 1e-10, double.PositiveInfinity);
            }

            return (solver, x);
        }

        Solver.ResultStatus Maximise(Solver solver, Variable[] x, ulong candidate)
        {
            var objective = solver.Objective();
            objective.Clear();
            for (int i = 0; i < n; i++)
            {
                if ((candidate & (1UL << i)) != 0)
                {
                    objective.SetCoefficient(x[i], 1.0);
                }
            }

            objective.SetMaximization();
            return solver.Solve();
        }

        var (face, x) = Face();
        try
        {
            var slack = new HashSet<ulong>();
            foreach (ulong candidate in candidates)
            {
                if (slack.Contains(candidate))
                {
                    continue;
                }

                var status = Maximise(face, x, candidate);
                if (status != Solver.ResultStatus.OPTIMAL)
                {
                    face.Dispose();
                    (face, x) = Face(cold: true);
                    status = Maximise(face, x, candidate);
                }

                ExcessLp.RequireOptimal(status, "Nucleolus (tightness test)");
                var solution = x.Select(v => v.SolutionValue()).ToArray();
                if (ExcessLp.Sum(solution, candidate) - u[candidate] - level <= ExcessLp.Tolerance)
                {
                    result.Add(candidate);
                    continue;
                }

                foreach (ulong other in candidates)
                {
                    if (ExcessLp.Sum(solution, other) - u[other] - level > ExcessLp.Tolerance)
                    {
                        slack.Add(other);
                    }
                }
            }
        }
        finally
        {
            face.Dispose();
        }

        return result;
    }

    private static Variable[] AddImputationVariables(Solver solver, double[] u, int n)
    {
        var x = new Variable[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = solver.MakeNumVar(u[1 << i], double.PositiveInfinity, string.Empty);
        }

        ExcessLp.AddCoalitionRow(solver, x, (1UL << n) - 1, null, u[(1 << n) - 1], u[(1 << n) - 1]);
        return x;
    }
}
