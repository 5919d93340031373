using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Serialization;
using SymbiosisOptimizer.Assessment.Accounts;
using SymbiosisOptimizer.Assessment.BusinessCase;
using SymbiosisOptimizer.Assessment.Impacts;
using SymbiosisOptimizer.Assessment.Rejected;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Reports.Localization;

namespace SymbiosisOptimizer.Reports.Documents;

/// <summary>
/// The document of `symbiosis run` (results.json, schema in docs/results-schema.md): every figure of the run, built
/// once from the result. The workbook, charts, HTML report, GeoJSON and the console render it and compute nothing.
/// </summary>
/// <param name="Exchanges">Chosen exchanges, largest annual benefit first (the order of every view).</param>
/// <param name="Plants">Every process with what it changes itself; with <paramref name="Permits"/> and
/// <paramref name="Unattributed"/> the rows no exchange carries, so exchanges + plants + permits + unattributed = KPIs.</param>
public sealed record RunDocument(
    int SchemaVersion,
    string Tool,
    string Region,
    string Source,
    string Scenario,
    ImmutableArray<string> Overrides,
    [property: JsonConverter(typeof(KebabCaseEnumConverter<ResultStatus>))] ResultStatus Status,
    string StatusText,
    string Currency,
    SolverSummary Solver,
    SolverSummary Counterfactual,
    KpiBlock? Kpis,
    AccountsBlock? Accounts,
    ImmutableArray<string> Findings,
    Valuation Valuation,
    NetworkSummary Network,
    ImmutableArray<ExchangeRow> Exchanges,
    ImmutableArray<PlantRow> Plants,
    ImmutableArray<PermitRow> Permits,
    ContributionRow Unattributed,
    ImmutableArray<ActorRow> Actors,
    ImmutableArray<GroupRow> Municipalities,
    BusinessCaseBlock? BusinessCases,
    ImpactBlock? Impacts,
    ImmutableArray<string> Explanation,
    ImmutableArray<ParetoRow> Pareto,
    NotChosenBlock? NotChosen,
    RunMetadata Metadata)
{
    public const int Version = 2;

    /// <summary>Every pinned choice of the scenario (required, forbidden, all-or-nothing) and whether the plan makes it.</summary>
    public ImmutableArray<PinnedRow> Pinned { get; init; } = [];

    /// <summary>Found before solving: supplies and demands no candidate can reach, and pinned choices that cannot be met.</summary>
    public PreSolveBlock PreSolve { get; init; } = new([], []);

    /// <summary>The label of the facilitator's full reports: they show every actor's figures.</summary>
    public const string ConfidentialLabel = "CONFIDENTIAL: facilitator's report with every actor's private figures (prices, costs, business cases, shares). Do not hand it to the companies; give each its own company report (symbiosis report --company).";

    /// <summary>Stated first in results.json, report.xlsx and report.html (see <see cref="ConfidentialLabel"/>).</summary>
    public string Confidentiality { get; init; } = ConfidentialLabel;

    [JsonIgnore]
    public bool HasSolution => Kpis is not null;

    /// <summary>The scenario in words: 'base', or 'name' (override, override).</summary>
    [JsonIgnore]
    public string ScenarioText => Overrides.IsEmpty ? $"'{Scenario}'" : $"'{Scenario}' ({string.Join(", ", Overrides)})";
}

/// <summary>What one row changes against today, per year: money, CO2e, landfill, virgin material.</summary>
public sealed record ContributionRow(Amount NetBenefit, Amount Co2Avoided, Amount LandfillAvoided, Amount VirginMaterialAvoided)
{
    public static ContributionRow Of(Contribution c, string currency) => new(
        Amount.Of(c.Money, $"{currency}/yr"), Amount.Of(c.Co2, "t CO2e/yr"), Amount.Of(c.Landfill, "t/yr"), Amount.Of(c.VirginMass, "t/yr"));
}

/// <summary>The firms' account: every actor but the municipalities, after taxes, fees and subsidies.</summary>
public sealed record FirmsAccountRow(double Value, string Unit);

/// <summary>The public budget's account: state (taxes gained or lost, subsidies paid) and municipalities (their own money).</summary>
/// <param name="ProcurementPremium">Memo: of the municipal figure, what public buyers pay more for mandated needs.</param>
public sealed record PublicBudgetRow(double Value, string Unit, Amount State, Amount LandfillTax, Amount IncinerationTax, Amount Subsidies, Amount Municipalities, Amount ProcurementPremium);

