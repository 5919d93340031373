using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Assessment.Accounts;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Assessment.Runner;

/// <summary>Reports progress of a batch: how many of how many are done, and which one just finished.</summary>
public delegate void ProgressReport(int done, int total, string label);

/// <summary>One solved variant of a region: its name, the region solved, the result and its three accounts against today.</summary>
public sealed record SolvedVariant(string Name, ImmutableArray<string> Overrides, Region Region, OptimizationResult Result, SocietyAccounts? Accounts);

/// <summary>Shared helpers: parallel solving with stable order, network reuse, and the ledger audit.</summary>
public static class Solving
{
    /// <summary>
    /// Runs <paramref name="work"/> for every item on all cores and returns the results in input order, so output never
    /// depends on thread scheduling. Once <paramref name="cancel"/> is set no further item starts and
    /// <see cref="OperationCanceledException"/> is thrown.
    /// </summary>
    public static ImmutableArray<TOut> InParallel<TIn, TOut>(IReadOnlyList<TIn> items, Func<TIn, int, TOut> work, Func<TIn, int, string>? label = null, ProgressReport? progress = null, CancellationToken cancel = default)
    {
        var results = new TOut[items.Count];
        var done = 0;
        Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancel }, i =>
        {
            cancel.ThrowIfCancellationRequested();
            results[i] = work(items[i], i);
            cancel.ThrowIfCancellationRequested();
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
        return new SolvedVariant(name, overrides, region, result, Accounts.Accounts.Of(region, result));
    }
}
