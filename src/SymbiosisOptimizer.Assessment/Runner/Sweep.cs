using System.Collections.Immutable;
using System.Globalization;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Domain.Parameters;
using SymbiosisOptimizer.Domain.Quantities;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Assessment.Runner;

/// <summary>One swept parameter and its values, in the base units of the parameter.</summary>
public sealed record SweepAxis(RegionParameter Parameter, ImmutableArray<double> Values, string Text)
{
    public const int MaxPoints = 10_000;

    /// <summary>
    /// Parses <c>path=from..to:step [unit]</c>, e.g. <c>policies.landfillTax=0..1500:100 SEK/t</c>. Without a unit the
    /// numbers are in the parameter's base unit. The error is a plain sentence saying what is allowed.
    /// </summary>
    public static bool TryParse(Region region, string text, out SweepAxis axis, out string error)
    {
        axis = null!;
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            error = $"'{text}' is not a sweep; write path=from..to:step with an optional unit, e.g. policies.landfillTax=0..1500:100 SEK/t";
            return false;
        }

        var path = text[..eq].Trim();
        if (!RegionParameter.TryResolve(region, path, out var parameter, out error))
        {
            return false;
        }

        var range = text[(eq + 1)..].Trim();
        var dots = range.IndexOf("..", StringComparison.Ordinal);
        var colon = range.IndexOf(':', StringComparison.Ordinal);
        if (dots <= 0 || colon <= dots + 2)
        {
            error = $"'{range}' is not a range; write from..to:step, e.g. 0..1500:100{(parameter.UnitText.Length > 0 ? " " + parameter.UnitText : string.Empty)}";
            return false;
        }

        var rest = range[(colon + 1)..].Trim();
        var split = 0;
        while (split < rest.Length && (char.IsAsciiDigit(rest[split]) || rest[split] is '.' or '_' or 'e' or 'E' or '+' or '-'))
        {
            split++;
        }

        var unit = rest[split..].Trim();
        var parts = new[] { range[..dots].Trim(), range[(dots + 2)..colon].Trim(), rest[..split].Trim() };
        var values = new double[3];
        for (var i = 0; i < 3; i++)
        {
            if (!TryValue(region, parameter, parts[i], unit, i == 2, out values[i], out error))
            {
                return false;
            }
        }

        var (from, to, step) = (values[0], values[1], values[2]);
        if (step <= 0 || from > to)
        {
            error = $"'{range}': the step must be more than zero and 'from' at most 'to'";
            return false;
        }

        var count = (long)Math.Floor(((to - from) / step) + 1e-9) + 1;
        if (count > MaxPoints)
        {
            error = $"'{range}' has {count} points; at most {MaxPoints} are allowed, so use a larger step";
            return false;
        }

        if (from < parameter.Minimum || to > parameter.Maximum)
        {
            error = to > parameter.Maximum
                ? $"'{range}': {path} is a share and cannot be above 1 (100 %); write e.g. 0..50:10 %"
                : $"'{range}': {path} cannot be below {parameter.Minimum.ToString(CultureInfo.InvariantCulture)}";
            return false;
        }

