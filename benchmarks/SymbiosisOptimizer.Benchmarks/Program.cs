using System.Globalization;
using BenchmarkDotNet.Running;
using SymbiosisOptimizer.Benchmarks;

if (args.Length > 0 && args[0] == "profile")
{
    var sizes = args.Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).DefaultIfEmpty(50).ToList();
    ScaleInstances.Profile(sizes, timeLimit: 60, Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "profile-build")
{
    var sizes = args.Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).DefaultIfEmpty(50).ToList();
    ScaleInstances.ProfileBuild(sizes, Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "profile-shapley")
{
    // profile-shapley ACTORS [MAX_PERMUTATIONS]
    var n = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
    var cap = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20_000;
    ShapleyBenchmark.Profile(n, cap, Console.Out);

    return;
}

if (args.Length > 0 && args[0] == "profile-sharing")
{
    // profile-sharing ACTORS [MIN_COMPONENT] [nucleolus|leastcore] [TOWNS]
    var n = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
    var min = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2;
    int? towns = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : null;
    SharingProfile.Profile(n, min, args.Length <= 3 || args[3] != "leastcore", Console.Out, towns);
    return;
}

if (args.Length > 0 && args[0] == "profile-separations")
{
    // profile-separations ACTORS MIN_COMPONENT [TOWNS] [MAX_SEPARATIONS]
    int? towns = args.Length > 3 && args[3] != "-" ? int.Parse(args[3], CultureInfo.InvariantCulture) : null;
    var cap = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 5000;
    SeparationProfile.Profile(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture), towns, new SymbiosisOptimizer.Assessment.Sharing.GenerationOptions(MaxSeparations: cap), Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "profile-coalition-solves")
{
    // profile-coalition-solves DIR [COALITIONS]
    CoalitionSolveProfile.Profile(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 400, Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "profile-separation-cuts")
{
    // profile-separation-cuts SCENARIO_DIR MIN_COMPONENT [LEAST_CORE_SEPARATIONS]
    SeparationCutsProfile.Profile(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0, Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "profile-stratified")
{
    // profile-stratified ACTORS [TARGET_PERCENT] [SAMPLES]
    var n = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
    var target = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 1.0;
    var samples = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2000;
    StratifiedProfile.Profile(n, target / 100, samples, Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "profile-blocks")
{
    var sizes = args.Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).DefaultIfEmpty(300).ToList();
    ScaleInstances.ProfileBlocks(sizes, Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "profile-sample")
{
    var region = ScaleInstances.Load(Path.Combine(args[1], "scenario.yaml"));
    var net = SymbiosisOptimizer.Optimization.Network.CandidateNetworkBuilder.Build(region);
    var opts = new SymbiosisOptimizer.Optimization.Solvers.SolveOptions();
    var t = new double[5];
    for (var i = 0; i < 300; i++)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var cfCtx = SymbiosisOptimizer.Optimization.Formulation.ExchangeFormulation.Build(region, net, SymbiosisOptimizer.Optimization.Formulation.FormulationOptions.Counterfactual());
        var a = sw.Elapsed.TotalMilliseconds;
        _ = SymbiosisOptimizer.Optimization.Solvers.SolverDispatch.Solve(cfCtx, opts with { Solver = SymbiosisOptimizer.Optimization.Solvers.SolverKind.Glop });
        var b = sw.Elapsed.TotalMilliseconds;
        var ctx = SymbiosisOptimizer.Optimization.Formulation.ExchangeFormulation.Build(region, net, new());
        var c = sw.Elapsed.TotalMilliseconds;
        var whole = SymbiosisOptimizer.Optimization.Solvers.OrToolsSolver.Solve(ctx.Model, opts, SymbiosisOptimizer.Optimization.Solvers.SolverKind.Scip);
        var d = sw.Elapsed.TotalMilliseconds;
        var blocks = SymbiosisOptimizer.Optimization.Solvers.SolverDispatch.Solve(ctx, opts);
        var e = sw.Elapsed.TotalMilliseconds;
        if (i >= 100)
        {
            t[0] += a; t[1] += b - a; t[2] += c - b; t[3] += d - c; t[4] += e - d;
        }

        if (i == 299)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"per sample (ms): cf build {t[0] / 200:0.00}, cf GLOP {t[1] / 200:0.00}, main build {t[2] / 200:0.00}, SCIP whole {t[3] / 200:0.00}, block solver {t[4] / 200:0.00} ({blocks.Outcome.Blocks} blocks, {blocks.Outcome.SolverName}); objective whole {whole.Objective:0.0} blocks {blocks.Outcome.Objective:0.0}"));
        }
    }

    return;
}

if (args.Length > 0 && args[0] == "profile-parse")
{
    var file = ScaleInstances.Write(int.Parse(args[1], CultureInfo.InvariantCulture));
    for (var i = 0; i < 30; i++)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        _ = SymbiosisOptimizer.Scenarios.ScenarioLoader.Load(file);
        if (i % 5 == 4)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sw.Elapsed.TotalMilliseconds:0.0} ms"));
        }
    }

    return;
}

