using Migration.Hardware.Memory;
using static Migration.Hardware.Msm.MsmIommuRegisters;

namespace Migration.Hardware.Msm;

/// <summary>
/// One MSM IOMMU instance (msm.md §2): its 1 MiB register window with one 4 KiB page per context bank
/// and the global registers at the top, a small TLB per context bank, the hardware walker of §2.6,
/// the M2V table routing master IDs to context banks, V2P probes through PAR, and context faults
/// reported through FSR/FAR/FSYNR0 and the instance's interrupt line.
/// </summary>
public sealed class MsmIommu
{
    /// <summary>TLB entries per context bank (round-robin replacement). The reference gives no size; 32 is a model choice.</summary>
    public const int TlbEntriesPerContext = 32;

    /// <summary>
    /// The value REV reads: MAJOR 1, MINOR 0. The reference gives only the field layout (msm.md §2.2) and
    /// no driver reads REV, so the value is a model choice.
    /// </summary>
    public const uint RevisionValue = 1u << REV_MAJOR_SHIFT;

    // log2(TlbEntriesPerContext) in IDR.TLBSIZE: the reference names the field without its encoding.
    private const uint TlbSizeCode = 5;

    private readonly MsmContextBank[] _banks;
    private readonly uint[] _m2v = new uint[M2vEntries];
    private readonly uint[] _cbacr;
    private uint _tlbrsw;
    private uint _tlbtr0;
    private uint _tlbtr1;
    private uint _tlbtr2;
    private uint _testbuscr;
    private uint _cr;
    private uint _ear;
    private uint _esr;
    private uint _esynr0;
    private uint _esynr1;
    private uint _rpuAcr;

