using System.Collections.Concurrent;
using System.Collections.Immutable;
using SymbiosisOptimizer.Assessment.Sharing;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Modeling;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Assessment.Coalitions;

/// <summary>
/// The cooperative game of a region: v(S) is the objective gain the actors in S reach among themselves, everyone else
/// on their current routes. Actors that no candidate exchange links are independent, so the game splits into
/// components solved separately (v(S) = sum over components of v(S n C)); that is what keeps coalition work tractable.
/// A component of any size can be built; its coalitions are masks only up to <see cref="GameComponent.MaxMaskPlayers"/>
/// actors, and a larger one is asked through its parts (<see cref="GameComponent.Parts"/>).
/// </summary>
public sealed class RegionGame
{
    private RegionGame(Region region, ImmutableArray<GameComponent> components, ImmutableArray<string> bystanders)
    {
        Region = region;
        Components = components;
        Bystanders = bystanders;
    }

    public Region Region { get; }

    /// <summary>Independent groups of actors that could exchange with each other.</summary>
    public ImmutableArray<GameComponent> Components { get; }

    /// <summary>Actors no useful exchange can involve: their value is zero in every coalition (null players).</summary>
    public ImmutableArray<string> Bystanders { get; }

    public static RegionGame Build(Region region, SolveOptions options) => Build(region, options, ValueBasis.Objective);

    /// <summary>The game of a region with coalition values measured in <paramref name="basis"/>.</summary>
    public static RegionGame Build(Region region, SolveOptions options, ValueBasis basis)
    {
        var network = CandidateNetworkBuilder.Build(region);
        var parent = region.Actors.ToDictionary(a => a.Id, a => a.Id, StringComparer.Ordinal);
        string Find(string a)
        {
            while (parent[a] != a)
            {
                parent[a] = parent[parent[a]];
                a = parent[a];
            }

            return a;
        }

        void Union(string a, string b)
        {
            var (ra, rb) = (Find(a), Find(b));
            if (ra != rb)
            {
                // Attach the later id under the earlier so roots (and hence component order) are deterministic.
                if (string.CompareOrdinal(ra, rb) < 0)
                {
                    parent[rb] = ra;
                }
                else
                {
                    parent[ra] = rb;
                }
            }
        }

        var active = new HashSet<string>(StringComparer.Ordinal);
        var useful = ScreeningBuilder.Find(ExchangeFormulation.Build(region, network, new FormulationOptions(Screen: false))).Arcs.Select(u => !u).ToArray();
        foreach (var arc in network.Arcs.Where(a => useful[a.Index]))
        {
            var a = network.Sources[arc.Source].ActorId;
            var b = network.Sinks[arc.Sink].ActorId;
            active.Add(a);
            active.Add(b);
            Union(a, b);
        }

        foreach (var p in region.Processes.Where(p => !p.Existing))
        {
            active.Add(p.ActorId);
        }

        // A procurement mandate couples all public buyers of its resource.
        foreach (var m in region.Policies.Procurement)
        {
            var buyers = region.Demands.Where(d => d.Buyer == BuyerKind.Public && d.ResourceId == m.ResourceId && active.Contains(d.ActorId)).Select(d => d.ActorId).ToList();
            for (var i = 1; i < buyers.Count; i++)
            {
                Union(buyers[0], buyers[i]);
            }
        }

        var groups = region.Actors.Where(a => active.Contains(a.Id)).GroupBy(a => Find(a.Id), StringComparer.Ordinal)
            .Select(g => g.Select(a => a.Id).ToImmutableArray())
            .OrderBy(g => g[0], StringComparer.Ordinal)
            .ToList();
        var links = network.Arcs.Where(a => useful[a.Index]).Select(a => (network.Sources[a.Source].ActorId, network.Sinks[a.Sink].ActorId)).ToList();
        foreach (var m in region.Policies.Procurement)
        {
            var buyers = region.Demands.Where(d => d.Buyer == BuyerKind.Public && d.ResourceId == m.ResourceId).Select(d => d.ActorId).Distinct(StringComparer.Ordinal).ToList();
            links.AddRange(buyers.Skip(1).Select(b => (buyers[0], b)));
        }

        var components = groups.Select(g => GameComponent.Create(region, g, links, options, basis)).ToImmutableArray();
        var bystanders = region.Actors.Where(a => !active.Contains(a.Id)).Select(a => a.Id).ToImmutableArray();
        return new RegionGame(region, components, bystanders);
    }

