namespace Migration.Clients.Omap3isp;

/// <summary>The omap3isp video device nodes that move frames through the IOMMU (struct isp_video instances).</summary>
public enum IspVideoNode
{
    /// <summary>"OMAP3 ISP CCDC output" (isp_ccdc.video_out): writes frames at CCDC SDR_ADDR.</summary>
    CcdcOutput,

    /// <summary>"OMAP3 ISP CSI2a output" (isp_csi2a.video_out): writes at CSI2 CTX_DAT_PING/PONG_ADDR.</summary>
    Csi2aOutput,

    /// <summary>"OMAP3 ISP CCP2 input" (isp_ccp2.video_in): reads from CCP2 LCM_SRC_ADDR.</summary>
    Ccp2Input,

    /// <summary>"OMAP3 ISP preview input" (isp_prev.video_in): reads from PRV RSDR_ADDR.</summary>
    PreviewInput,

    /// <summary>"OMAP3 ISP preview output" (isp_prev.video_out): writes at PRV WSDR_ADDR.</summary>
    PreviewOutput,

    /// <summary>"OMAP3 ISP resizer input" (isp_res.video_in): reads from RSZ SDR_INADD.</summary>
    ResizerInput,

    /// <summary>"OMAP3 ISP resizer output" (isp_res.video_out): writes at RSZ SDR_OUTADD.</summary>
    ResizerOutput,
}
