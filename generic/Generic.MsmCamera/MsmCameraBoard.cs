using Generic.Iommu;
using Migration.Clients.MsmCamera;
using Migration.Kernel;

namespace Generic.MsmCamera;

/// <summary>
/// The board-level attach of the camera and video contexts after the port (msm.md §7.3, §8): msm_iommu_get_ctx
/// then iommu_attach_device on the domain the client allocated; a missing context or a failed attach is logged
/// and skipped, as the legacy iommu_domain_probe does.
/// </summary>
public static class MsmCameraBoard
{
    /// <summary>
    /// The contexts and the domain each is attached to, in the same order as the legacy board table (msm.md §7.3):
    /// vpe, vfe, ijpeg → "camera"; the vcodec contexts → "video". jpegd is not part of this client.
    /// </summary>
    public static IReadOnlyList<(string Context, string Domain)> Contexts { get; } =
    [
        ("vpe_src", MsmCameraDomainNames.Camera),
        ("vpe_dst", MsmCameraDomainNames.Camera),
        ("vfe_imgwr", MsmCameraDomainNames.Camera),
        ("vfe_misc", MsmCameraDomainNames.Camera),
        ("ijpeg_src", MsmCameraDomainNames.Camera),
        ("ijpeg_dst", MsmCameraDomainNames.Camera),
        ("vcodec_a_mm1", MsmCameraDomainNames.Video),
        ("vcodec_b_mm2", MsmCameraDomainNames.Video),
        ("vcodec_a_stream", MsmCameraDomainNames.Video),
    ];

    /// <summary>
    /// The attach loop over <see cref="Contexts"/>: msm_iommu_get_ctx (NULL → log, skip), iommu_attach_device
    /// (non-zero → log, continue). Marks the board attached whatever the individual results.
    /// </summary>
    public static void AttachContexts(MsmCameraPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        foreach ((string name, string domainName) in Contexts)
        {
            Device? ctx = platform.Msm.GetCtx(name);
            if (ctx is null)
            {
                platform.AddLog($"msm camera board: could not find context \"{name}\"");
                continue;
            }
            IommuDomain domain = domainName == MsmCameraDomainNames.Video ? platform.VideoDomain : platform.CameraDomain;
            int ret = IommuApi.AttachDevice(domain, ctx);
            if (ret != 0)
                platform.AddLog($"msm camera board: could not attach {domainName} to context {name} ({Errno.Describe(ret)})");
        }
        platform.BoardAttached = true;
    }
}
