using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Assessment.Coalitions;

/// <summary>
/// A core allocation from one LP solve (Owen 1975; for transportation games Sanchez-Soriano et al. 2001): with duals
/// lambda_s of the supply balances and mu_k of the demand balances, each unit of supply s is worth u_s = c_s - lambda_s
/// (its avoided current-route cost minus its shadow price) and each unit of need k is worth w_k = p_k - mu_k.
/// Giving every supplier u_s Q_s and every buyer w_k D_k splits v(N) exactly (strong duality) and no coalition can do
/// better alone (dual feasibility holds for every sub-network). Valid for linear flow games only.
/// </summary>
public static class DualAllocation
{
    public sealed record Result(ImmutableDictionary<string, double> ByActor, string? NotApplicable);

    public static Result Compute(Region region, SolveOptions options)
    {
        var network = CandidateNetworkBuilder.Build(region);
        var ctx = ExchangeFormulation.Build(region, network, new FormulationOptions());
        if (ctx.Model.BinaryCount > 0)
        {
            return new(ImmutableDictionary<string, double>.Empty, "the model has yes/no decisions (fixed costs, permits, lots or new plants), so LP duals do not give a core allocation");
        }

        if (region.Processes.Length > 0 || ctx.MandateShortfall.Count > 0)
        {
            return new(ImmutableDictionary<string, double>.Empty, "the dual allocation covers flow games without processes or procurement mandates");
        }

        // Arc bounds are implied by the balances; without them every dual sits on a balance row, where it is a price.
        var lp = ctx.Model.Copy();
        foreach (var col in ctx.ArcFlow.Where(c => c >= 0))
        {
            lp.Unbound(col);
        }

        var solution = new Solution(ctx, OrToolsSolver.Solve(lp, options with { WantDuals = true }, SolverKind.Glop));
        var o = solution.Outcome;
        if (!o.HasSolution || o.Duals.IsDefault)
        {
            return new(ImmutableDictionary<string, double>.Empty, $"the LP could not be solved ({o.Termination})");
        }

        var byActor = region.Actors.ToDictionary(a => a.Id, _ => 0.0, StringComparer.Ordinal);
        for (var i = 0; i < region.Supplies.Length; i++)
        {
            var s = region.Supplies[i];
            var lambda = solution.Dual(new RowKey(RowFamily.SupplyBalance, i))!.Value;
            var c = ctx.Model.Variables[ctx.Route[i]].Cost;
            byActor[s.ActorId] += (c - lambda) * s.Quantity.Value;
        }

        for (var i = 0; i < region.Demands.Length; i++)
        {
            var d = region.Demands[i];
            var mu = solution.Dual(new RowKey(RowFamily.DemandBalance, i))!.Value;
            var p = ctx.Model.Variables[ctx.Virgin[i]].Cost;
            byActor[d.ActorId] += (p - mu) * d.Quantity.Value;
        }

        return new(byActor.ToImmutableDictionary(StringComparer.Ordinal), null);
    }
}
