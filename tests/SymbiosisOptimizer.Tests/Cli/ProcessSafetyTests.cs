using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SymbiosisOptimizer.Cli;

namespace SymbiosisOptimizer.Tests.Cli;

/// <summary>
/// The command line as a real child process (`dotnet symbiosis.dll`): killed at random points it leaves the complete
/// old or the complete new set; two at once into one folder never interleave; SIGINT stops it within seconds with 130
/// and the old results kept. Linux only (signals); skipped elsewhere.
/// </summary>
public sealed class ProcessSafetyTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "symbiosis-proc-" + Guid.NewGuid().ToString("N"));

    public ProcessSafetyTests() => Directory.CreateDirectory(root);

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Varmland => TestPaths.Scenario("varmland-dalarna");

    private string Out => Path.Combine(root, "o");

    /// <summary>Staging and set-aside folders beside --out ("o.*" as a search pattern would also match "o").</summary>
    private IEnumerable<string> Leftovers() =>
        Directory.EnumerateDirectories(root).Select(Path.GetFileName).Where(n => n!.StartsWith("o.", StringComparison.Ordinal))!;

    /// <summary>The built command line: beside the test assembly, or the CLI project's own output.</summary>
    private static readonly Lazy<string> Dll = new(() =>
    {
        string[] candidates =
        [
            AppContext.BaseDirectory,
            Path.Combine(TestPaths.Root, "src", "SymbiosisOptimizer.Cli", "bin", "Release", "net10.0"),
            Path.Combine(TestPaths.Root, "src", "SymbiosisOptimizer.Cli", "bin", "Debug", "net10.0"),
        ];
        return candidates.Select(c => Path.Combine(c, "symbiosis.dll"))
            .FirstOrDefault(d => File.Exists(d) && File.Exists(Path.ChangeExtension(d, ".runtimeconfig.json")))
            ?? throw new FileNotFoundException("symbiosis.dll with its runtimeconfig not found; build the solution first");
    });

    private sealed class Child : IDisposable
    {
        private readonly StringBuilder err = new();
        private readonly StringBuilder output = new();

        public Child(params string[] args)
        {
            var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            psi.ArgumentList.Add(Dll.Value);
            foreach (var a in args)
            {
                psi.ArgumentList.Add(a);
            }

            psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            Process = Process.Start(psi)!;
            Process.ErrorDataReceived += (_, e) =>
            {
                lock (err)
                {
                    err.AppendLine(e.Data);
                }
            };
            Process.OutputDataReceived += (_, e) =>
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            };
            Process.BeginErrorReadLine();
            Process.BeginOutputReadLine();
        }

        public Process Process { get; }

        public string Err
        {
            get
            {
                lock (err)
                {
                    return err.ToString();
                }
            }
        }

        public int Wait(TimeSpan timeout)
        {
            if (!Process.WaitForExit(timeout))
            {
                Process.Kill(entireProcessTree: true);
                Assert.Fail($"the command did not end within {timeout.TotalSeconds} s: {Err}");
            }

            Process.WaitForExit();
            return Process.ExitCode;
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }

            Process.Dispose();
        }
    }

    private static (int Code, string Err, double Seconds) Complete(params string[] args)
    {
        var watch = Stopwatch.StartNew();
        using var c = new Child(args);
        var code = c.Wait(TimeSpan.FromSeconds(50));
        return (code, c.Err, watch.Elapsed.TotalSeconds);
    }

    /// <summary>Every file below a folder, relative, hidden ones included.</summary>
    private static SortedSet<string> Files(string dir) =>
        new(Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f)), StringComparer.Ordinal);

    private static string Key(string json, Func<JsonElement, string> key) => key(JsonDocument.Parse(json).RootElement);

    /// <summary>
    /// Writes the old set into --out and a reference new set elsewhere, then kills the new command at seeded random points
    /// and checks that --out holds one complete set each time, and that the next command leaves no leftovers.
    /// </summary>
    private void KillAtRandomPoints(string file, Func<JsonElement, string> key, string[] oldArgs, string[] newArgs, int kills, int seed)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var old = Complete([.. oldArgs, "--out", Out]);
        Assert.True(old.Code == ExitCodes.Ok, old.Err);
        var reference = Path.Combine(root, "reference");
        var fresh = Complete([.. newArgs, "--out", reference]);
        Assert.True(fresh.Code == ExitCodes.Ok, fresh.Err);
        var oldFiles = Files(Out);
        var oldKey = Key(File.ReadAllText(Path.Combine(Out, file)), key);
        var newFiles = Files(reference);
        var newKey = Key(File.ReadAllText(Path.Combine(reference, file)), key);
        Assert.NotEqual(oldKey, newKey);

        var random = new Random(seed);
        for (var k = 0; k < kills; k++)
        {
            using (var c = new Child([.. newArgs, "--out", Out]))
            {
                Thread.Sleep(TimeSpan.FromSeconds(fresh.Seconds * (0.15 + (0.9 * random.NextDouble()))));
                c.Process.Kill();
                c.Process.WaitForExit();
            }

            if (!Directory.Exists(Out))
            {
                // Killed between the two renames of the swap: the complete old set is aside and goes back on the next start.
                var aside = Directory.EnumerateDirectories(root, "o.old-*").Single();
                Assert.Equal(oldFiles, Files(aside));
                continue;
            }

            var now = Files(Out);
            var keyNow = Key(File.ReadAllText(Path.Combine(Out, file)), key);
            if (keyNow == oldKey)
            {
                Assert.Equal(oldFiles, now);
            }
            else
            {
                Assert.Equal(newKey, keyNow);
                Assert.Equal(newFiles, now);
                (oldFiles, oldKey) = (newFiles, newKey);
            }
        }

        var last = Complete([.. newArgs, "--out", Out]);
        Assert.True(last.Code == ExitCodes.Ok, last.Err);
        Assert.Equal(newFiles, Files(Out));
        Assert.Empty(Leftovers());
        Assert.Empty(Directory.EnumerateFiles(Out, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Should_leave_the_complete_old_or_new_run_when_killed() =>
        KillAtRandomPoints(
            "results.json",
            r => r.GetProperty("scenario").GetString()!,
            ["run", Varmland, "--scenario", "high-landfill-tax"],
            ["run", Varmland],
            kills: 3,
            seed: 17);

    [Fact]
    public void Should_leave_the_complete_old_or_new_comparison_when_killed() =>
        KillAtRandomPoints(
            "comparison.json",
            r => string.Join(",", r.GetProperty("scenarios").EnumerateArray().Select(s => s.GetProperty("name").GetString())),
            ["compare", Varmland, "--scenarios", "high-landfill-tax"],
            ["compare", Varmland, "--scenarios", "procurement-biogas"],
            kills: 2,
            seed: 23);

    [Fact]
    public void Should_leave_the_complete_old_or_new_montecarlo_when_killed() =>
        KillAtRandomPoints(
            "montecarlo.json",
            r => r.GetProperty("seed").GetInt32().ToString(CultureInfo.InvariantCulture),
            ["montecarlo", Varmland, "--samples", "20", "--seed", "1"],
            ["montecarlo", Varmland, "--samples", "20", "--seed", "2"],
            kills: 2,
            seed: 29);

    [Fact]
    public void Should_let_one_of_two_commands_into_one_folder_and_refuse_or_queue_the_other()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var a = new Child("run", Varmland, "--out", Out);
        using var b = new Child("run", Varmland, "--scenario", "high-landfill-tax", "--out", Out);
        var codes = new[] { a.Wait(TimeSpan.FromSeconds(55)), b.Wait(TimeSpan.FromSeconds(55)) };
        var errs = new[] { a.Err, b.Err };
        Assert.Contains(ExitCodes.Ok, codes);
        for (var i = 0; i < 2; i++)
        {
            Assert.True(codes[i] == ExitCodes.Ok || (codes[i] == ExitCodes.OutputFailed && errs[i].Contains("another symbiosis command is writing into", StringComparison.Ordinal)),
                $"exit {codes[i]}: {errs[i]}");
        }

        // One complete set: the results and the workbook are of the same run.
        var files = Files(Out);
        Assert.Contains("results.json", files);
        Assert.Contains("report.xlsx", files);
        var manifest = File.ReadAllLines(Path.Combine(Out, ".symbiosis-run.files")).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(manifest, files.Where(f => !f.StartsWith(".symbiosis-", StringComparison.Ordinal)).Select(f => f.Replace('\\', '/')).ToHashSet(StringComparer.Ordinal));
        Assert.Contains(JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "results.json"))).RootElement.GetProperty("scenario").GetString(), new[] { "base", "high-landfill-tax" });
        Assert.Empty(Leftovers());
    }

    /// <summary>
    /// Sends SIGINT (SIGTERM when this test host was started with SIGINT ignored, as background jobs are: the child
    /// inherits that, and the handler is the same) and returns the seconds until the command ended.
    /// </summary>
    private static double Interrupt(Child c)
    {
        var status = File.ReadAllText($"/proc/{c.Process.Id}/status");
        var ignored = status.Split('\n').First(l => l.StartsWith("SigIgn:", StringComparison.Ordinal))[7..].Trim();
        var signal = (ulong.Parse(ignored, NumberStyles.HexNumber, CultureInfo.InvariantCulture) & 0x2) != 0 ? "-TERM" : "-INT";
        var watch = Stopwatch.StartNew();
        using (var kill = Process.Start(new ProcessStartInfo("kill", [signal, c.Process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            kill.WaitForExit();
        }

        var code = c.Wait(TimeSpan.FromSeconds(20));
        Assert.True(code == ExitCodes.Interrupted, $"exit {code}: {c.Err}");
        return watch.Elapsed.TotalSeconds;
    }

    private void WaitFor(Child c, Func<bool> ready, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(45);
        while (!ready())
        {
            Assert.False(c.Process.HasExited, $"the command ended before {what}: {c.Err}");
            Assert.True(DateTime.UtcNow < until, $"no {what} within 45 s: {c.Err}");
            Thread.Sleep(50);
        }
    }

    [Fact]
    public void Should_stop_montecarlo_on_the_first_interrupt_and_keep_the_old_results()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var old = Complete("montecarlo", Varmland, "--samples", "5", "--out", Out);
        Assert.True(old.Code == ExitCodes.Ok, old.Err);
        var before = File.ReadAllText(Path.Combine(Out, "montecarlo.json"));
        using var c = new Child("montecarlo", Varmland, "--samples", "100000", "--out", Out);
        WaitFor(c, () => c.Err.Contains("Sampling", StringComparison.Ordinal), "sampling");
        Thread.Sleep(1500);
        var seconds = Interrupt(c);
        Assert.True(seconds < 5, $"{seconds:0.00} s from the signal to the exit");
        Assert.Contains($"interrupted: montecarlo of 100000 samples of {Varmland}; the previous results in {Out} are kept", c.Err, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(Out, "montecarlo.json")));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void Should_stop_a_long_run_on_the_first_interrupt_and_never_report_it_as_a_result()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var big = Path.Combine(root, "big");
        var gen = Complete("generate", "--actors", "2000", "--seed", "1", "--out", big);
        Assert.True(gen.Code == ExitCodes.Ok, gen.Err);
        var old = Complete("run", TestPaths.Fixture("tiny"), "--out", Out);
        Assert.True(old.Code == ExitCodes.Ok, old.Err);
        var before = File.ReadAllText(Path.Combine(Out, "results.json"));

        using var c = new Child("run", big, "--out", Out);

        // The staging folder appears when the solve starts; give the solver a moment inside it.
        WaitFor(c, () => Directory.EnumerateDirectories(root, "o.tmp-*").Any(), "staging folder");
        Thread.Sleep(1500);
        var seconds = Interrupt(c);
        Assert.True(seconds < 5, $"{seconds:0.00} s from the signal to the exit");
        Assert.Contains($"interrupted: run of {big} (scenario base); the previous results in {Out} are kept", c.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("pressed CTRL-C", c.Err, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(Out, "results.json")));
        Assert.Empty(Leftovers());
    }
}
