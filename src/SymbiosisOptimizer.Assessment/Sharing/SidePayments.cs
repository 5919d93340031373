using System.Collections.Immutable;

namespace SymbiosisOptimizer.Assessment.Sharing;

/// <param name="Player">Player id.</param>
/// <param name="OwnResult">What the player gets (benefit game) or bears (cost game) in the joint solution before transfers.</param>
/// <param name="Allocated">What the sharing method says the player should end up with.</param>
/// <param name="Transfer">
/// Allocated - OwnResult. Benefit game: positive means the player receives this amount from the pool.
/// Cost game: positive means the player pays this amount into the pool (its fair cost exceeds what it bears).
/// </param>
/// <param name="Direction">"receives", "pays" or "none", spelled out so reports cannot misread the sign.</param>
public sealed record SidePayment(string Player, double OwnResult, double Allocated, double Transfer, string Direction);

/// <summary>The net transfers through a common pool that turn the joint solution's outcome into an allocation.</summary>
public sealed record SidePaymentPlan(string Method, GameKind Kind, ImmutableArray<SidePayment> Payments)
{
    /// <summary>Sum of transfers; zero up to rounding, because the pool neither creates nor absorbs money.</summary>
    public double Balance => Payments.Sum(p => p.Transfer);
}

public static class SidePayments
{
    /// <summary>
    /// Transfers that implement <paramref name="allocation"/> given each player's own result in the joint solution.
    /// Both must describe the same total (v(N)); otherwise the transfers could not balance and an
    /// <see cref="ArgumentException"/> names the difference.
    /// </summary>
    public static SidePaymentPlan Compute(Allocation allocation, IReadOnlyList<double> ownResults)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        ArgumentNullException.ThrowIfNull(ownResults);
        int n = allocation.Players.Length;
        if (ownResults.Count != n)
        {
            throw new ArgumentException($"Expected {n} own results, one per player, got {ownResults.Count}.", nameof(ownResults));
        }

        double allocated = allocation.Total;
        double own = ownResults.Sum();
        double scale = Math.Max(1.0, allocation.Amounts.Sum(Math.Abs) + ownResults.Sum(Math.Abs));
        if (Math.Abs(allocated - own) > 1e-9 * scale)
        {
            throw new ArgumentException(
                FormattableString.Invariant($"Own results sum to {own} but the allocation sums to {allocated}; transfers cannot balance."),
                nameof(ownResults));
        }

        // Rounding noise below this is reported as no transfer rather than a payment of 1e-13.
        double negligible = 1e-12 * scale;
        var payments = ImmutableArray.CreateBuilder<SidePayment>(n);
        for (int i = 0; i < n; i++)
        {
            double transfer = allocation.Amounts[i] - ownResults[i];
            string direction = Math.Abs(transfer) <= negligible
                ? "none"
                : (transfer > 0) == (allocation.Kind == GameKind.Value) ? "receives" : "pays";
            payments.Add(new SidePayment(allocation.Players[i], ownResults[i], allocation.Amounts[i], transfer, direction));
        }

        return new SidePaymentPlan(allocation.Method, allocation.Kind, payments.MoveToImmutable());
    }
}
