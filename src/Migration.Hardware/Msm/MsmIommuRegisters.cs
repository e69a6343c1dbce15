namespace Migration.Hardware.Msm;

/// <summary>
/// Register offsets and bit fields of one MSM IOMMU instance (mach/iommu_hw-8xxx.h; msm.md §2.2).
/// A context register of bank <c>ctx</c> lives at <c>(ctx &lt;&lt; 12) + offset</c>; the global registers
/// sit at the top of the 1 MiB window.
/// </summary>
public static class MsmIommuRegisters
{
    /// <summary>Size of one instance's register window (1 MiB, msm.md §2.1).</summary>
    public const uint WindowSize = 0x100000;

    /// <summary>Shift that turns a context bank number into the base of its 4 KiB register page.</summary>
    public const int ContextShift = 12;

    /// <summary>Size of one context bank's register page.</summary>
    public const uint ContextSize = 1u << ContextShift;

    /// <summary>Offset of register <paramref name="offset"/> of context bank <paramref name="ctx"/> (msm.md §2.2).</summary>
    public static uint ContextRegister(int ctx, uint offset) => ((uint)ctx << ContextShift) + offset;

    // ---- Context registers (msm.md §2.2) -------------------------------------------------------

    /// <summary>SCTLR: system control (MMU enable, TEX remap, access flag).</summary>
    public const uint SCTLR = 0x000;
    /// <summary>ACTLR: auxiliary control (fault IRQ/stall, TLB-miss walk, V2P, redirect).</summary>
    public const uint ACTLR = 0x004;
    /// <summary>CONTEXTIDR: ASID[7:0] and PROCID[31:8].</summary>
    public const uint CONTEXTIDR = 0x008;
    /// <summary>TTBR0: first-level table base and walk attributes.</summary>
    public const uint TTBR0 = 0x010;
    /// <summary>TTBR1: second table base (CAF ttbr_split), same layout as TTBR0.</summary>
    public const uint TTBR1 = 0x014;
    /// <summary>TTBCR: N, PD0, PD1.</summary>
    public const uint TTBCR = 0x018;
    /// <summary>PAR: result of the last V2P probe.</summary>
    public const uint PAR = 0x01C;
    /// <summary>FSR: fault status (write 1 to clear).</summary>
    public const uint FSR = 0x020;
    /// <summary>FSRRESTORE: a write sets FSR to the value written.</summary>
    public const uint FSRRESTORE = 0x024;
    /// <summary>FAR: faulting virtual address.</summary>
    public const uint FAR = 0x028;
    /// <summary>FSYNR0: fault syndrome 0 (AMID[7:0] ...).</summary>
    public const uint FSYNR0 = 0x02C;
    /// <summary>FSYNR1: fault syndrome 1.</summary>
    public const uint FSYNR1 = 0x030;
    /// <summary>PRRR: primary region remap (ARMv7 CP15 format).</summary>
    public const uint PRRR = 0x034;
    /// <summary>NMRR: normal memory remap (ARMv7 CP15 format).</summary>
    public const uint NMRR = 0x038;
    /// <summary>TLBLCKR: TLB lockdown.</summary>
    public const uint TLBLCKR = 0x03C;
    /// <summary>V2PSR: V2P status (HIT, INDEX).</summary>
    public const uint V2PSR = 0x040;
    /// <summary>TLBFLPTER: TLB first-level PTE (debug).</summary>
    public const uint TLBFLPTER = 0x044;
    /// <summary>TLBSLPTER: TLB second-level PTE (debug).</summary>
    public const uint TLBSLPTER = 0x048;
    /// <summary>BFBCR: walk prefetch control.</summary>
    public const uint BFBCR = 0x04C;
    /// <summary>CTX_TLBIALL: any write invalidates every TLB entry of the context.</summary>
    public const uint CTX_TLBIALL = 0x800;
    /// <summary>TLBIASID: write an ASID to invalidate its non-global entries.</summary>
    public const uint TLBIASID = 0x804;
    /// <summary>TLBIVA: write (VA &amp; 0xFFFFF000) | ASID to invalidate one VA for one ASID.</summary>
    public const uint TLBIVA = 0x808;
    /// <summary>TLBIVAA: write a VA to invalidate it for all ASIDs.</summary>
    public const uint TLBIVAA = 0x80C;
    /// <summary>V2PPR: write VA[31:12] to translate as a privileged read; result in PAR.</summary>
    public const uint V2PPR = 0x810;
    /// <summary>V2PPW: privileged-write probe.</summary>
    public const uint V2PPW = 0x814;
    /// <summary>V2PUR: user-read probe.</summary>
    public const uint V2PUR = 0x818;
    /// <summary>V2PUW: user-write probe.</summary>
    public const uint V2PUW = 0x81C;
    /// <summary>RESUME: TNR[0] = 1 resumes the stalled transaction.</summary>
    public const uint RESUME = 0x820;

