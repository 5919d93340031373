using FsCheck.Xunit;
using SymbiosisOptimizer.Optimization.Modeling;

namespace SymbiosisOptimizer.Tests.Optimization;

/// <summary>A row's terms: one coefficient per column, summed over repeated columns, in ascending column order, zeros left out.</summary>
public sealed class MipModelRowTests
{
    [Fact]
    public void Repeated_columns_are_summed_sorted_and_zero_sums_dropped()
    {
        // By hand: column 3 gets 1.5 - 1.5 = 0 (dropped), column 2 gets 0 (dropped), column 1 gets 2 + 0.25 = 2.25,
        // column 5 gets -4; so the row is 2.25 x1 - 4 x5, columns ascending.
        var m = new MipModel();
        var row = m.AddLessOrEqual("r", "test", 1, [(3, 1.5), (5, -4.0), (1, 2.0), (3, -1.5), (2, 0.0), (1, 0.25)]);

        Assert.Equal([1, 5], m.Rows[row].Columns.ToArray());
        Assert.Equal([2.25, -4.0], m.Rows[row].Coefficients.ToArray());
    }

    [Fact]
    public void A_non_finite_coefficient_is_refused_with_the_row_named()
    {
        var m = new MipModel();
        var e = Assert.Throws<ArgumentException>(() => m.AddLessOrEqual("bad", "test", 1, [(0, 1.0), (1, double.NaN)]));
        Assert.Contains("row bad", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Against the previous way, written out here: a sorted dictionary of running sums from 0, in the order the terms
    /// come. The coefficients must be the same to the bit (floating-point sums depend on their order).
    /// </summary>
    [Property(MaxTest = 200)]
    public void Terms_merge_as_running_sums_in_the_order_given(int seed)
    {
        var rnd = new Random(seed);
        var terms = Enumerable.Range(0, rnd.Next(0, 30))
            .Select(_ => (rnd.Next(0, 8), rnd.Next(4) == 0 ? 0.0 : (rnd.NextDouble() - 0.5) * Math.Pow(10, rnd.Next(-3, 7))))
            .ToList();
        var reference = new SortedDictionary<int, double>();
        foreach (var (c, k) in terms)
        {
            reference[c] = reference.GetValueOrDefault(c) + k;
        }

        var m = new MipModel();
        var row = m.AddEquality("r", "test", 0, terms);

        Assert.Equal(reference.Where(kv => kv.Value != 0).Select(kv => kv.Key).ToArray(), m.Rows[row].Columns.ToArray());
        Assert.Equal(reference.Where(kv => kv.Value != 0).Select(kv => BitConverter.DoubleToInt64Bits(kv.Value)).ToArray(),
            m.Rows[row].Coefficients.Select(BitConverter.DoubleToInt64Bits).ToArray());
    }

    /// <summary>
    /// Costs added many at once (<see cref="MipModel.AddCosts"/>, the objective builder's way) against one by one
    /// (<see cref="MipModel.AddCost"/>): every column's cost the same to the bit, its other fields untouched.
    /// </summary>
    [Property(MaxTest = 200)]
    public void Costs_added_at_once_equal_costs_added_one_by_one(int seed)
    {
        var rnd = new Random(seed);
        MipModel Model()
        {
            var m = new MipModel();
            for (var c = 0; c < 6; c++)
            {
                _ = m.AddVariable($"x{c}", -c, c + 1, c * 0.1, isInteger: c % 2 == 0);
            }

            return m;
        }

        var terms = Enumerable.Range(0, rnd.Next(0, 40))
            .Select(_ => (rnd.Next(0, 6), (rnd.NextDouble() - 0.5) * Math.Pow(10, rnd.Next(-4, 8))))
            .ToList();
        var one = Model();
        foreach (var (c, k) in terms)
        {
            one.AddCost(c, k);
        }

        var all = Model();
        all.AddCosts(terms);

        Assert.Equal(one.Variables.Select(v => BitConverter.DoubleToInt64Bits(v.Cost)), all.Variables.Select(v => BitConverter.DoubleToInt64Bits(v.Cost)));
        Assert.Equal(one.Variables.Select(v => (v.Name, v.Lower, v.Upper, v.IsInteger)), all.Variables.Select(v => (v.Name, v.Lower, v.Upper, v.IsInteger)));
    }
}
