using SymbiosisOptimizer.Domain.Model;
using SymbiosisOptimizer.Domain.Quantities;
using SymbiosisOptimizer.Scenarios;

namespace SymbiosisOptimizer.Tests.Scenarios;

public class ScenarioLoaderTests
{
    private static readonly string Tiny = TestPaths.Fixture("tiny");

    /// <summary>Diagnostics without the file part, as the malformed corpus writes them.</summary>
    private static List<string> Lines(LoadResult result) =>
        [.. result.Diagnostics.Select(d => d.ToString().Replace(result.SourceFile + ":", string.Empty, StringComparison.Ordinal))];

    public class Load
    {
        [Fact]
        public void Should_load_the_tiny_fixture_with_every_item()
        {
            var result = ScenarioLoader.Load(Tiny, new LoadOptions(ValidateAllScenarios: true));

            Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
            Assert.Empty(result.Diagnostics);
            var region = result.Region!;
            Assert.Equal("Tiny", region.Name);
            Assert.Equal((2, 2, 1, 1, 0, 1, 1, 1), (region.Resources.Length, region.Actors.Length, region.Supplies.Length, region.Demands.Length,
                region.Processes.Length, region.TransportModes.Length, region.Distances.Length, region.Permits.Length));
            Assert.Equal(["base", "high-tax", "reform"], result.ScenarioNames.ToArray());
            Assert.Equal("base", result.ScenarioName);
            Assert.Empty(result.AppliedOverrides.ToArray());
        }

        [Fact]
        public void Should_read_the_region_economics()
        {
            var economics = ScenarioLoader.Load(Tiny).Region!.Economics;

            Assert.Equal(("SEK", 0.05, 10.0, 1.0), (economics.Currency, economics.DiscountRate, economics.HorizonYears, economics.Circuity));
            Assert.Equal(11.5, economics.ExchangeRates.PerUnit["EUR"]);
        }

        [Fact]
        public void Should_convert_a_euro_price_into_the_region_currency()
        {
            var price = ScenarioLoader.Load(Tiny).Region!.Demands.Single().Source.Price;

            Assert.Equal(Dimension.MoneyIn("SEK") / Dimension.MassD, price.Dimension);
            Assert.Equal(10 * 11.5, price.Value, 12);
        }

        [Fact]
        public void Should_store_flows_and_emission_factors_in_base_units()
        {
            var region = ScenarioLoader.Load(Tiny).Region!;
            var supply = region.Supplies.Single();
            var truck = region.TransportModes.Single();

            Assert.Equal(5000.0, supply.Quantity.Value);
            Assert.Equal(Dimension.MassD.PerYear, supply.Quantity.Dimension);
            Assert.Equal(1.26e-3, supply.Route.Emissions.Value, 15);
            Assert.Equal(Dimension.EmissionsD / Dimension.MassD, supply.Route.Emissions.Dimension);
            Assert.Equal(7.79e-3, region.Demands.Single().Source.Emissions.Value, 15);
            Assert.Equal(0.10163e-3, truck.Emissions.Value, 15);
            Assert.Equal(Dimension.EmissionsD / (Dimension.MassD * Dimension.LengthD), truck.Emissions.Dimension);
            Assert.Equal(2e-5, supply.Quality["phenol"].Value, 15);
            Assert.Equal(100_000.0, region.Permits.Single().Cost.Value);
            Assert.Equal(40.0, region.Distances.Single().Distance.Value);
        }

        [Fact]
        public void Should_accept_the_scenario_file_itself_as_well_as_its_folder()
        {
            Assert.True(ScenarioLoader.Load(Path.Combine(Tiny, "scenario.yaml")).Succeeded);
        }

        [Fact]
        public void Should_report_a_path_that_points_nowhere_without_throwing()
        {
            var missing = Path.Combine(Path.GetTempPath(), "no-such-scenario-" + Guid.NewGuid().ToString("N"), "scenario.yaml");

            var result = ScenarioLoader.Load(missing);

            Assert.False(result.Succeeded);
            Assert.Null(result.Region);
            Assert.Equal($"{missing}: error: '{missing}' does not exist", Assert.Single(result.Diagnostics).ToString());
        }

        [Fact]
        public void Should_report_a_folder_without_a_scenario_file()
        {
            using var empty = TempScenario.Create(string.Empty);
            File.Delete(empty.File);

            var result = ScenarioLoader.Load(empty.Folder);

            Assert.Contains("has no scenario.yaml", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
        }
    }