    // ---- Global registers (msm.md §2.2) --------------------------------------------------------

    /// <summary>First global register offset; everything below is context-bank space.</summary>
    public const uint GlobalBase = 0xFF000;
    /// <summary>M2VCBR_N: MID-to-context table, entry at M2VCBR_N + 4·MID.</summary>
    public const uint M2VCBR_N = 0xFF000;
    /// <summary>Number of M2VCBR_N entries the window holds (0xFF000..0xFF7FC).</summary>
    public const int M2vEntries = 512;
    /// <summary>CBACR_N: context bank attributes, entry at CBACR_N + 4·ctx.</summary>
    public const uint CBACR_N = 0xFF800;
    /// <summary>TLBRSW (debug).</summary>
    public const uint TLBRSW = 0xFFE00;
    /// <summary>TLBTR0 (debug).</summary>
    public const uint TLBTR0 = 0xFFE80;
    /// <summary>TLBTR1 (debug).</summary>
    public const uint TLBTR1 = 0xFFE84;
    /// <summary>TLBTR2 (debug).</summary>
    public const uint TLBTR2 = 0xFFE88;
    /// <summary>TESTBUSCR (debug).</summary>
    public const uint TESTBUSCR = 0xFFE8C;
    /// <summary>GLOBAL_TLBIALL: any write invalidates every TLB entry of every context.</summary>
    public const uint GLOBAL_TLBIALL = 0xFFF00;
    /// <summary>TLBIVMID: write a VMID to invalidate the contexts whose CBACR.CBVMID matches.</summary>
    public const uint TLBIVMID = 0xFFF04;
    /// <summary>CR: global control.</summary>
    public const uint CR = 0xFFF80;
    /// <summary>EAR: global error address.</summary>
    public const uint EAR = 0xFFF84;
    /// <summary>ESR: global error status (write 1 to clear).</summary>
    public const uint ESR = 0xFFF88;
    /// <summary>ESRRESTORE: a write sets ESR to the value written.</summary>
    public const uint ESRRESTORE = 0xFFF8C;
    /// <summary>ESYNR0: global error syndrome 0.</summary>
    public const uint ESYNR0 = 0xFFF90;
    /// <summary>ESYNR1: global error syndrome 1.</summary>
    public const uint ESYNR1 = 0xFFF94;
    /// <summary>REV: MINOR[3:0], MAJOR[7:4] (read only).</summary>
    public const uint REV = 0xFFFF4;
    /// <summary>IDR: implementation description (read only).</summary>
    public const uint IDR = 0xFFFF8;
    /// <summary>RPU_ACR.</summary>
    public const uint RPU_ACR = 0xFFFFC;

    // ---- SCTLR -----------------------------------------------------------------------------------

    /// <summary>SCTLR.M: MMU enable (0 = transactions bypass).</summary>
    public const uint SCTLR_M = 1u << 0;
    /// <summary>SCTLR.TRE: TEX remap enable.</summary>
    public const uint SCTLR_TRE = 1u << 1;
    /// <summary>SCTLR.AFE: access-flag enable.</summary>
    public const uint SCTLR_AFE = 1u << 2;
    /// <summary>SCTLR.HAF: hardware access-flag management.</summary>
    public const uint SCTLR_HAF = 1u << 3;
    /// <summary>SCTLR.BE: big-endian table walks.</summary>
    public const uint SCTLR_BE = 1u << 4;
    /// <summary>SCTLR.AFFD: access-flag fault disable.</summary>
    public const uint SCTLR_AFFD = 1u << 5;

    // ---- ACTLR -----------------------------------------------------------------------------------

