namespace SymbiosisOptimizer.Assessment.Sharing;

/// <summary>
/// Equations x(S) = rhs kept in reduced row-echelon form. The nucleolus sequence uses it twice: a coalition whose
/// incidence vector is already in the span has a determined excess and needs no more LP rows, and once the rank
/// reaches n the allocation is read off exactly instead of trusting the last LP's primal tolerances.
/// </summary>
internal sealed class LinearSpan
{
    private const double Tolerance = 1e-9;

    private readonly int n;
    private readonly List<double[]> rows = [];
    private readonly List<int> pivots = [];

    public LinearSpan(int n) => this.n = n;

    public int Rank => rows.Count;

    public bool Contains(ulong coalition)
    {
        var row = Incidence(coalition, 0.0);
        Reduce(row);
        for (int j = 0; j < n; j++)
        {
            if (Math.Abs(row[j]) > Tolerance)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds x(S) = rhs; returns false when S was already in the span.</summary>
    public bool Add(ulong coalition, double rhs)
    {
        var row = Incidence(coalition, rhs);
        Reduce(row);
        int pivot = -1;
        double best = Tolerance;
        for (int j = 0; j < n; j++)
        {
            if (Math.Abs(row[j]) > best)
            {
                best = Math.Abs(row[j]);
                pivot = j;
            }
        }

        if (pivot < 0)
        {
            return false;
        }

        double scale = row[pivot];
        for (int j = 0; j <= n; j++)
        {
            row[j] /= scale;
        }

        // Keeping the form fully reduced makes the final solution simply x[pivot] = rhs of each row.
        foreach (var other in rows)
        {
            double factor = other[pivot];
            if (factor != 0.0)
            {
                for (int j = 0; j <= n; j++)
                {
                    other[j] -= factor * row[j];
                }
            }
        }

        rows.Add(row);
        pivots.Add(pivot);
        return true;
    }

    /// <summary>The unique solution once <see cref="Rank"/> equals n.</summary>
    public double[] Solve()
    {
        if (Rank != n)
        {
            throw new InvalidOperationException("The equations do not determine a unique allocation yet.");
        }

        var x = new double[n];
        for (int r = 0; r < rows.Count; r++)
        {
            x[pivots[r]] = rows[r][n];
        }

        return x;
    }

    private double[] Incidence(ulong coalition, double rhs)
    {
        var row = new double[n + 1];
        for (int j = 0; j < n; j++)
        {
            if ((coalition & (1UL << j)) != 0)
            {
                row[j] = 1.0;
            }
        }

        row[n] = rhs;
        return row;
    }

    private void Reduce(double[] row)
    {
        for (int r = 0; r < rows.Count; r++)
        {
            double factor = row[pivots[r]];
            if (factor != 0.0)
            {
                var basis = rows[r];
                for (int j = 0; j <= n; j++)
                {
                    row[j] -= factor * basis[j];
                }
            }
        }
    }
}
