namespace SymbiosisOptimizer.Domain.Quantities;

/// <summary>A named unit: multiply a value in this unit by <see cref="Factor"/> to get the base unit of its dimension.</summary>
/// <remarks>
/// Base units are chosen to keep solver coefficients near 1 for regional flows: tonne, MWh, m3, km, tonne CO2e, year,
/// hectare, one unit of currency, degree Celsius.
/// </remarks>
public sealed record Unit(string Symbol, double Factor, Dimension Dimension);
