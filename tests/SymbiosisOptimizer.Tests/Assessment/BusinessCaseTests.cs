using SymbiosisOptimizer.Assessment.BusinessCase;
using SymbiosisOptimizer.Optimization;

namespace SymbiosisOptimizer.Tests.Assessment;

public class BusinessCaseTests
{
    public class Formulas
    {
        // Two equal flows of 60 repaying 100: NPV at 10 % = -100 + 60/1.1 + 60/1.21 = 4.1322314;
        // IRR solves 60/(1+r) + 60/(1+r)^2 = 100, i.e. r = (-0.4 + sqrt(0.16 + 2.4)) / 2 - ... = 0.1306624.
        [Fact]
        public void Should_match_textbook_npv_irr_and_payback()
        {
            double[] flows = [60, 60];
            Assert.Equal(4.1322314, BusinessCases.Npv(0.10, 100, flows), 6);
            Assert.Equal(0.1306624, BusinessCases.Irr(100, flows)!.Value, 6);
            Assert.Equal(1 + (40.0 / 60), BusinessCases.Payback(100, flows)!.Value, 9);
        }

        // 10 + 10 never repays 100: no payback, and the IRR is negative: with u = 1 + r, 100 u^2 - 10 u - 10 = 0 gives r = -0.6298438.
        [Fact]
        public void Should_have_no_payback_and_a_negative_irr_when_the_investment_never_returns()
        {
            double[] flows = [10, 10];
            Assert.Null(BusinessCases.Payback(100, flows));
            Assert.Equal(-0.6298438, BusinessCases.Irr(100, flows)!.Value, 6);
        }
    }

    public class TinyModel
    {
        private readonly Domain.Model.Region region = TestPaths.Load(TestPaths.Fixture("tiny"));

        // Hand solution: 5000 t/yr of sand saves 300 + 744 SEK/t of landfill and 115 SEK/t of aggregate, costs 60 SEK/t of
        // trucking; the reuse permit (100 kSEK) takes 1 of the 10 years, so nothing flows in year 1.
        [Fact]
        public void Should_delay_the_foundry_cash_flow_by_the_permit_lead_time()
        {
            var result = ExchangeOptimizer.Optimize(region);
            var foundry = BusinessCases.ForActors(region, result).Single(c => c.Id == "foundry");
            Assert.Equal(0, foundry.Investment, 6);
            Assert.Equal(0, foundry.AnnualCashFlows[0], 3);
            Assert.All(foundry.AnnualCashFlows.Skip(1), cf => Assert.Equal(5000 * 1044.0, cf, 3));
            Assert.Equal(0.0, foundry.PaybackYears); // nothing to repay
        }

        [Fact]
        public void Should_give_the_exchange_its_permit_as_investment_and_a_positive_npv()
        {
            var result = ExchangeOptimizer.Optimize(region);
            var exchange = BusinessCases.ForExchanges(region, result).Single();
            Assert.Equal(100_000, exchange.Investment, 6);
            Assert.Equal(0, exchange.AnnualCashFlows[0], 6);
            Assert.Equal(5000 * 1099.0, exchange.AnnualCashFlows[1], 3);
            var expected = -100_000 + Enumerable.Range(2, 9).Sum(t => 5000 * 1099.0 / Math.Pow(1.05, t));
            Assert.Equal(expected, exchange.Npv, 3);
        }

        [Fact]
        public void Should_keep_the_undiscounted_total_equal_to_the_horizon_average()
        {
            var result = ExchangeOptimizer.Optimize(region);
            foreach (var c in BusinessCases.ForActors(region, result))
            {
                var actor = result.Actors.Single(a => a.Id == c.Id);
                var annualisedInvestment = c.Investment * region.Economics.CapitalRecoveryFactor;
                Assert.Equal((actor.NetBenefit + annualisedInvestment) * 10, c.AnnualCashFlows.Sum(), 3);
            }
        }
    }
}
