using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Domain.Parameters;
using SymbiosisOptimizer.Domain.Quantities;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Modeling;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Assessment.Runner;

public enum BarrierKind
{
    PermitRequirement,
    PermitLeadTime,
    WasteStatus,
    QualityLimit,
    DistanceLimit,
}

/// <summary>A barrier and the transformation that removes it from a region (a new region; the base is untouched).</summary>
/// <param name="ActsThroughNetworkOnly">True when the barrier only decides which candidate exchanges exist, so an
/// unchanged candidate network proves it binds nothing.</param>
/// <param name="Receiver">For a quality limit: the demand or process whose limit it is (never parsed back out of <paramref name="Id"/>).</param>
public sealed record Barrier(BarrierKind Kind, string Id, string Description, Func<Region, Region> Remove, bool ActsThroughNetworkOnly, string? Receiver = null);

/// <param name="ValueLost">Objective gain (money plus valued CO2e and landfill, per year) the barrier costs the region:
/// gain without it minus gain with it. Exactly 0 when it binds nothing.</param>
/// <param name="Kpis">KPI changes when the barrier is removed (without minus with).</param>
public sealed record BarrierCost(
    Barrier Barrier,
    ResultStatus Status,
    double ValueLost,
    Kpis? Kpis,
    bool BindsNothing,
    string Explanation,
    ImmutableArray<ExchangeId> ExchangesAdded,
    ImmutableArray<ExchangeId> ExchangesDropped);

/// <summary>The marginal value of a continuous limit at the optimum, from the LP with yes/no decisions fixed.</summary>
/// <param name="Dual">The row's dual value in the LP (objective per unit of right-hand side).</param>
/// <param name="ValuePerUnit">Objective gain per year from relaxing the limit by one unit of <paramref name="Unit"/>.</param>
public sealed record ShadowPrice(RowKey Key, string Limit, ShadowPriceKind Kind, string Meaning, double Dual, double ValuePerUnit, string Unit, bool Binding);

public enum ShadowPriceKind
{
    Capacity,
    Quality,
}

public sealed record BarrierResult(SolvedVariant Base, ImmutableArray<BarrierCost> Barriers, ImmutableArray<ShadowPrice> ShadowPrices, string ShadowPriceStatus);

/// <summary>What one shard of a barrier analysis computed: the base, the costs of its barriers (plan order, unranked),
/// and the shadow prices when it holds plan item 0.</summary>
/// <param name="PlanSize">Base plus every barrier.</param>
/// <param name="Items">Plan indexes of <paramref name="Barriers"/>, in the same order.</param>
public sealed record BarrierShardResult(int PlanSize, ImmutableArray<int> Items, SolvedVariant Base, ImmutableArray<BarrierCost> Barriers, ImmutableArray<ShadowPrice> ShadowPrices, string ShadowPriceStatus);

/// <summary>Prices each barrier by removing it in turn and re-optimising; adds shadow prices of continuous limits.</summary>
public static class BarrierAnalysis
{
    /// <summary>Every barrier of a region: permits, lead times, waste statuses, quality limits, distance limits.</summary>
    public static ImmutableArray<Barrier> Enumerate(Region region)
    {
        var list = ImmutableArray.CreateBuilder<Barrier>();
        foreach (var p in region.Permits)
        {
            var id = p.Id;
            list.Add(new Barrier(BarrierKind.PermitRequirement, id, $"permit requirement '{p.Name}'",
                r => r with { Permits = [.. r.Permits.Where(x => x.Id != id)] }, true));
        }

        foreach (var p in region.Permits.Where(p => p.LeadTime.Value > 0))
        {
            if (!RegionParameter.TryResolve(region, $"permits.{p.Id}.leadTime", out var lead, out _))
            {
                continue;
            }

            list.Add(new Barrier(BarrierKind.PermitLeadTime, p.Id, $"lead time of {p.LeadTime.Value:0.##} yr for '{p.Name}'", r => lead.Set(r, 0), false));
        }

        foreach (var res in region.Resources.Where(r => r.WasteStatus == WasteStatus.Waste && !region.Policies.EndOfWaste.Contains(r.Id)))
        {
            var id = res.Id;
            list.Add(new Barrier(BarrierKind.WasteStatus, id, $"waste status of '{res.Name}' (no end-of-waste status)",
                r => r with { Policies = r.Policies with { EndOfWaste = r.Policies.EndOfWaste.Add(id) } }, true));
        }

        foreach (var d in region.Demands)
        {
            foreach (var l in d.Limits)
            {
                var (demandId, prop) = (d.Id, l.Property);
                list.Add(new Barrier(BarrierKind.QualityLimit, $"{demandId}.{prop}", $"{prop} limit of demand '{demandId}'",
                    r => r with { Demands = [.. r.Demands.Select(x => x.Id == demandId ? x with { Limits = [.. x.Limits.Where(q => q.Property != prop)] } : x)] }, false, demandId));
            }
        }

        foreach (var p in region.Processes)
        {
            foreach (var l in p.Limits)
            {
                var (processId, prop) = (p.Id, l.Property);
                list.Add(new Barrier(BarrierKind.QualityLimit, $"{processId}.{prop}", $"{prop} limit at the inlet of process '{processId}'",
                    r => r with { Processes = [.. r.Processes.Select(x => x.Id == processId ? x with { Limits = [.. x.Limits.Where(q => q.Property != prop)] } : x)] }, false, processId));
            }
        }

        foreach (var m in region.TransportModes.Where(m => m.MaxDistance is not null))
        {
            var id = m.Id;
            list.Add(new Barrier(BarrierKind.DistanceLimit, id, $"maximum distance of {m.MaxDistance!.Value.Value:0.##} km for '{m.Name}'",
                r => r with { TransportModes = [.. r.TransportModes.Select(x => x.Id == id ? x with { MaxDistance = null } : x)] }, true));
        }

        return list.ToImmutable();
    }

