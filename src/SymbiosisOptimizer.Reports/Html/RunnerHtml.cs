using SymbiosisOptimizer.Reports.Charts;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Localization;
using P = SymbiosisOptimizer.Reports.Localization.RunnerPhrase;

namespace SymbiosisOptimizer.Reports.Html;

/// <summary>
/// The HTML report of each runner command (compare.html, barriers.html, sweep.html, montecarlo.html, sharing.html): one
/// self-contained page (report.html's CSS, charts inlined as SVG, no scripts) rendered from the command's typed
/// document, every row of it, with units in the headers and the run-metadata block in the footer. Its words are the
/// language's (<see cref="RunnerStrings"/>), its numbers in the language's format; the document's own words (names,
/// status words, verdicts and explanations) stay as the document writes them.
/// </summary>
public static class RunnerHtml
{
    public static string Build(ComparisonDocument d, IReadOnlyList<ChartImage> charts, Language language = Language.En)
    {
        var t = ReportFormat.For(language);
        string N(double? v) => Figures.Number(v, language);
        string U(P p, string unit) => t.WithUnit(p, unit);
        var money = $"{d.Currency}/yr";
        var change = t[P.ChangeColumn];
        var page = new HtmlKit(t, t.Format(P.CmpTitle, d.Region), t.Format(P.CmpHeading, d.Region, d.Base),
            t.Format(P.CmpSubtitle, Path.GetFileName(d.Source), d.Base));

        page.Section("summary", t[P.Summary]).List(d.Scenarios.Select(s => s.Kpis is not { } k
            ? t.Format(P.CmpNoSolution, s.Name, s.Status)
            : t.Format(P.CmpSummaryLine, s.Name, s.Status, N(k.NetBenefit.Value), t.Unit(k.NetBenefit.Unit), HtmlKit.Text(k.NetBenefit.VersusBase, signed: true, language), d.Base,
                N(k.Co2Avoided.Value), t.Unit(k.Co2Avoided.Unit), N(k.LandfillAvoided.Value), t.Unit(k.LandfillAvoided.Unit))));

        page.Section("key-figures", t[P.CmpKeyFiguresHeading]).Table(
            [t[P.Scenario], t[P.Overrides], t[P.Status], U(P.NetBenefit, money), change, U(P.Co2Avoided, "t CO2e/yr"), change, U(P.LandfillAvoided, "t/yr"), change,
             U(P.VirginMaterialAvoided, "t/yr"), change, U(P.TransportEmissions, "t CO2e/yr"), change, U(P.ObjectiveGain, money), change],
            d.Scenarios.Select(s =>
            {
                var k = s.Kpis;
                object?[] C(Func<KpiChanges, Change> f) => k is null ? [null, null] : [new Num(f(k).Value), new Num(f(k).VersusBase, true)];
                return new object?[] { s.Name, s.Overrides.IsEmpty ? t[P.None] : string.Join(", ", s.Overrides), s.Status }
                    .Concat(C(x => x.NetBenefit)).Concat(C(x => x.Co2Avoided)).Concat(C(x => x.LandfillAvoided))
                    .Concat(C(x => x.VirginMaterialAvoided)).Concat(C(x => x.TransportEmissions)).Concat(C(x => x.ObjectiveGain)).ToArray();
            }), "key-figures");

        page.Section("who-gains", t.Format(P.CmpWhoGainsHeading, d.Base))
            .Note(t[P.CmpWhoGainsNote])
            .Table(
                [t[P.Scenario], U(P.Firms, money), U(P.PublicBudget, money), U(P.State, money), U(P.LandfillTax, money), U(P.IncinerationTax, money), U(P.Subsidies, money), U(P.Municipalities, money),
                 U(P.Co2Avoided, "t CO2e/yr"), U(P.LandfillAvoided, "t/yr"), U(P.Externalities, money), U(P.ResourceSavings, money), U(P.Society, money)],
                d.Scenarios.Where(s => s.Effect is not null).Select(s =>
                {
                    var e = s.Effect!;
                    return new object?[]
                    {
                        s.Name, new Num(e.Firms.Value, true), new Num(e.PublicBudget.Total.Value, true), new Num(e.PublicBudget.State.Value, true),
                        new Num(e.PublicBudget.LandfillTax.Value, true), new Num(e.PublicBudget.IncinerationTax.Value, true), new Num(e.PublicBudget.Subsidies.Value, true),
                        new Num(e.PublicBudget.Municipalities.Value, true), new Num(e.Co2Avoided.Value, true), new Num(e.LandfillAvoided.Value, true),
                        new Num(e.Externalities.Value, true), new Num(e.ResourceSavings.Value, true), new Num(e.Society.Value, true),
                    };
                }), "who-gains")
            .List(d.Scenarios.Where(s => s.Effect is not null && s.Name != d.Base).Select(s => $"{s.Name}: {s.Effect!.Verdict}"));

        page.Section("ranking", t[P.CmpRankingHeading]).Note(d.RankingNote).Table(
            [t[P.Rank], t[P.Scenario], U(P.SocietysCost, $"{d.Currency}/t CO2e"), U(P.PublicCost, $"{d.Currency}/t CO2e"), t.Format(P.PublicCostLandfillHeader, t.Unit(d.Currency)), U(P.SocietysGain, money), t[P.Verdict]],
            d.Ranking.Select(r => new object?[]
            {
                new Num(r.Rank), r.Name, PerTonne(r.SocietyCostPerTonneCo2), PerTonne(r.PublicCostPerTonneCo2), PerTonne(r.PublicCostPerTonneLandfill), new Num(r.Society.Value, true), r.Verdict,
            }), "ranking");

        page.Section("accounts", t[P.CmpAccountsHeading]).Table(
            [t[P.Scenario], U(P.Firms, money), U(P.PublicBudget, money), U(P.Externalities, money), U(P.Society, money)],
            d.Scenarios.Where(s => s.Accounts is not null).Select(s => new object?[]
            {
                s.Name, new Num(s.Accounts!.Firms.Value), new Num(s.Accounts.PublicBudget.Value), new Num(s.Accounts.Externalities.Value), new Num(s.Accounts.Society.Value),
            }), "accounts");

        string[] groupHeads = [t[P.Scenario], t[P.Group], t[P.Actors], U(P.NetBenefit, money), change, U(P.Co2Avoided, "t CO2e/yr"), change, U(P.LandfillAvoided, "t/yr"), change];
        static object?[] Group(string scenario, ActorGroup g) =>
        [
            scenario, g.Group, new Num(g.Actors), new Num(g.NetBenefit.Value), new Num(g.NetBenefit.VersusBase, true),
            new Num(g.Co2Avoided.Value), new Num(g.Co2Avoided.VersusBase, true), new Num(g.LandfillAvoided.Value), new Num(g.LandfillAvoided.VersusBase, true),
        ];
        page.Section("by-kind", t[P.CmpByKindHeading]).Table(groupHeads, d.Scenarios.SelectMany(s => s.ByKind.Select(g => Group(s.Name, g))), "by-kind");
        page.Section("by-municipality", t[P.CmpByMunicipalityHeading]).Table(groupHeads, d.Scenarios.SelectMany(s => s.ByMunicipality.Select(g => Group(s.Name, g))), "by-municipality");

        page.Section("exchanges", t.Format(P.CmpExchangesHeading, d.Base)).Table(
            [t[P.Scenario], t[P.Added], t[P.Dropped]],
            d.Scenarios.Where(s => s.Name != d.Base).Select(s => new object?[] { s.Name, Refs(s.ExchangesAdded), Refs(s.ExchangesDropped) }), "exchanges");

        var unsolved = d.Scenarios.Where(s => !s.Explanation.IsEmpty).ToList();
        if (unsolved.Count > 0)
        {
            page.Section("explanations", t[P.CmpExplanationsHeading]);
            foreach (var s in unsolved)
            {
                page.Sub(s.Name).List(s.Explanation);
            }
        }

        page.Section("charts", t[P.Charts]).Charts(charts);
        return page.End(t.Format(P.FilesJsonAndXlsx, "comparison.json", "comparison.xlsx"), d.Metadata);
    }

