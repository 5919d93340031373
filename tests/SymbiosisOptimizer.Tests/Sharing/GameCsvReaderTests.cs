using SymbiosisOptimizer.Assessment.Sharing;
using static SymbiosisOptimizer.Tests.Sharing.TestGames;

namespace SymbiosisOptimizer.Tests.Sharing;

public class GameCsvReaderTests
{
    private static string[] Messages(GameCsvResult result) => [.. result.Errors.Select(e => e.ToString())];

    public class Parse
    {
        [Fact]
        public void Should_read_a_complete_benefit_game()
        {
            const string text = "coalition,value\nA,0\nB,0\nC,0\nA+B,60\nA+C,60\nB+C,60\nA+B+C,120\n";

            var result = GameCsvReader.Parse(text);

            Assert.True(result.Success);
            Assert.Empty(result.Errors);
            var game = result.Game!;
            Assert.Equal(["A", "B", "C"], game.Players.ToArray());
            Assert.Equal(GameKind.Value, game.Kind);
            Assert.Equal(60, game.Value(game.Coalition("A", "C")));
            Assert.Equal(120, game.GrandValue);
        }

        [Fact]
        public void Should_trim_blanks_accept_crlf_and_every_spelling_of_the_empty_coalition()
        {
            foreach (string empty in new[] { ",0\n", "{},0\n", "  {} , 0\n", string.Empty })
            {
                string text = "\uFEFF Coalition , Value \r\n" + empty + " B , 2.5 \r\n\r\nA,1e1\r\n B + A ,20\r\n";

                var result = GameCsvReader.Parse(text);

                Assert.True(result.Success, string.Join("; ", Messages(result)));
                var game = result.Game!;
                Assert.Equal(["B", "A"], game.Players.ToArray());
                Assert.Equal(2.5, game.Value(game.Coalition("B")));
                Assert.Equal(10, game.Value(game.Coalition("A")));
                Assert.Equal(20, game.GrandValue);
            }
        }

        [Fact]
        public void Should_order_players_by_their_singleton_rows_wherever_they_appear()
        {
            const string text = "coalition,value\nC+A+B,9\nB,1\nA+B,3\nC,2\nA,0\nA+C,4\nB+C,5\n";

            var game = GameCsvReader.Parse(text).Game!;

            Assert.Equal(["B", "C", "A"], game.Players.ToArray());
        }

        [Fact]
        public void Should_read_a_cost_game_from_a_cost_header()
        {
            const string text = "coalition,cost\nA,88\nB,92\nC,70\nA+B,100\nA+C,119\nB+C,112\nA+B+C,120\n";

            var game = GameCsvReader.Parse(text, "delivery.csv").Game!;

            Assert.Equal(GameKind.Cost, game.Kind);
            AssertAmounts([41.5, 40, 38.5], Shapley.Exact(game));
        }

        [Fact]
        public void Should_report_every_error_at_once_with_its_location()
        {
            const string text =
                "coalition,value\n" +      // 1
                "A+B,120\n" +              // 2
                "A,10\n" +                 // 3
                "B+A,130\n" +              // 4
                "B,abc\n" +                // 5
                "A+C+A,1\n" +              // 6
                "C, NaN\n" +               // 7
                "A+C,1e999\n" +            // 8
                "B+C,\n" +                 // 9
                "A++C,3\n" +               // 10
                "A,B,3\n" +                // 11
                "{},5\n";                  // 12

            var result = GameCsvReader.Parse(text);

            Assert.False(result.Success);
            Assert.Null(result.Game);
            Assert.Equal(
                [
                    "game.csv:4:1: coalition 'B+A' appears twice (first on line 2)",
                    "game.csv:5:3: value 'abc' is not a number",
                    "game.csv:6:5: player 'A' appears twice in coalition 'A+C+A'",
                    "game.csv:7:4: value 'NaN' is not a finite number",
                    "game.csv:8:5: value '1e999' is not a finite number",
                    "game.csv:9:5: the value is missing",
                    "game.csv:10:3: coalition 'A++C' has an empty player name",
                    "game.csv:11:1: expected 2 cells 'coalition,value' but found 3",
                    "game.csv:12:1: the empty coalition must have value 0, found 5",
                    "game.csv:13:1: the game is incomplete: coalition A+B+C has no value",
                ],
                Messages(result));
        }

        [Fact]
        public void Should_list_at_most_ten_missing_coalitions_and_count_the_rest()
        {
            const string text = "coalition,value\nA,1\nB,1\nC,1\nD,1\nE,1\nA+B+C+D+E,9\n";

            var result = GameCsvReader.Parse(text, "five.csv");

            var error = Assert.Single(result.Errors);
            Assert.Equal(
                "five.csv:8:1: the game is incomplete: 25 coalitions have no value: "
                + "A+B, A+C, B+C, A+D, B+D, C+D, A+E, B+E, C+E, D+E and 15 more",
                error.ToString());
            Assert.Equal(("five.csv", 8, 1), (error.File, error.Line, error.Column));
        }

        [Fact]
        public void Should_refuse_more_than_twenty_players_at_the_first_mention_of_the_twenty_first()
        {
            var rows = Enumerable.Range(1, 22).Select(i => "P" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",1");
            string text = "coalition,value\n" + string.Join("\n", rows) + "\nP2+P1,5\nP1+P2,6\n";

            var result = GameCsvReader.Parse(text);

            // The repeated pair is still found although no bitmask can be assigned to 22 players.
            Assert.Equal(
                [
                    "game.csv:22:1: the file names 22 players but exact sharing methods support at most 20; player 'P21' is number 21",
                    "game.csv:25:1: coalition 'P1+P2' appears twice (first on line 24)",
                ],
                Messages(result));
        }

        [Fact]
        public void Should_explain_a_wrong_header_and_still_check_the_rows()
        {
            const string text = "players,worth\nA,x\n";

            var result = GameCsvReader.Parse(text);

            Assert.Equal(
                [
                    "game.csv:1:1: the header must be 'coalition,value' or 'coalition,cost', found 'players,worth'",
                    "game.csv:2:3: value 'x' is not a number",
                ],
                Messages(result));
        }

        [Fact]
        public void Should_report_an_empty_file_and_a_file_without_rows()
        {
            Assert.Equal(
                ["game.csv:1:1: the file is empty; expected the header 'coalition,value' or 'coalition,cost'"],
                Messages(GameCsvReader.Parse(string.Empty)));
            Assert.Equal(
                ["game.csv:2:1: no coalitions found; expected lines like 'A+B,120' after the header"],
                Messages(GameCsvReader.Parse("coalition,value\n")));
        }
    }
}
