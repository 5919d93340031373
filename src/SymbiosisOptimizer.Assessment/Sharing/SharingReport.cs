using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace SymbiosisOptimizer.Assessment.Sharing;

public enum SharingMethod
{
    Shapley,
    SampledShapley,
    StratifiedShapley,
    Nucleolus,
    LeastCore,
    EqualSurplus,
    Proportional,
}

/// <summary>Names used on the command line and in reports, and parsing of a method list.</summary>
public static class SharingMethods
{
    /// <summary>What "all" means. Sampled Shapley is left out: with every value tabulated the exact value is available.</summary>
    public static readonly ImmutableArray<SharingMethod> All =
        [SharingMethod.Shapley, SharingMethod.Nucleolus, SharingMethod.LeastCore, SharingMethod.EqualSurplus, SharingMethod.Proportional];

    public static string Name(SharingMethod method) => method switch
    {
        SharingMethod.Shapley => Shapley.ExactMethod,
        SharingMethod.SampledShapley => Shapley.SampledMethod,
        SharingMethod.StratifiedShapley => Sharing.StratifiedShapley.MethodName,
        SharingMethod.Nucleolus => Nucleolus.MethodName,
        SharingMethod.LeastCore => LeastCore.MethodName,
        SharingMethod.EqualSurplus => SimpleRules.EqualSurplusMethod,
        SharingMethod.Proportional => SimpleRules.ProportionalMethod,
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    /// <summary>
    /// Parses a comma-separated list such as "shapley,nucleolus" or "all" (case-insensitive, duplicates ignored,
    /// order kept). Unknown names are all reported in <paramref name="errors"/>.
    /// </summary>
    public static bool TryParse(string text, out ImmutableArray<SharingMethod> methods, out ImmutableArray<string> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        var known = Enum.GetValues<SharingMethod>().ToDictionary(Name, m => m, StringComparer.OrdinalIgnoreCase);
        var result = new List<SharingMethod>();
        var problems = new List<string>();
        foreach (string raw in text.Split(','))
        {
            string name = raw.Trim();
            if (name.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                result.AddRange(All);
            }
            else if (known.TryGetValue(name, out var method))
            {
                result.Add(method);
            }
            else
            {
                problems.Add(name.Length == 0
                    ? "empty method name in the list"
                    : $"unknown method '{name}'; expected one of {string.Join(", ", known.Keys)} or all");
            }
        }

        methods = [.. result.Distinct()];
        errors = [.. problems];
        return problems.Count == 0 && methods.Length > 0;
    }
}

/// <param name="Sampling">Settings for the permutation sampler ("shapley-sampled"). Default seed 0.</param>
/// <param name="MaxLpPlayers">
/// Above this many players the LP-based methods (nucleolus, least core) are skipped with a note: their LPs have
/// 2^n rows and the nucleolus needs many of them.
/// </param>
/// <param name="MaxBlockingListed">How many blocking coalitions each core check lists (all are counted).</param>
/// <param name="Participants">Per player, whether it takes part in the plan (an exchange or a new plant); the equal and
/// proportional rules share only among those. Default: everybody.</param>
/// <param name="Unit">The unit of every amount, e.g. "SEK/yr", printed with the figures; null for a bare game.</param>
/// <param name="Stratified">Settings for stratified sampling ("shapley-stratified"), which is also what "shapley" uses on a
/// game whose values are not all tabulated. Default: the seed of <paramref name="Sampling"/>, ±1 %.</param>
public sealed record SharingReportOptions(SampledShapleyOptions? Sampling = null, int MaxLpPlayers = 15, int MaxBlockingListed = 10, ImmutableArray<bool> Participants = default, string? Unit = null, StratifiedShapleyOptions? Stratified = null);

/// <param name="InCore">Efficient and proven unblocked; false when blocked or when the check was not settled (<see cref="Settled"/>).</param>
/// <param name="IsEfficient">The amounts add up to v(N).</param>
/// <param name="EfficiencyGap">x(N) - v(N).</param>
/// <param name="BlockingCount">Number of blocking coalitions.</param>
/// <param name="Blocking">The worst blocking coalitions, largest shortfall first.</param>
public sealed record CoreSummary(bool InCore, bool IsEfficient, double EfficiencyGap, int BlockingCount, IReadOnlyList<BlockingCoalition> Blocking)
{
    /// <summary>
    /// False when the search for a blocking coalition stopped at its budget without finding one: the split may or may
    /// not be stable, and no view may call it "in core".
    /// </summary>
    public bool Settled { get; init; } = true;
}

/// <param name="Method">Method name, e.g. "nucleolus".</param>
/// <param name="Amounts">Per player, in player order.</param>
/// <param name="Total">Sum of amounts.</param>
/// <param name="HalfWidths95">Sampled Shapley only.</param>
/// <param name="Samples">Sampled Shapley only.</param>
/// <param name="Epsilon">Least core only.</param>
/// <param name="Note">Fallbacks and remarks.</param>
/// <param name="Core">Core check of this allocation; null when the game is given by an oracle.</param>
public sealed record MethodResult(
    string Method,
    IReadOnlyList<double> Amounts,
    double Total,
    IReadOnlyList<double>? HalfWidths95,
    int? Samples,
    double? Epsilon,
    string? Note,
    CoreSummary? Core)
{
    /// <summary>Stratified Shapley only: per player, the marginal contributions sampled for its share.</summary>
    public IReadOnlyList<int>? SamplesPerPlayer { get; init; }
}

/// <param name="Player">Player id.</param>
/// <param name="Standalone">v({i}).</param>
/// <param name="Amounts">Method name to amount.</param>
/// <param name="HalfWidths95">Method name to 95 % half-width, for sampled methods.</param>
public sealed record PlayerShares(
    string Player,
    double Standalone,
    IReadOnlyDictionary<string, double> Amounts,
    IReadOnlyDictionary<string, double> HalfWidths95)
{
    /// <summary>Method name to the marginal contributions sampled for this share, for stratified estimates.</summary>
    public IReadOnlyDictionary<string, int> Samples { get; init; } = ImmutableDictionary<string, int>.Empty;
}

/// <summary>Everything a sharing analysis produced, as plain data for System.Text.Json.</summary>
/// <param name="Kind">"value" (benefits, higher is better) or "cost" (costs, lower is better).</param>
/// <param name="Players">Player ids in game order.</param>
/// <param name="GrandCoalitionValue">v(N).</param>
/// <param name="LeastCoreEpsilon">Null when not computed (oracle game or too many players).</param>
/// <param name="CoreNonEmpty">Least-core epsilon at most 1e-9 relative to the game's scale; null when not computed, or when constraint
/// generation stopped at its budget with zero between its bounds on epsilon (not known).</param>
/// <param name="Methods">One entry per computed method, in the requested order.</param>
/// <param name="PerPlayer">The same numbers by player.</param>
/// <param name="Notes">Skipped methods and other remarks.</param>
public sealed record SharingReport(
    string Kind,
    IReadOnlyList<string> Players,
    double GrandCoalitionValue,
    double? LeastCoreEpsilon,
    bool? CoreNonEmpty,
    IReadOnlyList<MethodResult> Methods,
    IReadOnlyList<PlayerShares> PerPlayer,
    IReadOnlyList<string> Notes)
{
    /// <summary>The unit of every amount (e.g. "SEK/yr"); null for a game given without one.</summary>
    public string? Unit { get; init; }
}

public static class SharingReportBuilder
{
    /// <summary>
    /// Runs the selected methods. A method that cannot run on this game (nucleolus without imputations, LP methods on
    /// an oracle game or above <see cref="SharingReportOptions.MaxLpPlayers"/>) is skipped with a note rather than
    /// failing the whole report. "shapley" on an oracle game is estimated by sampling.
    /// </summary>
    public static SharingReport Build(CooperativeGame game, IEnumerable<SharingMethod> methods, SharingReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(game);
        ArgumentNullException.ThrowIfNull(methods);
        options ??= new SharingReportOptions();
        var sampling = options.Sampling ?? new SampledShapleyOptions(Seed: 0);
        var stratified = options.Stratified ?? new StratifiedShapleyOptions(sampling.Seed, MaxDegreeOfParallelism: sampling.MaxDegreeOfParallelism);
        int n = game.PlayerCount;
        bool lpAllowed = game.IsExplicit && n <= options.MaxLpPlayers;
        var notes = new List<string>();
        var allocations = new List<Allocation>();

        string LpSkipReason(string method) => game.IsExplicit
            ? string.Create(CultureInfo.InvariantCulture, $"{method} skipped: {n} players exceed the limit of {options.MaxLpPlayers} for LP-based methods")
            : game.Parts is not null
                ? $"{method} skipped: it needs the value of every coalition of all players together, and this game is only valued part by part (a sum of independent parts)"
                : $"{method} skipped: it needs every coalition value and this game is given by an oracle";

        foreach (var method in methods.Distinct())
        {
            switch (method)
            {
                case SharingMethod.Shapley when game.HasExactShapley:
                    allocations.Add(Shapley.Exact(game));
                    break;
                case SharingMethod.Shapley:
                    notes.Add(game.Parts is not null
                        ? "shapley estimated by stratified sampling in the parts too large to tabulate (exact in the others)"
                        : "shapley estimated by stratified sampling: the game is given by an oracle");
                    allocations.Add(Sharing.StratifiedShapley.Estimate(game, stratified));
                    break;
                case SharingMethod.StratifiedShapley:
                    allocations.Add(Sharing.StratifiedShapley.Estimate(game, stratified));
                    break;
                case SharingMethod.SampledShapley:
                    allocations.Add(Shapley.Sampled(game, sampling));
                    break;
                case SharingMethod.Nucleolus when !lpAllowed:
                    notes.Add(LpSkipReason(Nucleolus.MethodName));
                    break;
                case SharingMethod.Nucleolus when !Nucleolus.HasImputations(game):
                    notes.Add("nucleolus skipped: the grand coalition is worse than everyone alone, so no imputation exists");
                    break;
                case SharingMethod.Nucleolus:
                    allocations.Add(Nucleolus.Compute(game));
                    break;
                case SharingMethod.LeastCore when !lpAllowed:
                    notes.Add(LpSkipReason(LeastCore.MethodName));
                    break;
                case SharingMethod.LeastCore:
                    allocations.Add(LeastCore.Compute(game));
                    break;
                case SharingMethod.EqualSurplus:
                    allocations.Add(SimpleRules.EqualSurplus(game, options.Participants.IsDefault ? null : options.Participants));
                    break;
                case SharingMethod.Proportional:
                    allocations.Add(SimpleRules.Proportional(game, options.Participants.IsDefault ? null : options.Participants));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(methods), method, "Unknown sharing method.");
            }
        }

