using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization.Network;

namespace SymbiosisOptimizer.Cli;

/// <summary>The check before a run: a required choice no candidate can meet stops it with a plain error naming it and why.</summary>
internal static class PreSolve
{
    public static bool Allows(Region region, string source, TextWriter stderr)
    {
        if (region.Pins.IsDefaultOrEmpty)
        {
            return true;
        }

        var check = Reachability.Check(region, CandidateNetworkBuilder.Build(region));
        foreach (var u in check.Unmet.Where(u => u.StopsRun))
        {
            stderr.WriteLine($"error: {source}: {u.Text}");
        }

        return !check.StopsRun;
    }
}
