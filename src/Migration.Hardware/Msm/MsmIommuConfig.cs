namespace Migration.Hardware.Msm;

/// <summary>
/// One MSM IOMMU instance as the mainline 8x60 devices file declares it (struct msm_iommu_dev plus
/// its resources; msm.md §2.1).
/// </summary>
/// <param name="Name">Instance name ("jpegd").</param>
/// <param name="PhysBase">Physical base of the 1 MiB register window.</param>
/// <param name="Irq">The instance's fault interrupt (secure_irq, msm.md §2.3).</param>
/// <param name="ContextBanks">Context banks the hardware implements (ncb; IDR.NCB + 1).</param>
/// <param name="Contexts">The context devices the board declares (may be fewer than <paramref name="ContextBanks"/>).</param>
/// <param name="HasIommuClk">True when the instance has the optional core clock iommu_clk (msm.md §2.3).</param>
public sealed record MsmIommuConfig(
    string Name, uint PhysBase, int Irq, int ContextBanks, IReadOnlyList<MsmContextConfig> Contexts, bool HasIommuClk = true)
{
    // The reference gives no IRQ numbers (msm.md §2.1/§2.3 only name secure_irq). These are invented,
    // not the kernel's irqs-8x60.h values: GIC SPI start (32) + 64 + 2·(table index), i.e. one
    // secure/non-secure pair per instance in table order, so every instance has a distinct line.
    private const int IrqBase = 32 + 64;

    // The reference calls iommu_clk optional without naming the instances that have one; every default
    // instance gets one so the driver's pairing of both clocks is observable (HasIommuClk = true).

    /// <summary>The 8x60 instances of msm.md §2.1 in table order (jpegd … gfx2d1).</summary>
    public static IReadOnlyList<MsmIommuConfig> Defaults8x60 { get; } =
    [
        new("jpegd", 0x07300000, IrqBase + 0, 2, [Ctx("jpegd_src", 0, 0), Ctx("jpegd_dst", 1, 1)]),
        new("vpe", 0x07400000, IrqBase + 2, 2, [Ctx("vpe_src", 0, 0), Ctx("vpe_dst", 1, 1)]),
        new("mdp0", 0x07500000, IrqBase + 4, 2, [Ctx("mdp_vg1", 0, 0, 2), Ctx("mdp_rgb1", 1, 1, 3, 4, 5, 6, 7, 8, 9, 10)]),
        new("mdp1", 0x07600000, IrqBase + 6, 2, [Ctx("mdp_vg2", 0, 0, 2), Ctx("mdp_rgb2", 1, 1, 3, 4, 5, 6, 7, 8, 9, 10)]),
        new("rot", 0x07700000, IrqBase + 8, 2, [Ctx("rot_src", 0, 0), Ctx("rot_dst", 1, 1)]),
        new("ijpeg", 0x07800000, IrqBase + 10, 2, [Ctx("ijpeg_src", 0, 0), Ctx("ijpeg_dst", 1, 1)]),
        new("vfe", 0x07900000, IrqBase + 12, 2, [Ctx("vfe_imgwr", 0, Range(2, 8)), Ctx("vfe_misc", 1, 0, 1, 9)]),
        new("vcodec_a", 0x07A00000, IrqBase + 14, 2,
            [Ctx("vcodec_a_stream", 0, 2, 5), Ctx("vcodec_a_mm1", 1, [0, 1, .. Range(6, 15)])]),
        new("vcodec_b", 0x07B00000, IrqBase + 16, 2, [Ctx("vcodec_b_mm2", 0, [0, 1, .. Range(6, 15)])]),
        // ncb is 3 but the board declares only two contexts (msm.md §2.1).
        new("gfx3d", 0x07C00000, IrqBase + 18, 3, [Ctx("gfx3d_user", 0, Range(0, 15)), Ctx("gfx3d_priv", 1, Range(16, 31))]),
        new("gfx2d0", 0x07D00000, IrqBase + 20, 2, [Ctx("gfx2d0_2d0", 0, Range(0, 7))]),
        new("gfx2d1", 0x07E00000, IrqBase + 22, 2, [Ctx("gfx2d1_2d1", 0, Range(0, 7))]),
    ];

    /// <summary>The context named <paramref name="name"/>, or null.</summary>
    public MsmContextConfig? FindContext(string name)
    {
        foreach (MsmContextConfig c in Contexts)
        {
            if (string.Equals(c.Name, name, StringComparison.Ordinal))
                return c;
        }
        return null;
    }

    private static MsmContextConfig Ctx(string name, int number, params int[] mids) => new(name, number, mids);

    private static int[] Range(int first, int last) => Enumerable.Range(first, last - first + 1).ToArray();
}
