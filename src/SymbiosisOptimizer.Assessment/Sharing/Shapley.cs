using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;

namespace SymbiosisOptimizer.Assessment.Sharing;

/// <summary>Settings for <see cref="Shapley.Sampled"/>.</summary>
/// <param name="Seed">Seed for <see cref="Random"/>; the same seed gives the same estimate.</param>
/// <param name="MaxPermutations">Upper bound on sampled permutations (antithetic partners included).</param>
/// <param name="TargetRelativeHalfWidth">
/// Optional early stop: sampling ends once every player's 95 % half-width is at most this fraction of
/// max(|estimate of that player|, mean |estimate| over players). The floor keeps a player whose value is near zero
/// from demanding an unbounded number of samples.
/// </param>
/// <param name="MinPermutations">Samples taken before the stopping rule is consulted, so the variance estimate is meaningful.</param>
/// <param name="Antithetic">Pair each permutation with its reverse; cuts variance for most games at no extra cost.</param>
/// <param name="ControlVariateOrder">
/// 0: plain sampling. k >= 1: the Harsanyi dividends of all coalitions of at most k players are computed exactly and
/// only the rest of the game is sampled (see <see cref="Shapley.Sampled"/>). Costs one evaluation per coalition of
/// at most k players (C(n,2) for k = 2), or per connected one when the game has <see cref="CooperativeGame.Links"/>.
/// </param>
/// <param name="MaxDegreeOfParallelism">
/// Threads evaluating coalitions. Above 1 the game's values are requested concurrently, so only use it with a
/// thread-safe game; the estimate does not depend on it.
/// </param>
public sealed record SampledShapleyOptions(
    int Seed,
    int MaxPermutations = 10_000,
    double? TargetRelativeHalfWidth = null,
    int MinPermutations = 200,
    bool Antithetic = true,
    int ControlVariateOrder = 0,
    int MaxDegreeOfParallelism = 1);

/// <summary>The Shapley value: each player's marginal contribution averaged over all orders of joining.</summary>
/// <remarks>
/// The Shapley value is linear in v, so for a cost game it is computed on c directly and is a cost share; going
/// through the savings game gives the identical result (phi_i(c) = c({i}) - phi_i(s)).
/// </remarks>
public static class Shapley
{
    public const string ExactMethod = "shapley";
    public const string SampledMethod = "shapley-sampled";

    /// <summary>Two-sided 95 % normal quantile.</summary>
    private const double Z95 = 1.959963984540054;

    /// <summary>Exact value by enumerating all coalitions: O(n 2^n) time, explicit games only.</summary>
    public static Allocation Exact(CooperativeGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        if (!game.IsExplicit && game.Parts is { } parts && game.HasExactShapley)
        {
            return new Allocation(ExactMethod, game.Kind, game.Players, [.. SumOfParts(game.PlayerCount, parts, Exact)]);
        }

        var v = game.RequireExplicit("Exact Shapley");
        int n = game.PlayerCount;

        // Weight of a coalition S of size s not containing i: s!(n-s-1)!/n!, built by recurrence to stay finite for n=20.
        var weight = new double[n];
        weight[0] = 1.0 / n;
        for (int s = 1; s < n; s++)
        {
            weight[s] = weight[s - 1] * s / (n - s);
        }

        var phi = new double[n];
        int size = 1 << n;
        for (int mask = 0; mask < size; mask++)
        {
            // The grand coalition has no outsiders to add, and every other mask has fewer than n members.
            if (mask == size - 1)
            {
                continue;
            }

            double w = weight[BitOperations.PopCount((uint)mask)];
            double vs = v[mask];
            for (int i = 0; i < n; i++)
            {
                int bit = 1 << i;
                if ((mask & bit) == 0)
                {
                    phi[i] += w * (v[mask | bit] - vs);
                }
            }
        }

        return new Allocation(ExactMethod, game.Kind, game.Players, [.. phi]);
    }

