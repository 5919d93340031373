using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SymbiosisOptimizer.App;
using SymbiosisOptimizer.Optimization;
using SymbiosisOptimizer.Reports.Documents;

namespace SymbiosisOptimizer.Tests.App;

/// <summary>The catalogue's typed run status: what is stored is what is read back, and older catalogues still read.</summary>
public sealed class RunStatusTests : IDisposable
{
    private readonly string workspace = Path.Combine(Path.GetTempPath(), "runstatus-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(workspace))
        {
            Directory.Delete(workspace, recursive: true);
        }
    }

    public static TheoryData<RunState, ResultStatus?> Every()
    {
        var data = new TheoryData<RunState, ResultStatus?>();
        foreach (var s in Enum.GetValues<RunState>().Where(s => s != RunState.Solved))
        {
            data.Add(s, null);
        }

        foreach (var r in Enum.GetValues<ResultStatus>())
        {
            data.Add(RunState.Solved, r);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Every))]
    public void Every_status_comes_back_from_the_catalogue_as_it_was_stored(RunState state, ResultStatus? outcome)
    {
        var status = new RunStatus(state, outcome);
        var catalogue = new RunCatalogue(new AppOptions(workspace));
        var entry = Entry("r1", RunStatus.Running);
        catalogue.Add(entry);
        catalogue.Update(entry with { Status = status });

        Assert.Equal(status, catalogue.Get("r1")!.Status);
    }

    [Fact]
    public void A_solved_run_error_is_not_confused_with_a_failed_job()
    {
        // Both are written "error" in pages; only the solved one has documents to show.
        var solverError = RunStatus.Solved(ResultStatus.Error);
        Assert.Equal("error", solverError.Word);
        Assert.Equal("error", RunStatus.Error.Word);
        Assert.True(solverError.HasDocuments);
        Assert.False(RunStatus.Error.HasDocuments);

        var catalogue = new RunCatalogue(new AppOptions(workspace));
        catalogue.Add(Entry("a", solverError));
        catalogue.Add(Entry("b", RunStatus.Error));
        Assert.True(catalogue.Get("a")!.HasDocuments);
        Assert.False(catalogue.Get("b")!.HasDocuments);
    }

    [Fact]
    public void A_catalogue_from_before_the_outcome_column_reads_its_document_words_as_solved_runs()
    {
        Directory.CreateDirectory(workspace);
        var path = Path.Combine(workspace, RunCatalogue.FileName);
        using (var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            // The schema and rows as the catalogue wrote them before the status was typed: the document's status word
            // ("time-limit-with-plan") stood in the status column.
            cmd.CommandText = """
                CREATE TABLE runs (id TEXT PRIMARY KEY, scenario TEXT NOT NULL, named TEXT NOT NULL, overrides TEXT NOT NULL,
                  status TEXT NOT NULL, started TEXT NOT NULL, finished TEXT, kpis TEXT, folder TEXT NOT NULL, message TEXT NOT NULL,
                  kind TEXT NOT NULL DEFAULT 'run');
                INSERT INTO runs VALUES ('old1', 's', '', '[]', 'time-limit-with-plan', '2026-01-01T00:00:00.0000000+00:00', NULL, NULL, 'runs/old1', '', 'run');
                INSERT INTO runs VALUES ('old2', 's', '', '[]', 'done', '2026-01-01T00:00:01.0000000+00:00', NULL, NULL, 'runs/old2', '', 'share');
                INSERT INTO runs VALUES ('old3', 's', '', '[]', 'running', '2026-01-01T00:00:02.0000000+00:00', NULL, NULL, 'runs/old3', '', 'run');
                """;
            cmd.ExecuteNonQuery();
        }

        var catalogue = new RunCatalogue(new AppOptions(workspace));
        Assert.Equal(RunStatus.Solved(ResultStatus.TimeLimitWithPlan), catalogue.Get("old1")!.Status);
        Assert.Equal(RunStatus.Done, catalogue.Get("old2")!.Status);
        // A run still 'running' when the catalogue opens was cut off by a stop.
        Assert.Equal(RunStatus.Interrupted, catalogue.Get("old3")!.Status);
    }

    [Fact]
    public void The_status_word_is_the_word_results_json_writes()
    {
        // results.json writes the enum through the kebab-case converter; pages and the progress answer use Word.
        var options = new JsonSerializerOptions { Converters = { new KebabCaseEnumConverter<ResultStatus>() } };
        foreach (var r in Enum.GetValues<ResultStatus>())
        {
            Assert.Equal(JsonSerializer.Serialize(r, options), "\"" + RunStatus.Solved(r).Word + "\"");
        }
    }

    private static RunEntry Entry(string id, RunStatus status) =>
        new(id, "scenario", string.Empty, ImmutableArray<string>.Empty, status, DateTimeOffset.UnixEpoch, null, null, "runs/" + id, string.Empty);
}
