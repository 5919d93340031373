using System.Globalization;
using System.Text;
using ClosedXML.Excel;

namespace SymbiosisOptimizer.Scenarios.Excel;

/// <summary>
/// The fill-in workbook of `symbiosis template`: one sheet per section of the scenario format, an instructions
/// sheet, units in the header notes and drop-down lists for every fixed choice. Filled from an existing scenario it
/// reads back (<see cref="XlsxNodeReader"/>) to the same model.
/// </summary>
public static class ExcelTemplate
{
    private sealed record Col(string Key, string Note, string[]? Choices = null, double Width = 16);

    private sealed record Sheet(string Name, string What, Col[] Columns);

    private static readonly string[] Bool = ["true", "false"];

    private static readonly Sheet[] Sheets =
    [
        new("region", "The region: one row.",
        [
            new("name", "Display name of the region", Width: 30), new("currency", "Currency code every result is reported in, e.g. SEK"),
            new("discountRate", "For NPV and annualising investments, e.g. 5 %"), new("horizon", "Years over which investments and permits are judged, e.g. 10 yr"),
            new("circuity", "Road distance / great-circle distance (default 1.3)"), new("exchangeRates.EUR", "Units of the currency per EUR, e.g. 11.5 (add columns exchangeRates.USD ...)"),
        ]),
        new("resources", "The resource catalogue: one row per by-product, input or energy carrier.",
        [
            new("id", "Unique id used in other sheets"), new("name", "Display name", Width: 28),
            new("category", "material | energy | water | gas | land | other", ["material", "energy", "water", "gas", "land", "other"]),
            new("unit", "Base unit of flows: t, MWh, m3 or ha"),
            new("wasteStatus", "waste | by-product | product (default product)", ["waste", "by-product", "product"]),
            new("properties", "Quality properties, e.g. [{id: phenol, unit: mg/kg}]", Width: 36),
        ]),
        new("actors", "Companies, municipalities, utilities and farms.",
        [
            new("id", "Unique id"), new("name", "Display name", Width: 30),
            new("kind", "company | municipality | utility | farm | other", ["company", "municipality", "utility", "farm", "other"]),
            new("sector", "Free text"), new("municipality", "Municipality the site is in"),
            new("lat", "Latitude in degrees north (WGS 84)"), new("lon", "Longitude in degrees east (WGS 84)"),
        ]),
        new("supplies", "By-products and surpluses with what happens to them today.",
        [
            new("id", "Unique id"), new("actor", "Actor id (sheet actors)"), new("resource", "Resource id (sheet resources)"),
            new("quantity", "Per year in the resource's dimension, e.g. 6 kt/yr"), new("min", "Optional lower bound, e.g. 4 kt/yr"), new("max", "Optional upper bound"),
            new("minLot", "Optional: an exchange moves at least this much or nothing, e.g. 500 t/yr"),
            new("quality", "Optional, e.g. {phenol: 20 mg/kg}; or one column per property: quality.phenol", Width: 26),
            new("route.kind", "What happens today: landfill | incineration | sale | release | storage | treatment | other", ["landfill", "incineration", "sale", "release", "storage", "treatment", "other"]),
            new("route.cost", "Gate fee or handling cost per unit WITHOUT landfill/incineration tax, e.g. 450 SEK/t"),
            new("route.emissions", "Emissions per unit, e.g. 1.26 kg CO2e/t"),
        ]),
        new("demands", "Input needs with what is bought today.",
        [
            new("id", "Unique id"), new("actor", "Actor id"), new("resource", "Resource id"), new("quantity", "Per year, e.g. 20 kt/yr"),
            new("buyer", "public | private", ["public", "private"]), new("minLot", "Optional, e.g. 1 kt/yr"),
            new("accepts", "Substitutes, e.g. [{resource: foundry-sand, ratio: 1}]", Width: 34),
            new("limits", "Quality limits, e.g. {phenol: {max: 50 mg/kg}}; or columns limits.phenol.max", Width: 30),
            new("source.kind", "virgin | purchase | own-production | other", ["virgin", "purchase", "own-production", "other"]),
            new("source.price", "Price per unit today, e.g. 120 SEK/t"), new("source.emissions", "Emissions per unit, e.g. 7.79 kg CO2e/t"),
            new("source.quality", "Optional, e.g. {phenol: 0 mg/kg}"),
        ]),
        new("processes", "Conversions (biochar, biogas) and water-using operations.",
        [
            new("id", "Unique id"), new("actor", "Owner actor id"), new("name", "Display name", Width: 24), new("existing", "true: runs today; false: built only if worth it", Bool),
            new("inputs", "e.g. [{resource: sewage-sludge, maxShare: 60 %}, {resource: garden-waste}]", Width: 40),
            new("outputs", "e.g. [{resource: biochar, yield: 0.3, quality: {cadmium: 0.8 mg/kg}}]", Width: 40),
            new("capacity", "Of total input, e.g. 10 kt/yr"), new("capex", "e.g. 25 MSEK"), new("fixedOpex", "e.g. 1 MSEK/yr"),
            new("opex", "Per unit of input, e.g. 150 SEK/t"), new("emissions", "Per unit of input, e.g. 40 kg CO2e/t"),
            new("limits", "Inlet limits, e.g. {cod: {max: 0 ppm}}"), new("loads", "Contaminant load added, e.g. {cod: 2 kg/h}"),
        ]),
        new("transport", "Transport modes.",
        [
            new("id", "Unique id"), new("name", "Display name", Width: 24), new("cost", "Per unit and km, e.g. 1.2 SEK/t.km"),
            new("fixedCost", "Per connection per year, e.g. 20 kSEK/yr"), new("emissions", "Per unit and km, e.g. 0.10163 kg CO2e/t.km"),
            new("maxDistance", "e.g. 150 km"), new("pipeline", "true for a pipe (capex per km, loss)", Bool), new("capex", "Pipe investment per km, e.g. 6 MSEK/km"),
            new("loss", "Share of the flow lost per km, e.g. 0.5 %"), new("resources", "Optional: only these resource ids, comma-separated", Width: 26),
        ]),
        new("distances", "Stated road distances (otherwise great-circle x circuity).",
        [
            new("from", "Actor id"), new("to", "Actor id"), new("distance", "e.g. 3.2 km"),
        ]),
        new("permits", "Permits an exchange needs.",
        [
            new("id", "Unique id"), new("name", "Display name", Width: 30), new("cost", "One-off, e.g. 150 kSEK"), new("leadTime", "e.g. 1.5 yr"),
            new("resources", "Resource ids that need it, comma-separated", Width: 24), new("receivers", "Optional: only for these receiver actor ids, comma-separated", Width: 24),
            new("liftedByEndOfWaste", "true: end-of-waste status of the resource removes the need", Bool),
        ]),
        new("policies", "Policies: one row.",
        [
            new("landfillTax", "e.g. 744 SEK/t"), new("incinerationTax", "e.g. 0 SEK/t"), new("co2Price", "e.g. 1200 SEK/t CO2e (0: money only)"),
            new("investmentSubsidy", "Share of capex paid by public grants, e.g. 0 %"), new("endOfWaste", "Resource ids with end-of-waste status, comma-separated", Width: 24),
            new("procurement", "e.g. [{resource: aggregate, minShare: 20 %}]", Width: 34),
        ]),
        new("objective", "Objective weights: one row (optional).",
        [
            new("landfillValue", "Extra value per tonne kept out of landfill, e.g. 0 SEK/t"),
        ]),
    ];