/// <summary>Priced externalities: CO2e avoided at the stated social value of CO2.</summary>
public sealed record ExternalitiesRow(double Value, string Unit, Amount Co2Avoided, Amount SocialCo2Value, string Source);

/// <summary>Society: real resource savings (transfers netted out) plus the priced externalities.</summary>
public sealed record SocietyRow(double Value, string Unit, Amount ResourceSavings, Amount Externalities);

/// <summary>The three accounts side by side; society = firms + public budget + externalities.</summary>
/// <param name="Convention">The convention in words (transfers, the social value of CO2, the discount rate), as every report states it.</param>
public sealed record AccountsBlock(string Convention, FirmsAccountRow Firms, PublicBudgetRow PublicBudget, ExternalitiesRow Externalities, SocietyRow Society);

public sealed record Valuation(Amount Co2Price, Amount LandfillTax, Amount IncinerationTax, Amount LandfillValue, Amount InvestmentSubsidy, double DiscountRate, double HorizonYears, double Circuity, ImmutableArray<string> EndOfWaste);

public sealed record PrunedRow(string Reason, int Count, string? Example);

public sealed record NetworkSummary(int Sources, int Sinks, int PairsConsidered, int Candidates, ImmutableArray<PrunedRow> Pruned);

public sealed record Co2Causes(double AvoidedDisposal, double AvoidedVirginProduction, double AddedTransport, double PermitDelay, string Unit);

/// <summary>A chosen exchange with display names beside every id.</summary>
/// <param name="Key">source-&gt;sink@mode, stable between runs.</param>
/// <param name="Description">The exchange in words, as every view shows it.</param>
public sealed record ExchangeRow(
    string Key,
    string From,
    string FromName,
    string To,
    string ToName,
    string Source,
    string Sink,
    string Resource,
    string ResourceName,
    Amount Quantity,
    double DistanceKm,
    string? Mode,
    string ModeName,
    string? Process,
    string? ProcessName,
    string? Permit,
    string? PermitName,
    Amount AnnualBenefit,
    Amount Co2Avoided,
    Amount LandfillAvoided,
    Amount VirginMaterialAvoided,
    Co2Causes Co2,
    Amount Investment,
    double LeadTimeYears,
    GeoLine? Line,
    string Description);

/// <summary>Longitude/latitude of both ends (WGS 84), for maps.</summary>
public sealed record GeoLine(double FromLon, double FromLat, double ToLon, double ToLat);

/// <param name="Outlet">For a process with contaminant loads: each contaminant's outlet limit and actual concentration.</param>
/// <param name="Closable">An existing plant the plan may close; <paramref name="Closed"/> when it does, with the
/// <paramref name="ClosingSaving"/> it books (part of <paramref name="NetBenefit"/>).</param>
public sealed record PlantRow(string Id, string Name, string Actor, string ActorName, bool Existing, bool Built, Amount Throughput, Amount NetBenefit, Amount Co2Avoided, Amount LandfillAvoided, Amount VirginMaterialAvoided, ImmutableArray<OutletRow> Outlet,
    bool Closable = false, bool Closed = false, Amount? ClosingSaving = null);

/// <summary>A pinned choice: what it names, its decision, its group, and what the plan does with it.</summary>
/// <param name="Kind">"exchange" or "plant".</param>
/// <param name="Origin">Where the scenario declares it (decisions[#1], links[#2], groups[g].members[#1]).</param>
/// <param name="Decision">"required", "optional" or "forbidden".</param>
/// <param name="Made">Whether the plan makes it (an exchange flows, a plant is built or kept open); null without a plan.</param>
/// <param name="Quantity">For an exchange: what the plan sends over its candidates, per year (null without a plan).</param>
/// <param name="Candidates">How many candidate exchanges it names (0 for a plant).</param>
public sealed record PinnedRow(string Kind, string Origin, string Decision, string? Group, string Target, string Text, bool? Made, Amount? Quantity, int Candidates);

/// <param name="Reasons">Kebab words: no-counterpart, no-mode, distance, quality, permit, forbidden, no-source, no-receiver.</param>
public sealed record UnreachableRow(string Kind, string Id, string Actor, string ActorName, string Resource, ImmutableArray<string> Reasons, string Text);

