using SymbiosisOptimizer.Cli;

var signals = Interrupt.Register(Console.Error);
try
{
    return SymbiosisCli.Run(args, Console.Out, Console.Error);
}
finally
{
    foreach (var s in signals)
    {
        s.Dispose();
    }
}
