using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

namespace SymbiosisOptimizer.App;

/// <summary>
/// The local web app of `symbiosis serve`: Scenarios, Run, the results of a run (KPIs, the three accounts, findings, a
/// Leaflet map of flows.geojson, exchanges, actors, why not chosen) and its downloads, over a run catalogue in the
/// workspace. Binds 127.0.0.1 unless told otherwise; any other address needs a token that every request must carry.
/// </summary>
public static class SymbiosisApp
{
    private const string Csp = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'";

    /// <summary>The embedded assets by request path (/assets/...), with their content types: the only files served from the assembly.</summary>
    private static readonly FrozenDictionary<string, string> Assets = typeof(SymbiosisApp).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("assets/", StringComparison.Ordinal))
        .ToFrozenDictionary(n => n, n => Path.GetExtension(n) switch
        {
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".geojson" => "application/geo+json",
            ".png" => "image/png",
            _ => "text/plain; charset=utf-8",
        }, StringComparer.Ordinal);

    /// <summary>
    /// Worker threads the thread pool creates on demand without waiting: a job's solver loops hold up to two per core
    /// (samples in parallel, each solving its independent parts in parallel) for as long as the job runs, and requests
    /// must still find a thread at once. Above that floor the pool adds threads only when it sees no progress, which
    /// those loops hide by completing small tasks all the time.
    /// </summary>
    public static int MinWorkerThreads => (4 * Environment.ProcessorCount) + 4;

    /// <param name="args">Host arguments (configuration keys such as --symbiosis:workspace=DIR).</param>
    /// <param name="options">The options of `symbiosis serve`; they win over <paramref name="args"/>.</param>
    public static WebApplication Build(string[] args, AppOptions? options = null)
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < MinWorkerThreads)
        {
            ThreadPool.SetMinThreads(MinWorkerThreads, io);
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = options is null ? null : AppContext.BaseDirectory });
        if (options is not null)
        {
            builder.Configuration.AddInMemoryCollection(options.Settings());
        }

        var settings = AppOptions.From(builder.Configuration);
        var urls = settings.Urls ?? $"http://127.0.0.1:{AppOptions.DefaultPort}";
        if (!settings.HasToken)
        {
            // Without a token only loopback names are answered (400 otherwise), so a web page cannot reach the app
            // through a DNS name that it points at 127.0.0.1.
            builder.Configuration["AllowedHosts"] = "localhost;127.0.0.1;[::1]";
        }

        builder.WebHost.UseUrls(urls);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Services.AddSingleton(sp => AppOptions.From(sp.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton<ScenarioLibrary>();
        builder.Services.AddSingleton<RunCatalogue>();
        builder.Services.AddSingleton<AppJobs>();
        builder.Services.AddSingleton<AppRuns>();

        var app = builder.Build();
        app.Use(Gate);
        app.Use(AppLanguage.Choose);
        Map(app);
        return app;
    }

    /// <summary>
    /// Headers on every answer; with a token, a request without it (header, query or the cookie set from a good query)
    /// is refused with 401; a form posted from another site is refused with 403.
    /// </summary>
    private static async Task Gate(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Csp;
        headers.XContentTypeOptions = "nosniff";
        // same-origin, not no-referrer: with no-referrer a browser posts forms with "Origin: null", which the check below refuses.
        headers["Referrer-Policy"] = "same-origin";
        var options = context.RequestServices.GetRequiredService<AppOptions>();
        if (options.HasToken)
        {
            var query = context.Request.Query[AppOptions.TokenQuery].ToString();
            var given = context.Request.Headers[AppOptions.TokenHeader].ToString() is { Length: > 0 } h ? h
                : query.Length > 0 ? query
                : context.Request.Cookies[AppOptions.TokenCookie] ?? string.Empty;
            var company = false;
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(options.Token!))
                && !(company = CompanyAccess.Allows(context, options.Token!, given)))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsync($"401: this app was started with --token; send it as header {AppOptions.TokenHeader} or as ?{AppOptions.TokenQuery}=...\n").ConfigureAwait(false);
                return;
            }

            if (query.Length > 0 && !company)
            {
                context.Response.Cookies.Append(AppOptions.TokenCookie, query, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
            }
        }

        if (HttpMethods.IsPost(context.Request.Method) && context.Request.Headers.Origin.ToString() is { Length: > 0 } origin
            && !(Uri.TryCreate(origin, UriKind.Absolute, out var o) && string.Equals(o.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("403: forms may only be posted from this app's own pages\n").ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    internal static IResult Html(string html, int status = StatusCodes.Status200OK) => Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);

    private static void Map(WebApplication app)
    {
        // Every page is written in the request's language (AppText.Current, chosen by AppLanguage.Choose).
        app.MapGet("/", (ScenarioLibrary library, AppRuns runs, string? uploaded) => Html(Pages.Scenarios(AppText.Current, library, runs.Catalogue.List(), uploaded)));
        app.MapGet("/scenarios", (ScenarioLibrary library, AppRuns runs) => Html(Pages.Scenarios(AppText.Current, library, runs.Catalogue.List())));
        app.MapGet("/run", (ScenarioLibrary library, string? scenario) => Html(Pages.Run(AppText.Current, library, scenario)));
        app.MapGet("/runs", (AppRuns runs) => Html(Pages.Runs(AppText.Current, runs.Catalogue.List())));
        app.MapPost("/runs", async (HttpContext context, AppRuns runs) =>
        {
            if (!context.Request.HasFormContentType)
            {
                return Results.BadRequest(AppText.Current[AppPhrase.PostRunForm]);
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            string? folder = form["scenario"], name = form["name"];
            if (form["pick"].ToString() is { Length: > 0 } pick && pick.Split('/', 2) is [var f, var n])
            {
                (folder, name) = (f, n);
            }

            var run = runs.Start(folder, name);
            return run is null
                ? Html(Pages.NotFound(AppText.Current.Format(AppPhrase.NoScenarioNamed, folder, name)), StatusCodes.Status404NotFound)
                : Results.Redirect($"/runs/{run.Id}", permanent: false, preserveMethod: false);
        });
        app.MapGet("/runs/{id}", (string id, AppRuns runs) =>
        {
            var run = AppRuns.IsRunId(id) ? runs.Catalogue.Get(id) : null;
            if (run is null)
            {
                return Html(Pages.NotFound(AppText.Current.Format(AppPhrase.NoRun, id)), StatusCodes.Status404NotFound);
            }

            if (run.IsRunning)
            {
                return Html(JobPages.Progress(AppText.Current, run, runs.Jobs.Progress(id)));
            }

            if (DecisionPages.Owns(run.Kind))
            {
                return Html(DecisionPages.Document(run, run.HasDocuments ? DecisionWork.Read(runs.Catalogue.FolderOf(run), run.Kind) : null));
            }

            return run.Kind == JobKind.Run
                ? Html(Pages.Result(AppText.Current, run, runs.Document(run)))
                : Html(RunnerPages.Document(AppText.Current, run, run.HasDocuments ? RunnerWork.Read(Path.Combine(runs.Catalogue.FolderOf(run), RunnerWork.JsonFile(run.Kind)), run.Kind) : null));
        });
        app.MapGet("/runs/{id}/progress", (string id, AppRuns runs) =>
        {
            var run = AppRuns.IsRunId(id) ? runs.Catalogue.Get(id) : null;
            return run is null
                ? Results.NotFound()
                : Results.Text(JobPages.ProgressJson(AppText.Current, run, runs.Jobs.Progress(id)), "application/json; charset=utf-8", Encoding.UTF8);
        });
        app.MapPost("/runs/{id}/cancel", (string id, AppRuns runs) =>
        {
            var run = AppRuns.IsRunId(id) ? runs.Catalogue.Get(id) : null;
            if (run is null)
            {
                return Results.NotFound();
            }

            runs.Jobs.Cancel(id);
            return Results.Redirect($"/runs/{id}", permanent: false, preserveMethod: false);
        });
        app.MapGet("/runs/{id}/files/{name}", (HttpContext context, string id, string name, AppRuns runs) =>
        {
            var run = AppRuns.IsRunId(id) ? runs.Catalogue.Get(id) : null;
            var path = run is null ? null : runs.File(run, name, AppLanguage.Of(context));
            return path is null
                ? Results.NotFound(AppText.Current.Format(AppPhrase.NoDocument, name, id))
                : Results.File(path, AppRuns.DownloadsOf(run!.Kind)[name], fileDownloadName: name);
        });
        RunnerPages.Map(app);
        DecisionPages.Map(app);
        PolicyPages.Map(app);
        UploadPages.Map(app);
        CompanyPages.Map(app);
        app.MapGet("/favicon.ico", () => Results.NoContent());
        app.MapGet("/assets/{**path}", (string path, HttpContext context) =>
        {
            var name = "assets/" + path;
            if (!Assets.TryGetValue(name, out var type))
            {
                return Results.NotFound();
            }

            // Embedded in this build: a browser may keep them for an hour (the map of a finished run is then drawn from the cache).
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Stream(typeof(SymbiosisApp).Assembly.GetManifestResourceStream(name)!, type);
        });
    }
}