    /// <summary>ACTLR.CFERE: context fault error report enable.</summary>
    public const uint ACTLR_CFERE = 1u << 0;
    /// <summary>ACTLR.CFEIE: context fault interrupt enable.</summary>
    public const uint ACTLR_CFEIE = 1u << 1;
    /// <summary>ACTLR.PTSHCFG field shift.</summary>
    public const int ACTLR_PTSHCFG_SHIFT = 2;
    /// <summary>ACTLR.PTSHCFG field mask (bits 3:2).</summary>
    public const uint ACTLR_PTSHCFG_MASK = 3u << ACTLR_PTSHCFG_SHIFT;
    /// <summary>ACTLR.RCOSH: redirect outer-shareable walks.</summary>
    public const uint ACTLR_RCOSH = 1u << 4;
    /// <summary>ACTLR.RCISH: redirect inner-shareable walks.</summary>
    public const uint ACTLR_RCISH = 1u << 5;
    /// <summary>ACTLR.RCNSH: redirect non-shareable walks.</summary>
    public const uint ACTLR_RCNSH = 1u << 6;
    /// <summary>ACTLR.PRIVCFG field shift.</summary>
    public const int ACTLR_PRIVCFG_SHIFT = 8;
    /// <summary>ACTLR.PRIVCFG field mask (bits 9:8).</summary>
    public const uint ACTLR_PRIVCFG_MASK = 3u << ACTLR_PRIVCFG_SHIFT;
    /// <summary>ACTLR.DNA.</summary>
    public const uint ACTLR_DNA = 1u << 10;
    /// <summary>ACTLR.DNLV2PA.</summary>
    public const uint ACTLR_DNLV2PA = 1u << 11;
    /// <summary>ACTLR.TLBMCFG field shift.</summary>
    public const int ACTLR_TLBMCFG_SHIFT = 12;
    /// <summary>ACTLR.TLBMCFG field mask (bits 13:12).</summary>
    public const uint ACTLR_TLBMCFG_MASK = 3u << ACTLR_TLBMCFG_SHIFT;
    /// <summary>TLBMCFG value the driver writes: walk the tables in hardware on a TLB miss (msm.md §2.5 step 2).</summary>
    public const uint TLBMCFG_HARDWARE_WALK = 3;
    /// <summary>ACTLR.CFCFG: stall the faulting transaction until RESUME.</summary>
    public const uint ACTLR_CFCFG = 1u << 14;
    /// <summary>ACTLR.TIPCF.</summary>
    public const uint ACTLR_TIPCF = 1u << 15;
    /// <summary>ACTLR.V2PCFG field shift.</summary>
    public const int ACTLR_V2PCFG_SHIFT = 16;
    /// <summary>ACTLR.V2PCFG field mask (bits 17:16).</summary>
    public const uint ACTLR_V2PCFG_MASK = 3u << ACTLR_V2PCFG_SHIFT;
    /// <summary>ACTLR.HUME: hit-under-miss enable.</summary>
    public const uint ACTLR_HUME = 1u << 18;
    /// <summary>ACTLR.PTMTCFG.</summary>
    public const uint ACTLR_PTMTCFG = 1u << 20;
    /// <summary>ACTLR.PTMEMTYPE field shift.</summary>
    public const int ACTLR_PTMEMTYPE_SHIFT = 21;
    /// <summary>ACTLR.PTMEMTYPE field mask (bits 23:21).</summary>
    public const uint ACTLR_PTMEMTYPE_MASK = 7u << ACTLR_PTMEMTYPE_SHIFT;

    // ---- CONTEXTIDR --------------------------------------------------------------------------------

    /// <summary>CONTEXTIDR.ASID field mask (bits 7:0).</summary>
    public const uint CONTEXTIDR_ASID_MASK = 0xFF;
    /// <summary>CONTEXTIDR.PROCID field shift.</summary>
    public const int CONTEXTIDR_PROCID_SHIFT = 8;
    /// <summary>CONTEXTIDR.PROCID field mask (bits 31:8).</summary>
    public const uint CONTEXTIDR_PROCID_MASK = 0xFFFFFF00;

    // ---- TTBR0 / TTBR1 ---------------------------------------------------------------------------

    /// <summary>TTBRn.IRGNH: inner cacheability, high bit.</summary>
    public const uint TTBR_IRGNH = 1u << 0;
    /// <summary>TTBRn.SH: shareable walks.</summary>
    public const uint TTBR_SH = 1u << 1;
    /// <summary>TTBRn.ORGN field shift.</summary>
    public const int TTBR_ORGN_SHIFT = 3;
    /// <summary>TTBRn.ORGN field mask (bits 4:3).</summary>
    public const uint TTBR_ORGN_MASK = 3u << TTBR_ORGN_SHIFT;
    /// <summary>TTBRn.NOS: not outer shareable.</summary>
    public const uint TTBR_NOS = 1u << 5;
    /// <summary>TTBRn.IRGNL: inner cacheability, low bit.</summary>
    public const uint TTBR_IRGNL = 1u << 6;
    /// <summary>TTBRn.PA field shift (the field holds table_phys &gt;&gt; 14).</summary>
    public const int TTBR_PA_SHIFT = 14;
    /// <summary>TTBRn.PA field mask (bits 31:14): the 16 KiB aligned first-level table address.</summary>
    public const uint TTBR_PA_MASK = 0xFFFFC000;