    /// <summary>v(S) for any set of actor ids.</summary>
    public double Value(IEnumerable<string> coalition)
    {
        var set = coalition.ToHashSet(StringComparer.Ordinal);
        return Components.Sum(c => c.Value(set));
    }

    public double GrandValue => Components.Sum(c => c.GrandValue);

    public int Solves => Components.Sum(c => c.Solves);
}

/// <summary>One independent part of the region game, with its own sub-region, counterfactual and cache.</summary>
public sealed class GameComponent
{
    // Lazy, so that two threads asking for the same coalition at once wait for one solve instead of running two.
    private readonly ConcurrentDictionary<ulong, Lazy<double>> cache = new();
    private readonly Lazy<double> grandValue;
    private readonly SolveOptions options;
    private readonly HashSet<string>? canActAlone;
    private readonly ulong[] neighbours;
    private int solves;

    private readonly double[] counterfactualByActor;
    private readonly double[] todayMoneyByActor;

    private GameComponent(Region subRegion, ImmutableArray<string> players, CandidateNetwork network, (double Objective, double Money) counterfactual, SolveOptions options, ulong[] neighbours, (double[] Objective, double[] Money) counterfactualByActor, ImmutableArray<ComponentPart> parts, ValueBasis basis)
    {
        Basis = basis;
        Parts = parts;
        todayMoneyByActor = counterfactualByActor.Money;
        TodayMoney = counterfactual.Money;
        this.counterfactualByActor = counterfactualByActor.Objective;
        this.neighbours = neighbours;
        SubRegion = subRegion;
        Players = players;
        Network = network;
        CounterfactualObjective = counterfactual.Objective;
        this.options = options;
        canActAlone = subRegion.Processes.Where(p => !p.Existing).Select(p => p.ActorId).ToHashSet(StringComparer.Ordinal);

        // With masks the grand coalition is one of the cached coalitions, so a sharing method asking for it by mask
        // reuses this solve.
        grandValue = new Lazy<double>(() => HasMasks ? Value(FullMask) : Solve(players.ToImmutableHashSet(StringComparer.Ordinal), whole: true));
    }

    /// <summary>Coalitions of a component are ulong masks over its players.</summary>
    public const int MaxMaskPlayers = CooperativeGame.MaxMaskPlayers;

    public Region SubRegion { get; }

    public ImmutableArray<string> Players { get; }

    public CandidateNetwork Network { get; }

    public double CounterfactualObjective { get; }

    /// <summary>Money spent per year today by the component's actors (the money ledger of the counterfactual).</summary>
    public double TodayMoney { get; }

    /// <summary>What a coalition value measures: money saved, or the objective's gain (money plus priced CO2e and landfill).</summary>
    public ValueBasis Basis { get; }

    /// <summary>Money spent today by each player, in <see cref="Players"/> order.</summary>
    public ImmutableArray<double> TodayMoneyByActor => [.. todayMoneyByActor];

    /// <summary>Today's objective of each player, in <see cref="Players"/> order.</summary>
    public ImmutableArray<double> TodayObjectiveByActor => [.. counterfactualByActor];

    internal SolveOptions Options => options;

    /// <summary>
    /// At most <see cref="MaxMaskPlayers"/> players: coalitions can be given as masks, which the sharing methods and
    /// the cache need. A larger component is valued through its parts (each with masks of its own when small enough),
    /// or only as a whole and by explicit actor sets.
    /// </summary>
    public bool HasMasks => Players.Length <= MaxMaskPlayers;

