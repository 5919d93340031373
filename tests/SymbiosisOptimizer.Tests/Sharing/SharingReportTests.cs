using System.Text.Json;
using SymbiosisOptimizer.Assessment.Sharing;
using static SymbiosisOptimizer.Tests.Sharing.TestGames;

namespace SymbiosisOptimizer.Tests.Sharing;

public class SharingReportTests
{
    public class Methods
    {
        [Fact]
        public void Should_expand_all_and_collect_every_unknown_name()
        {
            Assert.True(SharingMethods.TryParse("all", out var all, out _));
            Assert.Equal(SharingMethods.All.ToArray(), all.ToArray());

            Assert.False(SharingMethods.TryParse("Shapley, banzhaf, ,nucleolus", out var some, out var errors));
            Assert.Equal([SharingMethod.Shapley, SharingMethod.Nucleolus], some.ToArray());
            Assert.Equal(2, errors.Length);
            Assert.StartsWith("unknown method 'banzhaf'", errors[0], StringComparison.Ordinal);
            Assert.Equal("empty method name in the list", errors[1]);
        }
    }

    public class Build
    {
        [Fact]
        public void Should_collect_every_method_with_core_checks_and_the_least_core_epsilon()
        {
            var report = SharingReportBuilder.Build(Bankruptcy(200, 100, 200, 300), SharingMethods.All);

            Assert.Equal(["shapley", "nucleolus", "leastcore", "equal", "proportional"], report.Methods.Select(m => m.Method));
            AssertClose(-50, report.LeastCoreEpsilon!.Value);
            Assert.True(report.CoreNonEmpty);
            var nucleolus = report.Methods.Single(m => m.Method == "nucleolus");
            Assert.True(nucleolus.Core!.InCore);
            AssertClose(75, report.PerPlayer[1].Amounts["nucleolus"]);
            // Standalone values are all zero here, so proportional falls back and the report says why.
            Assert.Contains(report.Notes, n => n.StartsWith("proportional: all standalone values are zero", StringComparison.Ordinal));
        }

        [Fact]
        public void Should_show_which_allocations_an_empty_core_leaves_blocked()
        {
            var report = SharingReportBuilder.Build(Majority3(), [SharingMethod.Shapley, SharingMethod.LeastCore]);

            Assert.False(report.CoreNonEmpty);
            AssertClose(1.0 / 3, report.LeastCoreEpsilon!.Value);
            var shapley = report.Methods[0];
            Assert.False(shapley.Core!.InCore);
            Assert.Equal(3, shapley.Core.BlockingCount);
            AssertClose(1.0 / 3, shapley.Core.Blocking[0].Shortfall);
        }

        [Fact]
        public void Should_sample_and_skip_exact_methods_on_an_oracle_game()
        {
            var game = CooperativeGame.FromOracle(["a", "b", "c"], s => System.Numerics.BitOperations.PopCount(s) * 3.0);

            var report = SharingReportBuilder.Build(game, [SharingMethod.Shapley, SharingMethod.Nucleolus],
                new SharingReportOptions(new SampledShapleyOptions(Seed: 1, MaxPermutations: 100)));

            var sampled = Assert.Single(report.Methods);
            Assert.Equal("shapley-stratified", sampled.Method);
            Assert.All(sampled.Amounts, a => AssertClose(3, a));
            Assert.Null(sampled.Core);
            Assert.Null(report.LeastCoreEpsilon);
            Assert.Contains("nucleolus skipped: it needs every coalition value and this game is given by an oracle", report.Notes);
            Assert.Equal(0.0, report.PerPlayer[0].HalfWidths95["shapley-stratified"], 12);
        }

        [Fact]
        public void Should_skip_the_nucleolus_with_a_note_when_no_imputation_exists()
        {
            var game = Build(["A", "B"], GameKind.Value, ("A", 5), ("B", 5), ("A+B", 8));

            var report = SharingReportBuilder.Build(game, SharingMethods.All);

            Assert.DoesNotContain(report.Methods, m => m.Method == "nucleolus");
            Assert.Contains(report.Notes, n => n.StartsWith("nucleolus skipped", StringComparison.Ordinal));
        }