    /// <summary>
    /// Monte-Carlo estimate from random join orders (Castro, Gómez &amp; Tejada 2009), deterministic for a seed.
    /// Works on oracle games: each permutation costs n coalition evaluations.
    /// </summary>
    /// <remarks>
    /// <para>
    /// With <see cref="SampledShapleyOptions.Antithetic"/> each drawn order is also used reversed, and the pair's mean
    /// is one observation; pairs are independent, so the half-width from their sample variance is valid, whereas
    /// treating the two halves of a pair as independent would misstate it.
    /// </para>
    /// <para>
    /// Control variate (<see cref="SampledShapleyOptions.ControlVariateOrder"/> = k): v is split as g + (v - g), where
    /// g(S) = sum of the Harsanyi dividends d(T) over T in S with |T| &lt;= k, d(T) = v(T) - sum of d over the
    /// proper subsets of T. The Shapley value of g is exact (each dividend is split equally among the members of T,
    /// Harsanyi 1963) and linearity gives phi(v) = phi(g) + phi(v - g); only the second term is sampled, from the
    /// residual marginals v(P + i) - v(P) - (g(P + i) - g(P)) along the same orders. The estimator stays unbiased for
    /// any game, the per-order totals still add up to v(N), and a game made of pairs (k = 2) is recovered with zero
    /// variance. Combined with antithetic pairs, k = 2 changes nothing: an order and its reverse already split every
    /// pair dividend exactly in half. Coefficient 1 is what keeps the estimate unbiased, but it is not the
    /// variance-minimising one: when higher dividends alternate in sign (competition for the same supply), k = 3 can
    /// raise the variance, as it does on the generated 50-actor region (benchmarks/README.md).
    /// </para>
    /// </remarks>
    public static Allocation Sampled(CooperativeGame game, SampledShapleyOptions options)
    {
        ArgumentNullException.ThrowIfNull(game);
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxPermutations < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxPermutations must be at least 2.");
        }

        if (options.TargetRelativeHalfWidth is { } target && !(target > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "TargetRelativeHalfWidth must be positive.");
        }

