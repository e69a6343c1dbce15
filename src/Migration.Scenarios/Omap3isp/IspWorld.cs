using Migration.Clients.Omap3isp;
using Migration.Drivers.Omap;
using Migration.Equivalence;
using Migration.Hardware;
using Migration.Hardware.Memory;
using Migration.Hardware.Omap;
using Migration.Kernel;
using Migration.Scenarios.Omap;

namespace Migration.Scenarios.Omap3isp;

/// <summary>
/// A world running omap3isp for the `omap3isp-*` scenarios: the steps are the driver's entry points (probe, V4L2
/// REQBUFS/QBUF/DQBUF, CCDC and statistics configuration, power transitions), the device reads buffers through the
/// ISP MMU, and every iovmm area's pages are named by the area's device address so that both worlds compare by
/// content. The driver is the one omap3isp core (<see cref="IspDeviceCore"/>): the subclass only boots its era's
/// platform and probes the core there; the sequencing, user memory and the forwarding are the same in both.
/// </summary>
internal abstract class IspWorld : IEquivalenceWorld, IClientBufferView
{
    /// <summary>Physical window (outside the RAM bank) that PFNMAP user buffers map: a frame-buffer carve-out.</summary>
    public const uint PfnWindow = 0xA0000000;

    private readonly Dictionary<(int Node, int Index), (uint Va, uint Length)> _userMemory = new();
    private readonly HashSet<IovmArea> _named = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<uint, int> _areaIds = new();
    private readonly bool _nameByClientBuffers;
    private readonly Dictionary<string, int> _bufferIds = new();
    private readonly Dictionary<int, int> _requested = new();
    private IspDeviceCore? _isp;
    private DeviceAddressSpace[]? _spaces;
    private DeviceAddressSpace? _ispSpace;

    protected IspWorld(string name, bool nameByClientBuffers)
    {
        _nameByClientBuffers = nameByClientBuffers;
        Name = name;
        Soc = Soc.CreateDefault();
        Kmem = new KernelMemory(Soc.Pages);
        Mmu = Soc.FindOmapMmu("isp")!;
    }

    public string Name { get; }

    public PhysicalMemory Memory => Soc.Memory;

    public virtual IReadOnlyList<DeviceAddressSpace> Spaces => _spaces ??= [IspSpace];

    public PhysicalIdentity Identity { get; } = new();

    public WriteTracker Tracker { get; } = new();

    protected Soc Soc { get; }

    protected KernelMemory Kmem { get; }

    protected OmapMmu Mmu { get; }

    /// <summary>The ISP's device address space (the ISP MMU walking the domain's tables).</summary>
    protected DeviceAddressSpace IspSpace => _ispSpace ??= new DeviceAddressSpace("isp", new OmapTranslationWalker(Soc.Memory), Root, () => OmapWorldSupport.Tlb(Mmu));

    protected abstract UserAddressSpace UserSpace { get; }

    /// <summary>
    /// True when a `dma` step reads the video buffer's first and last byte through the address the driver gave the
    /// ISP (so a device address that lost the buffer's page offset shows), instead of its first, middle and last page.
    /// </summary>
    public bool ReadsFirstAndLastByte { get; init; }

    public StepOutcome Apply(TraceStep step)
    {
        Tracker.CurrentCall = $"{step}";
        StepOutcome outcome = step.Op switch
        {
            "probe" => StepOutcome.Of(Probe()),
            "remove" => StepOutcome.Of(Remove()),
            "get" => StepOutcome.Of(Get()),
            "put" => StepOutcome.Of(Put()),
            "suspend" => StepOutcome.Of(Suspend()),
            "resume" => StepOutcome.Of(Resume()),
            "reqbufs" => StepOutcome.Of(RequestBuffers(step.I("node"), step.U("count"), step.U("size"), step.I("mem"))),
            "qbuf" => StepOutcome.Of(QueueBuffer(step)),
            "dqbuf" => StepOutcome.Of(Dequeue(step.I("node"), step.I("index"))),
            "release" => StepOutcome.Of(ReleaseBuffers(step.I("node"))),
            "dma" => ReadBuffer(step.I("node"), step.I("index")),
            "streamon" => StepOutcome.Of(StreamOn()),
            "streamoff" => StepOutcome.Of(StreamOff()),
            "lsc" => StepOutcome.Of(LscConfig(step.U("size"))),
            "lscflush" => StepOutcome.Of(FlushLsc()),
            "fpc" => StepOutcome.Of(FpcConfig(step["on"] != 0, step.U("fpnum"), step.Has("user") ? step.U("user") : UserTable(step.U("fpnum") * 4))),
            "stat" => StepOutcome.Of(StatConfig(step.I("module"), step.U("size"))),
            "statenable" => StepOutcome.Of(StatEnable(step.I("module"), step["on"] != 0)),
            "statdma" => ReadStat(step.I("module"), step.I("index")),
            _ => ApplyOther(step),
        };
        if (_nameByClientBuffers)
            NameClientBuffers();
        else
            NameAreaPages();
        return outcome;
    }

