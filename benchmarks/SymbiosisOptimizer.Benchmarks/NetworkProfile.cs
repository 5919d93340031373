using System.Diagnostics;
using System.Globalization;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Benchmarks;

/// <summary>
/// `profile-network SCENARIO_FILE [REPETITIONS]`: the candidate network built by the all-pairs loop and by the nearby
/// index in one process, alternated, with the thread's CPU time beside the wall time (this machine is shared), and
/// whether the two networks have the same arcs, pruned counts and pairs considered.
/// </summary>
internal static class NetworkProfile
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Run(string path, int repetitions, TextWriter o)
    {
        var region = ScenarioLoader.Load(path).Region!;
        o.WriteLine("| pass | search | wall | CPU | pairs considered | arcs | same network |");
        o.WriteLine("|---|---|---|---|---|---|---|");
        for (var pass = 1; pass <= repetitions; pass++)
        {
            CandidateNetwork? reference = null;
            foreach (var search in new[] { CandidateSearch.AllPairs, CandidateSearch.Nearby })
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                var network = CandidateNetworkBuilder.Build(region, search);
                var wall = clock.Elapsed.TotalSeconds;
                var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                reference ??= network;
                var same = network.Arcs.SequenceEqual(reference.Arcs) && network.Pruned.SequenceEqual(reference.Pruned) && network.Considered == reference.Considered;
                o.WriteLine(string.Create(Inv, $"| {pass} | {search} | {wall:0.000} s | {used:0.000} s | {network.Considered:#,##0} | {network.Arcs.Length:#,##0} | {(same ? "yes" : "NO")} |"));
            }
        }
    }
}
