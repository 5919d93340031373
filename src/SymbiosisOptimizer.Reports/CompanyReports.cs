using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using SymbiosisOptimizer.Assessment.Coalitions;
using SymbiosisOptimizer.Assessment.Sharing;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Excel;
using SymbiosisOptimizer.Reports.Html;

namespace SymbiosisOptimizer.Reports;

/// <summary>
/// One solve of a region with its sharing analysis, from which every company document is built: the plan, the
/// facilitator's run document of that plan (business cases, actors, exchanges) and the shares.
/// </summary>
public sealed record CompanyRun(Region Region, RunDocument Run, RegionSharingResult? Sharing, string? SharingNote, RunMetadata Metadata)
{
    /// <summary>The company document of one actor; the caller checks the id first (<see cref="CompanyReports.Unknown"/>).</summary>
    public CompanyDocument Document(string actorId) => CompanyDocuments.Build(Region, Run, Sharing, actorId, Metadata, SharingNote);
}

/// <summary>The company reports: solve once, build each firm's document, write company.json, company.xlsx and company.html.</summary>
public static class CompanyReports
{
    /// <summary>
    /// Groups above the exactly enumerated size get no least core or nucleolus by constraint generation in company
    /// reports: that search takes minutes per group of twenty-odd firms (`share` runs it); the company report shows the
    /// Shapley share (sampled with its interval), the dual allocation and the simple rules for them.
    /// </summary>
    public const int CompanyShareGenerationPlayers = 0;

    public const string JsonFile = "company.json";
    public const string WorkbookFile = "company.xlsx";
    public const string HtmlFile = "company.html";

    private static readonly CompanyDocumentJsonContext Context = new(new JsonSerializerOptions(DocumentJson.Options));

    /// <summary>Optimises the region and shares its gain by every sharing method (the dual allocation included), as `symbiosis share` does.</summary>
    public static CompanyRun Solve(Region region, RunProvenance provenance, SolveOptions solve)
    {
        ArgumentNullException.ThrowIfNull(region);
        var clock = Stopwatch.StartNew();
        var result = ExchangeOptimizer.Optimize(region, new OptimizeOptions(solve));
        var optimise = clock.Elapsed.TotalSeconds;
        RegionSharingResult? sharing = null;
        string? note = null;
        if (result.HasSolution)
        {
            sharing = RegionSharing.Analyse(region, result, new RegionSharingOptions(SharingMethods.All, IncludeDual: true, Solve: solve, MaxGenerationPlayers: CompanyShareGenerationPlayers));
        }
        else
        {
            note = $"the scenario has no plan ({result.Status.Text()}), so there is no gain to share";
        }

        var metadata = RunMetadata.Now([StageTiming.Of("optimise", optimise), StageTiming.Of("share", clock.Elapsed.TotalSeconds - optimise)]);
        var run = RunDocuments.Build(region, provenance, result, metadata);
        return new CompanyRun(region, run, sharing, note, metadata);
    }

    /// <summary>Null when <paramref name="actorId"/> is an actor of the region; else the error in words, listing the valid ids.</summary>
    public static string? Unknown(Region region, string actorId)
    {
        ArgumentNullException.ThrowIfNull(region);
        return region.HasActor(actorId)
            ? null
            : $"--company '{actorId}' is not an actor of {region.Name}; the actor ids are: {string.Join(", ", CompanyDocuments.ActorIds(region))}";
    }

    public static string Json(CompanyDocument document) => DocumentJson.Serialize(document, Context.CompanyDocument);

    public static CompanyDocument? Deserialize(string json) => JsonSerializer.Deserialize(json, Context.CompanyDocument);

    /// <summary>The three files of a company report by name, all rendered from the one document.</summary>
    public static IReadOnlyList<(string Name, byte[] Content)> Files(CompanyDocument document)
    {
        var utf8 = new UTF8Encoding(false);
        return
        [
            (JsonFile, utf8.GetBytes(Json(document))),
            (WorkbookFile, CompanyWorkbook.Build(document)),
            (HtmlFile, utf8.GetBytes(CompanyHtml.Build(document))),
        ];
    }

    /// <summary>Writes the company report into <paramref name="dir"/>, each file atomically; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(string dir, CompanyDocument document, IReadOnlyCollection<string> protectedInputs)
    {
        var written = new List<string>();
        foreach (var (name, content) in Files(document))
        {
            var path = Path.Combine(dir, name);
            AtomicFile.WriteAllBytes(path, content, protectedInputs);
            written.Add(path);
        }

        return written;
    }

    /// <summary>The company package: a zip of the three files (fixed entry times, so the same document gives the same bytes).</summary>
    public static byte[] Package(CompanyDocument document)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in Files(document))
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var s = entry.Open();
                s.Write(content);
            }
        }

        return stream.ToArray();
    }
}
