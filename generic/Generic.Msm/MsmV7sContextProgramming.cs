using Generic.IoPgtable;
using Migration.Drivers.Msm;
using Migration.Hardware.Msm;
using static Migration.Drivers.Msm.MsmRegisterAccess;
using static Migration.Hardware.Msm.MsmIommuRegisters;

namespace Generic.Msm;

/// <summary>__program_context(iommu, ctx, priv) of the v7s-era msm_iommu.c (v7s.md §2.3, values of version N).</summary>
public static class MsmV7sContextProgramming
{
    /// <summary>
    /// Reset the context; TRE = 1; AFE = 1; TLBMCFG = V2PCFG = 3; TTBCR, the whole TTBR0 and PRRR/NMRR from
    /// <paramref name="cfg"/>; TTBR1 = 0; CTX_TLBIALL; IRPTNDX = 0; CFEIE = CFCFG = 1; RCISH = RCOSH = RCNSH = 1;
    /// BFBDFE = 1; M = 1. The 3.3 driver copied the CPU's PRRR/NMRR and left AFE 0 (V7S-D3).
    /// </summary>
    public static void ProgramContext(MsmIommu hw, int ctx, in ArmV7sCfg cfg)
    {
        ArgumentNullException.ThrowIfNull(hw);
        MsmContextProgramming.ResetContext(hw, ctx);
        SetCtxField(hw, ctx, SCTLR, SCTLR_TRE, 1, 1);
        SetCtxField(hw, ctx, SCTLR, SCTLR_AFE, 2, 1);
        SetCtxField(hw, ctx, ACTLR, ACTLR_TLBMCFG_MASK, ACTLR_TLBMCFG_SHIFT, 3);
        SetCtxField(hw, ctx, ACTLR, ACTLR_V2PCFG_MASK, ACTLR_V2PCFG_SHIFT, 3);
        WriteCtx(hw, ctx, TTBCR, cfg.Tcr);
        WriteCtx(hw, ctx, TTBR0, cfg.Ttbr);
        WriteCtx(hw, ctx, TTBR1, 0);
        WriteCtx(hw, ctx, PRRR, cfg.Prrr);
        WriteCtx(hw, ctx, NMRR, cfg.Nmrr);
        WriteCtx(hw, ctx, CTX_TLBIALL, 0);
        MsmContextProgramming.FaultsAndRedirect(hw, ctx);
        SetCtxField(hw, ctx, BFBCR, BFBCR_BFBDFE, 0, 1);
        SetCtxField(hw, ctx, SCTLR, SCTLR_M, 0, 1);
    }
}
