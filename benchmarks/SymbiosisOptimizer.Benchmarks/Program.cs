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

if (args.Length > 0 && args[0] == "profile-blocks")
{
    var sizes = args.Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).DefaultIfEmpty(300).ToList();
    ScaleInstances.ProfileBlocks(sizes, Console.Out);
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

if (args.Length > 0 && args[0] == "solve-mps")
{
    var mb = new Google.OrTools.ModelBuilder.Model();
    Console.WriteLine(mb.ImportFromMpsFile(args[1]));
    Console.WriteLine(mb.VariablesCount());
    var solver = new Google.OrTools.ModelBuilder.Solver(args[2]);
    if (args.Length > 3)
    {
        solver.SetSolverSpecificParameters(args[3].Replace(";", "\n", StringComparison.Ordinal));
    }

    solver.EnableOutput(args.Length > 4);
    var sw = System.Diagnostics.Stopwatch.StartNew();
    var st = solver.Solve(mb);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{args[2]} {st} obj {solver.ObjectiveValue} bound {solver.BestObjectiveBound} in {sw.Elapsed.TotalSeconds:0.000} s"));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ScaleInstances).Assembly).Run(args);
