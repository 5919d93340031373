using System.Collections.Immutable;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Domain.Parameters;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Assessment.Runner;

/// <summary>Draws values of uncertain inputs by inverse transform, which makes truncation exact and cheap.</summary>
public static class UncertaintySampler
{
    /// <summary>One value of <paramref name="input"/> from the uniform draw <paramref name="u"/> in [0, 1).</summary>
    public static double Sample(UncertainInput input, double u)
    {
        var lo = input.Lower ?? double.NegativeInfinity;
        var hi = input.Upper ?? double.PositiveInfinity;
        switch (input.Distribution)
        {
            case DistributionKind.Uniform:
                return lo + (u * (hi - lo));
            case DistributionKind.Triangular:
                var mode = input.Mode!.Value;
                if (hi - lo <= 0)
                {
                    return mode;
                }

                return new Triangular(lo, hi, mode).InverseCumulativeDistribution(u);
            case DistributionKind.Normal:
                var sd = input.StandardDeviation!.Value;
                if (sd <= 0)
                {
                    return input.Mean!.Value;
                }

                return Truncated(new Normal(input.Mean!.Value, sd), lo, hi, u);
            default:
                var mean = input.Mean!.Value;
                var s = input.StandardDeviation!.Value;
                if (s <= 0)
                {
                    return mean;
                }

                // The declared mean and sd are those of the value; the log-scale parameters follow from them.
                var sigma2 = Math.Log(1 + (s * s / (mean * mean)));
                var mu = Math.Log(mean) - (sigma2 / 2);
                return Truncated(new LogNormal(mu, Math.Sqrt(sigma2)), Math.Max(lo, 0), hi, u);
        }
    }

    private static double Truncated(IContinuousDistribution d, double lo, double hi, double u)
    {
        var flo = double.IsNegativeInfinity(lo) ? 0 : d.CumulativeDistribution(lo);
        var fhi = double.IsPositiveInfinity(hi) ? 1 : d.CumulativeDistribution(hi);
        var p = flo + (u * (fhi - flo));

        // The inverse CDF of 0 or 1 is infinite; stay just inside.
        p = Math.Clamp(p, 1e-12, 1 - 1e-12);
        var x = d switch
        {
            Normal n => n.InverseCumulativeDistribution(p),
            LogNormal l => l.InverseCumulativeDistribution(p),
            _ => throw new ArgumentOutOfRangeException(nameof(d)),
        };
        return Math.Clamp(x, lo, hi);
    }
}

/// <summary>P10, P50 and P90 (and the mean) of one KPI over the samples that solved.</summary>
public sealed record Percentiles(double P10, double P50, double P90, double Mean, double Min, double Max)
{
    public static Percentiles Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return new Percentiles(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = values.Order().ToArray();

        // R-7 (linear between order statistics, as Excel's PERCENTILE.INC): with identical values every percentile is that value.
        double Q(double tau) => SortedArrayStatistics.QuantileCustom(sorted, tau, QuantileDefinition.R7);
        return new Percentiles(Q(0.1), Q(0.5), Q(0.9), sorted.Average(), sorted[0], sorted[^1]);
    }
}

public sealed record KpiPercentiles(Percentiles NetBenefit, Percentiles ObjectiveGain, Percentiles Co2Avoided, Percentiles LandfillAvoided, Percentiles VirginMaterialAvoided, Percentiles TransportEmissions, Percentiles MandateShortfall);

/// <summary>How often an exchange was chosen, and how much it moved when it was.</summary>
public sealed record ExchangeProbability(ExchangeId Key, string From, string To, string Resource, double Probability, Percentiles QuantityWhenChosen, string Unit);

public sealed record InputSummary(UncertainInput Input, string Unit, double Declared, Percentiles Sampled);

public sealed record MonteCarloSample(int Index, ImmutableArray<double> Inputs, ResultStatus Status, Kpis? Kpis, ImmutableArray<ExchangeId> Exchanges);

public sealed record MonteCarloResult(
    int Samples,
    int Seed,
    int Solved,
    ImmutableArray<InputSummary> Inputs,
    Kpis? Deterministic,
    KpiPercentiles Kpis,
    ImmutableArray<ExchangeProbability> Exchanges,
    ImmutableArray<MonteCarloSample> Draws,
    bool NetworkReused,
    double Seconds);

/// <summary>An exchange chosen in one sample: what the frequencies and quantities are counted from.</summary>
public sealed record SampledExchange(ExchangeId Id, string From, string To, string Resource, double Quantity, string Unit);

/// <summary>One sample as a shard computes it: the sample and the exchanges its plan chose.</summary>
public sealed record MonteCarloDraw(MonteCarloSample Sample, ImmutableArray<SampledExchange> Exchanges);

/// <summary>The samples of one shard, with what every shard computes alike (the deterministic solve).</summary>
public sealed record MonteCarloShardResult(Kpis? Deterministic, bool NetworkReused, ImmutableArray<MonteCarloDraw> Draws, double Seconds);