    /// <summary>Creates the instance described by <paramref name="config"/>, walking tables in <paramref name="memory"/>.</summary>
    public MsmIommu(MsmIommuConfig config, PhysicalMemory memory)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(memory);
        Validate(config);
        Config = config;
        Memory = memory;
        _banks = new MsmContextBank[config.ContextBanks];
        for (int i = 0; i < _banks.Length; i++)
            _banks[i] = new MsmContextBank(TlbEntriesPerContext);
        _cbacr = new uint[config.ContextBanks];
        Interrupt = new InterruptLine(config.Irq);
        Pclk = new HardwareClock("smmu_pclk");
        Clk = config.HasIommuClk ? new HardwareClock("iommu_clk") : null;
    }

    /// <summary>The instance description (name, base, IRQ, context banks, contexts).</summary>
    public MsmIommuConfig Config { get; }

    /// <summary>The memory the walker reads.</summary>
    public PhysicalMemory Memory { get; }

    /// <summary>The instance's context-fault interrupt line (msm.md §5.12).</summary>
    public InterruptLine Interrupt { get; }

    /// <summary>The interface clock smmu_pclk (msm.md §2.3).</summary>
    public HardwareClock Pclk { get; }

    /// <summary>The optional core clock iommu_clk; null when the instance has none.</summary>
    public HardwareClock? Clk { get; }

    /// <summary>Number of context banks the hardware implements (IDR.NCB + 1).</summary>
    public int ContextBanks => _banks.Length;

    /// <summary>The value IDR reads: NM2VCBMT = 511, HTW = 1, TLBSIZE = 5 (32 entries), NCB = banks − 1, NIRPT = 0.</summary>
    public uint IdrValue =>
        ((uint)(M2vEntries - 1) & IDR_NM2VCBMT_MASK)
        | IDR_HTW
        | (TlbSizeCode << IDR_TLBSIZE_SHIFT)
        | ((uint)(_banks.Length - 1) << IDR_NCB_SHIFT);

    /// <summary>CPU read of the register at <paramref name="offset"/> in the 1 MiB window (readl(base + offset)).</summary>
    public uint Read(uint offset)
    {
        CheckOffset(offset);
        if (offset >= GlobalBase)
            return ReadGlobal(offset);
        int ctx = (int)(offset >> ContextShift);
        // Pages of context banks the instance does not implement read as zero (model choice).
        return ctx < _banks.Length ? ReadContext(_banks[ctx], offset & (ContextSize - 1)) : 0;
    }

    /// <summary>CPU write of the register at <paramref name="offset"/> in the 1 MiB window (writel(value, base + offset)).</summary>
    public void Write(uint offset, uint value)
    {
        CheckOffset(offset);
        if (offset >= GlobalBase)
        {
            WriteGlobal(offset, value);
            return;
        }
        int ctx = (int)(offset >> ContextShift);
        if (ctx >= _banks.Length)
            return;
        uint reg = offset & (ContextSize - 1);
        if (reg == TLBIVA)
        {
            // The v7s-era driver writes one TLBIVA per page (v7s.md §2.2): decoded before the general switch.
            _banks[ctx].InvalidateVa(value & TLBI_VA_MASK, (byte)(value & TLBI_ASID_MASK));
            return;
        }
        WriteContext(_banks[ctx], reg, value);
    }

    /// <summary>Reads context register <paramref name="offset"/> of bank <paramref name="ctx"/> (a debugger's view; same as <see cref="Read"/>).</summary>
    public uint PeekContextRegister(int ctx, uint offset)
    {
        CheckContext(ctx);
        if (offset >= ContextSize || (offset & 3) != 0)
            throw new ArgumentOutOfRangeException(nameof(offset), $"0x{offset:x} is not a word offset inside a 4 KiB context page");
        return ReadContext(_banks[ctx], offset);
    }

    /// <summary>True while bank <paramref name="ctx"/> holds a transaction stalled on a fault (until RESUME).</summary>
    public bool IsStalled(int ctx)
    {
        CheckContext(ctx);
        return _banks[ctx].Stalled;
    }

    /// <summary>Read-only view of TLB entry <paramref name="index"/> of bank <paramref name="ctx"/>.</summary>
    public MsmTlbEntry PeekTlb(int ctx, int index)
    {
        CheckContext(ctx);
        return _banks[ctx].Tlb[index];
    }

    /// <summary>
    /// The context bank MID <paramref name="mid"/>'s transactions use: M2VCBR_N[mid].CBNDX, or -1 when
    /// the entry has BYPASSD set (msm.md §2.1, §2.4).
    /// </summary>
    public int MidToContext(int mid)
    {
        CheckMid(mid);
        uint m2v = _m2v[mid];
        return (m2v & M2VCBR_BYPASSD) != 0 ? -1 : (int)((m2v & M2VCBR_CBNDX_MASK) >> M2VCBR_CBNDX_SHIFT);
    }

    /// <summary>
    /// A bus-master access to <paramref name="va"/> through context bank <paramref name="ctx"/>: bypass when
    /// SCTLR.M = 0, else TLB lookup (nG entries match CONTEXTIDR.ASID), on a miss the hardware walk when
    /// ACTLR.TLBMCFG = 3, else a TLB-miss fault; a write to an AP2 page is a permission fault. A fault sets
    /// FSR/FAR/FSYNR0 (AMID = <paramref name="ctx"/>, no MID being known), stalls when ACTLR.CFCFG and
    /// raises <see cref="Interrupt"/> when ACTLR.CFEIE.
    /// </summary>
    public MsmTranslation Translate(int ctx, uint va, bool write)
    {
        CheckContext(ctx);
        return TranslateAccess(_banks[ctx], va, write, (uint)ctx);
    }

    /// <summary>
    /// A transaction from master ID <paramref name="mid"/>: routed through M2VCBR_N[mid] (BYPASSD → bypass,
    /// else context bank CBNDX), then as <see cref="Translate"/> with FSYNR0.AMID = <paramref name="mid"/>.
    /// A CBNDX naming a bank the instance does not implement terminates the access (Fault outcome, FaultStatus 0,
    /// no register changes).
    /// </summary>
    public MsmTranslation TranslateForMid(int mid, uint va, bool write)
    {
        CheckMid(mid);
        uint m2v = _m2v[mid];
        if ((m2v & M2VCBR_BYPASSD) != 0)
            return Bypass(va);
        int ctx = (int)((m2v & M2VCBR_CBNDX_MASK) >> M2VCBR_CBNDX_SHIFT);
        if (ctx >= _banks.Length)
            return new MsmTranslation(MsmTranslationOutcome.Fault, 0, 0, 0, false, 0);
        return TranslateAccess(_banks[ctx], va, write, (uint)mid);
    }

    private MsmTranslation TranslateAccess(MsmContextBank bank, uint va, bool write, uint amid)
    {
        if (bank.Stalled)
            return new MsmTranslation(MsmTranslationOutcome.Stalled, 0, 0, 0, false, 0);
        MsmTranslation t = Resolve(bank, va, write, out _, out _);
        if (t.Outcome == MsmTranslationOutcome.Fault)
            RecordFault(bank, va, t.FaultStatus, amid);
        return t;
    }

    /// <summary>
    /// The translation path shared by transactions and V2P probes (msm.md §2.6): no fault recording,
    /// but a walk loads the TLB. <paramref name="tlbIndex"/> is the entry used (-1 if none).
    /// </summary>
    private MsmTranslation Resolve(MsmContextBank bank, uint va, bool write, out int tlbIndex, out bool hit)
    {
        tlbIndex = -1;
        hit = false;
        if ((bank.Sctlr & SCTLR_M) == 0)
            return Bypass(va);

        byte asid = bank.Asid;
        MsmTlbEntry[] tlb = bank.Tlb;
        for (int i = 0; i < tlb.Length; i++)
        {
            if (!tlb[i].Matches(va, asid))
                continue;
            if (tlbIndex >= 0)
                return FaultResult(FSR_MHF); // two entries for one VA: only stale entries can cause it
            tlbIndex = i;
        }

        MsmTranslationOutcome outcome;
        if (tlbIndex >= 0)
        {
            hit = true;
            outcome = MsmTranslationOutcome.TlbHit;
        }
        else
        {
            if (((bank.Actlr & ACTLR_TLBMCFG_MASK) >> ACTLR_TLBMCFG_SHIFT) != TLBMCFG_HARDWARE_WALK)
                return FaultResult(FSR_TLBMF);
            if (!SelectTable(bank, va, out uint tableBase))
                return FaultResult(FSR_TF);
            if (!MsmTableWalker.Walk(Memory, tableBase, va, out MsmWalkResult walk))
                return FaultResult(walk.FaultLevel == 2 ? FSR_TF | FSR_SL : FSR_TF);
            // SCTLR.AFE = 1 (v7s contexts, v7s.md §2.3): AP0 is an access flag, and a leaf without it is an
            // access-flag fault unless AFFD disables those; nothing is loaded into the TLB. v7s always sets AP0.
            if ((bank.Sctlr & (SCTLR_AFE | SCTLR_AFFD)) == SCTLR_AFE && !walk.AccessFlag)
                return FaultResult(walk.Level == 2 ? FSR_AFF | FSR_SL : FSR_AFF);
            tlbIndex = bank.Fill(MsmTlbEntry.FromWalk(walk, va, asid));
            outcome = MsmTranslationOutcome.Walked;
        }

        MsmTlbEntry e = tlb[tlbIndex];
        // AP2 = 1 is read-only under either AP model; AP[1:0] is not decoded further (3.3 always writes 11; v7s writes
        // AP0 = AF and AP1 = unprivileged, and device transactions are not told apart by privilege here; msm.md §2.6
        // step 3, v7s.md §1.4 item 6). The entry stays loaded after a permission fault.
        if (write && e.ReadOnly)
            return FaultResult(FSR_APF);
        return new MsmTranslation(outcome, e.Translate(va), e.PageSize, e.MemoryTypeIndex, e.ReadOnly, 0);
    }

    // TTBCR = 0 (the mainline driver) always uses TTBR0. A non-zero N (CAF ttbr_split) follows ARMv7:
    // VA[31:32-N] = 0 selects TTBR0 (base bits 31:14-N), otherwise TTBR1; PD0/PD1 turn a walk through
    // that TTBR into a translation fault. The reference names the fields only (msm.md §2.2).
    private static bool SelectTable(MsmContextBank bank, uint va, out uint tableBase)
    {
        int n = (int)(bank.Ttbcr & TTBCR_N_MASK);
        if (n == 0 || va >> (32 - n) == 0)
        {
            tableBase = bank.Ttbr0 & (0xFFFFFFFFu << (TTBR_PA_SHIFT - n));
            return (bank.Ttbcr & TTBCR_PD0) == 0;
        }
        tableBase = bank.Ttbr1 & TTBR_PA_MASK;
        return (bank.Ttbcr & TTBCR_PD1) == 0;
    }

    // msm.md §2.2 FSR and §2.5 step 5. The first fault records FAR and the syndrome; a fault while FSR
    // is non-zero only adds MULTI and keeps the first fault's record. FSYNR0 carries AMID only.
    private void RecordFault(MsmContextBank bank, uint va, uint status, uint amid)
    {
        if (bank.Fsr != 0)
        {
            bank.Fsr |= FSR_MULTI;
        }
        else
        {
            bank.Fsr = status;
            bank.Far = va;
            bank.Fsynr0 = amid & 0xFF;
            bank.Fsynr1 = 0;
        }
        if ((bank.Actlr & ACTLR_CFCFG) != 0)
        {
            bank.Stalled = true;
            bank.Fsr |= FSR_SS;
        }
        if ((bank.Actlr & ACTLR_CFEIE) != 0)
            Interrupt.Raise(); // after the registers are set: the handler reads them
    }

    // V2PPR/V2PPW/V2PUR/V2PUW (msm.md §2.2, §5.10): translate VA[31:12] like a transaction but report in
    // PAR only: no FSR, no interrupt, no stall. Privileged and user probes behave alike because AP[1:0]
    // is not decoded. With SCTLR.M = 0 the probe reports the flat mapping.
    private void Probe(MsmContextBank bank, uint value, bool write)
    {
        uint va = value & TLBI_VA_MASK;
        MsmTranslation t = Resolve(bank, va, write, out int index, out bool hit);
        bank.V2psr = hit ? V2PSR_HIT | ((uint)index << V2PSR_INDEX_SHIFT) : 0;
        if (t.Outcome == MsmTranslationOutcome.Fault)
        {
            bank.Par = PAR_FAULT | t.FaultStatus;
            return;
        }
        // MT = {TEX0, C, B} and SH = the descriptor's S bit; NS and NOS stay 0 (the driver never sets
        // NS, and NOS would need the PRRR decode). The reference lists the fields only.
        uint attributes = (t.MemoryTypeIndex << PAR_MT_SHIFT) | (index >= 0 && bank.Tlb[index].Shareable ? PAR_SH : 0);
        bank.Par = t.PageSize == MsmDescriptor.SupersectionSize
            ? (t.Pa & PAR_SUPERSECTION_PA_MASK) | PAR_SS | attributes
            : (t.Pa & PAR_PA_MASK) | attributes;
    }

    private static MsmTranslation Bypass(uint va) => new(MsmTranslationOutcome.Bypass, va, 0, 0, false, 0);

    private static MsmTranslation FaultResult(uint status) => new(MsmTranslationOutcome.Fault, 0, 0, 0, false, status);

    private static uint ReadContext(MsmContextBank b, uint reg) => reg switch
    {
        SCTLR => b.Sctlr,
        ACTLR => b.Actlr,
        CONTEXTIDR => b.Contextidr,
        TTBR0 => b.Ttbr0,
        TTBR1 => b.Ttbr1,
        TTBCR => b.Ttbcr,
        PAR => b.Par,
        FSR => b.Fsr,
        FAR => b.Far,
        FSYNR0 => b.Fsynr0,
        FSYNR1 => b.Fsynr1,
        PRRR => b.Prrr,
        NMRR => b.Nmrr,
        TLBLCKR => b.Tlblckr,
        V2PSR => b.V2psr,
        TLBFLPTER => b.Tlbflpter,
        TLBSLPTER => b.Tlbslpter,
        BFBCR => b.Bfbcr,
        // FSRRESTORE, the TLB maintenance, V2P and RESUME registers are write-only; reserved words read 0.
        _ => 0,
    };

    private void WriteContext(MsmContextBank b, uint reg, uint value)
    {
        switch (reg)
        {
            case SCTLR: b.Sctlr = value; break;
            case ACTLR: b.Actlr = value; break;
            case CONTEXTIDR: b.Contextidr = value; break;
            case TTBR0: b.Ttbr0 = value; break;
            case TTBR1: b.Ttbr1 = value; break;
            case TTBCR: b.Ttbcr = value; break;
            case PAR: b.Par = value; break;
            case FSR: b.Fsr &= ~value; break; // write 1 to clear (msm.md §5.12: 0x4000000F, or the value read)
            case FSRRESTORE: b.Fsr = value; break; // the reset writes 0 here to clear FSR (msm.md §2.3)
            case FAR: b.Far = value; break;
            case FSYNR0: b.Fsynr0 = value; break;
            case FSYNR1: b.Fsynr1 = value; break;
            case PRRR: b.Prrr = value; break;
            case NMRR: b.Nmrr = value; break;
            case TLBLCKR: b.Tlblckr = value; break;
            case TLBFLPTER: b.Tlbflpter = value; break;
            case TLBSLPTER: b.Tlbslpter = value; break;
            case BFBCR: b.Bfbcr = value; break;
            case CTX_TLBIALL: b.InvalidateAll(); break;
            case TLBIASID: b.InvalidateAsid((byte)(value & TLBI_ASID_MASK)); break;
            case TLBIVA: b.InvalidateVa(value & TLBI_VA_MASK, (byte)(value & TLBI_ASID_MASK)); break;
            case TLBIVAA: b.InvalidateVaAllAsids(value & TLBI_VA_MASK); break;
            case V2PPR: Probe(b, value, write: false); break;
            case V2PPW: Probe(b, value, write: true); break;
            case V2PUR: Probe(b, value, write: false); break;
            case V2PUW: Probe(b, value, write: true); break;
            case RESUME:
                // TNR = 1 lets the stalled transaction go: the master re-issues it (the model does not
                // replay it, so a handler that writes RESUME cannot recurse). TNR = 0 is ignored.
                if ((value & RESUME_TNR) != 0)
                {
                    b.Stalled = false;
                    b.Fsr &= ~FSR_SS;
                }
                break;
            default:
                break; // V2PSR is read-only; reserved words ignore writes
        }
    }

    private uint ReadGlobal(uint offset)
    {
        if (offset < CBACR_N)
            return _m2v[(offset - M2VCBR_N) >> 2];
        if (offset < TLBRSW)
        {
            int ctx = (int)((offset - CBACR_N) >> 2);
            return ctx < _cbacr.Length ? _cbacr[ctx] : 0;
        }
        return offset switch
        {
            TLBRSW => _tlbrsw,
            TLBTR0 => _tlbtr0,
            TLBTR1 => _tlbtr1,
            TLBTR2 => _tlbtr2,
            TESTBUSCR => _testbuscr,
            CR => _cr,
            EAR => _ear,
            ESR => _esr,
            ESYNR0 => _esynr0,
            ESYNR1 => _esynr1,
            REV => RevisionValue,
            IDR => IdrValue,
            RPU_ACR => _rpuAcr,
            // GLOBAL_TLBIALL, TLBIVMID and ESRRESTORE are write-only; reserved words read 0.
            _ => 0,
        };
    }

    private void WriteGlobal(uint offset, uint value)
    {
        if (offset < CBACR_N)
        {
            _m2v[(offset - M2VCBR_N) >> 2] = value;
            return;
        }
        if (offset < TLBRSW)
        {
            int ctx = (int)((offset - CBACR_N) >> 2);
            if (ctx < _cbacr.Length)
                _cbacr[ctx] = value;
            return;
        }
        switch (offset)
        {
            case TLBRSW: _tlbrsw = value; break;
            case TLBTR0: _tlbtr0 = value; break;
            case TLBTR1: _tlbtr1 = value; break;
            case TLBTR2: _tlbtr2 = value; break;
            case TESTBUSCR: _testbuscr = value; break;
            case GLOBAL_TLBIALL:
                foreach (MsmContextBank b in _banks)
                    b.InvalidateAll();
                break;
            case TLBIVMID:
                InvalidateVmid(value & TLBIVMID_VMID_MASK);
                break;
            case CR: _cr = value; break;
            case EAR: _ear = value; break;
            case ESR: _esr &= ~value; break; // write 1 to clear, like FSR
            case ESRRESTORE: _esr = value; break;
            case ESYNR0: _esynr0 = value; break;
            case ESYNR1: _esynr1 = value; break;
            case RPU_ACR: _rpuAcr = value; break;
            default:
                break; // REV and IDR are read-only; reserved words ignore writes
        }
    }

    // A context's TLB entries carry the VMID of its CBACR.CBVMID; TLBIVMID drops the contexts with that VMID.
    private void InvalidateVmid(uint vmid)
    {
        for (int ctx = 0; ctx < _banks.Length; ctx++)
        {
            if (((_cbacr[ctx] & CBACR_CBVMID_MASK) >> CBACR_CBVMID_SHIFT) == vmid)
                _banks[ctx].InvalidateAll();
        }
    }

    private void CheckContext(int ctx)
    {
        if ((uint)ctx >= (uint)_banks.Length)
            throw new ArgumentOutOfRangeException(nameof(ctx), $"{Config.Name} has context banks 0..{_banks.Length - 1}, not {ctx}");
    }

    private static void CheckMid(int mid)
    {
        if ((uint)mid >= M2vEntries)
            throw new ArgumentOutOfRangeException(nameof(mid), $"MIDs are 0..{M2vEntries - 1}, not {mid}");
    }

    private static void CheckOffset(uint offset)
    {
        if (offset >= WindowSize || (offset & 3) != 0)
            throw new ArgumentOutOfRangeException(nameof(offset), $"0x{offset:x} is outside the 1 MiB MSM IOMMU window or not word aligned");
    }

    private static void Validate(MsmIommuConfig config)
    {
        // Context pages must end below the global registers (0xFF000 >> 12 = 255 banks).
        if (config.ContextBanks is < 1 or > (int)(GlobalBase >> ContextShift))
            throw new ArgumentException($"{config.Name}: an instance has 1..255 context banks, not {config.ContextBanks}", nameof(config));
        ArgumentNullException.ThrowIfNull(config.Contexts);
        foreach (MsmContextConfig c in config.Contexts)
        {
            if ((uint)c.Number >= (uint)config.ContextBanks)
                throw new ArgumentException($"{config.Name}: context {c.Name} is bank {c.Number}, beyond {config.ContextBanks} banks", nameof(config));
            if (c.Mids.Count > MsmContextConfig.MaxMids)
                throw new ArgumentException($"{config.Name}: context {c.Name} lists {c.Mids.Count} MIDs, more than {MsmContextConfig.MaxMids}", nameof(config));
            foreach (int mid in c.Mids)
            {
                if ((uint)mid >= M2vEntries)
                    throw new ArgumentException($"{config.Name}: context {c.Name} lists MID {mid}, outside 0..{M2vEntries - 1}", nameof(config));
            }
        }
    }
}
