using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Modeling;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Optimization.Decisions;

/// <summary>How an exchange fares across the near-optimal plans.</summary>
public enum Presence
{
    /// <summary>In every plan found within the slack: no good plan does without it.</summary>
    MustHave,

    /// <summary>In some good plans and not in others: a real choice.</summary>
    Optional,

    /// <summary>In none of the good plans found.</summary>
    Never,
}

/// <summary>One exchange's count over the plans (optimum included).</summary>
public sealed record ExchangePresence(ExchangeId Id, int Arc, int Plans, Presence Presence);

/// <summary>One near-optimal plan: its result as a run reports it, and how many exchanges it has that no earlier plan had.</summary>
/// <param name="Number">0 for the optimum, then 1, 2, ... in the order found.</param>
/// <param name="NewExchanges">Exchanges in this plan and in no plan before it.</param>
/// <param name="DroppedExchanges">Exchanges of the optimum this plan does without.</param>
public sealed record AlternativePlan(int Number, OptimizationResult Result, PlanChoices Choices, int NewExchanges, int DroppedExchanges);

/// <param name="Slack">The objective budget: every plan's objective gain is at least (1 - slack) x the optimum's.</param>
/// <param name="Requested">How many alternatives were asked for (the optimum not counted).</param>
/// <param name="StoppedBecause">Why fewer than requested were found, in words; empty when all were found.</param>
public sealed record AlternativesResult(
    ResultStatus Status,
    double Slack,
    int Requested,
    OptimizationResult Optimum,
    ImmutableArray<AlternativePlan> Plans,
    ImmutableArray<ExchangePresence> Exchanges,
    int CandidatesNeverUsed,
    string StoppedBecause);

/// <summary>
/// Modelling to generate alternatives (Hop-Skip-Jump MGA, Brill et al. 1982; the SPORES idea of Lombardi et al. 2020):
/// keep the objective within a budget of the optimum and, plan by plan, choose exchanges as unlike the earlier plans as
/// possible, so a planner sees what every good plan has in common and where there is room to choose.
/// </summary>
/// <remarks>
/// With n earlier plans and c_a of them using exchange a, the summed Hamming distance of a new plan y to them is
/// sum_a [c_a (1 - y_a) + (n - c_a) y_a] = const + sum_a (n - 2 c_a) y_a, so each step minimises sum_a (2 c_a - n) y_a
/// subject to the model's rows and the budget  c'x + offset &lt;= z* + slack * G*, where z* is the optimum's objective
/// and G* its objective gain over today. An exchange's y_a is its switch, or a new binary with x_a &lt;= U_a y_a for an
/// arc without one; and x_a &gt;= min(U_a, 1) y_a so that a "used" exchange carries flow. The objective scaled into
/// [0, 1/2] breaks ties towards better plans without outweighing one exchange of difference. Each plan found is
/// then re-solved restricted to its exchanges, plants and permits, so its figures are the best that plan allows.
/// </remarks>
public static class Alternatives
{
    private const double TieBreak = 0.5;

    public static AlternativesResult Find(Region region, int count, double slack, SolveOptions options, CandidateNetwork? network = null, Action<int, int>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!(slack > 0 && slack < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(slack), slack, "the slack is a fraction between 0 and 1 (exclusive)");
        }

        var optimum = ExchangeOptimizer.Optimize(region, new OptimizeOptions(options), network);
        if (!optimum.HasSolution)
        {
            return new AlternativesResult(optimum.Status, slack, count, optimum, [], [], 0, "the optimum itself could not be found");
        }

        var model = optimum.Chosen.Model;
        var cf = optimum.Counterfactual;
        var gain = optimum.Kpis!.ObjectiveGain;
        var first = PlanChoices.Of(optimum.Chosen);
        var plans = new List<AlternativePlan> { new(0, optimum, first, first.Arcs.Count, 0) };
        if (gain <= 0)
        {
            return Finish(optimum, slack, count, plans, model, "the optimum gains nothing over today, so there is no budget to look for other plans within");
        }

        var (mga, indicator) = Indicators(model);
        var budget = optimum.Chosen.Outcome.Objective - model.Model.ObjectiveOffset + (slack * gain);
        var original = model.Model.Variables.Select(v => v.Cost).ToArray();
        mga.AddLessOrEqual("MgaBudget", $"objective within {slack:P1} of the optimum's gain", budget, original.Select((c, j) => (j, c)).Where(t => t.c != 0));
        var used = new int[indicator.Length];
        foreach (var a in first.Arcs)
        {
            used[a]++;
        }

