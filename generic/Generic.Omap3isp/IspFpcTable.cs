namespace Generic.Omap3isp;

/// <summary>
/// The CCDC's faulty-pixel table state: struct omap3isp_ccdc_fpc {fpnum, fpcaddr} in 3.3 (fpcaddr is the da once
/// programmed, but holds the user pointer right after ccdc_config copies the user struct, omap.md §8.20); in the
/// DMA port the later struct ispccdc_fpc {addr, dma, fpnum}.
/// </summary>
/// <param name="Fpnum">fpc.fpnum: number of faulty pixels (4 bytes each).</param>
/// <param name="Fpcaddr">fpc.fpcaddr (3.3) / fpc.dma (DMA port): what FPC_ADDR is programmed with.</param>
/// <param name="Va">The table's kernel address (DMA port: fpc.addr; 3.3 does not keep it).</param>
public readonly record struct IspFpcTable(uint Fpnum, uint Fpcaddr, uint Va);
