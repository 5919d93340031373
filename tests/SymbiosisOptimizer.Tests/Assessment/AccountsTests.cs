using FsCheck.Xunit;
using System.Collections.Immutable;
using SymbiosisOptimizer.Assessment.Accounts;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Domain.Quantities;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Tests.Optimization;

namespace SymbiosisOptimizer.Tests.Assessment;

/// <summary>
/// The firms', public budget's and society's accounts. Expected values come from the hand calculation in the header
/// of tests/fixtures/accounts/scenario.yaml.
/// </summary>
public sealed class AccountsTests
{
    private static SocietyAccounts AccountsOf(string? scenario = null)
    {
        var region = TestRepo.Load("accounts", scenario);
        var result = TestRepo.Optimize(region);
        Assert.Equal(ResultStatus.Optimal, result.Status);
        return Accounts.Of(region, result)!;
    }

    [Fact]
    public void Each_account_equals_the_hand_calculation()
    {
        var a = AccountsOf();
        Assert.Equal(700_000, a.Firms, 3);
        Assert.Equal(-500_000, a.PublicBudget.LandfillTax, 3);
        Assert.Equal(0, a.PublicBudget.IncinerationTax, 3);
        Assert.Equal(-30_000, a.PublicBudget.Subsidies, 3);
        Assert.Equal(-530_000, a.PublicBudget.State, 3);
        Assert.Equal(90_000, a.PublicBudget.Municipalities, 3);
        Assert.Equal(-440_000, a.PublicBudget.Total, 3);
        Assert.Equal(10, a.Externalities.Co2Avoided, 6);
        Assert.Equal(1_000, a.Externalities.SocialCo2Value, 9);
        Assert.Equal(10_000, a.Externalities.Total, 3);
        Assert.Equal(260_000, a.ResourceSavings, 3);
        Assert.Equal(270_000, a.Society, 3);
        Assert.True(Math.Abs(a.IdentityResidual) < 1, $"society = firms + public budget + externalities, off by {a.IdentityResidual}");
    }

    [Fact]
    public void A_scenario_that_only_has_a_tax_loses_tax_revenue_and_pays_no_subsidy()
    {
        var a = AccountsOf("only-tax");
        Assert.Equal(-500_000, a.PublicBudget.LandfillTax, 3);
        Assert.Equal(0, a.PublicBudget.Subsidies, 3);
        Assert.Equal(-500_000, a.PublicBudget.State, 3);
    }

    [Fact]
    public void A_scenario_that_only_pays_a_subsidy_costs_the_state_the_subsidy_and_collects_no_tax()
    {
        var a = AccountsOf("only-subsidy");
        Assert.Equal(0, a.PublicBudget.LandfillTax, 3);
        Assert.Equal(-30_000, a.PublicBudget.Subsidies, 3);
        Assert.Equal(-30_000, a.PublicBudget.State, 3);
    }

    [Fact]
    public void A_scenario_that_only_mandates_procurement_moves_no_state_money()
    {
        var a = AccountsOf("only-mandate");
        Assert.Equal(0, a.PublicBudget.State, 3);

        // The crushed aggregate is cheaper for the buyer than virgin (it saves 100 - 10 SEK/t), so the mandate costs
        // the public buyer nothing: its premium is minus what it saves, -90 000.
        Assert.Equal(-90_000, a.PublicBudget.ProcurementPremium, 3);
        Assert.Equal(90_000, a.PublicBudget.Municipalities, 3);
    }

    [Fact]
    public void Against_base_a_removed_subsidy_moves_money_from_firms_to_the_state_and_costs_society_nothing()
    {
        // Base (tax 500, subsidy 30 %) and only-tax (no subsidy) choose the same plan (without the subsidy the crusher
        // still saves 1 000 x 860 - 100 000 = 760 000 SEK/yr): the contractor pays the 30 000 SEK/yr the state no
        // longer pays, and no real cost changes. Removing the tax in only-subsidy changes nothing at all: in both
        // plans no tonne is landfilled, so no tax is paid either way.
        var variants = new[] { "base", "only-tax", "only-subsidy" }
            .Select(n => Solving.Solve(n, [], TestRepo.Load("accounts", n == "base" ? null : n), new SolveOptions()))
            .ToImmutableArray();
        var c = Comparison.Compare(variants);
        var noSubsidy = c.Scenarios[1].Effect!;
        Assert.Equal(-30_000, noSubsidy.Firms, 3);
        Assert.Equal(30_000, noSubsidy.Subsidies, 3);
        Assert.Equal(30_000, noSubsidy.State, 3);
        Assert.Equal(0, noSubsidy.Society, 3);
        Assert.Null(noSubsidy.SocietyCostPerTonneCo2.Value);
        var noTax = c.Scenarios[2].Effect!;
        Assert.Equal(0, noTax.Firms, 3);
        Assert.Equal(0, noTax.State, 3);
        Assert.Equal(0, noTax.Society, 3);
    }

    [Theory]
    [InlineData("varmland-dalarna")]
    [InlineData("kalundborg")]
    [InlineData("kronoberg-kalmar-water")]
    [InlineData("lidkoping")]
    public void The_identity_holds_to_the_krona_on_every_bundled_scenario(string scenario)
    {
        var region = TestPaths.Load(TestPaths.Scenario(scenario));
        var result = TestRepo.Optimize(region);
        var a = Accounts.Of(region, result)!;
        Assert.True(Math.Abs(a.IdentityResidual) < 1, $"{scenario}: off by {a.IdentityResidual}");

        // Firms and municipalities together are every actor: the region's net benefit.
        Assert.True(Math.Abs(a.Firms + a.PublicBudget.Municipalities - result.Kpis!.NetBenefit) < 1);
    }

    [Property(MaxTest = 40)]
    public bool The_identity_holds_to_the_krona_on_random_regions_with_taxes_and_subsidies(int seed)
    {
        var region = NetworkProperties.RandomRegion(seed, withSwitches: true, withProcesses: true, landfillTax: 500);
        var perTonne = region.Policies.LandfillTax.Dimension;
        region = region with
        {
            Policies = region.Policies with { IncinerationTax = new Quantity(100, perTonne), InvestmentSubsidy = 0.3 },
        };
        var result = TestRepo.Optimize(region);
        if (Accounts.Of(region, result) is not { } a)
        {
            return !result.HasSolution;
        }

        return Math.Abs(a.IdentityResidual) < 1 && Math.Abs(a.Firms + a.PublicBudget.Municipalities - result.Kpis!.NetBenefit) < 1;
    }
}