        double? epsilon = null;
        bool? coreNonEmpty = null;
        if (lpAllowed)
        {
            epsilon = allocations.FirstOrDefault(a => a.Epsilon is not null)?.Epsilon ?? LeastCore.Compute(game).Epsilon;
            coreNonEmpty = LeastCore.CoreIsNonEmpty(game, epsilon!.Value);
        }
        else if (!game.IsExplicit)
        {
            notes.Add("core checks skipped: they need every coalition value");
        }

        var results = allocations.Select(a => ToResult(game, a, options.MaxBlockingListed)).ToList();
        var perPlayer = new List<PlayerShares>(n);
        for (int i = 0; i < n; i++)
        {
            var amounts = new Dictionary<string, double>(StringComparer.Ordinal);
            var halfWidths = new Dictionary<string, double>(StringComparer.Ordinal);
            var samples = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var a in allocations)
            {
                amounts[a.Method] = a.Amounts[i];
                if (a.HalfWidths95 is { } hw)
                {
                    halfWidths[a.Method] = hw[i];
                }

                if (a.SamplesPerPlayer is { } sp)
                {
                    samples[a.Method] = sp[i];
                }
            }

            perPlayer.Add(new PlayerShares(game.Players[i], game.Standalone(i), amounts, halfWidths) { Samples = samples });
        }

