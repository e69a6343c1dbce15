using Generic.Iommu;
using Migration.Drivers.Msm;
using Generic.MsmCamera;
using Migration.Clients.MsmCamera;
using Generic.Omap3isp;
using Migration.Equivalence;
using Migration.Hardware.Msm;
using Migration.Kernel;
using Migration.Scenarios.KnownBad;
using Migration.Scenarios.Omap3isp;

namespace Migration.Scenarios.SharedSpace;

/// <summary>
/// One SoC on which the ported omap3isp and the ported MSM camera client share buffers through one
/// <see cref="SharedAddressSpace"/> (issue #9): the ISP maps every video, statistics and LSC buffer through the
/// space, the camera's CAMERA domain joins it (replaying what is there) and keeps its own IMEM and frame mappings
/// below it, one-sided. The camera can leave the space, join again, or vanish mid-stream.
/// </summary>
internal sealed class SharedSpaceWorld : PortedIspWorld, ISharedSpaceWorld
{
    /// <summary>The shared range: above the CAMERA GEN_POOL partition [128K, 2G) the camera keeps for its own buffers (msm.md §7.3).</summary>
    public const uint SharedStart = 0x80000000;

    /// <summary>Size of the shared range (1 GiB).</summary>
    public const uint SharedSize = 0x40000000;

    private readonly SharedAddressSpace _space;
    private readonly MsmCameraPlatform _msm;
    private readonly DeviceAddressSpace _camera;
    private MsmCamera? _cam;
    private bool _crashed;
    private SharedSpaceView[]? _views;

    /// <summary>A fresh world; with <paramref name="knownBad"/> the pieces that port replaces (OMAP ops, the space, the camera's prot) are its.</summary>
    public SharedSpaceWorld(KnownBadPort? knownBad)
        : this(knownBad?.SharedSpace(SharedStart, SharedSize) ?? new SharedAddressSpace(SharedStart, SharedSize), knownBad)
    {
    }

    private SharedSpaceWorld(SharedAddressSpace space, KnownBadPort? knownBad)
        : base("omap3isp (3.3, OMAP MMU) and the MSM camera (3.3, MSM IOMMU) sharing one SharedAddressSpace" + (knownBad is null ? "" : $" (known-bad port {knownBad.Name})"),
            IspMemoryBackend.SharedSpace, space, knownBad)
    {
        _space = space;
        _msm = new MsmCameraPlatform(Soc, Kmem) { SharedProt = knownBad?.MsmSharedProt ?? MsmCameraProt.ForShared };
        _camera = new DeviceAddressSpace("camera", new MsmTranslationWalker(Soc.Memory), CameraRoot, CameraTlb);
    }

    /// <summary>The shared space.</summary>
    public SharedAddressSpace Space => _space;

    /// <inheritdoc />
    public override IReadOnlyList<DeviceAddressSpace> Spaces => [IspSpace, _camera];

    /// <inheritdoc />
    public IReadOnlyList<SharedSpaceView> SharedSpaces => _views ??= [new SharedSpaceView("vcm", _space.Start, _space.End, Intended, Attached)];

    protected override StepOutcome ApplyOther(TraceStep step) => StepOutcome.Of(step.Op switch
    {
        "msm-open" => _crashed ? -Errno.ENODEV : _cam is not null ? -Errno.EBUSY : MsmCamera.Open(_msm, out _cam),
        "msm-share" => Camera() is { } cam ? cam.ShareSpace(_space) : -Errno.ENODEV,
        "msm-unshare" => Camera() is { } cam ? cam.UnshareSpace() : -Errno.ENODEV,
        "msm-frame" => Camera() is { } cam ? RegisterFrame(cam, step.U("size")) : -Errno.ENODEV,
        "msm-crash" => Crash(),
        "cached-buffer" => MapCachedBuffer(step.U("size")),
        _ => throw new InvalidOperationException($"unknown op '{step.Op}' (the scenario validates ops before running)"),
    });

    // What every attached IOMMU must translate: each mapping's generic flags ask for write access when IOMMU_WRITE is
    // set, little-endian data, and a cacheable memory type exactly when IOMMU_CACHE is set.
    private IReadOnlyList<IntendedMapping> Intended() =>
        _space.Mappings.Select(m => new IntendedMapping(m.Iova, m.Size, m.Pa, new DeviceAccess(
            Writable: (m.Prot & IommuProt.IOMMU_WRITE) != 0,
            BigEndian: false,
            Cached: (m.Prot & IommuProt.IOMMU_CACHE) != 0))).ToList();

    private IReadOnlyList<DeviceAddressSpace> Attached()
    {
        var list = new List<DeviceAddressSpace>();
        foreach (IommuDomain d in _space.Domains)
        {
            if (ReferenceEquals(d, IspDomain))
                list.Add(IspSpace);
            else if (ReferenceEquals(d, _msm.CameraDomain))
                list.Add(_camera);
        }
        return list;
    }

    private MsmCamera? Camera() => _crashed ? null : _cam;

    // A private frame in the camera's own CAMERA GEN_POOL partition, outside the shared range: one-sided, so no other
    // device must see it. Its pages belong to the camera until the end of the session.
    private int RegisterFrame(MsmCamera cam, uint size)
    {
        uint pa = Soc.Pages.AllocPages(KernelMemory.GetOrder(size), zero: false);
        if (pa == 0)
            return -Errno.ENOMEM;
        int rc = cam.RegisterFrame(pa, size, 0, out int handle);
        return rc != 0 ? rc : handle;
    }

    // A buffer the CPU reads back through its cache (the application parsing a shared output), mapped through the space
    // with IOMMU_CACHE: every attached device that can express a memory type must map it cacheable. It stays mapped
    // until the end of the session. The result is the buffer's device address, or the space's errno.
    private long MapCachedBuffer(uint size)
    {
        uint pa = Soc.Pages.AllocPages(KernelMemory.GetOrder(size), zero: false);
        if (pa == 0)
            return -Errno.ENOMEM;
        var sg = default(Scatterlist);
        sg.SetPage(pa, size, 0);
        Tracker.CurrentCall = $"SharedAddressSpace.MapSg(0x{size:x} @0x{pa:x8}, IOMMU_READ|IOMMU_WRITE|IOMMU_CACHE)";
        uint da = _space.MapSg(SgTable.FromEntries([sg]), IommuProt.IOMMU_READ | IommuProt.IOMMU_WRITE | IommuProt.IOMMU_CACHE);
        return ErrValue.IsErrValue(da) ? (int)da : da;
    }

    // The camera's IOMMU disappears mid-stream: the space forgets its domain without touching its tables, the
    // camera's later calls find no device, and the ISP streams on with every buffer intact.
    private int Crash()
    {
        if (_crashed)
            return -Errno.ENODEV;
        _space.Forget(_msm.CameraDomain);
        _crashed = true;
        return 0;
    }

    private uint CameraRoot() => _msm.CameraDomain.Priv is MsmPriv priv ? priv.PageTable.FlTable : 0;

    private IEnumerable<TlbMapping> CameraTlb()
    {
        if (_cam is null || _crashed)
            yield break;
        foreach (MsmCameraContext c in _cam.AttachedContexts(MsmCameraDomainNames.Camera))
        {
            for (int i = 0; i < MsmIommu.TlbEntriesPerContext; i++)
            {
                MsmTlbEntry e = c.Instance.PeekTlb(c.Number, i);
                if (e.Valid)
                    yield return new TlbMapping(c.Number * 100 + i, e.VaBase, e.PageSize, e.PaBase);
            }
        }
    }
}
