using Generic.MsmCamera;
using Migration.Clients.MsmCamera;
using Migration.Scenarios.KnownBad;

namespace Migration.Scenarios.Msm;

/// <summary>The ported world: the same client on the generic IOMMU API (domains, the IovaAllocator library, one byte-sized iommu_map per buffer).</summary>
internal sealed class PortedMsmCameraWorld : MsmCameraWorld
{
    private readonly MsmCameraPlatform _platform;

    /// <summary>
    /// A world whose IMEM ping/pong buffers are <paramref name="imemMapSize"/> bytes each (0: the board default,
    /// Y 0x1800 + CbCr 0xC00 rounded to 12K); a 64K IMEM map is what makes the port choose a 64K page. With
    /// <paramref name="knownBad"/> the core's choices on both domains are that port's (test-only).
    /// </summary>
    public PortedMsmCameraWorld(uint imemMapSize = 0, KnownBadPort? knownBad = null)
        : base("Linux 3.3: the camera client on the generic IOMMU API (iommu_map by bytes, IOVAs from the generic allocator)"
            + (knownBad is null ? "" : $", with the known-bad port {knownBad.Name} (test-only)"))
    {
        _platform = imemMapSize == 0
            ? new MsmCameraPlatform(Soc, Kmem)
            : new MsmCameraPlatform(Soc, Kmem)
            {
                ImemYSize = imemMapSize - MsmCameraPlatform.DefaultImemCbcrSize,
                ImemPongPhys = MsmCameraPlatform.DefaultImemPingPhys + imemMapSize,
            };
        knownBad?.Domain(_platform.VideoDomain);
        knownBad?.Domain(_platform.CameraDomain);
    }

    protected override int OpenClient(out MsmCameraClient? cam)
    {
        int rc = MsmCamera.Open(_platform, out MsmCamera? c);
        cam = c;
        return rc;
    }
}
