using Migration.Kernel;

namespace Migration.Clients.Omap3isp;

/// <summary>
/// What ispstat.c does the same in 3.0 and 3.3 (the port changed only how buffers are allocated and freed): one
/// statistics engine (H3A AEWB, H3A AF, histogram) with its configuration under the buffer-size rules of omap.md
/// §6.2, the STAT_MAX_BUFS buffers reallocated only when bigger (isp_stat_bufs_alloc), isp_stat_bufs_free's walk,
/// enable/disable and the active buffer whose da the H3A registers get. Each era supplies the allocation and the
/// freeing of one buffer on the IOMMU path and on the histogram's system-DMA path.
/// </summary>
public abstract class IspStatEngine
{
    /// <summary>STAT_MAX_BUFS (ispstat.h).</summary>
    public const int STAT_MAX_BUFS = IspStatSizing.STAT_MAX_BUFS;

    /// <summary>MAGIC_SIZE: the magic word area after each buffer's data.</summary>
    public const uint MAGIC_SIZE = IspStatSizing.MAGIC_SIZE;

    /// <summary>AF_EXTRA_DATA = OMAP3ISP_AF_PAXEL_SIZE: the extra paxel the AF engine writes.</summary>
    public const uint AF_EXTRA_DATA = IspStatSizing.AF_EXTRA_DATA;

    /// <summary>NUM_H3A_RECOVER_BUFS.</summary>
    public const uint NUM_H3A_RECOVER_BUFS = IspStatSizing.NUM_H3A_RECOVER_BUFS;

    /// <summary>OMAP3ISP_AEWB_MAX_BUF_SIZE.</summary>
    public const uint AewbMaxBufSize = IspStatSizing.AewbMaxBufSize;

    /// <summary>OMAP3ISP_AF_MAX_BUF_SIZE.</summary>
    public const uint AfMaxBufSize = IspStatSizing.AfMaxBufSize;

    /// <summary>OMAP3ISP_HIST_MAX_BUF_SIZE.</summary>
    public const uint HistMaxBufSize = IspStatSizing.HistMaxBufSize;

    private readonly IspRegisters _registers;
    private readonly IspStatBuffer[] _bufs = new IspStatBuffer[STAT_MAX_BUFS];

    /// <summary>The engine <paramref name="module"/> of an ISP whose registers are <paramref name="registers"/>; <paramref name="dmaChannel"/>: the histogram got a system DMA channel.</summary>
    protected IspStatEngine(IspStatModule module, bool dmaChannel, IspRegisters registers)
    {
        ArgumentNullException.ThrowIfNull(registers);
        _registers = registers;
        Module = module;
        // H3A always uses the IOMMU path (dma_ch = -1); the histogram keeps its DMA channel if it got one.
        UsesIommu = !(module == IspStatModule.Hist && dmaChannel);
        for (int i = 0; i < STAT_MAX_BUFS; i++)
            _bufs[i] = new IspStatBuffer();
        // What the smallest legal configuration needs (the reference is silent on window/paxel/bin counts): AEWB
        // 1×1 windows + the black row + one unsaturated-count packet = 3 × 16 bytes; AF 1×1 paxel × 48 bytes;
        // histogram 32 bins × 4 bytes × 1 region.
        RequiredBufSize = module switch
        {
            IspStatModule.Aewb => 48,
            IspStatModule.Af => 48,
            _ => 128,
        };
        RecoverBufSize = module == IspStatModule.Hist ? 0 : RequiredBufSize;
    }

    /// <summary>Which engine this is.</summary>
    public IspStatModule Module { get; }

    /// <summary>
    /// !ISP_STAT_USES_DMA: AEWB and AF always take the IOMMU path; the histogram only when it did not get a
    /// system DMA channel.
    /// </summary>
    public bool UsesIommu { get; }

    /// <summary>
    /// The buffer size the module's current window/paxel/bin configuration needs (h3a_aewb_get_buf_size,
    /// h3a_af_get_buf_size, hist_get_buf_size); validate_params raises a smaller user buf_size to it.
    /// </summary>
    public uint RequiredBufSize { get; set; }

    /// <summary>recover_cfg->buf_size: the recovery configuration's buffer size, used when <see cref="Config"/> is given recover = true.</summary>
    public uint RecoverBufSize { get; set; }

    /// <summary>user_cfg->buf_size after validate_params raised or capped it.</summary>
    public uint BufSize { get; private set; }

    /// <summary>stat->buf_alloc_size: the size of each allocated buffer (0 when none).</summary>
    public uint BufferSize { get; private set; }

    /// <summary>stat->configured.</summary>
    public bool Configured { get; private set; }

    /// <summary>stat->state is ENABLING/ENABLED (the model completes transitions at once).</summary>
    public bool Enabled { get; private set; }

    /// <summary>stat->recover_priv != NULL for the last configuration.</summary>
    public bool HasRecoveryConfig { get; private set; }

    /// <summary>stat->buf[]: the STAT_MAX_BUFS buffers.</summary>
    public IReadOnlyList<IspStatBuffer> Buffers => _bufs;

    /// <summary>buf[i].iommu_addr of the STAT_MAX_BUFS buffers (0 when none, and on the histogram's system-DMA path).</summary>
    public IReadOnlyList<uint> BufferAddresses => Array.ConvertAll(_bufs, b => b.IommuAddr);

    /// <summary>stat->active_buf: the buffer the hardware writes, or null.</summary>
    public IspStatBuffer? ActiveBuffer { get; private set; }