/// <param name="StopsRun">A required choice that cannot be met stops `symbiosis run`; a group member that cannot be made turns its group off.</param>
public sealed record UnmetRow(string Origin, ImmutableArray<string> Reasons, bool StopsRun, string Text);

public sealed record PreSolveBlock(ImmutableArray<UnreachableRow> Unreachable, ImmutableArray<UnmetRow> Unmet);

/// <summary>A contaminant at a process outlet: the limit the model holds and the concentration in the plan, in the property's unit.</summary>
public sealed record OutletRow(string Property, Amount Limit, Amount? Actual, bool Binding);

public sealed record PermitRow(string Key, string Permit, string Name, string Receiver, string ReceiverName, Amount NetBenefit, Amount Co2Avoided, Amount LandfillAvoided, Amount VirginMaterialAvoided);

public sealed record ActorRow(string Id, string Name, string Kind, string? Municipality, double Lat, double Lon, Amount NetBenefit, Amount Co2Avoided, Amount LandfillAvoided);

/// <summary>A group of actors (a municipality): the sum of its actors' rows.</summary>
public sealed record GroupRow(string Name, int Actors, Amount NetBenefit, Amount Co2Avoided, Amount LandfillAvoided);

public sealed record CashFlows(ImmutableArray<double> Values, string Unit);

/// <summary>A business case: investment in year 0, NPV over the horizon, payback and IRR where they mean something.</summary>
/// <param name="PaybackYears">Null when nothing needs repaying (<paramref name="Payback"/> says "none needed") or when never repaid.</param>
/// <param name="Irr">A fraction per year, only for a material investment (<paramref name="InvestmentSize"/> "material").</param>
/// <param name="InvestmentSize">none, negligible (under a tenth of a year's cash flow) or material.</param>
/// <param name="Horizon">The horizon and discount rate NPV, payback and IRR are judged over, in words.</param>
/// <param name="Note">Why a figure looks as it does when it would puzzle a reader (an IRR in the thousands of per cent).</param>
public sealed record CaseRow(string Id, string Name, Amount Investment, Amount Npv, double? PaybackYears, double? Irr, CashFlows AnnualCashFlows,
    string InvestmentSize, string Payback, string IrrText, string Horizon, string? Note);

public sealed record BusinessCaseBlock(string Note, ImmutableArray<CaseRow> Actors, ImmutableArray<CaseRow> Exchanges);

public sealed record Co2Account(double AvoidedDisposal, double AvoidedVirginProduction, double AddedTransport, double AddedProcessing, double PermitDelay, string Unit);

public sealed record ImpactRow(string Id, string Name, Amount Co2Avoided, Co2Account Co2, Amount LandfillAvoided, Amount VirginMaterialAvoided, Amount WaterSaved, Amount EnergyRecovered);

public sealed record ImpactBlock(ImpactRow Total, ImmutableArray<ImpactRow> Municipalities, ImmutableArray<ImpactRow> Actors);

/// <param name="Exchanges">The plan behind the point.</param>
public sealed record ParetoRow(Amount NetBenefit, Amount Co2Avoided, Amount LandfillAvoided, string Status, ImmutableArray<ExchangeRef> Exchanges);

/// <summary>What would make a rejected candidate pay (a landfill tax, a CO2 price or its own fixed cost).</summary>
public sealed record ThresholdRow(string Kind, Amount Current, Amount Value, bool IsEstimate, bool? Confirmed, string Text);

/// <summary>A candidate exchange or plant outside the plan, with the reason in words and by how much it falls short.</summary>
/// <param name="Shortfall">Money plus valued CO2e and landfill lost per year when forced in; null when it cannot be forced in or was not analysed.</param>
/// <param name="ShortfallAtLeast">Set when the forced re-solve stopped at its limit before proving its plan: the least the
/// shortfall can be, so the true figure lies between it and <paramref name="Shortfall"/>.</param>
public sealed record NotChosenRow(string Kind, string Key, string Name, string Reason, bool Measured, Amount? Shortfall, Amount? MoneyShortfall, Amount? Co2Avoided, Amount? LandfillAvoided, ImmutableArray<string> Blocking, ImmutableArray<ThresholdRow> Thresholds, Amount? ShortfallAtLeast);

/// <summary>Rejected candidates of one cause, nearest to paying first.</summary>
/// <param name="Cause">Why, typed (kebab-case in JSON, "fixed-cost"); views name it in their language (<see cref="CauseTitles"/>).</param>
/// <param name="Title">The cause's English heading, as results.json keeps it.</param>
public sealed record NotChosenGroup([property: JsonConverter(typeof(KebabCaseEnumConverter<RejectionCause>))] RejectionCause Cause, string Title, ImmutableArray<NotChosenRow> Candidates);

