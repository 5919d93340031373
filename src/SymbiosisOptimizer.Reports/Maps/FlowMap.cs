using System.Collections.Immutable;
using System.Globalization;
using SymbiosisOptimizer.Reports.Documents;

namespace SymbiosisOptimizer.Reports.Maps;

/// <summary>How an actor kind is drawn; both renderers (SVG and ScottPlot) translate the symbol alike.</summary>
public enum MarkerSymbol
{
    Circle,
    Square,
    TriangleUp,
    Diamond,
    TriangleDown,
}

/// <summary>A legend entry for an actor kind: the document's kind word, how people read it, its symbol and colour.</summary>
public sealed record MapKind(string Kind, string Label, MarkerSymbol Symbol, string Colour);

/// <summary>A legend entry for a resource: exchanges of it are drawn in <paramref name="Colour"/>.</summary>
public sealed record MapResource(string Resource, string Name, string Colour);

/// <summary>A municipality's border after projection and clipping to the canvas.</summary>
public sealed record MapBorder(string Name, ImmutableArray<ImmutableArray<PixelPoint>> Rings);

/// <param name="Active">True for an actor in at least one exchange: drawn larger, and labelled when <see cref="Labelled"/>.</param>
/// <param name="LabelLeft">The label goes left of the marker (near the east edge, where it would run off the canvas).</param>
/// <param name="Title">What a hover shows: name, kind, municipality and the actor's figures from the document.</param>
public sealed record MapMarker(string Id, string Name, MapKind Kind, PixelPoint At, bool Active, string Label, bool LabelLeft, string Title)
{
    /// <summary>Whether its name is drawn beside it: an active actor among the <see cref="FlowMapBuilder.MaxLabels"/> named.</summary>
    public bool Labelled { get; init; }
}

/// <summary>
/// One exchange: a quadratic curve From → Control → To (straight when Control lies on the chord; bowed apart when
/// several exchanges join the same two actors), or, for an exchange within one site, a circle of <paramref name="LoopRadius"/>
/// standing on the actor (its centre that far above it). <paramref name="Arrow"/> is a small triangle at the middle pointing from supplier to receiver.
/// </summary>
/// <param name="Width">Line width in pixels, by quantity: 1.5 + 8 × quantity ÷ the largest quantity of the same unit.</param>
public sealed record MapLine(string Key, PixelPoint From, PixelPoint Control, PixelPoint To, double? LoopRadius, double Width, string Colour, ImmutableArray<PixelPoint> Arrow, string Title);

/// <summary>A scale bar of <paramref name="Km"/> kilometres, <paramref name="Pixels"/> long.</summary>
public sealed record MapScaleBar(double Km, double Pixels);

/// <summary>
/// The map of one run, in pixels, built once from the run document and the embedded municipality borders; report.html
/// draws it as SVG and the flow-map chart (PNG/SVG) with ScottPlot, so both show the same
/// borders, markers and lines. Every figure in it (quantities, benefits) is the document's.
/// </summary>
/// <param name="BoundaryNote">Said on the map when no border intersects the view, or when some actor lies outside every
/// border (Kalundborg, Denmark: only the Swedish coast is drawn); null otherwise.</param>
public sealed record FlowMap(
    MapProjection Projection,
    ImmutableArray<MapBorder> Borders,
    string? BoundaryNote,
    ImmutableArray<MapMarker> Markers,
    ImmutableArray<MapLine> Lines,
    ImmutableArray<MapKind> Kinds,
    ImmutableArray<MapResource> Resources,
    MapScaleBar ScaleBar,
    string Attribution)
{
    public const string NoBoundaryData = "no boundary data for this area";

    public const string SomeOutside = "no boundary data where actors lie outside Sweden";

    public const string BordersAttribution = "Municipality borders: okfse/sweden-geojson (Valmyndigheten data)";

    /// <summary>The boundary file the borders come from.</summary>
    public BoundarySet BorderSet { get; init; } = BoundarySet.SwedishMunicipalities;

    /// <summary>Whether the borders drawn cover every actor, some, or none is drawn at all (what the map's note says).</summary>
    public BorderCoverage Coverage { get; init; } = BorderCoverage.EveryActor;

    /// <summary>Said on the map when more actors take part than are named (<see cref="FlowMapBuilder.MaxLabels"/>); null otherwise.</summary>
    public string? LabelNote { get; init; }

    public double Width => Projection.Width;

    public double Height => Projection.Height;
}

