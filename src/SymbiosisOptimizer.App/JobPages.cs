using System.Globalization;
using System.Text.Json;
using static SymbiosisOptimizer.App.Pages;

namespace SymbiosisOptimizer.App;

/// <summary>A job's progress as the page polls it (GET /runs/ID/progress).</summary>
/// <param name="Finished">The job has ended; the page reloads to show its outcome.</param>
public sealed record ProgressAnswer(string Id, string Kind, string Status, bool Finished, bool Queued, int Done, int Total, string Label, double ElapsedSeconds, double? RemainingSeconds, string? FinishedAt);

/// <summary>The page of a job that is still running: a progress bar, the time left and a Cancel button.</summary>
public static class JobPages
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static ProgressAnswer Answer(AppText t, RunEntry run, JobProgress? p) => p is null
        ? new ProgressAnswer(run.Id, JobKinds.Word(run.Kind), run.Status.Word, !run.IsRunning, false, 0, 0, run.Message, 0, null, run.Finished?.ToString("O", Inv))
        : new ProgressAnswer(run.Id, JobKinds.Word(run.Kind), p.Status, false, p.Queued, p.Done, p.Total, p.Label.Text(t), Math.Round(p.ElapsedSeconds, 2), p.RemainingSeconds is { } r ? Math.Round(r, 1) : null, null);

    public static string ProgressJson(AppText t, RunEntry run, JobProgress? p) => JsonSerializer.Serialize(Answer(t, run, p), AppJson.Default.ProgressAnswer);

    /// <summary>Seconds as a person reads them: "about 40 s", "about 3 min".</summary>
    public static string Eta(double? seconds) => Eta(AppText.English, seconds);

    /// <summary>Seconds as a person reads them, in the page's language.</summary>
    public static string Eta(AppText t, double? seconds) => seconds switch
    {
        null => t[AppPhrase.EtaEstimating],
        < 1 => t[AppPhrase.EtaUnderASecond],
        < 90 => t.Format(AppPhrase.EtaSeconds, Math.Ceiling(seconds.Value)),
        _ => t.Format(AppPhrase.EtaMinutes, Math.Ceiling(seconds.Value / 60)),
    };

    /// <summary>The words the progress script writes as it polls (the same phrases as the page's first view).</summary>
    private static string Words(AppText t) => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["estimating"] = t[AppPhrase.EtaEstimating],
        ["underASecond"] = t[AppPhrase.EtaUnderASecond],
        ["seconds"] = t[AppPhrase.EtaSeconds],
        ["minutes"] = t[AppPhrase.EtaMinutes],
        ["count"] = t[AppPhrase.JobCount],
        ["waiting"] = t[AppPhrase.JobWaiting],
        ["queued"] = t[AppPhrase.JobQueued],
        ["elapsed"] = t[AppPhrase.JobElapsed],
        ["decimal"] = t.Report.Numbers.NumberDecimalSeparator,
    });

    public static string Progress(AppText t, RunEntry run, JobProgress? p)
    {
        var a = Answer(t, run, p);
        var title = t.Format(AppPhrase.JobOf, t.Title(run.Kind), run.Scenario) + ": " + run.Named;
        var value = a.Total > 0 ? string.Create(Inv, $" value=\"{(double)a.Done / a.Total:0.###}\"") : string.Empty;
        var started = t.Format(AppPhrase.JobStarted, run.Started.ToString("yyyy-MM-dd HH:mm:ss", Inv));
        var body = $"""
            <h1>{H(title)}</h1>
            <p class="subtitle">{H(started)}{(run.Overrides.IsEmpty ? string.Empty : "; " + H(string.Join(", ", run.Overrides)))}. {H(t[AppPhrase.JobFollows])}</p>
            <div id="job" class="job" data-progress="/runs/{H(run.Id)}/progress" data-run-id="{H(run.Id)}" data-words="{H(Words(t))}">
            <progress id="job-bar" max="1"{value}></progress>
            <p><span id="job-count">{(a.Total > 0 ? H(t.Format(AppPhrase.JobCount, a.Done, a.Total)) : string.Empty)}</span> <span id="job-label">{H(a.Queued ? t[AppPhrase.JobWaiting] : a.Label)}</span></p>
            <p><span id="job-eta">{H(a.Queued ? t[AppPhrase.JobQueued] : Eta(t, a.RemainingSeconds))}</span> <span id="job-elapsed" class="note"></span></p>
            <form method="post" action="/runs/{H(run.Id)}/cancel"><button type="submit" id="cancel" class="cancel">{H(t[AppPhrase.Cancel])}</button></form>
            </div>
            <link rel="prefetch" href="/assets/leaflet/leaflet.js"><link rel="prefetch" href="/assets/leaflet/leaflet.css"><link rel="prefetch" href="/assets/geo/sweden-municipalities.geojson">
            """;

        // The map's files are fetched while the job runs, so the results page is drawn from the cache when it ends.
        return Layout(t, title, body);
    }
}
