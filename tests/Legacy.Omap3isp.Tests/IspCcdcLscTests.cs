using Legacy.Omap;
using Migration.Drivers.Omap;
using Migration.Kernel;

namespace Legacy.Omap3isp.Tests;

/// <summary>
/// ccdc_lsc_config (iommu_vmalloc, find_iovm_area, da_to_va) and ccdc_lsc_free_request's iommu_vfree from
/// each of its four callers (omap.md §6.1).
/// </summary>
public class IspCcdcLscTests
{
    private static (IspRig Rig, IspDevice Isp) Setup()
    {
        var rig = new IspRig();
        return (rig, rig.Probe());
    }

    [Fact]
    public void LscConfig_VmallocsTheTable_FindsItsAreaAndCopiesTheGainTableTheDeviceThenReads()
    {
        var (rig, isp) = Setup();

        Assert.Equal(0, isp.Ccdc.LscConfig(0x1800));

        IspLscRequest req = isp.Ccdc.LscRequest!;
        Assert.Equal(0x1000u, req.Table);
        IovmArea area = rig.Area(0x1000);
        Assert.Same(area, req.Iovm);
        Assert.Equal(0x3000u, area.DaEnd); // PAGE_ALIGN(0x1800)
        Assert.Equal(0x60000u, area.Flags); // IOVMF_DISCONT | IOVMF_ALLOC
        Assert.Equal(area.Va, req.KernelAddress);
        Assert.Equal(rig.Kmem.VmallocToPhys(area.Va) | 0x2, rig.Pte(0x1000));
        Assert.Equal(rig.Kmem.VmallocToPhys(area.Va + 0x1000) | 0x2, rig.Pte(0x2000));
        Assert.Equal(area.Sgt!.Sgl[1].Phys, area.Sgt.Sgl[1].DmaAddress); // dma_map_sg(DMA_TO_DEVICE)
        foreach (uint off in new uint[] { 0, 1, 0xFFF, 0x1000, 0x17FF })
            Assert.Equal(IspCcdc.DefaultGainTableByte(off), rig.DeviceReadByte(0x1000 + off));
        // Not applied before the CCDC streams.
        Assert.Equal(0u, isp.Ccdc.LscTableDa);
        Assert.Equal(0u, isp.Registers.CcdcLscTableBase);
    }

    [Fact]
    public void LscConfig_FromUserMemory_TheDeviceSeesTheApplicationsTable()
    {
        var (rig, isp) = Setup();
        uint u = rig.User.MmapAnonymous(0x2000);
        byte[] table = IspRig.Pattern(0x1400, 3);
        rig.WriteUser(u, table);

        Assert.Equal(0, isp.Ccdc.LscConfig(0x1400, u));

        uint da = isp.Ccdc.LscRequest!.Table;
        for (int i = 0; i < table.Length; i += 0x3F)
            Assert.Equal(table[i], rig.DeviceReadByte(da + (uint)i));
    }

    [Fact]
    public void LscConfig_DaToVaOfAnInteriorDa_IsTheAreaStart()
    {
        // omap.md §8.17: da_to_va returns the area's start va, not va + (da - da_start).
        var (rig, isp) = Setup();
        Assert.Equal(0, isp.Ccdc.LscConfig(0x3000));
        IspLscRequest req = isp.Ccdc.LscRequest!;

        Assert.Equal(req.KernelAddress, Iovmm.DaToVa(rig.Iommu, req.Table + 0x2000));
    }

    [Fact]
    public void StreamOn_AppliesThePendingRequest_ToLscTableBase()
    {
        var (_, isp) = Setup();
        Assert.Equal(0, isp.Ccdc.LscConfig(0x1000));

        Assert.Equal(0, isp.Ccdc.StreamOn());

        Assert.Equal(0x1000u, isp.Ccdc.LscTableDa);
        Assert.Equal(0x1000u, isp.Registers.CcdcLscTableBase);
        Assert.Null(isp.Ccdc.LscRequest);
    }

    [Fact]
    public void LscConfig_SizeZero_VmallocEinvalBecomesEnomem()
    {
        var (rig, isp) = Setup();

        Assert.Equal(-Errno.ENOMEM, isp.Ccdc.LscConfig(0));

        Assert.Null(isp.Ccdc.LscRequest);
        Assert.Empty(rig.Areas);
    }

