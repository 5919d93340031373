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

BenchmarkSwitcher.FromAssembly(typeof(ScaleInstances).Assembly).Run(args);
