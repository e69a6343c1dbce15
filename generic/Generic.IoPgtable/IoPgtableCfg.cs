namespace Generic.IoPgtable;

/// <summary>
/// struct io_pgtable_cfg (include/linux/io-pgtable.h): what the driver asks of a format (quirks, page sizes, address
/// sizes, walk coherency, flush callbacks) and, after allocation, the register values the format computed.
/// </summary>
public sealed class IoPgtableCfg
{
    /// <summary>Creates a configuration with the flush callbacks <paramref name="tlb"/>.</summary>
    public IoPgtableCfg(IIommuFlushOps tlb)
    {
        ArgumentNullException.ThrowIfNull(tlb);
        Tlb = tlb;
    }

    /// <summary>cfg.quirks: <see cref="IoPgtableQuirks"/> bits.</summary>
    public uint Quirks { get; init; }

    /// <summary>cfg.pgsize_bitmap: the page sizes the driver wants; the format ANDs it with what it supports.</summary>
    public uint PgsizeBitmap { get; set; }

    /// <summary>cfg.ias: input (IOVA) address bits.</summary>
    public int Ias { get; init; } = 32;

    /// <summary>cfg.oas: output (physical) address bits.</summary>
    public int Oas { get; init; } = 32;

    /// <summary>cfg.coherent_walk: the walker snoops CPU caches (never on MSM, v7s.md §2.1).</summary>
    public bool CoherentWalk { get; init; }

    /// <summary>cfg.tlb: the flush callbacks.</summary>
    public IIommuFlushOps Tlb { get; }

    /// <summary>cfg.arm_v7s_cfg: filled in by <see cref="ArmV7sPageTable.Alloc"/>.</summary>
    public ArmV7sCfg ArmV7s { get; internal set; }
}
