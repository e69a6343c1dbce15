namespace Migration.Hardware.Msm;

/// <summary>How a bus-master access through an MSM context ended.</summary>
public enum MsmTranslationOutcome
{
    /// <summary>Translated through a TLB entry that was already present.</summary>
    TlbHit,

    /// <summary>Translated after the hardware walker loaded the entry from the tables.</summary>
    Walked,

    /// <summary>SCTLR.M = 0 or M2VCBR.BYPASSD: the address passed through untranslated.</summary>
    Bypass,

    /// <summary>The access faulted; FSR/FAR/FSYNR0 were set (and the transaction stalled if ACTLR.CFCFG).</summary>
    Fault,

    /// <summary>
    /// The context is stalled on an earlier fault (ACTLR.CFCFG) and has not been resumed: the access
    /// waits in the master and was not performed; no register changed.
    /// </summary>
    Stalled,
}

/// <summary>Result of one bus-master access through an MSM IOMMU context (a value type: no allocation).</summary>
/// <param name="Outcome">Hit, walk, bypass, fault or stalled.</param>
/// <param name="Pa">Physical address (the VA itself on bypass; 0 on fault or stall).</param>
/// <param name="PageSize">Size of the page that translated it (0 on bypass, fault or stall).</param>
/// <param name="MemoryTypeIndex">{TEX0, C, B} of the page (0 unless translated).</param>
/// <param name="ReadOnly">AP2 of the page (false unless translated).</param>
/// <param name="FaultStatus">The fault cause in FSR bit positions (TF, SL, APF, TLBMF, MHF); 0 unless a fault.</param>
public readonly record struct MsmTranslation(
    MsmTranslationOutcome Outcome, uint Pa, uint PageSize, uint MemoryTypeIndex, bool ReadOnly, uint FaultStatus)
{
    /// <summary>True when the access reached memory.</summary>
    public bool Succeeded => Outcome is MsmTranslationOutcome.TlbHit or MsmTranslationOutcome.Walked or MsmTranslationOutcome.Bypass;
}
