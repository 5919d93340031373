using SymbiosisOptimizer.Reports.Localization;

namespace SymbiosisOptimizer.Reports.Maps;

/// <summary>The boundary files a report map can draw its borders from (one today: <see cref="Boundaries.SwedishMunicipalities"/>).</summary>
public enum BoundarySet
{
    /// <summary>Sweden's municipalities, the embedded okfse/sweden-geojson file.</summary>
    SwedishMunicipalities,
}

/// <summary>How far the borders drawn cover what the map shows: decided where the map is built, from the actors' positions.</summary>
public enum BorderCoverage
{
    /// <summary>Every actor lies inside a border of the set.</summary>
    EveryActor,

    /// <summary>Borders are drawn, but some actors lie outside every one (Kalundborg, Denmark: only the Swedish coast is drawn).</summary>
    SomeActorsOutside,

    /// <summary>No border of the set meets the view.</summary>
    NoneInView,
}

/// <summary>
/// The sentence under a report map that names the borders actually drawn, from the map's typed <see cref="FlowMap.Borders"/>
/// set and coverage (never from a name): report.html's map note and report.xlsx's Map sheet note.
/// </summary>
public static class MapBordersNote
{
    /// <summary>report.html's note above the map.</summary>
    public static string Html(ReportFormat t, FlowMap map) => t.Format(map.Coverage switch
    {
        BorderCoverage.SomeActorsOutside => ReportPhrase.MapNoteSomeOutside,
        BorderCoverage.NoneInView => ReportPhrase.MapNoteNoBorders,
        _ => ReportPhrase.MapNote,
    }, SetName(t, map.BorderSet));

    /// <summary>report.xlsx's Map sheet note.</summary>
    public static string Sheet(ReportFormat t, FlowMap map) => t.Format(map.Coverage switch
    {
        BorderCoverage.SomeActorsOutside => ReportPhrase.MapSheetNoteSomeOutside,
        BorderCoverage.NoneInView => ReportPhrase.MapSheetNoteNoBorders,
        _ => ReportPhrase.MapSheetNote,
    }, SetName(t, map.BorderSet));

    /// <summary>What a boundary set is called in a sentence.</summary>
    public static string SetName(ReportFormat t, BoundarySet set) => set switch
    {
        BoundarySet.SwedishMunicipalities => t[ReportPhrase.BordersSwedishMunicipalities],
        _ => throw new ArgumentOutOfRangeException(nameof(set), set, null),
    };
}
