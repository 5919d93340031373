using System.Collections.Immutable;
using System.Text.Json;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization;

namespace SymbiosisOptimizer.Reports;

/// <summary>comparison.json, barriers.json, sweep.json and montecarlo.json (schemas in docs/runner-schema.md).</summary>
public static class RunnerJson
{
    public const int SchemaVersion = 1;

    private static double R(double v) => ResultsJson.Round(v);

    private static double? N(double? v) => v is { } x && double.IsFinite(x) ? R(x) : null;

    private static object A(double v, string unit) => new { value = R(v), unit };

    private static object D(Delta d, string unit) => new { value = R(d.Value), versusBase = R(d.VersusBase), unit };

    private static string Serialize(object doc) => JsonSerializer.Serialize(doc, ResultsJson.Options) + "\n";

    private static object? Kpis(Kpis? k, string cur) => ResultsJson.KpiBlock(k, cur);

    public static string Comparison(Region baseRegion, string source, ComparisonResult c)
    {
        var cur = baseRegion.Economics.Currency;
        object Group(GroupResult g) => new
        {
            group = g.Group,
            actors = g.Actors,
            netBenefit = D(g.NetBenefit, $"{cur}/yr"),
            co2Avoided = D(g.Co2Avoided, "t CO2e/yr"),
            landfillAvoided = D(g.LandfillAvoided, "t/yr"),
        };
        return Serialize(new
        {
            schemaVersion = SchemaVersion,
            kind = "comparison",
            tool = "SymbiosisOptimizer",
            region = baseRegion.Name,
            source,
            @base = c.BaseName,
            scenarios = c.Scenarios.Select(s => new
            {
                name = s.Name,
                overrides = s.Overrides,
                status = s.Status.Word(),
                kpis = s.Kpis is not { } k ? null : new
                {
                    netBenefit = D(k.NetBenefit, $"{cur}/yr"),
                    objectiveGain = D(k.ObjectiveGain, $"{cur}/yr"),
                    co2Avoided = D(k.Co2Avoided, "t CO2e/yr"),
                    landfillAvoided = D(k.LandfillAvoided, "t/yr"),
                    virginMaterialAvoided = D(k.VirginMaterialAvoided, "t/yr"),
                    transportEmissions = D(k.TransportEmissions, "t CO2e/yr"),
                    mandateShortfall = D(k.MandateShortfall, "units/yr"),
                },
                byKind = s.ByKind.Select(Group),
                byMunicipality = s.ByMunicipality.Select(Group),
                whoGainsWhoPays = s.Split is not { } w ? null : new
                {
                    companies = D(w.Companies, $"{cur}/yr"),
                    otherActors = D(w.OtherActors, $"{cur}/yr"),
                    publicBudget = new
                    {
                        taxRevenue = D(w.TaxRevenue, $"{cur}/yr"),
                        subsidyCost = D(w.SubsidyCost, $"{cur}/yr"),
                        procurementPremium = D(w.ProcurementPremium, $"{cur}/yr"),
                        net = D(w.PublicBudget, $"{cur}/yr"),
                        taxCollected = D(w.TaxCollected, $"{cur}/yr"),
                    },
                    climate = new
                    {
                        co2Avoided = D(w.Co2Avoided, "t CO2e/yr"),
                        value = D(w.ClimateValue, $"{cur}/yr"),
                        co2Price = A(s.Variant.Region.Policies.Co2Price.Value, $"{cur}/t CO2e"),
                    },
                    costEffectiveness = new
                    {
                        publicCostPerTonneCo2 = w.PublicCostPerTonneCo2 is { } pc ? A(pc, $"{cur}/t CO2e") : null,
                        note = w.CostEffectivenessNote,
                    },
                },
                exchangesAdded = s.ExchangesAdded,
                exchangesDropped = s.ExchangesDropped,
                explanation = s.Variant.Result.Explanation,
            }),
        });
    }

