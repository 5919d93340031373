using System.Collections.Immutable;
using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace SymbiosisOptimizer.Scenarios;

/// <summary>Reads YAML text into the located node tree; syntax errors become diagnostics, never exceptions.</summary>
public static class YamlNodeReader
{
    /// <summary>
    /// The located tree of <paramref name="text"/>, read in one pass over the parser's events that checks the limits
    /// (see <see cref="WithinLimits"/>) and builds the tree at once. A text that pass does not settle (a syntax error, a
    /// key given twice, an alias before its anchor) is read again by <see cref="ReadThroughRepresentationModel"/>, so
    /// every such text gets the diagnostics it always got; only an alias used as a key before its anchor is refused here,
    /// with its place, since YamlDotNet's model overflows the stack on it.
    /// </summary>
    public static Node? Read(string text, string fileName, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(diagnostics);
        return new OnePass(text, fileName, diagnostics).Run() switch
        {
            { Settled: true, Root: var root } => root,
            _ => ReadThroughRepresentationModel(text, fileName, diagnostics),
        };
    }

    /// <summary>
    /// The reference reader: a pass over the events for the limits, then YamlDotNet's representation model, converted
    /// into the located tree. It reads the text twice; <see cref="Read"/> uses it only for texts its one pass leaves open.
    /// </summary>
    public static Node? ReadThroughRepresentationModel(string text, string fileName, DiagnosticBag diagnostics)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (!WithinLimits(text, fileName, diagnostics))
        {
            return null;
        }

        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(text);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException?.Message ?? ex.Message;
            if (message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase))
            {
                message = "a key appears twice in the same block; each key may be given once";
            }

            // YamlDotNet reports an indentation tab at the scalar before it, a line too early; point at the tab itself.
            var at = new SourceLocation(fileName, (int)ex.Start.Line, (int)ex.Start.Column);
            if (IndentationTab(text) is { } tab)
            {
                at = new SourceLocation(fileName, tab.Line, tab.Column);
                message = "a tab is used for indentation; YAML indents with spaces only";
            }

            diagnostics.Error(at, string.Empty, "this is not valid YAML: " + Clean(message));
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException or NotSupportedException)
        {
            // Anything else the library throws on odd input is still a problem of the text, reported as such.
            diagnostics.Error(new SourceLocation(fileName, 1, 1), string.Empty, "this is not valid YAML: " + InputLimits.Shorten(Clean(ex.Message), 200));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, for a flow collection that is never closed.
            var (line, column, open) = UnclosedBracket(text) ?? (1, 1, '[');
            diagnostics.Error(new SourceLocation(fileName, line, column), string.Empty,
                $"this is not valid YAML: '{open}' is never closed; close it with '{(open == '[' ? ']' : '}')}'");
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            diagnostics.Error(new SourceLocation(fileName, 1, 1), string.Empty, "the file is empty; a scenario needs at least 'region', 'resources' and 'actors'");
            return null;
        }

        return Convert(stream.Documents[0].RootNode, fileName, new Dictionary<YamlNode, Node>(ReferenceEqualityComparer.Instance));
    }

    /// <summary>
    /// Walks the parser's events (which needs no recursion) before anything builds a tree: a second document, nesting
    /// beyond <see cref="InputLimits.MaxDepth"/>, an alias inside the value it names (a cycle), and aliases that expand
    /// to more than <see cref="InputLimits.MaxNodes"/> values ("billion laughs") are refused here, so the tree built
    /// afterwards is finite, shallow and small. Syntax errors are left to the loader, which reports them.
    /// </summary>
    private static bool WithinLimits(string text, string fileName, DiagnosticBag diagnostics)
    {
        var frames = new Stack<(string? Anchor, long Nodes, int Items, Mark Start)>();
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        var aliases = 0;
        var documents = 0;
        SourceLocation At(Mark m) => new(fileName, (int)m.Line, (int)m.Column);

        bool Add(long nodes, Mark at)
        {
            total += nodes;
            if (total > InputLimits.MaxNodes)
            {
                diagnostics.Error(At(at), string.Empty,
                    LimitText.TooManyValues);
                return false;
            }

            if (frames.Count > 0)
            {
                var (anchor, n, items, start) = frames.Pop();
                frames.Push((anchor, n + nodes, items + 1, start));
                if (items + 1 > 2L * InputLimits.MaxListItems)
                {
                    diagnostics.Error(At(start), string.Empty, LimitText.TooManyItems);
                    return false;
                }
            }

            return true;
        }

        try
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case DocumentStart d when !d.IsImplicit || documents > 0:
                        if (++documents > 1)
                        {
                            diagnostics.Error(At(d.Start), string.Empty,
                                LimitText.SecondDocument);
                            return false;
                        }

                        break;
                    case DocumentStart:
                        documents++;
                        break;
                    case Scalar sc:
                        if (!Add(1, sc.Start))
                        {
                            return false;
                        }

                        if (!sc.Anchor.IsEmpty)
                        {
                            sizes[sc.Anchor.Value] = 1;
                        }

                        break;
                    case NodeEvent open when open is SequenceStart or MappingStart:
                        if (!Add(1, open.Start))
                        {
                            return false;
                        }

                        frames.Push((open.Anchor.IsEmpty ? null : open.Anchor.Value, 1, 0, open.Start));
                        if (!open.Anchor.IsEmpty)
                        {
                            sizes.Remove(open.Anchor.Value);
                        }

                        if (frames.Count > InputLimits.MaxDepth)
                        {
                            diagnostics.Error(At(open.Start), string.Empty,
                                LimitText.TooDeep);
                            return false;
                        }

                        break;
                    case SequenceEnd or MappingEnd:
                        if (frames.Count > 0)
                        {
                            var (anchor, nodes, _, _) = frames.Pop();
                            if (anchor is not null)
                            {
                                sizes[anchor] = nodes;
                            }

                            if (frames.Count > 0)
                            {
                                var (a, n, items, start) = frames.Pop();
                                frames.Push((a, n + nodes - 1, items, start));
                            }
                        }

                        break;
                    case AnchorAlias alias:
                        var name = alias.Value.Value;
                        if (frames.Any(f => f.Anchor == name) && !sizes.ContainsKey(name))
                        {
                            diagnostics.Error(At(alias.Start), string.Empty,
                                LimitText.AliasInsideItself(name));
                            return false;
                        }

                        if (++aliases > InputLimits.MaxAliases)
                        {
                            diagnostics.Error(At(alias.Start), string.Empty, LimitText.TooManyAliases);
                            return false;
                        }

                        if (sizes.TryGetValue(name, out var size) && !Add(size, alias.Start))
                        {
                            return false;
                        }

                        break;
                }
            }
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            // A syntax error: reported with its position by the loader.
            return true;
        }

        return true;
    }

    /// <summary>
    /// One walk over the parser's events: the checks of <see cref="WithinLimits"/>, in the same order and with the same
    /// messages, and the located tree built as the events come (a node reached again through an alias is the same
    /// node, as <see cref="Convert"/> shares it). Settled when it ends with a tree or with a limit's error; otherwise
    /// the caller reads the text the reference way.
    /// </summary>
    private sealed class OnePass(string text, string fileName, DiagnosticBag diagnostics)
    {
        private readonly Stack<Frame> frames = new();
        private readonly Dictionary<string, long> sizes = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (Node Node, string? Key)> anchors = new(StringComparer.Ordinal);
        private long total;
        private int aliases;
        private int documents;
        private Node? root;
        private bool unresolved;
        private Mark? unresolvedKey;
        private string? unresolvedKeyName;

        public (bool Settled, Node? Root) Run()
        {
            try
            {
                var parser = new Parser(new StringReader(text));
                while (parser.MoveNext())
                {
                    switch (Step(parser.Current!))
                    {
                        case Outcome.LimitError:
                            return (true, null);
                        case Outcome.Reference:
                            return (false, null);
                    }
                }
            }
            catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException or FormatException or OverflowException or NotSupportedException)
            {
                // A syntax error: the reference reader reports it at its place, as before.
                return (false, null);
            }

            if (unresolvedKey is { } at)
            {
                var name = InputLimits.Shorten(unresolvedKeyName!);
                diagnostics.Error(new SourceLocation(fileName, (int)at.Line, (int)at.Column), string.Empty,
                    $"this is not valid YAML: the alias '*{name}' is used as a key before its anchor '&{name}' is defined; define the anchor first, or write the key out");
                return (true, null);
            }

            if (unresolved || documents == 0 || root is null)
            {
                // An alias before its anchor (YamlDotNet resolves it, or reports it), or no document: as before.
                return (false, null);
            }

            return (true, root);
        }

        private enum Outcome
        {
            Next,
            LimitError,
            Reference,
        }

        private SourceLocation At(Mark m) => new(fileName, (int)m.Line, (int)m.Column);

        private Outcome Step(ParsingEvent e)
        {
            switch (e)
            {
                case DocumentStart d when !d.IsImplicit || documents > 0:
                    if (++documents > 1)
                    {
                        diagnostics.Error(At(d.Start), string.Empty,
                            LimitText.SecondDocument);
                        return Outcome.LimitError;
                    }

                    return Outcome.Next;
                case DocumentStart:
                    documents++;
                    return Outcome.Next;
                case Scalar sc:
                    if (!Add(1, sc.Start))
                    {
                        return Outcome.LimitError;
                    }

                    var isNull = sc.Style == ScalarStyle.Plain && sc.Value is "" or "~" or "null";
                    var scalar = new ScalarNode(sc.Value, At(sc.Start), isNull);
                    var key = KeyOf(sc);
                    if (!sc.Anchor.IsEmpty)
                    {
                        sizes[sc.Anchor.Value] = 1;
                        anchors[sc.Anchor.Value] = (scalar, key);
                    }

                    return Append(scalar, key, sc.Start, null);
                case NodeEvent open when open is SequenceStart or MappingStart:
                    if (!Add(1, open.Start))
                    {
                        return Outcome.LimitError;
                    }

                    frames.Push(new Frame(open.Anchor.IsEmpty ? null : open.Anchor.Value, open.Start, open is MappingStart));
                    if (!open.Anchor.IsEmpty)
                    {
                        sizes.Remove(open.Anchor.Value);
                    }

                    if (frames.Count > InputLimits.MaxDepth)
                    {
                        diagnostics.Error(At(open.Start), string.Empty,
                            LimitText.TooDeep);
                        return Outcome.LimitError;
                    }

                    return Outcome.Next;
                case SequenceEnd or MappingEnd:
                    if (frames.Count == 0)
                    {
                        return Outcome.Next;
                    }

                    var frame = frames.Pop();
                    if (frame.Anchor is not null)
                    {
                        sizes[frame.Anchor] = frame.Nodes;
                    }

                    if (frames.Count > 0)
                    {
                        frames.Peek().Nodes += frame.Nodes - 1;
                    }

                    Node node = frame.IsMap
                        ? new MapNode(frame.Entries!.ToImmutable(), At(frame.Start))
                        : new SequenceNode(frame.Items!.ToImmutable(), At(frame.Start));
                    if (frame.Anchor is not null)
                    {
                        anchors[frame.Anchor] = (node, null);
                    }

                    return Append(node, null, frame.Start, null);
                case AnchorAlias alias:
                    var name = alias.Value.Value;
                    if (frames.Any(f => f.Anchor == name) && !sizes.ContainsKey(name))
                    {
                        diagnostics.Error(At(alias.Start), string.Empty,
                            LimitText.AliasInsideItself(name));
                        return Outcome.LimitError;
                    }

                    if (++aliases > InputLimits.MaxAliases)
                    {
                        diagnostics.Error(At(alias.Start), string.Empty, LimitText.TooManyAliases);
                        return Outcome.LimitError;
                    }

                    if (sizes.TryGetValue(name, out var size) && !Add(size, alias.Start))
                    {
                        return Outcome.LimitError;
                    }

                    if (anchors.TryGetValue(name, out var target))
                    {
                        return Append(target.Node, target.Key, alias.Start, null);
                    }

                    // Before its anchor: the reference reader resolves it (or reports it); as a key it would overflow.
                    unresolved = true;
                    return Append(new ScalarNode(string.Empty, At(alias.Start), IsNull: true), null, alias.Start, name);
                default:
                    return Outcome.Next;
            }
        }

        /// <summary>What makes two scalar keys the same key to YamlDotNet: the same tag and the same text.</summary>
        private static string KeyOf(Scalar sc) => sc.Tag.IsEmpty ? "\0" + sc.Value : sc.Tag.Value + "\0" + sc.Value;

        /// <summary>A finished node into its list or block (a block takes a key, then its value), or the document's root.</summary>
        private Outcome Append(Node node, string? key, Mark start, string? unresolvedAlias)
        {
            if (frames.Count == 0)
            {
                root ??= node;
                return Outcome.Next;
            }

            var frame = frames.Peek();
            if (!frame.IsMap)
            {
                frame.Items!.Add(node);
                return Outcome.Next;
            }

            if (frame.PendingKey is null)
            {
                frame.PendingKey = node as ScalarNode ?? new ScalarNode("<complex key>", node.Location);
                frame.PendingKeyText = key;
                if (unresolvedAlias is not null && unresolvedKey is null)
                {
                    unresolvedKey = start;
                    unresolvedKeyName = unresolvedAlias;
                }

                return Outcome.Next;
            }

            frame.Entries!.Add(new MapEntry(frame.PendingKey, node));
            var complex = frame.PendingKeyText is null;
            var duplicate = complex ? ++frame.ComplexKeys > 1 : !frame.Keys.Add(frame.PendingKeyText!);
            frame.PendingKey = null;
            frame.PendingKeyText = null;

            // A key given twice (or two complex keys, which YamlDotNet compares by content): reported the reference way.
            return duplicate ? Outcome.Reference : Outcome.Next;
        }

        private bool Add(long nodes, Mark at)
        {
            total += nodes;
            if (total > InputLimits.MaxNodes)
            {
                diagnostics.Error(At(at), string.Empty,
                    LimitText.TooManyValues);
                return false;
            }

            if (frames.Count > 0)
            {
                var top = frames.Peek();
                top.Nodes += nodes;
                top.Count++;
                if (top.Count > 2L * InputLimits.MaxListItems)
                {
                    diagnostics.Error(At(top.Start), string.Empty, LimitText.TooManyItems);
                    return false;
                }
            }

            return true;
        }

        /// <summary>An open list or block: the counts the limits need and the children read so far.</summary>
        private sealed class Frame(string? anchor, Mark start, bool isMap)
        {
            public string? Anchor { get; } = anchor;

            public Mark Start { get; } = start;

            public bool IsMap { get; } = isMap;

            /// <summary>Values in it, its own included, once aliases are expanded.</summary>
            public long Nodes { get; set; } = 1;

            /// <summary>Events directly in it (keys and values count apart).</summary>
            public int Count { get; set; }

            public ImmutableArray<Node>.Builder? Items { get; } = isMap ? null : ImmutableArray.CreateBuilder<Node>();

            public ImmutableArray<MapEntry>.Builder? Entries { get; } = isMap ? ImmutableArray.CreateBuilder<MapEntry>() : null;

            public ScalarNode? PendingKey { get; set; }

            public string? PendingKeyText { get; set; }

            public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);

            public int ComplexKeys { get; set; }
        }
    }

    private static (int Line, int Column)? IndentationTab(string text)
    {
        var lines = text.Split('\n');
        for (var l = 0; l < lines.Length; l++)
        {
            for (var c = 0; c < lines[l].Length && char.IsWhiteSpace(lines[l][c]); c++)
            {
                if (lines[l][c] == '\t')
                {
                    return (l + 1, c + 1);
                }
            }
        }

        return null;
    }

    /// <summary>The innermost '[' or '{' that opens a flow collection and is never closed, skipping quotes and comments.</summary>
    private static (int Line, int Column, char Open)? UnclosedBracket(string text)
    {
        var open = new Stack<(int Line, int Column, char Open)>();
        char? quote = null;
        var lines = text.Split('\n');
        for (var l = 0; l < lines.Length; l++)
        {
            var s = lines[l];
            char? prev = null;
            for (var c = 0; c < s.Length; c++)
            {
                var ch = s[c];
                if (quote is { } q)
                {
                    if (q == '"' && ch == '\\')
                    {
                        c++;
                    }
                    else if (ch == q)
                    {
                        quote = null;
                        prev = ch;
                    }

                    continue;
                }

                if (ch == '#' && (c == 0 || char.IsWhiteSpace(s[c - 1])))
                {
                    break;
                }

                // Quotes and brackets only start a value after an indicator; inside a plain scalar they are text.
                var startsValue = prev is null or ':' or '-' or '[' or '{' or ',' or '?';
                if (ch is '"' or '\'' && startsValue)
                {
                    quote = ch;
                }
                else if (ch is '[' or '{' && startsValue)
                {
                    open.Push((l + 1, c + 1, ch));
                }
                else if (ch is ']' or '}' && open.Count > 0 && open.Peek().Open == (ch == ']' ? '[' : '{'))
                {
                    open.Pop();
                }

                if (!char.IsWhiteSpace(ch))
                {
                    prev = ch;
                }
            }
        }

        return open.Count > 0 ? open.Peek() : null;
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes messages with the position, which we already print.
        var idx = message.IndexOf("): ", StringComparison.Ordinal);
        return idx >= 0 && message.StartsWith('(') ? message[(idx + 3)..] : message;
    }

    /// <summary>The located tree; a node reached again through an alias is converted once and shared.</summary>
    private static Node Convert(YamlNode node, string file, Dictionary<YamlNode, Node> done)
    {
        if (done.TryGetValue(node, out var known))
        {
            return known;
        }

        var result = ConvertNew(node, file, done);
        done[node] = result;
        return result;
    }

    private static Node ConvertNew(YamlNode node, string file, Dictionary<YamlNode, Node> done)
    {
        var at = new SourceLocation(file, (int)node.Start.Line, (int)node.Start.Column);
        switch (node)
        {
            case YamlScalarNode s:
                var isNull = s.Style == ScalarStyle.Plain && (s.Value is null or "" or "~" or "null");
                return new ScalarNode(s.Value ?? string.Empty, at, isNull);
            case YamlSequenceNode seq:
                return new SequenceNode([.. seq.Children.Select(c => Convert(c, file, done))], at);
            case YamlMappingNode map:
                var entries = ImmutableArray.CreateBuilder<MapEntry>(map.Children.Count);
                foreach (var (k, v) in map.Children)
                {
                    var key = Convert(k, file, done) as ScalarNode
                        ?? new ScalarNode("<complex key>", new SourceLocation(file, (int)k.Start.Line, (int)k.Start.Column));
                    entries.Add(new MapEntry(key, Convert(v, file, done)));
                }

                return new MapNode(entries.ToImmutable(), at);
            default:
                return new ScalarNode(string.Empty, at, IsNull: true);
        }
    }
}

/// <summary>
/// The limit errors of a YAML scenario, worded once: the one-pass reader and the reference two-pass reader report the
/// same breach in the same words (YamlOnePassTests compares their results).
/// </summary>
internal static class LimitText
{
    public static string TooManyValues =>
        $"the file holds more than {InputLimits.Count(InputLimits.MaxNodes)} values once its aliases (*name) are expanded (the limit); write the values out, or use fewer aliases";

    public static string TooManyItems => $"this list or block holds more than {InputLimits.Count(InputLimits.MaxListItems)} items (the limit)";

    public const string SecondDocument =
        "a second YAML document starts here ('---'); a scenario file holds exactly one document, so remove this line and what follows or merge them";

    public static string TooDeep => string.Create(CultureInfo.InvariantCulture, $"lists and blocks are nested more than {InputLimits.MaxDepth} levels deep here (the limit)");

    public static string TooManyAliases => $"the file uses more than {InputLimits.Count(InputLimits.MaxAliases)} aliases (*name) (the limit)";

    public static string AliasInsideItself(string name) =>
        $"the alias '*{InputLimits.Shorten(name)}' is used inside the value '&{InputLimits.Shorten(name)}' it refers to, so that value would never end; write the value out instead";
}
