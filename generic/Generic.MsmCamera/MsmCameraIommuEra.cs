using Generic.Iommu;
using Migration.Clients.MsmCamera;
using Migration.Drivers.Msm;

namespace Generic.MsmCamera;

/// <summary>
/// The camera client's IOMMU calls ported onto the generic API (3.3): the call sites keep their names, each now
/// an IOVA from the board's partitions (<see cref="MsmCameraIovaPool"/>, the legacy rules) and one byte-sized
/// iommu_map per buffer and domain (<see cref="MsmCameraIommu"/>), on the two domains the platform allocated.
/// </summary>
public sealed class MsmCameraIommuEra : IMsmCameraIommuEra
{
    private readonly MsmCameraPlatform _p;

    /// <summary>The ported calls of a client running on <paramref name="platform"/>.</summary>
    public MsmCameraIommuEra(MsmCameraPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        _p = platform;
    }

    private (string, IommuDomain, MsmCameraIovaPool) CameraTarget => (MsmCameraDomainNames.Camera, _p.CameraDomain, _p.CameraGenPool);

    private (string, IommuDomain, MsmCameraIovaPool) VideoMainTarget => (MsmCameraDomainNames.Video, _p.VideoDomain, _p.VideoMainPool);

    private (string, IommuDomain, MsmCameraIovaPool) VideoFirmwareTarget => (MsmCameraDomainNames.Video, _p.VideoDomain, _p.VideoFirmwarePool);

    /// <inheritdoc />
    public void PrErr(string message) => _p.AddLog(message);

    /// <summary>The ported board attach (<see cref="MsmCameraBoard.AttachContexts"/>) onto the domains the platform allocated.</summary>
    public void IommuDomainProbe() => MsmCameraBoard.AttachContexts(_p);

    /// <summary>The board's IMEM placement (<see cref="MsmCameraPlatform.ImemPingPhys"/>, <see cref="MsmCameraPlatform.ImemPongPhys"/>, <see cref="MsmCameraPlatform.ImemMapSize"/>).</summary>
    public MsmCameraImem Imem => new(_p.ImemPingPhys, _p.ImemPongPhys, _p.ImemMapSize);

    /// <summary>Whether the board code already attached the contexts (<see cref="MsmCameraPlatform.BoardAttached"/>).</summary>
    public bool BoardAttached => _p.BoardAttached;

    /// <summary>
    /// One iommu_map of the IMEM buffer at a CAMERA GEN_POOL iova with <see cref="MsmCameraProt.Imem"/> (the class the
    /// legacy cached = 3 gave, §9.18). An address that is not 4 KiB aligned is -EINVAL from iommu_map (the legacy
    /// range op silently mapped the page below it).
    /// </summary>
    public int MsmIommuMapContigBuffer(uint phys, uint size, uint align, out uint iova) =>
        MsmCameraIommu.MapContig(_p.CameraDomain, _p.CameraGenPool, phys, size, align, MsmCameraProt.Imem, out iova);

    /// <summary>Unmaps the pages the map chose and frees the IOVA.</summary>
    public void MsmIommuUnmapContigBuffer(uint iova, uint phys, uint size) =>
        MsmCameraIommu.UnmapContig(_p.CameraDomain, _p.CameraGenPool, iova, phys, size, _p);

    /// <summary>
    /// One CAMERA GEN_POOL iova of the rounded length (twice it with <see cref="MsmCameraFrameFlags.IOMMU_2X"/>,
    /// alignment from the flag bits ≥ 0x1000, §9.14), one iommu_map, 2X padding onto the dummy page; iova 0 kept
    /// (§9.13); a phys not 4 KiB aligned is -EINVAL from iommu_map; a failed iommu_map returns its errno with the IOVA freed.
    /// </summary>
    public int MsmPmemTableAdd(uint phys, uint length, uint flags, out MsmCameraMappedBuffer? buffer) =>
        Map(phys, length, flags, [CameraTarget], kaddr: false, out buffer);

    /// <summary>A CAMERA GEN_POOL iova, 4K aligned, one iommu_map.</summary>
    public int MsmGeminiPlatformV2p(uint phys, uint length, out MsmCameraMappedBuffer? buffer) =>
        Map(phys, length, 0, [CameraTarget], kaddr: false, out buffer);

    /// <summary>An 8K-aligned iova in VIDEO_MAIN_POOL and one in VIDEO_FIRMWARE_POOL of the VIDEO domain, one iommu_map each.</summary>
    public int VidcInsertAddrTable(uint phys, uint length, out MsmCameraMappedBuffer? buffer) =>
        Map(phys, length, MsmCameraFrameFlags.ALIGN_IOVA_8K, [VideoMainTarget, VideoFirmwareTarget], kaddr: false, out buffer);

    /// <summary>ioremap (the legacy KADDR), then a VIDEO_FIRMWARE_POOL iova, 4K aligned, one iommu_map.</summary>
    public int DdlPmemAlloc(uint phys, uint length, out MsmCameraMappedBuffer? buffer) =>
        Map(phys, length, 0, [VideoFirmwareTarget], kaddr: true, out buffer);

    /// <summary>
    /// The buffer's pages, the padding pages, the IOVA (an iova of 0 is skipped, not unmapped at 0: no BUG, unlike the
    /// legacy §9.13 path), then the kernel mapping. Always 0.
    /// </summary>
    public int MsmSubsystemUnmapBuffer(MsmCameraMappedBuffer buffer)
    {
        MsmCameraIommu.UnmapBuffer(_p, (MsmCameraMapping)buffer);
        return 0;
    }

    /// <summary>The named domain's first-level table (priv->pgtable), 0 for any other name.</summary>
    public uint IommuGetPtBaseAddr(string domain) => DomainPriv(domain) is { } priv ? priv.PageTable.FlTable : 0;

    /// <inheritdoc />
    public MsmPriv? DomainPriv(string domain) => domain switch
    {
        MsmCameraDomainNames.Camera => _p.CameraDomain.Priv as MsmPriv,
        MsmCameraDomainNames.Video => _p.VideoDomain.Priv as MsmPriv,
        _ => null,
    };

    private int Map(uint phys, uint length, uint flags, (string, IommuDomain, MsmCameraIovaPool)[] targets, bool kaddr, out MsmCameraMappedBuffer? buffer)
    {
        int rc = MsmCameraIommu.MapBuffer(_p, phys, length, flags, targets, kaddr, out MsmCameraMapping? mapping);
        buffer = mapping;
        return rc;
    }
}
