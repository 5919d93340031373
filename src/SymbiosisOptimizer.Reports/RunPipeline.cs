using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using SymbiosisOptimizer.Assessment.Rejected;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Decisions;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Reports.Documents;

namespace SymbiosisOptimizer.Reports;

/// <summary>How one run is solved: the options `symbiosis run` takes (solver, limits, Pareto points, why-not mode).</summary>
/// <param name="WhyNot">auto (when the model has at most <see cref="RunPipeline.WhyNotAutoColumns"/> columns), on or off.</param>
public sealed record RunSettings(SolveOptions Solve, int ParetoPoints = 0, string WhyNot = "auto")
{
    /// <summary>The objectives of the --pareto front, the first optimised, the others held at grid levels.</summary>
    public ImmutableArray<ParetoObjective> ParetoObjectives { get; init; } = Optimization.Decisions.ParetoObjectives.Default;

    public static RunSettings Default { get; } = new(new SolveOptions(SolverKind.Auto, RunPipeline.DefaultTimeLimitSeconds, 1e-4));
}

/// <summary>The steps of a run, in the order <see cref="RunPipeline.Solve"/> takes them.</summary>
public enum RunStage
{
    /// <summary>Optimising against today's situation.</summary>
    Optimising,

    /// <summary>Explaining the candidates not chosen.</summary>
    ExplainingNotChosen,

    /// <summary>Building the run document.</summary>
    BuildingDocument,
}

/// <summary>Told as each step starts, and during <see cref="RunStage.Optimising"/> each time the solve's best plan or
/// bound improves (then with that progress); whoever shows it words it in its own language.</summary>
public delegate void RunStageReport(RunStage stage, SolveProgress? solve);

/// <summary>
/// The run of one loaded region, as `symbiosis run` does it: optimise against today, explain what is not chosen, and
/// build the one run document every view renders. The app (`symbiosis serve`) calls this, then <see cref="RunOutputs.Write"/>.
/// </summary>
public static class RunPipeline
{
    /// <summary>Columns above which `--why-not auto` skips the analysis: each candidate costs a re-solve of the whole model.</summary>
    public const int WhyNotAutoColumns = 5000;

    /// <summary>The solve's time limit when none is given: a plan and its gap within a minute, at any size.</summary>
    public const double DefaultTimeLimitSeconds = 60;

    /// <param name="progress">Told as each of the two stages (optimise, why not chosen) starts and when both are done, and
    /// during the optimisation as the best plan's gap to the bound improves.</param>
    /// <param name="loadSeconds">How long parsing and validating the input took, for the metadata block.</param>
    public static RunDocument Solve(Region region, RunProvenance provenance, RunSettings settings, RunStageReport? progress = null, double? loadSeconds = null)
    {
        var clock = Stopwatch.StartNew();
        progress?.Invoke(RunStage.Optimising, null);
        var solve = progress is null ? settings.Solve : settings.Solve with { Progress = Both(settings.Solve.Progress, p => progress(RunStage.Optimising, p)) };
        var result = ExchangeOptimizer.Optimize(region, new OptimizeOptions(solve, ParetoPoints: settings.ParetoPoints) { ParetoObjectives = settings.ParetoObjectives });
        var optimise = clock.Elapsed.TotalSeconds;
        settings.Solve.Cancel.ThrowIfCancellationRequested();
        progress?.Invoke(RunStage.ExplainingNotChosen, null);
        var notChosen = NotChosen(result, settings.WhyNot, settings.Solve);
        settings.Solve.Cancel.ThrowIfCancellationRequested();
        progress?.Invoke(RunStage.BuildingDocument, null);
        var whyNotSeconds = clock.Elapsed.TotalSeconds - optimise;
        IEnumerable<StageTiming> load = loadSeconds is { } l ? [StageTiming.Of("parse and validate", l)] : [];
        return RunDocuments.Build(region, provenance, result, RunMetadata.Now([
            .. load,
            .. result.Stages.Select(s => StageTiming.Of(s.Stage, s.Seconds)),
            StageTiming.Of("optimise (network, models, solves, breakdown)", optimise),
            StageTiming.Of("why not chosen", whyNotSeconds),
        ]), notChosen);
    }

    private static Action<SolveProgress> Both(Action<SolveProgress>? first, Action<SolveProgress> second) =>
        first is null ? second : p =>
        {
            first(p);
            second(p);
        };

    private static NotChosenBlock? NotChosen(OptimizationResult result, string mode, SolveOptions options)
    {
        if (!result.HasSolution)
        {
            return null;
        }

        var columns = result.Chosen.Model.Model.Variables.Count;
        return mode switch
        {
            "off" => NotChosenBlock.Skipped("not analysed: switched off with --why-not off"),
            "auto" when columns > WhyNotAutoColumns => NotChosenBlock.Skipped(string.Create(CultureInfo.InvariantCulture,
                $"not analysed: the model has {columns:#,##0} columns, and explaining each rejected candidate re-solves it; run with --why-not on (up to 300 re-solves)")),
            _ => NotChosenBlock.Of(WhyNotChosen.Explain(result, new WhyNotOptions(options))),
        };
    }
}