    public static string Build(BarriersDocument d, IReadOnlyList<ChartImage> charts, Language language = Language.En)
    {
        var t = ReportFormat.For(language);
        string U(P p, string unit) => t.WithUnit(p, unit);
        var money = $"{d.Currency}/yr";
        var page = new HtmlKit(t, t.Format(P.BarTitle, d.Region), t.Format(P.BarHeading, d.Region),
            t.Format(P.BarSubtitle, d.Scenario, d.Overrides.IsEmpty ? string.Empty : $" ({string.Join(", ", d.Overrides)})", Path.GetFileName(d.Source)));
        page.Section("summary", t[P.BarBaseHeading]);
        page.Table(
            [t[P.Status], U(P.NetBenefit, money), U(P.Co2Avoided, "t CO2e/yr"), U(P.LandfillAvoided, "t/yr"), U(P.VirginMaterialAvoided, "t/yr"), U(P.TransportEmissions, "t CO2e/yr"), U(P.ObjectiveGain, money)],
            [d.Base.Kpis is { } k
                ? [d.Base.Status, new Num(k.NetBenefit.Value), new Num(k.Co2Avoided.Value), new Num(k.LandfillAvoided.Value), new Num(k.VirginMaterialAvoided.Value), new Num(k.TransportEmissions.Value), new Num(k.ObjectiveGain.Value)]
                : [d.Base.Status, null, null, null, null, null, null]], "base");

        page.Section("barriers", t[P.BarBarriersHeading]).Note(t[P.BarBarriersNote]).Table(
            [t[P.Rank], t[P.Barrier], t[P.Kind], t[P.Id], t[P.Status], U(P.ValueLost, money), U(P.NetBenefitChange, money), U(P.Co2AvoidedChange, "t CO2e/yr"), U(P.LandfillAvoidedChange, "t/yr"),
             t[P.ExchangesAdded], t[P.ExchangesDropped], t[P.Explanation]],
            d.Barriers.Select(b => new object?[]
            {
                new Num(b.Rank), b.Description, b.Kind, b.Id, b.Status, new Num(b.ValueLost.Value),
                b.KpiChange is { } c ? new Num(c.NetBenefit.Value, true) : null, b.KpiChange is { } c2 ? new Num(c2.Co2Avoided.Value, true) : null,
                b.KpiChange is { } c3 ? new Num(c3.LandfillAvoided.Value, true) : null,
                Refs(b.ExchangesAdded), Refs(b.ExchangesDropped), b.BindsNothing ? t.Format(P.BindsNothingBecause, b.Explanation) : b.Explanation,
            }), "barriers");

        page.Section("shadow-prices", t[P.BarShadowHeading]).Note(t.Format(P.BarShadowNote, d.ShadowPrices.Status)).Table(
            [t[P.Limit], t[P.Kind], t[P.WhatItMeans], t[P.Dual], t[P.ValuePerUnit], t[P.Unit], t[P.Binding]],
            d.ShadowPrices.Rows.Select(r => new object?[] { r.Row, r.Kind, r.Meaning, new Num(r.Dual), new Num(r.ValuePerUnit.Value), t.Unit(r.ValuePerUnit.Unit), YesNo(t, r.Binding) }), "shadow-prices");
        page.Section("charts", t[P.Charts]).Charts(charts);
        return page.End(t.Format(P.FilesJsonAndXlsx, "barriers.json", "barriers.xlsx"), d.Metadata);
    }