    /// <summary>Runs a step outside omap3isp's vocabulary (a world that adds devices adds their steps here).</summary>
    protected virtual StepOutcome ApplyOther(TraceStep step) =>
        throw new InvalidOperationException($"unknown op '{step.Op}' (the scenario validates ops before running)");

    /// <summary>The client's live buffers: video buffers, statistics buffers and LSC tables, by a key both worlds share.</summary>
    public IReadOnlyList<ClientBuffer> LiveBuffers =>
        ClientBuffers().Select(b => new ClientBuffer(b.Key, "isp", b.Da, b.Length)).OrderBy(b => b.Key, StringComparer.Ordinal).ToList();

    // Worlds that place buffers differently (iovmm vs the DMA API) name pages by the client's own view of each buffer.
    private void NameClientBuffers()
    {
        foreach (var b in ClientBuffers())
        {
            if (!_bufferIds.TryGetValue(b.Key, out int id))
                _bufferIds[b.Key] = id = _bufferIds.Count;
            Identity.Name(id, b.Pages);
        }
    }

    /// <summary>The physical pages behind kernel address <paramref name="va"/> (vmalloc or linear map).</summary>
    protected uint[] KernelPages(uint va, uint length)
    {
        var pages = new uint[KernelMemory.PageAlign(length) >> 12];
        for (int i = 0; i < pages.Length; i++)
        {
            uint at = va + ((uint)i << 12);
            pages[i] = at >= KernelMemory.VMALLOC_START ? Kmem.VmallocToPhys(at) : Kmem.VirtToPhys(at);
        }
        return pages;
    }

    /// <summary>The physical pages an sg table covers, 4 KiB at a time.</summary>
    protected static uint[] SgPages(SgTable sgt)
    {
        var pages = new List<uint>();
        for (int i = 0; i < sgt.Nents; i++)
        {
            for (uint off = 0; off < sgt.Sgl[i].Offset + sgt.Sgl[i].Length; off += 0x1000)
                pages.Add(sgt.Sgl[i].PagePhys + off);
        }
        return [.. pages];
    }

    /// <summary>The client's live buffers with their pages (key, device address, length, physical pages).</summary>

    private int QueueBuffer(TraceStep step)
    {
        int node = step.I("node"), index = step.I("index");
        int mem = MemoryKind(node, index);
        if (mem < 0)
            return -Errno.EINVAL;
        if (mem == 0)
            return Queue(node, index, 0, 0);
        // USERPTR: the application's buffer, mapped once per (node, index) as the application would keep it.
        uint length = BufferLength(node, index);
        if (!_userMemory.TryGetValue((node, index), out var user))
        {
            // One page more than the buffer, so that a step may start the buffer at an offset into its first page.
            uint va = mem == 1
                ? UserSpace.MmapAnonymous(length + 0x1000)
                : UserSpace.MmapPfn(PfnWindow + (uint)(node * 16 + index) * 0x00800000u, length + 0x1000);
            user = (va, length);
            _userMemory[(node, index)] = user;
        }
        uint offset = step.Has("offset") ? step.U("offset") : 0;
        return Queue(node, index, user.Va + offset, length);
    }

    // The application's table (copy_from_user's source): fresh user memory, at the same user address in both worlds.
    private uint UserTable(uint bytes) => bytes == 0 ? 0 : UserSpace.MmapAnonymous(bytes);

    private StepOutcome ReadBuffer(int node, int index)
    {
        if (BufferAddress(node, index) is not { } b)
            return StepOutcome.Of(-Errno.ENOENT);
        if (ReadsFirstAndLastByte)
            return new StepOutcome(0, OmapWorldSupport.AccessFirstAndLastByte(Mmu, Identity, b.Da, b.Length, _nameByClientBuffers));
        return new StepOutcome(0, OmapWorldSupport.Access(Mmu, Identity, b.Da, b.Length, _nameByClientBuffers));
    }

    private StepOutcome ReadStat(int module, int index)
    {
        if (StatBuffer(module, index) is not { } b || b.Da == 0)
            return StepOutcome.Of(-Errno.ENOENT);
        return new StepOutcome(0, OmapWorldSupport.Access(Mmu, Identity, b.Da, b.Length, _nameByClientBuffers));
    }

    // Every iovmm area's pages are named by the area's first device address (both worlds allocate device addresses
    // the same way): vmalloc areas through their kernel mapping, vmap areas through their scatterlist.
    private void NameAreaPages()
    {
        IReadOnlyList<IovmArea> areas = Areas();
        if (areas.Count == 0 && _named.Count == 0)
            return;
        _named.IntersectWith(areas);
        foreach (IovmArea area in areas)
        {
            if (!_named.Add(area))
                continue;
            if (!_areaIds.TryGetValue(area.DaStart, out int id))
                _areaIds[area.DaStart] = id = _areaIds.Count;
            if ((area.Flags & IovmFlags.IOVMF_ALLOC) != 0 && area.Va != 0)
            {
                for (uint off = 0; off < area.Length; off += 0x1000)
                    Identity.Name(id, off >> 12, Kmem.VmallocToPhys(area.Va + off));
            }
            else if (area.Sgt is { } sgt)
            {
                uint page = 0;
                for (int i = 0; i < sgt.Nents; i++)
                {
                    for (uint off = 0; off < sgt.Sgl[i].Offset + sgt.Sgl[i].Length; off += 0x1000, page++)
                        Identity.Name(id, page, sgt.Sgl[i].PagePhys + off);
                }
            }
        }
    }

