using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace SymbiosisOptimizer.Scenarios;

/// <summary>
/// Reads input files safely: only regular files, only inside the scenario's folder when referenced from it, never more
/// than a limit (checked before reading, then enforced while reading), and only as strict UTF-8. A refusal is a located
/// diagnostic that never quotes the file's content.
/// </summary>
internal static class InputFiles
{
    private const int MaxLinkHops = 40;

    /// <summary>What kind of entry a path names, without opening it (opening a pipe would wait for a writer).</summary>
    internal enum Kind
    {
        Missing,
        Regular,
        Directory,
        Other,
    }

    public static Kind KindOf(string path)
    {
        if (Directory.Exists(path))
        {
            return Kind.Directory;
        }

        if (!File.Exists(path))
        {
            return Kind.Missing;
        }

        return UnixKind.IsSpecial(path) ? Kind.Other : Kind.Regular;
    }

    /// <summary>
    /// The file's bytes, read through a bounded stream; null with a diagnostic when it is not a regular file, is larger
    /// than <paramref name="limit"/> or cannot be read.
    /// </summary>
    public static byte[]? ReadBytes(string path, long limit, string what, SourceLocation at, string field, DiagnosticBag diag)
    {
        switch (KindOf(path))
        {
            case Kind.Missing:
                diag.Error(at, field, $"cannot be read: the {what} does not exist");
                return null;
            case Kind.Directory:
                diag.Error(at, field, $"cannot be read: the {what} is a folder, not a file");
                return null;
            case Kind.Other:
                diag.Error(at, field, $"cannot be read: the {what} is not a regular file (a pipe, socket or device); give a file");
                return null;
        }

        try
        {
            var length = new FileInfo(path).Length;
            if (length > limit)
            {
                diag.Error(at, field, TooLarge(what, length, limit));
                return null;
            }

            using var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read, Options = FileOptions.SequentialScan });
            using var buffer = new MemoryStream((int)Math.Min(length, limit) + 1);
            var chunk = new byte[81920];
            int n;
            while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                // The file may have grown since its size was checked: the limit holds for what is read, too.
                if (buffer.Length + n > limit)
                {
                    diag.Error(at, field, TooLarge(what, buffer.Length + n, limit));
                    return null;
                }

                buffer.Write(chunk, 0, n);
            }

            return buffer.ToArray();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diag.Error(at, field, $"cannot be read: {ex.Message}");
            return null;
        }
    }

    private static string TooLarge(string what, long length, long limit) =>
        $"the {what} is too large ({(length > limit ? "more than " : string.Empty)}{InputLimits.Bytes(limit)}, the limit; it has {InputLimits.Count(length)} bytes or more)";

    /// <summary>
    /// Strict UTF-8 (a leading byte-order mark is skipped); on an invalid byte, a diagnostic naming its offset, line and
    /// column, and null.
    /// </summary>
    public static string? DecodeUtf8(byte[] bytes, string display, DiagnosticBag diag)
    {
        ReadOnlySpan<byte> span = bytes;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        var chars = new char[span.Length];
        var status = Utf8.ToUtf16(span, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == System.Buffers.OperationStatus.Done)
        {
            return new string(chars, 0, written);
        }

        var offset = read + (bytes.Length - span.Length);
        var before = bytes.AsSpan(0, offset);
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(bytes, lineStart, offset - lineStart) + 1;
        diag.Error(new SourceLocation(display, line, column), string.Empty,
            $"cannot be read: byte {offset} (0x{bytes[offset]:X2}) is not UTF-8; save the file as UTF-8 (it may be Latin-1 or Windows-1252)");
        return null;
    }

    /// <summary>
    /// The full path of <paramref name="name"/>, a file named in the scenario, when it is a plain relative path that
    /// stays, once every symbolic link is followed, inside <paramref name="baseDir"/>; else null with a diagnostic.
    /// </summary>
    public static string? ResolveInside(string baseDir, string name, SourceLocation at, string field, DiagnosticBag diag)
    {
        const string Rule = "a referenced file must be a file in the scenario's folder (or below it), named by a relative path such as 'actors.csv'";
        var shown = InputLimits.Shorten(name);
        if (name.Length == 0 || name.Contains('\0', StringComparison.Ordinal))
        {
            diag.Error(at, field, $"'{shown}' is not a file name; {Rule}");
            return null;
        }

        if (Path.IsPathRooted(name) || name.StartsWith('~') || (name.Length >= 2 && name[1] == ':'))
        {
            diag.Error(at, field, $"'{shown}' is an absolute path; {Rule}");
            return null;
        }

        if (name.Split('/', '\\').Any(p => p == ".."))
        {
            diag.Error(at, field, $"'{shown}' leaves the scenario's folder ('..'); {Rule}");
            return null;
        }

        var root = RealPath(Path.GetFullPath(baseDir));
        var full = Path.GetFullPath(Path.Combine(baseDir, name));
        var real = RealPath(full);
        if (real is null || root is null)
        {
            diag.Error(at, field, $"'{shown}' is a symbolic link that cannot be followed (a loop, or too many links); {Rule}");
            return null;
        }

        if (!IsInside(real, root))
        {
            diag.Error(at, field, $"'{shown}' is a symbolic link to a file outside the scenario's folder; {Rule}");
            return null;
        }

        return real;
    }

    private static bool IsInside(string path, string root)
    {
        var r = Path.TrimEndingDirectorySeparator(root);
        return path.StartsWith(r + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>The path with every symbolic link in it followed (like realpath), or null for a loop or too many links.</summary>
    internal static string? RealPath(string full)
    {
        var hops = 0;
        var pending = new Stack<string>(Split(full).Reverse());
        var current = Path.GetPathRoot(full) ?? "/";
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            var target = info.LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                return null;
            }

            var resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target));
            foreach (var p in Split(resolved).Reverse())
            {
                pending.Push(p);
            }

            current = Path.GetPathRoot(resolved) ?? "/";
        }

        return current;
    }

    private static IEnumerable<string> Split(string full) =>
        full[(Path.GetPathRoot(full)?.Length ?? 0)..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>File types on Linux and macOS, read with stat without opening the file.</summary>
    private static class UnixKind
    {
        private const int AtFdCwd = -100;
        private const uint StatxType = 0x1;
        private const int ModeOffset = 28;
        private const int TypeMask = 0xF000;
        private const int Regular = 0x8000;

        public static bool IsSpecial(string path)
        {
            if (!OperatingSystem.IsLinux())
            {
                // Elsewhere a special file has no length: refusing length 0 never waits on a pipe or reads a device.
                return !OperatingSystem.IsWindows() && new FileInfo(path).Length == 0;
            }

            try
            {
                var buffer = new byte[256];
                if (NativeMethods.Statx(AtFdCwd, path, 0, StatxType, buffer) != 0)
                {
                    return false;
                }

                return (BitConverter.ToUInt16(buffer, ModeOffset) & TypeMask) != Regular;
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                return new FileInfo(path).Length == 0;
            }
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
    }
}
