using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SymbiosisOptimizer.App;

namespace SymbiosisOptimizer.Tests.App;

/// <summary>Background jobs: progress while they run, and a Cancel that stops the runner and is recorded as cancelled.</summary>
[Collection(AppRunCollection.Name)]
public sealed class AppJobTests(AppRunFixture run)
{
    private static Uri U(string path) => new(path, UriKind.Relative);

    private const int Samples = 100_000;

    [Fact]
    public async Task A_long_monte_carlo_shows_progress_and_cancel_stops_it_and_is_recorded_as_cancelled()
    {
        using var client = run.Factory.Client();
        var id = await AppFactory.Started(client, "/runner", [new("kind", "montecarlo"), new("scenario", "varmland-dalarna"), new("named", "base"),
            new("samples", Samples.ToString(CultureInfo.InvariantCulture)), new("seed", "1")]);

        // The page of a running job: a progress bar that polls, and a Cancel button.
        var page = await client.GetStringAsync(U($"/runs/{id}"));
        Assert.Contains("<progress id=\"job-bar\"", page, StringComparison.Ordinal);
        Assert.Contains($"data-progress=\"/runs/{id}/progress\"", page, StringComparison.Ordinal);
        Assert.Contains($"action=\"/runs/{id}/cancel\"", page, StringComparison.Ordinal);

        // Wait until samples are being solved, so the cancel stops real work.
        JsonNode progress;
        var clock = Stopwatch.StartNew();
        do
        {
            await Task.Delay(200);
            progress = JsonNode.Parse(await client.GetStringAsync(U($"/runs/{id}/progress")))!;
            Assert.False(progress["finished"]!.GetValue<bool>(), "the job ended before it was cancelled: " + progress.ToJsonString());
        }
        while (progress["done"]!.GetValue<int>() < 2 && clock.Elapsed < TimeSpan.FromMinutes(3));

        Assert.Equal("running", progress["status"]!.GetValue<string>());
        Assert.Equal(Samples, progress["total"]!.GetValue<int>());
        Assert.True(progress["remainingSeconds"]!.GetValue<double>() > 0, "an estimate of the time left from the samples done so far");

        var cancel = await client.PostAsync(U($"/runs/{id}/cancel"), new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        clock.Restart();
        var entry = run.Factory.WaitFor(id);

        // Behaviour bound, not a timing target: a stopped job ends in seconds, not after its 100 000 samples.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"cancel took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(RunStatus.Cancelled, entry.Status);
        Assert.Equal(JobKind.MonteCarlo, entry.Kind);
        Assert.NotNull(entry.Finished);
        Assert.Contains($"of {Samples}", entry.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(run.Workspace, "runs", id)), "a cancelled job keeps no documents");

        var after = JsonNode.Parse(await client.GetStringAsync(U($"/runs/{id}/progress")))!;
        Assert.True(after["finished"]!.GetValue<bool>());
        Assert.Equal("cancelled", after["status"]!.GetValue<string>());
        var shown = await client.GetStringAsync(U($"/runs/{id}"));
        Assert.Contains("data-status=\"cancelled\"", shown, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(U($"/runs/{id}/files/montecarlo.json"))).StatusCode);

        // The catalogue keeps the outcome across a restart.
        using var restarted = new AppFactory(run.Workspace);
        Assert.Equal(RunStatus.Cancelled, restarted.Services.GetRequiredService<RunCatalogue>().Get(id)!.Status);
    }

    [Fact]
    public async Task Cancelling_a_finished_or_unknown_job_changes_nothing()
    {
        using var client = run.Factory.Client();
        var before = run.Factory.Services.GetRequiredService<RunCatalogue>().Get(run.RunId)!;
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync(U($"/runs/{run.RunId}/cancel"), new FormUrlEncodedContent([]))).StatusCode);
        var after = run.Factory.Services.GetRequiredService<RunCatalogue>().Get(run.RunId)!;
        Assert.Equal((before.Status, before.Finished, before.Kpis), (after.Status, after.Finished, after.Kpis));
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync(U("/runs/20000101-000000-abcdef/cancel"), new FormUrlEncodedContent([]))).StatusCode);
        var done = JsonNode.Parse(await client.GetStringAsync(U($"/runs/{run.RunId}/progress")))!;
        Assert.True(done["finished"]!.GetValue<bool>());
        Assert.Equal(before.Status.Word, done["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null, "estimating the time left...")]
    [InlineData(0.4, "less than a second left")]
    [InlineData(41.2, "about 42 s left")]
    [InlineData(150.0, "about 3 min left")]
    public void The_time_left_is_worded_for_people(double? seconds, string expected) => Assert.Equal(expected, JobPages.Eta(seconds));
}