/// <summary>Why each candidate exchange and new plant is not in the plan.</summary>
public sealed record NotChosenBlock(string Note, int Rejected, int ForcedSolves, int LeftOut, ImmutableArray<NotChosenGroup> Groups)
{
    public static NotChosenBlock Of(WhyNotChosenResult r)
    {
        var cur = r.Currency;
        Amount? M(double? v) => v is { } x ? Amount.Of(x, $"{cur}/yr") : null;
        return new(r.Note, r.Rejected, r.ForcedSolves, r.LeftOut, [.. r.Groups.Select(g => new NotChosenGroup(
            g.Cause, g.Title,
            [.. g.Candidates.Select(c => new NotChosenRow(
                Numbers.Kebab(c.Kind.ToString()), c.Key, c.Name, c.Reason, c.Measured, M(c.Shortfall), M(c.MoneyShortfall),
                c.Co2Avoided is { } co2 ? Amount.Of(co2, "t CO2e/yr") : null, c.LandfillAvoided is { } lf ? Amount.Of(lf, "t/yr") : null,
                c.Blocking,
                [.. c.Thresholds.Select(t => new ThresholdRow(Numbers.Kebab(t.Kind.ToString()), Amount.Of(t.Current, t.Unit), Amount.Of(t.Value, t.Unit), t.IsEstimate, t.Confirmed, t.Text))],
                M(c.ShortfallAtLeast)))]))]);
    }

    /// <summary>Said when the analysis was not run (a large region, or switched off).</summary>
    public static NotChosenBlock Skipped(string why) => new(why, 0, 0, 0, []);
}

/// <summary>Which scenario and overrides a result belongs to: every figure in a report traces back to these.</summary>
public sealed record RunProvenance(string Source, string Scenario, ImmutableArray<string> Overrides);

