using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using SymbiosisOptimizer.Optimization.Formulation;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Reports;
using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Excel;
using SymbiosisOptimizer.Reports.Html;

namespace SymbiosisOptimizer.Tests.Reports;

/// <summary>One solve and sharing analysis per bundled scenario, shared by the company report tests.</summary>
public sealed class CompanyRunsFixture
{
    public static readonly string[] Scenarios = ["varmland-dalarna", "kalundborg", "kronoberg-kalmar-water", "lidkoping"];

    private readonly ConcurrentDictionary<string, Lazy<CompanyRun>> runs = new(StringComparer.Ordinal);

    public CompanyRun Of(string scenario) => runs.GetOrAdd(scenario, s => new Lazy<CompanyRun>(() =>
    {
        var region = TestPaths.Load(TestPaths.Scenario(s));
        return CompanyReports.Solve(region, new RunProvenance(s, "base", []), new SolveOptions());
    })).Value;
}

[CollectionDefinition(Name)]
public sealed class CompanyRunsCollection : ICollectionFixture<CompanyRunsFixture>
{
    public const string Name = "company runs";
}

[Collection(CompanyRunsCollection.Name)]
public sealed partial class CompanyReportTests(CompanyRunsFixture fixture)
{
    public static TheoryData<string> ScenarioNames => [.. CompanyRunsFixture.Scenarios];

