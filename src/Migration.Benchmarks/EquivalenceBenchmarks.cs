using BenchmarkDotNet.Attributes;
using Migration.Equivalence;
using Migration.Scenarios;
using Migration.Scenarios.Omap;

namespace Migration.Benchmarks;

/// <summary>
/// The equivalence engine's own cost: comparing two worlds whose whole 32-bit device address space is mapped in a mix
/// of 16M/1M/64K/4K entries (<see cref="FullCompare"/>), and the per-step cost of the <c>random</c> scenario
/// (<see cref="RandomStep"/>: both worlds run the step, then the engine compares what it wrote).
/// </summary>
/// <remarks>
/// The full space is 256 regions of 16 MiB, in turn one supersection, 16 sections, 256 large pages and 4096 small
/// pages (279,616 entries per world: what a 4 GiB compare has to decode), mapped by 3.0 iopgtable_store_entry and by
/// 3.3 iommu_map with one call per entry. Small and large pages map their region's frames in reverse order, so no two
/// neighbours merge into one translation run and the compare sees every entry.
/// </remarks>
[MemoryDiagnoser]
public class EquivalenceBenchmarks : IBenchmarkState
{
    private const uint Region = 0x1000000;

    private OmapRawMapWorld? _legacy;
    private OmapRawMapWorld? _ported;
    private readonly EquivalenceOptions _translation = new() { Mode = EquivalenceMode.Translation };
    private readonly EquivalenceOptions _strict = new() { Mode = EquivalenceMode.Strict };
    private IScenario _random = null!;
    private Trace _trace = null!;

    /// <summary>Steps of the random trace one <see cref="RandomStep"/> invocation runs.</summary>
    public const int RandomSteps = 2000;

    /// <summary>Maps the whole 4 GiB in both worlds (3.0 store_entry and 3.3 iommu_map, one call per entry).</summary>
    [GlobalSetup(Targets = [nameof(FullCompare), nameof(FullCompareStrict)])]
    public void SetupFullSpace()
    {
        var legacy = new OmapRawMapWorld(ported: false);
        var ported = new OmapRawMapWorld(ported: true);
        (_legacy, _ported) = (legacy, ported);
        foreach (TraceStep step in FullSpaceSteps())
        {
            if (legacy.Apply(step).Value != 0 || ported.Apply(step).Value != 0)
                throw new InvalidOperationException($"setup: {step} failed");
        }
    }

    /// <summary>Generates the random trace (seed 0).</summary>
    [GlobalSetup(Target = nameof(RandomStep))]
    public void SetupRandom()
    {
        _random = ScenarioCatalog.Find("random") ?? throw new InvalidOperationException("no random scenario");
        _trace = new Trace("random", 0, _random.Generate(0, RandomSteps));
    }

    /// <summary>One whole comparison of the two 4 GiB spaces in translation mode (every slot re-read, merged runs compared).</summary>
    [Benchmark(Baseline = true)]
    public int FullCompare() => Compare(_translation);

    /// <summary>The same in strict mode: translations, then every entry's size, level, descriptor bits and page.</summary>
    [Benchmark]
    public int FullCompareStrict() => Compare(_strict);

    /// <summary>The random scenario, per step: both worlds booted, every step run in both and compared (seed 0).</summary>
    [Benchmark(OperationsPerInvoke = RandomSteps)]
    public int RandomStep()
    {
        EquivalenceReport report = EquivalenceEngine.Run(_random, _trace, _translation);
        if (!report.Passed)
            throw new InvalidOperationException($"random diverged: {report.Divergence}");
        return report.StepsRun;
    }

    string IBenchmarkState.Fingerprint() => _legacy is null || _ported is null
        ? "random: each invocation boots its own worlds"
        : StateFingerprint.Of(("legacy frames", _legacy.Memory.FrameCount), ("ported frames", _ported.Memory.FrameCount),
            ("legacy words", _legacy.Memory.WordsWritten), ("ported words", _ported.Memory.WordsWritten));

    // The full space stays mapped by design; the random worlds live only inside an invocation.
    bool? IBenchmarkState.NothingMapped => null;

    private int Compare(EquivalenceOptions options)
    {
        if (EquivalenceEngine.CompareNow(_legacy!, _ported!, options) is { } d)
            throw new InvalidOperationException($"the full spaces differ at step {d.Step}: {d.Kind} at 0x{d.Iova:x8}: {d.Legacy} vs {d.Ported}");
        return 0;
    }

    /// <summary>The number of entries each world maps in the full space.</summary>
    internal static int FullSpaceEntries => 64 * (1 + 16 + 256 + 4096);

    /// <summary>"map" steps covering [0, 4 GiB): per 16 MiB region one size, in turn 16M, 1M, 64K, 4K.</summary>
    internal static IEnumerable<TraceStep> FullSpaceSteps()
    {
        for (uint r = 0; r < 256; r++)
        {
            uint regionBase = r * Region;
            uint size = (r % 4) switch { 0 => 0x1000000u, 1 => 0x100000u, 2 => 0x10000u, _ => 0x1000u };
            uint count = Region / size;
            for (uint i = 0; i < count; i++)
            {
                uint da = regionBase + i * size;
                // Sections and supersections keep their frames in order; smaller pages take them backwards.
                uint pa = size >= 0x100000 ? da : regionBase + (count - 1 - i) * size;
                yield return new TraceStep("map", new TraceArg("da", da), new TraceArg("pa", pa), new TraceArg("size", size), new TraceArg("prot", 0));
            }
        }
    }
}