    public class Scenarios
    {
        [Fact]
        public void Should_apply_the_overrides_of_the_chosen_scenario_in_order()
        {
            var result = ScenarioLoader.Load(Tiny, new LoadOptions("reform"));

            Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
            Assert.Equal("reform", result.ScenarioName);
            Assert.Equal(["tax-1000", "eow"], result.AppliedOverrides.ToArray());
            Assert.Equal(1000.0, result.Region!.Policies.LandfillTax.Value);
            Assert.Equal(["foundry-sand"], result.Region.Policies.EndOfWaste.ToArray());
            Assert.Equal(WasteStatus.ByProduct, result.Region.StatusOf("foundry-sand"));
        }

        [Fact]
        public void Should_leave_the_base_model_unchanged()
        {
            var before = ScenarioLoader.Load(Tiny).Region!;

            var reform = ScenarioLoader.Load(Tiny, new LoadOptions("reform")).Region!;
            var after = ScenarioLoader.Load(Tiny).Region!;

            Assert.NotSame(before, reform);
            foreach (var region in new[] { before, after })
            {
                Assert.Equal(744.0, region.Policies.LandfillTax.Value);
                Assert.Empty(region.Policies.EndOfWaste);
                Assert.Equal(WasteStatus.Waste, region.StatusOf("foundry-sand"));
            }
        }

        [Fact]
        public void Should_apply_only_the_overrides_of_a_smaller_scenario()
        {
            var result = ScenarioLoader.Load(Tiny, new LoadOptions("high-tax"));

            Assert.Equal(["tax-1000"], result.AppliedOverrides.ToArray());
            Assert.Equal(1000.0, result.Region!.Policies.LandfillTax.Value);
            Assert.Empty(result.Region.Policies.EndOfWaste.ToArray());
        }

        [Fact]
        public void Should_refuse_an_unknown_scenario_name_listing_the_known_ones()
        {
            var result = ScenarioLoader.Load(Tiny, new LoadOptions("refrom"));

            Assert.False(result.Succeeded);
            Assert.Equal("--scenario: there is no scenario 'refrom' (did you mean 'reform'?); the scenarios are: base, high-tax, reform",
                Assert.Single(result.Diagnostics).ToString()[(result.SourceFile.Length + ": error: ".Length)..]);
        }

        [Fact]
        public void Should_refuse_two_overrides_setting_one_key_naming_both()
        {
            using var s = TempScenario.FromTiny(
                ("  eow:\n", "  tax-1200:\n    policies.landfillTax: 1200 SEK/t\n  eow:\n"),
                ("reform: [tax-1000, eow]", "reform: [tax-1000, tax-1200]"));

            var result = ScenarioLoader.Load(s.Folder);

            Assert.False(result.Succeeded);
            Assert.Contains(
                "60:22: error: scenarios.reform: overrides 'tax-1000' and 'tax-1200' both set 'policies.landfillTax'; a scenario may set each key only once",
                Lines(result));
        }

        [Fact]
        public void Should_refuse_an_override_inside_a_key_another_override_sets()
        {
            using var s = TempScenario.FromTiny(
                ("  eow:\n", "  all-policies:\n    policies: {landfillTax: 5 SEK/t}\n  eow:\n"),
                ("reform: [tax-1000, eow]", "reform: [tax-1000, all-policies]"));

            var result = ScenarioLoader.Load(s.Folder);

            Assert.Contains(result.Errors, d => d.Message.Contains("overrides 'tax-1000' and 'all-policies' both set 'policies'", StringComparison.Ordinal));
        }

        [Fact]
        public void Should_refuse_an_override_path_that_points_nowhere()
        {
            using var s = TempScenario.FromTiny(("policies.endOfWaste: [foundry-sand]", "permits.reuse-permt.leadTime: 0.5 yr"));

            var result = ScenarioLoader.Load(s.Folder);

            Assert.False(result.Succeeded);
            Assert.Equal(
                "55:5: error: overrides.eow: 'permits.reuse-permt.leadTime' points nowhere: there is no item with id 'reuse-permt' in 'permits' (did you mean 'reuse-permit'?)",
                Assert.Single(Lines(result)));
        }

        [Fact]
        public void Should_refuse_a_scenario_naming_an_unknown_override()
        {
            using var s = TempScenario.FromTiny(("reform: [tax-1000, eow]", "reform: [tax-1000, eow2]"));

            var result = ScenarioLoader.Load(s.Folder);

            Assert.Equal(
                "58:22: error: scenarios.reform: unknown override 'eow2' (did you mean 'eow'?); the overrides are: tax-1000, eow",
                Assert.Single(Lines(result)));
        }

