using System.Collections.Immutable;
using System.Globalization;
using SymbiosisOptimizer.Assessment.Sharing;

namespace SymbiosisOptimizer.Assessment.Coalitions;

/// <summary>How a group's most violated coalition is found.</summary>
public enum SeparationKind
{
    /// <summary>Every coalition tabulated: enumeration, no constraint generation.</summary>
    Enumeration,

    /// <summary>Enumeration over the group's tabulated parts (<see cref="PartsOracle"/>).</summary>
    Parts,

    /// <summary>Enumeration over the group's parts with a MILP per untabulated part (<see cref="HybridPartsOracle"/>).</summary>
    HybridParts,

    /// <summary>One MILP over the whole group (<see cref="ComponentOracle"/>).</summary>
    Milp,
}

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
    int CoalitionsGenerated)
{
    /// <summary>
    /// The smallest proven upper bound on the least-core value: equal to <see cref="Epsilon"/> when certified; when a
    /// budget ended the search, epsilon* lies between <see cref="Epsilon"/> (the master's value) and this.
    /// </summary>
    public double UpperBound { get; init; } = Epsilon;

    /// <summary>The cap on separations per step that was in force (what "the budget" means in the notes).</summary>
    public int MaxSeparations { get; init; }

    /// <summary>The whole run's budget of separations shared by every group separated by MILP; null when none was in force.</summary>
    public int? RunSeparationBudget { get; init; }

    /// <summary>The minimum subsidy was proven; false: a lower bound, the budget ended its search.</summary>
    public bool SubsidyCertified { get; init; } = true;
}

/// <summary>
/// Least core, nucleolus and core checks for a component of any size by constraint generation (see
/// <see cref="ConstraintGeneration"/>), merged into the component's sharing report so every view shows them alike.
/// </summary>
public static class GeneratedSharing
{
    /// <summary>The oracle of a component: enumeration when every coalition is tabulated, else the separation MILP.</summary>
    /// <remarks>A group whose parts are all tabulated is separated by enumeration over its parts
    /// (<see cref="PartsOracle"/>): exact, and with no solve beyond the tabulation the Shapley value needed. A group
    /// whose parts the enumeration serves but some are too large to tabulate is separated over its parts with a MILP
    /// per untabulated part (<see cref="HybridPartsOracle"/>); only a group with neither gets the whole-group MILP.</remarks>
    public static ICoalitionOracle Oracle(GameComponent component, CooperativeGame? explicitGame, long separationNodes = ComponentOracle.DefaultSeparationNodes)
    {
        ArgumentNullException.ThrowIfNull(component);
        if (explicitGame is { IsExplicit: true } g)
        {
            return new EnumerationOracle(g);
        }

        return (explicitGame is null ? null : (ICoalitionOracle?)PartsOracle.TryCreate(explicitGame) ?? HybridPartsOracle.TryCreate(component, explicitGame, separationNodes))
            ?? new ComponentOracle(component, separationNodes);
    }

    /// <summary>How an oracle separates.</summary>
    public static SeparationKind KindOf(ICoalitionOracle oracle) => oracle switch
    {
        EnumerationOracle => SeparationKind.Enumeration,
        PartsOracle => SeparationKind.Parts,
        HybridPartsOracle => SeparationKind.HybridParts,
        _ => SeparationKind.Milp,
    };

    /// <summary>Whether the kind of separation solves MILPs, so its group draws on the run's budget of separations.</summary>
    public static bool SolvesMilps(SeparationKind kind) => kind is SeparationKind.HybridParts or SeparationKind.Milp;

    /// <summary>How an oracle separates, in the words of the notes.</summary>
    private static string How(SeparationKind kind) => kind switch
    {
        SeparationKind.Enumeration => "enumeration",
        SeparationKind.Parts => "constraint generation, separation by enumeration over the group's independent parts",
        SeparationKind.HybridParts => "constraint generation, separation by enumeration over the group's parts with a MILP per untabulated part",
        _ => "constraint generation",
    };

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
        // A run's budget is split among the steps still to come (least core with its subsidy, nucleolus, core checks):
        // what one leaves unused the next may take.
        var budget = options.Budget;
        var nucleolusAsked = methods.Contains(SharingMethod.Nucleolus) && report.Methods.All(r => r.Method != Nucleolus.MethodName);
        var lc = ConstraintGeneration.LeastCore(oracle, options with { Budget = budget?.Share(nucleolusAsked ? 3 : 2) });
        var scale = Math.Max(1, Math.Abs(oracle.GrandValue));

