using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Domain.Quantities;

namespace SymbiosisOptimizer.Optimization.Formulation;

/// <summary>One line of the difference between today and the plan: counterfactual minus chosen, per year.</summary>
/// <param name="Item">The exchange, process or permit of the plan the line belongs to; a supply route or purchase
/// only when no chosen exchange touches it (then it is unattributed).</param>
public sealed record BreakdownLine(LedgerItem Item, string ActorId, LedgerKind Kind, LedgerCategory Category, string? Resource, double Value, LedgerTransfer Transfer = LedgerTransfer.None);

/// <summary>
/// Splits "today minus the plan" over the items of the plan, entry by entry of the two ledgers, so every breakdown
/// (per exchange, plant, permit, actor, municipality) is a partition of the same lines and adds up to the KPIs.
/// </summary>
/// <remarks>
/// Flow, connection, process and permit entries belong to their item. A supply's current route changes only through
/// the exchanges out of it (its balance: r_s = Q_s - sum_a x_a in the plan, Q_s today), so the change on its route is
/// shared among those exchanges in proportion to x_a; a demand's purchase likewise among the exchanges into it in
/// proportion to ratio_a (1 - loss_a) x_a. The shares of one line sum to it, so nothing is lost or counted twice.
/// </remarks>
public static class LedgerBreakdown
{
    private const double Tolerance = 1e-9;

    public static ImmutableArray<BreakdownLine> Of(Solution today, Solution plan)
    {
        var sums = new Dictionary<(LedgerItemKind Kind, int Index, string Actor, LedgerKind Ledger, LedgerCategory Category, string Resource, LedgerTransfer Transfer), double>();
        void Add(Solution s, double sign)
        {
            var x = s.Values;
            foreach (var e in s.Model.Ledger)
            {
                // Most columns are zero in both solutions (candidates not chosen): adding 0 changes no sum, and a line
                // whose sum is 0 is left out below, so such an entry is skipped before it costs a dictionary look-up.
                var amount = sign * e.Coefficient * x[e.Column];
                if (amount == 0)
                {
                    continue;
                }

                var key = (e.Item.Kind, e.Item.Index, e.ActorId, e.Kind, e.Category, e.Resource ?? string.Empty, e.Transfer);
                sums[key] = sums.GetValueOrDefault(key) + amount;
            }
        }

        Add(today, 1);
        Add(plan, -1);
        var model = plan.Model;
        var lines = ImmutableArray.CreateBuilder<BreakdownLine>();
        var plantInputs = new Dictionary<int, List<(int Arc, double Delivered)>>();
        // A stable, culture-independent order, so the lines (and every sum over them) are the same on every machine.
        // The keys are distinct, so one comparison sort gives the order of the chained OrderBy/ThenBy at a fraction of the cost.
        var ordered = sums.Where(kv => kv.Value != 0).ToArray();
        Array.Sort(ordered, static (a, b) =>
        {
            var (x, y) = (a.Key, b.Key);
            var c = ((int)x.Kind).CompareTo((int)y.Kind);
            c = c != 0 ? c : x.Index.CompareTo(y.Index);
            c = c != 0 ? c : string.CompareOrdinal(x.Actor, y.Actor);
            c = c != 0 ? c : ((int)x.Ledger).CompareTo((int)y.Ledger);
            c = c != 0 ? c : ((int)x.Category).CompareTo((int)y.Category);
            c = c != 0 ? c : string.CompareOrdinal(x.Resource, y.Resource);
            return c != 0 ? c : ((int)x.Transfer).CompareTo((int)y.Transfer);
        });
        foreach (var ((kind, index, actor, ledger, category, resource, transfer), value) in ordered)
        {
            if (value == 0)
            {
                continue;
            }

            var res = resource.Length == 0 ? null : resource;
            if (kind == LedgerItemKind.Process && category == LedgerCategory.Disposal && !model.Region.Processes[index].Existing)
            {
                ShareNewPlantDisposal(plan, PlantInputs(plan, index, plantInputs), index, new BreakdownLine(new LedgerItem(kind, index), actor, ledger, category, res, value, transfer), lines);
                continue;
            }

            var weights = kind switch
            {
                LedgerItemKind.SupplyRoute => model.ArcsFromSource[model.Network.Sources[index].Index].Select(a => (a, Math.Max(0, plan.Flow(a)))).ToList(),
                LedgerItemKind.Purchase => model.ArcsIntoSink[model.Network.Sinks[index].Index].Select(a => (a, model.Network.Arcs[a].Delivered * Math.Max(0, plan.Flow(a)))).ToList(),
                _ => null,
            };
            var total = weights?.Sum(w => w.Item2) ?? 0;
            if (weights is null || total <= Tolerance)
            {
                lines.Add(new BreakdownLine(new LedgerItem(kind, index), actor, ledger, category, res, value, transfer));
                continue;
            }

            foreach (var (arc, w) in weights.Where(w => w.Item2 > 0))
            {
                lines.Add(new BreakdownLine(new LedgerItem(LedgerItemKind.Exchange, arc), actor, ledger, category, res, value * w / total, transfer));
            }
        }

        return lines.ToImmutable();
    }

