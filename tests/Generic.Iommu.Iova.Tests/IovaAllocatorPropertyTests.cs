using CsCheck;
using Generic.Iommu;

namespace Generic.Iommu.Iova.Tests;

public class IovaAllocatorPropertyTests
{
    private static readonly uint[] Starts = [0, 0x1000, 0x10_0000, 0xFFF0_0000];
    private static readonly ulong[] Spans = [0x2_0000, 0x40_0000, 0x1_0000_0000];

    // One step: kind 0-5 alloc, 6-8 free the held range picked by pick, 9 flush.
    private static readonly Gen<(int Kind, uint Size, int AlignShift, int Pick)> Step =
        Gen.Select(Gen.Int[0, 9], Gen.UInt[1, 0x30000], Gen.Int[0, 9], Gen.Int[0, 1000]);

    [Fact]
    public void RandomAllocFreeSequences_NeverOverlapAndStayAlignedInsideTheSpace()
    {
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 2], Gen.Bool, Step.Array[1, 200])
            .Sample((si, sp, best, steps) =>
            {
                uint start = Starts[si];
                ulong end = Math.Min(start + Spans[sp], 0x1_0000_0000UL);
                var a = new IovaAllocator(start, end, 0x1000, best ? IovaFitPolicy.BestFit : IovaFitPolicy.FirstFit);
                var held = new List<IovaRange>();
                foreach (var (kind, size, alignShift, pick) in steps)
                {
                    if (kind <= 5)
                    {
                        uint align = alignShift == 0 ? 0 : 1u << (11 + alignShift); // 0, or 4 KiB .. 1 MiB
                        uint x = a.Alloc(size, align);
                        if (x == 0)
                            continue;
                        var r = new IovaRange(x, (size + 0xFFFu) & ~0xFFFu);
                        Assert.True(x >= a.Start && r.End <= end, $"{r} outside [{a.Start:X}, {end:X})");
                        Assert.Equal(0u, x & (Math.Max(align, 0x1000u) - 1));
                        foreach (var h in held)
                            Assert.False(h.Overlaps(r), $"{r} overlaps {h}");
                        Assert.True(a.IsAllocated(x) && a.IsAllocated(r.Last));
                        held.Add(r);
                    }
                    else if (kind <= 8 && held.Count > 0)
                    {
                        int i = pick % held.Count;
                        Assert.True(a.Free(held[i].Start, held[i].Size));
                        Assert.False(a.IsAllocated(held[i].Start));
                        held.RemoveAt(i);
                    }
                    else if (kind == 9)
                    {
                        a.Flush();
                    }
                    Assert.Equal(held.Count, a.AllocatedRanges);
                    ulong heldBytes = 0;
                    foreach (var h in held)
                        heldBytes += h.Size;
                    Assert.True(a.FreeBytes + heldBytes <= end - a.Start);
                }
                a.Flush();
                ulong live = 0;
                foreach (var h in held)
                    live += h.Size;
                Assert.Equal(end - a.Start, a.FreeBytes + live);
            }, iter: 500);
    }
}
