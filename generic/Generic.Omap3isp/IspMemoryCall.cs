namespace Generic.Omap3isp;

/// <summary>
/// One memory call the driver made through its <see cref="IIspMemory"/> seam: which omap3isp function made it
/// (<paramref name="Caller"/>, the enclosing function of omap.md §6.1), which kernel function it was
/// (<paramref name="Callee"/>), the device address it was about and what it returned (a u32 da or IS_ERR_VALUE,
/// a count, or 0 for void calls).
/// </summary>
/// <param name="Caller">The omap3isp function the call sits in (e.g. "ccdc_lsc_config").</param>
/// <param name="Callee">The kernel function called (e.g. "omap_iommu_vmalloc", "dma_alloc_coherent").</param>
/// <param name="Da">The device address argument, or the one returned by an allocation.</param>
/// <param name="Result">The raw return value (u32 as the kernel returns it; void calls record 0).</param>
public readonly record struct IspMemoryCall(string Caller, string Callee, uint Da, uint Result);
