using System.Collections.Immutable;
using System.Text;

namespace SymbiosisOptimizer.Scenarios.Excel;

/// <summary>One change a firm's workbook makes to the regional scenario, located at the workbook cell (or row) that makes it.</summary>
/// <param name="Section">actors, supplies, demands or processes.</param>
/// <param name="Field">The dotted field (route.cost); null for a whole row added or removed.</param>
public sealed record FirmChange(string Actor, string Section, string Item, string? Field, string? Before, string? After, SourceLocation Location)
{
    public override string ToString() => (Before, After) switch
    {
        (null, _) when Field is null => $"{Location}: {Actor}: {Section} '{Item}' added",
        (_, null) when Field is null => $"{Location}: {Actor}: {Section} '{Item}' removed",
        (null, _) => $"{Location}: {Actor}: {Section} '{Item}' {Field}: (not given) -> {After}",
        (_, null) => $"{Location}: {Actor}: {Section} '{Item}' {Field}: {Before} -> (not given)",
        _ => $"{Location}: {Actor}: {Section} '{Item}' {Field}: {Before} -> {After}",
    };
}

/// <summary>The merged scenario tree and every change against the previous version; <paramref name="Merged"/> is null when a workbook was refused.</summary>
public sealed record CollectResult(MapNode? Merged, ImmutableArray<FirmChange> Changes, ImmutableArray<string> Firms);

/// <summary>
/// Data collection per firm: the workbook of one firm's own rows (written by <see cref="ExcelTemplate.Build"/>), and
/// the merge of returned workbooks (read by <see cref="XlsxNodeReader.Read"/>) into the regional scenario. Going
/// through the template's writer and reader keeps the firm workbook in the template's layout, whatever it becomes.
/// </summary>
public static class FirmWorkbooks
{
    /// <summary>The sections that hold a firm's own rows; every other section is the facilitator's.</summary>
    public static readonly ImmutableArray<string> OwnSections = ["actors", "supplies", "demands", "processes"];

    /// <summary>The scenario tree cut down to one actor's own rows: its actor row, supplies, demands and processes.</summary>
    public static MapNode FirmTree(MapNode baseTree, string actorId)
    {
        ArgumentNullException.ThrowIfNull(baseTree);
        var entries = ImmutableArray.CreateBuilder<MapEntry>();
        foreach (var section in OwnSections)
        {
            if (baseTree.Get(section) is SequenceNode s)
            {
                var key = new ScalarNode(section, s.Location);
                entries.Add(new MapEntry(key, new SequenceNode([.. s.Items.OfType<MapNode>().Where(m => OwnerOf(section, m) == actorId)], s.Location)));
            }
        }

        return new MapNode(entries.ToImmutable(), baseTree.Location);
    }

    /// <summary>The actor ids of a scenario tree, in order.</summary>
    public static ImmutableArray<string> ActorIds(MapNode tree) =>
        [.. (tree.Get("actors") as SequenceNode)?.Items.OfType<MapNode>().Select(m => Scalar(m, "id")).OfType<string>() ?? []];

    /// <summary>
    /// Merges the firms' workbooks into <paramref name="baseTree"/>: each workbook holds exactly one actor row and only
    /// that actor's supplies, demands and processes, which replace the actor's rows of the base (rows it leaves out
    /// are removed). Refused, with a located error each: a row about another actor, a row of a facilitator's sheet,
    /// an item id that belongs to another actor, two workbooks of one firm.
    /// </summary>
    public static CollectResult Merge(MapNode baseTree, IReadOnlyList<MapNode> firms, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(baseTree);
        ArgumentNullException.ThrowIfNull(firms);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var merged = baseTree;
        var changes = ImmutableArray.CreateBuilder<FirmChange>();
        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var names = ImmutableArray.CreateBuilder<string>();
        var ok = true;
        foreach (var firm in firms)
        {
            if (!FirmOf(firm, diagnostics, out var actor, out var actorAt))
            {
                ok = false;
                continue;
            }

            if (seen.TryGetValue(actor, out var earlier))
            {
                diagnostics.Error(actorAt, "actors", $"a second workbook for actor '{actor}' (the first is {earlier}); give one workbook per firm");
                ok = false;
                continue;
            }

            seen[actor] = actorAt;
            names.Add(actor);
            foreach (var entry in firm.Entries)
            {
                var section = entry.Key.Value;
                if (!OwnSections.Contains(section))
                {
                    diagnostics.Error(FirstCell(entry.Value), section, $"a firm's workbook may hold only its own rows (sheets {string.Join(", ", OwnSections)}); the sheet '{section}' is the facilitator's and was not collected");
                    ok = false;
                    continue;
                }

                if (entry.Value is not SequenceNode rows)
                {
                    continue;
                }

                foreach (var row in rows.Items.OfType<MapNode>())
                {
                    var owner = OwnerOf(section, row);
                    if (owner != actor)
                    {
                        var field = section == "actors" ? "id" : "actor";
                        diagnostics.Error(FieldAt(row, field), section,
                            $"this row is about actor '{owner ?? "(none)"}', but the workbook is actor '{actor}''s; a firm may send only its own rows");
                        ok = false;
                        continue;
                    }

                    var id = Scalar(row, "id");
                    if (id is null)
                    {
                        diagnostics.Error(row.Location, section, "this row has no id");
                        ok = false;
                        continue;
                    }

                    var other = (baseTree.Get(section) as SequenceNode)?.Items.OfType<MapNode>().FirstOrDefault(m => Scalar(m, "id") == id && OwnerOf(section, m) != actor);
                    if (other is not null)
                    {
                        diagnostics.Error(FieldAt(row, "id"), section, $"'{id}' is the id of a row of actor '{OwnerOf(section, other)}'; choose another id for a row of your own");
                        ok = false;
                    }
                }
            }

            if (ok)
            {
                merged = Apply(merged, firm, actor, changes);
            }
        }

        return new CollectResult(ok ? merged : null, changes.ToImmutable(), names.ToImmutable());
    }

