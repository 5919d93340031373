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
        var commas = DecimalCommas(parse);
        if (parse.Errors.Count > 0 || commas.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                stderr.WriteLine("error: " + (NotANumber(e) ?? e.Message));
            }

            foreach (var c in commas)
            {
                stderr.WriteLine("error: " + c);
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

    /// <summary>
    /// Decimal numbers written with a comma: the invariant parser reads "1,5" as 15 (a thousands separator), so a
    /// Swedish decimal comma would silently give ten times the value asked for.
    /// </summary>
    private static List<string> DecimalCommas(ParseResult parse) =>
    [
        .. parse.CommandResult.Children.OfType<System.CommandLine.Parsing.OptionResult>()
            .Where(r => ValueType(r.Option) == typeof(double))
            .SelectMany(r => r.Tokens.Where(t => t.Value.Contains(',', StringComparison.Ordinal))
                .Select(t => $"{r.Option.Name} {t.Value} is not allowed; write decimals with a point (e.g. 1.5), without thousands separators")),
    ];

    /// <summary>
    /// A number option given something that is not a number, in plain words: the parser's own message names .NET types
    /// ("expected type 'System.Nullable`1[System.Double]'"). Null for every other error, which keeps the parser's words.
    /// </summary>
    private static string? NotANumber(System.CommandLine.Parsing.ParseError e)
    {
        var option = (e.SymbolResult as System.CommandLine.Parsing.OptionResult ?? e.SymbolResult?.Parent as System.CommandLine.Parsing.OptionResult)?.Option;
        if (option is null)
        {
            return null;
        }

        var type = ValueType(option);
        var whole = type == typeof(int) || type == typeof(long);
        if (!whole && type != typeof(double))
        {
            return null;
        }

        var bad = e.SymbolResult!.Tokens.Select(t => t.Value).FirstOrDefault(v => whole
            ? !long.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _)
            : !double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _));
        return bad is null ? null : $"{option.Name} {bad} is not allowed; give {(whole ? "a whole number" : "a number (with a decimal point, e.g. 0.5)")}";
    }

    /// <summary>An option's value type, int for int? as for int.</summary>
    private static Type ValueType(Option option) => Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
}
