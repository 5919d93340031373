using System.Collections.Immutable;

namespace SymbiosisOptimizer.Optimization.Modeling;

/// <summary>One independent part of a model: its columns and rows in the original numbering, ascending.</summary>
/// <param name="Fixed">Every column is fixed: nothing to decide (a screened exchange, say).</param>
public sealed record ModelBlock(ImmutableArray<int> Columns, ImmutableArray<int> Rows, int Binaries, bool Fixed);

/// <summary>
/// Splits a model into blocks that no row links. The objective is a sum over columns, so the optimum of the whole is
/// the optimum of each block put side by side: a region whose resources and towns do not meet solves as many small
/// problems instead of one large one, and branch-and-bound in one block no longer waits on the others.
/// </summary>
public static class ModelBlocks
{
    public static ImmutableArray<ModelBlock> Split(MipModel model)
    {
        var n = model.Variables.Count;
        var parent = new int[n];
        for (var i = 0; i < n; i++)
        {
            parent[i] = i;
        }

        int Find(int a)
        {
            while (parent[a] != a)
            {
                parent[a] = parent[parent[a]];
                a = parent[a];
            }

            return a;
        }

        bool Free(int c) => model.Variables[c].Lower != model.Variables[c].Upper;
        foreach (var r in model.Rows)
        {
            // A fixed column is a constant, not a link: screened exchanges do not tie their ends together.
            var root = -1;
            foreach (var c in r.Columns.Where(Free))
            {
                var other = Find(c);
                if (root < 0)
                {
                    root = other;
                    continue;
                }

                if (other != root)
                {
                    // The smaller index becomes the root so block order does not depend on row order.
                    if (other < root)
                    {
                        (root, other) = (other, root);
                    }

                    parent[other] = root;
                }
            }
        }

        var blockOf = new int[n];
        var columns = new List<List<int>>();
        var rootBlock = new Dictionary<int, int>();
        for (var c = 0; c < n; c++)
        {
            var root = Find(c);
            if (!rootBlock.TryGetValue(root, out var b))
            {
                b = columns.Count;
                rootBlock[root] = b;
                columns.Add([]);
            }

            blockOf[c] = b;
            columns[b].Add(c);
        }

        var rows = columns.Select(_ => new List<int>()).ToList();
        foreach (var r in model.Rows)
        {
            // A row of constants only is a check; it stays with the first block so it is not lost.
            var first = r.Columns.Where(Free).DefaultIfEmpty(-1).First();
            rows[first < 0 ? 0 : blockOf[first]].Add(r.Index);
        }

        return [.. columns.Select((cols, b) => new ModelBlock([.. cols], [.. rows[b]], cols.Count(c => model.Variables[c].IsInteger && Free(c)), !cols.Any(Free)))];
    }

    /// <summary>The sub-model of some blocks, with columns and rows renumbered in their original order.</summary>
    public static (MipModel Model, ImmutableArray<int> Columns, ImmutableArray<int> Rows) Extract(MipModel model, IEnumerable<ModelBlock> blocks)
    {
        var list = blocks.ToList();
        var columns = list.SelectMany(b => b.Columns).Order().ToImmutableArray();
        var rows = list.SelectMany(b => b.Rows).Order().ToImmutableArray();
        var local = new Dictionary<int, int>(columns.Length);
        var sub = new MipModel();
        foreach (var c in columns)
        {
            var v = model.Variables[c];
            local[c] = sub.AddVariable(v.Name, v.Lower, v.Upper, v.Cost, v.IsInteger);
        }

        var localRow = new Dictionary<int, int>(rows.Length);
        foreach (var ri in rows)
        {
            var r = model.Rows[ri];
            localRow[ri] = localRow.Count;

            // Fixed columns of other blocks enter as constants moved to the bounds.
            var constant = 0.0;
            var terms = new List<(int, double)>(r.Columns.Length);
            for (var k = 0; k < r.Columns.Length; k++)
            {
                if (local.TryGetValue(r.Columns[k], out var c))
                {
                    terms.Add((c, r.Coefficients[k]));
                }
                else
                {
                    constant += r.Coefficients[k] * model.Variables[r.Columns[k]].Lower;
                }
            }

            sub.AddRow(r.Name, r.Meaning, r.Lower - constant, r.Upper - constant, terms);
        }

        foreach (var s in model.Switches)
        {
            if (local.TryGetValue(s.Binary, out var y) && local.TryGetValue(s.Flow, out var x) && s.Rows.All(localRow.ContainsKey))
            {
                sub.DeclareSwitch(new SwitchLink(y, x, [.. s.Rows.Select(r => localRow[r])]));
            }
        }

        return (sub, columns, rows);
    }
}
