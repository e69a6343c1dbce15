namespace Migration.Hardware.Omap;

/// <summary>How an MMU access ended.</summary>
public enum OmapMmuOutcome
{
    /// <summary>Translated through a TLB entry that was already present.</summary>
    TlbHit,

    /// <summary>Translated after the table walker loaded the entry from memory.</summary>
    Walked,

    /// <summary>MMU disabled: the address passed through untranslated.</summary>
    Bypass,

    /// <summary>The access faulted; IRQSTATUS and FAULT_AD were set.</summary>
    Fault,
}

/// <summary>Result of one device access through the OMAP MMU (no allocation: a value type).</summary>
/// <param name="Outcome">Hit, walk, bypass or fault.</param>
/// <param name="Pa">Physical address (0 on fault).</param>
/// <param name="PageSize">Size of the page that translated it (0 on fault or bypass).</param>
/// <param name="RamAttributes">Endianness, element size and mixed bits in MMU_RAM positions.</param>
/// <param name="FaultBits">IRQSTATUS cause bits raised by this access (0 unless a fault).</param>
public readonly record struct OmapMmuTranslation(OmapMmuOutcome Outcome, uint Pa, uint PageSize, uint RamAttributes, uint FaultBits)
{
    /// <summary>True when the access reached memory.</summary>
    public bool Succeeded => Outcome != OmapMmuOutcome.Fault;
}
