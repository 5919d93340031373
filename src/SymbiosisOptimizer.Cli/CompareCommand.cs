using System.Collections.Immutable;
using System.CommandLine;
using System.Diagnostics;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Localization;
using SymbiosisOptimizer.Reports.Sharding;
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
        var lang = Lang();
        var shard = Sharding.ShardOption();
        var shards = Sharding.ShardsOption();
        var cmd = new Command("compare", "Solve base and every named scenario in parallel and report each against base: KPIs, actor groups, who gains and who pays")
        {
            path, scenarios, outDir, solver, timeLimit, shard, shards, lang,
        };
        cmd.SetAction(parse =>
        {
            if (!TrySolveOptions(parse, solver, timeLimit, stderr, out var options))
            {
                return ExitCodes.Usage;
            }

            if (!TryLanguage(parse, lang, stderr, out var language))
            {
                return ExitCodes.Usage;
            }

            if (!Sharding.TryGet(parse, shard, shards, stderr, out var spec))
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
                if (wanted.Count == 0)
                {
                    stderr.WriteLine($"error: --scenarios '{list}' names no scenario besides base; give one or more of: {(available.Count == 0 ? "(none: the file defines none)" : string.Join(", ", available))}");
                    return ExitCodes.Usage;
                }

                var unknown = wanted.Where(n => !available.Contains(n)).ToList();
                if (unknown.Count > 0)
                {
                    stderr.WriteLine($"error: --scenarios: there is no scenario {string.Join(", ", unknown.Select(u => $"'{u}'"))}; the scenarios are: {(available.Count == 0 ? "(none)" : string.Join(", ", available))}");
                    return ExitCodes.Usage;
                }
            }

            if (wanted.Count == 0)
            {
                stderr.WriteLine($"{baseLoad.SourceFile}: error: there is nothing to compare: the file defines no scenario besides base; add some under 'scenarios:', or use 'symbiosis run' for the base alone");
                return ExitCodes.InvalidInput;
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

            var dir = parse.GetValue(outDir) ?? DefaultDir(p, "compare");
            if (spec is { } part)
            {
                var plan = Sharding.Plan("compare", p, baseLoad.SourceFile, ScenarioLoader.BaseScenario,
                    [Sharding.Option("scenarios", string.Join(",", wanted)), .. Sharding.SolveOptions(parse, solver, timeLimit)], inputs.Count);
                dir = parse.GetValue(outDir) ?? Sharding.DefaultDir(dir, part);
                Interrupt.Doing($"compare shard {part} of {inputs.Count} scenarios of {p}");
                return Sharding.Write(dir, "compare", part, Inputs(p), stdout, stderr, () =>
                {
                    stderr.WriteLine($"Solving shard {part}: base and {part.Items(inputs.Count).Count(i => i > 0)} of {inputs.Count - 1} scenarios on {Environment.ProcessorCount} cores...");
                    var watch = Stopwatch.StartNew();
                    var (_, result) = Track(stderr, "scenarios", report => Comparison.RunShard(inputs, options, part, report));
                    Interrupt.ThrowIfRequested();
                    var region = baseLoad.Region!;
                    return ShardFiles.Serialize(new ComparisonShardFile(Sharding.Header(plan, part, "solve", watch.Elapsed.TotalSeconds),
                        region.Name, region.Economics.Currency, result.BaseName, ComparisonDocument.Items(region, result)));
                });
            }

            Interrupt.Doing($"compare of {inputs.Count} scenarios of {p}");
            return WithOutput(dir, "compare", Inputs(p), stderr, folder =>
            {
                stderr.WriteLine($"Solving {inputs.Count} scenarios (base and {inputs.Count - 1} more) on {Environment.ProcessorCount} cores...");
                var watch = Stopwatch.StartNew();
                var result = Track(stderr, "scenarios", report => Comparison.Run(inputs, options, report));
                Interrupt.ThrowIfRequested();
                var doc = ComparisonDocument.Build(baseLoad.Region!, baseLoad.SourceFile, result, Metadata("solve", watch));
                return Finish(folder, dir, doc, Inputs(p), stdout, stderr, language);
            });
        });
        return cmd;
    }

    /// <summary>Writes the document's set and prints it: the end of one process's run and of a merge alike.</summary>
    internal static int Finish(OutputFolder folder, string dir, ComparisonDocument doc, IReadOnlyCollection<string> inputs, TextWriter stdout, TextWriter stderr, Language language = Language.En)
    {
        var solved = doc.Scenarios[0].Kpis is not null;
        if (!Publish(folder, solved, staging => Write(staging, RunnerOutputs.Of(doc, language), inputs), stderr, out var failure))
        {
            Print(stdout, doc);
            return failure;
        }

        Print(stdout, doc);
        stdout.WriteLine($"Wrote {Path.Combine(dir, "comparison.json")}, {Path.Combine(dir, "comparison.xlsx")} and {Path.Combine(dir, "compare.html")}");
        return solved ? ExitCodes.Ok : ExitCodes.NoSolution;
    }

    public static void Print(TextWriter o, ComparisonDocument d)
    {
        var cur = d.Currency;
        o.WriteLine();
        o.WriteLine($"{d.Region}: {d.Scenarios.Length - 1} scenario(s) against base. KPIs are per year against today's situation under the scenario's own policies; '(+x)' is the change from base.");
        o.WriteLine();
        var w = Math.Max(12, d.Scenarios.Max(s => s.Name.Length));
        o.WriteLine($"{"scenario".PadRight(w)} {"net benefit " + cur + "/yr",24} {"CO2e avoided t/yr",20} {"landfill avoided t/yr",22} {"society " + cur + "/yr",22}");
        foreach (var s in d.Scenarios)
        {
            if (s.Kpis is not { } k)
            {
                o.WriteLine($"{s.Name.PadRight(w)} {s.Status}");
                continue;
            }

            var isBase = s.Name == d.Base;
            string Cell(Change c) => isBase ? Figures.Fixed(c.Value) : $"{Figures.Fixed(c.Value)} ({Figures.Signed(c.VersusBase)})";
            o.WriteLine($"{s.Name.PadRight(w)} {Cell(k.NetBenefit),24} {Cell(k.Co2Avoided),20} {Cell(k.LandfillAvoided),22} {Figures.Fixed(s.Accounts?.Society.Value),22}");
        }

        o.WriteLine();
        o.WriteLine($"Who gains, who pays: each scenario's plan against base's plan, per year (society = firms + public budget + externalities, CO2e valued at the base's social value of CO2):");
        foreach (var s in d.Scenarios.Where(s => s.Name != d.Base && s.Effect is not null))
        {
            var e = s.Effect!;
            var b = e.PublicBudget;
            o.WriteLine($"  {s.Name}: firms {Figures.Signed(e.Firms.Value)} {cur}; public budget {Figures.Signed(b.Total.Value)} {cur} (state {Figures.Signed(b.State.Value)}: landfill tax {Figures.Signed(b.LandfillTax.Value)}, incineration tax {Figures.Signed(b.IncinerationTax.Value)}, subsidies {Figures.Signed(b.Subsidies.Value)}; municipalities {Figures.Signed(b.Municipalities.Value)}); externalities {Figures.Signed(e.Externalities.Value)} {cur} ({Figures.Signed(e.Co2Avoided.Value, 1)} t CO2e); society {Figures.Signed(e.Society.Value)} {cur}");
            if (!s.ExchangesAdded.IsEmpty || !s.ExchangesDropped.IsEmpty)
            {
                o.WriteLine($"    exchanges started: {(s.ExchangesAdded.IsEmpty ? "none" : string.Join("; ", s.ExchangesAdded.Select(e => e.Name)))}");
                o.WriteLine($"    exchanges stopped: {(s.ExchangesDropped.IsEmpty ? "none" : string.Join("; ", s.ExchangesDropped.Select(e => e.Name)))}");
            }
        }

        o.WriteLine();
        o.WriteLine("Cost-effectiveness, ranked (" + d.RankingNote + "):");
        foreach (var r in d.Ranking)
        {
            string Cell(PerTonne p) => p.Value is { } v ? $"{Figures.Fixed(v)} {p.Unit} ({p.Explanation})" : $"- ({p.Explanation})";
            o.WriteLine($"  {r.Rank}. {r.Name}: society {Cell(r.SocietyCostPerTonneCo2)}; public {Cell(r.PublicCostPerTonneCo2)}; public per t landfill {Cell(r.PublicCostPerTonneLandfill)}");
        }

        o.WriteLine();
        o.WriteLine($"Net benefit by actor kind and municipality ({cur}/yr; comparison.json has every scenario):");
        var kinds = d.Scenarios[0].ByKind.Select(g => g.Group).ToImmutableArray();
        var municipalities = d.Scenarios[0].ByMunicipality.Select(g => g.Group).ToImmutableArray();
        o.WriteLine($"  {"scenario".PadRight(w)} " + string.Join(" ", kinds.Concat(municipalities).Select(k => k.PadLeft(13))));
        foreach (var s in d.Scenarios.Where(s => !s.ByKind.IsEmpty))
        {
            var cells = s.ByKind.Concat(s.ByMunicipality).Select(g => Figures.Fixed(g.NetBenefit.Value).PadLeft(Math.Max(13, g.Group.Length)));
            o.WriteLine($"  {s.Name.PadRight(w)} " + string.Join(" ", cells));
        }
    }
}
