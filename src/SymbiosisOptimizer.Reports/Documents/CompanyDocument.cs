using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Serialization;
using SymbiosisOptimizer.Assessment.Coalitions;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Domain.Quantities;
using SymbiosisOptimizer.Optimization;

namespace SymbiosisOptimizer.Reports.Documents;

/// <summary>
/// company.json of `symbiosis report --company`: what one firm may see of a run. Its own inputs and results, its
/// exchanges with partner names, its business case and fair share, its own reservation price per exchange, and the
/// region only as aggregates that pass the disclosure rule (<see cref="Disclosure"/>). Built from the facilitator's
/// <see cref="RunDocument"/> and the sharing analysis; the HTML report and the workbook render it and compute nothing.
/// </summary>
public sealed record CompanyDocument(
    int SchemaVersion,
    string Tool,
    string Region,
    string Source,
    string Scenario,
    ImmutableArray<string> Overrides,
    string Status,
    string Currency,
    string Confidentiality,
    CompanyActor Company,
    ImmutableArray<string> Findings,
    CompanyInputs Inputs,
    CompanyResult Result,
    ImmutableArray<CompanyExchange> Exchanges,
    CaseRow? BusinessCase,
    CompanyShare Share,
    string DisclosureRule,
    ImmutableArray<AggregateRow> Aggregates,
    RunMetadata Metadata)
{
    public const int Version = 1;
}

public sealed record CompanyActor(string Id, string Name, string Kind, string? Sector, string? Municipality);

/// <summary>A supply of the firm's own, as it was given: quantity, what it does with it today, cost and emissions per unit.</summary>
public sealed record CompanySupply(string Id, string Resource, string ResourceName, Amount Quantity, string Route, Amount RouteCost, Amount RouteTax, Amount RouteEmissions);

/// <summary>A demand of the firm's own: quantity, how it is met today, price and emissions per unit.</summary>
public sealed record CompanyDemand(string Id, string Resource, string ResourceName, Amount Quantity, string Buyer, string SourceKind, Amount Price, Amount Emissions);

/// <summary>A process (plant) of the firm's own with its costs as given.</summary>
public sealed record CompanyProcess(string Id, string Name, bool Existing, Amount? Capacity, Amount Capex, Amount FixedOpex, Amount Opex, Amount Emissions);

public sealed record CompanyInputs(ImmutableArray<CompanySupply> Supplies, ImmutableArray<CompanyDemand> Demands, ImmutableArray<CompanyProcess> Processes);

/// <summary>The firm's own result per year against what it does today, before transfer prices.</summary>
public sealed record CompanyResult(Amount NetBenefit, Amount Co2Avoided, Amount LandfillAvoided, ImmutableArray<PlantRow> Plants);

/// <summary>One exchange the firm takes part in: what it needs to contract, and its price position.</summary>
/// <param name="Role">supplier (the firm sends), receiver (the firm receives) or both (between two sites of the firm).</param>
/// <param name="OwnReservationPrice">Per unit paid by the receiver: for a supplier the lowest price at which it still gains
/// (negative: it may pay up to that much to be rid of it), for a receiver the highest. Only the firm's own side.</param>
/// <param name="RecommendedPrice">Per unit: the middle of the range in which both sides gain (each side gets half the
/// exchange's surplus, which is the Shapley value and the nucleolus of the two-party deal), rounded to two significant
/// digits; null when both ends are the firm's own or no price makes both gain.</param>
public sealed record CompanyExchange(
    string Key,
    string Role,
    string Partner,
    string PartnerName,
    string Resource,
    string ResourceName,
    Amount Quantity,
    double DistanceKm,
    string ModeName,
    string? ProcessName,
    string? PermitName,
    double LeadTimeYears,
    Amount? OwnReservationPrice,
    Amount? RecommendedPrice,
    string PriceNote);

