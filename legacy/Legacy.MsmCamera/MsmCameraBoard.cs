using Legacy.Iommu;
using Legacy.Msm;
using Migration.Clients.MsmCamera;
using Migration.Kernel;
using static Legacy.Msm.MsmDomainNumbers;

namespace Legacy.MsmCamera;

/// <summary>
/// The board-level attach of iommu_domains.c (iommu_domain_probe, msm.md §7.3, §8) for the contexts the camera
/// client uses: each context is looked up with msm_iommu_get_ctx and attached with iommu_attach_device to its
/// board domain; a missing context or a failed attach is logged and skipped, as the board code does.
/// </summary>
public static class MsmCameraBoard
{
    /// <summary>
    /// The board's context → domain entries the client needs, in 8960 board order (msm.md §7.3): the camera
    /// contexts named by the client (vpe, vfe, ijpeg) → CAMERA_DOMAIN, and the vcodec contexts → VIDEO_DOMAIN
    /// so that the codec path translates. jpegd (the JPEG decoder) is not part of this client and stays detached.
    /// </summary>
    public static IReadOnlyList<MsmIommuDomainName> Contexts { get; } =
    [
        new("vpe_src", CAMERA_DOMAIN),
        new("vpe_dst", CAMERA_DOMAIN),
        new("vfe_imgwr", CAMERA_DOMAIN),
        new("vfe_misc", CAMERA_DOMAIN),
        new("ijpeg_src", CAMERA_DOMAIN),
        new("ijpeg_dst", CAMERA_DOMAIN),
        new("vcodec_a_mm1", VIDEO_DOMAIN),
        new("vcodec_b_mm2", VIDEO_DOMAIN),
        new("vcodec_a_stream", VIDEO_DOMAIN),
    ];

    /// <summary>
    /// iommu_domain_probe's attach loop over <see cref="Contexts"/>: msm_iommu_get_ctx (NULL → log, skip),
    /// msm_get_iommu_domain (NULL → skip), iommu_attach_device (non-zero → log "iommu programming will not
    /// occur", continue). Marks the board attached whatever the individual results.
    /// </summary>
    public static void AttachContexts(MsmCameraPlatform platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        foreach (MsmIommuDomainName name in Contexts)
        {
            Device? ctx = platform.Msm.GetCtx(name.Name);
            if (ctx is null)
            {
                platform.AddLog($"iommu_domain_probe: could not find context \"{name.Name}\"");
                continue;
            }
            IommuDomain? domain = platform.Domains.MsmGetIommuDomain(name.Domain);
            if (domain is null)
                continue;
            int ret = platform.Core.IommuAttachDevice(domain, ctx);
            if (ret != 0)
                platform.AddLog($"iommu_domain_probe: could not attach domain {name.Domain} to context {name.Name} ({Errno.Describe(ret)}); iommu programming will not occur");
        }
        platform.BoardAttached = true;
    }
}
