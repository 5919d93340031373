using SymbiosisOptimizer.Cli;

return SymbiosisCli.Run(args, Console.Out, Console.Error);
