using System.Collections.Immutable;
using ClosedXML.Excel;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Localization;
using P = SymbiosisOptimizer.Reports.Localization.RunnerPhrase;

namespace SymbiosisOptimizer.Reports.Excel;

/// <summary>
/// The workbook written beside each runner document (comparison.json, barriers.json, sweep.json, montecarlo.json,
/// sharing.json): a Summary sheet with findings in words and the document's key figures, then one sheet per table.
/// Rendered from the same typed document the JSON is serialized from, so every number is the number in the file.
/// Headers carry the unit; cells hold numbers with a grouped format (never an exponent); people see display names.
/// Sheet names, headers, labels and findings are in the report's language (<see cref="RunnerStrings"/>); numbers are
/// stored as numbers, so Excel shows them in the reader's own format; the document's own words stay as written.
/// </summary>
public static partial class RunnerWorkbook
{
    /// <summary>The Summary sheet's English name (<see cref="RunnerPhrase.SummarySheet"/>).</summary>
    public const string SummarySheet = "Summary";

    /// <summary>The comparison workbook's ranked cost-effectiveness table, English name (<see cref="RunnerPhrase.RankingSheet"/>).</summary>
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

    public static byte[] Build(ComparisonDocument d, Language language = Language.En)
    {
        var t = ReportFormat.For(language);
        using var wb = new XLWorkbook();
        var money = t.Unit($"{d.Currency}/yr");
        var findings = d.Scenarios.Select(s => s.Kpis is not { } k
            ? t.Format(P.CmpNoSolution, s.Name, s.Status)
            : t.Format(P.CmpWorkbookLine, s.Name, s.Status, Figures.With(Amt(k.NetBenefit), 0, language), Figures.Signed(k.NetBenefit.VersusBase, 0, language),
                Figures.With(Amt(k.Co2Avoided), 1, language), Figures.Signed(k.Co2Avoided.VersusBase, 1, language), Figures.With(Amt(k.LandfillAvoided), 0, language)));
        var figures = d.Scenarios.Where(s => s.Kpis is not null).SelectMany(s => new[]
        {
            new Figure(t.Format(P.ScenarioNetBenefit, s.Name), s.Kpis!.NetBenefit.Value, t.Unit(s.Kpis.NetBenefit.Unit), Formats.Money),
            new Figure(t.Format(P.ScenarioCo2Avoided, s.Name), s.Kpis.Co2Avoided.Value, t.Unit(s.Kpis.Co2Avoided.Unit), Formats.Tonnes),
            new Figure(t.Format(P.ScenarioLandfillAvoided, s.Name), s.Kpis.LandfillAvoided.Value, t.Unit(s.Kpis.LandfillAvoided.Unit), Formats.Tonnes),
        });
        Summary(wb, t, t.Format(P.CmpWorkbookTitle, d.Region, d.Base), findings, figures);

        // The groups become columns so the sheet keeps one row per scenario; a scenario without a group leaves it empty.
        var kinds = d.Scenarios.SelectMany(s => s.ByKind).Select(g => g.Group).Distinct(StringComparer.Ordinal).ToList();
        var municipalities = d.Scenarios.SelectMany(s => s.ByMunicipality).Select(g => g.Group).Distinct(StringComparer.Ordinal).ToList();
        var cols = new List<Col<ComparedScenario>>
        {
            new(t[P.Scenario], 28, null, s => s.Name),
            new(t[P.Status], 12, null, s => s.Status),
        };
        void Kpi(P label, string unit, string format, Func<KpiChanges, Change> f)
        {
            cols.Add(new($"{t[label]} ({unit})", 16, format, s => s.Kpis is { } k ? f(k).Value : null));
            cols.Add(new(t.Format(P.VersusBaseColumn, t[label], unit), 16, format, s => s.Kpis is { } k ? f(k).VersusBase : null));
        }

        Kpi(P.NetBenefit, money, Formats.Money, k => k.NetBenefit);
        Kpi(P.ObjectiveGain, money, Formats.Money, k => k.ObjectiveGain);
        Kpi(P.Co2Avoided, t.Unit("t CO2e/yr"), Formats.Tonnes, k => k.Co2Avoided);
        Kpi(P.LandfillAvoided, t.Unit("t/yr"), Formats.Tonnes, k => k.LandfillAvoided);
        Kpi(P.VirginMaterialAvoided, t.Unit("t/yr"), Formats.Tonnes, k => k.VirginMaterialAvoided);
        Kpi(P.TransportEmissions, t.Unit("t CO2e/yr"), Formats.Tonnes, k => k.TransportEmissions);
        Kpi(P.MandateShortfall, t.Unit("units/yr"), Formats.Quantity, k => k.MandateShortfall);
        void Effect(P label, string unit, string format, Func<PolicyEffectRow, double?> f) =>
            cols.Add(new($"{t[label]} ({unit})", 16, format, s => s.Effect is { } e ? f(e) : null));
        void Account(P label, Func<ScenarioAccounts, Amount> f) =>
            cols.Add(new(t.Format(P.AgainstTodayColumn, t[label], money), 16, Formats.Money, s => s.Accounts is { } a ? f(a).Value : null));

        Account(P.Firms, a => a.Firms);
        Account(P.PublicBudget, a => a.PublicBudget);
        Account(P.Externalities, a => a.Externalities);
        Account(P.Society, a => a.Society);
        Effect(P.FirmsVersusBase, money, Formats.Money, e => e.Firms.Value);
        Effect(P.PublicBudgetVersusBase, money, Formats.Money, e => e.PublicBudget.Total.Value);
        Effect(P.StateLandfillTax, money, Formats.Money, e => e.PublicBudget.LandfillTax.Value);
        Effect(P.StateIncinerationTax, money, Formats.Money, e => e.PublicBudget.IncinerationTax.Value);
        Effect(P.StateSubsidies, money, Formats.Money, e => e.PublicBudget.Subsidies.Value);
        Effect(P.MunicipalitiesIndented, money, Formats.Money, e => e.PublicBudget.Municipalities.Value);
        Effect(P.ExternalitiesVersusBase, money, Formats.Money, e => e.Externalities.Value);
        Effect(P.SocietyVersusBase, money, Formats.Money, e => e.Society.Value);
        Effect(P.PublicCostPerTonneCo2, t.Unit($"{d.Currency}/t CO2e"), Formats.Money, e => e.PublicCostPerTonneCo2.Value);
        Effect(P.PublicCostPerTonneLandfill, t.Unit($"{d.Currency}/t"), Formats.Money, e => e.PublicCostPerTonneLandfill.Value);
        Effect(P.SocietyCostPerTonneCo2, t.Unit($"{d.Currency}/t CO2e"), Formats.Money, e => e.SocietyCostPerTonneCo2.Value);
        cols.Add(new(t[P.CostEffectiveness], 40, null, s => s.Effect is { } e ? $"{e.SocietyCostPerTonneCo2.Explanation}; {e.PublicCostPerTonneCo2.Explanation}" : null));
        cols.Add(new(t[P.WhoGainsWhoPays], 60, null, s => s.Effect?.Verdict));
        foreach (var g in kinds)
        {
            cols.Add(new(t.Format(P.NetBenefitOfKind, g, money), 16, Formats.Money, s => s.ByKind.FirstOrDefault(x => x.Group == g)?.NetBenefit.Value));
        }

        foreach (var g in municipalities)
        {
            cols.Add(new(t.Format(P.NetBenefitIn, g, money), 16, Formats.Money, s => s.ByMunicipality.FirstOrDefault(x => x.Group == g)?.NetBenefit.Value));
        }

        cols.Add(new(t[P.ExchangesStarted], 40, null, s => Names(s.ExchangesAdded)));
        cols.Add(new(t[P.ExchangesStopped], 40, null, s => Names(s.ExchangesDropped)));
        Table(wb, t[P.ScenariosSheet], cols, d.Scenarios);
        Table(wb, t[P.RankingSheet],
            [
                new Col<RankedScenario>(t[P.Rank], 6, Count, r => r.Rank),
                new(t[P.Scenario], 28, null, r => r.Name),
                new($"{t[P.SocietyCostPerTonneCo2]} ({t.Unit($"{d.Currency}/t CO2e")})", 18, Formats.Money, r => r.SocietyCostPerTonneCo2.Value),
                new(t[P.WhySociety], 40, null, r => r.SocietyCostPerTonneCo2.Explanation),
                new($"{t[P.PublicCostPerTonneCo2]} ({t.Unit($"{d.Currency}/t CO2e")})", 18, Formats.Money, r => r.PublicCostPerTonneCo2.Value),
                new(t[P.WhyPublicCo2], 40, null, r => r.PublicCostPerTonneCo2.Explanation),
                new($"{t[P.PublicCostPerTonneLandfill]} ({t.Unit($"{d.Currency}/t")})", 18, Formats.Money, r => r.PublicCostPerTonneLandfill.Value),
                new(t[P.WhyPublicLandfill], 40, null, r => r.PublicCostPerTonneLandfill.Explanation),
                new($"{t[P.SocietyVersusBase]} ({money})", 16, Formats.Money, r => r.Society.Value),
                new(t[P.WhoGainsWhoPays], 70, null, r => r.Verdict),
            ],
            d.Ranking);
        return SheetWriter.ToBytes(wb);
    }