    private static bool FirmOf(MapNode firm, DiagnosticBag diagnostics, out string actor, out SourceLocation at)
    {
        actor = string.Empty;
        at = firm.Location;
        var rows = (firm.Get("actors") as SequenceNode)?.Items.OfType<MapNode>().ToList() ?? [];
        if (rows.Count == 0)
        {
            diagnostics.Error(new SourceLocation(firm.Location.File + "!actors", 2, 1, "A2"), "actors", "the workbook has no actor row: the sheet actors holds the firm's own row (from symbiosis template --company)");
            return false;
        }

        foreach (var extra in rows.Skip(1))
        {
            diagnostics.Error(FieldAt(extra, "id"), "actors", $"a firm's workbook holds one actor row, its own ('{Scalar(rows[0], "id")}'); this row is about actor '{Scalar(extra, "id")}'");
        }

        actor = Scalar(rows[0], "id") ?? string.Empty;
        at = FieldAt(rows[0], "id");
        if (actor.Length == 0)
        {
            diagnostics.Error(rows[0].Location, "actors", "the actor row has no id");
            return false;
        }

        return rows.Count == 1;
    }

    /// <summary>Replaces the actor's rows in every own section with the workbook's, recording each change.</summary>
    private static MapNode Apply(MapNode tree, MapNode firm, string actor, ImmutableArray<FirmChange>.Builder changes)
    {
        foreach (var section in OwnSections)
        {
            var before = (tree.Get(section) as SequenceNode)?.Items ?? [];
            var given = (firm.Get(section) as SequenceNode)?.Items.OfType<MapNode>().ToList() ?? [];
            if (before.IsEmpty && given.Count == 0)
            {
                continue;
            }

            var result = ImmutableArray.CreateBuilder<Node>();
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in before)
            {
                if (item is not MapNode m || OwnerOf(section, m) != actor)
                {
                    result.Add(item);
                    continue;
                }

                var id = Scalar(m, "id") ?? string.Empty;
                var now = given.FirstOrDefault(g => Scalar(g, "id") == id);
                if (now is null)
                {
                    changes.Add(new FirmChange(actor, section, id, null, "row", null, firm.Location));
                    continue;
                }

                used.Add(id);
                Compare(actor, section, id, m, now, changes);
                result.Add(now);
            }

            foreach (var g in given.Where(g => !used.Contains(Scalar(g, "id") ?? string.Empty)))
            {
                changes.Add(new FirmChange(actor, section, Scalar(g, "id") ?? string.Empty, null, null, "row", g.Location));
                result.Add(g);
            }

            var location = (tree.Get(section) as SequenceNode)?.Location ?? tree.Location;
            tree = tree.With(new ScalarNode(section, location), new SequenceNode(result.ToImmutable(), location));
        }

