using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;

namespace SymbiosisOptimizer.Assessment.Sharing;

/// <summary>How far a stratified Shapley estimate has come, for a progress bar with an estimate of the time left.</summary>
/// <param name="Coalitions">Distinct coalitions valued so far (each at most one solve).</param>
/// <param name="Planned">Coalitions the estimate expects to need in all (grows or shrinks as the variances are learnt),
/// never above the cap.</param>
/// <param name="WidestRelative">The largest half-width over the stopping rule's scale, over players (1 = at the target).</param>
public sealed record StratifiedProgress(int Coalitions, int Planned, double WidestRelative)
{
    /// <summary>The round under way (0: the pilot).</summary>
    public int Round { get; init; }
}

/// <summary>Settings for <see cref="StratifiedShapley.Estimate"/>.</summary>
/// <param name="Seed">Seed for <see cref="Random"/>; the same seed gives the same estimate, whatever the thread count.</param>
/// <param name="TargetRelativeHalfWidth">
/// The stopping rule: sampling ends once every player's 95 % half-width is at most this fraction of
/// max(|its share|, mean |share| over players). The floor keeps a player whose share is near zero from asking for an
/// unbounded number of samples.
/// </param>
/// <param name="MaxCoalitions">
/// Cap on distinct coalitions valued (each is at most one solve of a region): sampling stops there, target met or not,
/// and says so. The pilot (<paramref name="Pilot"/> per stratum) is always taken, as a variance needs two samples.
/// </param>
/// <param name="Pilot">Samples per stratum before the first allocation (at least 2: a stratum's variance needs two); fewer,
/// down to 2, when the pilot would take more than about half of <paramref name="MaxCoalitions"/>.</param>
/// <param name="MaxDegreeOfParallelism">Threads valuing coalitions; only above 1 for a thread-safe game. The estimate does not depend on it.</param>
/// <param name="Progress">Called after each round of sampling.</param>
public sealed record StratifiedShapleyOptions(
    int Seed,
    double TargetRelativeHalfWidth = 0.01,
    int MaxCoalitions = 100_000,
    int Pilot = 8,
    int MaxDegreeOfParallelism = 1,
    Action<StratifiedProgress>? Progress = null)
{
    /// <summary>
    /// 0: plain stratified sampling. 2 (the default): the pair game (every singleton's value and every pair's Harsanyi
    /// dividend, which the enumerated size-1 strata value anyway) is a control variate whose stratum means are known
    /// exactly, so only what it misses is sampled (see <see cref="StratifiedShapley"/>).
    /// </summary>
    public int ControlVariateOrder { get; init; } = 2;

    /// <summary>A budget of coalitions shared by every estimate that holds it (a whole run's parts), on top of <see cref="MaxCoalitions"/>.</summary>
    public CoalitionBudget? Budget { get; init; }
}

/// <summary>
/// Coalitions to value for sampled Shapley across a whole analysis, shared by its sampled games in a fixed order: each
/// takes the part of what is left that its weight (its strata, n^2) is of the weights still to come, and what it does
/// not use passes on. A count, so the same input gives the same split.
/// </summary>
public sealed class CoalitionBudget
{
    private readonly object gate = new();
    private long left;
    private long weightLeft;
    private long spent;
    private long outstanding;

    /// <param name="total">Coalitions in all.</param>
    /// <param name="players">Players of each game that will draw from it, in the order they will.</param>
    public CoalitionBudget(int total, IEnumerable<int> players)
    {
        ArgumentNullException.ThrowIfNull(players);
        ArgumentOutOfRangeException.ThrowIfLessThan(total, 1);
        Total = total;
        left = total;
        weightLeft = players.Sum(n => (long)n * n);
    }

    public int Total { get; }

    /// <summary>Coalitions not yet used.</summary>
    public long Left
    {
        get
        {
            lock (gate)
            {
                return left;
            }
        }
    }

    /// <summary>Coalitions valued so far by the games that drew from it.</summary>
    public long Spent
    {
        get
        {
            lock (gate)
            {
                return spent;
            }
        }
    }

