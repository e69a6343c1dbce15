using Migration.Drivers.Msm;
using Legacy.Iommu;
using Migration.Hardware.Msm;
using Migration.Kernel;

namespace Legacy.Msm.Tests;

/// <summary>msm_iommu_attach_dev / detach_dev (msm.md §2.5, §5.3, §5.4, §9.11) and domain_destroy (§5.2).</summary>
public class AttachDetachTests
{
    private const uint SCTLR = 0x000, ACTLR = 0x004, CONTEXTIDR = 0x008, TTBR0 = 0x010, TTBR1 = 0x014, TTBCR = 0x018;
    private const uint PAR = 0x01C, FAR = 0x028, PRRR = 0x034, NMRR = 0x038, BFBCR = 0x04C;
    private const uint CBACR_N = 0xFF800;

    // ACTLR after __program_context: CFEIE[1] | RCOSH[4] | RCISH[5] | RCNSH[6] | TLBMCFG[13:12]=3 | CFCFG[14] | V2PCFG[17:16]=3.
    private const uint ProgrammedActlr = 0x2 | 0x10 | 0x20 | 0x40 | 0x3000 | 0x4000 | 0x30000;

    [Fact]
    public void Attach_ProgramsTheContextRegisters()
    {
        var rig = new LegacyMsmRig();
        uint fl = rig.Fl;
        Assert.Equal(0u, fl & 0x3FFF); // 16 KiB aligned FL table
        Assert.Equal(fl, rig.Reg(TTBR0)); // PA field = fl >> 14, nothing else (no L2 walk attributes)
        Assert.Equal(fl >> 14, rig.Reg(TTBR0) >> 14);
        Assert.Equal(0u, rig.Reg(TTBR1));
        Assert.Equal(0u, rig.Reg(TTBCR));
        Assert.Equal(0x3u, rig.Reg(SCTLR)); // M | TRE
        Assert.Equal(ProgrammedActlr, rig.Reg(ACTLR));
        Assert.Equal(3u, (rig.Reg(ACTLR) >> 12) & 3); // TLBMCFG
        Assert.Equal(3u, (rig.Reg(ACTLR) >> 16) & 3); // V2PCFG
        Assert.Equal(0xFF0A81A8u, rig.Reg(PRRR));
        Assert.Equal(0x40E040E0u, rig.Reg(NMRR));
        Assert.Equal(0x1u, rig.Reg(BFBCR)); // BFBDFE
        Assert.Equal(0u, rig.Hw.Read(CBACR_N + 4u * (uint)rig.Num) >> 24); // IRPTNDX 0
    }

    [Fact]
    public void Attach_KeepsTheProbeAsidAndAttachesAtTheListHead()
    {
        var rig = new LegacyMsmRig(attach: false);
        Device misc = rig.GetCtx("vfe_misc");
        Assert.Equal(0, rig.Core.IommuAttachDevice(rig.D, misc));
        // CONTEXTIDR is not part of the attach-time reset since 3.0 (msm.md §2.5 step 1): ASID = 1 stays.
        Assert.Equal(1u, rig.Reg(misc, CONTEXTIDR));
        var priv = (MsmPriv)rig.D.Priv!;
        Assert.Equal(0, rig.Core.IommuAttachDevice(rig.D, rig.Ctx));
        Assert.Equal([0, 1], priv.ListAttached.Select(c => c.Num).ToArray()); // list_add at the head
        Assert.Same(priv, ((MsmIommuCtxDrvdata)misc.DriverData!).AttachedTo);
    }

    [Fact]
    public void Attach_WithOtherCpuPrrrNmrr_CopiesThemIntoTheContext()
    {
        var rig = new LegacyMsmRig(cpuPrrr: 0x12345678, cpuNmrr: 0x9ABCDEF0);
        Assert.Equal(0x12345678u, rig.Reg(PRRR));
        Assert.Equal(0x9ABCDEF0u, rig.Reg(NMRR));
    }

    [Fact]
    public void Attach_ResetsStaleContextStateFirst()
    {
        var rig = new LegacyMsmRig(attach: false);
        // Leave junk in registers the reset list covers (msm.md §2.3).
        rig.Hw.Write(((uint)rig.Num << 12) + TTBR1, 0xDEAD4000);
        rig.Hw.Write(((uint)rig.Num << 12) + PAR, 0x1234);
        rig.Hw.Write(((uint)rig.Num << 12) + FAR, 0x5678);
        rig.Hw.Write(((uint)rig.Num << 12) + ACTLR, 0xFFFFFFFF);
        Assert.Equal(0, rig.Core.IommuAttachDevice(rig.D, rig.Ctx));
        Assert.Equal(0u, rig.Reg(TTBR1));
        Assert.Equal(0u, rig.Reg(PAR));
        Assert.Equal(0u, rig.Reg(FAR));
        Assert.Equal(ProgrammedActlr, rig.Reg(ACTLR));
    }