    public static string Build(SweepDocument d, IReadOnlyList<ChartImage> charts, Language language = Language.En)
    {
        var t = ReportFormat.For(language);
        string N(double? v) => Figures.Number(v, language);
        string U(P p, string unit) => t.WithUnit(p, unit);
        var money = $"{d.Currency}/yr";
        var page = new HtmlKit(t, t.Format(P.SwTitle, d.Region), t.Format(P.SwHeading, d.Region, string.Join(t[P.And], d.Parameters.Select(p => p.Path))),
            t.Format(P.SwSubtitle, d.Scenario, Path.GetFileName(d.Source), d.Points.Length, d.NetworkReused ? t[P.SwOneNetwork] : string.Empty));
        page.Section("parameters", t[P.SwParametersHeading]).Table(
            [t[P.Parameter], t[P.Unit], t[P.RangeAsGiven], t[P.Values]],
            d.Parameters.Select(p => new object?[] { p.Path, t.Unit(p.Unit), p.Set, string.Join(t[P.ListSeparator], p.Values.Select(v => N(v))) }), "parameters");

        page.Section("points", t[P.SwPointsHeading]).Table(
            [.. d.Parameters.Select(p => $"{p.Path} ({t.Unit(p.Unit)})"), t[P.Status], U(P.NetBenefit, money), U(P.Co2Avoided, "t CO2e/yr"), U(P.LandfillAvoided, "t/yr"), U(P.VirginMaterialAvoided, "t/yr"), U(P.TransportEmissions, "t CO2e/yr"), t[P.ExchangesChosen]],
            d.Points.Select(p => p.Values.Select(v => (object?)new Num(v)).Concat(new object?[]
            {
                p.Status, p.Kpis is { } k ? new Num(k.NetBenefit.Value) : null, p.Kpis is { } k2 ? new Num(k2.Co2Avoided.Value) : null,
                p.Kpis is { } k3 ? new Num(k3.LandfillAvoided.Value) : null, p.Kpis is { } k4 ? new Num(k4.VirginMaterialAvoided.Value) : null,
                p.Kpis is { } k5 ? new Num(k5.TransportEmissions.Value) : null, new Num(p.Exchanges.Length),
            }).ToArray()), "points");

        var unitOf = d.Parameters.ToDictionary(p => p.Path, p => t.Unit(p.Unit), StringComparer.Ordinal);
        page.Section("switches", t[P.SwSwitchesHeading]).Table(
            [t[P.Parameter], t[P.Between], t[P.AndColumn], t[P.Unit], t[P.With], t[P.SwitchedOn], t[P.SwitchedOff]],
            d.Switches.Select(w => new object?[]
            {
                w.Parameter, new Num(w.From), new Num(w.To), unitOf.GetValueOrDefault(w.Parameter),
                w.At is { } at ? $"{at.Parameter} = {N(at.Value)} {unitOf.GetValueOrDefault(at.Parameter)}" : null,
                Refs(w.On), Refs(w.Off),
            }), "switches");

        var chosen = d.Exchanges.ToDictionary(e => e.Key, _ => 0, StringComparer.Ordinal);
        foreach (var key in d.Points.SelectMany(p => p.Exchanges))
        {
            chosen[key] = chosen.GetValueOrDefault(key) + 1;
        }

        page.Section("exchanges", t[P.SwExchangesHeading]).Table(
            [t[P.Exchange], t[P.Key], t[P.ChosenAtPoints]],
            d.Exchanges.Select(e => new object?[] { e.Name, e.Key, new Num(chosen[e.Key]) }), "exchanges");
        page.Section("charts", t[P.Charts]).Charts(charts);
        return page.End(t.Format(P.FilesJsonAndXlsx, "sweep.json", "sweep.xlsx"), d.Metadata);
    }

