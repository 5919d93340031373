namespace SymbiosisOptimizer.Tests.Scenarios;

/// <summary>A throw-away scenario folder: the tiny fixture with edits, plus any extra files (CSV tables).</summary>
internal sealed class TempScenario : IDisposable
{
    private TempScenario(string folder) => Folder = folder;

    public string Folder { get; }

    public string File => Path.Combine(Folder, "scenario.yaml");

    public static string TinyText => System.IO.File.ReadAllText(TestPaths.Fixture("tiny", "scenario.yaml"));

    /// <summary>The tiny fixture with each (old, new) replacement applied; each old text must occur exactly once.</summary>
    public static TempScenario FromTiny(params (string Old, string New)[] edits) => Create(Edit(TinyText, edits));

    public static string Edit(string text, params (string Old, string New)[] edits)
    {
        foreach (var (old, replacement) in edits)
        {
            var first = text.IndexOf(old, StringComparison.Ordinal);
            if (first < 0 || text.IndexOf(old, first + 1, StringComparison.Ordinal) >= 0)
            {
                throw new ArgumentException($"'{old}' must occur exactly once in the scenario", nameof(edits));
            }

            text = text.Replace(old, replacement, StringComparison.Ordinal);
        }

        return text;
    }

    public static TempScenario Create(string yaml, params (string Name, string Text)[] files)
    {
        var folder = Path.Combine(Path.GetTempPath(), "symbiosis-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        System.IO.File.WriteAllText(Path.Combine(folder, "scenario.yaml"), yaml);
        foreach (var (name, text) in files)
        {
            System.IO.File.WriteAllText(Path.Combine(folder, name), text);
        }

        return new TempScenario(folder);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
