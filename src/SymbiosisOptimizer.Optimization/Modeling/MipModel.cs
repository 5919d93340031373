using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace SymbiosisOptimizer.Optimization.Modeling;

public sealed record Variable(int Index, string Name, double Lower, double Upper, double Cost, bool IsInteger);

/// <summary>A linear row lower &lt;= sum(coef x) &lt;= upper, with a deterministic name and a plain-language meaning.</summary>
public sealed record Row(int Index, string Name, string Meaning, double Lower, double Upper, ImmutableArray<int> Columns, ImmutableArray<double> Coefficients);

/// <summary>
/// A connection switch as the formulation states it: binary y opens flow x, through a switch row x - U y &lt;= 0 and
/// optionally a minimum-lot row x - l y &gt;= 0 (<see cref="Rows"/>, switch row first). Heuristics read these instead
/// of recovering them from the matrix.
/// </summary>
public sealed record SwitchLink(int Binary, int Flow, ImmutableArray<int> Rows);

/// <summary>
/// A solver-independent mixed-integer linear model (minimisation). Formulation builders write into it; solver adapters
/// read from it. Keeping our own model lets one formulation feed OR-Tools, min-cost flow and MPS export alike.
/// </summary>
public sealed class MipModel
{
    private readonly List<Variable> variables = [];
    private readonly List<Row> rows = [];
    private readonly List<SwitchLink> switches = [];

    /// <summary>AddRow's terms while it sorts and sums them, one list per thread.</summary>
    [ThreadStatic]
    private static List<(int Column, int Order, double Coef)>? scratch;

    public IReadOnlyList<Variable> Variables => variables;

    public IReadOnlyList<Row> Rows => rows;

    public double ObjectiveOffset { get; set; }

    /// <summary>The connection switches the model's builder declared, in declaration order.</summary>
    public IReadOnlyList<SwitchLink> Switches => switches;

    public void DeclareSwitch(SwitchLink link) => switches.Add(link);

    public int BinaryCount => variables.Count(v => v.IsInteger);

    public int AddVariable(string name, double lower, double upper, double cost, bool isInteger = false)
    {
        if (double.IsNaN(lower) || double.IsNaN(upper) || !double.IsFinite(cost))
        {
            throw new ArgumentException($"variable {name} has a non-finite bound or cost");
        }

        variables.Add(new Variable(variables.Count, name, lower, upper, cost, isInteger));
        return variables.Count - 1;
    }

    public int AddBinary(string name, double cost) => AddVariable(name, 0, 1, cost, isInteger: true);

    public void AddCost(int column, double cost)
    {
        var v = variables[column];
        variables[column] = v with { Cost = v.Cost + cost };
    }

    /// <summary>
    /// Adds every (column, cost) term to its column's cost: each column's sum is taken from its current cost in the order
    /// given, as <see cref="AddCost"/> term by term would, to the bit, but each column's record is replaced once, not once
    /// per term (the objective of a 5 000-actor model has about a million ledger terms: a discarded record each was 10 %
    /// of profile-model's samples).
    /// </summary>
    public void AddCosts(IEnumerable<(int Column, double Cost)> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var sums = new double[variables.Count];
        var touched = new bool[variables.Count];
        foreach (var (column, cost) in terms)
        {
            if (!touched[column])
            {
                touched[column] = true;
                sums[column] = variables[column].Cost;
            }

            sums[column] += cost;
        }

        for (var c = 0; c < touched.Length; c++)
        {
            if (touched[c])
            {
                variables[c] = variables[c] with { Cost = sums[c] };
            }
        }
    }

    /// <summary>Removes an upper bound that other rows already imply, so LP duals land on those rows.</summary>
    public void Unbound(int column)
    {
        var v = variables[column];
        variables[column] = v with { Upper = double.PositiveInfinity };
    }

    public void Fix(int column, double value)
    {
        var v = variables[column];
        variables[column] = v with { Lower = value, Upper = value };
    }

    /// <summary>Sets both bounds of a column (e.g. forcing a flow to at least a quantity in a copy).</summary>
    public void Bound(int column, double lower, double upper)
    {
        if (double.IsNaN(lower) || double.IsNaN(upper) || lower > upper)
        {
            throw new ArgumentException($"column {column}: bounds [{lower}, {upper}] are not an interval");
        }

        var v = variables[column];
        variables[column] = v with { Lower = lower, Upper = upper };
    }

    /// <summary>Adds a row; terms of one column are summed, columns come out in ascending order, zero sums are left out.</summary>
    public int AddRow(string name, string meaning, double lower, double upper, IEnumerable<(int Column, double Coef)> terms)
    {
        // A list sorted by column, then by the order given, instead of a sorted dictionary per row (a large model has
        // hundreds of thousands of rows of a few terms): each column's terms are summed from 0 in the order given, as
        // the dictionary's running sums were, so every coefficient is the same to the bit. The list is this thread's
        // scratch (blocks are extracted in parallel): the model's rows survive the collections of its build, so every
        // temporary or copied array a row made here was work for the GC as well.
        var given = scratch ??= [];
        given.Clear();
        foreach (var (c, k) in terms)
        {
            if (!double.IsFinite(k))
            {
                throw new ArgumentException($"row {name} has a non-finite coefficient");
            }

            given.Add((c, given.Count, k));
        }

        given.Sort(static (a, b) => a.Column != b.Column ? a.Column.CompareTo(b.Column) : a.Order.CompareTo(b.Order));
        // Each column's non-zero sum is written back over the list's front (never past the terms already summed), so
        // the row's arrays are made once at their final size.
        var kept = 0;
        for (var i = 0; i < given.Count;)
        {
            var column = given[i].Column;
            var sum = 0.0;
            for (; i < given.Count && given[i].Column == column; i++)
            {
                sum += given[i].Coef;
            }

            if (sum != 0)
            {
                given[kept++] = (column, 0, sum);
            }
        }

        var cols = new int[kept];
        var coefs = new double[kept];
        for (var i = 0; i < kept; i++)
        {
            cols[i] = given[i].Column;
            coefs[i] = given[i].Coef;
        }

        rows.Add(new Row(rows.Count, name, meaning, lower, upper, ImmutableCollectionsMarshal.AsImmutableArray(cols), ImmutableCollectionsMarshal.AsImmutableArray(coefs)));
        return rows.Count - 1;
    }

    public int AddEquality(string name, string meaning, double rhs, IEnumerable<(int, double)> terms) => AddRow(name, meaning, rhs, rhs, terms);

    public int AddLessOrEqual(string name, string meaning, double rhs, IEnumerable<(int, double)> terms) => AddRow(name, meaning, double.NegativeInfinity, rhs, terms);

    public int AddGreaterOrEqual(string name, string meaning, double rhs, IEnumerable<(int, double)> terms) => AddRow(name, meaning, rhs, double.PositiveInfinity, terms);

    /// <summary>An independent copy (variables and rows are immutable records, so sharing them is safe).</summary>
    public MipModel Copy()
    {
        var copy = new MipModel { ObjectiveOffset = ObjectiveOffset };
        copy.variables.AddRange(variables);
        copy.rows.AddRange(rows);
        copy.switches.AddRange(switches);
        return copy;
    }

    /// <summary>Objective value of a solution, including the offset.</summary>
    public double Evaluate(IReadOnlyList<double> x)
    {
        var total = ObjectiveOffset;
        for (var i = 0; i < variables.Count; i++)
        {
            total += variables[i].Cost * x[i];
        }

        return total;
    }
}
