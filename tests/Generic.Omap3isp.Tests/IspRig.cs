using Generic.Iommu;
using Generic.Iommu.Dma;
using Generic.Omap;
using Migration.Drivers.Omap;
using Migration.Hardware.Omap;
using Migration.Kernel;

namespace Generic.Omap3isp.Tests;

/// <summary>
/// A booted 3.3 world (OMAP IOMMU driver on the platform bus) with omap3isp probed on the chosen memory backend,
/// plus readers for the domain's page table and the ISP MMU.
/// </summary>
internal sealed class IspRig
{
    public const uint EINVAL_U32 = 0xFFFFFFEA;

    public IspRig(IspMemoryBackend backend = IspMemoryBackend.Iovmm, bool histDma = true, bool probe = true, Func<DmaDataDirection, int>? dmaProt = null, SharedAddressSpace? space = null)
    {
        Platform = IspPlatform.Boot(backend);
        Platform.SharedSpace = space;
        Platform.HistDmaChannelAvailable = histDma;
        Platform.DmaProt = dmaProt;
        BaselineKmalloc = Kmem.KmallocCount;
        BaselineVmAreas = Kmem.VmAreaCount;
        BaselinePages = Platform.Soc.Pages.AllocatedPages;
        if (probe)
        {
            Assert.Equal(0, IspDevice.Probe(Platform, out IspDevice? isp));
            Isp = isp!;
            Domain = Isp.Domain!;
            Pgtable = ((OmapIommuDomain)Domain.Priv!).Pgtable;
        }
    }

    public IspPlatform Platform { get; }

    public IspDevice Isp { get; } = null!;

    /// <summary>The domain probe attached (kept after remove so tests can look at what is left).</summary>
    public IommuDomain Domain { get; } = null!;

    /// <summary>Physical address of the domain's L1 table.</summary>
    public uint Pgtable { get; }

    public KernelMemory Kmem => Platform.KernelMemory;

    public UserAddressSpace User => Platform.UserSpace;

    public int BaselineKmalloc { get; }

    public int BaselineVmAreas { get; }

    public int BaselinePages { get; }

    public OmapIommuDevice IspIommu => Platform.IommuDriver.FindDevice("isp")!;

    public OmapMmu Mmu => IspIommu.Mmu;

    public List<IovmArea> Areas => IspIommu.Instance.Mmap;

    public DmaIspMemory DmaMem => (DmaIspMemory)Isp.Memory;

    public IovaAllocator Iova => DmaMem.Iova!;

    public IspVideo Video(IspVideoNode node = IspVideoNode.CcdcOutput) => Isp.Video(node);

    /// <summary>L1 descriptor for <paramref name="da"/>.</summary>
    public uint Pgd(uint da) => Platform.Soc.Memory.ReadWord(Pgtable + ((da >> 20) << 2));

    /// <summary>L2 descriptor for <paramref name="da"/> (asserts the L1 entry is a table pointer).</summary>
    public uint Pte(uint da)
    {
        uint pgd = Pgd(da);
        Assert.Equal(1u, pgd & 3);
        return Platform.Soc.Memory.ReadWord((pgd & 0xFFFFFC00) + (((da >> 12) & 0xFF) << 2));
    }

    public bool L1IsZero()
    {
        for (uint i = 0; i < 4096; i++)
        {
            if (Platform.Soc.Memory.ReadWord(Pgtable + (i << 2)) != 0)
                return false;
        }
        return true;
    }

    /// <summary>The MMU's view: the pa a device access to <paramref name="da"/> reaches (asserts it walks).</summary>
    public uint DeviceAccess(uint da)
    {
        OmapMmuTranslation t = Mmu.Translate(da);
        Assert.NotEqual(OmapMmuOutcome.Fault, t.Outcome);
        return t.Pa;
    }

    public byte ReadPhysByte(uint pa)
    {
        Span<byte> b = stackalloc byte[1];
        Platform.Soc.Memory.ReadBytes(pa, b);
        return b[0];
    }

    /// <summary>An anonymous user buffer of <paramref name="bytes"/> starting <paramref name="offset"/> bytes into its first page.</summary>
    public uint UserBuffer(uint bytes, uint offset = 0) => User.MmapAnonymous(bytes + offset) + offset;

    /// <summary>The physical page behind user address <paramref name="va"/>.</summary>
    public uint UserPage(uint va)
    {
        Span<uint> page = stackalloc uint[1];
        Assert.Equal(1, User.GetUserPages(va, 1, page));
        return page[0];
    }

    public IEnumerable<string> Callees(string caller) =>
        Isp.Memory.Calls.Where(c => c.Caller == caller).Select(c => c.Callee);
}