    // ---- TTBCR (ARMv7 layout: the reference names N, PD0, PD1 without positions) -------------------

    /// <summary>TTBCR.N field mask (bits 2:0): VA[31:32-N] = 0 selects TTBR0, otherwise TTBR1.</summary>
    public const uint TTBCR_N_MASK = 7;
    /// <summary>TTBCR.PD0: no table walk through TTBR0 (a miss is a translation fault).</summary>
    public const uint TTBCR_PD0 = 1u << 4;
    /// <summary>TTBCR.PD1: no table walk through TTBR1.</summary>
    public const uint TTBCR_PD1 = 1u << 5;

    // ---- PAR ---------------------------------------------------------------------------------------

    /// <summary>PAR.FAULT: the probe faulted; the other bits are the fault format.</summary>
    public const uint PAR_FAULT = 1u << 0;
    /// <summary>PAR.SS (success format): supersection; PAR[31:24] hold the 16 MiB base.</summary>
    public const uint PAR_SS = 1u << 1;
    /// <summary>PAR.MT field shift (success format).</summary>
    public const int PAR_MT_SHIFT = 4;
    /// <summary>PAR.MT field mask (bits 6:4, success format).</summary>
    public const uint PAR_MT_MASK = 7u << PAR_MT_SHIFT;
    /// <summary>PAR.SH (success format): shareable.</summary>
    public const uint PAR_SH = 1u << 7;
    /// <summary>PAR.NS (success format): non-secure.</summary>
    public const uint PAR_NS = 1u << 9;
    /// <summary>PAR.NOS (success format): not outer shareable.</summary>
    public const uint PAR_NOS = 1u << 10;
    /// <summary>PAR.PA field mask (bits 31:12, success format).</summary>
    public const uint PAR_PA_MASK = 0xFFFFF000;
    /// <summary>PA bits PAR holds for a supersection (bits 31:24).</summary>
    public const uint PAR_SUPERSECTION_PA_MASK = 0xFF000000;
    /// <summary>PAR.TF (fault format): translation fault.</summary>
    public const uint PAR_TF = 1u << 1;
    /// <summary>PAR.AFF (fault format): access-flag fault.</summary>
    public const uint PAR_AFF = 1u << 2;
    /// <summary>PAR.APF (fault format): permission fault.</summary>
    public const uint PAR_APF = 1u << 3;
    /// <summary>PAR.TLBMF (fault format): TLB miss fault.</summary>
    public const uint PAR_TLBMF = 1u << 4;
    /// <summary>PAR.HTWDEEF (fault format): walk decode error.</summary>
    public const uint PAR_HTWDEEF = 1u << 5;
    /// <summary>PAR.HTWSEEF (fault format): walk slave error.</summary>
    public const uint PAR_HTWSEEF = 1u << 6;
    /// <summary>PAR.MHF (fault format): TLB multi-hit.</summary>
    public const uint PAR_MHF = 1u << 7;
    /// <summary>PAR.SL (fault format): the fault happened at the second level.</summary>
    public const uint PAR_SL = 1u << 16;
    /// <summary>PAR.SS (fault format, bit 30).</summary>
    public const uint PAR_FAULT_SS = 1u << 30;

    // ---- FSR ---------------------------------------------------------------------------------------

    /// <summary>FSR.TF: translation fault.</summary>
    public const uint FSR_TF = 1u << 1;
    /// <summary>FSR.AFF: access-flag fault.</summary>
    public const uint FSR_AFF = 1u << 2;
    /// <summary>FSR.APF: permission fault.</summary>
    public const uint FSR_APF = 1u << 3;
    /// <summary>FSR.TLBMF: TLB miss with hardware walk disabled.</summary>
    public const uint FSR_TLBMF = 1u << 4;
    /// <summary>FSR.HTWDEEF: walk decode error.</summary>
    public const uint FSR_HTWDEEF = 1u << 5;
    /// <summary>FSR.HTWSEEF: walk slave error.</summary>
    public const uint FSR_HTWSEEF = 1u << 6;
    /// <summary>FSR.MHF: TLB multi-hit.</summary>
    public const uint FSR_MHF = 1u << 7;
    /// <summary>FSR.SL: the fault happened at the second level.</summary>
    public const uint FSR_SL = 1u << 16;
    /// <summary>FSR.SS: the faulting transaction is stalled (ACTLR.CFCFG).</summary>
    public const uint FSR_SS = 1u << 30;
    /// <summary>FSR.MULTI: a fault happened while FSR was already non-zero.</summary>
    public const uint FSR_MULTI = 1u << 31;
    /// <summary>The value the mainline fault handler writes to FSR to clear it (msm.md §5.12).</summary>
    public const uint FSR_MAINLINE_CLEAR = 0x4000000F;

