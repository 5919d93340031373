using System.Collections.Immutable;
using ClosedXML.Excel;
using SymbiosisOptimizer.Reports.Documents;

namespace SymbiosisOptimizer.Reports.Excel;

/// <summary>
/// The workbook written beside each runner document (comparison.json, barriers.json, sweep.json, montecarlo.json,
/// sharing.json): a Summary sheet with findings in words and the document's key figures, then one sheet per table.
/// Rendered from the same typed document the JSON is serialized from, so every number is the number in the file.
/// Headers carry the unit; cells hold numbers with a grouped format (never an exponent); people see display names.
/// </summary>
public static partial class RunnerWorkbook
{
    public const string SummarySheet = "Summary";

    /// <summary>The comparison workbook's ranked cost-effectiveness table.</summary>
    public const string RankingSheet = "Cost-effectiveness";

    /// <summary>First row of the key-figure table on the Summary sheet (its header row).</summary>
    private const int Gap = 2;

    private const string Precise = "#,##0.####";
    private const string Share = "0.0%";
    private const string Count = "0";

    /// <summary>A table column: header (with unit), width, number format and how an item fills it.</summary>
    private sealed record Col<T>(string Header, double Width, string? Format, Func<T, object?> Value);

    /// <summary>A key figure of the Summary sheet.</summary>
    private sealed record Figure(string Item, double? Value, string Unit, string Format = Formats.Quantity);

