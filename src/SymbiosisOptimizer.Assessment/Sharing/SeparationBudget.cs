namespace SymbiosisOptimizer.Assessment.Sharing;

/// <summary>
/// Separation problems (MILPs for a region group) that a whole analysis may solve, shared by the least core, minimum
/// subsidy, nucleolus and core checks of every group that needs them, in a fixed order: each takes an even part of what
/// is left among the claims still to come (<see cref="Share"/>), and what it does not use passes on. A count, not a
/// time, so the same input gives the same output; a step it stops is reported as not certified, with its bounds.
/// </summary>
public sealed class SeparationBudget
{
    private readonly SeparationBudget? parent;
    private int spent;

    /// <param name="total">Separations in all.</param>
    public SeparationBudget(int total)
        : this(total, null)
    {
    }

    private SeparationBudget(int total, SeparationBudget? parent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        Total = total;
        this.parent = parent;
    }

    /// <summary>Separations this budget (a whole run's, or one claim's) allows.</summary>
    public int Total { get; }

    /// <summary>The whole run's budget this claim was taken from (its own when it is the run's).</summary>
    public int RunTotal => parent?.RunTotal ?? Total;

    /// <summary>Separations solved against it so far (a claim's count in its parents' too).</summary>
    public int Spent => spent;

    /// <summary>Separations still allowed: none when this claim or any budget it was taken from is used up.</summary>
    public int Left => Math.Max(0, Math.Min(Total - spent, parent?.Left ?? int.MaxValue));

    public bool Exhausted => Left == 0;

    /// <summary>
    /// A claim on this budget for one of <paramref name="ways"/> consumers still to come: what is left divided by them,
    /// rounded up, so the last one gets the rest and a claim the earlier ones left unused.
    /// </summary>
    public SeparationBudget Share(int ways)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ways, 1);
        return new SeparationBudget((Left + ways - 1) / ways, this);
    }

    /// <summary>Counts one separation here and in every budget this claim was taken from.</summary>
    public void Spend()
    {
        for (var b = this; b is not null; b = b.parent)
        {
            Interlocked.Increment(ref b.spent);
        }
    }
}