public static class RunDocuments
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static RunDocument Build(Region region, RunProvenance run, OptimizationResult result, RunMetadata? metadata = null, NotChosenBlock? notChosen = null)
    {
        var cur = region.Economics.Currency;
        var k = result.Kpis;
        Amount A(double v, string unit) => Amount.Of(v, unit);
        var exchanges = result.Exchanges.OrderByDescending(e => e.AnnualBenefit).ThenBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => Exchange(region, e, cur)).ToImmutableArray();
        var actors = result.Actors.Select(a =>
        {
            var actor = region.HasActor(a.Id) ? region.Actor(a.Id) : null;
            return new ActorRow(a.Id, a.Name, actor?.Kind.ToString().ToLowerInvariant() ?? "actor", actor?.Municipality,
                Math.Round(actor?.Location.Latitude ?? 0, 6), Math.Round(actor?.Location.Longitude ?? 0, 6),
                A(a.NetBenefit, $"{cur}/yr"), A(a.Co2Avoided, "t CO2e/yr"), A(a.LandfillAvoided, "t/yr"));
        }).ToImmutableArray();

        // A municipality's figures are its actors' raw figures summed (then rounded), so the groups add up to the KPIs.
        var municipalities = result.Actors
            .GroupBy(a => (region.HasActor(a.Id) ? region.Actor(a.Id).Municipality : null) ?? "(no municipality)", StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new GroupRow(g.Key, g.Count(), A(g.Sum(a => a.NetBenefit), $"{cur}/yr"), A(g.Sum(a => a.Co2Avoided), "t CO2e/yr"), A(g.Sum(a => a.LandfillAvoided), "t/yr")))
            .ToImmutableArray();
        var plants = result.Processes.Select(p => new PlantRow(p.Id, p.Name, p.ActorId, region.ActorName(p.ActorId), p.Existing, p.Built,
            A(p.Throughput, p.Unit), A(p.Impact.Money, $"{cur}/yr"), A(p.Impact.Co2, "t CO2e/yr"), A(p.Impact.Landfill, "t/yr"), A(p.Impact.VirginMass, "t/yr"),
            [.. p.Outlet.Select(o => OutletOf(region, o))], p.Closable, p.Closed, p.Closable ? A(p.ClosingSaving, $"{cur}/yr") : null)).ToImmutableArray();
        var permits = result.Permits.Select(p => new PermitRow(p.Key, p.PermitId, p.Name, p.Receiver, region.ActorName(p.Receiver),
            A(p.Impact.Money, $"{cur}/yr"), A(p.Impact.Co2, "t CO2e/yr"), A(p.Impact.Landfill, "t/yr"), A(p.Impact.VirginMass, "t/yr"))).ToImmutableArray();
        var pol = region.Policies;
        var eco = region.Economics;
        var doc = new RunDocument(
            RunDocument.Version, "SymbiosisOptimizer", region.Name, run.Source, run.Scenario, run.Overrides,
            result.Status, result.Status.Text(result.Solve.GapText), cur,
            SolverSummary.Of(result.Solve), SolverSummary.Of(result.Counterfactual.Outcome),
            KpiBlock.Of(k, cur), AccountsOf(region, result), [],
            new Valuation(A(pol.Co2Price.Value, $"{cur}/t CO2e"), A(pol.LandfillTax.Value, $"{cur}/t"), A(pol.IncinerationTax.Value, $"{cur}/t"),
                A(region.Objective.LandfillValue.Value, $"{cur}/t"), A(pol.InvestmentSubsidy, "fraction of capex"), Numbers.Round(eco.DiscountRate), Numbers.Round(eco.HorizonYears), Numbers.Round(eco.Circuity), [.. pol.EndOfWaste.Order(StringComparer.Ordinal)]),
            new NetworkSummary(result.Network.Sources.Length, result.Network.Sinks.Length, result.Network.Considered, result.Network.Arcs.Length,
                [.. result.Network.Pruned.Select(p => new PrunedRow(p.Reason, p.Count, p.Example))]),
            exchanges, plants, permits, ContributionRow.Of(result.Unattributed, cur), actors, municipalities,
            k is null ? null : new BusinessCaseBlock(
                "before transfer prices; investment in year 0, cash flows in years 1..horizon against the counterfactual",
                [.. BusinessCases.ForActors(region, result).Select(c => Case(c, eco, cur))],
                [.. BusinessCases.ForExchanges(region, result).Select(c => Case(c, eco, cur))]),
            k is null ? null : Impacts(ImpactAccounts.Build(region, result)),
            result.Explanation,
            [.. result.Pareto.Select(p => new ParetoRow(A(p.NetBenefit, $"{cur}/yr"), A(p.Co2Avoided, "t CO2e/yr"), A(p.LandfillAvoided, "t/yr"), p.Status.Word(),
                ExchangeNames.Of(region, result.Network).Refs(p.Exchanges)))],
            notChosen,
            metadata ?? RunMetadata.Now([StageTiming.Of("counterfactual solve", result.Counterfactual.Outcome.Seconds), StageTiming.Of("solve", result.Solve.Seconds)]));
        doc = doc with { Pinned = Pins(region, result), PreSolve = PreSolveOf(region, result) };
        return doc with { Findings = Findings(doc) };
    }

    /// <summary>The pinned choices with what the plan does: an exchange is made when its candidates carry flow, a plant when built or open.</summary>
    private static ImmutableArray<PinnedRow> Pins(Region region, OptimizationResult result)
    {
        var model = result.Chosen.Model;
        var plan = result.HasSolution ? result.Chosen : null;
        return [.. model.Pins.Select(p =>
        {
            var c = p.Choice;
            bool? made = null;
            Amount? quantity = null;
            if (c.Kind == PinKind.Exchange)
            {
                if (plan is not null)
                {
                    var q = p.Arcs.Sum(plan.Flow);
                    made = q > 1e-6;
                    quantity = Amount.Of(q, region.Resource(c.ResourceId!).UnitText + "/yr");
                }
            }
            else if (plan is not null && p.Process >= 0)
            {
                made = result.Processes[p.Process].Built;
            }

            var decision = c.Decision.ToString().ToLowerInvariant();
            var target = Reachability.Describe(region, c);
            var text = $"{decision} {target}{(c.Group is null ? string.Empty : $" (all-or-nothing group '{c.Group}')")}" +
                (made is null ? string.Empty : made.Value ? ": made in the plan" : ": not made in the plan");
            return new PinnedRow(c.Kind == PinKind.Plant ? "plant" : "exchange", c.Origin, decision, c.Group, target, text, made, quantity, p.Arcs.Length);
        })];
    }

    private static PreSolveBlock PreSolveOf(Region region, OptimizationResult result)
    {
        var report = Reachability.Check(region, result.Network);
        static ImmutableArray<string> Words(ImmutableArray<UnreachableReason> r) => [.. r.Select(x => Numbers.Kebab(x.ToString()))];
        return new PreSolveBlock(
            [.. report.Unreachable.Select(u => new UnreachableRow(u.Kind, u.Id, u.ActorId, region.ActorName(u.ActorId), u.ResourceId, Words(u.Reasons), u.Text))],
            [.. report.Unmet.Select(u => new UnmetRow(u.Choice.Origin, Words(u.Reasons), u.StopsRun, u.Text))]);
    }

    /// <summary>The accounting convention in words, stated in every report beside the accounts.</summary>
    public static string Convention(Region region, SocietyAccounts a)
    {
        var cur = region.Economics.Currency;
        var eco = region.Economics;
        return string.Create(Inv,
            $"Per year against today. Firms: every actor except the municipalities, after taxes, fees and subsidies. Public budget: the state (landfill and incineration tax gained or lost, investment subsidies paid) and the municipalities (their own money as suppliers and buyers). Society: real resource costs and savings with taxes and subsidies netted out as transfers between firms and the public budget, plus CO2e avoided valued at {a.Externalities.SocialCo2Value:#,##0} {cur}/t CO2e ({a.Externalities.SocialCo2ValueSource}). Society = firms + public budget + externalities. Investments are annualised over {eco.HorizonYears:0.#} years at a {eco.DiscountRate:0.##%} discount rate.");
    }

    private static AccountsBlock? AccountsOf(Region region, OptimizationResult result)
    {
        if (Accounts.Of(region, result) is not { } a)
        {
            return null;
        }

        var cur = region.Economics.Currency;
        var perYear = $"{cur}/yr";
        Amount M(double v) => Amount.Of(v, perYear);
        var b = a.PublicBudget;
        return new AccountsBlock(
            Convention(region, a),
            new FirmsAccountRow(Numbers.Round(a.Firms), perYear),
            new PublicBudgetRow(Numbers.Round(b.Total), perYear, M(b.State), M(b.LandfillTax), M(b.IncinerationTax), M(b.Subsidies), M(b.Municipalities), M(b.ProcurementPremium)),
            new ExternalitiesRow(Numbers.Round(a.Externalities.Total), perYear, Amount.Of(a.Externalities.Co2Avoided, "t CO2e/yr"), Amount.Of(a.Externalities.SocialCo2Value, $"{cur}/t CO2e"), a.Externalities.SocialCo2ValueSource),
            new SocietyRow(Numbers.Round(a.Society), perYear, M(a.ResourceSavings), M(a.Externalities.Total)));
    }

    private static OutletRow OutletOf(Region region, OutletConcentration o)
    {
        var unit = region.Resources.SelectMany(r => r.Properties).FirstOrDefault(q => q.Id == o.Property)?.UnitText ?? "1";
        var factor = Domain.Quantities.UnitExpression.TryParse(unit, null, out var u, out _) ? u.Factor : 1;
        return new OutletRow(o.Property, Amount.Of(o.Limit / factor, unit), double.IsFinite(o.Actual) ? Amount.Of(o.Actual / factor, unit) : null,
            double.IsFinite(o.Actual) && o.Actual >= o.Limit * (1 - 1e-6));
    }

    private static ExchangeRow Exchange(Region region, ExchangeOutcome e, string cur)
    {
        var mode = e.Mode is null or "on-site" ? "on site" : region.TransportModes.FirstOrDefault(m => m.Id == e.Mode)?.Name ?? e.Mode;
        string? ProcessName(string? id) => id is null ? null : region.Processes.FirstOrDefault(p => p.Id == id)?.Name ?? id;
        var names = new[] { ProcessName(e.SourceProcess), ProcessName(e.SinkProcess) }.OfType<string>().ToList();
        var process = names.Count == 0 ? null : string.Join(" -> ", names);
        var permit = e.Permit is null ? null : region.Permits.FirstOrDefault(p => p.Id == e.Permit)?.Name ?? e.Permit;
        GeoLine? line = region.HasActor(e.FromActor) && region.HasActor(e.ToActor)
            ? new GeoLine(Math.Round(region.Actor(e.FromActor).Location.Longitude, 6), Math.Round(region.Actor(e.FromActor).Location.Latitude, 6),
                Math.Round(region.Actor(e.ToActor).Location.Longitude, 6), Math.Round(region.Actor(e.ToActor).Location.Latitude, 6))
            : null;
        var from = region.ActorName(e.FromActor);
        var to = region.ActorName(e.ToActor);
        var resource = region.ResourceName(e.Resource);
        var where = e.Mode is null or "on-site" ? "on site" : string.Create(Inv, $"{e.DistanceKm:0.#} km by {mode}");
        var description = string.Create(Inv,
            $"{from} sends {e.Quantity:#,##0} {e.Unit} of {resource} to {to} ({where}{(process is null ? string.Empty : ", via " + process)}{(permit is null ? string.Empty : ", needs permit " + permit)}): {e.AnnualBenefit:#,##0} {cur}/yr, {e.Co2Avoided:#,##0.0} t CO2e/yr avoided");
        return new ExchangeRow(e.Key, e.FromActor, from, e.ToActor, to, e.Source, e.Sink, e.Resource, resource,
            Amount.Of(e.Quantity, e.Unit), Numbers.Round(e.DistanceKm), e.Mode, mode, e.Process, process, e.Permit, permit,
            Amount.Of(e.AnnualBenefit, $"{cur}/yr"), Amount.Of(e.Co2Avoided, "t CO2e/yr"), Amount.Of(e.LandfillAvoided, "t/yr"), Amount.Of(e.Impact.VirginMass, "t/yr"),
            new Co2Causes(Numbers.Round(e.Co2.AvoidedDisposal), Numbers.Round(e.Co2.AvoidedVirgin), Numbers.Round(e.Co2.AddedTransport), Numbers.Round(e.Co2.PermitDelay), "t CO2e/yr"),
            Amount.Of(e.Investment, cur), Numbers.Round(e.LeadTimeYears), line, description);
    }

    private static CaseRow Case(CashFlowCase c, Economics eco, string cur)
    {
        var reading = CaseReadings.Read(c, eco, cur);
        return new(
            c.Id, c.Name, Amount.Of(c.Investment, cur), Amount.Of(c.Npv, cur),
            reading.PaybackYears is { } p ? Numbers.Round(p) : null, reading.Irr is { } i ? Numbers.Round(i) : null,
            new CashFlows([.. c.AnnualCashFlows.Select(Numbers.Round)], $"{cur}/yr"),
            Numbers.Kebab(reading.Investment.ToString()), reading.Payback, reading.IrrText, Horizon(eco), reading.Note);
    }

    /// <summary>The horizon of every business case in words: "15 years at a 4 % discount rate, investment in year 0".</summary>
    public static string Horizon(Economics eco) =>
        string.Create(Inv, $"{Math.Max(1, (int)Math.Round(eco.HorizonYears))} years at a {eco.DiscountRate:0.##%} discount rate, investment in year 0");

    private static ImpactBlock Impacts(ImpactReport report)
    {
        static ImpactRow Row(ImpactAccount a) => new(
            a.Id, a.Name, Amount.Of(a.Co2Avoided, "t CO2e/yr"),
            new Co2Account(Numbers.Round(a.Co2AvoidedDisposal), Numbers.Round(a.Co2AvoidedVirgin), Numbers.Round(a.Co2AddedTransport), Numbers.Round(a.Co2AddedProcessing), Numbers.Round(a.Co2PermitDelay), "t CO2e/yr"),
            Amount.Of(a.LandfillAvoided, "t/yr"), Amount.Of(a.VirginMaterialAvoided, "t/yr"),
            Amount.Of(a.WaterSaved, "water units/yr (m3, or t for water counted in t)"), Amount.Of(a.EnergyRecovered, "MWh/yr"));
        return new ImpactBlock(Row(report.Total), [.. report.Municipalities.Select(Row)],
            [.. report.Actors.Where(a => a.Co2Avoided != 0 || a.LandfillAvoided != 0 || a.VirginMaterialAvoided != 0 || a.WaterSaved != 0 || a.EnergyRecovered != 0).Select(Row)]);
    }

    /// <summary>The findings in English, as results.json keeps them (<see cref="RunFindings"/> writes them in any language).</summary>
    private static ImmutableArray<string> Findings(RunDocument d) => [.. RunFindings.Of(d, Language.En).Select(f => f.Text)];
}

/// <summary>Source-generated serialization of the run document (no reflection at run time).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RunDocument))]
public sealed partial class RunDocumentJsonContext : JsonSerializerContext;
