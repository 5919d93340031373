using SymbiosisOptimizer.Optimization.Network;

namespace SymbiosisOptimizer.Optimization.Formulation;

/// <summary>Processes: conversions with yields and capacity, and water-using operations with contaminant loads.</summary>
/// <remarks>
/// Throughput T_p = sum_i (sum_{a in in(p,i)} ratio_a (1 - loss_a) x_a + v_{p,i})   (ProcessInput)
/// inflow_{p,i} &lt;= share_i T_p                                                  (MaxShare)
/// yield_o T_p = sum_{a in out(p,o)} x_a + d_{p,o}                                 (ProcessOutput; d = disposal)
/// T_p &lt;= Cap_p z_p, z_p binary for a new plant (annualised capex and fixed opex), z_p = 1 for an existing one (Capacity)
/// T_p &lt;= Cap_p (1 - c_p) for an existing closable plant, c_p binary (1 = closed), saving S_p per year booked as -S_p c_p;
/// c_p = 0 in the counterfactual (Capacity)
/// For a load of contaminant c: sum_a ratio_a (1 - loss_a) x_a C_a,c + sum_i v_{p,i} C_i,c + Load_c z_p &lt;= C_out,c yield T_p
/// (ContaminantBalance): inlet mass plus load at most the outlet limit times the outlet flow, for every contaminant at
/// once, so an operation with several contaminants takes the flow its binding one needs and the others leave below
/// their limits. Downstream receivers see the outlet at its limit (a conservative, linear model): exact for one
/// contaminant, where an optimal water network puts the outlet at its limit (Savelski and Bagajewicz), and for several
/// every reported network is feasible in reality. The actual outlet concentrations are reported from the solution.
/// </remarks>
public static class ProcessBuilder
{
    /// <summary>Big-M for a plant with no stated capacity that can buy inputs without limit; stated capacities are tighter.</summary>
    public const double UnboundedCapacity = 1e9;

