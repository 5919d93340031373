using System.Collections.Immutable;

namespace SymbiosisOptimizer.Scenarios.Excel;

/// <summary>
/// A list inside the items of a section, kept on a sheet of its own so that no cell needs YAML flow syntax: one row
/// per list item, with the id of the item it belongs to in <see cref="ParentColumn"/> (none for a one-row section).
/// </summary>
/// <param name="Name">The sheet's name.</param>
/// <param name="Section">The sheet of the items the rows belong to (a top-level key of the scenario format).</param>
/// <param name="Key">The key of the list inside each item.</param>
/// <param name="ParentColumn">The column naming the owning item's id; null when the section is one row (policies).</param>
public sealed record ChildSheet(string Name, string Section, string Key, string? ParentColumn);

/// <summary>
/// The workbook's shape beyond one sheet per section: list sheets (<see cref="Children"/>) and the overrides,
/// override items and scenarios sheets. <see cref="Assemble"/> turns them into the same node tree YAML gives, so the
/// one validating builder reads both; <see cref="ExcelTemplate"/> writes them.
/// </summary>
public static class WorkbookLayout
{
    /// <summary>One row per (override, path): the value in 'value', or a list of ids comma-separated in 'values'.</summary>
    public const string OverridesSheet = "overrides";

    /// <summary>Rows of an override whose value is a list of items (a procurement mandate list): override, path, then the item's keys.</summary>
    public const string OverrideItemsSheet = "override items";

    /// <summary>One row per named scenario: its overrides, comma-separated, applied in that order.</summary>
    public const string ScenariosSheet = "scenarios";

    public static readonly ImmutableArray<ChildSheet> Children =
    [
        new("resource properties", "resources", "properties", "resource"),
        new("demand accepts", "demands", "accepts", "demand"),
        new("process inputs", "processes", "inputs", "process"),
        new("process outputs", "processes", "outputs", "process"),
        new("procurement", "policies", "procurement", null),
        new("group members", "groups", "members", "group"),
    ];

    public static ChildSheet? Child(string sheet) => Children.FirstOrDefault(c => string.Equals(c.Name, sheet, StringComparison.Ordinal));

    /// <summary>Sheets that are not a section of their own but are folded into one by <see cref="Assemble"/>.</summary>
    public static bool IsFolded(string sheet) =>
        Child(sheet) is not null || sheet is OverridesSheet or OverrideItemsSheet or ScenariosSheet;

    /// <summary>
    /// The scenario tree from the section sheets and the folded sheets' rows (each row located at its cells). Every
    /// problem is reported at its sheet!cell: a row naming no item or an unknown one, a list given both in a cell and
    /// on its sheet, an override row with no value or two.
    /// </summary>
    public static ImmutableArray<MapEntry> Assemble(
        IReadOnlyList<MapEntry> sections, IReadOnlyDictionary<string, (SourceLocation At, List<MapNode> Rows)> folded, DiagnosticBag diagnostics)
    {
        var result = sections.ToList();
        foreach (var child in Children)
        {
            if (folded.TryGetValue(child.Name, out var sheet) && sheet.Rows.Count > 0)
            {
                AttachChildren(result, child, sheet.At, sheet.Rows, diagnostics);
            }
        }

        var overrides = Overrides(folded, diagnostics);
        if (overrides is not null)
        {
            result.Add(new MapEntry(new ScalarNode(OverridesSheet, overrides.Location), overrides));
        }

        if (folded.TryGetValue(ScenariosSheet, out var scenarios) && scenarios.Rows.Count > 0)
        {
            result.Add(new MapEntry(new ScalarNode(ScenariosSheet, scenarios.At), Scenarios(scenarios.At, scenarios.Rows, diagnostics)));
        }

        return [.. result];
    }

