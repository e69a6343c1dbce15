using Legacy.Iommu;
using Legacy.Msm;
using Migration.Drivers.Msm;
using Migration.Hardware.Msm;
using Migration.Kernel;
using static Legacy.Msm.MsmDomainNumbers;
using static Legacy.Msm.MsmSubsystemIds;
using static Legacy.Msm.MsmSubsystemMapFlags;

namespace Legacy.MsmCamera;

/// <summary>
/// An MSM camera client on the CAF msm-3.0 vendor IOMMU API (msm.md §8): msm_isp_open / release (IMEM ping/pong
/// through msm_iommu_map_contig_buffer), the board attach (iommu_domain_probe), frame registration (the
/// msm_pmem_table_add role without ION, through msm_subsystem_map_buffer for CAMERA), the gemini JPEG encoder's
/// msm_gemini_platform_v2p / _p2v, and the video codec's vidc_insert_addr_table / ddl_pmem_alloc. The §9
/// quirks these paths reach are reproduced, not fixed.
/// </summary>
public sealed class MsmCamera
{
    // IMEM buffers are mapped with SZ_4K alignment (msm_isp_open, msm.md §8).
    private const uint SZ_4K = 0x1000;

    // msm_isp_open passes IOMMU_WRITE | IOMMU_READ as the `cached` argument (msm.md §9.18): non-zero → IOMMU_CACHE.
    private const uint ImemCached = IommuProt.IOMMU_WRITE | IommuProt.IOMMU_READ;

    // vidc_mmu_subsystem[] = {MSM_SUBSYSTEM_VIDEO, MSM_SUBSYSTEM_VIDEO_FWARE} (vidc_init.c / vcd_ddl_utils.c, msm.md §8).
    private static readonly int[] VidcMmuSubsystem = [MSM_SUBSYSTEM_VIDEO, MSM_SUBSYSTEM_VIDEO_FWARE];

    // ddl_pmem_alloc's &vidc_mmu_subsystem[1] with nsubsys 1: the firmware (128K-aligned) buffers.
    private static readonly int[] VidcFirmwareSubsystem = [MSM_SUBSYSTEM_VIDEO_FWARE];

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
    /// VIDEO and VIDEO_FWARE iovas in that order.
    /// </summary>
    public IReadOnlyList<MsmCameraBuffer> Buffers
    {
        get
        {
            var list = new List<MsmCameraBuffer>();
            foreach ((int handle, MsmCameraMapping m) in _mappings)
            {
                if (m.Kind == MsmCameraMappingKind.Imem)
                {
                    list.Add(new MsmCameraBuffer(handle, MsmCameraDomainNames.Camera, m.ContigIova, m.Length, m.Phys));
                    continue;
                }
                uint[] iova = m.Buffer.Value!.Iova!;
                for (int i = 0; i < m.SubsysIds.Length; i++)
                    list.Add(new MsmCameraBuffer(handle, DomainName(m.SubsysIds[i]), iova[i], m.Length, m.Phys));
            }
            return list;
        }
    }

    /// <summary>
    /// Opens the camera: the board attach (iommu_domain_probe) if the platform has not done it yet, then
    /// msm_isp_open: the ping IMEM buffer, then the pong one, each with msm_iommu_map_contig_buffer(phys,
    /// CAMERA_DOMAIN, GEN_POOL, round_up(Y + CbCr, 4K), SZ_4K, IOMMU_WRITE | IOMMU_READ) — a cached mapping
    /// (§9.18). A failed ping map is returned as is; a failed pong map unmaps ping first. 0 or the errno.
    /// </summary>
    public static int Open(MsmCameraPlatform p, out MsmCamera? cam)
    {
        ArgumentNullException.ThrowIfNull(p);
        cam = null;
        if (!p.BoardAttached)
            MsmCameraBoard.AttachContexts(p);

        var camera = new MsmCamera(p);
        uint size = p.ImemMapSize;
        int rc = p.Domains.MsmIommuMapContigBuffer(p.ImemPingPhys, CAMERA_DOMAIN, GEN_POOL, size, SZ_4K, ImemCached, out uint ping);
        if (rc != 0)
        {
            p.AddLog($"msm_isp_open: ping iommu mapping failed ({Errno.Describe(rc)})");
            return rc;
        }
        rc = p.Domains.MsmIommuMapContigBuffer(p.ImemPongPhys, CAMERA_DOMAIN, GEN_POOL, size, SZ_4K, ImemCached, out uint pong);
        if (rc != 0)
        {
            p.AddLog($"msm_isp_open: pong iommu mapping failed ({Errno.Describe(rc)})");
            p.Domains.MsmIommuUnmapContigBuffer(ping, CAMERA_DOMAIN, GEN_POOL, size);
            return rc;
        }
        camera._pingHandle = camera.Add(new MsmCameraMapping(p.ImemPingPhys, size, ping));
        camera._pongHandle = camera.Add(new MsmCameraMapping(p.ImemPongPhys, size, pong));
        camera._open = true;
        cam = camera;
        return 0;
    }

