using Generic.Iommu;

namespace Generic.Omap.Tests;

/// <summary>
/// map_pages of the batched OMAP ops under iommu_map (omap.md §3.2, §3.3, §3.5, §7.3): the descriptors 3.3's
/// omap_iommu_map would write page by page, written as runs, with one TLB flush (iotlb_sync_map) per call.
/// </summary>
public class BatchedMapTests
{
    [Fact]
    public void FourKRun_AcrossAnL2TableBoundary_WritesEachPteAndOneFlush()
    {
        var rig = new GenericOmapRig(batched: true);
        long words = rig.Soc.Memory.WordsWritten;
        int flushes = rig.TlbFlushes;

        // iova and pa differ at bit 12: only 4K pages; [0x400FE000, 0x40102000) spans two 1M regions.
        Assert.Equal(0, IommuApi.Map(rig.Domain, 0x400FE000, 0x50001000, 0x4000, 0));

        Assert.Equal(0x50001002u, rig.Pte(0x400FE000));
        Assert.Equal(0x50002002u, rig.Pte(0x400FF000));
        Assert.Equal(0x50003002u, rig.Pte(0x40100000));
        Assert.Equal(0x50004002u, rig.Pte(0x40101000));
        Assert.Equal(0u, rig.Pte(0x400FD000));
        Assert.Equal(0u, rig.Pte(0x40102000));
        Assert.Equal(1u, rig.Pgd(0x400FE000) & 3); // L2 table pointers
        Assert.Equal(1u, rig.Pgd(0x40100000) & 3);
        Assert.Equal(1, rig.TlbFlushes - flushes);
        Assert.Equal(6, rig.Soc.Memory.WordsWritten - words); // 4 PTEs + 2 L1 pointers, as 3.3 writes
        Assert.Equal(0x50003ABCu, IommuApi.IovaToPhys(rig.Domain, 0x40100ABC));
    }

    [Theory]
    [InlineData(0x40010000u, 0x50010000u, 0x00020000u, false, 0x50010001u, 16, 0x00010000u)] // 64K: 16 identical PTEs per page
    [InlineData(0x40100000u, 0x50100000u, 0x00300000u, true, 0x50100002u, 1, 0x00100000u)]   // 1M: consecutive sections
    [InlineData(0x41000000u, 0x52000000u, 0x02000000u, true, 0x52040002u, 16, 0x01000000u)]  // 16M: 16 identical L1 entries per page
    public void LargerPageRun_WritesEveryReplicaOfEveryPage_OneFlush(uint iova, uint pa, uint size, bool level1, uint first, int replicas, uint pgsize)
    {
        var rig = new GenericOmapRig(batched: true);
        int flushes = rig.TlbFlushes;

        Assert.Equal(0, IommuApi.Map(rig.Domain, iova, pa, size, 0));

        uint entrySpan = pgsize / (uint)replicas; // what one L1 entry or PTE covers
        Func<uint, uint> entry = level1 ? rig.Pgd : rig.Pte;
        for (uint page = 0; page < size / pgsize; page++)
        {
            for (uint r = 0; r < replicas; r++)
                Assert.Equal(first + page * pgsize, entry(iova + page * pgsize + r * entrySpan));
        }
        Assert.Equal(0u, entry(iova - entrySpan));
        Assert.Equal(0u, entry(iova + size));
        Assert.Equal(1, rig.TlbFlushes - flushes);
        Assert.Equal(pa + size - 1, IommuApi.IovaToPhys(rig.Domain, iova + size - 1));
    }

    [Theory]
    [InlineData(0x40000000u, 0x50000000u, 0x01111000u, 0)]    // 16M + 1M + 64K + 4K (generic.md §5.2 staircase)
    [InlineData(0x400FF000u, 0x500FF000u, 0x00212000u, 0)]    // 4K up to 1M, sections, then 64K and 4K
    [InlineData(0x40000000u, 0x50000000u, 0x00001000u, 3)]    // prot 3 turns 4K into a 16M supersection (§7.3)
    [InlineData(0x40001000u, 0x50001000u, 0x00001000u, 3)]    // ... rejected with -EINVAL at a 4K-aligned da
    [InlineData(0x40000000u, 0x50000000u, 0x00010000u, 0x240)] // MIXED | big-endian attribute bits (§3.4)
    public void BatchedMap_GivesSameTablesAndResultAs33(uint iova, uint pa, uint size, int prot)
    {
        var perPage = new GenericOmapRig();
        var batched = new GenericOmapRig(batched: true);

        int expected = IommuApi.Map(perPage.Domain, iova, pa, size, prot);

        Assert.Equal(expected, IommuApi.Map(batched.Domain, iova, pa, size, prot));
        Assert.Equal(perPage.Tables(), batched.Tables());
    }

    [Fact]
    public void MapPages_FailingL2Allocation_ReportsTheBytesWrittenBeforeIt()
    {
        var rig = new GenericOmapRig(batched: true);
        rig.Isp.Instance.L2Cache.Faults.FailAt(2); // the second table: the one for 0x40100000

        int ret = rig.Driver.PagesOps.MapPages(rig.Domain, 0x400FF000, 0x50001000, 0x1000, 3, 0, out uint mapped);

        Assert.Equal(-12, ret);
        Assert.Equal(0x1000u, mapped);
        Assert.Equal(0x50001002u, rig.Pte(0x400FF000)); // the core's rollback unmaps it, not map_pages
        Assert.Equal(0u, rig.Pgd(0x40100000));
    }

    [Fact]
    public void MapPages_MisalignedLargePage_InstallsTheTableAndReturnsEinval()
    {
        var rig = new GenericOmapRig(batched: true);

        // iopte_alloc_large obtains the table before the alignment check (§8.5).
        Assert.Equal(-22, rig.Driver.PagesOps.MapPages(rig.Domain, 0x40001000, 0x50000000, 0x10000, 1, 0, out uint mapped));

        Assert.Equal(0u, mapped);
        Assert.Equal(1u, rig.Pgd(0x40000000) & 3);
        Assert.Equal(0u, rig.Pte(0x40000000));
    }
}
