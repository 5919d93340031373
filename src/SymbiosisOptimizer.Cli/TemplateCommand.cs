using System.CommandLine;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Scenarios;
using SymbiosisOptimizer.Scenarios.Excel;

namespace SymbiosisOptimizer.Cli;

/// <summary>`symbiosis template --out model.xlsx [--from scenario]`: the Excel workbook to fill in instead of YAML.</summary>
internal static class TemplateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var outFile = new Option<string>("--out", "-o") { Description = "The workbook to write (.xlsx)", Required = true };
        var from = new Option<string?>("--from") { Description = "Fill the workbook from this scenario folder or file (with its overrides, scenarios and uncertainty)" };
        var cmd = new Command("template", "Write an Excel workbook to fill in (sheets for actors, resources, supplies, demands, ...); validate and run read it like YAML")
        {
            outFile, from,
        };
        cmd.SetAction(parse =>
        {
            var path = parse.GetValue(outFile)!;
            if (!XlsxNodeReader.IsWorkbook(path))
            {
                stderr.WriteLine($"error: --out '{path}' must end in .xlsx");
                return ExitCodes.Usage;
            }

            MapNode? tree = null;
            var protectedInputs = new List<string>();
            if (parse.GetValue(from) is { } source)
            {
                var load = ScenarioLoader.Load(source);
                Report.Diagnostics(load, stderr);
                var diag = new DiagnosticBag();
                tree = load.Succeeded ? ScenarioLoader.ReadBaseTree(source, diag) : null;
                if (tree is null)
                {
                    stderr.WriteLine($"{load.SourceFile}: invalid; no template was written.");
                    return ExitCodes.InvalidInput;
                }

                protectedInputs.Add(ScenarioLoader.ResolvePath(source));
            }

            try
            {
                OutputFolder.WriteFile(path, ExcelTemplate.Build(tree), protectedInputs, Interrupt.Token);
            }
            catch (OutputFolderException ex)
            {
                stderr.WriteLine("error: " + ex.Message);
                return ex.Busy ? ExitCodes.OutputFailed : ExitCodes.Usage;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: cannot write {path}: {ex.Message}");
                return ExitCodes.OutputFailed;
            }

            stdout.WriteLine($"Wrote {path}{(tree is null ? string.Empty : " (filled from " + parse.GetValue(from) + ")")}. Fill it in, then: symbiosis validate {path}");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
