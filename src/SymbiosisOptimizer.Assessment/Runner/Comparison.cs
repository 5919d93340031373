using System.Collections.Immutable;
using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Assessment.Runner;

/// <summary>A named scenario to compare: its overrides and the region they produce.</summary>
public sealed record ScenarioInput(string Name, ImmutableArray<string> Overrides, Region Region);

/// <summary>A figure in a scenario and its change from the base scenario (scenario minus base).</summary>
public sealed record Delta(double Value, double VersusBase);

/// <summary>The KPIs of <see cref="Kpis"/>, each with its change from base.</summary>
public sealed record KpiDeltas(Delta NetBenefit, Delta ObjectiveGain, Delta Co2Avoided, Delta LandfillAvoided, Delta VirginMaterialAvoided, Delta TransportEmissions, Delta MandateShortfall)
{
    public static KpiDeltas Of(Kpis k, Kpis b) => new(
        new(k.NetBenefit, k.NetBenefit - b.NetBenefit),
        new(k.ObjectiveGain, k.ObjectiveGain - b.ObjectiveGain),
        new(k.Co2Avoided, k.Co2Avoided - b.Co2Avoided),
        new(k.LandfillAvoided, k.LandfillAvoided - b.LandfillAvoided),
        new(k.VirginMaterialAvoided, k.VirginMaterialAvoided - b.VirginMaterialAvoided),
        new(k.TransportEmissions, k.TransportEmissions - b.TransportEmissions),
        new(k.MandateShortfall, k.MandateShortfall - b.MandateShortfall));
}

/// <summary>Actors summed by kind or by municipality: net benefit, CO2e and landfill avoided against today.</summary>
public sealed record GroupResult(string Group, int Actors, Delta NetBenefit, Delta Co2Avoided, Delta LandfillAvoided);

/// <summary>A cost per tonne with its sign explained in words; null (shown as "-") only with the reason beside it.</summary>
public sealed record CostPerTonne(double? Value, string Explanation);

/// <summary>
/// What a scenario changes against base, per year, plan against plan (each under its own policies): positive is
/// better for that party than in base. Society = firms + public budget + externalities, exactly as in the accounts
/// of one result, because every tax and subsidy is paid by an actor and received by the state.
/// </summary>
/// <param name="Firms">Money of every actor that is not a municipality: base's costs minus the scenario's.</param>
/// <param name="LandfillTax">Landfill tax the state collects in the scenario's plan minus in base's.</param>
/// <param name="Subsidies">Subsidies as a change of the state budget (negative: the state pays more than in base).</param>
/// <param name="Municipalities">The municipalities' own money, base's costs minus the scenario's.</param>
/// <param name="Co2Avoided">t CO2e/yr the scenario's plan emits less than base's.</param>
/// <param name="Externalities">Co2Avoided valued at base's social value of CO2 (one yardstick for every scenario).</param>
/// <param name="ResourceSavings">Real resource costs of base's plan minus the scenario's (transfers netted out).</param>
/// <param name="PublicCostPerTonneCo2">Public money spent per extra t CO2e avoided: -(public budget change) / CO2e change.</param>
/// <param name="PublicCostPerTonneLandfill">Public money spent per extra t kept out of landfill.</param>
/// <param name="SocietyCostPerTonneCo2">Society's resource cost per extra t CO2e avoided: -(resource savings) / CO2e change.</param>
/// <param name="Verdict">Who gains and who pays, in one sentence.</param>
public sealed record PolicyEffect(
    double Firms,
    double LandfillTax,
    double IncinerationTax,
    double Subsidies,
    double State,
    double Municipalities,
    double PublicBudget,
    double Co2Avoided,
    double LandfillAvoided,
    double SocialCo2Value,
    double Externalities,
    double ResourceSavings,
    double Society,
    CostPerTonne PublicCostPerTonneCo2,
    CostPerTonne PublicCostPerTonneLandfill,
    CostPerTonne SocietyCostPerTonneCo2,
    string Verdict);

public sealed record ScenarioComparison(
    string Name,
    ImmutableArray<string> Overrides,
    ResultStatus Status,
    SolvedVariant Variant,
    KpiDeltas? Kpis,
    ImmutableArray<GroupResult> ByKind,
    ImmutableArray<GroupResult> ByMunicipality,
    PolicyEffect? Effect,
    ImmutableArray<ExchangeId> ExchangesAdded,
    ImmutableArray<ExchangeId> ExchangesDropped);

public sealed record ComparisonResult(string BaseName, ImmutableArray<ScenarioComparison> Scenarios);

