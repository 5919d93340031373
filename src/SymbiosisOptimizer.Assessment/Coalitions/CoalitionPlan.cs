using System.Collections.Immutable;
using SymbiosisOptimizer.Assessment.Runner;

namespace SymbiosisOptimizer.Assessment.Coalitions;

/// <summary>One coalition of the plan: a mask over the players of component <paramref name="Component"/>, or of its part
/// <paramref name="Part"/> (-1: the component itself).</summary>
public sealed record PlannedCoalition(int Component, int Part, ulong Mask);

/// <summary>A coalition value as a shard computed it.</summary>
/// <param name="Solved">It took a solve (counted in the document's coalition solves).</param>
public sealed record CoalitionValue(int Component, int Part, ulong Mask, double Value, bool Solved);

/// <summary>
/// The coalition values a sharing analysis tabulates, fixed before sharding: every connected coalition of every
/// component (or part of one) that <see cref="RegionSharing.Game"/> tabulates. Coalitions the links do not connect are
/// sums of these, found from the cache without a solve. Sampled Shapley visits coalitions that depend on the draws, so
/// its components are not in the plan: the merge values them (they are the large ones, valued by a few thousand solves).
/// </summary>
public static class CoalitionPlan
{
    public static ImmutableArray<PlannedCoalition> Of(RegionGame game, RegionSharingOptions options)
    {
        ArgumentNullException.ThrowIfNull(game);
        ArgumentNullException.ThrowIfNull(options);
        var list = ImmutableArray.CreateBuilder<PlannedCoalition>();
        void All(int c, int p, GameComponent g)
        {
            var full = g.FullMask;
            for (ulong m = 1; m != 0 && m <= full; m++)
            {
                if (g.IsConnected(m))
                {
                    list.Add(new PlannedCoalition(c, p, m));
                }
            }
        }

        for (var c = 0; c < game.Components.Length; c++)
        {
            var comp = game.Components[c];
            if (RegionSharing.NotShareable(comp) is not null)
            {
                continue;
            }

            if (comp.Players.Length <= options.MaxExactPlayers && comp.Parts.IsEmpty)
            {
                All(c, -1, comp);
                continue;
            }

            var small = comp.Players.Length <= options.MaxExactPlayers;
            for (var p = 0; p < comp.Parts.Length; p++)
            {
                if (small || RegionSharing.TabulatePart(comp.Parts[p].Game, options.MaxExactPlayers, options.Samples, options.MaxSolves))
                {
                    All(c, p, comp.Parts[p].Game);
                }
            }
        }

        return list.ToImmutable();
    }

    /// <summary>The values of the plan's coalitions this shard holds (coalition i when i mod N = K), in plan order.</summary>
    public static ImmutableArray<CoalitionValue> Compute(RegionGame game, ImmutableArray<PlannedCoalition> plan, ShardSpec shard, ProgressReport? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(game);
        return Solving.InParallel(shard.Items(plan.Length), (i, _) =>
        {
            var (c, g) = (plan[i], GameOf(game, plan[i].Component, plan[i].Part));
            return new CoalitionValue(c.Component, c.Part, c.Mask, g.Value(c.Mask), g.NeedsSolve(c.Mask));
        }, null, progress, cancel);
    }

    /// <summary>Puts the values of every shard into the game's caches; false when one names no coalition of this game.</summary>
    public static bool Preload(RegionGame game, IEnumerable<CoalitionValue> values)
    {
        ArgumentNullException.ThrowIfNull(game);
        ArgumentNullException.ThrowIfNull(values);
        foreach (var v in values)
        {
            if (v.Component < 0 || v.Component >= game.Components.Length || v.Part < -1 || v.Part >= game.Components[v.Component].Parts.Length)
            {
                return false;
            }

            GameOf(game, v.Component, v.Part).Preload(v.Mask, v.Value, v.Solved);
        }

        return true;
    }

    private static GameComponent GameOf(RegionGame game, int component, int part) =>
        part < 0 ? game.Components[component] : game.Components[component].Parts[part].Game;
}
