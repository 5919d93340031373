using System.Runtime.InteropServices;

namespace SymbiosisOptimizer.Optimization.Solvers;

/// <summary>
/// Keeps the process's own Ctrl-C (SIGINT) handling in place while COIN-OR's CLP solves.
/// </summary>
/// <remarks>
/// <para><c>ClpSimplex::initialSolve</c>, which OR-Tools calls for every CLP solve with default options it gives no way
/// to change, installs its own SIGINT handler for the length of the solve and then puts back the one it found. A Ctrl-C
/// in that time reaches only CLP's handler, which asks that LP to stop (it still reports an optimum) and nothing else:
/// the command goes on as if nothing had been pressed (a 2 000-actor region's giants spend seconds in CLP).</para>
/// <para>While any guarded solve runs, a watcher puts the process's handler back within <see cref="PollMilliseconds"/>
/// of CLP replacing it, and the last of several solves at once to end restores it once more. What remains is a window
/// of a millisecond or so per solve in which a Ctrl-C is lost. Linux and macOS only: on Windows .NET does not
/// take Ctrl-C through <c>signal</c>, so CLP's handler is not in its way.</para>
/// </remarks>
public static class ClpSignalGuard
{
    /// <summary>How often the watcher looks at the SIGINT handler while a guarded solve runs.</summary>
    public const int PollMilliseconds = 1;

    private const int SigInt = 2;

    // Larger than struct sigaction on glibc (152 bytes on x86-64 and arm64) and Darwin (16): the bytes are copied back
    // as they were read, never interpreted, except the handler pointer that leads both.
    private const int SigActionBytes = 512;

    // A monitor, not a Lock: the watcher sleeps on it (Monitor.Wait) while no guarded solve runs.
    private static readonly object Gate = new();
    private static readonly bool Supported = OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();
    private static byte[]? saved;
    private static int active;
    private static Thread? watcher;
    private static bool unavailable;

    /// <summary>Starts a guarded section; dispose it when the CLP solve has returned.</summary>
    public static Scope Enter()
    {
        if (!Supported)
        {
            return Scope.None;
        }

        lock (Gate)
        {
            if (unavailable)
            {
                return Scope.None;
            }

            if (active == 0)
            {
                // No guarded solve runs and the last one to end restored the handler: this is the process's own.
                saved = Read();
                if (saved is null)
                {
                    return Scope.None;
                }

                if (watcher is null)
                {
                    watcher = new Thread(Watch) { IsBackground = true, Name = "CLP signal guard" };
                    watcher.Start();
                }

                Monitor.Pulse(Gate);
            }

            active++;
            return new Scope(true);
        }
    }

    /// <summary>The handler pointer of SIGINT now (0 for the default action, 1 for ignored); null where not available.</summary>
    public static nint? CurrentHandler() => Supported && Read() is { } now ? MemoryMarshal.Read<nint>(now) : null;

    private static void Leave()
    {
        lock (Gate)
        {
            if (active == 0)
            {
                return;
            }

            active--;
            if (active == 0 && saved is not null)
            {
                Restore(saved);
            }
        }
    }

    /// <summary>The one watcher of the process: asleep while no guarded solve runs, polling while one does.</summary>
    private static void Watch()
    {
        while (true)
        {
            lock (Gate)
            {
                while (active == 0 || saved is null)
                {
                    Monitor.Wait(Gate);
                }

                if (Read() is { } now && !SameHandler(now, saved))
                {
                    Restore(saved);
                }
            }

            Thread.Sleep(PollMilliseconds);
        }
    }

    private static bool SameHandler(byte[] a, byte[] b) => a.AsSpan(0, IntPtr.Size).SequenceEqual(b.AsSpan(0, IntPtr.Size));

    private static byte[]? Read()
    {
        var buffer = new byte[SigActionBytes];
        try
        {
            return NativeMethods.SigAction(SigInt, null, buffer) == 0 ? buffer : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            unavailable = true;
            return null;
        }
    }

    private static void Restore(byte[] action) => _ = NativeMethods.SigAction(SigInt, action, null);

    /// <summary>A guarded section; disposing it (once or more) ends it. <see cref="None"/> guards nothing.</summary>
    public sealed class Scope : IDisposable
    {
        internal static readonly Scope None = new(false);

        private int open;

        internal Scope(bool entered) => open = entered ? 1 : 0;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref open, 0) == 1)
            {
                Leave();
            }
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "sigaction", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int SigAction(int signal, [In] byte[]? action, [Out] byte[]? old);
    }
}
