using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;

namespace SymbiosisOptimizer.Scenarios;

/// <summary>Options for loading: which scenario, and whether warnings count as errors.</summary>
public sealed record LoadOptions(string? Scenario = null, bool Strict = false, bool ValidateAllScenarios = false);

/// <summary>The outcome of loading: a model (only when there are no errors) and every diagnostic found.</summary>
public sealed record LoadResult(
    Region? Region,
    ImmutableArray<Diagnostic> Diagnostics,
    string SourceFile,
    string ScenarioName,
    ImmutableArray<string> AppliedOverrides,
    ImmutableArray<string> ScenarioNames)
{
    public bool Succeeded => Region is not null && !Diagnostics.Any(d => d.Severity == Severity.Error);

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == Severity.Error);

    public IEnumerable<Diagnostic> Warnings => Diagnostics.Where(d => d.Severity == Severity.Warning);
}

/// <summary>Reads a scenario folder or file, applies the chosen scenario's overrides, and validates everything.</summary>
public static class ScenarioLoader
{
    public const string DefaultFileName = "scenario.yaml";
    public const string BaseScenario = "base";

    /// <summary>Resolves a folder to its scenario.yaml; a file is used as it is.</summary>
    public static string ResolvePath(string path) =>
        Directory.Exists(path) ? Path.Combine(path, DefaultFileName) : path;

    public static LoadResult Load(string path, LoadOptions? options = null)
    {
        options ??= new LoadOptions();
        var file = ResolvePath(path);
        var display = DisplayName(file);
        var diag = new DiagnosticBag();
        var scenarioName = options.Scenario ?? BaseScenario;
        if (!File.Exists(file))
        {
            var why = Directory.Exists(path) ? $"the folder '{path}' has no {DefaultFileName}" : $"'{path}' does not exist";
            diag.Error(new SourceLocation(display, 0, 0), string.Empty, why);
            return Fail(diag, display, scenarioName);
        }

        if (options.Scenario is { } asked && !InputLimits.IsPlainName(asked))
        {
            diag.Error(new SourceLocation(display, 0, 0), "--scenario", InputLimits.PlainNameRule(asked));
            return Fail(diag, display, scenarioName);
        }

        var tree = ReadTree(file, display, diag);
        if (tree is null)
        {
            return Fail(diag, display, scenarioName);
        }

        if (tree is not MapNode root)
        {
            diag.Error(tree.Location, string.Empty, "a scenario file must be a block of keys (region:, resources:, actors:, ...)");
            return Fail(diag, display, scenarioName);
        }

        var baseDir = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        root = ExpandCsvTables(root, baseDir, display, diag);
        if (!InputLimits.CheckTree(root, diag))
        {
            // Past a limit nothing else is checked: the rest of the input cannot be trusted to be small or finite.
            return Fail(diag, display, scenarioName);
        }

        var overrides = ReadOverrides(root, diag);
        var scenarios = ReadScenarios(root, overrides, diag);

        foreach (var o in overrides.Values)
        {
            // Validate every override against the base even if no selected scenario uses it.
            foreach (var s in o.Settings)
            {
                OverrideApplier.Apply(root, s, o.Name, diag);
            }
        }

        foreach (var s in scenarios.Values)
        {
            OverrideApplier.CheckConflicts(s, overrides, diag);
        }

        var names = ImmutableArray.Create([BaseScenario, .. scenarios.Keys]);
        var applied = ImmutableArray<string>.Empty;
        var selected = root;
        if (options.Scenario is { } wanted && wanted != BaseScenario)
        {
            if (!scenarios.TryGetValue(wanted, out var scenario))
            {
                diag.Error(new SourceLocation(display, 0, 0), "--scenario",
                    $"there is no scenario '{wanted}'" + (Fields.Closest(wanted, scenarios.Keys) is { } c ? $" (did you mean '{c}'?)" : string.Empty) +
                    $"; the scenarios are: {string.Join(", ", names)}");
                return Fail(diag, display, scenarioName, names);
            }

            (selected, applied) = ApplyScenario(root, scenario, overrides, diag);
        }

        var ctx = new BuildContext(diag, baseDir);
        var region = selected is null ? null : new ModelBuilder(ctx).Build(selected);
        if (options.ValidateAllScenarios)
        {
            // An override no scenario uses is checked on its own: otherwise a mistyped final key (which the
            // applier adds rather than rejects) would never be reported.
            var used = scenarios.Values.SelectMany(s => s.Overrides.Select(o => o.Override)).ToHashSet(StringComparer.Ordinal);
            var checks = scenarios.Values.Select(s => (Label: $"scenario '{s.Name}'", Definition: s))
                .Concat(overrides.Values.Where(o => !used.Contains(o.Name))
                    .Select(o => (Label: $"override '{o.Name}'", Definition: new ScenarioDefinition(o.Name, o.Location, [(o.Name, o.Location)]))));
            foreach (var (label, s) in checks)
            {
                var (tree2, _) = ApplyScenario(root, s, overrides, diag);
                if (tree2 is not null)
                {
                    var inner = new DiagnosticBag();
                    new ModelBuilder(new BuildContext(inner, baseDir)).Build(tree2);
                    var known = diag.ToImmutable().ToHashSet();
                    foreach (var d in inner.ToImmutable().Where(d => d.Severity == Severity.Error && !known.Contains(d)))
                    {
                        diag.Error(d.Location, d.Field, $"{d.Message} (in {label})");
                    }
                }
            }
        }

        var all = diag.ToImmutable();
        if (options.Strict)
        {
            all = [.. all.Select(d => d.Severity == Severity.Warning ? d with { Severity = Severity.Error, Message = d.Message + " (a warning; --strict makes it an error)" } : d)];
        }

        var ok = !all.Any(d => d.Severity == Severity.Error);
        return new LoadResult(ok ? region : null, all, display, scenarioName, applied, names);
    }

