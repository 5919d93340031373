using System.Globalization;
using System.Runtime.InteropServices;
using SymbiosisOptimizer.Reports;

namespace SymbiosisOptimizer.Cli;

/// <summary>
/// The first Ctrl-C (SIGINT) or SIGTERM: every command stops, keeps the previous results (nothing is swapped in), says
/// what was interrupted and exits 130. The token reaches every long loop and the solver's own interrupt; a command that
/// has not unwound after <see cref="GraceMilliseconds"/> (a solver that cannot be interrupted) is ended by the handler.
/// </summary>
internal static class Interrupt
{
    /// <summary>How long the handler waits for the command to unwind before it ends the process itself.</summary>
    public const int GraceMilliseconds = 1200;

    private static readonly CancellationTokenSource Source = new();
    private static volatile string activity = "the command";
    private static volatile string? folder;
    private static int signalled;

    public static CancellationToken Token => Source.Token;

    public static bool Requested => Source.IsCancellationRequested;

    /// <summary>What is running, for the message (e.g. "run of scenarios/x").</summary>
    public static void Doing(string what) => activity = what;

    /// <summary>The output folder whose previous results are kept.</summary>
    public static void Into(string dir) => folder = dir;

    public static void ThrowIfRequested() => Source.Token.ThrowIfCancellationRequested();

    public static string Message() => folder is { } f
        ? $"interrupted: {activity}; the previous results in {f} are kept"
        : $"interrupted: {activity}; nothing was written";

    /// <summary>Registers SIGINT and SIGTERM for the process (the real command line only, never in-process callers).</summary>
    public static IDisposable[] Register(TextWriter stderr) =>
    [
        PosixSignalRegistration.Create(PosixSignal.SIGINT, c => OnSignal(c, stderr)),
        PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => OnSignal(c, stderr)),
    ];

    private static void OnSignal(PosixSignalContext context, TextWriter stderr)
    {
        context.Cancel = true;
        if (Interlocked.Exchange(ref signalled, 1) == 1)
        {
            return;
        }

        var watchdog = new Thread(() =>
        {
            Thread.Sleep(GraceMilliseconds);

            // No output folder is swapped in from here on; one being swapped finishes first.
            OutputFolder.WhileNoSwap(() =>
            {
                OutputFolder.AbandonAll();
                stderr.WriteLine(OutputFolder.AnyCommitted ? $"interrupted: {activity}, after its results were written" : Message());
                stderr.Flush();
                Environment.Exit(ExitCodes.Interrupted);
            });
        })
        { IsBackground = true, Name = "interrupt watchdog" };

        // The watchdog first: a solver's interrupt callback that blocks must not keep the process from ending.
        watchdog.Start();
        Source.Cancel();
    }
}

/// <summary>Internal errors: one plain line on the terminal, the whole trace in a log file.</summary>
public static class Failures
{
    /// <summary>Prints "internal error: message; details in LOG; please report it", writes the trace to LOG, returns 70.</summary>
    public static int Internal(Exception ex, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(ex);
        ArgumentNullException.ThrowIfNull(stderr);
        var message = ex.Message.ReplaceLineEndings(" ");
        var log = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"symbiosis-error-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.log"));
        try
        {
            File.WriteAllText(log, string.Create(CultureInfo.InvariantCulture,
                $"symbiosis {typeof(Failures).Assembly.GetName().Version} at {DateTime.UtcNow:O}\nargs: {string.Join(" ", Environment.GetCommandLineArgs().Skip(1))}\n\n{ex}\n"));
        }
        catch (Exception logError) when (logError is IOException or UnauthorizedAccessException)
        {
            log = "(no log file: " + logError.Message.ReplaceLineEndings(" ") + ")";
        }

        stderr.WriteLine($"internal error: {message}; details in {log}; please report it");
        if (Environment.GetEnvironmentVariable("SYMBIOSIS_DEBUG") == "1")
        {
            stderr.WriteLine(ex.ToString());
        }

        return ExitCodes.InternalError;
    }

    /// <summary>An exception that is (or only wraps) the interrupt.</summary>
    internal static bool IsInterrupt(Exception ex) =>
        ex is OperationCanceledException
        || (ex is AggregateException a && a.Flatten().InnerExceptions.All(IsInterrupt))
        || (Interrupt.Requested && ex is not OutOfMemoryException);
}