    public static string Barriers(Region region, string source, string scenario, ImmutableArray<string> overrides, BarrierResult b)
    {
        var cur = region.Economics.Currency;
        return Serialize(new
        {
            schemaVersion = SchemaVersion,
            kind = "barriers",
            tool = "SymbiosisOptimizer",
            region = region.Name,
            source,
            scenario,
            overrides,
            @base = new { status = b.Base.Result.Status.Word(), kpis = Kpis(b.Base.Result.Kpis, cur) },
            barriers = b.Barriers.Select((c, i) => new
            {
                rank = i + 1,
                kind = Kebab(c.Barrier.Kind.ToString()),
                id = c.Barrier.Id,
                description = c.Barrier.Description,
                status = c.Status.Word(),
                valueLost = A(c.ValueLost, $"{cur}/yr"),
                bindsNothing = c.BindsNothing,
                explanation = c.Explanation,
                kpiChange = Kpis(c.Kpis, cur),
                exchangesAdded = c.ExchangesAdded,
                exchangesDropped = c.ExchangesDropped,
            }),
            shadowPrices = new
            {
                status = b.ShadowPriceStatus,
                rows = b.ShadowPrices.Select(p => new
                {
                    row = p.Limit,
                    kind = Kebab(p.Kind.ToString()),
                    meaning = p.Meaning,
                    dual = R(p.Dual),
                    valuePerUnit = A(p.ValuePerUnit, p.Unit),
                    binding = p.Binding,
                }),
            },
        });
    }

    public static string Sweep(Region region, string source, string scenario, SweepResult s)
    {
        var cur = region.Economics.Currency;
        return Serialize(new
        {
            schemaVersion = SchemaVersion,
            kind = "sweep",
            tool = "SymbiosisOptimizer",
            region = region.Name,
            source,
            scenario,
            parameters = s.Axes.Select(a => new { path = a.Parameter.Path, unit = a.Parameter.UnitText, set = a.Text, values = a.Values.Select(R) }),
            networkReused = s.NetworkReused,
            points = s.Points.Select(p => new { values = p.Values.Select(R), status = p.Status.Word(), kpis = Kpis(p.Kpis, cur), exchanges = p.Exchanges }),
            switches = s.Switches.Select(w => new
            {
                parameter = s.Axes[w.Axis].Parameter.Path,
                from = R(w.From),
                to = R(w.To),
                at = w.Fixed is { } f ? new { parameter = s.Axes[1 - w.Axis].Parameter.Path, value = R(f) } : null,
                on = w.On,
                off = w.Off,
            }),
        });
    }

    public static string MonteCarlo(Region region, string source, string scenario, MonteCarloResult m)
    {
        var cur = region.Economics.Currency;
        object P(Percentiles p, string unit) => new { p10 = N(p.P10), p50 = N(p.P50), p90 = N(p.P90), mean = N(p.Mean), min = N(p.Min), max = N(p.Max), unit };
        var k = m.Kpis;
        return Serialize(new
        {
            schemaVersion = SchemaVersion,
            kind = "montecarlo",
            tool = "SymbiosisOptimizer",
            region = region.Name,
            source,
            scenario,
            samples = m.Samples,
            seed = m.Seed,
            solved = m.Solved,
            networkReused = m.NetworkReused,
            inputs = m.Inputs.Select(i => new
            {
                path = i.Input.Path,
                distribution = i.Input.Distribution.ToString().ToLowerInvariant(),
                unit = i.Unit,
                mean = N(i.Input.Mean),
                sd = N(i.Input.StandardDeviation),
                mode = N(i.Input.Mode),
                min = N(i.Input.Lower),
                max = N(i.Input.Upper),
                declared = N(i.Declared),
                sampled = P(i.Sampled, i.Unit),
            }),
            deterministic = Kpis(m.Deterministic, cur),
            kpis = new
            {
                netBenefit = P(k.NetBenefit, $"{cur}/yr"),
                objectiveGain = P(k.ObjectiveGain, $"{cur}/yr"),
                co2Avoided = P(k.Co2Avoided, "t CO2e/yr"),
                landfillAvoided = P(k.LandfillAvoided, "t/yr"),
                virginMaterialAvoided = P(k.VirginMaterialAvoided, "t/yr"),
                transportEmissions = P(k.TransportEmissions, "t CO2e/yr"),
                mandateShortfall = P(k.MandateShortfall, "units/yr"),
            },
            exchanges = m.Exchanges.Select(e => new
            {
                key = e.Key,
                from = e.From,
                to = e.To,
                resource = e.Resource,
                probability = R(e.Probability),
                quantityWhenChosen = P(e.QuantityWhenChosen, e.Unit),
            }),
            draws = m.Draws.Select(d => new
            {
                index = d.Index,
                inputs = d.Inputs.Select(R),
                status = d.Status.Word(),
                netBenefit = N(d.Kpis?.NetBenefit),
                objectiveGain = N(d.Kpis?.ObjectiveGain),
                co2Avoided = N(d.Kpis?.Co2Avoided),
                landfillAvoided = N(d.Kpis?.LandfillAvoided),
            }),
            timing = new { seconds = Math.Round(m.Seconds, 3) },
        });
    }

    private static string Kebab(string s) => string.Concat(s.Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
