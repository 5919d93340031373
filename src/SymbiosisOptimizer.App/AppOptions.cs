using System.Net;

namespace SymbiosisOptimizer.App;

/// <summary>How the app is started: where its workspace is, which scenarios it offers, which address, which token.</summary>
/// <param name="Workspace">Folder of the run catalogue (catalogue.db) and of every run's documents (runs/&lt;id&gt;/).</param>
/// <param name="Scenarios">Folder of the bundled scenarios; null: found above the working folder or the binary.</param>
/// <param name="Token">When set, every request must carry it (header X-Symbiosis-Token or ?token=).</param>
/// <param name="Urls">Kestrel addresses, e.g. http://127.0.0.1:5080.</param>
public sealed record AppOptions(string Workspace, string? Scenarios = null, string? Token = null, string? Urls = null)
{
    public const string DefaultWorkspace = "symbiosis-workspace";
    public const int DefaultPort = 5080;
    public const string TokenHeader = "X-Symbiosis-Token";
    public const string TokenQuery = "token";
    public const string TokenCookie = "symbiosis-token";

    private const string Prefix = "symbiosis:";

    public string WorkspacePath => Path.GetFullPath(Workspace);

    public bool HasToken => !string.IsNullOrEmpty(Token);

    /// <summary>The options as configuration keys (symbiosis:workspace, ...), so the host reads them like any setting.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        yield return new(Prefix + "workspace", Workspace);
        yield return new(Prefix + "scenarios", Scenarios);
        yield return new(Prefix + "token", Token);
        yield return new(Prefix + "urls", Urls);
    }

    public static AppOptions From(IConfiguration c) => new(
        c[Prefix + "workspace"] is { Length: > 0 } w ? w : DefaultWorkspace,
        c[Prefix + "scenarios"] is { Length: > 0 } s ? s : null,
        c[Prefix + "token"] is { Length: > 0 } t ? t : null,
        c[Prefix + "urls"] is { Length: > 0 } u ? u : null);

    /// <summary>Why these addresses may not be used, or null: anything but the loopback interface needs a token.</summary>
    public static string? Refusal(string urls, string? token)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                || uri.Scheme is not ("http" or "https"))
            {
                return $"'{url}' is not an address like http://127.0.0.1:{DefaultPort}";
            }

            if (!IsLoopback(uri.Host) && string.IsNullOrEmpty(token))
            {
                return $"'{url}' is reachable from other machines; start with --token SECRET so that every request must carry it";
            }
        }

        return null;
    }

    public static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
