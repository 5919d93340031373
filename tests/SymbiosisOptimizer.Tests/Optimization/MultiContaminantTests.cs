using SymbiosisOptimizer.Optimization;

namespace SymbiosisOptimizer.Tests.Optimization;

/// <summary>Several contaminants in one water-using operation (issue 20), worked out by hand in the fixture's header.</summary>
public sealed class MultiContaminantTests
{
    [Fact]
    public void Two_contaminants_take_the_flow_the_binding_one_needs_and_report_both_outlet_concentrations()
    {
        var r = TestRepo.Optimize(TestRepo.Load("water-two-contaminants"));

        // a binds: 2 kg/h at 100 ppm needs 20 t/h = 175 200 t/yr of fresh water; b then leaves at 1 kg/h / 20 t/h = 50 ppm.
        Assert.Equal(ResultStatus.Optimal, r.Status);
        var wash = Assert.Single(r.Processes);
        Assert.Equal(175_200, wash.Throughput, 3);
        var a = Assert.Single(wash.Outlet, o => o.Property == "a");
        var b = Assert.Single(wash.Outlet, o => o.Property == "b");
        Assert.Equal(100e-6, a.Limit, 12);
        Assert.Equal(100e-6, a.Actual, 12);
        Assert.Equal(50e-6, b.Actual, 12);
        Assert.True(wash.Outlet.All(o => o.Actual <= o.Limit * (1 + 1e-9)), "every contaminant within its outlet limit");
    }
}
