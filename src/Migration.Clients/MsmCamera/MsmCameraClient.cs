using Migration.Drivers.Msm;
using Migration.Hardware.Msm;
using Migration.Kernel;

namespace Migration.Clients.MsmCamera;

/// <summary>
/// The MSM camera client as both eras have it (msm.md §8): msm_isp_open / release (IMEM ping/pong), the board
/// attach on first open, frame registration (the msm_pmem_table_add role without ION), the gemini JPEG encoder's
/// msm_gemini_platform_v2p / _p2v, and the video codec's vidc_insert_addr_table / ddl_pmem_alloc, with the handle
/// bookkeeping the call sites keep. Every IOMMU call goes through the era (<see cref="IMsmCameraIommuEra"/>); what
/// the port changed lives there, the §9 quirks each era's calls reach included.
/// </summary>
public abstract class MsmCameraClient
{
    // IMEM buffers are mapped with SZ_4K alignment (msm_isp_open, msm.md §8).
    private const uint SZ_4K = 0x1000;

    private readonly SortedDictionary<int, Mapping> _mappings = new();
    private int _nextHandle = 1;
    private int _pingHandle;
    private int _pongHandle;

    /// <summary>A closed client whose IOMMU calls go to <paramref name="era"/>.</summary>
    protected MsmCameraClient(IMsmCameraIommuEra era)
    {
        ArgumentNullException.ThrowIfNull(era);
        Era = era;
    }

    /// <summary>The era the client's IOMMU calls go to.</summary>
    protected IMsmCameraIommuEra Era { get; }

    /// <summary>True between a successful open and its release.</summary>
    public bool IsOpen { get; private set; }

    /// <summary>
    /// Every live device mapping, by handle (IMEM ping and pong first while open); a codec buffer lists its
    /// VIDEO and VIDEO_FWARE iovas in that order.
    /// </summary>
    public IReadOnlyList<MsmCameraBuffer> Buffers
    {
        get
        {
            var list = new List<MsmCameraBuffer>();
            foreach ((int handle, Mapping m) in _mappings)
            {
                foreach (MsmCameraIova iova in m.Iovas)
                    list.Add(new MsmCameraBuffer(handle, iova.Domain, iova.Iova, m.Length, m.Phys));
            }
            return list;
        }
    }

    /// <summary>
    /// Frame registration: <paramref name="flags"/> may hold <see cref="MsmCameraFrameFlags.IOMMU_2X"/> and alignment
    /// bits (any bit ≥ 0x1000, floor power of two, §9.14); other bits are -EINVAL (client choice). Then the era's
    /// msm_pmem_table_add mapping. 0 with a handle — also when the IOVA allocation failed and the iova is 0
    /// (§9.13) — or the era's errno.
    /// </summary>
    public int RegisterFrame(uint phys, uint length, uint flags, out int handle)
    {
        handle = 0;
        if ((flags & ~MsmCameraFrameFlags.Allowed) != 0)
            return -Errno.EINVAL;
        int rc = Era.MsmPmemTableAdd(phys, length, flags, out MsmCameraMappedBuffer? buf);
        return Added(rc, MsmCameraMappingKind.Frame, phys, length, buf, out handle);
    }

    /// <summary>Frame unregistration (the era's msm_subsystem_unmap_buffer); -EINVAL for a handle that is not a live frame.</summary>
    public int UnregisterFrame(int handle) => Unmap(MsmCameraMappingKind.Frame, handle);

    /// <summary>msm_gemini_platform_v2p: the JPEG encoder's buffer mapped in CAMERA. 0 with a handle, or the errno.</summary>
    public int JpegMap(uint phys, uint length, out int handle)
    {
        int rc = Era.MsmGeminiPlatformV2p(phys, length, out MsmCameraMappedBuffer? buf);
        return Added(rc, MsmCameraMappingKind.Jpeg, phys, length, buf, out handle);
    }

    /// <summary>msm_gemini_platform_p2v; -EINVAL for a handle that is not a live JPEG buffer.</summary>
    public int JpegUnmap(int handle) => Unmap(MsmCameraMappingKind.Jpeg, handle);

    /// <summary>
    /// The video codec path (msm.md §8): a codec buffer (vidc_insert_addr_table: VIDEO_MAIN_POOL and
    /// VIDEO_FIRMWARE_POOL of the VIDEO domain) or, with <paramref name="firmware"/>, a 128K-aligned firmware buffer
    /// (ddl_pmem_alloc: VIDEO_FIRMWARE_POOL only, with a kernel mapping). A failed partition allocation leaves that
    /// iova 0 and still succeeds (§9.13). 0 with a handle, or the errno.
    /// </summary>
    public int CodecMap(uint phys, uint length, bool firmware, out int handle)
    {
        MsmCameraMappedBuffer? buf;
        int rc = firmware ? Era.DdlPmemAlloc(phys, length, out buf) : Era.VidcInsertAddrTable(phys, length, out buf);
        return Added(rc, MsmCameraMappingKind.Codec, phys, length, buf, out handle);
    }

