using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Domain.Parameters;
using SymbiosisOptimizer.Reports.Localization;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.App;

/// <summary>The kinds of field the levers page shows.</summary>
public enum LeverKind
{
    /// <summary>A number with a unit (taxes, prices, lead times).</summary>
    Quantity,

    /// <summary>A share, typed in % (the investment subsidy).</summary>
    Share,

    /// <summary>A resource's end-of-waste status: a checkbox; together they make policies.endOfWaste.</summary>
    EndOfWaste,
}

/// <summary>One policy lever: the override path it sets, its label, the unit shown beside the field and today's value.</summary>
public sealed record Lever(string Path, string Label, string Unit, string Current, LeverKind Kind, string Resource = "")
{
    /// <summary>The form field's name.</summary>
    public string Field => Kind == LeverKind.EndOfWaste ? "eow" : "v:" + Path;
}

/// <summary>What the levers form asked for: new value text by path, the resources with end-of-waste status, the name.</summary>
public sealed record LeverChange(ImmutableDictionary<string, string> Values, ImmutableArray<string> EndOfWaste, string Name);

/// <summary>The outcome of checking a change: messages by path ("" for the form as a whole), and the new file text when it is good.</summary>
public sealed record LeverCheck(ImmutableDictionary<string, string> Errors, ImmutableArray<string> Settings, string? FileText);