    /// <summary>
    /// For every actor X: no number in company.html, company.xlsx or company.json equals (as shown: with separators,
    /// plain, or rounded to the decimals shown) another actor's private input (supply route cost, route cost plus
    /// tax, purchase price, process capex, fixed opex, opex), its reservation price on an exchange with X, or its net
    /// benefit, investment, NPV, own result or share by any method, unless that same number is also one X may
    /// legitimately see: X's own inputs and figures, the shared facts of X's exchanges, the region's public
    /// parameters, words in display names, and the aggregates the rule lets through (checked by the tests below).
    /// The forbidden and allowed values are taken from the region and the facilitator's documents, not from the
    /// company document.
    /// </summary>
    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public void A_company_report_shows_none_of_the_other_actors_private_figures(string scenario)
    {
        var run = fixture.Of(scenario);
        Assert.True(run.Run.HasSolution);
        Assert.NotNull(run.Sharing);
        var problems = new List<string>();
        foreach (var actor in run.Region.Actors)
        {
            var doc = run.Document(actor.Id);
            var allowed = Allowed(run, actor.Id, doc);
            var forbidden = run.Region.Actors.Where(a => a.Id != actor.Id)
                .SelectMany(other => Private(run, other.Id, actor.Id).Select(f => (Owner: other.Id, f.What, f.Value)))
                .Where(f => Math.Abs(f.Value) >= 1)
                .ToList();
            foreach (var (where, token) in Tokens(doc))
            {
                foreach (var f in forbidden)
                {
                    if (token.Matches(f.Value) && !allowed.Any(token.Matches))
                    {
                        problems.Add($"{scenario}/{actor.Id}: {where} shows '{token.Text}', which is {f.Owner}'s {f.What} ({f.Value.ToString("R", CultureInfo.InvariantCulture)})");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct().Take(40)));
    }

    /// <summary>The check above can fail: a report that carried a partner's purchase price would be caught.</summary>
    [Fact]
    public void The_leak_check_catches_a_partners_price()
    {
        var run = fixture.Of("kalundborg");
        var doc = run.Document("asnaes");
        var gyproc = run.Region.Demands.First(d => d.ActorId == "gyproc");
        var leaky = doc with { Findings = doc.Findings.Add($"Gyproc pays {gyproc.Source.Price.Value.ToString("N2", CultureInfo.InvariantCulture)} today.") };
        var allowed = Allowed(run, "asnaes", doc);
        var hit = Tokens(leaky).Any(t => t.Token.Matches(gyproc.Source.Price.Value) && !allowed.Any(t.Token.Matches));
        Assert.True(hit, "a partner's purchase price written into the report must be flagged");
    }

    /// <summary>What the rule must let through is there: the company's own purchase price and partner names.</summary>
    [Fact]
    public void A_company_report_shows_its_own_inputs_exchanges_case_and_share()
    {
        var run = fixture.Of("kalundborg");
        var doc = run.Document("gyproc");
        var html = CompanyHtml.Build(doc);
        var own = run.Region.Demands.Single(d => d.ActorId == "gyproc");
        Assert.Equal(own.Source.Price.Value, doc.Inputs.Demands.Single().Price.Value);
        var exchange = Assert.Single(doc.Exchanges);
        Assert.Equal("receiver", exchange.Role);
        Assert.Equal(run.Region.ActorName("asnaes"), exchange.PartnerName);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(exchange.PartnerName), html, StringComparison.Ordinal);
        Assert.NotNull(doc.BusinessCase);
        Assert.Contains(doc.Share.Methods, m => m.Method == "shapley");
        Assert.Contains(System.Net.WebUtility.HtmlEncode(Disclosure.RuleText), html, StringComparison.Ordinal);
        // The reservation price is the firm's own end of the range (the receiver's highest price), never the supplier's.
        var range = run.Sharing!.PriceRanges.Single(r => r.Source == "gypsum-asnaes" && r.Sink == own.Id);
        Assert.Equal(Numbers.Round(range.Highest), exchange.OwnReservationPrice!.Value);
        // Each side's shares add up to the side payment: share - own result = side payment, for every method.
        foreach (var m in doc.Share.Methods)
        {
            // Each amount is rounded on its own, so the difference of the rounded figures is within 1 of the rounded side payment.
            Assert.True(Math.Abs(m.Share.Value - doc.Share.OwnResult!.Value - m.SidePayment.Value) <= 1, m.Method);
        }
    }

    [Fact]
    public void The_company_package_zips_the_three_files_of_the_one_document()
    {
        var run = fixture.Of("kronoberg-kalmar-water");
        var doc = run.Document(run.Region.Actors[0].Id);
        using var zip = new ZipArchive(new MemoryStream(CompanyReports.Package(doc)));
        Assert.Equal([CompanyReports.JsonFile, CompanyReports.WorkbookFile, CompanyReports.HtmlFile], zip.Entries.Select(e => e.FullName));
        using var reader = new StreamReader(zip.GetEntry(CompanyReports.JsonFile)!.Open());
        Assert.Equal(CompanyReports.Json(doc), reader.ReadToEnd());
    }

    /// <summary>Every aggregate a company report shows passes the rule, recomputed here from the facilitator's actor rows.</summary>
    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public void Every_shown_aggregate_covers_at_least_three_actors_none_above_85_percent(string scenario)
    {
        var run = fixture.Of(scenario);
        foreach (var actor in run.Region.Actors)
        {
            foreach (var a in run.Document(actor.Id).Aggregates.Where(a => a.Value is not null && a.Level != "resource"))
            {
                var members = run.Run.Actors.Where(r => a.Level switch
                {
                    "region" => true,
                    "municipality" => (r.Municipality ?? "(no municipality)") == a.Group,
                    _ => r.Kind == a.Group,
                }).Select(r => a.Figure switch
                {
                    "net benefit" => r.NetBenefit.Value,
                    "CO2e avoided" => r.Co2Avoided.Value,
                    _ => r.LandfillAvoided.Value,
                }).Where(v => Math.Abs(v) >= Disclosure.Negligible).ToList();
                Assert.True(members.Count >= 3, $"{scenario}/{actor.Id}: {a.Level} {a.Group} {a.Figure} covers {members.Count} actors");
                Assert.True(members.Max(Math.Abs) <= 0.85 * members.Sum(Math.Abs), $"{scenario}/{actor.Id}: {a.Level} {a.Group} {a.Figure} is dominated");
                // The aggregate is the raw figures summed, then rounded; the rows summed here are rounded already (within 1).
                Assert.True(Math.Abs(members.Sum() - a.Value!.Value) <= 1, $"{scenario}/{actor.Id}: {a.Level} {a.Group} {a.Figure}: {a.Value.Value} vs {members.Sum()}");
            }
        }
    }

    /// <summary>
    /// A hand-built region of eleven actors in four municipalities (net benefit per year):
    /// A = a1, a2, a3 at 100 each; B = b1 1000, b2 10, b3 10; C = c1 50, c2 50; D = d1, d2, d3 at 300 each.
    /// By hand: B is dominated (1000 / 1020 = 98 % &gt; 85 %), C has two actors: both suppressed. B + C together
    /// (1000 of 1120 = 89 %) could be worked out as total - A - D, so one more group is suppressed: the smaller of A
    /// (3 actors, 300) and D (3 actors, 900), i.e. A; then B + C + A has b1 at 1000 / 1420 = 70 %, which passes.
    /// Shown: the region (2 320 over 11 actors; b1 is 43 %) and D (900).
    /// </summary>
    [Fact]
    public void Suppression_follows_the_rule_on_a_hand_built_region()
    {
        var run = fixture.Of("kronoberg-kalmar-water").Run;
        ActorRow Row(string id, string municipality, double money) => new(id, id, "company", municipality, 0, 0,
            Amount.Of(money, "SEK/yr"), Amount.Of(0, "t CO2e/yr"), Amount.Of(0, "t/yr"));
        var hand = run with
        {
            Region = "Hand",
            Exchanges = [],
            Actors =
            [
                Row("a1", "A", 100), Row("a2", "A", 100), Row("a3", "A", 100),
                Row("b1", "B", 1000), Row("b2", "B", 10), Row("b3", "B", 10),
                Row("c1", "C", 50), Row("c2", "C", 50),
                Row("d1", "D", 300), Row("d2", "D", 300), Row("d3", "D", 300),
            ],
        };
        var rows = Disclosure.Aggregates(TestPaths.Load(TestPaths.Scenario("kronoberg-kalmar-water")), hand, "d1")
            .Where(r => r.Figure == "net benefit").ToList();
        var region = rows.Single(r => r.Level == "region");
        Assert.Equal(2320, region.Value!.Value);
        Assert.Equal(11, region.Actors);
        var byMunicipality = rows.Where(r => r.Level == "municipality").ToDictionary(r => r.Group);
        Assert.Equal(900, byMunicipality["D"].Value!.Value);
        Assert.Null(byMunicipality["A"].Value);
        Assert.Contains("worked out", byMunicipality["A"].Suppressed, StringComparison.Ordinal);
        Assert.Equal("one actor makes up more than 85 %", byMunicipality["B"].Suppressed);
        Assert.Equal("fewer than 3 actors contribute", byMunicipality["C"].Suppressed);
        // The CO2e and landfill figures are zero for everyone: no actor contributes, so nothing is shown.
        Assert.All(Disclosure.Aggregates(TestPaths.Load(TestPaths.Scenario("kronoberg-kalmar-water")), hand, "d1").Where(r => r.Figure != "net benefit"), r => Assert.Null(r.Value));
    }

    /// <summary>
    /// The viewer refinement, by hand: {v 500, p 480, q 20} passes the rule (largest 50 %), but v, taking out its own
    /// 500, would see p as 480 of the remaining 500 (96 %): withheld from v. For q the rest is {v 500, p 480}, the
    /// largest 51 %: shown. An actor with 0.001 does not count as contributing.
    /// </summary>
    [Fact]
    public void The_rule_counts_contributors_checks_dominance_and_what_the_viewer_could_subtract()
    {
        ActorPart[] parts = [new("v", 500), new("p", 480), new("q", 20)];
        Assert.Null(Disclosure.Check(parts, "outsider"));
        Assert.NotNull(Disclosure.Check(parts, "v"));
        Assert.Null(Disclosure.Check(parts, "q"));
        Assert.Equal("fewer than 3 actors contribute", Disclosure.Check([new("a", 10), new("b", 10), new("c", 0.001)], "x"));
        Assert.Equal("one actor makes up more than 85 %", Disclosure.Check([new("a", 86), new("b", 7), new("c", 7)], "x"));
        Assert.Null(Disclosure.Check([new("a", 85), new("b", 7.5), new("c", 7.5)], "x"));
        // Magnitudes count: a large loss dominates as much as a large gain.
        Assert.Equal("one actor makes up more than 85 %", Disclosure.Check([new("a", -900), new("b", 50), new("c", 50)], "x"));
    }

    [Fact]
    public void The_facilitators_reports_are_labelled_confidential()
    {
        var run = fixture.Of("kronoberg-kalmar-water");
        var report = new RunReport(run.Region, run.Run);
        Assert.StartsWith("CONFIDENTIAL", run.Run.Confidentiality, StringComparison.Ordinal);
        Assert.Contains("\"confidentiality\": \"CONFIDENTIAL", ResultsJson.Serialize(run.Run), StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(RunDocument.ConfidentialLabel), RunHtml.Build(report, []), StringComparison.Ordinal);
        using var wb = new XLWorkbook(new MemoryStream(RunWorkbook.Build(report)));
        Assert.Equal(RunDocument.ConfidentialLabel, wb.Worksheet(RunWorkbook.SummarySheet).Cell(2, 1).GetString());
    }

    // ---- the leak check's parts ----

    /// <summary>A number as the report shows it: a text token with its decimals, or a stored number.</summary>
    private sealed record Token(string Text, double Value, int? Decimals)
    {
        /// <summary>The same figure as <paramref name="v"/> (either sign), rounded as this token is shown.</summary>
        public bool Matches(double v)
        {
            var a = Math.Abs(v);
            var t = Math.Abs(Value);
            return Decimals is { } d ? Math.Abs(Math.Round(a, d, MidpointRounding.AwayFromZero) - t) < 0.5 * Math.Pow(10, -d) - 1e-12 || Math.Abs(Math.Round(a, d) - t) < 1e-9
                : Math.Abs(a - t) <= 1e-6 * Math.Max(1, a);
        }
    }

    [GeneratedRegex(@"(?<![\w.,])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.,])-?\d+(?:\.\d+)?(?![\w])")]
    private static partial Regex NumberPattern();

    private static IEnumerable<Token> TextTokens(string text)
    {
        foreach (Match m in NumberPattern().Matches(text))
        {
            var plain = m.Value.Replace(",", string.Empty, StringComparison.Ordinal);
            var dot = plain.IndexOf('.', StringComparison.Ordinal);
            yield return new Token(m.Value, double.Parse(plain, CultureInfo.InvariantCulture), dot < 0 ? 0 : plain.Length - dot - 1);
        }
    }

    /// <summary>Every number of the three files: HTML text, every workbook cell (stored numbers and text), every JSON number and string.</summary>
    private static IEnumerable<(string Where, Token Token)> Tokens(CompanyDocument doc)
    {
        // The style sheet is not content (its "100%" is a width); the text between tags is.
        var page = Regex.Replace(CompanyHtml.Build(doc), "<style>.*?</style>", " ", RegexOptions.Singleline, TimeSpan.FromSeconds(10));
        var html = Regex.Replace(page, "<[^>]+>", " ", RegexOptions.None, TimeSpan.FromSeconds(10));
        foreach (var t in TextTokens(System.Net.WebUtility.HtmlDecode(html)))
        {
            yield return ("company.html", t);
        }

        using (var wb = new XLWorkbook(new MemoryStream(CompanyWorkbook.Build(doc))))
        {
            foreach (var cell in wb.Worksheets.SelectMany(w => w.CellsUsed()))
            {
                var where = $"company.xlsx!{cell.Worksheet.Name}!{cell.Address}";
                if (cell.DataType == XLDataType.Number)
                {
                    yield return (where, new Token(cell.GetDouble().ToString("R", CultureInfo.InvariantCulture), cell.GetDouble(), null));
                    foreach (var t in TextTokens(cell.GetFormattedString()))
                    {
                        yield return (where, t);
                    }
                }
                else
                {
                    foreach (var t in TextTokens(cell.GetString()))
                    {
                        yield return (where, t);
                    }
                }
            }
        }

        using var json = JsonDocument.Parse(CompanyReports.Json(doc));
        var stack = new Stack<(string Path, JsonElement E)>();
        stack.Push(("company.json", json.RootElement));
        while (stack.Count > 0)
        {
            var (path, e) = stack.Pop();
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        stack.Push((path + "." + p.Name, p.Value));
                    }

                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in e.EnumerateArray())
                    {
                        stack.Push(($"{path}[{i++}]", item));
                    }

                    break;
                case JsonValueKind.Number:
                    yield return (path, new Token(e.GetRawText(), e.GetDouble(), null));
                    break;
                case JsonValueKind.String:
                    foreach (var t in TextTokens(e.GetString()!))
                    {
                        yield return (path, t);
                    }

                    break;
            }
        }
    }

    /// <summary>An actor's private figures: its inputs, its reservation prices against <paramref name="viewer"/>, its results and shares.</summary>
    private static IEnumerable<(string What, double Value)> Private(CompanyRun run, string actor, string viewer)
    {
        var region = run.Region;
        foreach (var s in region.Supplies.Where(s => s.ActorId == actor))
        {
            yield return ("route cost of " + s.Id, s.Route.Cost.Value);
            yield return ("route cost with tax of " + s.Id, RegionCosts.RouteMoney(region, s.Route, region.Resource(s.ResourceId)));
        }

        foreach (var d in region.Demands.Where(d => d.ActorId == actor))
        {
            yield return ("purchase price of " + d.Id, d.Source.Price.Value);
        }

        foreach (var p in region.Processes.Where(p => p.ActorId == actor))
        {
            yield return ("capex of " + p.Id, p.Capex.Value);
            yield return ("fixed opex of " + p.Id, p.FixedOpex.Value);
            yield return ("opex of " + p.Id, p.Opex.Value);
        }

        foreach (var r in run.Sharing!.PriceRanges.Where(r => (r.FromActor == actor && r.ToActor == viewer) || (r.ToActor == actor && r.FromActor == viewer)))
        {
            yield return ("reservation price on " + r.Source + "->" + r.Sink, r.FromActor == actor ? r.Lowest : r.Highest);
        }

        if (run.Run.Actors.FirstOrDefault(a => a.Id == actor) is { } row)
        {
            yield return ("net benefit", row.NetBenefit.Value);
        }

        if (run.Run.BusinessCases!.Actors.FirstOrDefault(c => c.Id == actor) is { } c)
        {
            yield return ("investment", c.Investment.Value);
            yield return ("NPV", c.Npv.Value);
        }

        var share = run.Sharing.Actors.First(a => a.Id == actor);
        if (share.Component >= 0)
        {
            yield return ("own result", share.OwnResult);
            foreach (var (method, value) in share.Allocations)
            {
                yield return (method + " share", value);
            }
        }
    }

    /// <summary>Numbers the viewer may see, taken from the region and the facilitator's documents (not from its own report).</summary>
    private static List<double> Allowed(CompanyRun run, string viewer, CompanyDocument doc)
    {
        var region = run.Region;
        var list = new List<double>();
        // The viewer's own private figures (an equal figure of another actor is then not a leak) and their derived forms.
        list.AddRange(Private(run, viewer, viewer).Select(p => p.Value));
        foreach (var s in region.Supplies.Where(s => s.ActorId == viewer))
        {
            list.AddRange([s.Quantity.Value, s.Route.Emissions.Value, RegionCosts.RouteTax(region, s.Route, region.Resource(s.ResourceId)).Rate]);
        }

        foreach (var d in region.Demands.Where(d => d.ActorId == viewer))
        {
            list.AddRange([d.Quantity.Value, d.Source.Emissions.Value]);
        }

        foreach (var p in region.Processes.Where(p => p.ActorId == viewer))
        {
            list.AddRange([p.Emissions.Value, p.Capacity?.Value ?? 0]);
        }

        if (run.Run.Actors.FirstOrDefault(a => a.Id == viewer) is { } row)
        {
            list.AddRange([row.Co2Avoided.Value, row.LandfillAvoided.Value]);
        }

        if (run.Run.BusinessCases!.Actors.FirstOrDefault(c => c.Id == viewer) is { } c)
        {
            list.AddRange(c.AnnualCashFlows.Values);
            list.AddRange([c.PaybackYears ?? 0, c.Irr ?? 0, (c.Irr ?? 0) * 100, (c.PaybackYears ?? 0) * 12, (c.PaybackYears ?? 0) * 52]);
            list.Add(c.AnnualCashFlows.Values.Average());
        }

        list.AddRange(run.Sharing!.Actors.First(a => a.Id == viewer).Transfers.Values);
        foreach (var p in run.Run.Plants.Where(p => p.Actor == viewer))
        {
            list.AddRange([p.Throughput.Value, p.NetBenefit.Value, p.Co2Avoided.Value, p.LandfillAvoided.Value, p.VirginMaterialAvoided.Value]);
            list.AddRange(p.Outlet.SelectMany(o => new[] { o.Limit.Value, o.Actual?.Value ?? 0 }));
        }

        // The shared facts of its exchanges, and the recommended price: the middle of the range to two significant digits.
        foreach (var e in run.Run.Exchanges.Where(e => e.From == viewer || e.To == viewer))
        {
            list.AddRange([e.Quantity.Value, e.DistanceKm, e.LeadTimeYears]);
        }

        foreach (var r in run.Sharing.PriceRanges.Where(r => r.FromActor == viewer || r.ToActor == viewer))
        {
            list.Add(r.FromActor == viewer ? r.Lowest : r.Highest);
            var mid = (r.Lowest + r.Highest) / 2;
            var scale = mid == 0 ? 1 : Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(mid))) - 1);
            list.Add(Math.Round(mid / scale) * scale);
        }

        // Public parameters and counts.
        var eco = region.Economics;
        var pol = region.Policies;
        list.AddRange([eco.DiscountRate, eco.DiscountRate * 100, eco.HorizonYears, pol.Co2Price.Value, pol.LandfillTax.Value, pol.IncinerationTax.Value, Disclosure.MinActors, Disclosure.DominanceShare * 100, 2, 1]);
        list.AddRange(Enumerable.Range(0, 100).Select(i => (double)i).Where(i => i <= region.Actors.Length + 1 || i <= eco.HorizonYears));
        list.AddRange(region.TransportModes.SelectMany(m => new[] { m.Cost.Value, m.FixedCost.Value, m.Emissions.Value }));
        // Numbers in display names (e.g. "3 500 oil furnaces") are words of the region's public catalogue.
        var names = region.Actors.Select(a => a.Name).Concat(region.Resources.Select(r => r.Name)).Concat(region.Processes.Select(p => p.Name))
            .Concat(region.TransportModes.Select(m => m.Name)).Concat(region.Permits.Select(p => p.Name)).Append(region.Name);
        list.AddRange(names.SelectMany(TextTokens).Select(t => t.Value));
        // The aggregates that passed the rule (the tests above check that each one may be shown).
        list.AddRange(doc.Aggregates.Where(a => a.Value is not null).SelectMany(a => new[] { a.Value!.Value, a.Actors }));
        return list;
    }
}
