using SymbiosisOptimizer.Assessment.Coalitions;
using SymbiosisOptimizer.Assessment.Sharing;
using SymbiosisOptimizer.Optimization.Solvers;

namespace SymbiosisOptimizer.Tests.Sharing;

public class GenerationBudgetTests
{
    // The three-player majority game scaled by 1000: v(i) = 0, v(ij) = 1000, v(N) = 1200; epsilon* = 200 (see
    // ConstraintGenerationTests). With a budget of one separation, by hand:
    // - master 1 (singleton rows x_i + e >= 0, x(N) = 1200): e = -400 at x = (400, 400, 400), the only optimum;
    // - separation 1: every pair has excess 1000 - 800 = 200 (the largest), so the proven upper bound is 200;
    //   the pair {A, B} (enumerated first) is added;
    // - master 2: x_A + x_B >= 1000 - e and x_C >= -e with x_C = 1200 - (x_A + x_B) give e >= -100: the lower bound;
    // - the budget is spent, so the least core stops there: epsilon* in [-100, 200], a gap of 300 = 25 % of v(N),
    //   and the split reported is the one whose bound is 200, (400, 400, 400).
    [Fact]
    public void A_least_core_stopped_by_its_budget_states_the_interval_it_proved()
    {
        var game = CooperativeGame.FromValues(["A", "B", "C"], [0, 0, 0, 1000, 0, 1000, 1000, 1200]);
        var lc = ConstraintGeneration.LeastCore(new EnumerationOracle(game), new GenerationOptions(MaxSeparations: 1));
        Assert.False(lc.Certified);
        Assert.Equal(-100, lc.Epsilon, 6);
        Assert.Equal(300, lc.BoundGap, 6);
        Assert.All(lc.Shares, x => Assert.Equal(400, x, 6));

        var note = GeneratedSharing.LeastCoreReached(lc, game.GrandValue, 1, "SEK/yr");
        Assert.NotNull(note);
        Assert.Contains("between -100 and 200 SEK/yr", note, StringComparison.Ordinal);
        Assert.Contains("a gap of 25.0 % of the group's gain", note, StringComparison.Ordinal);
        Assert.Contains("budget is 1 per step", note, StringComparison.Ordinal);
    }

    // The same budget of one separation through the group's report: epsilon* in [-100, 200] (above) holds zero, so
    // whether the core is empty is not known and the report must not say it is (it said "core is empty" at -100).
    // Certified (no budget), epsilon* = 200 > 0 proves the core empty.
    [Fact]
    public void A_least_core_stopped_with_zero_between_its_bounds_leaves_the_core_unknown()
    {
        var game = CooperativeGame.FromValues(["A", "B", "C"], [0, 0, 0, 1000, 0, 1000, 1000, 1200]);
        var skipped = SharingReportBuilder.Build(game, [SharingMethod.LeastCore], new SharingReportOptions(MaxLpPlayers: 0, Unit: "SEK/yr"));
        var (stopped, _) = GeneratedSharing.Complete(new EnumerationOracle(game), skipped, [SharingMethod.LeastCore], new GenerationOptions(MaxSeparations: 1));
        Assert.Null(stopped.CoreNonEmpty);
        Assert.Contains("least-core epsilon: -100", SharingReportBuilder.RenderTable(stopped), StringComparison.Ordinal);
        Assert.DoesNotContain("core is empty", SharingReportBuilder.RenderTable(stopped), StringComparison.Ordinal);

        var (certified, _) = GeneratedSharing.Complete(new EnumerationOracle(game), skipped, [SharingMethod.LeastCore]);
        Assert.False(certified.CoreNonEmpty);
        Assert.Contains("core is empty", SharingReportBuilder.RenderTable(certified), StringComparison.Ordinal);
    }

