using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Excel;
using SymbiosisOptimizer.Reports.Localization;
using SymbiosisOptimizer.Scenarios;
using SymbiosisOptimizer.Scenarios.Generation;

namespace SymbiosisOptimizer.Tests.Reports;

/// <summary>
/// A finding is one readable sentence at any region size. On the generated 5 000-actor region the "who pays" and
/// "plants and permits" findings named every actor and plant, one sentence grew past the 32 767 characters a
/// spreadsheet cell holds, and `run` failed while writing report.xlsx after a successful solve.
/// </summary>
public class FindingLengthTests
{
    [Fact]
    public void A_list_names_at_most_five_items_and_counts_the_rest()
    {
        // Nine items, one more than a finding lists in full: the first five by name, then 9 - 5 = 4 counted.
        var nine = new[] { "a", "b", "c", "d", "e", "f", "g", "h", "i" };
        Assert.Equal("a, b, c, d, e, and 4 more (see the table)", FindingText.Listed(nine, ", ", "the table"));
        Assert.Equal("a; b; c; d; e; f; g; h", FindingText.Listed(nine[..8], "; ", "the table"));
        Assert.Equal(string.Empty, FindingText.Listed([], "; ", "the table"));
    }

    [Fact]
    public void Every_finding_of_a_generated_region_stays_a_sentence_and_its_workbook_is_written()
    {
        var dir = Directory.CreateTempSubdirectory("findings-");
        try
        {
            var file = Path.Combine(dir.FullName, "scenario.yaml");
            File.WriteAllText(file, InstanceGenerator.Generate(new GeneratorOptions(400, 8, 1)));
            var load = ScenarioLoader.Load(file);
            var settings = new RunSettings(new SolveOptions(SolverKind.Auto, 10, 1e-2), WhyNot: "off");
            var document = RunPipeline.Solve(load.Region!, new RunProvenance(load.SourceFile, load.ScenarioName, load.AppliedOverrides), settings);

            // 400 actors have more payers than a sentence names: the finding counts the rest instead.
            var payers = document.Actors.Count(a => a.NetBenefit.Value < -0.5);
            Assert.True(payers > FindingText.MaxListed, $"the fixture needs more than {FindingText.MaxListed} payers, has {payers}");
            var whoPays = Assert.Single(document.Findings, f => f.StartsWith("Who pays:", StringComparison.Ordinal));
            Assert.Contains($"and {payers - FindingText.MaxNamed:N0} more (see the actors table)", whoPays, StringComparison.Ordinal);

            // A sentence of eight names with their figures is a few hundred characters; 2 000 leaves room for long names.
            Assert.All(document.Findings, f => Assert.True(f.Length <= 2_000, $"finding of {f.Length} characters: {f[..Math.Min(80, f.Length)]}..."));
            var workbook = RunWorkbook.Build(new RunReport(load.Region!, document), Language.En);
            Assert.NotEmpty(workbook);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