/// <summary>Builds the <see cref="FlowMap"/> of a run document: fits the view, projects, clips and lays out.</summary>
public static class FlowMapBuilder
{
    public const double CanvasWidth = 1000;
    public const double CanvasHeight = 760;

    /// <summary>
    /// The most actors named on a map: those with the largest net benefit (either sign), ties in the document's order.
    /// A national run has thousands in exchanges, and 2 700 names on 1 000 x 760 px hid the map and were a third of
    /// drawing its PNG; report.html still names every actor on hover.
    /// </summary>
    public const int MaxLabels = 60;

    /// <summary>The Category10 colours (as the charts use): a resource keeps its colour in every map of a run.</summary>
    private static readonly string[] Palette =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    private static readonly ImmutableArray<MapKind> KnownKinds =
    [
        new("company", "Company", MarkerSymbol.Circle, "#37474f"),
        new("utility", "Utility", MarkerSymbol.Square, "#6a1b9a"),
        new("municipality", "Municipality", MarkerSymbol.TriangleUp, "#00695c"),
        new("farm", "Farm", MarkerSymbol.Diamond, "#827717"),
        new("other", "Other", MarkerSymbol.TriangleDown, "#4e342e"),
    ];

    private static readonly MapKind Unknown = new("actor", "Actor", MarkerSymbol.TriangleDown, "#4e342e");

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static FlowMap Build(RunDocument d) => Build(d, Boundaries.SwedishMunicipalities, CanvasWidth, CanvasHeight, BoundarySet.SwedishMunicipalities);