        [Fact]
        public void Should_report_an_invalid_override_value_only_when_its_scenarios_are_validated()
        {
            using var s = TempScenario.FromTiny(("policies.endOfWaste: [foundry-sand]", "policies.endOfWaste: [foundry-snd]"));

            var baseOnly = ScenarioLoader.Load(s.Folder);
            var all = ScenarioLoader.Load(s.Folder, new LoadOptions(ValidateAllScenarios: true));
            var reform = ScenarioLoader.Load(s.Folder, new LoadOptions("reform"));

            Assert.True(baseOnly.Succeeded);
            Assert.Contains(all.Errors, d => d.Message.EndsWith("(in scenario 'reform')", StringComparison.Ordinal));
            Assert.Contains(reform.Errors, d => d.Message.StartsWith("unknown resource 'foundry-snd'", StringComparison.Ordinal));
        }
    }

    public class Strict
    {
        // Without a demand that accepts foundry sand, the supply can never be used: a warning, not an error.
        private static TempScenario Unusable() => TempScenario.FromTiny(("    accepts: [{resource: foundry-sand, ratio: 1}]\n", string.Empty));

        [Fact]
        public void Should_load_with_warnings_when_not_strict()
        {
            using var s = Unusable();

            var result = ScenarioLoader.Load(s.Folder);

            Assert.True(result.Succeeded);
            Assert.Contains("27:5: warning: supplies[sand]: no demand or process can ever use 'foundry-sand'; this supply will stay on its current route", Lines(result));
        }

        [Fact]
        public void Should_turn_warnings_into_errors_when_strict()
        {
            using var s = Unusable();

            var result = ScenarioLoader.Load(s.Folder, new LoadOptions(Strict: true));

            Assert.False(result.Succeeded);
            Assert.Null(result.Region);
            Assert.Empty(result.Warnings);
            Assert.Contains(
                "27:5: error: supplies[sand]: no demand or process can ever use 'foundry-sand'; this supply will stay on its current route (a warning; --strict makes it an error)",
                Lines(result));
        }
    }

    public class CsvTables
    {
        private const string ActorsCsv = "id,name,kind,municipality,lat,lon\n" +
                                         "foundry,Foundry,company,Karlstad,59.3799,13.5029\n" +
                                         "roads,Road works,municipality,Kristinehamn,59.3114,14.1118\n";

        private static string WithActorsCsv() => TempScenario.Edit(TempScenario.TinyText,
            ("actors:\n  - {id: foundry, name: Foundry, kind: company, municipality: Karlstad, lat: 59.3799, lon: 13.5029}\n" +
             "  - {id: roads, name: Road works, kind: municipality, municipality: Kristinehamn, lat: 59.3114, lon: 14.1118}\n",
             "actors: {csv: actors.csv}\n"));

        [Fact]
        public void Should_load_actors_from_a_csv_table_as_from_yaml()
        {
            using var s = TempScenario.Create(WithActorsCsv(), ("actors.csv", ActorsCsv));

            var result = ScenarioLoader.Load(s.Folder);

            Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
            Assert.Equal(ScenarioLoader.Load(Tiny).Region!.Actors.ToArray(), result.Region!.Actors.ToArray());
        }

        [Fact]
        public void Should_locate_an_error_in_the_csv_file_at_its_cell()
        {
            using var s = TempScenario.Create(WithActorsCsv(), ("actors.csv", ActorsCsv.Replace("59.3114", "95", StringComparison.Ordinal)));

            var result = ScenarioLoader.Load(s.Folder);

            var d = Assert.Single(result.Errors);
            Assert.Equal(Path.Combine(s.Folder, "actors.csv"), d.Location.File);
            Assert.Equal((3, 44), (d.Location.Line, d.Location.Column));
            Assert.Equal("actors[roads].lat", d.Field);
        }

        [Fact]
        public void Should_locate_a_misspelt_column_at_its_header_cell()
        {
            using var s = TempScenario.Create(WithActorsCsv(), ("actors.csv", ActorsCsv.Replace(",lat,", ",latt,", StringComparison.Ordinal)));

            var result = ScenarioLoader.Load(s.Folder);

            Assert.All(
                result.Errors.Where(d => d.Message.StartsWith("unknown key 'latt'", StringComparison.Ordinal)),
                d => Assert.Equal((1, 27), (d.Location.Line, d.Location.Column)));
            Assert.Equal(2, result.Errors.Count(d => d.Message.StartsWith("unknown key 'latt'", StringComparison.Ordinal)));
        }

        [Fact]
        public void Should_let_overrides_address_csv_rows_by_id()
        {
            var yaml = TempScenario.Edit(WithActorsCsv(), ("policies.endOfWaste: [foundry-sand]", "actors.roads.lat: 60.0"));
            using var s = TempScenario.Create(yaml, ("actors.csv", ActorsCsv));

            var result = ScenarioLoader.Load(s.Folder, new LoadOptions("reform"));

            Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
            Assert.Equal(60.0, result.Region!.Actor("roads").Location.Latitude);
        }
    }
}