    public static string Build(MonteCarloDocument d, IReadOnlyList<ChartImage> charts, Language language = Language.En)
    {
        var t = ReportFormat.For(language);
        string N(double? v) => Figures.Number(v, language);
        string U(P p, string unit) => t.WithUnit(p, unit);
        var page = new HtmlKit(t, t.Format(P.McTitle, d.Region), t.Format(P.McHeading, d.Region),
            t.Format(P.McSubtitle, d.Scenario, Path.GetFileName(d.Source), d.Samples, d.Seed, d.Solved, d.NetworkReused ? t[P.McOneNetwork] : string.Empty));
        page.Section("kpis", t[P.McKpisHeading]);
        object?[] Row(P name, Spread s, Amount? deterministic) =>
            [t[name], t.Unit(s.Unit), new Num(s.P10), new Num(s.P50), new Num(s.P90), new Num(s.Mean), new Num(s.Min), new Num(s.Max), deterministic is { } a ? new Num(a.Value) : null];
        var k = d.Kpis;
        var det = d.Deterministic;
        page.Table(
            [t[P.Figure], t[P.Unit], "P10", t[P.P50Median], "P90", t[P.Mean], t[P.Lowest], t[P.Highest], t[P.WithDeclaredInputs]],
            [
                Row(P.NetBenefit, k.NetBenefit, det?.NetBenefit), Row(P.ObjectiveGain, k.ObjectiveGain, det?.ObjectiveGain),
                Row(P.Co2Avoided, k.Co2Avoided, det?.Co2Avoided), Row(P.LandfillAvoided, k.LandfillAvoided, det?.LandfillAvoided),
                Row(P.VirginMaterialAvoided, k.VirginMaterialAvoided, det?.VirginMaterialAvoided), Row(P.TransportEmissions, k.TransportEmissions, det?.TransportEmissions),
                Row(P.MandateShortfall, k.MandateShortfall, det?.MandateShortfall),
            ], "kpis");

        page.Section("inputs", t[P.UncertainInputsHeading]).Table(UncertainHeads(t), d.Inputs.Select(i => UncertainRow(t, i)), "inputs");

        page.Section("exchanges", t[P.McExchangesHeading]).Table(
            [t[P.Exchange], t[P.ChosenInShare], t[P.QuantityP10], t[P.QuantityP50], t[P.QuantityP90], t[P.Unit]],
            d.Exchanges.Select(e => new object?[]
            {
                e.Name, Figures.Percent(e.Probability, language: language), new Num(e.QuantityWhenChosen.P10), new Num(e.QuantityWhenChosen.P50), new Num(e.QuantityWhenChosen.P90), t.Unit(e.QuantityWhenChosen.Unit),
            }), "exchanges");

        page.Section("charts", t[P.Charts]).Charts(charts);
        var money = $"{d.Currency}/yr";
        page.Section("draws", t[P.EverySample]).Note(t.Format(P.InputsInOrder, string.Join(t[P.ListSeparator], d.Inputs.Select(i => $"{i.Path} ({t.Unit(i.Unit)})")))).Table(
            [t[P.Sample], t[P.InputsDrawn], t[P.Status], U(P.NetBenefit, money), U(P.ObjectiveGain, money), U(P.Co2Avoided, "t CO2e/yr"), U(P.LandfillAvoided, "t/yr")],
            d.Draws.Select(x => new object?[]
            {
                new Num(x.Index), string.Join("; ", x.Inputs.Select(v => N(v))), x.Status,
                new Num(x.NetBenefit), new Num(x.ObjectiveGain), new Num(x.Co2Avoided), new Num(x.LandfillAvoided),
            }), "draws");
        return page.End(t.Format(P.FilesJsonAndXlsx, "montecarlo.json", "montecarlo.xlsx"), d.Metadata);
    }

