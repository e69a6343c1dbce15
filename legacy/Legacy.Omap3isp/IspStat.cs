using Legacy.Omap;
using Migration.Drivers.Omap;
using Migration.Clients.Omap3isp;
using Migration.Kernel;

namespace Legacy.Omap3isp;

/// <summary>
/// One statistics engine on ispstat.c of Linux 3.0 (struct ispstat): the unchanged engine
/// (<see cref="IspStatEngine"/>) with 3.0's buffers: iommu_vmalloc, find_iovm_area and da_to_va on the vendor
/// handle (H3A always; the histogram only without a system DMA channel, else dma_alloc_coherent).
/// </summary>
public sealed class IspStat : IspStatEngine
{
    private readonly IspDevice _isp;

    internal IspStat(IspDevice isp, IspStatModule module, bool dmaChannel)
        : base(module, dmaChannel, isp.Registers)
    {
        _isp = isp;
    }

    private OmapIommu Iommu => _isp.Iommu ?? throw new KernelBugException("ispstat: NULL isp->iommu dereference");

    /// <summary>isp_stat_bufs_alloc_iommu: iommu_vmalloc, find_iovm_area (for dma_map_sg), da_to_va per buffer; a failed vmalloc's error value stays in iommu_addr.</summary>
    protected override int BufsAllocIommu(uint size)
    {
        foreach (IspStatBuffer buf in Buffers)
        {
            buf.IommuAddr = Iovmm.Vmalloc(_isp.Iommu, 0, size, IspMmu.IOMMU_FLAG);
            if (ErrValue.IsErrValue(buf.IommuAddr))
                return -Errno.ENOMEM;
            IovmArea? iovm = Iovmm.FindIovmArea(Iommu, buf.IommuAddr);
            if (iovm is null)
                return -Errno.ENOMEM;
            // dma_map_sg(iovm->sgt, DMA_FROM_DEVICE) on ARM's direct mapping never returns 0.
            buf.Iovm = iovm;
            buf.VirtAddr = Iovmm.DaToVa(Iommu, buf.IommuAddr);
            buf.Empty = true;
        }
        return 0;
    }

    /// <summary>isp_stat_bufs_alloc_dma: dma_alloc_coherent(GFP_DMA) = physically contiguous pages, bus address = pa.</summary>
    protected override int BufsAllocDma(uint size)
    {
        KernelMemory kmem = _isp.Platform.KernelMemory;
        foreach (IspStatBuffer buf in Buffers)
        {
            buf.VirtAddr = kmem.Kmalloc(size);
            buf.DmaAddr = buf.VirtAddr == 0 ? 0 : kmem.VirtToPhys(buf.VirtAddr);
            if (buf.VirtAddr == 0 || buf.DmaAddr == 0)
                return -Errno.ENOMEM;
            buf.Empty = true;
        }
        return 0;
    }

    /// <summary>dma_unmap_sg(buf->iovm->sgt) if buf->iovm (cache maintenance only on ARM), then iommu_vfree.</summary>
    protected override void Free(IspStatBuffer buf) => Iovmm.Vfree(Iommu, buf.IommuAddr);

    /// <summary>dma_free_coherent.</summary>
    protected override void FreeCoherent(IspStatBuffer buf) => _isp.Platform.KernelMemory.Kfree(buf.VirtAddr);
}