    public static byte[] Build(BarriersDocument d, Language language = Language.En)
    {
        var t = ReportFormat.For(language);
        using var wb = new XLWorkbook();
        var findings = new List<string> { t.Format(P.BarFindingsHead, d.Barriers.Length) };
        findings.AddRange(d.Barriers.Take(5).Select(b => t.Format(P.BarFindingLine, b.Rank, b.Description, Figures.With(b.ValueLost, 0, language))));
        Summary(wb, t, t.Format(P.BarWorkbookTitle, d.Region, d.Scenario), findings,
            [new Figure(t.Format(P.BaseStatus, d.Base.Status), null, string.Empty), .. KpiFigures(t, t[P.WithEveryBarrier], d.Base.Kpis)]);
        Table(wb, t[P.BarriersSheet], [
            new Col<BarrierEntry>(t[P.Rank], 6, Count, b => b.Rank),
            new(t[P.Barrier], 50, null, b => b.Description),
            new(t[P.Kind], 18, null, b => b.Kind),
            new(t[P.Status], 12, null, b => b.Status),
            new(t.WithUnit(P.ValueLost, Unit(d.Barriers.Select(b => b.ValueLost), d.Currency + "/yr")), 16, Formats.Money, b => b.ValueLost.Value),
            new(t[P.BindsNothing], 10, null, b => b.BindsNothing),
            new(t[P.Explanation], 50, null, b => b.Explanation),
            new(t.WithUnit(P.NetBenefitChange, $"{d.Currency}/yr"), 16, Formats.Money, b => b.KpiChange?.NetBenefit.Value),
            new(t.WithUnit(P.Co2AvoidedChange, "t CO2e/yr"), 16, Formats.Tonnes, b => b.KpiChange?.Co2Avoided.Value),
            new(t.WithUnit(P.LandfillAvoidedChange, "t/yr"), 16, Formats.Tonnes, b => b.KpiChange?.LandfillAvoided.Value),
            new(t[P.ExchangesStarted], 40, null, b => Names(b.ExchangesAdded)),
            new(t[P.ExchangesStopped], 40, null, b => Names(b.ExchangesDropped)),
        ], d.Barriers);
        Table(wb, t[P.ShadowPricesSheet], [
            new Col<ShadowPriceRow>(t[P.Limit], 60, null, p => p.Meaning),
            new(t[P.Kind], 10, null, p => p.Kind),
            new(t[P.ValuePerUnitRelaxed], 16, Precise, p => p.ValuePerUnit.Value),
            new(t[P.Unit], 24, null, p => t.Unit(p.ValuePerUnit.Unit)),
            new(t[P.Binding], 10, null, p => p.Binding),
        ], d.ShadowPrices.Rows);
        return SheetWriter.ToBytes(wb);
    }

