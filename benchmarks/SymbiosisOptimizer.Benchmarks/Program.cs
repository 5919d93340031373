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

BenchmarkSwitcher.FromAssembly(typeof(ScaleInstances).Assembly).Run(args);