    /// <summary>
    /// msm_isp_release: msm_iommu_unmap_contig_buffer of ping and pong. Buffers still registered stay mapped
    /// (the ISP release does not own them). -EINVAL when the camera is not open (model choice: the kernel's
    /// file release cannot run twice).
    /// </summary>
    public int Release()
    {
        if (!_open)
            return -Errno.EINVAL;
        uint size = _platform.ImemMapSize;
        _platform.Domains.MsmIommuUnmapContigBuffer(_mappings[_pingHandle].ContigIova, CAMERA_DOMAIN, GEN_POOL, size);
        _mappings.Remove(_pingHandle);
        _platform.Domains.MsmIommuUnmapContigBuffer(_mappings[_pongHandle].ContigIova, CAMERA_DOMAIN, GEN_POOL, size);
        _mappings.Remove(_pongHandle);
        _open = false;
        return 0;
    }

    /// <summary>
    /// Frame registration (the msm_pmem_table_add role without ION): msm_subsystem_map_buffer(phys, length,
    /// MSM_SUBSYSTEM_MAP_IOVA | flags, {MSM_SUBSYSTEM_CAMERA}, 1). <paramref name="flags"/> may hold
    /// <see cref="MsmCameraFrameFlags.IOMMU_2X"/> and alignment bits (any bit ≥ 0x1000, floor power of two,
    /// §9.14); other bits are -EINVAL (client choice). Returns PTR_ERR of the result, or 0 with a handle —
    /// also when the IOVA allocation failed and iova[0] is 0 (§9.13). A phys that is not 4 KiB aligned hits the
    /// order-based iommu_map BUG (generic.md §4.3).
    /// </summary>
    public int RegisterFrame(uint phys, uint length, uint flags, out int handle)
    {
        handle = 0;
        if ((flags & ~MsmCameraFrameFlags.Allowed) != 0)
            return -Errno.EINVAL;
        return MapSubsystemBuffer(MsmCameraMappingKind.Frame, phys, length, MSM_SUBSYSTEM_MAP_IOVA | flags, [MSM_SUBSYSTEM_CAMERA], out handle);
    }

    /// <summary>
    /// Frame unregistration: msm_subsystem_unmap_buffer — every 4 KiB page over the mapped size (2X padding
    /// included) from iova[0], then msm_free_iova_address; for iova 0 that unmaps from IOVA 0 and then BUGs in
    /// gen_pool_free (§9.13). -EINVAL for a handle that is not a live frame.
    /// </summary>
    public int UnregisterFrame(int handle) => UnmapSubsystemBuffer(MsmCameraMappingKind.Frame, handle);

    /// <summary>
    /// msm_gemini_platform_v2p: msm_subsystem_map_buffer(paddr, size, MSM_SUBSYSTEM_MAP_IOVA,
    /// {MSM_SUBSYSTEM_CAMERA}, 1) (msm.md §8); the encoder is given iova[0]. 0 with a handle, or PTR_ERR.
    /// </summary>
    public int JpegMap(uint phys, uint length, out int handle) =>
        MapSubsystemBuffer(MsmCameraMappingKind.Jpeg, phys, length, MSM_SUBSYSTEM_MAP_IOVA, [MSM_SUBSYSTEM_CAMERA], out handle);

    /// <summary>msm_gemini_platform_p2v: msm_subsystem_unmap_buffer; -EINVAL for a handle that is not a live JPEG buffer.</summary>
    public int JpegUnmap(int handle) => UnmapSubsystemBuffer(MsmCameraMappingKind.Jpeg, handle);

