using Migration.Clients.Omap3isp;

namespace Migration.Clients.Omap3isp;

/// <summary>
/// The CCDC's calls as the ISP core and its users make them in both eras (ispccdc.c): VIDIOC_OMAP3ISP_CCDC_CFG's
/// LSC and FPC parts, omap3isp_ccdc_cleanup and the context restore, over the LSC life cycle the port left unchanged
/// (<see cref="IspCcdcEngine"/>). Each era allocates and frees the tables (ccdc_lsc_config, ccdc_lsc_free_request,
/// ccdc_config's FPC table) with its own calls (omap.md §6.1, §7.7, §8.20).
/// </summary>
public abstract class IspCcdcCore : IspCcdcEngine
{
    /// <summary>The CCDC of an ISP whose registers are <paramref name="registers"/>.</summary>
    protected IspCcdcCore(IspRegisters registers)
        : base(registers)
    {
    }

    /// <summary>
    /// VIDIOC_OMAP3ISP_CCDC_CFG with the LSC configuration and table (ccdc_lsc_config): a table of
    /// <paramref name="size"/> bytes filled with the gain table (<see cref="IspCcdcEngine.DefaultGainTableByte"/>); the
    /// request then replaces the pending one, which goes to the free queue. 0, -ENOMEM (allocation or lookup failure,
    /// size 0 included), -EFAULT.
    /// </summary>
    public int LscConfig(uint size) => LscConfigCore(size, userTable: null);

    /// <summary>As <see cref="LscConfig(uint)"/>, copying the gain table from the application's address <paramref name="userTable"/>.</summary>
    public int LscConfig(uint size, uint userTable) => LscConfigCore(size, userTable);

    /// <summary>
    /// The FPC part of ccdc_config: -EBUSY while streaming; enabling allocates fpnum × 4 bytes (-ENOMEM), copies the
    /// table from <paramref name="userFpcaddr"/> (-EFAULT, the new table freed), programs it and frees the old one
    /// (which one is the era's: omap.md §8.20). Disabling keeps the table allocated. 0 on success.
    /// </summary>
    public abstract int FpcConfig(bool enable, uint fpnum, uint userFpcaddr);

    /// <summary>omap3isp_ccdc_cleanup: the pending request and the free queue, then the FPC table.</summary>
    public abstract void Cleanup();

    // omap3isp_ccdc_restore_context: ccdc_apply_controls, then ccdc_configure_fpc (FPC_ADDR rewritten).
    internal void RestoreContext() => ConfigureFpc();

    /// <summary>ccdc_lsc_config with the gain table from <paramref name="userTable"/> (null: the default table).</summary>
    protected abstract int LscConfigCore(uint size, uint? userTable);
}
