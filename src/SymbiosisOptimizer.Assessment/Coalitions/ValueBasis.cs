namespace SymbiosisOptimizer.Assessment.Coalitions;

/// <summary>What a coalition value v(S) measures, and so what a sharing splits.</summary>
public enum ValueBasis
{
    /// <summary>
    /// Money saved per year (region currency): today's money minus the money of the plan S chooses. S chooses by the
    /// scenario's objective, so for the grand coalition this is the report's net benefit.
    /// </summary>
    Money,

    /// <summary>
    /// The objective's gain per year: money plus CO2e avoided at the scenario's CO2 price plus landfill avoided at its
    /// landfill value, all in the region currency.
    /// </summary>
    Objective,
}
