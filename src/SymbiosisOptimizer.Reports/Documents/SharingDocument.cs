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
public sealed record SharingComponent(ImmutableArray<string> Players, ImmutableArray<string> Names, bool Exact, bool ShapleyExact, ImmutableArray<int> Parts, string? NotComputed, int Solves, SharingReport Report)
{
    /// <summary>Whether a stable split exists, the coalitions that block when none does, and the subsidy that would make one.</summary>
    public SharingStability? Stability { get; init; }

    /// <summary>The method whose split the side payments implement, and why it was chosen.</summary>
    public SharingRecommendation? Recommended { get; init; }
}

/// <param name="LeastCoreValue">epsilon*: under the best split, the most any coalition gets less than it could alone (negative or 0: stable splits exist).</param>
/// <param name="MinimumSubsidy">The smallest public contribution that, added to the group's gain, makes a stable split exist; 0 when one exists.</param>
/// <param name="Blocking">When no split is stable: the coalitions (by display names) whose claims together exceed the gain.</param>
public sealed record SharingStability(bool StableSplitExists, Amount LeastCoreValue, Amount MinimumSubsidy, ImmutableArray<ImmutableArray<string>> Blocking, bool Certified, string How, string Summary);

/// <param name="Method">A method of the report (e.g. "nucleolus").</param>
/// <param name="Stable">The split is in the core: no coalition does better alone.</param>
public sealed record SharingRecommendation(string Method, bool Stable, string Why);

/// <param name="Allocations">Share by method name, keys in ordinal order so files list methods alike every run.</param>
/// <param name="SidePayments">Share minus own result, by method (positive: receives).</param>
public sealed record SharingPlayer(string Id, string Name, int Component, Amount OwnResult, ImmutableSortedDictionary<string, Amount> Allocations, ImmutableSortedDictionary<string, Amount> SidePayments)
{
    /// <summary>For each share that is an estimate (a sampled Shapley value), its 95 % half-width and the samples behind it, by method.</summary>
    public ImmutableSortedDictionary<string, SharingEstimate> Estimates { get; init; } = ImmutableSortedDictionary<string, SharingEstimate>.Empty.WithComparers(StringComparer.Ordinal);
}

/// <summary>How precise an estimated share is: the share lies within ± <paramref name="HalfWidth95"/> of the estimate with 95 % confidence.</summary>
/// <param name="Samples">Marginal contributions sampled for this share (stratified Shapley); null for the permutation sampler, whose samples are the component's permutations.</param>
public sealed record SharingEstimate(Amount HalfWidth95, int? Samples);

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
    string? Note)
{
    /// <summary>One fair price: the midpoint of the range, where supplier and receiver gain the same per unit (<see cref="Rule"/>).</summary>
    public double Recommended { get; init; }

    public string Rule { get; init; } = string.Empty;

    /// <summary>What the sign of the recommended price means, in words.</summary>
    public string Meaning { get; init; } = string.Empty;
}

