using Generic.Iommu;
using Generic.Iommu.Dma;
using Generic.Omap;
using Generic.Omap3isp;
using Migration.Drivers.Omap;
using Migration.Hardware;
using Migration.Kernel;

namespace Migration.Benchmarks;

/// <summary>
/// The Linux 3.3 OMAP stack on its own SoC: omap-iommu registered on the platform bus, one domain with the ISP client
/// (archdata.iommu = "isp") attached as the 3.3 isp_probe does; optionally the DMA-mapping port's ops on the client
/// (generic/Generic.Omap3isp/DmaIspMemory.cs: an IovaAllocator over [0x1000, 0xFFFFF000) and the OMAP prot 0), and
/// optionally the driver's batched ops (<see cref="OmapIommuPagesOps"/>) on the bus instead of the 3.3 ones.
/// </summary>
internal sealed class GenericOmapWorld
{
    public GenericOmapWorld(bool dmaOps, bool batched = false)
    {
        Soc = Soc.CreateDefault();
        Kmem = new KernelMemory(Soc.Pages);
        Bus = new BusType("platform");
        Driver = OmapIommuDriver.Register(Soc, Kmem, Bus, batched);
        Domain = IommuApi.DomainAlloc(Bus) ?? throw new InvalidOperationException("iommu_domain_alloc failed");
        Client = new Device("omap3isp") { ArchDataIommu = new OmapIommuArchData("isp") };
        int ret = IommuApi.AttachDevice(Domain, Client);
        if (ret != 0)
            throw new InvalidOperationException($"iommu_attach_device failed: {Errno.Describe(ret)}");
        Isp = Driver.FindDevice("isp")!;
        if (dmaOps)
        {
            Iova = new IovaAllocator(DmaIspMemory.IovaStart, DmaIspMemory.IovaEnd);
            DmaApi.SetDmaOps(Client, new IommuDmaOps(Domain, Iova, Kmem, IspDmaProt.ForDirection));
        }
    }

    public Soc Soc { get; }

    public KernelMemory Kmem { get; }

    public BusType Bus { get; }

    public OmapIommuDriver Driver { get; }

    public IommuDomain Domain { get; }

    public Device Client { get; }

    public OmapIommuDevice Isp { get; }

    public IovaAllocator? Iova { get; }

    public uint Pgtable => ((OmapIommuDomain)Domain.Priv!).Pgtable;

    /// <summary>TLB flushes the ISP MMU's driver issued (flush_iotlb_page, flush_iotlb_all).</summary>
    public int TlbFlushes => Isp.Instance.TlbFlushes;

    /// <summary>True when the ISP has no iovm area, no IOVA is held and the domain's L1 table is empty.</summary>
    public bool NothingMapped =>
        Isp.Instance.Mmap.Count == 0 && (Iova?.AllocatedRanges ?? 0) == 0
        && StateFingerprint.AllZero(Soc.Memory, Pgtable, IopgtableFormat.PTRS_PER_IOPGD);

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
        ("l1", StateFingerprint.Words(Soc.Memory, Pgtable, IopgtableFormat.PTRS_PER_IOPGD)),
        ("areas", Isp.Instance.Mmap.Count),
        ("iova", Iova?.AllocatedRanges ?? 0),
        ("l2", Driver.L2Cache.LiveObjects),
        ("pages", Soc.Pages.AllocatedPages),
        ("vm", Kmem.VmAreaCount));
}
