using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SymbiosisOptimizer.Tests.Scenarios;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostileInputCollection
{
    /// <summary>Run alone, so time and memory measured are this case's own.</summary>
    public const string Name = "hostile input";
}

/// <summary>
/// Issue 17, input half: every generated hostile input makes `symbiosis validate` exit 1 with a located, plain message
/// naming the field and the limit, no stack trace, within seconds and without large memory.
/// </summary>
[Collection(HostileInputCollection.Name)]
public sealed class HostileInputTests : IDisposable
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(10);
    private const long MemoryLimit = 500L * 1024 * 1024;

    private readonly string root = Path.Combine(Path.GetTempPath(), "symbiosis-hostile-" + Guid.NewGuid().ToString("N"));

    public HostileInputTests() => Directory.CreateDirectory(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    public static TheoryData<string> Cases() => [.. HostileInputCorpus.All().Select(c => c.Name)];

    [Fact]
    public void The_corpus_covers_every_category()
    {
        var names = HostileInputCorpus.All().Select(c => c.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        foreach (var prefix in new[] { "yaml-", "csv-", "xlsx-", "scenario-" })
        {
            Assert.Contains(names, n => n.StartsWith(prefix, StringComparison.Ordinal));
        }

        Assert.True(names.Count >= 40, $"only {names.Count} hostile cases");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Validate_refuses_it_with_a_located_message_quickly_and_in_little_memory(string name)
    {
        var c = HostileInputCorpus.All().Single(x => x.Name == name);
        if (c.LinuxOnly && !RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return;
        }

        var folder = Path.Combine(root, "scenario");
        Directory.CreateDirectory(folder);
        var path = c.Build(folder);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();

        var run = Task.Run(() => CliHarness.Run(["validate", path, .. c.Args ?? []]));
        var first = await Task.WhenAny(run, Task.Delay(TimeLimit));

        Assert.True(first == run, $"{name}: validate did not finish within {TimeLimit.TotalSeconds} s");
        clock.Stop();
        var grown = GC.GetTotalMemory(forceFullCollection: false) - before;
        var (code, stdout, stderr) = await run;
        Assert.True(code == 1, $"{name}: exit code {code}\n{stdout}\n{stderr}");
        Assert.DoesNotContain("internal error", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
        foreach (var expected in c.Expect)
        {
            Assert.True(stderr.Contains(expected, StringComparison.Ordinal), $"{name}: expected\n  {expected}\ngot:\n{stderr}");
        }

        foreach (var absent in c.Absent ?? [])
        {
            Assert.DoesNotContain(absent, stderr + stdout, StringComparison.Ordinal);
        }

        Assert.Matches(HostileInputCorpus.Located, stderr);
        Assert.True(clock.Elapsed < TimeLimit, $"{name}: took {clock.Elapsed}");
        Assert.True(grown < MemoryLimit, $"{name}: memory grew by {grown / (1024 * 1024)} MiB");
    }
}