    // ---- V2PSR -------------------------------------------------------------------------------------

    /// <summary>V2PSR.HIT: the last V2P probe hit the TLB.</summary>
    public const uint V2PSR_HIT = 1u << 0;
    /// <summary>V2PSR.INDEX field shift.</summary>
    public const int V2PSR_INDEX_SHIFT = 8;
    /// <summary>V2PSR.INDEX field mask (bits 15:8): TLB entry the probe used.</summary>
    public const uint V2PSR_INDEX_MASK = 0xFFu << V2PSR_INDEX_SHIFT;

    // ---- BFBCR ---------------------------------------------------------------------------------------

    /// <summary>BFBCR.BFBDFE: prefetch enable.</summary>
    public const uint BFBCR_BFBDFE = 1u << 0;
    /// <summary>BFBCR.BFBSFE.</summary>
    public const uint BFBCR_BFBSFE = 1u << 1;
    /// <summary>BFBCR.SFVS.</summary>
    public const uint BFBCR_SFVS = 1u << 2;
    /// <summary>BFBCR.FLVIC field shift.</summary>
    public const int BFBCR_FLVIC_SHIFT = 4;
    /// <summary>BFBCR.FLVIC field mask (bits 7:4).</summary>
    public const uint BFBCR_FLVIC_MASK = 0xFu << BFBCR_FLVIC_SHIFT;
    /// <summary>BFBCR.SLVIC field shift.</summary>
    public const int BFBCR_SLVIC_SHIFT = 8;
    /// <summary>BFBCR.SLVIC field mask (bits 11:8).</summary>
    public const uint BFBCR_SLVIC_MASK = 0xFu << BFBCR_SLVIC_SHIFT;

    // ---- TLB maintenance and V2P operands ----------------------------------------------------------

    /// <summary>VA bits of a TLBIVA / TLBIVAA / V2Pxx operand.</summary>
    public const uint TLBI_VA_MASK = 0xFFFFF000;
    /// <summary>ASID bits of a TLBIVA / TLBIASID operand.</summary>
    public const uint TLBI_ASID_MASK = 0xFF;
    /// <summary>VMID bits of a TLBIVMID operand.</summary>
    public const uint TLBIVMID_VMID_MASK = 0x1F;
    /// <summary>RESUME.TNR: write 1 to resume the stalled transaction.</summary>
    public const uint RESUME_TNR = 1u << 0;

    // ---- M2VCBR_N ----------------------------------------------------------------------------------

    /// <summary>M2VCBR.VMID field mask (bits 4:0).</summary>
    public const uint M2VCBR_VMID_MASK = 0x1F;
    /// <summary>M2VCBR.CBNDX field shift.</summary>
    public const int M2VCBR_CBNDX_SHIFT = 8;
    /// <summary>M2VCBR.CBNDX field mask (bits 15:8): the context bank the MID uses.</summary>
    public const uint M2VCBR_CBNDX_MASK = 0xFFu << M2VCBR_CBNDX_SHIFT;
    /// <summary>M2VCBR.BYPASSD: the MID's transactions bypass translation.</summary>
    public const uint M2VCBR_BYPASSD = 1u << 16;
    /// <summary>M2VCBR.BPRCOSH.</summary>
    public const uint M2VCBR_BPRCOSH = 1u << 17;
    /// <summary>M2VCBR.BPRCISH.</summary>
    public const uint M2VCBR_BPRCISH = 1u << 18;
    /// <summary>M2VCBR.BPRCNSH.</summary>
    public const uint M2VCBR_BPRCNSH = 1u << 19;
    /// <summary>M2VCBR.BPSHCFG field shift.</summary>
    public const int M2VCBR_BPSHCFG_SHIFT = 20;
    /// <summary>M2VCBR.BPSHCFG field mask (bits 21:20).</summary>
    public const uint M2VCBR_BPSHCFG_MASK = 3u << M2VCBR_BPSHCFG_SHIFT;
    /// <summary>M2VCBR.NSCFG field shift.</summary>
    public const int M2VCBR_NSCFG_SHIFT = 22;
    /// <summary>M2VCBR.NSCFG field mask (bits 23:22); the driver writes 3 (non-secure, msm.md §2.4).</summary>
    public const uint M2VCBR_NSCFG_MASK = 3u << M2VCBR_NSCFG_SHIFT;
    /// <summary>M2VCBR.BPMTCFG.</summary>
    public const uint M2VCBR_BPMTCFG = 1u << 24;
    /// <summary>M2VCBR.BPMEMTYPE field shift.</summary>
    public const int M2VCBR_BPMEMTYPE_SHIFT = 25;
    /// <summary>M2VCBR.BPMEMTYPE field mask (bits 27:25).</summary>
    public const uint M2VCBR_BPMEMTYPE_MASK = 7u << M2VCBR_BPMEMTYPE_SHIFT;

