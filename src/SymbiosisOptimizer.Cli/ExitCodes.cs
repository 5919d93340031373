namespace SymbiosisOptimizer.Cli;

/// <summary>Exit codes scripts can rely on (README.md, "Exit codes", has the same table).</summary>
public static class ExitCodes
{
    /// <summary>Done; the results are in --out.</summary>
    public const int Ok = 0;

    /// <summary>The scenario (or game) is invalid; nothing was solved or written.</summary>
    public const int InvalidInput = 1;

    /// <summary>A command line mistake: unknown option, value out of range, unusable --out; nothing was written.</summary>
    public const int Usage = 2;

    /// <summary>Solved, but there is no plan (infeasible, unbounded, no solution in time); earlier results in --out are kept.</summary>
    public const int NoSolution = 3;

    /// <summary>The results could not be written (disk, permissions, --out busy with another command); earlier results are kept.</summary>
    public const int OutputFailed = 4;

    /// <summary>A fault in SymbiosisOptimizer: one line on the terminal, the trace in a log file.</summary>
    public const int InternalError = 70;

    /// <summary>Stopped by Ctrl-C (SIGINT) or SIGTERM; earlier results in --out are kept.</summary>
    public const int Interrupted = 130;
}
