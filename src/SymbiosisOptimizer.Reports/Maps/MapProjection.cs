namespace SymbiosisOptimizer.Reports.Maps;

/// <summary>A point on the drawing, in pixels from its top-left corner (y grows downwards).</summary>
public readonly record struct PixelPoint(double X, double Y);

/// <summary>
/// Equirectangular projection with the longitude scaled by cos(latitude of the view's centre), fitted to a canvas:
/// x = (lon·cos φ0 − left)·s, y = (top − lat)·s. For a regional view (a few degrees) this keeps shapes and distances
/// true within a few per cent, which is all a flow map needs, and it is exact enough to hand-check. The view (the
/// requested box) is widened on one axis to the canvas's aspect ratio, so one pixel is the same distance both ways.
/// </summary>
public sealed class MapProjection
{
    private const double KmPerDegreeLatitude = 111.32;

    private readonly double cosLat0;
    private readonly double left;
    private readonly double top;

    /// <param name="minLon">West edge of the area that must be visible, in degrees.</param>
    /// <param name="minLat">South edge.</param>
    /// <param name="maxLon">East edge.</param>
    /// <param name="maxLat">North edge.</param>
    /// <param name="width">Canvas width in pixels.</param>
    /// <param name="height">Canvas height in pixels.</param>
    public MapProjection(double minLon, double minLat, double maxLon, double maxLat, double width, double height)
    {
        if (!(maxLon > minLon && maxLat > minLat && width > 0 && height > 0))
        {
            throw new ArgumentException("a map view needs a west edge left of its east edge, a south edge below its north edge and a canvas of positive size");
        }

        Width = width;
        Height = height;
        cosLat0 = Math.Cos((minLat + maxLat) / 2 * Math.PI / 180);
        var du = (maxLon - minLon) * cosLat0;
        var dv = maxLat - minLat;
        Scale = Math.Min(width / du, height / dv);

        // Centre the requested box on the canvas; the axis with room to spare shows more of the surroundings.
        var cu = (minLon + maxLon) / 2 * cosLat0;
        var cv = (minLat + maxLat) / 2;
        left = cu - (width / Scale / 2);
        top = cv + (height / Scale / 2);
    }

    public double Width { get; }

    public double Height { get; }

    /// <summary>Pixels per degree of latitude (and per degree of longitude times cos φ0).</summary>
    public double Scale { get; }

    /// <summary>Pixels per kilometre, from 111.32 km per degree of latitude.</summary>
    public double PixelsPerKm => Scale / KmPerDegreeLatitude;

    /// <summary>The whole canvas in degrees: what the map shows after widening to the canvas's shape.</summary>
    public (double MinLon, double MinLat, double MaxLon, double MaxLat) Visible =>
        (left / cosLat0, top - (Height / Scale), (left + (Width / Scale)) / cosLat0, top);

    public PixelPoint Project(LonLat p) => new(((p.Lon * cosLat0) - left) * Scale, (top - p.Lat) * Scale);
}
