namespace Migration.Hardware.Omap;

/// <summary>
/// One OMAP MMU instance as arch/arm/mach-omap2/omap-iommu.c declares it (struct iommu_platform_data
/// plus its resources; omap.md §2.1).
/// </summary>
/// <param name="Name">Platform name used by iommu_get ("isp").</param>
/// <param name="Base">Physical base of the 256-byte register window.</param>
/// <param name="Irq">Interrupt line.</param>
/// <param name="NrTlbEntries">TLB entries (nr_tlb_entries).</param>
/// <param name="ClockName">Clock the driver enables around register access.</param>
/// <param name="DaStart">First usable device address (da_start).</param>
/// <param name="DaEnd">Last usable device address bound (da_end).</param>
public sealed record OmapMmuConfig(string Name, uint Base, int Irq, int NrTlbEntries, string ClockName, uint DaStart, uint DaEnd)
{
    /// <summary>OMAP3 camera ISP MMU: 8 TLB entries, da 0..0xFFFFF000.</summary>
    public static OmapMmuConfig Isp { get; } = new("isp", 0x480BD400, 24, 8, "cam_ick", 0x0, 0xFFFFF000);

    /// <summary>OMAP3 IVA2 MMU (CONFIG_OMAP_IOMMU_IVA2): da from 0x11000000.</summary>
    public static OmapMmuConfig Iva2 { get; } = new("iva2", 0x5D000000, 28, 32, "iva2_ck", 0x11000000, 0xFFFFF000);

    /// <summary>
    /// OMAP4 Ducati (Cortex-M3) MMU at OMAP4_MMU1_BASE with OMAP44XX_IRQ_DUCATI_MMU; the reference names
    /// only the macros, their values (0x55082000, 100 + GIC start 32) are from the kernel's omap44xx.h/irqs-44xx.h.
    /// </summary>
    public static OmapMmuConfig Ducati { get; } = new("ducati", 0x55082000, 132, 32, "ducati_ick", 0x0, 0xFFFFF000);

    /// <summary>OMAP4 Tesla (DSP) MMU at OMAP4_MMU2_BASE (0x4A066000) with INT_44XX_DSP_MMU (28 + 32).</summary>
    public static OmapMmuConfig Tesla { get; } = new("tesla", 0x4A066000, 60, 32, "tesla_ick", 0x0, 0xFFFFF000);

    /// <summary>The instances of the default SoC, in omap-iommu.c table order (id = index).</summary>
    public static IReadOnlyList<OmapMmuConfig> Defaults { get; } = [Isp, Iva2, Ducati, Tesla];
}
