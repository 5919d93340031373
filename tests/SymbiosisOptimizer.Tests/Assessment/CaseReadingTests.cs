using System.Collections.Immutable;
using SymbiosisOptimizer.Assessment.BusinessCase;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Domain.Quantities;

namespace SymbiosisOptimizer.Tests.Assessment;

/// <summary>Business cases as a manager reads them; every expected figure worked out by hand in the comments.</summary>
public sealed class CaseReadingTests
{
    private static readonly Economics Eco = new("SEK", 0.10, 2, 1.3, new ExchangeRates("SEK", new Dictionary<string, double>()));

    private static CashFlowCase Case(double investment, params double[] flows)
    {
        var f = flows.ToImmutableArray();
        return new("x", "X", investment, f, BusinessCases.Npv(0.10, investment, f), BusinessCases.Payback(investment, f), BusinessCases.Irr(investment, f));
    }

    [Fact]
    public void Without_an_investment_there_is_no_payback_and_no_irr()
    {
        var r = CaseReadings.Read(Case(0, 100, 100), Eco, "SEK");
        Assert.Equal(InvestmentSize.None, r.Investment);
        Assert.Equal("none needed", r.Payback);
        Assert.Equal("no investment", r.IrrText);
        Assert.Null(r.PaybackYears);
        Assert.Null(r.Irr);
        Assert.Null(r.Note);
    }

    /// <summary>Investment 100, flows 60 and 60: NPV at 10 % = -100 + 54.545 + 49.587 = 4.13; IRR 13.07 % (where 60/(1+i) + 60/(1+i)^2 = 100); payback 1 + 40/60 = 1.67 yr.</summary>
    [Fact]
    public void A_material_investment_has_payback_and_irr_in_words()
    {
        var r = CaseReadings.Read(Case(100, 60, 60), Eco, "SEK");
        Assert.Equal(InvestmentSize.Material, r.Investment);
        Assert.Equal("13.1 %/yr", r.IrrText);
        Assert.Equal("1.7 years", r.Payback);
        Assert.Null(r.Note);
    }

    /// <summary>Investment 5 against 100 a year: under a tenth of a year's cash flow, repaid in 0.05 yr = 2.6 weeks; no IRR.</summary>
    [Fact]
    public void A_negligible_investment_gets_no_irr_and_a_sentence()
    {
        var r = CaseReadings.Read(Case(5, 100, 100), Eco, "SEK");
        Assert.Equal(InvestmentSize.Negligible, r.Investment);
        Assert.Null(r.Irr);
        Assert.Equal("negligible investment", r.IrrText);
        Assert.Equal("2.6 weeks", r.Payback);
        Assert.Contains("repaid by about 2.6 weeks", r.Note, StringComparison.Ordinal);
    }

    /// <summary>Investment 20 against 100 a year for two years: IRR solves 100/(1+i) + 100/(1+i)^2 = 20: with x = 1/(1+i), x^2 + x - 0.2 = 0, x = (sqrt(1.8) - 1)/2 = 0.17082, i = 4.854 (485 %): explained in words.</summary>
    [Fact]
    public void An_irr_in_the_hundreds_of_percent_is_explained()
    {
        var r = CaseReadings.Read(Case(20, 100, 100), Eco, "SEK");
        Assert.Equal(InvestmentSize.Material, r.Investment);
        Assert.Equal(4.854, r.Irr!.Value, 3);
        Assert.Contains("is not a rate anyone earns", r.Note, StringComparison.Ordinal);
        Assert.Equal("2.4 months", r.Payback); // 20 / 100 = 0.2 yr = 2.4 months
    }

    [Fact]
    public void An_investment_never_repaid_says_so_with_the_horizon()
    {
        var r = CaseReadings.Read(Case(100, 10, 10), Eco, "SEK");
        Assert.Equal("not within the 2-year horizon", r.Payback);
        Assert.Contains("not repaid within the 2-year horizon", r.Note, StringComparison.Ordinal);
    }
}
