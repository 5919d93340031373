using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Localization;

namespace SymbiosisOptimizer.App;

/// <summary>
/// The app's language switch, read in one place: <c>?lang=sv</c> (or <c>en</c>) on any page sets it and remembers
/// it in a cookie; without one the cookie decides; without either, English. Downloads of report.html, report.xlsx and
/// pareto.html are served in that language (every run writes both languages, see <see cref="AppRuns"/>); a runner or
/// decision job's HTML report and workbook are in the language of the page that started it; JSON and GeoJSON are
/// language-neutral.
/// </summary>
public static class AppLanguage
{
    public const string Query = "lang";
    public const string Cookie = "symbiosis-lang";

    private const string ItemKey = "symbiosis.language";

    /// <summary>Every run writes its human-readable reports in each of these.</summary>
    public static readonly IReadOnlyList<Language> Offered = [.. Languages.All.Select(l => l.Language)];

    /// <summary>Middleware: decides the request's language once and keeps it on the request.</summary>
    public static async Task Choose(HttpContext context, RequestDelegate next)
    {
        var language = Language.En;
        if (Languages.TryParse(context.Request.Query[Query].ToString(), out var asked))
        {
            language = asked;
            context.Response.Cookies.Append(Cookie, Languages.Code(asked), new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
        }
        else if (Languages.TryParse(context.Request.Cookies[Cookie], out var remembered))
        {
            language = remembered;
        }

        context.Items[ItemKey] = language;
        AppText.Use(AppText.For(language, Here(context.Request)));
        await next(context).ConfigureAwait(false);
    }

    /// <summary>The page the language switch returns to: this one (without its lang) for a GET; the start page after a form.</summary>
    private static string Here(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method))
        {
            return "/";
        }

        // The token is left out: the cookie carries it once a page was opened with it, and a link should not repeat it.
        var rest = request.Query.Where(q => !string.Equals(q.Key, Query, StringComparison.OrdinalIgnoreCase) && !string.Equals(q.Key, AppOptions.TokenQuery, StringComparison.Ordinal))
            .SelectMany(q => q.Value.Select(v => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(v ?? string.Empty)));
        var query = string.Join("&", rest);
        return request.PathBase + request.Path + (query.Length > 0 ? "?" + query : string.Empty);
    }

    /// <summary>The request's language (English when the middleware did not run).</summary>
    public static Language Of(HttpContext context) => context.Items.TryGetValue(ItemKey, out var l) && l is Language language ? language : Language.En;

    /// <summary>The file to serve for a download name in a language: report.sv.html for report.html in Swedish; other files as named.</summary>
    public static string FileFor(string name, Language language) =>
        language != Language.En && name is RunOutputs.HtmlFile or RunOutputs.WorkbookFile or RunOutputs.ParetoHtmlFile ? RunOutputs.LocalizedName(name, language) : name;
}
