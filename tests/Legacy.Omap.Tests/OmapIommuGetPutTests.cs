using Migration.Drivers.Omap;
using Migration.Hardware.Omap;
using Migration.Kernel;
using static Migration.Hardware.Omap.OmapMmuRegisters;

namespace Legacy.Omap.Tests;

/// <summary>iommu_get / iommu_put (omap.md §2.6, §4.6, §8.19).</summary>
public class OmapIommuGetPutTests
{
    [Fact]
    public void Get_UnknownName_ReturnsErrPtrEnodev()
    {
        var rig = new LegacyOmapRig(getIsp: false);

        ErrPtr<OmapIommu> got = OmapIommu.Get(rig.Driver, "camera");

        Assert.True(got.IsErr);
        Assert.Equal(-19, got.PtrErr);
        Assert.Null(got.Value);
    }

    [Fact]
    public void Get_FirstUser_EnablesWithTableWalkerAndTtb()
    {
        var rig = new LegacyOmapRig(getIsp: false);
        Assert.Equal(0u, rig.Reg(MMU_CNTL));

        ErrPtr<OmapIommu> got = OmapIommu.Get(rig.Driver, "isp");

        Assert.False(got.IsErrOrNull);
        Assert.Same(rig.Isp, got.Value);
        Assert.Equal(1u, rig.Isp.Refcount);
        Assert.Equal(0x6u, rig.Reg(MMU_CNTL)); // MMU_EN | TWL_EN
        Assert.Equal(rig.Isp.Instance.Iopgd, rig.Reg(MMU_TTB));
        Assert.Equal(0x1Eu, rig.Reg(MMU_IRQENABLE));
        Assert.Equal(0x11u, rig.Reg(MMU_SYSCONFIG)); // smart-idle | autoidle
        Assert.Equal(0u, rig.Reg(MMU_LOCK)); // flush_iotlb_all: LOCK = 0
        Assert.True(rig.IspMmu.IsEnabled);
        Assert.True(rig.IspMmu.TableWalkerEnabled);
    }

    [Fact]
    public void Get_FirstUser_StartsWithAnEmptyTlbAndLockZero()
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(2, out _);
        uint da = Iovmm.Vmap(rig.Isp, 0, sgt, 0);
        Assert.Equal(OmapMmuOutcome.Walked, rig.IspMmu.Translate(da).Outcome);
        Assert.Equal(OmapMmuOutcome.Walked, rig.IspMmu.Translate(da + 0x1000).Outcome);
        Assert.False(rig.TlbEmpty());
        // A preserved entry raises LOCK.BASE to 1.
        var cr = new CrRegs(0x00400000 | MMU_CAM_V | MMU_CAM_PGSZ_4K, 0x80000000);
        IotlbEntry e = OmapIommu.IotlbCrToE(rig.Isp, cr);
        e.Prsvd = MMU_CAM_P;
        Assert.Equal(0, OmapIommu.LoadIotlbEntry(rig.Isp, e));
        Assert.Equal(1u, (rig.Reg(MMU_LOCK) & MMU_LOCK_BASE_MASK) >> MMU_LOCK_BASE_SHIFT);

        OmapIommu.Put(rig.Isp);
        ErrPtr<OmapIommu> again = OmapIommu.Get(rig.Driver, "isp");

