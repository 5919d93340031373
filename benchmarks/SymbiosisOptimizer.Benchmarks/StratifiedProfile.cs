using System.Diagnostics;
using System.Globalization;
using SymbiosisOptimizer.Assessment.Coalitions;
using SymbiosisOptimizer.Assessment.Sharing;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Benchmarks;

/// <summary>
/// One timed pass of the Shapley value of every component of a generated region as <c>symbiosis share</c> computes it
/// (money basis; components of up to 12 actors and small parts tabulated, the rest by stratified sampling to the target
/// half-width), for benchmarks/README.md: per component the time, coalition solves and the widest half-width reached.
/// </summary>
public static class StratifiedProfile
{
    public static void Profile(int actors, double target, int samples, TextWriter o)
    {
        var region = ScaleInstances.Load(ScaleInstances.Write(actors));
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var game = RegionGame.Build(region, new SolveOptions(), ValueBasis.Money);
        var options = new RegionSharingOptions([SharingMethod.Shapley], IncludeDual: false, Samples: samples, Seed: 1, TargetRelativeHalfWidth: target);
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{actors} actors: components [{string.Join(", ", game.Components.Select(c => c.Players.Length))}], game built in {clock.Elapsed.TotalSeconds:0.0} s, {game.Solves} solves"));
        foreach (var c in game.Components)
        {
            if (RegionSharing.NotShareable(c) is { } reason)
            {
                o.WriteLine($"  component of {c.Players.Length}: {reason}");
                continue;
            }

            var watch = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var before = c.Solves;
            var coop = RegionSharing.Game(c, options.MaxExactPlayers, samples);
            var tabulated = watch.Elapsed.TotalSeconds;
            var tabulateSolves = c.Solves - before;
            var phi = coop.HasExactShapley ? Shapley.Exact(coop) : StratifiedShapley.Estimate(coop, RegionSharing.StratifiedOptions(options, coop.Parts is { } ps ? ps.Where(p => !p.Game.HasExactShapley).Select(p => p.Game.PlayerCount).DefaultIfEmpty(0).Max() : coop.PlayerCount));
            var scale = phi.Amounts.Average(Math.Abs);
            var widest = phi.HalfWidths95 is { } hw ? hw.Select((h, i) => h / Math.Max(Math.Abs(phi.Amounts[i]), scale)).DefaultIfEmpty(0).Max() : 0.0;
            var parts = c.Parts.IsEmpty || c.Players.Length <= options.MaxExactPlayers ? "whole" : string.Join(", ", c.Parts.Select(p => p.Game.Players.Length + (RegionSharing.TabulatePart(p.Game, options.MaxExactPlayers, samples) ? string.Empty : " sampled")));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  component of {c.Players.Length} [{parts}]: {(coop.HasExactShapley ? "exact" : $"widest half-width {widest:P2}")}, tabulation {tabulated:0.0} s ({tabulateSolves} solves), total {watch.Elapsed.TotalSeconds:0.0} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} s CPU, {c.Solves - before} solves{(phi.Samples is { } m ? $", {m} coalitions sampled" : string.Empty)}"));
        }

        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all: {clock.Elapsed.TotalSeconds:0.0} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds:0.0} s CPU, {game.Solves} solves"));
    }
}
