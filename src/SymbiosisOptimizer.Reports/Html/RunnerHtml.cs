using SymbiosisOptimizer.Reports.Charts;
using SymbiosisOptimizer.Reports.Documents;

namespace SymbiosisOptimizer.Reports.Html;

/// <summary>
/// The HTML report of each runner command (compare.html, barriers.html, sweep.html, montecarlo.html, sharing.html): one
/// self-contained page (report.html's CSS, charts inlined as SVG, no scripts) rendered from the command's typed
/// document, every row of it, with units in the headers and the run-metadata block in the footer.
/// </summary>
public static class RunnerHtml
{
    public static string Build(ComparisonDocument d, IReadOnlyList<ChartImage> charts)
    {
        var money = $"{d.Currency}/yr";
        var page = new HtmlKit($"{d.Region}: scenario comparison", $"{d.Region}: what each scenario changes against '{d.Base}'",
            $"From {Path.GetFileName(d.Source)}. All figures are per year; a change is the scenario minus '{d.Base}' (positive: more than in '{d.Base}').");

        page.Section("summary", "Summary").List(d.Scenarios.Select(s => s.Kpis is not { } k
            ? $"{s.Name}: {s.Status}; no solution, so no figures."
            : $"{s.Name}: {s.Status}; net benefit {Figures.Number(k.NetBenefit.Value)} {k.NetBenefit.Unit} ({HtmlKit.Text(k.NetBenefit.VersusBase, signed: true)} against '{d.Base}'), CO2e avoided {Figures.Number(k.Co2Avoided.Value)} {k.Co2Avoided.Unit}, landfill avoided {Figures.Number(k.LandfillAvoided.Value)} {k.LandfillAvoided.Unit}."));

        page.Section("key-figures", "Key figures of each scenario").Table(
            ["Scenario", "Overrides", "Status", $"Net benefit ({money})", "change", "CO2e avoided (t CO2e/yr)", "change", "Landfill avoided (t/yr)", "change",
             "Virgin material avoided (t/yr)", "change", "Transport emissions (t CO2e/yr)", "change", $"Objective gain ({money})", "change"],
            d.Scenarios.Select(s =>
            {
                var k = s.Kpis;
                object?[] C(Func<KpiChanges, Change> f) => k is null ? [null, null] : [new Num(f(k).Value), new Num(f(k).VersusBase, true)];
                return new object?[] { s.Name, s.Overrides.IsEmpty ? "(none)" : string.Join(", ", s.Overrides), s.Status }
                    .Concat(C(x => x.NetBenefit)).Concat(C(x => x.Co2Avoided)).Concat(C(x => x.LandfillAvoided))
                    .Concat(C(x => x.VirginMaterialAvoided)).Concat(C(x => x.TransportEmissions)).Concat(C(x => x.ObjectiveGain)).ToArray();
            }), "key-figures");

        page.Section("who-gains", $"Who gains and who pays, against '{d.Base}'")
            .Note("Firms after taxes, fees and subsidies; the public budget (state taxes and subsidies, municipalities); externalities (CO2e at its social value). Society = firms + public budget + externalities.")
            .Table(
                ["Scenario", $"Firms ({money})", $"Public budget ({money})", $"State ({money})", $"Landfill tax ({money})", $"Incineration tax ({money})", $"Subsidies ({money})", $"Municipalities ({money})",
                 "CO2e avoided (t CO2e/yr)", "Landfill avoided (t/yr)", $"Externalities ({money})", $"Resource savings ({money})", $"Society ({money})"],
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

        page.Section("ranking", "Cost-effectiveness: society's cost per tonne of CO2e avoided").Note(d.RankingNote).Table(
            ["Rank", "Scenario", $"Society's cost ({d.Currency}/t CO2e)", $"Public cost ({d.Currency}/t CO2e)", $"Public cost ({d.Currency}/t landfill)", $"Society's gain ({money})", "Verdict"],
            d.Ranking.Select(r => new object?[]
            {
                new Num(r.Rank), r.Name, PerTonne(r.SocietyCostPerTonneCo2), PerTonne(r.PublicCostPerTonneCo2), PerTonne(r.PublicCostPerTonneLandfill), new Num(r.Society.Value, true), r.Verdict,
            }), "ranking");

        page.Section("accounts", "Each scenario's own accounts, against today").Table(
            ["Scenario", $"Firms ({money})", $"Public budget ({money})", $"Externalities ({money})", $"Society ({money})"],
            d.Scenarios.Where(s => s.Accounts is not null).Select(s => new object?[]
            {
                s.Name, new Num(s.Accounts!.Firms.Value), new Num(s.Accounts.PublicBudget.Value), new Num(s.Accounts.Externalities.Value), new Num(s.Accounts.Society.Value),
            }), "accounts");

        string[] groupHeads = ["Scenario", "Group", "Actors", $"Net benefit ({money})", "change", "CO2e avoided (t CO2e/yr)", "change", "Landfill avoided (t/yr)", "change"];
        static object?[] Group(string scenario, ActorGroup g) =>
        [
            scenario, g.Group, new Num(g.Actors), new Num(g.NetBenefit.Value), new Num(g.NetBenefit.VersusBase, true),
            new Num(g.Co2Avoided.Value), new Num(g.Co2Avoided.VersusBase, true), new Num(g.LandfillAvoided.Value), new Num(g.LandfillAvoided.VersusBase, true),
        ];
        page.Section("by-kind", "By kind of actor").Table(groupHeads, d.Scenarios.SelectMany(s => s.ByKind.Select(g => Group(s.Name, g))), "by-kind");
        page.Section("by-municipality", "By municipality").Table(groupHeads, d.Scenarios.SelectMany(s => s.ByMunicipality.Select(g => Group(s.Name, g))), "by-municipality");

        page.Section("exchanges", $"Exchanges added and dropped against '{d.Base}'").Table(
            ["Scenario", "Added", "Dropped"],
            d.Scenarios.Where(s => s.Name != d.Base).Select(s => new object?[] { s.Name, Refs(s.ExchangesAdded), Refs(s.ExchangesDropped) }), "exchanges");

        var unsolved = d.Scenarios.Where(s => !s.Explanation.IsEmpty).ToList();
        if (unsolved.Count > 0)
        {
            page.Section("explanations", "Why a scenario has no plan");
            foreach (var s in unsolved)
            {
                page.Sub(s.Name).List(s.Explanation);
            }
        }

        page.Section("charts", "Charts").Charts(charts);
        return page.End("comparison.json and comparison.xlsx", d.Metadata);
    }

    public static string Build(BarriersDocument d, IReadOnlyList<ChartImage> charts)
    {
        var money = $"{d.Currency}/yr";
        var page = new HtmlKit($"{d.Region}: barriers", $"{d.Region}: what each barrier costs",
            $"Scenario '{d.Scenario}'{(d.Overrides.IsEmpty ? string.Empty : $" ({string.Join(", ", d.Overrides)})")} from {Path.GetFileName(d.Source)}. Each barrier is removed on its own and the plan solved again; the value lost is what the barrier costs per year.");
        page.Section("summary", "The plan with every barrier in place");
        page.Table(
            ["Status", $"Net benefit ({money})", "CO2e avoided (t CO2e/yr)", "Landfill avoided (t/yr)", "Virgin material avoided (t/yr)", "Transport emissions (t CO2e/yr)", $"Objective gain ({money})"],
            [d.Base.Kpis is { } k
                ? [d.Base.Status, new Num(k.NetBenefit.Value), new Num(k.Co2Avoided.Value), new Num(k.LandfillAvoided.Value), new Num(k.VirginMaterialAvoided.Value), new Num(k.TransportEmissions.Value), new Num(k.ObjectiveGain.Value)]
                : [d.Base.Status, null, null, null, null, null, null]], "base");

        page.Section("barriers", "Barriers, costliest first").Note("Changes are the plan without the barrier minus the plan with it.").Table(
            ["Rank", "Barrier", "Kind", "Id", "Status", $"Value lost ({money})", $"Net benefit change ({money})", "CO2e avoided change (t CO2e/yr)", "Landfill avoided change (t/yr)", "Exchanges added", "Exchanges dropped", "Explanation"],
            d.Barriers.Select(b => new object?[]
            {
                new Num(b.Rank), b.Description, b.Kind, b.Id, b.Status, new Num(b.ValueLost.Value),
                b.KpiChange is { } c ? new Num(c.NetBenefit.Value, true) : null, b.KpiChange is { } c2 ? new Num(c2.Co2Avoided.Value, true) : null,
                b.KpiChange is { } c3 ? new Num(c3.LandfillAvoided.Value, true) : null,
                Refs(b.ExchangesAdded), Refs(b.ExchangesDropped), b.BindsNothing ? "binds nothing: " + b.Explanation : b.Explanation,
            }), "barriers");

        page.Section("shadow-prices", "Shadow prices of continuous limits").Note($"What one more unit of each limit is worth per year ({d.ShadowPrices.Status}).").Table(
            ["Limit", "Kind", "What it means", "Dual", "Value per unit", "Unit", "Binding"],
            d.ShadowPrices.Rows.Select(r => new object?[] { r.Row, r.Kind, r.Meaning, new Num(r.Dual), new Num(r.ValuePerUnit.Value), r.ValuePerUnit.Unit, r.Binding ? "yes" : "no" }), "shadow-prices");
        page.Section("charts", "Charts").Charts(charts);
        return page.End("barriers.json and barriers.xlsx", d.Metadata);
    }

    public static string Build(SweepDocument d, IReadOnlyList<ChartImage> charts)
    {
        var money = $"{d.Currency}/yr";
        var page = new HtmlKit($"{d.Region}: policy sweep", $"{d.Region}: how the plan responds to {string.Join(" and ", d.Parameters.Select(p => p.Path))}",
            $"Scenario '{d.Scenario}' from {Path.GetFileName(d.Source)}; {d.Points.Length} points{(d.NetworkReused ? ", one candidate network for every point" : string.Empty)}. All figures are per year.");
        page.Section("parameters", "What was varied").Table(
            ["Parameter", "Unit", "Range as given", "Values"],
            d.Parameters.Select(p => new object?[] { p.Path, p.Unit, p.Set, string.Join(", ", p.Values.Select(v => Figures.Number(v))) }), "parameters");

        page.Section("points", "Key figures at each point").Table(
            [.. d.Parameters.Select(p => $"{p.Path} ({p.Unit})"), "Status", $"Net benefit ({money})", "CO2e avoided (t CO2e/yr)", "Landfill avoided (t/yr)", "Virgin material avoided (t/yr)", "Transport emissions (t CO2e/yr)", "Exchanges chosen"],
            d.Points.Select(p => p.Values.Select(v => (object?)new Num(v)).Concat(new object?[]
            {
                p.Status, p.Kpis is { } k ? new Num(k.NetBenefit.Value) : null, p.Kpis is { } k2 ? new Num(k2.Co2Avoided.Value) : null,
                p.Kpis is { } k3 ? new Num(k3.LandfillAvoided.Value) : null, p.Kpis is { } k4 ? new Num(k4.VirginMaterialAvoided.Value) : null,
                p.Kpis is { } k5 ? new Num(k5.TransportEmissions.Value) : null, new Num(p.Exchanges.Length),
            }).ToArray()), "points");

        var unitOf = d.Parameters.ToDictionary(p => p.Path, p => p.Unit, StringComparer.Ordinal);
        page.Section("switches", "Where exchanges switch on or off").Table(
            ["Parameter", "Between", "And", "Unit", "With", "Switched on", "Switched off"],
            d.Switches.Select(w => new object?[]
            {
                w.Parameter, new Num(w.From), new Num(w.To), unitOf.GetValueOrDefault(w.Parameter),
                w.At is { } at ? $"{at.Parameter} = {Figures.Number(at.Value)} {unitOf.GetValueOrDefault(at.Parameter)}" : null,
                Refs(w.On), Refs(w.Off),
            }), "switches");

        var chosen = d.Exchanges.ToDictionary(e => e.Key, _ => 0, StringComparer.Ordinal);
        foreach (var key in d.Points.SelectMany(p => p.Exchanges))
        {
            chosen[key] = chosen.GetValueOrDefault(key) + 1;
        }

        page.Section("exchanges", "Exchanges chosen at some point").Table(
            ["Exchange", "Key", "Chosen at (points)"],
            d.Exchanges.Select(e => new object?[] { e.Name, e.Key, new Num(chosen[e.Key]) }), "exchanges");
        page.Section("charts", "Charts").Charts(charts);
        return page.End("sweep.json and sweep.xlsx", d.Metadata);
    }

    public static string Build(MonteCarloDocument d, IReadOnlyList<ChartImage> charts)
    {
        var page = new HtmlKit($"{d.Region}: Monte Carlo", $"{d.Region}: how uncertain the plan's figures are",
            $"Scenario '{d.Scenario}' from {Path.GetFileName(d.Source)}: {d.Samples} samples of the uncertain inputs (seed {d.Seed}), {d.Solved} solved{(d.NetworkReused ? ", one candidate network for every sample" : string.Empty)}. P10: nine samples in ten do better; P90: one in ten does.");
        page.Section("kpis", "Key figures over the samples");
        object?[] Row(string name, Spread s, Amount? deterministic) =>
            [name, s.Unit, new Num(s.P10), new Num(s.P50), new Num(s.P90), new Num(s.Mean), new Num(s.Min), new Num(s.Max), deterministic is { } a ? new Num(a.Value) : null];
        var k = d.Kpis;
        var det = d.Deterministic;
        page.Table(
            ["Figure", "Unit", "P10", "P50 (median)", "P90", "Mean", "Lowest", "Highest", "With the declared inputs"],
            [
                Row("Net benefit", k.NetBenefit, det?.NetBenefit), Row("Objective gain", k.ObjectiveGain, det?.ObjectiveGain),
                Row("CO2e avoided", k.Co2Avoided, det?.Co2Avoided), Row("Landfill avoided", k.LandfillAvoided, det?.LandfillAvoided),
                Row("Virgin material avoided", k.VirginMaterialAvoided, det?.VirginMaterialAvoided), Row("Transport emissions", k.TransportEmissions, det?.TransportEmissions),
                Row("Mandate shortfall", k.MandateShortfall, det?.MandateShortfall),
            ], "kpis");

        page.Section("inputs", "Uncertain inputs").Table(
            ["Input", "Distribution", "Unit", "Mean", "Standard deviation", "Mode", "Lower", "Upper", "Declared value", "Drawn P10", "Drawn P50", "Drawn P90"],
            d.Inputs.Select(i => new object?[]
            {
                i.Path, i.Distribution, i.Unit, new Num(i.Mean), new Num(i.Sd), new Num(i.Mode), new Num(i.Min), new Num(i.Max), new Num(i.Declared),
                new Num(i.Sampled.P10), new Num(i.Sampled.P50), new Num(i.Sampled.P90),
            }), "inputs");

        page.Section("exchanges", "How often each exchange is chosen").Table(
            ["Exchange", "Chosen in (share of solved samples)", "Quantity P10", "Quantity P50", "Quantity P90", "Unit"],
            d.Exchanges.Select(e => new object?[]
            {
                e.Name, Figures.Percent(e.Probability), new Num(e.QuantityWhenChosen.P10), new Num(e.QuantityWhenChosen.P50), new Num(e.QuantityWhenChosen.P90), e.QuantityWhenChosen.Unit,
            }), "exchanges");

        page.Section("charts", "Charts").Charts(charts);
        var money = $"{d.Currency}/yr";
        page.Section("draws", "Every sample").Note($"Inputs in the order of the table of uncertain inputs: {string.Join(", ", d.Inputs.Select(i => $"{i.Path} ({i.Unit})"))}.").Table(
            ["Sample", "Inputs drawn", "Status", $"Net benefit ({money})", $"Objective gain ({money})", "CO2e avoided (t CO2e/yr)", "Landfill avoided (t/yr)"],
            d.Draws.Select(x => new object?[]
            {
                new Num(x.Index), string.Join("; ", x.Inputs.Select(v => Figures.Number(v))), x.Status,
                new Num(x.NetBenefit), new Num(x.ObjectiveGain), new Num(x.Co2Avoided), new Num(x.LandfillAvoided),
            }), "draws");
        return page.End("montecarlo.json and montecarlo.xlsx", d.Metadata);
    }

    public static string Build(SharingDocument d, IReadOnlyList<ChartImage> charts)
    {
        var page = new HtmlKit($"{d.Region}: sharing the gain", $"{d.Region}: how the gain of the plan can be shared",
            $"Scenario '{d.Scenario}'{(d.Overrides.IsEmpty ? string.Empty : $" ({string.Join(", ", d.Overrides)})")} from {Path.GetFileName(d.Source)}. Value: {d.ValueBasis}.");
        page.Section("summary", "Summary").Table(
            ["Item", "Value"],
            [
                ["Gain of all actors together", $"{Figures.Number(d.GrandValue)} {d.Unit}"],
                ["Coalitions solved", Figures.Number(d.CoalitionSolves)],
                ["Actors outside every exchange (bystanders)", d.BystanderNames.IsEmpty ? "(none)" : string.Join(", ", d.BystanderNames)],
                ["LP-dual (core) allocation", d.Dual.Applicable ? "applies" : d.Dual.Note ?? "does not apply"],
            ], "summary");

        var methods = d.Players.SelectMany(p => p.Allocations.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var estimated = methods.Where(m => d.Players.Any(p => p.Estimates.ContainsKey(m))).ToList();
        page.Section("shares", "Each actor's share, by method").Note($"{d.Unit}. Side payment = share minus the actor's own result (positive: receives). ± 95 %: the estimated share lies within this of the true value with 95 % confidence.").Table(
            [.. new[] { "Actor", "Group", "Own result" }.Concat(methods.Select(m => $"Share: {m}")).Concat(estimated.SelectMany(m => new[] { $"± 95 %: {m}", $"Samples: {m}" })).Concat(methods.Select(m => $"Side payment: {m}"))],
            d.Players.Select(p => new object?[] { p.Name, new Num(p.Component + 1), new Num(p.OwnResult.Value) }
                .Concat(methods.Select(m => (object?)(p.Allocations.TryGetValue(m, out var a) ? new Num(a.Value) : null)))
                .Concat(estimated.SelectMany(m => p.Estimates.TryGetValue(m, out var e)
                    ? new object?[] { new Num(e.HalfWidth95.Value), e.Samples is { } n ? new Num(n) : null }
                    : new object?[] { null, null }))
                .Concat(methods.Select(m => (object?)(p.SidePayments.TryGetValue(m, out var t) ? new Num(t.Value, true) : null))).ToArray()), "shares");

        page.Section("groups", "Linked groups of actors").Table(
            ["Group", "Actors", "Valued exactly", "Shapley exact", "Parts", "Coalitions solved", "Not computed"],
            d.Components.Select((c, i) => new object?[]
            {
                new Num(i + 1), string.Join(", ", c.Names), c.Exact ? "yes" : "no", c.ShapleyExact ? "yes" : "no",
                c.Parts.IsEmpty ? "whole" : string.Join(" + ", c.Parts), new Num(c.Solves), c.NotComputed,
            }), "groups");
        foreach (var (c, i) in d.Components.Select((c, i) => (c, i)))
        {
            page.Sub($"Group {i + 1}: methods");
            Methods(page, c.Report, c.Names);
        }

        page.Section("prices", "Transfer prices at which both sides of an exchange gain").Table(
            ["Exchange", "Lowest", "Highest", "Unit", "Note"],
            d.PriceRanges.Select(r => new object?[] { r.Name, new Num(r.Lowest), new Num(r.Highest), r.Unit, r.Note }), "prices");
        if (charts.Count > 0)
        {
            page.Section("charts", "Charts").Charts(charts);
        }

        return page.End("sharing.json and sharing.xlsx", d.Metadata);
    }

    public static string Build(GameSharingDocument d, IReadOnlyList<ChartImage> charts)
    {
        var r = d.Report;
        var page = new HtmlKit($"{Path.GetFileName(d.Game)}: sharing", $"{Path.GetFileName(d.Game)}: how the {(d.Kind == "cost" ? "cost" : "gain")} can be shared",
            $"A {d.Kind} game of {r.Players.Count} players given by its coalition values; all players together: {Figures.Number(r.GrandCoalitionValue)}.");
        page.Section("summary", "Summary").Table(
            ["Item", "Value"],
            [
                ["Value of all players together", Figures.Number(r.GrandCoalitionValue)],
                ["Least-core epsilon", r.LeastCoreEpsilon is { } eps ? Figures.Number(eps) : "not computed"],
                ["Core non-empty", r.CoreNonEmpty is { } ne ? (ne ? "yes" : "no") : "not known"],
            ], "summary");
        page.Section("methods", "Each method's allocation");
        Methods(page, r, r.Players);
        var methods = r.PerPlayer.SelectMany(p => p.Amounts.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        page.Section("players", "By player").Table(
            [.. new[] { "Player", "Alone" }.Concat(methods)],
            r.PerPlayer.Select(p => new object?[] { p.Player, new Num(p.Standalone) }
                .Concat(methods.Select(m => (object?)(p.Amounts.TryGetValue(m, out var a) ? new Num(a) : null))).ToArray()), "players");
        if (r.Notes.Count > 0)
        {
            page.Section("notes", "Notes").List(r.Notes);
        }

        if (charts.Count > 0)
        {
            page.Section("charts", "Charts").Charts(charts);
        }

        return page.End("sharing.json and sharing.xlsx", d.Metadata);
    }

    /// <summary>A sharing report's methods: each player's amount, the total and whether it lies in the core.</summary>
    private static void Methods(HtmlKit page, Assessment.Sharing.SharingReport report, IReadOnlyList<string> names) =>
        page.Table(
            [.. new[] { "Method" }.Concat(names).Concat(["Total", "In the core", "Note"])],
            report.Methods.Select(m => new object?[] { m.Method }
                .Concat(m.Amounts.Select(a => (object?)new Num(a)))
                .Concat(new object?[] { new Num(m.Total), m.Core is { } c ? (c.InCore ? "yes" : $"no ({c.BlockingCount} blocking)") : "not checked", m.Note }).ToArray()));

    private static object PerTonne(PerTonne p) => p.Value is { } v ? new Num(v) : $"- ({p.Explanation})";

    private static string Refs(IEnumerable<ExchangeRef> refs)
    {
        var names = refs.Select(r => r.Name).ToList();
        return names.Count == 0 ? "-" : string.Join("; ", names);
    }
}
