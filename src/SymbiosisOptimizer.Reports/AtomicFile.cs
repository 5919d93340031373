using System.Text;

namespace SymbiosisOptimizer.Reports;

/// <summary>Writes files so that a reader never sees half a report: write a temporary file, then move it into place.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string content, IReadOnlyCollection<string>? protectedInputs = null) =>
        Write(path, tmp => File.WriteAllText(tmp, content, new UTF8Encoding(false)), protectedInputs);

    public static void WriteAllBytes(string path, byte[] content, IReadOnlyCollection<string>? protectedInputs = null) =>
        Write(path, tmp => File.WriteAllBytes(tmp, content), protectedInputs);

    /// <summary>Runs <paramref name="writeTemporary"/> on a temporary file beside <paramref name="path"/>, then moves it into place.</summary>
    public static void Write(string path, Action<string> writeTemporary, IReadOnlyCollection<string>? protectedInputs = null)
    {
        var full = Path.GetFullPath(path);
        if (protectedInputs is not null && protectedInputs.Any(p => string.Equals(Path.GetFullPath(p), full, StringComparison.Ordinal)))
        {
            throw new IOException($"refusing to overwrite the input file '{path}'; choose another --out folder");
        }

        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            writeTemporary(tmp);
            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp))
            {
                File.Delete(tmp);
            }
        }
    }
}
