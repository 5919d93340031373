using System.Collections.Immutable;
using System.Diagnostics;
using Google.OrTools.Graph;
using SymbiosisOptimizer.Optimization.Formulation;

namespace SymbiosisOptimizer.Optimization.Solvers;

/// <summary>
/// The pure-flow special case (no processes, switches, permits, quality rows, conversions or losses) solved as a
/// min-cost flow, with each exchange's capacity (a link's own capacity included) and forbidden exchanges at zero: supplies push to demands, a DISPOSAL node takes what stays on current routes, a VIRGIN node
/// provides what is still bought, and VIRGIN -&gt; DISPOSAL balances the totals.
/// </summary>
public static class MinCostFlowSolver
{
    /// <summary>Costs are scaled to integers; 1e-4 currency units per flow unit is far below any real price.</summary>
    private const double CostScale = 1e4;

    /// <summary>Flows are integers in units of 1/scale; beyond 1 000 the scaled costs x flows risk overflowing int64.</summary>
    private static readonly double[] QuantityScales = [1, 10, 100, 1000];

    public static string? WhyNotApplicable(ExchangeModel ctx)
    {
        if (ctx.Region.Processes.Length > 0)
        {
            return "the model has processes";
        }

        if (ctx.Model.BinaryCount > 0)
        {
            return "the model has yes/no decisions (fixed costs, permits, minimum lots, required or all-or-nothing choices, closable plants)";
        }

        if (ctx.RowKeys.Any(k => k.Family is not (RowFamily.SupplyBalance or RowFamily.DemandBalance or RowFamily.PinnedDecision)))
        {
            return "the model has quality, mandate or emission constraints";
        }

        if (ctx.RowsOf(RowFamily.PinnedDecision).Any(t => ctx.Model.Rows[t.Row] is var r && (r.Upper != 0 || r.Columns.Any(c => ctx.ArcOfColumn[c] < 0))))
        {
            return "a pinned choice is more than a ban on exchanges";
        }

        if (ctx.Network.Arcs.Any(a => ctx.ArcFlow[a.Index] >= 0 && (a.Ratio != 1 || a.LossFraction != 0)))
        {
            return "an exchange converts units or loses flow";
        }

        if (QuantityScale(ctx) is null)
        {
            return "a supply or demand quantity or a link capacity has more than three decimals";
        }

        return null;
    }

    /// <summary>The smallest power of ten that makes every quantity and link capacity a whole number of flow units, if any.</summary>
    private static double? QuantityScale(ExchangeModel ctx)
    {
        var quantities = ctx.Region.Supplies.Select(s => s.Quantity.Value).Concat(ctx.Region.Demands.Select(d => d.Quantity.Value))
            .Concat(ctx.Region.Links.Where(l => l.Capacity is not null).Select(l => l.Capacity!.Value.Value)).ToList();
        foreach (var scale in QuantityScales)
        {
            if (quantities.All(q => Math.Abs((q * scale) - Math.Round(q * scale)) < 1e-9 * Math.Max(1, q * scale)))
            {
                return scale;
            }
        }

        return null;
    }

