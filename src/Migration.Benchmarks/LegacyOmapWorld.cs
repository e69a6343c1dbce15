using Legacy.Omap;
using Migration.Drivers.Omap;
using Migration.Hardware;
using Migration.Kernel;

namespace Migration.Benchmarks;

/// <summary>The Linux 3.0 OMAP stack on its own SoC: the driver probed and the ISP MMU taken with iommu_get("isp"), as isp_probe does.</summary>
internal sealed class LegacyOmapWorld
{
    public LegacyOmapWorld()
    {
        Soc = Soc.CreateDefault();
        Kmem = new KernelMemory(Soc.Pages);
        Driver = OmapIommuDriver.Register(Soc, Kmem);
        ErrPtr<OmapIommu> isp = OmapIommu.Get(Driver, "isp");
        Isp = isp.IsErrOrNull ? throw new InvalidOperationException($"iommu_get(\"isp\") failed: {isp}") : isp.Value!;
    }

    public Soc Soc { get; }

    public KernelMemory Kmem { get; }

    public OmapIommuDriver Driver { get; }

    public OmapIommu Isp { get; }

    /// <summary>True when the ISP has no iovm area and its L1 table is empty.</summary>
    public bool NothingMapped => Isp.Instance.Mmap.Count == 0 && StateFingerprint.AllZero(Soc.Memory, Isp.Instance.Iopgd, IopgtableFormat.PTRS_PER_IOPGD);

    /// <summary>
    /// Grows the iopte kmem_cache to hold <paramref name="tables"/> L2 tables at once (allocate, then free them): a
    /// cache keeps its slab pages, so without this the first map of a benchmark would add pages that stay.
    /// </summary>
    public void PrimeL2Cache(int tables)
    {
        var objects = new uint[tables];
        for (int i = 0; i < tables; i++)
            objects[i] = Driver.L2Cache.ZAlloc();
        foreach (uint pa in objects)
            Driver.L2Cache.Free(pa);
    }

    public string Fingerprint() => StateFingerprint.Of(
        ("l1", StateFingerprint.Words(Soc.Memory, Isp.Instance.Iopgd, IopgtableFormat.PTRS_PER_IOPGD)),
        ("areas", Isp.Instance.Mmap.Count),
        ("l2", Driver.L2Cache.LiveObjects),
        ("pages", Soc.Pages.AllocatedPages),
        ("vm", Kmem.VmAreaCount));
}
