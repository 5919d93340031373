using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SymbiosisOptimizer.App;

namespace SymbiosisOptimizer.Tests.App;

/// <summary>The app hosted in memory (WebApplicationFactory over the app's entry point; AppOptions names its assembly) on a workspace of its own, with the bundled scenarios.</summary>
public sealed class AppFactory(string workspace, string? token = null, string? scenarios = null) : WebApplicationFactory<AppOptions>
{
    public string Workspace { get; } = workspace;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("symbiosis:workspace", Workspace);
        builder.UseSetting("symbiosis:scenarios", scenarios ?? Path.Combine(TestPaths.Root, "scenarios"));
        if (token is not null)
        {
            builder.UseSetting("symbiosis:token", token);
        }
    }

    /// <summary>Waits for a background job to end (runs are jobs: the form answers at once) and returns its catalogue entry.</summary>
    public RunEntry WaitFor(string id)
    {
        if (Services.GetRequiredService<AppJobs>().Find(id) is { } job)
        {
            Assert.True(job.Completion.Wait(TimeSpan.FromMinutes(5)), $"job {id} did not end within 5 minutes");
        }

        return Services.GetRequiredService<RunCatalogue>().Get(id) ?? throw new InvalidOperationException($"no run {id} in the catalogue");
    }

    /// <summary>Posts a form and returns the id of the job it started (from the redirect to /runs/ID).</summary>
    public static async Task<string> Started(HttpClient client, string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var form = new FormUrlEncodedContent(fields);
        var answer = await client.PostAsync(new Uri(path, UriKind.Relative), form);
        Assert.True(answer.StatusCode == HttpStatusCode.Redirect, $"{path}: {answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        var m = Regex.Match(answer.Headers.Location!.OriginalString, "^/runs/([0-9a-f-]+)$", RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.True(m.Success, answer.Headers.Location.OriginalString);
        return m.Groups[1].Value;
    }

    /// <summary>A client that does not follow redirects, so a test sees where a form sends it.</summary>
    public HttpClient Client() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}

/// <summary>One run of scenarios/varmland-dalarna through the app, shared by the app tests (a run re-solves the model for every candidate).</summary>
public sealed class AppRunFixture : IDisposable
{
    public AppRunFixture()
    {
        Factory = new AppFactory(Workspace);
        using var client = Factory.Client();
        using var form = new FormUrlEncodedContent([new("scenario", "varmland-dalarna"), new("name", "base")]);
        var answer = client.PostAsync(new Uri("/runs", UriKind.Relative), form).GetAwaiter().GetResult();
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        ResultsPath = answer.Headers.Location!.OriginalString;
        RunId = Regex.Match(ResultsPath, "^/runs/([0-9a-f-]+)$", RegexOptions.None, TimeSpan.FromSeconds(1)).Groups[1].Value;
        Assert.NotEmpty(RunId);
        Factory.WaitFor(RunId);
        ResultsPage = client.GetStringAsync(new Uri(ResultsPath, UriKind.Relative)).GetAwaiter().GetResult();
    }

    public string Workspace { get; } = Path.Combine(Path.GetTempPath(), "symbiosis-app-" + Guid.NewGuid().ToString("N"));

    public AppFactory Factory { get; }

    public string RunId { get; }

    public string ResultsPath { get; }

    public string ResultsPage { get; }

    /// <summary>The run's own document folder in the workspace.</summary>
    public string RunFile(string name) => Path.Combine(Workspace, "runs", RunId, name);

    public void Dispose()
    {
        Factory.Dispose();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Workspace))
        {
            Directory.Delete(Workspace, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AppRunCollection : ICollectionFixture<AppRunFixture>
{
    public const string Name = "app run";
}
