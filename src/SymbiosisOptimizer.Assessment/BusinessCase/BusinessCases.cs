using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Formulation;

namespace SymbiosisOptimizer.Assessment.BusinessCase;

/// <summary>A business case over the horizon: investment in year 0, then yearly cash flows against the counterfactual.</summary>
/// <param name="AnnualCashFlows">Years 1..n of the horizon, money per year (permit lead times lower the first years).</param>
/// <param name="PaybackYears">Years until cumulative (undiscounted) cash flows repay the investment; null if never.</param>
/// <param name="Irr">Internal rate of return, where NPV changes sign; null when it does not exist.</param>
public sealed record CashFlowCase(
    string Id,
    string Name,
    double Investment,
    ImmutableArray<double> AnnualCashFlows,
    double Npv,
    double? PaybackYears,
    double? Irr);

/// <summary>Business cases per actor and per exchange (before transfer prices, which benefit sharing settles).</summary>
public static class BusinessCases
{
    private static readonly LedgerCategory[] InvestmentCategories = [LedgerCategory.Investment, LedgerCategory.Permit];

    /// <remarks>
    /// From an actor's ledger deltas: investment I = -(annualised capex and permit deltas) / CRF; the average operating
    /// cash flow adds those annualised charges back to the net benefit. The optimiser spreads a permit's lead time
    /// evenly over the horizon ("permit delay"); here the same total loss falls in the first L years instead, so the
    /// undiscounted total is unchanged and only its timing (and hence NPV) moves.
    /// </remarks>
    public static ImmutableArray<CashFlowCase> ForActors(Region region, OptimizationResult result)
    {
        var eco = region.Economics;
        var n = Years(eco);
        var list = ImmutableArray.CreateBuilder<CashFlowCase>();
        foreach (var a in result.Actors)
        {
            if (a.Ledger.All(l => Math.Abs(l.Value) < 1e-9))
            {
                continue;
            }

            var annualised = InvestmentCategories.Sum(c => a.Delta(LedgerKind.Money, c));
            var investment = -annualised / eco.CapitalRecoveryFactor;
            var average = a.NetBenefit - annualised;
            var delay = -a.Delta(LedgerKind.Money, LedgerCategory.PermitDelay);
            var lead = result.Exchanges.Where(e => e.Permit is not null && (e.FromActor == a.Id || e.ToActor == a.Id)).Select(e => e.LeadTimeYears).DefaultIfEmpty(0).Max();
            var steady = average + delay;
            var flows = Enumerable.Range(1, n).Select(t =>
            {
                var inactive = lead > 0 ? Math.Clamp(lead - (t - 1), 0, 1) : 0;
                return steady - (lead > 0 ? delay * eco.HorizonYears / lead * inactive : 0);
            }).ToImmutableArray();
            list.Add(Case(a.Id, a.Name, investment, flows, eco.DiscountRate));
        }

        return list.ToImmutable();
    }

    /// <summary>Per exchange, both sides together: avoided disposal and purchase minus transport and connection costs.</summary>
    public static ImmutableArray<CashFlowCase> ForExchanges(Region region, OptimizationResult result)
    {
        var eco = region.Economics;
        var n = Years(eco);
        var users = result.Exchanges.Where(e => e.Permit is not null).GroupBy(e => (e.Permit!, e.ToActor)).ToDictionary(g => g.Key, g => g.Count());
        var list = ImmutableArray.CreateBuilder<CashFlowCase>();
        foreach (var e in result.Exchanges)
        {
            var permitShare = e.Permit is null ? 0 : region.Permits.First(p => p.Id == e.Permit).Cost.Value / users[(e.Permit, e.ToActor)];
            var investment = e.Investment + permitShare;
            var yearly = e.SteadySaving - e.AnnualFixedCost;
            var flows = Enumerable.Range(1, n).Select(t => yearly * Math.Clamp(t - e.LeadTimeYears, 0, 1)).ToImmutableArray();
            list.Add(Case($"{e.Source}->{e.Sink}", $"{e.FromActor} -> {e.ToActor} ({e.Resource})", investment, flows, eco.DiscountRate));
        }

        return list.ToImmutable();
    }

    private static int Years(Economics eco) => Math.Max(1, (int)Math.Round(eco.HorizonYears));

    private static CashFlowCase Case(string id, string name, double investment, ImmutableArray<double> flows, double rate) =>
        new(id, name, investment, flows, Npv(rate, investment, flows), Payback(investment, flows), Irr(investment, flows));

    public static double Npv(double rate, double investment, IReadOnlyList<double> flows)
    {
        var npv = -investment;
        for (var t = 0; t < flows.Count; t++)
        {
            npv += flows[t] / Math.Pow(1 + rate, t + 1);
        }

        return npv;
    }

    public static double? Payback(double investment, IReadOnlyList<double> flows)
    {
        if (investment <= 0)
        {
            return 0;
        }

        var cumulative = 0.0;
        for (var t = 0; t < flows.Count; t++)
        {
            if (flows[t] > 0 && cumulative + flows[t] >= investment)
            {
                return t + ((investment - cumulative) / flows[t]);
            }

            cumulative += flows[t];
        }

        return null;
    }

    /// <summary>IRR by bisection on [-99 %, 10 000 %]; null when NPV does not change sign there.</summary>
    public static double? Irr(double investment, IReadOnlyList<double> flows)
    {
        if (investment <= 0)
        {
            return null;
        }

        double lo = -0.99, hi = 100;
        var fLo = Npv(lo, investment, flows);
        var fHi = Npv(hi, investment, flows);
        if (Math.Sign(fLo) == Math.Sign(fHi))
        {
            return null;
        }

        for (var i = 0; i < 200 && hi - lo > 1e-12; i++)
        {
            var mid = (lo + hi) / 2;
            var f = Npv(mid, investment, flows);
            if (Math.Sign(f) == Math.Sign(fLo))
            {
                (lo, fLo) = (mid, f);
            }
            else
            {
                hi = mid;
            }
        }

        return (lo + hi) / 2;
    }
}
