namespace Migration.Hardware.Msm;

/// <summary>
/// The state of one context bank (msm.md §2.1/§2.2): its stored registers, its TLB with a round-robin
/// victim, and whether a faulting transaction is stalled waiting for RESUME. Register semantics live
/// in <see cref="MsmIommu"/>; this class only holds the state and the TLB operations.
/// </summary>
internal sealed class MsmContextBank
{
    /// <summary>Creates a bank in its power-on state (every register 0, TLB empty) with <paramref name="tlbEntries"/> entries.</summary>
    public MsmContextBank(int tlbEntries) => Tlb = new MsmTlbEntry[tlbEntries];

    /// <summary>SCTLR.</summary>
    public uint Sctlr;
    /// <summary>ACTLR.</summary>
    public uint Actlr;
    /// <summary>CONTEXTIDR.</summary>
    public uint Contextidr;
    /// <summary>TTBR0.</summary>
    public uint Ttbr0;
    /// <summary>TTBR1.</summary>
    public uint Ttbr1;
    /// <summary>TTBCR.</summary>
    public uint Ttbcr;
    /// <summary>PAR.</summary>
    public uint Par;
    /// <summary>FSR.</summary>
    public uint Fsr;
    /// <summary>FAR.</summary>
    public uint Far;
    /// <summary>FSYNR0.</summary>
    public uint Fsynr0;
    /// <summary>FSYNR1.</summary>
    public uint Fsynr1;
    /// <summary>PRRR.</summary>
    public uint Prrr;
    /// <summary>NMRR.</summary>
    public uint Nmrr;
    /// <summary>TLBLCKR.</summary>
    public uint Tlblckr;
    /// <summary>V2PSR.</summary>
    public uint V2psr;
    /// <summary>TLBFLPTER.</summary>
    public uint Tlbflpter;
    /// <summary>TLBSLPTER.</summary>
    public uint Tlbslpter;
    /// <summary>BFBCR.</summary>
    public uint Bfbcr;

    /// <summary>True while a faulting transaction waits for RESUME (ACTLR.CFCFG, msm.md §2.5 step 5).</summary>
    public bool Stalled;

    /// <summary>The TLB entries.</summary>
    public MsmTlbEntry[] Tlb { get; }

    /// <summary>Next entry a walk replaces (round robin).</summary>
    public int Victim;

    // Valid entries in Tlb: a TLBIVA/TLBIASID on an empty TLB is a register write with nothing to scan (the v7s driver
    // issues one per page, v7s.md §2.2), so it costs O(1) when no entry is loaded.
    private int _validEntries;

    /// <summary>The current ASID (CONTEXTIDR[7:0]).</summary>
    public byte Asid => (byte)(Contextidr & MsmIommuRegisters.CONTEXTIDR_ASID_MASK);

    /// <summary>Loads <paramref name="entry"/> into the victim slot, advances the victim and returns the slot used.</summary>
    public int Fill(in MsmTlbEntry entry)
    {
        int slot = Victim;
        if (!Tlb[slot].Valid && entry.Valid)
            _validEntries++;
        Tlb[slot] = entry;
        Victim = (slot + 1) % Tlb.Length;
        return slot;
    }

    /// <summary>CTX_TLBIALL: drops every entry.</summary>
    public void InvalidateAll()
    {
        if (_validEntries == 0)
            return;
        Array.Clear(Tlb);
        _validEntries = 0;
    }

    /// <summary>TLBIASID: drops the non-global entries tagged with <paramref name="asid"/>; global entries stay.</summary>
    public void InvalidateAsid(byte asid)
    {
        for (int i = 0; i < Tlb.Length && _validEntries != 0; i++)
        {
            if (Tlb[i].Valid && !Tlb[i].Global && Tlb[i].Asid == asid)
                Drop(i);
        }
    }

    /// <summary>TLBIVA: drops the entries covering <paramref name="va"/> that match <paramref name="asid"/> (global entries match every ASID).</summary>
    public void InvalidateVa(uint va, byte asid)
    {
        for (int i = 0; i < Tlb.Length && _validEntries != 0; i++)
        {
            if (Tlb[i].Matches(va, asid))
                Drop(i);
        }
    }

    /// <summary>TLBIVAA: drops every entry covering <paramref name="va"/>, whatever its ASID.</summary>
    public void InvalidateVaAllAsids(uint va)
    {
        for (int i = 0; i < Tlb.Length && _validEntries != 0; i++)
        {
            if (Tlb[i].Covers(va))
                Drop(i);
        }
    }

    private void Drop(int i)
    {
        Tlb[i] = default;
        _validEntries--;
    }
}
