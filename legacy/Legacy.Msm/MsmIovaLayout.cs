using static Legacy.Msm.MsmDomainNumbers;

namespace Legacy.Msm;

/// <summary>
/// The board's <c>struct iommu_domains_pdata</c> of a G3 kernel (msm.md §7.3): the per-domain pool arrays
/// (<c>msm_iommu_domains[i].iova_pools</c>, <c>.npools</c>; index = domain number) and the context→domain
/// table (<c>domain_names</c>). <see cref="Msm8960"/> and <see cref="Msm8064"/> are the boards' tables.
/// </summary>
public sealed class MsmIovaLayout
{
    private const uint SZ_128K = 0x00020000;
    private const uint SZ_16M = 0x01000000;
    private const uint SZ_256M = 0x10000000;
    private const uint SZ_2G = 0x80000000;

    /// <summary>Creates a board layout: <paramref name="domains"/>[i] is domain i's pool array, <paramref name="contextDomains"/> the attach table.</summary>
    public MsmIovaLayout(IReadOnlyList<IReadOnlyList<MsmIovaPartition>> domains, IReadOnlyList<MsmIommuDomainName> contextDomains)
    {
        ArgumentNullException.ThrowIfNull(domains);
        ArgumentNullException.ThrowIfNull(contextDomains);
        foreach (IReadOnlyList<MsmIovaPartition> pools in domains)
            ArgumentNullException.ThrowIfNull(pools, nameof(domains));
        Domains = domains;
        ContextDomains = contextDomains;
    }

    /// <summary>pdata->domains / ndomains: the pool array (iova_pools, npools entries) of each domain, by domain number.</summary>
    public IReadOnlyList<IReadOnlyList<MsmIovaPartition>> Domains { get; }

    /// <summary>pdata->domain_names / nnames: contexts attached at boot, in board order.</summary>
    public IReadOnlyList<MsmIommuDomainName> ContextDomains { get; }

    /// <summary>
    /// video_pools[] of the 8960/8064 boards (msm.md §7.3): VIDEO_FIRMWARE_POOL [128K, 16M), VIDEO_MAIN_POOL
    /// [16M, 256M), GEN_POOL [256M, 2G).
    /// </summary>
    public static IReadOnlyList<MsmIovaPartition> VideoPools { get; } =
    [
        new(SZ_128K, SZ_16M - SZ_128K),
        new(SZ_16M, SZ_256M - SZ_16M),
        new(SZ_256M, SZ_2G - SZ_256M),
    ];

    /// <summary>
    /// camera_pools[] (and the display/rotator arrays, identical, msm.md §7.3): only <c>[GEN_POOL] =
    /// [128K, 2G)</c> is initialised, so partitions 0 and 1 exist with size 0 (npools = 3).
    /// </summary>
    public static IReadOnlyList<MsmIovaPartition> GenPoolOnly { get; } =
    [
        MsmIovaPartition.None,
        MsmIovaPartition.None,
        new(SZ_128K, SZ_2G - SZ_128K),
    ];

    /// <summary>The 8960 board (msm.md §7.3): six domains, rot_dst attached to ROTATOR_SRC_DOMAIN.</summary>
    public static MsmIovaLayout Msm8960 { get; } = Board(ROTATOR_SRC_DOMAIN);

    /// <summary>The 8064 board (msm.md §7.3): as 8960 but rot_dst attached to ROTATOR_DST_DOMAIN.</summary>
    public static MsmIovaLayout Msm8064 { get; } = Board(ROTATOR_DST_DOMAIN);

    // msm.md §7.3: pools per domain, then msm_iommu_domain_name[] in board order (camera, rotator, video).
    private static MsmIovaLayout Board(int rotDstDomain) => new(
        [VideoPools, GenPoolOnly, GenPoolOnly, GenPoolOnly, GenPoolOnly, GenPoolOnly],
        [
            new("vpe_src", CAMERA_DOMAIN),
            new("vpe_dst", CAMERA_DOMAIN),
            new("vfe_imgwr", CAMERA_DOMAIN),
            new("vfe_misc", CAMERA_DOMAIN),
            new("ijpeg_src", CAMERA_DOMAIN),
            new("ijpeg_dst", CAMERA_DOMAIN),
            new("jpegd_src", CAMERA_DOMAIN),
            new("jpegd_dst", CAMERA_DOMAIN),
            new("rot_src", ROTATOR_SRC_DOMAIN),
            new("rot_dst", rotDstDomain),
            new("vcodec_a_mm1", VIDEO_DOMAIN),
            new("vcodec_b_mm2", VIDEO_DOMAIN),
            new("vcodec_a_stream", VIDEO_DOMAIN),
        ]);
}
