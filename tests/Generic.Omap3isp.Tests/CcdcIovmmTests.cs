using Migration.Kernel;

namespace Generic.Omap3isp.Tests;

/// <summary>
/// The ispccdc.c call sites on 3.3 iovmm: ccdc_lsc_config (omap_iommu_vmalloc, omap_find_iovm_area, omap_da_to_va),
/// ccdc_lsc_free_request (omap_iommu_vfree), ccdc_config's FPC table (vmalloc, da_to_va, vfree of table_new and of
/// table_old with the §8.20 quirk), omap3isp_ccdc_cleanup (vfree of fpcaddr) — omap.md §6.1, §6.2, §8.17, §8.20.
/// </summary>
public class CcdcIovmmTests
{
    [Fact]
    public void LscConfig_VmallocsTheTable_At0x1000_FindsItsArea_CopiesTheGainTableThroughDaToVa()
    {
        var rig = new IspRig();
        int calls = rig.Isp.Memory.Calls.Count;

        Assert.Equal(0, rig.Isp.Ccdc.LscConfig(0x1800));

        IspLscRequest req = rig.Isp.Ccdc.LscRequest!;
        Assert.Equal(0x1000u, req.Table);
        Assert.Equal(rig.Areas[0].Va, req.KernelAddress);
        Assert.Same(rig.Areas[0], req.Iovm);
        Assert.Equal(0x60000u, rig.Areas[0].Flags); // IOVMF_DISCONT | IOVMF_ALLOC
        Assert.Equal(0x3000u, rig.Areas[0].DaEnd); // PAGE_ALIGN(0x1800)
        Assert.Equal(
            [("omap_iommu_vmalloc", 0x1000u, 0x1000u), ("omap_find_iovm_area", 0x1000u, 1u), ("dma_map_sg", 0u, 2u), ("omap_da_to_va", 0x1000u, req.KernelAddress)],
            rig.Isp.Memory.Calls.Skip(calls).Select(c => (c.Callee, c.Da, c.Result)));
        Assert.All(rig.Isp.Memory.Calls.Skip(calls), c => Assert.Equal("ccdc_lsc_config", c.Caller));
        Assert.Equal(0u, rig.Isp.Ccdc.LscTableDa); // not applied before the stream starts
        // What the CCDC will read through its MMU is the copied gain table.
        Assert.Equal(IspCcdc.DefaultGainTableByte(0x17FF), rig.ReadPhysByte(rig.DeviceAccess(0x27FF)));
        Assert.Equal(IspCcdc.DefaultGainTableByte(0x234), rig.ReadPhysByte(rig.DeviceAccess(0x1234)));
    }

    [Fact]
    public void LscConfig_Errors_AreEnomem_AndLeaveNothing()
    {
        var rig = new IspRig();

        Assert.Equal(-Errno.ENOMEM, rig.Isp.Ccdc.LscConfig(0)); // omap_iommu_vmalloc(0) is -EINVAL
        Assert.Equal(IspRig.EINVAL_U32, rig.Isp.Memory.Calls[^1].Result);
        rig.Kmem.VmallocFaults.FailAt(1);
        Assert.Equal(-Errno.ENOMEM, rig.Isp.Ccdc.LscConfig(0x1000));
        rig.Kmem.KzallocFaults.FailAt(1);
        Assert.Equal(-Errno.ENOMEM, rig.Isp.Ccdc.LscConfig(0x1000)); // kzalloc of the request

        Assert.Null(rig.Isp.Ccdc.LscRequest);
        Assert.Empty(rig.Areas);
        Assert.DoesNotContain(rig.Isp.Memory.Calls, c => c.Callee == "omap_iommu_vfree"); // req->table stayed 0
    }

