using Generic.Iommu;
using Migration.Drivers.Msm;
using Migration.Hardware.Msm;
using Migration.Kernel;

namespace Generic.MsmCamera;

/// <summary>
/// The MSM camera client after the move to the generic IOMMU API (3.3): the same call sites as the legacy client
/// (msm_isp_open / release, board attach, frame registration, gemini v2p / p2v, vidc_insert_addr_table /
/// ddl_pmem_alloc), now on iommu_domain_alloc(bus) domains, IOVAs from <see cref="IovaAllocator"/> partitions
/// with the legacy rules, and one byte-sized iommu_map per buffer. The device sees the same IOVAs, physical
/// addresses and memory attributes as in the legacy world, except where the tests pin a divergence: 64K pages of
/// TEX-class 7 (IMEM of 64K or more), IOVA-0 buffers (no unmap at 0, no BUG), unaligned phys (-EINVAL instead of
/// BUG), map failures (IOVA freed, the iommu_map errno returned), firmware mapped twice (allowed).
/// </summary>
public sealed class MsmCamera
{
    private const uint SZ_4K = 0x1000;

    // The legacy flag values the call sites passed (msm.md §7.6): ALIGN_IOVA_8K for vidc_insert_addr_table.
    private const uint ALIGN_IOVA_8K = MsmCameraFrameFlags.ALIGN_IOVA_8K;

    private readonly MsmCameraPlatform _platform;
    private readonly SortedDictionary<int, MsmCameraMapping> _mappings = new();
    private int _nextHandle = 1;
    private int _pingHandle;
    private int _pongHandle;
    private bool _open;

    private MsmCamera(MsmCameraPlatform platform) => _platform = platform;

    /// <summary>The platform the client runs on.</summary>
    public MsmCameraPlatform Platform => _platform;

    /// <summary>
    /// Every live device mapping, by handle (IMEM ping and pong first while open); a codec buffer lists its
    /// VIDEO_MAIN_POOL and VIDEO_FIRMWARE_POOL iovas in that order.
    /// </summary>
    public IReadOnlyList<MsmCameraBuffer> Buffers
    {
        get
        {
            var list = new List<MsmCameraBuffer>();
            foreach ((int handle, MsmCameraMapping m) in _mappings)
            {
                foreach (MsmCameraMappingTarget t in m.Targets)
                    list.Add(new MsmCameraBuffer(handle, t.Domain, t.Iova, m.Length, m.Phys));
            }
            return list;
        }
    }

    /// <summary>
    /// Opens the camera: the board attach if not yet done, then msm_isp_open ported: ping, then pong, each one
    /// iommu_map of round_up(Y + CbCr, 4K) bytes at a CAMERA GEN_POOL iova with <see cref="MsmCameraProt.Imem"/>
    /// (the class the legacy cached = 3 gave, §9.18). A failed ping map is returned as is; a failed pong map
    /// unmaps ping first. An IMEM address that is not 4 KiB aligned is -EINVAL from iommu_map (the legacy range
    /// op silently mapped the page below it). 0 or the errno.
    /// </summary>
    public static int Open(MsmCameraPlatform p, out MsmCamera? cam)
    {
        ArgumentNullException.ThrowIfNull(p);
        cam = null;
        if (!p.BoardAttached)
            MsmCameraBoard.AttachContexts(p);

        var camera = new MsmCamera(p);
        uint size = p.ImemMapSize;
        int rc = MsmCameraIommu.MapContig(p.CameraDomain, p.CameraGenPool, p.ImemPingPhys, size, SZ_4K, MsmCameraProt.Imem, out uint ping);
        if (rc != 0)
        {
            p.AddLog($"msm_isp_open: ping iommu mapping failed ({Errno.Describe(rc)})");
            return rc;
        }
        rc = MsmCameraIommu.MapContig(p.CameraDomain, p.CameraGenPool, p.ImemPongPhys, size, SZ_4K, MsmCameraProt.Imem, out uint pong);
        if (rc != 0)
        {
            p.AddLog($"msm_isp_open: pong iommu mapping failed ({Errno.Describe(rc)})");
            MsmCameraIommu.UnmapContig(p.CameraDomain, p.CameraGenPool, ping, p.ImemPingPhys, size, p);
            return rc;
        }
        camera._pingHandle = camera.Add(camera.ImemMapping(p.ImemPingPhys, size, ping));
        camera._pongHandle = camera.Add(camera.ImemMapping(p.ImemPongPhys, size, pong));
        camera._open = true;
        cam = camera;
        return 0;
    }

