using System.Diagnostics;
using System.Globalization;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Modeling;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Scenarios;
using SymbiosisOptimizer.Scenarios.Generation;

namespace SymbiosisOptimizer.Benchmarks;

/// <summary>Generated instances written to a temporary folder, shared by the scale benchmarks and the stage profile.</summary>
internal static class ScaleInstances
{
    public const int Resources = 8;
    public const int Seed = 1;

    public static string Write(int actors, bool pureFlow = false, int? towns = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "symbiosis-bench", $"{actors}-{Resources}-{Seed}{(pureFlow ? "-flow" : string.Empty)}{(towns is { } t ? $"-towns{t}" : string.Empty)}");
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "scenario.yaml");
        File.WriteAllText(file, InstanceGenerator.Generate(new GeneratorOptions(actors, Resources, Seed, pureFlow, towns)));
        return file;
    }

    public static Region Load(string file)
    {
        var load = ScenarioLoader.Load(file);
        return load.Region ?? throw new InvalidOperationException(string.Join(Environment.NewLine, load.Diagnostics));
    }

    /// <summary>Parse -> optimise -> results.json, as `symbiosis run` does.</summary>
    public static double EndToEnd(string file, SolveOptions options)
    {
        var load = ScenarioLoader.Load(file);
        var region = load.Region ?? throw new InvalidOperationException("invalid");
        var result = ExchangeOptimizer.Optimize(region, new OptimizeOptions(options));
        var json = ResultsJson.Serialize(region, new RunProvenance(load.SourceFile, load.ScenarioName, load.AppliedOverrides), result);
        AtomicFile.WriteAllText(Path.Combine(Path.GetDirectoryName(file)!, "out", "results.json"), json, []);
        return result.Solve.Objective;
    }

    /// <summary>
    /// `dotnet run -c Release -- profile 50 200 1000` times each stage once (after a warm-up on the smallest size)
    /// with a stopwatch: a quick profile of where the time goes, without BenchmarkDotNet's repetitions.
    /// </summary>
    public static void Profile(IEnumerable<int> sizes, double timeLimit, TextWriter output)
    {
        var options = new SolveOptions(SolverKind.Scip, timeLimit, 5e-3);
        EndToEnd(Write(20), options);
        output.WriteLine("| actors | parse+validate | network build (arcs) | model build (rows x cols, binaries) | SCIP to 0.5 % (status, gap) | CBC to 0.5 % | GLOP LP relaxation | end to end (SCIP) | min-cost flow (pure-flow instance: build + solve) |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var n in sizes)
        {
            var file = Write(n);
            var (_, network, ctx, tParse, tNet, tModel) = BuildTimed(file);
            var scip = OrToolsSolver.Solve(ctx.Model, options, SolverKind.Scip);
            var cbc = OrToolsSolver.Solve(ctx.Model, options, SolverKind.Cbc);
            var glop = OrToolsSolver.Solve(ctx.Model, options, SolverKind.Glop);
            var sw = Stopwatch.StartNew();
            EndToEnd(file, options);
            var tE2E = sw.Elapsed.TotalSeconds;
            var flowFile = Write(n, pureFlow: true);
            var flowRegion = Load(flowFile);
            sw.Restart();
            var flowCtx = ExchangeFormulation.Build(flowRegion, CandidateNetworkBuilder.Build(flowRegion), new FormulationOptions());
            var flowBuild = sw.Elapsed.TotalSeconds;
            var flow = MinCostFlowSolver.WhyNotApplicable(flowCtx) is null ? MinCostFlowSolver.Solve(flowCtx) : null;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {n} | {tParse:0.000} s | {tNet:0.000} s ({network.Arcs.Length}) | {tModel:0.000} s ({ctx.Model.Rows.Count} x {ctx.Model.Variables.Count}, {ctx.Model.BinaryCount}) | " +
                $"{Show(scip)} | {Show(cbc)} | {Show(glop)} | {tE2E:0.000} s | {(flow is null ? "n/a" : $"{flowBuild:0.000} s + {flow.Seconds:0.000} s")} |"));
        }

        static string Show(SolveOutcome o) => string.Create(CultureInfo.InvariantCulture, $"{o.Seconds:0.000} s ({o.Termination}, {o.GapText})");
    }

    /// <summary>Parse, network and model of one instance, each stage timed with a stopwatch.</summary>
    internal static (Region Region, CandidateNetwork Network, ExchangeModel Ctx, double ParseSeconds, double NetworkSeconds, double ModelSeconds) BuildTimed(string file)
    {
        var sw = Stopwatch.StartNew();
        var region = Load(file);
        var tParse = sw.Elapsed.TotalSeconds;
        sw.Restart();
        var network = CandidateNetworkBuilder.Build(region);
        var tNet = sw.Elapsed.TotalSeconds;
        sw.Restart();
        var ctx = ExchangeFormulation.Build(region, network, new FormulationOptions());
        return (region, network, ctx, tParse, tNet, sw.Elapsed.TotalSeconds);
    }

    /// <summary>`profile-build 1000 5000`: the stages before the MILP (parse, network, model), then the block solve to 0.5 % within 60 s.</summary>
    public static void ProfileBuild(IEnumerable<int> sizes, TextWriter output)
    {
        _ = Load(Write(20));
        output.WriteLine("| actors | generate | parse+validate | network build (arcs) | model build (rows x cols, binaries; screened arcs) | independent blocks (largest: binaries) | block solve, SCIP to 0.5 %, 60 s limit (status, gap) | build + block solve |");
        output.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var n in sizes)
        {
            var sw = Stopwatch.StartNew();
            var file = Write(n);
            var tGen = sw.Elapsed.TotalSeconds;
            var (_, network, ctx, tParse, tNet, tModel) = BuildTimed(file);
            var blocks = ModelBlocks.Split(ctx.Model);
            var solve = BlockSolver.Solve(ctx.Model, new SolveOptions(SolverKind.Scip, 60, 5e-3), SolverKind.Scip);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {n} | {tGen:0.000} s | {tParse:0.000} s | {tNet:0.000} s ({network.Arcs.Length}) | {tModel:0.000} s ({ctx.Model.Rows.Count} x {ctx.Model.Variables.Count}, {ctx.Model.BinaryCount}; {ctx.ScreenedArcs}) | " +
                $"{solve.Blocks} ({blocks.Max(b => b.Binaries)}) | {solve.Seconds:0.000} s ({solve.Termination}, {solve.GapText}) | {tParse + tNet + tModel + solve.Seconds:0.000} s |"));
        }
    }

    /// <summary>`profile-blocks 300 1000`: how the MILP splits into independent blocks, and each large block's solve.</summary>
    public static void ProfileBlocks(IEnumerable<int> sizes, TextWriter output)
    {
        foreach (var n in sizes)
        {
            var region = Load(Write(n));
            var network = CandidateNetworkBuilder.Build(region);
            var ctx = ExchangeFormulation.Build(region, network, new FormulationOptions());
            var sw = Stopwatch.StartNew();
            var blocks = ModelBlocks.Split(ctx.Model);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{n} actors: {ctx.Model.Variables.Count} cols, {ctx.Model.BinaryCount} binaries, {blocks.Length} blocks ({blocks.Count(b => b.Binaries > 0)} with binaries), split in {sw.Elapsed.TotalSeconds:0.000} s"));
            foreach (var b in blocks.OrderByDescending(b => b.Binaries).Take(2))
            {
                var arcs = b.Columns.Select(c => ctx.ArcOfColumn[c]).Where(a => a >= 0).Select(a => network.Arcs[a]).ToList();
                var modes = arcs.GroupBy(a => a.ModeId ?? "on-site", StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Count()}");
                var srcs = arcs.Select(a => network.Sources[a.Source].Id).Distinct(StringComparer.Ordinal).Take(3);
                output.WriteLine($"  big block {b.Binaries} bin: {string.Join(", ", modes)}; sources e.g. {string.Join(", ", srcs)}");
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  screened {ctx.ScreenedArcs} arcs, {ctx.ScreenedPlants} plants"));
            var file = Write(n);
            for (var rep = 0; rep < 3; rep++)
            {
                var opts = new SolveOptions(SolverKind.Auto, 60, 5e-3);
                sw.Restart();
                var load = ScenarioLoader.Load(file);
                var tParse = sw.Elapsed.TotalSeconds;
                var net = CandidateNetworkBuilder.Build(load.Region!);
                var tNet = sw.Elapsed.TotalSeconds;
                var cfCtx = ExchangeFormulation.Build(load.Region!, net, FormulationOptions.Counterfactual());
                var tCfBuild = sw.Elapsed.TotalSeconds;
                var cf = SolverDispatch.Solve(cfCtx, opts with { Solver = SolverKind.Glop });
                var tCf = sw.Elapsed.TotalSeconds;
                var mainCtx = ExchangeFormulation.Build(load.Region!, net, new FormulationOptions());
                var tBuild = sw.Elapsed.TotalSeconds;
                var main = SolverDispatch.Solve(mainCtx, opts);
                var tMain = sw.Elapsed.TotalSeconds;
                var result = ExchangeOptimizer.Optimize(load.Region!, new OptimizeOptions(opts), net);
                var tAll = sw.Elapsed.TotalSeconds;
                var json = ResultsJson.Serialize(load.Region!, new RunProvenance(load.SourceFile, load.ScenarioName, load.AppliedOverrides), result);
                var tJson = sw.Elapsed.TotalSeconds;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  parse {tParse:0.000} net {tNet - tParse:0.000} cfbuild {tCfBuild - tNet:0.000} cf {tCf - tCfBuild:0.000} build {tBuild - tCf:0.000} main {tMain - tBuild:0.000} ({main.Outcome.Blocks} bundles, gap {main.Outcome.Gap:P3}, {main.Outcome.Solution}) optimize-again {tAll - tMain:0.000} json {tJson - tAll:0.000}"));
                sw.Restart();
                EndToEnd(file, opts);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  end to end {sw.Elapsed.TotalSeconds:0.000} s"));
            }
        }
    }
}
