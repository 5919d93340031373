using System.Collections.Immutable;
using System.Globalization;

namespace SymbiosisOptimizer.Assessment.Runner;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> (0-based, as Slurm array and Kubernetes completion indexes count) of
/// a work plan fixed before sharding. Item i of the plan belongs to shard i mod N: round robin, so a sweep whose cost
/// grows along its axis, or barriers listed by kind, spread evenly over the shards.
/// </summary>
public readonly record struct ShardSpec(int Index, int Count)
{
    /// <summary>At most this many shards: more is a typo (and a plan has at most a million samples anyway).</summary>
    public const int MaxCount = 100_000;

    /// <summary>The whole plan in one process.</summary>
    public static ShardSpec Whole { get; } = new(0, 1);

    public bool IsWhole => Count == 1;

    public bool Owns(int item) => item % Count == Index;

    /// <summary>The plan items of this shard, in plan order.</summary>
    public ImmutableArray<int> Items(int planSize) => [.. Enumerable.Range(0, planSize).Where(Owns)];

    /// <summary>Parses <c>K/N</c>; the error is a sentence naming what is allowed.</summary>
    public static bool TryParse(string text, out ShardSpec shard, out string error)
    {
        shard = Whole;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0
            || !int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var k)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            error = $"'{text}' is not a shard; write K/N with whole numbers, 0 <= K < N, e.g. 0/4 for the first of four shards";
            return false;
        }

        return TryCreate(k, n, out shard, out error);
    }

    public static bool TryCreate(int index, int count, out ShardSpec shard, out string error)
    {
        shard = Whole;
        if (count < 1 || count > MaxCount)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"{count} shards are not allowed; give from 1 to {MaxCount}");
            return false;
        }

        if (index < 0 || index >= count)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"shard {index} of {count} does not exist; shards count from 0 to {count - 1}");
            return false;
        }

        shard = new ShardSpec(index, count);
        error = string.Empty;
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