/// <summary>The firm's share by one sharing method, and the side payment that moves it there from its own result.</summary>
/// <param name="SidePayment">Share minus own result: positive, the firm should receive it; negative, pay it.</param>
/// <param name="Direction">receive, pay or none.</param>
public sealed record MethodShare(string Method, Amount Share, Amount SidePayment, string Direction);

/// <summary>The firm's fair share of the gain of cooperation, by each sharing method available for its group.</summary>
/// <param name="GroupActors">How many actors the firm's linked group has (0: the firm takes part in no candidate exchange).</param>
/// <param name="NotComputed">Why no share was computed, in words; null when shares exist.</param>
public sealed record CompanyShare(string Basis, int GroupActors, Amount? OwnResult, ImmutableArray<MethodShare> Methods, string? NotComputed, string Note);

/// <summary>A figure summed over a group of actors (the region, a municipality, a kind of actor, a resource).</summary>
/// <param name="Level">region, municipality, kind or resource.</param>
/// <param name="Value">Null when suppressed.</param>
/// <param name="Actors">Actors with a non-zero figure in the group; 0 when suppressed (the count would help undo it).</param>
/// <param name="Suppressed">Why the figure is not shown; null when shown.</param>
public sealed record AggregateRow(string Level, string Group, string Figure, Amount? Value, int Actors, string? Suppressed);

