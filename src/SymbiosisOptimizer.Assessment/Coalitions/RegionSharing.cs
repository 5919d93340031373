using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using SymbiosisOptimizer.Assessment.Sharing;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Assessment.Coalitions;

/// <param name="MaxExactPlayers">Components up to this size get every coalition value (exact Shapley, nucleolus,
/// least core); larger ones are estimated by sampled Shapley.</param>
/// <param name="Samples">The sampling budget in permutations: the permutation sampler draws this many; stratified
/// Shapley may value up to this many times the actors of a part (the coalitions as many permutations would visit), at
/// most <see cref="RegionSharing.MaxDefaultSolves"/>, unless <paramref name="MaxSolves"/> says otherwise; a part whose
/// linked coalitions are no more is tabulated.</param>
/// <param name="TargetRelativeHalfWidth">Stratified Shapley's stopping rule: every 95 % half-width within this fraction
/// of max(|share|, mean |share|).</param>
/// <param name="MaxSolves">Cap on the coalitions stratified Shapley values per part; null: <see cref="RegionSharing.DefaultMaxSolves"/>.</param>
/// <param name="ShapleyProgress">Told how stratified sampling advances (coalitions valued, planned, widest half-width).</param>
/// <param name="MaxSeparations">Cap on the separation MILPs of each constraint-generation step (least core, minimum
/// subsidy, nucleolus) of a group that needs them; null: <see cref="RegionSharing.DefaultMaxSeparations"/>. A count, not
/// a time, so the same input gives the same output; a step it stops says what it reached.</param>
/// <param name="GenerationProgress">Told, per group (its index and actors), how each constraint-generation step advances.</param>
/// <param name="SolveBudget">Coalitions stratified Shapley may value in the whole analysis, shared by the sampled parts
/// of every group in order (<see cref="CoalitionBudget"/>); null: <see cref="RegionSharing.DefaultSolveBudget"/>. A
/// count, so the same input gives the same output; each share states the half-width it reached.</param>
/// <param name="SeparationBudget">Separation problems the least core, minimum subsidy, nucleolus and core checks of
/// every group separated by MILP may solve in the whole analysis, shared by the groups in order
/// (<see cref="Sharing.SeparationBudget"/>), on top of <paramref name="MaxSeparations"/> per step; null:
/// <see cref="RegionSharing.DefaultSeparationBudget"/>. A count; a step it stops says it is not certified, with its bounds.</param>
public sealed record RegionSharingOptions(
    ImmutableArray<SharingMethod> Methods,
    bool IncludeDual,
    int Samples = 2000,
    int Seed = 1,
    int MaxExactPlayers = 12,
    SolveOptions? Solve = null,
    ValueBasis Basis = ValueBasis.Money,
    int MaxGenerationPlayers = 120,
    double TargetRelativeHalfWidth = 0.01,
    int? MaxSolves = null,
    Action<StratifiedProgress>? ShapleyProgress = null,
    int? MaxSeparations = null,
    Action<int, int, GenerationProgress>? GenerationProgress = null,
    int? SolveBudget = null,
    int? SeparationBudget = null);

/// <summary>The sharing analysis of one component of the region game.</summary>
/// <param name="Exact">Every coalition value was computed, so every method ran.</param>
public sealed record ComponentSharing(ImmutableArray<string> Players, bool Exact, int Solves, SharingReport Report)
{
    /// <summary>Sizes of the independent parts a large component was valued by (<see cref="GameComponent.Parts"/>); empty when not split.</summary>
    public ImmutableArray<int> PartSizes { get; init; } = [];

    /// <summary>The Shapley value is exact: every coalition computed, or every part small enough to be.</summary>
    public bool ShapleyExact { get; init; }

    /// <summary>
    /// Why no method could share this component, in plain language; null when shares were computed. The report then
    /// holds v(N) and the standalone values only, and the component's actors have no allocations.
    /// </summary>
    public string? NotComputed { get; init; }

    /// <summary>Whether a stable split exists and the smallest subsidy that would make one; null when not computed.</summary>
    public ComponentStability? Stability { get; init; }
}

