using Migration.Drivers.Omap;
using Migration.Hardware;
using Migration.Kernel;

namespace Legacy.Omap.Tests;

/// <summary>The "omap-iommu" platform driver: registration, probe, remove, arch table (omap.md §2.1, §2.6, §4.3, §4.6, §8.19).</summary>
public class OmapIommuDriverTests
{
    [Fact]
    public void Register_ProbesEveryMmuOfTheSoc()
    {
        var rig = new LegacyOmapRig(getIsp: false);

        Assert.Equal(new[] { "isp", "iva2", "ducati", "tesla" }, rig.Driver.Devices.Select(d => d.Name));
        foreach (OmapIommu obj in rig.Driver.Devices)
        {
            Assert.True(obj.IsBound);
            Assert.Equal(0u, obj.Refcount);
            Assert.NotNull(obj.Mmu.Interrupt.Handler);
            Assert.Same(rig.Driver, obj.Driver);
            Assert.Empty(obj.Instance.Mmap);
        }
    }

    [Fact]
    public void Probe_CopiesThePlatformData()
    {
        var rig = new LegacyOmapRig(getIsp: false);

        OmapIommu isp = rig.Driver.FindDevice("isp")!;
        OmapIommu iva2 = rig.Driver.FindDevice("iva2")!;

        Assert.Equal((0u, 0xFFFFF000u, 8), (isp.DaStart, isp.DaEnd, isp.Instance.NrTlbEntries));
        Assert.Equal((0x11000000u, 0xFFFFF000u, 32), (iva2.DaStart, iva2.DaEnd, iva2.Instance.NrTlbEntries));
        Assert.Equal(24, isp.Mmu.Interrupt.Number);
        Assert.Equal("cam_ick", isp.Mmu.Clock.Name);
    }

    [Fact]
    public void Probe_AllocatesA16KAlignedZeroedL1TablePerMmu()
    {
        var rig = new LegacyOmapRig(getIsp: false);
        var tables = rig.Driver.Devices.Select(d => d.Instance.Iopgd).ToList();

        Assert.Equal(new uint[] { 0x80000000, 0x80004000, 0x80008000, 0x8000C000 }, tables);
        foreach (OmapIommu obj in rig.Driver.Devices)
        {
            Assert.Equal(0u, obj.Instance.Iopgd & 0x3FFF);
            Assert.True(rig.Soc.Pages.IsAllocated(obj.Instance.Iopgd));
            Assert.True(rig.Soc.Pages.IsAllocated(obj.Instance.Iopgd + 0x3000));
            Assert.True(rig.L1TableIsZero(obj));
        }
    }

    [Fact]
    public void Probe_ZeroesATableOverDirtyMemory()
    {
        var soc = Soc.CreateDefault(memoryBackground: 0xDEADBEEF);
        var driver = OmapIommuDriver.Register(soc, new KernelMemory(soc.Pages));

        OmapIommu isp = driver.FindDevice("isp")!;

        for (uint i = 0; i < 4096; i++)
            Assert.Equal(0u, soc.Memory.ReadWord(isp.Instance.Iopgd + (i << 2)));
    }

    [Fact]
    public void InstallArch_Twice_ReturnsEbusy()
    {
        var rig = new LegacyOmapRig(getIsp: false);
        Omap2IommuArch installed = rig.Driver.InstalledArch!;

        Assert.Equal(-16, rig.Driver.InstallArch(new Omap2IommuArch(OmapAttributeEncoding.Linux30)));

        Assert.Same(installed, rig.Driver.InstalledArch);
    }

    [Fact]
    public void UninstallArch_ClearsEvenAForeignTable_ThenInstallSucceeds()
    {
        var rig = new LegacyOmapRig(getIsp: false);

        rig.Driver.UninstallArch(new Omap2IommuArch(OmapAttributeEncoding.Linux31));
        Assert.Null(rig.Driver.InstalledArch);

        var again = new Omap2IommuArch(OmapAttributeEncoding.Linux30);
        Assert.Equal(0, rig.Driver.InstallArch(again));
        Assert.Same(again, rig.Driver.InstalledArch);
    }

    [Fact]
    public void ArchVersion_Is0x11()
    {
        var rig = new LegacyOmapRig(getIsp: false);

        Assert.Equal(0x11u, rig.Driver.ArchVersion());
    }

    [Fact]
    public void Register_Installs3_0AttributeEncoding()
    {
        var rig = new LegacyOmapRig();

        Assert.Equal(OmapAttributeEncoding.Linux30, rig.Driver.InstalledArch!.AttributeEncoding);
        // §3.4: 3.0 puts 64K attributes at the section positions (shift 6): E 0x200 << 6 = 0x8000.
        uint pa = rig.AllocPages(order: 4);
        IotlbEntry.Init(out IotlbEntry e, 0x00410000, pa, IovmFlags.IOVMF_PGSZ_64K | IovmFlags.IOVMF_ENDIAN_BIG);
        Assert.Equal(0, IopgTable.StoreEntry(rig.Isp, e));
        Assert.Equal(pa | 0x8000 | 0x1, rig.Pte(0x00410000));
    }