    public static byte[] Build(SweepDocument d, Language language = Language.En)
    {
        var t = ReportFormat.For(language);
        using var wb = new XLWorkbook();
        var over = string.Join(t[P.And], d.Parameters.Select(p => $"{p.Path} ({t.Unit(p.Unit)})"));
        Summary(wb, t, t.Format(P.SwWorkbookTitle, d.Region, d.Scenario),
            [t.Format(P.SwFinding, d.Points.Length, over, d.Switches.Length)],
            [new Figure(t[P.Points], d.Points.Length, string.Empty), new Figure(t[P.PointsSolved], d.Points.Count(p => p.Kpis is not null), string.Empty)]);
        var names = d.Exchanges.ToDictionary(e => e.Key, e => e.Name, StringComparer.Ordinal);
        var unitOf = d.Parameters.ToDictionary(p => p.Path, p => t.Unit(p.Unit), StringComparer.Ordinal);
        var cols = d.Parameters.Select((p, i) => new Col<SweepPointEntry>($"{p.Path} ({t.Unit(p.Unit)})", 18, Precise, x => x.Values[i])).ToList();
        cols.Add(new(t[P.Status], 12, null, x => x.Status));
        cols.AddRange(KpiColumns<SweepPointEntry>(t, d.Currency, x => x.Kpis));
        cols.Add(new(t[P.Exchanges], 10, Count, x => x.Exchanges.Length));
        cols.Add(new(t[P.ExchangesChosen], 60, null, x => string.Join("; ", x.Exchanges.Select(k => names.GetValueOrDefault(k, k)))));
        Table(wb, t[P.SweepSheet], cols, d.Points);
        Table(wb, t[P.SwitchesSheet], [
            new Col<SweepSwitch>(t[P.Parameter], 28, null, s => s.Parameter),
            new(t[P.From], 12, Precise, s => s.From),
            new(t[P.To], 12, Precise, s => s.To),
            new(t[P.Unit], 12, null, s => unitOf.GetValueOrDefault(s.Parameter)),
            new(t[P.With], 28, null, s => s.At is { } a ? $"{a.Parameter} = {Figures.Number(a.Value, language)} {unitOf.GetValueOrDefault(a.Parameter)}" : null),
            new(t[P.ExchangesSwitchedOn], 50, null, s => Names(s.On)),
            new(t[P.ExchangesSwitchedOff], 50, null, s => Names(s.Off)),
        ], d.Switches);
        Table(wb, t[P.ParametersSheet], [
            new Col<SweepParameter>(t[P.Parameter], 28, null, p => p.Path),
            new(t[P.Unit], 12, null, p => t.Unit(p.Unit)),
            new(t[P.RangeAsGiven], 30, null, p => p.Set),
            new(t[P.Points], 8, Count, p => p.Values.Length),
            new(t[P.From], 12, Precise, p => p.Values.IsEmpty ? null : p.Values[0]),
            new(t[P.To], 12, Precise, p => p.Values.IsEmpty ? null : p.Values[^1]),
        ], d.Parameters);
        return SheetWriter.ToBytes(wb);
    }

