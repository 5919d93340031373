using SymbiosisOptimizer.App;

// Run on its own (`dotnet run --project src/SymbiosisOptimizer.App`) or through `symbiosis serve`, which calls SymbiosisApp.
var app = SymbiosisApp.Build(args);
app.Run();

/// <summary>The entry point, public so that tests can host the app with WebApplicationFactory&lt;Program&gt;.</summary>
public partial class Program;
