using System.Collections.Immutable;
using System.Diagnostics;
using Google.OrTools.LinearSolver;
using SymbiosisOptimizer.Optimization.Modeling;

namespace SymbiosisOptimizer.Optimization.Solvers;

/// <summary>Solves a <see cref="MipModel"/> with OR-Tools' linear solver wrapper (SCIP, CBC or GLOP).</summary>
public static class OrToolsSolver
{
    /// <summary>GLOP parameters that select the dual simplex.</summary>
    public const string GlopDualSimplex = "use_dual_simplex: true";

    /// <summary>SCIP must not catch SIGINT itself: the command line's handler interrupts the solve and stops the command.</summary>
    private const string ScipNoCtrlC = "misc/catchctrlc = FALSE";

    /// <summary>The message of a solve stopped by <see cref="SolveOptions.Cancel"/>.</summary>
    public const string InterruptedMessage = "interrupted";

    public static SolveOutcome Solve(MipModel model, SolveOptions options, SolverKind kind)
    {
        var id = kind switch
        {
            SolverKind.Scip => "SCIP",
            SolverKind.Cbc => "CBC",
            SolverKind.Glop => "GLOP",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an OR-Tools linear solver"),
        };
        var size = SizeOf(model);
        if (options.Cancel.IsCancellationRequested)
        {
            return Failed(id, size, InterruptedMessage);
        }

        var clock = Stopwatch.StartNew();
        using var solver = Solver.CreateSolver(id);
        if (solver is null)
        {
            return Failed(id, size, $"the {id} solver is not available in this OR-Tools build");
        }

        var relax = kind == SolverKind.Glop;
        var (vars, objective) = Load(solver, model, relax);
        if (options.TimeLimitSeconds is { } limit)
        {
            solver.SetTimeLimit((long)Math.Max(1, limit * 1000));
        }

        if (!relax)
        {
            solver.SetNumThreads(Math.Max(1, options.Threads));
            if (!options.Hint.IsDefault && options.Hint.Length == vars.Length)
            {
                solver.SetHint(vars, [.. options.Hint]);
            }
        }

        // GLOP's dual simplex solves these transportation-like LPs about ten times faster than its primal default
        // (5 000 actors: 101 s -> 12 s for the whole relaxation); the optimum is the same.
        var specificParameters = options.SolverParameters ?? (relax ? GlopDualSimplex : null);
        if (kind == SolverKind.Scip)
        {
            specificParameters = specificParameters is null ? ScipNoCtrlC : $"{ScipNoCtrlC}\n{specificParameters}";
        }

        if (specificParameters is { } specific && !solver.SetSolverSpecificParametersAsString(specific))
        {
            return Failed(id, size, $"{id} did not accept the parameters '{specific}'");
        }

        if (Environment.GetEnvironmentVariable("SYMBIOSIS_SOLVER_LOG") == "1")
        {
            solver.EnableOutput();
        }

        using var parameters = new MPSolverParameters();
        if (!relax)
        {
            parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, options.RelativeGap);
        }

        using var interrupt = options.Cancel.Register(() => solver.InterruptSolve());

        // CBC solves its LPs with CLP, which takes SIGINT for each of them.
        using var guard = kind == SolverKind.Cbc ? ClpSignalGuard.Enter() : null;
        var status = solver.Solve(parameters);
        if (options.Cancel.IsCancellationRequested)
        {
            return Failed(id, size, InterruptedMessage);
        }