    /// <param name="set">Which boundary file <paramref name="areas"/> are, so the map's note can name it.</param>
    public static FlowMap Build(RunDocument d, ImmutableArray<BoundaryArea> areas, double width, double height, BoundarySet set = BoundarySet.SwedishMunicipalities)
    {
        var projection = Fit(d, width, height);
        var borders = Clip(areas, projection);
        var at = d.Actors.ToDictionary(a => a.Id, a => projection.Project(new LonLat(a.Lon, a.Lat)), StringComparer.Ordinal);
        var involved = d.Exchanges.SelectMany(e => new[] { e.From, e.To }).ToHashSet(StringComparer.Ordinal);
        var kinds = KnownKinds.ToDictionary(k => k.Kind, StringComparer.Ordinal);
        MapKind KindOf(string kind) => kinds.GetValueOrDefault(kind) ?? Unknown;
        var active = d.Actors.Where(a => involved.Contains(a.Id)).ToList();
        var named = active.Select((a, i) => (a.Id, Size: Math.Abs(a.NetBenefit.Value), Order: i))
            .OrderByDescending(x => x.Size).ThenBy(x => x.Order).Take(MaxLabels).Select(x => x.Id).ToHashSet(StringComparer.Ordinal);
        var markers = d.Actors.Select(a =>
        {
            var p = at[a.Id];
            var where = a.Municipality is { Length: > 0 } m ? $", {m}" : string.Empty;
            var title = $"{a.Name} ({KindOf(a.Kind).Label.ToLowerInvariant()}{where})\nnet benefit {Figures.With(a.NetBenefit)}; CO2e avoided {Figures.With(a.Co2Avoided, 1)}; landfill avoided {Figures.With(a.LandfillAvoided)}";
            return new MapMarker(a.Id, a.Name, KindOf(a.Kind), p, involved.Contains(a.Id), Short(Plain(a.Name), 30), p.X > width * 0.7, title) { Labelled = named.Contains(a.Id) };
        }).ToImmutableArray();

        var resources = d.Exchanges.Select(e => (e.Resource, e.ResourceName)).Distinct().OrderBy(r => r.Resource, StringComparer.Ordinal)
            .Select((r, i) => new MapResource(r.Resource, r.ResourceName, Palette[i % Palette.Length])).ToImmutableArray();
        var colour = resources.ToDictionary(r => r.Resource, r => r.Colour, StringComparer.Ordinal);
        var maxByUnit = d.Exchanges.GroupBy(e => e.Quantity.Unit, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(e => Math.Abs(e.Quantity.Value)), StringComparer.Ordinal);

        // Exchanges joining the same two actors (either way) bow apart so each stays visible; on-site ones nest as loops.
        var pairs = d.Exchanges.GroupBy(e => Pair(e.From, e.To)).ToDictionary(g => g.Key, g => g.Select(e => e.Key).ToList());
        var lines = ImmutableArray.CreateBuilder<MapLine>();
        foreach (var e in d.Exchanges)
        {
            var from = e.Line is { } l ? projection.Project(new LonLat(l.FromLon, l.FromLat)) : at.GetValueOrDefault(e.From);
            var to = e.Line is { } l2 ? projection.Project(new LonLat(l2.ToLon, l2.ToLat)) : at.GetValueOrDefault(e.To);
            var max = maxByUnit[e.Quantity.Unit];
            var width1 = Math.Round(1.5 + (8 * (max > 0 ? Math.Abs(e.Quantity.Value) / max : 0)), 2);
            var group = pairs[Pair(e.From, e.To)];
            var index = group.IndexOf(e.Key);
            var title = $"{e.Description}\n{Figures.Number(e.Quantity.Value)} {e.Quantity.Unit}, {Figures.Fixed(e.DistanceKm, 1)} km by {e.ModeName}\n" +
                        $"annual benefit {Figures.With(e.AnnualBenefit)}; CO2e avoided {Figures.With(e.Co2Avoided, 1)}; landfill avoided {Figures.With(e.LandfillAvoided)}";
            var c = colour[e.Resource];
            if (string.Equals(e.From, e.To, StringComparison.Ordinal) || Distance(from, to) < 1)
            {
                // A circle standing on the actor (centre r above it), the arrow on its top pointing east.
                var r = 10 + (6 * index);
                lines.Add(new MapLine(e.Key, from, from, from, r, width1, c, Triangle(new PixelPoint(from.X, from.Y - (2 * r)), new PixelPoint(1, 0), 4 + (width1 / 2)), title));
                continue;
            }

            // Perpendicular of the pair's canonical direction, so A→B and B→A bow to opposite sides.
            var (a, b) = string.CompareOrdinal(e.From, e.To) <= 0 ? (from, to) : (to, from);
            var len = Distance(a, b);
            var normal = new PixelPoint(-(b.Y - a.Y) / len, (b.X - a.X) / len);
            var offset = (index - ((group.Count - 1) / 2.0)) * 28;
            var mid = new PixelPoint((from.X + to.X) / 2, (from.Y + to.Y) / 2);
            var control = new PixelPoint(mid.X + (normal.X * offset * 2), mid.Y + (normal.Y * offset * 2));

            // The curve's middle (t = ½) and its direction there, for the arrowhead.
            var apex = new PixelPoint((0.25 * from.X) + (0.5 * control.X) + (0.25 * to.X), (0.25 * from.Y) + (0.5 * control.Y) + (0.25 * to.Y));
            var dir = new PixelPoint(to.X - from.X, to.Y - from.Y);
            lines.Add(new MapLine(e.Key, from, control, to, null, width1, c, Triangle(apex, dir, 5 + (width1 / 2)), title));
        }

        var present = markers.Select(m => m.Kind).Distinct().ToHashSet();
        var coverage = borders.IsEmpty ? BorderCoverage.NoneInView
            : d.Actors.Any(a => !Inside(areas, new LonLat(a.Lon, a.Lat))) ? BorderCoverage.SomeActorsOutside
            : BorderCoverage.EveryActor;
        var note = coverage switch
        {
            BorderCoverage.NoneInView => FlowMap.NoBoundaryData,
            BorderCoverage.SomeActorsOutside => FlowMap.SomeOutside,
            _ => null,
        };
        return new FlowMap(
            projection, borders, note, markers, lines.ToImmutable(),
            [.. KnownKinds.Append(Unknown).Where(present.Contains)], resources, ScaleBar(projection), FlowMap.BordersAttribution)
        {
            BorderSet = set,
            Coverage = coverage,
            LabelNote = active.Count > MaxLabels
                ? string.Create(Inv, $"names shown for the {MaxLabels} actors with the largest net benefit, of {Figures.Number(active.Count)} in exchanges")
                : null,
        };
    }