    [Fact]
    public void LscRequests_Supersede_Apply_AndAreFreedByTheWorkqueue_StreamOffAndCleanup()
    {
        var rig = new IspRig();
        IspCcdc ccdc = rig.Isp.Ccdc;
        Assert.Equal(0, ccdc.LscConfig(0x1000)); // 0x1000
        Assert.Equal(0, ccdc.LscConfig(0x1000)); // 0x3000; the first is superseded
        Assert.Equal(0x1000u, Assert.Single(ccdc.LscFreeQueue).Table);
        Assert.True(ccdc.LscWorkPending);
        Assert.Equal(2, rig.Areas.Count); // the free work has not run yet

        ccdc.FlushFreeQueue();
        Assert.Equal(
            [("ccdc_lsc_free_request", "dma_unmap_sg", 0u), ("ccdc_lsc_free_request", "omap_iommu_vfree", 0x1000u)],
            rig.Isp.Memory.Calls.TakeLast(2).Select(c => (c.Caller, c.Callee, c.Da)));
        Assert.False(ccdc.LscWorkPending);
        Assert.Equal([0x3000u], rig.Areas.Select(a => a.DaStart));

        Assert.Equal(0, ccdc.StreamOn());
        Assert.Equal(0x3000u, ccdc.LscTableDa);
        Assert.Equal(0x3000u, rig.Isp.Registers.CcdcLscTableBase);
        Assert.Null(ccdc.LscRequest);

        // While streaming a new request waits (the LSC interrupt that would take it is not modelled).
        Assert.Equal(0, ccdc.LscConfig(0x1000)); // the hole at 0x1000 is reused
        Assert.Equal(0x1000u, ccdc.LscRequest!.Table);
        Assert.Equal(0x3000u, ccdc.LscTableDa);
        Assert.Equal(-Errno.EBUSY, ccdc.FpcConfig(true, 1, 0)); // FPC only while stopped

        Assert.Equal(0, ccdc.StreamOff()); // ccdc_disable: the pending request freed, the active one pending again
        Assert.Equal(("ccdc_lsc_free_request", "omap_iommu_vfree", 0x1000u), (rig.Isp.Memory.Calls[^1].Caller, rig.Isp.Memory.Calls[^1].Callee, rig.Isp.Memory.Calls[^1].Da));
        Assert.Equal(0u, ccdc.LscTableDa);
        Assert.Equal(0x3000u, ccdc.LscRequest!.Table);
        Assert.Empty(ccdc.LscFreeQueue);
        Assert.Equal([0x3000u], rig.Areas.Select(a => a.DaStart));

        Assert.Equal(0, ccdc.StreamOn());
        Assert.Equal(0x3000u, ccdc.LscTableDa);
        Assert.Equal(0, ccdc.StreamOff());

        ccdc.Cleanup();
        Assert.Empty(rig.Areas);
        Assert.True(rig.L1IsZero());
    }

    [Fact]
    public void LscConfig_FromAUserTable_CopiesIt_AndAFaultIsEfault_WithTheTableFreed()
    {
        var rig = new IspRig();
        uint user = FpcUserTable(rig, 0x400); // 4 KiB of application data

        Assert.Equal(0, rig.Isp.Ccdc.LscConfig(0x1000, user));
        Assert.Equal(UserByte(0x123), rig.ReadPhysByte(rig.DeviceAccess(0x1123)));

        Assert.Equal(-Errno.EFAULT, rig.Isp.Ccdc.LscConfig(0x1000, 0x30000000));
        Assert.Equal(("ccdc_lsc_free_request", "omap_iommu_vfree", 0x3000u), (rig.Isp.Memory.Calls[^1].Caller, rig.Isp.Memory.Calls[^1].Callee, rig.Isp.Memory.Calls[^1].Da));
        Assert.Equal([0x1000u], rig.Areas.Select(a => a.DaStart));
        Assert.Equal(0x1000u, rig.Isp.Ccdc.LscRequest!.Table);
    }

    [Fact]
    public void FpcConfig_CopiesTheUsersTable_ProgramsItsDa_AndFreesTheUserPointerAsTableOld()
    {
        var rig = new IspRig();
        uint user = FpcUserTable(rig, 16);
        int calls = rig.Isp.Memory.Calls.Count;

        Assert.Equal(0, rig.Isp.Ccdc.FpcConfig(true, 16, user));

        Assert.Equal(0x1000u, rig.Isp.Ccdc.FpcAddr);
        Assert.Equal(0x1000u, rig.Isp.Registers.CcdcFpcAddr);
        Assert.Equal(16u | IspCcdc.ISPCCDC_FPC_FPCEN, rig.Isp.Registers.CcdcFpc);
        Assert.Equal(
            [("omap_iommu_vmalloc", 0x1000u), ("omap_da_to_va", 0x1000u), ("omap_iommu_vfree", user)],
            rig.Isp.Memory.Calls.Skip(calls).Select(c => (c.Callee, c.Da)));
        Assert.All(rig.Isp.Memory.Calls.Skip(calls), c => Assert.Equal("ccdc_config", c.Caller));
        for (uint i = 0; i < 64; i += 7)
            Assert.Equal(UserByte(i), rig.ReadPhysByte(rig.DeviceAccess(0x1000 + i)));
        Assert.Single(rig.Areas); // vfree(user pointer) found nothing
    }