    /// <summary>
    /// The video codec path (msm.md §8). Codec buffers (vidc_insert_addr_table): msm_subsystem_map_buffer(phys,
    /// length, IOVA | ALIGN_IOVA_8K, {VIDEO, VIDEO_FWARE}, 2) — one IOVA in VIDEO_MAIN_POOL and one in
    /// VIDEO_FIRMWARE_POOL of the same VIDEO domain. Firmware (ddl_pmem_alloc of a 128K-aligned buffer, which
    /// selects vidc_mmu_subsystem[1] and no ALIGN flag): IOVA | KADDR for {VIDEO_FWARE}, 1. A failed partition
    /// allocation leaves that iova 0 and still succeeds (§9.13). 0 with a handle, or PTR_ERR.
    /// </summary>
    public int CodecMap(uint phys, uint length, bool firmware, out int handle) => firmware
        ? MapSubsystemBuffer(MsmCameraMappingKind.Codec, phys, length, MSM_SUBSYSTEM_MAP_IOVA | MSM_SUBSYSTEM_MAP_KADDR, VidcFirmwareSubsystem, out handle)
        : MapSubsystemBuffer(MsmCameraMappingKind.Codec, phys, length, MSM_SUBSYSTEM_MAP_IOVA | MSM_SUBSYSTEM_ALIGN_IOVA_8K, VidcMmuSubsystem, out handle);

    /// <summary>
    /// vidc_delete_addr_table / ddl_pmem_free: msm_subsystem_unmap_buffer (an iova 0 is unmapped from IOVA 0 and
    /// BUGs in gen_pool_free, §9.13); -EINVAL for a handle that is not a live codec buffer.
    /// </summary>
    public int CodecUnmap(int handle) => UnmapSubsystemBuffer(MsmCameraMappingKind.Codec, handle);

    /// <summary>
    /// iommu_get_pt_base_addr of the named domain ("camera" / "video"): the physical address of its first-level
    /// table; 0 for any other name or a domain that could not be allocated.
    /// </summary>
    public uint FirstLevelTable(string domain)
    {
        IommuDomain? d = BoardDomain(domain);
        return d is null ? 0 : _platform.Core.IommuGetPtBaseAddr(d);
    }

    /// <summary>
    /// The contexts the named domain is attached to, in list_attached order (most recent first; the first one is
    /// what iova_to_phys uses, msm.md §5.10); empty for an unknown name.
    /// </summary>
    public IReadOnlyList<MsmCameraContext> AttachedContexts(string domain)
    {
        var list = new List<MsmCameraContext>();
        if (BoardDomain(domain)?.Priv is not MsmPriv priv)
            return list;
        foreach (MsmIommuCtxDrvdata ctx in priv.ListAttached)
        {
            var iommu = (MsmIommuDrvdata)ctx.Pdev.Parent!.DriverData!;
            var config = (MsmContextConfig)ctx.Pdev.PlatformData!;
            list.Add(new MsmCameraContext(config.Name, iommu.Hardware, ctx.Num));
        }
        return list;
    }

    private int MapSubsystemBuffer(MsmCameraMappingKind kind, uint phys, uint length, uint flags, int[] subsysIds, out int handle)
    {
        handle = 0;
        ErrPtr<MsmMappedBuffer> buf = _platform.Subsystem.MapBuffer(phys, length, flags, subsysIds, (uint)subsysIds.Length);
        if (buf.IsErr)
            return buf.PtrErr;
        // The callers use iova[i] without checking it (msm.md §9.13): a zero iova is recorded as such.
        handle = Add(new MsmCameraMapping(kind, phys, RoundUp4K(length), subsysIds, buf));
        return 0;
    }

    private int UnmapSubsystemBuffer(MsmCameraMappingKind kind, int handle)
    {
        if (!_mappings.TryGetValue(handle, out MsmCameraMapping? m) || m.Kind != kind)
            return -Errno.EINVAL;
        int rc = _platform.Subsystem.UnmapBuffer(m.Buffer);
        if (rc == 0)
            _mappings.Remove(handle);
        return rc;
    }

    private int Add(MsmCameraMapping mapping)
    {
        int handle = _nextHandle++;
        _mappings.Add(handle, mapping);
        return handle;
    }

    private IommuDomain? BoardDomain(string domain) => domain switch
    {
        MsmCameraDomainNames.Camera => _platform.Domains.MsmGetIommuDomain(CAMERA_DOMAIN),
        MsmCameraDomainNames.Video => _platform.Domains.MsmGetIommuDomain(VIDEO_DOMAIN),
        _ => null,
    };

    // The client's subsystems all live in CAMERA_DOMAIN or VIDEO_DOMAIN (msm_subsystem_get_domain_no, msm.md §7.6).
    private static string DomainName(int subsysId) =>
        MsmSubsystem.MsmSubsystemGetDomainNo(subsysId) == VIDEO_DOMAIN ? MsmCameraDomainNames.Video : MsmCameraDomainNames.Camera;

    // round_up(length, SZ_4K) as msm_subsystem_map_buffer computes it (msm.md §7.6 step 4a).
    private static uint RoundUp4K(uint bytes) => unchecked((bytes + SZ_4K - 1) & ~(SZ_4K - 1));
}
