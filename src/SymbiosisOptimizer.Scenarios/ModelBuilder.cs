using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Domain.Parameters;
using SymbiosisOptimizer.Domain.Quantities;

namespace SymbiosisOptimizer.Scenarios;

/// <summary>
/// Turns a located document tree into an immutable <see cref="Region"/>, collecting every problem on the way.
/// Returns null when any error was found: nothing downstream ever sees a half-valid model.
/// </summary>
internal sealed partial class ModelBuilder(BuildContext ctx)
{
    private readonly Dictionary<string, Resource> resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Actor> actors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceLocation> supplyAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceLocation> demandAt = new(StringComparer.Ordinal);
    private readonly HashSet<string> declaredActors = new(StringComparer.Ordinal);
    private readonly HashSet<string> declaredResources = new(StringComparer.Ordinal);
    private string currency = "SEK";

    private DiagnosticBag Diag => ctx.Diagnostics;

    private Dimension Money => Dimension.MoneyIn(currency);

    public Region? Build(MapNode root)
    {
        var top = new Fields(root, string.Empty, ctx);
        top.Allow("overrides", "scenarios");
        var (name, economics) = ReadRegion(top);
        var resourceList = ReadItems(top, "resources", ReadResource, required: true, "the resource catalogue", declared: declaredResources);
        foreach (var r in resourceList)
        {
            resources[r.Id] = r;
        }

        var actorList = ReadItems(top, "actors", ReadActor, required: true, "the actors (companies, municipalities...)", declared: declaredActors);
        foreach (var a in actorList)
        {
            actors[a.Id] = a;
        }

        var supplies = ReadItems(top, "supplies", ReadSupply);
        var demands = ReadItems(top, "demands", ReadDemand);
        var processes = ReadItems(top, "processes", ReadProcess);
        var transport = ReadItems(top, "transport", ReadTransport);
        var distances = ReadItems(top, "distances", ReadDistance, idKey: null);
        var permits = ReadItems(top, "permits", ReadPermit);
        var policies = ReadPolicies(top);
        var objective = ReadObjective(top);
        var uncertainty = top.Raw("uncertainty");
        var (links, pins, groups) = ReadDecisions(top, processes, transport, permits);
        top.Done();
        if (Diag.HasErrors || economics is null || name is null)
        {
            return null;
        }

        var region = new Region(name, economics, resourceList, actorList, supplies, demands, processes, transport, distances, permits, policies, objective);
        region = region with { Uncertainty = ReadUncertainty(uncertainty, region), Links = links, Pins = pins, Groups = groups };
        CrossCheck(region);
        return Diag.HasErrors ? null : region;
    }

    private (string? Name, Economics? Economics) ReadRegion(Fields top)
    {
        var f = Fields.Of(top.Map("region", required: true, "the region: name, currency, discountRate, horizon"), "region", ctx, "the region");
        if (f is null)
        {
            return (null, null);
        }

        var name = f.String("name", required: true, "the region's name");
        var cur = f.String("currency", required: true, "a currency code such as SEK");
        if (cur is not null && !(cur.Length == 3 && cur.All(char.IsAsciiLetterUpper)))
        {
            Diag.Error(f.Location, f.Field("currency"), $"'{cur}' is not a currency code; use three capital letters such as SEK or EUR");
            cur = null;
        }

        currency = cur ?? "SEK";
        var rates = ImmutableDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        var rateMap = f.Map("exchangeRates", what: $"exchange rates as 'EUR: 11.5' ({currency} per unit of the other currency)");
        if (rateMap is not null)
        {
            var rf = new Fields(rateMap, f.Field("exchangeRates"), ctx);
            foreach (var e in rateMap.Entries)
            {
                var code = e.Key.Value;
                if (!(code.Length == 3 && code.All(char.IsAsciiLetterUpper)))
                {
                    Diag.Error(e.Key.Location, rf.Field(code), $"'{code}' is not a currency code; use three capital letters such as EUR");
                    rf.Allow(code);
                    continue;
                }

                var v = rf.Number(code, min: double.Epsilon, what: $"the rate ({currency} per 1 {code}, e.g. 11.5)");
                if (v is { } rate)
                {
                    rates[code] = rate;
                }
            }

            rf.Done();
        }

        ctx.Rates = new ExchangeRates(currency, rates.ToImmutable());
        var discount = f.Fraction("discountRate", max: 0.5) ?? 0.05;
        var horizon = f.Quantity("horizon", Dimension.TimeD, positive: true)?.Value ?? 10;
        var circuity = f.Number("circuity", min: 1, max: 5, what: "the road/great-circle distance ratio (1 to 5, typically 1.2-1.4)") ?? 1.3;
        f.Done();
        return (name, cur is null ? null : new Economics(currency, discount, horizon, circuity, ctx.Rates));
    }

