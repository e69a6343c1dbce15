using Migration.Hardware.Memory;
using static Migration.Hardware.Msm.MsmIommuRegisters;

namespace Migration.Hardware.Msm.Tests;

/// <summary>Stall on fault (ACTLR.CFCFG) and RESUME (msm.md §2.2, §2.5 step 5, §5.12, §9.12).</summary>
public class MsmStallTests
{
    [Fact]
    public void FaultWithCfcfg_StallsTheContextAndSetsFsrSs()
    {
        MsmIommu iommu = MsmRig.Attached(out _);
        MsmTranslation t = iommu.Translate(0, 0x50000000, write: false);
        Assert.Equal(new MsmTranslation(MsmTranslationOutcome.Fault, 0, 0, 0, false, FSR_TF), t);
        Assert.Equal(0x40000002u, MsmRig.Reg(iommu, 0, FSR));
        Assert.True(iommu.IsStalled(0));
    }

    [Fact]
    public void WhileStalled_FurtherAccessesWait_WithoutTouchingRegisters()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m);
        MsmRig.SetPte(m, 0x00401000, 0x8A345C36);
        iommu.Translate(0, 0x50000000, write: false);
        MsmTranslation t = iommu.Translate(0, 0x00401000, write: false);
        Assert.Equal(new MsmTranslation(MsmTranslationOutcome.Stalled, 0, 0, 0, false, 0), t);
        Assert.False(t.Succeeded);
        Assert.Equal((0x40000002u, 0x50000000u), (MsmRig.Reg(iommu, 0, FSR), MsmRig.Reg(iommu, 0, FAR)));
        Assert.Equal(1, iommu.Interrupt.Raised);
        Assert.False(iommu.PeekTlb(0, 0).Valid); // nothing was walked
    }

    [Fact]
    public void Resume_ClearsTheStallAndSs_AndTheReissuedAccessTranslates()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m);
        iommu.Translate(0, 0x00401000, write: false);
        MsmRig.SetPte(m, 0x00401000, 0x8A345C36); // the fault handler maps the page
        MsmRig.SetReg(iommu, 0, RESUME, RESUME_TNR);
        Assert.False(iommu.IsStalled(0));
        Assert.Equal(0x00000002u, MsmRig.Reg(iommu, 0, FSR));
        Assert.Equal(new MsmTranslation(MsmTranslationOutcome.Walked, 0x8A345010, 0x1000, 1, false, 0), iommu.Translate(0, 0x00401010, write: false));
    }

    [Fact]
    public void ResumeWithTnrZero_IsIgnored()
    {
        MsmIommu iommu = MsmRig.Attached(out _);
        iommu.Translate(0, 0x50000000, write: false);
        MsmRig.SetReg(iommu, 0, RESUME, 0xFFFFFFFE);
        Assert.True(iommu.IsStalled(0));
        Assert.Equal(0x40000002u, MsmRig.Reg(iommu, 0, FSR));
    }

    [Fact]
    public void MainlineHandler_ClearsFsrButNeverResumes_SoTheContextStaysStalled()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m);
        iommu.Interrupt.Handler = _ =>
        {
            MsmRig.SetReg(iommu, 0, FSR, FSR_MAINLINE_CLEAR);
            return IrqReturn.None;
        };
        iommu.Translate(0, 0x50000000, write: false);
        Assert.Equal(0u, MsmRig.Reg(iommu, 0, FSR));
        Assert.True(iommu.IsStalled(0));
        MsmRig.SetFl(m, 0x50000000, 0x9A430C06);
        Assert.Equal(MsmTranslationOutcome.Stalled, iommu.Translate(0, 0x50000000, write: false).Outcome);
        Assert.Equal(1, iommu.Interrupt.Unhandled);
    }

    [Fact]
    public void CafHandler_ClearsAndResumesFromInsideTheInterrupt()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m);
        iommu.Interrupt.Handler = _ =>
        {
            MsmRig.SetReg(iommu, 0, FSR, MsmRig.Reg(iommu, 0, FSR));
            MsmRig.SetReg(iommu, 0, RESUME, 1);
            return IrqReturn.Handled;
        };
        Assert.Equal(MsmTranslationOutcome.Fault, iommu.Translate(0, 0x50000000, write: false).Outcome);
        Assert.False(iommu.IsStalled(0));
        Assert.Equal(0u, MsmRig.Reg(iommu, 0, FSR));
        MsmRig.SetFl(m, 0x50000000, 0x9A430C06);
        Assert.Equal(0x9A412345u, iommu.Translate(0, 0x50012345, write: false).Pa);
    }

    [Fact]
    public void Stall_IsPerContextBank()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m, ctx: 0);
        MsmRig.Program(iommu, 1, MsmRig.Fl, 1);
        MsmRig.SetFl(m, 0x40000000, 0x9A430C06);
        iommu.Translate(0, 0x50000000, write: false);
        Assert.Equal(MsmTranslationOutcome.Walked, iommu.Translate(1, 0x40000000, write: false).Outcome);
        Assert.False(iommu.IsStalled(1));
    }

    [Fact]
    public void FsrRestore_DoesNotStallOrResume()
    {
        MsmIommu iommu = MsmRig.Attached(out _);
        MsmRig.SetReg(iommu, 0, FSRRESTORE, FSR_SS);
        Assert.False(iommu.IsStalled(0));
        iommu.Translate(0, 0x50000000, write: false);
        MsmRig.SetReg(iommu, 0, FSRRESTORE, 0);
        Assert.True(iommu.IsStalled(0));
    }
}
