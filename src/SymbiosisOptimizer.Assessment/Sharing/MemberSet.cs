using System.Numerics;

namespace SymbiosisOptimizer.Assessment.Sharing;

/// <summary>
/// A coalition of any number of players as a bit set (a ulong mask stops at 64 players; constraint generation works
/// on components of 100 and more). Immutable, compared by members.
/// </summary>
public sealed class MemberSet : IEquatable<MemberSet>
{
    private readonly ulong[] words;

    private MemberSet(int playerCount, ulong[] words)
    {
        PlayerCount = playerCount;
        this.words = words;
        Count = words.Sum(w => BitOperations.PopCount(w));
    }

    public int PlayerCount { get; }

    /// <summary>Number of members.</summary>
    public int Count { get; }

    public static MemberSet Of(int playerCount, IEnumerable<int> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var w = new ulong[(playerCount + 63) / 64];
        foreach (var i in members)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(i);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, playerCount);
            w[i / 64] |= 1UL << (i % 64);
        }

        return new MemberSet(playerCount, w);
    }

    public static MemberSet FromMask(int playerCount, ulong mask) => Of(playerCount, Enumerable.Range(0, Math.Min(64, playerCount)).Where(i => (mask & (1UL << i)) != 0));

    /// <summary>The set of the bits of <paramref name="mask"/>, a mask of any unsigned width (ulong, UInt128).</summary>
    public static MemberSet FromBits<TMask>(int playerCount, TMask mask)
        where TMask : IBinaryInteger<TMask>, IUnsignedNumber<TMask>
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(playerCount, TMask.Zero.GetByteCount() * 8);
        var w = new ulong[(playerCount + 63) / 64];
        for (var k = 0; k < w.Length; k++)
        {
            w[k] = ulong.CreateTruncating(mask >> (64 * k));
        }

        if (w.Length > 0 && playerCount % 64 != 0 && (w[^1] >> (playerCount % 64)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(mask), $"The mask has bits beyond player {playerCount - 1}.");
        }

        return new MemberSet(playerCount, w);
    }

    /// <summary>The mask of this set in an unsigned integer wide enough for its players (ulong up to 64, UInt128 up to 128).</summary>
    public TMask ToBits<TMask>()
        where TMask : IBinaryInteger<TMask>, IUnsignedNumber<TMask>
    {
        if (PlayerCount > TMask.Zero.GetByteCount() * 8)
        {
            throw new InvalidOperationException($"{PlayerCount} players do not fit a mask of {TMask.Zero.GetByteCount() * 8} bits");
        }

        var mask = TMask.Zero;
        for (var k = 0; k < words.Length; k++)
        {
            mask |= TMask.CreateTruncating(words[k]) << (64 * k);
        }

        return mask;
    }

    public bool Contains(int player) => (words[player / 64] & (1UL << (player % 64))) != 0;

    public IEnumerable<int> Members()
    {
        for (var k = 0; k < words.Length; k++)
        {
            for (var w = words[k]; w != 0; w &= w - 1)
            {
                yield return (k * 64) + BitOperations.TrailingZeroCount(w);
            }
        }
    }

    /// <summary>The mask of a set of at most 64 players.</summary>
    public ulong ToMask() => PlayerCount <= 64 ? words[0] : throw new InvalidOperationException($"{PlayerCount} players do not fit a mask");

    public double Sum(IReadOnlyList<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var s = 0.0;
        foreach (var i in Members())
        {
            s += x[i];
        }

        return s;
    }

    public bool Equals(MemberSet? other) => other is not null && other.PlayerCount == PlayerCount && words.AsSpan().SequenceEqual(other.words);

    public override bool Equals(object? obj) => Equals(obj as MemberSet);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var w in words)
        {
            h.Add(w);
        }

        return h.ToHashCode();
    }
}