    private ImmutableArray<T> ReadItems<T>(Fields top, string key, Func<Fields, T?> read, bool required = false, string what = "a list", string? idKey = "id", HashSet<string>? declared = null)
        where T : class
    {
        var node = top.Raw(key);
        if (node is null)
        {
            if (required)
            {
                Diag.Error(top.Location, key, $"is missing; give {what}");
            }

            return [];
        }

        if (node is not SequenceNode seq)
        {
            Diag.Error(node.Location, key, $"expected a list (lines starting with '- ', or {{csv: file.csv}}), found {Fields.Describe(node)}");
            return [];
        }

        var result = ImmutableArray.CreateBuilder<T>();
        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        for (var i = 0; i < seq.Items.Length; i++)
        {
            var item = seq.Items[i];
            var idNode = idKey is null ? null : (item as MapNode)?.Get(idKey) as ScalarNode;
            var label = idNode is { IsNull: false } ? idNode.Value.Trim() : $"#{i + 1}";
            var f = Fields.Of(item, $"{key}[{label}]", ctx, "an item");
            if (f is null)
            {
                continue;
            }

            if (idNode is { IsNull: false })
            {
                if (seen.TryGetValue(label, out var first))
                {
                    Diag.Error(idNode.Location, $"{key}[{label}].{idKey}", $"duplicate id '{label}'; it is already used at {first}. Ids must be unique within {key}");
                }
                else
                {
                    seen[label] = idNode.Location;
                    declared?.Add(label);
                }
            }

            var value = read(f);
            f.Done();
            if (value is not null)
            {
                result.Add(value);
            }
        }

        return result.ToImmutable();
    }

    private Resource? ReadResource(Fields f)
    {
        var id = f.Id();
        var name = f.String("name") ?? id;
        var category = f.Enum<ResourceCategory>("category", required: true);
        var unitNode = f.Scalar("unit", required: true, "the flow unit: t, MWh, m3 or ha");
        Dimension? flowDim = null;
        if (unitNode is not null)
        {
            if (!UnitExpression.TryParse(unitNode.Value, null, out var unit, out var err))
            {
                Diag.Error(unitNode.Location, f.Field("unit"), err);
            }
            else if (unit.Dimension != Dimension.MassD && unit.Dimension != Dimension.EnergyD && unit.Dimension != Dimension.VolumeD && unit.Dimension != Dimension.AreaD)
            {
                Diag.Error(unitNode.Location, f.Field("unit"), $"'{unitNode.Value}' is {unit.Dimension.Describe()}; a resource is counted in mass (t), energy (MWh), volume (m3) or area (ha)");
            }
            else
            {
                flowDim = unit.Dimension;
            }
        }

        var status = f.Enum<WasteStatus>("wasteStatus") ?? WasteStatus.Product;
        var props = ImmutableArray.CreateBuilder<QualityProperty>();
        var seq = f.Sequence("properties", what: "a list of quality properties such as {id: phenol, unit: mg/kg}");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in seq?.Items ?? [])
        {
            var pf = Fields.Of(item, f.Field("properties"), ctx, "a property {id, unit}");
            if (pf is null)
            {
                continue;
            }

            var pid = pf.Id();
            var u = pf.Scalar("unit", required: true, "the property's unit, e.g. mg/kg, %, ppm, mg/L, degC");
            pf.Done();
            if (pid is null || u is null)
            {
                continue;
            }

            if (!seen.Add(pid))
            {
                Diag.Error(item.Location, pf.Field("id"), $"property '{pid}' is listed twice");
                continue;
            }

            if (!UnitExpression.TryParse(u.Value, null, out var unit, out var err))
            {
                Diag.Error(u.Location, pf.Field("unit"), err);
                continue;
            }

            props.Add(new QualityProperty(pid, u.Value.Trim(), unit.Dimension));
        }