    /// <summary>Every actor's position plus a margin (12 % of the span, at least about 3 km), fitted to the canvas.</summary>
    public static MapProjection Fit(RunDocument d, double width, double height)
    {
        if (d.Actors.IsEmpty)
        {
            // Nothing to place: show Sweden.
            return new MapProjection(10.5, 55.2, 24.2, 69.1, width, height);
        }

        var (minLon, maxLon) = (d.Actors.Min(a => a.Lon), d.Actors.Max(a => a.Lon));
        var (minLat, maxLat) = (d.Actors.Min(a => a.Lat), d.Actors.Max(a => a.Lat));
        var cos = Math.Cos((minLat + maxLat) / 2 * Math.PI / 180);
        var padLat = Math.Max(0.12 * (maxLat - minLat), 0.03);
        var padLon = Math.Max(0.12 * (maxLon - minLon), 0.03 / Math.Max(cos, 0.1));
        return new MapProjection(minLon - padLon, minLat - padLat, maxLon + padLon, maxLat + padLat, width, height);
    }

    /// <summary>
    /// The municipalities whose box meets the view, projected, clipped to the canvas (Sutherland–Hodgman against each
    /// edge) and thinned to points at least ¾ px apart; rings that end up empty are dropped.
    /// </summary>
    public static ImmutableArray<MapBorder> Clip(ImmutableArray<BoundaryArea> areas, MapProjection projection)
    {
        var (west, south, east, north) = projection.Visible;
        var result = ImmutableArray.CreateBuilder<MapBorder>();
        foreach (var area in areas)
        {
            if (area.MaxLon < west || area.MinLon > east || area.MaxLat < south || area.MinLat > north)
            {
                continue;
            }

            var rings = area.Rings
                .Select(r => Thin(ClipRing([.. r.Select(projection.Project)], projection.Width, projection.Height)))
                .Where(r => r.Length >= 3 && Math.Abs(Area(r)) >= 1)
                .ToImmutableArray();
            if (!rings.IsEmpty)
            {
                result.Add(new MapBorder(area.Name, rings));
            }
        }

        return result.ToImmutable();
    }

    private static List<PixelPoint> ClipRing(List<PixelPoint> ring, double width, double height)
    {
        var edges = new (Func<PixelPoint, bool> Inside, Func<PixelPoint, PixelPoint, PixelPoint> Cut)[]
        {
            (p => p.X >= 0, (a, b) => At(a, b, (0 - a.X) / (b.X - a.X))),
            (p => p.X <= width, (a, b) => At(a, b, (width - a.X) / (b.X - a.X))),
            (p => p.Y >= 0, (a, b) => At(a, b, (0 - a.Y) / (b.Y - a.Y))),
            (p => p.Y <= height, (a, b) => At(a, b, (height - a.Y) / (b.Y - a.Y))),
        };
        var points = ring;
        foreach (var (inside, cut) in edges)
        {
            if (points.Count == 0)
            {
                break;
            }

            var next = new List<PixelPoint>(points.Count);
            for (var i = 0; i < points.Count; i++)
            {
                var current = points[i];
                var previous = points[(i + points.Count - 1) % points.Count];
                if (inside(current))
                {
                    if (!inside(previous))
                    {
                        next.Add(cut(previous, current));
                    }

                    next.Add(current);
                }
                else if (inside(previous))
                {
                    next.Add(cut(previous, current));
                }
            }

            points = next;
        }

        return points;
    }

