using System.Collections.Immutable;
using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace SymbiosisOptimizer.Scenarios;

/// <summary>Reads YAML text into the located node tree; syntax errors become diagnostics, never exceptions.</summary>
public static class YamlNodeReader
{
    public static Node? Read(string text, string fileName, DiagnosticBag diagnostics)
    {
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
                    $"the file holds more than {InputLimits.Count(InputLimits.MaxNodes)} values once its aliases (*name) are expanded (the limit); write the values out, or use fewer aliases");
                return false;
            }

            if (frames.Count > 0)
            {
                var (anchor, n, items, start) = frames.Pop();
                frames.Push((anchor, n + nodes, items + 1, start));
                if (items + 1 > 2L * InputLimits.MaxListItems)
                {
                    diagnostics.Error(At(start), string.Empty, $"this list or block holds more than {InputLimits.Count(InputLimits.MaxListItems)} items (the limit)");
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
                                "a second YAML document starts here ('---'); a scenario file holds exactly one document, so remove this line and what follows or merge them");
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
                                string.Create(CultureInfo.InvariantCulture, $"lists and blocks are nested more than {InputLimits.MaxDepth} levels deep here (the limit)"));
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
                                $"the alias '*{InputLimits.Shorten(name)}' is used inside the value '&{InputLimits.Shorten(name)}' it refers to, so that value would never end; write the value out instead");
                            return false;
                        }

                        if (++aliases > InputLimits.MaxAliases)
                        {
                            diagnostics.Error(At(alias.Start), string.Empty, $"the file uses more than {InputLimits.Count(InputLimits.MaxAliases)} aliases (*name) (the limit)");
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
