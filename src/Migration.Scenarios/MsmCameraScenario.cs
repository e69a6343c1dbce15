using Migration.Equivalence;
using Migration.Scenarios.KnownBad;
using Migration.Scenarios.Msm;

namespace Migration.Scenarios;

/// <summary>
/// `msm-camera`: a camera session on the MSM 8x60 (msm.md §8): open (IMEM ping/pong), register preview frame
/// buffers (some 1M-aligned, some with the 2X padding), stream by reading frames round robin, JPEG snapshots mapped
/// and unmapped, codec input/output and firmware buffers, a resolution change that re-registers the frames, close.
/// CAF msm-3.0 vendor API vs the client ported onto the generic API.
/// </summary>
public sealed class MsmCameraScenario : ITwoWorldScenario
{
    private static readonly uint[] PreviewSizes = [0x71000, 0x12C000, 0x2F7600]; // VGA, 720p, 1080p NV12

    /// <summary>The scenario; with <paramref name="knownBadPort"/> the ported world runs that deliberately wrong port (test-only).</summary>
    public MsmCameraScenario(KnownBadPort? knownBadPort = null) => KnownBadPort = knownBadPort;

    /// <summary>The known-bad port the ported world runs, or null for the real port.</summary>
    public KnownBadPort? KnownBadPort { get; }

    /// <inheritdoc />
    public string Name => "msm-camera";

    /// <inheritdoc />
    public string Description => "MSM camera session (IMEM, preview frames, JPEG, codec): CAF msm-3.0 vendor API vs the generic-API port";

    /// <inheritdoc />
    public int DefaultSteps => 400;

    /// <inheritdoc />
    public IReadOnlyList<TraceStep> Generate(int seed, int steps)
    {
        var rng = new Random(seed);
        var s = new List<TraceStep> { new("open") };
        var frames = new List<int>();
        int nextKey = 0;
        uint size = PreviewSizes[rng.Next(PreviewSizes.Length)];

        void Register(int count)
        {
            for (int i = 0; i < count; i++)
            {
                int key = nextKey++;
                uint align = rng.Next(3) == 0 ? 0x100000u : 0x1000u;
                uint flags = rng.Next(4) switch { 0 => 0x100000u /* ALIGN_IOVA_1M */, 1 => 0x10u /* IOMMU_2X */, _ => 0u };
                s.Add(new TraceStep("frame", new TraceArg("key", key), new TraceArg("size", size), new TraceArg("align", align), new TraceArg("flags", flags)));
                frames.Add(key);
            }
        }

        Register(rng.Next(4, 7));
        int firmware = nextKey++;
        s.Add(new TraceStep("codec", new TraceArg("key", firmware), new TraceArg("size", 0x20000), new TraceArg("fw", 1)));
        while (s.Count < steps - frames.Count - 3)
        {
            int roll = rng.Next(20);
            if (roll < 12)
            {
                s.Add(new TraceStep("dma", new TraceArg("key", frames[rng.Next(frames.Count)])));
            }
            else if (roll < 15)
            {
                int key = nextKey++;
                s.Add(new TraceStep("jpeg", new TraceArg("key", key), new TraceArg("size", size), new TraceArg("align", 0x1000)));
                s.Add(new TraceStep("dma", new TraceArg("key", key)));
                s.Add(new TraceStep("unjpeg", new TraceArg("key", key)));
            }
            else if (roll < 18)
            {
                int key = nextKey++;
                uint codecSize = (uint)rng.Next(1, 64) << 14;
                s.Add(new TraceStep("codec", new TraceArg("key", key), new TraceArg("size", codecSize), new TraceArg("fw", 0)));
                s.Add(new TraceStep("dma", new TraceArg("key", key)));
                s.Add(new TraceStep("uncodec", new TraceArg("key", key)));
            }
            else
            {
                // Resolution change: every preview buffer is unregistered and registered again at the new size.
                foreach (int key in frames)
                    s.Add(new TraceStep("unframe", new TraceArg("key", key)));
                frames.Clear();
                size = PreviewSizes[rng.Next(PreviewSizes.Length)];
                Register(rng.Next(4, 7));
            }
        }
        foreach (int key in frames)
            s.Add(new TraceStep("unframe", new TraceArg("key", key)));
        s.Add(new TraceStep("uncodec", new TraceArg("key", firmware)));
        s.Add(new TraceStep("release"));
        return s;
    }

    /// <inheritdoc />
    public (string Field, string Message)? Validate(TraceStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        string[]? required = step.Op switch
        {
            "open" or "release" => [],
            "frame" or "jpeg" or "codec" => ["key", "size"],
            "unframe" or "unjpeg" or "uncodec" or "dma" => ["key"],
            _ => null,
        };
        if (required is null)
            return ("op", $"unknown operation '{step.Op}' (known: open, release, frame, unframe, jpeg, unjpeg, codec, uncodec, dma)");
        foreach (string name in required)
        {
            if (!step.Has(name))
                return (name, $"'{step.Op}' needs {name}=");
        }
        if (step.Has("size") && step["size"] is <= 0 or > 0x2000000)
            return ("size", "must be 1 .. 0x2000000 bytes");
        if (step.Has("align") && (step["align"] is < 0x1000 or > 0x1000000 || (step["align"] & (step["align"] - 1)) != 0))
            return ("align", "must be a power of two from 0x1000 to 0x1000000");
        if (step.Has("key") && step["key"] is < 0 or > int.MaxValue)
            return ("key", "must be >= 0");
        return null;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Strict mode only: wherever entries differ, the vendor map wrote a 4K page and the port a larger one over the same
    /// physical page; the translations are compared first and must agree. A session may map no buffer large enough,
    /// so the pattern is not required.
    /// </remarks>
    public IReadOnlyList<ExpectedDivergence> ExpectedDivergences(Trace trace, EquivalenceMode mode) =>
        mode == EquivalenceMode.Strict
            ? new[] { "camera", "video" }.Select(space => new ExpectedDivergence
            {
                Reference = "generic.md §5.1: one byte-sized iommu_map lets the 3.3 core choose the largest pages iova|pa allow, where the vendor subsystem map wrote 4K pages (msm.md §7.6 step 4d); the translations agree",
                Kind = DivergenceKind.Entries, Space = space, Start = 0, End = 0x1_0000_0000UL, SamePhysicalPage = true, Required = false,
                Legacy = ExpectedSide.Page(0x1000), Ported = ExpectedSide.Page(0x10000, 0x100000, 0x1000000),
            }).ToList()
            : [];

    /// <inheritdoc />
    public IReadOnlyList<IWorldComparison> Comparisons { get; } = [EntryForEntryComparison.Instance];

    /// <inheritdoc />
    public IEquivalenceWorld CreateLegacy() => new LegacyMsmCameraWorld();

    /// <inheritdoc />
    public IEquivalenceWorld CreatePorted() => new PortedMsmCameraWorld(knownBad: KnownBadPort);
}
