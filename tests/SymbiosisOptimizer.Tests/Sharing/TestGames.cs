using SymbiosisOptimizer.Assessment.Sharing;

namespace SymbiosisOptimizer.Tests.Sharing;

/// <summary>Games with published solutions, and the comparison helpers the sharing tests share.</summary>
internal static class TestGames
{
    /// <summary>Builds a game from "A+B" style entries; unlisted coalitions are worth 0.</summary>
    public static CooperativeGame Build(string[] players, GameKind kind, params (string Coalition, double Value)[] entries)
    {
        var index = players.Select((p, i) => (p, i)).ToDictionary(t => t.p, t => t.i, StringComparer.Ordinal);
        var values = new double[1 << players.Length];
        foreach (var (coalition, value) in entries)
        {
            int mask = coalition.Split('+').Aggregate(0, (m, p) => m | (1 << index[p]));
            values[mask] = value;
        }

        return CooperativeGame.FromValues(players, values, kind);
    }

    /// <summary>
    /// Glove game: L holds a left glove, R1 and R2 right gloves; a pair is worth 1.
    /// Shapley value (2/3, 1/6, 1/6) as given in Wikipedia, "Shapley value", section "Glove game";
    /// the core is the single point (1, 0, 0), hence so is the nucleolus.
    /// </summary>
    public static CooperativeGame Glove() =>
        Build(["L", "R1", "R2"], GameKind.Value, ("L+R1", 1), ("L+R2", 1), ("L+R1+R2", 1));

    /// <summary>v(S) = sum over S of a_i plus sum over pairs in S of w_ij, integers so that every value is exact in doubles.</summary>
    public static Func<ulong, double> Pairwise(int n, int seed, out double[] alone, out double[,] pair)
    {
        var random = new Random(seed);
        var a = Enumerable.Range(0, n).Select(_ => (double)random.Next(-5, 20)).ToArray();
        var w = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                w[i, j] = random.Next(3) == 0 ? 0 : random.Next(-10, 40);
                w[j, i] = w[i, j];
            }
        }

        (alone, pair) = (a, w);
        return s =>
        {
            double v = 0;
            for (int i = 0; i < n; i++)
            {
                if ((s & (1UL << i)) == 0)
                {
                    continue;
                }

                v += a[i];
                for (int j = i + 1; j < n; j++)
                {
                    v += (s & (1UL << j)) != 0 ? w[i, j] : 0;
                }
            }

            return v;
        };
    }

    /// <summary>Three-player majority game: any two players win 1. Core empty, least-core epsilon 1/3.</summary>
    public static CooperativeGame Majority3() =>
        Build(["A", "B", "C"], GameKind.Value, ("A+B", 1), ("A+C", 1), ("B+C", 1), ("A+B+C", 1));

    /// <summary>Bankruptcy game (O'Neill 1982): v(S) = max(0, E - sum of the claims of players outside S).</summary>
    public static CooperativeGame Bankruptcy(double estate, params double[] claims)
    {
        var players = Enumerable.Range(1, claims.Length).Select(i => "P" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return CooperativeGame.FromFunction(players, s =>
        {
            double outside = 0;
            for (int i = 0; i < claims.Length; i++)
            {
                if ((s & (1UL << i)) == 0)
                {
                    outside += claims[i];
                }
            }

            return Math.Max(0.0, estate - outside);
        });
    }

    /// <summary>
    /// The Talmud rule of Aumann &amp; Maschler (1985), "Game theoretic analysis of a bankruptcy problem from the
    /// Talmud", J. Econ. Theory 36: constrained equal awards on half-claims when the estate is at most half the total
    /// claims, otherwise constrained equal losses on half-claims. Their theorem: it equals the nucleolus of the
    /// bankruptcy game, for any number of claimants.
    /// </summary>
    public static double[] TalmudRule(double estate, double[] claims)
    {
        double total = claims.Sum();
        if (estate <= total / 2)
        {
            double level = Bisect(l => claims.Sum(c => Math.Min(c / 2, l)) - estate, 0, claims.Max());
            return claims.Select(c => Math.Min(c / 2, level)).ToArray();
        }

        double loss = Bisect(l => claims.Sum(c => Math.Min(c / 2, l)) - (total - estate), 0, claims.Max());
        return claims.Select(c => c - Math.Min(c / 2, loss)).ToArray();
    }

    private static double Bisect(Func<double, double> increasing, double low, double high)
    {
        for (int k = 0; k < 200; k++)
        {
            double mid = 0.5 * (low + high);
            if (increasing(mid) < 0)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return 0.5 * (low + high);
    }

    public static bool Close(double expected, double actual, double relative = 1e-6) =>
        Math.Abs(expected - actual) <= relative * Math.Max(1.0, Math.Abs(expected));

    public static void AssertClose(double expected, double actual, double relative = 1e-6) =>
        Assert.True(Close(expected, actual, relative), $"expected {expected:R}, got {actual:R}");

    public static void AssertAmounts(IReadOnlyList<double> expected, Allocation allocation, double relative = 1e-6)
    {
        Assert.Equal(expected.Count, allocation.Amounts.Length);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(Close(expected[i], allocation.Amounts[i], relative),
                $"{allocation.Method}: player {allocation.Players[i]} expected {expected[i]:R}, got {allocation.Amounts[i]:R} (all: {string.Join(", ", allocation.Amounts)})");
        }
    }

    /// <summary>Excesses v(S) - x(S) of all proper non-empty coalitions, largest first: the vector the nucleolus minimises.</summary>
    public static double[] SortedExcesses(CooperativeGame game, IReadOnlyList<double> x)
    {
        var excesses = new List<double>();
        for (ulong s = 1; s < game.GrandCoalition; s++)
        {
            excesses.Add(game.Value(s) - game.Members(s).Sum(i => x[i]));
        }

        return [.. excesses.OrderByDescending(e => e)];
    }

    /// <summary>a &lt;=_lex b up to tolerance.</summary>
    public static bool LexLessOrEqual(double[] a, double[] b, double tolerance)
    {
        for (int k = 0; k < a.Length; k++)
        {
            if (a[k] < b[k] - tolerance)
            {
                return true;
            }

            if (a[k] > b[k] + tolerance)
            {
                return false;
            }
        }

        return true;
    }
}