    /// <summary>The template, empty or filled from a scenario's node tree (its base, without overrides).</summary>
    public static byte[] Build(MapNode? from = null)
    {
        using var wb = new XLWorkbook();
        Instructions(wb);
        foreach (var sheet in Sheets)
        {
            var ws = wb.Worksheets.Add(sheet.Name);
            var rows = Rows(from?.Get(sheet.Name), XlsxNodeReader.MapSheets.Contains(sheet.Name));
            var columns = sheet.Columns.ToList();
            foreach (var key in rows.SelectMany(r => r.Keys).Distinct(StringComparer.Ordinal))
            {
                if (!columns.Exists(c => string.Equals(c.Key, key, StringComparison.Ordinal)))
                {
                    columns.Add(new Col(key, "Column added from the scenario"));
                }
            }

            for (var c = 0; c < columns.Count; c++)
            {
                var col = columns[c];
                var cell = ws.Cell(1, c + 1);
                cell.SetValue(col.Key);
                cell.DataType = XLDataType.Text;
                cell.Style.Font.Bold = true;
                cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#DDEBF7");
                cell.Comment.AddText(col.Note);
                ws.Column(c + 1).Width = col.Width;
                if (col.Choices is { } choices)
                {
                    ws.Range(2, c + 1, 1000, c + 1).SetDataValidation().List("\"" + string.Join(",", choices) + "\"", true);
                }
            }

            for (var r = 0; r < rows.Count; r++)
            {
                foreach (var (key, value) in rows[r])
                {
                    var cell = ws.Cell(r + 2, columns.FindIndex(c => string.Equals(c.Key, key, StringComparison.Ordinal)) + 1);
                    if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) &&
                        string.Equals(number.ToString("R", CultureInfo.InvariantCulture), value, StringComparison.Ordinal))
                    {
                        cell.SetValue(number);
                    }
                    else
                    {
                        cell.SetValue(value);
                        cell.DataType = XLDataType.Text;
                    }
                }
            }

