using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;

namespace SymbiosisOptimizer.Reports.Documents;

/// <summary>One actor's part of an aggregate figure.</summary>
public readonly record struct ActorPart(string Actor, double Value);

/// <summary>
/// Disclosure control of company reports, the statistical offices' threshold and dominance rules: an aggregate is
/// shown only when at least <see cref="MinActors"/> actors contribute to it and none makes up more than
/// <see cref="DominanceShare"/> of it. Two refinements keep a firm from undoing the rule by arithmetic: taking out its
/// own figure must leave at least two other actors, none dominant; and when a group of a breakdown (municipality,
/// kind) is suppressed, further groups are suppressed until the suppressed groups together pass the rule, since the
/// shown total minus the shown groups gives their sum.
/// </summary>
public static class Disclosure
{
    public const int MinActors = 3;

    public const double DominanceShare = 0.85;

    /// <summary>Below this magnitude an actor does not count as contributing (it shows as 0 at two decimals).</summary>
    public const double Negligible = 0.005;

    public const string RuleText =
        "Disclosure rule: a figure summed over several actors (per municipality, per kind of actor, per resource, or the region) is shown only when at least 3 actors contribute to it (a non-zero figure) and no single actor makes up more than 85 % of it (by magnitude). It is also withheld when taking out your own figure would leave fewer than two other actors, or one making up more than 85 % of the rest, and when the withheld groups of a breakdown could be worked out from the shown total. Withheld figures read 'suppressed'.";

    /// <summary>Why the aggregate of <paramref name="parts"/> may not be shown to <paramref name="viewer"/>; null when it may.</summary>
    public static string? Check(IEnumerable<ActorPart> parts, string viewer)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var byActor = parts.GroupBy(p => p.Actor, StringComparer.Ordinal)
            .Select(g => new ActorPart(g.Key, g.Sum(p => p.Value)))
            .Where(c => Math.Abs(c.Value) >= Negligible)
            .ToList();
        if (byActor.Count < MinActors)
        {
            return "fewer than 3 actors contribute";
        }

        if (Dominated(byActor))
        {
            return "one actor makes up more than 85 %";
        }

        var others = byActor.Where(c => !string.Equals(c.Actor, viewer, StringComparison.Ordinal)).ToList();
        if (others.Count < byActor.Count && (others.Count < 2 || Dominated(others)))
        {
            return "your own figure taken out, another actor's could be worked out";
        }

        return null;
    }

    /// <summary>Actors whose summed part is not negligible.</summary>
    public static int Contributors(IEnumerable<ActorPart> parts) =>
        parts.GroupBy(p => p.Actor, StringComparer.Ordinal).Count(g => Math.Abs(g.Sum(p => p.Value)) >= Negligible);

    private static bool Dominated(IReadOnlyCollection<ActorPart> parts)
    {
        var total = parts.Sum(c => Math.Abs(c.Value));
        return total > 0 && parts.Max(c => Math.Abs(c.Value)) > DominanceShare * total;
    }

    /// <summary>The aggregates a company report shows (values or 'suppressed'), for the run's actors and exchanges.</summary>
    public static ImmutableArray<AggregateRow> Aggregates(Region region, RunDocument run, string viewer)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(run);
        var cur = run.Currency;
        var figures = new (string Name, string Unit, Func<ActorRow, double> Of)[]
        {
            ("net benefit", $"{cur}/yr", a => a.NetBenefit.Value),
            ("CO2e avoided", "t CO2e/yr", a => a.Co2Avoided.Value),
            ("landfill avoided", "t/yr", a => a.LandfillAvoided.Value),
        };
        var rows = ImmutableArray.CreateBuilder<AggregateRow>();
        foreach (var (name, unit, of) in figures)
        {
            var all = run.Actors.Select(a => new ActorPart(a.Id, of(a))).ToList();
            var regionReason = Check(all, viewer);
            rows.Add(Row("region", run.Region, name, unit, all, regionReason));
            rows.AddRange(Breakdown("municipality", run.Actors.GroupBy(a => a.Municipality ?? "(no municipality)", StringComparer.Ordinal), name, unit, of, viewer, regionReason is not null));
            rows.AddRange(Breakdown("kind", run.Actors.GroupBy(a => a.Kind, StringComparer.Ordinal), name, unit, of, viewer, regionReason is not null));
        }

        // Quantities of different resources do not add up, so no total is shown across them and a suppressed
        // resource cannot be recovered by subtraction: each resource is judged alone.
        foreach (var g in run.Exchanges.GroupBy(e => e.Resource, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var parts = g.Select(e => new ActorPart(e.From, e.Quantity.Value)).ToList();
            rows.Add(Row("resource", region.ResourceName(g.Key), "quantity exchanged", g.First().Quantity.Unit, parts, Check(parts, viewer)));
        }

        return rows.ToImmutable();
    }

    private static IEnumerable<AggregateRow> Breakdown(string level, IEnumerable<IGrouping<string, ActorRow>> groups, string figure, string unit, Func<ActorRow, double> of, string viewer, bool totalSuppressed)
    {
        var list = groups.OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Parts: g.Select(a => new ActorPart(a.Id, of(a))).ToList()))
            .ToList();
        var reasons = list.Select(g => totalSuppressed ? "the region's total is suppressed" : Check(g.Parts, viewer)).ToArray();
        // Secondary suppression: the shown total minus the shown groups is the sum of the suppressed ones, so that sum
        // must pass the rule too; add the smallest shown group until it does (or nothing is left to add).
        while (reasons.Any(r => r is not null) && reasons.Any(r => r is null)
               && Check(list.Where((_, i) => reasons[i] is not null).SelectMany(g => g.Parts), viewer) is not null)
        {
            var next = Enumerable.Range(0, list.Count).Where(i => reasons[i] is null)
                .OrderBy(i => Contributors(list[i].Parts))
                .ThenBy(i => list[i].Parts.Sum(p => Math.Abs(p.Value)))
                .ThenBy(i => list[i].Name, StringComparer.Ordinal)
                .First();
            reasons[next] = "suppressed with another group, which could otherwise be worked out from the total";
        }

        for (var i = 0; i < list.Count; i++)
        {
            yield return Row(level, list[i].Name, figure, unit, list[i].Parts, reasons[i]);
        }
    }

    private static AggregateRow Row(string level, string group, string figure, string unit, IReadOnlyCollection<ActorPart> parts, string? reason) =>
        reason is null
            ? new AggregateRow(level, group, figure, Amount.Of(parts.Sum(p => p.Value), unit), Contributors(parts), null)
            : new AggregateRow(level, group, figure, null, 0, reason);
}
