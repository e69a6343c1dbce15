using Migration.Hardware.Omap;
using static Migration.Hardware.Omap.OmapMmuRegisters;

namespace Migration.Hardware.Tests;

/// <summary>The 256-byte register window of the OMAP MMU (omap.md §2.2, §2.6).</summary>
public class OmapMmuRegisterTests
{
    [Theory]
    [InlineData(MMU_REVISION, 0x00u)]
    [InlineData(MMU_SYSCONFIG, 0x10u)]
    [InlineData(MMU_SYSSTATUS, 0x14u)]
    [InlineData(MMU_IRQSTATUS, 0x18u)]
    [InlineData(MMU_IRQENABLE, 0x1Cu)]
    [InlineData(MMU_WALKING_ST, 0x40u)]
    [InlineData(MMU_CNTL, 0x44u)]
    [InlineData(MMU_FAULT_AD, 0x48u)]
    [InlineData(MMU_TTB, 0x4Cu)]
    [InlineData(MMU_LOCK, 0x50u)]
    [InlineData(MMU_LD_TLB, 0x54u)]
    [InlineData(MMU_CAM, 0x58u)]
    [InlineData(MMU_RAM, 0x5Cu)]
    [InlineData(MMU_GFLUSH, 0x60u)]
    [InlineData(MMU_FLUSH_ENTRY, 0x64u)]
    [InlineData(MMU_READ_CAM, 0x68u)]
    [InlineData(MMU_READ_RAM, 0x6Cu)]
    [InlineData(MMU_EMU_FAULT_AD, 0x70u)]
    [InlineData(MMU_REG_SIZE, 0x100u)]
    public void RegisterOffset_MatchesIommu2h(uint constant, uint expected) => Assert.Equal(expected, constant);

    [Theory]
    [InlineData("MMU_LOCK_BASE_MASK", MMU_LOCK_BASE_MASK, 0x7C00u)]
    [InlineData("MMU_LOCK_VICT_MASK", MMU_LOCK_VICT_MASK, 0x1F0u)]
    [InlineData("MMU_IRQ_MASK", MMU_IRQ_MASK, 0x1Fu)]
    [InlineData("MMU_IRQ_TWL_MASK", MMU_IRQ_TWL_MASK, 0x1Eu)]
    [InlineData("MMU_IRQ_TLB_MISS_MASK", MMU_IRQ_TLB_MISS_MASK, 0x17u)]
    [InlineData("MMU_CNTL_MASK", MMU_CNTL_MASK, 0xEu)]
    [InlineData("MMU_CNTL_MMU_EN", MMU_CNTL_MMU_EN, 0x2u)]
    [InlineData("MMU_CNTL_TWL_EN", MMU_CNTL_TWL_EN, 0x4u)]
    [InlineData("MMU_CNTL_EML_TLB", MMU_CNTL_EML_TLB, 0x8u)]
    [InlineData("MMU_SYS_SOFTRESET", MMU_SYS_SOFTRESET, 0x2u)]
    [InlineData("MMU_SYS_AUTOIDLE", MMU_SYS_AUTOIDLE, 0x1u)]
    [InlineData("MMU_SYS_IDLE_MASK", MMU_SYS_IDLE_MASK, 0x18u)]
    [InlineData("MMU_SYS_IDLE_SMART", MMU_SYS_IDLE_SMART, 0x10u)]
    [InlineData("MMU_SYS_RESETDONE", MMU_SYS_RESETDONE, 0x1u)]
    [InlineData("MMU_CAM_P", MMU_CAM_P, 0x8u)]
    [InlineData("MMU_CAM_V", MMU_CAM_V, 0x4u)]
    [InlineData("MMU_RAM_ENDIAN_BIG", MMU_RAM_ENDIAN_BIG, 0x200u)]
    [InlineData("MMU_RAM_ELSZ_MASK", MMU_RAM_ELSZ_MASK, 0x180u)]
    [InlineData("MMU_RAM_MIXED", MMU_RAM_MIXED, 0x40u)]
    [InlineData("RevisionValue", RevisionValue, 0x11u)]
    public void BitField_MatchesIommu2h(string name, uint constant, uint expected) => Assert.Equal((name, expected), (name, constant));

    [Theory]
    [InlineData(0u, 0xFFF00000u)]
    [InlineData(1u, 0xFFFF0000u)]
    [InlineData(2u, 0xFFFFF000u)]
    [InlineData(3u, 0xFF000000u)]
    [InlineData(0x12345007u, 0xFF000000u)]
    public void TagMask_PerPageSizeCode(uint code, uint mask) => Assert.Equal(mask, TagMask(code));

