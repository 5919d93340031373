using SymbiosisOptimizer.App;

// Tests host this entry point with WebApplicationFactory<AppOptions> (any type of this assembly names it).
// Run on its own (`dotnet run --project src/SymbiosisOptimizer.App`) or through `symbiosis serve`, which calls SymbiosisApp.
var app = SymbiosisApp.Build(args);
app.Run();