        // Stable only when proven: with the budget spent, the upper bound must be at most zero.
        var nonEmpty = lc.Epsilon + lc.BoundGap <= 1e-7 * scale;
        // The master's value is a lower bound on epsilon*: above zero the core is proven empty even when the budget
        // stopped the search; between the bounds it is not known (null), and the report must not call it empty.
        bool? coreKnown = nonEmpty ? true : lc.Epsilon > 1e-7 * scale ? false : null;
        var kindOf = KindOf(oracle);
        var how = How(kindOf);
        var separations = lc.Separations;
        var generated = lc.CoalitionsGenerated;
        var certified = lc.Certified;
        var results = report.Methods.ToList();
        var notes = report.Notes.Where(n => !n.StartsWith("nucleolus skipped", StringComparison.Ordinal)
            && !n.StartsWith("leastcore skipped", StringComparison.Ordinal) && !n.StartsWith("core checks skipped", StringComparison.Ordinal)).ToList();

        if (methods.Contains(SharingMethod.LeastCore) && results.All(r => r.Method != LeastCore.MethodName))
        {
            results.Add(new MethodResult(LeastCore.MethodName, [.. lc.Shares], lc.Shares.Sum(), null, null, lc.Epsilon, LeastCoreReached(lc, oracle.GrandValue, options.MaxSeparations, report.Unit, budget?.RunTotal), null));
        }

