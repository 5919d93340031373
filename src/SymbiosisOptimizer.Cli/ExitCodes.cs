namespace SymbiosisOptimizer.Cli;

/// <summary>Exit codes scripts can rely on.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int InvalidInput = 1;
    public const int Usage = 2;
    public const int NoSolution = 3;
    public const int OutputFailed = 4;
    public const int InternalError = 70;
}