/// <summary>sharing.json of <c>symbiosis share &lt;scenario&gt;</c>: the region game's gain split among its actors.</summary>
/// <param name="PlanFigure">The figure of the run report v(N) equals: "net benefit" (money) or "objective gain".</param>
/// <param name="PlanValue">That figure as the run report computes it, to compare with <paramref name="GrandValue"/>.</param>
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
    string PlanFigure,
    double PlanValue,
    RunMetadata Metadata)
{
    public static SharingDocument Build(Region region, string source, string scenario, ImmutableArray<string> overrides, RegionSharingResult result, RunMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(result);
        var cur = region.Economics.Currency;
        var money = $"{cur}/yr";
        var basis = result.Basis == Assessment.Coalitions.ValueBasis.Money
            ? string.Create(CultureInfo.InvariantCulture, $"money saved per year ({money}): today's costs minus the plan's, before any transfer between actors; CO2e and landfill avoided are not counted in what is shared (share --value money+co2 adds CO2e at {result.Co2Price:0.##} {cur}/t)")
            : string.Create(CultureInfo.InvariantCulture, $"objective gain per year ({money}): money saved plus CO2e avoided valued at {result.Co2Price:0.##} {cur}/t CO2e{(result.LandfillValue != 0 ? $" plus landfill avoided valued at {result.LandfillValue:0.##} {cur}/t" : string.Empty)}");
        var doc = new SharingDocument(
            RunnerDocuments.SchemaVersion, RunnerDocuments.Tool, region.Name, source, cur, scenario, overrides,
            basis,
            money,
            Numbers.Round(result.GrandValue),
            result.CoalitionSolves,
            result.Bystanders,
            [.. result.Bystanders.Select(region.ActorName)],
            new DualApplicability(result.DualNote is null, result.DualNote),
            [.. result.Components.Select(c => new SharingComponent(c.Players, [.. c.Players.Select(region.ActorName)], c.Exact, c.ShapleyExact, c.PartSizes, c.NotComputed, c.Solves, c.Report)
            {
                Stability = c.Stability is { } st ? Stability(region, st, money) : null,
                Recommended = c.NotComputed is null ? Recommend(c, money) : null,
            })],
            [.. result.Actors.Where(a => a.Component >= 0).Select(a => new SharingPlayer(
                a.Id, a.Name, a.Component, Amount.Of(a.OwnResult, money),
                a.Allocations.ToImmutableSortedDictionary(kv => kv.Key, kv => Amount.Of(kv.Value, money), StringComparer.Ordinal),
                a.Transfers.ToImmutableSortedDictionary(kv => kv.Key, kv => Amount.Of(kv.Value, $"{money} (positive: receives)"), StringComparer.Ordinal))
            {
                Estimates = Estimates(result.Components[a.Component], a.Id, money),
            })],
            [.. result.PriceRanges.Select(r => new SharingPriceRange(
                r.FromActor, region.ActorName(r.FromActor), r.ToActor, region.ActorName(r.ToActor), r.Source, r.Sink,
                r.Resource, region.ResourceName(r.Resource), ExchangeNames.Describe(region, r.FromActor, r.ToActor, r.Resource),
                Numbers.Round(r.Lowest), Numbers.Round(r.Highest), $"{cur} per unit of {region.ResourceName(r.Resource)}", r.Note)
            {
                Recommended = Numbers.Round((r.Lowest + r.Highest) / 2),
                Rule = r.Highest >= r.Lowest
                    ? "midpoint of the range: supplier and receiver each gain the same amount per unit against what they do today (the Nash bargaining price of a linear exchange)"
                    : "midpoint of an empty range: this exchange does not pay for both sides on its own; it is in the plan for what it enables elsewhere, so it needs a side payment as well as a price",
                Meaning = (r.Lowest + r.Highest) / 2 >= 0
                    ? $"a positive price: the receiver pays the supplier {Figures.Fixed((r.Lowest + r.Highest) / 2, 1)} {cur} per unit"
                    : $"a negative price: the supplier pays the receiver {Figures.Fixed(-(r.Lowest + r.Highest) / 2, 1)} {cur} per unit to take it (a gate fee lower than its current route costs)",
            })],
            result.Basis == Assessment.Coalitions.ValueBasis.Money ? "net benefit" : "objective gain",
            Numbers.Round(result.PlanValue),
            metadata);
        return doc;
    }

    /// <summary>The half-widths and sample counts the component's report holds for this actor's estimated shares.</summary>
    private static ImmutableSortedDictionary<string, SharingEstimate> Estimates(ComponentSharing component, string actor, string unit)
    {
        var i = component.Players.IndexOf(actor, StringComparer.Ordinal);
        var row = i >= 0 && i < component.Report.PerPlayer.Count ? component.Report.PerPlayer[i] : null;
        if (row is null)
        {
            return ImmutableSortedDictionary<string, SharingEstimate>.Empty.WithComparers(StringComparer.Ordinal);
        }

        return row.HalfWidths95.ToImmutableSortedDictionary(
            kv => kv.Key,
            kv => new SharingEstimate(Amount.Of(kv.Value, unit), row.Samples.TryGetValue(kv.Key, out var n) ? n : null),
            StringComparer.Ordinal);
    }

    private static SharingStability Stability(Region region, ComponentStability s, string unit)
    {
        // A budget-stopped search proves an interval for the least-core value, not the value: say which side of zero it
        // is known to be on, and no more.
        var summary = !s.Certified && !s.CoreNonEmpty && s.Epsilon <= 1e-7 * Math.Max(1, Math.Abs(s.UpperBound))
            ? $"not settled within the budget ({GeneratedSharing.BudgetWords(s.MaxSeparations, s.RunSeparationBudget)}): the least-core value lies between {Figures.Fixed(s.Epsilon)} and {Figures.Fixed(s.UpperBound)} {unit}, so a stable split may or may not exist"
            : s.CoreNonEmpty
                ? "a stable split exists: some split leaves no coalition better off on its own"
                : !s.Certified
                    ? $"no split is stable (proven: the least-core value is at least {Figures.Fixed(s.Epsilon)} {unit}; the budget ({GeneratedSharing.BudgetWords(s.MaxSeparations, s.RunSeparationBudget)}) bounds it at {Figures.Fixed(s.UpperBound)} {unit}); a public contribution of {(s.SubsidyCertified ? string.Empty : "at least ")}{Figures.Fixed(s.MinimumSubsidy)} {unit} added to the group's gain is {(s.SubsidyCertified ? "the least that makes a stable split exist" : "needed before a stable split can exist (the budget ended that search too)")}"
                    : $"no split is stable: whatever the split, some coalition does better on its own; a public contribution of {Figures.Fixed(s.MinimumSubsidy)} {unit} added to the group's gain is the least that makes a stable split exist";
        return new SharingStability(s.CoreNonEmpty, Amount.Of(s.Epsilon, unit), Amount.Of(s.MinimumSubsidy, unit),
            [.. s.Blocking.Select(b => b.Select(region.ActorName).ToImmutableArray())], s.Certified, s.How, summary);
    }

    /// <summary>
    /// The split side payments should implement: a stable one when it exists (nucleolus first: the unique stable split
    /// that makes the unhappiest coalition as happy as possible; else the least core), else the least-blocked one.
    /// </summary>
    private static SharingRecommendation? Recommend(ComponentSharing c, string unit)
    {
        var methods = c.Report.Methods.ToDictionary(m => m.Method, StringComparer.Ordinal);
        bool Stable(string m) => methods.TryGetValue(m, out var r) && r.Core is { InCore: true };
        foreach (var m in new[] { Nucleolus.MethodName, LeastCore.MethodName })
        {
            if (Stable(m))
            {
                return new SharingRecommendation(m, true, m == Nucleolus.MethodName
                    ? "the nucleolus is stable (no coalition does better alone) and, of the stable splits, the one that makes the unhappiest coalition as happy as possible"
                    : "the least-core split is stable: no coalition does better alone");
            }
        }

        var stableOther = c.Report.Methods.FirstOrDefault(m => m.Core is { InCore: true });
        if (stableOther is not null)
        {
            return new SharingRecommendation(stableOther.Method, true, $"the {stableOther.Method} split is stable: no coalition does better alone");
        }

        foreach (var m in new[] { Nucleolus.MethodName, LeastCore.MethodName })
        {
            if (methods.ContainsKey(m))
            {
                return new SharingRecommendation(m, false, c.Stability is { CoreNonEmpty: false } s
                    ? $"no split is stable; the {m} split keeps the largest loss of any coalition as small as it can be ({Figures.Fixed(s.Epsilon)} {unit})"
                    : $"the {m} split is the least blocked one computed");
            }
        }

        var first = c.Report.Methods.FirstOrDefault();
        return first is null ? null : new SharingRecommendation(first.Method, first.Core is { InCore: true }, first.Core switch
        {
            null => $"the {first.Method} split (its stability was not checked)",
            { Settled: false } => $"the {first.Method} split; whether some coalition blocks it was not settled within the budget, and no stable split was computed",
            _ => $"the {first.Method} split; it is blocked by some coalition, and no stable split was computed",
        });
    }
}

/// <summary>sharing.json of <c>symbiosis share --game FILE.csv</c>: a game given by its coalition values.</summary>
/// <param name="Kind">value (a benefit game) or cost (a cost game).</param>
public sealed record GameSharingDocument(int SchemaVersion, string Tool, string Game, string Kind, SharingReport Report, RunMetadata Metadata)
{
    public static GameSharingDocument Build(string gameFile, SharingReport report, RunMetadata metadata) =>
        new(RunnerDocuments.SchemaVersion, RunnerDocuments.Tool, gameFile, report.Kind, report, metadata);
}