    // A master value just below zero (-0.3) is zero to the currency unit, and the note says so, not "-0" (the 77-actor
    // group of the generated 100-actor one-town region read "between -0 and 34,135,340"); the upper bound
    // -0.3 + 1 000.8 = 1 000.5 rounds half away from zero, as the format did before, to 1,001.
    [Fact]
    public void A_least_core_note_reads_a_master_value_just_below_zero_as_zero()
    {
        var lc = new LeastCoreSolution(-0.3, [500, 500], 0, [], 3, 5, Certified: false, BoundGap: 1000.8);
        var note = GeneratedSharing.LeastCoreReached(lc, 1000, 3, "SEK/yr");
        Assert.NotNull(note);
        Assert.Contains("between 0 and 1,001 SEK/yr", note, StringComparison.Ordinal);
        Assert.DoesNotContain("-0", note, StringComparison.Ordinal);
    }

    /// <summary>The majority game's values, with a separation that always stops at its budget having found nothing.</summary>
    private sealed class UnsettledOracle(CooperativeGame game) : ICoalitionOracle
    {
        private readonly EnumerationOracle inner = new(game);

        public int PlayerCount => inner.PlayerCount;

        public double GrandValue => inner.GrandValue;

        public int Solves => inner.Solves;

        public double Value(MemberSet coalition) => inner.Value(coalition);

        public Separation MostViolated(IReadOnlyList<double> x, IReadOnlyCollection<MemberSet> excluded) => new(null, 500, Exact: false);
    }

    // (400, 400, 400) is blocked by every pair of the majority game (1000 > 800); a separation that stops without a
    // coalition has proven nothing, so the split must be "not settled", never "in core". The same split with the
    // exact separation is blocked (one pair reported, 200 short by hand).
    [Fact]
    public void A_core_check_stopped_by_its_budget_is_unknown_not_in_core()
    {
        var game = CooperativeGame.FromValues(["A", "B", "C"], [0, 0, 0, 1000, 0, 1000, 1000, 1200]);
        string[] players = ["A", "B", "C"];
        var unsettled = GeneratedSharing.CoreOf(new UnsettledOracle(game), players, [400, 400, 400], new GenerationOptions());
        Assert.False(unsettled.Settled);
        Assert.False(unsettled.InCore);
        Assert.True(unsettled.IsEfficient);
        Assert.Equal(0, unsettled.BlockingCount);

        var exact = GeneratedSharing.CoreOf(new EnumerationOracle(game), players, [400, 400, 400], new GenerationOptions());
        Assert.True(exact.Settled);
        Assert.False(exact.InCore);
        Assert.Equal(200, Assert.Single(exact.Blocking).Shortfall, 6);
    }

    // Without the budget the same game certifies at the hand-derived epsilon* = 200 and says nothing more.
    [Fact]
    public void A_certified_least_core_has_no_budget_note()
    {
        var game = CooperativeGame.FromValues(["A", "B", "C"], [0, 0, 0, 1000, 0, 1000, 1000, 1200]);
        var lc = ConstraintGeneration.LeastCore(new EnumerationOracle(game));
        Assert.True(lc.Certified);
        Assert.Equal(200, lc.Epsilon, 6);
        Assert.Null(GeneratedSharing.LeastCoreReached(lc, game.GrandValue, 5000, "SEK/yr"));
    }

    /// <summary>A game of two explicit parts sharing player 2 (of 0..4), and the same game tabulated whole.</summary>
    private static (CooperativeGame Parts, CooperativeGame Whole) TwoParts(int seed)
    {
        var random = new Random(seed);
        double[] Part(int n) => [0, .. Enumerable.Range(1, (1 << n) - 1).Select(s => Math.Round((System.Numerics.BitOperations.PopCount((uint)s) * 30) + (random.NextDouble() * 40) - 20, 2))];
        var a = CooperativeGame.FromValues(["a0", "a1", "a2"], Part(3));
        var b = CooperativeGame.FromValues(["b0", "b1", "b2"], Part(3));
        string[] players = ["P0", "P1", "P2", "P3", "P4"];
        var parts = CooperativeGame.FromParts(players, [new GamePart([0, 1, 2], a), new GamePart([2, 3, 4], b)]);
        var whole = CooperativeGame.FromFunction(players, parts.Value);
        return (parts, whole);
    }

