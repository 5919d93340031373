using System.Text.Json;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Reports.Documents;

namespace SymbiosisOptimizer.Reports;

/// <summary>results.json: the run document as JSON (schema in docs/results-schema.md), source-generated.</summary>
public static class ResultsJson
{
    public const int SchemaVersion = RunDocument.Version;

    private static readonly RunDocumentJsonContext Context = new(new JsonSerializerOptions(DocumentJson.Options));

    public static string Serialize(RunDocument document) => DocumentJson.Serialize(document, Context.RunDocument);

    /// <summary>Reads a results.json back into its document (the app renders earlier runs from their files).</summary>
    public static RunDocument? Deserialize(string json) => JsonSerializer.Deserialize(json, Context.RunDocument);

    public static string Serialize(Region region, RunProvenance run, OptimizationResult result) => Serialize(RunDocuments.Build(region, run, result));
}
