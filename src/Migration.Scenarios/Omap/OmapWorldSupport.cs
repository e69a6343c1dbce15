using Migration.Drivers.Omap;
using Migration.Equivalence;
using Migration.Hardware.Omap;
using Migration.Kernel;

namespace Migration.Scenarios.Omap;

/// <summary>What both OMAP worlds do the same way: the ISP MMU's TLB view, device accesses and naming vmalloc pages.</summary>
internal static class OmapWorldSupport
{
    /// <summary>The valid entries of <paramref name="mmu"/>'s TLB (the hardware view).</summary>
    public static IEnumerable<TlbMapping> Tlb(OmapMmu mmu)
    {
        for (int i = 0; i < mmu.TlbEntries; i++)
        {
            OmapTlbEntry e = mmu.PeekTlb(i);
            if (!e.Valid)
                continue;
            uint mask = e.TagMask;
            yield return new TlbMapping(i, e.Cam & mask, ~mask + 1, e.Ram & mask);
        }
    }

    /// <summary>
    /// The ISP reading [da, da + bytes): first, middle and last page through the MMU (TLB, then the walker), each
    /// recorded as "da->identity" or "da fault" ("+offset" instead of the da when <paramref name="relative"/>, for
    /// worlds that place buffers differently). The MMU loads its TLB as the hardware would.
    /// </summary>
    public static List<string> Access(OmapMmu mmu, PhysicalIdentity identity, uint da, uint bytes, bool relative = false)
    {
        var seen = new List<string>(3);
        if (bytes == 0)
            return seen;
        uint last = (bytes - 1) & ~0xFFFu;
        foreach (uint off in new[] { 0u, (last / 2) & ~0xFFFu, last }.Distinct())
        {
            OmapMmuTranslation t = mmu.Translate(da + off);
            string at = relative ? $"+0x{off:x}" : $"0x{da + off:x8}";
            seen.Add(t.Outcome == OmapMmuOutcome.Fault ? $"{at} fault" : $"{at}->{PhysicalIdentity.Format(identity.Resolve(t.Pa))}");
        }
        return seen;
    }

    /// <summary>
    /// The ISP reading the first and the last byte of [da, da + bytes) through the MMU, each recorded as
    /// "da->identity+offset" or "da fault" ("+offset" instead of the da when <paramref name="relative"/>): unlike
    /// <see cref="Access"/> the identity keeps the offset into the page, so a buffer read from the wrong byte shows.
    /// </summary>
    public static List<string> AccessFirstAndLastByte(OmapMmu mmu, PhysicalIdentity identity, uint da, uint bytes, bool relative = false)
    {
        var seen = new List<string>(2);
        if (bytes == 0)
            return seen;
        foreach (uint off in new[] { 0u, bytes - 1 }.Distinct())
        {
            OmapMmuTranslation t = mmu.Translate(da + off);
            string at = relative ? $"+0x{off:x}" : $"0x{da + off:x8}";
            seen.Add(t.Outcome == OmapMmuOutcome.Fault ? $"{at} fault" : $"{at}->{PhysicalIdentity.Format(identity.Resolve(t.Pa))}");
        }
        return seen;
    }

    /// <summary>Names the pages of the vmalloc area behind iovmm area <paramref name="area"/> as buffer <paramref name="buffer"/>.</summary>
    public static void NameVmallocPages(KernelMemory kmem, PhysicalIdentity identity, int buffer, IovmArea area)
    {
        for (uint off = 0; off < area.Length; off += 0x1000)
            identity.Name(buffer, off >> 12, kmem.VmallocToPhys(area.Va + off));
    }

    /// <summary>Forgets the names of the vmalloc pages behind <paramref name="area"/>.</summary>
    public static void ForgetVmallocPages(KernelMemory kmem, PhysicalIdentity identity, IovmArea area)
    {
        for (uint off = 0; off < area.Length; off += 0x1000)
            identity.ForgetPage(kmem.VmallocToPhys(area.Va + off));
    }

    /// <summary>An sg table of <paramref name="entries"/> entries of <paramref name="entrySize"/> bytes, physically contiguous from <paramref name="pa"/>.</summary>
    public static SgTable ContiguousSg(uint pa, int entries, uint entrySize)
    {
        SgTable sgt = SgTable.Alloc(entries).Value!;
        for (int i = 0; i < entries; i++)
            sgt.Sgl[i].SetPage(pa + (uint)i * entrySize, entrySize, 0);
        return sgt;
    }
}