    public static byte[] Build(ComparisonDocument d)
    {
        using var wb = new XLWorkbook();
        var money = $"{d.Currency}/yr";
        var findings = d.Scenarios.Select(s => s.Kpis is not { } k
            ? $"{s.Name}: {s.Status}; no solution, so no figures."
            : $"{s.Name}: {s.Status}; net benefit {Figures.With(Amt(k.NetBenefit))} ({Figures.Signed(k.NetBenefit.VersusBase)} versus base), CO2e avoided {Figures.With(Amt(k.Co2Avoided), 1)} ({Figures.Signed(k.Co2Avoided.VersusBase, 1)}), landfill avoided {Figures.With(Amt(k.LandfillAvoided))}.");
        var figures = d.Scenarios.Where(s => s.Kpis is not null).SelectMany(s => new[]
        {
            new Figure($"{s.Name}: net benefit", s.Kpis!.NetBenefit.Value, s.Kpis.NetBenefit.Unit, Formats.Money),
            new Figure($"{s.Name}: CO2e avoided", s.Kpis.Co2Avoided.Value, s.Kpis.Co2Avoided.Unit, Formats.Tonnes),
            new Figure($"{s.Name}: landfill avoided", s.Kpis.LandfillAvoided.Value, s.Kpis.LandfillAvoided.Unit, Formats.Tonnes),
        });
        Summary(wb, $"{d.Region}: scenario comparison against {d.Base}", findings, figures);

        // The groups become columns so the sheet keeps one row per scenario; a scenario without a group leaves it empty.
        var kinds = d.Scenarios.SelectMany(s => s.ByKind).Select(g => g.Group).Distinct(StringComparer.Ordinal).ToList();
        var municipalities = d.Scenarios.SelectMany(s => s.ByMunicipality).Select(g => g.Group).Distinct(StringComparer.Ordinal).ToList();
        var cols = new List<Col<ComparedScenario>>
        {
            new("Scenario", 28, null, s => s.Name),
            new("Status", 12, null, s => s.Status),
        };
        void Kpi(string label, string unit, string format, Func<KpiChanges, Change> f)
        {
            cols.Add(new($"{label} ({unit})", 16, format, s => s.Kpis is { } k ? f(k).Value : null));
            cols.Add(new($"{label} versus base ({unit})", 16, format, s => s.Kpis is { } k ? f(k).VersusBase : null));
        }

        Kpi("Net benefit", money, Formats.Money, k => k.NetBenefit);
        Kpi("Objective gain", money, Formats.Money, k => k.ObjectiveGain);
        Kpi("CO2e avoided", "t CO2e/yr", Formats.Tonnes, k => k.Co2Avoided);
        Kpi("Landfill avoided", "t/yr", Formats.Tonnes, k => k.LandfillAvoided);
        Kpi("Virgin material avoided", "t/yr", Formats.Tonnes, k => k.VirginMaterialAvoided);
        Kpi("Transport emissions", "t CO2e/yr", Formats.Tonnes, k => k.TransportEmissions);
        Kpi("Mandate shortfall", "units/yr", Formats.Quantity, k => k.MandateShortfall);
        void Effect(string label, string unit, string format, Func<PolicyEffectRow, double?> f) =>
            cols.Add(new($"{label} ({unit})", 16, format, s => s.Effect is { } e ? f(e) : null));
        void Account(string label, Func<ScenarioAccounts, Amount> f) =>
            cols.Add(new($"{label}, against today ({money})", 16, Formats.Money, s => s.Accounts is { } a ? f(a).Value : null));

        Account("Firms", a => a.Firms);
        Account("Public budget", a => a.PublicBudget);
        Account("Externalities", a => a.Externalities);
        Account("Society", a => a.Society);
        Effect("Firms versus base", money, Formats.Money, e => e.Firms.Value);
        Effect("Public budget versus base", money, Formats.Money, e => e.PublicBudget.Total.Value);
        Effect("  state: landfill tax", money, Formats.Money, e => e.PublicBudget.LandfillTax.Value);
        Effect("  state: incineration tax", money, Formats.Money, e => e.PublicBudget.IncinerationTax.Value);
        Effect("  state: subsidies", money, Formats.Money, e => e.PublicBudget.Subsidies.Value);
        Effect("  municipalities", money, Formats.Money, e => e.PublicBudget.Municipalities.Value);
        Effect("Externalities versus base", money, Formats.Money, e => e.Externalities.Value);
        Effect("Society versus base", money, Formats.Money, e => e.Society.Value);
        Effect("Public cost per t CO2e avoided", $"{d.Currency}/t CO2e", Formats.Money, e => e.PublicCostPerTonneCo2.Value);
        Effect("Public cost per t landfill avoided", $"{d.Currency}/t", Formats.Money, e => e.PublicCostPerTonneLandfill.Value);
        Effect("Society's cost per t CO2e avoided", $"{d.Currency}/t CO2e", Formats.Money, e => e.SocietyCostPerTonneCo2.Value);
        cols.Add(new("Cost-effectiveness", 40, null, s => s.Effect is { } e ? $"{e.SocietyCostPerTonneCo2.Explanation}; {e.PublicCostPerTonneCo2.Explanation}" : null));
        cols.Add(new("Who gains, who pays", 60, null, s => s.Effect?.Verdict));
        foreach (var g in kinds)
        {
            cols.Add(new($"Net benefit of {g} actors ({money})", 16, Formats.Money, s => s.ByKind.FirstOrDefault(x => x.Group == g)?.NetBenefit.Value));
        }

        foreach (var g in municipalities)
        {
            cols.Add(new($"Net benefit in {g} ({money})", 16, Formats.Money, s => s.ByMunicipality.FirstOrDefault(x => x.Group == g)?.NetBenefit.Value));
        }

        cols.Add(new("Exchanges started", 40, null, s => Names(s.ExchangesAdded)));
        cols.Add(new("Exchanges stopped", 40, null, s => Names(s.ExchangesDropped)));
        Table(wb, "Scenarios", cols, d.Scenarios);
        Table(wb, RankingSheet,
            [
                new Col<RankedScenario>("Rank", 6, Count, r => r.Rank),
                new("Scenario", 28, null, r => r.Name),
                new($"Society's cost per t CO2e avoided ({d.Currency}/t CO2e)", 18, Formats.Money, r => r.SocietyCostPerTonneCo2.Value),
                new("Why (society)", 40, null, r => r.SocietyCostPerTonneCo2.Explanation),
                new($"Public cost per t CO2e avoided ({d.Currency}/t CO2e)", 18, Formats.Money, r => r.PublicCostPerTonneCo2.Value),
                new("Why (public, CO2e)", 40, null, r => r.PublicCostPerTonneCo2.Explanation),
                new($"Public cost per t landfill avoided ({d.Currency}/t)", 18, Formats.Money, r => r.PublicCostPerTonneLandfill.Value),
                new("Why (public, landfill)", 40, null, r => r.PublicCostPerTonneLandfill.Explanation),
                new($"Society versus base ({money})", 16, Formats.Money, r => r.Society.Value),
                new("Who gains, who pays", 70, null, r => r.Verdict),
            ],
            d.Ranking);
        return SheetWriter.ToBytes(wb);
    }

