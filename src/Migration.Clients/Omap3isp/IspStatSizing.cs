using Migration.Kernel;

namespace Migration.Clients.Omap3isp;

/// <summary>
/// The statistics buffer-size rules of ispstat.c and the H3A/histogram modules (omap.md §6.2), which the port left
/// unchanged: validate_params raising or capping the user's buf_size, and the allocation size derived from it.
/// </summary>
public static class IspStatSizing
{
    /// <summary>STAT_MAX_BUFS (ispstat.h).</summary>
    public const int STAT_MAX_BUFS = 5;

    /// <summary>MAGIC_SIZE: the integrity word area added after the statistics.</summary>
    public const uint MAGIC_SIZE = 16;

    /// <summary>AF_EXTRA_DATA = OMAP3ISP_AF_PAXEL_SIZE: the extra paxel the AF engine writes.</summary>
    public const uint AF_EXTRA_DATA = 48;

    /// <summary>NUM_H3A_RECOVER_BUFS.</summary>
    public const uint NUM_H3A_RECOVER_BUFS = 10;

    /// <summary>OMAP3ISP_AEWB_MAX_BUF_SIZE.</summary>
    public const uint AewbMaxBufSize = 83600;

    /// <summary>OMAP3ISP_AF_MAX_BUF_SIZE.</summary>
    public const uint AfMaxBufSize = 221184;

    /// <summary>OMAP3ISP_HIST_MAX_BUF_SIZE.</summary>
    public const uint HistMaxBufSize = 4096;

    /// <summary>ops->validate_params: the user's buf_size raised to what the configuration needs, else capped at the module maximum.</summary>
    public static uint ValidateBufSize(IspStatModule module, uint required, uint bufSize)
    {
        uint max = module switch
        {
            IspStatModule.Aewb => AewbMaxBufSize,
            IspStatModule.Af => AfMaxBufSize,
            _ => HistMaxBufSize,
        };
        if (required > bufSize)
            return required;
        return bufSize > max ? max : bufSize;
    }

    /// <summary>
    /// The allocation size of each buffer: PAGE_ALIGN(buf_size × 2 + 16 [+ 48 × 12 for AF] [+ recover buf_size × 10])
    /// for H3A, PAGE_ALIGN(buf_size + 16) for the histogram.
    /// </summary>
    public static uint AllocSize(IspStatModule module, uint bufSize, bool recovery, uint recoverBufSize)
    {
        if (module == IspStatModule.Hist)
            return KernelMemory.PageAlign(unchecked(bufSize + MAGIC_SIZE));
        uint size = unchecked((bufSize * 2) + MAGIC_SIZE);
        if (module == IspStatModule.Af)
            size = unchecked(size + (AF_EXTRA_DATA * (NUM_H3A_RECOVER_BUFS + 2)));
        if (recovery)
            size = unchecked(size + (recoverBufSize * NUM_H3A_RECOVER_BUFS));
        return KernelMemory.PageAlign(size);
    }
}