    private static void AttachChildren(List<MapEntry> sections, ChildSheet child, SourceLocation sheetAt, List<MapNode> rows, DiagnosticBag diagnostics)
    {
        var index = sections.FindIndex(e => string.Equals(e.Key.Value, child.Section, StringComparison.Ordinal));
        if (child.ParentColumn is null)
        {
            // A one-row section (policies): the rows are its list; the section is created if its sheet is empty.
            var map = index >= 0 ? sections[index].Value as MapNode : new MapNode([], sheetAt);
            if (map is null)
            {
                return;
            }

            if (map.Get(child.Key) is { } given)
            {
                diagnostics.Error(rows[0].Location, child.Key, $"'{child.Key}' is given both on the sheet '{child.Section}' ({given.Location}) and on the sheet '{child.Name}'; keep one");
                return;
            }

            var withList = map.With(new ScalarNode(child.Key, sheetAt), new SequenceNode([.. rows], sheetAt));
            var entry = new MapEntry(new ScalarNode(child.Section, sheetAt), withList);
            if (index >= 0)
            {
                sections[index] = entry;
            }
            else
            {
                sections.Add(entry);
            }

            return;
        }

        if (index < 0 || sections[index].Value is not SequenceNode items)
        {
            diagnostics.Error(rows[0].Location, child.ParentColumn, $"the sheet '{child.Name}' lists {child.Key} of {child.Section}, but the sheet '{child.Section}' has no rows");
            return;
        }

        var byParent = new Dictionary<string, List<Node>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.Get(child.ParentColumn) is not ScalarNode parent || parent.Value.Length == 0)
            {
                diagnostics.Error(row.Location, child.ParentColumn, $"this row names no {child.ParentColumn}; give the id of the {child.ParentColumn} (sheet '{child.Section}') in the column '{child.ParentColumn}'");
                continue;
            }

            var owner = items.Items.OfType<MapNode>().FirstOrDefault(i => i.Get("id") is ScalarNode id && string.Equals(id.Value, parent.Value, StringComparison.Ordinal));
            if (owner is null)
            {
                diagnostics.Error(parent.Location, child.ParentColumn, $"'{parent.Value}' is not the id of a row on the sheet '{child.Section}'");
                continue;
            }

            if (owner.Get(child.Key) is { } given)
            {
                diagnostics.Error(parent.Location, child.ParentColumn,
                    $"{child.Key} of '{parent.Value}' are given both in its row on the sheet '{child.Section}' ({given.Location}) and on the sheet '{child.Name}'; keep one");
                continue;
            }

            if (!byParent.TryGetValue(parent.Value, out var list))
            {
                byParent[parent.Value] = list = [];
            }

