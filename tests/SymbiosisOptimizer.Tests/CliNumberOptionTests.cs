using SymbiosisOptimizer.Cli;
using static SymbiosisOptimizer.Tests.CliHarness;

namespace SymbiosisOptimizer.Tests;

/// <summary>A number option given something else is refused in plain words, never with a .NET type name.</summary>
public sealed class CliNumberOptionTests
{
    [Theory]
    [InlineData("run", "--time-limit", "abc", "--time-limit abc is not allowed; give a number")]
    [InlineData("share", "--samples", "abc", "--samples abc is not allowed; give a whole number")]
    [InlineData("share", "--solve-budget", "1.5", "--solve-budget 1.5 is not allowed; give a whole number")]
    [InlineData("share", "--separation-budget", "ten", "--separation-budget ten is not allowed; give a whole number")]
    public void A_word_for_a_number_is_a_usage_error_in_plain_words(string command, string option, string value, string expected)
    {
        var (code, _, err) = Run(command, TestPaths.Fixture("tiny"), option, value);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("error: " + expected, err, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_decimal_comma_is_refused_rather_than_read_as_a_thousands_separator()
    {
        // "1,5" parsed invariantly is 15 (the comma groups thousands): ten times the 1.5 s a Swedish user means.
        var (code, _, err) = Run("run", TestPaths.Fixture("tiny"), "--time-limit", "1,5");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("error: --time-limit 1,5 is not allowed; write decimals with a point (e.g. 1.5)", err, StringComparison.Ordinal);
    }
}
