using SymbiosisOptimizer.Reports.Documents;

namespace SymbiosisOptimizer.Reports;

/// <summary>comparison.json, barriers.json, sweep.json, montecarlo.json and sharing.json as text (schemas in
/// docs/runner-schema.md); the documents themselves are built in <see cref="Documents"/>.</summary>
public static class RunnerJson
{
    public static string Serialize(ComparisonDocument d) => DocumentJson.Serialize(d, RunnerDocuments.Json.ComparisonDocument);

    public static string Serialize(BarriersDocument d) => DocumentJson.Serialize(d, RunnerDocuments.Json.BarriersDocument);

    public static string Serialize(SweepDocument d) => DocumentJson.Serialize(d, RunnerDocuments.Json.SweepDocument);

    public static string Serialize(MonteCarloDocument d) => DocumentJson.Serialize(d, RunnerDocuments.Json.MonteCarloDocument);

    public static string Serialize(SharingDocument d) => DocumentJson.Serialize(d, RunnerDocuments.Json.SharingDocument);

    public static string Serialize(GameSharingDocument d) => DocumentJson.Serialize(d, RunnerDocuments.Json.GameSharingDocument);

    public static string Serialize(RobustDocument d) => DocumentJson.Serialize(d, RunnerDocuments.Json.RobustDocument);

    public static string Serialize(AlternativesDocument d) => DocumentJson.Serialize(d, RunnerDocuments.Json.AlternativesDocument);
}
