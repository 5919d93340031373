using System.Collections.Immutable;
using System.Numerics;

namespace SymbiosisOptimizer.Assessment.Sharing;

/// <summary>A coalition that would rather leave: it can do better on its own than the allocation gives it.</summary>
/// <param name="Coalition">Members joined with '+', in player order.</param>
/// <param name="Members">Member ids in player order.</param>
/// <param name="Shortfall">
/// How much better it does alone: v(S) - x(S) for a benefit game, x(S) - c(S) for a cost game. Always positive.
/// </param>
public sealed record BlockingCoalition(string Coalition, ImmutableArray<string> Members, double Shortfall);

/// <param name="InCore">Efficient and not blocked by any coalition.</param>
/// <param name="IsEfficient">x(N) equals v(N) within tolerance.</param>
/// <param name="EfficiencyGap">x(N) - v(N); non-zero means the allocation does not share exactly what the grand coalition has.</param>
/// <param name="Blocking">Blocking coalitions, largest shortfall first.</param>
public sealed record CoreCheckResult(bool InCore, bool IsEfficient, double EfficiencyGap, ImmutableArray<BlockingCoalition> Blocking);

/// <summary>Core membership: efficiency plus no coalition able to improve on its share by leaving.</summary>
public static class CoreCheck
{
    /// <summary>
    /// Checks <paramref name="amounts"/> (in player order, in the game's own units) against every coalition.
    /// <paramref name="tolerance"/> is relative to the largest absolute coalition value (default 1e-9), so values
    /// produced by an LP are not reported as blocked by rounding noise.
    /// </summary>
    public static CoreCheckResult Check(CooperativeGame game, IReadOnlyList<double> amounts, double tolerance = 1e-9)
    {
        ArgumentNullException.ThrowIfNull(game);
        ArgumentNullException.ThrowIfNull(amounts);
        var v = game.RequireExplicit("The core check");
        int n = game.PlayerCount;
        if (amounts.Count != n)
        {
            throw new ArgumentException($"Expected {n} amounts, got {amounts.Count}.", nameof(amounts));
        }

        double tol = tolerance * Scale(game);
        // Positive sign: a benefit coalition blocks when v(S) > x(S); a cost coalition blocks when x(S) > c(S).
        double sign = game.Kind == GameKind.Value ? 1.0 : -1.0;
        int size = 1 << n;
        var sums = new double[size];
        var blocking = new List<(int Mask, double Shortfall)>();
        for (int mask = 1; mask < size; mask++)
        {
            int lowest = BitOperations.TrailingZeroCount(mask);
            sums[mask] = sums[mask & (mask - 1)] + amounts[lowest];
            if (mask == size - 1)
            {
                continue;
            }

            double shortfall = sign * (v[mask] - sums[mask]);
            if (shortfall > tol)
            {
                blocking.Add((mask, shortfall));
            }
        }

        double gap = sums[size - 1] - v[size - 1];
        bool efficient = Math.Abs(gap) <= tol;
        var ordered = blocking
            .OrderByDescending(b => b.Shortfall)
            .ThenBy(b => b.Mask)
            .Select(b => new BlockingCoalition(
                game.CoalitionName((ulong)b.Mask),
                [.. game.Members((ulong)b.Mask).Select(i => game.Players[i])],
                b.Shortfall))
            .ToImmutableArray();
        return new CoreCheckResult(efficient && ordered.IsEmpty, efficient, gap, ordered);
    }

    public static CoreCheckResult Check(CooperativeGame game, Allocation allocation, double tolerance = 1e-9)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        return Check(game, allocation.Amounts, tolerance);
    }

    internal static double Scale(CooperativeGame game)
    {
        var v = game.RequireExplicit("The core check");
        double scale = 1.0;
        foreach (double value in v)
        {
            scale = Math.Max(scale, Math.Abs(value));
        }

        return scale;
    }
}