    public static BarrierResult Run(Region region, SolveOptions options, ProgressReport? progress = null)
    {
        var part = RunShard(region, options, ShardSpec.Whole, progress);
        return new BarrierResult(part.Base, Rank(part.Barriers), part.ShadowPrices, part.ShadowPriceStatus);
    }

    /// <summary>
    /// The plan: index 0 is the base (with the shadow prices), index i the i-th barrier of <see cref="Enumerate"/>.
    /// Every shard solves the base, which each barrier's cost is measured against, but only the shard of index 0
    /// prices the limits (<see cref="BarrierShardResult.ShadowPrices"/> is empty elsewhere).
    /// </summary>
    public static BarrierShardResult RunShard(Region region, SolveOptions options, ShardSpec shard, ProgressReport? progress = null)
    {
        var network = CandidateNetworkBuilder.Build(region);
        var barriers = Enumerate(region);
        var jobs = new List<Barrier?> { null };
        jobs.AddRange(barriers);
        var mine = shard.Items(jobs.Count);

        // Base first, every barrier of this shard after it: solved in parallel and read back by position.
        var list = new List<Barrier?> { null };
        list.AddRange(mine.Where(i => i > 0).Select(i => jobs[i]));
        var solved = Solving.InParallel<Barrier?, (SolvedVariant? Variant, bool Structural)>(list, (b, _) =>
        {
            if (b is null)
            {
                return (Solving.Solve("base", [], region, options, network), false);
            }

            var changed = b.Remove(region);
            var net = CandidateNetworkBuilder.Build(changed);
            return Binds(b, network, net) ? (Solving.Solve(b.Id, [], changed, options, net), false) : (null, true);
        }, (b, _) => b is null ? "base" : $"{Comparison.Kebab(b.Kind.ToString())} {b.Id}", progress, options.Cancel);

        var baseVariant = solved[0].Variant!;
        var costs = ImmutableArray.CreateBuilder<BarrierCost>();
        for (var k = 1; k < list.Count; k++)
        {
            costs.Add(Cost(list[k]!, baseVariant, solved[k].Variant, solved[k].Structural));
        }

        var (prices, status) = !shard.Owns(0) ? ([], string.Empty)
            : baseVariant.Result.HasSolution ? ShadowPrices(region, baseVariant.Result, options) : ([], "no solution to price");
        return new BarrierShardResult(barriers.Length + 1, [.. mine.Where(i => i > 0)], baseVariant, costs.ToImmutable(), prices, status);
    }

    /// <summary>The ranking: most value lost first, then by kind and id; one order for one process and merged shards.</summary>
    public static ImmutableArray<T> Rank<T>(IEnumerable<T> items, Func<T, (double ValueLost, BarrierKind Kind, string Id)> key) =>
        [.. items.OrderByDescending(c => key(c).ValueLost).ThenBy(c => key(c).Kind).ThenBy(c => key(c).Id, StringComparer.Ordinal)];

