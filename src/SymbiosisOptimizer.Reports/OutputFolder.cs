using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SymbiosisOptimizer.Reports;

/// <summary>An output folder or file that cannot be used: an input, an existing file, a folder of other files, or busy.</summary>
public sealed class OutputFolderException(string message, bool busy = false) : IOException(message)
{
    /// <summary>Another command holds the folder's lock.</summary>
    public bool Busy { get; } = busy;
}

/// <summary>
/// All or nothing per output folder. A command writes its whole set into a fresh staging folder beside --out
/// (<c>&lt;out&gt;.tmp-&lt;pid&gt;-&lt;random&gt;</c>) and <see cref="Commit"/> swaps it in: the old folder is renamed
/// aside, the staging folder renamed into place, the old one deleted. Until then the old folder is untouched, so a kill,
/// an interrupt or a failed run leaves the complete earlier set. An exclusive lock file beside --out
/// (<c>.&lt;out&gt;.lock</c>, opened with <see cref="FileShare.None"/>, an flock on Linux) keeps two commands from
/// interleaving, and under it every leftover of dead commands (staging and set-aside folders) is removed or, when the
/// kill fell between the two renames, put back.
/// </summary>
/// <remarks>
/// Several commands share one folder (run, barriers, sweep, montecarlo and share all default to
/// out/&lt;folder&gt;/&lt;scenario&gt;). Each command's files are listed in a manifest (<c>.symbiosis-&lt;kind&gt;.files</c>);
/// the staging folder starts as a copy of the old folder without the previous set of the same kind, so a new run
/// replaces its own files and keeps the others'.
/// </remarks>
public sealed class OutputFolder : IDisposable
{
    /// <summary>How long a second command waits for the lock before it refuses.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(3);

    /// <summary>Files any of the commands write first; a folder holding one of them is an output folder.</summary>
    private static readonly string[] KnownFiles =
        [RunOutputs.ResultsFile, "comparison.json", "barriers.json", "sweep.json", "montecarlo.json", "sharing.json", "scenario.yaml"];

    private const string ManifestPrefix = ".symbiosis-";
    private const string ManifestSuffix = ".files";

    private static readonly Lock SwapGate = new();
    private static readonly List<string> Staged = [];
    private static volatile bool anyCommitted;

    private readonly FileStream lockFile;
    private readonly string kind;
    private readonly CancellationToken cancel;
    private bool committed;

    private OutputFolder(string target, string display, string staging, string kind, FileStream lockFile, CancellationToken cancel)
    {
        Target = target;
        Display = display;
        Staging = staging;
        this.kind = kind;
        this.lockFile = lockFile;
        this.cancel = cancel;
    }

    /// <summary>The folder the results end up in (full path).</summary>
    public string Target { get; }

    /// <summary>The folder as the user named it, for messages.</summary>
    public string Display { get; }

    /// <summary>The folder to write into; it becomes <see cref="Target"/> on <see cref="Commit"/>.</summary>
    public string Staging { get; }

    /// <summary>True once some output folder of this process was swapped in.</summary>
    public static bool AnyCommitted => anyCommitted;

    /// <summary>Where a path written into <see cref="Staging"/> will be after the commit, as the user named the folder.</summary>
    public string Final(string stagedPath) => Path.Combine(Display, Path.GetRelativePath(Staging, stagedPath));