            ws.SheetView.FreezeRows(1);
        }

        using var stream = new MemoryStream();
        wb.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Instructions(XLWorkbook wb)
    {
        var ws = wb.Worksheets.Add(XlsxNodeReader.InstructionsSheet);
        ws.Column(1).Width = 120;
        string[] lines =
        [
            "SymbiosisOptimizer scenario workbook",
            string.Empty,
            "Fill in one row per item on each sheet; the header row names the keys of docs/scenario-format.md. Hover a header for its meaning and units.",
            "Write every value with its unit, as in the YAML format: 12 kt/yr, 744 SEK/t, 0.1 kg CO2e/t.km, 5 %. A value of the wrong dimension is an error.",
            "Dotted headers are nested keys: route.cost is the cost of the supply's current route. Add a column quality.phenol to give one property per column.",
            "Lists and blocks are written as in YAML inside one cell: [{resource: foundry-sand, ratio: 1}] or {phenol: 20 mg/kg}; lists of ids may be comma-separated.",
            "Drop-down lists offer the allowed choices (kinds, routes, sources).",
            "The sheets region, policies and objective hold a single row. Leave a sheet empty (header only) when it does not apply.",
            "Check the workbook with: symbiosis validate model.xlsx    and optimise it with: symbiosis run model.xlsx --out DIR",
            "Errors name the sheet and cell, e.g. model.xlsx!supplies!C7.",
            "Scenario overrides and uncertainty are written in YAML (see docs/scenario-format.md).",
            string.Empty,
            "Sheets:",
        ];
        var r = 0;
        foreach (var line in lines.Concat(Sheets.Select(s => $"  {s.Name}: {s.What}")))
        {
            r++;
            ws.Cell(r, 1).SetValue(line);
            ws.Cell(r, 1).DataType = XLDataType.Text;
        }

        ws.Cell(1, 1).Style.Font.Bold = true;
        ws.Cell(1, 1).Style.Font.FontSize = 14;
    }

    /// <summary>A section's rows as (column, text) pairs: nested maps become dotted columns, lists YAML flow text.</summary>
    private static List<Dictionary<string, string>> Rows(Node? section, bool single)
    {
        var items = section switch
        {
            MapNode m when single => [m],
            SequenceNode s => s.Items.OfType<MapNode>().ToList(),
            _ => [],
        };
        return items.Select(item =>
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            Flatten(item, string.Empty, row);
            return row;
        }).ToList();
    }

    private static void Flatten(MapNode map, string prefix, Dictionary<string, string> row)
    {
        foreach (var e in map.Entries)
        {
            var key = prefix + e.Key.Value;
            switch (e.Value)
            {
                case MapNode m when m.Entries.Length > 0:
                    Flatten(m, key + ".", row);
                    break;
                case ScalarNode s:
                    row[key] = s.IsNull ? string.Empty : s.Value;
                    break;
                case SequenceNode q when XlsxNodeReader.IdListColumns.Contains(e.Key.Value) && q.Items.All(i => i is ScalarNode) && q.Items.Length > 1:
                    row[key] = string.Join(", ", q.Items.Cast<ScalarNode>().Select(i => i.Value));
                    break;
                default:
                    row[key] = Flow(e.Value);
                    break;
            }
        }
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
                    !text.StartsWith('-') && !text.StartsWith('?');
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
