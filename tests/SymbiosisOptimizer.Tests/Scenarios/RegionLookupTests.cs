namespace SymbiosisOptimizer.Tests.Scenarios;

public class RegionLookupTests
{
    // Coalition sub-regions are `with` copies of the full region; their lookups must not answer from the original.
    [Fact]
    public void Should_rebuild_lookups_for_a_copy_with_other_actors()
    {
        var region = TestPaths.Load(TestPaths.Fixture("tiny"));
        Assert.True(region.HasActor("roads"));
        var sub = region with { Actors = [.. region.Actors.Where(a => a.Id == "foundry")] };
        Assert.False(sub.HasActor("roads"));
        Assert.True(sub.HasActor("foundry"));
        Assert.True(region.HasActor("roads"));
    }
}
