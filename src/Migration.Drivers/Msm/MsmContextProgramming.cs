using Migration.Hardware.Msm;
using static Migration.Drivers.Msm.MsmRegisterAccess;
using static Migration.Hardware.Msm.MsmIommuRegisters;

namespace Migration.Drivers.Msm;

/// <summary>
/// Register sequences of the 3.0 driver: instance reset (__reset_iommu), context reset
/// (__reset_context), context probe programming and __program_context (msm.md §2.3-§2.5).
/// </summary>
public static class MsmContextProgramming
{
    /// <summary>__reset_iommu: zero the global registers, TLBLKCRWE = 1 (msm.md §2.3).</summary>
    public static void ResetIommu(MsmIommu hw, int ncb)
    {
        ArgumentNullException.ThrowIfNull(hw);
        foreach (uint reg in (ReadOnlySpan<uint>)[ESRRESTORE, CR, TESTBUSCR, TLBRSW, GLOBAL_TLBIALL, RPU_ACR])
            hw.Write(reg, 0);
        SetGlobalField(hw, CR, CR_TLBLKCRWE, 6, 1);
        for (int ctx = 0; ctx < ncb; ctx++)
            ResetContext(hw, ctx, withContextIdr: true);
    }

    /// <summary>
    /// __reset_context (msm.md §2.3, §2.5 step 1): the M2V bypass fields of M2VCBR_N[ctx] (indexed by the
    /// context number, as the driver does), ACTLR, SCTLR, FSRRESTORE, TTBR0/1, TTBCR, BFBCR, PAR, FAR,
    /// CTX_TLBIALL, TLBFLPTER/TLBSLPTER, TLBLCKR, PRRR, NMRR (and CONTEXTIDR at probe only since 3.0).
    /// </summary>
    public static void ResetContext(MsmIommu hw, int ctx, bool withContextIdr = false)
    {
        ArgumentNullException.ThrowIfNull(hw);
        uint m2v = M2VCBR_N + ((uint)ctx << 2);
        SetGlobalField(hw, m2v, M2VCBR_BPRCOSH, 17, 0);
        SetGlobalField(hw, m2v, M2VCBR_BPRCISH, 18, 0);
        SetGlobalField(hw, m2v, M2VCBR_BPRCNSH, 19, 0);
        SetGlobalField(hw, m2v, M2VCBR_BPSHCFG_MASK, M2VCBR_BPSHCFG_SHIFT, 0);
        SetGlobalField(hw, m2v, M2VCBR_BPMTCFG, 24, 0);
        foreach (uint reg in (ReadOnlySpan<uint>)[ACTLR, SCTLR, FSRRESTORE, TTBR0, TTBR1, TTBCR, BFBCR, PAR, FAR, CTX_TLBIALL, TLBFLPTER, TLBSLPTER, TLBLCKR, PRRR, NMRR])
            WriteCtx(hw, ctx, reg, 0);
        if (withContextIdr)
            WriteCtx(hw, ctx, CONTEXTIDR, 0);
    }

    /// <summary>
    /// The context probe (msm.md §2.4): for each MID, M2VCBR_N[mid] = 0 with CBNDX = ctx and NSCFG = 3,
    /// CBACR_N[ctx] = 0, and ASID(ctx) = the context number.
    /// </summary>
    public static void ProbeContext(MsmIommu hw, int ctx, IReadOnlyList<int> mids)
    {
        ArgumentNullException.ThrowIfNull(hw);
        ArgumentNullException.ThrowIfNull(mids);
        foreach (int mid in mids)
        {
            if (mid < 0)
                break; // the list ends at -1
            uint m2v = M2VCBR_N + ((uint)mid << 2);
            hw.Write(m2v, 0);
            hw.Write(CBACR_N + ((uint)ctx << 2), 0);
            SetGlobalField(hw, m2v, M2VCBR_VMID_MASK, 0, 0);
            SetGlobalField(hw, m2v, M2VCBR_CBNDX_MASK, M2VCBR_CBNDX_SHIFT, (uint)ctx);
            SetGlobalField(hw, CBACR_N + ((uint)ctx << 2), CBACR_CBVMID_MASK, CBACR_CBVMID_SHIFT, 0);
            SetCtxField(hw, ctx, CONTEXTIDR, CONTEXTIDR_ASID_MASK, 0, (uint)ctx); // mainline ASID = context number (§9.10)
            SetGlobalField(hw, m2v, M2VCBR_NSCFG_MASK, M2VCBR_NSCFG_SHIFT, 3);
        }
    }

    /// <summary>__program_context(base, ctx, pgtable) of mainline 3.0 (msm.md §2.5, steps 1-6 and 8).</summary>
    public static void ProgramContext(MsmIommu hw, int ctx, uint pgtable, uint prrr, uint nmrr)
    {
        ArgumentNullException.ThrowIfNull(hw);
        ResetContext(hw, ctx);
        SetCtxField(hw, ctx, ACTLR, ACTLR_TLBMCFG_MASK, ACTLR_TLBMCFG_SHIFT, 3); // hardware walk on TLB miss
        SetCtxField(hw, ctx, ACTLR, ACTLR_V2PCFG_MASK, ACTLR_V2PCFG_SHIFT, 3);
        WriteCtx(hw, ctx, TTBCR, 0);
        SetCtxField(hw, ctx, TTBR0, TTBR_PA_MASK, TTBR_PA_SHIFT, pgtable >> 14);
        WriteCtx(hw, ctx, CTX_TLBIALL, 0);
        FaultsAndRedirect(hw, ctx);
        SetCtxField(hw, ctx, SCTLR, SCTLR_TRE, 1, 1);
        WriteCtx(hw, ctx, PRRR, prrr);
        WriteCtx(hw, ctx, NMRR, nmrr);
        SetCtxField(hw, ctx, BFBCR, BFBCR_BFBDFE, 0, 1);
        // Step 7 (L2-cacheable walks) only with CONFIG_IOMMU_PGTABLES_L2, which this model leaves off (msm.md §2.5).
        SetCtxField(hw, ctx, SCTLR, SCTLR_M, 0, 1);
    }

    /// <summary>
    /// The part of __program_context every era writes alike (msm.md §2.5, v7s.md §2.3): IRPTNDX = 0, context-fault
    /// interrupt (CFEIE) and stall (CFCFG) on, cacheable requests redirected to L2 (RCISH, RCOSH, RCNSH).
    /// </summary>
    public static void FaultsAndRedirect(MsmIommu hw, int ctx)
    {
        ArgumentNullException.ThrowIfNull(hw);
        SetGlobalField(hw, CBACR_N + ((uint)ctx << 2), CBACR_IRPTNDX_MASK, CBACR_IRPTNDX_SHIFT, 0);
        SetCtxField(hw, ctx, ACTLR, ACTLR_CFEIE, 1, 1);
        SetCtxField(hw, ctx, ACTLR, ACTLR_CFCFG, 14, 1);
        SetCtxField(hw, ctx, ACTLR, ACTLR_RCISH, 5, 1);
        SetCtxField(hw, ctx, ACTLR, ACTLR_RCOSH, 4, 1);
        SetCtxField(hw, ctx, ACTLR, ACTLR_RCNSH, 6, 1);
    }
}
