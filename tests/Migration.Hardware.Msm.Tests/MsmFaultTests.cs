using Migration.Hardware.Memory;
using static Migration.Hardware.Msm.MsmIommuRegisters;

namespace Migration.Hardware.Msm.Tests;

/// <summary>Context faults of bus-master accesses (msm.md §2.2 FSR, §2.5 step 5, §5.12).</summary>
public class MsmFaultTests
{
    private const uint NoStall = MsmRig.AttachActlr & ~ACTLR_CFCFG;
    private const uint NoIrqNoStall = MsmRig.AttachActlr & ~(ACTLR_CFCFG | ACTLR_CFEIE);

    private static (uint Fsr, uint Far, uint Fsynr0, uint Fsynr1) FaultRegs(MsmIommu iommu, int ctx) =>
        (MsmRig.Reg(iommu, ctx, FSR), MsmRig.Reg(iommu, ctx, FAR), MsmRig.Reg(iommu, ctx, FSYNR0), MsmRig.Reg(iommu, ctx, FSYNR1));

    [Fact]
    public void FirstLevelTranslationFault_SetsTfFarAndAmid_AndRaisesTheInterrupt()
    {
        MsmIommu iommu = MsmRig.Attached(out _, ctx: 1, actlr: NoStall);
        MsmRig.SetReg(iommu, 1, FSYNR1, 0xFFFF);
        (uint Fsr, uint Far)? seen = null;
        iommu.Interrupt.Handler = _ => { seen = (MsmRig.Reg(iommu, 1, FSR), MsmRig.Reg(iommu, 1, FAR)); return IrqReturn.Handled; };

        MsmTranslation t = iommu.Translate(1, 0x50001234, write: false);

        Assert.Equal(new MsmTranslation(MsmTranslationOutcome.Fault, 0, 0, 0, false, FSR_TF), t);
        Assert.False(t.Succeeded);
        Assert.Equal((0x00000002u, 0x50001234u, 1u, 0u), FaultRegs(iommu, 1)); // AMID = context number
        Assert.Equal((0x00000002u, 0x50001234u), seen); // registers were set before the handler ran
        Assert.Equal(1, iommu.Interrupt.Raised);
    }