/// <summary>
/// The policy levers of a scenario and the named override they make. A change is checked by the loader itself (the
/// CLI's override and validation code): the override and a scenario using it are written into a copy of the workspace's
/// scenario file, that copy is loaded with the new scenario, and each error is put beside the field whose line it
/// names. Only a change that loads replaces the workspace file; the bundled scenarios are never written.
/// </summary>
public static partial class Levers
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>At most this long: a value is a number and a unit, never YAML structure.</summary>
    public const int MaxValueLength = 40;

    /// <param name="t">The page's language for the labels (English by default); paths, units and values are the same in every language.</param>
    public static ImmutableArray<Lever> Of(Region region, AppText? t = null)
    {
        t ??= AppText.English;
        var levers = ImmutableArray.CreateBuilder<Lever>();
        void Add(string path, string label)
        {
            if (RegionParameter.TryResolve(region, path, out var p, out _))
            {
                var share = p.Dimension.IsDimensionless;
                var value = p.Get(region);
                levers.Add(new Lever(path, label, share ? "%" : p.UnitText, Plain(share ? value * 100 : value), share ? LeverKind.Share : LeverKind.Quantity));
            }
        }

        Add("policies.landfillTax", t[ReportPhrase.LandfillTax]);
        Add("policies.incinerationTax", t[ReportPhrase.IncinerationTax]);
        Add("policies.co2Price", t[ReportPhrase.Co2Price]);
        Add("policies.investmentSubsidy", t[ReportPhrase.InvestmentSubsidy]);
        foreach (var permit in region.Permits)
        {
            Add($"permits.{permit.Id}.leadTime", t.Format(AppPhrase.LeverPermitLeadTime, permit.Name));
        }

        foreach (var r in region.Resources.Where(r => r.WasteStatus == WasteStatus.Waste))
        {
            levers.Add(new Lever("policies.endOfWaste", t.Format(AppPhrase.LeverEndOfWaste, r.Name), string.Empty, region.Policies.EndOfWaste.Contains(r.Id) ? "on" : "off", LeverKind.EndOfWaste, r.Id));
        }

        return levers.ToImmutable();
    }

    /// <summary>
    /// Checks <paramref name="change"/> against the scenario file <paramref name="file"/> (in the workspace): the name,
    /// each value's form, then the loader on the file with the override added.
    /// </summary>
    /// <param name="t">The page's language for the form's own messages (English by default); the loader's messages stay as the CLI gives them.</param>
    public static LeverCheck Check(string file, ImmutableArray<Lever> levers, ImmutableArray<string> names, LeverChange change, AppText? t = null)
    {
        t ??= AppText.English;
        var errors = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (change.Name.Length == 0)
        {
            errors["name"] = t[AppPhrase.LeverNameMissing];
        }
        else if (!InputLimits.IsPlainName(change.Name))
        {
            errors["name"] = InputLimits.PlainNameRule(change.Name);
        }
        else if (names.Contains(change.Name, StringComparer.Ordinal))
        {
            errors["name"] = t.Format(AppPhrase.LeverNameTaken, change.Name);
        }

        var settings = new List<(string Path, string Yaml)>();
        foreach (var lever in levers.Where(l => l.Kind != LeverKind.EndOfWaste))
        {
            if (!change.Values.TryGetValue(lever.Path, out var raw) || raw.Trim() == lever.Current)
            {
                continue;
            }

            var text = raw.Trim();
            if (text.Length == 0)
            {
                errors[lever.Path] = t.Format(AppPhrase.LeverValueMissing, lever.Unit, lever.Current);
                continue;
            }

            if (text.Length > MaxValueLength || !ValueText().IsMatch(text))
            {
                errors[lever.Path] = t.Format(AppPhrase.LeverNotAValue, Short(text), lever.Current, lever.Unit);
                continue;
            }

            // A bare number is in the unit shown beside the field.
            var withUnit = double.TryParse(text, NumberStyles.Float, Inv, out _) ? $"{text} {lever.Unit}".Trim() : text;
            settings.Add((lever.Path, withUnit));
        }

        var eow = levers.Where(l => l.Kind == LeverKind.EndOfWaste).ToList();
        var now = eow.Where(l => l.Current == "on").Select(l => l.Resource).ToHashSet(StringComparer.Ordinal);
        var asked = eow.Where(l => change.EndOfWaste.Contains(l.Resource)).Select(l => l.Resource).ToList();
        if (eow.Count > 0 && !now.SetEquals(asked))
        {
            settings.Add(("policies.endOfWaste", "[" + string.Join(", ", asked) + "]"));
        }

        if (settings.Count == 0 && errors.Count == 0)
        {
            errors[string.Empty] = t[AppPhrase.LeverNothingChanged];
        }

        var shown = settings.Select(s => $"{s.Path}: {s.Yaml}").ToImmutableArray();
        if (errors.Count > 0)
        {
            return new LeverCheck(errors.ToImmutable(), shown, null);
        }

        var original = File.ReadAllText(file);
        var (text2, lines) = Insert(original, change.Name, settings);
        var dir = Path.GetDirectoryName(file)!;
        var check = Path.Combine(dir, $".levers-check-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(check, text2, new UTF8Encoding(false));
            var load = ScenarioLoader.Load(check, new LoadOptions(change.Name));
            foreach (var d in load.Errors)
            {
                var at = lines.FirstOrDefault(l => l.Line == d.Location.Line).Path ?? string.Empty;
                errors[at] = errors.TryGetValue(at, out var before) ? before + "; " + Message(d) : Message(d);
            }

            if (load.Succeeded)
            {
                // The same bounds the sweeps keep to (prices, taxes and lead times cannot be negative; a share at most 100 %).
                foreach (var (path, yaml) in settings)
                {
                    if (RegionParameter.TryResolve(load.Region!, path, out var p, out _))
                    {
                        var v = p.Get(load.Region!);
                        if (v < p.Minimum || v > p.Maximum)
                        {
                            errors[path] = p.Maximum < double.PositiveInfinity && v > p.Maximum
                                ? t.Format(AppPhrase.LeverAboveShare, yaml)
                                : t.Format(AppPhrase.LeverNegative, yaml, t.Number(p.Minimum), p.UnitText, path);
                        }
                    }
                }
            }
        }
        finally
        {
            File.Delete(check);
        }

        return new LeverCheck(errors.ToImmutable(), shown, errors.Count == 0 ? text2 : null);
    }

    /// <summary>A field's value: every digit it needs and no grouping, so that typing it back reads the same number.</summary>
    private static string Plain(double v) => v.ToString("0.########", Inv);

    private static string Message(Diagnostic d) => (d.Field.Length > 0 ? d.Field + ": " : string.Empty) + d.Message;

    private static string Short(string s) => s.Length <= MaxValueLength ? s : s[..MaxValueLength] + "...";

    /// <summary>
    /// The file text with the override (NAME: its settings) added under overrides: and the scenario (NAME: [NAME])
    /// under scenarios:, each section made when the file has none; and the 1-based line of every setting.
    /// </summary>
    public static (string Text, List<(int Line, string Path)> Lines) Insert(string text, string name, IReadOnlyList<(string Path, string Yaml)> settings)
    {
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var (overridesAt, indent) = Section(lines, "overrides");
        if (overridesAt < 0)
        {
            lines.Add(string.Empty);
            lines.Add("overrides:");
            overridesAt = lines.Count - 1;
        }

        var pad = new string(' ', indent);
        var block = new List<string> { $"{pad}{name}:" };
        block.AddRange(settings.Select(s => $"{pad}{pad}{s.Path}: {s.Yaml}"));
        lines.InsertRange(overridesAt + 1, block);
        var at = settings.Select((s, i) => (Line: overridesAt + 3 + i, s.Path)).ToList();

        var (scenariosAt, sIndent) = Section(lines, "scenarios");
        if (scenariosAt < 0)
        {
            lines.Add(string.Empty);
            lines.Add("scenarios:");
            scenariosAt = lines.Count - 1;
        }

        lines.Insert(scenariosAt + 1, $"{new string(' ', sIndent)}{name}: [{name}]");
        if (scenariosAt < overridesAt)
        {
            at = [.. at.Select(a => (a.Line + 1, a.Path))];
        }

        return (string.Join(newline, lines) + newline, at);
    }

    /// <summary>The index of the top-level "key:" line (-1 when there is none) and the indentation of its entries.</summary>
    private static (int At, int Indent) Section(List<string> lines, string key)
    {
        var at = lines.FindIndex(l => Regex.IsMatch(l, $"^{key}:[ \\t]*(#.*)?$", RegexOptions.None, TimeSpan.FromSeconds(1)));
        if (at < 0)
        {
            return (-1, 2);
        }

        for (var i = at + 1; i < lines.Count; i++)
        {
            var t = lines[i].TrimStart();
            if (t.Length == 0 || t.StartsWith('#'))
            {
                continue;
            }

            var indent = lines[i].Length - t.Length;
            return (at, indent > 0 ? indent : 2);
        }

        return (at, 2);
    }

    /// <summary>A number, optionally followed by a unit: digits, letters, '.', ',', '%', '/', '_', '+', '-' and spaces.</summary>
    [GeneratedRegex(@"^[+-]?[0-9.][0-9A-Za-z .,%/_+\-]*$", RegexOptions.None, 1000)]
    private static partial Regex ValueText();
}
