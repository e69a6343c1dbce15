using Generic.Iommu;
using Generic.Iommu.Dma;
using Migration.Drivers.Msm;
using Migration.Hardware;
using Migration.Hardware.Memory;
using Migration.Hardware.Msm;
using Migration.Kernel;

namespace Generic.Msm.Tests;

/// <summary>DMA mapping on top of a domain (IOMMU-backed ops) and without one (direct ops with bounce buffers).</summary>
public class DmaMappingTests
{
    private readonly Soc _soc = Soc.CreateDefault();
    private readonly KernelMemory _kmem;
    private readonly MsmIommuPlatform _platform;
    private readonly IommuDomain _domain;
    private readonly Device _ctx;
    private readonly IovaAllocator _iova = new(0x10000000, 0x20000000);

    public DmaMappingTests()
    {
        _kmem = new KernelMemory(_soc.Pages);
        _platform = new MsmIommuPlatform(_kmem);
        _platform.ProbeAll(_soc);
        var bus = new BusType("platform");
        bus.SetIommu(new MsmIommuPagesOps(_platform));
        _domain = IommuApi.DomainAlloc(bus)!;
        _ctx = _platform.GetCtx("vcodec_a_mm1")!;
        Assert.Equal(0, IommuApi.AttachDevice(_domain, _ctx));
        DmaApi.SetDmaOps(_ctx, new IommuDmaOps(_domain, _iova, _kmem));
    }

    private MsmTranslation DeviceRead(uint iova)
    {
        MsmIommu hw = ((MsmIommuDrvdata)_ctx.Parent!.DriverData!).Hardware;
        return hw.Translate(((MsmIommuCtxDrvdata)_ctx.DriverData!).Num, iova, write: false);
    }

    private SgTable ThreeScatteredPages(out uint[] pages)
    {
        pages = [_soc.Pages.AllocPages(0, true), _soc.Pages.AllocPages(2, true) + 0x2000, _soc.Pages.AllocPages(0, true)];
        var entries = new Scatterlist[3];
        for (int i = 0; i < 3; i++)
            entries[i].SetPage(pages[i], 0x1000, 0);
        return SgTable.FromEntries(entries);
    }

    [Fact]
    public void MapSg_BehindTheIommu_GivesOneContiguousIovaRegion()
    {
        SgTable sgt = ThreeScatteredPages(out uint[] pages);

        Assert.Equal(3, DmaApi.MapSg(_ctx, sgt, DmaDataDirection.Bidirectional));

        Assert.Equal(0x10000000u, sgt.Sgl[0].DmaAddress);
        Assert.Equal(0x10001000u, sgt.Sgl[1].DmaAddress);
        Assert.Equal(0x10002000u, sgt.Sgl[2].DmaAddress);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(pages[i] + 0x10, IommuApi.IovaToPhys(_domain, sgt.Sgl[i].DmaAddress + 0x10));
            Assert.Equal(pages[i] + 0x20, DeviceRead(sgt.Sgl[i].DmaAddress + 0x20).Pa);
        }

