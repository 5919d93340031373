using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Modeling;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Optimization.Decisions;

/// <summary>An objective of the front: each is a ledger total the plan lowers against today.</summary>
public enum ParetoObjective
{
    /// <summary>Net benefit in money per year (the Money ledger; CO2 not priced).</summary>
    Money,

    /// <summary>CO2e avoided per year (the Emissions ledger).</summary>
    Co2,

    /// <summary>Landfill avoided per year (the Landfill ledger).</summary>
    Landfill,
}

public static class ParetoObjectives
{
    public static readonly ImmutableArray<ParetoObjective> Default = [ParetoObjective.Money, ParetoObjective.Co2];

    public static LedgerKind Ledger(this ParetoObjective o) => o switch
    {
        ParetoObjective.Money => LedgerKind.Money,
        ParetoObjective.Co2 => LedgerKind.Emissions,
        _ => LedgerKind.Landfill,
    };

    /// <summary>The word the command line and documents use: money, co2, landfill.</summary>
    public static string Word(this ParetoObjective o) => o switch
    {
        ParetoObjective.Money => "money",
        ParetoObjective.Co2 => "co2",
        _ => "landfill",
    };

    public static bool TryParse(string text, out ParetoObjective objective)
    {
        foreach (var o in Enum.GetValues<ParetoObjective>())
        {
            if (string.Equals(o.Word(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                objective = o;
                return true;
            }
        }

        objective = default;
        return false;
    }
}

/// <summary>
/// A front of two or three objectives by AUGMECON2 (Mavrotas &amp; Florios 2013): the first objective optimised, the others
/// held at grid levels by epsilon constraints with slacks rewarded a little, so every point found is Pareto-optimal rather
/// than only weakly so, and grid levels that would give the same point again are skipped.
/// </summary>
/// <remarks>
/// Every objective is a ledger total L_k(x) = sum over the ledger entries of kind k of coef x (a cost: lower is better).
/// Payoff table: for each k, minimise L_k, then the first objective with L_k held at its minimum; the ranges run from
/// each objective's minimum to its worst value in the table. At levels e_k = worst_k - i_k step_k (i_k = 0..n-1):
/// minimise L_1(x) - delta R_1 (s_2 / r_2 + 0.1 s_3 / r_3) subject to L_k(x) + s_k = e_k, s_k &gt;= 0, with delta = 1e-3,
/// R_1 the first objective's range and r_k the others'. After a solve, b = floor(s_2 / step_2) further levels of the
/// innermost objective give the same point and are bypassed; an infeasible level ends its row (tighter levels are
/// infeasible too). Points equal in all objectives are kept once, and any point another point dominates is dropped.
/// The money objective keeps the model's procurement-mandate penalty so mandates stay steered as in a run.
/// </remarks>
public static class ParetoFront
{
    private const double Delta = 1e-3;

    /// <summary>
    /// The tightest level keeps a hair of room (1e-6) against round-off, and the money objective uses it at the margin:
    /// flows below this share of the plan's largest flow are that room, not exchanges.
    /// </summary>
    private const double Speck = 1e-4;

    public static ImmutableArray<ParetoPoint> Trace(Region region, CandidateNetwork network, ImmutableArray<ParetoObjective> objectives, int levels, SolveOptions options, Solution counterfactual, ImmutableHashSet<string>? coalition = null)
    {
        if (objectives.Length is < 2 or > 3 || objectives.Distinct().Count() != objectives.Length)
        {
            throw new ArgumentException("a front needs two or three different objectives", nameof(objectives));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 2);
        var model = ExchangeFormulation.Build(region, network, new FormulationOptions(Coalition: coalition, Co2Price: 0, Screen: false));
        var solve = options with { Solver = SolverKind.Scip, Progress = null };
        var terms = objectives.Select(o => Terms(model, o)).ToArray();
        var penalty = model.MandateShortfall.Values.Select(c => (c, ProcurementBuilder.ShortfallPenalty)).ToArray();

        // Payoff table.
        var worst = new double[objectives.Length];
        var best = new double[objectives.Length];
        Array.Fill(worst, double.NegativeInfinity);
        for (var k = 0; k < objectives.Length; k++)
        {
            var m = Objective(model.Model, terms[k].Concat(penalty));
            var o = BlockSolver.Solve(m, solve, SolverKind.Scip);
            if (!o.HasSolution)
            {
                return [];
            }

            best[k] = Total(terms[k], o.Values);
            var m2 = Objective(model.Model, terms[0].Concat(penalty));
            m2.AddLessOrEqual($"Payoff[{k}]", "held at its best", best[k] + Tol(best[k]), terms[k]);
            var o2 = BlockSolver.Solve(m2, solve, SolverKind.Scip);
            var values = o2.HasSolution ? o2.Values : o.Values;
            for (var j = 0; j < objectives.Length; j++)
            {
                worst[j] = Math.Max(worst[j], Total(terms[j], values));
            }
        }

        // An objective that does not conflict with the others (no range) gets one level and no slack reward.
        var range = worst.Select((w, k) => w - best[k]).ToArray();
        var flat = range.Select((r, k) => r <= Tol(worst[k])).ToArray();
        var steps = range.Select((r, k) => flat[k] ? 0 : r / (levels - 1)).ToArray();
        var scale = Math.Max(range[0], 1);
        double Reward(int k, double weight) => flat[k] ? 0 : -weight * Delta * scale / range[k];
        var found = new List<(double[] Totals, Solution Plan)>();
        var outer = objectives.Length == 3 && !flat[2] ? levels : 1;
        var inner = flat[1] ? 1 : levels;
        for (var i3 = 0; i3 < outer; i3++)
        {
            var i2 = 0;
            while (i2 < inner)
            {
                options.Cancel.ThrowIfCancellationRequested();
                var m = Objective(model.Model, terms[0].Concat(penalty));
                var slack2 = Constrain(m, terms[1], worst[1] - (i2 * steps[1]), Reward(1, 1), 1, relax: i2 == inner - 1);
                if (objectives.Length == 3)
                {
                    Constrain(m, terms[2], worst[2] - (i3 * steps[2]), Reward(2, 0.1), 2, relax: i3 == outer - 1);
                }

                var o = BlockSolver.Solve(m, solve, SolverKind.Scip);
                if (!o.HasSolution)
                {
                    break;
                }

                var totals = terms.Select(t => Total(t, o.Values)).ToArray();
                var plan = new Solution(model, o with { Values = [.. o.Values.Take(model.Model.Variables.Count)] });
                found.Add((totals, plan));
                var bypass = steps[1] > 0 ? (int)Math.Min(levels, Math.Floor((o.Values[slack2] + Tol(o.Values[slack2])) / steps[1])) : levels;
                i2 += 1 + Math.Max(0, bypass);
            }
        }

        var cf = objectives.Select(o => counterfactual.Ledger(o.Ledger())).ToArray();
        var kept = NonDominated(found.Select(f => f.Totals).ToList());
        return [.. kept
            .Select(i => found[i])
            .Select(f => new ParetoPoint(
                counterfactual.Ledger(LedgerKind.Money) - f.Plan.Ledger(LedgerKind.Money),
                counterfactual.Ledger(LedgerKind.Emissions) - f.Plan.Ledger(LedgerKind.Emissions),
                counterfactual.Ledger(LedgerKind.Landfill) - f.Plan.Ledger(LedgerKind.Landfill),
                ExchangeOptimizer.StatusOf(f.Plan.Outcome))
            {
                Exchanges = PlanChoices.Of(f.Plan, Speck).Exchanges(model),
            })
            .OrderBy(p => p.Co2Avoided).ThenBy(p => p.LandfillAvoided).ThenByDescending(p => p.NetBenefit)];
    }

    /// <summary>Indices of the points no other point dominates (all totals lower or equal, one lower), first of equals kept.</summary>
    public static List<int> NonDominated(IReadOnlyList<double[]> totals)
    {
        var kept = new List<int>();
        for (var i = 0; i < totals.Count; i++)
        {
            var dominated = false;
            for (var j = 0; j < totals.Count && !dominated; j++)
            {
                if (i == j)
                {
                    continue;
                }

                var allLe = true;
                var oneLt = false;
                for (var k = 0; k < totals[i].Length; k++)
                {
                    var tol = Tol(totals[i][k]);
                    allLe &= totals[j][k] <= totals[i][k] + tol;
                    oneLt |= totals[j][k] < totals[i][k] - tol;
                }

                // Equal points: the earlier one stays.
                dominated = allLe && (oneLt || j < i);
            }

            if (!dominated)
            {
                kept.Add(i);
            }
        }

        return kept;
    }

    private static double Tol(double v) => 1e-7 * Math.Max(1, Math.Abs(v));

    private static (int Column, double Coef)[] Terms(ExchangeModel model, ParetoObjective objective)
    {
        var kind = objective.Ledger();
        var sum = new SortedDictionary<int, double>();
        foreach (var e in model.Ledger)
        {
            if (e.Kind == kind)
            {
                sum[e.Column] = sum.GetValueOrDefault(e.Column) + e.Coefficient;
            }
        }

        return [.. sum.Select(kv => (kv.Key, kv.Value))];
    }

    private static double Total((int Column, double Coef)[] terms, IReadOnlyList<double> x) => terms.Sum(t => t.Coef * x[t.Column]);

    /// <summary>A copy of the MILP minimising the given terms instead of its own objective.</summary>
    private static MipModel Objective(MipModel model, IEnumerable<(int Column, double Coef)> terms)
    {
        var m = model.Copy();
        m.ObjectiveOffset = 0;
        foreach (var v in model.Variables)
        {
            m.AddCost(v.Index, -v.Cost);
        }

        foreach (var (c, k) in terms)
        {
            m.AddCost(c, k);
        }

        return m;
    }

    /// <summary>Adds L(x) + s = level with the slack s rewarded at <paramref name="reward"/> per unit; returns s.</summary>
    /// <param name="relax">At the tightest level (the objective's own optimum) a hair of room keeps the row feasible
    /// against round-off; elsewhere the level is exact, so the reward cannot buy specks of flow with that room.</param>
    private static int Constrain(MipModel m, (int Column, double Coef)[] terms, double level, double reward, int k, bool relax)
    {
        var s = m.AddVariable($"EpsilonSlack[{k}]", 0, double.PositiveInfinity, reward);
        var level2 = relax ? level + (1e-6 * Math.Max(1, Math.Abs(level))) : level;
        m.AddEquality($"Epsilon[{k}]", "objective held at its grid level", level2, terms.Append((s, 1.0)));
        return s;
    }
}