    /// <summary>The ISP's first-level table (what the ISP MMU's TTB points at), 0 before probe.</summary>
    protected abstract uint Root();

    /// <summary>The ISP's iovmm areas (empty for a port without iovmm).</summary>
    protected abstract IReadOnlyList<IovmArea> Areas();

    /// <summary>isp_probe on this world's platform: 0 with <paramref name="isp"/>, or the errno.</summary>
    protected abstract int ProbeIsp(out IspDeviceCore? isp);

    /// <summary>The probed ISP, or null.</summary>
    protected IspDeviceCore? ProbedIsp => _isp;

    private IspDeviceCore Isp => _isp ?? throw new InvalidOperationException("the ISP is not probed (the scenario probes it first)");

    private int Probe() => _isp is not null ? -Errno.EBUSY : ProbeIsp(out _isp);

    private int Remove()
    {
        Isp.Remove();
        _isp = null;
        return 0;
    }

    private int Get() => Isp.Get() is null ? -Errno.EIO : 0;

    private int Put()
    {
        Isp.Put();
        return 0;
    }

    private int Suspend() => Isp.PmPrepare();

    private int Resume()
    {
        Isp.PmComplete();
        return 0;
    }

    private int RequestBuffers(int node, uint count, uint size, int mem)
    {
        _requested[node] = mem;
        return Isp.Video((IspVideoNode)node).RequestBuffers(count, size, mem == 0 ? IspMemoryType.Mmap : IspMemoryType.UserPtr);
    }

    // 0 MMAP, 1 USERPTR, 2 USERPTR on a PFNMAP mapping (as the step asked at REQBUFS), -1 when the buffer does not exist.
    private int MemoryKind(int node, int index) =>
        index < Isp.Video((IspVideoNode)node).BufferCount ? _requested.GetValueOrDefault(node) : -1;

    private uint BufferLength(int node, int index) => Isp.Video((IspVideoNode)node).Buffer(index).Length;

    private int Queue(int node, int index, uint userptr, uint length) => Isp.Video((IspVideoNode)node).Queue(index, userptr, length);

    private int Dequeue(int node, int index) => Isp.Video((IspVideoNode)node).Dequeue(index);

    private int ReleaseBuffers(int node) => Isp.Video((IspVideoNode)node).ReleaseBuffers();

    // The device address and length of a prepared video buffer, or null.
    private (uint Da, uint Length)? BufferAddress(int node, int index)
    {
        IspVideoCore video = Isp.Video((IspVideoNode)node);
        if (index >= video.BufferCount)
            return null;
        IspVideoBufferCore b = video.Buffer(index);
        return b.Prepared ? (b.IspAddr, b.Length) : null;
    }

    private int StreamOn() => Isp.Ccdc.StreamOn();

    private int StreamOff() => Isp.Ccdc.StreamOff();

    private int LscConfig(uint size) => Isp.Ccdc.LscConfig(size);

    private int FlushLsc()
    {
        Isp.Ccdc.FlushFreeQueue();
        return 0;
    }

    private int FpcConfig(bool enable, uint fpnum, uint user) => Isp.Ccdc.FpcConfig(enable, fpnum, user);

    private int StatConfig(int module, uint size) => Stat(module).Config(size);

    private int StatEnable(int module, bool on) => Stat(module).Enable(on);

    // The da and size of statistics buffer index of the module; null when it has no such buffer.
    private (uint Da, uint Length)? StatBuffer(int module, int index)
    {
        IspStatEngine stat = Stat(module);
        return index < stat.BufferAddresses.Count ? (stat.BufferAddresses[index], stat.BufferSize) : null;
    }

    // The client's own view of its live buffers: key, da, length and the pages behind them.
    private IEnumerable<(string Key, uint Da, uint Length, uint[] Pages)> ClientBuffers()
    {
        if (_isp is null)
            yield break;
        for (int node = 0; node <= (int)IspVideoNode.ResizerOutput; node++)
        {
            IspVideoCore video = _isp.Video((IspVideoNode)node);
            for (int i = 0; i < video.BufferCount; i++)
            {
                IspVideoBufferCore b = video.Buffer(i);
                if (b.Prepared && b.Sgt is { } sgt)
                    yield return ($"video{node}.{i}", b.IspAddr & ~0xFFFu, KernelMemory.PageAlign(b.Length + (b.IspAddr & 0xFFF)), SgPages(sgt));
            }
        }
        for (int m = 0; m < 3; m++)
        {
            IspStatEngine stat = Stat(m);
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

    private IspStatEngine Stat(int module) => module switch
    {
        0 => Isp.Aewb,
        1 => Isp.Af,
        _ => Isp.Hist,
    };
}
