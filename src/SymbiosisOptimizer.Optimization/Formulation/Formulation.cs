using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization.Modeling;
using SymbiosisOptimizer.Optimization.Network;

namespace SymbiosisOptimizer.Optimization.Formulation;

/// <summary>What a ledger entry measures; the objective weighs each kind, the reports sum them.</summary>
public enum LedgerKind
{
    /// <summary>Money per year in the region's currency (a cost when positive).</summary>
    Money,

    /// <summary>t CO2e per year.</summary>
    Emissions,

    /// <summary>t per year sent to landfill.</summary>
    Landfill,

    /// <summary>Units per year of virgin (primary) purchase, in each resource's unit.</summary>
    Virgin,
}

/// <summary>Why a ledger entry costs or emits: the cause a report shows (the breakdown of CO2e by cause reads it).</summary>
public enum LedgerCategory
{
    /// <summary>A by-product's current route: gate fee plus landfill or incineration tax, its emissions, its landfill.</summary>
    Disposal,

    /// <summary>Buying from the current (virgin) source.</summary>
    Purchase,

    /// <summary>Moving an exchange's flow.</summary>
    Transport,

    /// <summary>The years an exchange waits for its permit, during which its quantity follows today's routes.</summary>
    PermitDelay,

    /// <summary>A connection's fixed annual cost (contract, handling).</summary>
    Connection,

    /// <summary>Annualised capex of a connection or plant (after subsidy).</summary>
    Investment,

    /// <summary>A permit's one-off cost, annualised.</summary>
    Permit,

    /// <summary>A process's operating cost and emissions per unit of throughput.</summary>
    Processing,

    /// <summary>A built plant's fixed operating cost per year.</summary>
    FixedOpex,

    /// <summary>What closing an existing plant saves per year (booked as a negative cost on its closing binary).</summary>
    Closure,
}

/// <summary>What a ledger entry belongs to in the model, by domain index, so breakdowns never parse a name.</summary>
public enum LedgerItemKind
{
    /// <summary>A candidate exchange (flow and connection columns), by arc index.</summary>
    Exchange,

    /// <summary>The part of a supply left on its current route, by supply index.</summary>
    SupplyRoute,

    /// <summary>What a demand still buys from its current source, by demand index.</summary>
    Purchase,

    /// <summary>A process (throughput, plant, its purchases and disposals), by process index.</summary>
    Process,

    /// <summary>A permit taken by one receiver, by permit index (the entry's actor is the receiver).</summary>
    Permit,
}

public readonly record struct LedgerItem(LedgerItemKind Kind, int Index);

/// <summary>
/// Money that moves between the actors and the public budget rather than being used up: taxes the actors pay and
/// subsidies they receive. The society account nets these out; the public budget's account is made of them.
/// </summary>
public enum LedgerTransfer
{
    /// <summary>A real resource cost or saving (gate fees, purchases, transport, capex, opex).</summary>
    None,

    /// <summary>Landfill tax (state, Lag (1999:673) om skatt på avfall).</summary>
    LandfillTax,

    /// <summary>Waste incineration tax (state).</summary>
    IncinerationTax,

    /// <summary>Investment subsidy on plant or pipeline capex (state), booked as a negative cost.</summary>
    InvestmentSubsidy,
}

/// <summary>One accounting term: coefficient x column, owned by an actor, for an item, with a cause.</summary>
/// <param name="Resource">The resource of a <see cref="LedgerKind.Virgin"/> entry (the unit its quantity is in); null otherwise.</param>
/// <param name="Transfer">Whether the money is a tax or subsidy (a transfer to or from the public budget).</param>
public sealed record LedgerEntry(int Column, LedgerKind Kind, double Coefficient, string ActorId, LedgerCategory Category, LedgerItem Item, string? Resource = null, LedgerTransfer Transfer = LedgerTransfer.None);

