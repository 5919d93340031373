using System.CommandLine;
using System.Text;
using SymbiosisOptimizer.Scenarios.Generation;

namespace SymbiosisOptimizer.Cli;

internal static class GenerateCommand
{
    /// <summary>Far beyond any benchmark here (the scenario loader's own limits refuse larger files anyway).</summary>
    public const int MaxActors = 1_000_000;

    public const int MaxResources = 10_000;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var actors = new Option<int>("--actors") { Description = "Number of actors", Required = true };
        var resources = new Option<int>("--resources") { Description = "Number of resource families (by-product + the product it replaces)", DefaultValueFactory = _ => 8 };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same file", DefaultValueFactory = _ => 1 };
        var pureFlow = new Option<bool>("--pure-flow") { Description = "A pure transportation problem (no fixed costs, plants, permits or quality limits) for the min-cost-flow back-end" };
        var outDir = new Option<string>("--out", "-o") { Description = "Folder to write scenario.yaml into", Required = true };
        var towns = new Option<int?>("--towns") { Description = "Town centres the actors cluster around (default: one per 60 actors); 1 gives one dense linked group" };
        var cmd = new Command("generate", "Write a synthetic, valid scenario of any size (actors clustered around Swedish towns) for benchmarks")
        {
            actors, resources, seed, pureFlow, outDir, towns,
        };
        cmd.SetAction(parse =>
        {
            var n = parse.GetValue(actors);
            var r = parse.GetValue(resources);
            if (!RunnerCommon.InRange("--actors", n, 2, MaxActors, stderr) || !RunnerCommon.InRange("--resources", r, 1, MaxResources, stderr)
                || !RunnerCommon.InRange("--seed", parse.GetValue(seed), 0, int.MaxValue, stderr)
                || (parse.GetValue(towns) is { } t && !RunnerCommon.InRange("--towns", t, 1, InstanceGenerator.MaxTowns, stderr)))
            {
                return ExitCodes.Usage;
            }

            var dir = parse.GetValue(outDir)!;
            Interrupt.Doing($"generate of {n} actors");
            return RunnerCommon.WithOutput(dir, "generate", [], stderr, folder =>
            {
                var yaml = InstanceGenerator.Generate(new GeneratorOptions(n, r, parse.GetValue(seed), parse.GetValue(pureFlow), parse.GetValue(towns)));
                if (!RunnerCommon.Publish(folder, true, staging => File.WriteAllText(Path.Combine(staging, "scenario.yaml"), yaml, new UTF8Encoding(false)), stderr, out var failure))
                {
                    return failure;
                }

                stdout.WriteLine($"Wrote {Path.Combine(dir, "scenario.yaml")} ({n} actors, {r} resource families, seed {parse.GetValue(seed)}).");
                return ExitCodes.Ok;
            });
        });
        return cmd;
    }
}