        if (options.ControlVariateOrder < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "ControlVariateOrder must not be negative.");
        }

        if (options.MaxDegreeOfParallelism < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxDegreeOfParallelism must be at least 1.");
        }

        if (!game.IsExplicit && game.Parts is { } parts)
        {
            return SampledByParts(game, parts, options);
        }

        int n = game.PlayerCount;
        int perObservation = options.Antithetic ? 2 : 1;
        int maxObservations = Math.Max(2, options.MaxPermutations / perObservation);
        int minObservations = Math.Clamp(options.MinPermutations / perObservation, 2, maxObservations);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };

        var control = options.ControlVariateOrder > 0 ? ControlVariate.Build(game, options.ControlVariateOrder, parallel) : null;

        var random = new Random(options.Seed);
        var order = Enumerable.Range(0, n).ToArray();
        var orders = new int[ObservationBatch][];
        var observations = new double[ObservationBatch][];
        for (int b = 0; b < ObservationBatch; b++)
        {
            orders[b] = new int[n];
            observations[b] = new double[2 * n];
        }

        var mean = new double[n];
        var m2 = new double[n];
        int count = 0;

        while (count < maxObservations)
        {
            // Orders are drawn in sequence and results folded in in sequence, so the estimate is the same for any
            // number of threads; only the coalition values in between are computed concurrently.
            int batch = Math.Min(ObservationBatch, maxObservations - count);
            for (int b = 0; b < batch; b++)
            {
                random.Shuffle(order);
                order.CopyTo(orders[b], 0);
            }

            void Observe(int b)
            {
                var into = observations[b];
                Marginals(game, control, orders[b], reverse: false, into.AsSpan(0, n));
                if (options.Antithetic)
                {
                    Marginals(game, control, orders[b], reverse: true, into.AsSpan(n, n));
                    for (int i = 0; i < n; i++)
                    {
                        into[i] = 0.5 * (into[i] + into[n + i]);
                    }
                }
            }

            if (options.MaxDegreeOfParallelism > 1)
            {
                Parallel.For(0, batch, parallel, Observe);
            }
            else
            {
                for (int b = 0; b < batch; b++)
                {
                    Observe(b);
                }
            }

            for (int b = 0; b < batch; b++)
            {
                count++;
                for (int i = 0; i < n; i++)
                {
                    double x = observations[b][i];
                    double delta = x - mean[i];
                    mean[i] += delta / count;
                    m2[i] += delta * (x - mean[i]);
                }
            }

            if (options.TargetRelativeHalfWidth is { } relative && count >= minObservations && (count % ObservationBatch == 0))
            {
                var estimate = control is null ? mean : [.. mean.Select((m, i) => m + control.Shapley[i])];
                if (Converged(estimate, m2, count, relative))
                {
                    break;
                }
            }
        }

        var amounts = new double[n];
        var halfWidths = new double[n];
        for (int i = 0; i < n; i++)
        {
            amounts[i] = mean[i] + (control?.Shapley[i] ?? 0.0);
            halfWidths[i] = HalfWidth(m2[i], count);
        }

        var note = options.Antithetic ? "antithetic permutation pairs; 95% normal half-widths" : "95% normal half-widths";
        if (control is not null)
        {
            note = string.Create(CultureInfo.InvariantCulture,
                $"control variate: exact Harsanyi dividends of {control.Coalitions} coalitions of at most {options.ControlVariateOrder} players; ") + note;
        }

        return new Allocation(SampledMethod, game.Kind, game.Players, [.. amounts])
        {
            HalfWidths95 = [.. halfWidths],
            Samples = count * perObservation,
            Note = note,
        };
    }

    /// <summary>
    /// Parts whose values are all known are solved exactly, the others sampled on their own (a seed per part, so their
    /// errors are independent and half-widths add in quadrature); each part's stopping rule applies to its own shares.
    /// </summary>
    private static Allocation SampledByParts(CooperativeGame game, ImmutableArray<GamePart> parts, SampledShapleyOptions options)
    {
        int n = game.PlayerCount;
        var amounts = new double[n];
        var variances = new double[n];
        int samples = 0;
        for (int p = 0; p < parts.Length; p++)
        {
            var part = parts[p];
            var share = part.Game.HasExactShapley
                ? Exact(part.Game)
                : Sampled(part.Game, options with { Seed = unchecked(options.Seed + (7919 * (p + 1))) });
            samples = Math.Max(samples, share.Samples ?? 0);
            for (int k = 0; k < part.Members.Length; k++)
            {
                amounts[part.Members[k]] += share.Amounts[k];
                double h = share.HalfWidths95?[k] ?? 0.0;
                variances[part.Members[k]] += h * h;
            }
        }

        int exactParts = parts.Count(p => p.Game.HasExactShapley);
        return new Allocation(SampledMethod, game.Kind, game.Players, [.. amounts])
        {
            HalfWidths95 = [.. variances.Select(Math.Sqrt)],
            Samples = samples,
            Note = string.Create(CultureInfo.InvariantCulture,
                $"sum over {parts.Length} independent parts, {exactParts} of them exact; sampled parts: {(options.Antithetic ? "antithetic permutation pairs; " : string.Empty)}95% normal half-widths in quadrature"),
        };
    }

    private static double[] SumOfParts(int n, ImmutableArray<GamePart> parts, Func<CooperativeGame, Allocation> shapley)
    {
        var sum = new double[n];
        foreach (var part in parts)
        {
            var share = shapley(part.Game);
            for (int k = 0; k < part.Members.Length; k++)
            {
                sum[part.Members[k]] += share.Amounts[k];
            }
        }

        return sum;
    }

    /// <summary>Observations folded in together; also the stride of the stopping rule, as before batching.</summary>
    private const int ObservationBatch = 16;

    private static void Marginals(CooperativeGame game, ControlVariate? control, int[] order, bool reverse, Span<double> into)
    {
        ulong coalition = 0;
        double previous = 0.0;
        int n = order.Length;
        for (int k = 0; k < n; k++)
        {
            int player = reverse ? order[n - 1 - k] : order[k];
            coalition |= 1UL << player;
            double current = game.Value(coalition);
            into[player] = current - previous - (control?.Marginal(player, coalition) ?? 0.0);
            previous = current;
        }
    }

    private static double HalfWidth(double m2, int count) =>
        count > 1 ? Z95 * Math.Sqrt(Math.Max(0.0, m2 / (count - 1)) / count) : double.PositiveInfinity;

    private static bool Converged(double[] mean, double[] m2, int count, double relative)
    {
        double floor = mean.Average(Math.Abs);
        for (int i = 0; i < mean.Length; i++)
        {
            if (HalfWidth(m2[i], count) > relative * Math.Max(Math.Abs(mean[i]), floor))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// The low-order part g of a game: the Harsanyi dividends of every coalition of at most k players (every connected
/// one when the game has links; the others are 0), with g's exact Shapley value.
/// </summary>
internal sealed class ControlVariate
{
    /// <summary>Per player i: the coalitions T containing i with 2 or more members and non-zero dividend.</summary>
    private readonly ulong[][] sets;
    private readonly double[][] dividends;
    private readonly double[] standalone;

    private ControlVariate(ulong[][] sets, double[][] dividends, double[] standalone, double[] shapley, int coalitions)
    {
        this.sets = sets;
        this.dividends = dividends;
        this.standalone = standalone;
        Shapley = shapley;
        Coalitions = coalitions;
    }

    /// <summary>phi_i(g) = sum over T containing i of d(T) / |T|.</summary>
    public double[] Shapley { get; }

    /// <summary>Coalitions whose value the control variate needed (singletons included).</summary>
    public int Coalitions { get; }

    /// <summary>g(C) - g(C - i) for i in C: the dividends of the sets in C that contain i.</summary>
    public double Marginal(int player, ulong coalition)
    {
        double sum = standalone[player];
        var mine = sets[player];
        var d = dividends[player];
        for (int t = 0; t < mine.Length; t++)
        {
            if ((mine[t] & ~coalition) == 0)
            {
                sum += d[t];
            }
        }

        return sum;
    }

    /// <summary>
    /// E[g(S + i) - g(S)] over S uniform among the s-subsets of the n - 1 players other than i: each set T containing
    /// i adds d(T) when T - i lies in S, with probability C(n - t, s - t + 1) / C(n - 1, s) for |T| = t.
    /// </summary>
    public double StratumMean(int player, int size, int players)
    {
        double sum = standalone[player];
        var mine = sets[player];
        var d = dividends[player];
        for (int t = 0; t < mine.Length; t++)
        {
            int others = BitOperations.PopCount(mine[t]) - 1;
            double p = 1;
            for (int u = 0; u < others && p > 0; u++)
            {
                p *= Math.Max(0, size - u) / (double)(players - 1 - u);
            }

            sum += d[t] * p;
        }

        return sum;
    }

    public static ControlVariate Build(CooperativeGame game, int order, ParallelOptions parallel)
    {
        int n = game.PlayerCount;
        var coalitions = Enumerate(n, Math.Min(order, n), game.Links is { } links ? links : null);
        var values = new double[coalitions.Count];
        Parallel.For(0, coalitions.Count, parallel, c => values[c] = game.Value(coalitions[c]));

        // Coalitions come by size, so every proper subset's dividend is known when a set's own is computed; subsets
        // that are absent (not connected) have dividend 0.
        var dividend = new Dictionary<ulong, double>(coalitions.Count);
        for (int c = 0; c < coalitions.Count; c++)
        {
            ulong set = coalitions[c];
            double d = values[c];
            for (ulong sub = (set - 1) & set; sub != 0; sub = (sub - 1) & set)
            {
                d -= dividend.GetValueOrDefault(sub);
            }

            dividend[set] = d;
        }

        var standalone = new double[n];
        var shapley = new double[n];
        var sets = Enumerable.Range(0, n).Select(_ => new List<ulong>()).ToArray();
        var shares = Enumerable.Range(0, n).Select(_ => new List<double>()).ToArray();
        foreach (ulong set in coalitions)
        {
            double d = dividend[set];
            int size = BitOperations.PopCount(set);
            for (ulong rest = set; rest != 0; rest &= rest - 1)
            {
                int i = BitOperations.TrailingZeroCount(rest);
                shapley[i] += d / size;
                if (size == 1)
                {
                    standalone[i] = d;
                }
                else if (d != 0)
                {
                    sets[i].Add(set);
                    shares[i].Add(d);
                }
            }
        }

        return new ControlVariate([.. sets.Select(s => s.ToArray())], [.. shares.Select(s => s.ToArray())], standalone, shapley, coalitions.Count);
    }

    /// <summary>All coalitions of 1..k players (connected ones only when links are known), smaller before larger.</summary>
    private static List<ulong> Enumerate(int n, int k, IReadOnlyList<ulong>? links)
    {
        var result = new List<ulong>();
        var level = new List<ulong>();
        for (int i = 0; i < n; i++)
        {
            level.Add(1UL << i);
        }

        for (int size = 1; size <= k && level.Count > 0; size++)
        {
            result.AddRange(level);
            if (size == k)
            {
                break;
            }

            var next = new HashSet<ulong>();
            foreach (ulong set in level)
            {
                // Without links every outsider may join; with links only a neighbour keeps the set connected.
                ulong candidates = 0;
                if (links is null)
                {
                    candidates = ~set & (n == 64 ? ulong.MaxValue : (1UL << n) - 1);
                }
                else
                {
                    for (ulong rest = set; rest != 0; rest &= rest - 1)
                    {
                        candidates |= links[BitOperations.TrailingZeroCount(rest)];
                    }

                    candidates &= ~set;
                }

                for (; candidates != 0; candidates &= candidates - 1)
                {
                    next.Add(set | (1UL << BitOperations.TrailingZeroCount(candidates)));
                }
            }

            // Sorted so the evaluation order, and hence any round-off in the dividends, does not depend on hashing.
            level = [.. next.Order()];
        }

        return result;
    }
}