    /// <summary>
    /// Checks --out, takes its lock (waiting up to <paramref name="wait"/>), cleans leftovers and creates the staging
    /// folder. <paramref name="kind"/> names the command's set (run, compare, ...).
    /// </summary>
    /// <exception cref="OutputFolderException">--out is not allowed or is busy.</exception>
    public static OutputFolder Open(string outDir, string kind, IReadOnlyCollection<string> inputs, CancellationToken cancel = default, TimeSpan? wait = null)
    {
        var target = CheckTarget(outDir, inputs, folder: true);
        var parent = Path.GetDirectoryName(target)!;
        var name = Path.GetFileName(target);
        Directory.CreateDirectory(parent);
        var lockFile = TakeLock(parent, name, outDir, wait ?? DefaultWait, cancel);
        try
        {
            Recover(parent, name);
            CheckOurs(target, outDir);
            var staging = Path.Combine(parent, $"{name}.tmp-{Environment.ProcessId}-{Random()}");
            lock (SwapGate)
            {
                Staged.Add(staging);
            }

            Directory.CreateDirectory(staging);
            var carried = CarryOver(target, staging, kind);
            return new OutputFolder(target, outDir, staging, kind, lockFile, cancel) { CarriedOver = carried };
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Swaps the staging folder in. Refused (<see cref="OperationCanceledException"/>) once the command was
    /// interrupted, so an interrupt never replaces the previous results.
    /// </summary>
    public void Commit()
    {
        WriteManifest();
        var old = Path.Combine(Path.GetDirectoryName(Target)!, $"{Path.GetFileName(Target)}.old-{Environment.ProcessId}-{Random()}");
        lock (SwapGate)
        {
            cancel.ThrowIfCancellationRequested();
            var hadOld = Directory.Exists(Target);
            if (hadOld)
            {
                Directory.Move(Target, old);
            }

            try
            {
                Directory.Move(Staging, Target);
            }
            catch
            {
                if (hadOld)
                {
                    Directory.Move(old, Target);
                }

                throw;
            }

            committed = true;
            anyCommitted = true;
            Staged.Remove(Staging);
        }

        TryDelete(old);
    }

    /// <summary>Removes the staging folder unless committed, and releases the lock.</summary>
    public void Dispose()
    {
        if (!committed)
        {
            TryDelete(Staging);
            lock (SwapGate)
            {
                Staged.Remove(Staging);
            }
        }

        lockFile.Dispose();
    }

    /// <summary>Deletes every staging folder of this process that was not swapped in (for an exit that cannot unwind).</summary>
    public static void AbandonAll()
    {
        string[] left;
        lock (SwapGate)
        {
            left = [.. Staged];
            Staged.Clear();
        }

        foreach (var s in left)
        {
            TryDelete(s);
        }
    }

    /// <summary>Runs <paramref name="action"/> while no output folder is being swapped in, and none can start.</summary>
    public static void WhileNoSwap(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (SwapGate)
        {
            action();
        }
    }

    /// <summary>
    /// One output file (template, export): checked like a folder, locked, stale temporary files of dead commands removed,
    /// then written atomically beside itself.
    /// </summary>
    public static void WriteFile(string path, byte[] content, IReadOnlyCollection<string> inputs, CancellationToken cancel = default, TimeSpan? wait = null)
    {
        var full = CheckTarget(path, inputs, folder: false);
        var dir = Path.GetDirectoryName(full)!;
        var name = Path.GetFileName(full);
        Directory.CreateDirectory(dir);
        using var lockFile = TakeLock(dir, name, path, wait ?? DefaultWait, cancel);
        foreach (var stale in Directory.EnumerateFiles(dir, $".{name}.*.tmp"))
        {
            TryDeleteFile(stale);
        }

        var tmp = Path.Combine(dir, $".{name}.{Environment.ProcessId}-{Random()}.tmp");
        try
        {
            File.WriteAllBytes(tmp, content);
            lock (SwapGate)
            {
                cancel.ThrowIfCancellationRequested();
                File.Move(tmp, full, overwrite: true);
                anyCommitted = true;
            }
        }
        finally
        {
            TryDeleteFile(tmp);
        }
    }

    /// <summary>The full path of --out, or a plain refusal when it is empty, an input, holds an input or is an existing file.</summary>
    private static string CheckTarget(string outPath, IReadOnlyCollection<string> inputs, bool folder)
    {
        if (string.IsNullOrWhiteSpace(outPath))
        {
            throw new OutputFolderException("--out is empty; give a folder name");
        }

        string full;
        try
        {
            full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outPath));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new OutputFolderException($"--out '{outPath}' is not a usable path: {ex.Message}");
        }

        if (Path.GetDirectoryName(full) is null)
        {
            throw new OutputFolderException($"--out '{outPath}' is the root of the file system; choose a folder of its own");
        }

        var within = full + Path.DirectorySeparatorChar;
        foreach (var input in inputs)
        {
            var i = Path.TrimEndingDirectorySeparator(Path.GetFullPath(input));
            if (string.Equals(i, full, StringComparison.Ordinal) || i.StartsWith(within, StringComparison.Ordinal))
            {
                throw new OutputFolderException($"--out '{outPath}' is or holds the input '{input}'; choose another --out {(folder ? "folder" : "file")}");
            }
        }

        var cwd = Path.TrimEndingDirectorySeparator(Environment.CurrentDirectory);
        if (folder && (string.Equals(cwd, full, StringComparison.Ordinal) || cwd.StartsWith(within, StringComparison.Ordinal)))
        {
            throw new OutputFolderException($"--out '{outPath}' is the current folder or holds it; choose a folder of its own");
        }

        if (folder && File.Exists(full))
        {
            throw new OutputFolderException($"--out '{outPath}' is an existing file, not a folder; choose a folder");
        }

        if (!folder && Directory.Exists(full))
        {
            throw new OutputFolderException($"--out '{outPath}' is an existing folder; give a file name");
        }

        return full;
    }

