using System.Diagnostics;
using System.Globalization;
using SymbiosisOptimizer.Assessment.Coalitions;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Benchmarks;

/// <summary>
/// The coalition value MILPs of a generated region's parts, each solved by SCIP with the coalition settings of before
/// session 19 (no cutting planes) and with the value solve's (no cutting planes, most primal heuristics off), one after
/// the other on the same model, so the two times are a ratio on one noisy machine (benchmarks/README.md, session 19).
/// Coalitions whose LP relaxation is already integral need no MILP and are left out, as the value solve skips SCIP for them.
/// </summary>
public static class CoalitionSolveProfile
{
    public static void Profile(string dir, int coalitions, TextWriter o)
    {
        var region = ScaleInstances.Load(Path.Combine(dir, "scenario.yaml"));
        var game = RegionGame.Build(region, new SolveOptions(), ValueBasis.Money);
        var parts = game.Components.SelectMany(c => c.Parts.IsEmpty ? [c] : c.Parts.Select(p => p.Game))
            .Where(g => g.HasMasks && g.Players.Length >= 12).OrderByDescending(g => g.Players.Length).Take(3).ToList();
        var settings = new[] { ("cuts off", GameComponent.CoalitionScipSettings), ("cuts and heuristics off", GameComponent.CoalitionValueScipSettings) };
        foreach (var part in parts)
        {
            var n = part.Players.Length;
            var random = new Random(1);
            var ms = new double[settings.Length];
            var worst = 0.0;
            var milps = 0;
            for (var k = 0; k < coalitions; k++)
            {
                var actors = part.ActorsOf((ulong)random.NextInt64(1, 1L << n));
                var world = GameComponent.Restrict(part.SubRegion, actors);
                var ctx = ExchangeFormulation.Build(world, CandidateNetworkBuilder.Build(world), new FormulationOptions());
                if (ctx.Model.BinaryCount == 0)
                {
                    continue;
                }

                var lp = OrToolsSolver.Solve(ctx.Model, new SolveOptions(), SolverKind.Glop);
                if (lp.HasSolution && ctx.Model.Variables.Where(v => v.IsInteger).All(v => Math.Abs(lp.Values[v.Index] - Math.Round(lp.Values[v.Index])) <= 1e-9))
                {
                    continue;
                }

                milps++;
                var objectives = new double[settings.Length];
                for (var s = 0; s < settings.Length; s++)
                {
                    var watch = Stopwatch.StartNew();
                    objectives[s] = OrToolsSolver.Solve(ctx.Model, new SolveOptions(SolverParameters: settings[s].Item2), SolverKind.Scip).Objective;
                    ms[s] += watch.Elapsed.TotalMilliseconds;
                }

                worst = Math.Max(worst, Math.Abs(objectives[1] - objectives[0]) / Math.Max(1, Math.Abs(objectives[0])));
            }

            var each = string.Join(", ", settings.Select((s, i) => string.Create(CultureInfo.InvariantCulture, $"{s.Item1} {ms[i] / Math.Max(1, milps):0.00} ms")));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"part of {n} actors, {milps} of {coalitions} random coalitions need a MILP: {each} a solve; ratio {ms[1] / ms[0]:0.00}; largest relative difference of the objectives {worst:0.0e0}"));
        }
    }
}
