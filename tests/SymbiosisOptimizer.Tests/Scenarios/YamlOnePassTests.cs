using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Tests.Scenarios;

/// <summary>
/// The scenario YAML is read once: one walk over the parser's events checks the limits and builds the located tree.
/// The reference reader (a limits pass, then YamlDotNet's representation model) is an independent implementation of
/// the same tree, so the two must agree node for node, location included; malformed text keeps its diagnostics.
/// </summary>
public sealed class YamlOnePassTests
{
    public static TheoryData<string> Bundled => new() { "varmland-dalarna", "kalundborg", "kronoberg-kalmar-water", "lidkoping" };

    [Theory]
    [MemberData(nameof(Bundled))]
    public void The_one_pass_tree_is_the_reference_tree_node_for_node(string scenario)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Scenario(scenario), "scenario.yaml"));
        var once = YamlNodeReader.Read(text, "scenario.yaml", new DiagnosticBag());
        var reference = YamlNodeReader.ReadThroughRepresentationModel(text, "scenario.yaml", new DiagnosticBag());
        Assert.NotNull(once);
        Assert.True(Same(once, reference), $"{scenario}: the one-pass tree differs from the reference tree");
    }

    [Fact]
    public void Aliases_share_their_anchor_node_and_nulls_are_marked()
    {
        // Line 1 anchors a block, lines 2 and 3 use it; lines 5-8 hold the three plain spellings of null and a quoted "null".
        const string text = "defs: &d {a: 1}\nuse1: *d\nuse2: *d\nn:\n  - ~\n  - null\n  -\n  - \"null\"\n";
        var tree = (MapNode)YamlNodeReader.Read(text, "s.yaml", new DiagnosticBag())!;
        Assert.Same(tree.Get("defs"), tree.Get("use1"));
        Assert.Same(tree.Get("defs"), tree.Get("use2"));
        // The alias is the anchored node itself, so it is located where the anchor is (line 1), not where it is used.
        Assert.Equal(1, tree.Get("use1")!.Location.Line);
        var nulls = ((SequenceNode)tree.Get("n")!).Items.Cast<ScalarNode>().Select(s => s.IsNull).ToArray();
        Assert.Equal([true, true, true, false], nulls);
        Assert.True(Same(tree, YamlNodeReader.ReadThroughRepresentationModel(text, "s.yaml", new DiagnosticBag())));
    }

    [Fact]
    public void A_key_given_twice_is_reported_at_the_second_key_by_file_and_line()
    {
        // The tiny fixture has 58 lines; line 59 gives 'region' a second time.
        using var dir = TempScenario.Create(TempScenario.TinyText + "region: {name: Again}\n");
        var load = ScenarioLoader.Load(dir.Folder);
        var error = Assert.Single(load.Errors);
        Assert.Equal(59, error.Location.Line);
        Assert.Equal(1, error.Location.Column);
        Assert.Contains("a key appears twice in the same block", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_used_as_a_key_before_its_anchor_is_refused_at_its_place_not_a_stack_overflow()
    {
        // YamlDotNet's representation model recursed without end on this text (the process died of a stack overflow).
        using var dir = TempScenario.Create(TempScenario.TinyText + "*m : 1\nlater: &m extra\n");
        var load = ScenarioLoader.Load(dir.Folder);
        var error = Assert.Single(load.Errors);
        Assert.Equal(59, error.Location.Line);
        Assert.Equal(1, error.Location.Column);
        Assert.Contains("the alias '*m' is used as a key before its anchor '&m' is defined", error.Message, StringComparison.Ordinal);
        Assert.False(load.Succeeded);
    }

    [Fact]
    public void An_alias_to_a_later_anchor_as_a_value_still_resolves_as_before()
    {
        // The reference reader resolves a forward alias in a value; the one pass hands such a text to it.
        using var dir = TempScenario.Create(TempScenario.Edit(TempScenario.TinyText, ("name: Tiny", "name: *nm")) + "zz: &nm Forward\n");
        var load = ScenarioLoader.Load(dir.Folder);
        var error = Assert.Single(load.Errors);
        Assert.Contains("unknown key 'zz'", error.Message, StringComparison.Ordinal);
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
