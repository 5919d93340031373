using SymbiosisOptimizer.Optimization;

namespace SymbiosisOptimizer.App;

/// <summary>Where a job in the catalogue stands.</summary>
public enum RunState
{
    Running,

    /// <summary>Stopped with the Cancel button; nothing was kept.</summary>
    Cancelled,

    /// <summary>The app stopped during the run.</summary>
    Interrupted,

    /// <summary>The scenario did not load; the message lists every error.</summary>
    Invalid,

    /// <summary>Something failed outside the solver; the message says what.</summary>
    Error,

    /// <summary>A runner or decision job whose plan had no solution, so there was nothing to compare, share or price.</summary>
    NoSolution,

    /// <summary>A runner or decision job that wrote its documents.</summary>
    Done,

    /// <summary>A plain run that wrote its documents; <see cref="RunStatus.Outcome"/> says how the optimisation ended.</summary>
    Solved,
}

/// <summary>
/// A catalogue run's status: its state and, for a solved plain run, how the optimisation ended. <see cref="Word"/> is
/// the word pages put in their data-status attributes and the progress answer carries (the app's own words for its
/// states, the documents' status words for a solved run, as results.json writes them).
/// </summary>
public readonly record struct RunStatus(RunState State, ResultStatus? Outcome = null)
{
    public static readonly RunStatus Running = new(RunState.Running);
    public static readonly RunStatus Cancelled = new(RunState.Cancelled);
    public static readonly RunStatus Interrupted = new(RunState.Interrupted);
    public static readonly RunStatus Invalid = new(RunState.Invalid);
    public static readonly RunStatus Error = new(RunState.Error);
    public static readonly RunStatus NoSolution = new(RunState.NoSolution);
    public static readonly RunStatus Done = new(RunState.Done);

    public static RunStatus Solved(ResultStatus outcome) => new(RunState.Solved, outcome);

    public string Word => State == RunState.Solved ? (Outcome ?? ResultStatus.Error).Word() : StateWord(State);

    /// <summary>Whether the run's folder holds documents to show and download.</summary>
    public bool HasDocuments => State is RunState.Solved or RunState.Done or RunState.NoSolution;

    public bool IsRunning => State == RunState.Running;

    /// <summary>The words the catalogue stores in its status column (the outcome has a column of its own).</summary>
    public static string StateWord(RunState state) => state switch
    {
        RunState.Running => "running",
        RunState.Cancelled => "cancelled",
        RunState.Interrupted => "interrupted",
        RunState.Invalid => "invalid",
        RunState.Error => "error",
        RunState.NoSolution => "no solution",
        RunState.Done => "done",
        _ => "solved",
    };

    /// <summary>
    /// The status of a catalogue row. Catalogues written before the outcome column kept a solved run's document status
    /// word in the status column; such a word is read as a solved run with that outcome.
    /// </summary>
    public static RunStatus FromCatalogue(string state, string? outcome)
    {
        var known = Enum.GetValues<RunState>().Where(s => StateWord(s) == state).Select(s => (RunState?)s).FirstOrDefault();
        var result = Enum.GetValues<ResultStatus>().Where(r => r.Word() == (outcome ?? state)).Select(r => (ResultStatus?)r).FirstOrDefault();
        return known switch
        {
            RunState.Solved => Solved(result ?? ResultStatus.Error),
            { } s => new RunStatus(s),
            null when result is { } r => Solved(r),
            _ => Error,
        };
    }
}
