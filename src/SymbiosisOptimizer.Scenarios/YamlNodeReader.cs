using System.Collections.Immutable;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SymbiosisOptimizer.Scenarios;

/// <summary>Reads YAML text into the located node tree; syntax errors become diagnostics, never exceptions.</summary>
public static class YamlNodeReader
{
    public static Node? Read(string text, string fileName, DiagnosticBag diagnostics)
    {
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

        return Convert(stream.Documents[0].RootNode, fileName);
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

    private static Node Convert(YamlNode node, string file)
    {
        var at = new SourceLocation(file, (int)node.Start.Line, (int)node.Start.Column);
        switch (node)
        {
            case YamlScalarNode s:
                var isNull = s.Style == ScalarStyle.Plain && (s.Value is null or "" or "~" or "null");
                return new ScalarNode(s.Value ?? string.Empty, at, isNull);
            case YamlSequenceNode seq:
                return new SequenceNode([.. seq.Children.Select(c => Convert(c, file))], at);
            case YamlMappingNode map:
                var entries = ImmutableArray.CreateBuilder<MapEntry>(map.Children.Count);
                foreach (var (k, v) in map.Children)
                {
                    var key = Convert(k, file) as ScalarNode
                        ?? new ScalarNode("<complex key>", new SourceLocation(file, (int)k.Start.Line, (int)k.Start.Column));
                    entries.Add(new MapEntry(key, Convert(v, file)));
                }

                return new MapNode(entries.ToImmutable(), at);
            default:
                return new ScalarNode(string.Empty, at, IsNull: true);
        }
    }
}