    public static byte[] Build(BarriersDocument d)
    {
        using var wb = new XLWorkbook();
        var findings = new List<string> { $"{d.Barriers.Length} barrier(s) removed one at a time; the costliest first:" };
        findings.AddRange(d.Barriers.Take(5).Select(b => $"  {b.Rank}. {b.Description}: value lost {Figures.With(b.ValueLost)}."));
        Summary(wb, $"{d.Region}: barriers of scenario '{d.Scenario}'", findings, [new Figure("Base status: " + d.Base.Status, null, string.Empty), .. KpiFigures("With every barrier in place", d.Base.Kpis)]);
        Table(wb, "Barriers", [
            new Col<BarrierEntry>("Rank", 6, Count, b => b.Rank),
            new("Barrier", 50, null, b => b.Description),
            new("Kind", 18, null, b => b.Kind),
            new("Status", 12, null, b => b.Status),
            new($"Value lost ({Unit(d.Barriers.Select(b => b.ValueLost), d.Currency + "/yr")})", 16, Formats.Money, b => b.ValueLost.Value),
            new("Binds nothing", 10, null, b => b.BindsNothing),
            new("Explanation", 50, null, b => b.Explanation),
            new($"Net benefit change ({d.Currency}/yr)", 16, Formats.Money, b => b.KpiChange?.NetBenefit.Value),
            new($"CO2e avoided change (t CO2e/yr)", 16, Formats.Tonnes, b => b.KpiChange?.Co2Avoided.Value),
            new($"Landfill avoided change (t/yr)", 16, Formats.Tonnes, b => b.KpiChange?.LandfillAvoided.Value),
            new("Exchanges started", 40, null, b => Names(b.ExchangesAdded)),
            new("Exchanges stopped", 40, null, b => Names(b.ExchangesDropped)),
        ], d.Barriers);
        Table(wb, "Shadow prices", [
            new Col<ShadowPriceRow>("Limit", 60, null, p => p.Meaning),
            new("Kind", 10, null, p => p.Kind),
            new("Value per unit relaxed", 16, Precise, p => p.ValuePerUnit.Value),
            new("Unit", 24, null, p => p.ValuePerUnit.Unit),
            new("Binding", 10, null, p => p.Binding),
        ], d.ShadowPrices.Rows);
        return SheetWriter.ToBytes(wb);
    }

    public static byte[] Build(SweepDocument d)
    {
        using var wb = new XLWorkbook();
        var over = string.Join(" and ", d.Parameters.Select(p => $"{p.Path} ({p.Unit})"));
        Summary(wb, $"{d.Region}: sweep of scenario '{d.Scenario}'",
            [$"{d.Points.Length} points swept over {over}; {d.Switches.Length} switch(es) of exchanges on or off."],
            [new Figure("Points", d.Points.Length, string.Empty), new Figure("Points solved", d.Points.Count(p => p.Kpis is not null), string.Empty)]);
        var names = d.Exchanges.ToDictionary(e => e.Key, e => e.Name, StringComparer.Ordinal);
        var cols = d.Parameters.Select((p, i) => new Col<SweepPointEntry>($"{p.Path} ({p.Unit})", 18, Precise, x => x.Values[i])).ToList();
        cols.Add(new("Status", 12, null, x => x.Status));
        cols.AddRange(KpiColumns<SweepPointEntry>(d.Currency, x => x.Kpis));
        cols.Add(new("Exchanges", 10, Count, x => x.Exchanges.Length));
        cols.Add(new("Exchanges chosen", 60, null, x => string.Join("; ", x.Exchanges.Select(k => names.GetValueOrDefault(k, k)))));
        Table(wb, "Sweep", cols, d.Points);
        Table(wb, "Switches", [
            new Col<SweepSwitch>("Parameter", 28, null, s => s.Parameter),
            new("From", 12, Precise, s => s.From),
            new("To", 12, Precise, s => s.To),
            new("Unit", 12, null, s => d.Parameters.FirstOrDefault(p => p.Path == s.Parameter)?.Unit),
            new("With", 28, null, s => s.At is { } a ? $"{a.Parameter} = {Figures.Number(a.Value)} {d.Parameters.FirstOrDefault(p => p.Path == a.Parameter)?.Unit}" : null),
            new("Exchanges switched on", 50, null, s => Names(s.On)),
            new("Exchanges switched off", 50, null, s => Names(s.Off)),
        ], d.Switches);
        Table(wb, "Parameters", [
            new Col<SweepParameter>("Parameter", 28, null, p => p.Path),
            new("Unit", 12, null, p => p.Unit),
            new("Range as given", 30, null, p => p.Set),
            new("Points", 8, Count, p => p.Values.Length),
            new("From", 12, Precise, p => p.Values.IsEmpty ? null : p.Values[0]),
            new("To", 12, Precise, p => p.Values.IsEmpty ? null : p.Values[^1]),
        ], d.Parameters);
        return SheetWriter.ToBytes(wb);
    }