    // ---- CBACR_N -----------------------------------------------------------------------------------

    /// <summary>CBACR.RWVMID field mask (bits 4:0).</summary>
    public const uint CBACR_RWVMID_MASK = 0x1F;
    /// <summary>CBACR.RWE.</summary>
    public const uint CBACR_RWE = 1u << 8;
    /// <summary>CBACR.RWGE.</summary>
    public const uint CBACR_RWGE = 1u << 9;
    /// <summary>CBACR.CBVMID field shift.</summary>
    public const int CBACR_CBVMID_SHIFT = 16;
    /// <summary>CBACR.CBVMID field mask (bits 20:16): the VMID the context's TLB entries carry.</summary>
    public const uint CBACR_CBVMID_MASK = 0x1Fu << CBACR_CBVMID_SHIFT;
    /// <summary>CBACR.IRPTNDX field shift.</summary>
    public const int CBACR_IRPTNDX_SHIFT = 24;
    /// <summary>CBACR.IRPTNDX field mask (bits 31:24).</summary>
    public const uint CBACR_IRPTNDX_MASK = 0xFFu << CBACR_IRPTNDX_SHIFT;

    // ---- CR ----------------------------------------------------------------------------------------

    /// <summary>CR.RPUE.</summary>
    public const uint CR_RPUE = 1u << 0;
    /// <summary>CR.TLBLKCRWE (the probe sets it to 1, msm.md §2.3).</summary>
    public const uint CR_TLBLKCRWE = 1u << 6;
    /// <summary>CR.CR_HUME.</summary>
    public const uint CR_HUME = 1u << 9;

    // ---- REV / IDR ---------------------------------------------------------------------------------

    /// <summary>REV.MINOR field mask (bits 3:0).</summary>
    public const uint REV_MINOR_MASK = 0xF;
    /// <summary>REV.MAJOR field shift.</summary>
    public const int REV_MAJOR_SHIFT = 4;
    /// <summary>REV.MAJOR field mask (bits 7:4).</summary>
    public const uint REV_MAJOR_MASK = 0xFu << REV_MAJOR_SHIFT;
    /// <summary>IDR.NM2VCBMT field mask (bits 8:0).</summary>
    public const uint IDR_NM2VCBMT_MASK = 0x1FF;
    /// <summary>IDR.HTW: hardware table walk supported.</summary>
    public const uint IDR_HTW = 1u << 9;
    /// <summary>IDR.HUM: hit-under-miss supported.</summary>
    public const uint IDR_HUM = 1u << 10;
    /// <summary>IDR.TLBSIZE field shift.</summary>
    public const int IDR_TLBSIZE_SHIFT = 12;
    /// <summary>IDR.TLBSIZE field mask (bits 15:12).</summary>
    public const uint IDR_TLBSIZE_MASK = 0xFu << IDR_TLBSIZE_SHIFT;
    /// <summary>IDR.NCB field shift.</summary>
    public const int IDR_NCB_SHIFT = 16;
    /// <summary>IDR.NCB field mask (bits 23:16): number of context banks − 1.</summary>
    public const uint IDR_NCB_MASK = 0xFFu << IDR_NCB_SHIFT;
    /// <summary>IDR.NIRPT field shift.</summary>
    public const int IDR_NIRPT_SHIFT = 24;
    /// <summary>IDR.NIRPT field mask (bits 31:24).</summary>
    public const uint IDR_NIRPT_MASK = 0xFFu << IDR_NIRPT_SHIFT;
}