    [Fact]
    public void Attach_TwiceToTheSameDomain_IsEbusyAndChangesNothing()
    {
        var rig = new LegacyMsmRig();
        Assert.Equal(LegacyMsmRig.EBUSY, rig.Core.IommuAttachDevice(rig.D, rig.Ctx));
        Assert.Single(((MsmPriv)rig.D.Priv!).ListAttached);
        Assert.Equal(rig.Fl, rig.Reg(TTBR0));
    }

    [Fact]
    public void Attach_ToAnotherDomain_IsEbusyAndKeepsTheFirstTable()
    {
        var rig = new LegacyMsmRig();
        IommuDomain other = rig.Core.IommuDomainAlloc(0)!;
        Assert.Equal(LegacyMsmRig.EBUSY, rig.Core.IommuAttachDevice(other, rig.Ctx));
        Assert.Equal(rig.Fl, rig.Reg(TTBR0));
        Assert.Empty(((MsmPriv)other.Priv!).ListAttached);
        Assert.Same(rig.D.Priv, ((MsmIommuCtxDrvdata)rig.Ctx.DriverData!).AttachedTo);
    }

    [Fact]
    public void Attach_OfANonContextDevice_IsEinval()
    {
        var rig = new LegacyMsmRig(attach: false);
        Assert.Equal(LegacyMsmRig.EINVAL, rig.Core.IommuAttachDevice(rig.D, new Device("camera")));
        // An instance device has no instance parent drvdata.
        Assert.Equal(LegacyMsmRig.EINVAL, rig.Core.IommuAttachDevice(rig.D, rig.Ctx.Parent!));
    }

    [Fact]
    public void OneDomain_CanHoldManyContextsAcrossInstances()
    {
        var rig = new LegacyMsmRig();
        string[] names = ["vfe_misc", "gfx3d_user", "gfx3d_priv", "mdp_rgb2"];
        foreach (string n in names)
            Assert.Equal(0, rig.Core.IommuAttachDevice(rig.D, rig.GetCtx(n)));
        foreach (string n in names.Append("vfe_imgwr"))
        {
            Device c = rig.GetCtx(n);
            Assert.Equal(rig.Fl, rig.Reg(c, TTBR0));
            Assert.Equal(0x3u, rig.Reg(c, SCTLR));
            Assert.Equal(ProgrammedActlr, rig.Reg(c, ACTLR));
        }
        Assert.Equal(
            [("mdp1", 1), ("gfx3d", 1), ("gfx3d", 0), ("vfe", 1), ("vfe", 0)],
            ((MsmPriv)rig.D.Priv!).ListAttached.Select(c => (((MsmIommuDrvdata)c.Pdev.Parent!.DriverData!).Name, c.Num)).ToArray());
        // The undeclared bank 2 of gfx3d stays untouched.
        Assert.Equal(0u, rig.Soc.FindMsmIommu("gfx3d")!.PeekContextRegister(2, TTBR0));
    }

    [Fact]
    public void Detach_ResetsTheContextAndAllowsReattach()
    {
        var rig = new LegacyMsmRig();
        rig.Core.IommuDetachDevice(rig.D, rig.Ctx);
        foreach (uint reg in (uint[])[SCTLR, ACTLR, TTBR0, TTBR1, TTBCR, PRRR, NMRR, BFBCR, PAR, FAR])
            Assert.Equal(0u, rig.Reg(reg));
        Assert.Empty(((MsmPriv)rig.D.Priv!).ListAttached);
        Assert.Null(((MsmIommuCtxDrvdata)rig.Ctx.DriverData!).AttachedTo);
        // Translation is off: a device access passes through.
        Assert.Equal(MsmTranslationOutcome.Bypass, rig.Hw.Translate(rig.Num, 0x12345678, write: false).Outcome);

        IommuDomain other = rig.Core.IommuDomainAlloc(0)!;
        Assert.Equal(0, rig.Core.IommuAttachDevice(other, rig.Ctx));
        Assert.Equal(LegacyMsmRig.PtOf(other).FlTable, rig.Reg(TTBR0));
        Assert.NotEqual(rig.Fl, rig.Reg(TTBR0));
    }

    [Fact]
    public void Detach_KeepsTheAsidOfANonZeroBank()
    {
        var rig = new LegacyMsmRig(attach: false);
        Device misc = rig.GetCtx("vfe_misc");
        Assert.Equal(0, rig.Core.IommuAttachDevice(rig.D, misc));
        rig.Core.IommuDetachDevice(rig.D, misc);
        Assert.Equal(0u, rig.Reg(misc, SCTLR));
        Assert.Equal(0u, rig.Reg(misc, TTBR0));
        Assert.Equal(1u, rig.Reg(misc, CONTEXTIDR)); // __reset_context skips CONTEXTIDR since 3.0 (msm.md §2.5 step 1)
    }