/// <summary>The transfer-price range of an exchange in which both sides gain against their counterfactual.</summary>
/// <param name="Lowest">Per unit: below it the supplier would rather keep its current route (negative: the supplier pays).</param>
/// <param name="Highest">Per unit: above it the receiver would rather keep its current source.</param>
public sealed record PriceRange(string Source, string Sink, string FromActor, string ToActor, string Resource, double Quantity, double Lowest, double Highest, string? Note);

/// <summary>Per actor: what it gets from the plan before transfers, and each method's share.</summary>
/// <param name="Allocations">By method name, in ordinal order (so reports list methods the same way every run).</param>
public sealed record ActorShare(
    string Id,
    string Name,
    int Component,
    double OwnResult,
    ImmutableSortedDictionary<string, double> Allocations,
    ImmutableSortedDictionary<string, double> Transfers);

public sealed record RegionSharingResult(
    double GrandValue,
    double Co2Price,
    ImmutableArray<ComponentSharing> Components,
    ImmutableArray<string> Bystanders,
    ImmutableArray<ActorShare> Actors,
    ImmutableArray<PriceRange> PriceRanges,
    string? DualNote,
    int CoalitionSolves)
{
    /// <summary>What the coalition values measure (and so what is split).</summary>
    public ValueBasis Basis { get; init; } = ValueBasis.Objective;

    /// <summary>The figure the plan reports for the same basis (net benefit, or objective gain): v(N) must equal it.</summary>
    public double PlanValue { get; init; }

    /// <summary>Landfill valued in the objective, per tonne (0 when the scenario puts no value on it).</summary>
    public double LandfillValue { get; init; }
}

/// <summary>
/// Benefit sharing for a region: coalition values from the optimiser, split by component, shared by the chosen
/// methods; side payments move each actor from what the plan gives it to its share.
/// </summary>
public static class RegionSharing
{
    /// <param name="game">The region's game when already built (with coalition values of shards preloaded); else built here.</param>
    public static RegionSharingResult Analyse(Region region, OptimizationResult plan, RegionSharingOptions options, RegionGame? game = null)
    {
        var solve = options.Solve ?? new SolveOptions();
        game ??= RegionGame.Build(region, solve, options.Basis);
        var participants = Participants(plan);
        var components = ImmutableArray.CreateBuilder<ComponentSharing>();
        var allocations = region.Actors.ToDictionary(a => a.Id, _ => new SortedDictionary<string, double>(StringComparer.Ordinal), StringComparer.Ordinal);
        var componentOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var budget = SampledParts(game, options) is { Count: > 0 } sampled ? new CoalitionBudget(options.SolveBudget ?? DefaultSolveBudget, sampled) : null;
        var separatedByMilp = game.Components.Select(c => SeparatedByMilp(c, options)).ToArray();
        var separationBudget = new SeparationBudget(options.SeparationBudget ?? DefaultSeparationBudget);
        for (var c = 0; c < game.Components.Length; c++)
        {
            var comp = game.Components[c];
            foreach (var p in comp.Players)
            {
                componentOf[p] = c;
            }

            var partSizes = comp.Parts.Select(p => p.Game.Players.Length).ToImmutableArray();
            if (NotShareable(comp) is { } reason)
            {
                var known = NotComputedReport(comp, reason);
                components.Add(new ComponentSharing(comp.Players, false, comp.Solves, known) { PartSizes = partSizes, NotComputed = reason });
                continue;
            }

            var exact = comp.Players.Length <= options.MaxExactPlayers;
            var coop = Game(comp, options.MaxExactPlayers, options.Samples, options.MaxSolves);
            var report = SharingReportBuilder.Build(coop, options.Methods, new SharingReportOptions(SamplingOptions(options), Participants: [.. comp.Players.Select(participants.Contains)], Unit: $"{region.Economics.Currency}/yr", Stratified: StratifiedOptions(options, LargestSampledPart(coop)) with { Budget = budget }));
            ComponentStability? stability = null;
            // Constraint generation is a MILP per round over the group's exchange model: for a group beyond exact
            // enumeration it runs only when least core or nucleolus is asked for (it is what they need).
            if (comp.Players.Length <= options.MaxGenerationPlayers && (exact || options.Methods.Any(m => m is SharingMethod.LeastCore or SharingMethod.Nucleolus)))
            {
                var oracle = GeneratedSharing.Oracle(comp, coop);
                var byMilp = GeneratedSharing.SolvesMilps(GeneratedSharing.KindOf(oracle));
                Debug.Assert(byMilp == separatedByMilp[c], "the separation budget must count exactly the groups separated by MILP");
                var group = c;
                var generation = new GenerationOptions(
                    MaxSeparations: byMilp ? options.MaxSeparations ?? DefaultMaxSeparations : new GenerationOptions().MaxSeparations,
                    Cancel: solve.Cancel,
                    Progress: options.GenerationProgress is { } tell ? p => tell(group, comp.Players.Length, p) : null)
                {
                    // Each group separated by MILP claims an even part of what the groups before it left.
                    Budget = byMilp ? separationBudget.Share(Math.Max(1, separatedByMilp.Skip(c).Count(b => b))) : null,

                    // A separation there is one or many MILPs: stabilised probes certify with fewer of them.
                    Stabilization = byMilp ? LeastCoreStabilization : 0,
                };
                (report, stability) = GeneratedSharing.Complete(oracle, report, options.Methods, generation);
            }

            components.Add(new ComponentSharing(comp.Players, exact, comp.Solves, report)
            {
                PartSizes = exact ? [] : partSizes,
                ShapleyExact = coop.HasExactShapley,
                Stability = stability,
            });

            foreach (var m in report.Methods)
            {
                for (var i = 0; i < comp.Players.Length; i++)
                {
                    allocations[comp.Players[i]][m.Method] = m.Amounts[i];
                }
            }
        }

        string? dualNote = null;
        if (options.IncludeDual)
        {
            var dual = DualAllocation.Compute(region, solve);
            dualNote = dual.NotApplicable;
            foreach (var (actor, amount) in dual.ByActor)
            {
                allocations[actor]["dual"] = amount;
            }
        }

        var co2 = region.Policies.Co2Price.Value;
        var landfillValue = region.Objective.LandfillValue.Value;
        var actors = region.Actors.Select(a =>
        {
            var outcome = plan.Actors.First(o => o.Id == a.Id);
            var own = options.Basis == ValueBasis.Money ? outcome.NetBenefit : outcome.NetBenefit + (co2 * outcome.Co2Avoided) + (landfillValue * outcome.LandfillAvoided);
            var alloc = allocations[a.Id].ToImmutableSortedDictionary(StringComparer.Ordinal);
            var transfers = alloc.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value - own, StringComparer.Ordinal);
            return new ActorShare(a.Id, a.Name, componentOf.GetValueOrDefault(a.Id, -1), own, alloc, transfers);
        }).ToImmutableArray();