    // Separation by enumeration over the parts must give what enumeration of every coalition of the whole gives: the
    // reference is the one-LP least core and nucleolus of the tabulated sum (which the published games test).
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Separation_over_parts_equals_enumeration(int seed)
    {
        var (parts, whole) = TwoParts(seed);
        var oracle = PartsOracle.TryCreate(parts);
        Assert.NotNull(oracle);
        var lc = ConstraintGeneration.LeastCore(oracle);
        Assert.True(lc.Certified);
        Assert.Equal(LeastCore.Compute(whole).Epsilon!.Value, lc.Epsilon, 6);
        if (Nucleolus.HasImputations(whole))
        {
            var reference = Nucleolus.Compute(whole).Amounts;
            var nucleolus = ConstraintGeneration.Nucleolus(oracle);
            for (var i = 0; i < reference.Length; i++)
            {
                Assert.Equal(reference[i], nucleolus.Shares[i], 5);
            }
        }
    }

    // The most violated coalition of the parts' search is the enumerated maximum, excluded coalitions skipped
    // (Lawler's partition): checked against a scan of all 30 proper coalitions at a fixed split.
    [Fact]
    public void The_parts_search_skips_excluded_coalitions_and_finds_the_next_best()
    {
        var (parts, whole) = TwoParts(5);
        var oracle = PartsOracle.TryCreate(parts)!;
        double[] x = [10, -5, 20, 0, 15];
        var excess = Enumerable.Range(1, 30).Select(s => (S: (ulong)s, E: whole.Value((ulong)s) - Enumerable.Range(0, 5).Where(i => (s & (1 << i)) != 0).Sum(i => x[i]))).OrderByDescending(t => t.E).ToList();
        var first = oracle.MostViolated(x, []);
        Assert.Equal(excess[0].E, first.UpperBound, 9);
        var second = oracle.MostViolated(x, [MemberSet.FromMask(5, first.Coalition!.ToMask())]);
        Assert.Equal(excess[1].E, second.UpperBound, 9);
    }

    // Same input, same output: the default path (groups above the enumeration limit valued by stratified sampling and
    // shared by constraint generation) run twice on fresh games gives identical splits and stability figures.
    [Fact]
    public void The_default_path_gives_the_same_result_twice()
    {
        var region = TestPaths.Load(TestPaths.Fixture("transport-game"));
        var plan = SymbiosisOptimizer.Optimization.ExchangeOptimizer.Optimize(region, new SymbiosisOptimizer.Optimization.OptimizeOptions(new SolveOptions()));
        var options = new RegionSharingOptions(SharingMethods.All, IncludeDual: false, Samples: 50, Seed: 3, MaxExactPlayers: 2);
        RegionSharingResult Run() => RegionSharing.Analyse(region, plan, options);
        var (a, b) = (Run(), Run());
        Assert.Contains(a.Components, c => c.Players.Length > 2);
        Assert.Equal(a.Actors.Length, b.Actors.Length);
        for (var i = 0; i < a.Actors.Length; i++)
        {
            Assert.Equal(a.Actors[i].Allocations, b.Actors[i].Allocations);
        }

        static string Figures(ComponentStability? s) => s is null ? "none" : FormattableString.Invariant($"{s.Epsilon:R} {s.UpperBound:R} {s.MinimumSubsidy:R} {s.Certified} {s.Separations} {s.CoalitionsGenerated} {string.Join(";", s.Blocking.Select(c => string.Join("+", c)))}");
        Assert.Equal(a.Components.Select(c => Figures(c.Stability)), b.Components.Select(c => Figures(c.Stability)));
    }

