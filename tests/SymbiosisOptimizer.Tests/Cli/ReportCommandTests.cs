using SymbiosisOptimizer.Cli;
using SymbiosisOptimizer.Reports;

namespace SymbiosisOptimizer.Tests.Cli;

/// <summary>`symbiosis report --company` and `--all-companies` as a user calls them.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "symbiosis-report-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void An_unknown_actor_is_an_invalid_input_listing_the_valid_ids()
    {
        var (code, _, err) = CliHarness.Run("report", TestPaths.Scenario("kronoberg-kalmar-water"), "--company", "nobody", "--out", dir);
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("'nobody' is not an actor", err, StringComparison.Ordinal);
        Assert.Contains("vaxjo-food, vaxjo-board", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void Company_or_all_companies_must_be_given_once()
    {
        Assert.Equal(ExitCodes.Usage, CliHarness.Run("report", TestPaths.Scenario("kronoberg-kalmar-water"), "--out", dir).Code);
        Assert.Equal(ExitCodes.Usage, CliHarness.Run("report", TestPaths.Scenario("kronoberg-kalmar-water"), "--company", "vaxjo-food", "--all-companies", "--out", dir).Code);
    }

    [Fact]
    public void All_companies_writes_one_folder_per_actor_with_the_three_files()
    {
        var (code, _, err) = CliHarness.Run("report", TestPaths.Scenario("kronoberg-kalmar-water"), "--all-companies", "--out", dir);
        Assert.True(code == ExitCodes.Ok, err);
        var region = TestPaths.Load(TestPaths.Scenario("kronoberg-kalmar-water"));
        Assert.Equal(region.Actors.Select(a => a.Id).Order(StringComparer.Ordinal), Directory.GetDirectories(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var a in region.Actors)
        {
            foreach (var f in new[] { CompanyReports.JsonFile, CompanyReports.WorkbookFile, CompanyReports.HtmlFile })
            {
                Assert.True(File.Exists(Path.Combine(dir, a.Id, f)), $"{a.Id}/{f}");
            }

            var doc = CompanyReports.Deserialize(File.ReadAllText(Path.Combine(dir, a.Id, CompanyReports.JsonFile)));
            Assert.Equal(a.Id, doc!.Company.Id);
        }
    }
}
