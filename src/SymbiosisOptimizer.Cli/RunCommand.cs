using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using SymbiosisOptimizer.Optimization.Decisions;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;

namespace SymbiosisOptimizer.Cli;

internal static class RunCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var path = new Argument<string>("path") { Description = "A scenario folder (with scenario.yaml), a .yaml file or a .xlsx workbook from symbiosis template" };
        var scenario = CommonOptions.Scenario();
        var outDir = new Option<string?>("--out", "-o") { Description = "Folder for results.json (default: out/<scenario folder>/<scenario>)" };
        var solver = new Option<string>("--solver") { Description = "auto | scip | cbc | glop | mincostflow (auto picks min-cost flow, GLOP or SCIP by model type)", DefaultValueFactory = _ => "auto" };
        var timeLimit = new Option<double?>("--time-limit") { Description = "Stop the solver after this many seconds and report the best plan and its gap (default 60)" };
        var gap = new Option<double>("--gap") { Description = "Relative optimality gap at which a MILP solve may stop (default 0.0001)", DefaultValueFactory = _ => 1e-4 };
        var pareto = new Option<int>("--pareto") { Description = "Also trace a Pareto front with N grid levels per constrained objective (AUGMECON2; weakly dominated points skipped)", DefaultValueFactory = _ => 0 };
        var objectives = new Option<string>("--objectives") { Description = "The front's objectives, comma-separated, the first optimised: two or three of money, co2, landfill", DefaultValueFactory = _ => "money,co2" };
        var strict = new Option<bool>("--strict") { Description = "Treat validation warnings as errors" };
        var lang = RunnerCommon.Lang();
        var whyNot = new Option<string>("--why-not") { Description = "Explain why each candidate exchange and plant is not chosen: auto (when the model has at most 5 000 columns) | on | off", DefaultValueFactory = _ => "auto" };
        var cmd = new Command("run", "Optimise a scenario's exchanges against today's situation and write results.json")
        {
            path, scenario, outDir, solver, timeLimit, gap, pareto, objectives, strict, whyNot, lang,
        };
        cmd.SetAction(parse =>
        {
            if (!TryParseSolver(parse.GetValue(solver)!, out var kind))
            {
                stderr.WriteLine($"error: --solver '{parse.GetValue(solver)}' is not allowed; use auto, scip, cbc, glop or mincostflow");
                return ExitCodes.Usage;
            }

            if (!RunnerCommon.TryLanguage(parse, lang, stderr, out var language))
            {
                return ExitCodes.Usage;
            }

            var explain = parse.GetValue(whyNot);
            if (explain is not ("auto" or "on" or "off"))
            {
                stderr.WriteLine($"error: --why-not '{explain}' is not allowed; use auto, on or off");
                return ExitCodes.Usage;
            }

            var g = parse.GetValue(gap);
            var limit = parse.GetValue(timeLimit) ?? RunPipeline.DefaultTimeLimitSeconds;
            if (!double.IsFinite(g) || g is < 0 or > 1)
            {
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: --gap {g} is not allowed; give a relative gap from 0 to 1 (e.g. 0.01 for 1 %)"));
                return ExitCodes.Usage;
            }

            if (!RunnerCommon.TimeLimitAllowed(limit, stderr))
            {
                return ExitCodes.Usage;
            }

            var paretoPoints = parse.GetValue(pareto);
            if (paretoPoints is < 0 or 1 or > MaxParetoPoints)
            {
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: --pareto {paretoPoints} is not allowed; give 0 (no front) or from 2 to {MaxParetoPoints} points"));
                return ExitCodes.Usage;
            }

            if (!TryParseObjectives(parse.GetValue(objectives)!, out var front, out var objectivesError))
            {
                stderr.WriteLine($"error: --objectives '{parse.GetValue(objectives)}' is not allowed: {objectivesError}");
                return ExitCodes.Usage;
            }

            if (front.Length == 3 && paretoPoints > MaxParetoPoints3)
            {
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: --pareto {paretoPoints} is not allowed with three objectives; give from 2 to {MaxParetoPoints3} levels (each level pair is a MILP solve)"));
                return ExitCodes.Usage;
            }

            var p = parse.GetValue(path)!;

            // Report writing's one-time start-up (workbook and chart libraries, the map's borders) on the second core
            // while this one parses and solves.
            _ = ReportWarmUp.Start();
            var loading = System.Diagnostics.Stopwatch.StartNew();
            var load = RunnerCommon.Load(p, parse.GetValue(scenario), stderr, parse.GetValue(strict));
            var loadSeconds = loading.Elapsed.TotalSeconds;
            if (load is null)
            {
                return ExitCodes.InvalidInput;
            }

            var region = load.Region!;
            if (!PreSolve.Allows(region, load.SourceFile, stderr))
            {
                return ExitCodes.InvalidInput;
            }

            var dir = parse.GetValue(outDir) ?? RunnerCommon.DefaultDir(p, load.ScenarioName);
            Interrupt.Doing($"run of {p} (scenario {load.ScenarioName})");
            return RunnerCommon.WithOutput(dir, "run", RunnerCommon.Inputs(p), stderr, folder =>
            {
                var provenance = new RunProvenance(load.SourceFile, load.ScenarioName, load.AppliedOverrides);
                var solve = new SolveOptions(kind, limit, g, Cancel: Interrupt.Token, Progress: GapLines.To(stderr));
                var document = RunPipeline.Solve(region, provenance, new RunSettings(solve, paretoPoints, explain) { ParetoObjectives = front }, loadSeconds: loadSeconds);
                Interrupt.ThrowIfRequested();
                IReadOnlyList<string> written = [];
                var published = RunnerCommon.Publish(folder, document.HasSolution,
                    staging => written = RunOutputs.Write(staging, new RunReport(region, document), RunnerCommon.Inputs(p), language), stderr, out var failure);
                Summary.Print(stdout, document);
                if (!published)
                {
                    return failure;
                }

                foreach (var file in written)
                {
                    stdout.WriteLine($"Wrote {folder.Final(file)}");
                }

                return document.HasSolution ? ExitCodes.Ok : ExitCodes.NoSolution;
            });
        });
        return cmd;
    }

    /// <summary>The most points --pareto traces: each is a full MILP solve.</summary>
    internal const int MaxParetoPoints = 1000;

    /// <summary>With three objectives the grid is levels squared.</summary>
    internal const int MaxParetoPoints3 = 40;

    internal static bool TryParseObjectives(string text, out ImmutableArray<ParetoObjective> objectives, out string error)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var list = new List<ParetoObjective>();
        foreach (var part in parts)
        {
            if (!ParetoObjectives.TryParse(part, out var o))
            {
                objectives = [];
                error = $"'{part}' is not an objective; use money, co2 or landfill";
                return false;
            }

            if (list.Contains(o))
            {
                objectives = [];
                error = $"'{part}' is named twice";
                return false;
            }

            list.Add(o);
        }

        objectives = [.. list];
        error = list.Count is 2 or 3 ? string.Empty : "give two or three objectives, e.g. money,co2,landfill";
        return error.Length == 0;
    }

    internal static bool TryParseSolver(string text, out SolverKind kind) =>
        Enum.TryParse(text.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out kind) && Enum.IsDefined(kind);
}

