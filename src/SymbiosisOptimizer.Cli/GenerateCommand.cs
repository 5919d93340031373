using System.CommandLine;
using System.Text;
using SymbiosisOptimizer.Scenarios.Generation;

namespace SymbiosisOptimizer.Cli;

internal static class GenerateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var actors = new Option<int>("--actors") { Description = "Number of actors", Required = true };
        var resources = new Option<int>("--resources") { Description = "Number of resource families (by-product + the product it replaces)", DefaultValueFactory = _ => 8 };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same file", DefaultValueFactory = _ => 1 };
        var pureFlow = new Option<bool>("--pure-flow") { Description = "A pure transportation problem (no fixed costs, plants, permits or quality limits) for the min-cost-flow back-end" };
        var outDir = new Option<string>("--out", "-o") { Description = "Folder to write scenario.yaml into", Required = true };
        var cmd = new Command("generate", "Write a synthetic, valid scenario of any size (actors clustered around Swedish towns) for benchmarks")
        {
            actors, resources, seed, pureFlow, outDir,
        };
        cmd.SetAction(parse =>
        {
            var n = parse.GetValue(actors);
            var r = parse.GetValue(resources);
            if (n < 2 || r < 1)
            {
                stderr.WriteLine("error: --actors must be at least 2 and --resources at least 1");
                return ExitCodes.Usage;
            }

            var yaml = InstanceGenerator.Generate(new GeneratorOptions(n, r, parse.GetValue(seed), parse.GetValue(pureFlow)));
            var dir = parse.GetValue(outDir)!;
            try
            {
                Directory.CreateDirectory(dir);
                var file = Path.Combine(dir, "scenario.yaml");
                File.WriteAllText(file, yaml, new UTF8Encoding(false));
                stdout.WriteLine($"Wrote {file} ({n} actors, {r} resource families, seed {parse.GetValue(seed)}).");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: cannot write to '{dir}': {ex.Message}");
                return ExitCodes.OutputFailed;
            }

            return ExitCodes.Ok;
        });
        return cmd;
    }
}