        if (status == Solver.ResultStatus.INFEASIBLE)
        {
            // GLOP's presolve reports "infeasible or unbounded" as INFEASIBLE. A feasible point under a zero
            // objective proves the model feasible, so the real answer is unbounded.
            objective.Clear();
            objective.SetMinimization();
            var feasibility = solver.Solve(parameters);
            status = feasibility is Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE ? Solver.ResultStatus.UNBOUNDED : Solver.ResultStatus.INFEASIBLE;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var (termination, solution) = status switch
        {
            Solver.ResultStatus.OPTIMAL => (TerminationStatus.Optimal, SolutionStatus.Optimal),
            Solver.ResultStatus.FEASIBLE => (TerminationStatus.TimeLimit, SolutionStatus.Feasible),
            Solver.ResultStatus.INFEASIBLE => (TerminationStatus.Infeasible, SolutionStatus.None),
            Solver.ResultStatus.UNBOUNDED => (TerminationStatus.Unbounded, SolutionStatus.None),
            Solver.ResultStatus.NOT_SOLVED => (TerminationStatus.TimeLimit, SolutionStatus.None),
            _ => (TerminationStatus.Error, SolutionStatus.None),
        };
        if (solution == SolutionStatus.None)
        {
            return new SolveOutcome(id, termination, solution, double.NaN, double.NaN, double.NaN, seconds, size, default, default,
                status == Solver.ResultStatus.ABNORMAL ? "the solver stopped abnormally" : string.Empty);
        }

        var values = vars.Select(v => v.SolutionValue()).ToImmutableArray();
        var obj = objective.Value();
        var bound = relax || model.BinaryCount == 0 ? obj : objective.BestBound();
        var gap = Math.Abs(obj - bound) / Math.Max(1e-9, Math.Abs(obj));
        if (termination == TerminationStatus.Optimal && gap <= options.RelativeGap * 1.0001 && gap > 1e-9)
        {
            // SCIP stops at the requested gap and reports OPTIMAL: keep Optimal only when the gap is closed.
            solution = SolutionStatus.Feasible;
        }

        var duals = default(ImmutableArray<double>);
        if (options.WantDuals && (relax || model.BinaryCount == 0))
        {
            var cons = solver.constraints();
            duals = [.. cons.Select(c => c.DualValue())];
        }

        return new SolveOutcome(id, termination, solution, obj, bound, gap < 1e-12 ? 0 : gap, seconds, size, values, duals, string.Empty);
    }

    /// <summary>Copies a model into an OR-Tools solver (as an LP when relaxed); the one place both solving and export read it.</summary>
    private static (Google.OrTools.LinearSolver.Variable[] Vars, Objective Objective) Load(Solver solver, MipModel model, bool relax)
    {
        var vars = new Google.OrTools.LinearSolver.Variable[model.Variables.Count];
        foreach (var v in model.Variables)
        {
            vars[v.Index] = solver.MakeVar(v.Lower, v.Upper, v.IsInteger && !relax, v.Name);
        }

        foreach (var r in model.Rows)
        {
            var c = solver.MakeConstraint(r.Lower, r.Upper, r.Name);
            for (var k = 0; k < r.Columns.Length; k++)
            {
                c.SetCoefficient(vars[r.Columns[k]], r.Coefficients[k]);
            }
        }

        var objective = solver.Objective();
        foreach (var v in model.Variables)
        {
            if (v.Cost != 0)
            {
                objective.SetCoefficient(vars[v.Index], v.Cost);
            }
        }

        objective.SetOffset(model.ObjectiveOffset);
        objective.SetMinimization();
        return (vars, objective);
    }

    public static ModelSize SizeOf(MipModel model) =>
        new(model.Rows.Count, model.Variables.Count, model.BinaryCount, model.Rows.Sum(r => r.Columns.Length));

    internal static SolveOutcome Failed(string id, ModelSize size, string message) =>
        new(id, TerminationStatus.Error, SolutionStatus.None, double.NaN, double.NaN, double.NaN, 0, size, default, default, message);

    /// <summary>The model in free MPS format, for solving the same model with another solver (e.g. glpsol).</summary>
    public static string ExportMps(MipModel model)
    {
        using var solver = Solver.CreateSolver("SCIP") ?? throw new InvalidOperationException("SCIP is not available");
        _ = Load(solver, model, relax: false);
        return solver.ExportModelAsMpsFormat(fixed_format: false, obfuscated: false);
    }
}