    public static byte[] Build(MonteCarloDocument d)
    {
        using var wb = new XLWorkbook();
        var findings = new List<string> { $"{d.Solved} of {d.Samples} samples solved (seed {d.Seed})." };
        findings.AddRange(Spreads(d.Kpis).Take(4).Where(k => k.Name != "Objective gain")
            .Select(k => $"{k.Name}: P10 {Figures.Fixed(k.Spread.P10)}, P50 {Figures.Fixed(k.Spread.P50)}, P90 {Figures.Fixed(k.Spread.P90)} {k.Spread.Unit}."));
        Summary(wb, $"{d.Region}: Monte Carlo of scenario '{d.Scenario}'", findings,
            [new Figure("Samples", d.Samples, string.Empty), new Figure("Samples solved", d.Solved, string.Empty), new Figure("Seed", d.Seed, string.Empty), .. KpiFigures("Deterministic", d.Deterministic)]);
        Table(wb, "Uncertainty", [
            new Col<(string Name, Spread Spread)>("KPI", 28, null, k => k.Name),
            new("Unit", 14, null, k => k.Spread.Unit),
            new("P10", 16, Formats.Quantity, k => k.Spread.P10),
            new("P50", 16, Formats.Quantity, k => k.Spread.P50),
            new("P90", 16, Formats.Quantity, k => k.Spread.P90),
            new("Mean", 16, Formats.Quantity, k => k.Spread.Mean),
            new("Min", 16, Formats.Quantity, k => k.Spread.Min),
            new("Max", 16, Formats.Quantity, k => k.Spread.Max),
        ], Spreads(d.Kpis));
        Table(wb, "Exchanges", [
            new Col<ExchangeChance>("Exchange", 60, null, e => e.Name),
            new("Chosen in share of samples", 14, Share, e => e.Probability),
            new("Unit", 14, null, e => e.QuantityWhenChosen.Unit),
            new("Quantity when chosen: P10", 16, Formats.Quantity, e => e.QuantityWhenChosen.P10),
            new("P50", 16, Formats.Quantity, e => e.QuantityWhenChosen.P50),
            new("P90", 16, Formats.Quantity, e => e.QuantityWhenChosen.P90),
        ], d.Exchanges);
        Table(wb, "Inputs", [
            new Col<UncertainInputEntry>("Input", 30, null, i => i.Path),
            new("Distribution", 12, null, i => i.Distribution),
            new("Unit", 14, null, i => i.Unit),
            new("Declared", 14, Precise, i => i.Declared),
            new("Mean", 14, Precise, i => i.Mean),
            new("SD", 14, Precise, i => i.Sd),
            new("Mode", 14, Precise, i => i.Mode),
            new("Min", 14, Precise, i => i.Min),
            new("Max", 14, Precise, i => i.Max),
            new("Sampled P10", 14, Precise, i => i.Sampled.P10),
            new("Sampled P50", 14, Precise, i => i.Sampled.P50),
            new("Sampled P90", 14, Precise, i => i.Sampled.P90),
        ], d.Inputs);
        return SheetWriter.ToBytes(wb);
    }

