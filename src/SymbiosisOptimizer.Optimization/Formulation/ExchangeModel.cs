using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization.Modeling;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Optimization.Formulation;

/// <summary>The constraint families of the exchange model; every row belongs to exactly one, with a domain key.</summary>
public enum RowFamily
{
    /// <summary>Index: supply. <see cref="SupplyBalanceBuilder"/>.</summary>
    SupplyBalance,

    /// <summary>Index: demand. <see cref="DemandBalanceBuilder"/>.</summary>
    DemandBalance,

    /// <summary>Index: process. <see cref="ProcessBuilder"/>.</summary>
    ProcessInput,

    /// <summary>Index: process, Detail: input resource.</summary>
    MaxShare,

    /// <summary>Index: process, Detail: output resource.</summary>
    ProcessOutput,

    /// <summary>Index: process.</summary>
    Capacity,

    /// <summary>Index: process, Detail: contaminant property.</summary>
    ContaminantBalance,

    /// <summary>Index: demand, Detail: property, Upper: a maximum (else a minimum). <see cref="QualityBuilder"/>.</summary>
    DemandQuality,

    /// <summary>Index: process, Detail: property, Upper: a maximum (else a minimum).</summary>
    ProcessQuality,

    /// <summary>Index: arc. <see cref="FixedChargeBuilder"/>.</summary>
    Switch,

    /// <summary>Index: arc.</summary>
    MinLot,

    /// <summary>Index: arc, Detail: permit. <see cref="PermitBuilder"/>.</summary>
    PermitRequired,

    /// <summary>Index: position in the region's procurement mandates, Detail: resource. <see cref="ProcurementBuilder"/>.</summary>
    ProcurementMandate,

    /// <summary>The epsilon constraint on total emissions (index 0). <see cref="ObjectiveBuilder"/>.</summary>
    EmissionCap,

    /// <summary>Index: arc, Detail: the pin's origin; the arc flows only if the pinned choice is made. <see cref="PinnedBuilder"/>.</summary>
    PinnedOn,

    /// <summary>Index: pin (region order); a made exchange choice carries at least its minimum.</summary>
    PinnedAtLeast,

    /// <summary>Index: pin; a required choice is made, a forbidden one is not.</summary>
    PinnedDecision,

    /// <summary>Index: group (region order), Detail: the member's origin; every member equals the first.</summary>
    AllOrNothing,
}

/// <summary>A row's family and domain key: what the row is about, without reading its name.</summary>
/// <param name="Index">The supply, demand, process, arc or mandate the row belongs to (see <see cref="RowFamily"/>).</param>
/// <param name="Detail">A property or resource id where the family needs one.</param>
/// <param name="Upper">For quality rows: a maximum (true) or a minimum (false).</param>
public readonly record struct RowKey(RowFamily Family, int Index, string? Detail = null, bool Upper = false)
{
    public bool IsQuality => Family is RowFamily.DemandQuality or RowFamily.ProcessQuality;
}

/// <summary>
/// The exchange model as the formulation leaves it: the MILP, where each domain item's columns are, each row's family
/// and key, the connection switches and the ledger. Immutable: solvers copy <see cref="Model"/> before changing it, and
/// everything downstream (KPIs, audits, shadow prices, coalition values, barriers) reads this instead of rebuilding.
/// </summary>
public sealed class ExchangeModel
{
    /// <summary>
    /// Never written after the constructor, so concurrent readers are safe. A plain dictionary, not a frozen one: freezing
    /// 250 000 keys at 5 000 actors took about 0.2 s of every model build (8 % of profile-model's samples), for lookups
    /// that only explanations and coalition re-solves make.
    /// </summary>
    private readonly Dictionary<RowKey, int> rowOf;

