using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Domain.Parameters;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Decisions;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Assessment.Runner;

/// <summary>One sample under three plans: the robust plan, the plan made on the mean, and the sample's own optimum.</summary>
/// <param name="Robust">The robust plan's result in this sample (its decisions fixed, flows re-optimised).</param>
/// <param name="MeanPlan">The mean-value plan's result in this sample.</param>
/// <param name="WaitAndSee">The best plan had this sample been known in advance.</param>
public sealed record RobustSample(int Index, ImmutableArray<double> Inputs, OptimizationResult Robust, OptimizationResult MeanPlan, OptimizationResult WaitAndSee);

/// <summary>
/// A two-stage plan under uncertainty and what it is worth. Gains are objective gains (money plus CO2 at the
/// scenario's price, as a run optimises), per year.
/// </summary>
/// <param name="RecourseProblem">RP: the expected gain of the robust plan over the samples.</param>
/// <param name="ExpectedOfMeanPlan">EEV: the expected gain of the plan made on the mean of the inputs.</param>
/// <param name="WaitAndSee">WS: the expected gain with perfect foresight (each sample's own optimum).</param>
/// <param name="RiskValue">The measure the plan maximised (RP for expected; the CVaR of its gains for cvar).</param>
/// <param name="MeanPlanRiskValue">The same measure for the mean-value plan.</param>
/// <param name="ExtensiveObjective">The expected gain the extensive form itself reported, for the check RP == this.</param>
public sealed record RobustResult(
    ResultStatus Status,
    int Samples,
    int Seed,
    RiskSpec Risk,
    ImmutableArray<InputSummary> Inputs,
    PlanChoices Plan,
    PlanChoices MeanPlan,
    ExchangeModel Model,
    ImmutableArray<RobustSample> Draws,
    double RecourseProblem,
    double ExpectedOfMeanPlan,
    double WaitAndSee,
    double RiskValue,
    double MeanPlanRiskValue,
    double ExtensiveObjective,
    SolveOutcome? ExtensiveSolve,
    ImmutableArray<string> Explanation,
    double Seconds)
{
    /// <summary>VSS = RP - EEV: what planning for the uncertainty is worth over planning on the mean.</summary>
    public double ValueOfStochasticSolution => RecourseProblem - ExpectedOfMeanPlan;

    /// <summary>EVPI = WS - RP: the most that knowing the future in advance would be worth.</summary>
    public double ExpectedValueOfPerfectInformation => WaitAndSee - RecourseProblem;
}

/// <summary>
/// Robust choices by sample average approximation: draws the inputs declared under <c>uncertainty:</c> exactly as
/// Monte Carlo does (sample i from seed + i), solves one extensive form in which connections, plants and permits are
/// decided once for all samples (<see cref="ExtensiveForm"/>), and scores it against the plan made on the mean and
/// against perfect foresight.
/// </summary>
/// <remarks>
/// The extensive form is solved whole: the first stage is the region's yes/no decisions (tens to hundreds), which a
/// branch-and-bound over all samples handles directly at the sizes of the bundled scenarios; the block solver still
/// splits it into its independent parts. The mean-value problem uses each input at the mean of its draws, so
/// RP, EEV and WS are measured on the same samples.
/// </remarks>
public static class Robust
{
    public static RobustResult Run(Region region, int samples, int seed, RiskSpec risk, SolveOptions options, ProgressReport? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        if (risk.Measure == RiskMeasure.Cvar && !(risk.Alpha > 0 && risk.Alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(risk), risk.Alpha, "the CVaR level is a fraction between 0 and 1 (exclusive)");
        }

        var inputs = region.Uncertainty;
        var draws = Enumerable.Range(0, samples).Select(i =>
        {
            var rng = new Random(unchecked(seed + i));
            return inputs.Select(u => UncertaintySampler.Sample(u, rng.NextDouble())).ToImmutableArray();
        }).ToList();
        return Solve(region, draws, seed, risk, options, progress);
    }

