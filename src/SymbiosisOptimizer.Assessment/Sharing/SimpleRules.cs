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
    public static Allocation EqualSurplus(CooperativeGame game) => EqualSurplus(game, default);

    /// <summary>
    /// Equal surplus among <paramref name="participants"/> only (all players when default): a player that takes part
    /// in nothing keeps its standalone value and gets no share of the surplus.
    /// </summary>
    public static Allocation EqualSurplus(CooperativeGame game, IReadOnlyList<bool>? participants)
    {
        ArgumentNullException.ThrowIfNull(game);
        int n = game.PlayerCount;
        var standalone = Enumerable.Range(0, n).Select(game.Standalone).ToArray();
        var takes = Takes(n, participants);
        var count = takes.Count(t => t);
        double share = count == 0 ? 0 : (game.GrandValue - standalone.Sum()) / count;
        return new Allocation(EqualSurplusMethod, game.Kind, game.Players, [.. standalone.Select((s, i) => takes[i] ? s + share : s)]);
    }

    private static bool[] Takes(int n, IReadOnlyList<bool>? participants)
    {
        if (participants is null || participants.Count == 0)
        {
            return Enumerable.Repeat(true, n).ToArray();
        }

        return participants.Count == n ? [.. participants] : throw new ArgumentException($"need one participation flag per player ({n})", nameof(participants));
    }

    /// <summary>
    /// v(N) split in proportion to standalone values; for a cost game, the joint cost split in proportion to
    /// standalone costs (the savings game cannot be used here: its standalone values are all zero).
    /// The weights only make sense when the standalone values share one sign and do not sum to zero; otherwise the rule
    /// falls back to an equal split of v(N) and says so in <see cref="Allocation.Note"/>.
    /// </summary>
    public static Allocation Proportional(CooperativeGame game) => Proportional(game, null);

    /// <summary>
    /// As <see cref="Proportional(CooperativeGame)"/>; when every standalone value is zero (nobody gains alone, as in
    /// most exchange networks) and <paramref name="participants"/> are given, v(N) is split in proportion to what each
    /// participant adds to everybody else, v(N) - v(N \ {i}), instead of equally.
    /// </summary>
    public static Allocation Proportional(CooperativeGame game, IReadOnlyList<bool>? participants)
    {
        ArgumentNullException.ThrowIfNull(game);
        int n = game.PlayerCount;
        var standalone = Enumerable.Range(0, n).Select(game.Standalone).ToArray();
        double total = standalone.Sum();
        double grand = game.GrandValue;

        string? fallback = null;
        if (standalone.All(s => s == 0.0) && participants is { Count: > 0 })
        {
            var takes = Takes(n, participants);
            var weights = Enumerable.Range(0, n).Select(i => takes[i] ? Math.Max(0, game.MarginalToGrand(i)) : 0).ToArray();
            var sum = weights.Sum();
            if (sum > 0)
            {
                return new Allocation(ProportionalMethod, game.Kind, game.Players, [.. weights.Select(w => grand * w / sum)])
                {
                    Note = "nobody gains alone, so v(N) was split in proportion to what each actor adds to all the others, v(N) - v(N without it)",
                };
            }

            var count = takes.Count(t => t);
            return new Allocation(ProportionalMethod, game.Kind, game.Players, [.. takes.Select(t => t && count > 0 ? grand / count : 0)])
            {
                Note = "nobody gains alone and no actor adds to the others, so v(N) was split equally among the actors that take part",
            };
        }

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
