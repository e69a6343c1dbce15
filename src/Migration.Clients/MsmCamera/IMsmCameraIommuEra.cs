using Migration.Drivers.Msm;

namespace Migration.Clients.MsmCamera;

/// <summary>
/// The era seam of the MSM camera client (msm.md §8): the IOMMU calls its call sites make, each named after the
/// kernel function it models. The CAF msm-3.0 era answers with the vendor API (iommu_domains.c, subsystem_map.c),
/// the 3.3 era with the generic API (iommu_domain_alloc domains, the generic IOVA allocator, byte-sized iommu_map).
/// Everything else the client does is in <see cref="MsmCameraClient"/>, once.
/// </summary>
public interface IMsmCameraIommuEra
{
    /// <summary>The board's IMEM placement msm_isp_open maps.</summary>
    MsmCameraImem Imem { get; }

    /// <summary>True once the board code attached the camera and video contexts.</summary>
    bool BoardAttached { get; }

    /// <summary>pr_err of the client (the era's log).</summary>
    void PrErr(string message);

    /// <summary>iommu_domain_probe: the board attach of the camera and video contexts (msm.md §7.3); marks the board attached.</summary>
    void IommuDomainProbe();

    /// <summary>
    /// msm_iommu_map_contig_buffer(phys, CAMERA_DOMAIN, GEN_POOL, size, align, IOMMU_WRITE | IOMMU_READ) as
    /// msm_isp_open calls it for an IMEM buffer (a cached mapping, §9.18). 0 with <paramref name="iova"/>, or the errno.
    /// </summary>
    int MsmIommuMapContigBuffer(uint phys, uint size, uint align, out uint iova);

    /// <summary>msm_iommu_unmap_contig_buffer(iova, CAMERA_DOMAIN, GEN_POOL, size) of an IMEM buffer at <paramref name="phys"/>.</summary>
    void MsmIommuUnmapContigBuffer(uint iova, uint phys, uint size);

    /// <summary>
    /// The msm_pmem_table_add role: msm_subsystem_map_buffer(phys, length, MSM_SUBSYSTEM_MAP_IOVA | flags,
    /// {MSM_SUBSYSTEM_CAMERA}, 1) (<paramref name="flags"/> already checked against <see cref="MsmCameraFrameFlags.Allowed"/>).
    /// 0 with the buffer, or the errno.
    /// </summary>
    int MsmPmemTableAdd(uint phys, uint length, uint flags, out MsmCameraMappedBuffer? buffer);

    /// <summary>msm_gemini_platform_v2p: msm_subsystem_map_buffer(paddr, size, MSM_SUBSYSTEM_MAP_IOVA, {MSM_SUBSYSTEM_CAMERA}, 1).</summary>
    int MsmGeminiPlatformV2p(uint phys, uint length, out MsmCameraMappedBuffer? buffer);

    /// <summary>vidc_insert_addr_table: msm_subsystem_map_buffer(phys, length, IOVA | ALIGN_IOVA_8K, {VIDEO, VIDEO_FWARE}, 2).</summary>
    int VidcInsertAddrTable(uint phys, uint length, out MsmCameraMappedBuffer? buffer);

    /// <summary>ddl_pmem_alloc of a 128K-aligned firmware buffer: msm_subsystem_map_buffer(phys, length, IOVA | KADDR, {VIDEO_FWARE}, 1).</summary>
    int DdlPmemAlloc(uint phys, uint length, out MsmCameraMappedBuffer? buffer);

    /// <summary>msm_subsystem_unmap_buffer of what one of the map calls returned: 0 or the errno (the buffer then stays live).</summary>
    int MsmSubsystemUnmapBuffer(MsmCameraMappedBuffer buffer);

    /// <summary>iommu_get_pt_base_addr of the named domain ("camera" / "video"): its first-level table's physical address, 0 otherwise.</summary>
    uint IommuGetPtBaseAddr(string domain);

    /// <summary>domain->priv of the named domain (its list_attached), or null for an unknown name or a domain that is not there.</summary>
    MsmPriv? DomainPriv(string domain);
}
