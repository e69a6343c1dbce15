using Generic.Iommu;
using Generic.Omap;
using Generic.Omap3isp;
using Migration.Drivers.Omap;
using Migration.Kernel;
using Migration.Scenarios.KnownBad;
using PortedIommuDriver = Generic.Omap.OmapIommuDriver;

namespace Migration.Scenarios.Omap3isp;

/// <summary>omap3isp on Linux 3.3 (omap.md §7.7): a generic domain attached at probe, omap-iovmm on the generic API.</summary>
internal class PortedIspWorld : IspWorld
{
    private readonly PortedIommuDriver _driver;
    private readonly IspPlatform _platform;
    private readonly Dictionary<int, int> _requested = new();
    private IspDevice? _isp;

    /// <summary>
    /// A 3.3 world on omap-iovmm, or with <paramref name="backend"/> DmaMapping the port onto the DMA API; with
    /// <paramref name="knownBad"/> the pieces that port replaces are its (test-only). <paramref name="nameByClientBuffers"/>
    /// when compared buffer by buffer (default: for every backend but iovmm, whose areas both eras place alike).
    /// </summary>
    public PortedIspWorld(IspMemoryBackend backend = IspMemoryBackend.Iovmm, KnownBadPort? knownBad = null, bool? nameByClientBuffers = null)
        : this((backend == IspMemoryBackend.Iovmm
            ? "Linux 3.3: omap3isp on a generic IOMMU domain with omap-iovmm (omap_iommu_vmap/vmalloc(domain, dev, ...))"
            : "omap3isp ported onto the DMA-mapping API over a generic IOMMU domain (dma_map_sg, dma_alloc_coherent; no iovmm)")
            + (knownBad is null ? "" : $", with the known-bad port {knownBad.Name} (test-only)"),
            backend, sharedSpace: null, knownBad, nameByClientBuffers ?? backend != IspMemoryBackend.Iovmm)
    {
    }

    /// <summary>
    /// A 3.3 world named <paramref name="name"/> whose ISP uses <paramref name="backend"/> (with
    /// <paramref name="sharedSpace"/> for the shared-space port); with <paramref name="knownBad"/> the ISP's domain
    /// and DMA ops are what that port makes of them.
    /// </summary>
    protected PortedIspWorld(string name, IspMemoryBackend backend, SharedAddressSpace? sharedSpace, KnownBadPort? knownBad)
        : this(name, backend, sharedSpace, knownBad, backend != IspMemoryBackend.Iovmm)
    {
    }

    private PortedIspWorld(string name, IspMemoryBackend backend, SharedAddressSpace? sharedSpace, KnownBadPort? knownBad, bool nameByClientBuffers)
        : base(name, nameByClientBuffers)
    {
        var bus = new BusType("platform");
        _driver = PortedIommuDriver.Register(Soc, Kmem, bus);
        // The histogram takes the IOMMU path (no system DMA channel), so all three statistics engines are compared.
        _platform = new IspPlatform(Soc, Kmem, _driver, knownBad?.OmapBus(bus) ?? bus)
        {
            HistDmaChannelAvailable = false,
            MemoryBackend = backend,
            SharedSpace = sharedSpace,
            WrapDmaOps = knownBad is null ? null : knownBad.DmaOps,
        };
    }

    /// <summary>The ISP's domain, once probed.</summary>
    protected IommuDomain? IspDomain => _isp?.Domain;

    protected override UserAddressSpace UserSpace => _platform.UserSpace;

    private IspDevice Isp => _isp ?? throw new InvalidOperationException("the ISP is not probed (the scenario probes it first)");

    protected override uint Root() => _isp?.Domain?.Priv is OmapIommuDomain d ? d.Pgtable : 0;

    protected override IReadOnlyList<IovmArea> Areas() => _driver.FindDevice("isp")?.Instance.Mmap ?? [];

    protected override int Probe() => _isp is not null ? -Errno.EBUSY : IspDevice.Probe(_platform, out _isp);

    protected override int Remove()
    {
        Isp.Remove();
        _isp = null;
        return 0;
    }

    protected override int Get() => Isp.Get() is null ? -Errno.EIO : 0;

    protected override int Put()
    {
        Isp.Put();
        return 0;
    }