/// <summary>
/// Options that change what a formulation allows, as small values rather than flags on the builders.
/// </summary>
/// <param name="NoExchanges">Build the counterfactual: no exchanges, no new plants (what every actor does today).</param>
/// <param name="Coalition">When set, only actors in it may exchange or build (coalition values for benefit sharing).</param>
/// <param name="Co2Price">Overrides the scenario's CO2 valuation (money per t CO2e) in the objective.</param>
/// <param name="MaxEmissions">Epsilon constraint: total emissions at most this (t CO2e/yr).</param>
/// <param name="EmissionsOnly">Minimise emissions, with money as a small tie-breaker (for the Pareto front's end point).</param>
/// <param name="IncludeMandates">Procurement mandates as constraints (off in the counterfactual: today nobody complies).</param>
/// <param name="Screen">Fix exchanges and plants that provably never help at zero before the solve (<see cref="ScreeningBuilder"/>).</param>
public sealed record FormulationOptions(
    bool NoExchanges = false,
    ImmutableHashSet<string>? Coalition = null,
    double? Co2Price = null,
    double? MaxEmissions = null,
    bool EmissionsOnly = false,
    bool IncludeMandates = true,
    bool Screen = true)
{
    public bool Allows(string actorId) => Coalition is null || Coalition.Contains(actorId);

    /// <summary>
    /// The counterfactual every KPI is measured against: no exchanges, no new plants and no procurement mandates
    /// (today nobody complies), optionally at another CO2 valuation.
    /// </summary>
    public static FormulationOptions Counterfactual(double? co2Price = null) => new(NoExchanges: true, Co2Price: co2Price, IncludeMandates: false);
}

/// <summary>
/// The builders' scratch space while a formulation is written; <see cref="ExchangeFormulation.Build"/> freezes it into
/// an immutable <see cref="ExchangeModel"/>, which is all that leaves the formulation.
/// </summary>
public sealed class FormulationContext
{
    public FormulationContext(Region region, CandidateNetwork network, FormulationOptions options)
    {
        Region = region;
        Network = network;
        Options = options;
        ArcFlow = Enumerable.Repeat(-1, network.Arcs.Length).ToArray();
        ArcSwitch = Enumerable.Repeat(-1, network.Arcs.Length).ToArray();
        Route = new int[region.Supplies.Length];
        Virgin = new int[region.Demands.Length];
        Throughput = Enumerable.Repeat(-1, region.Processes.Length).ToArray();
        Plant = Enumerable.Repeat(-1, region.Processes.Length).ToArray();
        Closed = Enumerable.Repeat(-1, region.Processes.Length).ToArray();
        Pins = PinResolution.Resolve(region, network);
        PinOn = Enumerable.Repeat(-1, Pins.Length).ToArray();
        ProcessVirgin = region.Processes.Select(p => Enumerable.Repeat(-1, p.Inputs.Length).ToArray()).ToArray();
        Disposal = region.Processes.Select(p => Enumerable.Repeat(-1, p.Outputs.Length).ToArray()).ToArray();
        ArcsIntoSink = new List<int>[network.Sinks.Length];
        ArcsFromSource = new List<int>[network.Sources.Length];
        for (var i = 0; i < ArcsIntoSink.Length; i++)
        {
            ArcsIntoSink[i] = [];
        }

        for (var i = 0; i < ArcsFromSource.Length; i++)
        {
            ArcsFromSource[i] = [];
        }

        var crf = region.Economics.CapitalRecoveryFactor;
        Crf = crf;
        Co2Price = options.Co2Price ?? region.Policies.Co2Price.Value;
    }

    public Region Region { get; }

    public CandidateNetwork Network { get; }

    public FormulationOptions Options { get; }

    public MipModel Model { get; } = new();

    public List<LedgerEntry> Ledger { get; } = [];

    public double Crf { get; }

    public double Co2Price { get; }

    public int[] ArcFlow { get; }

    public int[] ArcSwitch { get; }

    public int[] Route { get; }

    public int[] Virgin { get; }

    public int[] Throughput { get; }

    public int[] Plant { get; }

    /// <summary>Closing binary per process (existing closable plants only), else -1.</summary>
    public int[] Closed { get; }

    public ImmutableArray<ResolvedPin> Pins { get; }

    public int[] PinOn { get; }

    /// <summary>Whether a process is named by a pin that needs a yes/no column (so a new plant gets a build binary).</summary>
    public bool PlantPinned(int process) => Pins.Any(p => p.Process == process && p.Choice.NeedsSwitch);

    public int[][] ProcessVirgin { get; }

    public int[][] Disposal { get; }

    public List<int>[] ArcsIntoSink { get; }

    public List<int>[] ArcsFromSource { get; }

    public Dictionary<(string Permit, string Receiver), int> PermitTaken { get; } = [];

    public Dictionary<string, int> MandateShortfall { get; } = new(StringComparer.Ordinal);

    /// <summary>Throughputs whose only upper limit is the artificial big-M; a solution at that limit means unbounded.</summary>
    public List<int> BoundedOnlyByBigM { get; } = [];

