using Migration.Kernel;
using CsCheck;
using Migration.Hardware.Msm;

namespace Legacy.Msm.Tests;

/// <summary>msm_iommu_iova_to_phys through the V2P hardware (msm.md §5.10, §9.9).</summary>
public class IovaToPhysTests
{
    private static readonly uint[] Sizes = [0x1000, 0x10000, 0x100000, 0x1000000];
    private static readonly int[] Orders = [0, 4, 8, 12];

    [Fact]
    public void IovaToPhys_IsZeroWhenNoContextIsAttached()
    {
        var rig = new LegacyMsmRig(attach: false);
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40023000, 0x8A345000, 0, 0));
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x20100000, 0x8A300000, 8, 0));
        Assert.Equal(0u, rig.Core.IommuIovaToPhys(rig.D, 0x40023456));
        Assert.Equal(0u, rig.Core.IommuIovaToPhys(rig.D, 0x20112345));
    }

    [Fact]
    public void IovaToPhys_IsZeroAgainAfterTheLastContextIsDetached()
    {
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40023000, 0x8A345000, 0, 0));
        Assert.Equal(0x8A345456u, rig.Core.IommuIovaToPhys(rig.D, 0x40023456));
        rig.Core.IommuDetachDevice(rig.D, rig.Ctx);
        Assert.Equal(0u, rig.Core.IommuIovaToPhys(rig.D, 0x40023456));
    }

    [Theory]
    [InlineData(0x40023000u, 0x8A345000u, 0, 0x40023ABCu, 0x8A345ABCu)]
    [InlineData(0x30050000u, 0x8A350000u, 4, 0x3005FFFCu, 0x8A35FFFCu)]
    [InlineData(0x30050000u, 0x8A350000u, 4, 0x30051234u, 0x8A351234u)]
    [InlineData(0x20100000u, 0x8A300000u, 8, 0x201ABCDEu, 0x8A3ABCDEu)]
    [InlineData(0x11000000u, 0x85000000u, 12, 0x11FEDCBAu, 0x85FEDCBAu)]
    [InlineData(0x11000000u, 0x85000000u, 12, 0x11000001u, 0x85000001u)]
    public void IovaToPhys_TranslatesEachPageSizeWithItsOffset(uint iova, uint pa, int order, uint probe, uint expected)
    {
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMap(rig.D, iova, pa, order, 0));
        Assert.Equal(expected, rig.Core.IommuIovaToPhys(rig.D, probe));
        Assert.Equal(expected, MsmTableWalker.WalkToPhys(rig.Soc.Memory, rig.Fl, probe));
    }

    [Theory]
    [InlineData(0x40024000u)] // empty SL slot under the table
    [InlineData(0x40123000u)] // empty FL slot
    [InlineData(0x00000000u)]
    [InlineData(0xFFFFFFFFu)]
    public void IovaToPhys_IsZeroForAnUnmappedVa(uint va)
    {
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40023000, 0x8A345000, 0, 0));
        Assert.Equal(0u, rig.Core.IommuIovaToPhys(rig.D, va));
        // The probe reports through PAR only: no FSR, no interrupt, no stall.
        Assert.Equal(0u, rig.Reg(0x020));
        Assert.Equal(0, rig.Hw.Interrupt.Raised);
        Assert.False(rig.Hw.IsStalled(rig.Num));
        Assert.Equal(1u, rig.Reg(0x01C) & 1); // PAR.FAULT
    }

    [Fact]
    public void IovaToPhys_IsZeroAfterUnmap()
    {
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x20100000, 0x8A300000, 8, 0));
        Assert.Equal(0x8A300010u, rig.Core.IommuIovaToPhys(rig.D, 0x20100010));
        Assert.Equal(0, rig.Core.IommuUnmap(rig.D, 0x20100000, 8));
        Assert.Equal(0u, rig.Core.IommuIovaToPhys(rig.D, 0x20100010));
    }

    [Fact]
    public void IovaToPhys_InvalidatesTheContextTlbBeforeTheProbe()
    {
        // Mainline writes CTX_TLBIALL before V2PPR (msm.md §5.10): a stale TLB entry is not reported.
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40023000, 0x8A345000, 0, 0));
        Assert.Equal(MsmTranslationOutcome.Walked, rig.Hw.Translate(rig.Num, 0x40023000, false).Outcome);
        rig.Soc.Memory.WriteWord(rig.SlTable(0x40023000) + 4 * 0x23, 0x8B777C36); // behind the driver's back
        Assert.Equal(0x8B777010u, rig.Core.IommuIovaToPhys(rig.D, 0x40023010));
    }

    [Fact]
    public void IovaToPhys_UsesTheFirstContextOnTheList()
    {
        // Two contexts on one domain: the most recently attached (list head) does the probe.
        var rig = new LegacyMsmRig();
        Device gfx = rig.GetCtx("gfx3d_user");
        Assert.Equal(0, rig.Core.IommuAttachDevice(rig.D, gfx));
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40023000, 0x8A345000, 0, 0));
        Assert.Equal(0x8A345678u, rig.Core.IommuIovaToPhys(rig.D, 0x40023678));
        Assert.Equal(0x8A345000u, rig.Reg(gfx, 0x01C) & 0xFFFFF000); // gfx3d_user's PAR holds the result
        Assert.Equal(0u, rig.Reg(0x01C)); // vfe_imgwr's PAR untouched
    }

    [Fact]
    public void IovaToPhys_MatchesTheHardwareWalkerForRandomAlignedMappings()
    {
        Gen.Select(Gen.Int[0, 3], Gen.UInt[0, 0xFFFFFFFF], Gen.UInt[0, 0xFFFFFFFF], Gen.UInt[0, 0xFFFFFFFF])
            .Sample((kind, ivaRaw, paRaw, offRaw) =>
            {
                uint size = Sizes[kind];
                uint iova = ivaRaw & ~(size - 1);
                uint pa = paRaw & ~(size - 1);
                uint off = offRaw & (size - 1);
                var rig = new LegacyMsmRig();
                Assert.Equal(0, rig.Core.IommuMap(rig.D, iova, pa, Orders[kind], (int)(offRaw >> 29)));
                uint va = iova + off;
                uint got = rig.Core.IommuIovaToPhys(rig.D, va);
                Assert.Equal(MsmTableWalker.WalkToPhys(rig.Soc.Memory, rig.Fl, va), got);
                Assert.Equal(pa + off, got);
                // Just outside the only mapping, on both sides (with 32-bit wrap-around): unmapped.
                Assert.Equal(0u, rig.Core.IommuIovaToPhys(rig.D, unchecked(iova + size)));
                Assert.Equal(0u, rig.Core.IommuIovaToPhys(rig.D, unchecked(iova - 1)));
            }, iter: 200);
    }
}
