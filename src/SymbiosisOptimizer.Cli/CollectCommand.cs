using System.CommandLine;
using System.Text;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Scenarios;
using SymbiosisOptimizer.Scenarios.Excel;

namespace SymbiosisOptimizer.Cli;

/// <summary>
/// `symbiosis collect PATH firm1.xlsx ... --out DIR`: merges the firms' returned workbooks (from `symbiosis template
/// --company`) into the regional scenario, written to DIR/scenario.yaml with every change in DIR/changes.txt. The
/// input scenario is never modified.
/// </summary>
internal static class CollectCommand
{
    public const string ScenarioFile = "scenario.yaml";
    public const string ChangesFile = "changes.txt";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var path = RunnerCommon.PathArgument();
        var workbooks = new Argument<string[]>("workbooks") { Description = "The firms' returned workbooks (.xlsx), one per firm", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string>("--out", "-o") { Description = "Folder for the merged scenario.yaml and changes.txt", Required = true };
        var cmd = new Command("collect", "Merge the workbooks firms returned (symbiosis template --company) into the regional scenario, refusing rows about other actors and listing every change")
        {
            path, workbooks, outDir,
        };
        cmd.SetAction(parse =>
        {
            var p = parse.GetValue(path)!;
            var files = parse.GetValue(workbooks) ?? [];
            foreach (var f in files.Where(f => !XlsxNodeReader.IsWorkbook(f)))
            {
                stderr.WriteLine($"error: '{f}' is not a workbook (.xlsx); give the files written by symbiosis template --company");
                return ExitCodes.Usage;
            }

            var load = RunnerCommon.Load(p, null, stderr);
            if (load is null)
            {
                return ExitCodes.InvalidInput;
            }

            var diag = new DiagnosticBag();
            var baseTree = ScenarioLoader.ReadBaseTree(p, diag);
            var firms = new List<MapNode>();
            foreach (var f in files)
            {
                if (XlsxNodeReader.Read(f, f, diag) is { } tree)
                {
                    firms.Add(tree);
                }
            }

            var result = baseTree is null || diag.HasErrors ? null : FirmWorkbooks.Merge(baseTree, firms, diag);
            foreach (var d in diag.ToImmutable())
            {
                stderr.WriteLine(d.ToString());
            }

            if (result?.Merged is not { } merged)
            {
                stderr.WriteLine($"Nothing was collected: {diag.ToImmutable().Count(d => d.Severity == Severity.Error)} error(s); {load.SourceFile} is unchanged and nothing was written.");
                return ExitCodes.InvalidInput;
            }

            var yaml = ScenarioYaml.Write(merged, $"{load.SourceFile} with the rows collected from {string.Join(", ", files.Select(Path.GetFileName))}\nwritten by symbiosis collect; the comments of the original are not kept");
            if (!Valid(yaml, stderr))
            {
                return ExitCodes.InvalidInput;
            }

            var changes = new StringBuilder();
            changes.Append($"Changes against {load.SourceFile}, by firm ({result.Firms.Length} workbook(s)):\n");
            foreach (var c in result.Changes)
            {
                changes.Append(c).Append('\n');
            }

            if (result.Changes.IsEmpty)
            {
                changes.Append("(no changes: the workbooks repeat the scenario's rows)\n");
            }

            var inputs = RunnerCommon.Inputs(p).Concat(files.Select(Path.GetFullPath)).ToList();
            var dir = parse.GetValue(outDir)!;
            return RunnerCommon.WithOutput(dir, "collect", inputs, stderr, folder =>
            {
                if (!RunnerCommon.Publish(folder, true, staging =>
                    {
                        AtomicFile.WriteAllText(Path.Combine(staging, ScenarioFile), yaml, inputs);
                        AtomicFile.WriteAllText(Path.Combine(staging, ChangesFile), changes.ToString(), inputs);
                    }, stderr, out var failure))
                {
                    return failure;
                }

                stdout.Write(changes.ToString());
                stdout.WriteLine($"Wrote {Path.Combine(dir, ScenarioFile)} and {Path.Combine(dir, ChangesFile)}; {load.SourceFile} is unchanged.");
                return ExitCodes.Ok;
            });
        });
        return cmd;
    }

    /// <summary>The merged scenario must load like any other before it is written (a firm may have typed a bad value).</summary>
    private static bool Valid(string yaml, TextWriter stderr)
    {
        var tmp = Directory.CreateTempSubdirectory("symbiosis-collect-");
        try
        {
            var file = Path.Combine(tmp.FullName, ScenarioFile);
            File.WriteAllText(file, yaml, new UTF8Encoding(false));
            var load = ScenarioLoader.Load(file, new LoadOptions(ValidateAllScenarios: true));
            if (load.Succeeded)
            {
                return true;
            }

            foreach (var d in load.Errors)
            {
                stderr.WriteLine($"merged scenario: {d.Location.ToString().Replace(file, ScenarioFile, StringComparison.Ordinal)}: {d.Field}: {d.Message}");
            }

            stderr.WriteLine("The merged scenario is invalid (a value from a firm's workbook); nothing was written.");
            return false;
        }
        finally
        {
            tmp.Delete(recursive: true);
        }
    }
}
