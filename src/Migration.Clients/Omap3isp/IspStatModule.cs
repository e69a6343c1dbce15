namespace Migration.Clients.Omap3isp;

/// <summary>The three statistics engines built on ispstat.c.</summary>
public enum IspStatModule
{
    /// <summary>H3A auto-exposure / auto-white-balance (isph3a_aewb.c, isp->isp_aewb).</summary>
    Aewb,

    /// <summary>H3A auto-focus (isph3a_af.c, isp->isp_af).</summary>
    Af,

    /// <summary>Histogram (isphist.c, isp->isp_hist).</summary>
    Hist,
}
