using Legacy.MsmCamera;
using Migration.Clients.MsmCamera;

namespace Migration.Scenarios.Msm;

/// <summary>The CAF msm-3.0 world: the camera client on the vendor API (subsystem map, contig buffers, IOVA pools).</summary>
internal sealed class LegacyMsmCameraWorld : MsmCameraWorld
{
    private readonly MsmCameraPlatform _platform;

    /// <summary>
    /// A world whose IMEM ping/pong buffers are <paramref name="imemMapSize"/> bytes each (0: the board default,
    /// Y 0x1800 + CbCr 0xC00 rounded to 12K); a 64K IMEM map is what makes the port choose a 64K page.
    /// </summary>
    public LegacyMsmCameraWorld(uint imemMapSize = 0)
        : base("CAF msm-3.0: the camera client on the MSM vendor API (msm_subsystem_map_buffer, msm_iommu_map_contig_buffer)")
    {
        _platform = imemMapSize == 0
            ? new MsmCameraPlatform(Soc, Kmem)
            : new MsmCameraPlatform(Soc, Kmem)
            {
                ImemYSize = imemMapSize - MsmCameraPlatform.DefaultImemCbcrSize,
                ImemPongPhys = MsmCameraPlatform.DefaultImemPingPhys + imemMapSize,
            };
    }

    protected override int OpenClient(out MsmCameraClient? cam)
    {
        int rc = MsmCamera.Open(_platform, out MsmCamera? c);
        cam = c;
        return rc;
    }
}
