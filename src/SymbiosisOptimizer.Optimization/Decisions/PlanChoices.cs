using System.Collections.Immutable;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Modeling;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Optimization.Decisions;

/// <summary>
/// The yes/no choices of a plan, by domain key: which candidate exchanges (network arc indices) carry flow, which new
/// plants are built, which permits are taken and which closable existing plants are closed. These are the decisions a
/// region commits to; flows follow from them.
/// </summary>
public sealed record PlanChoices(ImmutableSortedSet<int> Arcs, ImmutableSortedSet<int> Plants, ImmutableSortedSet<(string Permit, string Receiver)> Permits)
{
    /// <summary>Existing plants (process indices) the plan closes.</summary>
    public ImmutableSortedSet<int> Closures { get; init; } = [];

    /// <summary>A flow at or below this is no exchange (as the reports count them).</summary>
    public const double FlowTolerance = 1e-6;

    /// <summary>No exchanges, plants or permits.</summary>
    public static readonly PlanChoices None = new([], [], ImmutableSortedSet.Create<(string Permit, string Receiver)>(ExchangeModel.PermitKeyComparer.Instance));

    public static PlanChoices Of(Solution solution) => Of(solution, 0);

    /// <param name="relative">Flows at or below this share of the plan's largest flow do not count as exchanges.</param>
    public static PlanChoices Of(Solution solution, double relative)
    {
        var model = solution.Model;
        var largest = Enumerable.Range(0, model.ArcFlow.Length).Select(solution.Flow).DefaultIfEmpty(0).Max();
        var floor = Math.Max(FlowTolerance, relative * largest);
        var arcs = Enumerable.Range(0, model.ArcFlow.Length).Where(a => solution.Flow(a) > floor).ToImmutableSortedSet();
        var plants = Enumerable.Range(0, model.Plant.Length).Where(p => solution.IsOn(model.Plant[p])).ToImmutableSortedSet();
        var permits = model.PermitTaken.Where(kv => solution.IsOn(kv.Value)).Select(kv => kv.Key).ToImmutableSortedSet(ExchangeModel.PermitKeyComparer.Instance);
        var closures = Enumerable.Range(0, model.Closed.Length).Where(p => solution.IsOn(model.Closed[p])).ToImmutableSortedSet();
        return new PlanChoices(arcs, plants, permits) { Closures = closures };
    }

    /// <summary>
    /// What a plan commits to before the uncertainty resolves: connections switched on, plants built, permits taken.
    /// Exchanges that need no connection decision are left open (in the set) whether or not they flow here.
    /// </summary>
    public static PlanChoices Commitments(Solution solution)
    {
        var model = solution.Model;
        var plan = Of(solution);
        var arcs = Enumerable.Range(0, model.ArcFlow.Length)
            .Where(a => model.ArcFlow[a] >= 0 && (model.ArcSwitch[a] < 0 || solution.IsOn(model.ArcSwitch[a])))
            .ToImmutableSortedSet();
        return plan with { Arcs = arcs };
    }

    /// <summary>Connections (arcs with a switch) this plan switches on.</summary>
    public ImmutableArray<int> Connections(ExchangeModel model) => [.. Arcs.Where(a => model.ArcSwitch[a] >= 0)];

    /// <summary>The exchanges of the plan as their identities (source, sink, mode), in ordinal order.</summary>
    public ImmutableArray<ExchangeId> Exchanges(ExchangeModel model) =>
        [.. Arcs.Select(a => IdOf(model, a)).Order()];

    public static ExchangeId IdOf(ExchangeModel model, int arc)
    {
        var a = model.Network.Arcs[arc];
        return new ExchangeId(model.Network.Sources[a.Source].Id, model.Network.Sinks[a.Sink].Id, a.ModeId);
    }

    public bool SameExchanges(PlanChoices other) => Arcs.SetEquals(other.Arcs);

    /// <summary>
    /// A copy of the model in which only this plan's exchanges may carry flow and only its plants and permits may be
    /// chosen; the solver still chooses flows, and may drop a choice that no longer pays.
    /// </summary>
    public MipModel RestrictTo(ExchangeModel model)
    {
        var m = model.Model.Copy();
        for (var a = 0; a < model.ArcFlow.Length; a++)
        {
            if (model.ArcFlow[a] < 0 || Arcs.Contains(a))
            {
                continue;
            }

            m.Fix(model.ArcFlow[a], 0);
            if (model.ArcSwitch[a] >= 0)
            {
                m.Fix(model.ArcSwitch[a], 0);
            }
        }

        for (var p = 0; p < model.Plant.Length; p++)
        {
            if (model.Plant[p] >= 0 && !Plants.Contains(p))
            {
                m.Fix(model.Plant[p], 0);
            }
        }

        foreach (var (key, column) in model.PermitTaken)
        {
            if (!Permits.Contains(key))
            {
                m.Fix(column, 0);
            }
        }

        for (var p = 0; p < model.Closed.Length; p++)
        {
            if (model.Closed[p] >= 0 && !Closures.Contains(p))
            {
                m.Fix(model.Closed[p], 0);
            }
        }

        return m;
    }

    /// <summary>A copy of the model with this plan's decisions fixed: exactly its connections, plants and permits.</summary>
    public MipModel FixIn(ExchangeModel model)
    {
        var m = RestrictTo(model);
        for (var a = 0; a < model.ArcSwitch.Length; a++)
        {
            if (model.ArcSwitch[a] >= 0 && Arcs.Contains(a))
            {
                m.Fix(model.ArcSwitch[a], 1);
            }
        }

        for (var p = 0; p < model.Plant.Length; p++)
        {
            if (model.Plant[p] >= 0 && Plants.Contains(p))
            {
                m.Fix(model.Plant[p], 1);
            }
        }

        foreach (var (key, column) in model.PermitTaken)
        {
            if (Permits.Contains(key))
            {
                m.Fix(column, 1);
            }
        }

        foreach (var p in Closures)
        {
            if (model.Closed[p] >= 0)
            {
                m.Fix(model.Closed[p], 1);
            }
        }

        return m;
    }

    /// <summary>Solves a changed copy of <paramref name="model"/>'s MILP and keeps the original model as the key to its columns.</summary>
    /// <remarks>Only bounds may differ between the copy and the model, so the values mean what the model's maps say.</remarks>
    public static Solution SolveCopy(ExchangeModel model, MipModel copy, SolveOptions options)
    {
        var kind = options.Solver is SolverKind.Auto or SolverKind.MinCostFlow
            ? copy.Variables.Any(v => v.IsInteger && v.Lower != v.Upper) ? SolverKind.Scip : SolverKind.Glop
            : options.Solver;
        return new Solution(model, BlockSolver.Solve(copy, options with { Solver = kind }, kind));
    }
}