    [Fact]
    public void Detach_OfOneContext_LeavesTheOthersProgrammed()
    {
        var rig = new LegacyMsmRig();
        Device misc = rig.GetCtx("vfe_misc");
        Assert.Equal(0, rig.Core.IommuAttachDevice(rig.D, misc));
        rig.Core.IommuDetachDevice(rig.D, rig.Ctx);
        Assert.Equal(0u, rig.Reg(SCTLR));
        Assert.Equal(rig.Fl, rig.Reg(misc, TTBR0));
        Assert.Equal(0x3u, rig.Reg(misc, SCTLR));
        Assert.Equal([1], ((MsmPriv)rig.D.Priv!).ListAttached.Select(c => c.Num).ToArray());
    }

    [Fact]
    public void Detach_OfAContextThatWasNeverAttached_StillResetsIt()
    {
        var rig = new LegacyMsmRig(attach: false);
        uint b = (uint)rig.Num << 12;
        rig.Hw.Write(b + SCTLR, 0x3);
        rig.Hw.Write(b + TTBR0, 0x81234000);
        rig.Hw.Write(b + ACTLR, ProgrammedActlr);
        rig.Hw.Write(b + PRRR, 0xFF0A81A8);
        rig.Core.IommuDetachDevice(rig.D, rig.Ctx);
        Assert.Equal(0u, rig.Reg(SCTLR));
        Assert.Equal(0u, rig.Reg(TTBR0));
        Assert.Equal(0u, rig.Reg(ACTLR));
        Assert.Equal(0u, rig.Reg(PRRR));
        Assert.Empty(((MsmPriv)rig.D.Priv!).ListAttached);
        Assert.Equal(0, rig.Core.IommuAttachDevice(rig.D, rig.Ctx));
    }

    [Fact]
    public void Detach_ThroughAnotherDomain_ResetsAndUnlinksTheContext()
    {
        var rig = new LegacyMsmRig();
        IommuDomain other = rig.Core.IommuDomainAlloc(0)!;
        rig.Core.IommuDetachDevice(other, rig.Ctx);
        Assert.Equal(0u, rig.Reg(SCTLR));
        Assert.Equal(0u, rig.Reg(TTBR0));
        // list_del_init on the context's node: the context is free again.
        Assert.Equal(0, rig.Core.IommuAttachDevice(other, rig.Ctx));
        Assert.Equal(LegacyMsmRig.PtOf(other).FlTable, rig.Reg(TTBR0));
    }

    [Fact]
    public void Clocks_AreBalancedAfterAttachAndDetach()
    {
        var rig = new LegacyMsmRig();
        var drv = (MsmIommuDrvdata)rig.Ctx.Parent!.DriverData!;
        Assert.Equal(0, drv.Pclk.EnableCount);
        rig.Core.IommuDetachDevice(rig.D, rig.Ctx);
        Assert.Equal(0, drv.Pclk.EnableCount);
        Assert.Equal(0, drv.Clk!.EnableCount);
    }

    [Fact]
    public void DomainFree_DoesNotDetachTheContext()
    {
        var rig = new LegacyMsmRig();
        uint fl = rig.Fl;
        // A 1M section at 0x40000000 → 0x8A300000, never accessed through the TLB before the free.
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40000000, 0x8A300000, 8, 0));
        rig.Core.IommuDomainFree(rig.D);

        Assert.Null(rig.D.Priv);
        Assert.False(rig.Soc.Pages.IsAllocated(fl)); // the FL table is freed...
        Assert.Equal(fl, rig.Reg(TTBR0));            // ...but the context still points at it (msm.md §5.2)
        Assert.Equal(0x3u, rig.Reg(SCTLR));
        Assert.NotNull(((MsmIommuCtxDrvdata)rig.Ctx.DriverData!).AttachedTo);

        // The hardware walks the freed table's memory.
        MsmTranslation t = rig.Hw.Translate(rig.Num, 0x40012345, write: false);
        Assert.Equal(MsmTranslationOutcome.Walked, t.Outcome);
        Assert.Equal(0x8A312345u, t.Pa);

        // The node is still on the freed domain's list: attaching elsewhere is -EBUSY (msm.md §9.11).
        IommuDomain other = rig.Core.IommuDomainAlloc(0)!;
        Assert.Equal(LegacyMsmRig.EBUSY, rig.Core.IommuAttachDevice(other, rig.Ctx));
    }

    [Fact]
    public void DomainFree_ReleasesTheFirstAndSecondLevelTables()
    {
        var rig = new LegacyMsmRig();
        int before = rig.Soc.Pages.AllocatedPages;
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40023000, 0x8A345000, 0, 0));
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x50030000, 0x8A350000, 4, 0));
        uint sl1 = rig.SlTable(0x40023000), sl2 = rig.SlTable(0x50030000);
        Assert.Equal(before + 2, rig.Soc.Pages.AllocatedPages);
        uint fl = rig.Fl;
        rig.Core.IommuDomainFree(rig.D);
        Assert.False(rig.Soc.Pages.IsAllocated(sl1));
        Assert.False(rig.Soc.Pages.IsAllocated(sl2));
        Assert.False(rig.Soc.Pages.IsAllocated(fl));
        Assert.Equal(before - 4, rig.Soc.Pages.AllocatedPages);
        Assert.Equal(0, rig.Core.LiveDomainCount);
    }
}