public static class CompanyDocuments
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Actor ids a company report can be made for, in the region's order.</summary>
    public static ImmutableArray<string> ActorIds(Region region) => [.. region.Actors.Select(a => a.Id)];

    /// <summary>
    /// The company document of <paramref name="actorId"/>, from the run document of the same result and the sharing
    /// analysis of the same plan (null sharing: shares not computed, with the reason in <paramref name="sharingNote"/>).
    /// </summary>
    public static CompanyDocument Build(Region region, RunDocument run, RegionSharingResult? sharing, string actorId, RunMetadata metadata, string? sharingNote = null)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(run);
        var actor = region.Actor(actorId);
        var cur = region.Economics.Currency;
        var inputs = InputsOf(region, actorId, cur);
        var row = run.Actors.FirstOrDefault(a => a.Id == actorId);
        var plants = run.Plants.Where(p => p.Actor == actorId && (p.Built || p.Existing)).ToImmutableArray();
        var result = new CompanyResult(
            row?.NetBenefit ?? Amount.Of(0, $"{cur}/yr"), row?.Co2Avoided ?? Amount.Of(0, "t CO2e/yr"), row?.LandfillAvoided ?? Amount.Of(0, "t/yr"), plants);
        var exchanges = ExchangesOf(region, run, sharing, actorId, cur);
        var businessCase = run.BusinessCases?.Actors.FirstOrDefault(c => c.Id == actorId);
        var share = ShareOf(region, sharing, actorId, cur, sharingNote);
        var aggregates = Disclosure.Aggregates(region, run, actorId);
        var doc = new CompanyDocument(
            CompanyDocument.Version, "SymbiosisOptimizer", region.Name, run.Source, run.Scenario, run.Overrides, run.Status.Word(), cur,
            $"For {actor.Name} only: its own figures, and the region's only as aggregates that pass the disclosure rule. No other firm's prices, costs, business case or share is in this report.",
            new CompanyActor(actor.Id, actor.Name, Numbers.Kebab(actor.Kind.ToString()), actor.Sector, actor.Municipality),
            [],
            inputs, result, exchanges, businessCase, share, Disclosure.RuleText, aggregates, metadata);
        return doc with { Findings = Findings(doc) };
    }

    private static CompanyInputs InputsOf(Region region, string actorId, string cur)
    {
        static Amount Q(Quantity q) => Amount.Of(q.Value, UnitExpression.BaseUnitText(q.Dimension));
        var supplies = region.Supplies.Where(s => s.ActorId == actorId).Select(s =>
        {
            var resource = region.Resource(s.ResourceId);
            var tax = Optimization.Formulation.RegionCosts.RouteTax(region, s.Route, resource).Rate;
            return new CompanySupply(s.Id, s.ResourceId, resource.Name, Q(s.Quantity), Numbers.Kebab(s.Route.Kind.ToString()), Q(s.Route.Cost),
                Amount.Of(tax, $"{cur}/{resource.UnitText}"), Q(s.Route.Emissions));
        }).ToImmutableArray();
        var demands = region.Demands.Where(d => d.ActorId == actorId).Select(d => new CompanyDemand(
            d.Id, d.ResourceId, region.ResourceName(d.ResourceId), Q(d.Quantity), Numbers.Kebab(d.Buyer.ToString()), Numbers.Kebab(d.Source.Kind.ToString()),
            Q(d.Source.Price), Q(d.Source.Emissions))).ToImmutableArray();
        var processes = region.Processes.Where(p => p.ActorId == actorId).Select(p => new CompanyProcess(
            p.Id, p.Name, p.Existing, p.Capacity is { } c ? Q(c) : null, Q(p.Capex), Q(p.FixedOpex), Q(p.Opex), Q(p.Emissions))).ToImmutableArray();
        return new CompanyInputs(supplies, demands, processes);
    }

    private static ImmutableArray<CompanyExchange> ExchangesOf(Region region, RunDocument run, RegionSharingResult? sharing, string actorId, string cur)
    {
        var ranges = sharing?.PriceRanges ?? [];
        return [.. run.Exchanges.Where(e => e.From == actorId || e.To == actorId).Select(e =>
        {
            var role = e.From == actorId && e.To == actorId ? "both" : e.From == actorId ? "supplier" : "receiver";
            var partner = role == "receiver" ? e.From : e.To;
            var per = region.HasResource(e.Resource) ? region.Resource(e.Resource).UnitText : e.Quantity.Unit;
            var unit = $"{cur}/{per} of {e.ResourceName}, paid by the receiver";
            var range = ranges.FirstOrDefault(r => r.Source == e.Source && r.Sink == e.Sink);
            Amount? own = null;
            Amount? recommended = null;
            string note;
            if (role == "both")
            {
                note = "between two sites of your own: no transfer price needed";
            }
            else if (range is null)
            {
                note = "no price range: the sharing analysis was not run";
            }
            else
            {
                var mine = role == "supplier" ? range.Lowest : range.Highest;
                own = Amount.Of(mine, unit);
                if (range.Lowest <= range.Highest + 1e-9)
                {
                    recommended = Amount.Of(TwoDigits((range.Lowest + range.Highest) / 2), unit);
                    note = role == "supplier"
                        ? "you gain at any price above your reservation price; the recommended price gives each side half of what the exchange saves"
                        : "you gain at any price below your reservation price; the recommended price gives each side half of what the exchange saves";
                }
                else
                {
                    note = "no single price makes both sides gain on this exchange alone: settle it with the side payment of your fair share";
                }

                if (range.Note is not null)
                {
                    note += "; " + range.Note;
                }
            }

            return new CompanyExchange(e.Key, role, partner, region.ActorName(partner), e.Resource, e.ResourceName, e.Quantity, e.DistanceKm, e.ModeName,
                e.ProcessName, e.PermitName, e.LeadTimeYears, own, recommended, note);
        })];
    }

    /// <summary>Two significant digits: a recommendation to negotiate from, which does not give away the partner's exact figures.</summary>
    private static double TwoDigits(double v)
    {
        if (v == 0 || !double.IsFinite(v))
        {
            return 0;
        }

        var scale = Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(v))) - 1);
        return Numbers.Round(Math.Round(v / scale) * scale);
    }

    private static CompanyShare ShareOf(Region region, RegionSharingResult? sharing, string actorId, string cur, string? sharingNote)
    {
        var basis = string.Create(Inv, $"objective gain per year: money saved plus CO2e avoided valued at {region.Policies.Co2Price.Value:0.##} {cur}/t CO2e, before transfer prices");
        const string Note = "Your share is what a fair split of your group's gain gives you; the side payment is what moves you there from what the plan gives you on its own. Positive: you should receive it; negative: you should pay it.";
        if (sharing is null)
        {
            return new CompanyShare(basis, 0, null, [], sharingNote ?? "the sharing analysis was not run", Note);
        }

        var a = sharing.Actors.First(x => x.Id == actorId);
        if (a.Component < 0)
        {
            return new CompanyShare(basis, 0, Amount.Of(a.OwnResult, $"{cur}/yr"), [], "you take part in no candidate exchange, so there is no gain of cooperation to share", Note);
        }

        var comp = sharing.Components[a.Component];
        var methods = a.Allocations.Select(kv =>
        {
            var pay = a.Transfers.GetValueOrDefault(kv.Key);
            var direction = Math.Abs(pay) < 0.5 ? "none" : pay > 0 ? "receive" : "pay";
            return new MethodShare(kv.Key, Amount.Of(kv.Value, $"{cur}/yr"), Amount.Of(pay, $"{cur}/yr (positive: you receive)"), direction);
        }).ToImmutableArray();
        return new CompanyShare(basis, comp.Players.Length, Amount.Of(a.OwnResult, $"{cur}/yr"), methods, comp.NotComputed, Note);
    }

    private static ImmutableArray<string> Findings(CompanyDocument d)
    {
        var cur = d.Currency;
        var list = ImmutableArray.CreateBuilder<string>();
        list.Add(string.Create(Inv, $"{d.Company.Name}: the plan saves you {d.Result.NetBenefit.Value:#,##0} {cur} per year against what you do today, before transfer prices, and avoids {d.Result.Co2Avoided.Value:#,##0.0} t CO2e/yr (scenario '{d.Scenario}')."));
        if (d.Exchanges.IsEmpty)
        {
            list.Add("You take part in no exchange of the plan.");
        }
        else
        {
            list.Add(string.Create(Inv, $"You take part in {d.Exchanges.Length} exchange(s): {FindingText.Listed([.. d.Exchanges.Select(e => string.Create(Inv, $"{(e.Role == "receiver" ? "from" : "to")} {e.PartnerName}, {e.Quantity.Value:#,##0} {e.Quantity.Unit} of {e.ResourceName} ({e.ModeName})"))], "; ", "your exchanges table")}."));
        }

        if (d.BusinessCase is { } c)
        {
            list.Add(string.Create(Inv, $"Business case over {c.Horizon}: investment {c.Investment.Value:#,##0} {cur}, NPV {c.Npv.Value:#,##0} {cur}, payback {c.Payback}, IRR {c.IrrText}."));
            if (c.Note is not null)
            {
                list.Add(c.Note);
            }
        }

        var shapley = d.Share.Methods.FirstOrDefault(m => m.Method.StartsWith("shapley", StringComparison.Ordinal));
        if (shapley is not null)
        {
            list.Add(shapley.Direction switch
            {
                "receive" => string.Create(Inv, $"Fair share (Shapley): {shapley.Share.Value:#,##0} {cur}/yr; you should receive a side payment of {shapley.SidePayment.Value:#,##0} {cur}/yr."),
                "pay" => string.Create(Inv, $"Fair share (Shapley): {shapley.Share.Value:#,##0} {cur}/yr; you should pay a side payment of {-shapley.SidePayment.Value:#,##0} {cur}/yr."),
                _ => string.Create(Inv, $"Fair share (Shapley): {shapley.Share.Value:#,##0} {cur}/yr; no side payment is needed."),
            });
        }
        else if (d.Share.NotComputed is { } why)
        {
            list.Add("Fair share: " + why + ".");
        }

        return list.ToImmutable();
    }
}

/// <summary>Source-generated serialization of the company document.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(CompanyDocument))]
public sealed partial class CompanyDocumentJsonContext : JsonSerializerContext;