    private static PixelPoint At(PixelPoint a, PixelPoint b, double t) => new(a.X + ((b.X - a.X) * t), a.Y + ((b.Y - a.Y) * t));

    private static ImmutableArray<PixelPoint> Thin(List<PixelPoint> points)
    {
        var kept = ImmutableArray.CreateBuilder<PixelPoint>(points.Count);
        foreach (var p in points)
        {
            var q = new PixelPoint(Math.Round(p.X, 1), Math.Round(p.Y, 1));
            if (kept.Count == 0 || Distance(kept[^1], q) >= 0.75)
            {
                kept.Add(q);
            }
        }

        return kept.ToImmutable();
    }

    private static double Area(ImmutableArray<PixelPoint> r)
    {
        var sum = 0.0;
        for (var i = 0; i < r.Length; i++)
        {
            var (a, b) = (r[i], r[(i + 1) % r.Length]);
            sum += (a.X * b.Y) - (b.X * a.Y);
        }

        return sum / 2;
    }

    private static double Distance(PixelPoint a, PixelPoint b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

    /// <summary>A triangle centred on <paramref name="at"/> pointing along <paramref name="direction"/>.</summary>
    private static ImmutableArray<PixelPoint> Triangle(PixelPoint at, PixelPoint direction, double size)
    {
        var len = Math.Sqrt((direction.X * direction.X) + (direction.Y * direction.Y));
        var (ux, uy) = len > 0 ? (direction.X / len, direction.Y / len) : (1.0, 0.0);
        PixelPoint P(double along, double across) => new(Math.Round(at.X + (ux * along) - (uy * across), 1), Math.Round(at.Y + (uy * along) + (ux * across), 1));
        return [P(size, 0), P(-size, size * 0.8), P(-size, -size * 0.8)];
    }

    /// <summary>1, 2 or 5 × 10ⁿ km, the largest at most about 150 px long.</summary>
    private static MapScaleBar ScaleBar(MapProjection projection)
    {
        var target = 150 / projection.PixelsPerKm;
        var power = Math.Pow(10, Math.Floor(Math.Log10(target)));
        var km = new[] { 5, 2, 1 }.Select(f => f * power).First(v => v <= target);
        return new MapScaleBar(km, Math.Round(km * projection.PixelsPerKm, 1));
    }

    /// <summary>Whether a point lies in some area (even-odd rule over its rings, so holes count as outside).</summary>
    public static bool Inside(ImmutableArray<BoundaryArea> areas, LonLat p)
    {
        foreach (var area in areas)
        {
            if (p.Lon < area.MinLon || p.Lon > area.MaxLon || p.Lat < area.MinLat || p.Lat > area.MaxLat)
            {
                continue;
            }

            var inside = false;
            foreach (var ring in area.Rings)
            {
                for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
                {
                    var (a, b) = (ring[i], ring[j]);
                    if ((a.Lat > p.Lat) != (b.Lat > p.Lat) && p.Lon < ((b.Lon - a.Lon) * (p.Lat - a.Lat) / (b.Lat - a.Lat)) + a.Lon)
                    {
                        inside = !inside;
                    }
                }
            }

            if (inside)
            {
                return true;
            }
        }

        return false;
    }

    private static (string, string) Pair(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);

    /// <summary>A name without its parenthesised note ("Sawmill in Mora (ash named in study)" -> "Sawmill in Mora").</summary>
    internal static string Plain(string name)
    {
        var i = name.IndexOf(" (", StringComparison.Ordinal);
        return i > 0 ? name[..i] : name;
    }

    internal static string Short(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    /// <summary>A coordinate as SVG and tests read it: at most one decimal, invariant.</summary>
    public static string Coordinate(double v) => Math.Round(v, 1).ToString("0.#", Inv);
}