    /// <summary>What is left beyond the claim under way: what the games still to come may value at most.</summary>
    public long Unclaimed
    {
        get
        {
            lock (gate)
            {
                return Math.Max(0, left - outstanding);
            }
        }
    }

    /// <summary>The cap of the next game of <paramref name="players"/> players (at least 1).</summary>
    public int Claim(int players)
    {
        lock (gate)
        {
            long w = (long)players * players;
            long share = weightLeft <= w ? left : (long)Math.Floor((double)left * w / weightLeft);
            weightLeft = Math.Max(0, weightLeft - w);
            outstanding = Math.Clamp(share, 1, int.MaxValue);
            return (int)outstanding;
        }
    }

    /// <summary>What a game used of its claim.</summary>
    public void Spend(int coalitions)
    {
        lock (gate)
        {
            left = Math.Max(0, left - coalitions);
            spent += coalitions;
            outstanding = 0;
        }
    }
}

/// <summary>
/// The Shapley value estimated by stratified random sampling with optimum (Neyman) allocation: Castro, Gómez, Molina
/// &amp; Tejada, "Improving polynomial estimation of the Shapley value by stratified random sampling with optimum
/// allocation", Computers &amp; Operations Research 82 (2017) 180-188.
/// </summary>
/// <remarks>
/// <para>
/// phi_i = (1/n) sum over s = 0..n-1 of E[v(S + i) - v(S)], S uniform among the C(n-1, s) coalitions of size s without
/// i. Each (player i, size s) is a stratum; its mean is estimated from a simple random sample (with replacement) of its
/// coalitions, and the estimate is the mean over sizes of the stratum means. The variance of the estimate is
/// (1/n^2) sum over s of sigma_is^2 / m_is, smallest for a total sum_s m_is when m_is is proportional to sigma_is
/// (Neyman's optimum allocation). The sigmas are not known, so a pilot of a few samples per stratum estimates them and
/// later rounds allocate by the running estimates.
/// </para>
/// <para>
/// Strata are exact when small: sizes 0 and n-1 have one coalition each (v({i}) and v(N) - v(N - i)), and any stratum
/// whose coalitions are no more than the samples it would get is enumerated instead, so it adds no variance. A game with
/// every stratum enumerable (n at most about 10 with the default pilot) is computed exactly.
/// </para>
/// <para>
/// Rounds: with the running sigma_is, the samples player i needs for its target half-width h_i are
/// m_i = (z sum_s sigma_is / (n h_i))^2, given to its strata in proportion to 0.9 sigma_is / sum sigma + 0.1 / strata:
/// the defensive tenth keeps a stratum whose pilot happened to see one value (a rare non-zero marginal) sampled, rather
/// than trusting a variance of 0 from a handful of draws. No stratum more than doubles in one round, so a variance
/// learnt from a small sample cannot spend the budget on its own. The stated half-width is 1.96 times the square root
/// of the stratified variance estimate, a normal approximation like every Monte-Carlo bound here. A stratum's variance
/// is its sample variance shrunk towards the player's pooled one (weight: one pilot) and floored by the player's range
/// of marginals (<see cref="RareValueWeight"/>), because a few draws that all saw the same marginal say little about
/// a rare large one; sizes 1 and n-2 (n-1 coalitions each) are enumerated outright.
/// </para>
/// <para>
/// Determinism: all draws come from one <see cref="Random"/> in a fixed order (player, size, sample) and results are
/// folded in that order; only coalition values are computed concurrently, each once (a thread-safe memo per estimate,
/// on top of whatever cache the game keeps).
/// </para>
/// </remarks>
public static class StratifiedShapley
{
    public const string MethodName = "shapley-stratified";

    private const double Z95 = 1.959963984540054;

    /// <summary>
    /// Floor of a stratum's variance, as a fraction of (the player's range of marginals)^2 / (samples + 1): as if a
    /// marginal at the far end of what the player was seen to contribute anywhere were hidden in the stratum with a
    /// probability of about 1/(10 (m + 1)). Calibrated on the airport game, whose marginals are rare and large (a plane
    /// adds to the runway only when every other member is shorter): without it a third of the 95 % intervals missed
    /// the Littlechild-Owen value; with it, about the nominal 1 in 20.
    /// </summary>
    private const double RareValueWeight = 0.1;