    /// <summary>
    /// msm_isp_release ported: unmaps ping and pong and frees their IOVAs. Buffers still registered stay mapped.
    /// -EINVAL when the camera is not open (model choice, as in the legacy client).
    /// </summary>
    public int Release()
    {
        if (!_open)
            return -Errno.EINVAL;
        foreach (int handle in (ReadOnlySpan<int>)[_pingHandle, _pongHandle])
        {
            MsmCameraMapping m = _mappings[handle];
            MsmCameraIommu.UnmapContig(_platform.CameraDomain, _platform.CameraGenPool, m.Targets[0].Iova, m.Phys, m.Length, _platform);
            _mappings.Remove(handle);
        }
        _open = false;
        return 0;
    }

    /// <summary>
    /// Frame registration ported: one CAMERA GEN_POOL iova of the rounded length (twice it with
    /// <see cref="MsmCameraFrameFlags.IOMMU_2X"/>, alignment from the flag bits ≥ 0x1000, §9.14), one iommu_map,
    /// 2X padding onto the dummy page. Other flag bits are -EINVAL. 0 with a handle — also when the IOVA
    /// allocation failed and the iova is 0 (§9.13, kept); a phys not 4 KiB aligned is -EINVAL from iommu_map;
    /// a failed iommu_map returns its errno with the IOVA freed.
    /// </summary>
    public int RegisterFrame(uint phys, uint length, uint flags, out int handle)
    {
        handle = 0;
        if ((flags & ~MsmCameraFrameFlags.Allowed) != 0)
            return -Errno.EINVAL;
        return Map(MsmCameraMappingKind.Frame, phys, length, flags, [CameraTarget], kaddr: false, out handle);
    }

    /// <summary>
    /// Frame unregistration ported: the buffer's pages, the padding pages, the IOVA (an iova of 0 is skipped, not
    /// unmapped at 0: no BUG, unlike the legacy §9.13 path). -EINVAL for a handle that is not a live frame.
    /// </summary>
    public int UnregisterFrame(int handle) => Unmap(MsmCameraMappingKind.Frame, handle);

    /// <summary>msm_gemini_platform_v2p ported: a CAMERA GEN_POOL iova, 4K aligned, one iommu_map. 0 with a handle, or the errno.</summary>
    public int JpegMap(uint phys, uint length, out int handle) =>
        Map(MsmCameraMappingKind.Jpeg, phys, length, 0, [CameraTarget], kaddr: false, out handle);

    /// <summary>msm_gemini_platform_p2v ported; -EINVAL for a handle that is not a live JPEG buffer.</summary>
    public int JpegUnmap(int handle) => Unmap(MsmCameraMappingKind.Jpeg, handle);

    /// <summary>
    /// The video codec path ported. Codec buffers: an 8K-aligned iova in VIDEO_MAIN_POOL and one in
    /// VIDEO_FIRMWARE_POOL of the VIDEO domain, one iommu_map each. Firmware: ioremap (the legacy KADDR), then a
    /// VIDEO_FIRMWARE_POOL iova, 4K aligned. A failed partition allocation leaves that iova 0 and succeeds (§9.13,
    /// kept). 0 with a handle, or the errno.
    /// </summary>
    public int CodecMap(uint phys, uint length, bool firmware, out int handle) => firmware
        ? Map(MsmCameraMappingKind.Codec, phys, length, 0, [VideoFirmwareTarget], kaddr: true, out handle)
        : Map(MsmCameraMappingKind.Codec, phys, length, ALIGN_IOVA_8K, [VideoMainTarget, VideoFirmwareTarget], kaddr: false, out handle);

    /// <summary>vidc_delete_addr_table / ddl_pmem_free ported; -EINVAL for a handle that is not a live codec buffer.</summary>
    public int CodecUnmap(int handle) => Unmap(MsmCameraMappingKind.Codec, handle);

    /// <summary>The shared address space the CAMERA domain has joined (<see cref="ShareSpace"/>), or null.</summary>
    public SharedAddressSpace? SharedSpace { get; private set; }