        DmaApi.UnmapSg(_ctx, sgt, DmaDataDirection.Bidirectional);
        Assert.Equal(0u, IommuApi.IovaToPhys(_domain, 0x10000000));
        Assert.Equal(0, _iova.AllocatedRanges);
    }

    [Fact]
    public void FixedMapping_UsesTheCallersIova()
    {
        SgTable sgt = ThreeScatteredPages(out uint[] pages);
        sgt.Sgl[0].DmaAddress = 0x18000000;

        Assert.Equal(3, DmaApi.MapSg(_ctx, sgt, DmaDataDirection.ToDevice, DmaAttrs.DMA_ATTR_FIXED_MAPPING));

        Assert.Equal(0x18002000u, sgt.Sgl[2].DmaAddress);
        Assert.Equal(pages[2], IommuApi.IovaToPhys(_domain, 0x18002000));
        // The same fixed IOVA cannot be handed out twice.
        SgTable again = ThreeScatteredPages(out _);
        again.Sgl[0].DmaAddress = 0x18001000;
        Assert.Equal(0, DmaApi.MapSg(_ctx, again, DmaDataDirection.ToDevice, DmaAttrs.DMA_ATTR_FIXED_MAPPING));
        DmaApi.UnmapSg(_ctx, sgt, DmaDataDirection.ToDevice, DmaAttrs.DMA_ATTR_FIXED_MAPPING);
        Assert.Equal(0, _iova.AllocatedRanges);
    }

    [Fact]
    public void MapSingle_KeepsThePageOffset_AndUsesLargePagesWhenAligned()
    {
        uint buffer = _soc.Pages.AllocPages(4, zero: true); // 64 KiB, 64 KiB aligned
        uint handle = DmaApi.MapSingle(_ctx, buffer + 0x10, 0x10000 - 0x10, DmaDataDirection.FromDevice);

        Assert.Equal(0x10000010u, handle); // 64K-aligned IOVA for a 64K region
        Assert.Equal(buffer + 0x8000, IommuApi.IovaToPhys(_domain, 0x10008000));
        Assert.Equal(MsmPageTableFormat.SL_TYPE_LARGE, _soc.Memory.ReadWord((((MsmPriv)_domain.Priv!).PageTable.ReadFl(0x100) & 0xFFFFFC00)) & 3);
        DmaApi.UnmapSingle(_ctx, handle, 0x10000 - 0x10, DmaDataDirection.FromDevice);
        Assert.Equal(0u, IommuApi.IovaToPhys(_domain, 0x10008000));
    }

    [Fact]
    public void AllocCoherent_MapsDiscontiguousPagesContiguously()
    {
        uint va = DmaApi.AllocCoherent(_ctx, 0x3000, out uint handle);

        Assert.NotEqual(0u, va);
        Assert.Equal(0x10000000u, handle);
        for (uint off = 0; off < 0x3000; off += 0x1000)
            Assert.Equal(_kmem.VmallocToPhys(va + off), IommuApi.IovaToPhys(_domain, handle + off));
        DmaApi.FreeCoherent(_ctx, 0x3000, va, handle);
        Assert.Equal(0, _kmem.VmAreaCount);
    }

    [Fact]
    public void DirectOps_WithoutAnIommu_UsePhysicalAddresses_AndBounceAboveTheMask()
    {
        var lowPool = new PhysicalPageAllocator(_soc.Memory, 0x40000000, 0x100000); // a low DMA zone (on-chip RAM)
        var dev = new Device("isp-no-mmu") { DmaMask = 0x7FFFFFFF }; // a 31-bit master cannot reach RAM at 0x80000000
        var direct = new DirectDmaOps(_kmem, lowPool);
        DmaApi.SetDmaOps(dev, direct);
        uint buffer = _soc.Pages.AllocPages(0, zero: true);
        _soc.Memory.WriteWord(buffer + 8, 0xCAFEF00D);

        uint handle = DmaApi.MapSingle(dev, buffer, 0x1000, DmaDataDirection.Bidirectional);

        Assert.Equal(0x40000000u, handle);
        Assert.Equal(0xCAFEF00Du, _soc.Memory.ReadWord(handle + 8)); // copied to the bounce buffer for the device
        _soc.Memory.WriteWord(handle + 12, 0x12345678);              // the device writes through its bus address
        DmaApi.UnmapSingle(dev, handle, 0x1000, DmaDataDirection.Bidirectional);
        Assert.Equal(0x12345678u, _soc.Memory.ReadWord(buffer + 12)); // copied back on unmap
        Assert.Equal(0, direct.ActiveBounces);

        dev.DmaMask = 0xFFFFFFFF;
        Assert.Equal(buffer, DmaApi.MapSingle(dev, buffer, 0x1000, DmaDataDirection.ToDevice)); // reachable: no bounce
    }

    [Fact]
    public void SameClientCode_WorksBehindAnIommuAndWithout()
    {
        static uint ClientMapsAndReturnsBusAddress(Device dev, SgTable sgt)
        {
            int n = DmaApi.MapSg(dev, sgt, DmaDataDirection.ToDevice);
            return n == 0 ? DmaApi.DMA_ERROR_CODE : sgt.Sgl[0].DmaAddress;
        }

        var plain = new Device("plain");
        DmaApi.SetDmaOps(plain, new DirectDmaOps(_kmem, new PhysicalPageAllocator(_soc.Memory, 0x40000000, 0x100000)));
        SgTable a = ThreeScatteredPages(out uint[] pagesA);
        SgTable b = ThreeScatteredPages(out _);

        Assert.Equal(pagesA[0], ClientMapsAndReturnsBusAddress(plain, a));
        Assert.Equal(0x10000000u, ClientMapsAndReturnsBusAddress(_ctx, b));
    }

    [Fact]
    public void StreamingMapUnmap_AllocatesNothingPerCallOnceWarm()
    {
        SgTable sgt = ThreeScatteredPages(out _);
        int failures = 0;
        for (int i = 0; i < 20; i++)
        {
            failures += DmaApi.MapSg(_ctx, sgt, DmaDataDirection.Bidirectional) == 3 ? 0 : 1;
            DmaApi.UnmapSg(_ctx, sgt, DmaDataDirection.Bidirectional);
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 500; i++)
        {
            failures += DmaApi.MapSg(_ctx, sgt, DmaDataDirection.Bidirectional) == 3 ? 0 : 1;
            DmaApi.UnmapSg(_ctx, sgt, DmaDataDirection.Bidirectional);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, failures);
        Assert.Equal(0, allocated);
    }
}
