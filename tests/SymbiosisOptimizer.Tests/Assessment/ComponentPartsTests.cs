using SymbiosisOptimizer.Assessment.Coalitions;
using SymbiosisOptimizer.Assessment.Sharing;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Scenarios;
using SymbiosisOptimizer.Scenarios.Generation;

namespace SymbiosisOptimizer.Tests.Assessment;

/// <summary>
/// A component whose model falls into independent blocks is valued as the sum of its parts. These tests solve the
/// same coalitions directly and through the parts, on the generated 50-actor region of the benchmarks.
/// </summary>
public sealed class ComponentPartsTests : IClassFixture<ComponentPartsTests.Generated>
{
    private readonly RegionGame game;

    public ComponentPartsTests(Generated generated)
    {
        ArgumentNullException.ThrowIfNull(generated);
        game = generated.Game;
    }

    /// <summary>Built once: the region game, with its components' grand coalitions solved.</summary>
    public sealed class Generated
    {
        public Generated()
        {
            var dir = Directory.CreateTempSubdirectory("parts-");
            try
            {
                var file = Path.Combine(dir.FullName, "scenario.yaml");
                File.WriteAllText(file, InstanceGenerator.Generate(new GeneratorOptions(50, 8, 1)));
                Game = RegionGame.Build(ScenarioLoader.Load(file).Region!, new SolveOptions());
            }
            finally
            {
                dir.Delete(recursive: true);
            }
        }

        public RegionGame Game { get; }
    }

    private static double SumOfParts(GameComponent component, ulong mask) =>
        component.Parts.Sum(p => p.Game.Value(new GamePart(p.Members, CooperativeGame.FromOracle(p.Game.Players, _ => 0)).Project(mask)));

    [Fact]
    public void Should_split_the_large_component_into_parts_small_enough_for_exact_values()
    {
        var large = game.Components.MaxBy(c => c.Players.Length)!;

        Assert.Equal(29, large.Players.Length);
        Assert.True(large.Parts.Length > 1);
        Assert.All(large.Parts, p => Assert.True(p.Game.Players.Length <= 12, $"a part of {p.Game.Players.Length} actors"));
        Assert.True(RegionSharing.Game(large, 12, 2000).HasExactShapley);
    }

    [Fact]
    public void Should_count_the_coalitions_its_links_connect()
    {
        foreach (var component in game.Components.Where(c => c.Players.Length <= 12))
        {
            var links = component.Links;
            int n = component.Players.Length;
            int connected = 0;
            for (ulong mask = 1; mask < 1UL << n; mask++)
            {
                // Grow from the lowest member along links inside the mask; connected when it reaches every member.
                ulong reached = mask & (~mask + 1);
                for (ulong grown = 0; grown != reached;)
                {
                    grown = reached;
                    for (int i = 0; i < n; i++)
                    {
                        if ((reached & (1UL << i)) != 0)
                        {
                            reached |= links[i] & mask;
                        }
                    }
                }

                connected += reached == mask ? 1 : 0;
            }

            Assert.Equal(connected, component.ConnectedCoalitions(1_000_000));
            Assert.Equal(11, component.ConnectedCoalitions(10));
        }
    }

    [Fact]
    public void Should_value_random_coalitions_of_the_large_component_as_the_sum_of_their_parts()
    {
        var large = game.Components.MaxBy(c => c.Players.Length)!;
        var tolerance = GameComponent.AdditivityTolerance(new SolveOptions(), large.CounterfactualObjective);
        var random = new Random(17);
        int valued = 0;
        for (int k = 0; k < 40; k++)
        {
            // Dense coalitions: sparse ones split into linked pieces and would rarely reach across parts.
            ulong mask = 0;
            for (int i = 0; i < large.Players.Length; i++)
            {
                if (random.NextDouble() < 0.3 + (0.6 * k / 40.0))
                {
                    mask |= 1UL << i;
                }
            }

            double direct = large.Value(mask);
            Assert.True(Math.Abs(direct - SumOfParts(large, mask)) <= tolerance, $"coalition {mask}: {direct} directly, {SumOfParts(large, mask)} by parts");
            valued += direct != 0 ? 1 : 0;
        }

        Assert.True(valued > 30, $"only {valued} coalitions with a value");
    }

    [Fact]
    public void Should_give_a_small_split_component_the_same_table_and_Shapley_value_as_direct_solves()
    {
        var small = game.Components.Single(c => c.Players.Length <= 12 && c.Parts.Length > 1);
        int n = small.Players.Length;
        var tolerance = GameComponent.AdditivityTolerance(new SolveOptions(), small.CounterfactualObjective);

        var byParts = small.AllValues(2);
        var direct = Enumerable.Range(0, 1 << n).Select(m => small.Value((ulong)m)).ToArray();

        for (int m = 0; m < direct.Length; m++)
        {
            Assert.True(Math.Abs(direct[m] - byParts[m]) <= tolerance, $"coalition {m}: {direct[m]} directly, {byParts[m]} by parts");
        }

        var parts = CooperativeGame.FromParts(small.Players, small.Parts.Select(p =>
            new GamePart(p.Members, CooperativeGame.FromValues(p.Game.Players, p.Game.AllValues(1)))));
        var expected = Shapley.Exact(CooperativeGame.FromValues(small.Players, direct));
        var actual = Shapley.Exact(parts);
        for (int i = 0; i < n; i++)
        {
            Assert.True(Math.Abs(expected.Amounts[i] - actual.Amounts[i]) <= tolerance, $"player {i}: {expected.Amounts[i]} against {actual.Amounts[i]}");
        }

        Assert.Equal(small.Value(small.FullMask), actual.Total, 6);
    }
}