    private ExchangeModel(FormulationContext ctx)
    {
        Region = ctx.Region;
        Network = ctx.Network;
        Options = ctx.Options;
        Model = ctx.Model;
        Ledger = [.. ctx.Ledger];
        Crf = ctx.Crf;
        Co2Price = ctx.Co2Price;
        ArcFlow = [.. ctx.ArcFlow];
        ArcSwitch = [.. ctx.ArcSwitch];
        Route = [.. ctx.Route];
        Virgin = [.. ctx.Virgin];
        Throughput = [.. ctx.Throughput];
        Plant = [.. ctx.Plant];
        Closed = [.. ctx.Closed];
        Pins = ctx.Pins;
        PinOn = [.. ctx.PinOn];
        ProcessVirgin = [.. ctx.ProcessVirgin.Select(a => a.ToImmutableArray())];
        Disposal = [.. ctx.Disposal.Select(a => a.ToImmutableArray())];
        ArcsIntoSink = [.. ctx.ArcsIntoSink.Select(a => a.ToImmutableArray())];
        ArcsFromSource = [.. ctx.ArcsFromSource.Select(a => a.ToImmutableArray())];
        PermitTaken = ctx.PermitTaken.ToImmutableSortedDictionary(PermitKeyComparer.Instance);
        MandateShortfall = ctx.MandateShortfall.ToImmutableSortedDictionary(StringComparer.Ordinal);
        BoundedOnlyByBigM = [.. ctx.BoundedOnlyByBigM];
        RowKeys = [.. ctx.RowKeys];
        if (RowKeys.Length != Model.Rows.Count)
        {
            throw new InvalidOperationException($"every row needs a key: {Model.Rows.Count} rows, {RowKeys.Length} keys");
        }

        rowOf = new Dictionary<RowKey, int>(RowKeys.Length);
        for (var i = 0; i < RowKeys.Length; i++)
        {
            // A key given twice maps to its last row, as the frozen dictionary built from the same sequence did.
            rowOf[RowKeys[i]] = i;
        }
        var arcOf = new int[Model.Variables.Count];
        Array.Fill(arcOf, -1);
        for (var a = 0; a < ArcFlow.Length; a++)
        {
            if (ArcFlow[a] >= 0)
            {
                arcOf[ArcFlow[a]] = a;
            }
        }

        ArcOfColumn = [.. arcOf];
    }

    public static ExchangeModel Freeze(FormulationContext ctx) => new(ctx);

    public Region Region { get; }

    public CandidateNetwork Network { get; }

    public FormulationOptions Options { get; }

    /// <summary>The MILP. Treat as read-only: copy it (<see cref="MipModel.Copy"/>) before fixing or relaxing anything.</summary>
    public MipModel Model { get; }

    public ImmutableArray<LedgerEntry> Ledger { get; }

    public double Crf { get; }

    public double Co2Price { get; }

    /// <summary>Flow column per arc (network index), -1 where the arc is not in this model.</summary>
    public ImmutableArray<int> ArcFlow { get; }

    /// <summary>Connection binary per arc, -1 where none.</summary>
    public ImmutableArray<int> ArcSwitch { get; }

    /// <summary>Current-route column per supply (region index).</summary>
    public ImmutableArray<int> Route { get; }

    /// <summary>Current-source purchase column per demand (region index).</summary>
    public ImmutableArray<int> Virgin { get; }

    /// <summary>Throughput column per process (region index).</summary>
    public ImmutableArray<int> Throughput { get; }

    /// <summary>Build binary per process, -1 for existing plants and plants that need no decision.</summary>
    public ImmutableArray<int> Plant { get; }

    /// <summary>Closing binary per process, -1 unless the process is an existing closable plant (1 = closed in the plan).</summary>
    public ImmutableArray<int> Closed { get; }

    /// <summary>The region's pinned choices matched to the network, in the region's order.</summary>
    public ImmutableArray<ResolvedPin> Pins { get; }

    /// <summary>Yes/no column of a pinned exchange choice (1 = made), per pin; -1 where the pin needs none.</summary>
    public ImmutableArray<int> PinOn { get; }

    /// <summary>Purchase column per process input, -1 where the input has no current source.</summary>
    public ImmutableArray<ImmutableArray<int>> ProcessVirgin { get; }

    /// <summary>Disposal column per process output, -1 where the output has no disposal route.</summary>
    public ImmutableArray<ImmutableArray<int>> Disposal { get; }

    public ImmutableArray<ImmutableArray<int>> ArcsIntoSink { get; }

    public ImmutableArray<ImmutableArray<int>> ArcsFromSource { get; }

    /// <summary>Permit binary per (permit, receiving actor).</summary>
    public ImmutableSortedDictionary<(string Permit, string Receiver), int> PermitTaken { get; }

    /// <summary>Mandate-shortfall column per mandated resource.</summary>
    public ImmutableSortedDictionary<string, int> MandateShortfall { get; }