/// <summary>Solves every scenario (base first) in parallel and reports each against base.</summary>
public static class Comparison
{
    /// <summary>The first input is the base every other scenario is measured against.</summary>
    public static ComparisonResult Run(IReadOnlyList<ScenarioInput> inputs, SolveOptions options, ProgressReport? progress = null)
    {
        if (inputs.Count == 0)
        {
            throw new ArgumentException("at least the base scenario is needed", nameof(inputs));
        }

        var solved = Solving.InParallel(inputs, (s, _) => Solving.Solve(s.Name, s.Overrides, s.Region, options), (s, _) => s.Name, progress, options.Cancel);
        return Compare(solved);
    }

    /// <summary>
    /// The scenarios of <paramref name="shard"/> (input i when i mod N = K) against base, in input order. Every shard
    /// solves base, which each scenario is measured against; base is listed only by the shard that holds input 0.
    /// </summary>
    public static (ImmutableArray<int> Items, ComparisonResult Result) RunShard(IReadOnlyList<ScenarioInput> inputs, SolveOptions options, ShardSpec shard, ProgressReport? progress = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
        {
            throw new ArgumentException("at least the base scenario is needed", nameof(inputs));
        }

        var mine = shard.Items(inputs.Count);
        var list = new List<ScenarioInput> { inputs[0] };
        list.AddRange(mine.Where(i => i > 0).Select(i => inputs[i]));
        var solved = Solving.InParallel(list, (s, _) => Solving.Solve(s.Name, s.Overrides, s.Region, options), (s, _) => s.Name, progress, options.Cancel);
        var all = Compare(solved);
        return (mine, all with { Scenarios = shard.Owns(0) ? all.Scenarios : all.Scenarios.RemoveAt(0) });
    }

    public static ComparisonResult Compare(ImmutableArray<SolvedVariant> solved)
    {
        var b = solved[0];
        var list = solved.Select(v => Against(v, b)).ToImmutableArray();
        return new ComparisonResult(b.Name, list);
    }

    private static ScenarioComparison Against(SolvedVariant v, SolvedVariant b)
    {
        var r = v.Result;
        if (r.Kpis is not { } k || b.Result.Kpis is not { } bk)
        {
            return new ScenarioComparison(v.Name, v.Overrides, r.Status, v, null, [], [], null, [], []);
        }

        var byKind = Groups(v, b, a => Kebab(a.Kind.ToString()));
        var byMunicipality = Groups(v, b, a => a.Municipality ?? "(none)");
        var split = Effect(v, b);
        var keys = ExchangeKeys(r);
        var baseKeys = ExchangeKeys(b.Result);
        return new ScenarioComparison(v.Name, v.Overrides, r.Status, v, KpiDeltas.Of(k, bk), byKind, byMunicipality, split,
            [.. keys.Except(baseKeys).Order()], [.. baseKeys.Except(keys).Order()]);
    }

    /// <summary>An exchange's identity across runs: source, sink and mode.</summary>
    public static ExchangeId ExchangeKey(ExchangeOutcome e) => e.Id;

    public static ImmutableHashSet<ExchangeId> ExchangeKeys(OptimizationResult r) => [.. r.Exchanges.Select(ExchangeKey)];

    /// <summary>What one plan costs each party, per year, in absolute terms under its own policies.</summary>
    private sealed record Levels(double Firms, double Municipalities, double LandfillTax, double IncinerationTax, double Subsidies, double Real, double Emissions, double Landfill)
    {
        public static Levels Of(SolvedVariant s)
        {
            var plan = s.Result.Chosen;
            bool Municipal(LedgerEntry e) => s.Region.HasActor(e.ActorId) && s.Region.Actor(e.ActorId).Kind == ActorKind.Municipality;
            return new Levels(
                plan.Ledger(LedgerKind.Money, e => !Municipal(e)),
                plan.Ledger(LedgerKind.Money, Municipal),
                plan.Ledger(LedgerKind.Money, e => e.Transfer == LedgerTransfer.LandfillTax),
                plan.Ledger(LedgerKind.Money, e => e.Transfer == LedgerTransfer.IncinerationTax),
                plan.Ledger(LedgerKind.Money, e => e.Transfer == LedgerTransfer.InvestmentSubsidy),
                plan.Ledger(LedgerKind.Money, e => e.Transfer == LedgerTransfer.None),
                plan.Ledger(LedgerKind.Emissions),
                plan.Ledger(LedgerKind.Landfill));
        }
    }

