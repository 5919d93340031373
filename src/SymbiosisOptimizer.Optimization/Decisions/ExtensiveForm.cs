using System.Collections.Immutable;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Modeling;

namespace SymbiosisOptimizer.Optimization.Decisions;

/// <summary>What a two-stage plan maximises over the samples.</summary>
public enum RiskMeasure
{
    /// <summary>The expected objective gain (the mean over the samples).</summary>
    Expected,

    /// <summary>The conditional value at risk: the mean gain of the worst (1 - alpha) share of the samples.</summary>
    Cvar,
}

/// <param name="Alpha">For <see cref="RiskMeasure.Cvar"/>: the confidence level, e.g. 0.9 for the worst 10 % of samples.</param>
public sealed record RiskSpec(RiskMeasure Measure, double Alpha = 0)
{
    public static readonly RiskSpec Expected = new(RiskMeasure.Expected);

    /// <summary>"expected" or "cvar:0.9".</summary>
    public string Word => Measure == RiskMeasure.Expected ? "expected" : FormattableString.Invariant($"cvar:{Alpha:0.###}");
}

/// <summary>
/// The deterministic equivalent of a two-stage stochastic programme over S equally likely samples (sample average
/// approximation): one copy of the exchange model per sample, whose yes/no decisions (connection switches, plant
/// builds, closures of existing plants, permits) are shared: decided once, before the uncertainty resolves. Flows, routes and purchases are the
/// recourse of each sample.
/// </summary>
/// <remarks>
/// With per-sample models min c_s'x_s + o_s and today's objectives f_s (so the gain of sample s is
/// G_s = f_s - c_s'x_s - o_s), the expected form is  min (1/S) sum_s (c_s'x_s + o_s)  over x_s in X_s with
/// y(x_s) = y for every s. The CVaR form (Rockafellar &amp; Uryasev 2000) maximises
/// eta - 1/((1 - alpha) S) sum_s u_s  with u_s &gt;= eta - G_s, u_s &gt;= 0, i.e. the rows u_s - eta - c_s'x_s &gt;= o_s - f_s,
/// plus 1e-3 of the expected gain so that samples outside the tail still get their best recourse. A shared column's
/// cost is the mean of its per-sample costs (capex may be uncertain) and its bounds the intersection of theirs.
/// </remarks>
public static class ExtensiveForm
{
    private const double TailTieBreak = 1e-3;

    /// <param name="models">One model per sample, all built on the same candidate network (same columns, same rows).</param>
    /// <param name="today">Each sample's counterfactual objective f_s.</param>
    /// <returns>The model, and for each sample the column of the model for each of that sample's columns.</returns>
    public static (MipModel Model, int[][] Columns) Build(IReadOnlyList<ExchangeModel> models, IReadOnlyList<double> today, RiskSpec risk)
    {
        var s = models.Count;
        ArgumentOutOfRangeException.ThrowIfZero(s);
        var first = models[0];
        var n = first.Model.Variables.Count;
        if (models.Any(m => m.Model.Variables.Count != n || m.Model.Rows.Count != first.Model.Rows.Count))
        {
            throw new ArgumentException("every sample's model must have the same columns and rows (one candidate network)", nameof(models));
        }

        var shared = new HashSet<int>(first.ArcSwitch.Where(c => c >= 0).Concat(first.Plant.Where(c => c >= 0)).Concat(first.Closed.Where(c => c >= 0)).Concat(first.PermitTaken.Values));
        var m = new MipModel();
        var weight = risk.Measure == RiskMeasure.Expected ? 1.0 / s : TailTieBreak / s;
        var columns = new int[s][];
        var sharedColumn = new Dictionary<int, int>();
        foreach (var j in shared.Order())
        {
            var lower = models.Max(x => x.Model.Variables[j].Lower);
            var upper = models.Min(x => x.Model.Variables[j].Upper);
            if (lower > upper)
            {
                // A decision one sample forbids and another requires: no shared choice exists.
                upper = lower;
            }

            var cost = models.Sum(x => x.Model.Variables[j].Cost) * weight;
            sharedColumn[j] = m.AddVariable(first.Model.Variables[j].Name, lower, upper, cost, isInteger: true);
        }

        for (var k = 0; k < s; k++)
        {
            var model = models[k].Model;
            var map = new int[n];
            for (var j = 0; j < n; j++)
            {
                var v = model.Variables[j];
                map[j] = sharedColumn.TryGetValue(j, out var c)
                    ? c
                    : m.AddVariable($"{v.Name}#{k}", v.Lower, v.Upper, v.Cost * weight, v.IsInteger);
            }

            foreach (var r in model.Rows)
            {
                m.AddRow($"{r.Name}#{k}", r.Meaning, r.Lower, r.Upper, r.Columns.Select((c, i) => (map[c], r.Coefficients[i])));
            }

            columns[k] = map;
        }

        m.ObjectiveOffset = models.Sum(x => x.Model.ObjectiveOffset) * weight;
        if (risk.Measure == RiskMeasure.Cvar)
        {
            var eta = m.AddVariable("CvarLevel", double.NegativeInfinity, double.PositiveInfinity, -1);
            var tail = 1.0 / ((1 - risk.Alpha) * s);
            for (var k = 0; k < s; k++)
            {
                var model = models[k].Model;
                var u = m.AddVariable($"CvarShortfall#{k}", 0, double.PositiveInfinity, tail);
                var terms = new List<(int, double)> { (u, 1), (eta, -1) };
                terms.AddRange(model.Variables.Where(v => v.Cost != 0).Select(v => (columns[k][v.Index], -v.Cost)));
                m.AddGreaterOrEqual($"CvarTail#{k}", "the shortfall of a sample's gain below the CVaR level", model.ObjectiveOffset - today[k], terms);
            }
        }

        return (m, columns);
    }

    /// <summary>
    /// The shared decisions of a solved extensive form, read through the first sample's column map: the connections
    /// switched on, plants built and permits taken. Exchanges that need no connection decision stay open to every
    /// sample's recourse, so they are in the set too.
    /// </summary>
    public static PlanChoices Choices(ExchangeModel first, int[] columns, IReadOnlyList<double> values)
    {
        bool On(int c) => c >= 0 && values[columns[c]] > 0.5;
        var arcs = Enumerable.Range(0, first.ArcFlow.Length)
            .Where(a => first.ArcFlow[a] >= 0 && (first.ArcSwitch[a] < 0 || On(first.ArcSwitch[a])))
            .ToImmutableSortedSet();
        var plants = Enumerable.Range(0, first.Plant.Length).Where(p => On(first.Plant[p])).ToImmutableSortedSet();
        var permits = first.PermitTaken.Where(kv => On(kv.Value)).Select(kv => kv.Key).ToImmutableSortedSet(ExchangeModel.PermitKeyComparer.Instance);
        var closures = Enumerable.Range(0, first.Closed.Length).Where(p => On(first.Closed[p])).ToImmutableSortedSet();
        return new PlanChoices(arcs, plants, permits) { Closures = closures };
    }
}
