using Legacy.Omap;
using Migration.Drivers.Omap;
using Migration.Kernel;

namespace Legacy.Omap3isp.Tests;

/// <summary>
/// The FPC part of ccdc_config (iommu_vmalloc, da_to_va, iommu_vfree of table_new and of table_old) and
/// omap3isp_ccdc_cleanup's iommu_vfree(fpcaddr), with the table_old quirk of omap.md §8.20.
/// </summary>
public class IspCcdcFpcTests
{
    private static (IspRig Rig, IspDevice Isp, uint User, byte[] Table) Setup(int fpnum = 16)
    {
        var rig = new IspRig();
        IspDevice isp = rig.Probe();
        uint u = rig.User.MmapAnonymous(0x2000);
        byte[] table = IspRig.Pattern(fpnum * 4, 11);
        rig.WriteUser(u, table);
        return (rig, isp, u, table);
    }

    [Fact]
    public void Enable_VmallocsFpnumTimesFour_CopiesTheUserTable_ProgramsFpcAddr()
    {
        var (rig, isp, u, table) = Setup();

        Assert.Equal(0, isp.Ccdc.FpcConfig(true, 16, u));

        Assert.Equal(0x1000u, isp.Ccdc.FpcAddr);
        Assert.True(isp.Ccdc.FpcEnabled);
        Assert.Equal(16u, isp.Ccdc.FpcNum);
        IovmArea area = Assert.Single(rig.Areas);
        Assert.Equal(0x1000u, area.DaStart);
        Assert.Equal(0x2000u, area.DaEnd); // PAGE_ALIGN(64); 64-byte alignment holds (page aligned)
        Assert.Equal(0x60000u, area.Flags);
        Assert.Equal(0x1000u, isp.Registers.CcdcFpcAddr);
        Assert.Equal(16u | IspCcdc.ISPCCDC_FPC_FPCEN, isp.Registers.CcdcFpc);
        for (int i = 0; i < table.Length; i++)
            Assert.Equal(table[i], rig.DeviceReadByte(0x1000 + (uint)i));
    }

    [Fact]
    public void Reconfigure_VfreesTheUserPointerNotThePreviousTable_WhichLeaks()
    {
        // omap.md §8.20: table_old = ccdc->fpc.fpcaddr after the user's struct was copied over ccdc->fpc, i.e. the
        // user pointer; iommu_vfree(user pointer) finds no ISP area, so the previous table is never freed.
        var (rig, isp, u, _) = Setup();
        Assert.Equal(0, isp.Ccdc.FpcConfig(true, 16, u));

        Assert.Equal(0, isp.Ccdc.FpcConfig(true, 16, u));

        Assert.Equal(0x3000u, isp.Ccdc.FpcAddr);
        Assert.Equal(0x3000u, isp.Registers.CcdcFpcAddr);
        Assert.Equal(new uint[] { 0x1000, 0x3000 }, rig.Areas.Select(a => a.DaStart));

        isp.Remove(); // omap3isp_ccdc_cleanup frees only fpcaddr (0x3000)

        IovmArea leaked = Assert.Single(rig.Areas);
        Assert.Equal(0x1000u, leaked.DaStart);
        Assert.NotEqual(0u, rig.Pte(0x1000));
    }

    [Fact]
    public void TableOld_IsTheUserPointer_AndFreesWhateverIspAreaContainsIt()
    {
        // When the user pointer happens to be a da inside another vmalloc area of the ISP MMU, iommu_vfree(table_old)
        // frees that area.
        var rig = new IspRig();
        IspDevice isp = rig.Probe();
        uint u = rig.User.MmapAnonymous(0x1000);
        uint other = Iovmm.Vmalloc(rig.Iommu, u, 0x1000, IovmFlags.IOVMF_DA_FIXED);
        Assert.Equal(u, other);

        Assert.Equal(0, isp.Ccdc.FpcConfig(true, 4, u));

        Assert.Null(Iovmm.FindIovmArea(rig.Iommu, other));
        Assert.Equal(0u, rig.Pte(other));
        Assert.Equal(0x1000u, Assert.Single(rig.Areas).DaStart);
    }

