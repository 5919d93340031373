using System.Text.Json;
using SymbiosisOptimizer.Cli;
using static SymbiosisOptimizer.Tests.CliHarness;

namespace SymbiosisOptimizer.Tests.Cli;

/// <summary>Careless input on the output side: every numeric option range-checked, --out all or nothing, never over an input.</summary>
public sealed class OutputFolderTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "symbiosis-out-" + Guid.NewGuid().ToString("N"));

    private static string Tiny => TestPaths.Fixture("tiny");

    private static string Varmland => TestPaths.Scenario("varmland-dalarna");

    public OutputFolderTests() => Directory.CreateDirectory(root);

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private string Out => Path.Combine(root, "o");

    public static TheoryData<string[], string> RefusedOptions => new()
    {
        { ["run", Tiny, "--time-limit", "NaN"], "--time-limit" },
        { ["run", Tiny, "--time-limit", "Infinity"], "--time-limit" },
        { ["run", Tiny, "--time-limit", "0"], "--time-limit" },
        { ["run", Tiny, "--time-limit", "-3"], "--time-limit" },
        { ["run", Tiny, "--gap", "NaN"], "--gap" },
        { ["run", Tiny, "--gap", "1.5"], "--gap" },
        { ["run", Tiny, "--gap", "-0.1"], "--gap" },
        { ["run", Tiny, "--pareto", "-1"], "--pareto" },
        { ["run", Tiny, "--pareto", "1"], "--pareto" },
        { ["run", Tiny, "--out", ""], "--out" },
        { ["run", Tiny, "--out", "  "], "--out" },
        { ["compare", Varmland, "--time-limit", "NaN"], "--time-limit" },
        { ["compare", Varmland, "--scenarios", ","], "--scenarios" },
        { ["compare", Varmland, "--scenarios", " , base"], "--scenarios" },
        { ["barriers", Tiny, "--time-limit", "-Infinity"], "--time-limit" },
        { ["sweep", Tiny, "--set", "policies.landfillTax=0..NaN:100", "--time-limit", "1"], "--set" },
        { ["sweep", Tiny, "--set", "policies.landfillTax=0..100:0"], "--set" },
        { ["sweep", Tiny, "--set", "policies.landfillTax=0..Infinity:10"], "--set" },
        { ["montecarlo", Varmland, "--samples", "0"], "--samples" },
        { ["montecarlo", Varmland, "--samples", "-5"], "--samples" },
        { ["montecarlo", Varmland, "--seed", "-1"], "--seed" },
        { ["share", Tiny, "--samples", "1"], "--samples" },
        { ["share", Tiny, "--seed", "-2"], "--seed" },
        { ["generate", "--actors", "1", "--out", "x"], "--actors" },
        { ["generate", "--actors", "5", "--resources", "0", "--out", "x"], "--resources" },
        { ["generate", "--actors", "5", "--out", ""], "--out" },
        { ["template", "--out", ""], "--out" },
    };

    [Theory]
    [MemberData(nameof(RefusedOptions))]
    public void Should_refuse_an_option_out_of_range_with_a_message_naming_it(string[] args, string option)
    {
        var (code, output, err) = Run(args);
        Assert.True(code == ExitCodes.Usage, $"exit {code}: {err}{output}");
        Assert.Contains(option, err, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_refuse_compare_on_a_file_without_scenarios()
    {
        var (code, output, err) = Run("compare", TestPaths.Fixture("min-lot"), "--out", Out);
        Assert.True(code == ExitCodes.InvalidInput, $"exit {code}: {err}{output}");
        Assert.Contains("nothing to compare", err, StringComparison.Ordinal);
        Assert.DoesNotContain("0 scenario(s)", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public void Should_never_write_over_or_around_an_input()
    {
        var folder = Path.Combine(root, "scenario");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(Tiny, "scenario.yaml"), Path.Combine(folder, "scenario.yaml"));
        var before = File.ReadAllText(Path.Combine(folder, "scenario.yaml"));

        // The scenario folder itself, the scenario file and an existing file are all refused before anything is solved.
        var (inFolder, _, err1) = Run("run", folder, "--out", folder);
        var (onFile, _, err2) = Run("run", folder, "--out", Path.Combine(folder, "scenario.yaml"));
        var plain = Path.Combine(root, "notes.txt");
        File.WriteAllText(plain, "mine");
        var (onOther, _, err3) = Run("run", folder, "--out", plain);
        Assert.True(inFolder == ExitCodes.Usage, err1);
        Assert.True(onFile == ExitCodes.Usage, err2);
        Assert.True(onOther == ExitCodes.Usage, err3);
        Assert.Contains("input", err1, StringComparison.Ordinal);
        Assert.Contains("existing file", err3, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(folder, "scenario.yaml")));
        Assert.Equal("mine", File.ReadAllText(plain));

        // A folder of the user's own files is never replaced.
        var own = Path.Combine(root, "own");
        Directory.CreateDirectory(own);
        File.WriteAllText(Path.Combine(own, "thesis.docx"), "chapter 1");
        var (onOwn, _, err4) = Run("run", folder, "--out", own);
        Assert.True(onOwn == ExitCodes.Usage, err4);
        Assert.Equal("chapter 1", File.ReadAllText(Path.Combine(own, "thesis.docx")));
    }

    [Fact]
    public void Should_write_the_whole_set_and_leave_nothing_beside_it()
    {
        var (code, output, err) = Run("run", Tiny, "--out", Out);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Contains("Wrote " + Path.Combine(Out, "results.json"), output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Out, "results.json")));
        Assert.True(File.Exists(Path.Combine(Out, "report.xlsx")));
        Assert.Equal(["o"], Directory.EnumerateDirectories(root).Select(Path.GetFileName));
        Assert.Empty(Directory.EnumerateFiles(Out, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Should_keep_earlier_results_when_a_later_run_has_no_solution()
    {
        var (first, _, err) = Run("run", Tiny, "--out", Out);
        Assert.True(first == ExitCodes.Ok, err);
        var good = File.ReadAllText(Path.Combine(Out, "results.json"));

        var (code, _, err2) = Run("run", TestPaths.Fixture("infeasible-water"), "--out", Out);
        Assert.True(code == ExitCodes.NoSolution, err2);
        Assert.Contains("previous results", err2, StringComparison.Ordinal);
        Assert.Equal(good, File.ReadAllText(Path.Combine(Out, "results.json")));

        // An invalid scenario is refused before --out is touched.
        var (invalid, _, _) = Run("run", Path.Combine(root, "missing"), "--out", Out);
        Assert.Equal(ExitCodes.InvalidInput, invalid);
        Assert.Equal(good, File.ReadAllText(Path.Combine(Out, "results.json")));
    }

    [Fact]
    public void Should_write_a_failed_run_into_an_empty_folder_so_it_can_be_read()
    {
        var (code, _, err) = Run("run", TestPaths.Fixture("infeasible-water"), "--out", Out);
        Assert.True(code == ExitCodes.NoSolution, err);
        var status = JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "results.json"))).RootElement.GetProperty("status").GetString();
        Assert.Equal("infeasible", status);
    }

    [Fact]
    public void Should_keep_the_other_commands_files_in_a_shared_folder_and_replace_its_own()
    {
        Assert.Equal(ExitCodes.Ok, Run("run", Tiny, "--out", Out).Code);
        var (share, _, err) = Run("share", Tiny, "--out", Out);
        Assert.True(share == ExitCodes.Ok, err);
        Assert.True(File.Exists(Path.Combine(Out, "results.json")));
        Assert.True(File.Exists(Path.Combine(Out, "sharing.json")));

        // A stale file of an earlier run (one it no longer writes) goes; the share files stay.
        File.WriteAllText(Path.Combine(Out, "charts", "gone.svg"), "<svg/>");
        File.AppendAllText(Path.Combine(Out, ".symbiosis-run.files"), "charts/gone.svg\n");
        Assert.Equal(ExitCodes.Ok, Run("run", Tiny, "--out", Out).Code);
        Assert.False(File.Exists(Path.Combine(Out, "charts", "gone.svg")));
        Assert.True(File.Exists(Path.Combine(Out, "sharing.json")));
    }

    [Fact]
    public void Should_remove_leftovers_of_dead_commands_on_start()
    {
        Assert.Equal(ExitCodes.Ok, Run("run", Tiny, "--out", Out).Code);
        var staging = Path.Combine(root, "o.tmp-999999-deadbeef");
        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, "results.json"), "{");
        var aside = Path.Combine(root, "o.old-999999-deadbeef");
        Directory.CreateDirectory(aside);
        var partial = Path.Combine(Out, ".results.json.999999.tmp");
        File.WriteAllText(partial, "{\"half");

        Assert.Equal(ExitCodes.Ok, Run("run", Tiny, "--out", Out).Code);
        Assert.False(Directory.Exists(staging));
        Assert.False(Directory.Exists(aside));
        Assert.False(File.Exists(partial));
        Assert.Equal(["o"], Directory.EnumerateDirectories(root).Select(Path.GetFileName));
    }

    [Fact]
    public void Should_put_the_old_set_back_when_a_kill_fell_between_the_two_renames()
    {
        Assert.Equal(ExitCodes.Ok, Run("run", Tiny, "--out", Out).Code);
        var old = File.ReadAllText(Path.Combine(Out, "results.json"));
        var aside = Path.Combine(root, "o.old-999999-deadbeef");
        Directory.Move(Out, aside);
        Directory.CreateDirectory(Path.Combine(root, "o.tmp-999999-deadbeef"));

        // The next command finds the folder missing and the complete old set aside: it goes back before anything else.
        var (code, _, err) = Run("run", TestPaths.Fixture("infeasible-water"), "--out", Out);
        Assert.True(code == ExitCodes.NoSolution, err);
        Assert.Equal(old, File.ReadAllText(Path.Combine(Out, "results.json")));
        Assert.Equal(["o"], Directory.EnumerateDirectories(root).Select(Path.GetFileName));
    }

    [Fact]
    public void Should_write_template_and_export_files_atomically_and_refuse_a_folder()
    {
        var book = Path.Combine(root, "model.xlsx");
        File.WriteAllText(Path.Combine(root, ".model.xlsx.999999.tmp"), "half");
        var (code, _, err) = Run("template", "--out", book);
        Assert.True(code == ExitCodes.Ok, err);
        Assert.True(new FileInfo(book).Length > 0);
        Assert.Empty(Directory.EnumerateFiles(root, "*.tmp"));

        Directory.CreateDirectory(Path.Combine(root, "dir.mps"));
        var (export, _, err2) = Run("export", Tiny, "--out", Path.Combine(root, "dir.mps"));
        Assert.True(export == ExitCodes.Usage, err2);
        Assert.Contains("existing folder", err2, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_print_an_internal_error_as_one_line_and_log_the_trace()
    {
        Exception fault;
        try
        {
            throw new InvalidOperationException("boom\nsecond line");
        }
        catch (InvalidOperationException ex)
        {
            fault = ex;
        }

        using var err = new StringWriter();
        var code = Failures.Internal(fault, err);
        Assert.Equal(ExitCodes.InternalError, code);
        var lines = err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (Environment.GetEnvironmentVariable("SYMBIOSIS_DEBUG") != "1")
        {
            Assert.Single(lines);
        }

        var line = lines[0];
        Assert.StartsWith("internal error: boom second line; details in ", line, StringComparison.Ordinal);
        Assert.EndsWith("; please report it", line.TrimEnd(), StringComparison.Ordinal);
        var log = line["internal error: boom second line; details in ".Length..line.IndexOf("; please", StringComparison.Ordinal)];
        try
        {
            Assert.Contains("Should_print_an_internal_error_as_one_line_and_log_the_trace", File.ReadAllText(log), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(log);
        }
    }
}
