using SymbiosisOptimizer.Reports.Documents;
using SymbiosisOptimizer.Reports.Localization;

namespace SymbiosisOptimizer.App;

/// <summary>
/// The words and number format of one page: the app's own phrases (<see cref="AppStrings"/>), the report phrases it
/// shares with the HTML report and workbook (<see cref="ReportStrings"/>), and figures written as the language writes
/// them. Only presentation: every figure is the document's, unchanged; the scenario's own names are shown as written.
/// </summary>
public sealed class AppText
{
    private static readonly AsyncLocal<AppText?> Ambient = new();

    private AppText(Language language, string here)
    {
        Language = language;
        Report = ReportFormat.For(language);
        Here = here;
    }

    /// <summary>English, the app's default (pages built outside a request, and the tests of the English pages).</summary>
    public static AppText English { get; } = new(Language.En, "/");

    /// <summary>The page's language, as the request chose it (<see cref="AppLanguage"/>); English outside a request.</summary>
    public static AppText Current => Ambient.Value ?? English;

    public Language Language { get; }

    public ReportFormat Report { get; }

    /// <summary>The HTML lang attribute.</summary>
    public string Code => Report.Code;

    /// <summary>The address the language switch links to: the page itself for a GET, the start page after a form.</summary>
    public string Here { get; }

    public string this[AppPhrase phrase] => AppStrings.Get(Language, phrase);

    public string this[ReportPhrase phrase] => Report[phrase];

    public static AppText For(Language language, string here = "/") => language == Language.En && here == "/" ? English : new(language, here);

    /// <summary>A phrase with its placeholders filled, numbers in this language's format.</summary>
    public string Format(AppPhrase phrase, params object?[] args) => string.Format(Report.Numbers, this[phrase], args);

    /// <summary>"Label (unit)" with the unit in this language's words.</summary>
    public string WithUnit(AppPhrase phrase, string unit) => $"{this[phrase]} ({Unit(unit)})";

    /// <summary>"Label (unit)" for a report phrase, with the unit in this language's words.</summary>
    public string WithUnit(ReportPhrase phrase, string unit) => Report.WithUnit(phrase, unit);

    public string Unit(string unit) => Report.Unit(unit);

    public string Fixed(double? v, int decimals = 0) => Figures.Fixed(v, decimals, Language);

    public string Number(double? v) => Figures.Number(v, Language);

    public string Signed(double? v, int decimals = 0) => Figures.Signed(v, decimals, Language);

    public string With(Amount a, int decimals = 0) => Figures.With(a, decimals, Language);

    public string Percent(double v, int decimals = 1) => Figures.Percent(v, decimals, Language);

    /// <summary>
    /// A catalogue status as the page shows it: the app's own status words in this language; the document's status
    /// words (optimal, infeasible, ...) as the document writes them, as the HTML report does.
    /// </summary>
    public string Status(RunStatus status) => status.State switch
    {
        RunState.Running => this[AppPhrase.StatusRunning],
        RunState.Cancelled => this[AppPhrase.StatusCancelled],
        RunState.Interrupted => this[AppPhrase.StatusInterrupted],
        RunState.Invalid => this[AppPhrase.StatusInvalid],
        RunState.Error => this[AppPhrase.StatusError],
        RunState.Done => this[AppPhrase.StatusDone],
        RunState.NoSolution => this[AppPhrase.StatusNoSolution],
        _ => status.Word,
    };

    /// <summary>The title a page gives a kind of job, in this language.</summary>
    public string Title(JobKind kind) => kind switch
    {
        JobKind.Run => this[AppPhrase.NavRun],
        JobKind.Compare => this[AppPhrase.NavCompare],
        JobKind.Barriers => this[AppPhrase.NavBarriers],
        JobKind.Sweep => this[AppPhrase.NavSweep],
        JobKind.MonteCarlo => this[AppPhrase.NavMonteCarlo],
        JobKind.Share => this[AppPhrase.NavSharing],
        JobKind.Robust => this[AppPhrase.NavRobust],
        JobKind.Alternatives => this[AppPhrase.NavAlternatives],
        JobKind.Pareto => this[AppPhrase.NavPareto],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Sets the request's page language for everything the endpoint renders (<see cref="Current"/>).</summary>
    internal static void Use(AppText text) => Ambient.Value = text;
}