        var planValue = options.Basis == ValueBasis.Money ? plan.Kpis!.NetBenefit : plan.Kpis!.ObjectiveGain;
        return new RegionSharingResult(game.GrandValue, co2, components.ToImmutable(), game.Bystanders, actors, PriceRanges(region, plan), dualNote, game.Solves)
        {
            Basis = options.Basis,
            PlanValue = planValue,
            LandfillValue = landfillValue,
        };
    }

    /// <summary>Actors that take part in the plan: an end of a planned exchange or the owner of a new plant it builds.</summary>
    public static ImmutableHashSet<string> Participants(OptimizationResult plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Exchanges.SelectMany(e => new[] { e.FromActor, e.ToActor })
            .Concat(plan.Processes.Where(p => p.Built && !p.Existing).Select(p => p.ActorId))
            .ToImmutableHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Why the sharing methods cannot value this component, or null when they can: they need coalition masks, of the
    /// whole component or, when it splits, of each of its parts (<see cref="GameComponent.MaxMaskPlayers"/> actors).
    /// </summary>
    public static string? NotShareable(GameComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        var max = GameComponent.MaxMaskPlayers;
        if (component.HasMasks)
        {
            return null;
        }

        if (component.Parts.IsEmpty)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"shares not computed: the {component.Players.Length} actors of this group are linked by their candidate exchanges into one block that does not split into independent parts, and shares can be computed for at most {max} linked actors; the other groups are not affected");
        }

        var largest = component.Parts.Max(p => p.Game.Players.Length);
        return largest <= max
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"shares not computed: this group of {component.Players.Length} actors splits into independent parts of {string.Join(", ", component.Parts.Select(p => p.Game.Players.Length))} actors, but the largest links {largest} actors in one block, and shares can be computed for at most {max} linked actors; the other groups are not affected");
    }

    /// <summary>What is known of a component no method can share: v(N) and what each actor achieves alone.</summary>
    private static SharingReport NotComputedReport(GameComponent component, string reason)
    {
        var perPlayer = component.Players.Select(p => new PlayerShares(
            p,
            component.Value(ImmutableHashSet.Create(StringComparer.Ordinal, p)),
            ImmutableDictionary<string, double>.Empty,
            ImmutableDictionary<string, double>.Empty)).ToList();
        return new SharingReport("value", [.. component.Players], component.GrandValue, null, null, [], perPlayer, [reason]);
    }

    /// <summary>
    /// The cooperative game of a component: every value tabulated up to <paramref name="maxExactPlayers"/> actors
    /// (so the LP-based methods can run); above that the sum of its parts. A part is tabulated, and its Shapley value
    /// exact, when that needs no more solves than sampling would be allowed (<see cref="TabulatePart"/>); otherwise it
    /// is an oracle with the part's links for sampling. Coalition masks are needed of the whole component when it does
    /// not split and of each part when it does, so a split component may have any number of actors
    /// (<see cref="NotShareable"/> says when neither holds).
    /// </summary>
    /// <param name="maxSolves">An explicit cap on coalitions per part (--max-solves): it also decides which parts are
    /// tabulated; null: the default budget.</param>
    public static CooperativeGame Game(GameComponent component, int maxExactPlayers, int maxPermutations, int? maxSolves = null)
    {
        ArgumentNullException.ThrowIfNull(component);
        if (NotShareable(component) is { } reason)
        {
            throw new ArgumentException(reason, nameof(component));
        }

        if (component.Players.Length <= maxExactPlayers)
        {
            return CooperativeGame.FromValues(component.Players, component.AllValues(Environment.ProcessorCount));
        }

        if (component.Parts.IsEmpty)
        {
            return CooperativeGame.FromOracle(component.Players, component.Value).WithLinks(component.Links);
        }

        return CooperativeGame.FromParts(component.Players, component.Parts.Select(p =>
            new GamePart(p.Members, TabulatePart(p.Game, maxExactPlayers, maxPermutations, maxSolves)
                ? CooperativeGame.FromValues(p.Game.Players, p.Game.AllValues(Environment.ProcessorCount))
                : CooperativeGame.FromOracle(p.Game.Players, p.Game.Value).WithLinks(p.Game.Links))));
    }

    /// <summary>
    /// Tabulate a part up to <paramref name="maxExactPlayers"/> actors, and above that (up to the explicit-game limit)
    /// when the coalitions its links connect, the only ones that need a solve, are no more than the sampler may value
    /// (<see cref="DefaultMaxSolves"/>): exact is then also the cheaper answer.
    /// </summary>
    /// <param name="maxSolves">An explicit cap on coalitions per part: the budget that decides, instead of the default.</param>
    public static bool TabulatePart(GameComponent part, int maxExactPlayers, int maxPermutations, int? maxSolves = null)
    {
        ArgumentNullException.ThrowIfNull(part);
        var n = part.Players.Length;
        var budget = maxSolves ?? DefaultMaxSolves(maxPermutations, n);
        return n <= maxExactPlayers
            || (n <= CooperativeGame.MaxExplicitPlayers && part.ConnectedCoalitions(budget) <= budget);
    }

    /// <summary>
    /// Sampled Shapley on a region component: antithetic orders, coalitions solved on all cores (the component's cache
    /// is thread-safe and the estimate does not depend on the thread count). No control variate: with antithetic
    /// pairs the pair dividends cancel already, and adding triples raised the variance on the generated regions.
    /// </summary>
    public static SampledShapleyOptions SamplingOptions(RegionSharingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SampledShapleyOptions(options.Seed, options.Samples, MaxDegreeOfParallelism: Environment.ProcessorCount);
    }

    /// <summary>
    /// Stratified Shapley on a region component: coalitions valued on all cores (the estimate does not depend on the
    /// thread count), capped at <see cref="RegionSharingOptions.MaxSolves"/> or the permutation budget's coalitions.
    /// </summary>
    /// <param name="actors">Actors of the largest part to be sampled (the cap applies per part).</param>
    public static StratifiedShapleyOptions StratifiedOptions(RegionSharingOptions options, int actors)
    {
        ArgumentNullException.ThrowIfNull(options);
        var cap = options.MaxSolves ?? DefaultMaxSolves(options.Samples, actors);
        return new StratifiedShapleyOptions(options.Seed, options.TargetRelativeHalfWidth, cap, MaxDegreeOfParallelism: Environment.ProcessorCount, Progress: options.ShapleyProgress);
    }

    /// <summary>
    /// Coalitions a part may cost by default: the permutation budget's (permutations x actors), but at most
    /// <see cref="MaxDefaultSolves"/>, so that `share` with its defaults finishes on a region of a few hundred actors
    /// (a coalition is a MILP solve of up to tens of ms); the estimate then says whether it reached its target.
    /// </summary>
    public static int DefaultMaxSolves(int samples, int actors) => (int)Math.Min(MaxDefaultSolves, (long)samples * Math.Max(1, actors));

    /// <summary>
    /// The default cap on separation MILPs per constraint-generation step of a group separated by MILP (the groups whose
    /// parts are not all tabulated). A separation MILP of a 30-60-actor group takes seconds to a minute of CPU, so
    /// this keeps least core, subsidy and nucleolus of such a group to minutes; coalitions already valued are searched
    /// first (<see cref="ComponentOracle.Guess"/>) and cost no MILP, so most rounds do not count against it.
    /// </summary>
    public const int DefaultMaxSeparations = 25;

    /// <summary>
    /// The default budget of separation MILPs for a whole analysis (<see cref="RegionSharingOptions.SeparationBudget"/>).
    /// A separation of the 64-actor group of the generated 200-actor region takes 1-3 s of CPU (SCIP without cutting
    /// planes, one MILP per part), so this keeps least core, subsidy, nucleolus and core checks of all its groups to a
    /// few minutes; what a group does not use passes on to the next.
    /// </summary>
    public const int DefaultSeparationBudget = 60;

    /// <summary>
    /// The default cap of coalitions per sampled or tabulated part (see <see cref="DefaultMaxSolves"/>). 10 000 and not
    /// less: sampling a part of 13 actors to ±1 % needs more coalitions than the part has (the generated 100-actor
    /// region's: 5 005 of its 8 192 valued, still 4.3 x the target), so up to about 13 linked actors tabulating, which
    /// is exact and lets least core and nucleolus search the parts by enumeration, is also the cheaper answer.
    /// </summary>
    public const int MaxDefaultSolves = 10_000;

    /// <summary>
    /// The default whole-analysis budget of coalitions for stratified Shapley (<see cref="RegionSharingOptions.SolveBudget"/>):
    /// a sampled coalition is a MILP of a 10-20-actor region, 0.02-0.1 s of CPU, so this keeps the sampling of a
    /// 200-actor region to minutes on two cores.
    /// </summary>
    public const int DefaultSolveBudget = 10_000;

    /// <summary>Whether the analysis will estimate some Shapley share by sampling (a group too large to tabulate, whole or in some part).</summary>
    public static bool Samples(RegionGame game, RegionSharingOptions options)
    {
        ArgumentNullException.ThrowIfNull(game);
        ArgumentNullException.ThrowIfNull(options);
        return options.Methods.Any(m => m is SharingMethod.Shapley or SharingMethod.StratifiedShapley or SharingMethod.SampledShapley)
            && ToSample(game, options).Any();
    }

    /// <summary>
    /// Actors of each game a Shapley estimate would sample, in the order the analysis reaches them: a group too large
    /// to enumerate with no parts, or each of its parts too large to tabulate.
    /// </summary>
    private static IEnumerable<int> ToSample(RegionGame game, RegionSharingOptions options) =>
        game.Components.Where(c => NotShareable(c) is null && c.Players.Length > options.MaxExactPlayers)
            .SelectMany(c => c.Parts.IsEmpty
                ? [c.Players.Length]
                : c.Parts.Where(p => !TabulatePart(p.Game, options.MaxExactPlayers, options.Samples, options.MaxSolves)).Select(p => p.Game.Players.Length));

    /// <summary>The in-out weight of the least core of a group separated by MILP (<see cref="GenerationOptions.Stabilization"/>).</summary>
    public const double LeastCoreStabilization = 0.5;

    /// <summary>
    /// Whether a group's least core and nucleolus will be separated by MILP (<see cref="ComponentOracle"/>, or the
    /// hybrid over parts with a MILP per untabulated part, <see cref="HybridPartsOracle"/>): too large to enumerate,
    /// asked for, and not separated by enumeration over its parts alone (<see cref="SeparatedByParts"/>).
    /// </summary>
    private static bool SeparatedByMilp(GameComponent c, RegionSharingOptions options) =>
        NotShareable(c) is null && c.Players.Length > options.MaxExactPlayers && c.Players.Length <= options.MaxGenerationPlayers
        && options.Methods.Any(m => m is SharingMethod.LeastCore or SharingMethod.Nucleolus)
        && !SeparatedByParts(c, options);

    /// <summary>
    /// Whether a group too large to enumerate is separated by enumeration over its parts (<see cref="PartsOracle"/>):
    /// every part tabulated by <see cref="Game"/> and the parts within what <see cref="PartSearch.Serves"/> (the very
    /// test <see cref="PartsOracle.TryCreate"/> applies), so the budget counts exactly the groups that need MILPs.
    /// </summary>
    private static bool SeparatedByParts(GameComponent c, RegionSharingOptions options) =>
        !c.Parts.IsEmpty && c.Parts.All(p => TabulatePart(p.Game, options.MaxExactPlayers, options.Samples, options.MaxSolves))
        && PartSearch.Serves(c.Players.Length, c.Parts.Select(p => (IReadOnlyCollection<int>)p.Members));

    /// <summary>Actors of each game stratified Shapley will sample, in the order the analysis reaches them (empty without a
    /// stratified Shapley method: permutation sampling does not draw on the budget).</summary>
    private static List<int> SampledParts(RegionGame game, RegionSharingOptions options) =>
        options.Methods.Any(m => m is SharingMethod.Shapley or SharingMethod.StratifiedShapley) ? [.. ToSample(game, options)] : [];

    /// <summary>Players of the largest part stratified sampling would estimate (the whole game when it has no parts).</summary>
    private static int LargestSampledPart(CooperativeGame game) =>
        game.Parts is { } parts ? parts.Where(p => !p.Game.HasExactShapley).Select(p => p.Game.PlayerCount).DefaultIfEmpty(0).Max() : game.PlayerCount;

    /// <remarks>
    /// With price P per unit paid by the receiver: the supplier gains (c_s + P) q, the receiver gains
    /// (s_k - P) q - F, where c_s is the avoided current-route cost, s_k the avoided purchase minus transport and F
    /// the receiver's annual connection, annualised investment and permit costs for this exchange. Both gain when
    /// -c_s &lt;= P &lt;= s_k - F / q.
    /// </remarks>
    public static ImmutableArray<PriceRange> PriceRanges(Region region, OptimizationResult plan)
    {
        var crf = region.Economics.CapitalRecoveryFactor;
        var users = plan.Exchanges.Where(e => e.Permit is not null).GroupBy(e => (e.Permit!, e.ToActor)).ToDictionary(g => g.Key, g => g.Count());
        return [.. plan.Exchanges.Select(e =>
        {
            var permit = e.Permit is null ? 0 : region.Permits.First(p => p.Id == e.Permit).Cost.Value * crf / users[(e.Permit, e.ToActor)];
            var fixedPerUnit = (e.AnnualFixedCost + (e.Investment * crf) + permit) / e.Quantity;
            var process = (e.SourceProcess ?? e.SinkProcess) is { } id ? region.Processes.FirstOrDefault(p => p.Id == id)?.Name ?? id : null;
            var note = process is null ? null : $"one side is the plant '{process}': its processing costs are in the plant's own row, not in this range";
            // + 0.0 turns a negative zero (a supplier that avoids no cost) into plain 0 for readers.
            return new PriceRange(e.Source, e.Sink, e.FromActor, e.ToActor, e.Resource, e.Quantity, -e.SupplierSavingPerUnit + 0.0, e.ReceiverSavingPerUnit - fixedPerUnit, note);
        })];
    }
}