        if (nucleolusAsked)
        {
            var standalone = report.PerPlayer.Sum(p => p.Standalone);
            if (oracle.GrandValue < standalone - (1e-9 * scale))
            {
                notes.Add("nucleolus skipped: the grand coalition is worse than everyone alone, so no imputation exists");
            }
            else
            {
                var nu = ConstraintGeneration.Nucleolus(oracle, options with { Budget = budget?.Share(2) });
                separations += nu.Separations;
                generated += nu.CoalitionsGenerated;
                certified &= nu.Certified;
                var reached = nu.Certified ? null : kindOf == SeparationKind.Parts
                    ? string.Create(CultureInfo.InvariantCulture, $"not certified: the budget ({options.MaxSeparations} separations, or {ConstraintGeneration.MaxWalk.ToString("#,##0", CultureInfo.InvariantCulture)} coalitions passed in one walk down the ranking) ended the search, so this is the nucleolus of the {nu.CoalitionsGenerated} coalitions generated ({nu.Stages} stages); a coalition not generated may be worse off than this split says")
                    : string.Create(CultureInfo.InvariantCulture, $"not certified: the budget ({BudgetWords(options.MaxSeparations, budget?.RunTotal)}) ended the search, so this is the nucleolus of the {nu.CoalitionsGenerated} coalitions generated ({nu.Stages} stages); a coalition not generated may be worse off than this split says");
                results.Add(new MethodResult(Nucleolus.MethodName, [.. nu.Shares], nu.Shares.Sum(), null, null, null, reached, null));
            }
        }

        // A split nobody checked yet is checked now: the separation names the coalition that gains most by leaving.
        results = [.. results.Select(r => r.Core is not null ? r : r with { Core = CoreOf(oracle, players, r.Amounts, options) })];
        if (kindOf != SeparationKind.Enumeration)
        {
            var kind = kindOf switch
            {
                SeparationKind.Parts => "separations by enumeration over the parts",
                SeparationKind.HybridParts when oracle is HybridPartsOracle h => string.Create(CultureInfo.InvariantCulture,
                    $"separations over the parts ({h.PartSolves} part MILPs; {h.Fallbacks} separations by the whole group's MILP, where the best coalition was one already generated or settled, or the parts would have needed more than {h.MaxPartSolves} MILPs)"),
                _ => "separation MILPs",
            };
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"least core, nucleolus and core checks by {how}: {separations} {kind}, {generated} coalitions generated{(certified ? string.Empty : " (not certified: the least core and nucleolus notes say where each stopped and why)")}; a blocked split names the coalition that gains most by leaving (others may exist)"));
        }

        var perPlayer = report.PerPlayer.Select((p, i) => p with
        {
            Amounts = results.ToDictionary(r => r.Method, r => r.Amounts[i], StringComparer.Ordinal),
        }).ToList();
        var stability = new ComponentStability(
            lc.Epsilon, nonEmpty, nonEmpty ? 0 : lc.MinimumSubsidy,
            nonEmpty ? [] : [.. lc.Blocking.Select(b => b.Members.Select(i => players[i]).ToImmutableArray())],
            certified, how, separations, generated)
        {
            UpperBound = lc.Epsilon + lc.BoundGap,
            MaxSeparations = options.MaxSeparations,
            RunSeparationBudget = budget?.RunTotal,
            SubsidyCertified = lc.SubsidyCertified,
        };
        return (report with { Methods = results, PerPlayer = perPlayer, Notes = notes, LeastCoreEpsilon = lc.Epsilon, CoreNonEmpty = coreKnown }, stability);
    }

    /// <summary>
    /// What a least core stopped by its budget reached, in words with the unit: the interval proven for the least-core
    /// value and how wide it is against the group's gain. Null when certified (nothing to qualify).
    /// </summary>
    /// <param name="runBudget">The whole run's budget of separations when one was in force.</param>
    public static string? LeastCoreReached(LeastCoreSolution lc, double grandValue, int maxSeparations, string? unit, int? runBudget = null)
    {
        ArgumentNullException.ThrowIfNull(lc);
        if (lc.Certified)
        {
            return null;
        }

        var u = unit is null ? string.Empty : " " + unit;
        var upper = lc.Epsilon + lc.BoundGap;
        if (!double.IsFinite(upper))
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"not certified: the budget ({BudgetWords(maxSeparations, runBudget)}) ended the search with no bound proven; the least-core value is at least {Whole(lc.Epsilon)}{u}");
        }

        var share = Math.Abs(grandValue) > 0 ? lc.BoundGap / Math.Abs(grandValue) : double.PositiveInfinity;
        return string.Create(CultureInfo.InvariantCulture,
            $"not certified: after {lc.Separations} separations (the budget is {maxSeparations} per step{(runBudget is { } run ? string.Create(CultureInfo.InvariantCulture, $", {run} in the whole run") : string.Empty)}) the least-core value lies between {Whole(lc.Epsilon)} and {Whole(upper)}{u}, a gap of {(double.IsFinite(share) ? (share * 100).ToString("0.0##", CultureInfo.InvariantCulture) + " % of the group's gain" : Whole(lc.BoundGap) + u)}; this split leaves no coalition more than {Whole(upper)}{u} short of what it gets on its own");
    }

    /// <summary>An amount to the whole currency unit; a master value of -0.3 reads 0, not "-0".</summary>
    private static string Whole(double amount) => (Math.Round(amount, MidpointRounding.AwayFromZero) + 0.0).ToString("#,##0", CultureInfo.InvariantCulture);

    /// <summary>"25 separations per step", and the whole run's budget when one was in force: what "the budget" is in the notes.</summary>
    public static string BudgetWords(int maxSeparations, int? runBudget) => runBudget is { } run
        ? string.Create(CultureInfo.InvariantCulture, $"{maxSeparations} separations per step, {run} in the whole run")
        : string.Create(CultureInfo.InvariantCulture, $"{maxSeparations} separations per step");

    /// <summary>The core check of one split by separation: blocked, proven unblocked, or not settled within the budget.</summary>
    public static CoreSummary CoreOf(ICoalitionOracle oracle, IReadOnlyList<string> players, IReadOnlyList<double> amounts, GenerationOptions options)
    {
        var gap = amounts.Sum() - oracle.GrandValue;
        var efficient = Math.Abs(gap) <= 1e-6 * Math.Max(1, Math.Abs(oracle.GrandValue));
        var check = ConstraintGeneration.Stability(oracle, amounts, options);
        if (check.Blocking is not { } b)
        {
            // No blocking coalition found is a proof only when the search finished; stopped by its budget it is unknown.
            return new CoreSummary(efficient && check.Certified, efficient, gap, 0, []) { Settled = check.Certified };
        }

        var members = b.Members.Select(i => players[i]).ToImmutableArray();
        return new CoreSummary(false, efficient, gap, 1, [new BlockingCoalition(string.Join('+', members), members, b.Excess)]);
    }
}
