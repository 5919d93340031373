using System.Diagnostics;
using System.Globalization;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Benchmarks;

/// <summary>
/// `profile-model SCENARIO_FILE [REPETITIONS]`: the main formulation built again and again from one loaded region and
/// network, with the process's CPU time, the bytes allocated and the garbage collections of each pass beside the wall
/// time, so what the model build costs in allocation and collection shows apart from its own work.
/// </summary>
internal static class ModelProfile
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Run(string path, int repetitions, TextWriter o)
    {
        var region = ScenarioLoader.Load(path).Region!;
        var network = CandidateNetworkBuilder.Build(region);
        o.WriteLine("| pass | wall | CPU (process) | allocated | gen0 / gen1 / gen2 collections | GC pause | rows x columns |");
        o.WriteLine("|---|---|---|---|---|---|---|");
        for (var pass = 1; pass <= repetitions; pass++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var bytes = GC.GetTotalAllocatedBytes(precise: false);
            var (g0, g1, g2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var pause = GC.GetTotalPauseDuration();
            var clock = Stopwatch.StartNew();
            var model = ExchangeFormulation.Build(region, network, new FormulationOptions());
            var wall = clock.Elapsed.TotalSeconds;
            var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            var mb = (GC.GetTotalAllocatedBytes(precise: false) - bytes) / 1e6;
            o.WriteLine(string.Create(Inv,
                $"| {pass} | {wall:0.000} s | {used:0.000} s | {mb:#,##0} MB | {GC.CollectionCount(0) - g0} / {GC.CollectionCount(1) - g1} / {GC.CollectionCount(2) - g2} | {(GC.GetTotalPauseDuration() - pause).TotalSeconds:0.000} s | {model.Model.Rows.Count:#,##0} x {model.Model.Variables.Count:#,##0} |"));
        }
    }
}
