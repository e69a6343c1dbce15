using Migration.Drivers.Omap;
using Migration.Hardware.Omap;
using Migration.Kernel;
using static Migration.Hardware.Omap.OmapMmuRegisters;

namespace Migration.Drivers.Tests;

/// <summary>The iommu2.c arch table (omap.md §2.2, §2.6, §4.3, §4.4, §4.7, §8.9, §8.21).</summary>
public class Omap2IommuArchTests
{
    [Fact]
    public void Version_Is0x11()
    {
        Assert.Equal(0x11u, Omap2IommuArch.IOMMU_ARCH_VERSION);
        Assert.Equal(0x11u, new Omap2IommuArch(OmapAttributeEncoding.Linux31).Version);
    }

    [Fact]
    public void Enable_ProgramsTtbIrqenableCntlAndSysconfig()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Instance.Arch.Enable(rig.Instance));
        Assert.Equal(rig.Instance.Iopgd, rig.Reg(MMU_TTB));
        Assert.Equal(0x80000000u, rig.Reg(MMU_TTB));
        Assert.Equal(0x1Eu, rig.Reg(MMU_IRQENABLE));
        Assert.Equal(0x6u, rig.Reg(MMU_CNTL));
        Assert.Equal(0x11u, rig.Reg(MMU_SYSCONFIG));
        Assert.True(rig.Mmu.IsEnabled);
        Assert.True(rig.Mmu.TableWalkerEnabled);
    }

    [Fact]
    public void Enable_WithNullTable_IsEINVALAndTouchesNothing()
    {
        var rig = new OmapTestRig();
        rig.Instance.Iopgd = 0;
        Assert.Equal(-Errno.EINVAL, rig.Instance.Arch.Enable(rig.Instance));
        Assert.Equal(0u, rig.Reg(MMU_CNTL));
        Assert.Equal(0u, rig.Reg(MMU_TTB));
        Assert.Equal(0u, rig.Reg(MMU_IRQENABLE));
    }

    [Theory]
    [InlineData(0x80001000u)]
    [InlineData(0x80002000u)]
    [InlineData(0x80003C00u)]
    [InlineData(0x80004004u)]
    public void Enable_WithTableNot16KAligned_IsEINVAL(uint iopgd)
    {
        var rig = new OmapTestRig();
        rig.Instance.Iopgd = iopgd;
        Assert.Equal(-22, rig.Instance.Arch.Enable(rig.Instance));
        Assert.Equal(0u, rig.Reg(MMU_CNTL));
        Assert.Equal(0u, rig.Reg(MMU_TTB));
    }

    [Fact]
    public void Enable_WhenResetHangs_IsENODEV()
    {
        var rig = new OmapTestRig();
        rig.Mmu.ResetHangs = true;
        Assert.Equal(-Errno.ENODEV, rig.Instance.Arch.Enable(rig.Instance));
        Assert.Equal(-19, rig.Instance.Arch.Enable(rig.Instance));
        Assert.Equal(0u, rig.Reg(MMU_CNTL));
        Assert.Equal(0u, rig.Reg(MMU_TTB));
        Assert.False(rig.Mmu.IsEnabled);

        rig.Mmu.ResetHangs = false;
        Assert.Equal(0, rig.Instance.Arch.Enable(rig.Instance));
        Assert.Equal(0x6u, rig.Reg(MMU_CNTL));
    }

    [Fact]
    public void Enable_SoftResetsTheTlbAndLock()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        Assert.Equal(0, OmapTlb.LoadIotlbEntry(rig.Instance, OmapTestRig.CrStyleEntry(0x1000, 0x80001000, 0x2, preserved: true)));
        Assert.NotEqual(0u, rig.Reg(MMU_LOCK));
        Assert.Equal(0, rig.Instance.Arch.Enable(rig.Instance));
        Assert.Empty(rig.ValidTlbEntries());
        Assert.Equal(0u, rig.Reg(MMU_LOCK));
    }

    [Fact]
    public void Disable_ClearsCntlFieldAndForcesIdle()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        rig.Instance.Arch.Disable(rig.Instance);
        Assert.Equal(0u, rig.Reg(MMU_CNTL) & 0xE);
        Assert.Equal(0u, rig.Reg(MMU_SYSCONFIG));
        Assert.Equal(rig.Instance.Iopgd, rig.Reg(MMU_TTB));
        Assert.False(rig.Mmu.IsEnabled);
        OmapMmuTranslation t = rig.Mmu.Translate(0x12345678);
        Assert.Equal(OmapMmuOutcome.Bypass, t.Outcome);
        Assert.Equal(0x12345678u, t.Pa);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SetTwl_IgnoresArgumentAndSwitchesToTlbMissMode(bool on)
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        rig.Instance.Arch.SetTwl(rig.Instance, on);
        Assert.Equal(0x17u, rig.Reg(MMU_IRQENABLE));
        Assert.Equal(MMU_CNTL_MMU_EN, rig.Reg(MMU_CNTL));
        Assert.Equal(0x2u, rig.Reg(MMU_CNTL));
        Assert.False(rig.Mmu.TableWalkerEnabled);

        // With the walker off a mapped but uncached page is a TLB miss, which is now enabled.
        Assert.Equal(0, rig.Store(0x00001000, 0x80001000, 0x1000));
        OmapMmuTranslation t = rig.Mmu.Translate(0x00001000);
        Assert.Equal(OmapMmuOutcome.Fault, t.Outcome);
        Assert.Equal(MMU_IRQ_TLBMISS, t.FaultBits);
        Assert.Equal(1, rig.Mmu.Interrupt.Raised);
    }

    [Fact]
    public void FaultIsr_WithoutPendingCause_Returns0AndDa0()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        Assert.Equal(0u, rig.Instance.Arch.FaultIsr(rig.Instance, out uint da));
        Assert.Equal(0u, da);
    }

    [Fact]
    public void FaultIsr_ReturnsCauseAndFaultAddressAndAcknowledges()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        OmapMmuTranslation t = rig.Mmu.Translate(0x12345678);
        Assert.Equal(OmapMmuOutcome.Fault, t.Outcome);
        Assert.Equal(0x2u, rig.Reg(MMU_IRQSTATUS));
        Assert.Equal(0x12345678u, rig.Reg(MMU_FAULT_AD));

        Assert.Equal(0x2u, rig.Instance.Arch.FaultIsr(rig.Instance, out uint da));
        Assert.Equal(0x12345678u, da);
        Assert.Equal(0u, rig.Reg(MMU_IRQSTATUS));

        Assert.Equal(0u, rig.Instance.Arch.FaultIsr(rig.Instance, out da));
        Assert.Equal(0u, da);
    }

    [Fact]
    public void FaultIsr_ReturnsAllAccumulatedCausesAndLastAddress()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        Assert.False(rig.Mmu.Translate(0x00100000).Succeeded); // translation fault 0x2
        rig.Instance.Arch.SetTwl(rig.Instance, true);
        Assert.False(rig.Mmu.Translate(0x00ABC000).Succeeded); // TLB miss 0x1
        Assert.Equal(0x3u, rig.Instance.Arch.FaultIsr(rig.Instance, out uint da));
        Assert.Equal(0x00ABC000u, da);
        Assert.Equal(0u, rig.Reg(MMU_IRQSTATUS));
    }

    [Fact]
    public void TlbLoadCr_ForcesValidAndTlbReadCrReadsVictim()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        rig.Instance.Arch.TlbLoadCr(rig.Instance, new CrRegs(0x00001002, 0x80001000));
        Assert.Equal(0x00001006u, rig.Reg(MMU_CAM));
        Assert.Equal(0x80001000u, rig.Reg(MMU_RAM));
        rig.Instance.WriteReg(1, MMU_LD_TLB);
        Assert.Equal(new CrRegs(0x00001006, 0x80001000), rig.Instance.Arch.TlbReadCr(rig.Instance));
    }

    [Fact]
    public void SaveCtx_ReadsAll64WordsWithRevisionFirst()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        rig.Instance.Arch.SaveCtx(rig.Instance);
        uint[] ctx = rig.Instance.Ctx;
        Assert.Equal(64, ctx.Length);
        Assert.Equal(0x11u, ctx[0]);
        Assert.Equal(0x11u, ctx[0x10 / 4]); // SYSCONFIG
        Assert.Equal(0x1u, ctx[0x14 / 4]);  // SYSSTATUS.RESETDONE
        Assert.Equal(0x1Eu, ctx[0x1C / 4]); // IRQENABLE
        Assert.Equal(0x6u, ctx[0x44 / 4]);  // CNTL
        Assert.Equal(rig.Instance.Iopgd, ctx[0x4C / 4]); // TTB
        for (uint i = 0; i < 64; i++)
            Assert.Equal(rig.Reg(i * 4), ctx[i]);
    }

    [Fact]
    public void RestoreCtx_WritesSavedRegistersBack()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        uint ttb = rig.Instance.Iopgd;
        rig.Instance.Arch.SaveCtx(rig.Instance);
        rig.Instance.Arch.Disable(rig.Instance);
        rig.Instance.WriteReg(0, MMU_TTB);
        rig.Instance.WriteReg(0, MMU_IRQENABLE);
        Assert.False(rig.Mmu.IsEnabled);

        rig.Instance.Arch.RestoreCtx(rig.Instance);

        Assert.Equal(0x6u, rig.Reg(MMU_CNTL));
        Assert.Equal(0x11u, rig.Reg(MMU_SYSCONFIG));
        Assert.Equal(ttb, rig.Reg(MMU_TTB));
        Assert.Equal(0x1Eu, rig.Reg(MMU_IRQENABLE));
        Assert.True(rig.Mmu.IsEnabled);
    }

    [Fact]
    public void RestoreCtx_WritesSavedIrqstatusWhichClearsThoseBits()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        Assert.False(rig.Mmu.Translate(0x00500000).Succeeded);
        Assert.Equal(0x2u, rig.Reg(MMU_IRQSTATUS));
        rig.Instance.Arch.SaveCtx(rig.Instance);
        Assert.Equal(0x2u, rig.Instance.Ctx[0x18 / 4]);

        rig.Instance.Arch.RestoreCtx(rig.Instance);

        Assert.Equal(0u, rig.Reg(MMU_IRQSTATUS));
    }

    [Fact]
    public void RestoreCtx_RestoresLockRegister()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        OmapTlb.LockSet(rig.Instance, new IotlbLock(2, 5));
        rig.Instance.Arch.SaveCtx(rig.Instance);
        OmapTlb.FlushAll(rig.Instance);
        rig.Instance.Arch.RestoreCtx(rig.Instance);
        Assert.Equal(new IotlbLock(2, 5), OmapTlb.LockGet(rig.Instance));
    }

    [Fact]
    public void RestoreCtx_WithCorruptRevisionWord_IsAKernelBug()
    {
        OmapTestRig rig = OmapTestRig.Enabled();
        rig.Instance.Arch.SaveCtx(rig.Instance);
        rig.Instance.Ctx[0] = 0x12;
        Assert.Throws<KernelBugException>(() => rig.Instance.Arch.RestoreCtx(rig.Instance));
    }
}