    /// <summary>
    /// A new plant's residues exist only because of what it takes in, so its disposal lines (the residue's route: gate
    /// fee, tax, emissions, landfill) go with its inputs: each exchange into it carries the share of the throughput it
    /// delivers, ratio_a (1 - loss_a) x_a / T_p, and the share bought from current sources stays on the plant's row.
    /// An existing plant's disposal changes with its own operation and stays on its row.
    /// </summary>
    private static void ShareNewPlantDisposal(Solution plan, List<(int Arc, double Delivered)> inputs, int process, BreakdownLine line, ImmutableArray<BreakdownLine>.Builder lines)
    {
        var throughput = plan.Values[plan.Model.Throughput[process]];
        var delivered = inputs.Sum(t => t.Delivered);
        if (throughput <= Tolerance || delivered <= Tolerance)
        {
            lines.Add(line);
            return;
        }

        var scale = Math.Max(throughput, delivered);
        foreach (var (arc, d) in inputs)
        {
            lines.Add(line with { Item = new LedgerItem(LedgerItemKind.Exchange, arc), Value = line.Value * d / scale });
        }

        var rest = line.Value * (1 - (delivered / scale));
        if (rest != 0)
        {
            lines.Add(line with { Value = rest });
        }
    }

    /// <summary>The exchanges into a plant with the input each delivers in the plan, found once per plant (a plant has several disposal lines).</summary>
    private static List<(int Arc, double Delivered)> PlantInputs(Solution plan, int process, Dictionary<int, List<(int Arc, double Delivered)>> cache)
    {
        if (!cache.TryGetValue(process, out var inputs))
        {
            var model = plan.Model;
            var p = model.Region.Processes[process];
            inputs = [.. model.Network.Sinks.Where(k => ReferenceEquals(k.Process, p))
                .SelectMany(k => model.ArcsIntoSink[k.Index])
                .Select(a => (Arc: a, Delivered: model.Network.Arcs[a].Delivered * Math.Max(0, plan.Flow(a))))
                .Where(t => t.Delivered > 0)];
            cache[process] = inputs;
        }

        return inputs;
    }

    /// <summary>The lines summed into money, CO2e, landfill and virgin mass (water and energy excluded).</summary>
    public static Contribution Sum(Region region, IEnumerable<BreakdownLine> lines)
    {
        double money = 0, co2 = 0, landfill = 0, virgin = 0;
        foreach (var l in lines)
        {
            switch (l.Kind)
            {
                case LedgerKind.Money:
                    money += l.Value;
                    break;
                case LedgerKind.Emissions:
                    co2 += l.Value;
                    break;
                case LedgerKind.Landfill:
                    landfill += l.Value;
                    break;
                case LedgerKind.Virgin when IsVirginMass(region, l.Resource):
                    virgin += l.Value;
                    break;
                default:
                    break;
            }
        }

        return new Contribution(money, co2, landfill, virgin);
    }

    /// <summary>Virgin material counted in t: mass resources other than water.</summary>
    public static bool IsVirginMass(Region region, string? resource) =>
        resource is not null && region.HasResource(resource) && region.Resource(resource) is var r &&
        r.FlowDimension == Dimension.MassD && r.Category != ResourceCategory.Water;
}