    /// <summary>Arc (network index) per column, -1 for columns that are not flows.</summary>
    public ImmutableArray<int> ArcOfColumn { get; }

    /// <summary>Each row's family and key, in row order.</summary>
    public ImmutableArray<RowKey> RowKeys { get; }

    /// <summary>Candidate exchanges the presolve fixed at zero because they can never lower the objective.</summary>
    public int ScreenedArcs { get; private set; }

    /// <summary>New plants the presolve fixed unbuilt because they can never pay for themselves.</summary>
    public int ScreenedPlants { get; private set; }

    /// <summary>Records what <see cref="ScreeningBuilder"/> fixed; only the formulation calls it, before the model is handed out.</summary>
    internal ExchangeModel WithScreening(int arcs, int plants)
    {
        ScreenedArcs = arcs;
        ScreenedPlants = plants;
        return this;
    }

    /// <summary>Throughputs whose only upper limit is the artificial big-M; a solution at that limit means unbounded.</summary>
    public ImmutableArray<int> BoundedOnlyByBigM { get; }

    /// <summary>The row with this key, or -1.</summary>
    public int RowOf(RowKey key) => rowOf.TryGetValue(key, out var r) ? r : -1;

    /// <summary>Rows of one family with their keys, in row order.</summary>
    public IEnumerable<(int Row, RowKey Key)> RowsOf(RowFamily family) =>
        RowKeys.Select((k, i) => (i, k)).Where(t => t.k.Family == family);

    public double RouteMoney(CurrentRoute route, Resource resource) => RegionCosts.RouteMoney(Region, route, resource);

    public double ActiveShare(string? permitId) => RegionCosts.ActiveShare(Region, permitId);

    /// <summary>
    /// The solved objective without the mandate-shortfall penalty: the penalty only steers the solve and is no cost
    /// anyone pays, so every value derived from an objective (KPIs, coalition values) starts from this.
    /// </summary>
    public double ObjectiveWithoutPenalties(IReadOnlyList<double> values, double objective) =>
        objective - (MandateShortfall.Values.Sum(c => values[c]) * ProcurementBuilder.ShortfallPenalty);

    /// <summary>A plain-language name of a row for people: what it is about, by display names.</summary>
    public string Describe(RowKey key)
    {
        var region = Region;
        string Arc(int a)
        {
            var arc = Network.Arcs[a];
            var src = Network.Sources[arc.Source];
            var sink = Network.Sinks[arc.Sink];
            return $"{Name(src.ActorId)} -> {Name(sink.ActorId)} ({region.ResourceName(src.ResourceId)})";
        }

        string Name(string actor) => region.ActorName(actor);
        string Prop(string? id) => id ?? string.Empty;
        return key.Family switch
        {
            RowFamily.SupplyBalance => $"supply of {region.ResourceName(region.Supplies[key.Index].ResourceId)} from {Name(region.Supplies[key.Index].ActorId)}",
            RowFamily.DemandBalance => $"need for {region.ResourceName(region.Demands[key.Index].ResourceId)} at {Name(region.Demands[key.Index].ActorId)}",
            RowFamily.DemandQuality => $"{Prop(key.Detail)} {(key.Upper ? "maximum" : "minimum")} for {region.ResourceName(region.Demands[key.Index].ResourceId)} at {Name(region.Demands[key.Index].ActorId)}",
            RowFamily.ProcessQuality => $"{Prop(key.Detail)} {(key.Upper ? "maximum" : "minimum")} at the inlet of {region.Processes[key.Index].Name}",
            RowFamily.Capacity => $"capacity of {region.Processes[key.Index].Name}",
            RowFamily.ProcessInput or RowFamily.ProcessOutput or RowFamily.MaxShare or RowFamily.ContaminantBalance =>
                $"{region.Processes[key.Index].Name}{(key.Detail is null ? string.Empty : $" ({key.Detail})")}",
            RowFamily.Switch or RowFamily.MinLot or RowFamily.PermitRequired => Arc(key.Index),
            RowFamily.ProcurementMandate => $"procurement mandate for {region.ResourceName(key.Detail ?? string.Empty)}",
            RowFamily.EmissionCap => "total emissions",
            RowFamily.PinnedOn => $"{Arc(key.Index)}, pinned at {key.Detail}",
            RowFamily.PinnedAtLeast or RowFamily.PinnedDecision =>
                $"the {region.Pins[key.Index].Decision.ToString().ToLowerInvariant()} {Reachability.Describe(region, region.Pins[key.Index])} ({region.Pins[key.Index].Origin})",
            RowFamily.AllOrNothing => $"all-or-nothing group '{region.Groups[key.Index].Id}' ({key.Detail})",
            _ => key.Family.ToString(),
        };
    }

