using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SymbiosisOptimizer.Optimization;

namespace SymbiosisOptimizer.App;

/// <summary>One run in the catalogue.</summary>
/// <param name="Status">Where the run stands and, for a solved plain run, how its optimisation ended.</param>
/// <param name="Kpis">The run's KPI block as results.json writes it (JSON), or null.</param>
/// <param name="Folder">The run's documents, relative to the workspace (runs/&lt;id&gt;).</param>
public sealed record RunEntry(
    string Id,
    string Scenario,
    string Named,
    ImmutableArray<string> Overrides,
    RunStatus Status,
    DateTimeOffset Started,
    DateTimeOffset? Finished,
    string? Kpis,
    string Folder,
    string Message)
{
    /// <summary>What was run: a plain run, or one of the runner commands (compare, barriers, sweep, montecarlo, share).</summary>
    public JobKind Kind { get; init; } = JobKind.Run;

    public bool HasDocuments => Status.HasDocuments;

    public bool IsRunning => Status.IsRunning;
}

/// <summary>
/// The run catalogue: a SQLite file (catalogue.db) in the workspace, one row per run; the documents themselves are
/// files in the run's folder beside it. Opening the same workspace again shows the earlier runs.
/// </summary>
public sealed class RunCatalogue
{
    public const string FileName = "catalogue.db";

    private readonly string connection;

    public RunCatalogue(AppOptions options)
    {
        Workspace = options.WorkspacePath;
        Directory.CreateDirectory(Workspace);
        connection = new SqliteConnectionStringBuilder { DataSource = System.IO.Path.Combine(Workspace, FileName), Pooling = false }.ToString();
        Execute("""
            CREATE TABLE IF NOT EXISTS runs (
              id TEXT PRIMARY KEY,
              scenario TEXT NOT NULL,
              named TEXT NOT NULL,
              overrides TEXT NOT NULL,
              status TEXT NOT NULL,
              started TEXT NOT NULL,
              finished TEXT,
              kpis TEXT,
              folder TEXT NOT NULL,
              message TEXT NOT NULL)
            """);

        // Catalogues written before the runner pages have no kind column: every row there is a plain run.
        if (!Columns().Contains("kind"))
        {
            Execute("ALTER TABLE runs ADD COLUMN kind TEXT NOT NULL DEFAULT 'run'");
        }

        // Catalogues written before the typed status kept a solved run's document status in the status column.
        if (!Columns().Contains("outcome"))
        {
            Execute("ALTER TABLE runs ADD COLUMN outcome TEXT");
        }

        // Runs are solved inside the app's process: one still 'running' when the catalogue opens was cut off by a stop.
        Execute("UPDATE runs SET status = 'interrupted', message = 'the app stopped before this run finished' WHERE status = 'running'");
    }

    public string Workspace { get; }

    /// <summary>The full path of a run's folder (the catalogue stores it relative to the workspace).</summary>
    public string FolderOf(RunEntry run) => System.IO.Path.GetFullPath(System.IO.Path.Combine(Workspace, run.Folder));

    public void Add(RunEntry run) => Execute(
        "INSERT INTO runs (id, scenario, named, overrides, status, outcome, started, finished, kpis, folder, message, kind) VALUES ($id, $scenario, $named, $overrides, $status, $outcome, $started, $finished, $kpis, $folder, $message, $kind)",
        Parameters(run));

    public void Update(RunEntry run) => Execute(
        "UPDATE runs SET overrides = $overrides, status = $status, outcome = $outcome, finished = $finished, kpis = $kpis, message = $message WHERE id = $id",
        Parameters(run));

    public RunEntry? Get(string id) => Query("SELECT * FROM runs WHERE id = $id", ("$id", id)).FirstOrDefault();

    /// <summary>Every run, newest first.</summary>
    public IReadOnlyList<RunEntry> List() => Query("SELECT * FROM runs ORDER BY started DESC, id DESC");

    private static (string, object?)[] Parameters(RunEntry r) =>
    [
        ("$id", r.Id), ("$scenario", r.Scenario), ("$named", r.Named), ("$overrides", JsonSerializer.Serialize(r.Overrides.ToArray(), AppJson.Default.StringArray)),
        ("$status", RunStatus.StateWord(r.Status.State)), ("$outcome", r.Status.Outcome?.Word()), ("$started", r.Started.ToString("O", CultureInfo.InvariantCulture)),
        ("$finished", r.Finished?.ToString("O", CultureInfo.InvariantCulture)), ("$kpis", r.Kpis), ("$folder", r.Folder), ("$message", r.Message),
        ("$kind", JobKinds.Word(r.Kind)),
    ];

    private HashSet<string> Columns()
    {
        using var c = new SqliteConnection(connection);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA table_info(runs)";
        using var reader = cmd.ExecuteReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            names.Add(reader.GetString(1));
        }

        return names;
    }

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var c = new SqliteConnection(connection);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        cmd.ExecuteNonQuery();
    }

    private List<RunEntry> Query(string sql, params (string Name, object? Value)[] parameters)
    {
        using var c = new SqliteConnection(connection);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        using var reader = cmd.ExecuteReader();
        var rows = new List<RunEntry>();
        while (reader.Read())
        {
            string? Text(string column) => reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetString(reader.GetOrdinal(column));
            rows.Add(new RunEntry(
                Text("id")!, Text("scenario")!, Text("named")!,
                [.. JsonSerializer.Deserialize(Text("overrides") ?? "[]", AppJson.Default.StringArray) ?? []],
                RunStatus.FromCatalogue(Text("status")!, Text("outcome")),
                DateTimeOffset.Parse(Text("started")!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                Text("finished") is { } f ? DateTimeOffset.Parse(f, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null,
                Text("kpis"), Text("folder")!, Text("message") ?? string.Empty)
            {
                Kind = JobKinds.Parse(Text("kind")),
            });
        }

        return rows;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
[System.Text.Json.Serialization.JsonSerializable(typeof(ProgressAnswer))]
[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class AppJson : System.Text.Json.Serialization.JsonSerializerContext;
