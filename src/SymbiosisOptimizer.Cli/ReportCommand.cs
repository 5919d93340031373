using System.CommandLine;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;

namespace SymbiosisOptimizer.Cli;

/// <summary>`symbiosis report PATH --company ID | --all-companies --out DIR`: the report a firm may be handed.</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var path = RunnerCommon.PathArgument();
        var scenario = CommonOptions.Scenario();
        var company = new Option<string?>("--company") { Description = "The actor id whose company report to write (company.html, company.xlsx, company.json)" };
        var all = new Option<bool>("--all-companies") { Description = "Write one folder per actor, named by its id" };
        var outDir = new Option<string?>("--out", "-o") { Description = "Folder for the report (default: out/<scenario folder>/<scenario>/company)" };
        var cmd = new Command("report", "Write the company report of one actor (or of every actor): its own figures, exchanges, business case and fair share, and the region only as aggregates that pass the disclosure rule")
        {
            path, scenario, company, all, outDir,
        };
        cmd.SetAction(parse =>
        {
            var id = parse.GetValue(company);
            var everyone = parse.GetValue(all);
            if ((id is null) == !everyone)
            {
                stderr.WriteLine("error: give either --company ACTOR_ID or --all-companies (not both, not neither)");
                return ExitCodes.Usage;
            }

            var p = parse.GetValue(path)!;
            var load = RunnerCommon.Load(p, parse.GetValue(scenario), stderr);
            if (load is null)
            {
                return ExitCodes.InvalidInput;
            }

            var region = load.Region!;
            if (id is not null && CompanyReports.Unknown(region, id) is { } unknown)
            {
                stderr.WriteLine($"{load.SourceFile}: error: {unknown}");
                return ExitCodes.InvalidInput;
            }

            var dir = parse.GetValue(outDir) ?? Path.Combine(RunnerCommon.DefaultDir(p, load.ScenarioName), "company");
            Interrupt.Doing($"company report of {p} (scenario {load.ScenarioName})");
            return RunnerCommon.WithOutput(dir, "report", RunnerCommon.Inputs(p), stderr, folder =>
            {
                var run = CompanyReports.Solve(region, new RunProvenance(load.SourceFile, load.ScenarioName, load.AppliedOverrides), new SolveOptions(Cancel: Interrupt.Token));
                Interrupt.ThrowIfRequested();
                var ids = id is null ? CompanyDocuments.ActorIds(region) : [id];
                if (!RunnerCommon.Publish(folder, run.Run.HasSolution, staging =>
                    {
                        foreach (var actor in ids)
                        {
                            Interrupt.ThrowIfRequested();
                            CompanyReports.Write(id is null ? Path.Combine(staging, actor) : staging, run.Document(actor), RunnerCommon.Inputs(p));
                        }
                    }, stderr, out var failure))
                {
                    return failure;
                }

                stdout.WriteLine(id is null
                    ? $"Wrote the company reports of {ids.Length} actors into {dir}/<actor id>/ ({CompanyReports.HtmlFile}, {CompanyReports.WorkbookFile}, {CompanyReports.JsonFile})."
                    : $"Wrote {Path.Combine(dir, CompanyReports.HtmlFile)}, {CompanyReports.WorkbookFile} and {CompanyReports.JsonFile} for {region.ActorName(id)}.");
                return run.Run.HasSolution ? ExitCodes.Ok : ExitCodes.NoSolution;
            });
        });
        return cmd;
    }
}