        Assert.False(again.IsErrOrNull);
        Assert.True(rig.TlbEmpty());
        Assert.Equal(0u, rig.Reg(MMU_LOCK));
    }

    [Fact]
    public void Get_Twice_CountsUsers_AndOnlyTheLastPutDisables()
    {
        var rig = new LegacyOmapRig();

        ErrPtr<OmapIommu> second = OmapIommu.Get(rig.Driver, "isp");
        Assert.Same(rig.Isp, second.Value);
        Assert.Equal(2u, rig.Isp.Refcount);

        OmapIommu.Put(second);
        Assert.Equal(1u, rig.Isp.Refcount);
        Assert.Equal(0x6u, rig.Reg(MMU_CNTL));
        Assert.Equal(0x11u, rig.Reg(MMU_SYSCONFIG));

        OmapIommu.Put(rig.Isp);
        Assert.Equal(0u, rig.Isp.Refcount);
        Assert.Equal(0u, rig.Reg(MMU_CNTL) & 0xE);
        Assert.Equal(0u, rig.Reg(MMU_SYSCONFIG)); // force-idle
        Assert.False(rig.IspMmu.IsEnabled);
    }

    [Fact]
    public void Get_SecondUser_DoesNotResetTheMmu()
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(1, out _);
        uint da = Iovmm.Vmap(rig.Isp, 0, sgt, 0);
        Assert.Equal(OmapMmuOutcome.Walked, rig.IspMmu.Translate(da).Outcome);

        _ = OmapIommu.Get(rig.Driver, "isp");

        Assert.Equal(2u, rig.Isp.Refcount);
        Assert.Equal(OmapMmuOutcome.TlbHit, rig.IspMmu.Translate(da).Outcome); // no soft reset, no flush
    }

    [Fact]
    public void Put_ErrorOrNullPointer_IsANoOp()
    {
        var rig = new LegacyOmapRig();

        OmapIommu.Put(ErrPtr<OmapIommu>.Error(-19));
        OmapIommu.Put(ErrPtr<OmapIommu>.Null);
        OmapIommu.Put(OmapIommu.Get(rig.Driver, "nonexistent"));

        Assert.Equal(1u, rig.Isp.Refcount);
        Assert.Equal(0x6u, rig.Reg(MMU_CNTL));
        Assert.Equal(0x11u, rig.Reg(MMU_SYSCONFIG));
    }

    [Fact]
    public void Get_WhenResetNeverCompletes_ReturnsEnodevAndLeavesRefcountZero()
    {
        var rig = new LegacyOmapRig(getIsp: false);
        rig.IspMmu.ResetHangs = true;

        ErrPtr<OmapIommu> got = OmapIommu.Get(rig.Driver, "isp");

        Assert.True(got.IsErr);
        Assert.Equal(-19, got.PtrErr);
        Assert.Equal(0u, rig.Isp.Refcount);
        Assert.False(rig.IspMmu.IsEnabled);
        Assert.Equal(0, rig.IspMmu.Clock.EnableCount);
    }

    [Fact]
    public void Get_AfterAFailedEnable_EnablesOnceTheResetWorksAgain()
    {
        var rig = new LegacyOmapRig(getIsp: false);
        rig.IspMmu.ResetHangs = true;
        Assert.True(OmapIommu.Get(rig.Driver, "isp").IsErr);

        rig.IspMmu.ResetHangs = false;
        ErrPtr<OmapIommu> got = OmapIommu.Get(rig.Driver, "isp");

        Assert.False(got.IsErrOrNull);
        Assert.Equal(1u, rig.Isp.Refcount);
        Assert.Equal(0x6u, rig.Reg(MMU_CNTL));
    }

    [Fact]
    public void Get_SecondUser_DoesNotRunTheEnableSequence()
    {
        var rig = new LegacyOmapRig();
        rig.IspMmu.ResetHangs = true; // would make an enable fail

        ErrPtr<OmapIommu> got = OmapIommu.Get(rig.Driver, "isp");

        Assert.False(got.IsErrOrNull);
        Assert.Equal(2u, rig.Isp.Refcount);
    }

    [Fact]
    public void MappingsAndAreas_SurvivePutAndGet()
    {
        var rig = new LegacyOmapRig();
        SgTable sgt = rig.SgOfPages(1, out uint[] pages);
        uint da = Iovmm.Vmap(rig.Isp, 0, sgt, 0);
        Assert.Equal(0x1000u, da);
        uint vmalloced = Iovmm.Vmalloc(rig.Isp, 0, 0x2000, 0);
        Assert.Equal(0x3000u, vmalloced);

        OmapIommu.Put(rig.Isp);
        Assert.Equal(0u, rig.Isp.Refcount);
        Assert.Equal(pages[0] | 0x2, rig.Pte(da));
        Assert.Equal(2, rig.Isp.Instance.Mmap.Count);

        ErrPtr<OmapIommu> again = OmapIommu.Get(rig.Driver, "isp");

        Assert.Same(rig.Isp, again.Value);
        Assert.Equal(pages[0] | 0x2, rig.Pte(da));
        Assert.Equal(2, rig.Isp.Instance.Mmap.Count);
        Assert.NotNull(Iovmm.FindIovmArea(rig.Isp, da));
        Assert.NotNull(Iovmm.FindIovmArea(rig.Isp, vmalloced));
        OmapMmuTranslation t = rig.IspMmu.Translate(da + 0x10);
        Assert.Equal(OmapMmuOutcome.Walked, t.Outcome);
        Assert.Equal(pages[0] + 0x10, t.Pa);
    }

    [Fact]
    public void Clock_IsBalancedAfterGetPutAndTlbCalls()
    {
        var rig = new LegacyOmapRig();
        Assert.Equal(0, rig.IspMmu.Clock.EnableCount);

        _ = OmapIommu.Get(rig.Driver, "isp");
        OmapIommu.FlushIotlbPage(rig.Isp, 0x1000);
        OmapIommu.FlushIotlbRange(rig.Isp, 0x1000, 0x4000);
        OmapIommu.FlushIotlbAll(rig.Isp);
        OmapIommu.SetTwl(rig.Isp, true);
        IotlbEntry.Init(out IotlbEntry e, 0x1000, 0x80000000, IovmFlags.IOVMF_PGSZ_4K);
        _ = OmapIommu.LoadIotlbEntry(rig.Isp, e);
        OmapIommu.Put(rig.Isp);
        OmapIommu.Put(rig.Isp);

        Assert.Equal(0, rig.IspMmu.Clock.EnableCount);
        Assert.Equal(0u, rig.Isp.Refcount);
    }

    [Fact]
    public void Get_OtherInstance_IsIndependent()
    {
        var rig = new LegacyOmapRig();

        ErrPtr<OmapIommu> iva2 = OmapIommu.Get(rig.Driver, "iva2");

        Assert.Equal("iva2", iva2.Value!.Name);
        Assert.Equal(1u, iva2.Value.Refcount);
        Assert.Equal(1u, rig.Isp.Refcount);
        Assert.Equal(iva2.Value.Instance.Iopgd, iva2.Value.Mmu.Read(MMU_TTB));
        Assert.NotEqual(rig.Isp.Instance.Iopgd, iva2.Value.Instance.Iopgd);
    }
}