    /// <remarks>
    /// Plan against plan: a tax raise that changes no exchange moves money from firms to the state on the tonnes still
    /// landfilled and changes nothing for society, which comparing each scenario with its own "today" would hide.
    /// </remarks>
    private static PolicyEffect Effect(SolvedVariant v, SolvedVariant b)
    {
        var cur = b.Region.Economics.Currency;
        var s = Levels.Of(v);
        var o = Levels.Of(b);
        var firms = o.Firms - s.Firms;
        var municipalities = o.Municipalities - s.Municipalities;
        var landfillTax = s.LandfillTax - o.LandfillTax;
        var incinerationTax = s.IncinerationTax - o.IncinerationTax;
        var subsidies = s.Subsidies - o.Subsidies;
        var state = landfillTax + incinerationTax + subsidies;
        var budget = state + municipalities;
        var co2 = o.Emissions - s.Emissions;
        var landfill = o.Landfill - s.Landfill;
        var social = Accounts.Accounts.SocialValue(b.Region).Value;
        var externalities = co2 * social;
        var resources = o.Real - s.Real;
        var society = resources + externalities;
        var isBase = ReferenceEquals(v, b);
        var co2Tol = 1e-6 * Math.Max(1, Math.Abs(o.Emissions));
        var lfTol = 1e-6 * Math.Max(1, Math.Abs(o.Landfill));
        CostPerTonne PerTonne(double cost, double tonnes, double tol, string what, string spent, string gains)
        {
            if (isBase)
            {
                return new(null, "base: nothing to compare with");
            }

            if (tonnes < -tol)
            {
                return new(null, string.Create(Inv, $"the plan has {-tonnes:#,##0.0} t/yr more {what} than base, so there is no cost per tonne avoided"));
            }

            if (tonnes <= tol)
            {
                return new(null, $"the plan avoids no more {what} than base");
            }

            var perTonne = cost / tonnes;
            return new(perTonne, perTonne > 0 ? spent : gains);
        }

        var publicCo2 = PerTonne(-budget, co2, co2Tol, "CO2e", "public money spent per extra t CO2e avoided", "the public budget gains and CO2e falls: a win-win");
        var publicLandfill = PerTonne(-budget, landfill, lfTol, "landfill", "public money spent per extra t kept out of landfill", "the public budget gains and landfill falls: a win-win");
        var societyCo2 = PerTonne(-resources, co2, co2Tol, "CO2e", "society's resource cost per extra t CO2e avoided", "society saves resources and CO2e falls: a win-win");
        string Who(string party, double x) => string.Create(Inv, $"{party} {(x >= 0 ? "gain" : "pay")} {Math.Abs(x):#,##0} {cur}/yr");
        var verdict = isBase ? "base: nothing to compare with" : string.Create(Inv,
            $"Against base: {Who("firms", firms)}, {Who("the state", state).Replace("the state gain ", "the state gains ", StringComparison.Ordinal).Replace("the state pay ", "the state pays ", StringComparison.Ordinal)}, {Who("municipalities", municipalities)}; CO2e {(co2 >= 0 ? "falls" : "rises")} by {Math.Abs(co2):#,##0.0} t/yr; society {(society >= 0 ? "gains" : "loses")} {Math.Abs(society):#,##0} {cur}/yr.");
        return new PolicyEffect(firms, landfillTax, incinerationTax, subsidies, state, municipalities, budget, co2, landfill, social, externalities, resources, society,
            publicCo2, publicLandfill, societyCo2, verdict);
    }

    private static readonly System.Globalization.CultureInfo Inv = System.Globalization.CultureInfo.InvariantCulture;

    private static ImmutableArray<GroupResult> Groups(SolvedVariant v, SolvedVariant b, Func<Actor, string> key)
    {
        var baseByActor = b.Result.Actors.ToDictionary(a => a.Id, StringComparer.Ordinal);
        return [.. v.Result.Actors
            .GroupBy(a => key(v.Region.Actor(a.Id)), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                double Base(Func<ActorOutcome, double> f) => g.Sum(a => baseByActor.TryGetValue(a.Id, out var x) ? f(x) : 0);
                var nb = g.Sum(a => a.NetBenefit);
                var co2 = g.Sum(a => a.Co2Avoided);
                var lf = g.Sum(a => a.LandfillAvoided);
                return new GroupResult(g.Key, g.Count(), new(nb, nb - Base(a => a.NetBenefit)), new(co2, co2 - Base(a => a.Co2Avoided)), new(lf, lf - Base(a => a.LandfillAvoided)));
            })];
    }

    internal static string Kebab(string s) => string.Concat(s.Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