        var list = Enumerable.Range(0, (int)count).Select(i => from + (i * step)).ToImmutableArray();
        axis = new SweepAxis(parameter, list, text.Trim());
        error = string.Empty;
        return true;
    }

    private static bool TryValue(Region region, RegionParameter parameter, string number, string unit, bool isStep, out double value, out string error)
    {
        value = 0;
        var quantityText = unit.Length == 0 ? number : number + " " + unit;
        var extra = region.Economics.ExchangeRates.PerUnit.Keys.ToHashSet(StringComparer.Ordinal);
        if (unit.Length == 0)
        {
            if (!double.TryParse(number.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
            {
                error = $"'{number}' is not a number";
                return false;
            }

            error = string.Empty;
            return true;
        }

        if (!Quantity.TryParse(quantityText, null, extra, out var q, out error))
        {
            return false;
        }

        if (!region.Economics.ExchangeRates.TryConvert(q, out q, out var rateError))
        {
            error = $"'{quantityText}' {rateError}";
            return false;
        }

        if (q.Dimension != parameter.Dimension)
        {
            error = $"'{quantityText}' is {q.Dimension.Describe()}, but {parameter.Path} is {parameter.Dimension.Describe()} ({(parameter.UnitText.Length > 0 ? parameter.UnitText : "a plain number or %")})";
            return false;
        }

        value = q.Value;
        error = isStep && value <= 0 ? "the step must be more than zero" : string.Empty;
        return error.Length == 0;
    }
}

/// <summary>One point of a sweep: the parameter values (base units) and the outcome there.</summary>
public sealed record SweepPoint(ImmutableArray<double> Values, ResultStatus Status, Kpis? Kpis, ImmutableArray<ExchangeId> Exchanges);

/// <summary>Between two neighbouring points along one axis, the exchanges that switch on or off.</summary>
/// <param name="Axis">Index of the axis that changes between the two points.</param>
/// <param name="Fixed">The other axis's value (null for a one-parameter sweep).</param>
public sealed record SwitchPoint(int Axis, double From, double To, double? Fixed, ImmutableArray<ExchangeId> On, ImmutableArray<ExchangeId> Off);

public sealed record SweepResult(ImmutableArray<SweepAxis> Axes, ImmutableArray<SweepPoint> Points, ImmutableArray<SwitchPoint> Switches, bool NetworkReused);

/// <summary>Response curves: every KPI along one or two parameters, and where exchanges switch on or off.</summary>
public static class Sweep
{
    public static SweepResult Run(Region region, IReadOnlyList<SweepAxis> axes, SolveOptions options, ProgressReport? progress = null)
    {
        var (points, reuse) = RunShard(region, axes, options, ShardSpec.Whole, progress);
        return Assemble(axes, points, reuse);
    }

    /// <summary>Every point of the grid in plan order: the first axis outermost.</summary>
    public static ImmutableArray<ImmutableArray<double>> Grid(IReadOnlyList<SweepAxis> axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        if (axes.Count is < 1 or > 2)
        {
            throw new ArgumentException("a sweep has one or two parameters", nameof(axes));
        }

        return axes.Count == 1
            ? [.. axes[0].Values.Select(v => ImmutableArray.Create(v))]
            : [.. axes[0].Values.SelectMany(a => axes[1].Values.Select(b => ImmutableArray.Create(a, b)))];
    }

    /// <summary>The points of <paramref name="shard"/> (point i when i mod N = K), in grid order.</summary>
    public static (ImmutableArray<SweepPoint> Points, bool NetworkReused) RunShard(Region region, IReadOnlyList<SweepAxis> axes, SolveOptions options, ShardSpec shard, ProgressReport? progress = null)
    {
        var grid = Grid(axes);
        var reuse = !axes.Any(a => a.Parameter.AffectsNetwork);
        var shared = reuse ? CandidateNetworkBuilder.Build(region) : null;
        var points = Solving.InParallel(shard.Items(grid.Length).Select(i => grid[i]).ToList(), (values, _) =>
        {
            var r = region;
            for (var i = 0; i < values.Length; i++)
            {
                r = axes[i].Parameter.Set(r, values[i]);
            }

            var result = Solving.Optimize(r, options, shared is null ? null : Solving.Rebind(shared, r));
            return new SweepPoint(values, result.Status, result.Kpis, [.. Comparison.ExchangeKeys(result).Order()]);
        }, (values, _) => string.Join(", ", values.Select((v, i) => $"{axes[i].Parameter.Path}={v.ToString("G6", CultureInfo.InvariantCulture)}")), progress, options.Cancel);
        return (points, reuse);
    }

    /// <summary>The sweep from every point of the grid (in grid order), computed in one process or by shards.</summary>
    public static SweepResult Assemble(IReadOnlyList<SweepAxis> axes, ImmutableArray<SweepPoint> points, bool reuse)
    {
        if (points.Length != Grid(axes).Length)
        {
            throw new ArgumentException($"expected {Grid(axes).Length} points, got {points.Length}", nameof(points));
        }

        return new SweepResult([.. axes], points, Switches(axes, points), reuse);
    }

    private static ImmutableArray<SwitchPoint> Switches(IReadOnlyList<SweepAxis> axes, ImmutableArray<SweepPoint> points)
    {
        var list = ImmutableArray.CreateBuilder<SwitchPoint>();
        void Compare(int axis, SweepPoint a, SweepPoint b, double? fixedValue)
        {
            if (a.Kpis is null || b.Kpis is null)
            {
                return;
            }

            var on = b.Exchanges.Except(a.Exchanges).ToImmutableArray();
            var off = a.Exchanges.Except(b.Exchanges).ToImmutableArray();
            if (!on.IsEmpty || !off.IsEmpty)
            {
                list.Add(new SwitchPoint(axis, a.Values[axis], b.Values[axis], fixedValue, on, off));
            }
        }

        if (axes.Count == 1)
        {
            for (var i = 1; i < points.Length; i++)
            {
                Compare(0, points[i - 1], points[i], null);
            }

            return list.ToImmutable();
        }

        var n1 = axes[1].Values.Length;
        var n0 = axes[0].Values.Length;
        for (var j = 0; j < n1; j++)
        {
            for (var i = 1; i < n0; i++)
            {
                Compare(0, points[((i - 1) * n1) + j], points[(i * n1) + j], axes[1].Values[j]);
            }
        }

        for (var i = 0; i < n0; i++)
        {
            for (var j = 1; j < n1; j++)
            {
                Compare(1, points[(i * n1) + j - 1], points[(i * n1) + j], axes[0].Values[i]);
            }
        }

        return list.ToImmutable();
    }
}