    /// <summary>vidc_delete_addr_table / ddl_pmem_free; -EINVAL for a handle that is not a live codec buffer.</summary>
    public int CodecUnmap(int handle) => Unmap(MsmCameraMappingKind.Codec, handle);

    /// <summary>The physical address of the named domain's first-level table ("camera" / "video"); 0 for any other name.</summary>
    public uint FirstLevelTable(string domain) => Era.IommuGetPtBaseAddr(domain);

    /// <summary>
    /// The contexts the named domain is attached to, in list_attached order (most recent first; the first one is
    /// what iova_to_phys uses, msm.md §5.10); empty for an unknown name.
    /// </summary>
    public IReadOnlyList<MsmCameraContext> AttachedContexts(string domain)
    {
        var list = new List<MsmCameraContext>();
        if (Era.DomainPriv(domain) is not MsmPriv priv)
            return list;
        foreach (MsmIommuCtxDrvdata ctx in priv.ListAttached)
        {
            var iommu = (MsmIommuDrvdata)ctx.Pdev.Parent!.DriverData!;
            var config = (MsmContextConfig)ctx.Pdev.PlatformData!;
            list.Add(new MsmCameraContext(config.Name, iommu.Hardware, ctx.Num));
        }
        return list;
    }

    /// <summary>
    /// msm_isp_open: the board attach (iommu_domain_probe) if not done yet, then the ping IMEM buffer, then the pong
    /// one, each msm_iommu_map_contig_buffer of round_up(Y + CbCr, 4K) with SZ_4K alignment. A failed ping map is
    /// returned as is; a failed pong map unmaps ping first. 0 or the errno.
    /// </summary>
    protected int MsmIspOpen()
    {
        if (!Era.BoardAttached)
            Era.IommuDomainProbe();

        MsmCameraImem imem = Era.Imem;
        uint size = imem.MapSize;
        int rc = Era.MsmIommuMapContigBuffer(imem.PingPhys, size, SZ_4K, out uint ping);
        if (rc != 0)
        {
            Era.PrErr($"msm_isp_open: ping iommu mapping failed ({Errno.Describe(rc)})");
            return rc;
        }
        rc = Era.MsmIommuMapContigBuffer(imem.PongPhys, size, SZ_4K, out uint pong);
        if (rc != 0)
        {
            Era.PrErr($"msm_isp_open: pong iommu mapping failed ({Errno.Describe(rc)})");
            Era.MsmIommuUnmapContigBuffer(ping, imem.PingPhys, size);
            return rc;
        }
        _pingHandle = Add(new Mapping(MsmCameraMappingKind.Imem, imem.PingPhys, size, [new(MsmCameraDomainNames.Camera, ping)], null));
        _pongHandle = Add(new Mapping(MsmCameraMappingKind.Imem, imem.PongPhys, size, [new(MsmCameraDomainNames.Camera, pong)], null));
        IsOpen = true;
        return 0;
    }

    /// <summary>
    /// msm_isp_release: msm_iommu_unmap_contig_buffer of ping, then pong. Buffers still registered stay mapped (the
    /// ISP release does not own them). -EINVAL when the camera is not open (model choice: the kernel's file release
    /// cannot run twice).
    /// </summary>
    public int Release()
    {
        if (!IsOpen)
            return -Errno.EINVAL;
        foreach (int handle in (ReadOnlySpan<int>)[_pingHandle, _pongHandle])
        {
            Mapping m = _mappings[handle];
            Era.MsmIommuUnmapContigBuffer(m.Iovas[0].Iova, m.Phys, m.Length);
            _mappings.Remove(handle);
        }
        IsOpen = false;
        return 0;
    }

    private int Added(int rc, MsmCameraMappingKind kind, uint phys, uint length, MsmCameraMappedBuffer? buf, out int handle)
    {
        handle = 0;
        if (rc != 0)
            return rc;
        // The callers use iova[i] without checking it (msm.md §9.13): a zero iova is recorded as such. The length
        // is round_up(length, SZ_4K) as msm_subsystem_map_buffer computes it (§7.6 step 4a).
        handle = Add(new Mapping(kind, phys, unchecked((length + SZ_4K - 1) & ~(SZ_4K - 1)), buf!.Iovas, buf));
        return 0;
    }

    private int Unmap(MsmCameraMappingKind kind, int handle)
    {
        if (!_mappings.TryGetValue(handle, out Mapping? m) || m.Kind != kind)
            return -Errno.EINVAL;
        int rc = Era.MsmSubsystemUnmapBuffer(m.Buffer!);
        if (rc == 0)
            _mappings.Remove(handle);
        return rc;
    }

    private int Add(Mapping mapping)
    {
        int handle = _nextHandle++;
        _mappings.Add(handle, mapping);
        return handle;
    }

    // The client's record of one live buffer: what msm_isp.c keeps for IMEM (the iova), what the gemini, pmem
    // table and vidc address tables keep for a subsystem buffer (the era's mapped buffer).
    private sealed record Mapping(MsmCameraMappingKind Kind, uint Phys, uint Length, IReadOnlyList<MsmCameraIova> Iovas, MsmCameraMappedBuffer? Buffer);
}
