using CsCheck;
using Migration.Equivalence;
using Migration.Scenarios.KnownBad;
using Migration.Scenarios.Msm;

namespace Migration.Scenarios;

/// <summary>
/// `msm-random`: seeded random traces of page runs (iommu_map of 1-64 × 4K, 1-16 × 64K, 1-8 × 1M, 1-2 × 16M, physically
/// contiguous and aligned), scattered 4K lists (iommu_map_range / iommu_map_sg), their unmaps and device reads, at
/// non-overlapping device addresses, through CAF msm-3.0 and through msm_iommu on io-pgtable-arm-v7s (Linux 6.13+).
/// Translation mode decodes each leaf through its own context's PRRR/NMRR, so the same memory type compares equal
/// under either encoding; the two differences the formats keep by design are declared (v7s.md §7).
/// </summary>
public sealed class MsmRandomScenario : ITwoWorldScenario, ITraceGenerator
{
    /// <summary>Normal non-cacheable, read/write, inner-shareable: CAF's NONCACHED class 1 under the CPU PRRR (NOS1 = 1).</summary>
    public const uint LegacyNonCachedRw = 0x84;

    /// <summary>Normal non-cacheable, read/write, outer-shareable: v7s index 4 under its own PRRR (NOS4 = 0).</summary>
    public const uint V7sNonCachedRw = 0x184;

    /// <summary>Normal WB no-write-allocate, read/write, inner-shareable: index 3, what the 3.0 64K page with TEX0 in bit 6 decodes to.</summary>
    public const uint LegacyLargePageClass7 = 0xFC;

    /// <summary>Normal WBWA, read/write, inner-shareable: index 7 (3.0 class 7 on 4K/1M/16M, v7s IOMMU_CACHE at every size).</summary>
    public const uint CachedRw = 0xAC;

    private const uint SpaceStart = 0x10000000;
    private const uint SpaceEnd = 0x50000000;
    private static readonly uint[] PageSizes = [0x1000, 0x10000, 0x100000, 0x1000000];

    /// <summary>The scenario; with <paramref name="knownBadPort"/> the v7s world runs that deliberately wrong port (test-only).</summary>
    public MsmRandomScenario(KnownBadPort? knownBadPort = null) => KnownBadPort = knownBadPort;

    /// <summary>The known-bad port the ported world runs, or null for the real driver.</summary>
    public KnownBadPort? KnownBadPort { get; }

    /// <inheritdoc />
    public string Name => "msm-random";

    /// <inheritdoc />
    public string Description => "seeded random map/unmap/map_sg/unmap_sg/device-read traces: CAF msm-3.0 vs msm_iommu on io-pgtable-arm-v7s (6.13+)";

    /// <inheritdoc />
    public int DefaultSteps => 2000;

    /// <summary>
    /// The documented differences any session may show (patterns, not required): the non-cacheable memory type's
    /// shareability domain (V7S-D1/D3) and the 3.0 64K page that loses TEX0 (V7S-D2); in strict mode the same as entry
    /// differences, and the larger pages the generic core picks where the 3.0 client wrote smaller ones.
    /// </summary>
    public IReadOnlyList<ExpectedDivergence> ExpectedDivergences(Trace trace, EquivalenceMode mode)
    {
        ExpectedDivergence[] attributes =
        [
            SameNormalNonCachedPattern(readOnly: false),
            SameNormalNonCachedPattern(readOnly: true),
            VfePattern(
                "v7s.md §7 V7S-D2 (§1.4 item 2, msm.md §3.3): a 3.0 64K page ORs TEX0 into bit 6, which the large-page "
                    + "format ignores, so CAF's cached class 7 reads as index 3 (WB no-write-allocate); v7s keeps TEX at bits 14:12 (index 7, WBWA)",
                DivergenceKind.Translation,
                new ExpectedSide { PageSizes = [0x10000], Attributes = LegacyLargePageClass7 },
                new ExpectedSide { Attributes = CachedRw }),
        ];
        if (mode != EquivalenceMode.Strict)
            return attributes;
        return
        [
            .. attributes,
            .. attributes.Select(e => e with { Kind = DivergenceKind.Entries }),
            VfePattern(
                "generic.md §5.1: one byte-sized iommu_map or iommu_map_sg lets the generic core choose the largest pages "
                    + "iova|pa allow, where the 3.0 client mapped page by page or with 4K-only iommu_map_range (msm.md §5.9); the translations agree",
                DivergenceKind.Entries,
                ExpectedSide.Page(0x1000, 0x10000, 0x100000),
                ExpectedSide.Page(0x10000, 0x100000, 0x1000000)),
        ];
    }

