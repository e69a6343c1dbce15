using Generic.Iommu;
using Generic.Msm;
using Migration.Drivers.Msm;
using Migration.Hardware;
using Migration.Hardware.Msm;
using Migration.Kernel;

namespace Generic.Msm.Tests;

/// <summary>The MSM driver on the 3.3 core (msm.md §5.6, §5.8, §5.14; generic.md §5, §9.7).</summary>
public class PortedMsmDriverTests
{
    private readonly Soc _soc = Soc.CreateDefault();
    private readonly BusType _bus = new("platform");
    private readonly MsmIommuDriver _driver;
    private readonly IommuDomain _domain;

    public PortedMsmDriverTests()
    {
        _driver = MsmIommuDriver.Register(_soc, new KernelMemory(_soc.Pages), _bus);
        _domain = IommuApi.DomainAlloc(_bus)!;
    }

    private MsmPageTable Table => ((MsmPriv)_domain.Priv!).PageTable;

    private uint Sl(uint va) => _soc.Memory.ReadWord((Table.ReadFl(va >> 20) & 0xFFFFFC00) + (((va >> 12) & 0xFF) << 2));

    [Fact]
    public void PgsizeBitmap_Is4K64K1M16M() => Assert.Equal(0x01111000u, _driver.Ops.PgsizeBitmap);

    [Fact]
    public void IommuMap_SplitsIntoSectionLargeAndSmallPages()
    {
        Assert.Equal(0, IommuApi.Map(_domain, 0x40000000, 0x50000000, 0x00111000, 1));
        Assert.Equal(0x50031C0Eu, Table.ReadFl(0x400)); // 1M, class 7
        Assert.Equal(0x50100C7Du, Sl(0x40100000));      // 64K, TEX0 at bit 6 as the driver writes it
        Assert.Equal(0x50100C7Du, Sl(0x4010F000));
        Assert.Equal(0x50110C7Eu, Sl(0x40110000));      // 4K
    }

    [Fact]
    public void DriverUnmap_OfALengthItDoesNotRecognise_ReportsItWithoutTouchingTheTable()
    {
        IommuApi.Map(_domain, 0x40000000, 0x50000000, 0x2000, 0);
        Assert.Equal(0x2000u, _driver.Ops.Unmap(_domain, 0x40000000, 0x2000));
        Assert.Equal(0x50000C36u, Sl(0x40000000));
        Assert.Equal(0x50001C36u, Sl(0x40001000));
    }

    [Fact]
    public void IommuUnmapOf8K_UnmapsNothingButReportsFullSuccess()
    {
        IommuApi.Map(_domain, 0x40000000, 0x50000000, 0x2000, 0);
        Assert.Equal(0x2000u, IommuApi.Unmap(_domain, 0x40000000, 0x2000)); // §5.14: the remaining length is not a page size
        Assert.Equal(0x50000C36u, Sl(0x40000000));
    }

    [Fact]
    public void IommuUnmapOfOnePage_Clears()
    {
        IommuApi.Map(_domain, 0x40000000, 0x50000000, 0x1000, 0);
        Assert.Equal(0x1000u, IommuApi.Unmap(_domain, 0x40000000, 0x1000));
        Assert.Equal(0u, Table.ReadFl(0x400)); // the emptied SL table is freed
    }

    [Fact]
    public void UnmapOfAnEmptySlot_StillReportsTheLength()
    {
        Assert.Equal(0x100000u, _driver.Ops.Unmap(_domain, 0x70000000, 0x100000));
    }

    [Fact]
    public void AttachedContext_TranslatesThroughTheHardwareAndV2P()
    {
        Device ctx = _driver.GetCtx("vcodec_a_mm1")!;
        Assert.Equal(0, IommuApi.AttachDevice(_domain, ctx));
        Assert.Equal(0, IommuApi.Map(_domain, 0x01000000, 0x88000000, 0x10000, 0));
        MsmIommu hw = ((MsmIommuDrvdata)ctx.Parent!.DriverData!).Hardware;
        MsmTranslation t = hw.Translate(((MsmIommuCtxDrvdata)ctx.DriverData!).Num, 0x0100ABCD, write: true);
        Assert.Equal(MsmTranslationOutcome.Walked, t.Outcome);
        Assert.Equal(0x8800ABCDu, t.Pa);
        Assert.Equal(0x8800ABCDu, IommuApi.IovaToPhys(_domain, 0x0100ABCD));
        Assert.Equal(-16, IommuApi.AttachDevice(IommuApi.DomainAlloc(_bus)!, ctx));
    }

    [Fact]
    public void SecondBusRegistration_FailsAtBoot() =>
        Assert.Throws<InvalidOperationException>(() => MsmIommuDriver.Register(_soc, new KernelMemory(_soc.Pages), _bus));
}