    public static SolveOutcome Solve(ExchangeModel ctx)
    {
        var size = OrToolsSolver.SizeOf(ctx.Model);
        var why = WhyNotApplicable(ctx);
        if (why is not null)
        {
            return OrToolsSolver.Failed("MinCostFlow", size, $"min-cost flow needs a pure flow model, but {why}; use --solver auto");
        }

        var clock = Stopwatch.StartNew();
        var region = ctx.Region;
        var model = ctx.Model;
        var qScale = QuantityScale(ctx)!.Value;
        long Q(double v) => (long)Math.Round(v * qScale);
        long C(double v) => (long)Math.Round(v * CostScale);

        var nS = region.Supplies.Length;
        var nD = region.Demands.Length;
        var disposal = nS + nD;
        var virgin = disposal + 1;
        var flow = new MinCostFlow();
        var arcOf = new List<(int Column, int Arc)>();
        long totalSupply = 0;
        long totalDemand = 0;
        for (var s = 0; s < nS; s++)
        {
            var q = Q(region.Supplies[s].Quantity.Value);
            totalSupply += q;
            flow.SetNodeSupply(s, q);
            arcOf.Add((ctx.Route[s], flow.AddArcWithCapacityAndUnitCost(s, disposal, q, C(model.Variables[ctx.Route[s]].Cost))));
        }

        for (var d = 0; d < nD; d++)
        {
            var q = Q(region.Demands[d].Quantity.Value);
            totalDemand += q;
            flow.SetNodeSupply(nS + d, -q);
            arcOf.Add((ctx.Virgin[d], flow.AddArcWithCapacityAndUnitCost(virgin, nS + d, q, C(model.Variables[ctx.Virgin[d]].Cost))));
        }

        // A forbidden exchange (a pinned ban, Σ x <= 0) carries nothing: its arcs get no capacity.
        var banned = ctx.RowsOf(RowFamily.PinnedDecision).SelectMany(t => model.Rows[t.Row].Columns.ToArray()).ToHashSet();
        foreach (var arc in ctx.Network.Arcs)
        {
            var col = ctx.ArcFlow[arc.Index];
            if (col < 0)
            {
                continue;
            }

            // The column's own bound: the arc's bound, a link's capacity, or 0 where the presolve or a ban fixed it.
            var upper = Math.Min(arc.UpperBound, model.Variables[col].Upper);
            var cap = banned.Contains(col) ? 0 : double.IsPositiveInfinity(upper) ? totalSupply : Q(upper);
            arcOf.Add((col, flow.AddArcWithCapacityAndUnitCost(arc.Source, nS + arc.Sink, cap, C(model.Variables[col].Cost))));
        }

        flow.AddArcWithCapacityAndUnitCost(virgin, disposal, totalDemand, 0);
        flow.SetNodeSupply(disposal, -totalSupply);
        flow.SetNodeSupply(virgin, totalDemand);
        var status = flow.Solve();
        if (status != MinCostFlowBase.Status.OPTIMAL)
        {
            return OrToolsSolver.Failed("MinCostFlow", size, $"min-cost flow ended with {status}");
        }

        var values = new double[model.Variables.Count];
        foreach (var (col, a) in arcOf)
        {
            values[col] = flow.Flow(a) / qScale;
        }

        var objective = model.Evaluate(values);
        return new SolveOutcome("MinCostFlow", TerminationStatus.Optimal, SolutionStatus.Optimal, objective, objective, 0,
            clock.Elapsed.TotalSeconds, size, [.. values], default, string.Empty);
    }
}

/// <summary>Chooses and runs a back-end for a formulation.</summary>
public static class SolverDispatch
{
    public static Solution Solve(ExchangeModel ctx, SolveOptions options) => new(ctx, Outcome(ctx, options));

    private static SolveOutcome Outcome(ExchangeModel ctx, SolveOptions options)
    {
        var kind = options.Solver;
        if (kind == SolverKind.Auto)
        {
            kind = MinCostFlowSolver.WhyNotApplicable(ctx) is null ? SolverKind.MinCostFlow
                : ctx.Model.BinaryCount == 0 ? SolverKind.Glop
                : SolverKind.Scip;
        }

        if (kind == SolverKind.Glop && ctx.Model.Variables.Any(v => v.IsInteger && v.Lower != v.Upper))
        {
            return OrToolsSolver.Failed("GLOP", OrToolsSolver.SizeOf(ctx.Model),
                "GLOP solves linear programs only, and this model has yes/no decisions; use --solver scip or cbc");
        }

        // The Lagrangian bound of large blocks relaxes the supply balances: the formulation knows which rows they are.
        ImmutableArray<int> supplyRows = [.. ctx.RowsOf(RowFamily.SupplyBalance).Select(t => t.Row)];
        return kind == SolverKind.MinCostFlow ? MinCostFlowSolver.Solve(ctx) : BlockSolver.Solve(ctx.Model, options with { SupplyRows = supplyRows }, kind);
    }
}
