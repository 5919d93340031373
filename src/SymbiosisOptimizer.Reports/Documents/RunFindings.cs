using System.Collections.Immutable;
using SymbiosisOptimizer.Reports.Localization;

namespace SymbiosisOptimizer.Reports.Documents;

/// <summary>What a finding of a run says, so a view can choose which to show without reading its words.</summary>
public enum FindingKind
{
    NoPlan,
    Unmet,
    NetBenefit,
    Climate,
    Landfill,
    WhoGains,
    NoExchange,

    /// <summary>"N exchange(s) chosen; the largest are:", followed by <see cref="TopExchange"/> items.</summary>
    ExchangesHeader,

    /// <summary>One of the largest exchanges, as an item under <see cref="ExchangesHeader"/>.</summary>
    TopExchange,
    PlantsAndPermits,
    Closed,
    Pinned,
    NotChosen,
    GainsMost,
    WhoPays,
    Explanation,
    Solver,
}

/// <summary>One plain-language finding of a run, in one language.</summary>
public sealed record Finding(FindingKind Kind, string Text);

/// <summary>
/// The run's plain-language findings, most important first (what a council member reads before any table), written in
/// a language from the document's own figures: the document keeps the English ones (<see cref="RunDocument.Findings"/>,
/// results.json); report.html, report.xlsx and the app write them in the reader's language. A sentence computes no
/// figure; every number in it is the document's, rounded by the tables' rule.
/// </summary>
/// <remarks>
/// Texts the document carries as written stay as they are in every language: the names, exchange descriptions, the
/// solver's status and explanation, pinned choices and why-not causes.
/// </remarks>
public static class RunFindings
{
    public static ImmutableArray<Finding> Of(RunDocument d, Language language)
    {
        ArgumentNullException.ThrowIfNull(d);
        var t = ReportFormat.For(language);
        var list = ImmutableArray.CreateBuilder<Finding>();
        void Add(FindingKind kind, string text) => list.Add(new Finding(kind, text));
        string N(double v) => Figures.Fixed(v, 0, language);
        string N1(double v) => Figures.Fixed(v, 1, language);
        var cur = t.Unit(d.Currency);
        var perYear = t.Unit(d.Currency + "/yr");
        if (d.Kpis is not { } k)
        {
            Add(FindingKind.NoPlan, t.Format(ReportPhrase.FindNoPlan, d.Region, d.ScenarioText, d.StatusText));
            foreach (var u in d.PreSolve.Unmet)
            {
                Add(FindingKind.Unmet, u.Text);
            }

            foreach (var e in d.Explanation)
            {
                Add(FindingKind.Explanation, e);
            }

            Add(FindingKind.Solver, t.Format(ReportPhrase.FindSolverNoPlan, d.Solver.Name, d.StatusText));
            return list.ToImmutable();
        }

        Add(FindingKind.NetBenefit, t.Format(ReportPhrase.FindNetBenefit, N(k.NetBenefit.Value), cur, d.ScenarioText));
        Add(FindingKind.Climate, t.Format(ReportPhrase.FindClimate, N1(k.Co2Avoided.Value), N1(k.TransportEmissions.Value)));
        Add(FindingKind.Landfill, t.Format(ReportPhrase.FindLandfill, N(k.LandfillAvoided.Value), N(k.VirginMaterialAvoided.Value)));
        if (d.Accounts is { } acc)
        {
            Add(FindingKind.WhoGains, t.Format(ReportPhrase.FindWhoGains, N(acc.Firms.Value), N(acc.PublicBudget.Value), N(acc.PublicBudget.State.Value),
                N(acc.PublicBudget.Municipalities.Value), N(acc.Society.Value), perYear, N(acc.Externalities.Value), N(acc.Externalities.SocialCo2Value.Value), cur));
        }

        if (d.Exchanges.IsEmpty)
        {
            Add(FindingKind.NoExchange, t[ReportPhrase.FindNoExchange]);
        }
        else
        {
            var top = d.Exchanges.Take(3).ToList();
            Add(FindingKind.ExchangesHeader, top.Count == 1
                ? t.Format(ReportPhrase.FindExchangesOne, d.Exchanges.Length)
                : t.Format(ReportPhrase.FindExchangesTop, d.Exchanges.Length, top.Count));
            foreach (var e in top)
            {
                Add(FindingKind.TopExchange, "  - " + e.Description);
            }
        }

        var plants = d.Plants.Where(p => p.Built && (Math.Abs(p.NetBenefit.Value) > 0.5 || Math.Abs(p.Co2Avoided.Value) > 1e-3)).ToList();
        if (plants.Count > 0 || d.Permits.Length > 0)
        {
            var parts = plants.Select(p => t.Format(ReportPhrase.FindPlantItem, p.Name, N(p.NetBenefit.Value), perYear, N1(p.Co2Avoided.Value)))
                .Concat(d.Permits.Select(p => t.Format(ReportPhrase.FindPermitItem, p.Name, p.ReceiverName, N(p.NetBenefit.Value), perYear)));
            Add(FindingKind.PlantsAndPermits, t.Format(ReportPhrase.FindPlantsAndPermits, FindingText.Listed([.. parts], "; ", t[ReportPhrase.FindPlantsTables], t)));
        }

        foreach (var p in d.Plants.Where(p => p.Closed))
        {
            Add(FindingKind.Closed, t.Format(ReportPhrase.FindClosed, p.Name, p.ActorName, N(p.ClosingSaving?.Value ?? 0), perYear, N(p.NetBenefit.Value)));
        }

        if (!d.Pinned.IsEmpty)
        {
            Add(FindingKind.Pinned, t.Format(ReportPhrase.FindPinned, d.Pinned.Length, FindingText.Listed([.. d.Pinned.Select(p => p.Text)], "; ", t[ReportPhrase.FindPinnedTable], t)));
        }

        if (d.NotChosen is { Rejected: > 0 } nc)
        {
            var nearest = nc.Groups.SelectMany(g => g.Candidates).Where(c => c.Shortfall is not null).OrderBy(c => c.Shortfall!.Value).FirstOrDefault();
            var causes = string.Join(", ", nc.Groups.Select(g => $"{CauseTitles.Of(t, g.Cause).ToLowerInvariant()} {g.Candidates.Length}"));
            Add(FindingKind.NotChosen, t.Format(ReportPhrase.FindNotChosen, nc.Rejected, causes) +
                (nearest is null ? string.Empty : t.Format(ReportPhrase.FindNearest, nearest.Name, N(nearest.Shortfall!.Value), perYear)));
        }

        var gainers = d.Actors.Where(a => a.NetBenefit.Value > 0.5).OrderByDescending(a => a.NetBenefit.Value).ToList();
        var payers = d.Actors.Where(a => a.NetBenefit.Value < -0.5).OrderBy(a => a.NetBenefit.Value).ToList();
        if (gainers.Count > 0)
        {
            Add(FindingKind.GainsMost, t.Format(ReportPhrase.FindGainsMost, gainers[0].Name, N(gainers[0].NetBenefit.Value), perYear));
        }

        if (payers.Count > 0)
        {
            var named = payers.Select(a => $"{a.Name} ({N(a.NetBenefit.Value)} {perYear})").ToList();
            Add(FindingKind.WhoPays, t.Format(ReportPhrase.FindWhoPays, FindingText.Listed(named, ", ", t[ReportPhrase.FindActorsTable], t)));
        }

        foreach (var e in d.Explanation)
        {
            Add(FindingKind.Explanation, e);
        }

        Add(FindingKind.Solver, t.Format(ReportPhrase.FindSolver, d.Solver.Name, d.StatusText, d.Solver.GapText));
        return list.ToImmutable();
    }
}