/// <summary>
/// The gap as a long solve closes it, one line on stderr per improvement, at most one a second and none in the first
/// second (a small scenario solves before anything would be worth printing).
/// </summary>
internal static class GapLines
{
    private const double QuietSeconds = 1;

    public static Action<SolveProgress> To(TextWriter stderr)
    {
        var last = double.NegativeInfinity;
        return p =>
        {
            if (!p.HasPlan || p.Seconds < QuietSeconds || p.Seconds - last < QuietSeconds)
            {
                return;
            }

            last = p.Seconds;
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"solve {p.Seconds:0.0} s: {p.Text}"));
        };
    }
}

/// <summary>The readable summary printed after a run: findings first, then the exchanges and who gains.</summary>
internal static class Summary
{
    public static void Print(TextWriter o, RunDocument d)
    {
        var cur = d.Currency;
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine();
        o.WriteLine($"{d.Region} - scenario {d.ScenarioText}");
        var s = d.Solver;
        var seconds = d.Metadata.Timings.FirstOrDefault(t => t.Stage == "solve")?.Seconds ?? 0;
        o.WriteLine(string.Create(inv, $"Status: {d.StatusText} ({s.Name}, {seconds:0.###} s, gap {s.GapText}, {s.Rows:#,##0} rows x {s.Columns:#,##0} columns, {s.Binaries:#,##0} yes/no decisions{(s.Blocks > 1 ? $", solved as {s.Blocks} independent parts" : string.Empty)})"));
        o.WriteLine(string.Create(inv, $"Candidate exchanges: {d.Network.Candidates:#,##0} (source-receiver pairs x transport modes) from {d.Network.PairsConsidered:#,##0} pairs considered{(d.Network.Pruned.IsEmpty ? string.Empty : "; left out: " + string.Join("; ", d.Network.Pruned.Select(p => $"{p.Count} {p.Reason}")))}"));
        foreach (var line in d.Explanation)
        {
            o.WriteLine(line);
        }

        if (d.Kpis is not { } k)
        {
            return;
        }

        o.WriteLine();
        o.WriteLine("Against today's situation, per year:");
        o.WriteLine(string.Create(inv, $"  Net benefit            {k.NetBenefit.Value,14:#,##0} {k.NetBenefit.Unit}"));
        o.WriteLine(string.Create(inv, $"  CO2e avoided           {k.Co2Avoided.Value,14:#,##0.0} {k.Co2Avoided.Unit}"));
        o.WriteLine(string.Create(inv, $"  Landfill avoided       {k.LandfillAvoided.Value,14:#,##0} {k.LandfillAvoided.Unit}"));
        o.WriteLine(string.Create(inv, $"  Virgin material avoided{k.VirginMaterialAvoided.Value,14:#,##0} {k.VirginMaterialAvoided.Unit}"));
        o.WriteLine(string.Create(inv, $"  Transport emissions    {k.TransportEmissions.Value,14:#,##0.0} {k.TransportEmissions.Unit}"));
        if (d.Accounts is { } acc)
        {
            o.WriteLine();
            o.WriteLine("Who gains, per year (society = firms + public budget + externalities):");
            o.WriteLine(string.Create(inv, $"  Firms                  {acc.Firms.Value,14:#,##0} {acc.Firms.Unit}"));
            o.WriteLine(string.Create(inv, $"  Public budget          {acc.PublicBudget.Value,14:#,##0} {acc.PublicBudget.Unit}   (state {acc.PublicBudget.State.Value:#,##0}, municipalities {acc.PublicBudget.Municipalities.Value:#,##0})"));
            o.WriteLine(string.Create(inv, $"  Externalities          {acc.Externalities.Value,14:#,##0} {acc.Externalities.Unit}   ({acc.Externalities.Co2Avoided.Value:#,##0.0} t CO2e at {acc.Externalities.SocialCo2Value.Value:#,##0} {acc.Externalities.SocialCo2Value.Unit})"));
            o.WriteLine(string.Create(inv, $"  Society                {acc.Society.Value,14:#,##0} {acc.Society.Unit}"));
        }

        o.WriteLine();
        if (d.Exchanges.IsEmpty)
        {
            o.WriteLine("No exchange pays off under this scenario: every actor keeps its current route and source.");
        }
        else
        {
            o.WriteLine("Exchanges chosen:");
            foreach (var e in d.Exchanges)
            {
                o.WriteLine("  " + e.Description);
            }
        }

        var own = d.Plants.Where(p => p.Built && (Math.Abs(p.NetBenefit.Value) > 0.5 || Math.Abs(p.Co2Avoided.Value) > 1e-3)).ToList();
        if (own.Count > 0 || !d.Permits.IsEmpty)
        {
            o.WriteLine("Plants and permits (their own costs and emissions, beside the exchanges):");
            foreach (var p in own)
            {
                o.WriteLine(string.Create(inv, $"  {p.Name} ({p.ActorName}): {p.NetBenefit.Value:#,##0} {cur}/yr, {p.Co2Avoided.Value:#,##0.0} t CO2e/yr, {p.LandfillAvoided.Value:#,##0} t/yr landfill"));
            }

            foreach (var p in d.Permits)
            {
                o.WriteLine(string.Create(inv, $"  permit {p.Name} at {p.ReceiverName}: {p.NetBenefit.Value:#,##0} {cur}/yr"));
            }
        }

        foreach (var p in d.Plants.Where(p => p.Closed))
        {
            o.WriteLine(string.Create(inv, $"Closed: {p.Name} ({p.ActorName}), closing saves {p.ClosingSaving?.Value ?? 0:#,##0} {cur}/yr; net with what it no longer does {p.NetBenefit.Value:#,##0} {cur}/yr"));
        }

        if (!d.Pinned.IsEmpty)
        {
            o.WriteLine("Pinned choices:");
            foreach (var p in d.Pinned)
            {
                o.WriteLine($"  {p.Origin}: {p.Text}");
            }
        }

        if (d.NotChosen is { } nc)
        {
            o.WriteLine();
            if (nc.Rejected == 0)
            {
                o.WriteLine($"Not chosen: {(nc.Note.Length > 0 ? nc.Note : "every candidate is in the plan")}");
            }
            else
            {
                o.WriteLine($"Not chosen ({nc.Rejected} candidates; shortfall = what forcing it in would lose per year):");
                foreach (var g in nc.Groups)
                {
                    var near = g.Candidates.FirstOrDefault();
                    o.WriteLine(string.Create(inv, $"  {g.Title}: {g.Candidates.Length}{(near is null ? string.Empty : $"; nearest: {near.Name}{(near.Shortfall is { } sf ? $", short by {sf.Value:#,##0} {sf.Unit}" : string.Empty)}")}"));
                }

                if (nc.Note.Length > 0)
                {
                    o.WriteLine("  " + nc.Note);
                }
            }
        }

        o.WriteLine();
        o.WriteLine($"Actors (net benefit before transfer prices, {cur}/yr):");
        foreach (var a in d.Actors.Where(a => Math.Abs(a.NetBenefit.Value) > 0.5 || Math.Abs(a.Co2Avoided.Value) > 1e-3).OrderByDescending(a => a.NetBenefit.Value).ThenBy(a => a.Id, StringComparer.Ordinal))
        {
            o.WriteLine(string.Create(inv, $"  {a.Name,-40} {a.NetBenefit.Value,14:#,##0}   CO2e avoided {a.Co2Avoided.Value,10:#,##0.0} t/yr"));
        }
    }
}
