using CsCheck;
using Migration.Equivalence;
using Migration.Scenarios.KnownBad;
using Migration.Scenarios.Omap;

namespace Migration.Scenarios;

/// <summary>
/// `random`: seeded random traces of vmalloc/vfree and vmap/vunmap of all sizes (byte counts that are not page
/// multiples, 4K..2M vmallocs, sg lists of 4K/64K/1M/16M entries) and device reads, run through the 3.0 OMAP iovmm
/// and through omap-iovmm 3.3 on the generic API. Superpage entries are mapped at fixed, naturally aligned device
/// addresses: at an anonymous (4K-aligned) address they hit the documented §7.5 difference, which has its own scenario.
/// </summary>
public sealed class RandomScenario : ITwoWorldScenario, ITraceGenerator
{
    private static readonly uint[] EntrySizes = [0x1000, 0x10000, 0x100000, 0x1000000];

    /// <summary>The random scenario; with <paramref name="knownBadPort"/> the ported world runs that deliberately wrong port (test-only).</summary>
    public RandomScenario(KnownBadPort? knownBadPort = null) => KnownBadPort = knownBadPort;

    /// <summary>The known-bad port the ported world runs, or null for the real port.</summary>
    public KnownBadPort? KnownBadPort { get; }

    /// <inheritdoc />
    public string Name => "random";

    /// <inheritdoc />
    public string Description => "seeded random vmalloc/vfree/vmap/vunmap/device-read traces: 3.0 OMAP iovmm vs omap-iovmm 3.3 on the generic API";

    /// <inheritdoc />
    public int DefaultSteps => 2000;

    /// <inheritdoc />
    public IReadOnlyList<TraceStep> Generate(int seed, int steps)
    {
        var rng = new Random(seed);
        var steps_ = new List<TraceStep>(steps);
        var live = new List<(int Buf, bool Vmalloc, uint Pages)>();
        uint vmallocPages = 0;
        int nextBuf = 0;
        while (steps_.Count < steps)
        {
            double roll = rng.NextDouble();
            if (live.Count < 48 && (live.Count == 0 || roll < 0.45))
            {
                int buf = nextBuf++;
                if (rng.NextDouble() < 0.6)
                {
                    uint size = RandomVmallocSize(rng);
                    uint pages = (size + 0xFFF) >> 12;
                    if (vmallocPages + pages > 16384)
                        continue; // keep the live vmalloc memory under 64 MiB of the 256 MiB bank
                    vmallocPages += pages;
                    live.Add((buf, true, pages));
                    steps_.Add(new TraceStep("vmalloc", new TraceArg("buf", buf), new TraceArg("size", size)));
                }
                else
                {
                    steps_.Add(RandomVmap(rng, buf));
                    live.Add((buf, false, 0));
                }
            }
            else if (roll < 0.75 && live.Count > 0)
            {
                int i = rng.Next(live.Count);
                var b = live[i];
                live.RemoveAt(i);
                vmallocPages -= b.Pages;
                steps_.Add(new TraceStep(b.Vmalloc ? "vfree" : "vunmap", new TraceArg("buf", b.Buf)));
            }
            else if (live.Count > 0)
            {
                steps_.Add(new TraceStep("dma", new TraceArg("buf", live[rng.Next(live.Count)].Buf)));
            }
        }
        return steps_;
    }

    /// <inheritdoc />
    public Gen<TraceStep[]> Traces { get; } = StepGen.Array[1, 40];

    // Every step is valid on its own (16 buffer numbers; releasing or reading an unknown one is refused alike in both
    // worlds), so CsCheck may drop any step while shrinking.
    private static readonly Gen<TraceStep> StepGen = Gen.Int[0, 9].SelectMany(kind => kind switch
    {
        < 3 => Gen.Select(Gen.Int[0, 15], Gen.Int[1, 0x40000]).Select((buf, size) =>
            new TraceStep("vmalloc", new TraceArg("buf", buf), new TraceArg("size", size))),
        < 5 => Gen.Select(Gen.Int[0, 15], Gen.Int[0, 3], Gen.Int[1, 16], Gen.Int[0, 0x6FFF], Gen.Int[0, 0xAFF]).Select((buf, sizeIndex, n, paPage, daSlot) =>
        {
            uint size = EntrySizes[sizeIndex];
            uint pa = (0x88000000u + ((uint)paPage << 12)) & ~(size - 1);
            int entries = size == 0x1000000 ? 1 : size == 0x100000 ? Math.Min(n, 4) : n;
            if (size == 0x1000)
                return new TraceStep("vmap", new TraceArg("buf", buf), new TraceArg("pa", pa), new TraceArg("entries", entries), new TraceArg("size", size));
            uint da = (0x40000000u + ((uint)daSlot << 20)) & ~(size - 1);
            return new TraceStep("vmap", new TraceArg("buf", buf), new TraceArg("pa", pa), new TraceArg("entries", entries), new TraceArg("size", size), new TraceArg("da", da));
        }),
        < 7 => Gen.Int[0, 15].Select(buf => new TraceStep("vfree", new TraceArg("buf", buf))),
        < 8 => Gen.Int[0, 15].Select(buf => new TraceStep("vunmap", new TraceArg("buf", buf))),
        _ => Gen.Int[0, 15].Select(buf => new TraceStep("dma", new TraceArg("buf", buf))),
    });

