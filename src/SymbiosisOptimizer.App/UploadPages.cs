using System.Collections.Immutable;
using System.Globalization;
using System.IO.Compression;
using Microsoft.AspNetCore.Http.Features;
using SymbiosisOptimizer.Scenarios;
using static SymbiosisOptimizer.App.Pages;

namespace SymbiosisOptimizer.App;

/// <summary>What became of an upload: the scenario it made in the workspace, or the lines of `symbiosis validate`.</summary>
public sealed record UploadOutcome(BundledScenario? Scenario, ImmutableArray<string> Lines);

/// <summary>
/// Uploads on the Scenarios page: a workbook from `symbiosis template` or a zipped scenario folder. The file is
/// unpacked into a staging folder in the workspace within the input-hardening limits (sizes, entry counts, no path
/// outside the folder), validated by the loader exactly as `symbiosis validate` does, and only a valid scenario is
/// moved into WORKSPACE/scenarios/NAME, where it can be run. The server's own paths are never named by the request.
/// </summary>
public static class UploadPages
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A zipped folder holds at most this many entries (the workbook parts' limit).</summary>
    public const int MaxZipEntries = InputLimits.MaxWorkbookEntries;

    /// <summary>A zipped folder unpacks to at most this many bytes in all (the workbook's limit).</summary>
    public const long MaxZipUnpacked = InputLimits.MaxWorkbookUncompressedBytes;

    public static string Form(AppText t, ImmutableArray<string> lines = default, string? name = null) =>
        $"""
        <h2 id="upload">{H(t[AppPhrase.UploadHeading])}</h2>
        <p class="note">{t.Format(AppPhrase.UploadNote, InputLimits.Bytes(InputLimits.MaxWorkbookBytes), InputLimits.Count(MaxZipEntries))}</p>
        {(lines.IsDefaultOrEmpty ? string.Empty : "<ul class=\"errors problem\" id=\"upload-errors\">" + string.Concat(lines.Select(l => $"<li>{H(l)}</li>")) + "</ul>")}
        <form method="post" action="/scenarios/upload" enctype="multipart/form-data" class="upload">
        <label>{H(t[AppPhrase.UploadFile])} <input type="file" name="file" id="upload-file" accept=".xlsx,.zip" required></label>
        <label>{H(t[AppPhrase.UploadName])} <input name="name" id="upload-name" value="{H(name ?? string.Empty)}" placeholder="{H(t[AppPhrase.UploadNamePlaceholder])}"></label>
        <button type="submit" id="upload-submit">{H(t[AppPhrase.UploadSubmit])}</button>
        </form>
        """;

    public static void Map(WebApplication app)
    {
        app.MapPost("/scenarios/upload", async (HttpContext context, ScenarioLibrary library, AppRuns runs) =>
        {
            var t = AppText.Current;
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = InputLimits.MaxWorkbookBytes + (1024 * 1024);
            }

            if (!context.Request.HasFormContentType)
            {
                return Results.BadRequest(t[AppPhrase.PostUploadForm]);
            }

            IFormCollection form;
            try
            {
                form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
            {
                return SymbiosisApp.Html(Page(t, library, runs, [t.Format(AppPhrase.UploadTooLarge, InputLimits.Bytes(InputLimits.MaxWorkbookBytes))], null), StatusCodes.Status413PayloadTooLarge);
            }

            var file = form.Files["file"];
            var outcome = file is null
                ? new UploadOutcome(null, [t[AppPhrase.UploadChooseFile]])
                : await Accept(library, file, form["name"].ToString().Trim(), context.RequestAborted, t).ConfigureAwait(false);
            return outcome.Scenario is { } s
                ? Results.Redirect($"/?uploaded={Uri.EscapeDataString(s.Folder)}", permanent: false, preserveMethod: false)
                : SymbiosisApp.Html(Page(t, library, runs, outcome.Lines, form["name"]), StatusCodes.Status422UnprocessableEntity);
        });
    }

    private static string Page(AppText t, ScenarioLibrary library, AppRuns runs, ImmutableArray<string> lines, string? name)
    {
        // The Scenarios page with the upload's problems in place of its empty form.
        var html = Pages.Scenarios(t, library, runs.Catalogue.List());
        return html.Replace(Form(t), Form(t, lines, name), StringComparison.Ordinal);
    }

    /// <summary>Stages, unpacks, validates and keeps (or refuses) one uploaded file.</summary>
    /// <param name="t">The page's language for the app's own messages (English by default); the loader's lines stay as `symbiosis validate` gives them.</param>
    public static async Task<UploadOutcome> Accept(ScenarioLibrary library, IFormFile file, string name, CancellationToken cancel, AppText? t = null)
    {
        t ??= AppText.English;
        var original = Path.GetFileName(file.FileName.Replace('\\', '/'));
        var extension = Path.GetExtension(original).ToLowerInvariant();
        if (extension is not (".xlsx" or ".zip"))
        {
            return new(null, [t.Format(AppPhrase.UploadWrongKind, InputLimits.Shorten(original))]);
        }

        if (file.Length > InputLimits.MaxWorkbookBytes)
        {
            return new(null, [$"{original}: the file has {InputLimits.Count(file.Length)} bytes; the most is {InputLimits.Bytes(InputLimits.MaxWorkbookBytes)} (the limit)"]);
        }

        if (name.Length == 0)
        {
            name = Path.GetFileNameWithoutExtension(original);
        }

        if (!InputLimits.IsPlainName(name))
        {
            return new(null, ["name: " + InputLimits.PlainNameRule(name)]);
        }

        var target = Path.Combine(library.WorkspaceFolder, name);
        if (Directory.Exists(target))
        {
            return new(null, [t.Format(AppPhrase.UploadNameTaken, name)]);
        }

        Directory.CreateDirectory(library.WorkspaceFolder);
        var staging = Path.Combine(library.WorkspaceFolder, $".upload-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            string load;
            if (extension == ".xlsx")
            {
                load = Path.Combine(staging, ScenarioLibrary.UploadedWorkbook);
                await using (var to = File.Create(load))
                {
                    await file.CopyToAsync(to, cancel).ConfigureAwait(false);
                }
            }
            else
            {
                await using var from = file.OpenReadStream();
                string? problem;
                try
                {
                    problem = await Unzip(from, staging, original, cancel).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException)
                {
                    problem = $"{original}: cannot be unpacked: {ex.Message}";
                }

                if (problem is not null)
                {
                    return new(null, [problem]);
                }

                load = staging;
                if (!File.Exists(Path.Combine(staging, ScenarioLoader.DefaultFileName)))
                {
                    return new(null, [$"{original}: no {ScenarioLoader.DefaultFileName} at the top of the folder (or of its one sub-folder)"]);
                }
            }

            cancel.ThrowIfCancellationRequested();
            var result = ScenarioLoader.Load(load, new LoadOptions(ValidateAllScenarios: true));
            string Shown(string f)
            {
                // The staging folder is the server's business: a location names the upload, or the file inside the zip.
                if (extension == ".xlsx")
                {
                    var bang = f.IndexOf('!', StringComparison.Ordinal);
                    return original + (bang >= 0 ? f[bang..] : string.Empty);
                }

                var full = Path.GetFullPath(f);
                return full.StartsWith(staging + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? original + "/" + Path.GetRelativePath(staging, full).Replace('\\', '/') : f;
            }

            var lines = result.Diagnostics.Select(d => (d with { Location = d.Location with { File = Shown(d.Location.File) } }).ToString()).ToList();
            if (!result.Succeeded)
            {
                lines.Add(t.Format(AppPhrase.UploadInvalid, original, result.Errors.Count(), result.Warnings.Count()));
                return new(null, [.. lines]);
            }

            Directory.Move(staging, target);
            return new(library.Find(BundledScenario.WorkspacePrefix + name), [.. lines]);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>
    /// Unpacks a zipped scenario folder into <paramref name="into"/>, or says why not: too many entries, too many
    /// bytes (counted as they are written, not as the archive claims), or an entry whose path leaves the folder. A zip
    /// whose entries all sit in one folder is unpacked from inside it.
    /// </summary>
    public static async Task<string?> Unzip(Stream zipped, string into, string display, CancellationToken cancel)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(zipped, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or ArgumentException)
        {
            return $"{display}: cannot be read: not a zip archive ({ex.Message})";
        }

        using (zip)
        {
            if (zip.Entries.Count > MaxZipEntries)
            {
                return $"{display}: the archive has {InputLimits.Count(zip.Entries.Count)} entries; the most is {InputLimits.Count(MaxZipEntries)} (the limit)";
            }

            var names = new List<(ZipArchiveEntry Entry, string[] Parts)>();
            foreach (var e in zip.Entries)
            {
                var n = e.FullName.Replace('\\', '/');
                if (n.EndsWith('/'))
                {
                    continue;
                }

                var parts = n.Split('/');
                if (n.StartsWith('/') || n.Contains(':', StringComparison.Ordinal) || parts.Any(p => p is "" or "." or ".."))
                {
                    return $"{display}: the entry '{InputLimits.Shorten(e.FullName)}' points outside the folder; entries must be relative paths without '..'";
                }

                names.Add((e, parts));
            }

            // One top folder (as "Compress" makes it) is stepped into.
            var strip = names.Count > 0 && names.All(x => x.Parts.Length > 1 && x.Parts[0] == names[0].Parts[0]) ? 1 : 0;
            long total = 0;
            var root = Path.GetFullPath(into) + Path.DirectorySeparatorChar;
            foreach (var (entry, parts) in names)
            {
                var path = Path.GetFullPath(Path.Combine(into, Path.Combine(parts[strip..])));
                if (!path.StartsWith(root, StringComparison.Ordinal))
                {
                    return $"{display}: the entry '{InputLimits.Shorten(entry.FullName)}' points outside the folder";
                }

                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await using var from = entry.Open();
                await using var to = File.Create(path);
                var buffer = new byte[81920];
                long written = 0;
                int read;
                while ((read = await from.ReadAsync(buffer, cancel).ConfigureAwait(false)) > 0)
                {
                    written += read;
                    total += read;
                    if (written > InputLimits.MaxScenarioBytes)
                    {
                        return $"{display}: the entry '{InputLimits.Shorten(entry.FullName)}' unpacks to more than {InputLimits.Bytes(InputLimits.MaxScenarioBytes)} (the limit per file)";
                    }

                    if (total > MaxZipUnpacked)
                    {
                        return $"{display}: the archive unpacks to more than {InputLimits.Bytes(MaxZipUnpacked)} (the limit)";
                    }

                    await to.WriteAsync(buffer.AsMemory(0, read), cancel).ConfigureAwait(false);
                }
            }
        }

        return null;
    }

    /// <summary>The note the Scenarios page shows after a good upload.</summary>
    public static string Uploaded(AppText t, BundledScenario s) =>
        string.Create(Inv, $"<p class=\"uploaded\" id=\"uploaded\">{H(t.Format(AppPhrase.UploadedValid, s.Display, s.Region, string.Join(", ", s.Names)))}</p>");

    internal static string Banner(AppText t, ScenarioLibrary library, string? uploaded) =>
        uploaded is not null && library.Find(uploaded) is { } s ? Uploaded(t, s) : string.Empty;
}
