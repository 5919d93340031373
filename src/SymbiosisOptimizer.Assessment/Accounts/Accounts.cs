using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Formulation;

namespace SymbiosisOptimizer.Assessment.Accounts;

/// <summary>
/// The public budget's change per year against today (positive: the budget gains), by level.
/// </summary>
/// <param name="LandfillTax">Landfill tax revenue gained (negative: lost), state.</param>
/// <param name="IncinerationTax">Incineration tax revenue gained (negative: lost), state.</param>
/// <param name="Subsidies">Investment subsidies paid, as a change of the budget (negative: the state pays), state.</param>
/// <param name="State">LandfillTax + IncinerationTax + Subsidies.</param>
/// <param name="Municipalities">The municipalities' own money as actors (what they save or pay as suppliers and
/// buyers, including any procurement premium), municipal level.</param>
/// <param name="ProcurementPremium">Of the municipal figure, what public buyers pay more (positive) or less for the
/// needs a procurement mandate covers; a memo line, already inside <paramref name="Municipalities"/>.</param>
public sealed record PublicBudgetAccount(double LandfillTax, double IncinerationTax, double Subsidies, double State, double Municipalities, double ProcurementPremium)
{
    public double Total => State + Municipalities;
}

/// <summary>CO2e avoided valued at the social value of CO2 the scenario states (the only externality priced today).</summary>
public sealed record ExternalityAccount(double Co2Avoided, double SocialCo2Value, string SocialCo2ValueSource, double Co2Value)
{
    public double Total => Co2Value;
}

/// <summary>
/// Three accounts of one result, per year against the counterfactual (positive: better than today):
/// <list type="bullet">
/// <item>firms: every actor that is not a municipality, after taxes, fees and subsidies (the business case);</item>
/// <item>the public budget: taxes gained or lost and subsidies paid (state), the municipalities' own money (municipal);</item>
/// <item>society: real resource costs and savings (taxes and subsidies netted out as transfers) plus the priced
/// externalities.</item>
/// </list>
/// Society is computed from the ledger's non-transfer lines, independently of the other two, and the identity
/// society = firms + public budget + externalities holds because each transfer line appears once in the firms' or
/// municipalities' money and once, with the opposite sign, in the state's.
/// </summary>
public sealed record SocietyAccounts(double Firms, PublicBudgetAccount PublicBudget, ExternalityAccount Externalities, double ResourceSavings, double Society)
{
    /// <summary>firms + public budget + externalities - society: zero up to round-off (a test holds it to the krona).</summary>
    public double IdentityResidual => Firms + PublicBudget.Total + Externalities.Total - Society;
}

public static class Accounts
{
    /// <summary>The source named when a scenario states no social value of CO2 and its CO2 price is used.</summary>
    public const string ScenarioCo2PriceSource = "the scenario's CO2 price (policies.co2Price); no objective.socialCo2Value stated";

    public static SocialCo2 SocialValue(Region region) => region.Objective.SocialCo2Value is { } v
        ? new SocialCo2(v.Value, "objective.socialCo2Value stated in the scenario")
        : new SocialCo2(region.Policies.Co2Price.Value, ScenarioCo2PriceSource);

    public sealed record SocialCo2(double Value, string Source);

    public static SocietyAccounts? Of(Region region, OptimizationResult result)
    {
        if (result.Kpis is not { } k)
        {
            return null;
        }

        bool IsMunicipality(string actor) => region.HasActor(actor) && region.Actor(actor).Kind == ActorKind.Municipality;
        var money = result.Lines.Where(l => l.Kind == LedgerKind.Money).ToList();
        double Transfer(LedgerTransfer t) => -money.Where(l => l.Transfer == t).Sum(l => l.Value);
        var firms = money.Where(l => !IsMunicipality(l.ActorId)).Sum(l => l.Value);
        var municipalities = money.Where(l => IsMunicipality(l.ActorId)).Sum(l => l.Value);
        var landfill = Transfer(LedgerTransfer.LandfillTax);
        var incineration = Transfer(LedgerTransfer.IncinerationTax);
        var subsidies = Transfer(LedgerTransfer.InvestmentSubsidy);
        var budget = new PublicBudgetAccount(landfill, incineration, subsidies, landfill + incineration + subsidies, municipalities, ProcurementPremium(region, result));
        var social = SocialValue(region);
        var externalities = new ExternalityAccount(k.Co2Avoided, social.Value, social.Source, k.Co2Avoided * social.Value);
        var resources = money.Where(l => l.Transfer == LedgerTransfer.None).Sum(l => l.Value);
        return new SocietyAccounts(firms, budget, externalities, resources, resources + externalities.Total);
    }

    /// <summary>
    /// What public buyers pay more for their mandated needs than today (the money lines of their mandated demands'
    /// purchases and of the exchanges into them, today minus plan, negated).
    /// </summary>
    private static double ProcurementPremium(Region region, OptimizationResult result)
    {
        var mandated = region.Policies.Procurement.Select(m => m.ResourceId).ToImmutableHashSet(StringComparer.Ordinal);
        if (mandated.IsEmpty)
        {
            return 0;
        }

        var network = result.Network;
        var demands = Enumerable.Range(0, region.Demands.Length)
            .Where(i => region.Demands[i].Buyer == BuyerKind.Public && mandated.Contains(region.Demands[i].ResourceId)).ToHashSet();
        var buyers = demands.Select(i => region.Demands[i].ActorId).ToHashSet(StringComparer.Ordinal);

        // A demand's sink in the network has the demand's index (the demand balances are built that way).
        bool Into(LedgerItem item) => item.Kind switch
        {
            LedgerItemKind.Purchase => demands.Contains(item.Index),
            LedgerItemKind.Exchange => network.Sinks[network.Arcs[item.Index].Sink] is { Demand: not null } k && demands.Contains(k.Index),
            _ => false,
        };
        return -result.Lines.Where(l => l.Kind == LedgerKind.Money && buyers.Contains(l.ActorId) && Into(l.Item)).Sum(l => l.Value);
    }
}
