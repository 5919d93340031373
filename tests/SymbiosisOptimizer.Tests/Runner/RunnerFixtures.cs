using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Tests.Runner;

/// <summary>Regions loaded once per test run: loading and validating YAML is slower than a solve of the tiny model.</summary>
internal static class RunnerFixtures
{
    private static readonly Lazy<Region> Bundled = new(() => TestPaths.Load(TestPaths.Scenario("varmland-dalarna")));
    private static readonly Lazy<Region> TinyRegion = new(() => TestPaths.Load(TestPaths.Fixture("tiny")));

    public static Region Varmland => Bundled.Value;

    public static Region Tiny => TinyRegion.Value;

    public static string VarmlandPath => TestPaths.Scenario("varmland-dalarna");

    public static string TinyPath => TestPaths.Fixture("tiny");

    /// <summary>Monotonicity holds for true optima; a closed gap keeps solver tolerance from blurring it.</summary>
    public static readonly SolveOptions Exact = new(RelativeGap: 1e-9);

    public static double Tolerance(double scale) => 1e-6 * Math.Max(1, Math.Abs(scale));
}