    /// <summary>
    /// Joins the CAMERA domain (the VFE, JPEG and VPE contexts) to <paramref name="space"/>: every buffer mapped there,
    /// now or later, is mapped into it at the same device address (the replay maps what is already there), with
    /// the cache slot <see cref="MsmCameraPlatform.SharedProt"/> (<see cref="MsmCameraProt.ForShared"/>) picks. The space's range must lie outside the
    /// CAMERA GEN_POOL partition the client still maps its own buffers in. 0; -EINVAL when the camera is not
    /// open; -EBUSY when it already shares a space; or the driver's error with nothing left mapped.
    /// </summary>
    public int ShareSpace(SharedAddressSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (!_open)
            return -Errno.EINVAL;
        if (SharedSpace is not null)
            return -Errno.EBUSY;
        int rc = space.Attach(_platform.CameraDomain, _platform.SharedProt);
        if (rc == 0)
            SharedSpace = space;
        return rc;
    }

    /// <summary>Leaves the shared space: its buffers are unmapped from the CAMERA domain only. 0, or -EINVAL when not sharing.</summary>
    public int UnshareSpace()
    {
        if (SharedSpace is not { } space)
            return -Errno.EINVAL;
        space.Detach(_platform.CameraDomain);
        SharedSpace = null;
        return 0;
    }

    /// <summary>The physical address of the named domain's first-level table ("camera" / "video"); 0 for any other name.</summary>
    public uint FirstLevelTable(string domain) =>
        Domain(domain)?.Priv is MsmPriv priv ? priv.PageTable.FlTable : 0;

    /// <summary>
    /// The contexts the named domain is attached to, in list_attached order (most recent first; the first one is
    /// what iova_to_phys uses, msm.md §5.10); empty for an unknown name.
    /// </summary>
    public IReadOnlyList<MsmCameraContext> AttachedContexts(string domain)
    {
        var list = new List<MsmCameraContext>();
        if (Domain(domain)?.Priv is not MsmPriv priv)
            return list;
        foreach (MsmIommuCtxDrvdata ctx in priv.ListAttached)
        {
            var iommu = (MsmIommuDrvdata)ctx.Pdev.Parent!.DriverData!;
            var config = (MsmContextConfig)ctx.Pdev.PlatformData!;
            list.Add(new MsmCameraContext(config.Name, iommu.Hardware, ctx.Num));
        }
        return list;
    }

    private (string, IommuDomain, MsmCameraIovaPool) CameraTarget =>
        (MsmCameraDomainNames.Camera, _platform.CameraDomain, _platform.CameraGenPool);

    private (string, IommuDomain, MsmCameraIovaPool) VideoMainTarget =>
        (MsmCameraDomainNames.Video, _platform.VideoDomain, _platform.VideoMainPool);

    private (string, IommuDomain, MsmCameraIovaPool) VideoFirmwareTarget =>
        (MsmCameraDomainNames.Video, _platform.VideoDomain, _platform.VideoFirmwarePool);

    private MsmCameraMapping ImemMapping(uint phys, uint size, uint iova) =>
        new(MsmCameraMappingKind.Imem, phys, size, size, padded: false,
            [new MsmCameraMappingTarget(MsmCameraDomainNames.Camera, _platform.CameraDomain, _platform.CameraGenPool, iova)]);

    private int Map(MsmCameraMappingKind kind, uint phys, uint length, uint flags,
        (string, IommuDomain, MsmCameraIovaPool)[] targets, bool kaddr, out int handle)
    {
        handle = 0;
        int rc = MsmCameraIommu.MapBuffer(_platform, kind, phys, length, flags, targets, kaddr, out MsmCameraMapping? mapping);
        if (rc != 0)
            return rc;
        handle = Add(mapping!);
        return 0;
    }

    private int Unmap(MsmCameraMappingKind kind, int handle)
    {
        if (!_mappings.TryGetValue(handle, out MsmCameraMapping? m) || m.Kind != kind)
            return -Errno.EINVAL;
        MsmCameraIommu.UnmapBuffer(_platform, m);
        _mappings.Remove(handle);
        return 0;
    }

    private int Add(MsmCameraMapping mapping)
    {
        int handle = _nextHandle++;
        _mappings.Add(handle, mapping);
        return handle;
    }

    private IommuDomain? Domain(string domain) => domain switch
    {
        MsmCameraDomainNames.Camera => _platform.CameraDomain,
        MsmCameraDomainNames.Video => _platform.VideoDomain,
        _ => null,
    };
}
