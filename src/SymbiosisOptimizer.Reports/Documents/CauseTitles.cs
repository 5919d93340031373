using System.Text.Json;
using System.Text.Json.Serialization;
using SymbiosisOptimizer.Assessment.Rejected;
using SymbiosisOptimizer.Reports.Localization;

namespace SymbiosisOptimizer.Reports.Documents;

/// <summary>An enum written in JSON in kebab case ("plant-not-built"), as the documents have always written them.</summary>
public sealed class KebabCaseEnumConverter<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    where T : struct, Enum;

/// <summary>Why-not-chosen causes as headings in a language; the English ones are <see cref="WhyNotChosen.Title"/>.</summary>
public static class CauseTitles
{
    public static string Of(ReportFormat t, RejectionCause cause)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t[cause switch
        {
            RejectionCause.Cost => ReportPhrase.CauseCost,
            RejectionCause.Distance => ReportPhrase.CauseDistance,
            RejectionCause.FixedCost => ReportPhrase.CauseFixedCost,
            RejectionCause.Permit => ReportPhrase.CausePermit,
            RejectionCause.Capacity => ReportPhrase.CauseCapacity,
            RejectionCause.Quality => ReportPhrase.CauseQuality,
            RejectionCause.PlantNotBuilt => ReportPhrase.CausePlantNotBuilt,
            RejectionCause.Screened => ReportPhrase.CauseScreened,
            RejectionCause.Infeasible => ReportPhrase.CauseInfeasible,
            RejectionCause.NoLoss => ReportPhrase.CauseNoLoss,
            _ => ReportPhrase.CauseNotAnalysed,
        }];
    }
}
