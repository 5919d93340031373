using System.CommandLine;
using System.Text;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Network;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Cli;

internal static class ExportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var path = new Argument<string>("path") { Description = "A scenario folder (with scenario.yaml) or a .yaml file" };
        var mps = new Option<bool>("--mps") { Description = "Write the exchange MILP in free MPS format (the only format so far)", DefaultValueFactory = _ => true };
        var scenario = CommonOptions.Scenario();
        var outFile = new Option<string>("--out", "-o") { Description = "The .mps file to write", Required = true };
        var cmd = new Command("export", "Write the optimisation model of a scenario in MPS format, to solve it with another solver (e.g. glpsol --freemps)")
        {
            path, mps, scenario, outFile,
        };
        cmd.SetAction(parse =>
        {
            var p = parse.GetValue(path)!;
            var load = ScenarioLoader.Load(p, new LoadOptions(parse.GetValue(scenario)));
            Report.Diagnostics(load, stderr);
            if (!load.Succeeded)
            {
                stderr.WriteLine($"{load.SourceFile}: invalid: {load.Errors.Count()} error(s); nothing was exported.");
                return ExitCodes.InvalidInput;
            }

            var region = load.Region!;
            var ctx = ExchangeFormulation.Build(region, CandidateNetworkBuilder.Build(region), new FormulationOptions());
            var text = OrToolsSolver.ExportMps(ctx.Model);
            var file = parse.GetValue(outFile)!;
            try
            {
                OutputFolder.WriteFile(file, new UTF8Encoding(false).GetBytes(text), [ScenarioLoader.ResolvePath(p)], Interrupt.Token);
            }
            catch (OutputFolderException ex)
            {
                stderr.WriteLine("error: " + ex.Message);
                return ex.Busy ? ExitCodes.OutputFailed : ExitCodes.Usage;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: cannot write '{file}': {ex.Message}");
                return ExitCodes.OutputFailed;
            }

            var size = OrToolsSolver.SizeOf(ctx.Model);
            stdout.WriteLine($"Wrote {file} (free MPS, minimise; {size.Rows} rows x {size.Columns} columns, {size.Binaries} binaries; the objective constant is {ctx.Model.ObjectiveOffset.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}).");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
