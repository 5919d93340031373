using System.Collections.Immutable;

namespace SymbiosisOptimizer.Scenarios;

/// <summary>One named override: a set of dotted paths with new values (Calliope's building blocks).</summary>
public sealed record OverrideDefinition(string Name, SourceLocation Location, ImmutableArray<OverrideSetting> Settings);

public sealed record OverrideSetting(string Path, ScalarNode PathNode, Node Value);

/// <summary>A named scenario: the ordered list of overrides it applies to the base model.</summary>
public sealed record ScenarioDefinition(string Name, SourceLocation Location, ImmutableArray<(string Override, SourceLocation At)> Overrides);

/// <summary>Applies overrides to a document tree, producing a new tree; the base tree is never changed.</summary>
public static class OverrideApplier
{
    /// <summary>Sets one dotted path. List items are addressed by id. Returns null (and reports) if the path points nowhere.</summary>
    public static MapNode? Apply(MapNode root, OverrideSetting setting, string overrideName, DiagnosticBag diagnostics)
    {
        var segments = setting.Path.Split('.');
        if (segments.Any(s => s.Length == 0))
        {
            diagnostics.Error(setting.PathNode.Location, $"overrides.{overrideName}", $"'{setting.Path}' is not a valid path; write keys joined by dots, e.g. 'policies.landfillTax'");
            return null;
        }

        var result = Set(root, segments, 0, setting, overrideName, diagnostics);
        return result as MapNode;
    }

    private static Node? Set(Node node, string[] path, int i, OverrideSetting setting, string overrideName, DiagnosticBag diagnostics)
    {
        var segment = path[i];
        var soFar = string.Join('.', path[..(i + 1)]);
        switch (node)
        {
            case MapNode map:
                var child = map.Get(segment);
                if (i == path.Length - 1)
                {
                    return map.With(new ScalarNode(segment, setting.PathNode.Location), setting.Value);
                }

                if (child is null)
                {
                    Nowhere(setting, overrideName, diagnostics, $"'{soFar}' does not exist in the model");
                    return null;
                }

                var updated = Set(child, path, i + 1, setting, overrideName, diagnostics);
                return updated is null ? null : map.With(new ScalarNode(segment, setting.PathNode.Location), updated);
            case SequenceNode seq:
                for (var k = 0; k < seq.Items.Length; k++)
                {
                    if (seq.Items[k] is MapNode item && item.Get("id") is ScalarNode id && string.Equals(id.Value.Trim(), segment, StringComparison.Ordinal))
                    {
                        if (i == path.Length - 1)
                        {
                            return seq with { Items = seq.Items.SetItem(k, setting.Value) };
                        }

                        var inner = Set(item, path, i + 1, setting, overrideName, diagnostics);
                        return inner is null ? null : seq with { Items = seq.Items.SetItem(k, inner) };
                    }
                }

                var ids = seq.Items.OfType<MapNode>().Select(m => (m.Get("id") as ScalarNode)?.Value).Where(v => v is not null).Cast<string>().ToList();
                var hint = Fields.Closest(segment, ids) is { } c ? $" (did you mean '{c}'?)" : string.Empty;
                Nowhere(setting, overrideName, diagnostics, $"there is no item with id '{segment}' in '{string.Join('.', path[..i])}'{hint}");
                return null;
            default:
                Nowhere(setting, overrideName, diagnostics, $"'{string.Join('.', path[..i])}' is a single value and has no '{segment}'");
                return null;
        }
    }

    private static void Nowhere(OverrideSetting setting, string overrideName, DiagnosticBag diagnostics, string why) =>
        diagnostics.Error(setting.PathNode.Location, $"overrides.{overrideName}", $"'{setting.Path}' points nowhere: {why}");

    /// <summary>Two overrides of one scenario that set the same key (or one inside the other) are an error.</summary>
    public static bool CheckConflicts(ScenarioDefinition scenario, IReadOnlyDictionary<string, OverrideDefinition> overrides, DiagnosticBag diagnostics)
    {
        var ok = true;
        var setBy = new List<(string Path, string Override)>();
        foreach (var (name, at) in scenario.Overrides)
        {
            if (!overrides.TryGetValue(name, out var o))
            {
                continue;
            }

            foreach (var s in o.Settings)
            {
                foreach (var (path, other) in setBy)
                {
                    if (other != name && (path == s.Path || path.StartsWith(s.Path + ".", StringComparison.Ordinal) || s.Path.StartsWith(path + ".", StringComparison.Ordinal)))
                    {
                        diagnostics.Error(at, $"scenarios.{scenario.Name}",
                            $"overrides '{other}' and '{name}' both set '{(path.Length <= s.Path.Length ? path : s.Path)}'; a scenario may set each key only once");
                        ok = false;
                    }
                }

                setBy.Add((s.Path, name));
            }
        }

        return ok;
    }
}
