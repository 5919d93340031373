using System.Collections.Immutable;

namespace SymbiosisOptimizer.Optimization.Solvers;

public enum SolverKind
{
    /// <summary>Min-cost flow when the model is a pure flow problem, GLOP for other LPs, SCIP for MILPs.</summary>
    Auto,
    Scip,
    Cbc,
    Glop,
    MinCostFlow,
}

/// <summary>How the solve ended (linopy's termination condition).</summary>
public enum TerminationStatus
{
    Optimal,
    TimeLimit,
    Infeasible,
    Unbounded,
    Error,
}

/// <summary>What we can say about the returned point (kept separate from termination, as Pyomo does).</summary>
public enum SolutionStatus
{
    Optimal,
    Feasible,
    None,
}

/// <param name="RelativeGap">Stop a MILP when (primal - bound) / |primal| is at most this.</param>
/// <param name="Threads">Solver threads; 1 keeps results reproducible.</param>
/// <param name="SolverParameters">Back-end specific settings (SCIP: "name = value" lines).</param>
/// <param name="Hint">A likely solution, one value per column (e.g. the deterministic optimum for a Monte Carlo sample):
/// branch-and-bound starts from it when it is feasible. It changes how fast, never what is optimal.</param>
/// <param name="Cancel">Stops a running solve (the solver's own interrupt) and every later one: an interrupted solve
/// ends with <see cref="TerminationStatus.Error"/> and no solution, never as a normal feasible result.</param>
/// <param name="Progress">Told each time the block solver's plan or bound for the whole model improves (from the
/// solver's threads, one call at a time), so a caller can show the gap as it closes.</param>
/// <param name="SupplyRows">The model's rows that say where each supply goes (the formulation's supply balances), for
/// the block solver's Lagrangian bound (<see cref="LagrangianBound"/>), which relaxes them. Rows of another model, or
/// none, only weaken that bound, never make it wrong.</param>
public sealed record SolveOptions(
    SolverKind Solver = SolverKind.Auto,
    double? TimeLimitSeconds = null,
    double RelativeGap = 1e-4,
    int Threads = 1,
    bool WantDuals = false,
    string? SolverParameters = null,
    ImmutableArray<double> Hint = default,
    CancellationToken Cancel = default,
    Action<SolveProgress>? Progress = null,
    ImmutableArray<int> SupplyRows = default);

/// <summary>How far a running solve has got: the whole model's best plan and bound so far.</summary>
/// <param name="Seconds">Since the solve started.</param>
/// <param name="Objective">The best plan's objective (minimised), or NaN while some part has no plan yet.</param>
/// <param name="Bound">A proven lower bound on the optimum of the whole.</param>
/// <param name="PartsSolved">Independent parts (bundles) whose solve has finished.</param>
public sealed record SolveProgress(double Seconds, double Objective, double Bound, int PartsSolved, int Parts)
{
    public bool HasPlan => double.IsFinite(Objective);

    /// <summary>(plan - bound) / |plan|, as <see cref="SolveOutcome.Gap"/>; NaN without a plan.</summary>
    public double Gap => HasPlan ? Math.Abs(Objective - Bound) / Math.Max(1e-9, Math.Abs(Objective)) : double.NaN;

    /// <summary>The progress in words, as the console and the application both show it.</summary>
    public string Text => HasPlan
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"best plan within {SolveOutcome.FormatGap(Gap)} of the bound ({PartsSolved:#,##0} of {Parts:#,##0} parts solved)")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"no plan yet ({PartsSolved:#,##0} of {Parts:#,##0} parts solved)");
}

public sealed record ModelSize(int Rows, int Columns, int Binaries, int NonZeros);

/// <summary>A solve result as a value. Never read <see cref="Values"/> before checking <see cref="HasSolution"/>.</summary>
public sealed record SolveOutcome(
    string SolverName,
    TerminationStatus Termination,
    SolutionStatus Solution,
    double Objective,
    double BestBound,
    double Gap,
    double Seconds,
    ModelSize Size,
    ImmutableArray<double> Values,
    ImmutableArray<double> Duals,
    string Message)
{
    public bool HasSolution => Solution != SolutionStatus.None && !Values.IsDefault;

    /// <summary>The gap as a percentage with enough digits that a small, non-zero gap never prints as 0.000 %.</summary>
    public string GapText => FormatGap(Gap);

    /// <summary>A relative gap in words, as <see cref="GapText"/>.</summary>
    public static string FormatGap(double gap) => !double.IsFinite(gap) ? "n/a"
        : gap == 0 ? "0 %"
        : gap >= 1e-3 ? gap.ToString("P3", System.Globalization.CultureInfo.InvariantCulture)
        : SmallPercent(gap * 100) + " %";

    /// <summary>Two significant digits in plain decimals (0.0000019, never 1.9E-06): people read this.</summary>
    private static string SmallPercent(double percent)
    {
        var digits = Math.Clamp(1 - (int)Math.Floor(Math.Log10(Math.Abs(percent))), 0, 15);
        return Math.Round(percent, digits).ToString("0." + new string('#', digits), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>How many independent parts the model was solved in (see <see cref="BlockSolver"/>); 1 when solved whole.</summary>
    public int Blocks { get; init; } = 1;
}