    public static byte[] Build(SharingDocument d)
    {
        using var wb = new XLWorkbook();
        var findings = new List<string>
        {
            $"Sharing {Figures.Fixed(d.GrandValue)} {d.Unit} ({d.ValueBasis}) among {d.Players.Length} actors in {d.Components.Length} linked group(s); {d.Bystanders.Length} actor(s) take part in no useful exchange.",
        };
        if (!d.Dual.Applicable && d.Dual.Note is { } note)
        {
            findings.Add("Dual allocation not computed: " + note + ".");
        }

        Summary(wb, $"{d.Region}: benefit sharing of scenario '{d.Scenario}'", findings,
            [new Figure("Value shared (v of all actors)", d.GrandValue, d.Unit, Formats.Money), new Figure("Coalition solves", d.CoalitionSolves, string.Empty)]);
        var methods = d.Players.SelectMany(p => p.Allocations.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var cols = new List<Col<SharingPlayer>>
        {
            new("Actor", 40, null, p => p.Name),
            new("Group", 8, Count, p => p.Component + 1),
            new($"Own result before transfers ({d.Unit})", 18, Formats.Money, p => p.OwnResult.Value),
        };
        var estimated = d.Players.SelectMany(p => p.Estimates.Keys).ToHashSet(StringComparer.Ordinal);
        foreach (var m in methods)
        {
            cols.Add(new($"Share by {m} ({d.Unit})", 18, Formats.Money, p => p.Allocations.TryGetValue(m, out var a) ? a.Value : null));
            if (estimated.Contains(m))
            {
                cols.Add(new($"95 % half-width of the {m} share ({d.Unit})", 18, Formats.Money, p => p.Estimates.TryGetValue(m, out var e) ? e.HalfWidth95.Value : null));
                cols.Add(new($"Samples behind the {m} share", 12, Count, p => p.Estimates.TryGetValue(m, out var e) ? e.Samples : null));
            }

            cols.Add(new($"Side payment to reach {m} ({d.Unit}, positive: receives)", 20, Formats.Money, p => p.SidePayments.TryGetValue(m, out var a) ? a.Value : null));
        }

        Table(wb, "Benefit sharing", cols, d.Players);
        Table(wb, "Price ranges", [
            new Col<SharingPriceRange>("Exchange", 60, null, r => r.Name),
            new("Recommended price", 14, Formats.Quantity, r => r.Recommended),
            new("Lowest price", 14, Formats.Quantity, r => r.Lowest),
            new("Highest price", 14, Formats.Quantity, r => r.Highest),
            new("Unit", 30, null, r => r.Unit),
            new("What the recommended price means", 50, null, r => r.Meaning),
            new("Rule", 50, null, r => r.Rule),
            new("Note", 40, null, r => r.Note),
        ], d.PriceRanges);
        Table(wb, "Groups", [
            new Col<(SharingComponent C, int I)>("Group", 8, Count, c => c.I + 1),
            new("Actors", 8, Count, c => c.C.Players.Length),
            new($"Value of the group ({d.Unit})", 18, Formats.Money, c => c.C.Report.GrandCoalitionValue),
            new("Every coalition solved", 12, null, c => c.C.Exact),
            new("Shapley value exact", 12, null, c => c.C.ShapleyExact),
            new("Coalition solves", 10, Count, c => c.C.Solves),
            new("Shares not computed because", 40, null, c => c.C.NotComputed),
            new("Stability", 50, null, c => c.C.Stability?.Summary),
            new($"Minimum subsidy for a stable split ({d.Unit})", 18, Formats.Money, c => c.C.Stability?.MinimumSubsidy.Value),
            new("Side payments implement", 14, null, c => c.C.Recommended?.Method),
            new("Members", 60, null, c => string.Join("; ", c.C.Names)),
        ], d.Components.Select((c, i) => (C: c, I: i)));
        return SheetWriter.ToBytes(wb);
    }

    public static byte[] Build(GameSharingDocument d)
    {
        using var wb = new XLWorkbook();
        var r = d.Report;
        Summary(wb, $"{d.Game}: {(r.Kind == "cost" ? "cost" : "benefit")} game of {r.Players.Count} players",
            [$"v(N) = {Figures.Number(r.GrandCoalitionValue)}; methods: {string.Join(", ", r.Methods.Select(m => m.Method))}.", .. r.Notes],
            [new Figure("v(N)", r.GrandCoalitionValue, string.Empty), new Figure("Least-core epsilon", r.LeastCoreEpsilon, string.Empty, Precise)]);
        var cols = new List<Col<int>>
        {
            new("Player", 24, null, i => r.Players[i]),
            new("Standalone v({i})", 16, Precise, i => r.PerPlayer[i].Standalone),
        };
        cols.AddRange(r.Methods.Select(m => new Col<int>($"Share by {m.Method}", 16, Precise, i => m.Amounts[i])));
        Table(wb, "Benefit sharing", cols, Enumerable.Range(0, r.Players.Count));
        return SheetWriter.ToBytes(wb);
    }

    private static Amount Amt(Change c) => new(c.Value, c.Unit);

    private static string Names(ImmutableArray<ExchangeRef> exchanges) => string.Join("; ", exchanges.Select(e => e.Name));

    private static string Unit(IEnumerable<Amount> amounts, string fallback) => amounts.Select(a => a.Unit).FirstOrDefault() ?? fallback;

    private static IEnumerable<(string Name, Spread Spread)> Spreads(KpiSpread k) =>
    [
        ("Net benefit", k.NetBenefit), ("Objective gain", k.ObjectiveGain), ("CO2e avoided", k.Co2Avoided), ("Landfill avoided", k.LandfillAvoided),
        ("Virgin material avoided", k.VirginMaterialAvoided), ("Transport emissions", k.TransportEmissions), ("Mandate shortfall", k.MandateShortfall),
    ];

    private static IEnumerable<(string Name, Amount Amount, string Format)> Kpis(KpiBlock k) =>
    [
        ("Net benefit", k.NetBenefit, Formats.Money), ("Objective gain", k.ObjectiveGain, Formats.Money), ("CO2e avoided", k.Co2Avoided, Formats.Tonnes),
        ("Landfill avoided", k.LandfillAvoided, Formats.Tonnes), ("Virgin material avoided", k.VirginMaterialAvoided, Formats.Tonnes),
        ("Transport emissions", k.TransportEmissions, Formats.Tonnes), ("Mandate shortfall", k.MandateShortfall, Formats.Quantity),
    ];

    private static IEnumerable<Figure> KpiFigures(string prefix, KpiBlock? k) =>
        k is null ? [new Figure($"{prefix}: no solution", null, string.Empty)] : Kpis(k).Select(x => new Figure($"{prefix}: {x.Name.ToLowerInvariant()}", x.Amount.Value, x.Amount.Unit, x.Format));

    private static IEnumerable<Col<T>> KpiColumns<T>(string currency, Func<T, KpiBlock?> kpis) =>
    [
        new($"Net benefit ({currency}/yr)", 16, Formats.Money, x => kpis(x)?.NetBenefit.Value),
        new($"Objective gain ({currency}/yr)", 16, Formats.Money, x => kpis(x)?.ObjectiveGain.Value),
        new("CO2e avoided (t CO2e/yr)", 16, Formats.Tonnes, x => kpis(x)?.Co2Avoided.Value),
        new("Landfill avoided (t/yr)", 16, Formats.Tonnes, x => kpis(x)?.LandfillAvoided.Value),
        new("Virgin material avoided (t/yr)", 16, Formats.Tonnes, x => kpis(x)?.VirginMaterialAvoided.Value),
        new("Transport emissions (t CO2e/yr)", 16, Formats.Tonnes, x => kpis(x)?.TransportEmissions.Value),
        new("Mandate shortfall (units/yr)", 16, Formats.Quantity, x => kpis(x)?.MandateShortfall.Value),
    ];

    private static void Table<T>(XLWorkbook wb, string sheet, IReadOnlyList<Col<T>> cols, IEnumerable<T> items) =>
        SheetWriter.Table(wb, sheet, [.. cols.Select(c => new Column(c.Header, c.Width, c.Format))], items.Select(i => cols.Select(c => c.Value(i)).ToArray()));

    private static void Summary(XLWorkbook wb, string title, IEnumerable<string> findings, IEnumerable<Figure> figures)
    {
        var ws = wb.Worksheets.Add(SummarySheet);
        ws.Column(1).Width = 44;
        ws.Column(2).Width = 22;
        ws.Column(3).Width = 18;
        var head = ws.Cell(1, 1);
        head.SetValue(title);
        head.Style.Font.Bold = true;
        head.Style.Font.FontSize = 14;
        var r = 2;
        foreach (var line in findings)
        {
            r++;
            ws.Cell(r, 1).SetValue(line);
            ws.Cell(r, 1).DataType = XLDataType.Text;
            ws.Range(r, 1, r, 8).Merge().Style.Alignment.WrapText = true;
        }

        var list = figures.ToList();
        var cols = new[] { new Column("Item", 44), new Column("Value", 22), new Column("Unit", 18) };
        SheetWriter.WriteTable(ws, cols, list.Select(f => new object?[] { f.Item, f.Value, f.Unit }), r + Gap);
        for (var i = 0; i < list.Count; i++)
        {
            ws.Cell(r + Gap + 1 + i, 2).Style.NumberFormat.Format = list[i].Format;
        }

        ws.SheetView.FreezeRows(1);
    }
}