    [Fact]
    public void WhileStreaming_IsEbusy()
    {
        var (rig, isp, u, _) = Setup();
        Assert.Equal(0, isp.Ccdc.StreamOn());

        Assert.Equal(-Errno.EBUSY, isp.Ccdc.FpcConfig(true, 16, u));

        Assert.Empty(rig.Areas);
        Assert.Equal(0u, isp.Ccdc.FpcAddr);
    }

    [Fact]
    public void CopyFault_VfreesTheNewTable_FpcAddrKeepsTheUserPointer()
    {
        var (rig, isp, u, _) = Setup();
        Assert.Equal(0, isp.Ccdc.FpcConfig(true, 16, u));

        Assert.Equal(-Errno.EFAULT, isp.Ccdc.FpcConfig(true, 16, 0x30000000));

        // The new table (0x3000) is gone; ccdc->fpc holds the user's struct, so the first table is lost.
        Assert.Equal(0x1000u, Assert.Single(rig.Areas).DaStart);
        Assert.Equal(0x30000000u, isp.Ccdc.FpcAddr);
        Assert.Equal(0x1000u, isp.Registers.CcdcFpcAddr); // ccdc_configure_fpc was not reached

        // The next context restore (omap3isp_get → ccdc_configure_fpc) programs the user pointer as the FPC da.
        Assert.NotNull(isp.Get());
        Assert.Equal(0x30000000u, isp.Registers.CcdcFpcAddr);
        isp.Put();

        isp.Remove(); // iommu_vfree(0x30000000) finds nothing: the 0x1000 table leaks
        Assert.Equal(0x1000u, Assert.Single(rig.Areas).DaStart);
    }

    [Fact]
    public void FpnumZero_VmallocEinvalBecomesEnomem_AfterTheUserStructWasCopied()
    {
        var (rig, isp, u, _) = Setup();

        Assert.Equal(-Errno.ENOMEM, isp.Ccdc.FpcConfig(true, 0, u));

        Assert.Empty(rig.Areas);
        Assert.True(isp.Ccdc.FpcEnabled);
        Assert.Equal(u, isp.Ccdc.FpcAddr);
        Assert.Equal(0u, isp.Registers.CcdcFpc);
    }

    [Fact]
    public void VmallocFailure_IsEnomem()
    {
        var (rig, isp, u, _) = Setup();
        rig.Kmem.VmallocFaults.FailAt(1);

        Assert.Equal(-Errno.ENOMEM, isp.Ccdc.FpcConfig(true, 16, u));
        Assert.Empty(rig.Areas);
    }

    [Fact]
    public void Disable_ClearsFpcenButKeepsTheTable_CleanupFreesIt()
    {
        var (rig, isp, u, _) = Setup();
        Assert.Equal(0, isp.Ccdc.FpcConfig(true, 16, u));

        Assert.Equal(0, isp.Ccdc.FpcConfig(false, 0, 0));

        Assert.False(isp.Ccdc.FpcEnabled);
        Assert.Equal(0x1000u, isp.Ccdc.FpcAddr);
        Assert.Equal(16u, isp.Registers.CcdcFpc); // FPCEN cleared, FPNUM left
        Assert.Single(rig.Areas);

        isp.Remove();

        Assert.Empty(rig.Areas);
        Assert.Empty(rig.NonZeroL1Indices());
    }

    [Fact]
    public void Cleanup_WithoutAnFpcTable_VfreesNothing()
    {
        var (rig, isp, _, _) = Setup();
        Assert.Equal(0, isp.Ccdc.LscConfig(0x1000));
        Assert.Equal(0, isp.Ccdc.StreamOn());
        Assert.Equal(0, isp.Ccdc.StreamOff());

        isp.Remove();

        Assert.Empty(rig.Areas);
        Assert.Equal(0u, isp.Ccdc.FpcAddr);
    }
}
