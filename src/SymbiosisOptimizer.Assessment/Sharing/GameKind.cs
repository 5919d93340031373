namespace SymbiosisOptimizer.Assessment.Sharing;

/// <summary>What the characteristic function measures, which decides the direction of "better".</summary>
public enum GameKind
{
    /// <summary>v(S) is a benefit (profit, savings, avoided emissions): higher is better, allocations are shares of benefit.</summary>
    Value,

    /// <summary>
    /// c(S) is a cost the coalition must pay on its own: lower is better, allocations are cost shares.
    /// Methods defined on benefit games (nucleolus, least core, core) work on the savings game
    /// s(S) = sum of c({i}) for i in S minus c(S) and convert the result back with x_i = c({i}) - y_i.
    /// </summary>
    Cost,
}
