using Legacy.Iommu;
using Legacy.Msm;
using Migration.Clients.MsmCamera;
using Migration.Drivers.Msm;
using Migration.Kernel;
using static Legacy.Msm.MsmDomainNumbers;
using static Legacy.Msm.MsmSubsystemIds;
using static Legacy.Msm.MsmSubsystemMapFlags;

namespace Legacy.MsmCamera;

/// <summary>
/// The camera client's IOMMU calls on the CAF msm-3.0 vendor API (msm.md §7, §8): contig buffers of
/// iommu_domains.c for IMEM, msm_subsystem_map_buffer for frames, JPEG and codec buffers, the board attach of
/// iommu_domain_probe. The §9 quirks these calls reach (iova 0 kept, its unmap BUG, the order-based map BUG for an
/// unaligned phys) are reproduced, not fixed.
/// </summary>
public sealed class MsmCameraIommuEra : IMsmCameraIommuEra
{
    // msm_isp_open passes IOMMU_WRITE | IOMMU_READ as the `cached` argument (msm.md §9.18): non-zero → IOMMU_CACHE.
    private const uint ImemCached = IommuProt.IOMMU_WRITE | IommuProt.IOMMU_READ;

    // vidc_mmu_subsystem[] = {MSM_SUBSYSTEM_VIDEO, MSM_SUBSYSTEM_VIDEO_FWARE} (vidc_init.c / vcd_ddl_utils.c, msm.md §8).
    private static readonly int[] VidcMmuSubsystem = [MSM_SUBSYSTEM_VIDEO, MSM_SUBSYSTEM_VIDEO_FWARE];

    // ddl_pmem_alloc's &vidc_mmu_subsystem[1] with nsubsys 1: the firmware (128K-aligned) buffers.
    private static readonly int[] VidcFirmwareSubsystem = [MSM_SUBSYSTEM_VIDEO_FWARE];

    private readonly MsmCameraPlatform _p;

    /// <summary>The vendor calls of a client running on <paramref name="platform"/>.</summary>
    public MsmCameraIommuEra(MsmCameraPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        _p = platform;
    }

    /// <inheritdoc />
    public void PrErr(string message) => _p.AddLog(message);

    /// <inheritdoc />
    public void IommuDomainProbe() => MsmCameraBoard.AttachContexts(_p);

    /// <summary>The board's IMEM placement (<see cref="MsmCameraPlatform.ImemPingPhys"/>, <see cref="MsmCameraPlatform.ImemPongPhys"/>, <see cref="MsmCameraPlatform.ImemMapSize"/>).</summary>
    public MsmCameraImem Imem => new(_p.ImemPingPhys, _p.ImemPongPhys, _p.ImemMapSize);

    /// <summary>Whether the board code already attached the contexts (<see cref="MsmCameraPlatform.BoardAttached"/>).</summary>
    public bool BoardAttached => _p.BoardAttached;

    /// <inheritdoc />
    public int MsmIommuMapContigBuffer(uint phys, uint size, uint align, out uint iova) =>
        _p.Domains.MsmIommuMapContigBuffer(phys, CAMERA_DOMAIN, GEN_POOL, size, align, ImemCached, out iova);

    /// <inheritdoc />
    public void MsmIommuUnmapContigBuffer(uint iova, uint phys, uint size) =>
        _p.Domains.MsmIommuUnmapContigBuffer(iova, CAMERA_DOMAIN, GEN_POOL, size);

    /// <summary>
    /// msm_subsystem_map_buffer(phys, length, MSM_SUBSYSTEM_MAP_IOVA | flags, {MSM_SUBSYSTEM_CAMERA}, 1): 0 also when
    /// the IOVA allocation failed and iova[0] is 0 (§9.13); a phys that is not 4 KiB aligned hits the order-based
    /// iommu_map BUG (generic.md §4.3). The shared <see cref="MsmCameraFrameFlags"/> have the CAF values.
    /// </summary>
    public int MsmPmemTableAdd(uint phys, uint length, uint flags, out MsmCameraMappedBuffer? buffer) =>
        MsmSubsystemMapBuffer(phys, length, MSM_SUBSYSTEM_MAP_IOVA | flags, [MSM_SUBSYSTEM_CAMERA], out buffer);

    /// <inheritdoc />
    public int MsmGeminiPlatformV2p(uint phys, uint length, out MsmCameraMappedBuffer? buffer) =>
        MsmSubsystemMapBuffer(phys, length, MSM_SUBSYSTEM_MAP_IOVA, [MSM_SUBSYSTEM_CAMERA], out buffer);

    /// <inheritdoc />
    public int VidcInsertAddrTable(uint phys, uint length, out MsmCameraMappedBuffer? buffer) =>
        MsmSubsystemMapBuffer(phys, length, MSM_SUBSYSTEM_MAP_IOVA | MSM_SUBSYSTEM_ALIGN_IOVA_8K, VidcMmuSubsystem, out buffer);

    /// <inheritdoc />
    public int DdlPmemAlloc(uint phys, uint length, out MsmCameraMappedBuffer? buffer) =>
        MsmSubsystemMapBuffer(phys, length, MSM_SUBSYSTEM_MAP_IOVA | MSM_SUBSYSTEM_MAP_KADDR, VidcFirmwareSubsystem, out buffer);

    /// <summary>
    /// msm_subsystem_unmap_buffer: every 4 KiB page over the mapped size (2X padding included) from iova[i], then
    /// msm_free_iova_address; for iova 0 that unmaps from IOVA 0 and then BUGs in gen_pool_free (§9.13).
    /// </summary>
    public int MsmSubsystemUnmapBuffer(MsmCameraMappedBuffer buffer) =>
        _p.Subsystem.UnmapBuffer(((MsmCameraMapping)buffer).Buffer);

    /// <inheritdoc />
    public uint IommuGetPtBaseAddr(string domain) => BoardDomain(domain) is { } d ? _p.Core.IommuGetPtBaseAddr(d) : 0;

    /// <inheritdoc />
    public MsmPriv? DomainPriv(string domain) => BoardDomain(domain)?.Priv as MsmPriv;

    private int MsmSubsystemMapBuffer(uint phys, uint length, uint flags, int[] subsysIds, out MsmCameraMappedBuffer? buffer)
    {
        buffer = null;
        ErrPtr<MsmMappedBuffer> buf = _p.Subsystem.MapBuffer(phys, length, flags, subsysIds, (uint)subsysIds.Length);
        if (buf.IsErr)
            return buf.PtrErr;
        buffer = new MsmCameraMapping(subsysIds, buf);
        return 0;
    }

    // msm_get_iommu_domain of the board domain the client names.
    private IommuDomain? BoardDomain(string domain) => domain switch
    {
        MsmCameraDomainNames.Camera => _p.Domains.MsmGetIommuDomain(CAMERA_DOMAIN),
        MsmCameraDomainNames.Video => _p.Domains.MsmGetIommuDomain(VIDEO_DOMAIN),
        _ => null,
    };
}