    /// <inheritdoc />
    public IReadOnlyList<TraceStep> Generate(int seed, int steps)
    {
        var rng = new Random(seed);
        var trace = new List<TraceStep>(steps);
        var live = new List<(int Buf, bool Sg, uint Iova, uint Bytes)>();
        int nextBuf = 0;
        while (trace.Count < steps)
        {
            double roll = rng.NextDouble();
            if (live.Count < 24 && (live.Count == 0 || roll < 0.45))
            {
                int buf = nextBuf++;
                TraceStep step = rng.NextDouble() < 0.5 ? RandomMap(rng, buf, out uint bytes, out uint align) : RandomMapSg(rng, buf, out bytes, out align);
                if (FreeIova(rng, live, bytes, align) is not { } iova)
                    continue;
                trace.Add(new TraceStep(step.Op, [.. step.Args, new TraceArg("iova", iova)]));
                live.Add((buf, step.Op == "map_sg", iova, bytes));
            }
            else if (roll < 0.75 && live.Count > 0)
            {
                int i = rng.Next(live.Count);
                var b = live[i];
                live.RemoveAt(i);
                trace.Add(new TraceStep(b.Sg ? "unmap_sg" : "unmap", new TraceArg("buf", b.Buf)));
            }
            else if (live.Count > 0)
            {
                trace.Add(new TraceStep("dma", new TraceArg("buf", live[rng.Next(live.Count)].Buf)));
            }
        }
        return trace;
    }

    /// <inheritdoc />
    public Gen<TraceStep[]> Traces { get; } = Gen.Int[0, 9].SelectMany(kind => kind switch
    {
        // Each buffer number has its own 16 MiB-aligned 32 MiB window, so generated maps never overlap.
        < 3 => Gen.Select(Gen.Int[0, 15], Gen.Int[0, 3], Gen.Int[1, 8], Gen.Int[0, 0x6FFF], Gen.Bool).Select((buf, sizeIndex, n, paPage, cached) =>
        {
            uint size = PageSizes[sizeIndex];
            int count = size == 0x1000000 ? Math.Min(n, 2) : n;
            uint pa = (0x88000000u + ((uint)paPage << 12)) & ~(size - 1);
            return new TraceStep("map", new TraceArg("buf", buf), new TraceArg("pa", pa), new TraceArg("size", size), new TraceArg("count", count),
                new TraceArg("cached", cached ? 1 : 0), new TraceArg("iova", SpaceStart + ((uint)buf << 25)));
        }),
        < 5 => Gen.Select(Gen.Int[0, 15], Gen.Int[1, 300], Gen.Int[0, 0x6FFF], Gen.Int[1, 3], Gen.Int[0, 3]).Select((buf, entries, paPage, stride, flags) =>
            new TraceStep("map_sg", new TraceArg("buf", buf), new TraceArg("pa", 0x88000000L + ((long)paPage << 12)), new TraceArg("entries", entries),
                new TraceArg("stride", stride << 12), new TraceArg("ro", flags & 1), new TraceArg("cached", flags >> 1), new TraceArg("iova", SpaceStart + ((uint)buf << 25)))),
        < 7 => Gen.Int[0, 15].Select(buf => new TraceStep("unmap", new TraceArg("buf", buf))),
        < 8 => Gen.Int[0, 15].Select(buf => new TraceStep("unmap_sg", new TraceArg("buf", buf))),
        _ => Gen.Int[0, 15].Select(buf => new TraceStep("dma", new TraceArg("buf", buf))),
    }).Array[1, 40];

    /// <inheritdoc />
    public (string Field, string Message)? Validate(TraceStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        string[] required = step.Op switch
        {
            "map" => ["buf", "iova", "pa", "size", "count"],
            "map_sg" => ["buf", "iova", "pa", "entries", "stride"],
            "unmap" or "unmap_sg" or "dma" => ["buf"],
            _ => [],
        };
        if (required.Length == 0)
            return ("op", $"unknown operation '{step.Op}' (known: map, unmap, map_sg, unmap_sg, dma)");
        foreach (string name in required)
        {
            if (!step.Has(name))
                return (name, $"'{step.Op}' needs {name}=");
        }
        if (step["buf"] is < 0 or > int.MaxValue)
            return ("buf", "must be a buffer number >= 0");
        if (step.Op is "map" or "map_sg")
        {
            foreach (string name in new[] { "iova", "pa" })
            {
                if (step[name] is < 0 or > uint.MaxValue || (step[name] & 0xFFF) != 0)
                    return (name, "must be a 4K-aligned 32-bit address");
            }
        }
        if (step.Op == "map")
        {
            if (Array.IndexOf(PageSizes, (uint)Math.Clamp(step["size"], 0, uint.MaxValue)) < 0)
                return ("size", "must be 0x1000, 0x10000, 0x100000 or 0x1000000 (a page of the 3.0 order-based iommu_map)");
            uint size = (uint)step["size"];
            if (((step["iova"] | step["pa"]) & (size - 1)) != 0)
                return ("iova", "iova and pa must be aligned to size (the 3.0 core BUGs otherwise)");
            if (step["count"] is < 1 or > 64 || step["iova"] + step["count"] * size > 0x1_0000_0000L)
                return ("count", "must be 1 .. 64 pages inside the 32-bit space");
        }
        if (step.Op == "map_sg")
        {
            if (step["entries"] is < 1 or > 1024 || step["iova"] + step["entries"] * 0x1000 > 0x1_0000_0000L)
                return ("entries", "must be 1 .. 1024 entries inside the 32-bit space");
            if (step["stride"] is < 0x1000 or > 0x100000 || (step["stride"] & 0xFFF) != 0 || step["pa"] + step["entries"] * step["stride"] > 0x1_0000_0000L)
                return ("stride", "must be a 4K multiple up to 1 MiB, the list inside the 32-bit space");
        }
        return null;
    }