    private static LoadResult Fail(DiagnosticBag diag, string display, string scenario, ImmutableArray<string>? names = null) =>
        new(null, diag.ToImmutable(), display, scenario, [], names ?? [BaseScenario]);

    /// <summary>
    /// The base scenario's node tree (CSV tables read in, overrides not applied), e.g. to fill an Excel template from
    /// it; null with diagnostics when it cannot be read.
    /// </summary>
    public static MapNode? ReadBaseTree(string path, DiagnosticBag diagnostics)
    {
        var file = ResolvePath(path);
        var display = DisplayName(file);
        if (!File.Exists(file))
        {
            diagnostics.Error(new SourceLocation(display, 0, 0), string.Empty, $"'{path}' does not exist");
            return null;
        }

        if (ReadTree(file, display, diagnostics) is not MapNode root)
        {
            return null;
        }

        var expanded = ExpandCsvTables(root, Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", display, diagnostics);
        return InputLimits.CheckTree(expanded, diagnostics) ? expanded : null;
    }

    /// <summary>The node tree of a YAML file, or of a workbook (.xlsx) filled in from `symbiosis template`.</summary>
    private static Node? ReadTree(string file, string display, DiagnosticBag diag)
    {
        if (Excel.XlsxNodeReader.IsWorkbook(file))
        {
            return Excel.XlsxNodeReader.Read(file, display, diag);
        }

        var bytes = InputFiles.ReadBytes(file, InputLimits.MaxScenarioBytes, "scenario file", new SourceLocation(display, 0, 0), string.Empty, diag);
        var text = bytes is null ? null : InputFiles.DecodeUtf8(bytes, display, diag);
        return text is null ? null : YamlNodeReader.Read(text, display, diag);
    }

    private static string DisplayName(string file)
    {
        var rel = Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.GetFullPath(file));
        return rel.StartsWith("..", StringComparison.Ordinal) ? file : rel;
    }

    private static (MapNode? Tree, ImmutableArray<string> Applied) ApplyScenario(
        MapNode root, ScenarioDefinition scenario, IReadOnlyDictionary<string, OverrideDefinition> overrides, DiagnosticBag diag)
    {
        MapNode? tree = root;
        var applied = ImmutableArray.CreateBuilder<string>();
        foreach (var (name, _) in scenario.Overrides)
        {
            if (!overrides.TryGetValue(name, out var o))
            {
                return (null, applied.ToImmutable());
            }

            foreach (var s in o.Settings)
            {
                tree = tree is null ? null : OverrideApplier.Apply(tree, s, o.Name, new DiagnosticBag());
            }

            applied.Add(name);
        }

        return (tree, applied.ToImmutable());
    }