            list.Add(new MapNode([.. row.Entries.Where(e => !string.Equals(e.Key.Value, child.ParentColumn, StringComparison.Ordinal))], row.Location));
        }

        var updated = items.Items.Select(item =>
            item is MapNode m && m.Get("id") is ScalarNode id && byParent.TryGetValue(id.Value, out var list)
                ? m.With(new ScalarNode(child.Key, list[0].Location), new SequenceNode([.. list], list[0].Location))
                : item);
        sections[index] = new MapEntry(sections[index].Key, new SequenceNode([.. updated], items.Location));
    }

    private static MapNode? Overrides(IReadOnlyDictionary<string, (SourceLocation At, List<MapNode> Rows)> folded, DiagnosticBag diagnostics)
    {
        var hasRows = folded.TryGetValue(OverridesSheet, out var sheet) && sheet.Rows.Count > 0;
        var hasItems = folded.TryGetValue(OverrideItemsSheet, out var itemSheet) && itemSheet.Rows.Count > 0;
        if (!hasRows && !hasItems)
        {
            return null;
        }

        // Items of list values, by (override, path), in row order.
        var items = new Dictionary<(string, string), List<Node>>();
        var itemOrder = new List<(ScalarNode Override, ScalarNode Path)>();
        foreach (var row in hasItems ? itemSheet.Rows : new List<MapNode>())
        {
            if (!Named(row, "override", OverrideItemsSheet, diagnostics, out var name) || !Named(row, "path", OverrideItemsSheet, diagnostics, out var path))
            {
                continue;
            }

            if (!items.TryGetValue((name.Value, path.Value), out var list))
            {
                items[(name.Value, path.Value)] = list = [];
                itemOrder.Add((name, path));
            }

            list.Add(new MapNode([.. row.Entries.Where(e => e.Key.Value is not ("override" or "path"))], row.Location));
        }

        var sets = new List<(ScalarNode Override, ScalarNode Path, Node Value)>();
        var seen = new HashSet<(string, string)>();
        foreach (var row in hasRows ? sheet.Rows : new List<MapNode>())
        {
            if (!Named(row, "override", OverridesSheet, diagnostics, out var name) || !Named(row, "path", OverridesSheet, diagnostics, out var path))
            {
                continue;
            }

            if (!seen.Add((name.Value, path.Value)))
            {
                diagnostics.Error(path.Location, "overrides", $"override '{name.Value}' sets '{path.Value}' twice; keep one row");
                continue;
            }

            var value = row.Get("value");
            var values = row.Get("values");
            items.TryGetValue((name.Value, path.Value), out var listed);
            var given = (value is null ? 0 : 1) + (values is null ? 0 : 1) + (listed is null ? 0 : 1);
            if (given != 1)
            {
                diagnostics.Error(path.Location, "overrides",
                    given == 0
                        ? $"override '{name.Value}' gives no value for '{path.Value}'; fill in 'value' (one value), 'values' (a list of ids, comma-separated) or rows on the sheet '{OverrideItemsSheet}'"
                        : $"override '{name.Value}' gives '{path.Value}' more than once (in 'value', 'values' or on the sheet '{OverrideItemsSheet}'); keep one");
                continue;
            }

            sets.Add((name, path, value ?? (values is not null ? IdList(values) : new SequenceNode([.. listed!], listed![0].Location))));
        }

        foreach (var (name, path) in itemOrder.Where(k => !seen.Contains((k.Override.Value, k.Path.Value))))
        {
            var listed = items[(name.Value, path.Value)];
            sets.Add((name, path, new SequenceNode([.. listed], listed[0].Location)));
        }

        var at = hasRows ? sheet.At : itemSheet.At;
        var byName = new List<(ScalarNode Name, List<MapEntry> Entries)>();
        foreach (var (name, path, value) in sets)
        {
            var group = byName.Find(g => string.Equals(g.Name.Value, name.Value, StringComparison.Ordinal));
            if (group.Name is null)
            {
                group = (name, []);
                byName.Add(group);
            }

            group.Entries.Add(new MapEntry(path, value));
        }

        return new MapNode([.. byName.Select(g => new MapEntry(g.Name, new MapNode([.. g.Entries], g.Name.Location)))], at);
    }

    private static MapNode Scenarios(SourceLocation at, List<MapNode> rows, DiagnosticBag diagnostics)
    {
        var entries = new List<MapEntry>();
        foreach (var row in rows)
        {
            if (!Named(row, "scenario", ScenariosSheet, diagnostics, out var name))
            {
                continue;
            }

            if (entries.Exists(e => string.Equals(e.Key.Value, name.Value, StringComparison.Ordinal)))
            {
                diagnostics.Error(name.Location, "scenarios", $"the scenario '{name.Value}' is named twice; keep one row");
                continue;
            }

            entries.Add(new MapEntry(name, row.Get("overrides") is { } list ? IdList(list) : new SequenceNode([], name.Location)));
        }

        return new MapNode([.. entries], at);
    }

    private static bool Named(MapNode row, string column, string sheet, DiagnosticBag diagnostics, out ScalarNode name)
    {
        if (row.Get(column) is ScalarNode { Value.Length: > 0 } s)
        {
            name = s;
            return true;
        }

        diagnostics.Error(row.Location, sheet, $"this row has no '{column}'; every row of the sheet '{sheet}' names one");
        name = new ScalarNode(string.Empty, row.Location);
        return false;
    }

    /// <summary>A cell of ids, comma-separated (one id is a list of one); a cell already read as a list stays one.</summary>
    private static Node IdList(Node cell) => cell switch
    {
        ScalarNode s => new SequenceNode([.. s.Value.Split(',').Select(p => p.Trim()).Where(p => p.Length > 0).Select(p => (Node)new ScalarNode(p, s.Location))], s.Location),
        _ => cell,
    };
}