    /// <inheritdoc />
    public (string Field, string Message)? Validate(TraceStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        string[] required = step.Op switch
        {
            "vmalloc" => ["buf", "size"],
            "vmap" => ["buf", "pa", "entries", "size"],
            "vfree" or "vunmap" or "dma" => ["buf"],
            _ => [],
        };
        if (required.Length == 0)
            return ("op", $"unknown operation '{step.Op}' (known: vmalloc, vfree, vmap, vunmap, dma)");
        foreach (string name in required)
        {
            if (!step.Has(name))
                return (name, $"'{step.Op}' needs {name}=");
        }
        if (step["buf"] is < 0 or > int.MaxValue)
            return ("buf", "must be a buffer number >= 0");
        if (step.Op == "vmalloc" && step["size"] is <= 0 or > 0x4000000)
            return ("size", "must be 1 .. 0x4000000 bytes");
        if (step.Op == "vmap")
        {
            if (Array.IndexOf(EntrySizes, (uint)step["size"]) < 0 || step["size"] > uint.MaxValue)
                return ("size", "an sg entry must be 0x1000, 0x10000, 0x100000 or 0x1000000 bytes");
            if (step["entries"] is < 1 or > 4096)
                return ("entries", "must be 1 .. 4096");
            if (step["pa"] is < 0 or > uint.MaxValue || (step["pa"] & 0xFFF) != 0)
                return ("pa", "must be a 4K-aligned 32-bit physical address");
            if (step.Has("da") && step["da"] is < 0 or > uint.MaxValue)
                return ("da", "must be a 32-bit device address");
        }
        return null;
    }

    /// <inheritdoc />
    public IReadOnlyList<IWorldComparison> Comparisons { get; } = [EntryForEntryComparison.Instance];

    /// <inheritdoc />
    public IEquivalenceWorld CreateLegacy() => new LegacyOmapIovmmWorld();

    /// <inheritdoc />
    public IEquivalenceWorld CreatePorted() => new PortedOmapIovmmWorld(KnownBadPort);

    private static uint RandomVmallocSize(Random rng) => rng.Next(10) switch
    {
        < 4 => (uint)rng.Next(1, 0x4000),                  // sub-page to a few pages, any byte count
        < 8 => (uint)rng.Next(1, 64) << 12,                // whole pages
        < 9 => ((uint)rng.Next(64, 512) << 12) - (uint)rng.Next(0, 0x1000),
        _ => (uint)rng.Next(1, 3) << 20,                    // 1-2 MiB
    };

    private static TraceStep RandomVmap(Random rng, int buf)
    {
        uint size = EntrySizes[rng.Next(10) switch { < 6 => 0, < 8 => 1, < 9 => 2, _ => 3 }];
        int entries = size switch
        {
            0x1000 => rng.Next(1, 65),
            0x10000 => rng.Next(1, 17),
            0x100000 => rng.Next(1, 5),
            _ => 1,
        };
        // Physical memory the client owns (not RAM the kernel allocates from: a carve-out above the bank's first half).
        uint pa = 0x88000000u + ((uint)rng.Next(0, 0x7000) << 12);
        pa &= ~(size - 1);
        if (size == 0x1000)
            return new TraceStep("vmap", new TraceArg("buf", buf), new TraceArg("pa", pa), new TraceArg("entries", entries), new TraceArg("size", size));
        uint da = 0x40000000u + ((uint)rng.Next(0, 0xB0) << 24) + ((uint)rng.Next(0, 256) << 16);
        da &= ~(size - 1);
        return new TraceStep("vmap", new TraceArg("buf", buf), new TraceArg("pa", pa), new TraceArg("entries", entries), new TraceArg("size", size), new TraceArg("da", da));
    }
}
