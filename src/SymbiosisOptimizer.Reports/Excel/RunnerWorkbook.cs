using System.Globalization;
using System.Text.Json;
using ClosedXML.Excel;

namespace SymbiosisOptimizer.Reports.Excel;

/// <summary>
/// The workbook written beside each runner document (comparison.json, barriers.json, sweep.json, montecarlo.json,
/// sharing.json): a Summary sheet with findings in words and the document's key figures, then one sheet per table of
/// the document. Built from the JSON itself, so every number in the workbook is the number in the file.
/// </summary>
public static class RunnerWorkbook
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Sheet name and the document path of its table (an array of objects, or an object of objects).</summary>
    private static readonly Dictionary<string, (string Sheet, string Path)[]> Tables = new(StringComparer.Ordinal)
    {
        ["comparison"] = [("Scenarios", "scenarios")],
        ["barriers"] = [("Barriers", "barriers"), ("Shadow prices", "shadowPrices.rows")],
        ["sweep"] = [("Sweep", "points"), ("Switches", "switches"), ("Parameters", "parameters")],
        ["montecarlo"] = [("Uncertainty", "kpis"), ("Exchanges", "exchanges"), ("Inputs", "inputs")],
        ["sharing"] = [("Benefit sharing", "players"), ("Price ranges", "priceRanges")],
    };

    /// <summary>The workbook for a runner document; <paramref name="kind"/> is its file name without extension.</summary>
    public static byte[] Build(string kind, string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        using var wb = new XLWorkbook();
        Summary(wb, kind, root);
        foreach (var (sheet, path) in Tables.GetValueOrDefault(kind) ?? [])
        {
            if (Find(root, path) is { } table)
            {
                Table(wb, sheet, table);
            }
        }

        // Any other top-level table the document has gets its own sheet too.
        var known = (Tables.GetValueOrDefault(kind) ?? []).Select(t => t.Path.Split('.')[0]).ToHashSet(StringComparer.Ordinal);
        foreach (var p in root.EnumerateObject().Where(p => !known.Contains(p.Name) && IsTable(p.Value)))
        {
            Table(wb, SheetName(p.Name), p.Value);
        }

        return SheetWriter.ToBytes(wb);
    }

    private static string SheetName(string name)
    {
        var s = char.ToUpperInvariant(name[0]) + name[1..];
        return s.Length > 31 ? s[..31] : s;
    }

    private static bool IsTable(JsonElement e) =>
        (e.ValueKind == JsonValueKind.Array && e.GetArrayLength() > 0 && e.EnumerateArray().All(i => i.ValueKind == JsonValueKind.Object)) ||
        (e.ValueKind == JsonValueKind.Object && e.EnumerateObject().Any() && e.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.Object && !IsAmount(p.Value)));

    private static JsonElement? Find(JsonElement root, string path)
    {
        var e = root;
        foreach (var part in path.Split('.'))
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(part, out e))
            {
                return null;
            }
        }

        return IsTable(e) ? e : null;
    }

    private static bool IsAmount(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("value", out var v) && e.TryGetProperty("unit", out _) &&
        v.ValueKind is JsonValueKind.Number or JsonValueKind.Null && e.EnumerateObject().Count() <= 3;

    private static void Summary(XLWorkbook wb, string kind, JsonElement root)
    {
        var ws = wb.Worksheets.Add("Summary");
        ws.Column(1).Width = 44;
        ws.Column(2).Width = 22;
        ws.Column(3).Width = 18;
        var title = ws.Cell(1, 1);
        title.SetValue($"{Text(root, "region")}: {kind}");
        title.Style.Font.Bold = true;
        title.Style.Font.FontSize = 14;
        var r = 2;
        foreach (var line in Findings(kind, root))
        {
            r++;
            ws.Cell(r, 1).SetValue(line);
            ws.Cell(r, 1).DataType = XLDataType.Text;
            ws.Range(r, 1, r, 8).Merge().Style.Alignment.WrapText = true;
        }

        var rows = new List<object?[]>();
        foreach (var p in root.EnumerateObject().Where(p => !IsTable(p.Value)))
        {
            Flatten(p.Value, p.Name, (key, value, unit) => rows.Add([key, value, unit]));
        }

        SheetWriter.WriteTable(ws, [new Column("Item", 44), new Column("Value", 22, Formats.Quantity), new Column("Unit", 18)], rows, r + 2);
        ws.SheetView.FreezeRows(1);
    }

    private static void Table(XLWorkbook wb, string sheet, JsonElement table)
    {
        var items = table.ValueKind == JsonValueKind.Array
            ? table.EnumerateArray().Select(i => (Key: (string?)null, Item: i)).ToList()
            : table.EnumerateObject().Select(p => (Key: (string?)p.Name, Item: p.Value)).ToList();
        var columns = new List<string>();
        var units = new Dictionary<string, string>(StringComparer.Ordinal);
        var rows = new List<Dictionary<string, object?>>();
        foreach (var (key, item) in items)
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (key is not null)
            {
                row["name"] = key;
                if (!columns.Contains("name"))
                {
                    columns.Add("name");
                }
            }

            foreach (var p in item.EnumerateObject())
            {
                Flatten(p.Value, p.Name, (k, v, unit) =>
                {
                    if (!columns.Contains(k))
                    {
                        columns.Add(k);
                    }

                    if (unit.Length > 0)
                    {
                        units.TryAdd(k, unit);
                    }

                    row[k] = v;
                });
            }

            rows.Add(row);
        }

        var cols = columns.Select(c => new Column(units.TryGetValue(c, out var u) ? $"{c} ({u})" : c,
            rows.Any(r => r.GetValueOrDefault(c) is string s && s.Length > 20) ? 34 : 16, Formats.Quantity)).ToList();
        SheetWriter.Table(wb, sheet, cols, rows.Select(r => columns.Select(c => r.GetValueOrDefault(c)).ToArray()));
    }

    /// <summary>
    /// Calls <paramref name="emit"/> with (dotted key, value, unit) for every leaf: {value, unit} amounts become one
    /// number with its unit, nested objects dotted keys, lists of plain values one text, lists of objects their count.
    /// </summary>
    private static void Flatten(JsonElement e, string key, Action<string, object?, string> emit)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Number:
                emit(key, e.GetDouble(), string.Empty);
                break;
            case JsonValueKind.String:
                emit(key, e.GetString(), string.Empty);
                break;
            case JsonValueKind.True or JsonValueKind.False:
                emit(key, e.GetBoolean(), string.Empty);
                break;
            case JsonValueKind.Null:
                emit(key, null, string.Empty);
                break;
            case JsonValueKind.Object when IsAmount(e):
                var unit = e.GetProperty("unit").GetString() ?? string.Empty;
                emit(key, e.GetProperty("value").ValueKind == JsonValueKind.Number ? e.GetProperty("value").GetDouble() : null, unit);
                foreach (var extra in e.EnumerateObject().Where(p => p.Name is not "value" and not "unit"))
                {
                    Flatten(extra.Value, key + "." + extra.Name, (k, v, _) => emit(k, v, unit));
                }

                break;
            case JsonValueKind.Object:
                var objUnit = e.TryGetProperty("unit", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()! : string.Empty;
                foreach (var p in e.EnumerateObject().Where(p => !(p.Name == "unit" && objUnit.Length > 0)))
                {
                    Flatten(p.Value, key + "." + p.Name, (k, v, un) => emit(k, v, un.Length > 0 ? un : v is double ? objUnit : string.Empty));
                }

                break;
            case JsonValueKind.Array when e.EnumerateArray().All(i => i.ValueKind is not JsonValueKind.Object and not JsonValueKind.Array):
                emit(key, string.Join("; ", e.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String ? i.GetString() : i.GetRawText())), string.Empty);
                break;
            case JsonValueKind.Array:
                emit(key + " (count)", e.GetArrayLength(), string.Empty);
                break;
        }
    }

    private static string Text(JsonElement root, string key) =>
        root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;

    private static double? Value(JsonElement e, params string[] path)
    {
        foreach (var p in path)
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(p, out e))
            {
                return null;
            }
        }

        return e.ValueKind == JsonValueKind.Number ? e.GetDouble() : null;
    }

    private static string N(double? v, string format = "N0") => v is { } x ? x.ToString(format, Inv) : "n/a";

    private static IEnumerable<string> Findings(string kind, JsonElement root)
    {
        switch (kind)
        {
            case "comparison" when root.TryGetProperty("scenarios", out var scenarios):
                foreach (var s in scenarios.EnumerateArray())
                {
                    yield return $"{Text(s, "name")}: {Text(s, "status")}; net benefit {N(Value(s, "kpis", "netBenefit", "value"))} ({N(Value(s, "kpis", "netBenefit", "versusBase"))} versus base), CO2e avoided {N(Value(s, "kpis", "co2Avoided", "value"), "N1")} t/yr ({N(Value(s, "kpis", "co2Avoided", "versusBase"), "N1")}), landfill avoided {N(Value(s, "kpis", "landfillAvoided", "value"))} t/yr.";
                }

                break;
            case "barriers" when root.TryGetProperty("barriers", out var barriers):
                yield return $"{barriers.GetArrayLength()} barrier(s) removed one at a time; the costliest first:";
                foreach (var b in barriers.EnumerateArray().Take(5))
                {
                    yield return $"  {N(Value(b, "rank"))}. {Text(b, "description")}: value lost {N(Value(b, "valueLost", "value"))} {(b.TryGetProperty("valueLost", out var vl) ? Text(vl, "unit") : string.Empty)}.";
                }

                break;
            case "sweep" when root.TryGetProperty("points", out var points):
                yield return $"{points.GetArrayLength()} points swept over {string.Join(" and ", root.GetProperty("parameters").EnumerateArray().Select(p => $"{Text(p, "path")} ({Text(p, "unit")})"))}; {(root.TryGetProperty("switches", out var sw) ? sw.GetArrayLength() : 0)} switch(es) of exchanges on or off.";
                break;
            case "montecarlo" when root.TryGetProperty("kpis", out var kpis):
                yield return $"{N(Value(root, "solved"))} of {N(Value(root, "samples"))} samples solved (seed {N(Value(root, "seed"))}).";
                foreach (var k in kpis.EnumerateObject().Where(k => k.Name is "netBenefit" or "co2Avoided" or "landfillAvoided"))
                {
                    yield return $"{k.Name}: P10 {N(Value(k.Value, "p10"))}, P50 {N(Value(k.Value, "p50"))}, P90 {N(Value(k.Value, "p90"))} {Text(k.Value, "unit")}.";
                }

                break;
            default:
                yield return $"{kind} of {Text(root, "region")} from {Text(root, "source")}; the tables follow on the next sheets.";
                break;
        }
    }
}