    [Fact]
    public void SecondLevelTranslationFault_SetsTfAndSl()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m, actlr: NoStall);
        MsmRig.SetPte(m, 0x00401000, 0x8A345C36);
        MsmTranslation t = iommu.Translate(0, 0x00402010, write: true);
        Assert.Equal(new MsmTranslation(MsmTranslationOutcome.Fault, 0, 0, 0, false, 0x00010002), t);
        Assert.Equal((0x00010002u, 0x00402010u, 0u, 0u), FaultRegs(iommu, 0));
    }

    [Fact]
    public void Fault_WithoutCfeie_SetsTheRegistersButRaisesNothing()
    {
        MsmIommu iommu = MsmRig.Attached(out _, actlr: NoIrqNoStall);
        iommu.Translate(0, 0x50000000, write: false);
        Assert.Equal((0x00000002u, 0x50000000u, 0u, 0u), FaultRegs(iommu, 0));
        Assert.Equal(0, iommu.Interrupt.Raised);
    }

    [Fact]
    public void WriteToReadOnlyPage_IsPermissionFault_ReadSucceeds()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m, actlr: NoStall);
        MsmRig.SetPte(m, 0x00401000, 0x8A345E36); // CAF RO uncached 4K (AP2)
        Assert.Equal(new MsmTranslation(MsmTranslationOutcome.Fault, 0, 0, 0, false, FSR_APF), iommu.Translate(0, 0x00401004, write: true));
        Assert.Equal((0x00000008u, 0x00401004u, 0u, 0u), FaultRegs(iommu, 0));
        Assert.Equal(new MsmTranslation(MsmTranslationOutcome.TlbHit, 0x8A345008, 0x1000, 1, true, 0), iommu.Translate(0, 0x00401008, write: false));
    }

    [Fact]
    public void WriteToReadOnlySection_IsPermissionFault()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m, actlr: NoStall);
        MsmRig.SetFl(m, 0x40000000, 0x9A438C06);
        Assert.Equal(FSR_APF, iommu.Translate(0, 0x40000000, write: true).FaultStatus);
    }

    [Fact]
    public void Miss_WithoutHardwareWalk_IsTlbMissFault()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m, actlr: NoStall & ~ACTLR_TLBMCFG_MASK | (2u << ACTLR_TLBMCFG_SHIFT));
        MsmRig.SetPte(m, 0x00401000, 0x8A345C36);
        Assert.Equal(new MsmTranslation(MsmTranslationOutcome.Fault, 0, 0, 0, false, FSR_TLBMF), iommu.Translate(0, 0x00401000, write: false));
        Assert.Equal((0x00000010u, 0x00401000u, 0u, 0u), FaultRegs(iommu, 0));
        Assert.Equal(1, iommu.Interrupt.Raised);
    }

    [Fact]
    public void SecondFault_WhileFsrIsNonZero_SetsMultiAndKeepsTheFirstRecord()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m, actlr: NoStall);
        MsmRig.SetPte(m, 0x00401000, 0x8A345E36);
        iommu.Translate(0, 0x50000000, write: false);
        MsmTranslation second = iommu.Translate(0, 0x00401000, write: true);
        Assert.Equal(FSR_APF, second.FaultStatus); // the access still reports its own cause
        Assert.Equal((0x80000002u, 0x50000000u, 0u, 0u), FaultRegs(iommu, 0));
        Assert.Equal(2, iommu.Interrupt.Raised);
    }

    [Fact]
    public void MainlineClear_LeavesSlSet_SoTheNextFaultIsMulti()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m, actlr: NoStall);
        MsmRig.SetPte(m, 0x00401000, 0x8A345C36);
        iommu.Translate(0, 0x00402000, write: false);
        MsmRig.SetReg(iommu, 0, FSR, FSR_MAINLINE_CLEAR);
        Assert.Equal(0x00010000u, MsmRig.Reg(iommu, 0, FSR));
        iommu.Translate(0, 0x50000000, write: false);
        Assert.Equal((0x80010000u, 0x00402000u), (MsmRig.Reg(iommu, 0, FSR), MsmRig.Reg(iommu, 0, FAR)));
    }

    [Fact]
    public void CafClear_WritingTheReadValueBack_LetsTheNextFaultRecordAfresh()
    {
        MsmIommu iommu = MsmRig.Attached(out _, actlr: NoStall);
        iommu.Interrupt.Handler = _ =>
        {
            MsmRig.SetReg(iommu, 0, FSR, MsmRig.Reg(iommu, 0, FSR));
            return IrqReturn.Handled;
        };
        iommu.Translate(0, 0x50000000, write: false);
        Assert.Equal(0u, MsmRig.Reg(iommu, 0, FSR));
        iommu.Translate(0, 0x60000000, write: true);
        Assert.Equal(0u, MsmRig.Reg(iommu, 0, FSR)); // cleared again by the handler
        Assert.Equal(0x60000000u, MsmRig.Reg(iommu, 0, FAR));
        Assert.Equal(0, iommu.Interrupt.Unhandled);
    }

    [Fact]
    public void Faults_AreRecordedPerContextBank()
    {
        MsmIommu iommu = MsmRig.Attached(out _, ctx: 2, actlr: NoStall);
        MsmRig.Program(iommu, 1, MsmRig.Fl, 1, NoStall);
        iommu.Translate(2, 0x50000000, write: false);
        Assert.Equal((0x00000002u, 0x50000000u, 2u, 0u), FaultRegs(iommu, 2));
        Assert.Equal((0u, 0u, 0u, 0u), FaultRegs(iommu, 1));
    }

    [Fact]
    public void PdBit_OfTheSelectedTtbr_TurnsAMissIntoATranslationFault()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m, actlr: NoStall);
        MsmRig.SetPte(m, 0x00401000, 0x8A345C36);
        MsmRig.SetReg(iommu, 0, TTBCR, TTBCR_PD0);
        Assert.Equal(FSR_TF, iommu.Translate(0, 0x00401000, write: false).FaultStatus);
    }

    [Fact]
    public void Translate_RejectsAContextBankTheInstanceDoesNotHave()
    {
        MsmIommu iommu = MsmRig.NewGfx3d(out _);
        Assert.Throws<ArgumentOutOfRangeException>(() => iommu.Translate(3, 0, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => iommu.Translate(-1, 0, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => iommu.IsStalled(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => iommu.PeekTlb(3, 0));
    }
}