    /// <summary>A plain-language name of a column for people: the exchange, route, purchase or plant it belongs to.</summary>
    public string DescribeColumn(int column)
    {
        var region = Region;
        if (ArcOfColumn[column] is var a and >= 0)
        {
            var arc = Network.Arcs[a];
            return $"the exchange {region.ActorName(Network.Sources[arc.Source].ActorId)} -> {region.ActorName(Network.Sinks[arc.Sink].ActorId)} ({region.ResourceName(Network.Sources[arc.Source].ResourceId)})";
        }

        if (Route.IndexOf(column) is var s and >= 0)
        {
            return $"the current route of {region.ResourceName(region.Supplies[s].ResourceId)} from {region.ActorName(region.Supplies[s].ActorId)}";
        }

        if (Virgin.IndexOf(column) is var d and >= 0)
        {
            return $"the purchase of {region.ResourceName(region.Demands[d].ResourceId)} by {region.ActorName(region.Demands[d].ActorId)}";
        }

        for (var p = 0; p < region.Processes.Length; p++)
        {
            if (Throughput[p] == column || Plant[p] == column || Closed[p] == column || ProcessVirgin[p].Contains(column) || Disposal[p].Contains(column))
            {
                return $"process '{region.Processes[p].Name}'";
            }
        }

        return Model.Variables[column].Name;
    }

    public sealed class PermitKeyComparer : IComparer<(string Permit, string Receiver)>
    {
        public static readonly PermitKeyComparer Instance = new();

        public int Compare((string Permit, string Receiver) x, (string Permit, string Receiver) y)
        {
            var c = string.CompareOrdinal(x.Permit, y.Permit);
            return c != 0 ? c : string.CompareOrdinal(x.Receiver, y.Receiver);
        }
    }
}

/// <summary>A solve of one exchange model: the model and the outcome together, so values are read by domain key.</summary>
public sealed record Solution(ExchangeModel Model, SolveOutcome Outcome)
{
    public bool HasSolution => Outcome.HasSolution;

    public ImmutableArray<double> Values => Outcome.Values;

    /// <summary>The objective without penalties that steer the solve (see <see cref="ExchangeModel.ObjectiveWithoutPenalties"/>).</summary>
    public double Objective => Model.ObjectiveWithoutPenalties(Outcome.Values, Outcome.Objective);

    /// <summary>A ledger total at this solution: sum of coefficient x value over the entries of a kind (optionally filtered).</summary>
    public double Ledger(LedgerKind kind, Func<LedgerEntry, bool>? filter = null)
    {
        var x = Outcome.Values;
        var total = 0.0;
        foreach (var e in Model.Ledger)
        {
            if (e.Kind == kind && (filter is null || filter(e)))
            {
                total += e.Coefficient * x[e.Column];
            }
        }

        return total;
    }

    /// <summary>The flow on an arc (network index); 0 when the arc is not in the model.</summary>
    public double Flow(int arc) => Model.ArcFlow[arc] is var c and >= 0 ? Outcome.Values[c] : 0;

    /// <summary>Whether a binary column is set (rounded), false for -1.</summary>
    public bool IsOn(int column) => column >= 0 && Outcome.Values[column] > 0.5;

    /// <summary>The dual of a row by key, when the solve computed duals and the row exists.</summary>
    public double? Dual(RowKey key) =>
        Outcome.Duals.IsDefault || Model.RowOf(key) is var r && r < 0 ? null : Outcome.Duals[r];

    /// <summary>Duals of one family by key, in row order; empty without duals.</summary>
    public IEnumerable<(RowKey Key, double Dual)> Duals(RowFamily family) =>
        Outcome.Duals.IsDefault ? [] : Model.RowsOf(family).Select(t => (t.Key, Outcome.Duals[t.Row]));
}
