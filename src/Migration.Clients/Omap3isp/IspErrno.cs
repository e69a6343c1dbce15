namespace Migration.Clients.Omap3isp;

/// <summary>Errno values omap3isp returns that <see cref="Migration.Kernel.Errno"/> does not list (ARM numbering).</summary>
public static class IspErrno
{
    /// <summary>ETIMEDOUT (110): isp_reset gave up waiting for ISP_SYSSTATUS.RESETDONE.</summary>
    public const int ETIMEDOUT = 110;
}