    public static byte[] Build(MonteCarloDocument d, Language language = Language.En)
    {
        var t = ReportFormat.For(language);
        using var wb = new XLWorkbook();
        var findings = new List<string> { t.Format(P.McFindingsHead, d.Solved, d.Samples, d.Seed) };
        findings.AddRange(Spreads(d.Kpis).Take(4).Where(k => k.Name != P.ObjectiveGain)
            .Select(k => t.Format(P.McFindingLine, t[k.Name], Figures.Fixed(k.Spread.P10, 0, language), Figures.Fixed(k.Spread.P50, 0, language), Figures.Fixed(k.Spread.P90, 0, language), t.Unit(k.Spread.Unit))));
        Summary(wb, t, t.Format(P.McWorkbookTitle, d.Region, d.Scenario), findings,
            [new Figure(t[P.Samples], d.Samples, string.Empty), new Figure(t[P.SamplesSolved], d.Solved, string.Empty), new Figure(t[P.Seed], d.Seed, string.Empty), .. KpiFigures(t, t[P.Deterministic], d.Deterministic)]);
        Table(wb, t[P.UncertaintySheet], [
            new Col<(P Name, Spread Spread)>(t[P.Kpi], 28, null, k => t[k.Name]),
            new(t[P.Unit], 14, null, k => t.Unit(k.Spread.Unit)),
            new("P10", 16, Formats.Quantity, k => k.Spread.P10),
            new("P50", 16, Formats.Quantity, k => k.Spread.P50),
            new("P90", 16, Formats.Quantity, k => k.Spread.P90),
            new(t[P.Mean], 16, Formats.Quantity, k => k.Spread.Mean),
            new(t[P.Min], 16, Formats.Quantity, k => k.Spread.Min),
            new(t[P.Max], 16, Formats.Quantity, k => k.Spread.Max),
        ], Spreads(d.Kpis));
        Table(wb, t[P.ExchangesSheet], [
            new Col<ExchangeChance>(t[P.Exchange], 60, null, e => e.Name),
            new(t[P.ChosenInShareOfSamples], 14, Share, e => e.Probability),
            new(t[P.Unit], 14, null, e => t.Unit(e.QuantityWhenChosen.Unit)),
            new(t[P.QuantityWhenChosenP10], 16, Formats.Quantity, e => e.QuantityWhenChosen.P10),
            new("P50", 16, Formats.Quantity, e => e.QuantityWhenChosen.P50),
            new("P90", 16, Formats.Quantity, e => e.QuantityWhenChosen.P90),
        ], d.Exchanges);
        Table(wb, t[P.InputsSheet], [
            new Col<UncertainInputEntry>(t[P.Input], 30, null, i => i.Path),
            new(t[P.Distribution], 12, null, i => i.Distribution),
            new(t[P.Unit], 14, null, i => t.Unit(i.Unit)),
            new(t[P.Declared], 14, Precise, i => i.Declared),
            new(t[P.Mean], 14, Precise, i => i.Mean),
            new(t[P.Sd], 14, Precise, i => i.Sd),
            new(t[P.Mode], 14, Precise, i => i.Mode),
            new(t[P.Min], 14, Precise, i => i.Min),
            new(t[P.Max], 14, Precise, i => i.Max),
            new(t[P.SampledP10], 14, Precise, i => i.Sampled.P10),
            new(t[P.SampledP50], 14, Precise, i => i.Sampled.P50),
            new(t[P.SampledP90], 14, Precise, i => i.Sampled.P90),
        ], d.Inputs);
        return SheetWriter.ToBytes(wb);
    }

