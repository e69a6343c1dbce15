namespace Migration.Hardware.Omap;

/// <summary>One TLB entry of the OMAP MMU: the CAM and RAM words as the LD_TLB command stored them (§2.2).</summary>
public struct OmapTlbEntry
{
    /// <summary>CAM word: VA tag, P, V, page-size code.</summary>
    public uint Cam;

    /// <summary>RAM word: physical address, endianness, element size, mixed.</summary>
    public uint Ram;

    /// <summary>True when the V bit is set.</summary>
    public readonly bool Valid => (Cam & OmapMmuRegisters.MMU_CAM_V) != 0;

    /// <summary>The VA tag mask implied by the entry's page-size code.</summary>
    public readonly uint TagMask => OmapMmuRegisters.TagMask(Cam);

    /// <summary>True when <paramref name="da"/> lies in the page this entry maps.</summary>
    public readonly bool Matches(uint da) => Valid && ((da ^ Cam) & TagMask) == 0;
}