    public void Book(int column, LedgerKind kind, double coefficient, string actorId, LedgerCategory category, LedgerItem item, string? resource = null, LedgerTransfer transfer = LedgerTransfer.None)
    {
        if (coefficient != 0)
        {
            Ledger.Add(new LedgerEntry(column, kind, coefficient, actorId, category, item, resource, transfer));
        }
    }

    /// <summary>
    /// Books the money of a current route per unit (times <paramref name="share"/>): the gate fee as a resource cost and
    /// the landfill or incineration tax, when there is one, as a transfer to the state.
    /// </summary>
    public void BookRouteMoney(int column, double share, CurrentRoute route, Resource resource, string actorId, LedgerCategory category, LedgerItem item)
    {
        Book(column, LedgerKind.Money, share * route.Cost.Value, actorId, category, item);
        var (transfer, rate) = RegionCosts.RouteTax(Region, route, resource);
        Book(column, LedgerKind.Money, share * rate, actorId, category, item, transfer: transfer);
    }

    /// <summary>Adds a row of a family with its domain key; the name is for people and MPS files, never parsed.</summary>
    public int AddRow(RowKey key, string name, string meaning, double lower, double upper, IEnumerable<(int Column, double Coef)> terms)
    {
        var row = Model.AddRow(name, meaning, lower, upper, terms);
        RowKeys.Add(key);
        return row;
    }

    public int AddEquality(RowKey key, string name, string meaning, double rhs, IEnumerable<(int, double)> terms) => AddRow(key, name, meaning, rhs, rhs, terms);

    public int AddLessOrEqual(RowKey key, string name, string meaning, double rhs, IEnumerable<(int, double)> terms) => AddRow(key, name, meaning, double.NegativeInfinity, rhs, terms);

    public int AddGreaterOrEqual(RowKey key, string name, string meaning, double rhs, IEnumerable<(int, double)> terms) => AddRow(key, name, meaning, rhs, double.PositiveInfinity, terms);

    /// <summary>The rows' keys, one per row of <see cref="Model"/> in order.</summary>
    public List<RowKey> RowKeys { get; } = [];

    /// <summary>The deterministic label of an arc in column and row names: [source-&gt;sink@mode].</summary>
    public string ArcLabel(CandidateArc arc) => $"[{Network.Sources[arc.Source].Id}->{Network.Sinks[arc.Sink].Id}@{arc.ModeId}]";

    public double RouteMoney(CurrentRoute route, Resource resource) => RegionCosts.RouteMoney(Region, route, resource);

    public static bool IsLandfill(CurrentRoute route, Resource resource) => RegionCosts.IsLandfill(route, resource);

    public double ActiveShare(string? permitId) => RegionCosts.ActiveShare(Region, permitId);
}

/// <summary>Unit costs and shares the builders and the result assembly both read, so they cannot disagree.</summary>
public static class RegionCosts
{
    /// <summary>Money per unit of a current route: gate fee plus the landfill or incineration tax (mass resources only).</summary>
    public static double RouteMoney(Region region, CurrentRoute route, Resource resource) => route.Cost.Value + RouteTax(region, route, resource).Rate;

    /// <summary>The tax a current route pays per unit: landfill or incineration tax on mass resources, else none.</summary>
    public static (LedgerTransfer Transfer, double Rate) RouteTax(Region region, CurrentRoute route, Resource resource) =>
        resource.FlowDimension != Domain.Quantities.Dimension.MassD ? (LedgerTransfer.None, 0)
        : route.Kind switch
        {
            RouteKind.Landfill => (LedgerTransfer.LandfillTax, region.Policies.LandfillTax.Value),
            RouteKind.Incineration => (LedgerTransfer.IncinerationTax, region.Policies.IncinerationTax.Value),
            _ => (LedgerTransfer.None, 0),
        };

    public static bool IsLandfill(CurrentRoute route, Resource resource) =>
        route.Kind == RouteKind.Landfill && resource.FlowDimension == Domain.Quantities.Dimension.MassD;

    /// <summary>Share of the horizon during which an exchange that needs this permit actually flows.</summary>
    public static double ActiveShare(Region region, string? permitId)
    {
        if (permitId is null)
        {
            return 1;
        }

        var permit = region.Permits.First(p => p.Id == permitId);
        var h = region.Economics.HorizonYears;
        return Math.Clamp((h - permit.LeadTime.Value) / h, 0, 1);
    }
}