    private static ImmutableArray<BarrierCost> Rank(IEnumerable<BarrierCost> costs) => Rank(costs, c => (c.ValueLost, c.Barrier.Kind, c.Barrier.Id));

    /// <summary>
    /// False when removing the barrier provably changes nothing: a network-only barrier whose removal leaves every
    /// candidate exchange as it was, a lead time no candidate exchange waits for, or a limit on a receiver no exchange
    /// can reach. Only then is the cost set to exactly 0 without solving.
    /// </summary>
    private static bool Binds(Barrier b, CandidateNetwork before, CandidateNetwork after)
    {
        if (b.ActsThroughNetworkOnly)
        {
            return !before.Arcs.SequenceEqual(after.Arcs);
        }

        return b.Kind switch
        {
            BarrierKind.PermitLeadTime => before.Arcs.Any(a => a.PermitId == b.Id),
            BarrierKind.QualityLimit => before.Arcs.Any(a => ReceiverOf(before.Sinks[a.Sink]) == b.Receiver),
            _ => true,
        };
    }

    private static string ReceiverOf(SinkNode sink) => sink.Demand?.Id ?? sink.Process!.Id;

    private static BarrierCost Cost(Barrier b, SolvedVariant baseVariant, SolvedVariant? v, bool structural)
    {
        if (structural)
        {
            return new BarrierCost(b, baseVariant.Result.Status, 0, Zero, true, "binds nothing: removing it changes no candidate exchange, so the optimum is unchanged", [], []);
        }

        if (baseVariant.Result.Kpis is not { } bk || v!.Result.Kpis is not { } k)
        {
            return new BarrierCost(b, v?.Result.Status ?? baseVariant.Result.Status, 0, null, false, "no solution with or without the barrier; nothing can be priced", [], []);
        }

        var keys = Comparison.ExchangeKeys(v.Result);
        var baseKeys = Comparison.ExchangeKeys(baseVariant.Result);
        var value = k.ObjectiveGain - bk.ObjectiveGain;

        // Removing a barrier relaxes the model, so the true change is never negative; below the solver's tolerance the
        // two optima are the same plan and any difference is rounding.
        var tol = 1e-7 * Math.Max(1, Math.Abs(baseVariant.Result.Counterfactual.Objective)) + (Math.Abs(baseVariant.Result.Solve.Gap) * Math.Abs(baseVariant.Result.Solve.Objective));
        var same = keys.SetEquals(baseKeys);
        if (value <= tol)
        {
            return new BarrierCost(b, v.Result.Status, 0, Zero, same, same ? "binds nothing: the optimum is the same plan without it" : "removing it allows a different plan of equal value", [.. keys.Except(baseKeys).Order()], [.. baseKeys.Except(keys).Order()]);
        }

        var kpis = new Kpis(k.NetBenefit - bk.NetBenefit, value, k.Co2Avoided - bk.Co2Avoided, k.LandfillAvoided - bk.LandfillAvoided,
            k.VirginMaterialAvoided - bk.VirginMaterialAvoided, k.TransportEmissions - bk.TransportEmissions, k.MandateShortfall - bk.MandateShortfall);
        var added = keys.Except(baseKeys).Order().ToImmutableArray();
        var dropped = baseKeys.Except(keys).Order().ToImmutableArray();
        var why = added.IsEmpty && dropped.IsEmpty ? "the same exchanges move more, or start sooner, without it" : $"without it the plan changes: {added.Length} exchange(s) start, {dropped.Length} stop, others move more";
        return new BarrierCost(b, v.Result.Status, value, kpis, false, why, added, dropped);
    }

