using System.Collections.Concurrent;
using System.Diagnostics;
using SymbiosisOptimizer.Assessment.Runner;
using SymbiosisOptimizer.Optimization.Solvers;
using SymbiosisOptimizer.Reports;

namespace SymbiosisOptimizer.App;

/// <summary>What a background job runs: a plain run or one of the runner commands.</summary>
public enum JobKind
{
    Run,
    Compare,
    Barriers,
    Sweep,
    MonteCarlo,
    Share,
    Robust,
    Alternatives,
    Pareto,
}

/// <summary>The words the catalogue and the URLs use for <see cref="JobKind"/>, the CLI's command names.</summary>
public static class JobKinds
{
    public static string Word(JobKind kind) => kind switch
    {
        JobKind.Run => "run",
        JobKind.Compare => "compare",
        JobKind.Barriers => "barriers",
        JobKind.Sweep => "sweep",
        JobKind.MonteCarlo => "montecarlo",
        JobKind.Share => "share",
        JobKind.Robust => "robust",
        JobKind.Alternatives => "alternatives",
        JobKind.Pareto => "pareto",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static JobKind Parse(string? word) => word switch
    {
        "compare" => JobKind.Compare,
        "barriers" => JobKind.Barriers,
        "sweep" => JobKind.Sweep,
        "montecarlo" => JobKind.MonteCarlo,
        "share" => JobKind.Share,
        "robust" => JobKind.Robust,
        "alternatives" => JobKind.Alternatives,
        "pareto" => JobKind.Pareto,
        _ => JobKind.Run,
    };

    /// <summary>The title a page gives this kind of job, in English: the phrase table's, so a kind has its title in one place.</summary>
    public static string Title(JobKind kind) => AppText.English.Title(kind);
}

/// <summary>
/// Where a job is, as the page polls it: done of total steps (solves, samples, points or stages), what just finished,
/// how long it has run and, when it can be estimated, how long it still needs.
/// </summary>
/// <param name="RemainingSeconds">From the rate of the steps done so far, or from the last finished run of the same
/// scenario when the steps are stages of unequal length; null while nothing is known.</param>
public sealed record JobProgress(string Id, string Status, bool Queued, int Done, int Total, JobLabel Label, double ElapsedSeconds, double? RemainingSeconds);

/// <summary>
/// What a job is doing, worded when a page shows it, in that page's language: one of the app's phrases or a name the
/// runner gave (a scenario, a sample), and during an optimisation the solve's best plan and bound so far.
/// </summary>
public sealed record JobLabel(AppPhrase? Phrase, string Name = "", SolveProgress? Solve = null)
{
    public static JobLabel Of(AppPhrase phrase) => new(phrase);

    public string Text(AppText t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var head = Phrase is { } p ? t[p] : Name;
        if (Solve is not { } s)
        {
            return head;
        }

        var solve = s.HasPlan
            ? t.Format(AppPhrase.SolveProgressPlan, t.Percent(s.Gap, 3), s.PartsSolved, s.Parts)
            : t.Format(AppPhrase.SolveProgressNoPlan, s.PartsSolved, s.Parts);
        return head.Length == 0 ? solve : head + ": " + solve;
    }
}

/// <summary>One job while it runs: its cancel switch and its latest progress.</summary>
public sealed class Job
{
    private readonly Stopwatch clock = new();
    private readonly object gate = new();
    private (int Done, int Total, JobLabel Label) last = (0, 0, JobLabel.Of(AppPhrase.JobWaiting));

    public Job(RunEntry entry, double? expectedSeconds)
    {
        Entry = entry;
        ExpectedSeconds = expectedSeconds;
    }

    public RunEntry Entry { get; }

    /// <summary>How long the last finished job of the same kind and scenario took, if any.</summary>
    public double? ExpectedSeconds { get; }

    public CancellationTokenSource Cancellation { get; } = new();

    public CancellationToken Token => Cancellation.Token;

    public bool Queued { get; private set; } = true;

    /// <summary>Set when the job has ended and its entry is in the catalogue.</summary>
    public Task Completion { get; internal set; } = Task.CompletedTask;

    /// <summary>The runner's progress callback: steps done of the total and the name of what just finished.</summary>
    public ProgressReport Progress => (done, total, name) => Report(done, total, new JobLabel(null, name));

    /// <summary>A step of the app's own, in its words.</summary>
    public void Step(int done, int total, AppPhrase phrase) => Report(done, total, JobLabel.Of(phrase));

    /// <summary>The steps of <see cref="RunPipeline.Solve"/> as steps <paramref name="first"/> onwards of <paramref name="total"/>.</summary>
    public RunStageReport Stages(int first, int total) => (stage, solve) => Report(first + (int)stage, total, new JobLabel(stage switch
    {
        RunStage.Optimising => AppPhrase.RunStageOptimising,
        RunStage.ExplainingNotChosen => AppPhrase.RunStageExplaining,
        _ => AppPhrase.RunStageBuilding,
    }, Solve: solve));

    private void Report(int done, int total, JobLabel label)
    {
        lock (gate)
        {
            // Parallel workers report out of order; progress only moves forward.
            if (total != last.Total || done >= last.Done)
            {
                last = (done, total, label);
            }
        }
    }

