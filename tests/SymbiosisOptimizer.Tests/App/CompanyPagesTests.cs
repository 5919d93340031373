using System.IO.Compression;
using System.Net;
using SymbiosisOptimizer.App;
using SymbiosisOptimizer.Reports;

namespace SymbiosisOptimizer.Tests.App;

/// <summary>The company view of a run in the app, and the per-company tokens.</summary>
[Collection(AppRunCollection.Name)]
public sealed class CompanyPagesTests(AppRunFixture run)
{
    private static Uri U(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task The_facilitator_views_a_run_as_a_company_and_downloads_its_package()
    {
        using var client = run.Factory.Client();
        Assert.Contains($"/runs/{run.RunId}/companies", run.ResultsPage, StringComparison.Ordinal);
        var list = await client.GetStringAsync(U($"/runs/{run.RunId}/companies"));
        Assert.Contains("data-actor=\"karlstad-foundry\"", list, StringComparison.Ordinal);
        var view = await client.GetStringAsync(U($"/runs/{run.RunId}/company/karlstad-foundry"));
        Assert.Contains("Your fair share", view, StringComparison.Ordinal);
        var zip = await client.GetByteArrayAsync(U($"/runs/{run.RunId}/company/karlstad-foundry/package.zip"));
        using var archive = new ZipArchive(new MemoryStream(zip));
        Assert.Equal([CompanyReports.JsonFile, CompanyReports.WorkbookFile, CompanyReports.HtmlFile], archive.Entries.Select(e => e.FullName));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(U($"/runs/{run.RunId}/company/nobody"))).StatusCode);
    }

    /// <summary>A company token opens that company's view and package only; every other route, and another company's view, is refused.</summary>
    [Fact]
    public async Task A_company_token_sees_only_its_own_company_view()
    {
        const string Main = "s3cret-main-token";
        using var factory = new AppFactory(run.Workspace, token: Main);
        using var client = factory.Client();
        var token = Uri.EscapeDataString(CompanyAccess.TokenFor(Main, "karlstad-foundry"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(U($"/runs/{run.RunId}/company/karlstad-foundry?token={token}"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(U($"/runs/{run.RunId}/company/karlstad-foundry/package.zip?token={token}"))).StatusCode);
        foreach (var other in new[] { "/", "/runs", $"/runs/{run.RunId}", $"/runs/{run.RunId}/companies", $"/runs/{run.RunId}/files/results.json", $"/runs/{run.RunId}/company/mora-foundry", "/assets/app/app.js" })
        {
            var answer = await client.GetAsync(U($"{other}{(other.Contains('?', StringComparison.Ordinal) ? "&" : "?")}token={token}"));
            Assert.True(answer.StatusCode == HttpStatusCode.Unauthorized, $"{other}: {answer.StatusCode}");
        }

        // A forged token (the right shape, another key) is refused everywhere.
        var forged = Uri.EscapeDataString(CompanyAccess.TokenFor("another-key", "karlstad-foundry"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(U($"/runs/{run.RunId}/company/karlstad-foundry?token={forged}"))).StatusCode);
        // The main token still opens everything, and the company list shows each company's own link.
        var list = await client.GetStringAsync(U($"/runs/{run.RunId}/companies?token={Main}"));
        Assert.Contains(token, list, StringComparison.Ordinal);
    }

    [Fact]
    public void A_company_token_is_derived_and_names_its_actor()
    {
        var t = CompanyAccess.TokenFor("k", "a.b");
        Assert.Equal("a.b", CompanyAccess.ActorOf("k", t));
        Assert.Null(CompanyAccess.ActorOf("k2", t));
        Assert.Null(CompanyAccess.ActorOf("k", "a.b." + new string('0', 64)));
        Assert.NotEqual(CompanyAccess.TokenFor("k", "a"), CompanyAccess.TokenFor("k", "b"));
    }
}
