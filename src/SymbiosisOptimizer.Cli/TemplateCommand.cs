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
        var company = new Option<string?>("--company") { Description = "With --from: only this actor's own rows (its actor row, supplies, demands, processes), for the firm to fill in and return to symbiosis collect" };
        var cmd = new Command("template", "Write an Excel workbook to fill in (sheets for actors, resources, supplies, demands, ...); validate and run read it like YAML")
        {
            outFile, from, company,
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
            var firm = parse.GetValue(company);
            if (firm is not null && parse.GetValue(from) is null)
            {
                stderr.WriteLine("error: --company needs --from <scenario>: the firm's rows are taken from the regional scenario");
                return ExitCodes.Usage;
            }

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
                if (firm is not null)
                {
                    var ids = FirmWorkbooks.ActorIds(tree);
                    if (!ids.Contains(firm))
                    {
                        stderr.WriteLine($"{load.SourceFile}: error: --company '{firm}' is not an actor of the scenario; the actor ids are: {string.Join(", ", ids)}");
                        return ExitCodes.InvalidInput;
                    }

                    tree = FirmWorkbooks.FirmTree(tree, firm);
                }
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

            stdout.WriteLine(firm is not null
                ? $"Wrote {path} with the own rows of '{firm}' only. The firm corrects it and returns it; then: symbiosis collect {parse.GetValue(from)} {path} --out DIR"
                : $"Wrote {path}{(tree is null ? string.Empty : " (filled from " + parse.GetValue(from) + ")")}. Fill it in, then: symbiosis validate {path}");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
