using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Domain.Quantities;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Modeling;
using SymbiosisOptimizer.Optimization.Network;

namespace SymbiosisOptimizer.Tests.Optimization;

/// <summary>Reads a formulation by domain key and typed column maps, never by a row or column name.</summary>
internal static class FormulationTestKit
{
    public static readonly Dimension Sek = Dimension.MoneyIn("SEK");

    public static Quantity Q(double value, Dimension dimension) => new(value, dimension);

    public static ImmutableDictionary<string, Quantity> Quality(string property, double value) =>
        ImmutableDictionary<string, Quantity>.Empty.WithComparers(StringComparer.Ordinal).Add(property, Q(value, Dimension.None));

    /// <summary>The model as the optimiser builds it, without the presolve (which fixes bounds, never rows).</summary>
    public static ExchangeModel Build(Region region, FormulationOptions? options = null) =>
        ExchangeFormulation.Build(region, CandidateNetworkBuilder.Build(region), options ?? new FormulationOptions(Screen: false));

    /// <summary>The candidate arc from a source to a sink (domain ids of the network's nodes); exactly one must exist.</summary>
    public static CandidateArc Arc(ExchangeModel m, string source, string sink) =>
        Assert.Single(m.Network.Arcs, a => m.Network.Sources[a.Source].Id == source && m.Network.Sinks[a.Sink].Id == sink);

    public static int Flow(ExchangeModel m, string source, string sink) => m.ArcFlow[Arc(m, source, sink).Index];

    /// <summary>The keys of one family, in row order, must be exactly these.</summary>
    public static void Keys(ExchangeModel m, RowFamily family, params RowKey[] expected) =>
        Assert.Equal(expected, m.RowsOf(family).Select(t => t.Key).ToArray());

    /// <summary>The row with this key: its bounds and every non-zero coefficient, each against the expectation.</summary>
    public static void Row(ExchangeModel m, RowKey key, double lower, double upper, params (int Column, double Coef)[] terms)
    {
        var r = m.RowOf(key);
        Assert.True(r >= 0, $"no row {key}");
        var row = m.Model.Rows[r];
        Assert.Equal(lower, row.Lower);
        Assert.Equal(upper, row.Upper);
        Assert.All(terms, t => Assert.True(t.Column >= 0, $"{key}: an expected column is not in the model"));
        Assert.Equal(terms.Select(t => t.Column).Order(), row.Columns.Order());
        foreach (var (column, coef) in terms)
        {
            Approx.Equal(coef, Coefficient(row, column), 1e-12, $"{key}: coefficient of column {column}");
        }
    }

    public static double Coefficient(Row row, int column)
    {
        var k = row.Columns.IndexOf(column);
        return k < 0 ? 0 : row.Coefficients[k];
    }
}
