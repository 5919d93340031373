using SymbiosisOptimizer.Cli;

namespace SymbiosisOptimizer.Tests;

/// <summary>Runs the command line in process, as a user would call it, and keeps what it printed.</summary>
internal static class CliHarness
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = SymbiosisCli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