    public static Allocation Estimate(CooperativeGame game, StratifiedShapleyOptions options)
    {
        ArgumentNullException.ThrowIfNull(game);
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.TargetRelativeHalfWidth > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "TargetRelativeHalfWidth must be positive.");
        }

        if (options.Pilot < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Pilot must be at least 2.");
        }

        if (options.MaxCoalitions < 1 || options.MaxDegreeOfParallelism < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxCoalitions and MaxDegreeOfParallelism must be at least 1.");
        }

        if (!game.IsExplicit && game.Parts is { } parts)
        {
            return ByParts(game, parts, options);
        }

        _ = Execute(game, options, out var estimate);
        return estimate;
    }

    /// <summary>
    /// Parts whose values are all known are exact; the others are estimated on their own (a seed per part, so their
    /// errors are independent and half-widths add in quadrature), each with the stopping rule on its own shares.
    /// </summary>
    private static Allocation ByParts(CooperativeGame game, ImmutableArray<GamePart> parts, StratifiedShapleyOptions options)
    {
        int n = game.PlayerCount;
        var amounts = new double[n];
        var variances = new double[n];
        var samples = new int[n];
        int coalitions = 0;
        int sampledParts = 0;
        bool allMet = true;
        for (int p = 0; p < parts.Length; p++)
        {
            var part = parts[p];
            Allocation share;
            if (part.Game.HasExactShapley)
            {
                share = Shapley.Exact(part.Game);
            }
            else
            {
                sampledParts++;
                var run = Execute(part.Game, options with { Seed = unchecked(options.Seed + (7919 * (p + 1))) }, out share, coalitions);
                coalitions += run.Coalitions;
                allMet &= run.TargetMet;
            }

            for (int k = 0; k < part.Members.Length; k++)
            {
                int i = part.Members[k];
                amounts[i] += share.Amounts[k];
                double h = share.HalfWidths95?[k] ?? 0.0;
                variances[i] += h * h;
                samples[i] += share.SamplesPerPlayer?[k] ?? 0;
            }
        }

        return new Allocation(MethodName, game.Kind, game.Players, [.. amounts])
        {
            HalfWidths95 = [.. variances.Select(Math.Sqrt)],
            Samples = coalitions,
            SamplesPerPlayer = [.. samples],
            Note = string.Create(CultureInfo.InvariantCulture,
                $"sum over {parts.Length} independent parts, {parts.Length - sampledParts} of them exact; the others by stratified sampling (Castro et al. 2017: strata by player and coalition size, Neyman allocation), {coalitions} coalitions valued; 95% half-widths in quadrature{(allMet ? string.Empty : options.Budget is { } budget ? $"; the budget of {budget.Total} coalitions shared by the sampled parts of the whole analysis (each its part by actors squared), or the cap of {options.MaxCoalitions} per part, stopped a part before its target of ±{options.TargetRelativeHalfWidth:P1}; each share's half-width says how far it got" : $"; the cap of {options.MaxCoalitions} coalitions per part stopped a part before its target of ±{options.TargetRelativeHalfWidth:P1}")}"),
        };
    }

    /// <summary>Runs one game's estimate within its share of the budget, if there is one, and charges what it used.</summary>
    /// <param name="before">Coalitions the estimate of which this one is a part has valued already (progress counts on
    /// from there; with a budget, from what the whole analysis spent, and the budget not yet claimed is planned too).</param>
    private static Run Execute(CooperativeGame game, StratifiedShapleyOptions options, out Allocation share, int before = 0)
    {
        var budget = options.Budget;
        var cap = budget is null ? options.MaxCoalitions : Math.Min(options.MaxCoalitions, budget.Claim(game.PlayerCount));
        long offset = budget?.Spent ?? before;
        var progress = options.Progress is { } report
            ? new Action<StratifiedProgress>(s => report(s with
            {
                Coalitions = (int)Math.Min(int.MaxValue, offset + s.Coalitions),
                Planned = (int)Math.Min(int.MaxValue, offset + s.Planned + (budget?.Unclaimed ?? 0)),
            }))
            : null;
        var run = new Run(game, options with { MaxCoalitions = cap, Progress = progress });
        share = run.Execute();
        options.Budget?.Spend(run.Coalitions);
        return run;
    }

    /// <summary>One estimate: the strata's samples, the memo and the draws.</summary>
    private sealed class Run
    {
        private readonly CooperativeGame game;
        private readonly StratifiedShapleyOptions options;
        private readonly int n;
        private readonly Random random;
        private readonly ConcurrentDictionary<ulong, Lazy<double>> memo = new();
        private ControlVariate? control;

        // Per stratum (i * n + s): the sampled marginals of v and of the control, and whether it was enumerated.
        private readonly List<double>[] xs;
        private readonly List<double>[] ys;
        private readonly bool[] exact;
        private readonly double[] population;

        // Derived from the samples by Refresh: per stratum the count, the controlled mean and the residual sum of
        // squares; per player the pooled residual variance and the range of residuals.
        private readonly int[] count;
        private readonly double[] mean;
        private readonly double[] residualSquares;
        private readonly double[] pooled;
        private readonly double[] range;
        private readonly object progressGate = new();
        private int plannedNow;
        private int roundNow;
        private double widestNow = double.PositiveInfinity;

        public Run(CooperativeGame game, StratifiedShapleyOptions options)
        {
            this.game = game;
            this.options = options;
            n = game.PlayerCount;
            random = new Random(options.Seed);
            xs = [.. Enumerable.Range(0, n * n).Select(_ => new List<double>())];
            ys = [.. Enumerable.Range(0, n * n).Select(_ => new List<double>())];
            exact = new bool[n * n];
            count = new int[n * n];
            mean = new double[n * n];
            residualSquares = new double[n * n];
            population = new double[n];
            pooled = new double[n];
            range = new double[n];
            for (int s = 0; s < n; s++)
            {
                population[s] = Binomial(n - 1, s);
            }
        }

        public int Coalitions => memo.Count;

        /// <summary>Samples per stratum in the pilot: <see cref="StratifiedShapleyOptions.Pilot"/>, less when the cap is small.</summary>
        public int Pilot { get; private set; }

        public bool TargetMet { get; private set; }

        public Allocation Execute()
        {
            // The control's coalitions (singletons and linked pairs) are those of the enumerated size-1 strata, so
            // valuing them first through the memo costs nothing the pilot would not spend.
            if (options.ControlVariateOrder > 0 && n > 2)
            {
                var memoised = CooperativeGame.FromOracle(game.Players, Value, game.Kind);
                memoised = game.Links is { } links ? memoised.WithLinks(links) : memoised;
                control = ControlVariate.Build(memoised, Math.Min(options.ControlVariateOrder, n), new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism });
            }

            // Pilot: every stratum sampled a little, the small ones enumerated.
            // Sizes 1 and n-2 have n-1 coalitions each and are enumerated: a player that matters only with one partner
            // (or only without one) is then seen for sure, not by luck of the pilot.
            // The pilot spends at most about half the cap (two coalitions per sample, n^2 strata), never below 2.
            Pilot = (int)Math.Clamp(options.MaxCoalitions / (4L * n * n), 2, options.Pilot);
            var pilot = new int[n * n];
            for (int k = 0; k < pilot.Length; k++)
            {
                int s = k % n;
                pilot[k] = s == 1 || s == n - 2 ? Math.Max(Pilot, n - 1) : Pilot;
            }

            plannedNow = (int)Math.Min(options.MaxCoalitions, 2L * pilot.Sum());
            Sample(pilot);

            int rounds = 0;
            while (true)
            {
                var (phi, halfWidth, scale) = Current();
                double widest = 0;
                for (int i = 0; i < n; i++)
                {
                    widest = Math.Max(widest, scale[i] > 0 ? halfWidth[i] / scale[i] : halfWidth[i] > 0 ? double.PositiveInfinity : 0);
                }

                TargetMet = widest <= 1.0;
                var extra = TargetMet ? null : Allocate(halfWidth, scale);
                int planned = Math.Min(options.MaxCoalitions, memo.Count + (extra is null ? 0 : 2 * extra.Sum()));
                options.Progress?.Invoke(new StratifiedProgress(memo.Count, Math.Max(planned, memo.Count), widest) { Round = rounds });
                if (TargetMet || extra is null || memo.Count >= options.MaxCoalitions)
                {
                    return Result(phi, halfWidth, rounds);
                }

                (plannedNow, roundNow, widestNow) = (Math.Max(planned, memo.Count), rounds + 1, widest);
                Sample(extra);
                rounds++;
            }
        }

        /// <summary>
        /// The control's known mean over stratum (i, s): E[g(S + i) - g(S)] for S a uniform s-subset of the others is
        /// the sum over the control's sets T containing i of d(T) P(T - i in S) = d(T) C(n-t, s-t+1) / C(n-1, s).
        /// </summary>
        private double ControlMean(int i, int s) => control?.StratumMean(i, s, n) ?? 0.0;

        /// <summary>
        /// Per stratum, the regression estimate of the mean marginal: the mean over samples of x - b (y - E[y]), x the
        /// marginal of v, y the control's and E[y] its exact stratum mean (Cochran, Sampling Techniques, 7.2). The
        /// coefficient b = cov(x, y) / var(y) is fitted, each moment shrunk towards the player's pooled within-stratum
        /// one with the weight of a pilot (a stratum of a few draws cannot fit its own), and cross-fitted: the samples
        /// are split by the parity of their index and each half is adjusted with the b of the other half. Draws are
        /// independent, so each term has expectation E[x] whatever b is: the estimate stays unbiased, where a b fitted
        /// on the same draws would lean towards them (on a 12-player market game, a mean error of four standard errors
        /// over 40 seeds). The residuals x - b y with the same cross-fitted b are what the variances, the allocation and
        /// the stated half-widths are of, so a poor b costs samples, never coverage.
        /// </summary>
        private void Refresh()
        {
            var moments = new (double Sx, double Sy, double Sxx, double Sxy, double Syy, int M)[n, 2];
            for (int i = 0; i < n; i++)
            {
                var pooledXy = new double[2];
                var pooledYy = new double[2];
                var freedom = new int[2];
                for (int s = 0; s < n; s++)
                {
                    int k = (i * n) + s;
                    var x = xs[k];
                    var y = ys[k];
                    count[k] = x.Count;
                    for (int h = 0; h < 2; h++)
                    {
                        double sx = 0;
                        double sy = 0;
                        int m = 0;
                        for (int t = h; t < x.Count; t += 2)
                        {
                            sx += x[t];
                            sy += y[t];
                            m++;
                        }

                        double sxx = 0;
                        double sxy = 0;
                        double syy = 0;
                        if (m > 0)
                        {
                            double mx = sx / m;
                            double my = sy / m;
                            for (int t = h; t < x.Count; t += 2)
                            {
                                double dx = x[t] - mx;
                                double dy = y[t] - my;
                                sxx += dx * dx;
                                sxy += dx * dy;
                                syy += dy * dy;
                            }
                        }

                        moments[s, h] = (sx, sy, sxx, sxy, syy, m);
                        if (!exact[k] && m > 1)
                        {
                            pooledXy[h] += sxy;
                            pooledYy[h] += syy;
                            freedom[h] += m - 1;
                        }
                    }
                }

                // b per stratum and half, from the other half only.
                double Coefficient(int s, int half)
                {
                    if (control is null)
                    {
                        return 0.0;
                    }

                    int other = 1 - half;
                    var o = moments[s, other];
                    double cxy = freedom[other] > 0 ? pooledXy[other] / freedom[other] : 0.0;
                    double cyy = freedom[other] > 0 ? pooledYy[other] / freedom[other] : 0.0;
                    double denominator = o.Syy + (Pilot * cyy);
                    // Nothing seen of the control's spread: b = 1, the plain control variate (unbiased for any b).
                    return denominator > 0 ? (o.Sxy + (Pilot * cxy)) / denominator : 1.0;
                }

                double squares = 0;
                int residualFreedom = 0;
                double low = double.PositiveInfinity;
                double high = double.NegativeInfinity;
                for (int s = 0; s < n; s++)
                {
                    int k = (i * n) + s;
                    int m = count[k];
                    mean[k] = 0;
                    residualSquares[k] = 0;
                    if (m == 0)
                    {
                        continue;
                    }

                    if (exact[k])
                    {
                        // Every coalition of the stratum was valued: its mean is known, the control adds nothing. Its
                        // residuals still show how far the player's marginals reach (the range floor's witness: a
                        // plane's own runway at size 0 in the airport game), at the player's pooled coefficient.
                        mean[k] = xs[k].Average();
                        double pooledB = control is null ? 0.0 : (pooledYy[0] + pooledYy[1]) > 0 ? (pooledXy[0] + pooledXy[1]) / (pooledYy[0] + pooledYy[1]) : 1.0;
                        double e = ControlMean(i, s);
                        for (int t = 0; t < m; t++)
                        {
                            double r = xs[k][t] - (pooledB * (ys[k][t] - e));
                            low = Math.Min(low, r);
                            high = Math.Max(high, r);
                        }

                        continue;
                    }

                    double expected = ControlMean(i, s);
                    double b0 = Coefficient(s, 0);
                    double b1 = Coefficient(s, 1);
                    var x = xs[k];
                    var y = ys[k];
                    double sum = 0;
                    double sumSquares = 0;
                    for (int t = 0; t < m; t++)
                    {
                        double b = t % 2 == 0 ? b0 : b1;
                        double r = x[t] - (b * (y[t] - expected));
                        sum += r;
                        sumSquares += r * r;
                        low = Math.Min(low, r);
                        high = Math.Max(high, r);
                    }

                    mean[k] = sum / m;
                    residualSquares[k] = Math.Max(0.0, sumSquares - (sum * sum / m));
                    if (m > 1)
                    {
                        squares += residualSquares[k];
                        residualFreedom += m - 1;
                    }
                }

                pooled[i] = residualFreedom > 0 ? squares / residualFreedom : 0.0;
                range[i] = high > low ? high - low : 0.0;
            }
        }

        private (double[] Phi, double[] HalfWidth, double[] Scale) Current()
        {
            Refresh();
            var phi = new double[n];
            var halfWidth = new double[n];
            for (int i = 0; i < n; i++)
            {
                double sum = 0;
                double variance = 0;
                for (int s = 0; s < n; s++)
                {
                    int k = (i * n) + s;
                    sum += mean[k];
                    if (!exact[k])
                    {
                        variance += Sigma2(k) / count[k];
                    }
                }

                phi[i] = sum / n;
                halfWidth[i] = Z95 * Math.Sqrt(variance) / n;
            }

            double floor = phi.Average(Math.Abs);
            var scale = phi.Select(p => options.TargetRelativeHalfWidth * Math.Max(Math.Abs(p), floor)).ToArray();
            return (phi, halfWidth, scale);
        }

        /// <summary>More samples per stratum for the players above target (Neyman, with a defensive tenth); null when none can help.</summary>
        private int[]? Allocate(double[] halfWidth, double[] target)
        {
            var extra = new int[n * n];
            int total = 0;
            for (int i = 0; i < n; i++)
            {
                if (halfWidth[i] <= target[i])
                {
                    continue;
                }

                double sigmaSum = 0;
                int strata = 0;
                for (int s = 0; s < n; s++)
                {
                    int k = (i * n) + s;
                    if (!exact[k])
                    {
                        sigmaSum += Sigma(k);
                        strata++;
                    }
                }

                if (strata == 0)
                {
                    continue;
                }

                // Samples player i needs in all: Var = (sum sigma)^2 / (n^2 m) under optimum allocation.
                double wanted = target[i] > 0 ? Math.Pow(Z95 * sigmaSum / (n * target[i]), 2) : double.PositiveInfinity;
                int before = total;
                int worst = -1;
                for (int s = 0; s < n; s++)
                {
                    int k = (i * n) + s;
                    if (exact[k])
                    {
                        continue;
                    }

                    double share = sigmaSum > 0 ? (0.9 * Sigma(k) / sigmaSum) + (0.1 / strata) : 1.0 / strata;
                    double goal = Math.Min(wanted * share, 2.0 * count[k]);
                    int add = (int)Math.Ceiling(goal) - count[k];
                    if (add > 0)
                    {
                        extra[k] = add;
                        total += add;
                    }

                    if (worst < 0 || (Sigma2(k) / count[k]) > (Sigma2(worst) / count[worst]))
                    {
                        worst = k;
                    }
                }

                // The defensive share can leave a player above target with every stratum at its goal (samples spent
                // where sigma is small): then the stratum adding most variance is doubled.
                if (total == before && worst >= 0)
                {
                    extra[worst] = count[worst];
                    total += count[worst];
                }
            }

            if (total == 0)
            {
                return null;
            }

            // Each sample values at most two new coalitions; keep the round within the cap.
            int room = options.MaxCoalitions - memo.Count;
            if (2L * total > room)
            {
                double f = Math.Max(0, room) / (2.0 * total);
                for (int k = 0; k < extra.Length; k++)
                {
                    extra[k] = (int)Math.Ceiling(extra[k] * f);
                }
            }

            return extra;
        }

        private double Sigma(int k) => Math.Sqrt(Sigma2(k));

        /// <summary>
        /// A stratum's residual variance, shrunk towards the player's pooled within-stratum one with the weight of a
        /// pilot: (m s^2 + p pooled) / (m + p). A stratum whose few draws all gave the same marginal (s^2 = 0, common
        /// where a player rarely matters) would otherwise claim to be known exactly, get no more samples, and make the
        /// stated half-width too narrow; shrunk, it keeps a share of the variance until its own sample is large.
        /// </summary>
        private double Sigma2(int k)
        {
            int m = count[k];
            double own = m > 1 ? residualSquares[k] / (m - 1) : 0.0;
            double shrunk = ((m * own) + (Pilot * pooled[k / n])) / (m + Pilot);
            double r = range[k / n];
            return Math.Max(shrunk, RareValueWeight * r * r / (m + 1));
        }

        /// <summary>Draws (or enumerates) the asked samples, values their coalitions in parallel, folds them in order.</summary>
        private void Sample(int[] extra)
        {
            var jobs = new List<(int Stratum, ulong Without)>();
            var others = new int[Math.Max(0, n - 1)];
            for (int i = 0; i < n; i++)
            {
                int o = 0;
                for (int j = 0; j < n; j++)
                {
                    if (j != i)
                    {
                        others[o++] = j;
                    }
                }

                for (int s = 0; s < n; s++)
                {
                    int k = (i * n) + s;
                    if (exact[k] || extra[k] <= 0)
                    {
                        continue;
                    }

                    if (xs[k].Count + extra[k] >= population[s])
                    {
                        // As many samples as coalitions: enumerate them instead, and the stratum is exact.
                        xs[k].Clear();
                        ys[k].Clear();
                        exact[k] = true;
                        foreach (ulong c in Subsets(others, s))
                        {
                            jobs.Add((k, c));
                        }

                        continue;
                    }

                    for (int d = 0; d < extra[k]; d++)
                    {
                        // Partial Fisher-Yates: the first s of a shuffle of the others are a uniform s-subset.
                        ulong c = 0;
                        for (int t = 0; t < s; t++)
                        {
                            int r = t + random.Next(others.Length - t);
                            (others[t], others[r]) = (others[r], others[t]);
                            c |= 1UL << others[t];
                        }

                        jobs.Add((k, c));
                    }
                }
            }

            var marginals = new double[jobs.Count];
            var done = 0;
            var every = Math.Max(1, jobs.Count / 20);
            void Evaluate(int j)
            {
                var (k, without) = jobs[j];
                int i = k / n;
                marginals[j] = Value(without | (1UL << i)) - Value(without);

                // A round (the pilot above all) can take minutes: progress within it, not only after it.
                if (options.Progress is { } tell && Interlocked.Increment(ref done) % every == 0)
                {
                    lock (progressGate)
                    {
                        tell(new StratifiedProgress(memo.Count, Math.Max(plannedNow, memo.Count), widestNow) { Round = roundNow });
                    }
                }
            }

            if (options.MaxDegreeOfParallelism > 1)
            {
                Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism }, Evaluate);
            }
            else
            {
                for (int j = 0; j < jobs.Count; j++)
                {
                    Evaluate(j);
                }
            }

            for (int j = 0; j < jobs.Count; j++)
            {
                var (k, without) = jobs[j];
                int i = k / n;
                xs[k].Add(marginals[j]);
                ys[k].Add(control?.Marginal(i, without | (1UL << i)) ?? 0.0);
            }
        }

        private double Value(ulong coalition) =>
            coalition == 0 ? 0.0 : memo.GetOrAdd(coalition, c => new Lazy<double>(() => game.Value(c))).Value;

        private Allocation Result(double[] phi, double[] halfWidth, int rounds)
        {
            // Stratum means do not add up to v(N) the way a permutation's marginals do, so the estimate is projected
            // onto sum = v(N) by generalised least squares: each share moves by its variance's part of the gap
            // (phi_i += var_i / sum var x (v(N) - sum phi)). The constraint is true of the Shapley value, so this can
            // only lower each variance (to var_i - var_i^2 / sum var); the half-widths stated are the unprojected,
            // larger ones.
            double grand = Value(game.GrandCoalition);
            double gap = grand - phi.Sum();
            double totalVariance = halfWidth.Sum(h => h * h);
            phi = [.. phi.Select((p, i) => totalVariance > 0 ? p + (halfWidth[i] * halfWidth[i] / totalVariance * gap) : p)];

            var samples = new int[n];
            int exactStrata = 0;
            for (int i = 0; i < n; i++)
            {
                for (int s = 0; s < n; s++)
                {
                    int k = (i * n) + s;
                    samples[i] += count[k];
                    exactStrata += exact[k] ? 1 : 0;
                }
            }

            string stop = TargetMet
                ? string.Create(CultureInfo.InvariantCulture, $"every share within ±{options.TargetRelativeHalfWidth:P1} of max(|share|, mean |share|)")
                : memo.Count >= options.MaxCoalitions
                    ? string.Create(CultureInfo.InvariantCulture, $"stopped at the cap of {options.MaxCoalitions} coalitions before the target of ±{options.TargetRelativeHalfWidth:P1}")
                    : "stopped: no stratum left to sample";
            string controlled = control is null ? string.Empty : "; the pair game (singletons and pair dividends, exact) as a control variate per stratum";
            return new Allocation(MethodName, game.Kind, game.Players, [.. phi])
            {
                HalfWidths95 = [.. halfWidth],
                Samples = memo.Count,
                SamplesPerPlayer = [.. samples],
                Note = string.Create(CultureInfo.InvariantCulture,
                    $"stratified sampling by player and coalition size (Castro et al. 2017), Neyman allocation after a pilot of {Pilot} per stratum, {exactStrata} of {n * n} strata enumerated exactly, {rounds} rounds, {memo.Count} coalitions valued{controlled}; {stop}; shares adjusted to add up to v(N) in proportion to their variances; 95% normal half-widths (before the adjustment, which only narrows them)"),
            };
        }

        /// <summary>All s-subsets of <paramref name="players"/> as masks, in a fixed order.</summary>
        private static IEnumerable<ulong> Subsets(int[] players, int s)
        {
            var sorted = players.Order().ToArray();
            var pick = Enumerable.Range(0, s).ToArray();
            int m = sorted.Length;
            while (true)
            {
                ulong c = 0;
                foreach (int p in pick)
                {
                    c |= 1UL << sorted[p];
                }

                yield return c;

                // Next combination in lexicographic order.
                int t = s - 1;
                while (t >= 0 && pick[t] == m - s + t)
                {
                    t--;
                }

                if (t < 0)
                {
                    yield break;
                }

                pick[t]++;
                for (int u = t + 1; u < s; u++)
                {
                    pick[u] = pick[u - 1] + 1;
                }
            }
        }

        private static double Binomial(int m, int k)
        {
            double r = 1;
            for (int j = 1; j <= k; j++)
            {
                r = r * (m - k + j) / j;
            }

            return Math.Round(r);
        }
    }
}