        [Fact]
        public void Should_serialise_to_json_with_per_player_amounts_by_method()
        {
            var report = SharingReportBuilder.Build(Glove(), [SharingMethod.Shapley, SharingMethod.SampledShapley],
                new SharingReportOptions(new SampledShapleyOptions(Seed: 2, MaxPermutations: 400)));

            using var json = JsonDocument.Parse(JsonSerializer.Serialize(report));

            var root = json.RootElement;
            Assert.Equal("value", root.GetProperty("Kind").GetString());
            var left = root.GetProperty("PerPlayer")[0];
            Assert.Equal("L", left.GetProperty("Player").GetString());
            AssertClose(2.0 / 3, left.GetProperty("Amounts").GetProperty("shapley").GetDouble());
            Assert.True(left.GetProperty("HalfWidths95").GetProperty("shapley-sampled").GetDouble() > 0);
            Assert.Equal(400, root.GetProperty("Methods")[1].GetProperty("Samples").GetInt32());
        }
    }

    public class RenderTable
    {
        [Fact]
        public void Should_lay_out_players_as_rows_and_methods_as_columns_with_two_decimals()
        {
            var report = SharingReportBuilder.Build(Glove(),
                [SharingMethod.Shapley, SharingMethod.Nucleolus, SharingMethod.EqualSurplus, SharingMethod.Proportional]);

            string table = SharingReportBuilder.RenderTable(report);

            // Shapley and the equal split leave L+R1 and L+R2 short of their pair value 1; only (1, 0, 0) is in the core.
            Assert.Equal(
                "Value game, 3 players, v(N) = 1.00\n" +
                "player   standalone          shapley  nucleolus            equal     proportional\n" +
                "-------  ----------  ---------------  ---------  ---------------  ---------------\n" +
                "L              0.00             0.67       1.00             0.33             0.33\n" +
                "R1             0.00             0.17       0.00             0.33             0.33\n" +
                "R2             0.00             0.17       0.00             0.33             0.33\n" +
                "-------  ----------  ---------------  ---------  ---------------  ---------------\n" +
                "total          0.00             1.00       1.00             1.00             1.00\n" +
                "in core              no (2 blocking)        yes  no (2 blocking)  no (2 blocking)\n" +
                "least-core epsilon: 0.00 (core is non-empty)\n" +
                "note: proportional: all standalone values are zero, so v(N) was split equally\n",
                table);
        }

        [Fact]
        public void Should_show_sampled_half_widths_next_to_the_estimate()
        {
            var game = CooperativeGame.FromOracle(["a", "b"], s => s == 3 ? 10.0 : 0.0);
            var report = SharingReportBuilder.Build(game, [SharingMethod.SampledShapley],
                new SharingReportOptions(new SampledShapleyOptions(Seed: 9, MaxPermutations: 50)));

            string table = SharingReportBuilder.RenderTable(report);

            // An order and its reverse give each player 0 and 10, so every antithetic pair averages exactly 5: zero variance.
            Assert.Contains("a" + new string(' ', 13) + "0.00" + new string(' ', 6) + "5.00 ± 0.00\n", table, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_show_stratified_half_widths_and_samples_next_to_the_estimate()
        {
            var game = CooperativeGame.FromOracle(["a", "b"], s => s == 3 ? 10.0 : 0.0);
            var report = SharingReportBuilder.Build(game, [SharingMethod.Shapley]);

            string table = SharingReportBuilder.RenderTable(report);

            // Two players: each has one coalition of size 0 (marginal 0) and one of size 1 (marginal 10), both
            // enumerated, so the share is (0 + 10) / 2 = 5 exactly, from 2 samples, with half-width 0.
            Assert.Contains("5.00 ± 0.00 (2 samples)\n", table, StringComparison.Ordinal);
            Assert.Contains("note: shapley estimated by stratified sampling: the game is given by an oracle\n", table, StringComparison.Ordinal);
        }
    }
}
