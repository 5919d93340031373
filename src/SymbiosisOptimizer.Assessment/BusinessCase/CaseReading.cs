using System.Globalization;
using SymbiosisOptimizer.Domain.Model;

namespace SymbiosisOptimizer.Assessment.BusinessCase;

/// <summary>How large a business case's investment is against what it earns.</summary>
public enum InvestmentSize
{
    /// <summary>Nothing is invested (or the case only saves money): there is nothing to repay and no rate of return.</summary>
    None,

    /// <summary>
    /// Less than <see cref="CaseReadings.MaterialShare"/> of one year's average cash flow: repaid within weeks, so an
    /// IRR would only say "the investment is tiny" in thousands of per cent.
    /// </summary>
    Negligible,

    /// <summary>Large enough for payback and IRR to mean something.</summary>
    Material,
}

/// <summary>
/// A business case as a manager reads it: payback and IRR only where they mean something, every figure in words with
/// its unit and horizon, and a sentence where a figure looks absurd. Computed once here; every report shows it.
/// </summary>
/// <param name="PaybackYears">Null when nothing needs repaying (<see cref="Payback"/> then says "none needed") or when never repaid.</param>
/// <param name="Irr">Only for a material investment whose NPV changes sign; a fraction per year.</param>
/// <param name="Payback">The payback in words: "none needed", "2.3 years", "not within the 15-year horizon".</param>
/// <param name="IrrText">The IRR in words: "no investment", "negligible investment", "13.1 %/yr", "none (never repaid)".</param>
/// <param name="Note">Why a figure looks as it does, when it would puzzle a reader; null otherwise.</param>
public sealed record CaseReading(InvestmentSize Investment, double? PaybackYears, double? Irr, string Payback, string IrrText, string? Note);

public static class CaseReadings
{
    /// <summary>Above this IRR (100 %/yr) the figure is explained in words: it means the investment is small, not that the rate is real.</summary>
    public const double ExplainIrrAbove = 1.0;

    /// <summary>An investment under this share of one year's average cash flow (10 %, about five weeks of saving) is negligible.</summary>
    public const double MaterialShare = 0.1;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Reads a case at the region's discount rate and horizon.</summary>
    public static CaseReading Read(CashFlowCase c, Economics eco, string currency)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(eco);
        var horizon = Math.Max(1, (int)Math.Round(eco.HorizonYears));
        var average = c.AnnualCashFlows.IsEmpty ? 0 : c.AnnualCashFlows.Average();
        var size = c.Investment <= 0.5 ? InvestmentSize.None
            : average > 0 && c.Investment < CaseReadings.MaterialShare * average ? InvestmentSize.Negligible
            : InvestmentSize.Material;
        var npvWords = string.Create(Inv, $"NPV {c.Npv:#,##0} {currency} over {horizon} years at {eco.DiscountRate:0.##%}");
        switch (size)
        {
            case InvestmentSize.None:
                return new CaseReading(size, null, null, "none needed", "no investment",
                    average < 0 ? string.Create(Inv, $"Nothing is invested, but the plan costs this actor {-average:#,##0} {currency}/yr on average before transfer prices ({npvWords}); a transfer price or side payment has to make up for it.") : null);
            case InvestmentSize.Negligible:
                return new CaseReading(size, c.PaybackYears, null, PaybackWords(c.PaybackYears, horizon), "negligible investment",
                    string.Create(Inv, $"The investment of {c.Investment:#,##0} {currency} is repaid by about {Weeks(c.PaybackYears)} of the yearly saving ({average:#,##0} {currency}/yr); an internal rate of return would only say that the investment is small, so none is given. Judge the case by its {npvWords}."));
            default:
                var irr = c.Irr;
                var text = irr is { } i ? string.Create(Inv, $"{i * 100:#,##0.0} %/yr") : c.PaybackYears is null ? "none (never repaid)" : "none";
                string? note = null;
                if (irr is > ExplainIrrAbove)
                {
                    note = string.Create(Inv, $"An IRR of {irr.Value * 100:#,##0} %/yr is not a rate anyone earns on a bank account: it says that the investment of {c.Investment:#,##0} {currency} is small beside the yearly saving of {average:#,##0} {currency}/yr, so it is repaid in {PaybackWords(c.PaybackYears, horizon)}. Judge the case by its {npvWords}.");
                }
                else if (c.PaybackYears is null)
                {
                    note = string.Create(Inv, $"The investment of {c.Investment:#,##0} {currency} is not repaid within the {horizon}-year horizon by this actor's own cash flows ({npvWords}); the plan needs a transfer price or side payment for this actor to take part.");
                }

                return new CaseReading(size, c.PaybackYears, irr, PaybackWords(c.PaybackYears, horizon), text, note);
        }
    }

    private static string PaybackWords(double? years, int horizon) => years switch
    {
        null => string.Create(Inv, $"not within the {horizon}-year horizon"),
        < 1.0 / 12 => string.Create(Inv, $"{years * 52:0.#} weeks"),
        < 1 => string.Create(Inv, $"{years * 12:0.#} months"),
        _ => string.Create(Inv, $"{years:0.0} years"),
    };

    private static string Weeks(double? years) => years is { } y ? string.Create(Inv, $"{Math.Max(0.1, y * 52):0.#} weeks") : "a few weeks";
}