    protected override int Suspend() => Isp.PmPrepare();

    protected override int Resume()
    {
        Isp.PmComplete();
        return 0;
    }

    protected override int RequestBuffers(int node, uint count, uint size, int mem)
    {
        _requested[node] = mem;
        return Isp.Video((IspVideoNode)node).RequestBuffers(count, size, mem == 0 ? IspMemoryType.Mmap : IspMemoryType.UserPtr);
    }

    protected override int MemoryKind(int node, int index) =>
        index < Isp.Video((IspVideoNode)node).BufferCount ? _requested.GetValueOrDefault(node) : -1;

    protected override uint BufferLength(int node, int index) => Isp.Video((IspVideoNode)node).Buffer(index).Length;

    protected override int Queue(int node, int index, uint userptr, uint length) => Isp.Video((IspVideoNode)node).Queue(index, userptr, length);

    protected override int Dequeue(int node, int index) => Isp.Video((IspVideoNode)node).Dequeue(index);

    protected override int ReleaseBuffers(int node) => Isp.Video((IspVideoNode)node).ReleaseBuffers();

    protected override (uint Da, uint Length)? BufferAddress(int node, int index)
    {
        IspVideo video = Isp.Video((IspVideoNode)node);
        if (index >= video.BufferCount)
            return null;
        IspVideoBuffer b = video.Buffer(index);
        return b.Prepared ? (b.IspAddr, b.Length) : null;
    }

    protected override int StreamOn() => Isp.Ccdc.StreamOn();

    protected override int StreamOff() => Isp.Ccdc.StreamOff();

    protected override int LscConfig(uint size) => Isp.Ccdc.LscConfig(size);

    protected override int FlushLsc()
    {
        Isp.Ccdc.FlushFreeQueue();
        return 0;
    }

    protected override int FpcConfig(bool enable, uint fpnum, uint user) => Isp.Ccdc.FpcConfig(enable, fpnum, user);

    protected override int StatConfig(int module, uint size) => Stat(module).Config(size);

    protected override int StatEnable(int module, bool on) => Stat(module).Enable(on);

    protected override (uint Da, uint Length)? StatBuffer(int module, int index)
    {
        IspStat stat = Stat(module);
        return index < stat.BufferAddresses.Count ? (stat.BufferAddresses[index], stat.BufferSize) : null;
    }

    protected override IEnumerable<(string Key, uint Da, uint Length, uint[] Pages)> ClientBuffers()
    {
        if (_isp is null)
            yield break;
        for (int node = 0; node <= (int)IspVideoNode.ResizerOutput; node++)
        {
            IspVideo video = _isp.Video((IspVideoNode)node);
            for (int i = 0; i < video.BufferCount; i++)
            {
                IspVideoBuffer b = video.Buffer(i);
                if (b.Prepared && b.Sgt is { } sgt)
                    yield return ($"video{node}.{i}", b.IspAddr & ~0xFFFu, KernelMemory.PageAlign(b.Length + (b.IspAddr & 0xFFF)), SgPages(sgt));
            }
        }
        for (int m = 0; m < 3; m++)
        {
            IspStat stat = Stat(m);
            for (int i = 0; i < stat.Buffers.Count; i++)
            {
                IspStatBuffer b = stat.Buffers[i];
                if (b.VirtAddr != 0 && stat.BufferAddresses[i] is not 0 and < 0xFFFFF000)
                    yield return ($"stat{m}.{i}", stat.BufferAddresses[i], stat.BufferSize, KernelPages(b.VirtAddr, stat.BufferSize));
            }
        }
        if (_isp.Ccdc.LscActive is { KernelAddress: not 0 } lsc)
            yield return ("lsc.active", lsc.Table, KernelMemory.PageAlign(lsc.Size), KernelPages(lsc.KernelAddress, lsc.Size));
        if (_isp.Ccdc.LscRequest is { KernelAddress: not 0 } pending)
            yield return ("lsc.pending", pending.Table, KernelMemory.PageAlign(pending.Size), KernelPages(pending.KernelAddress, pending.Size));
    }

    private IspStat Stat(int module) => module switch
    {
        0 => Isp.Aewb,
        1 => Isp.Af,
        _ => Isp.Hist,
    };
}
