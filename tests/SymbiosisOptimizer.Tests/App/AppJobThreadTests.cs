using Microsoft.Data.Sqlite;
using SymbiosisOptimizer.App;

namespace SymbiosisOptimizer.Tests.App;

/// <summary>
/// Where a job runs: on a thread of its own, so that minutes of solving never hold one of the thread pool's threads
/// that the app's requests are served from.
/// </summary>
public sealed class AppJobThreadTests : IDisposable
{
    private readonly string workspace = Path.Combine(Path.GetTempPath(), "appjobthread-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(workspace))
        {
            Directory.Delete(workspace, recursive: true);
        }
    }

    [Fact]
    public async Task A_job_runs_on_a_thread_of_its_own_not_on_the_thread_pool()
    {
        var catalogue = new RunCatalogue(new AppOptions(workspace));
        using var jobs = new AppJobs(catalogue);
        bool? onPool = null;
        var entry = AppRuns.NewEntry(JobKind.MonteCarlo, "s", "base");
        var job = jobs.Start(entry, j =>
        {
            onPool = Thread.CurrentThread.IsThreadPoolThread;
            return entry with { Status = RunStatus.Done, Finished = DateTimeOffset.UtcNow };
        });
        await job.Completion.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.False(onPool, "the job's work ran on a thread-pool thread");
        Assert.Equal(RunStatus.Done, catalogue.Get(entry.Id)!.Status);
    }

    [Fact]
    public async Task A_queued_job_cancelled_before_its_turn_is_recorded_as_such_and_the_queue_goes_on()
    {
        var catalogue = new RunCatalogue(new AppOptions(workspace));
        using var jobs = new AppJobs(catalogue);
        using var release = new ManualResetEventSlim();
        var first = AppRuns.NewEntry(JobKind.MonteCarlo, "s", "base");
        var second = AppRuns.NewEntry(JobKind.MonteCarlo, "s", "base");
        var third = AppRuns.NewEntry(JobKind.MonteCarlo, "s", "base");
        var running = jobs.Start(first, j =>
        {
            release.Wait(j.Token);
            return first with { Status = RunStatus.Done, Finished = DateTimeOffset.UtcNow };
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (jobs.Progress(first.Id) is { Queued: true } && clock.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(10);
        }

        Assert.False(jobs.Progress(first.Id)!.Queued, "the first job has begun");
        var queued = jobs.Start(second, _ => second with { Status = RunStatus.Done, Finished = DateTimeOffset.UtcNow });
        var after = jobs.Start(third, _ => third with { Status = RunStatus.Done, Finished = DateTimeOffset.UtcNow });

        Assert.True(jobs.Cancel(second.Id));
        await queued.Completion.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(RunStatus.Cancelled, catalogue.Get(second.Id)!.Status);
        Assert.Equal("cancelled before it started", catalogue.Get(second.Id)!.Message);

        release.Set();
        await Task.WhenAll(running.Completion, after.Completion).WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(RunStatus.Done, catalogue.Get(first.Id)!.Status);
        Assert.Equal(RunStatus.Done, catalogue.Get(third.Id)!.Status);
    }

    [Fact]
    public void Building_the_app_keeps_enough_pool_threads_for_requests_beside_a_jobs_solver_loops()
    {
        using var app = SymbiosisApp.Build([], new AppOptions(workspace, Urls: "http://127.0.0.1:0"));
        ThreadPool.GetMinThreads(out var workers, out _);

        // The floor covers two loops of one thread per core (samples, and each sample's independent parts) with room for
        // requests, and building the app puts the pool at it or above.
        Assert.True(SymbiosisApp.MinWorkerThreads >= (2 * Environment.ProcessorCount) + 2, $"a floor of {SymbiosisApp.MinWorkerThreads}");
        Assert.True(workers >= SymbiosisApp.MinWorkerThreads, $"{workers} worker threads ready, {SymbiosisApp.MinWorkerThreads} wanted");
    }
}
