using SymbiosisOptimizer.Domain.Model;

namespace SymbiosisOptimizer.Optimization.Network;

/// <summary>
/// Points on the sphere bucketed in a 3-D grid of unit-sphere coordinates, to find every point that may lie within a
/// great-circle radius of a query point without measuring the distance to all of them.
/// </summary>
/// <remarks>
/// Why it is exact: the haversine distance d and the straight chord c between two points on a sphere of radius R obey
/// d = 2R asin(c / 2) &gt;= R c, so d &lt;= D implies c &lt;= D / R. With cells of side h &gt;= D / R, a point within D of
/// the query lies in the query's cell or one of its 26 neighbours (each coordinate differs by at most c &lt;= h). The
/// index only rules points out; whoever asks still measures the distance of every point it returns, so a point near
/// the edge is judged by the same formula as before. h carries a margin for the rounding of sin and cos.
/// </remarks>
internal sealed class NearbyIndex
{
    private const double EarthRadiusKm = 6371.0088;

    private readonly double cell;
    private readonly Dictionary<(long, long, long), List<int>> cells = [];
    private readonly List<int> unplaced = [];
    private readonly int count;

    /// <param name="points">The points, by the position the query returns.</param>
    /// <param name="radiusKm">The great-circle radius every query asks about; positive and finite.</param>
    public NearbyIndex(IReadOnlyList<GeoPoint> points, double radiusKm)
    {
        // The margin (relative and absolute) covers the rounding of the coordinates, many orders of magnitude smaller.
        cell = (radiusKm / EarthRadiusKm * (1 + 1e-6)) + 1e-9;
        count = points.Count;
        for (var i = 0; i < points.Count; i++)
        {
            // A point without finite coordinates has no cell; the distance formula decides about it, so it is always returned.
            if (!Placed(points[i]))
            {
                unplaced.Add(i);
                continue;
            }

            var key = Key(points[i]);
            if (!cells.TryGetValue(key, out var list))
            {
                cells[key] = list = [];
            }

            list.Add(i);
        }
    }

    /// <summary>Whether the radius can be indexed: positive and finite (else the caller measures every pair).</summary>
    public static bool Indexable(double radiusKm) => radiusKm > 0 && double.IsFinite(radiusKm);

    /// <summary>Adds to <paramref name="into"/> the position of every point that may lie within the radius of <paramref name="at"/>, and more.</summary>
    public void Near(GeoPoint at, List<int> into)
    {
        if (!Placed(at))
        {
            into.AddRange(Enumerable.Range(0, count));
            return;
        }

        into.AddRange(unplaced);
        var (i, j, k) = Key(at);
        for (var di = -1L; di <= 1; di++)
        {
            for (var dj = -1L; dj <= 1; dj++)
            {
                for (var dk = -1L; dk <= 1; dk++)
                {
                    if (cells.TryGetValue((i + di, j + dj, k + dk), out var list))
                    {
                        into.AddRange(list);
                    }
                }
            }
        }
    }

    private static bool Placed(GeoPoint p) => double.IsFinite(p.Latitude) && double.IsFinite(p.Longitude);

    private (long, long, long) Key(GeoPoint p)
    {
        var lat = p.Latitude * Math.PI / 180.0;
        var lon = p.Longitude * Math.PI / 180.0;
        var (x, y, z) = (Math.Cos(lat) * Math.Cos(lon), Math.Cos(lat) * Math.Sin(lon), Math.Sin(lat));
        return ((long)Math.Floor(x / cell), (long)Math.Floor(y / cell), (long)Math.Floor(z / cell));
    }
}
