using System.CommandLine;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SymbiosisOptimizer.App;

namespace SymbiosisOptimizer.Cli;

/// <summary>`symbiosis serve`: the local web app (src/SymbiosisOptimizer.App) on 127.0.0.1 until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var port = new Option<int>("--port") { Description = $"Port on 127.0.0.1 (default {AppOptions.DefaultPort})", DefaultValueFactory = _ => AppOptions.DefaultPort };
        var workspace = new Option<string>("--workspace") { Description = $"Folder of the run catalogue and the runs' documents (default ./{AppOptions.DefaultWorkspace})", DefaultValueFactory = _ => AppOptions.DefaultWorkspace };
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on instead, separated by ';' (e.g. http://0.0.0.0:5080); anything but 127.0.0.1 needs --token" };
        var token = new Option<string?>("--token") { Description = "A secret every request must carry (header X-Symbiosis-Token or ?token=); required to listen beyond 127.0.0.1" };
        var scenarios = new Option<string?>("--scenarios") { Description = "Folder of scenario folders to offer (default: scenarios/ of the repository or beside the binary)" };
        var companyToken = new Option<string?>("--company-token") { Description = "With --token: print the token of this actor id (it opens only that company's view) and exit" };
        var cmd = new Command("serve", "Start the local web app: run the bundled scenarios and read their results on a map, in the browser")
        {
            port, workspace, urls, token, scenarios, companyToken,
        };
        cmd.SetAction(parse =>
        {
            var p = parse.GetValue(port);
            if (p is < 1 or > 65535)
            {
                stderr.WriteLine("error: --port must be between 1 and 65535");
                return ExitCodes.Usage;
            }

            if (parse.GetValue(companyToken) is { } actor)
            {
                if (parse.GetValue(token) is not { Length: > 0 } main)
                {
                    stderr.WriteLine("error: --company-token needs --token: a company's token is derived from the app's token");
                    return ExitCodes.Usage;
                }

                stdout.WriteLine(CompanyAccess.TokenFor(main, actor));
                return ExitCodes.Ok;
            }

            var address = parse.GetValue(urls) ?? string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{p}");
            var secret = parse.GetValue(token);
            if (AppOptions.Refusal(address, secret) is { } why)
            {
                stderr.WriteLine("error: " + why);
                return ExitCodes.Usage;
            }

            var options = new AppOptions(parse.GetValue(workspace)!, parse.GetValue(scenarios), secret, address);
            WebApplication app;
            try
            {
                app = SymbiosisApp.Build([], options);
                app.Start();
            }
            catch (IOException ex)
            {
                stderr.WriteLine($"error: cannot listen on {address}: {ex.Message}");
                return ExitCodes.Usage;
            }

            var library = app.Services.GetRequiredService<ScenarioLibrary>();
            var listening = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [address];
            foreach (var a in listening)
            {
                stdout.WriteLine($"SymbiosisOptimizer is running at {a}{(options.HasToken ? "/?token=<your token>" : "/")}");
            }

            stdout.WriteLine($"Scenarios: {library.Folder ?? "none found (use --scenarios DIR)"} ({library.All.Length}); workspace: {options.WorkspacePath}");
            stdout.WriteLine("Press Ctrl+C to stop.");
            app.WaitForShutdown();
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