        var stopped = string.Empty;
        for (var k = 1; k <= count; k++)
        {
            options.Cancel.ThrowIfCancellationRequested();
            var step = mga.Copy();
            step.ObjectiveOffset = 0;
            var n = plans.Count;
            for (var j = 0; j < original.Length; j++)
            {
                step.AddCost(j, -original[j] + (TieBreak * original[j] / (slack * gain)));
            }

            for (var a = 0; a < indicator.Length; a++)
            {
                if (indicator[a] >= 0)
                {
                    step.AddCost(indicator[a], (2.0 * used[a]) - n);
                }
            }

            var outcome = BlockSolver.Solve(step, options with { Solver = SolverKind.Scip }, SolverKind.Scip);
            if (!outcome.HasSolution)
            {
                stopped = $"the search for plan {k} stopped without a plan ({outcome.Termination})";
                break;
            }

            // The step's extra columns come after the model's own, so its first columns read as a plan of the model.
            var candidate = PlanChoices.Of(new Solution(model, outcome with { Values = [.. outcome.Values.Take(model.Model.Variables.Count)] }));
            var solved = PlanChoices.SolveCopy(model, candidate.RestrictTo(model), options);
            if (!solved.HasSolution)
            {
                stopped = $"plan {k} could not be re-solved on its own exchanges ({solved.Outcome.Termination})";
                break;
            }

            var choices = PlanChoices.Of(solved);
            if (plans.Any(p => p.Choices.SameExchanges(choices)))
            {
                stopped = $"no plan within {slack:P1} of the optimum differs from the {plans.Count} found";
                break;
            }

            var result = ExchangeOptimizer.Assess(region, cf, solved);
            var seen = plans.SelectMany(p => p.Choices.Arcs).ToHashSet();
            plans.Add(new AlternativePlan(k, result, choices, choices.Arcs.Count(a => !seen.Contains(a)), first.Arcs.Count(a => !choices.Arcs.Contains(a))));
            foreach (var a in choices.Arcs)
            {
                used[a]++;
            }

            progress?.Invoke(k, count);
        }

        return Finish(optimum, slack, count, plans, model, stopped);
    }

    private static AlternativesResult Finish(OptimizationResult optimum, double slack, int count, List<AlternativePlan> plans, ExchangeModel model, string stopped)
    {
        var counts = new SortedDictionary<int, int>();
        foreach (var a in plans.SelectMany(p => p.Choices.Arcs))
        {
            counts[a] = counts.GetValueOrDefault(a) + 1;
        }

        var exchanges = counts
            .Select(kv => new ExchangePresence(PlanChoices.IdOf(model, kv.Key), kv.Key, kv.Value, kv.Value == plans.Count ? Presence.MustHave : Presence.Optional))
            .OrderBy(e => e.Presence).ThenByDescending(e => e.Plans).ThenBy(e => e.Id)
            .ToImmutableArray();
        var candidates = Enumerable.Range(0, model.ArcFlow.Length).Count(a => model.ArcFlow[a] >= 0 && model.Model.Variables[model.ArcFlow[a]].Upper > 0);
        return new AlternativesResult(optimum.Status, slack, count, optimum, [.. plans], exchanges, Math.Max(0, candidates - counts.Count), stopped);
    }

    /// <summary>A copy of the model with a used/unused binary per candidate exchange (its switch where it has one).</summary>
    private static (MipModel Model, int[] Indicator) Indicators(ExchangeModel model)
    {
        var m = model.Model.Copy();
        var indicator = new int[model.ArcFlow.Length];
        Array.Fill(indicator, -1);
        for (var a = 0; a < model.ArcFlow.Length; a++)
        {
            var x = model.ArcFlow[a];
            if (x < 0 || m.Variables[x].Upper <= 0)
            {
                continue;
            }

            var upper = m.Variables[x].Upper;
            var y = model.ArcSwitch[a];
            if (y < 0)
            {
                if (!double.IsFinite(upper))
                {
                    // No finite bound to tie a binary to; such an arc still flows but does not count as a difference.
                    continue;
                }

                y = m.AddBinary($"Used[{a}]", 0);
                m.AddLessOrEqual($"MgaUsed[{a}]", "an exchange flows only when counted as used", 0, [(x, 1), (y, -upper)]);
            }

            m.AddGreaterOrEqual($"MgaFlows[{a}]", "an exchange counted as used carries flow", 0, [(x, 1), (y, -Math.Min(upper, 1))]);
            indicator[a] = y;
        }

        return (m, indicator);
    }
}