    public ulong FullMask => RequireMasks() == 64 ? ulong.MaxValue : (1UL << Players.Length) - 1;

    /// <summary>v(N) of the component: solved whole (the check of its parts needs that anyway).</summary>
    public double GrandValue => grandValue.Value;

    public int Solves => solves + Parts.Sum(p => p.Game.Solves);

    /// <summary>
    /// Independent parts of the component, empty when it does not split: v(S) = sum over parts of
    /// part.Game.Value(S n part). The component's model falls into blocks that no constraint links (one resource's
    /// exchanges among some actors, another's among partly the same actors); an actor with a supply in one block and
    /// a demand in another belongs to both parts. Shapley values add over parts, so a component too large for
    /// 2^n coalitions is exact when its parts are small.
    /// </summary>
    public ImmutableArray<ComponentPart> Parts { get; }

    /// <summary>
    /// Per player, the mask of players it shares a useful candidate exchange (or a procurement mandate) with. A
    /// coalition these links do not connect is worth the sum of its pieces, so its Harsanyi dividend is zero.
    /// </summary>
    public ImmutableArray<ulong> Links
    {
        get
        {
            RequireMasks();
            return [.. neighbours];
        }
    }

    /// <summary>Relative size of solver round-off in a coalition value.</summary>
    public const double NoiseTolerance = 1e-8;

    internal static GameComponent Create(Region region, ImmutableArray<string> players, IEnumerable<(string A, string B)> links, SolveOptions options, ValueBasis basis) =>
        Create(region, players, [.. links], options, split: true, basis);

    private static GameComponent Create(Region region, ImmutableArray<string> players, IReadOnlyList<(string A, string B)> links, SolveOptions options, bool split, ValueBasis basis)
    {
        var sub = Restrict(region, players);
        var network = CandidateNetworkBuilder.Build(sub);
        var cf = Counterfactual(sub, network, options);
        var cfEach = players.Select(p =>
        {
            var alone = Restrict(sub, [p]);
            return Counterfactual(alone, CandidateNetworkBuilder.Build(alone), options);
        }).ToArray();
        var cfByActor = (cfEach.Select(c => c.Objective).ToArray(), cfEach.Select(c => c.Money).ToArray());

        var index = players.Select((p, i) => (p, i)).ToDictionary(t => t.p, t => t.i, StringComparer.Ordinal);
        // Neighbour masks need masks; a larger component is only solved whole or through its parts.
        var neighbours = new ulong[players.Length <= MaxMaskPlayers ? players.Length : 0];
        if (neighbours.Length > 0)
        {
            foreach (var (a, b) in links)
            {
                if (index.TryGetValue(a, out var i) && index.TryGetValue(b, out var j))
                {
                    neighbours[i] |= 1UL << j;
                    neighbours[j] |= 1UL << i;
                }
            }
        }

        var parts = split ? Split(sub, network, players, links, options, basis) : [];
        var component = new GameComponent(sub, players, network, cf, options, neighbours, cfByActor, parts, basis);
        if (!parts.IsEmpty)
        {
            // The split rests on the model's structure; the grand coalition, which the analysis solves anyway, checks it.
            // Each side is solved to the relative gap, which is measured against objectives of the counterfactual's size.
            // A solve stopped by a time limit can miss that, and then the component is valued whole, as without parts.
            var whole = component.GrandValue;
            var sum = parts.Sum(p => p.Game.GrandValue);
            if (Math.Abs(whole - sum) > AdditivityTolerance(options, cf.Objective))
            {
                return new GameComponent(sub, players, network, cf, options, neighbours, cfByActor, [], basis);
            }
        }

        return component;
    }