    [Fact]
    public void LscConfig_VmallocFailure_IsEnomem()
    {
        var (rig, isp) = Setup();
        rig.Kmem.VmallocFaults.FailAt(1);

        Assert.Equal(-Errno.ENOMEM, isp.Ccdc.LscConfig(0x1000));
        Assert.Empty(rig.Areas);
    }

    [Fact]
    public void LscConfig_CopyFault_FreesTheNewTable_AndKeepsThePendingRequest()
    {
        // ccdc_lsc_config error path → ccdc_lsc_free_request → iommu_vfree(req->table).
        var (rig, isp) = Setup();
        Assert.Equal(0, isp.Ccdc.LscConfig(0x1000));
        IspLscRequest pending = isp.Ccdc.LscRequest!;

        Assert.Equal(-Errno.EFAULT, isp.Ccdc.LscConfig(0x1000, 0x30000000));

        Assert.Same(pending, isp.Ccdc.LscRequest);
        IovmArea only = Assert.Single(rig.Areas);
        Assert.Equal(0x1000u, only.DaStart);
        Assert.Equal(0u, rig.Pte(0x3000));
        Assert.Empty(isp.Ccdc.LscFreeQueue);
    }

    [Fact]
    public void SupersededRequest_WaitsOnTheFreeQueue_UntilTheWorkRuns()
    {
        var (rig, isp) = Setup();
        Assert.Equal(0, isp.Ccdc.LscConfig(0x1000));
        Assert.Equal(0, isp.Ccdc.LscConfig(0x1000));

        Assert.Equal(0x3000u, isp.Ccdc.LscRequest!.Table);
        IspLscRequest old = Assert.Single(isp.Ccdc.LscFreeQueue);
        Assert.Equal(0x1000u, old.Table);
        Assert.True(isp.Ccdc.LscWorkPending);
        Assert.Equal(2, rig.Areas.Count);

        isp.Ccdc.FlushFreeQueue(); // ccdc_lsc_free_table_work

        Assert.Empty(isp.Ccdc.LscFreeQueue);
        Assert.False(isp.Ccdc.LscWorkPending);
        IovmArea left = Assert.Single(rig.Areas);
        Assert.Equal(0x3000u, left.DaStart);
        Assert.Equal(0u, rig.Pte(0x1000));
    }

    [Fact]
    public void StreamOff_FreesThePendingRequestAndTheFreeQueue_TheActiveOneBecomesPending()
    {
        // ccdc_disable: ccdc_lsc_free_request(request); request = active; free queue flushed.
        var (rig, isp) = Setup();
        Assert.Equal(0, isp.Ccdc.LscConfig(0x1000)); // A @0x1000
        Assert.Equal(0, isp.Ccdc.StreamOn());         // A active
        Assert.Equal(0, isp.Ccdc.LscConfig(0x1000)); // B @0x3000 pending
        Assert.Equal(0, isp.Ccdc.LscConfig(0x1000)); // C @0x5000 pending, B → free queue

        Assert.Equal(0, isp.Ccdc.StreamOff());

        Assert.Equal(0x1000u, isp.Ccdc.LscRequest!.Table);
        Assert.Null(isp.Ccdc.LscActive);
        Assert.Equal(0u, isp.Ccdc.LscTableDa);
        Assert.Empty(isp.Ccdc.LscFreeQueue);
        IovmArea left = Assert.Single(rig.Areas);
        Assert.Equal(0x1000u, left.DaStart);

        Assert.Equal(0, isp.Ccdc.StreamOn()); // the kept request is applied again
        Assert.Equal(0x1000u, isp.Registers.CcdcLscTableBase);
    }

    [Fact]
    public void Cleanup_FreesThePendingRequestAndTheFreeQueue()
    {
        var (rig, isp) = Setup();
        Assert.Equal(0, isp.Ccdc.LscConfig(0x1000));
        Assert.Equal(0, isp.Ccdc.LscConfig(0x2000));
        Assert.Equal(2, rig.Areas.Count);

        isp.Remove(); // isp_cleanup_modules → omap3isp_ccdc_cleanup

        Assert.Empty(rig.Areas);
        Assert.Empty(rig.NonZeroL1Indices());
    }
}
