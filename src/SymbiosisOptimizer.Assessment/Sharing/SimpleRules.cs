namespace SymbiosisOptimizer.Assessment.Sharing;

/// <summary>Rules that only look at standalone values and v(N): easy to explain, but blind to what partial coalitions can do.</summary>
public static class SimpleRules
{
    public const string EqualSurplusMethod = "equal";
    public const string ProportionalMethod = "proportional";

    /// <summary>
    /// "Equal surplus": every player gets its standalone value plus an equal 1/n of the surplus v(N) - sum v({i}).
    /// The same formula serves cost games unchanged: each player pays its standalone cost minus an equal share of the
    /// joint savings.
    /// </summary>
    public static Allocation EqualSurplus(CooperativeGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        int n = game.PlayerCount;
        var standalone = Enumerable.Range(0, n).Select(game.Standalone).ToArray();
        double share = (game.GrandValue - standalone.Sum()) / n;
        return new Allocation(EqualSurplusMethod, game.Kind, game.Players, [.. standalone.Select(s => s + share)]);
    }

    /// <summary>
    /// v(N) split in proportion to standalone values; for a cost game, the joint cost split in proportion to
    /// standalone costs (the savings game cannot be used here: its standalone values are all zero).
    /// The weights only make sense when the standalone values share one sign and do not sum to zero; otherwise the rule
    /// falls back to an equal split of v(N) and says so in <see cref="Allocation.Note"/>.
    /// </summary>
    public static Allocation Proportional(CooperativeGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        int n = game.PlayerCount;
        var standalone = Enumerable.Range(0, n).Select(game.Standalone).ToArray();
        double total = standalone.Sum();
        double grand = game.GrandValue;

        string? fallback = null;
        if (standalone.All(s => s == 0.0))
        {
            fallback = "all standalone values are zero, so v(N) was split equally";
        }
        else if (standalone.Any(s => s > 0.0) && standalone.Any(s => s < 0.0))
        {
            fallback = "standalone values have mixed signs, so proportions are meaningless and v(N) was split equally";
        }

        if (fallback is not null)
        {
            return new Allocation(ProportionalMethod, game.Kind, game.Players, [.. Enumerable.Repeat(grand / n, n)])
            {
                Note = fallback,
            };
        }

        return new Allocation(ProportionalMethod, game.Kind, game.Players, [.. standalone.Select(s => grand * s / total)]);
    }
}
