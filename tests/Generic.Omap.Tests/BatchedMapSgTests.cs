using Generic.Iommu;
using Generic.Iommu.Dma;
using Migration.Kernel;

namespace Generic.Omap.Tests;

/// <summary>
/// iommu_map_sg and dma_map_sg / dma_unmap_sg over the batched OMAP ops: one pass over the list, map_pages per run,
/// one iotlb_sync_map at the end; the unmap gathered into one iotlb_sync.
/// </summary>
public class BatchedMapSgTests
{
    private static SgTable Pages(params uint[] pages)
    {
        var sgl = new Scatterlist[pages.Length];
        for (int i = 0; i < pages.Length; i++)
            sgl[i].SetPage(pages[i], 0x1000, 0);
        return SgTable.FromEntries(sgl);
    }

    [Fact]
    public void MapSg_ScatteredPagesAcrossAnL2TableBoundary_OneFlush()
    {
        var rig = new GenericOmapRig(batched: true);
        int flushes = rig.TlbFlushes;

        long ret = IommuApi.MapSg(rig.Domain, 0x400FE000, Pages(0x50009000, 0x50003000, 0x50007000, 0x50005000), 4, 0);

        Assert.Equal(0x4000L, ret);
        Assert.Equal(0x50009002u, rig.Pte(0x400FE000));
        Assert.Equal(0x50003002u, rig.Pte(0x400FF000));
        Assert.Equal(0x50007002u, rig.Pte(0x40100000));
        Assert.Equal(0x50005002u, rig.Pte(0x40101000));
        Assert.Equal(1, rig.TlbFlushes - flushes);
    }

    [Fact]
    public void MapSg_ContiguousEntriesMerge_IntoA64KPage()
    {
        var rig = new GenericOmapRig(batched: true);
        uint[] pages = Enumerable.Range(0, 16).Select(i => 0x50010000u + ((uint)i << 12)).ToArray();

        Assert.Equal(0x10000L, IommuApi.MapSg(rig.Domain, 0x40010000, Pages(pages), 16, 0));

        Assert.Equal(0x50010001u, rig.Pte(0x40010000)); // one 64K page, as __iommu_map_sg merges contiguous entries
        Assert.Equal(0x50010001u, rig.Pte(0x4001F000));
    }

    [Fact]
    public void MapSg_L2AllocationFailure_LeavesNothingMapped()
    {
        var rig = new GenericOmapRig(batched: true);
        rig.Isp.Instance.L2Cache.Faults.FailAt(2);

        long ret = IommuApi.MapSg(rig.Domain, 0x400FE000, Pages(0x50009000, 0x50003000, 0x50007000, 0x50005000), 4, 0);

        Assert.Equal(-12L, ret);
        Assert.True(rig.L1TableIsZero());
        Assert.Equal(0, rig.Isp.Instance.L2Cache.LiveObjects);
    }

    [Fact]
    public void DmaMapSg_OneFlushForTheMap_OneForTheUnmap_AddressesKeepOffsets()
    {
        var rig = new GenericOmapRig(batched: true);
        var iova = new IovaAllocator(0x1000, 0xFFFFF000);
        DmaApi.SetDmaOps(rig.IspClient, new IommuDmaOps(rig.Domain, iova, rig.Kmem, _ => 0));
        var sgl = new Scatterlist[3];
        sgl[0].SetPage(0x50009000, 0xF00, 0x100); // a USERPTR-style first entry at a page offset
        sgl[1].SetPage(0x50003000, 0x1000, 0);
        sgl[2].SetPage(0x50007000, 0x800, 0);
        SgTable sgt = SgTable.FromEntries(sgl);
        int flushes = rig.TlbFlushes;

        Assert.Equal(3, DmaApi.MapSg(rig.IspClient, sgt, DmaDataDirection.Bidirectional));

        uint da = sgt.Sgl[0].DmaAddress;
        Assert.Equal(0x100u, da & 0xFFF);
        Assert.Equal(da - 0x100 + 0x1000, sgt.Sgl[1].DmaAddress);
        Assert.Equal(da - 0x100 + 0x2000, sgt.Sgl[2].DmaAddress);
        Assert.Equal(0x50009100u, IommuApi.IovaToPhys(rig.Domain, da));
        Assert.Equal(0x50003000u, IommuApi.IovaToPhys(rig.Domain, sgt.Sgl[1].DmaAddress));
        Assert.Equal(0x500077FFu, IommuApi.IovaToPhys(rig.Domain, sgt.Sgl[2].DmaAddress + 0x7FF));
        Assert.Equal(1, rig.TlbFlushes - flushes);

        DmaApi.UnmapSg(rig.IspClient, sgt, DmaDataDirection.Bidirectional);

        Assert.Equal(2, rig.TlbFlushes - flushes);
        Assert.True(rig.L1TableIsZero());
        Assert.Equal(0, iova.AllocatedRanges);
    }
}