    public static void Build(FormulationContext ctx)
    {
        var region = ctx.Region;
        var net = ctx.Network;
        for (var p = 0; p < region.Processes.Length; p++)
        {
            var process = region.Processes[p];
            var owner = process.ActorId;
            var allowed = process.Existing || (!ctx.Options.NoExchanges && ctx.Options.Allows(owner));
            var capBound = CandidateNetworkBuilder.ProcessCapacityBound(process, region);
            var t = ctx.Model.AddVariable($"Throughput[{process.Id}]", 0, allowed ? capBound : 0, 0);
            ctx.Throughput[p] = t;
            var item = new LedgerItem(LedgerItemKind.Process, p);
            ctx.Book(t, LedgerKind.Money, process.Opex.Value, owner, LedgerCategory.Processing, item);
            ctx.Book(t, LedgerKind.Emissions, process.Emissions.Value, owner, LedgerCategory.Processing, item);

            var plant = -1;
            var needsPlant = !process.Existing && (process.Capex.Value > 0 || process.FixedOpex.Value > 0 || !process.Loads.IsEmpty || ctx.PlantPinned(p));
            if (needsPlant)
            {
                plant = ctx.Model.AddBinary($"Plant[{process.Id}]", 0);
                ctx.Plant[p] = plant;
                if (!allowed)
                {
                    ctx.Model.Fix(plant, 0);
                }

                ctx.Book(plant, LedgerKind.Money, process.Capex.Value * ctx.Crf, owner, LedgerCategory.Investment, item);
                ctx.Book(plant, LedgerKind.Money, -process.Capex.Value * ctx.Crf * region.Policies.InvestmentSubsidy, owner, LedgerCategory.Investment, item, transfer: LedgerTransfer.InvestmentSubsidy);
                ctx.Book(plant, LedgerKind.Money, process.FixedOpex.Value, owner, LedgerCategory.FixedOpex, item);
                var m = double.IsPositiveInfinity(capBound) ? UnboundedCapacity : capBound;
                if (double.IsPositiveInfinity(capBound))
                {
                    ctx.BoundedOnlyByBigM.Add(t);
                }

                ctx.AddLessOrEqual(new RowKey(RowFamily.Capacity, p), $"Capacity[{process.Id}]", $"process '{process.Id}' runs only if built, up to its capacity", 0, [(t, 1.0), (plant, -m)]);
            }

            var closed = -1;
            if (process.Existing && process.Closable)
            {
                // Closing: c_p binary, T_p <= Cap_p (1 - c_p), saving booked on c_p; the counterfactual keeps it open.
                closed = ctx.Model.AddBinary($"Close[{process.Id}]", 0);
                ctx.Closed[p] = closed;
                if (ctx.Options.NoExchanges || !ctx.Options.Allows(owner))
                {
                    ctx.Model.Fix(closed, 0);
                }

                ctx.Book(closed, LedgerKind.Money, -process.ClosingSaving, owner, LedgerCategory.Closure, item);
                var m = double.IsPositiveInfinity(capBound) ? UnboundedCapacity : capBound;
                ctx.AddLessOrEqual(new RowKey(RowFamily.Capacity, p), $"Capacity[{process.Id}]", $"process '{process.Id}' runs only while open, up to its capacity", m, [(t, 1.0), (closed, m)]);
            }

            var inputTerms = new List<(int, double)> { (t, -1.0) };
            var sinks = net.Sinks.Where(s => ReferenceEquals(s.Process, process)).ToList();
            for (var i = 0; i < process.Inputs.Length; i++)
            {
                var input = process.Inputs[i];
                var sink = sinks.First(s => s.InputIndex == i);
                var inflow = ctx.ArcsIntoSink[sink.Index].Select(a => (ctx.ArcFlow[a], net.Arcs[a].Delivered)).ToList();
                if (input.Source is { } source)
                {
                    var v = ctx.Model.AddVariable($"ProcessPurchase[{process.Id}.{input.ResourceId}]", 0, double.PositiveInfinity, 0);
                    ctx.ProcessVirgin[p][i] = v;
                    ctx.Book(v, LedgerKind.Money, source.Price.Value, owner, LedgerCategory.Purchase, item);
                    ctx.Book(v, LedgerKind.Emissions, source.Emissions.Value, owner, LedgerCategory.Purchase, item);
                    ctx.Book(v, LedgerKind.Virgin, 1, owner, LedgerCategory.Purchase, item, input.ResourceId);
                    inflow.Add((v, 1.0));
                }

                inputTerms.AddRange(inflow);
                if (input.MaxShare is { } share)
                {
                    ctx.AddLessOrEqual(new RowKey(RowFamily.MaxShare, p, input.ResourceId), $"MaxShare[{process.Id}.{input.ResourceId}]",
                        $"{input.ResourceId} may be at most {share:P0} of the input of process '{process.Id}'", 0, inflow.Append((t, -share)));
                }
            }

            ctx.AddEquality(new RowKey(RowFamily.ProcessInput, p), $"ProcessInput[{process.Id}]", $"the throughput of process '{process.Id}' is the sum of its inputs", 0, inputTerms);

            var sources = net.Sources.Where(s => ReferenceEquals(s.Process, process)).ToList();
            for (var o = 0; o < process.Outputs.Length; o++)
            {
                var output = process.Outputs[o];
                var src = sources.First(s => s.OutputIndex == o);
                var terms = ctx.ArcsFromSource[src.Index].Select(a => (ctx.ArcFlow[a], 1.0)).ToList();
                if (output.Disposal is { } disposal)
                {
                    var resource = region.Resource(output.ResourceId);
                    var d = ctx.Model.AddVariable($"Disposal[{process.Id}.{output.ResourceId}]", 0, double.PositiveInfinity, 0);
                    ctx.Disposal[p][o] = d;
                    ctx.BookRouteMoney(d, 1, disposal, resource, owner, LedgerCategory.Disposal, item);
                    ctx.Book(d, LedgerKind.Emissions, disposal.Emissions.Value, owner, LedgerCategory.Disposal, item);
                    if (FormulationContext.IsLandfill(disposal, resource))
                    {
                        ctx.Book(d, LedgerKind.Landfill, 1, owner, LedgerCategory.Disposal, item);
                    }

                    terms.Add((d, 1.0));
                }

                terms.Add((t, -output.Yield));
                ctx.AddEquality(new RowKey(RowFamily.ProcessOutput, p, output.ResourceId), $"ProcessOutput[{process.Id}.{output.ResourceId}]",
                    $"every unit of {output.ResourceId} made by process '{process.Id}' must be used or disposed of", 0, terms);
            }

            foreach (var (property, load) in process.Loads.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                var output = process.Outputs[0];
                if (!output.Quality.TryGetValue(property, out var cout))
                {
                    continue;
                }

                var terms = new List<(int, double)> { (t, -cout.Value * output.Yield) };
                for (var i = 0; i < process.Inputs.Length; i++)
                {
                    var sink = sinks.First(s => s.InputIndex == i);
                    foreach (var a in ctx.ArcsIntoSink[sink.Index])
                    {
                        var arc = net.Arcs[a];
                        terms.Add((ctx.ArcFlow[a], arc.Delivered * QualityBuilder.ConcentrationOf(ctx, net.Sources[arc.Source], property)));
                    }

                    if (ctx.ProcessVirgin[p][i] >= 0 && process.Inputs[i].Source!.Quality.TryGetValue(property, out var cv))
                    {
                        terms.Add((ctx.ProcessVirgin[p][i], cv.Value));
                    }
                }

                var meaning = $"the {property} in the outlet of process '{process.Id}' (what comes in plus its load) stays at most its stated limit";
                if (plant >= 0)
                {
                    terms.Add((plant, load.Value));
                    ctx.AddLessOrEqual(new RowKey(RowFamily.ContaminantBalance, p, property), $"ContaminantBalance[{process.Id}.{property}]", meaning, 0, terms);
                }
                else if (closed >= 0)
                {
                    // The load is added only while the plant is open: load (1 - c_p).
                    terms.Add((closed, -load.Value));
                    ctx.AddLessOrEqual(new RowKey(RowFamily.ContaminantBalance, p, property), $"ContaminantBalance[{process.Id}.{property}]", meaning, -load.Value, terms);
                }
                else
                {
                    ctx.AddLessOrEqual(new RowKey(RowFamily.ContaminantBalance, p, property), $"ContaminantBalance[{process.Id}.{property}]", meaning, -load.Value, terms);
                }
            }
        }
    }
}
