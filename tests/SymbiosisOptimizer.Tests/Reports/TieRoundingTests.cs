using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Localization;

namespace SymbiosisOptimizer.Tests.Reports;

/// <summary>
/// A figure reads the same in a finding, a table and a spreadsheet cell. The bundled report said "15,135,444" in its
/// first finding and "15,135,445" in its key-figure box for the same 15 135 444.5 SEK/yr: .NET's standard "N0" rounds a
/// tie to even, the tables' "#,##0" (and Excel's cell formats) away from zero.
/// </summary>
public class TieRoundingTests
{
    [Theory]
    // Ties away from zero, by hand: 15 135 444.5 -> 15 135 445; 2.5 -> 3; -2.5 -> -3; 0.25 at one decimal -> 0.3.
    [InlineData(15135444.5, 0, "15,135,445")]
    [InlineData(2.5, 0, "3")]
    [InlineData(-2.5, 0, "-3")]
    [InlineData(0.25, 1, "0.3")]
    [InlineData(1234.5678, 2, "1,234.57")]
    public void A_tie_rounds_away_from_zero_as_the_tables_and_the_workbook_do(double value, int decimals, string expected)
    {
        Assert.Equal(expected, Figures.Fixed(value, decimals));
        Assert.Equal(value.ToString("#,##0" + (decimals > 0 ? "." + new string('0', decimals) : string.Empty), System.Globalization.CultureInfo.InvariantCulture), Figures.Fixed(value, decimals));
    }

    [Fact]
    public void Swedish_groups_with_a_no_break_space_and_rounds_the_same_tie_the_same_way()
    {
        // 15 135 444.5 in Swedish: groups of three separated by a no-break space, the tie rounded up as in English.
        Assert.Equal("15\u00a0135\u00a0445", Figures.Fixed(15135444.5, 0, Language.Sv));
    }

    [Fact]
    public void The_bundled_report_writes_its_net_benefit_the_same_in_the_finding_and_the_key_figures()
    {
        var html = File.ReadAllText(Path.Combine(TestPaths.Root, "reports", "varmland-dalarna", "report.html"));
        var finding = System.Text.RegularExpressions.Regex.Match(html, "the chosen exchanges save ([0-9,]+) SEK").Groups[1].Value;
        var box = System.Text.RegularExpressions.Regex.Match(html, "<div class=\"value\">([0-9,]+)</div><div class=\"label\">Net benefit").Groups[1].Value;
        Assert.NotEmpty(finding);
        Assert.Equal(box, finding);
    }
}
