using System.Globalization;

namespace SymbiosisOptimizer.Optimization.Modeling;

/// <summary>
/// Aggregated variable upper bounds: where one yes/no variable w opens several flows (a permit at a receiver opens every
/// exchange that needs it), and a capacity row bounds those flows together, the row's capacity times w bounds their sum.
/// </summary>
/// <remarks>
/// Given switch rows x_j - m_j w &lt;= 0 (w binary, x_j &gt;= 0) for j in G, and a row sum_j a_j x_j + (others) &lt;= U with
/// every a_j &gt; 0 on G, let C = U - (the least the other terms can contribute within their bounds). Then
/// sum_{j in G} a_j x_j &lt;= C w is valid: at w = 0 every x_j is 0, and at w = 1 it is the row itself with the others at
/// their least. It cuts off fractional points the single rows allow: a need of 100 met by five exchanges of 20, each
/// with m = 100, lets w = 0.2 under the single rows, where the sum needs w = 1. The row is added only where it is not
/// already implied (sum a_j min(m_j, upper_j) &gt; C), and only for two or more flows of G in the row. Rows of the
/// model are never changed, so every integer plan of the model stays feasible with the same objective.
/// </remarks>
public static class Strengthening
{
    /// <summary>Adds the aggregated rows to <paramref name="model"/>, in a fixed order; returns how many.</summary>
    public static int Apply(MipModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var vars = model.Variables;

        // Switch rows x - m w <= 0, grouped by w (in column order, so the added rows come in a fixed order).
        var groups = new SortedDictionary<int, Dictionary<int, double>>();
        foreach (var row in model.Rows)
        {
            if (row.Columns.Length != 2 || row.Upper != 0 || !double.IsNegativeInfinity(row.Lower))
            {
                continue;
            }

            var (a, b) = (row.Columns[0], row.Columns[1]);
            var (ca, cb) = (row.Coefficients[0], row.Coefficients[1]);
            var (x, cx, w, cw) = vars[b].IsInteger && !vars[a].IsInteger ? (a, ca, b, cb) : (b, cb, a, ca);
            if (!vars[w].IsInteger || vars[w].Lower != 0 || vars[w].Upper != 1 || vars[x].IsInteger || vars[x].Lower < 0 || cx <= 0 || cw >= 0)
            {
                continue;
            }

            var group = groups.TryGetValue(w, out var g) ? g : groups[w] = [];
            var m = -cw / cx;
            group[x] = Math.Min(group.GetValueOrDefault(x, double.PositiveInfinity), m);
        }

        var rowsOf = new Dictionary<int, List<int>>();
        foreach (var row in model.Rows)
        {
            foreach (var c in row.Columns)
            {
                if (!vars[c].IsInteger)
                {
                    (rowsOf.TryGetValue(c, out var l) ? l : rowsOf[c] = []).Add(row.Index);
                }
            }
        }

        var added = 0;
        var existing = model.Rows.Count;
        foreach (var (w, group) in groups)
        {
            if (group.Count < 2)
            {
                continue;
            }

            var candidates = group.Keys.SelectMany(x => rowsOf.GetValueOrDefault(x) ?? []).Where(r => r < existing).Distinct().Order().ToList();
            foreach (var r in candidates)
            {
                var row = model.Rows[r];
                if (!double.IsFinite(row.Upper))
                {
                    continue;
                }

                var terms = new List<(int Column, double Coef)>();
                var least = 0.0;
                var reach = 0.0;
                var valid = true;
                for (var k = 0; k < row.Columns.Length && valid; k++)
                {
                    var (c, a) = (row.Columns[k], row.Coefficients[k]);
                    if (group.TryGetValue(c, out var m) && a > 0)
                    {
                        terms.Add((c, a));
                        reach += a * Math.Min(m, vars[c].Upper);
                    }
                    else if (c == w)
                    {
                        valid = false;
                    }
                    else
                    {
                        least += a > 0 ? a * vars[c].Lower : a * vars[c].Upper;
                        valid = double.IsFinite(least);
                    }
                }

                var capacity = row.Upper - least;
                if (!valid || terms.Count < 2 || capacity <= 0 || reach <= capacity * (1 + 1e-9))
                {
                    continue;
                }

                model.AddLessOrEqual(
                    string.Create(CultureInfo.InvariantCulture, $"Aggregate[{vars[w].Name}|{row.Name}]"),
                    $"the flows that {vars[w].Name} opens in {row.Name} together carry at most {capacity:0.##}, and nothing without it",
                    0,
                    terms.Append((w, -capacity)));
                added++;
            }
        }

        return added;
    }
}