    [Fact]
    public void Remove_ClearsAllMappingsAndFreesTheTables()
    {
        var rig = new LegacyOmapRig();
        uint l1 = rig.Isp.Instance.Iopgd;
        Assert.Equal(0x1000u, Iovmm.Vmalloc(rig.Isp, 0, 0x2000, 0));
        Assert.Equal(0x00300000u, Iovmm.Vmap(rig.Isp, 0x00300000, rig.SgOfPages(1, out _), IovmFlags.IOVMF_DA_FIXED));
        Assert.Equal(0x00400000u, Iovmm.Kmap(rig.Isp, 0x00400000, 0x88000000, 0x100000, IovmFlags.IOVMF_DA_FIXED));
        Assert.Equal(2, rig.Driver.L2Cache.LiveObjects);
        Assert.True(rig.IspMmu.Translate(0x1000).Succeeded);

        rig.Driver.Remove(rig.Isp);

        Assert.Equal(0, rig.Driver.L2Cache.LiveObjects);
        Assert.False(rig.Soc.Pages.IsAllocated(l1));
        Assert.Equal(0u, rig.Soc.Memory.ReadWord(l1 + (0x004u << 2))); // the section entry was cleared
        Assert.Equal(0u, rig.Isp.Instance.Iopgd);
        Assert.False(rig.Isp.IsBound);
        Assert.True(rig.TlbEmpty());
        Assert.Null(rig.IspMmu.Interrupt.Handler);
        Assert.Null(rig.Driver.FindDevice("isp"));
        Assert.Equal(3, rig.Driver.Devices.Count);
    }

    [Fact]
    public void Get_AfterRemove_ReturnsEnodev()
    {
        var rig = new LegacyOmapRig(getIsp: false);
        rig.Driver.Remove(rig.Isp);

        ErrPtr<OmapIommu> got = OmapIommu.Get(rig.Driver, "isp");

        Assert.True(got.IsErr);
        Assert.Equal(-19, got.PtrErr);
        Assert.Equal(-19, OmapIommu.SetIsr(rig.Driver, "isp", null, null));
    }

    [Fact]
    public void Iovmm_OnARemovedDevice_ReturnsEinval()
    {
        var rig = new LegacyOmapRig();
        rig.Driver.Remove(rig.Isp);

        Assert.Equal(0xFFFFFFEAu, Iovmm.Vmalloc(rig.Isp, 0, 0x1000, 0));
        Assert.Equal(0xFFFFFFEAu, Iovmm.Vmap(rig.Isp, 0, rig.SgOfPages(1, out _), 0));
        Assert.Equal(0xFFFFFFEAu, Iovmm.Kmap(rig.Isp, 0, 0x88000000, 0x1000, 0));
        Assert.Equal(0xFFFFFFEAu, Iovmm.Kmalloc(rig.Isp, 0, 0x1000, 0));
    }

    [Fact]
    public void Remove_LeavesTheOtherInstancesAlone()
    {
        var rig = new LegacyOmapRig();
        OmapIommu iva2 = rig.Iva2;
        uint da = Iovmm.Vmalloc(iva2, 0, 0x1000, 0);
        Assert.Equal(0x11000000u, da);

        rig.Driver.Remove(rig.Isp);

        Assert.True(iva2.IsBound);
        Assert.Equal(1, rig.Driver.L2Cache.LiveObjects);
        Assert.NotNull(Iovmm.FindIovmArea(iva2, da));
        Assert.Same(iva2, OmapIommu.Get(rig.Driver, "iva2").Value);
    }

    [Fact]
    public void Probe_Again_AfterRemove_GivesAFreshEmptyDevice()
    {
        var rig = new LegacyOmapRig(getIsp: false);
        rig.Driver.Remove(rig.Isp);

        Assert.Equal(0, rig.Driver.Probe(rig.IspMmu));

        OmapIommu isp = rig.Driver.FindDevice("isp")!;
        Assert.NotSame(rig.Isp, isp);
        Assert.True(rig.L1TableIsZero(isp));
        Assert.False(OmapIommu.Get(rig.Driver, "isp").IsErrOrNull);
    }

    [Fact]
    public void Probe_ObjectAllocationFailure_ReturnsEnomem()
    {
        var rig = new LegacyOmapRig(getIsp: false);
        rig.Driver.Remove(rig.Isp);
        rig.Kmem.KzallocFaults.FailAt(1);

        Assert.Equal(-12, rig.Driver.Probe(rig.IspMmu));
        Assert.Null(rig.Driver.FindDevice("isp"));
    }

    [Fact]
    public void Probe_L1TableAllocationFailure_ReturnsEnomem()
    {
        var rig = new LegacyOmapRig(getIsp: false);
        rig.Driver.Remove(rig.Isp);
        rig.Soc.Pages.Faults.FailAt(1);

        Assert.Equal(-12, rig.Driver.Probe(rig.IspMmu));
        Assert.Null(rig.Driver.FindDevice("isp"));
    }
}