        notes.AddRange(allocations.Where(a => a.Note is not null && a.Method == SimpleRules.ProportionalMethod)
            .Select(a => $"{a.Method}: {a.Note}"));

        return new SharingReport(
            game.Kind == GameKind.Value ? "value" : "cost",
            [.. game.Players],
            game.GrandValue,
            epsilon,
            coreNonEmpty,
            results,
            perPlayer,
            notes)
        {
            Unit = options.Unit,
        };
    }

    /// <summary>
    /// A fixed-width table: players as rows, methods as columns, two decimals, invariant culture, followed by totals,
    /// core membership, the least-core epsilon and the notes.
    /// </summary>
    public static string RenderTable(SharingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var header = new List<string> { "player", report.Kind == "cost" ? "standalone cost" : "standalone" };
        header.AddRange(report.Methods.Select(m => m.Method));

        var body = new List<string[]>();
        foreach (var row in report.PerPlayer)
        {
            var cells = new List<string> { row.Player, Number(row.Standalone) };
            foreach (var m in report.Methods)
            {
                string cell = Number(row.Amounts[m.Method]);
                if (row.HalfWidths95.TryGetValue(m.Method, out double hw))
                {
                    cell += " ± " + Number(hw);
                }

                if (row.Samples.TryGetValue(m.Method, out int drawn))
                {
                    cell += string.Create(CultureInfo.InvariantCulture, $" ({drawn} samples)");
                }

                cells.Add(cell);
            }

            body.Add([.. cells]);
        }

        var footer = new List<string[]>
        {
            new[] { "total", Number(report.PerPlayer.Sum(p => p.Standalone)) }.Concat(report.Methods.Select(m => Number(m.Total))).ToArray(),
        };
        if (report.Methods.Any(m => m.Core is not null))
        {
            footer.Add(new[] { "in core", string.Empty }.Concat(report.Methods.Select(m => m.Core switch
            {
                null => "n/a",
                { Settled: false } => "unknown (not settled within the budget)",
                { InCore: true } => "yes",
                { IsEfficient: false } => "no (not efficient)",
                var c => string.Create(CultureInfo.InvariantCulture, $"no ({c.BlockingCount} blocking)"),
            })).ToArray());
        }

        var all = new List<string[]> { header.ToArray() };
        all.AddRange(body);
        all.AddRange(footer);
        int columns = header.Count;
        var widths = Enumerable.Range(0, columns).Select(c => all.Max(r => r[c].Length)).ToArray();

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"{(report.Kind == "cost" ? "Cost" : "Value")} game, {report.Players.Count} players, v(N) = {Number(report.GrandCoalitionValue)}{(report.Unit is null ? string.Empty : " " + report.Unit)}{(report.Unit is null ? string.Empty : "; every amount below in " + report.Unit)}").Append('\n');
        AppendRow(text, all[0], widths);
        text.Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
        foreach (var row in body)
        {
            AppendRow(text, row, widths);
        }

        text.Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
        foreach (var row in footer)
        {
            AppendRow(text, row, widths);
        }

        if (report.LeastCoreEpsilon is { } eps)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"least-core epsilon: {Number(eps)}{(report.Unit is null ? string.Empty : " " + report.Unit)} ({report.CoreNonEmpty switch { true => "core is non-empty", false => "core is empty", null => "not settled within the budget: a stable split may or may not exist, see the least core note" }})").Append('\n');
        }

        foreach (string note in report.Notes.Concat(report.Methods.Where(m => m.Note is not null && m.Method != SimpleRules.ProportionalMethod)
                     .Select(m => $"{m.Method}: {m.Note}")))
        {
            text.Append("note: ").Append(note).Append('\n');
        }

        return text.ToString();
    }

    private static MethodResult ToResult(CooperativeGame game, Allocation allocation, int maxBlocking)
    {
        CoreSummary? core = null;
        if (game.IsExplicit)
        {
            // LP-based allocations carry relative noise near 1e-9; a looser tolerance keeps a core allocation from
            // being reported as blocked by rounding alone.
            var check = CoreCheck.Check(game, allocation, 1e-7);
            core = new CoreSummary(check.InCore, check.IsEfficient, check.EfficiencyGap, check.Blocking.Length, [.. check.Blocking.Take(maxBlocking)]);
        }

        return new MethodResult(
            allocation.Method,
            [.. allocation.Amounts],
            allocation.Total,
            allocation.HalfWidths95 is { } hw ? [.. hw] : null,
            allocation.Samples,
            allocation.Epsilon,
            allocation.Note,
            core)
        {
            SamplesPerPlayer = allocation.SamplesPerPlayer is { } sp ? [.. sp] : null,
        };
    }

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        var parts = new string[cells.Length];
        for (int c = 0; c < cells.Length; c++)
        {
            parts[c] = c == 0 ? cells[c].PadRight(widths[c]) : cells[c].PadLeft(widths[c]);
        }

        text.Append(string.Join("  ", parts).TrimEnd()).Append('\n');
    }

    private static string Number(double value)
    {
        double rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        // Avoid "-0.00" for tiny negative LP noise.
        return (rounded == 0.0 ? 0.0 : rounded).ToString("F2", CultureInfo.InvariantCulture);
    }
}