    [Fact]
    public void FpcConfig_Twice_LeaksThePreviousTable_DisableKeepsTheCurrentOne_CleanupFreesIt()
    {
        var rig = new IspRig();
        uint user = FpcUserTable(rig, 16);
        Assert.Equal(0, rig.Isp.Ccdc.FpcConfig(true, 16, user));

        Assert.Equal(0, rig.Isp.Ccdc.FpcConfig(true, 16, user));

        // omap.md §8.20: table_old is the user pointer, so the table at 0x1000 is never freed.
        Assert.Equal(0x3000u, rig.Isp.Ccdc.FpcAddr);
        Assert.Equal([0x1000u, 0x3000u], rig.Areas.Select(a => a.DaStart));

        Assert.Equal(0, rig.Isp.Ccdc.FpcConfig(false, 0, 0));
        Assert.False(rig.Isp.Ccdc.FpcEnabled);
        Assert.Equal(16u, rig.Isp.Registers.CcdcFpc); // FPCEN cleared
        Assert.Equal(0x3000u, rig.Isp.Ccdc.FpcAddr);
        Assert.Equal(2, rig.Areas.Count);

        rig.Isp.Ccdc.Cleanup();
        Assert.Equal(("omap3isp_ccdc_cleanup", "omap_iommu_vfree", 0x3000u), (rig.Isp.Memory.Calls[^1].Caller, rig.Isp.Memory.Calls[^1].Callee, rig.Isp.Memory.Calls[^1].Da));
        Assert.Equal([0x1000u], rig.Areas.Select(a => a.DaStart)); // the leak stays
    }

    [Fact]
    public void FpcConfig_CopyFault_FreesTheNewTable_Efault_AndFpcaddrHoldsTheUserPointer()
    {
        var rig = new IspRig();
        uint user = FpcUserTable(rig, 16);
        Assert.Equal(0, rig.Isp.Ccdc.FpcConfig(true, 16, user));
        const uint bad = 0x30000000; // no user mapping there

        Assert.Equal(-Errno.EFAULT, rig.Isp.Ccdc.FpcConfig(true, 4, bad));

        Assert.Equal(
            [("omap_iommu_vmalloc", 0x3000u), ("omap_da_to_va", 0x3000u), ("omap_iommu_vfree", 0x3000u)],
            rig.Isp.Memory.Calls.TakeLast(3).Select(c => (c.Callee, c.Da)));
        Assert.Equal(bad, rig.Isp.Ccdc.FpcAddr); // the copied user struct overwrote ccdc->fpc
        Assert.Equal(4u, rig.Isp.Ccdc.FpcNum);
        Assert.Equal(0x1000u, rig.Isp.Registers.CcdcFpcAddr); // not reprogrammed
        Assert.Equal([0x1000u], rig.Areas.Select(a => a.DaStart)); // the programmed table is orphaned

        rig.Isp.Ccdc.Cleanup(); // omap_iommu_vfree(bad): not 4K aligned? it is, but no area contains it
        Assert.Equal(("omap_iommu_vfree", bad), (rig.Isp.Memory.Calls[^1].Callee, rig.Isp.Memory.Calls[^1].Da));
        Assert.Single(rig.Areas);
    }

    [Fact]
    public void FpcConfig_ZeroPixels_IsEnomem_AndStreaming_IsEbusy()
    {
        var rig = new IspRig();

        Assert.Equal(-Errno.ENOMEM, rig.Isp.Ccdc.FpcConfig(true, 0, 0)); // omap_iommu_vmalloc(0) is -EINVAL
        Assert.Equal(0, rig.Isp.Ccdc.StreamOn());
        Assert.Equal(-Errno.EBUSY, rig.Isp.Ccdc.FpcConfig(false, 0, 0));
        Assert.Empty(rig.Areas);
    }

    internal static byte UserByte(uint i) => unchecked((byte)(0x30 + i));

    // An application FPC table of fpnum × 4 bytes in anonymous user memory.
    internal static uint FpcUserTable(IspRig rig, uint fpnum)
    {
        uint user = rig.UserBuffer(fpnum * 4);
        var data = new byte[0x1000];
        for (uint off = 0; off < fpnum * 4; off += 0x1000)
        {
            for (uint i = 0; i < data.Length; i++)
                data[i] = UserByte(off + i);
            rig.Platform.Soc.Memory.WriteBytes(rig.UserPage(user + off), data);
        }
        return user;
    }
}
