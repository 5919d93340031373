using System.Collections.Immutable;

namespace SymbiosisOptimizer.Scenarios;

/// <summary>
/// A located, immutable document tree: YAML, CSV and Excel all become this, so one validating builder serves every
/// input format and every error can point at its source.
/// </summary>
public abstract record Node(SourceLocation Location);

public sealed record ScalarNode(string Value, SourceLocation Location, bool IsNull = false) : Node(Location);

public sealed record SequenceNode(ImmutableArray<Node> Items, SourceLocation Location) : Node(Location);

public sealed record MapEntry(ScalarNode Key, Node Value);

public sealed record MapNode(ImmutableArray<MapEntry> Entries, SourceLocation Location) : Node(Location)
{
    public Node? Get(string key)
    {
        foreach (var e in Entries)
        {
            if (string.Equals(e.Key.Value, key, StringComparison.Ordinal))
            {
                return e.Value;
            }
        }

        return null;
    }

    /// <summary>A new map with <paramref name="key"/> set (replaced in place, or appended); this map is unchanged.</summary>
    public MapNode With(ScalarNode key, Node value)
    {
        for (var i = 0; i < Entries.Length; i++)
        {
            if (string.Equals(Entries[i].Key.Value, key.Value, StringComparison.Ordinal))
            {
                return this with { Entries = Entries.SetItem(i, new MapEntry(Entries[i].Key, value)) };
            }
        }

        return this with { Entries = Entries.Add(new MapEntry(key, value)) };
    }
}