    // A run's budget split by hand: 10 among 3 claims gives ceil(10/3) = 4 to the first; it spends 1, so 9 are left and
    // the next of 2 claims gets ceil(9/2) = 5; spending the parent down to 0 leaves every claim exhausted.
    [Fact]
    public void A_separation_budget_passes_on_what_a_claim_leaves()
    {
        var run = new SeparationBudget(10);
        var first = run.Share(3);
        Assert.Equal(4, first.Total);
        first.Spend();
        Assert.Equal(1, run.Spent);
        var second = run.Share(2);
        Assert.Equal(5, second.Total);
        Assert.Equal(10, second.RunTotal);
        for (var k = 0; k < 9; k++)
        {
            run.Spend();
        }

        Assert.True(second.Exhausted);
        Assert.True(first.Exhausted);
        Assert.Equal(0, run.Share(1).Total);
    }

    // The majority game again: a run budget of 2 gives the least core a claim of ceil(2/2) = 1 (the subsidy the rest),
    // so it stops where MaxSeparations: 1 does (derived above): epsilon* in [-100, 200]; epsilon = -100 needs no subsidy,
    // so one separation of the run's two is spent. A budget of 0 allows no separation: master 1 alone, e = -400 at
    // (400, 400, 400), and no bound proven.
    [Fact]
    public void A_least_core_stopped_by_the_run_budget_says_so()
    {
        var game = CooperativeGame.FromValues(["A", "B", "C"], [0, 0, 0, 1000, 0, 1000, 1000, 1200]);
        var run = new SeparationBudget(2);
        var lc = ConstraintGeneration.LeastCore(new EnumerationOracle(game), new GenerationOptions() { Budget = run });
        Assert.False(lc.Certified);
        Assert.Equal(-100, lc.Epsilon, 6);
        Assert.Equal(300, lc.BoundGap, 6);
        Assert.Equal(1, run.Spent);

        var none = ConstraintGeneration.LeastCore(new EnumerationOracle(game), new GenerationOptions() { Budget = new SeparationBudget(0) });
        Assert.False(none.Certified);
        Assert.Equal(-400, none.Epsilon, 6);
        Assert.Equal(0, none.Separations);
        var note = GeneratedSharing.LeastCoreReached(none, game.GrandValue, 25, "SEK/yr", 0);
        Assert.Contains("not certified: the budget (25 separations per step, 0 in the whole run) ended the search with no bound proven", note, StringComparison.Ordinal);
    }

    // The default path on the transport game with groups above 2 actors separated by MILP: a run budget of 0 leaves
    // every such group uncertified with no separation and says why in its least-core note; a budget of 1 is spent at
    // most once over all groups, and gives the same figures twice.
    [Fact]
    public void The_run_separation_budget_stops_every_group_deterministically()
    {
        var region = TestPaths.Load(TestPaths.Fixture("transport-game"));
        var plan = SymbiosisOptimizer.Optimization.ExchangeOptimizer.Optimize(region, new SymbiosisOptimizer.Optimization.OptimizeOptions(new SolveOptions()));
        var zero = RegionSharing.Analyse(region, plan, new RegionSharingOptions(SharingMethods.All, IncludeDual: false, Samples: 50, Seed: 3, MaxExactPlayers: 2, SeparationBudget: 0));
        var separated = zero.Components.Where(c => c.Stability is { How: "constraint generation" }).ToList();
        Assert.NotEmpty(separated);
        foreach (var c in separated)
        {
            Assert.False(c.Stability!.Certified);
            Assert.Equal(0, c.Stability.Separations);
            Assert.Equal(0, c.Stability.RunSeparationBudget);
            var lc = Assert.Single(c.Report.Methods, m => m.Method == LeastCore.MethodName);
            Assert.Contains("0 in the whole run", lc.Note, StringComparison.Ordinal);
        }

        var options = new RegionSharingOptions(SharingMethods.All, IncludeDual: false, Samples: 50, Seed: 3, MaxExactPlayers: 2, SeparationBudget: 1);
        var (a, b) = (RegionSharing.Analyse(region, plan, options), RegionSharing.Analyse(region, plan, options));
        Assert.True(a.Components.Sum(c => c.Stability?.How == "constraint generation" ? c.Stability.Separations : 0) <= 1);
        for (var i = 0; i < a.Actors.Length; i++)
        {
            Assert.Equal(a.Actors[i].Allocations, b.Actors[i].Allocations);
        }
    }
}
