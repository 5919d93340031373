using System.Collections.Immutable;
using System.Globalization;
using SymbiosisOptimizer.Assessment.Coalitions;
using SymbiosisOptimizer.Assessment.Sharing;
using SymbiosisOptimizer.Domain.Model;

namespace SymbiosisOptimizer.Reports.Documents;

/// <summary>Whether the LP-dual core allocation applies (only to models without yes/no decisions), and why not.</summary>
public sealed record DualApplicability(bool Applicable, string? Note);

/// <summary>One linked group of actors, shared on its own.</summary>
/// <param name="Players">Actor ids, in the order of the report's arrays; <paramref name="Names"/> their names alike.</param>
/// <param name="Parts">Sizes of the independent parts the group was valued by; empty when valued whole.</param>
/// <param name="Report">The sharing report of the group's game, as the sharing library produces it.</param>
public sealed record SharingComponent(ImmutableArray<string> Players, ImmutableArray<string> Names, bool Exact, bool ShapleyExact, ImmutableArray<int> Parts, string? NotComputed, int Solves, SharingReport Report);

/// <param name="Allocations">Share by method name, keys in ordinal order so files list methods alike every run.</param>
/// <param name="SidePayments">Share minus own result, by method (positive: receives).</param>
public sealed record SharingPlayer(string Id, string Name, int Component, Amount OwnResult, ImmutableSortedDictionary<string, Amount> Allocations, ImmutableSortedDictionary<string, Amount> SidePayments);

/// <summary>The transfer prices of a planned exchange at which both sides gain.</summary>
/// <param name="From">Supplying actor id (<paramref name="FromName"/> its name); likewise To and Resource.</param>
/// <param name="Name">"From -> To (Resource)" with display names.</param>
public sealed record SharingPriceRange(
    string From,
    string FromName,
    string To,
    string ToName,
    string Source,
    string Sink,
    string Resource,
    string ResourceName,
    string Name,
    double Lowest,
    double Highest,
    string Unit,
    string? Note);

/// <summary>sharing.json of <c>symbiosis share &lt;scenario&gt;</c>: the region game's gain split among its actors.</summary>
public sealed record SharingDocument(
    int SchemaVersion,
    string Tool,
    string Region,
    string Source,
    string Currency,
    string Scenario,
    ImmutableArray<string> Overrides,
    string ValueBasis,
    string Unit,
    double GrandValue,
    int CoalitionSolves,
    ImmutableArray<string> Bystanders,
    ImmutableArray<string> BystanderNames,
    DualApplicability Dual,
    ImmutableArray<SharingComponent> Components,
    ImmutableArray<SharingPlayer> Players,
    ImmutableArray<SharingPriceRange> PriceRanges,
    RunMetadata Metadata)
{
    public static SharingDocument Build(Region region, string source, string scenario, ImmutableArray<string> overrides, RegionSharingResult result, RunMetadata metadata)
    {
        var cur = region.Economics.Currency;
        var money = $"{cur}/yr";
        return new(
            RunnerDocuments.SchemaVersion, RunnerDocuments.Tool, region.Name, source, cur, scenario, overrides,
            string.Create(CultureInfo.InvariantCulture, $"objective gain per year: money saved plus CO2e avoided valued at {result.Co2Price:0.##} {cur}/t CO2e"),
            money,
            Numbers.Round(result.GrandValue),
            result.CoalitionSolves,
            result.Bystanders,
            [.. result.Bystanders.Select(region.ActorName)],
            new DualApplicability(result.DualNote is null, result.DualNote),
            [.. result.Components.Select(c => new SharingComponent(c.Players, [.. c.Players.Select(region.ActorName)], c.Exact, c.ShapleyExact, c.PartSizes, c.NotComputed, c.Solves, c.Report))],
            [.. result.Actors.Where(a => a.Component >= 0).Select(a => new SharingPlayer(
                a.Id, a.Name, a.Component, Amount.Of(a.OwnResult, money),
                a.Allocations.ToImmutableSortedDictionary(kv => kv.Key, kv => Amount.Of(kv.Value, money), StringComparer.Ordinal),
                a.Transfers.ToImmutableSortedDictionary(kv => kv.Key, kv => Amount.Of(kv.Value, $"{money} (positive: receives)"), StringComparer.Ordinal)))],
            [.. result.PriceRanges.Select(r => new SharingPriceRange(
                r.FromActor, region.ActorName(r.FromActor), r.ToActor, region.ActorName(r.ToActor), r.Source, r.Sink,
                r.Resource, region.ResourceName(r.Resource), ExchangeNames.Describe(region, r.FromActor, r.ToActor, r.Resource),
                Numbers.Round(r.Lowest), Numbers.Round(r.Highest), $"{cur} per unit of {region.ResourceName(r.Resource)}", r.Note))],
            metadata);
    }
}

/// <summary>sharing.json of <c>symbiosis share --game FILE.csv</c>: a game given by its coalition values.</summary>
/// <param name="Kind">value (a benefit game) or cost (a cost game).</param>
public sealed record GameSharingDocument(int SchemaVersion, string Tool, string Game, string Kind, SharingReport Report, RunMetadata Metadata)
{
    public static GameSharingDocument Build(string gameFile, SharingReport report, RunMetadata metadata) =>
        new(RunnerDocuments.SchemaVersion, RunnerDocuments.Tool, gameFile, report.Kind, report, metadata);
}
