using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Domain.Quantities;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Assessment.Runner;

/// <summary>Reports progress of a batch: how many of how many are done, and which one just finished.</summary>
public delegate void ProgressReport(int done, int total, string label);

/// <summary>
/// Public-budget figures of one solved region that the optimiser's KPIs do not carry, read off the same ledgers the
/// objective is built from, at the solver's values (the result keeps both models).
/// </summary>
/// <param name="IncinerationAvoided">t/yr of mass resources no longer incinerated, against today.</param>
/// <param name="PublicBuyerCost">Money per year public buyers pay for the needs they have (purchases, transport,
/// connections and permit delays booked to them) in the optimum.</param>
/// <param name="SubsidisedCapex">Capex of the new plants built (one-off, region currency).</param>
/// <param name="SubsidyCost">Investment subsidy share x capex of plants built, annualised over the horizon.</param>
/// <param name="TaxCollected">Landfill and incineration tax actually collected per year in the optimum (rate x
/// tonnes still landfilled or incinerated), so a change of rate shows up too.</param>
public sealed record PublicAccounts(double IncinerationAvoided, double PublicBuyerCost, double SubsidisedCapex, double SubsidyCost, double TaxCollected);

/// <summary>One solved variant of a region: its name, the region solved, the result and the public accounts.</summary>
public sealed record SolvedVariant(string Name, ImmutableArray<string> Overrides, Region Region, OptimizationResult Result, PublicAccounts? Accounts);

/// <summary>Shared helpers: parallel solving with stable order, network reuse, and the ledger audit.</summary>
public static class Solving
{
    /// <summary>
    /// Runs <paramref name="work"/> for every item on all cores and returns the results in input order, so output never
    /// depends on thread scheduling.
    /// </summary>
    public static ImmutableArray<TOut> InParallel<TIn, TOut>(IReadOnlyList<TIn> items, Func<TIn, int, TOut> work, Func<TIn, int, string>? label = null, ProgressReport? progress = null)
    {
        var results = new TOut[items.Count];
        var done = 0;
        Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            results[i] = work(items[i], i);
            var n = Interlocked.Increment(ref done);
            progress?.Invoke(n, items.Count, label?.Invoke(items[i], i) ?? string.Empty);
        });
        return [.. results];
    }

    /// <summary>
    /// The same candidate arcs pointed at the records of <paramref name="region"/>. Valid when only prices, taxes,
    /// emission factors, permit terms or plant costs changed: arcs hold distances, transport costs, bounds and permit
    /// ids, which those do not affect, while formulation builders read supplies, demands and processes off the nodes.
    /// </summary>
    public static CandidateNetwork Rebind(CandidateNetwork network, Region region)
    {
        var processes = region.Processes.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var sources = network.Sources.Select(s => s with
        {
            Supply = s.Supply is null ? null : region.Supplies[s.Index],
            Process = s.Process is null ? null : processes[s.Process.Id],
        }).ToImmutableArray();
        var sinks = network.Sinks.Select(k => k with
        {
            Demand = k.Demand is null ? null : region.Demands[k.Index],
            Process = k.Process is null ? null : processes[k.Process.Id],
        }).ToImmutableArray();
        return network with { Sources = sources, Sinks = sinks };
    }

    public static OptimizationResult Optimize(Region region, SolveOptions options, CandidateNetwork? network = null) =>
        ExchangeOptimizer.Optimize(region, new OptimizeOptions(options), network);

    /// <summary>Solves one variant and audits its public accounts; never throws for an unsolvable variant.</summary>
    public static SolvedVariant Solve(string name, ImmutableArray<string> overrides, Region region, SolveOptions options, CandidateNetwork? network = null)
    {
        network ??= CandidateNetworkBuilder.Build(region);
        var result = ExchangeOptimizer.Optimize(region, new OptimizeOptions(options), network);
        return new SolvedVariant(name, overrides, region, result, result.HasSolution ? Audit(region, result) : null);
    }

    /// <summary>Reads the public-budget figures off the ledgers of the counterfactual and the optimum.</summary>
    public static PublicAccounts Audit(Region region, OptimizationResult result)
    {
        var ctx = result.Chosen.Model;
        var network = ctx.Network;
        var x = result.Chosen.Values;
        var incinerated = Incinerated(ctx, x);
        var incineration = Incinerated(result.Counterfactual.Model, result.Counterfactual.Values) - incinerated;
        var landfilled = result.Chosen.Ledger(LedgerKind.Landfill);
        var taxCollected = (region.Policies.LandfillTax.Value * landfilled) + (region.Policies.IncinerationTax.Value * incinerated);
        var publicCost = 0.0;
        for (var k = 0; k < region.Demands.Length; k++)
        {
            var d = region.Demands[k];
            if (d.Buyer != BuyerKind.Public)
            {
                continue;
            }

            var columns = new HashSet<int> { ctx.Virgin[k] };
            foreach (var a in ctx.ArcsIntoSink[network.Sinks[k].Index])
            {
                columns.Add(ctx.ArcFlow[a]);
                if (ctx.ArcSwitch[a] >= 0)
                {
                    columns.Add(ctx.ArcSwitch[a]);
                }
            }

            publicCost += ctx.Ledger.Where(e => e.Kind == LedgerKind.Money && e.ActorId == d.ActorId && columns.Contains(e.Column)).Sum(e => e.Coefficient * x[e.Column]);
        }

        var capex = region.Processes.Where(p => !p.Existing)
            .Where(p => result.Processes.Any(o => o.Id == p.Id && o.Built))
            .Sum(p => p.Capex.Value);
        var subsidy = region.Policies.InvestmentSubsidy * capex * region.Economics.CapitalRecoveryFactor;
        return new PublicAccounts(incineration, publicCost, capex, subsidy, taxCollected);
    }

    private static double Incinerated(ExchangeModel ctx, ImmutableArray<double> x)
    {
        var region = ctx.Region;
        static bool IsIncineration(CurrentRoute route, Resource r) => route.Kind == RouteKind.Incineration && r.FlowDimension == Dimension.MassD;
        var total = 0.0;
        for (var i = 0; i < region.Supplies.Length; i++)
        {
            var s = region.Supplies[i];
            if (!IsIncineration(s.Route, region.Resource(s.ResourceId)))
            {
                continue;
            }

            total += x[ctx.Route[i]];
            foreach (var a in ctx.ArcsFromSource[i])
            {
                // While a permit is pending, the exchanged quantity still follows today's route.
                total += (1 - ctx.ActiveShare(ctx.Network.Arcs[a].PermitId)) * x[ctx.ArcFlow[a]];
            }
        }

        for (var p = 0; p < region.Processes.Length; p++)
        {
            for (var o = 0; o < region.Processes[p].Outputs.Length; o++)
            {
                var output = region.Processes[p].Outputs[o];
                if (ctx.Disposal[p][o] >= 0 && output.Disposal is { } disp && IsIncineration(disp, region.Resource(output.ResourceId)))
                {
                    total += x[ctx.Disposal[p][o]];
                    var process = region.Processes[p];
                    var src = ctx.Network.Sources.First(n => ReferenceEquals(n.Process, process) && n.OutputIndex == o);
                    foreach (var a in ctx.ArcsFromSource[src.Index])
                    {
                        // As for a supply: while a permit is pending, the output still goes to its disposal route.
                        total += (1 - ctx.ActiveShare(ctx.Network.Arcs[a].PermitId)) * x[ctx.ArcFlow[a]];
                    }
                }
            }
        }

        return total;
    }
}