    /// <summary>A folder the commands will replace must be empty or one of theirs: never a folder of the user's own files.</summary>
    private static void CheckOurs(string target, string display)
    {
        if (!Directory.Exists(target) || !Directory.EnumerateFileSystemEntries(target).Any())
        {
            return;
        }

        var ours = KnownFiles.Any(f => File.Exists(Path.Combine(target, f)))
                   || Directory.EnumerateFiles(target, ManifestPrefix + "*" + ManifestSuffix).Any();
        if (!ours)
        {
            throw new OutputFolderException($"--out '{display}' is a folder with files symbiosis did not write; choose a new or empty folder");
        }
    }

    private static FileStream TakeLock(string parent, string name, string display, TimeSpan wait, CancellationToken cancel)
    {
        var path = Path.Combine(parent, $".{name}.lock");
        var until = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (File.Exists(path) && DateTime.UtcNow < until)
            {
                cancel.ThrowIfCancellationRequested();
                Thread.Sleep(100);
            }
            catch (IOException) when (File.Exists(path))
            {
                throw new OutputFolderException(
                    $"another symbiosis command is writing into '{display}' (waited {wait.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s); " +
                    "wait until it has finished or choose another --out", busy: true);
            }
        }
    }

    /// <summary>
    /// Under the lock every staging or set-aside folder of this name is a leftover. When the kill fell between the two
    /// renames the folder itself is missing: the set-aside copy (the complete old set) goes back.
    /// </summary>
    private static void Recover(string parent, string name)
    {
        var target = Path.Combine(parent, name);
        var aside = Directory.EnumerateDirectories(parent, name + ".old-*").OrderByDescending(Directory.GetLastWriteTimeUtc).ToList();
        if (!Directory.Exists(target) && aside.Count > 0 && !File.Exists(target))
        {
            Directory.Move(aside[0], target);
            aside.RemoveAt(0);
        }

        foreach (var dir in aside.Concat(Directory.EnumerateDirectories(parent, name + ".tmp-*")))
        {
            TryDelete(dir);
        }

        if (Directory.Exists(target))
        {
            // The hidden partial files of the per-file writer before this folder was written whole.
            foreach (var stale in Directory.EnumerateFiles(target, ".*.tmp", SearchOption.AllDirectories))
            {
                TryDeleteFile(stale);
            }
        }
    }

    /// <summary>Copies the old folder into the staging folder, without the previous set of the same kind.</summary>
    private static HashSet<string> CarryOver(string target, string staging, string kind)
    {
        var carried = new HashSet<string>(StringComparer.Ordinal);
        if (!Directory.Exists(target))
        {
            return carried;
        }

        var manifest = Path.Combine(target, ManifestPrefix + kind + ManifestSuffix);
        var previous = File.Exists(manifest)
            ? File.ReadAllLines(manifest).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal)
            : [];
        previous.Add(Path.GetFileName(manifest));
        foreach (var file in Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(target, file).Replace(Path.DirectorySeparatorChar, '/');
            if (previous.Contains(relative) || new FileInfo(file).LinkTarget is not null)
            {
                continue;
            }

            var to = Path.Combine(staging, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
            carried.Add(relative);
        }

        return carried;
    }

    /// <summary>Lists the files this command wrote: everything in the staging folder that was not carried over.</summary>
    private void WriteManifest()
    {
        var mine = Directory.EnumerateFiles(Staging, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Staging, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(r => !r.StartsWith(ManifestPrefix, StringComparison.Ordinal) && !CarriedOver.Contains(r))
            .Order(StringComparer.Ordinal);
        File.WriteAllText(Path.Combine(Staging, ManifestPrefix + kind + ManifestSuffix), string.Join("\n", mine) + "\n", new UTF8Encoding(false));
    }

    private HashSet<string> CarriedOver { get; init; } = new(StringComparer.Ordinal);

    private static string Random() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover the next command removes under its lock.
        }
    }

    private static void TryDeleteFile(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Removed by the next command.
        }
    }
}