    public static byte[] Build(SharingDocument d, Language language = Language.En)
    {
        var t = ReportFormat.For(language);
        using var wb = new XLWorkbook();
        var unit = t.Unit(d.Unit);
        var findings = new List<string>
        {
            t.Format(P.ShFinding, Figures.Fixed(d.GrandValue, 0, language), unit, d.ValueBasis, d.Players.Length, d.Components.Length, d.Bystanders.Length),
        };
        if (!d.Dual.Applicable && d.Dual.Note is { } note)
        {
            findings.Add(t.Format(P.ShDualNotComputed, note));
        }

        Summary(wb, t, t.Format(P.ShWorkbookTitle, d.Region, d.Scenario), findings,
            [new Figure(t[P.ValueShared], d.GrandValue, unit, Formats.Money), new Figure(t[P.CoalitionSolves], d.CoalitionSolves, string.Empty)]);
        var methods = d.Players.SelectMany(p => p.Allocations.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var cols = new List<Col<SharingPlayer>>
        {
            new(t[P.Actor], 40, null, p => p.Name),
            new(t[P.Group], 8, Count, p => p.Component + 1),
            new(t.WithUnit(P.OwnResultBeforeTransfers, d.Unit), 18, Formats.Money, p => p.OwnResult.Value),
        };
        var estimated = d.Players.SelectMany(p => p.Estimates.Keys).ToHashSet(StringComparer.Ordinal);
        foreach (var m in methods)
        {
            cols.Add(new(t.Format(P.ShareByColumn, m, unit), 18, Formats.Money, p => p.Allocations.TryGetValue(m, out var a) ? a.Value : null));
            if (estimated.Contains(m))
            {
                cols.Add(new(t.Format(P.HalfWidthColumn, m, unit), 18, Formats.Money, p => p.Estimates.TryGetValue(m, out var e) ? e.HalfWidth95.Value : null));
                cols.Add(new(t.Format(P.SamplesBehindColumn, m), 12, Count, p => p.Estimates.TryGetValue(m, out var e) ? e.Samples : null));
            }

            cols.Add(new(t.Format(P.SidePaymentColumn, m, unit), 20, Formats.Money, p => p.SidePayments.TryGetValue(m, out var a) ? a.Value : null));
        }

        Table(wb, t[P.BenefitSharingSheet], cols, d.Players);
        Table(wb, t[P.PriceRangesSheet], [
            new Col<SharingPriceRange>(t[P.Exchange], 60, null, r => r.Name),
            new(t[P.RecommendedPrice], 14, Formats.Quantity, r => r.Recommended),
            new(t[P.LowestPrice], 14, Formats.Quantity, r => r.Lowest),
            new(t[P.HighestPrice], 14, Formats.Quantity, r => r.Highest),
            new(t[P.Unit], 30, null, r => t.Unit(r.Unit)),
            new(t[P.RecommendedMeaning], 50, null, r => r.Meaning),
            new(t[P.Rule], 50, null, r => r.Rule),
            new(t[P.Note], 40, null, r => r.Note),
        ], d.PriceRanges);
        Table(wb, t[P.GroupsSheet], [
            new Col<(SharingComponent C, int I)>(t[P.Group], 8, Count, c => c.I + 1),
            new(t[P.Actors], 8, Count, c => c.C.Players.Length),
            new(t.WithUnit(P.ValueOfTheGroup, d.Unit), 18, Formats.Money, c => c.C.Report.GrandCoalitionValue),
            new(t[P.EveryCoalitionSolved], 12, null, c => c.C.Exact),
            new(t[P.ShapleyValueExact], 12, null, c => c.C.ShapleyExact),
            new(t[P.CoalitionSolves], 10, Count, c => c.C.Solves),
            new(t[P.SharesNotComputedBecause], 40, null, c => c.C.NotComputed),
            new(t[P.Stability], 50, null, c => c.C.Stability?.Summary),
            new(t.WithUnit(P.MinimumSubsidy, d.Unit), 18, Formats.Money, c => c.C.Stability?.MinimumSubsidy.Value),
            new(t[P.SidePaymentsImplement], 14, null, c => c.C.Recommended?.Method),
            new(t[P.Members], 60, null, c => string.Join("; ", c.C.Names)),
        ], d.Components.Select((c, i) => (C: c, I: i)));
        return SheetWriter.ToBytes(wb);
    }

    public static byte[] Build(GameSharingDocument d, Language language = Language.En)
    {
        var t = ReportFormat.For(language);
        using var wb = new XLWorkbook();
        var r = d.Report;
        Summary(wb, t, t.Format(r.Kind == "cost" ? P.GameWorkbookTitleCost : P.GameWorkbookTitleGain, d.Game, r.Players.Count),
            [t.Format(P.GameFinding, Figures.Number(r.GrandCoalitionValue, language), string.Join(", ", r.Methods.Select(m => m.Method))), .. r.Notes],
            [new Figure("v(N)", r.GrandCoalitionValue, string.Empty), new Figure(t[P.LeastCoreEpsilon], r.LeastCoreEpsilon, string.Empty, Precise)]);
        var cols = new List<Col<int>>
        {
            new(t[P.Player], 24, null, i => r.Players[i]),
            new(t[P.StandaloneColumn], 16, Precise, i => r.PerPlayer[i].Standalone),
        };
        cols.AddRange(r.Methods.Select(m => new Col<int>(t.Format(P.ShareByMethodPlain, m.Method), 16, Precise, i => m.Amounts[i])));
        Table(wb, t[P.BenefitSharingSheet], cols, Enumerable.Range(0, r.Players.Count));
        return SheetWriter.ToBytes(wb);
    }

    private static Amount Amt(Change c) => new(c.Value, c.Unit);

    private static string Names(ImmutableArray<ExchangeRef> exchanges) => string.Join("; ", exchanges.Select(e => e.Name));

    private static string Unit(IEnumerable<Amount> amounts, string fallback) => amounts.Select(a => a.Unit).FirstOrDefault() ?? fallback;

    private static IEnumerable<(P Name, Spread Spread)> Spreads(KpiSpread k) =>
    [
        (P.NetBenefit, k.NetBenefit), (P.ObjectiveGain, k.ObjectiveGain), (P.Co2Avoided, k.Co2Avoided), (P.LandfillAvoided, k.LandfillAvoided),
        (P.VirginMaterialAvoided, k.VirginMaterialAvoided), (P.TransportEmissions, k.TransportEmissions), (P.MandateShortfall, k.MandateShortfall),
    ];

    private static IEnumerable<(P Name, Amount Amount, string Format)> Kpis(KpiBlock k) =>
    [
        (P.NetBenefit, k.NetBenefit, Formats.Money), (P.ObjectiveGain, k.ObjectiveGain, Formats.Money), (P.Co2Avoided, k.Co2Avoided, Formats.Tonnes),
        (P.LandfillAvoided, k.LandfillAvoided, Formats.Tonnes), (P.VirginMaterialAvoided, k.VirginMaterialAvoided, Formats.Tonnes),
        (P.TransportEmissions, k.TransportEmissions, Formats.Tonnes), (P.MandateShortfall, k.MandateShortfall, Formats.Quantity),
    ];

    // The label reads "prefix: net benefit": the KPI word lower-cased, as English and Swedish both write it mid-sentence.
    private static IEnumerable<Figure> KpiFigures(ReportFormat t, string prefix, KpiBlock? k) =>
        k is null ? [new Figure(t.Format(P.NoSolutionFigure, prefix), null, string.Empty)] : Kpis(k).Select(x => new Figure($"{prefix}: {t[x.Name].ToLowerInvariant()}", x.Amount.Value, t.Unit(x.Amount.Unit), x.Format));

    private static IEnumerable<Col<T>> KpiColumns<T>(ReportFormat t, string currency, Func<T, KpiBlock?> kpis) =>
    [
        new(t.WithUnit(P.NetBenefit, $"{currency}/yr"), 16, Formats.Money, x => kpis(x)?.NetBenefit.Value),
        new(t.WithUnit(P.ObjectiveGain, $"{currency}/yr"), 16, Formats.Money, x => kpis(x)?.ObjectiveGain.Value),
        new(t.WithUnit(P.Co2Avoided, "t CO2e/yr"), 16, Formats.Tonnes, x => kpis(x)?.Co2Avoided.Value),
        new(t.WithUnit(P.LandfillAvoided, "t/yr"), 16, Formats.Tonnes, x => kpis(x)?.LandfillAvoided.Value),
        new(t.WithUnit(P.VirginMaterialAvoided, "t/yr"), 16, Formats.Tonnes, x => kpis(x)?.VirginMaterialAvoided.Value),
        new(t.WithUnit(P.TransportEmissions, "t CO2e/yr"), 16, Formats.Tonnes, x => kpis(x)?.TransportEmissions.Value),
        new(t.WithUnit(P.MandateShortfall, "units/yr"), 16, Formats.Quantity, x => kpis(x)?.MandateShortfall.Value),
    ];

    private static void Table<T>(XLWorkbook wb, string sheet, IReadOnlyList<Col<T>> cols, IEnumerable<T> items) =>
        SheetWriter.Table(wb, sheet, [.. cols.Select(c => new Column(c.Header, c.Width, c.Format))], items.Select(i => cols.Select(c => c.Value(i)).ToArray()));

    private static void Summary(XLWorkbook wb, ReportFormat t, string title, IEnumerable<string> findings, IEnumerable<Figure> figures)
    {
        var ws = wb.Worksheets.Add(t[P.SummarySheet]);
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
        var cols = new[] { new Column(t[P.Item], 44), new Column(t[P.Value], 22), new Column(t[P.Unit], 18) };
        SheetWriter.WriteTable(ws, cols, list.Select(f => new object?[] { f.Item, f.Value, f.Unit }), r + Gap);
        for (var i = 0; i < list.Count; i++)
        {
            ws.Cell(r + Gap + 1 + i, 2).Style.NumberFormat.Format = list[i].Format;
        }

        ws.SheetView.FreezeRows(1);
    }
}