        return tree;
    }

    private static void Compare(string actor, string section, string id, MapNode before, MapNode after, ImmutableArray<FirmChange>.Builder changes)
    {
        var a = Flatten(before);
        var b = Flatten(after);
        foreach (var key in a.Keys.Union(b.Keys).Order(StringComparer.Ordinal))
        {
            string? x = a.TryGetValue(key, out var was) ? was.Text : null;
            string? y = b.TryGetValue(key, out var now) ? now.Text : null;
            if (!string.Equals(x, y, StringComparison.Ordinal))
            {
                changes.Add(new FirmChange(actor, section, id, key, x, y, y is null ? after.Location : now.At));
            }
        }
    }

    /// <summary>Flow text with every map's keys in ordinal order: the workbook's list sheets need not keep YAML's key order.</summary>
    private static string Canonical(Node node) => node switch
    {
        SequenceNode q => "[" + string.Join(", ", q.Items.Select(Canonical)) + "]",
        MapNode m => "{" + string.Join(", ", m.Entries.OrderBy(e => e.Key.Value, StringComparer.Ordinal).Select(e => e.Key.Value + ": " + Canonical(e.Value))) + "}",
        _ => ScenarioYaml.Flow(node),
    };

    /// <summary>A row as dotted field -> text, so that the order of keys and the YAML or workbook form do not count as changes.</summary>
    private static Dictionary<string, (string Text, SourceLocation At)> Flatten(MapNode map)
    {
        var row = new Dictionary<string, (string, SourceLocation)>(StringComparer.Ordinal);
        void Walk(MapNode m, string prefix)
        {
            foreach (var e in m.Entries)
            {
                var key = prefix + e.Key.Value;
                switch (e.Value)
                {
                    case MapNode inner when inner.Entries.Length > 0:
                        Walk(inner, key + ".");
                        break;
                    case ScalarNode s when s.IsNull || s.Value.Length == 0:
                        break;
                    case ScalarNode s:
                        row[key] = (s.Value.Trim(), s.Location);
                        break;
                    case SequenceNode q when q.Items.All(i => i is ScalarNode):
                        row[key] = (string.Join(", ", q.Items.Cast<ScalarNode>().Select(i => i.Value.Trim())), q.Location);
                        break;
                    default:
                        row[key] = (Canonical(e.Value), e.Value.Location);
                        break;
                }
            }
        }

        Walk(map, string.Empty);
        return row;
    }

    /// <summary>Whose row it is: the id of an actor row, the actor of any other row.</summary>
    public static string? OwnerOf(string section, MapNode row) => Scalar(row, section == "actors" ? "id" : "actor");

    private static string? Scalar(MapNode m, string key) => m.Get(key) is ScalarNode { IsNull: false } s ? s.Value.Trim() : null;

    private static SourceLocation FieldAt(MapNode row, string key) => row.Get(key)?.Location ?? row.Location;

    private static SourceLocation FirstCell(Node node) => node switch
    {
        SequenceNode { Items.Length: > 0 } q => FirstCell(q.Items[0]),
        MapNode { Entries.Length: > 0 } m => m.Entries[0].Value.Location,
        _ => node.Location,
    };
}

/// <summary>A scenario node tree written back as YAML: sections in their order, lists as one flow item per line.</summary>
public static class ScenarioYaml
{
    public static string Write(MapNode tree, string header)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var sb = new StringBuilder();
        foreach (var line in header.Split('\n'))
        {
            sb.Append("# ").Append(line).Append('\n');
        }

        sb.Append('\n');
        foreach (var e in tree.Entries)
        {
            switch (e.Value)
            {
                case SequenceNode q:
                    sb.Append(Quote(e.Key.Value)).Append(':').Append(q.Items.IsEmpty ? " []" : string.Empty).Append('\n');
                    foreach (var item in q.Items)
                    {
                        sb.Append("  - ").Append(Flow(item)).Append('\n');
                    }

                    break;
                case MapNode m:
                    sb.Append(Quote(e.Key.Value)).Append(":\n");
                    foreach (var inner in m.Entries)
                    {
                        sb.Append("  ").Append(Quote(inner.Key.Value)).Append(": ").Append(Flow(inner.Value)).Append('\n');
                    }

                    break;
                default:
                    sb.Append(Quote(e.Key.Value)).Append(": ").Append(Flow(e.Value)).Append('\n');
                    break;
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>A node as YAML flow text: [a, b], {k: v}.</summary>
    public static string Flow(Node node) => node switch
    {
        ScalarNode s => s.IsNull ? "null" : Quote(s.Value),
        SequenceNode q => "[" + string.Join(", ", q.Items.Select(Flow)) + "]",
        MapNode m => "{" + string.Join(", ", m.Entries.Select(e => Quote(e.Key.Value) + ": " + Flow(e.Value))) + "}",
        _ => string.Empty,
    };

    private static string Quote(string text)
    {
        var plain = text.Length > 0 && text.Trim().Length == text.Length && text.IndexOfAny([',', ':', '{', '}', '[', ']', '#', '"', '\'', '&', '*', '!', '|', '>', '%', '@', '`']) < 0 &&
                    !text.StartsWith('-') && !text.StartsWith('?') && text is not ("null" or "~");
        if (plain)
        {
            return text;
        }

        var sb = new StringBuilder("\"");
        foreach (var ch in text)
        {
            sb.Append(ch is '"' or '\\' ? "\\" + ch : ch.ToString());
        }

        return sb.Append('"').ToString();
    }
}