    /// <summary>How far a coalition's value and the sum of its parts' values may differ: both are solved to the gap.</summary>
    public static double AdditivityTolerance(SolveOptions options, double counterfactualObjective)
    {
        ArgumentNullException.ThrowIfNull(options);
        return 2 * Math.Max(options.RelativeGap, NoiseTolerance) * Math.Max(1, Math.Abs(counterfactualObjective));
    }

    /// <summary>
    /// Parts from the blocks of the component's own model (<see cref="ModelBlocks"/>): each block with a decision
    /// (an exchange or a new plant not fixed by the screening) becomes a sub-region holding just the supplies, demands
    /// and processes whose columns are in it. A coalition's model is the same model with fewer exchanges allowed, so
    /// its blocks are pieces of these, and v(S) is the sum of the parts' values on S. Empty when there is one part.
    /// </summary>
    private static ImmutableArray<ComponentPart> Split(Region sub, CandidateNetwork network, ImmutableArray<string> players, IReadOnlyList<(string A, string B)> links, SolveOptions options, ValueBasis basis)
    {
        var ctx = ExchangeFormulation.Build(sub, network, new FormulationOptions());
        var model = ctx.Model;
        var blocks = ModelBlocks.Split(model);
        var blockOf = new int[model.Variables.Count];
        for (var b = 0; b < blocks.Length; b++)
        {
            foreach (var c in blocks[b].Columns)
            {
                blockOf[c] = b;
            }
        }

        bool Free(int column) => column >= 0 && model.Variables[column].Lower != model.Variables[column].Upper;
        var supplyBlock = sub.Supplies.Select((_, i) => Free(ctx.Route[i]) ? blockOf[ctx.Route[i]] : -1).ToArray();
        var demandBlock = sub.Demands.Select((_, i) => Free(ctx.Virgin[i]) ? blockOf[ctx.Virgin[i]] : -1).ToArray();
        var processBlock = sub.Processes.Select((_, i) => Free(ctx.Throughput[i]) ? blockOf[ctx.Throughput[i]] : -1).ToArray();

        // A decision's ends must sit in its block; anything else (a fixed route, say) and the split is not trusted.
        var active = new SortedSet<int>();
        foreach (var arc in network.Arcs.Where(a => Free(ctx.ArcFlow[a.Index])))
        {
            var b = blockOf[ctx.ArcFlow[arc.Index]];
            var source = network.Sources[arc.Source];
            var sink = network.Sinks[arc.Sink];
            var sourceBlock = source.Supply is not null ? supplyBlock[sub.Supplies.IndexOf(source.Supply)] : processBlock[sub.Processes.IndexOf(source.Process!)];
            var sinkBlock = sink.Demand is not null ? demandBlock[sub.Demands.IndexOf(sink.Demand)] : processBlock[sub.Processes.IndexOf(sink.Process!)];
            if (sourceBlock != b || sinkBlock != b)
            {
                return [];
            }

            active.Add(b);
        }

        for (var p = 0; p < sub.Processes.Length; p++)
        {
            if (!sub.Processes[p].Existing && processBlock[p] >= 0)
            {
                active.Add(processBlock[p]);
            }
        }

        if (active.Count < 2)
        {
            return [];
        }

        var index = players.Select((p, i) => (p, i)).ToDictionary(t => t.p, t => t.i, StringComparer.Ordinal);
        var parts = ImmutableArray.CreateBuilder<ComponentPart>();
        foreach (var b in active)
        {
            var supplies = sub.Supplies.Where((_, i) => supplyBlock[i] == b).ToImmutableArray();
            var demands = sub.Demands.Where((_, i) => demandBlock[i] == b).ToImmutableArray();
            var processes = sub.Processes.Where((_, i) => processBlock[i] == b).ToImmutableArray();
            var owners = supplies.Select(x => x.ActorId).Concat(demands.Select(x => x.ActorId)).Concat(processes.Select(x => x.ActorId)).ToHashSet(StringComparer.Ordinal);
            var members = players.Where(owners.Contains).ToImmutableArray();
            var region = sub with
            {
                Actors = [.. sub.Actors.Where(a => owners.Contains(a.Id))],
                Supplies = supplies,
                Demands = demands,
                Processes = processes,
                Distances = [.. sub.Distances.Where(d => owners.Contains(d.From) && owners.Contains(d.To))],
            };

            // The component's links restricted to the part: possibly more than the part's own, which only splits less.
            parts.Add(new ComponentPart([.. members.Select(m => index[m])], Create(region, members, links, options, split: false, basis)));
        }

        return parts.ToImmutable();
    }

