using SymbiosisOptimizer.Cli;

Interrupt.Doing(args.Length > 0 ? args[0] : "the command");
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