if (args.Length > 0 && args[0] == "profile-e2e")
{
    // profile-e2e ACTORS [REPETITIONS]
    EndToEndProfile.Run(int.Parse(args[1], CultureInfo.InvariantCulture), args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20, Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "profile-bundle")
{
    // profile-bundle ACTORS "scip settings;..." ...
    BundleProfile.Run(int.Parse(args[1], CultureInfo.InvariantCulture), [.. args.Skip(2)], Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "profile-stages")
{
    // profile-stages ACTORS... [--time-limit S] [--chart FILE] [--why-not off]: every stage of `symbiosis run`, one process per size
    var limitAt = Array.IndexOf(args, "--time-limit");
    var chartAt = Array.IndexOf(args, "--chart");
    var sizes = args.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToList();
    var stagesWhyNotAt = Array.IndexOf(args, "--why-not");
    StageProfile.Run(sizes, limitAt > 0 ? double.Parse(args[limitAt + 1], CultureInfo.InvariantCulture) : 10, chartAt > 0 ? args[chartAt + 1] : null, Console.Out,
        stagesWhyNotAt > 0 ? args[stagesWhyNotAt + 1] : "auto");
    return;
}

if (args.Length > 0 && args[0] == "profile-stage")
{
    // profile-stage SCENARIO_FILE TIME_LIMIT: one size, one JSON line (called by profile-stages)
    StageProfile.RunOne(args[1], double.Parse(args[2], CultureInfo.InvariantCulture), Console.Out, args.Length > 3 ? args[3] : "auto");
    return;
}

if (args.Length > 0 && args[0] == "profile-lagrangian")
{
    // profile-lagrangian ACTORS [SECONDS] [BLOCKS]
    LagrangianProfile.Run(int.Parse(args[1], CultureInfo.InvariantCulture), args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 5, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2, Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "profile-repair")
{
    // profile-repair ACTORS [SECONDS] [BLOCKS]
    RepairProfile.Run(int.Parse(args[1], CultureInfo.InvariantCulture), args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 5, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2, Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "profile-giants")
{
    // profile-giants ACTORS [NODES] [BLOCKS] ["scip settings;..." ...]
    GiantProfile.Run(int.Parse(args[1], CultureInfo.InvariantCulture), args.Length > 2 ? long.Parse(args[2], CultureInfo.InvariantCulture) : 1, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2, args.Length > 4 ? args[4..] : [SymbiosisOptimizer.Optimization.Solvers.BlockSolver.ScipSettings], Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "profile-giant-lp")
{
    // profile-giant-lp ACTORS [REPEATS] [BLOCKS]
    GiantProfile.RunLpEngines(int.Parse(args[1], CultureInfo.InvariantCulture), args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2, Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "profile-giants-budget")
{
    // profile-giants-budget ACTORS "SECONDS,..." [BLOCKS]
    GiantProfile.RunBudgets(int.Parse(args[1], CultureInfo.InvariantCulture), [.. args[2].Split(',').Select(a => double.Parse(a, CultureInfo.InvariantCulture))], args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2, Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "profile-large")
{
    // profile-large ACTORS [TIME_LIMIT_SECONDS] [--solve-only]
    LargeProfile.Run(int.Parse(args[1], CultureInfo.InvariantCulture), args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 60, args.Contains("--solve-only"), Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "profile-network")
{
    // profile-network SCENARIO_FILE [REPETITIONS]: the candidate network, all pairs against the nearby index
    NetworkProfile.Run(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3, Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "profile-write")
{
    // profile-write SCENARIO_FILE [REPETITIONS]: report writing alone, repeated on one solved run, wall and CPU
    WriteProfile.Run(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3, Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "profile-model")
{
    // profile-model SCENARIO_FILE [REPETITIONS]: the main formulation rebuilt, with allocation and collections per pass
    ModelProfile.Run(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3, Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "profile-load")
{
    // profile-load SCENARIO_FILE [REPETITIONS]: the YAML read against the whole load
    LoadProfile.Run(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3, Console.Out);
    return;
}

if (args.Length > 0 && args[0] == "profile-run")
{
    // profile-run SCENARIO [REPETITIONS] [--why-not off] [--time-limit S]: each piece of `symbiosis run` timed, first pass against later ones
    var reps = args.Length > 2 && !args[2].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
    var whyNotAt = Array.IndexOf(args, "--why-not");
    var limitAt = Array.IndexOf(args, "--time-limit");
    RunProfile.Run(args[1], reps, whyNotAt > 0 ? args[whyNotAt + 1] : "auto", limitAt > 0 ? double.Parse(args[limitAt + 1], CultureInfo.InvariantCulture) : 60, Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ScaleInstances).Assembly).Run(args);