    /// <summary>The region with only these actors and what they own (a coalition's own world).</summary>
    public static Region Restrict(Region region, IReadOnlyCollection<string> actors)
    {
        var set = actors.ToHashSet(StringComparer.Ordinal);
        return region with
        {
            Actors = [.. region.Actors.Where(a => set.Contains(a.Id))],
            Supplies = [.. region.Supplies.Where(s => set.Contains(s.ActorId))],
            Demands = [.. region.Demands.Where(d => set.Contains(d.ActorId))],
            Processes = [.. region.Processes.Where(p => set.Contains(p.ActorId))],
            Distances = [.. region.Distances.Where(d => set.Contains(d.From) && set.Contains(d.To))],
        };
    }

    /// <summary>
    /// Today's objective and money: no exchanges, no new plants. Both are sums over actors, as nothing links them today.
    /// </summary>
    private static (double Objective, double Money) Counterfactual(Region region, CandidateNetwork network, SolveOptions options)
    {
        var cf = SolverDispatch.Solve(ExchangeFormulation.Build(region, network, FormulationOptions.Counterfactual()), options with { Solver = SolverKind.Glop });
        return cf.HasSolution
            ? (cf.Objective, cf.Ledger(LedgerKind.Money))
            : throw new InvalidOperationException($"today's situation of {string.Join(", ", region.Actors.Select(a => a.Id))} has no solution ({cf.Outcome.Termination})");
    }

    public ulong MaskOf(IReadOnlySet<string> actors)
    {
        ArgumentNullException.ThrowIfNull(actors);
        RequireMasks();
        ulong m = 0;
        for (var i = 0; i < Players.Length; i++)
        {
            if (actors.Contains(Players[i]))
            {
                m |= 1UL << i;
            }
        }

        return m;
    }

    public ImmutableHashSet<string> ActorsOf(ulong mask)
    {
        RequireMasks();
        return Players.Where((_, i) => (mask & (1UL << i)) != 0).ToImmutableHashSet(StringComparer.Ordinal);
    }

    /// <summary>v(S): counterfactual objective minus the best objective of S acting alone (0 for the empty set).</summary>
    public double Value(ulong mask)
    {
        RequireMasks();
        return cache.GetOrAdd(mask, m => new Lazy<double>(() => Compute(m))).Value;
    }

    /// <summary>The coalition values computed so far, in mask order (so a search over them is deterministic).</summary>
    public IReadOnlyList<(ulong Mask, double Value)> KnownValues() =>
        [.. cache.Where(kv => kv.Value.IsValueCreated).Select(kv => (kv.Key, kv.Value.Value)).OrderBy(kv => kv.Key)];

    /// <summary>
    /// v(S n players) for a set of actor ids, of a component of any size: by mask when it has masks, else as the sum
    /// of its parts, else by a solve of its own (not cached: only tests and single questions ask this way).
    /// </summary>
    public double Value(IReadOnlySet<string> actors)
    {
        ArgumentNullException.ThrowIfNull(actors);
        if (HasMasks)
        {
            return Value(MaskOf(actors));
        }

        if (!Parts.IsEmpty)
        {
            return Parts.Sum(p => p.Game.Value(actors));
        }

        var members = Players.Where(actors.Contains).ToImmutableHashSet(StringComparer.Ordinal);
        return members.Count == Players.Length ? GrandValue : members.IsEmpty ? 0 : Solve(members, whole: false);
    }

