using System.Diagnostics;
using SymbiosisOptimizer.Cli;

namespace SymbiosisOptimizer.Tests.Runner;

/// <summary>
/// A real single-node Slurm cluster (deploy/slurm/local-cluster.sh: slurmctld, slurmd and munge from Debian) runs a
/// 4-task job array of montecarlo through deploy/slurm/submit.sh, whose merge job waits for the array (afterok); the
/// merged document must be the one a single process writes. It needs root and the packages (scripts/setup.sh installs
/// them); CI sets SYMBIOSIS_REQUIRE_SLURM=1 so there it must run, elsewhere it passes without them.
/// </summary>
public sealed class SlurmArrayTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "symbiosis-slurm-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Script(string name) => Path.Combine(TestPaths.Root, "deploy", "slurm", name);

    private static (int Code, string Output) Bash(IReadOnlyDictionary<string, string> env, TimeSpan timeout, params string[] args)
    {
        var psi = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout.TotalSeconds} s: {stdout.Result}{stderr.Result}");
        }

        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    [Fact]
    public void A_four_task_Slurm_array_of_montecarlo_merges_to_the_single_process_document()
    {
        var required = string.Equals(Environment.GetEnvironmentVariable("SYMBIOSIS_REQUIRE_SLURM"), "1", StringComparison.Ordinal);
        var usable = OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess && File.Exists("/usr/sbin/slurmctld") && File.Exists("/usr/sbin/slurmd") && File.Exists("/usr/sbin/munged");
        if (!usable)
        {
            Assert.False(required, "a single-node Slurm cluster needs root and Debian's slurm-wlm and munge (scripts/setup.sh installs them)");
            return;
        }

        var cluster = Path.Combine(root, "cluster");
        var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["SLURM_CONF"] = Path.Combine(cluster, "slurm.conf") };
        var (code, output) = Bash(env, TimeSpan.FromSeconds(60), Script("local-cluster.sh"), "start", cluster);
        try
        {
            Assert.True(code == 0, $"the cluster did not start: {output}");
            var scenario = RunnerFixtures.VarmlandPath;
            var run = Path.Combine(root, "run");
            env["SYMBIOSIS"] = $"dotnet {typeof(SymbiosisCli).Assembly.Location}";
            (code, output) = Bash(env, TimeSpan.FromMinutes(5), Script("submit.sh"), "--wait", "4", run, "montecarlo", scenario, "--samples", "6", "--seed", "2");
            var logs = Directory.Exists(Path.Combine(run, "logs"))
                ? string.Join("\n", Directory.EnumerateFiles(Path.Combine(run, "logs")).Order(StringComparer.Ordinal).Select(f => $"{Path.GetFileName(f)}: {File.ReadAllText(f)}"))
                : "(no logs)";
            Assert.True(code == 0, $"the array or its merge failed: {output}\n{logs}");
            Assert.Equal(4, Directory.EnumerateFiles(Path.Combine(run, "shards"), "montecarlo.shard-*-of-4.json", SearchOption.AllDirectories).Count());

            var single = Path.Combine(root, "single");
            var (c, _, err) = CliHarness.Run("montecarlo", scenario, "--samples", "6", "--seed", "2", "--out", single);
            Assert.True(c == ExitCodes.Ok, err);
            SameResult.Assert_same_set(single, Path.Combine(run, "result"));
        }
        finally
        {
            Bash(env, TimeSpan.FromSeconds(30), Script("local-cluster.sh"), "stop", cluster);
        }
    }
}
