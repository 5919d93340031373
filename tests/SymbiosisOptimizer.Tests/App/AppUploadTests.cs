using System.IO.Compression;
using System.Net;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;
using SymbiosisOptimizer.App;
using SymbiosisOptimizer.Scenarios;
using SymbiosisOptimizer.Scenarios.Excel;

namespace SymbiosisOptimizer.Tests.App;

/// <summary>Uploads: a workbook from `template` or a zipped folder, checked as `validate` checks it, within the input limits.</summary>
[Collection(AppRunCollection.Name)]
public sealed class AppUploadTests(AppRunFixture run)
{
    private static Uri U(string path) => new(path, UriKind.Relative);

    /// <summary>The template of tests/fixtures/tiny, optionally with supplies!D2 (its quantity) replaced.</summary>
    public static byte[] Workbook(string? quantity = null)
    {
        var diag = new DiagnosticBag();
        var tree = ScenarioLoader.ReadBaseTree(TestPaths.Fixture("tiny"), diag);
        Assert.NotNull(tree);
        var bytes = ExcelTemplate.Build(tree);
        if (quantity is null)
        {
            return bytes;
        }

        using var stream = new MemoryStream();
        stream.Write(bytes);
        using (var wb = new XLWorkbook(stream))
        {
            var ws = wb.Worksheet("supplies");
            var col = ws.Row(1).CellsUsed().Single(c => c.GetString() == "quantity").Address.ColumnNumber;
            Assert.Equal(4, col);
            ws.Cell(2, col).SetValue(quantity);
            wb.Save();
        }

        return stream.ToArray();
    }

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open());
                w.Write(text);
            }
        }

        return stream.ToArray();
    }

    private static async Task<HttpResponseMessage> Upload(HttpClient client, string fileName, byte[] bytes, string name)
    {
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(bytes), "file", fileName },
            { new StringContent(name), "name" },
        };
        return await client.PostAsync(U("/scenarios/upload"), content);
    }

    private bool Kept(string name) => Directory.Exists(Path.Combine(run.Workspace, "scenarios", name));

    [Fact]
    public async Task A_malformed_workbook_is_refused_with_its_errors_located_by_sheet_and_cell_as_validate_prints_them()
    {
        using var client = run.Factory.Client();
        var answer = await Upload(client, "model.xlsx", Workbook("5 MWh/yr"), "bad-model");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());

        // supplies!D2 is the first supply's quantity (column 4, row 2); validate prints FILE!SHEET!CELL: error: FIELD: message.
        Assert.Contains("model.xlsx!supplies!D2: error: supplies[", html, StringComparison.Ordinal);
        Assert.Contains("model.xlsx: invalid: 1 error(s)", html, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Workspace, html, StringComparison.Ordinal);
        Assert.False(Kept("bad-model"));
    }

    [Fact]
    public async Task A_good_workbook_is_kept_in_the_workspace_and_can_be_run()
    {
        using var client = run.Factory.Client();
        var answer = await Upload(client, "tiny.xlsx", Workbook(), "tiny-upload");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/?uploaded=workspace%3Atiny-upload", answer.Headers.Location!.OriginalString);
        Assert.Contains("id=\"uploaded\"", await client.GetStringAsync(U(answer.Headers.Location.OriginalString)), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(run.Workspace, "scenarios", "tiny-upload", "scenario.xlsx")));
        var id = await AppFactory.Started(client, "/runs", [new("scenario", "workspace:tiny-upload"), new("name", "base")]);
        var entry = run.Factory.WaitFor(id);
        Assert.True(entry.HasDocuments, entry.Status + ": " + entry.Message);

        // The same name again is refused, never overwritten.
        var again = await Upload(client, "tiny.xlsx", Workbook(), "tiny-upload");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("already has a scenario", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zipped_folder_is_unpacked_from_its_one_top_folder_and_validated()
    {
        using var client = run.Factory.Client();
        var yaml = await File.ReadAllTextAsync(Path.Combine(TestPaths.Fixture("tiny"), "scenario.yaml"));
        var answer = await Upload(client, "tiny.zip", Zip(("tiny/scenario.yaml", yaml)), "tiny-zip");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.NotNull(run.Factory.Services.GetRequiredService<ScenarioLibrary>().Find("workspace:tiny-zip"));

        // A zipped YAML with an error is located by file:line as validate gives it (the unknown key is on line 2).
        var bad = await Upload(client, "broken.zip", Zip(("scenario.yaml", "region:\n  nme: x\n")), "broken-zip");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("broken.zip/scenario.yaml:2:", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(Kept("broken-zip"));
    }

    [Theory]
    [InlineData("../evil.yaml", "points outside the folder")]
    [InlineData("/etc/evil.yaml", "points outside the folder")]
    [InlineData("a/../../evil.yaml", "points outside the folder")]
    [InlineData("C:/evil.yaml", "points outside the folder")]
    public async Task A_zip_entry_that_leaves_the_folder_is_refused(string entry, string message)
    {
        using var client = run.Factory.Client();
        var answer = await Upload(client, "evil.zip", Zip(("scenario.yaml", "region: {name: x}\n"), (entry, "x")), "evil");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
        Assert.Contains(message, await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(Kept("evil"));
        Assert.False(File.Exists(Path.Combine(run.Workspace, "evil.yaml")));
        Assert.False(File.Exists(Path.Combine(run.Workspace, "scenarios", "evil.yaml")));
    }

    [Fact]
    public async Task Too_many_entries_a_wrong_kind_of_file_or_a_bad_name_are_refused()
    {
        using var client = run.Factory.Client();
        var many = Zip([.. Enumerable.Range(0, UploadPages.MaxZipEntries + 1).Select(i => ($"f{i}.csv", "a"))]);
        var answer = await Upload(client, "many.zip", many, "many");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.StatusCode);
        Assert.Contains("1 001 entries; the most is 1 000", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Upload(client, "notes.txt", [1, 2, 3], "notes")).StatusCode);
        var badName = await Upload(client, "tiny.xlsx", Workbook(), "../up");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badName.StatusCode);
        Assert.Contains("not a plain name", await badName.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Upload(client, "x.zip", [1, 2, 3, 4], "notzip")).StatusCode);
        Assert.False(Kept("many") || Kept("notes") || Kept("notzip"));
    }
}