        return id is null || category is null || flowDim is null || name is null
            ? null
            : new Resource(id, name, category.Value, unitNode!.Value.Trim(), flowDim.Value, status, props.ToImmutable());
    }

    private Actor? ReadActor(Fields f)
    {
        var id = f.Id();
        var name = f.String("name") ?? id;
        var kind = f.Enum<ActorKind>("kind") ?? ActorKind.Company;
        var sector = f.String("sector");
        var municipality = f.String("municipality");
        var lat = f.Number("lat", required: true, -90, 90, "a latitude in degrees (-90 to 90)");
        var lon = f.Number("lon", required: true, -180, 180, "a longitude in degrees (-180 to 180)");
        return id is null || lat is null || lon is null || name is null
            ? null
            : new Actor(id, name, kind, sector, municipality, new GeoPoint(lat.Value, lon.Value));
    }

    private Actor? ActorRef(Fields f, string key = "actor")
    {
        var s = f.Scalar(key, required: true, "the id of an actor");
        if (s is null)
        {
            return null;
        }

        if (actors.TryGetValue(s.Value.Trim(), out var a))
        {
            return a;
        }

        if (declaredActors.Contains(s.Value.Trim()))
        {
            return null; // declared but invalid: its own error is already reported
        }

        Diag.Error(s.Location, f.Field(key), $"unknown actor '{s.Value}'" + Hint(s.Value, actors.Keys) + "; actors are declared under 'actors'");
        return null;
    }

    private Resource? ResourceRef(Fields f, string key = "resource")
    {
        var s = f.Scalar(key, required: true, "the id of a resource");
        return s is null ? null : ResourceRef(s, f.Field(key));
    }

    private Resource? ResourceRef(ScalarNode s, string field)
    {
        if (resources.TryGetValue(s.Value.Trim(), out var r))
        {
            return r;
        }

        if (declaredResources.Contains(s.Value.Trim()))
        {
            return null; // declared but invalid: its own error is already reported
        }

        Diag.Error(s.Location, field, $"unknown resource '{s.Value}'" + Hint(s.Value, resources.Keys) + "; resources are declared under 'resources'");
        return null;
    }

    private static string Hint(string value, IEnumerable<string> known) =>
        Fields.Closest(value.Trim(), known) is { } c ? $" (did you mean '{c}'?)" : string.Empty;

    private ImmutableDictionary<string, Quantity> ReadQuality(Fields f, string key, IEnumerable<Resource?> owners)
    {
        var map = f.Map(key, what: "quality values such as {phenol: 20 mg/kg}");
        var result = ImmutableDictionary.CreateBuilder<string, Quantity>(StringComparer.Ordinal);
        if (map is null)
        {
            return result.ToImmutable();
        }

        var props = owners.Where(o => o is not null).SelectMany(o => o!.Properties).GroupBy(p => p.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var names = string.Join(", ", owners.Where(o => o is not null).Select(o => o!.Id));
        foreach (var e in map.Entries)
        {
            var field = f.Field(key) + "." + e.Key.Value;
            if (!props.TryGetValue(e.Key.Value, out var p))
            {
                if (owners.All(o => o is not null))
                {
                    Diag.Error(e.Key.Location, field, $"unknown quality property '{e.Key.Value}'" + Hint(e.Key.Value, props.Keys) +
                        $"; the properties of {names} are: {(props.Count == 0 ? "(none declared)" : string.Join(", ", props.Keys.Order(StringComparer.Ordinal)))}");
                }

                continue;
            }

            if (e.Value is not ScalarNode s || s.IsNull)
            {
                Diag.Error(e.Value.Location, field, $"expected a value in {p.UnitText}, found {Fields.Describe(e.Value)}");
                continue;
            }

            // mg/kg and % are both plain numbers; the example must be in the property's own unit, not '30 %'.
            if (Fields.ParseQuantity(s, field, p.Dimension, ctx, example: $"20 {p.UnitText}") is { } q)
            {
                result[p.Id] = q;
            }
        }

        return result.ToImmutable();
    }

    private ImmutableArray<QualityLimit> ReadLimits(Fields f, IEnumerable<Resource?> owners)
    {
        var map = f.Map("limits", what: "quality limits such as {phenol: {max: 50 mg/kg}}");
        if (map is null)
        {
            return [];
        }

        var props = owners.Where(o => o is not null).SelectMany(o => o!.Properties).GroupBy(p => p.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<QualityLimit>();
        foreach (var e in map.Entries)
        {
            var field = f.Field("limits") + "." + e.Key.Value;
            if (!props.TryGetValue(e.Key.Value, out var p))
            {
                if (owners.All(o => o is not null))
                {
                    Diag.Error(e.Key.Location, field, $"the limit names unknown quality property '{e.Key.Value}'" + Hint(e.Key.Value, props.Keys) +
                        $"; the resources received here declare: {(props.Count == 0 ? "(no properties)" : string.Join(", ", props.Keys.Order(StringComparer.Ordinal)))}");
                }

                continue;
            }

            var lf = Fields.Of(e.Value, field, ctx, "a limit {min: ..., max: ...}");
            if (lf is null)
            {
                continue;
            }

            var min = lf.Quantity("min", p.Dimension, allowNegative: true, example: $"20 {p.UnitText}");
            var max = lf.Quantity("max", p.Dimension, allowNegative: true, example: $"50 {p.UnitText}");
            lf.Done();
            if (min is null && max is null)
            {
                Diag.Error(e.Value.Location, field, "a limit needs 'min', 'max' or both");
                continue;
            }

            if (min is { } lo && max is { } hi && lo.Value > hi.Value)
            {
                Diag.Error(e.Value.Location, field, "min is above max");
                continue;
            }

            result.Add(new QualityLimit(p.Id, min, max));
        }

        return result.ToImmutable();
    }

    private CurrentRoute? ReadRoute(Fields parent, string key, Resource? r, bool required)
    {
        var f = Fields.Of(parent.Map(key, required, "what happens to it today: {kind: landfill, cost: 450 SEK/t, emissions: 1.3 kg CO2e/t}"), parent.Field(key), ctx, "a route");
        if (f is null)
        {
            return null;
        }

        var kind = f.Enum<RouteKind>("kind", required: true);
        Quantity? cost = null;
        Quantity? em = null;
        if (r is not null)
        {
            cost = f.Quantity("cost", Money / r.FlowDimension, allowNegative: true) ?? Quantity.Zero(Money / r.FlowDimension);
            em = f.Quantity("emissions", Dimension.EmissionsD / r.FlowDimension, allowNegative: true) ?? Quantity.Zero(Dimension.EmissionsD / r.FlowDimension);
        }
        else
        {
            f.Allow("cost", "emissions");
        }

        f.Done();
        return kind is null || cost is null || em is null ? null : new CurrentRoute(kind.Value, cost.Value, em.Value);
    }

    private CurrentSource? ReadSource(Fields parent, string key, Resource? r, bool required)
    {
        var f = Fields.Of(parent.Map(key, required, "what is bought today: {kind: virgin, price: 120 SEK/t, emissions: 7.8 kg CO2e/t}"), parent.Field(key), ctx, "a source");
        if (f is null)
        {
            return null;
        }

        var kind = f.Enum<SourceKind>("kind") ?? SourceKind.Virgin;
        Quantity? price = null;
        Quantity? em = null;
        if (r is not null)
        {
            price = f.Quantity("price", Money / r.FlowDimension) ?? Quantity.Zero(Money / r.FlowDimension);
            em = f.Quantity("emissions", Dimension.EmissionsD / r.FlowDimension, allowNegative: true) ?? Quantity.Zero(Dimension.EmissionsD / r.FlowDimension);
        }
        else
        {
            f.Allow("price", "emissions");
        }

        var quality = ReadQuality(f, "quality", [r]);
        f.Done();
        return price is null || em is null ? null : new CurrentSource(kind, price.Value, em.Value, quality);
    }

    private Supply? ReadSupply(Fields f)
    {
        var id = f.Id();
        var actor = ActorRef(f);
        var r = ResourceRef(f);
        Quantity? qty = null;
        Quantity? min = null;
        Quantity? max = null;
        Quantity? lot = null;
        if (r is not null)
        {
            var dim = r.FlowDimension.PerYear;
            qty = f.Quantity("quantity", dim, required: true);
            min = f.Quantity("min", dim);
            max = f.Quantity("max", dim);
            lot = f.Quantity("minLot", dim);
            // Reported at the bound that contradicts the quantity, with both values, rather than at the supply as a whole.
            var quantityText = (f.Raw("quantity") as ScalarNode)?.Value;
            if (qty is { } q && min is { } lo && lo.Value > q.Value && f.Raw("min") is ScalarNode minNode)
            {
                Diag.Error(minNode.Location, f.Field("min"), $"'{minNode.Value}' is more than the quantity '{quantityText}'; min <= quantity <= max must hold");
            }

            if (qty is { } q2 && max is { } hi && hi.Value < q2.Value && f.Raw("max") is ScalarNode maxNode)
            {
                Diag.Error(maxNode.Location, f.Field("max"), $"'{maxNode.Value}' is less than the quantity '{quantityText}'; min <= quantity <= max must hold");
            }
        }
        else
        {
            f.Allow("quantity", "min", "max", "minLot");
        }

        var quality = ReadQuality(f, "quality", [r]);
        var route = ReadRoute(f, "route", r, required: true);
        if (id is not null)
        {
            supplyAt[id] = f.Location;
        }

        return id is null || actor is null || r is null || qty is null || route is null
            ? null
            : new Supply(id, actor.Id, r.Id, qty.Value, min, max, lot, quality, route);
    }

    private Demand? ReadDemand(Fields f)
    {
        var id = f.Id();
        var actor = ActorRef(f);
        var r = ResourceRef(f);
        Quantity? qty = null;
        Quantity? lot = null;
        if (r is not null)
        {
            qty = f.Quantity("quantity", r.FlowDimension.PerYear, required: true);
            lot = f.Quantity("minLot", r.FlowDimension.PerYear);
        }
        else
        {
            f.Allow("quantity", "minLot");
        }

        var buyer = f.Enum<BuyerKind>("buyer") ?? BuyerKind.Private;
        var accepts = ImmutableArray.CreateBuilder<Substitute>();
        var acceptedResources = new List<Resource?> { r };
        foreach (var item in f.Sequence("accepts", what: "a list such as [{resource: foundry-sand, ratio: 1}]")?.Items ?? [])
        {
            var af = Fields.Of(item, f.Field("accepts"), ctx, "{resource, ratio}");
            if (af is null)
            {
                continue;
            }

            var sub = ResourceRef(af);
            acceptedResources.Add(sub);
            double ratio = 1;
            if (sub is not null && r is not null)
            {
                var q = af.Quantity("ratio", r.FlowDimension / sub.FlowDimension, positive: true);
                ratio = q?.Value ?? 1;
                if (q is null && af.Raw("ratio") is null && sub.FlowDimension != r.FlowDimension)
                {
                    Diag.Error(item.Location, af.Field("ratio"), $"is needed because {sub.Id} and {r.Id} are counted in different units; give {(r.FlowDimension / sub.FlowDimension).Describe()}");
                }
            }
            else
            {
                af.Allow("ratio");
            }

            af.Done();
            if (sub is not null)
            {
                accepts.Add(new Substitute(sub.Id, ratio));
            }
        }

        var limits = ReadLimits(f, acceptedResources);
        var source = ReadSource(f, "source", r, required: true);
        if (id is not null)
        {
            demandAt[id] = f.Location;
        }

        return id is null || actor is null || r is null || qty is null || source is null
            ? null
            : new Demand(id, actor.Id, r.Id, qty.Value, buyer, lot, accepts.ToImmutable(), limits, source);
    }

    private Process? ReadProcess(Fields f)
    {
        var id = f.Id();
        var actor = ActorRef(f);
        var name = f.String("name") ?? id;
        var existing = f.Bool("existing", false);
        var inputs = ImmutableArray.CreateBuilder<ProcessInput>();
        var inputResources = new List<Resource?>();
        Dimension? inDim = null;
        var inSeq = f.Sequence("inputs", required: true, "the inputs, e.g. [{resource: sewage-sludge}]");
        foreach (var item in inSeq?.Items ?? [])
        {
            var pf = Fields.Of(item, f.Field("inputs"), ctx, "{resource, maxShare, source}");
            if (pf is null)
            {
                continue;
            }

            var r = ResourceRef(pf);
            inputResources.Add(r);
            if (r is not null)
            {
                if (inDim is { } d && d != r.FlowDimension)
                {
                    Diag.Error(item.Location, pf.Field("resource"), $"all inputs of a process must be counted in one dimension; '{r.Id}' is {r.FlowDimension.Describe()} but earlier inputs are {d.Describe()}");
                }

                inDim ??= r.FlowDimension;
            }

            var share = pf.Fraction("maxShare");
            var source = ReadSource(pf, "source", r, required: false);
            pf.Done();
            if (r is not null)
            {
                inputs.Add(new ProcessInput(r.Id, share, source));
            }
        }

        if (inSeq is not null && inSeq.Items.Length == 0)
        {
            Diag.Error(inSeq.Location, f.Field("inputs"), "a process needs at least one input");
        }

        var outputs = ImmutableArray.CreateBuilder<ProcessOutput>();
        foreach (var item in f.Sequence("outputs", what: "the outputs, e.g. [{resource: biochar, yield: 0.3}]")?.Items ?? [])
        {
            var of = Fields.Of(item, f.Field("outputs"), ctx, "{resource, yield, quality, disposal}");
            if (of is null)
            {
                continue;
            }

            var r = ResourceRef(of);
            double? yield = null;
            if (r is not null && inDim is { } d)
            {
                yield = of.Quantity("yield", r.FlowDimension / d, required: true, positive: true)?.Value;
            }
            else
            {
                of.Allow("yield");
            }

            var quality = ReadQuality(of, "quality", [r]);
            var disposal = ReadRoute(of, "disposal", r, required: false);
            of.Done();
            if (r is not null && yield is not null)
            {
                outputs.Add(new ProcessOutput(r.Id, yield.Value, quality, disposal));
            }
        }

        Quantity? capacity = null;
        Quantity capex = Quantity.Zero(Money);
        Quantity fixedOpex = Quantity.Zero(Money.PerYear);
        Quantity? opex = null;
        Quantity? emissions = null;
        var loads = ImmutableDictionary.CreateBuilder<string, Quantity>(StringComparer.Ordinal);
        capex = f.Quantity("capex", Money) ?? capex;
        fixedOpex = f.Quantity("fixedOpex", Money.PerYear) ?? fixedOpex;
        if (inDim is { } dim)
        {
            capacity = f.Quantity("capacity", dim.PerYear, positive: true);
            opex = f.Quantity("opex", Money / dim, allowNegative: true) ?? Quantity.Zero(Money / dim);
            emissions = f.Quantity("emissions", Dimension.EmissionsD / dim, allowNegative: true) ?? Quantity.Zero(Dimension.EmissionsD / dim);
            var loadMap = f.Map("loads", what: "contaminant loads such as {cod: 2 kg/h}");
            var props = inputResources.Where(r => r is not null).SelectMany(r => r!.Properties).GroupBy(p => p.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            foreach (var e in loadMap?.Entries ?? [])
            {
                var field = f.Field("loads") + "." + e.Key.Value;
                if (!props.TryGetValue(e.Key.Value, out var p))
                {
                    Diag.Error(e.Key.Location, field, $"unknown quality property '{e.Key.Value}'; loads must name a property of an input resource ({string.Join(", ", props.Keys.Order(StringComparer.Ordinal))})");
                    continue;
                }

                if (e.Value is ScalarNode s && Fields.ParseQuantity(s, field, (p.Dimension * dim).PerYear, ctx) is { } q)
                {
                    loads[p.Id] = q;
                }
            }
        }
        else
        {
            f.Allow("capacity", "opex", "emissions", "loads");
        }

        var limits = ReadLimits(f, inputResources);
        var (closable, closingSaving) = ReadClosing(f, existing);
        if (loads.Count > 0 && outputs.Count != 1)
        {
            Diag.Error(f.Location, f.Field("outputs"), "a process with contaminant loads needs exactly one output (the stream that carries the load)");
        }

        return id is null || actor is null || name is null || inDim is null || opex is null || emissions is null || inputs.Count == 0
            ? null
            : new Process(id, actor.Id, name, existing, inputs.ToImmutable(), outputs.ToImmutable(), capacity, capex, fixedOpex, opex.Value, emissions.Value, limits, loads.ToImmutable())
            {
                Closable = closable,
                ClosingSaving = closingSaving,
            };
    }

    private TransportMode? ReadTransport(Fields f)
    {
        var id = f.Id();
        var name = f.String("name") ?? id;
        var pipeline = f.Bool("pipeline", false);
        var costNode = f.Scalar("cost", required: true, "a cost per unit and km, e.g. '1.2 SEK/t.km', '0 SEK/MWh.km'");
        Dimension? flowDim = null;
        Quantity? cost = null;
        if (costNode is not null && Fields.WithinMagnitude(costNode, f.Field("cost"), ctx))
        {
            if (!Quantity.TryParse(costNode.Value, null, ctx.ExtraCurrencies, out var raw, out var err))
            {
                Diag.Error(costNode.Location, f.Field("cost"), err);
            }
            else if (!raw.Dimension.HasMoney)
            {
                Diag.Error(costNode.Location, f.Field("cost"), $"'{costNode.Value}' has no currency; write e.g. '1.2 SEK/t.km'");
            }
            else
            {
                var perUnitKm = raw.Dimension.WithCurrency(currency);
                var candidate = Money / (perUnitKm * Dimension.LengthD);
                if (candidate != Dimension.MassD && candidate != Dimension.EnergyD && candidate != Dimension.VolumeD && candidate != Dimension.AreaD)
                {
                    Diag.Error(costNode.Location, f.Field("cost"), $"'{costNode.Value}' is {raw.Dimension.Describe()}; a transport cost is money per unit and km, e.g. '1.2 SEK/t.km', '0.05 SEK/MWh.km', '0.01 SEK/m3.km'");
                }
                else
                {
                    flowDim = candidate;
                    cost = Fields.ParseQuantity(costNode, f.Field("cost"), Money / (candidate * Dimension.LengthD), ctx);
                }
            }
        }

        Quantity? em = null;
        if (flowDim is { } fd)
        {
            em = f.Quantity("emissions", Dimension.EmissionsD / (fd * Dimension.LengthD)) ?? Quantity.Zero(Dimension.EmissionsD / (fd * Dimension.LengthD));
        }
        else
        {
            f.Allow("emissions");
        }

        var fixedCost = f.Quantity("fixedCost", Money.PerYear) ?? Quantity.Zero(Money.PerYear);
        var maxDistance = f.Quantity("maxDistance", Dimension.LengthD, positive: true);
        var capex = f.Quantity("capex", Money / Dimension.LengthD) ?? Quantity.Zero(Money / Dimension.LengthD);
        var loss = f.Fraction("loss", max: 0.5) ?? 0;
        var list = ImmutableArray.CreateBuilder<string>();
        foreach (var (rid, at) in f.IdList("resources"))
        {
            if (ResourceRef(new ScalarNode(rid, at), f.Field("resources")) is { } r)
            {
                if (flowDim is { } d && r.FlowDimension != d)
                {
                    Diag.Error(at, f.Field("resources"), $"'{r.Id}' is counted in {r.UnitText} ({r.FlowDimension.Describe()}) but this mode's cost is per {UnitExpression.BaseUnitText(d)} and km");
                }

                list.Add(r.Id);
            }
        }

        if (!pipeline && capex.Value > 0)
        {
            Diag.Warning(f.Location, f.Field("capex"), "capex per km is only used for pipelines; add 'pipeline: true' or remove it");
        }

        return id is null || name is null || flowDim is null || cost is null || em is null
            ? null
            : new TransportMode(id, name, flowDim.Value, cost.Value, fixedCost, em.Value, maxDistance, pipeline, capex, loss, list.ToImmutable());
    }

    private StatedDistance? ReadDistance(Fields f)
    {
        var from = ActorRef(f, "from");
        var to = ActorRef(f, "to");
        var d = f.Quantity("distance", Dimension.LengthD, required: true, positive: true);
        return from is null || to is null || d is null ? null : new StatedDistance(from.Id, to.Id, d.Value);
    }

    private Permit? ReadPermit(Fields f)
    {
        var id = f.Id();
        var name = f.String("name") ?? id;
        var cost = f.Quantity("cost", Money) ?? Quantity.Zero(Money);
        var lead = f.Quantity("leadTime", Dimension.TimeD) ?? Quantity.Zero(Dimension.TimeD);
        var res = ImmutableArray.CreateBuilder<string>();
        var ids = f.IdList("resources");
        if (ids.IsEmpty)
        {
            Diag.Error(f.Location, f.Field("resources"), "is missing; list the resources whose exchanges need this permit, e.g. [foundry-sand]");
        }

        foreach (var (rid, at) in ids)
        {
            if (ResourceRef(new ScalarNode(rid, at), f.Field("resources")) is { } r)
            {
                res.Add(r.Id);
            }
        }

        var receivers = ImmutableArray.CreateBuilder<string>();
        foreach (var (aid, at) in f.IdList("receivers"))
        {
            if (actors.ContainsKey(aid))
            {
                receivers.Add(aid);
            }
            else
            {
                Diag.Error(at, f.Field("receivers"), $"unknown actor '{aid}'" + Hint(aid, actors.Keys));
            }
        }

        var lifted = f.Bool("liftedByEndOfWaste", true);
        return id is null || name is null ? null : new Permit(id, name, cost, lead, res.ToImmutable(), receivers.ToImmutable(), lifted);
    }

    private Policies ReadPolicies(Fields top)
    {
        var f = Fields.Of(top.Map("policies"), "policies", ctx, "policies");
        var perTonne = Money / Dimension.MassD;
        if (f is null)
        {
            return new Policies(Quantity.Zero(perTonne), Quantity.Zero(perTonne), Quantity.Zero(Money / Dimension.EmissionsD), 0, [], []);
        }

        var landfill = f.Quantity("landfillTax", perTonne) ?? Quantity.Zero(perTonne);
        var incineration = f.Quantity("incinerationTax", perTonne) ?? Quantity.Zero(perTonne);
        var co2 = f.Quantity("co2Price", Money / Dimension.EmissionsD) ?? Quantity.Zero(Money / Dimension.EmissionsD);
        var subsidy = f.Fraction("investmentSubsidy") ?? 0;
        var eow = ImmutableArray.CreateBuilder<string>();
        foreach (var (rid, at) in f.IdList("endOfWaste"))
        {
            if (ResourceRef(new ScalarNode(rid, at), f.Field("endOfWaste")) is { } r)
            {
                eow.Add(r.Id);
            }
        }

        var mandates = ImmutableArray.CreateBuilder<ProcurementMandate>();
        foreach (var item in f.Sequence("procurement", what: "a list such as [{resource: aggregate, minShare: 20 %}]")?.Items ?? [])
        {
            var pf = Fields.Of(item, f.Field("procurement"), ctx, "{resource, minShare}");
            if (pf is null)
            {
                continue;
            }

            var r = ResourceRef(pf);
            var share = pf.Fraction("minShare", required: true);
            pf.Done();
            if (r is not null && share is not null)
            {
                mandates.Add(new ProcurementMandate(r.Id, share.Value));
            }
        }

        f.Done();
        return new Policies(landfill, incineration, co2, subsidy, eow.ToImmutable(), mandates.ToImmutable());
    }

    private ObjectiveSettings ReadObjective(Fields top)
    {
        var perTonne = Money / Dimension.MassD;
        var f = Fields.Of(top.Map("objective"), "objective", ctx, "objective weights");
        if (f is null)
        {
            return new ObjectiveSettings(Quantity.Zero(perTonne));
        }

        var lv = f.Quantity("landfillValue", perTonne) ?? Quantity.Zero(perTonne);
        var social = f.Quantity("socialCo2Value", Money / Dimension.EmissionsD);
        f.Done();
        return new ObjectiveSettings(lv, social);
    }

    /// <summary>
    /// Reads the uncertain inputs. Paths are resolved against the built region, because only then are the ids and the
    /// dimension of each value known (a lead time takes years, a tax money per tonne).
    /// </summary>
    private ImmutableArray<UncertainInput> ReadUncertainty(Node? node, Region region)
    {
        if (node is null)
        {
            return [];
        }

        if (node is not SequenceNode seq)
        {
            Diag.Error(node.Location, "uncertainty", $"expected a list of uncertain inputs such as '- {{path: policies.landfillTax, distribution: triangular, min: 600 SEK/t, mode: 744 SEK/t, max: 1000 SEK/t}}', found {Fields.Describe(node)}");
            return [];
        }

        var result = ImmutableArray.CreateBuilder<UncertainInput>();
        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        for (var i = 0; i < seq.Items.Length; i++)
        {
            var f = Fields.Of(seq.Items[i], $"uncertainty[#{i + 1}]", ctx, "an uncertain input {path, distribution, ...}");
            if (f is null)
            {
                continue;
            }

            var pathNode = f.Scalar("path", required: true, "the dotted path of the input, e.g. policies.landfillTax");
            var kind = f.Enum<DistributionKind>("distribution", required: true);
            RegionParameter? parameter = null;
            if (pathNode is not null)
            {
                var path = pathNode.Value.Trim();
                if (!RegionParameter.TryResolve(region, path, out var resolved, out var why))
                {
                    Diag.Error(pathNode.Location, f.Field("path"), why);
                }
                else if (seen.TryGetValue(path, out var first))
                {
                    Diag.Error(pathNode.Location, f.Field("path"), $"'{path}' is already uncertain at {first}; give each input one distribution");
                }
                else
                {
                    seen[path] = pathNode.Location;
                    parameter = resolved;
                }
            }

            if (parameter is null || kind is null)
            {
                f.Allow("mean", "sd", "mode", "min", "max");
                f.Done();
                continue;
            }

            double? Read(string key, bool required) => f.Raw(key) is null && !required
                ? null
                : f.Quantity(key, parameter.Dimension, required, allowNegative: true)?.Value;

            var allowed = kind switch
            {
                DistributionKind.Normal or DistributionKind.Lognormal => new[] { "mean", "sd", "min", "max" },
                DistributionKind.Triangular => ["min", "mode", "max"],
                _ => ["min", "max"],
            };
            foreach (var key in new[] { "mean", "sd", "mode", "min", "max" }.Except(allowed))
            {
                if (f.Raw(key) is { } extra)
                {
                    Diag.Error(extra.Location, f.Field(key), $"a {Fields.Kebab(kind.Value.ToString())} distribution takes {string.Join(", ", allowed)}; remove '{key}'");
                }
            }

            var errors = Diag.ToImmutable().Length;
            var needsMean = kind is DistributionKind.Normal or DistributionKind.Lognormal;
            var mean = needsMean ? Read("mean", true) : null;
            var sd = needsMean ? Read("sd", true) : null;
            var mode = kind == DistributionKind.Triangular ? Read("mode", true) : null;
            var lo = Read("min", !needsMean);
            var hi = Read("max", !needsMean);
            f.Done();
            if (Diag.ToImmutable().Length != errors)
            {
                continue;
            }

            string? problem = null;
            if (sd is < 0)
            {
                problem = "sd must be zero or more";
            }
            else if (kind == DistributionKind.Lognormal && mean is <= 0)
            {
                problem = "a lognormal distribution needs a mean above zero";
            }
            else if (lo is { } a && hi is { } b && a > b)
            {
                problem = "min is above max";
            }
            else if (mode is { } m && (m < lo || m > hi))
            {
                problem = "mode must lie between min and max";
            }
            else if (needsMean && mean is { } mu && ((lo is { } l && mu < l) || (hi is { } h && mu > h)))
            {
                problem = "the mean must lie between the truncation bounds min and max";
            }

            if (problem is not null)
            {
                Diag.Error(f.Location, f.Field("distribution"), problem);
                continue;
            }

            result.Add(new UncertainInput(parameter.Path, kind.Value, mean, sd, mode, lo, hi));
        }

        return result.ToImmutable();
    }

    /// <summary>Checks that need the whole model: things that can never take part, and unstated qualities.</summary>
    private void CrossCheck(Region region)
    {
        var usable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in region.Demands)
        {
            usable.Add(d.ResourceId);
            usable.UnionWith(d.Accepts.Select(a => a.ResourceId));
        }

        foreach (var p in region.Processes)
        {
            usable.UnionWith(p.Inputs.Select(i => i.ResourceId));
        }

        var producible = new HashSet<string>(region.Supplies.Select(s => s.ResourceId), StringComparer.Ordinal);
        foreach (var p in region.Processes)
        {
            producible.UnionWith(p.Outputs.Select(o => o.ResourceId));
        }

        // The demands that take each resource (as their own or one they accept), in the demands' order, and whether a
        // mode carries it: looked up per supply, so the check grows with supplies + demands, not their product.
        var takers = new Dictionary<string, List<Demand>>(StringComparer.Ordinal);
        foreach (var d in region.Demands)
        {
            foreach (var r in d.Accepts.Select(a => a.ResourceId).Prepend(d.ResourceId).Distinct(StringComparer.Ordinal))
            {
                if (!takers.TryGetValue(r, out var list))
                {
                    takers[r] = list = [];
                }

                list.Add(d);
            }
        }

        var carried = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var s in region.Supplies)
        {
            var at = supplyAt.GetValueOrDefault(s.Id, SourceLocation.Unknown);
            if (!usable.Contains(s.ResourceId))
            {
                Diag.Warning(at, $"supplies[{s.Id}]", $"no demand or process can ever use '{s.ResourceId}'; this supply will stay on its current route");
            }

            var resource = region.Resource(s.ResourceId);
            if (!carried.TryGetValue(s.ResourceId, out var isCarried))
            {
                carried[s.ResourceId] = isCarried = region.TransportModes.Any(m => m.Carries(resource));
            }

            if (!isCarried)
            {
                Diag.Warning(at, $"supplies[{s.Id}]", $"no transport mode carries '{s.ResourceId}' ({resource.UnitText}); it can only be used on the same site");
            }

            // A supply that states every property of its resource cannot miss one a demand limits.
            if (resource.Properties.All(p => s.Quality.ContainsKey(p.Id)))
            {
                continue;
            }

            foreach (var d in takers.GetValueOrDefault(s.ResourceId) ?? [])
            {
                foreach (var l in d.Limits.Where(l => region.Resource(s.ResourceId).HasProperty(l.Property) && !s.Quality.ContainsKey(l.Property)))
                {
                    Diag.Warning(at, $"supplies[{s.Id}].quality", $"does not state '{l.Property}', which demand '{d.Id}' limits; it will not be sent there");
                }
            }
        }

        foreach (var d in region.Demands)
        {
            var at = demandAt.GetValueOrDefault(d.Id, SourceLocation.Unknown);
            if (!producible.Contains(d.ResourceId) && !d.Accepts.Any(a => producible.Contains(a.ResourceId)))
            {
                Diag.Warning(at, $"demands[{d.Id}]", $"no supply or process produces '{d.ResourceId}' or anything it accepts; it will keep its current source");
            }
        }
    }
}