    internal void Began()
    {
        Queued = false;
        lock (gate)
        {
            last = (0, 0, JobLabel.Of(AppPhrase.JobStarting));
        }

        clock.Start();
    }

    public JobProgress Snapshot()
    {
        (int Done, int Total, JobLabel Label) now;
        lock (gate)
        {
            now = last;
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        double? remaining = null;
        if (!Queued && now.Total > 0 && now.Done > 0 && now.Total >= 10)
        {
            // Many equal steps (samples, points, solves): the rate so far.
            remaining = elapsed / now.Done * (now.Total - now.Done);
        }
        else if (!Queued && ExpectedSeconds is { } expected)
        {
            remaining = Math.Max(0, expected - elapsed);
        }
        else if (!Queued && now.Total > 0 && now.Done > 0)
        {
            remaining = elapsed / now.Done * (now.Total - now.Done);
        }

        return new JobProgress(Entry.Id, RunStatus.Running.Word, Queued, now.Done, now.Total, now.Label, elapsed, remaining);
    }
}

/// <summary>
/// The app's background jobs: every run and runner command is recorded in the catalogue as running, solved on a
/// worker thread one at a time (the solver shares the machine), and recorded again when it ends: with its result,
/// as cancelled when its Cancel button stopped it, or as an error.
/// </summary>
public sealed class AppJobs(RunCatalogue catalogue) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ConcurrentDictionary<string, Job> running = new(StringComparer.Ordinal);

    /// <summary>
    /// Records <paramref name="entry"/> as running and starts <paramref name="work"/> in the background; the entry it
    /// returns is what the catalogue keeps. <paramref name="work"/> must give up with
    /// <see cref="OperationCanceledException"/> once the job's token is set.
    /// </summary>
    public Job Start(RunEntry entry, Func<Job, RunEntry> work)
    {
        var job = new Job(entry, Expected(entry));
        catalogue.Add(entry);
        running[entry.Id] = job;

        // A job solves for minutes on a thread of its own: one taken from the thread pool for that long kept there
        // whatever the request that started it had queued on that thread, and the pool added no thread while the job's
        // solver loops kept completing small tasks. The browser tests caught the app leaving connections unaccepted
        // for the length of a Monte Carlo run.
        job.Completion = Task.Factory.StartNew(() => Run(job, entry, work), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return job;
    }

    private void Run(Job job, RunEntry entry, Func<Job, RunEntry> work)
    {
        RunEntry final;
        try
        {
            gate.Wait(job.Token);
            try
            {
                job.Began();
                final = work(job);
                job.Token.ThrowIfCancellationRequested();
            }
            finally
            {
                gate.Release();
            }
        }
        catch (OperationCanceledException) when (job.Token.IsCancellationRequested)
        {
            var p = job.Snapshot();
            var where = p.Total > 0 ? $" at {p.Done} of {p.Total}" : string.Empty;
            final = entry with
            {
                Status = RunStatus.Cancelled,
                Finished = DateTimeOffset.UtcNow,
                Message = p.Queued ? "cancelled before it started" : FormattableString.Invariant($"cancelled after {p.ElapsedSeconds:0.0} s{where}; nothing was kept"),
            };
        }
        catch (Exception ex)
        {
            // Whatever went wrong is recorded with the run, so the catalogue never keeps a run 'running' that has stopped.
            final = entry with { Status = RunStatus.Error, Finished = DateTimeOffset.UtcNow, Message = ex.Message };
        }

        if (final.Status == RunStatus.Cancelled)
        {
            // A cancelled job keeps no half-written documents.
            var dir = catalogue.FolderOf(final);
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        catalogue.Update(final);
        running.TryRemove(entry.Id, out _);
        job.Cancellation.Dispose();
    }

    /// <summary>Stops a running or queued job; false when there is no such job running.</summary>
    public bool Cancel(string id)
    {
        if (!running.TryGetValue(id, out var job))
        {
            return false;
        }

        try
        {
            job.Cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // It ended between the look-up and the cancel.
            return false;
        }

        return true;
    }

    /// <summary>A running job's progress, or null when it is not running (then the catalogue has its outcome).</summary>
    public JobProgress? Progress(string id) => running.TryGetValue(id, out var job) ? job.Snapshot() : null;

    /// <summary>The running job, e.g. for a test to wait on; null when it has ended.</summary>
    public Job? Find(string id) => running.TryGetValue(id, out var job) ? job : null;

    private double? Expected(RunEntry entry) => catalogue.List()
        .Where(r => r.Kind == entry.Kind && r.Scenario == entry.Scenario && r.Named == entry.Named && r.HasDocuments && r.Finished is not null)
        .Select(r => (r.Finished!.Value - r.Started).TotalSeconds)
        .Cast<double?>()
        .FirstOrDefault();

    /// <summary>Stops every job when the app stops, so that stopping never waits for a long run.</summary>
    public void Dispose()
    {
        foreach (var job in running.Values)
        {
            try
            {
                job.Cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Already ended.
            }
        }

        Task.WaitAll([.. running.Values.Select(j => j.Completion)], TimeSpan.FromSeconds(10));
        gate.Dispose();
    }
}
