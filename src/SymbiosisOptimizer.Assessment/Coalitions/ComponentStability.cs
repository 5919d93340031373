using System.Collections.Immutable;
using System.Globalization;
using SymbiosisOptimizer.Assessment.Sharing;

namespace SymbiosisOptimizer.Assessment.Coalitions;

/// <summary>Whether a group's gain can be split so that no coalition does better alone, and what it would take.</summary>
/// <param name="Epsilon">Least-core value epsilon*: the most any coalition must give up under the best split (&lt;= 0: stable splits exist).</param>
/// <param name="CoreNonEmpty">Some split leaves no coalition better off alone.</param>
/// <param name="MinimumSubsidy">The smallest public contribution per year that, added to the group's gain, makes a stable split exist (0 when one exists).</param>
/// <param name="Blocking">When no split is stable: the coalitions whose claims together exceed the gain, by actor id.</param>
/// <param name="Certified">The separation proved the figures to the tolerance (false: a cap on separations was hit).</param>
/// <param name="How">"enumeration" (every coalition valued) or "constraint generation" (separation MILPs).</param>
public sealed record ComponentStability(
    double Epsilon,
    bool CoreNonEmpty,
    double MinimumSubsidy,
    ImmutableArray<ImmutableArray<string>> Blocking,
    bool Certified,
    string How,
    int Separations,
    int CoalitionsGenerated);

/// <summary>
/// Least core, nucleolus and core checks for a component of any size by constraint generation (see
/// <see cref="ConstraintGeneration"/>), merged into the component's sharing report so every view shows them alike.
/// </summary>
public static class GeneratedSharing
{
    /// <summary>The oracle of a component: enumeration when every coalition is tabulated, else the separation MILP.</summary>
    public static ICoalitionOracle Oracle(GameComponent component, CooperativeGame? explicitGame)
    {
        ArgumentNullException.ThrowIfNull(component);
        return explicitGame is { IsExplicit: true } g ? new EnumerationOracle(g) : new ComponentOracle(component);
    }

    /// <summary>
    /// The report with least core and nucleolus added where the enumeration methods skipped them, every method's split
    /// checked against the most unhappy coalition, and the group's stability figures.
    /// </summary>
    public static (SharingReport Report, ComponentStability Stability) Complete(
        ICoalitionOracle oracle, SharingReport report, IReadOnlyList<SharingMethod> methods, GenerationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(oracle);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(methods);
        options ??= new GenerationOptions();
        var players = report.Players;
        var lc = ConstraintGeneration.LeastCore(oracle, options);
        var scale = Math.Max(1, Math.Abs(oracle.GrandValue));
        var nonEmpty = lc.Epsilon <= 1e-7 * scale;
        var how = oracle is EnumerationOracle ? "enumeration" : "constraint generation";
        var separations = lc.Separations;
        var generated = lc.CoalitionsGenerated;
        var certified = lc.Certified;
        var results = report.Methods.ToList();
        var notes = report.Notes.Where(n => !n.StartsWith("nucleolus skipped", StringComparison.Ordinal)
            && !n.StartsWith("leastcore skipped", StringComparison.Ordinal) && !n.StartsWith("core checks skipped", StringComparison.Ordinal)).ToList();

        if (methods.Contains(SharingMethod.LeastCore) && results.All(r => r.Method != LeastCore.MethodName))
        {
            results.Add(new MethodResult(LeastCore.MethodName, [.. lc.Shares], lc.Shares.Sum(), null, null, lc.Epsilon, null, null));
        }

        if (methods.Contains(SharingMethod.Nucleolus) && results.All(r => r.Method != Nucleolus.MethodName))
        {
            var standalone = report.PerPlayer.Sum(p => p.Standalone);
            if (oracle.GrandValue < standalone - (1e-9 * scale))
            {
                notes.Add("nucleolus skipped: the grand coalition is worse than everyone alone, so no imputation exists");
            }
            else
            {
                var nu = ConstraintGeneration.Nucleolus(oracle, options);
                separations += nu.Separations;
                generated += nu.CoalitionsGenerated;
                certified &= nu.Certified;
                results.Add(new MethodResult(Nucleolus.MethodName, [.. nu.Shares], nu.Shares.Sum(), null, null, null, null, null));
            }
        }

        // A split nobody checked yet is checked now: the separation names the coalition that gains most by leaving.
        results = [.. results.Select(r => r.Core is not null ? r : r with { Core = Check(oracle, players, r.Amounts, options) })];
        if (how == "constraint generation")
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"least core, nucleolus and core checks by constraint generation: {separations} separation MILPs, {generated} coalitions generated{(certified ? string.Empty : " (a cap was hit: not certified)")}; a blocked split names the coalition that gains most by leaving (others may exist)"));
        }

        var perPlayer = report.PerPlayer.Select((p, i) => p with
        {
            Amounts = results.ToDictionary(r => r.Method, r => r.Amounts[i], StringComparer.Ordinal),
        }).ToList();
        var stability = new ComponentStability(
            lc.Epsilon, nonEmpty, nonEmpty ? 0 : lc.MinimumSubsidy,
            nonEmpty ? [] : [.. lc.Blocking.Select(b => b.Members.Select(i => players[i]).ToImmutableArray())],
            certified, how, separations, generated);
        return (report with { Methods = results, PerPlayer = perPlayer, Notes = notes, LeastCoreEpsilon = lc.Epsilon, CoreNonEmpty = nonEmpty }, stability);
    }

    private static CoreSummary Check(ICoalitionOracle oracle, IReadOnlyList<string> players, IReadOnlyList<double> amounts, GenerationOptions options)
    {
        var gap = amounts.Sum() - oracle.GrandValue;
        var efficient = Math.Abs(gap) <= 1e-6 * Math.Max(1, Math.Abs(oracle.GrandValue));
        var check = ConstraintGeneration.Stability(oracle, amounts, options);
        if (check.Blocking is not { } b)
        {
            return new CoreSummary(efficient, efficient, gap, 0, []);
        }

        var members = b.Members.Select(i => players[i]).ToImmutableArray();
        return new CoreSummary(false, efficient, gap, 1, [new BlockingCoalition(string.Join('+', members), members, b.Excess)]);
    }
}
