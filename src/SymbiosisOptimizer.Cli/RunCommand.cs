using System.CommandLine;

namespace SymbiosisOptimizer.Cli;

internal static class RunCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        _ = stdout;
        _ = stderr;
        return new Command("run", "Optimise the exchanges of a scenario and write results.json (arrives with the optimisation core)");
    }
}
