namespace Migration.Clients.Omap3isp;

/// <summary>
/// The ISP register words that carry device addresses (omap.md §6.1, last paragraph): what isp_reg_writel
/// last stored, so a test can read what the hardware was told. Only the IOMMU-relevant registers are kept.
/// </summary>
public sealed class IspRegisters
{
    /// <summary>ISPCCDC_SDR_ADDR: CCDC memory output (ccdc_set_outaddr).</summary>
    public uint CcdcSdrAddr { get; set; }

    /// <summary>ISPCCDC_LSC_TABLE_BASE: lens-shading gain table (ccdc_lsc_program_table).</summary>
    public uint CcdcLscTableBase { get; set; }

    /// <summary>ISPCCDC_FPC_ADDR: faulty-pixel table (ccdc_configure_fpc).</summary>
    public uint CcdcFpcAddr { get; set; }

    /// <summary>ISPCCDC_FPC: FPNUM in bits 14:0, FPCEN in bit 15 (ccdc_configure_fpc).</summary>
    public uint CcdcFpc { get; set; }

    /// <summary>ISPCSI2_CTX_DAT_PING_ADDR(0): CSI2a context 0 output (csi2_set_outaddr writes ping and pong alike).</summary>
    public uint Csi2CtxDatPingAddr { get; set; }

    /// <summary>ISPCSI2_CTX_DAT_PONG_ADDR(0).</summary>
    public uint Csi2CtxDatPongAddr { get; set; }

    /// <summary>ISPCCP2_LCM_SRC_ADDR: CCP2 memory input (ccp2_set_inaddr).</summary>
    public uint Ccp2LcmSrcAddr { get; set; }

    /// <summary>ISPPRV_RSDR_ADDR: preview memory input (preview_set_inaddr).</summary>
    public uint PrvRsdrAddr { get; set; }

    /// <summary>ISPPRV_WSDR_ADDR: preview memory output (preview_set_outaddr).</summary>
    public uint PrvWsdrAddr { get; set; }

    /// <summary>ISPRSZ_SDR_INADD: resizer memory input (resizer_set_inaddr).</summary>
    public uint RszSdrInadd { get; set; }

    /// <summary>ISPRSZ_SDR_OUTADD: resizer memory output (resizer_set_outaddr).</summary>
    public uint RszSdrOutadd { get; set; }

    /// <summary>ISPH3A_AEWBUFST: active AEWB statistics buffer (h3a_aewb_setup_regs).</summary>
    public uint H3aAewbufst { get; set; }

    /// <summary>ISPH3A_AFBUFST: active AF statistics buffer (h3a_af_setup_regs).</summary>
    public uint H3aAfbufst { get; set; }

    /// <summary>The address register a video node's DMA uses (read side of <see cref="WriteVideoAddress"/>).</summary>
    public uint VideoAddress(IspVideoNode node) => node switch
    {
        IspVideoNode.CcdcOutput => CcdcSdrAddr,
        IspVideoNode.Csi2aOutput => Csi2CtxDatPingAddr,
        IspVideoNode.Ccp2Input => Ccp2LcmSrcAddr,
        IspVideoNode.PreviewInput => PrvRsdrAddr,
        IspVideoNode.PreviewOutput => PrvWsdrAddr,
        IspVideoNode.ResizerInput => RszSdrInadd,
        IspVideoNode.ResizerOutput => RszSdrOutadd,
        _ => throw new ArgumentOutOfRangeException(nameof(node), node, null),
    };

    /// <summary>The module's set_inaddr/set_outaddr: the node hands buffer <paramref name="da"/> to the hardware.</summary>
    public void WriteVideoAddress(IspVideoNode node, uint da)
    {
        switch (node)
        {
            case IspVideoNode.CcdcOutput:
                CcdcSdrAddr = da;
                break;
            case IspVideoNode.Csi2aOutput:
                Csi2CtxDatPingAddr = da;
                Csi2CtxDatPongAddr = da;
                break;
            case IspVideoNode.Ccp2Input:
                Ccp2LcmSrcAddr = da;
                break;
            case IspVideoNode.PreviewInput:
                PrvRsdrAddr = da;
                break;
            case IspVideoNode.PreviewOutput:
                PrvWsdrAddr = da;
                break;
            case IspVideoNode.ResizerInput:
                RszSdrInadd = da;
                break;
            case IspVideoNode.ResizerOutput:
                RszSdrOutadd = da;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(node), node, null);
        }
    }
}