    private static readonly Kpis Zero = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>
    /// Duals of quality and capacity rows from the optimum re-solved as an LP with every yes/no decision fixed at its
    /// optimal value (GLOP). A dual of a quality row is per unit of (flow x concentration); multiplied by the flow in
    /// the blend it becomes the value of moving the limit by one unit of concentration.
    /// </summary>
    public static (ImmutableArray<ShadowPrice> Prices, string Status) ShadowPrices(Region region, OptimizationResult result, SolveOptions options)
    {
        var ctx = result.Chosen.Model;
        var x = result.Chosen.Values;

        // Existing plants carry their capacity as a variable bound, which has no dual; it is stated as a row instead.
        var boundAsRow = new Dictionary<int, (int Process, double Capacity)>();
        for (var p = 0; p < region.Processes.Length; p++)
        {
            if (ctx.Plant[p] < 0 && region.Processes[p].Capacity is not null && double.IsFinite(ctx.Model.Variables[ctx.Throughput[p]].Upper))
            {
                boundAsRow[ctx.Throughput[p]] = (p, ctx.Model.Variables[ctx.Throughput[p]].Upper);
            }
        }

        var fixedModel = ctx.Model.Copy();
        foreach (var v in ctx.Model.Variables)
        {
            if (v.IsInteger)
            {
                fixedModel.Fix(v.Index, Math.Round(x[v.Index]));
            }
            else if (boundAsRow.ContainsKey(v.Index))
            {
                fixedModel.Unbound(v.Index);
            }
        }

        var keys = ctx.RowKeys.ToList();
        foreach (var (column, (process, capacity)) in boundAsRow.OrderBy(kv => kv.Key))
        {
            var id = region.Processes[process].Id;
            fixedModel.AddLessOrEqual($"Capacity[{id}]", $"process '{id}' runs up to its capacity", capacity, [(column, 1.0)]);
            keys.Add(new RowKey(RowFamily.Capacity, process));
        }

        var lp = OrToolsSolver.Solve(fixedModel, options with { Solver = SolverKind.Glop, WantDuals = true }, SolverKind.Glop);
        if (!lp.HasSolution || lp.Duals.IsDefault)
        {
            return ([], "the LP with fixed decisions could not be solved, so no shadow prices are available");
        }

        var prices = ImmutableArray.CreateBuilder<ShadowPrice>();
        var lpx = lp.Values;
        foreach (var row in fixedModel.Rows)
        {
            var key = keys[row.Index];
            if (key.Family != RowFamily.Capacity && !key.IsQuality)
            {
                continue;
            }

            var dual = lp.Duals[row.Index];
            var activity = row.Columns.Zip(row.Coefficients).Sum(t => t.Second * lpx[t.First]);
            var bound = double.IsFinite(row.Upper) ? row.Upper : row.Lower;
            var binding = Math.Abs(activity - bound) <= 1e-6 * Math.Max(1, Math.Abs(bound));
            if (key.Family == RowFamily.Capacity)
            {
                var process = region.Processes[key.Index];
                if (ctx.Plant[key.Index] >= 0 && Math.Round(x[ctx.Plant[key.Index]]) < 0.5)
                {
                    continue; // a plant not built has no capacity to price
                }

                prices.Add(new ShadowPrice(key, ctx.Describe(key), ShadowPriceKind.Capacity, row.Meaning, dual, Math.Abs(dual), $"{region.Economics.Currency}/yr per {region.Resource(process.Inputs[0].ResourceId).UnitText}/yr", binding));
            }
            else
            {
                var flow = FlowInBlend(ctx, row, lpx);
                var unit = QualityUnit(region, key.Detail!);

                // Concentrations are held in base units (mg/kg as 1e-6); the value is quoted per unit the scenario uses.
                var factor = UnitExpression.TryParse(unit, null, out var u, out _) ? u.Factor : 1;
                prices.Add(new ShadowPrice(key, ctx.Describe(key), ShadowPriceKind.Quality, row.Meaning, dual, Math.Abs(dual * flow * factor), $"{region.Economics.Currency}/yr per {unit}", binding));
            }
        }

        return ([.. prices.OrderByDescending(p => p.ValuePerUnit).ThenBy(p => p.Key.Family).ThenBy(p => p.Key.Index).ThenBy(p => p.Key.Detail, StringComparer.Ordinal).ThenBy(p => p.Key.Upper)], "optimal");
    }

    /// <summary>The flow received in a blend: delivered exchange flows and purchases among the row's columns.</summary>
    private static double FlowInBlend(ExchangeModel ctx, Row row, ImmutableArray<double> x)
    {
        var purchases = new HashSet<int>(ctx.Virgin);
        purchases.UnionWith(ctx.ProcessVirgin.SelectMany(v => v).Where(c => c >= 0));
        var total = 0.0;
        foreach (var c in row.Columns)
        {
            var arc = c < ctx.ArcOfColumn.Length ? ctx.ArcOfColumn[c] : -1;
            total += arc >= 0 ? ctx.Network.Arcs[arc].Delivered * x[c] : purchases.Contains(c) ? x[c] : 0;
        }

        return total;
    }

    private static string QualityUnit(Region region, string property) =>
        region.Resources.SelectMany(r => r.Properties).FirstOrDefault(p => p.Id == property)?.UnitText ?? "unit";
}
