using Google.OrTools.LinearSolver;

namespace SymbiosisOptimizer.Assessment.Sharing;

/// <summary>
/// Shared plumbing for the LP-based methods. They work on the benefit (savings) game divided by its largest
/// absolute coalition value, so LP tolerances mean the same thing whether values are in SEK or MSEK.
/// </summary>
internal static class ExcessLp
{
    /// <summary>Absolute tolerance on the normalised game; GLOP's own feasibility tolerance is about 1e-9 to 1e-7.</summary>
    public const double Tolerance = 1e-8;

    public static (double[] Values, double Scale) Normalised(CooperativeGame benefitGame, string method)
    {
        var v = benefitGame.RequireExplicit(method);
        double scale = 0.0;
        foreach (double value in v)
        {
            scale = Math.Max(scale, Math.Abs(value));
        }

        if (scale == 0.0)
        {
            scale = 1.0;
        }

        var u = new double[v.Length];
        for (int i = 0; i < v.Length; i++)
        {
            u[i] = v[i] / scale;
        }

        return (u, scale);
    }

    public static Solver CreateGlop()
    {
        var solver = Solver.CreateSolver("GLOP");
        return solver ?? throw new InvalidOperationException("The OR-Tools GLOP linear solver is not available in this build.");
    }

    public static void RequireOptimal(Solver.ResultStatus status, string what)
    {
        if (status != Solver.ResultStatus.OPTIMAL)
        {
            throw new InvalidOperationException($"{what}: the linear program ended with status {status} instead of OPTIMAL.");
        }
    }

    /// <summary>Adds x(S) - tCoefficient * t in [lower, upper].</summary>
    public static Constraint AddCoalitionRow(Solver solver, Variable[] x, ulong coalition, Variable? t, double lower, double upper)
    {
        var row = solver.MakeConstraint(lower, upper, string.Empty);
        for (int i = 0; i < x.Length; i++)
        {
            if ((coalition & (1UL << i)) != 0)
            {
                row.SetCoefficient(x[i], 1.0);
            }
        }

        if (t is not null)
        {
            row.SetCoefficient(t, -1.0);
        }

        return row;
    }

    public static double Sum(double[] x, ulong coalition)
    {
        double sum = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            if ((coalition & (1UL << i)) != 0)
            {
                sum += x[i];
            }
        }

        return sum;
    }
}