    private double Compute(ulong mask)
    {
        if (mask == 0)
        {
            return 0;
        }

        // Members with no useful exchange among themselves cannot affect each other: S splits into the pieces its own
        // links connect, and v(S) is the sum of their (cached) values. Random coalitions split a lot, so this is where
        // sampled Shapley saves most of its solves.
        var pieces = Pieces(mask);
        if (pieces.Count > 1)
        {
            return pieces.Sum(Value);
        }

        // A component of independent parts is worth the sum of its parts' values (the split's definition), and the
        // parts' caches hold what the Shapley tabulation and sampling solved already: least core and nucleolus reuse
        // them instead of solving the whole coalition again. The grand coalition stays solved whole: it checks the split.
        if (!Parts.IsEmpty && mask != FullMask)
        {
            var sum = 0.0;
            foreach (var part in Parts)
            {
                ulong local = 0;
                for (var k = 0; k < part.Members.Length; k++)
                {
                    local |= (mask & (1UL << part.Members[k])) != 0 ? 1UL << k : 0;
                }

                sum += local == 0 ? 0 : part.Game.Value(local);
            }

            return sum;
        }

        return Solve(ActorsOf(mask), whole: mask == FullMask);
    }

    /// <summary>v(S) for a set of this component's players, solved as one piece.</summary>
    private double Solve(ImmutableHashSet<string> actors, bool whole)
    {
        if (!HasWork(actors))
        {
            return 0;
        }

        Interlocked.Increment(ref solves);

        // Solve S in a world of its own members only: the same optimum as restricting the full component, on a model
        // a fraction of the size.
        var world = whole ? SubRegion : Restrict(SubRegion, actors);
        var ctx = ExchangeFormulation.Build(world, whole ? Network : CandidateNetworkBuilder.Build(world), new FormulationOptions());
        var o = SolveLpFirst(ctx, options);
        if (!o.HasSolution)
        {
            throw new InvalidOperationException($"coalition {{{string.Join(", ", actors.Order(StringComparer.Ordinal))}}} could not be solved ({o.Termination})");
        }

        double value;
        if (Basis == ValueBasis.Money)
        {
            // Money is read off the plan S chooses by the scenario's objective: S decides as the region would, and
            // what it saves in money is what it has to share (the report's net benefit, for the grand coalition).
            var today = whole ? TodayMoney : Players.Select((p, i) => (p, i)).Where(t => actors.Contains(t.p)).Sum(t => todayMoneyByActor[t.i]);
            value = today - new Solution(ctx, o).Ledger(LedgerKind.Money);
        }
        else
        {
            var today = whole ? CounterfactualObjective : Players.Select((p, i) => (p, i)).Where(t => actors.Contains(t.p)).Sum(t => counterfactualByActor[t.i]);
            value = today - ctx.ObjectiveWithoutPenalties(o.Values, o.Objective);
        }

        // The difference of two large objectives carries solver round-off; a coalition that cannot improve on today
        // must be worth exactly zero, or proportional rules and null-player checks see noise as value.
        return Math.Abs(value) <= NoiseTolerance * Math.Max(1, Math.Abs(CounterfactualObjective)) ? 0 : value;
    }

    /// <summary>A coalition with no exchange among its members and no new plant is worth 0 without a solve.</summary>
    private bool HasWork(ImmutableHashSet<string> actors) =>
        Network.Arcs.Any(a => actors.Contains(Network.Sources[a.Source].ActorId) && actors.Contains(Network.Sinks[a.Sink].ActorId))
        || actors.Any(a => canActAlone!.Contains(a));

    /// <summary>True when the coalition's own links connect it: only such a coalition is valued by a solve of its own.</summary>
    public bool IsConnected(ulong mask)
    {
        RequireMasks();
        return mask != 0 && Pieces(mask).Count == 1;
    }

