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

            diagnostics.Error(new SourceLocation(fileName, (int)ex.Start.Line, (int)ex.Start.Column), string.Empty,
                "this is not valid YAML: " + Clean(message));
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            diagnostics.Error(new SourceLocation(fileName, 1, 1), string.Empty, "the file is empty; a scenario needs at least 'region', 'resources' and 'actors'");
            return null;
        }

        return Convert(stream.Documents[0].RootNode, fileName);
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