    /// <summary>Replaces {csv: file.csv} tables with the rows they hold, so overrides can address CSV rows by id.</summary>
    private static MapNode ExpandCsvTables(MapNode root, string baseDir, string display, DiagnosticBag diag)
    {
        foreach (var e in root.Entries)
        {
            if (e.Value is MapNode m && m.Get("csv") is ScalarNode csvName)
            {
                // A table that cannot be read becomes an empty list: its own error explains it, and the builder
                // must not add "expected a list ..., found a block of keys" about the {csv: ...} block.
                var empty = new SequenceNode([], m.Location);
                if (m.Entries.Length != 1)
                {
                    diag.Error(m.Location, e.Key.Value, "a CSV table is written as {csv: file.csv} with no other keys");
                    root = root.With(e.Key, empty);
                    continue;
                }

                var field = e.Key.Value + ".csv";
                var csvPath = InputFiles.ResolveInside(baseDir, csvName.Value.Trim(), csvName.Location, field, diag);
                if (csvPath is null)
                {
                    root = root.With(e.Key, empty);
                    continue;
                }

                var csvDisplay = Path.Combine(Path.GetDirectoryName(display) ?? string.Empty, csvName.Value.Trim());
                if (InputFiles.KindOf(csvPath) == InputFiles.Kind.Missing)
                {
                    diag.Error(csvName.Location, field, $"the file '{InputLimits.Shorten(csvName.Value)}' does not exist next to the scenario file");
                    root = root.With(e.Key, empty);
                    continue;
                }

                var bytes = InputFiles.ReadBytes(csvPath, InputLimits.MaxCsvBytes, $"CSV file '{InputLimits.Shorten(csvName.Value.Trim())}'", csvName.Location, field, diag);
                var text = bytes is null ? null : InputFiles.DecodeUtf8(bytes, csvDisplay, diag);
                var seq = text is null ? null : CsvNodeReader.Read(text, csvDisplay, diag);
                root = root.With(e.Key, seq ?? empty);
            }
        }

        return root;
    }

    private static Dictionary<string, OverrideDefinition> ReadOverrides(MapNode root, DiagnosticBag diag)
    {
        var result = new Dictionary<string, OverrideDefinition>(StringComparer.Ordinal);
        var node = root.Get("overrides");
        if (node is null or ScalarNode { IsNull: true })
        {
            return result;
        }

        if (node is not MapNode map)
        {
            diag.Error(node.Location, "overrides", "expected named overrides, each a block of 'path: value' lines");
            return result;
        }

        foreach (var e in map.Entries)
        {
            if (e.Value is not MapNode settings)
            {
                diag.Error(e.Value.Location, $"overrides.{e.Key.Value}", "expected 'path: value' lines such as 'policies.landfillTax: 1000 SEK/t'");
                continue;
            }

            if (!InputLimits.IsPlainName(e.Key.Value))
            {
                diag.Error(e.Key.Location, "overrides", InputLimits.PlainNameRule(e.Key.Value));
                continue;
            }

            var list = settings.Entries.Select(s => new OverrideSetting(s.Key.Value.Trim(), s.Key, s.Value)).ToImmutableArray();
            result[e.Key.Value] = new OverrideDefinition(e.Key.Value, e.Key.Location, list);
        }

        return result;
    }

    private static Dictionary<string, ScenarioDefinition> ReadScenarios(MapNode root, Dictionary<string, OverrideDefinition> overrides, DiagnosticBag diag)
    {
        var result = new Dictionary<string, ScenarioDefinition>(StringComparer.Ordinal);
        var node = root.Get("scenarios");
        if (node is null or ScalarNode { IsNull: true })
        {
            return result;
        }

        if (node is not MapNode map)
        {
            diag.Error(node.Location, "scenarios", "expected named scenarios, each a list of overrides, e.g. 'high-tax: [landfill-tax-1000]'");
            return result;
        }

        foreach (var e in map.Entries)
        {
            var name = e.Key.Value;
            if (name == BaseScenario)
            {
                diag.Error(e.Key.Location, $"scenarios.{name}", "'base' is the model without overrides; give this scenario another name");
                continue;
            }

            if (!InputLimits.IsPlainName(name))
            {
                diag.Error(e.Key.Location, "scenarios", InputLimits.PlainNameRule(name));
                continue;
            }

            var items = e.Value switch
            {
                SequenceNode seq => seq.Items,
                ScalarNode { IsNull: false } s => [s],
                _ => default(ImmutableArray<Node>?),
            };
            if (items is null)
            {
                diag.Error(e.Value.Location, $"scenarios.{name}", "expected a list of override names, e.g. [landfill-tax-1000, faster-permits]");
                continue;
            }

            var refs = ImmutableArray.CreateBuilder<(string, SourceLocation)>();
            foreach (var item in items.Value)
            {
                if (item is not ScalarNode s)
                {
                    diag.Error(item.Location, $"scenarios.{name}", "expected an override name");
                    continue;
                }

                if (!overrides.ContainsKey(s.Value))
                {
                    diag.Error(s.Location, $"scenarios.{name}", $"unknown override '{s.Value}'" +
                        (Fields.Closest(s.Value, overrides.Keys) is { } c ? $" (did you mean '{c}'?)" : string.Empty) +
                        $"; the overrides are: {(overrides.Count == 0 ? "(none)" : string.Join(", ", overrides.Keys))}");
                }

                refs.Add((s.Value, s.Location));
            }

            result[name] = new ScenarioDefinition(name, e.Key.Location, refs.ToImmutable());
        }

        return result;
    }
}
