using System.Diagnostics;
using System.Globalization;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Benchmarks;

/// <summary>
/// `profile-load SCENARIO_FILE [REPETITIONS]`: the scenario loader's pieces in one process, repeated: the YAML text into
/// the located node tree by the one-pass reader (<see cref="YamlNodeReader.Read"/>) and by the reference reader (limits
/// pass, then YamlDotNet's representation model), whether the two trees are the same, and the whole load (tree,
/// limits, overrides, model build and validation). Wall seconds per pass; the first pays the JIT.
/// </summary>
internal static class LoadProfile
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Run(string path, int repetitions, TextWriter o)
    {
        var text = File.ReadAllText(path);
        var name = Path.GetFileName(path);
        o.WriteLine("| pass | YAML -> tree, one pass | YAML -> tree, reference | same tree | whole load (parse + validate) | diagnostics |");
        o.WriteLine("|---|---|---|---|---|---|");
        for (var pass = 1; pass <= repetitions; pass++)
        {
            var clock = Stopwatch.StartNew();
            var once = YamlNodeReader.Read(text, name, new DiagnosticBag());
            var read = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var reference = YamlNodeReader.ReadThroughRepresentationModel(text, name, new DiagnosticBag());
            var twice = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var load = ScenarioLoader.Load(path);
            var whole = clock.Elapsed.TotalSeconds;
            o.WriteLine(string.Create(Inv, $"| {pass} | {read:0.000} s | {twice:0.000} s | {(Same(once, reference) ? "yes" : "NO")} | {whole:0.000} s | {load.Diagnostics.Length} |"));
        }
    }

    /// <summary>The same tree: the same kinds, values, null marks and locations, node by node.</summary>
    private static bool Same(Node? a, Node? b) => (a, b) switch
    {
        (null, null) => true,
        (ScalarNode x, ScalarNode y) => x.Value == y.Value && x.IsNull == y.IsNull && x.Location == y.Location,
        (SequenceNode x, SequenceNode y) => x.Location == y.Location && x.Items.Length == y.Items.Length && x.Items.Zip(y.Items).All(p => Same(p.First, p.Second)),
        (MapNode x, MapNode y) => x.Location == y.Location && x.Entries.Length == y.Entries.Length
            && x.Entries.Zip(y.Entries).All(p => Same(p.First.Key, p.Second.Key) && Same(p.First.Value, p.Second.Value)),
        _ => false,
    };
}