    /// <inheritdoc />
    public IReadOnlyList<IWorldComparison> Comparisons { get; } = [EntryForEntryComparison.Instance];

    /// <inheritdoc />
    public IEquivalenceWorld CreateLegacy() => new LegacyMsmRandomWorld();

    /// <inheritdoc />
    public IEquivalenceWorld CreatePorted() => new PortedMsmV7sWorld(KnownBadPort);

    // The same memory type (Normal, inner and outer non-cacheable) whose shareability domain differs by the PRRR each
    // context runs with.
    private static ExpectedDivergence SameNormalNonCachedPattern(bool readOnly) => VfePattern(
        "v7s.md §7 V7S-D1/V7S-D3 (§1.4 item 1, §2.3): the same prot is encoded as TEX remap index 1 (CAF, 0xC36) and 4 "
            + "(v7s, 0xC72); both decode to Normal non-cacheable memory, but the v7s PRRR leaves NOS4 clear (outer-shareable) "
            + "where the CPU PRRR 3.0 copies sets NOS1 (inner-shareable)",
        DivergenceKind.Translation,
        new ExpectedSide { Attributes = LegacyNonCachedRw | (readOnly ? 1u : 0) },
        new ExpectedSide { Attributes = V7sNonCachedRw | (readOnly ? 1u : 0) });

    // A pattern any session may show anywhere in the vfe space, over the same physical page in both worlds.
    private static ExpectedDivergence VfePattern(string reference, DivergenceKind kind, ExpectedSide legacy, ExpectedSide ported) => new()
    {
        Reference = reference,
        Kind = kind,
        Space = "vfe",
        Start = SpaceStart,
        End = SpaceEnd,
        Legacy = legacy,
        Ported = ported,
        SamePhysicalPage = true,
        Required = false,
    };

    private static TraceStep RandomMap(Random rng, int buf, out uint bytes, out uint align)
    {
        uint size = PageSizes[rng.Next(10) switch { < 4 => 0, < 7 => 1, < 9 => 2, _ => 3 }];
        int count = size switch
        {
            0x1000 => rng.Next(1, 65),
            0x10000 => rng.Next(1, 17),
            0x100000 => rng.Next(1, 9),
            _ => rng.Next(1, 3),
        };
        // Client-owned physical memory (a carve-out above the bank's first half), aligned to the page size.
        uint pa = (0x88000000u + ((uint)rng.Next(0, 0x7000) << 12)) & ~(size - 1);
        bytes = size * (uint)count;
        align = size;
        return new TraceStep("map", new TraceArg("buf", buf), new TraceArg("pa", pa), new TraceArg("size", size), new TraceArg("count", count),
            new TraceArg("cached", rng.Next(2)));
    }

    private static TraceStep RandomMapSg(Random rng, int buf, out uint bytes, out uint align)
    {
        int entries = rng.Next(10) switch { < 6 => rng.Next(1, 65), < 8 => rng.Next(65, 300), _ => 256 };
        uint stride = rng.Next(4) switch { 0 => 0x1000u, 1 => 0x2000u, 2 => 0x3000u, _ => 0x11000u };
        uint pa = 0x88000000u + ((uint)rng.Next(0, 0x3000) << 12);
        if (stride == 0x1000 && rng.Next(2) == 0)
            pa &= ~0xFFFFu; // a contiguous list the generic core may map with 64K pages
        bytes = (uint)entries * 0x1000;
        align = rng.Next(3) switch { 0 => 0x1000u, 1 => 0x10000u, _ => 0x100000u };
        return new TraceStep("map_sg", new TraceArg("buf", buf), new TraceArg("pa", pa), new TraceArg("entries", entries), new TraceArg("stride", stride),
            new TraceArg("ro", rng.Next(10) < 3 ? 1 : 0), new TraceArg("cached", rng.Next(2)));
    }

    // A device address aligned to align whose [iova, iova + bytes) overlaps no live buffer, or null after a few tries.
    private static uint? FreeIova(Random rng, List<(int Buf, bool Sg, uint Iova, uint Bytes)> live, uint bytes, uint align)
    {
        for (int attempt = 0; attempt < 16; attempt++)
        {
            uint iova = (SpaceStart + (uint)rng.NextInt64(0, SpaceEnd - SpaceStart - bytes)) & ~(align - 1);
            if (iova < SpaceStart)
                continue;
            if (!live.Any(b => iova < b.Iova + (ulong)b.Bytes && b.Iova < iova + (ulong)bytes))
                return iova;
        }
        return null;
    }
}