    public static string Build(SharingDocument d, IReadOnlyList<ChartImage> charts, Language language = Language.En)
    {
        var t = ReportFormat.For(language);
        string N(double? v) => Figures.Number(v, language);
        var page = new HtmlKit(t, t.Format(P.ShTitle, d.Region), t.Format(P.ShHeading, d.Region),
            t.Format(P.ShSubtitle, d.Scenario, d.Overrides.IsEmpty ? string.Empty : $" ({string.Join(", ", d.Overrides)})", Path.GetFileName(d.Source), d.ValueBasis));
        page.Section("summary", t[P.Summary]).Table(
            [t[P.Item], t[P.Value]],
            [
                [t[P.ShGainOfAll], $"{N(d.GrandValue)} {t.Unit(d.Unit)}"],
                [t[P.CoalitionsSolved], N(d.CoalitionSolves)],
                [t[P.ShBystanders], d.BystanderNames.IsEmpty ? t[P.None] : string.Join(", ", d.BystanderNames)],
                [t[P.ShDualAllocation], d.Dual.Applicable ? t[P.Applies] : d.Dual.Note ?? t[P.DoesNotApply]],
            ], "summary");

        var methods = d.Players.SelectMany(p => p.Allocations.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var estimated = methods.Where(m => d.Players.Any(p => p.Estimates.ContainsKey(m))).ToList();
        page.Section("shares", t[P.ShSharesHeading]).Note(t.Format(P.ShSharesNote, t.Unit(d.Unit))).Table(
            [.. new[] { t[P.Actor], t[P.Group], t[P.OwnResult] }.Concat(methods.Select(m => t.Format(P.ShareByMethod, m)))
                .Concat(estimated.SelectMany(m => new[] { t.Format(P.HalfWidthOfMethod, m), t.Format(P.SamplesOfMethod, m) })).Concat(methods.Select(m => t.Format(P.SidePaymentOfMethod, m)))],
            d.Players.Select(p => new object?[] { p.Name, new Num(p.Component + 1), new Num(p.OwnResult.Value) }
                .Concat(methods.Select(m => (object?)(p.Allocations.TryGetValue(m, out var a) ? new Num(a.Value) : null)))
                .Concat(estimated.SelectMany(m => p.Estimates.TryGetValue(m, out var e)
                    ? new object?[] { new Num(e.HalfWidth95.Value), e.Samples is { } n ? new Num(n) : null }
                    : new object?[] { null, null }))
                .Concat(methods.Select(m => (object?)(p.SidePayments.TryGetValue(m, out var x) ? new Num(x.Value, true) : null))).ToArray()), "shares");

        page.Section("groups", t[P.ShGroupsHeading]).Table(
            [t[P.Group], t[P.Actors], t[P.ValuedExactly], t[P.ShapleyExact], t[P.Parts], t[P.CoalitionsSolved], t[P.NotComputed]],
            d.Components.Select((c, i) => new object?[]
            {
                new Num(i + 1), string.Join(", ", c.Names), YesNo(t, c.Exact), YesNo(t, c.ShapleyExact),
                c.Parts.IsEmpty ? t[P.Whole] : string.Join(" + ", c.Parts), new Num(c.Solves), c.NotComputed,
            }), "groups");
        foreach (var (c, i) in d.Components.Select((c, i) => (c, i)))
        {
            page.Sub(t.Format(P.GroupMethods, i + 1));
            Methods(page, t, c.Report, c.Names);
        }

        page.Section("prices", t[P.ShPricesHeading]).Table(
            [t[P.Exchange], t[P.Lowest], t[P.Highest], t[P.Unit], t[P.Note]],
            d.PriceRanges.Select(r => new object?[] { r.Name, new Num(r.Lowest), new Num(r.Highest), t.Unit(r.Unit), r.Note }), "prices");
        if (charts.Count > 0)
        {
            page.Section("charts", t[P.Charts]).Charts(charts);
        }

        return page.End(t.Format(P.FilesJsonAndXlsx, "sharing.json", "sharing.xlsx"), d.Metadata);
    }

    public static string Build(GameSharingDocument d, IReadOnlyList<ChartImage> charts, Language language = Language.En)
    {
        var t = ReportFormat.For(language);
        string N(double? v) => Figures.Number(v, language);
        var r = d.Report;
        var game = Path.GetFileName(d.Game);
        var page = new HtmlKit(t, t.Format(P.GameTitle, game), t.Format(d.Kind == "cost" ? P.GameHeadingCost : P.GameHeadingGain, game),
            t.Format(d.Kind == "cost" ? P.GameSubtitleCost : P.GameSubtitleGain, r.Players.Count, N(r.GrandCoalitionValue)));
        page.Section("summary", t[P.Summary]).Table(
            [t[P.Item], t[P.Value]],
            [
                [t[P.GameValueOfAll], N(r.GrandCoalitionValue)],
                [t[P.LeastCoreEpsilon], r.LeastCoreEpsilon is { } eps ? N(eps) : t[P.NotComputedWord]],
                [t[P.CoreNonEmpty], r.CoreNonEmpty is { } ne ? YesNo(t, ne) : t[P.NotKnown]],
            ], "summary");
        page.Section("methods", t[P.GameMethodsHeading]);
        Methods(page, t, r, r.Players);
        var methods = r.PerPlayer.SelectMany(p => p.Amounts.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        page.Section("players", t[P.GamePlayersHeading]).Table(
            [.. new[] { t[P.Player], t[P.Alone] }.Concat(methods)],
            r.PerPlayer.Select(p => new object?[] { p.Player, new Num(p.Standalone) }
                .Concat(methods.Select(m => (object?)(p.Amounts.TryGetValue(m, out var a) ? new Num(a) : null))).ToArray()), "players");
        if (r.Notes.Count > 0)
        {
            page.Section("notes", t[P.Notes]).List(r.Notes);
        }

        if (charts.Count > 0)
        {
            page.Section("charts", t[P.Charts]).Charts(charts);
        }

        return page.End(t.Format(P.FilesJsonAndXlsx, "sharing.json", "sharing.xlsx"), d.Metadata);
    }

    /// <summary>The table of uncertain inputs, as montecarlo.html and robust.html show it.</summary>
    internal static string[] UncertainHeads(ReportFormat t) =>
        [t[P.Input], t[P.Distribution], t[P.Unit], t[P.Mean], t[P.StandardDeviation], t[P.Mode], t[P.Lower], t[P.Upper], t[P.DeclaredValue], t[P.DrawnP10], t[P.DrawnP50], t[P.DrawnP90]];

    internal static object?[] UncertainRow(ReportFormat t, UncertainInputEntry i) =>
    [
        i.Path, i.Distribution, t.Unit(i.Unit), new Num(i.Mean), new Num(i.Sd), new Num(i.Mode), new Num(i.Min), new Num(i.Max), new Num(i.Declared),
        new Num(i.Sampled.P10), new Num(i.Sampled.P50), new Num(i.Sampled.P90),
    ];

    internal static string YesNo(ReportFormat t, bool yes) => yes ? t[P.Yes] : t[P.No];

    /// <summary>A sharing report's methods: each player's amount, the total and whether it lies in the core.</summary>
    private static void Methods(HtmlKit page, ReportFormat t, Assessment.Sharing.SharingReport report, IReadOnlyList<string> names) =>
        page.Table(
            [.. new[] { t[P.Method] }.Concat(names).Concat([t[P.Total], t[P.InTheCore], t[P.Note]])],
            report.Methods.Select(m => new object?[] { m.Method }
                .Concat(m.Amounts.Select(a => (object?)new Num(a)))
                .Concat(new object?[] { new Num(m.Total), m.Core is { } c ? (!c.Settled ? t[P.CoreUnsettled] : c.InCore ? t[P.Yes] : t.Format(P.NoBlocking, c.BlockingCount)) : t[P.NotChecked], m.Note }).ToArray()));

    private static object PerTonne(PerTonne p) => p.Value is { } v ? new Num(v) : $"- ({p.Explanation})";

    internal static string Refs(IEnumerable<ExchangeRef> refs)
    {
        var names = refs.Select(r => r.Name).ToList();
        return names.Count == 0 ? "-" : string.Join("; ", names);
    }
}
