using Legacy.Omap;
using Migration.Drivers.Omap;
using Migration.Kernel;
using Migration.Drivers.Omap3isp;

namespace Legacy.Omap3isp;

/// <summary>
/// One statistics engine on ispstat.c of Linux 3.0 (struct ispstat): H3A AEWB, H3A AF or the histogram, with
/// its STAT_MAX_BUFS buffers from iommu_vmalloc (H3A always; the histogram only without a system DMA
/// channel, else dma_alloc_coherent) and the buffer-size rules of omap.md §6.2.
/// </summary>
public sealed class IspStat
{
    /// <summary>STAT_MAX_BUFS (ispstat.h).</summary>
    public const int STAT_MAX_BUFS = IspStatSizing.STAT_MAX_BUFS;

    /// <summary>MAGIC_SIZE: the integrity word area added after the statistics.</summary>
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

    private readonly IspDevice _isp;
    private readonly IspStatBuffer[] _bufs;

    internal IspStat(IspDevice isp, IspStatModule module, bool dmaChannel)
    {
        _isp = isp;
        Module = module;
        // H3A always uses the IOMMU path (dma_ch = -1); the histogram keeps its DMA channel if it got one.
        UsesIommu = !(module == IspStatModule.Hist && dmaChannel);
        _bufs = new IspStatBuffer[STAT_MAX_BUFS];
        for (int i = 0; i < _bufs.Length; i++)
            _bufs[i] = new IspStatBuffer();
        // What the smallest legal configuration needs (reference silent on window/paxel/bin counts): AEWB 1×1
        // windows + the black row + one unsaturated-count packet = 3 × 16 bytes; AF 1×1 paxel × 48 bytes;
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

    /// <summary>!IS_COHERENT_BUF(stat): the buffers come from iommu_vmalloc (dma_ch &lt; 0).</summary>
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

    /// <summary>buf[i].iommu_addr of the STAT_MAX_BUFS buffers (0 when none).</summary>
    public IReadOnlyList<uint> BufferAddresses => _bufs.Select(b => b.IommuAddr).ToArray();

    /// <summary>stat->active_buf: the buffer the hardware writes, or null.</summary>
    public IspStatBuffer? ActiveBuffer { get; private set; }

    /// <summary>
    /// omap3isp_stat_config: validate_params raises <paramref name="bufSize"/> to <see cref="RequiredBufSize"/> or
    /// caps it at the module maximum; the allocation size is PAGE_ALIGN(buf_size × 2 + 16 [+ 48 × 12 for AF]
    /// [+ recover buf_size × 10]) for H3A and PAGE_ALIGN(buf_size + 16) for the histogram (omap.md §6.2).
    /// Buffers are reallocated only when bigger: -EBUSY if the module is enabled, -ENOMEM on failure; else 0.
    /// </summary>
    public int Config(uint bufSize, bool recover = false)
    {
        // ops->validate_params
        BufSize = bufSize = IspStatSizing.ValidateBufSize(Module, RequiredBufSize, bufSize);
        HasRecoveryConfig = recover && Module != IspStatModule.Hist;
        uint size = IspStatSizing.AllocSize(Module, bufSize, HasRecoveryConfig, RecoverBufSize);

        int ret = BufsAlloc(size);
        if (ret != 0)
            return ret;

        // ops->set_params; "Module has a valid configuration."
        Configured = true;
        return 0;
    }

    /// <summary>
    /// omap3isp_stat_enable: -EINVAL when enabling a module never configured; enabling picks the active
    /// buffer (isp_stat_buf_next) and programs its iommu_addr (H3A: AEWBUFST / AFBUFST); disabling clears the
    /// buffers. 0.
    /// </summary>
    public int Enable(bool on)
    {
        if (!Configured && on)
            return -Errno.EINVAL;

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
    /// isp_stat_bufs_free: iommu_vfree of every buffer whose iommu_addr is neither 0 nor an error value (or
    /// dma_free_coherent), buf_alloc_size = 0. A failed allocation's error value is skipped and kept.
    /// </summary>
    public void Free()
    {
        KernelMemory kmem = _isp.Platform.KernelMemory;
        foreach (IspStatBuffer buf in _bufs)
        {
            if (UsesIommu)
            {
                if (buf.IommuAddr == 0 || ErrValue.IsErrValue(buf.IommuAddr))
                    continue; // IS_ERR_OR_NULL((void *)buf->iommu_addr)
                // dma_unmap_sg(buf->iovm->sgt) if buf->iovm
                Iovmm.Vfree(Iommu, buf.IommuAddr);
            }
            else
            {
                if (buf.VirtAddr == 0)
                    continue;
                kmem.Kfree(buf.VirtAddr); // dma_free_coherent
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

    // omap3isp_stat_free via the module's cleanup (isp_cleanup_modules): the buffers, then the configs.
    internal void Cleanup() => Free();

    private OmapIommu Iommu => _isp.Iommu ?? throw new KernelBugException("ispstat: NULL isp->iommu dereference");

    // isp_stat_bufs_alloc.
    private int BufsAlloc(uint size)
    {
        // "Are the old buffers big enough?"
        if (BufferSize >= size)
            return 0;
        if (Enabled)
            return -Errno.EBUSY; // "trying to allocate memory when busy"

        Free();
        return UsesIommu ? BufsAllocIommu(size) : BufsAllocDma(size);
    }

    // isp_stat_bufs_alloc_iommu: iommu_vmalloc, find_iovm_area (for dma_map_sg), da_to_va per buffer.
    private int BufsAllocIommu(uint size)
    {
        BufferSize = size;
        foreach (IspStatBuffer buf in _bufs)
        {
            buf.IommuAddr = Iovmm.Vmalloc(_isp.Iommu, 0, size, IspMmu.IOMMU_FLAG);
            if (ErrValue.IsErrValue(buf.IommuAddr))
            {
                Free();
                return -Errno.ENOMEM;
            }

            IovmArea? iovm = Iovmm.FindIovmArea(Iommu, buf.IommuAddr);
            if (iovm is null)
            {
                Free();
                return -Errno.ENOMEM;
            }
            // dma_map_sg(iovm->sgt, DMA_FROM_DEVICE) on ARM's direct mapping never returns 0.
            buf.Iovm = iovm;

            buf.VirtAddr = Iovmm.DaToVa(Iommu, buf.IommuAddr);
            buf.Empty = true;
        }
        return 0;
    }

    // isp_stat_bufs_alloc_dma: dma_alloc_coherent(GFP_DMA) = physically contiguous pages, bus address = pa.
    private int BufsAllocDma(uint size)
    {
        KernelMemory kmem = _isp.Platform.KernelMemory;
        BufferSize = size;
        foreach (IspStatBuffer buf in _bufs)
        {
            buf.VirtAddr = kmem.Kmalloc(size);
            buf.DmaAddr = buf.VirtAddr == 0 ? 0 : kmem.VirtToPhys(buf.VirtAddr);
            if (buf.VirtAddr == 0 || buf.DmaAddr == 0)
            {
                Free();
                return -Errno.ENOMEM;
            }
            buf.Empty = true;
        }
        return 0;
    }

    // isp_stat_buf_next + ops->setup_regs: the first empty buffer becomes active; H3A writes its da.
    private void BufNext()
    {
        ActiveBuffer = BufferSize == 0 ? null : _bufs.FirstOrDefault(b => b.Empty);
        if (ActiveBuffer is null)
            return;
        if (Module == IspStatModule.Aewb)
            _isp.Registers.H3aAewbufst = ActiveBuffer.IommuAddr;
        else if (Module == IspStatModule.Af)
            _isp.Registers.H3aAfbufst = ActiveBuffer.IommuAddr;
        // The histogram has no buffer address register: PIO readout or the system DMA's destination.
    }

    /// <inheritdoc />
    public override string ToString() => $"{Module} ({(UsesIommu ? "iommu" : "dma")}, {BufferSize} bytes × {STAT_MAX_BUFS})";
}
