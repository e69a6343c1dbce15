using Migration.Hardware.Memory;
using static Migration.Hardware.Msm.MsmIommuRegisters;

namespace Migration.Hardware.Msm.Tests;

/// <summary>Hardware V2P probes through PAR (msm.md §2.2, §5.10): success and fault formats, no fault side effects.</summary>
public class MsmV2pTests
{
    private static uint Probe(MsmIommu iommu, uint reg, uint va, int ctx = 0)
    {
        MsmRig.SetReg(iommu, ctx, reg, va);
        return MsmRig.Reg(iommu, ctx, PAR);
    }

    /// <summary>msm_iommu_iova_to_phys as the reference describes it, from PAR.</summary>
    private static uint DriverResult(uint par, uint va) =>
        (par & PAR_FAULT) != 0 ? 0
        : (par & PAR_SS) != 0 ? (par & 0xFF000000) | (va & 0x00FFFFFF)
        : (par & 0xFFFFF000) | (va & 0xFFF);

    [Fact]
    public void SmallPage_ParHoldsPaBits31To12AndAttributes()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m);
        MsmRig.SetPte(m, 0x00401000, 0x8A345C36);
        uint par = Probe(iommu, V2PPR, 0x00401ABC & 0xFFFFF000);
        Assert.Equal(0x8A345090u, par); // PA | MT 1 (B) | SH
        Assert.Equal(0x8A345ABCu, DriverResult(par, 0x00401ABC));
    }

    [Fact]
    public void Probe_IgnoresVaBits11To0OfTheOperand()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m);
        MsmRig.SetPte(m, 0x00401000, 0x8A345C32);
        Assert.Equal(0x8A345080u, Probe(iommu, V2PPR, 0x00401FFF));
    }

    [Fact]
    public void LargePage_ParHoldsThe4KFrameInsideThe64KPage()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m);
        MsmRig.SetLargePage(m, 0x00400000, 0x8A340C35);
        uint par = Probe(iommu, V2PPR, 0x00405000);
        Assert.Equal(0x8A345090u, par);
        Assert.Equal(0x8A345678u, DriverResult(par, 0x00405678));
    }

    [Fact]
    public void Section_ParHoldsPaBits31To12()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m);
        MsmRig.SetFl(m, 0x40000000, 0x9A431C0E);
        uint par = Probe(iommu, V2PPR, 0x400AB000);
        Assert.Equal(0x9A4AB0F0u, par); // MT 7 | SH
        Assert.Equal(0x9A4ABCDEu, DriverResult(par, 0x400ABCDE));
    }

    [Fact]
    public void Supersection_ParHoldsThe16MBaseAndSs()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m);
        MsmRig.SetSupersection(m, 0x41000000, 0x9A070C06);
        uint par = Probe(iommu, V2PPR, 0x41ABC000);
        Assert.Equal(0x9A000092u, par); // 16M base | MT 1 | SH | SS
        Assert.Equal(0x9AABCDEFu, DriverResult(par, 0x41ABCDEF));
    }

    [Fact]
    public void FirstLevelFault_ParIsFaultAndTf()
    {
        MsmIommu iommu = MsmRig.Attached(out _);
        uint par = Probe(iommu, V2PPR, 0x50000000);
        Assert.Equal(0x00000003u, par);
        Assert.Equal(0u, DriverResult(par, 0x50000000));
    }

    [Fact]
    public void SecondLevelFault_ParIsFaultTfAndSl()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m);
        MsmRig.SetPte(m, 0x00401000, 0x8A345C36);
        Assert.Equal(0x00010003u, Probe(iommu, V2PPR, 0x00402000));
    }

    [Fact]
    public void WriteProbes_OfAReadOnlyPage_ArePermissionFaults_ReadProbesSucceed()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m);
        MsmRig.SetPte(m, 0x00401000, 0x8A345E36);
        Assert.Equal(0x00000009u, Probe(iommu, V2PPW, 0x00401000));
        Assert.Equal(0x00000009u, Probe(iommu, V2PUW, 0x00401000));
        Assert.Equal(0x8A345090u, Probe(iommu, V2PPR, 0x00401000));
        Assert.Equal(0x8A345090u, Probe(iommu, V2PUR, 0x00401000));
    }

    [Fact]
    public void FaultingProbe_DoesNotTouchFsrFarOrTheInterrupt_NorStall()
    {
        MsmIommu iommu = MsmRig.Attached(out _);
        int calls = 0;
        iommu.Interrupt.Handler = _ => { calls++; return IrqReturn.Handled; };
        Probe(iommu, V2PPW, 0x50000000);
        Assert.Equal((0u, 0u, 0u), (MsmRig.Reg(iommu, 0, FSR), MsmRig.Reg(iommu, 0, FAR), MsmRig.Reg(iommu, 0, FSYNR0)));
        Assert.Equal((0, 0), (calls, iommu.Interrupt.Raised));
        Assert.False(iommu.IsStalled(0));
    }

    [Fact]
    public void Probe_WithTheMmuOff_ReportsTheFlatAddress()
    {
        MsmIommu iommu = MsmRig.NewGfx3d(out _);
        Assert.Equal(0x12345000u, Probe(iommu, V2PPR, 0x12345678));
    }

    [Fact]
    public void Probe_OnAMissWithoutHardwareWalk_IsTlbMissFault()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m, actlr: 0);
        MsmRig.SetPte(m, 0x00401000, 0x8A345C36);
        Assert.Equal(0x00000011u, Probe(iommu, V2PPR, 0x00401000));
    }

    [Fact]
    public void Probe_LoadsTheTlb_AndV2psrReportsLaterHits()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m);
        MsmRig.SetPte(m, 0x00401000, 0x8A345C36);
        MsmRig.SetPte(m, 0x00402000, 0x8A346C36);
        Probe(iommu, V2PPR, 0x00401000);
        Assert.Equal(0u, MsmRig.Reg(iommu, 0, V2PSR)); // walked
        Probe(iommu, V2PPR, 0x00402000);
        Probe(iommu, V2PPR, 0x00402000);
        Assert.Equal(0x00000101u, MsmRig.Reg(iommu, 0, V2PSR)); // HIT, INDEX 1
        Probe(iommu, V2PPR, 0x00401000);
        Assert.Equal(0x00000001u, MsmRig.Reg(iommu, 0, V2PSR)); // HIT, INDEX 0
        Assert.Equal(MsmTranslationOutcome.TlbHit, iommu.Translate(0, 0x00401234, write: false).Outcome);
    }

    [Fact]
    public void MainlineIovaToPhys_InvalidatesFirst_AndSeesTheNewMapping()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m);
        MsmRig.SetPte(m, 0x00401000, 0x8A345C36);
        Probe(iommu, V2PPR, 0x00401000);
        MsmRig.SetPte(m, 0x00401000, 0x8B000C36);
        Assert.Equal(0x8A345090u, Probe(iommu, V2PPR, 0x00401000)); // CAF: no TLBIALL, stale answer
        MsmRig.SetReg(iommu, 0, CTX_TLBIALL, 0);
        Assert.Equal(0x8B000090u, Probe(iommu, V2PPR, 0x00401000)); // mainline: TLBIALL first
    }

    [Fact]
    public void Probe_UsesOnlyItsOwnContext()
    {
        MsmIommu iommu = MsmRig.Attached(out PhysicalMemory m);
        MsmRig.SetPte(m, 0x00401000, 0x8A345C36);
        Assert.Equal(0x00401000u, Probe(iommu, V2PPR, 0x00401000, ctx: 1)); // bank 1 is still off
        Assert.Equal(0u, MsmRig.Reg(iommu, 0, PAR));
    }
}
