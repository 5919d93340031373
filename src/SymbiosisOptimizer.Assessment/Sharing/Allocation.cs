using System.Collections.Immutable;

namespace SymbiosisOptimizer.Assessment.Sharing;

/// <summary>
/// The outcome of one sharing method: one amount per player, in <see cref="Players"/> order.
/// For a <see cref="GameKind.Value"/> game an amount is the benefit a player receives; for a
/// <see cref="GameKind.Cost"/> game it is the cost the player pays.
/// </summary>
public sealed record Allocation(string Method, GameKind Kind, ImmutableArray<string> Players, ImmutableArray<double> Amounts)
{
    /// <summary>95 % confidence half-widths per player, only for sampled estimates.</summary>
    public ImmutableArray<double>? HalfWidths95 { get; init; }

    /// <summary>Number of permutations behind a sampled estimate (for a stratified one: coalitions valued).</summary>
    public int? Samples { get; init; }

    /// <summary>Per player, the marginal contributions sampled for its share (stratified estimates only).</summary>
    public ImmutableArray<int>? SamplesPerPlayer { get; init; }

    /// <summary>Least-core epsilon, for the least-core method.</summary>
    public double? Epsilon { get; init; }

    /// <summary>Plain-language remark, e.g. that a fallback rule was used.</summary>
    public string? Note { get; init; }

    public double Total => Amounts.Sum();

    public double this[string player]
    {
        get
        {
            int index = Players.IndexOf(player, StringComparer.Ordinal);
            if (index < 0)
            {
                throw new KeyNotFoundException($"Player '{player}' is not part of this allocation.");
            }

            return Amounts[index];
        }
    }
}