    /// <summary>True when valuing this connected coalition takes a solve (what <see cref="Solves"/> counts).</summary>
    public bool NeedsSolve(ulong mask) => IsConnected(mask) && HasWork(ActorsOf(mask));

    /// <summary>
    /// Puts v(S) computed elsewhere (by another shard of the same plan) into the cache, counted in <see cref="Solves"/>
    /// when it took a solve there; false (and nothing changed) when the coalition is already valued here.
    /// </summary>
    public bool Preload(ulong mask, double value, bool solved)
    {
        RequireMasks();
        if (!cache.TryAdd(mask, new Lazy<double>(value)))
        {
            return false;
        }

        if (solved)
        {
            Interlocked.Increment(ref solves);
        }

        return true;
    }

    /// <summary>
    /// SCIP without cutting planes for coalition MILPs. A coalition is a small region (tens of yes/no variables), and
    /// perf of `share` on the generated 100-actor region put SCIP's MIR, flow-cover and CMIR separators at well over
    /// half of all CPU: branching closes these small models sooner than the cuts do. Off, the same 1 296 coalitions
    /// took 27 s of user CPU instead of 108 s, with values equal within the solve's relative gap (benchmarks/README.md,
    /// session 11).
    /// </summary>
    public const string CoalitionScipSettings = "separating/maxrounds = 0\nseparating/maxroundsroot = 0";

    private static readonly string[] HeuristicsOff =
    [
        "rens",
        "farkasdiving",
        "intshifting",
        "locks",
        "oneopt",
        "shiftandpropagate",
        "clique",
        "vbounds",
        "alns",
        "zirounding",
        "conflictdiving",
        "adaptivediving",
        "feaspump",
        "rounding",
        "shifting",
        "randrounding",
        "crossover",
        "rins",
        "gins",
        "trivialnegation",
        "fracdiving",
        "coefdiving",
        "distributiondiving",
        "pscostdiving",
        "veclendiving",
        "linesearchdiving",
        "guideddiving",
        "objpscostdiving",
        "rootsoldiving",
    ];

    /// <summary>
    /// SCIP's primal heuristics that a coalition's value solve switches off, on top of <see cref="CoalitionScipSettings"/>.
    /// A coalition MILP is solved to its gap whatever finds its plans, and on these models (tens of yes/no variables)
    /// branch and bound finds them sooner than the heuristics do: on 250-400 coalitions of each of three parts of the
    /// generated 200-actor region the MILPs took 40-47 % less time (14-actor part: 27.4 ms -> 14.7 ms a solve), with
    /// values equal within the gap (benchmarks/README.md, session 19). SCIP still runs its trivial and simple-rounding
    /// heuristics. The separation MILPs keep every heuristic: they stop at a node limit, where a good plan found early is
    /// what they report.
    /// </summary>
    public static readonly string CoalitionValueScipSettings = CoalitionScipSettings + string.Concat(HeuristicsOff.Select(h => $"\nheuristics/{h}/freq = -1"));

    /// <summary>
    /// The LP relaxation bounds the MILP from below; when its solution already has every yes/no variable at 0 or 1 it
    /// is feasible for the MILP and therefore optimal, and the (much dearer) branch-and-bound solve is skipped.
    /// </summary>
    private static SolveOutcome SolveLpFirst(ExchangeModel ctx, SolveOptions options)
    {
        if (ctx.Model.BinaryCount > 0 && options.Solver == SolverKind.Auto)
        {
            var lp = OrToolsSolver.Solve(ctx.Model, options, SolverKind.Glop);
            if (lp.Solution == SolutionStatus.Optimal && ctx.Model.Variables.Where(v => v.IsInteger).All(v => Math.Abs(lp.Values[v.Index] - Math.Round(lp.Values[v.Index])) <= 1e-9)
                && ctx.BoundedOnlyByBigM.All(c => lp.Values[c] < ProcessBuilder.UnboundedCapacity * 0.999))
            {
                return lp;
            }
        }

        var scip = ctx.Model.BinaryCount > 0 && options.SolverParameters is null && options.Solver is SolverKind.Auto or SolverKind.Scip
            ? options with { SolverParameters = CoalitionValueScipSettings }
            : options;
        return SolverDispatch.Solve(ctx, scip).Outcome;
    }

