using System.Collections.Immutable;

namespace SymbiosisOptimizer.Assessment.Sharing;

/// <summary>
/// The answer of a separation: the proper coalition with the largest excess v(S) - x(S) that the oracle found, and
/// an upper bound on the largest excess of every proper coalition not excluded.
/// </summary>
/// <param name="Coalition">Null when every proper coalition is excluded.</param>
/// <param name="UpperBound">No proper coalition outside the excluded ones has an excess above this.</param>
/// <param name="Exact">The bound is the candidate's own excess (the oracle measured v(S) itself, not a relaxation).</param>
public sealed record Separation(MemberSet? Coalition, double UpperBound, bool Exact)
{
    /// <summary>
    /// Other coalitions the same separation met with a high excess at this split, best first (none excluded, none
    /// equal to <see cref="Coalition"/>): the generation adds those it finds violated in the same round, so a separation
    /// that is many solves (<see cref="Coalitions.HybridPartsOracle"/>) yields more than one row for them.
    /// </summary>
    public ImmutableArray<MemberSet> More { get; init; } = [];
}

/// <summary>
/// A game known through two questions: the value of a coalition, and which proper coalition is most unhappy with a
/// split (the separation problem of constraint generation). For a region, the second is one MILP over actor-membership
/// binaries that embeds the exchange model, so no method needs all 2^n coalitions.
/// </summary>
public interface ICoalitionOracle
{
    int PlayerCount { get; }

    /// <summary>v(N).</summary>
    double GrandValue { get; }

    /// <summary>v(S), exactly (to the solver's tolerance); the same set gives the same value every time.</summary>
    double Value(MemberSet coalition);

    /// <summary>The proper, non-empty coalition maximising v(S) - x(S), skipping <paramref name="excluded"/>.</summary>
    Separation MostViolated(IReadOnlyList<double> x, IReadOnlyCollection<MemberSet> excluded);

    /// <summary>Coalition solves spent so far (for progress and benchmarks).</summary>
    int Solves { get; }

    /// <summary>
    /// A cheap guess at a violated coalition before the full separation (a search over coalitions already valued);
    /// it proves nothing, so the generation uses it only when its true excess clears the threshold. Null: no guess.
    /// </summary>
    MemberSet? Guess(IReadOnlyList<double> x, IReadOnlyCollection<MemberSet> excluded) => null;

    /// <summary>
    /// Every proper, non-empty coalition not excluded, in decreasing excess at <paramref name="x"/>, produced lazily, when
    /// the oracle is exact and can rank cheaply (enumeration over parts); null otherwise. The nucleolus walks it once per
    /// split, skipping the coalitions whose surplus the settled ones fix, instead of one separation per skipped one.
    /// </summary>
    /// <param name="mixing">When given: only coalitions holding some but not all of these players.</param>
    /// <param name="fixedSurplus">With <paramref name="mixing"/>: whether a coalition's surplus is fixed; the oracle may
    /// then skip every coalition that differs from it only outside <paramref name="mixing"/> (see <see cref="PartSearch.Ranked"/>).</param>
    IEnumerable<(MemberSet Coalition, double Excess)>? Ranked(IReadOnlyList<double> x, IReadOnlyCollection<MemberSet> excluded, MemberSet? mixing, Func<MemberSet, bool>? fixedSurplus) => null;
}

/// <summary>Separation by enumerating every coalition of an explicit game: the reference constraint generation is tested against.</summary>
public sealed class EnumerationOracle : ICoalitionOracle
{
    private readonly double[] values;

    public EnumerationOracle(CooperativeGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        var benefit = game.ToSavingsGame();
        values = benefit.RequireExplicit("Enumeration");
        PlayerCount = game.PlayerCount;
    }

    public int PlayerCount { get; }

    public double GrandValue => values[^1];

    public int Solves => 0;

    public double Value(MemberSet coalition)
    {
        ArgumentNullException.ThrowIfNull(coalition);
        return values[(int)coalition.ToMask()];
    }

    public Separation MostViolated(IReadOnlyList<double> x, IReadOnlyCollection<MemberSet> excluded)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(excluded);
        var skip = excluded.Select(e => e.ToMask()).ToHashSet();
        var best = double.NegativeInfinity;
        ulong arg = 0;
        for (ulong s = 1; s < (ulong)values.Length - 1; s++)
        {
            if (skip.Contains(s))
            {
                continue;
            }

            var e = values[s] - ExcessLp.Sum([.. x], s);
            if (e > best)
            {
                (best, arg) = (e, s);
            }
        }

        return arg == 0 ? new Separation(null, double.NegativeInfinity, true) : new Separation(MemberSet.FromMask(PlayerCount, arg), best, true);
    }
}

/// <summary>A coalition the result names, with its value and its excess at the result's split.</summary>
public sealed record CoalitionExcess(ImmutableArray<int> Members, double Value, double Excess);