    [Fact]
    public void Revision_Reads0x11()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        Assert.Equal(0x11u, mmu.Read(MMU_REVISION));
        Assert.Equal(1u, (mmu.Read(MMU_REVISION) >> 4) & 0xF); // major
        Assert.Equal(1u, mmu.Read(MMU_REVISION) & 0xF);        // minor
    }

    [Fact]
    public void Revision_IgnoresWrites()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        mmu.Write(MMU_REVISION, 0x22);
        Assert.Equal(0x11u, mmu.Read(MMU_REVISION));
    }

    [Fact]
    public void PowerOn_ResetDoneAndEverythingElseZero()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        Assert.Equal(1u, mmu.Read(MMU_SYSSTATUS));
        foreach (uint off in new[] { MMU_SYSCONFIG, MMU_IRQSTATUS, MMU_IRQENABLE, MMU_CNTL, MMU_FAULT_AD, MMU_TTB, MMU_LOCK, MMU_CAM, MMU_RAM, MMU_READ_CAM, MMU_READ_RAM })
            Assert.Equal(0u, mmu.Read(off));
        Assert.False(mmu.IsEnabled);
        Assert.False(mmu.TableWalkerEnabled);
    }

    [Theory]
    [InlineData(0x100u)]
    [InlineData(0x102u)]
    [InlineData(0x13u)]
    public void Read_OutsideWindowOrMisaligned_Throws(uint offset) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MmuRig.NewIsp(out _).Read(offset));

    [Fact]
    public void Write_OutsideWindow_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MmuRig.NewIsp(out _).Write(0x100, 1));

    [Fact]
    public void Ttb_ReadsBackWrittenValue()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        mmu.Write(MMU_TTB, 0x80004000);
        Assert.Equal(0x80004000u, mmu.Read(MMU_TTB));
    }

    [Fact]
    public void CamRam_ReadBackWrittenValues()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        mmu.Write(MMU_CAM, 0x12345006);
        mmu.Write(MMU_RAM, 0x876543C0);
        Assert.Equal(0x12345006u, mmu.Read(MMU_CAM));
        Assert.Equal(0x876543C0u, mmu.Read(MMU_RAM));
    }

    [Fact]
    public void Lock_KeepsOnlyBaseAndVictFields()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        mmu.Write(MMU_LOCK, 0xFFFFFFFF);
        Assert.Equal(0x7DF0u, mmu.Read(MMU_LOCK));
    }

    [Fact]
    public void Lock_BaseIsBits14To10AndVictBits8To4()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        mmu.Write(MMU_LOCK, (3u << 10) | (5u << 4));
        Assert.Equal(0x0C50u, mmu.Read(MMU_LOCK));
        Assert.Equal(3u, (mmu.Read(MMU_LOCK) & MMU_LOCK_BASE_MASK) >> MMU_LOCK_BASE_SHIFT);
        Assert.Equal(5u, (mmu.Read(MMU_LOCK) & MMU_LOCK_VICT_MASK) >> MMU_LOCK_VICT_SHIFT);
    }

    [Fact]
    public void Cntl_MmuEnAndTwlEn_EnableMmuAndWalker()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        mmu.Write(MMU_CNTL, 0x6);
        Assert.Equal(0x6u, mmu.Read(MMU_CNTL));
        Assert.True(mmu.IsEnabled);
        Assert.True(mmu.TableWalkerEnabled);
        mmu.Write(MMU_CNTL, 0x2);
        Assert.True(mmu.IsEnabled);
        Assert.False(mmu.TableWalkerEnabled);
    }

    [Fact]
    public void IrqEnable_ReadsBackCauseBits()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        mmu.Write(MMU_IRQENABLE, 0x1E);
        Assert.Equal(0x1Eu, mmu.Read(MMU_IRQENABLE));
        mmu.Write(MMU_IRQENABLE, 0xFFFFFFFF);
        Assert.Equal(0x1Fu, mmu.Read(MMU_IRQENABLE));
    }

    [Fact]
    public void SysConfig_SmartIdleAndAutoIdle_Reads0x11()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        mmu.Write(MMU_SYSCONFIG, 0x11);
        Assert.Equal(0x11u, mmu.Read(MMU_SYSCONFIG));
    }

    [Fact]
    public void FaultAd_IgnoresWrites()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        mmu.Write(MMU_FAULT_AD, 0x1234);
        Assert.Equal(0u, mmu.Read(MMU_FAULT_AD));
    }

    [Fact]
    public void SoftReset_ClearsStateAndSetsResetDone()
    {
        OmapMmu mmu = MmuRig.EnabledIsp(out _);
        mmu.Write(MMU_SYSCONFIG, 0x11);
        MmuRig.LoadTlb(mmu, 3, 0x12345006, 0x87654000);
        mmu.Write(MMU_LOCK, (2u << 10) | (3u << 4));
        mmu.Translate(0x00100000); // empty descriptor: IRQSTATUS and FAULT_AD set
        Assert.NotEqual(0u, mmu.Read(MMU_IRQSTATUS));

        mmu.Write(MMU_SYSCONFIG, MMU_SYS_SOFTRESET);

        Assert.Equal(1u, mmu.Read(MMU_SYSSTATUS));
        Assert.Equal(0x11u, mmu.Read(MMU_REVISION));
        foreach (uint off in new[] { MMU_SYSCONFIG, MMU_IRQSTATUS, MMU_IRQENABLE, MMU_CNTL, MMU_FAULT_AD, MMU_TTB, MMU_LOCK, MMU_CAM, MMU_RAM })
            Assert.Equal(0u, mmu.Read(off));
        for (int i = 0; i < mmu.TlbEntries; i++)
            Assert.False(mmu.PeekTlb(i).Valid);
        Assert.False(mmu.IsEnabled);
    }

    [Fact]
    public void SoftReset_WithResetHangs_LeavesResetDoneZero()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        mmu.ResetHangs = true;
        mmu.Write(MMU_SYSCONFIG, MMU_SYS_SOFTRESET);
        Assert.Equal(0u, mmu.Read(MMU_SYSSTATUS) & MMU_SYS_RESETDONE);
    }

    [Fact]
    public void SoftReset_AfterHangCleared_SetsResetDoneAgain()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        mmu.ResetHangs = true;
        mmu.Write(MMU_SYSCONFIG, MMU_SYS_SOFTRESET);
        mmu.ResetHangs = false;
        mmu.Write(MMU_SYSCONFIG, MMU_SYS_SOFTRESET);
        Assert.Equal(1u, mmu.Read(MMU_SYSSTATUS));
    }

    [Fact]
    public void EnableSequence_LeavesDriverState()
    {
        OmapMmu mmu = MmuRig.NewIsp(out _);
        mmu.Write(MMU_SYSCONFIG, MMU_SYS_SOFTRESET);                  // step 2
        Assert.Equal(MMU_SYS_RESETDONE, mmu.Read(MMU_SYSSTATUS) & 1); // step 3
        uint sys = mmu.Read(MMU_SYSCONFIG) & ~MMU_SYS_IDLE_MASK;       // step 5
        mmu.Write(MMU_SYSCONFIG, sys | MMU_SYS_IDLE_SMART | MMU_SYS_AUTOIDLE);
        mmu.Write(MMU_TTB, MmuRig.Ttb);                                // step 6
        mmu.Write(MMU_IRQENABLE, MMU_IRQ_TWL_MASK);                    // step 7
        mmu.Write(MMU_CNTL, (mmu.Read(MMU_CNTL) & ~MMU_CNTL_MASK) | MMU_CNTL_MMU_EN | MMU_CNTL_TWL_EN);

        Assert.Equal(0x11u, mmu.Read(MMU_SYSCONFIG));
        Assert.Equal(0x80004000u, mmu.Read(MMU_TTB));
        Assert.Equal(0x1Eu, mmu.Read(MMU_IRQENABLE));
        Assert.Equal(0x6u, mmu.Read(MMU_CNTL));
        Assert.True(mmu.IsEnabled);
        Assert.True(mmu.TableWalkerEnabled);
    }

    [Fact]
    public void DisableSequence_TurnsMmuOffAndForceIdle()
    {
        OmapMmu mmu = MmuRig.EnabledIsp(out _);
        mmu.Write(MMU_SYSCONFIG, 0x11);
        mmu.Write(MMU_CNTL, mmu.Read(MMU_CNTL) & ~MMU_CNTL_MASK);
        mmu.Write(MMU_SYSCONFIG, 0);
        Assert.Equal(0u, mmu.Read(MMU_CNTL));
        Assert.Equal(0u, mmu.Read(MMU_SYSCONFIG));
        Assert.False(mmu.IsEnabled);
        Assert.False(mmu.TableWalkerEnabled);
    }

    [Fact]
    public void Read_AllSixtyFourWordsAsSaveCtx_GivesRegisterValues()
    {
        OmapMmu mmu = MmuRig.EnabledIsp(out _);
        var ctx = new uint[64];
        for (uint i = 0; i < 64; i++)
            ctx[i] = mmu.Read(i * 4);
        Assert.Equal(0x11u, ctx[0]);
        Assert.Equal(0x80004000u, ctx[MMU_TTB / 4]);
        Assert.Equal(0x6u, ctx[MMU_CNTL / 4]);
        Assert.Equal(0u, ctx[MMU_WALKING_ST / 4]);
        Assert.Equal(0u, ctx[MMU_EMU_FAULT_AD / 4]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public void Constructor_TlbSizeOutside1To32_Throws(int entries) =>
        Assert.Throws<ArgumentException>(() => new OmapMmu(OmapMmuConfig.Isp with { NrTlbEntries = entries }, new Memory.PhysicalMemory()));

    [Fact]
    public void Constructor_ExposesConfigLineAndClock()
    {
        OmapMmu mmu = MmuRig.NewIsp(out Memory.PhysicalMemory memory);
        Assert.Same(OmapMmuConfig.Isp, mmu.Config);
        Assert.Same(memory, mmu.Memory);
        Assert.Equal(8, mmu.TlbEntries);
        Assert.Equal(24, mmu.Interrupt.Number);
        Assert.Equal("cam_ick", mmu.Clock.Name);
        Assert.False(mmu.ResetHangs);
    }
}
