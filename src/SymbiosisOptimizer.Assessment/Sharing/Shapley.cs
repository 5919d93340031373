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
public sealed record SampledShapleyOptions(
    int Seed,
    int MaxPermutations = 10_000,
    double? TargetRelativeHalfWidth = null,
    int MinPermutations = 200,
    bool Antithetic = true);

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
    /// With <see cref="SampledShapleyOptions.Antithetic"/> each drawn order is also used reversed, and the pair's mean
    /// is one observation; pairs are independent, so the half-width from their sample variance is valid, whereas
    /// treating the two halves of a pair as independent would misstate it.
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

        int n = game.PlayerCount;
        int perObservation = options.Antithetic ? 2 : 1;
        int maxObservations = Math.Max(2, options.MaxPermutations / perObservation);
        int minObservations = Math.Clamp(options.MinPermutations / perObservation, 2, maxObservations);

        var random = new Random(options.Seed);
        var order = Enumerable.Range(0, n).ToArray();
        var forward = new double[n];
        var backward = new double[n];
        var mean = new double[n];
        var m2 = new double[n];
        int count = 0;

        while (count < maxObservations)
        {
            random.Shuffle(order);
            Marginals(game, order, reverse: false, forward);
            if (options.Antithetic)
            {
                Marginals(game, order, reverse: true, backward);
            }

            count++;
            for (int i = 0; i < n; i++)
            {
                double x = options.Antithetic ? 0.5 * (forward[i] + backward[i]) : forward[i];
                double delta = x - mean[i];
                mean[i] += delta / count;
                m2[i] += delta * (x - mean[i]);
            }

            if (options.TargetRelativeHalfWidth is { } relative && count >= minObservations && (count % 16 == 0)
                && Converged(mean, m2, count, relative))
            {
                break;
            }
        }

        var halfWidths = new double[n];
        for (int i = 0; i < n; i++)
        {
            halfWidths[i] = HalfWidth(m2[i], count);
        }

        return new Allocation(SampledMethod, game.Kind, game.Players, [.. mean])
        {
            HalfWidths95 = [.. halfWidths],
            Samples = count * perObservation,
            Note = options.Antithetic ? "antithetic permutation pairs; 95% normal half-widths" : "95% normal half-widths",
        };
    }

    private static void Marginals(CooperativeGame game, int[] order, bool reverse, double[] into)
    {
        ulong coalition = 0;
        double previous = 0.0;
        int n = order.Length;
        for (int k = 0; k < n; k++)
        {
            int player = reverse ? order[n - 1 - k] : order[k];
            coalition |= 1UL << player;
            double current = game.Value(coalition);
            into[player] = current - previous;
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
