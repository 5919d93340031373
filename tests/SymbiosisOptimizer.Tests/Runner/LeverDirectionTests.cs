using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Domain.Parameters;
using static SymbiosisOptimizer.Tests.Runner.RunnerFixtures;

namespace SymbiosisOptimizer.Tests.Runner;

/// <summary>Each policy lever moves the optimum in the direction economics predicts, on the bundled scenario.</summary>
public class LeverDirectionTests
{
    private static double Gain(Region r) => Solving.Optimize(r, Exact).Kpis!.ObjectiveGain;

    private static Region Set(string path, double value)
    {
        Assert.True(RegionParameter.TryResolve(Varmland, path, out var p, out var error), error);
        return p.Set(Varmland, value);
    }

    private static Arbitrary<(int Low, int High)> Pair(int max) =>
        (from a in Gen.Choose(0, max) from b in Gen.Choose(0, max) select (Math.Min(a, b), Math.Max(a, b))).ToArbitrary();

    [Property(MaxTest = 5)]
    public Property Should_never_landfill_more_under_a_higher_landfill_tax() =>
        Prop.ForAll(Pair(2000), t =>
        {
            var low = Solving.Optimize(Set("policies.landfillTax", t.Low), Exact).Kpis!;
            var high = Solving.Optimize(Set("policies.landfillTax", t.High), Exact).Kpis!;

            // Today's landfilled tonnes do not depend on the tax, so landfilling falls exactly when landfill avoided rises.
            return high.LandfillAvoided >= low.LandfillAvoided - 1e-6;
        });

    [Property(MaxTest = 5)]
    public Property Should_never_lower_the_gain_when_a_permit_lead_time_is_zero() =>
        Prop.ForAll(Gen.Elements(Varmland.Permits.Select(p => p.Id).ToArray()).ToArbitrary(), Gen.Choose(0, 50).ToArbitrary(), (id, tenths) =>
        {
            var withDelay = Gain(Set($"permits.{id}.leadTime", tenths / 10.0));
            var without = Gain(Set($"permits.{id}.leadTime", 0));
            return without >= withDelay - Tolerance(withDelay);
        });

    [Property(MaxTest = 4)]
    public Property Should_never_lower_the_gain_under_a_higher_investment_subsidy() =>
        Prop.ForAll(Pair(90), s =>
        {
            var low = Gain(Set("policies.investmentSubsidy", s.Low / 100.0));
            var high = Gain(Set("policies.investmentSubsidy", s.High / 100.0));
            return high >= low - Tolerance(low);
        });

    [Fact]
    public void Should_never_lower_the_gain_with_end_of_waste_status()
    {
        var baseGain = Gain(Varmland);
        foreach (var r in Varmland.Resources.Where(r => r.WasteStatus == WasteStatus.Waste))
        {
            var eow = Varmland with { Policies = Varmland.Policies with { EndOfWaste = Varmland.Policies.EndOfWaste.Add(r.Id) } };
            Assert.True(Gain(eow) >= baseGain - Tolerance(baseGain), $"end-of-waste for {r.Id} lowered the gain");
        }
    }

    [Fact]
    public void Should_leave_the_base_region_unchanged_when_a_parameter_is_set()
    {
        var before = Varmland.Policies.LandfillTax.Value;
        var changed = Set("policies.landfillTax", before + 500);
        Assert.Equal(before, Varmland.Policies.LandfillTax.Value);
        Assert.Equal(before + 500, changed.Policies.LandfillTax.Value);
        Assert.Equal(Varmland.Supplies, changed.Supplies);
    }
}
