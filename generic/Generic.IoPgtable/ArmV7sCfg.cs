namespace Generic.IoPgtable;

/// <summary>
/// io_pgtable_cfg.arm_v7s_cfg: the register values arm_v7s_alloc_pgtable computes for the driver to program
/// (v7s.md §2.3, Linux 6.13+ values).
/// </summary>
/// <param name="Ttbr">TTBR0: the level-1 table's physical address | S (| NOS, IRGN, ORGN = WBWA for a coherent walk).</param>
/// <param name="Tcr">TTBCR: 0.</param>
/// <param name="Prrr">PRRR: 0x800B8204 (TR1 Device, TR4 and TR7 Normal).</param>
/// <param name="Nmrr">NMRR: 0x40004000 (region 7 inner/outer WBWA).</param>
public readonly record struct ArmV7sCfg(uint Ttbr, uint Tcr, uint Prrr, uint Nmrr);
