namespace Migration.Hardware.Msm;

/// <summary>
/// What the MSM hardware walker found for one VA (msm.md §2.6). A value type: a walk allocates nothing.
/// On success <see cref="FaultLevel"/> is 0; on a translation fault it is 1 or 2, <see cref="Descriptor"/>
/// is the faulting entry and every other field is 0.
/// </summary>
/// <param name="Pa">Translated physical address.</param>
/// <param name="PageSize">4 KiB, 64 KiB, 1 MiB or 16 MiB.</param>
/// <param name="Descriptor">The leaf descriptor word (or the faulting word on a fault).</param>
/// <param name="Level">1 for a section/supersection, 2 for a large/small page (0 on a fault).</param>
/// <param name="ReadOnly">AP2: FL bit 15 / SL bit 9.</param>
/// <param name="NotGlobal">nG: FL bit 17 / SL bit 11.</param>
/// <param name="MemoryTypeIndex">{TEX0, C, B} as a 3-bit number (the PRRR/NMRR region with SCTLR.TRE).</param>
/// <param name="Shareable">S: FL bit 16 / SL bit 10.</param>
/// <param name="FaultLevel">0 on success; 1 or 2 = the level whose entry was invalid.</param>
public readonly record struct MsmWalkResult(
    uint Pa, uint PageSize, uint Descriptor, int Level, bool ReadOnly, bool NotGlobal, uint MemoryTypeIndex, bool Shareable, int FaultLevel)
{
    /// <summary>True when the walk produced a translation.</summary>
    public bool Succeeded => FaultLevel == 0;

    /// <summary>
    /// AP0 of the leaf (FL bit 10 / SL bit 4): the access flag when the context runs with SCTLR.AFE = 1 (the v7s-era
    /// driver, v7s.md §1.4 item 6); with AFE = 0 it is half of AP[1:0] and is not decoded.
    /// </summary>
    public bool AccessFlag => (Descriptor & (Level == 1 ? MsmDescriptor.FL_AP0 : MsmDescriptor.SL_AP0)) != 0;

    /// <summary>True for a 16 MiB supersection (PAR.SS on a V2P probe).</summary>
    public bool IsSupersection => PageSize == MsmDescriptor.SupersectionSize;
}
