using SymbiosisOptimizer.Optimization;
using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Scenarios;
using static SymbiosisOptimizer.Cli.RunnerCommon;

namespace SymbiosisOptimizer.Cli;

internal static class CompareCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var path = PathArgument();
        var scenarios = new Option<string?>("--scenarios") { Description = "Comma-separated scenario names to compare with base (default: every scenario in the file)" };
        var outDir = new Option<string?>("--out", "-o") { Description = "Folder for comparison.json (default: out/<scenario folder>/compare)" };
        var solver = Solver();
        var timeLimit = TimeLimit();
        var cmd = new Command("compare", "Solve base and every named scenario in parallel and report each against base: KPIs, actor groups, who gains and who pays")
        {
            path, scenarios, outDir, solver, timeLimit,
        };
        cmd.SetAction(parse =>
        {
            if (!TrySolveOptions(parse, solver, timeLimit, stderr, out var options))
            {
                return ExitCodes.Usage;
            }

            var p = parse.GetValue(path)!;
            var baseLoad = Load(p, null, stderr);
            if (baseLoad is null)
            {
                return ExitCodes.InvalidInput;
            }

            var available = baseLoad.ScenarioNames.Where(n => n != ScenarioLoader.BaseScenario).ToList();
            var wanted = available;
            if (parse.GetValue(scenarios) is { } list)
            {
                wanted = [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(n => n != ScenarioLoader.BaseScenario).Distinct(StringComparer.Ordinal)];
                var unknown = wanted.Where(n => !available.Contains(n)).ToList();
                if (unknown.Count > 0)
                {
                    stderr.WriteLine($"error: --scenarios: there is no scenario {string.Join(", ", unknown.Select(u => $"'{u}'"))}; the scenarios are: {(available.Count == 0 ? "(none)" : string.Join(", ", available))}");
                    return ExitCodes.Usage;
                }
            }

            var inputs = new List<ScenarioInput> { new(ScenarioLoader.BaseScenario, [], baseLoad.Region!) };
            foreach (var name in wanted)
            {
                var load = Load(p, name, stderr);
                if (load is null)
                {
                    return ExitCodes.InvalidInput;
                }

                inputs.Add(new ScenarioInput(name, load.AppliedOverrides, load.Region!));
            }

            stderr.WriteLine($"Solving {inputs.Count} scenarios (base and {inputs.Count - 1} more) on {Environment.ProcessorCount} cores...");
            var result = Comparison.Run(inputs, options, Progress(stderr, "solved"));
            var dir = parse.GetValue(outDir) ?? DefaultDir(p, "compare");
            if (!Write(dir, "comparison.json", RunnerJson.Comparison(baseLoad.Region!, baseLoad.SourceFile, result), p, stderr))
            {
                return ExitCodes.OutputFailed;
            }

            Print(stdout, baseLoad.Region!.Name, baseLoad.Region.Economics.Currency, result);
            stdout.WriteLine($"Wrote {Path.Combine(dir, "comparison.json")} and {Path.Combine(dir, "comparison.xlsx")}");
            return result.Scenarios[0].Kpis is null ? ExitCodes.NoSolution : ExitCodes.Ok;
        });
        return cmd;
    }

    private static void Print(TextWriter o, string region, string cur, ComparisonResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine();
        o.WriteLine($"{region}: {r.Scenarios.Length - 1} scenario(s) against base. Every figure is per year against today's situation under the scenario's own policies; '(+x)' is the change from base.");
        o.WriteLine();
        var w = Math.Max(12, r.Scenarios.Max(s => s.Name.Length));
        o.WriteLine($"{"scenario".PadRight(w)} {"net benefit " + cur,24} {"CO2e avoided t",20} {"landfill avoided t",22} {"companies " + cur,24} {"public budget " + cur,26} {"public " + cur + "/t CO2e",16}");
        foreach (var s in r.Scenarios)
        {
            if (s.Kpis is not { } k || s.Split is not { } g)
            {
                o.WriteLine($"{s.Name.PadRight(w)} {s.Status.Text()}");
                continue;
            }

            static string Cell(Delta d, string f, bool isBase) => isBase ? d.Value.ToString(f, CultureInfo.InvariantCulture) : $"{d.Value.ToString(f, CultureInfo.InvariantCulture)} ({Signed(d.VersusBase, f)})";
            var isBase = s.Name == r.BaseName;
            o.WriteLine(string.Create(inv, $"{s.Name.PadRight(w)} {Cell(k.NetBenefit, "N0", isBase),24} {Cell(k.Co2Avoided, "N0", isBase),20} {Cell(k.LandfillAvoided, "N0", isBase),22} {Cell(g.Companies, "N0", isBase),24} {Cell(g.PublicBudget, "N0", isBase),26} {(g.PublicCostPerTonneCo2 is { } pc ? pc.ToString("N0", inv) : "-"),16}"));
        }

        o.WriteLine();
        o.WriteLine("Who gains, who pays (change from base, per year; actors and tax revenue are the exchanges' effect against today, 'tax actually collected' includes a changed rate):");
        foreach (var s in r.Scenarios.Where(s => s.Name != r.BaseName && s.Split is not null))
        {
            var g = s.Split!;
            o.WriteLine(string.Create(inv, $"  {s.Name}: companies {Signed(g.Companies.VersusBase)} {cur}; other actors {Signed(g.OtherActors.VersusBase)} {cur}; public budget {Signed(g.PublicBudget.VersusBase)} {cur} (tax revenue {Signed(g.TaxRevenue.VersusBase)}, subsidy cost {Signed(g.SubsidyCost.VersusBase)}, procurement premium paid by public buyers {Signed(g.ProcurementPremium.VersusBase)}; tax actually collected {Signed(g.TaxCollected.VersusBase)}); climate {Signed(g.Co2Avoided.VersusBase, "N1")} t CO2e worth {Signed(g.ClimateValue.VersusBase)} {cur}; {g.CostEffectivenessNote}{(g.PublicCostPerTonneCo2 is { } pc ? string.Create(inv, $": {pc:N0} {cur}/t") : string.Empty)}"));
            if (!s.ExchangesAdded.IsEmpty || !s.ExchangesDropped.IsEmpty)
            {
                o.WriteLine($"    exchanges started: {(s.ExchangesAdded.IsEmpty ? "none" : string.Join("; ", s.ExchangesAdded))}");
                o.WriteLine($"    exchanges stopped: {(s.ExchangesDropped.IsEmpty ? "none" : string.Join("; ", s.ExchangesDropped))}");
            }
        }

        o.WriteLine();
        o.WriteLine($"Net benefit by actor kind and municipality ({cur}/yr; comparison.json has every scenario):");
        var kinds = r.Scenarios[0].ByKind.Select(g => g.Group).ToImmutableArray();
        var municipalities = r.Scenarios[0].ByMunicipality.Select(g => g.Group).ToImmutableArray();
        o.WriteLine($"  {"scenario".PadRight(w)} " + string.Join(" ", kinds.Concat(municipalities).Select(k => k.PadLeft(13))));
        foreach (var s in r.Scenarios.Where(s => !s.ByKind.IsEmpty))
        {
            var cells = s.ByKind.Concat(s.ByMunicipality).Select(g => g.NetBenefit.Value.ToString("N0", inv).PadLeft(Math.Max(13, g.Group.Length)));
            o.WriteLine($"  {s.Name.PadRight(w)} " + string.Join(" ", cells));
        }
    }
}