/// <summary>
/// Monte Carlo over the inputs declared under <c>uncertainty:</c>. Sample i uses its own <see cref="Random"/> seeded with
/// seed + i, so each sample is the same whichever thread or shard runs it and in whatever order: same seed, same file.
/// </summary>
public static class MonteCarlo
{
    public static MonteCarloResult Run(Region region, int samples, int seed, SolveOptions options, ProgressReport? progress = null)
    {
        var part = RunShard(region, samples, seed, options, ShardSpec.Whole, progress);
        return Aggregate(region, samples, seed, part.Deterministic, part.NetworkReused, part.Draws, part.Seconds);
    }

    /// <summary>The samples of <paramref name="shard"/> (sample i when i mod N = K), in sample order.</summary>
    public static MonteCarloShardResult RunShard(Region region, int samples, int seed, SolveOptions options, ShardSpec shard, ProgressReport? progress = null)
    {
        if (samples < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(samples), samples, "at least one sample is needed");
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var inputs = region.Uncertainty;
        var parameters = Parameters(region);

        // Distances and candidate arcs do not depend on prices, taxes or emission factors: build the network once.
        var reuse = !parameters.Any(p => p.AffectsNetwork);
        var shared = reuse ? CandidateNetworkBuilder.Build(region) : null;
        var deterministic = Solving.Optimize(region, options, shared);

        // On a shared network every sample has the deterministic model's columns; its optimum is a warm start.
        var hinted = shared is not null && deterministic.HasSolution ? options with { Hint = deterministic.Solve.Values } : options;
        var draws = Solving.InParallel(shard.Items(samples), (i, _) =>
        {
            var rng = new Random(unchecked(seed + i));
            var values = inputs.Select(u => UncertaintySampler.Sample(u, rng.NextDouble())).ToImmutableArray();
            var r = region;
            for (var k = 0; k < parameters.Length; k++)
            {
                r = parameters[k].Set(r, values[k]);
            }

            var result = Solving.Optimize(r, hinted, shared is null ? null : Solving.Rebind(shared, r));
            var sample = new MonteCarloSample(i, values, result.Status, result.Kpis, [.. Comparison.ExchangeKeys(result).Order()]);
            return new MonteCarloDraw(sample, [.. result.Exchanges.Select(e => new SampledExchange(Comparison.ExchangeKey(e), e.FromActor, e.ToActor, e.Resource, e.Quantity, e.Unit))]);
        }, null, progress, options.Cancel);
        return new MonteCarloShardResult(deterministic.Kpis, reuse, draws, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Percentiles and frequencies over every sample, from the draws of one process or of all shards (in sample order):
    /// the same draws give the same result whichever way they were computed.
    /// </summary>
    public static MonteCarloResult Aggregate(Region region, int samples, int seed, Kpis? deterministic, bool reuse, IReadOnlyList<MonteCarloDraw> draws, double seconds)
    {
        ArgumentNullException.ThrowIfNull(draws);
        if (draws.Count != samples || draws.Select((d, i) => d.Sample.Index != i).Any(x => x))
        {
            throw new ArgumentException($"expected the {samples} samples in order, got {draws.Count}", nameof(draws));
        }

        var inputs = region.Uncertainty;
        var parameters = Parameters(region);
        var ok = draws.Where(d => d.Sample.Kpis is not null).ToList();
        Percentiles P(Func<Kpis, double> f) => Percentiles.Of([.. ok.Select(d => f(d.Sample.Kpis!))]);
        var kpis = new KpiPercentiles(P(k => k.NetBenefit), P(k => k.ObjectiveGain), P(k => k.Co2Avoided), P(k => k.LandfillAvoided),
            P(k => k.VirginMaterialAvoided), P(k => k.TransportEmissions), P(k => k.MandateShortfall));
        var exchanges = ok.SelectMany(d => d.Exchanges)
            .GroupBy(e => e.Id)
            .Select(g =>
            {
                var e = g.First();
                return new ExchangeProbability(g.Key, e.From, e.To, e.Resource, ok.Count == 0 ? 0 : (double)g.Count() / ok.Count, Percentiles.Of([.. g.Select(x => x.Quantity)]), e.Unit);
            })
            .OrderByDescending(x => x.Probability)
            .ThenBy(x => x.Key)
            .ToImmutableArray();
        var inputSummaries = inputs.Select((u, k) => new InputSummary(u, parameters[k].UnitText, parameters[k].Get(region), Percentiles.Of([.. draws.Select(d => d.Sample.Inputs[k])]))).ToImmutableArray();
        return new MonteCarloResult(samples, seed, ok.Count, inputSummaries, deterministic, kpis, exchanges, [.. draws.Select(d => d.Sample)], reuse, seconds);
    }

    private static ImmutableArray<RegionParameter> Parameters(Region region) =>
        [.. region.Uncertainty.Select(u => RegionParameter.TryResolve(region, u.Path, out var p, out var error)
            ? p
            : throw new ArgumentException($"uncertain input '{u.Path}': {error}", nameof(region)))];
}
