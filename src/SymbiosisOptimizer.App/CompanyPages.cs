using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Html;
using SymbiosisOptimizer.Reports.Localization;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.App;

/// <summary>
/// The company view of a run: the facilitator picks "view as company X" (/runs/{id}/companies) and downloads its
/// package (company.json, company.xlsx, company.html zipped). With --token, each company has its own token
/// (<see cref="CompanyAccess.TokenFor"/>) that opens only its own view and package, every other route refused.
/// </summary>
public static class CompanyPages
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The one registration in <see cref="SymbiosisApp"/>: the routes of the company view.</summary>
    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var views = new CompanyViews();
        app.MapGet("/runs/{id}/companies", (string id, AppRuns runs, ScenarioLibrary library, AppOptions options) =>
        {
            var run = Find(runs, id);
            if (run is null || views.Of(run, library) is not { } company)
            {
                return NotFound(id);
            }

            return Html(Companies(AppText.Current, run, company, options));
        });
        app.MapGet("/runs/{id}/company/{actor}", (string id, string actor, AppRuns runs, ScenarioLibrary library) =>
        {
            var run = Find(runs, id);
            return run is null || views.Of(run, library) is not { } company || !company.Region.HasActor(actor)
                ? NotFound(id)
                : Html(CompanyHtml.Build(company.Document(actor)));
        });
        app.MapGet("/runs/{id}/company/{actor}/package.zip", (string id, string actor, AppRuns runs, ScenarioLibrary library) =>
        {
            var run = Find(runs, id);
            return run is null || views.Of(run, library) is not { } company || !company.Region.HasActor(actor)
                ? NotFound(id)
                : Results.File(CompanyReports.Package(company.Document(actor)), "application/zip", $"{actor}-company-report.zip");
        });
    }

    private static RunEntry? Find(AppRuns runs, string id) => AppRuns.IsRunId(id) ? runs.Catalogue.Get(id) : null;

    private static IResult NotFound(string id) =>
        Html(Pages.NotFound(AppText.Current.Format(AppPhrase.NoCompanyView, id)), StatusCodes.Status404NotFound);

    private static IResult Html(string html, int status = StatusCodes.Status200OK) => Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);

    private static string Companies(AppText t, RunEntry run, CompanyRun company, AppOptions options)
    {
        static string H(string? s) => WebUtility.HtmlEncode(s ?? string.Empty);
        var b = new StringBuilder();
        b.Append(Inv, $"<h1>{H(t[AppPhrase.ViewAsCompany])}</h1><p class=\"subtitle\">{H(t.Format(AppPhrase.CompaniesIntro, run.Id, company.Region.Name, run.Named))}</p>");
        if (options.HasToken)
        {
            b.Append(Inv, $"<p class=\"note\">{H(t[AppPhrase.CompanyLinksNote])}</p>");
        }

        b.Append(Inv, $"<table class=\"companies\"><thead><tr><th>{H(t[ReportPhrase.Actor])}</th><th>{H(t[ReportPhrase.Kind])}</th><th>{H(t[AppPhrase.View])}</th><th>{H(t[AppPhrase.Package])}</th>");
        b.Append(options.HasToken ? $"<th>{H(t[AppPhrase.CompanyLink])}</th>" : string.Empty).Append("</tr></thead><tbody>");
        foreach (var a in company.Region.Actors)
        {
            var view = $"/runs/{H(run.Id)}/company/{Uri.EscapeDataString(a.Id)}";
            b.Append(Inv, $"<tr data-actor=\"{H(a.Id)}\"><td>{H(a.Name)}</td><td>{H(a.Kind.ToString().ToLowerInvariant())}</td><td><a href=\"{view}\">{H(t.Format(AppPhrase.ViewAs, a.Name))}</a></td><td><a class=\"download\" href=\"{view}/package.zip\">{H(t[AppPhrase.CompanyPackage])}</a></td>");
            if (options.HasToken)
            {
                var token = CompanyAccess.TokenFor(options.Token!, a.Id);
                b.Append(Inv, $"<td><code>{view}?{AppOptions.TokenQuery}={H(Uri.EscapeDataString(token))}</code></td>");
            }

            b.Append("</tr>");
        }

        b.Append("</tbody></table>");
        return Pages.Layout(t, t[AppPhrase.ViewAsCompany], b.ToString());
    }

    /// <summary>Company runs by run id: one solve and sharing analysis per run, made the first time a company view is asked for.</summary>
    private sealed class CompanyViews
    {
        private readonly ConcurrentDictionary<string, Lazy<CompanyRun?>> cache = new(StringComparer.Ordinal);

        public CompanyRun? Of(RunEntry run, ScenarioLibrary library) =>
            run.HasDocuments ? cache.GetOrAdd(run.Id, _ => new Lazy<CompanyRun?>(() => Solve(run, library))).Value : null;

        private static CompanyRun? Solve(RunEntry run, ScenarioLibrary library)
        {
            if (library.Find(run.Scenario) is not { } bundled)
            {
                return null;
            }

            var load = ScenarioLoader.Load(bundled.Path, new LoadOptions(run.Named));
            if (!load.Succeeded)
            {
                return null;
            }

            var company = CompanyReports.Solve(load.Region!, new RunProvenance(load.SourceFile, load.ScenarioName, load.AppliedOverrides), new SolveOptions());
            return company.Run.HasSolution ? company : null;
        }
    }
}

/// <summary>
/// Per-company tokens: HMAC-SHA256 of the actor id keyed by the app's token, written "actor.hex". The facilitator
/// holds the main token and hands each company its own; a company token is honoured only on that company's routes.
/// </summary>
public static class CompanyAccess
{
    public static string TokenFor(string mainToken, string actorId)
    {
        ArgumentNullException.ThrowIfNull(mainToken);
        ArgumentNullException.ThrowIfNull(actorId);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(mainToken), Encoding.UTF8.GetBytes("symbiosis-company:" + actorId));
        return actorId + "." + Convert.ToHexStringLower(mac);
    }

    /// <summary>The actor a company token belongs to, or null when <paramref name="given"/> is not a company token of this app.</summary>
    public static string? ActorOf(string mainToken, string given)
    {
        var dot = given.LastIndexOf('.');
        if (dot <= 0)
        {
            return null;
        }

        var actor = given[..dot];
        var expected = TokenFor(mainToken, actor);
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)) ? actor : null;
    }

    /// <summary>Whether a request carrying <paramref name="given"/> (not the main token) may go on: only GET of its own company view or package.</summary>
    public static bool Allows(HttpContext context, string mainToken, string given)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ActorOf(mainToken, given) is not { } actor || !HttpMethods.IsGet(context.Request.Method))
        {
            return false;
        }

        var parts = (context.Request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var own = parts.Length is 4 or 5 && parts[0] == "runs" && parts[2] == "company" && (parts.Length == 4 || parts[4] == "package.zip");
        return own && string.Equals(Uri.UnescapeDataString(parts[3]), actor, StringComparison.Ordinal);
    }
}
