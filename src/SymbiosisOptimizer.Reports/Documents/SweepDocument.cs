using System.Collections.Immutable;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Network;

namespace SymbiosisOptimizer.Reports.Documents;

/// <param name="Set">The range as given on the command line.</param>
/// <param name="Values">In <paramref name="Unit"/>, the parameter's base unit.</param>
public sealed record SweepParameter(string Path, string Unit, string Set, ImmutableArray<double> Values);

/// <param name="Exchanges">Keys of the exchanges chosen at the point; the document's top-level list names them.</param>
public sealed record SweepPointEntry(ImmutableArray<double> Values, string Status, KpiBlock? Kpis, ImmutableArray<string> Exchanges);

public sealed record SweepAt(string Parameter, double Value);

public sealed record SweepSwitch(string Parameter, double From, double To, SweepAt? At, ImmutableArray<ExchangeRef> On, ImmutableArray<ExchangeRef> Off);

/// <summary>sweep.json: KPI response over one or two parameters, and where exchanges switch on or off.</summary>
/// <param name="Exchanges">Every exchange chosen at some point, by key and display name, in key order.</param>
public sealed record SweepDocument(
    int SchemaVersion,
    string Kind,
    string Tool,
    string Region,
    string Source,
    string Currency,
    string Scenario,
    ImmutableArray<SweepParameter> Parameters,
    bool NetworkReused,
    ImmutableArray<SweepPointEntry> Points,
    ImmutableArray<SweepSwitch> Switches,
    ImmutableArray<ExchangeRef> Exchanges,
    RunMetadata Metadata)
{
    public static SweepDocument Build(Region region, string source, string scenario, SweepResult s, RunMetadata metadata)
    {
        var cur = region.Economics.Currency;

        // A swept parameter can move arcs in or out of the network but not nodes, which alone name the exchanges.
        var names = ExchangeNames.Of(region, CandidateNetworkBuilder.Build(region));
        return new(
            RunnerDocuments.SchemaVersion, "sweep", RunnerDocuments.Tool, region.Name, source, cur, scenario,
            [.. s.Axes.Select(a => new SweepParameter(a.Parameter.Path, a.Parameter.UnitText, a.Text, [.. a.Values.Select(Numbers.Round)]))],
            s.NetworkReused,
            [.. s.Points.Select(p => new SweepPointEntry([.. p.Values.Select(Numbers.Round)], p.Status.Word(), KpiBlock.Of(p.Kpis, cur), [.. p.Exchanges.Select(e => e.Key)]))],
            [.. s.Switches.Select(w => new SweepSwitch(
                s.Axes[w.Axis].Parameter.Path,
                Numbers.Round(w.From),
                Numbers.Round(w.To),
                w.Fixed is { } f ? new SweepAt(s.Axes[1 - w.Axis].Parameter.Path, Numbers.Round(f)) : null,
                names.Refs(w.On),
                names.Refs(w.Off)))],
            names.Refs(s.Points.SelectMany(p => p.Exchanges).Distinct().Order()),
            metadata);
    }
}