    private List<ulong> Pieces(ulong mask)
    {
        var pieces = new List<ulong>();
        var rest = mask;
        while (rest != 0)
        {
            var piece = rest & (~rest + 1);
            var frontier = piece;
            while (frontier != 0)
            {
                var bit = System.Numerics.BitOperations.TrailingZeroCount(frontier);
                frontier &= frontier - 1;
                var next = neighbours[bit] & mask & ~piece;
                piece |= next;
                frontier |= next;
            }

            pieces.Add(piece);
            rest &= ~piece;
        }

        return pieces;
    }

    /// <summary>
    /// How many coalitions the links connect, counted up to <paramref name="cap"/> (then cap + 1): only those need a
    /// solve, every other coalition is a sum of cached pieces, so this is what tabulating all 2^n values costs.
    /// </summary>
    public long ConnectedCoalitions(long cap)
    {
        RequireMasks();
        long count = 0;
        var level = new HashSet<ulong>(Enumerable.Range(0, Players.Length).Select(i => 1UL << i));
        while (level.Count > 0)
        {
            count += level.Count;
            if (count > cap)
            {
                return cap + 1;
            }

            var next = new HashSet<ulong>();
            foreach (var set in level)
            {
                ulong reach = 0;
                for (var rest = set; rest != 0; rest &= rest - 1)
                {
                    reach |= neighbours[System.Numerics.BitOperations.TrailingZeroCount(rest)];
                }

                for (reach &= ~set; reach != 0; reach &= reach - 1)
                {
                    next.Add(set | (1UL << System.Numerics.BitOperations.TrailingZeroCount(reach)));
                }
            }

            level = next;
        }

        return count;
    }

    private static int Project(ImmutableArray<int> members, ulong mask)
    {
        var local = 0;
        for (var k = 0; k < members.Length; k++)
        {
            if ((mask & (1UL << members[k])) != 0)
            {
                local |= 1 << k;
            }
        }

        return local;
    }

    /// <summary>Computes all 2^n coalition values in parallel (for exact methods), returning them by mask.</summary>
    public double[] AllValues(int maxDegreeOfParallelism)
    {
        var n = Players.Length;
        if (n > CooperativeGame.MaxExplicitPlayers)
        {
            throw new InvalidOperationException($"{n} actors have too many coalitions to tabulate");
        }

        var values = new double[1 << n];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        if (Parts.IsEmpty)
        {
            Parallel.For(0, 1 << n, parallel, m => values[m] = Value((ulong)m));
            return values;
        }

        // Each part has 2^(its size) coalitions, far fewer than the component's 2^n.
        var partValues = Parts.Select(p => p.Game.AllValues(maxDegreeOfParallelism)).ToArray();
        Parallel.For(0, 1 << n, parallel, m =>
        {
            double sum = 0;
            for (var k = 0; k < Parts.Length; k++)
            {
                sum += partValues[k][Project(Parts[k].Members, (ulong)m)];
            }

            values[m] = sum;
        });
        return values;
    }

    private int RequireMasks() =>
        HasMasks
            ? Players.Length
            : throw new InvalidOperationException($"a component of {Players.Length} actors is too large for coalition masks of {MaxMaskPlayers}; value it through its parts");
}

/// <summary>One independent part of a component (<see cref="GameComponent.Parts"/>).</summary>
/// <param name="Members">For each player of <paramref name="Game"/>, its index among the component's players.</param>
public sealed record ComponentPart(ImmutableArray<int> Members, GameComponent Game);