    /// <summary>
    /// omap3isp_stat_config: validate_params raises <paramref name="bufSize"/> to <see cref="RequiredBufSize"/> or
    /// caps it at the module maximum (AEWB 83600, AF 221184, HIST 4096); the allocation size is
    /// PAGE_ALIGN(buf_size × 2 + 16 [+ 48 × 12 for AF] [+ recover buf_size × 10]) for H3A and
    /// PAGE_ALIGN(buf_size + 16) for the histogram (omap.md §6.2). Buffers are reallocated only when bigger:
    /// -EBUSY if the module is enabled, -ENOMEM on failure (the old set is freed first, a failure leaves none); else 0.
    /// </summary>
    public int Config(uint bufSize, bool recover = false)
    {
        BufSize = bufSize = IspStatSizing.ValidateBufSize(Module, RequiredBufSize, bufSize);
        HasRecoveryConfig = recover && Module != IspStatModule.Hist;
        uint size = IspStatSizing.AllocSize(Module, bufSize, HasRecoveryConfig, RecoverBufSize);

        int ret = BufsAlloc(size);
        if (ret != 0)
            return ret;
        Configured = true; // ops->set_params; "Module has a valid configuration."
        return 0;
    }

    /// <summary>
    /// omap3isp_stat_enable: -EINVAL when enabling a module never configured; enabling picks the active buffer
    /// (isp_stat_buf_next) and programs its iommu_addr (H3A: AEWBUFST / AFBUFST); disabling clears the buffers. 0.
    /// </summary>
    public int Enable(bool on)
    {
        if (on && !Configured)
            return -Errno.EINVAL; // "cannot enable module as it's never been successfully configured so far"
        if (on)
        {
            if (!Enabled)
            {
                Enabled = true;
                BufNext();
            }
        }
        else if (Enabled)
        {
            Enabled = false;
            foreach (IspStatBuffer buf in _bufs)
                buf.Empty = true; // isp_stat_buf_clear
        }
        return 0;
    }

    /// <summary>
    /// isp_stat_bufs_free: every IOMMU-path buffer whose iommu_addr is neither 0 nor an error value (the error value
    /// of a failed allocation is skipped and kept), every system-DMA buffer with a CPU address, is freed by the era's
    /// code; buf_alloc_size becomes 0.
    /// </summary>
    public void Free()
    {
        foreach (IspStatBuffer buf in _bufs)
        {
            if (UsesIommu)
            {
                if (buf.IommuAddr == 0 || ErrValue.IsErrValue(buf.IommuAddr))
                    continue; // IS_ERR_OR_NULL((void *)buf->iommu_addr)
                Free(buf);
            }
            else
            {
                if (buf.VirtAddr == 0)
                    continue;
                FreeCoherent(buf);
            }
            buf.IommuAddr = 0;
            buf.Iovm = null;
            buf.DmaAddr = 0;
            buf.VirtAddr = 0;
            buf.Empty = true;
        }
        BufferSize = 0;
        ActiveBuffer = null;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Module} ({(UsesIommu ? "iommu" : "dma")}, {BufferSize} bytes × {STAT_MAX_BUFS})";

    /// <summary>
    /// isp_stat_bufs_alloc_iommu: the STAT_MAX_BUFS buffers of <paramref name="size"/> bytes on the era's IOMMU path
    /// (iommu_addr, iovm, virt_addr set, empty); 0 or -ENOMEM (<see cref="Free()"/> then undoes what was allocated).
    /// </summary>
    protected abstract int BufsAllocIommu(uint size);

    /// <summary>isp_stat_bufs_alloc_dma: the histogram's buffers for its system DMA channel (virt_addr, dma_addr); 0 or -ENOMEM.</summary>
    protected abstract int BufsAllocDma(uint size);

    /// <summary>isp_stat_bufs_free for one allocated IOMMU-path buffer: dma_unmap_sg where the era maps it, then the era's vfree.</summary>
    protected abstract void Free(IspStatBuffer buf);

    /// <summary>isp_stat_bufs_free for one system-DMA buffer: dma_free_coherent.</summary>
    protected abstract void FreeCoherent(IspStatBuffer buf);

    // isp_stat_bufs_alloc: big enough already → 0; busy → -EBUSY; else free, then allocate all five.
    private int BufsAlloc(uint size)
    {
        if (BufferSize >= size)
            return 0; // "Are the old buffers big enough?"
        if (Enabled)
            return -Errno.EBUSY; // "trying to allocate memory when busy"
        Free();
        BufferSize = size; // buf_alloc_size is what isp_stat_bufs_free hands dma_free_coherent
        int ret = UsesIommu ? BufsAllocIommu(size) : BufsAllocDma(size);
        if (ret != 0)
            Free();
        return ret;
    }

    // isp_stat_buf_next + ops->setup_regs: the first empty buffer becomes active; H3A writes its da.
    private void BufNext()
    {
        ActiveBuffer = BufferSize == 0 ? null : _bufs.FirstOrDefault(b => b.Empty);
        if (ActiveBuffer is null)
            return;
        if (Module == IspStatModule.Aewb)
            _registers.H3aAewbufst = ActiveBuffer.IommuAddr;
        else if (Module == IspStatModule.Af)
            _registers.H3aAfbufst = ActiveBuffer.IommuAddr;
        // The histogram has no buffer address register: PIO readout or the system DMA's destination.
    }
}
