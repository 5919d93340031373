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
            new("quality.phenol", "Optional, one column per property: quality.<property>, e.g. 20 mg/kg", Width: 26),
            new("route.kind", "What happens today: landfill | incineration | sale | release | storage | treatment | other", ["landfill", "incineration", "sale", "release", "storage", "treatment", "other"]),
            new("route.cost", "Gate fee or handling cost per unit WITHOUT landfill/incineration tax, e.g. 450 SEK/t"),
            new("route.emissions", "Emissions per unit, e.g. 1.26 kg CO2e/t"),
        ]),
        new("demands", "Input needs with what is bought today.",
        [
            new("id", "Unique id"), new("actor", "Actor id"), new("resource", "Resource id"), new("quantity", "Per year, e.g. 20 kt/yr"),
            new("buyer", "public | private", ["public", "private"]), new("minLot", "Optional, e.g. 1 kt/yr"),
            new("limits.phenol.max", "Quality limits, one column per property and bound: limits.<property>.max or .min, e.g. 50 mg/kg", Width: 30),
            new("source.kind", "virgin | purchase | own-production | other", ["virgin", "purchase", "own-production", "other"]),
            new("source.price", "Price per unit today, e.g. 120 SEK/t"), new("source.emissions", "Emissions per unit, e.g. 7.79 kg CO2e/t"),
            new("source.quality.phenol", "Optional, one column per property: source.quality.<property>, e.g. 0 mg/kg"),
        ]),
        new("processes", "Conversions (biochar, biogas) and water-using operations.",
        [
            new("id", "Unique id"), new("actor", "Owner actor id"), new("name", "Display name", Width: 24), new("existing", "true: runs today; false: built only if worth it", Bool),
            new("capacity", "Of total input, e.g. 10 kt/yr"), new("capex", "e.g. 25 MSEK"), new("fixedOpex", "e.g. 1 MSEK/yr"),
            new("opex", "Per unit of input, e.g. 150 SEK/t"), new("emissions", "Per unit of input, e.g. 40 kg CO2e/t"),
            new("limits.cod.max", "Inlet limits, one column per property and bound: limits.<property>.max or .min, e.g. 0 ppm"),
            new("loads.cod", "Contaminant load added, one column per contaminant: loads.<property>, e.g. 2 kg/h"),
            new("closable", "Existing plants only: true if the plan may close it", Bool), new("closingSaving", "With closable: the saving per year when closed, e.g. 100 kSEK/yr"),
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
        new("links", "Links between two actors that replace the generated candidate (optional): one row per link.",
        [
            new("from", "Actor id"), new("to", "Actor id"), new("resource", "Resource id"), new("mode", "Transport mode id (sheet transport)"),
            new("distance", "e.g. 0 km on one site"), new("capacity", "Optional: at most this per year, e.g. 5 kt/yr"),
            new("fixedCost", "Optional: per year once used, e.g. 20 kSEK/yr"), new("capex", "Optional: one-off investment, e.g. 1 MSEK"),
            new("permit", "Optional: permit id (sheet permits)"), new("decision", "required | optional | forbidden (default optional)", ["required", "optional", "forbidden"]),
        ]),
        new("decisions", "Pinned choices (optional): one row per exchange or plant.",
        [
            new("exchange.from", "Supplying actor id"), new("exchange.to", "Receiving actor id"), new("exchange.resource", "Resource id"),
            new("exchange.mode", "Optional: transport mode id"), new("plant", "Or a process id instead of an exchange"),
            new("choice", "required | optional | forbidden", ["required", "optional", "forbidden"]), new("atLeast", "Optional for required: at least this per year, e.g. 50 t/yr"),
        ]),
        new("groups", "All-or-nothing groups of choices (optional): one row per group; members on the sheet 'group members'.",
        [
            new("id", "Unique id"), new("rule", "all-or-nothing", ["all-or-nothing"]),
        ]),
        new("policies", "Policies: one row.",
        [
            new("landfillTax", "e.g. 744 SEK/t"), new("incinerationTax", "e.g. 0 SEK/t"), new("co2Price", "e.g. 1200 SEK/t CO2e (0: money only)"),
            new("investmentSubsidy", "Share of capex paid by public grants, e.g. 0 %"), new("endOfWaste", "Resource ids with end-of-waste status, comma-separated", Width: 24),
        ]),
        new("objective", "Objective weights: one row (optional).",
        [
            new("landfillValue", "Extra value per tonne kept out of landfill, e.g. 0 SEK/t"),
        ]),
    ];

    private static readonly string[] RouteKinds = ["landfill", "incineration", "sale", "release", "storage", "treatment", "other"];

    /// <summary>The list sheets of <see cref="WorkbookLayout.Children"/>, by name, with their columns.</summary>
    private static readonly Sheet[] ListSheets =
    [
        new("resource properties", "Quality properties of resources: one row per property.",
        [
            new("resource", "Resource id (sheet resources)"), new("id", "Property id, e.g. phenol"), new("unit", "Unit of the property, e.g. mg/kg, %, ppm or degC"),
        ]),
        new("demand accepts", "Resources that can replace a demand's own: one row per substitute.",
        [
            new("demand", "Demand id (sheet demands)"), new("resource", "Resource id that can replace the demand's own"),
            new("ratio", "Units replaced per unit used, e.g. 1; with its unit when the two are counted differently"),
        ]),
        new("process inputs", "Inputs of processes: one row per process and input.",
        [
            new("process", "Process id (sheet processes)"), new("resource", "Input resource id"), new("maxShare", "Optional: at most this share of the input, e.g. 60 %"),
            new("source.kind", "Optional: the input is also bought today: virgin | purchase | own-production | other", ["virgin", "purchase", "own-production", "other"]),
            new("source.price", "Price per unit, e.g. 5 SEK/m3"), new("source.emissions", "Emissions per unit, e.g. 0 kg CO2e/m3"),
        ]),
        new("group members", "Members of all-or-nothing groups: one row per member.",
        [
            new("group", "Group id (sheet groups)"), new("exchange.from", "Supplying actor id"), new("exchange.to", "Receiving actor id"),
            new("exchange.resource", "Resource id"), new("exchange.mode", "Optional: transport mode id"), new("plant", "Or a process id instead of an exchange"),
        ]),
        new("process outputs", "Outputs of processes: one row per process and output.",
        [
            new("process", "Process id (sheet processes)"), new("resource", "Output resource id"), new("yield", "Per unit of total input, e.g. 0.3 or 0.9 MWh/t"),
            new("quality.cadmium", "Optional, one column per property: quality.<property>, e.g. 0.8 mg/kg"),
            new("disposal.kind", "Optional: where unsold output goes", RouteKinds), new("disposal.cost", "e.g. 8 SEK/m3"), new("disposal.emissions", "e.g. 0 kg CO2e/m3"),
        ]),
        new("procurement", "Procurement mandates: one row per resource.",
        [
            new("resource", "Resource id"), new("minShare", "Public buyers together take at least this share from exchanges, e.g. 20 %"),
        ]),
    ];

    private static readonly Sheet UncertaintySheet = new("uncertainty", "Uncertain inputs for symbiosis montecarlo: one row per parameter (optional).",
    [
        new("path", "Parameter path, e.g. policies.landfillTax or demands.<id>.source.price", Width: 34),
        new("distribution", "normal | lognormal | triangular | uniform", ["normal", "lognormal", "triangular", "uniform"]),
        new("mean", "normal, lognormal"), new("sd", "normal, lognormal"), new("mode", "triangular"), new("min", "triangular, uniform; optional bound for normal, lognormal"), new("max", "as min"),
    ]);

    private static readonly Sheet OverridesSheet = new(WorkbookLayout.OverridesSheet, "Overrides: named changes to the model, one row per key an override sets (optional).",
    [
        new("override", "Name of the override (used on sheet scenarios), e.g. landfill-tax-1000", Width: 24),
        new("path", "Dotted key it sets, e.g. policies.landfillTax or permits.mifo-reuse.leadTime", Width: 34),
        new("value", "The value with its unit, e.g. 1000 SEK/t", Width: 20),
        new("values", "Or a list of ids, comma-separated, e.g. foundry-sand, slag", Width: 26),
    ]);

    private static readonly Sheet OverrideItemsSheet = new(WorkbookLayout.OverrideItemsSheet, "Items of an override whose value is a list of items (e.g. policies.procurement): one row per item.",
    [
        new("override", "Name of the override", Width: 24), new("path", "Dotted key it sets, e.g. policies.procurement", Width: 26),
        new("resource", "The item's keys follow, e.g. resource and minShare for a procurement mandate"), new("minShare", "e.g. 20 %"),
    ]);

    private static readonly Sheet ScenariosSheet = new(WorkbookLayout.ScenariosSheet, "Scenarios: one row per named scenario (optional).",
    [
        new("scenario", "Scenario name, for --scenario", Width: 22), new("overrides", "Its overrides, comma-separated, applied in order", Width: 50),
    ]);

    /// <summary>The template, empty or filled from a scenario's node tree (base, overrides, scenarios and uncertainty).</summary>
    public static byte[] Build(MapNode? from = null)
    {
        using var wb = new XLWorkbook();
        Instructions(wb);
        foreach (var sheet in Sheets)
        {
            var children = WorkbookLayout.Children.Where(c => string.Equals(c.Section, sheet.Name, StringComparison.Ordinal)).ToList();
            var (rows, childRows) = Rows(from?.Get(sheet.Name), XlsxNodeReader.MapSheets.Contains(sheet.Name), children);
            Write(wb, sheet, rows);
            foreach (var child in children)
            {
                Write(wb, ListSheets.Single(l => string.Equals(l.Name, child.Name, StringComparison.Ordinal)), childRows[child.Name]);
            }
        }

        Write(wb, UncertaintySheet, Rows(from?.Get(UncertaintySheet.Name), false, []).Rows);
        var (overrides, items) = OverrideRows(from?.Get(WorkbookLayout.OverridesSheet));
        Write(wb, OverridesSheet, overrides);
        Write(wb, OverrideItemsSheet, items);
        Write(wb, ScenariosSheet, ScenarioRows(from?.Get(WorkbookLayout.ScenariosSheet)));
        using var stream = new MemoryStream();
        wb.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Write(XLWorkbook wb, Sheet sheet, List<Dictionary<string, string>> rows)
    {
        {
            var ws = wb.Worksheets.Add(sheet.Name);
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
            "Lists inside an item have sheets of their own, one row per list item: process inputs and process outputs (column process names the process), demand accepts, resource properties, procurement.",
            "Lists of ids are comma-separated: foundry-sand, slag. No cell needs YAML; a cell written in YAML flow syntax ([a, b], {phenol: 20 mg/kg}) is still read.",
            "Drop-down lists offer the allowed choices (kinds, routes, sources).",
            "The sheets region, policies and objective hold a single row. Leave a sheet empty (header only) when it does not apply.",
            "Check the workbook with: symbiosis validate model.xlsx    and optimise it with: symbiosis run model.xlsx --out DIR",
            "Errors name the sheet and cell, e.g. model.xlsx!supplies!C7.",
            "Overrides (one row per key an override sets), scenarios (one row per scenario, its overrides comma-separated) and uncertainty have sheets too.",
            string.Empty,
            "Sheets:",
        ];
        var r = 0;
        foreach (var line in lines.Concat(Sheets.Concat(ListSheets).Append(UncertaintySheet).Append(OverridesSheet).Append(OverrideItemsSheet).Append(ScenariosSheet).Select(s => $"  {s.Name}: {s.What}")))
        {
            r++;
            ws.Cell(r, 1).SetValue(line);
            ws.Cell(r, 1).DataType = XLDataType.Text;
        }

        ws.Cell(1, 1).Style.Font.Bold = true;
        ws.Cell(1, 1).Style.Font.FontSize = 14;
    }

    /// <summary>
    /// A section's rows as (column, text) pairs: nested maps become dotted columns, id lists comma-separated text, and
    /// the lists of <paramref name="children"/> rows of their own sheets (with the owner's id). Anything else that is a
    /// list (none in the format today) stays YAML flow text, which the reader still accepts.
    /// </summary>
    private static (List<Dictionary<string, string>> Rows, Dictionary<string, List<Dictionary<string, string>>> Children) Rows(Node? section, bool single, IReadOnlyList<ChildSheet> children)
    {
        var items = section switch
        {
            MapNode m when single => [m],
            SequenceNode s => s.Items.OfType<MapNode>().ToList(),
            _ => [],
        };
        var childRows = children.ToDictionary(c => c.Name, _ => new List<Dictionary<string, string>>(), StringComparer.Ordinal);
        var rows = items.Select(item =>
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            var owner = item.Get("id") is ScalarNode { IsNull: false } id ? id.Value : null;
            var moved = new HashSet<string>(StringComparer.Ordinal);
            foreach (var child in children)
            {
                if (item.Get(child.Key) is SequenceNode { Items.Length: > 0 } list && list.Items.All(i => i is MapNode) && (child.ParentColumn is null || owner is not null))
                {
                    moved.Add(child.Key);
                    foreach (var listItem in list.Items.Cast<MapNode>())
                    {
                        var childRow = new Dictionary<string, string>(StringComparer.Ordinal);
                        if (child.ParentColumn is { } parent)
                        {
                            childRow[parent] = owner!;
                        }

                        Flatten(listItem, string.Empty, childRow);
                        childRows[child.Name].Add(childRow);
                    }
                }
            }

            Flatten(item, string.Empty, row, moved);
            return row;
        }).ToList();
        return (rows, childRows);
    }

    /// <summary>Overrides as rows (override, path, value or values) and the items of list values as rows of their own.</summary>
    private static (List<Dictionary<string, string>> Rows, List<Dictionary<string, string>> Items) OverrideRows(Node? overrides)
    {
        var rows = new List<Dictionary<string, string>>();
        var items = new List<Dictionary<string, string>>();
        foreach (var o in (overrides as MapNode)?.Entries ?? [])
        {
            foreach (var set in (o.Value as MapNode)?.Entries ?? [])
            {
                var row = new Dictionary<string, string>(StringComparer.Ordinal) { ["override"] = o.Key.Value, ["path"] = set.Key.Value };
                switch (set.Value)
                {
                    case ScalarNode v:
                        row["value"] = v.IsNull ? string.Empty : v.Value;
                        break;
                    case SequenceNode { Items.Length: > 0 } q when q.Items.All(i => i is ScalarNode):
                        row["values"] = string.Join(", ", q.Items.Cast<ScalarNode>().Select(i => i.Value));
                        break;
                    case SequenceNode { Items.Length: > 0 } q when q.Items.All(i => i is MapNode):
                        foreach (var item in q.Items.Cast<MapNode>())
                        {
                            var itemRow = new Dictionary<string, string>(StringComparer.Ordinal) { ["override"] = o.Key.Value, ["path"] = set.Key.Value };
                            Flatten(item, string.Empty, itemRow);
                            items.Add(itemRow);
                        }

                        break;
                    default:
                        row["value"] = Flow(set.Value);
                        break;
                }

                rows.Add(row);
            }
        }

        return (rows, items);
    }

    private static List<Dictionary<string, string>> ScenarioRows(Node? scenarios) =>
        [.. ((scenarios as MapNode)?.Entries ?? []).Select(e =>
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal) { ["scenario"] = e.Key.Value };
            var names = e.Value is SequenceNode q ? string.Join(", ", q.Items.OfType<ScalarNode>().Select(i => i.Value)) : e.Value is ScalarNode s ? s.Value : string.Empty;
            if (names.Length > 0)
            {
                row["overrides"] = names;
            }

            return row;
        })];

    private static void Flatten(MapNode map, string prefix, Dictionary<string, string> row, IReadOnlySet<string>? skip = null)
    {
        foreach (var e in map.Entries)
        {
            if (skip is not null && skip.Contains(e.Key.Value))
            {
                continue;
            }

            var key = prefix + e.Key.Value;
            switch (e.Value)
            {
                case MapNode m when m.Entries.Length > 0:
                    Flatten(m, key + ".", row);
                    break;
                case ScalarNode s:
                    row[key] = s.IsNull ? string.Empty : s.Value;
                    break;
                case SequenceNode { Items.Length: 0 }:
                    // An empty list is the same as none given; leaving the cell empty keeps brackets out of the sheet.
                    break;
                case SequenceNode q when XlsxNodeReader.IdListColumns.Contains(e.Key.Value) && q.Items.All(i => i is ScalarNode):
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