    /// <summary>The robust plan for given draws of the uncertain inputs (one value per declared input, in order), equally likely.</summary>
    public static RobustResult Solve(Region region, IReadOnlyList<ImmutableArray<double>> draws, int seed, RiskSpec risk, SolveOptions options, ProgressReport? progress = null)
    {
        var samples = draws.Count;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var inputs = region.Uncertainty;
        var parameters = inputs.Select(u => RegionParameter.TryResolve(region, u.Path, out var p, out var error)
            ? p
            : throw new ArgumentException($"uncertain input '{u.Path}': {error}", nameof(region))).ToImmutableArray();
        var moving = parameters.Where(p => p.AffectsNetwork).Select(p => p.Path).ToList();
        if (moving.Count > 0)
        {
            throw new ArgumentException($"robust planning needs the same candidate exchanges in every sample, and these uncertain inputs change them: {string.Join(", ", moving)}", nameof(region));
        }

        var network = CandidateNetworkBuilder.Build(region);
        Region At(IReadOnlyList<double> values)
        {
            var r = region;
            for (var k = 0; k < parameters.Length; k++)
            {
                r = parameters[k].Set(r, values[k]);
            }

            return r;
        }

        var regions = draws.Select(d => At(d)).ToList();
        var networks = regions.Select(r => Solving.Rebind(network, r)).ToList();

        // Today and the plan models, one per sample, unscreened: screening is per sample and would fix a shared decision.
        var built = Solving.InParallel(regions, (r, i) =>
        {
            var cf = SolverDispatch.Solve(ExchangeFormulation.Build(r, networks[i], FormulationOptions.Counterfactual()), options with { Solver = SolverKind.Glop });
            var model = ExchangeFormulation.Build(r, networks[i], new FormulationOptions(Screen: false));
            return (Cf: cf, Model: model);
        }, cancel: options.Cancel);
        var unsolvedToday = built.Select((b, i) => (b, i)).Where(t => !t.b.Cf.HasSolution).Select(t => t.i).ToList();
        var summaries = inputs.Select((u, k) => new InputSummary(u, parameters[k].UnitText, parameters[k].Get(region), Percentiles.Of([.. draws.Select(d => d[k])]))).ToImmutableArray();
        if (unsolvedToday.Count > 0)
        {
            return Failed(ResultStatus.Infeasible, samples, seed, risk, summaries, built[0].Model, [$"What the actors do today is impossible in {unsolvedToday.Count} sample(s) (first: sample {unsolvedToday[0]}), so no benefit can be measured there."], clock);
        }

        var today = built.Select(b => b.Cf.Objective).ToArray();
        var (ef, columns) = ExtensiveForm.Build([.. built.Select(b => b.Model)], today, risk);
        progress?.Invoke(0, samples, "extensive form");
        var outcome = BlockSolver.Solve(ef, options with { Solver = SolverKind.Scip }, SolverKind.Scip);
        if (!outcome.HasSolution)
        {
            return Failed(ExchangeOptimizer.StatusOf(outcome), samples, seed, risk, summaries, built[0].Model,
                [$"The plan for all {samples} samples together was not found ({outcome.Termination}); allow more time with --time-limit or use fewer samples."], clock, outcome);
        }

        var plan = ExtensiveForm.Choices(built[0].Model, columns[0], outcome.Values);
        var extensive = risk.Measure == RiskMeasure.Expected
            ? today.Average() - outcome.Objective
            : double.NaN;

        // The plan made on the mean: each input at the mean of its draws.
        var meanRegion = At([.. Enumerable.Range(0, parameters.Length).Select(k => draws.Average(d => d[k]))]);
        var meanResult = Solving.Optimize(meanRegion, options, Solving.Rebind(network, meanRegion));
        var meanPlan = meanResult.HasSolution
            ? PlanChoices.Commitments(meanResult.Chosen)
            : PlanChoices.None;

        var rows = Solving.InParallel(regions, (r, i) =>
        {
            var (cf, model) = built[i];
            var robust = ExchangeOptimizer.Assess(r, cf, PlanChoices.SolveCopy(model, plan.FixIn(model), options));
            var mean = ExchangeOptimizer.Assess(r, cf, PlanChoices.SolveCopy(model, meanPlan.FixIn(model), options));
            // The sample's own optimum on the model already built: today's solve and the formulation are not repeated.
            var ws = ExchangeOptimizer.Assess(r, cf, PlanChoices.SolveCopy(model, model.Model, options));
            return new RobustSample(i, draws[i], robust, mean, ws);
        }, null, progress, options.Cancel);

        double Gain(OptimizationResult o) => o.Kpis?.ObjectiveGain ?? double.NaN;
        var rp = rows.Average(x => Gain(x.Robust));
        var eev = rows.Average(x => Gain(x.MeanPlan));
        var ws = rows.Average(x => Gain(x.WaitAndSee));
        var explanation = ImmutableArray.CreateBuilder<string>();
        var meanFails = rows.Count(x => !x.MeanPlan.HasSolution);
        if (meanFails > 0)
        {
            explanation.Add($"The plan made on the mean has no feasible recourse in {meanFails} of {samples} samples, so it is no plan for this uncertainty: its expected gain is not reported.");
        }

        if (outcome.Solution == SolutionStatus.Feasible)
        {
            explanation.Add($"The robust plan is feasible but not proven optimal: the bound is within {outcome.GapText} of it.");
        }

        return new RobustResult(
            ExchangeOptimizer.StatusOf(outcome), samples, seed, risk, summaries, plan, meanPlan, built[0].Model, rows,
            rp, meanFails > 0 ? double.NaN : eev, ws,
            RiskOf(risk, [.. rows.Select(x => Gain(x.Robust))]), meanFails > 0 ? double.NaN : RiskOf(risk, [.. rows.Select(x => Gain(x.MeanPlan))]),
            extensive, outcome, explanation.ToImmutable(), clock.Elapsed.TotalSeconds);
    }

    /// <summary>The mean, or the mean of the worst ceil((1 - alpha) S) gains for CVaR (with a fractional last sample).</summary>
    public static double RiskOf(RiskSpec risk, IReadOnlyList<double> gains)
    {
        if (gains.Count == 0)
        {
            return double.NaN;
        }

        if (risk.Measure == RiskMeasure.Expected)
        {
            return gains.Average();
        }

        // CVaR of equally likely outcomes: the worst (1 - alpha) of the probability mass, the boundary sample in part.
        var sorted = gains.Order().ToArray();
        var mass = (1 - risk.Alpha) * sorted.Length;
        var total = 0.0;
        var left = mass;
        foreach (var g in sorted)
        {
            var take = Math.Min(1, left);
            total += take * g;
            left -= take;
            if (left <= 1e-12)
            {
                break;
            }
        }

        return total / mass;
    }

    private static RobustResult Failed(ResultStatus status, int samples, int seed, RiskSpec risk, ImmutableArray<InputSummary> inputs, ExchangeModel model, ImmutableArray<string> why, System.Diagnostics.Stopwatch clock, SolveOutcome? outcome = null)
    {
        var none = PlanChoices.None;
        return new RobustResult(status, samples, seed, risk, inputs, none, none, model, [], double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN,
            outcome, why, clock.Elapsed.TotalSeconds);
    }
}
