using System.CommandLine;

namespace SymbiosisOptimizer.Cli;

/// <summary>The `symbiosis` command line. Every user mistake ends in a plain message and a non-zero exit, never a stack trace.</summary>
public static class SymbiosisCli
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand(
            "SymbiosisOptimizer: which exchanges of by-products, heat, water and CO2 between actors pay off, for whom, " +
            "and what CO2 and landfill they avoid.")
        {
            ValidateCommand.Create(stdout, stderr),
            RunCommand.Create(stdout, stderr),
            ShareCommand.Create(stdout, stderr),
            CompareCommand.Create(stdout, stderr),
            BarriersCommand.Create(stdout, stderr),
            SweepCommand.Create(stdout, stderr),
            MonteCarloCommand.Create(stdout, stderr),
            RobustCommand.Create(stdout, stderr),
            AlternativesCommand.Create(stdout, stderr),
            MergeCommand.Create(stdout, stderr),
            GenerateCommand.Create(stdout, stderr),
            ExportCommand.Create(stdout, stderr),
            TemplateCommand.Create(stdout, stderr),
            ReportCommand.Create(stdout, stderr),
            CollectCommand.Create(stdout, stderr),
            ServeCommand.Create(stdout, stderr),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                stderr.WriteLine("error: " + e.Message);
            }

            stderr.WriteLine("Run 'symbiosis --help' (or 'symbiosis <command> --help') to see what is allowed.");
            return ExitCodes.Usage;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (Exception ex) when (Failures.IsInterrupt(ex))
        {
            stderr.WriteLine(Interrupt.Message());
            return ExitCodes.Interrupted;
        }
        catch (Exception ex)
        {
            return Failures.Internal(ex, stderr);
        }
    }
}
