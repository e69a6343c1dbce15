using Generic.Iommu.Dma;
using Migration.Clients.Omap3isp;
using Migration.Kernel;

namespace Generic.Omap3isp;

/// <summary>
/// One statistics engine on ispstat.c after the port: the unchanged engine (<see cref="IspStatEngine"/>) with the
/// buffers through the ISP's memory port (3.3: omap_iommu_vmalloc, omap_find_iovm_area, omap_da_to_va; the DMA port:
/// dma_alloc_coherent on the ISP device) or, for the histogram with a system DMA channel, dma_alloc_coherent for the sDMA.
/// </summary>
public sealed class IspStat : IspStatEngine
{
    private readonly IspDevice _isp;

    internal IspStat(IspDevice isp, IspStatModule module, bool dmaChannel)
        : base(module, dmaChannel, isp.Registers)
    {
        _isp = isp;
    }

    // The device the histogram's coherent buffers are allocated for: isp->dev in 3.3 (direct ops: bus address =
    // pa), the DMA-engine device in the port (the ISP device's ops would return an IOVA the sDMA cannot use).
    private Device SystemDmaDevice => _isp.Memory.Backend == IspMemoryBackend.DmaMapping ? _isp.Platform.SystemDmaDevice : _isp.Platform.Device;

    /// <summary>isp_stat_bufs_alloc_iommu (3.3) / its dma_alloc_coherent replacement in the DMA port.</summary>
    protected override int BufsAllocIommu(uint size)
    {
        const string fn = "isp_stat_bufs_alloc_iommu";
        foreach (IspStatBuffer buf in Buffers)
        {
            buf.IommuAddr = _isp.Memory.Alloc(fn, size, out uint va);
            if (ErrValue.IsErrValue(buf.IommuAddr))
            {
                buf.IommuAddr = 0;
                return -Errno.ENOMEM;
            }
            if (_isp.Memory is IovmmIspMemory iovmm)
            {
                buf.Iovm = iovmm.FindIovmArea(fn, buf.IommuAddr);
                if (buf.Iovm is null || iovmm.DmaMapSg(fn, buf.Iovm.Sgt!, DmaDataDirection.FromDevice) == 0)
                {
                    buf.Iovm = null;
                    return -Errno.ENOMEM;
                }
                buf.VirtAddr = iovmm.DaToVa(fn, buf.IommuAddr);
            }
            else
            {
                buf.VirtAddr = va; // the kernel address replaces da_to_va
            }
            buf.Empty = true;
        }
        return 0;
    }

    /// <summary>isp_stat_bufs_alloc_dma: the histogram's buffers for its system DMA channel.</summary>
    protected override int BufsAllocDma(uint size)
    {
        foreach (IspStatBuffer buf in Buffers)
        {
            buf.VirtAddr = DmaApi.AllocCoherent(SystemDmaDevice, size, out uint dma);
            if (buf.VirtAddr == 0)
                return -Errno.ENOMEM;
            buf.DmaAddr = dma;
            buf.Empty = true;
        }
        return 0;
    }

    /// <summary>dma_unmap_sg of the area (3.3), then the memory freed: omap_iommu_vfree, or dma_free_coherent of buf_alloc_size in the DMA port.</summary>
    protected override void Free(IspStatBuffer buf)
    {
        const string fn = "isp_stat_bufs_free";
        if (buf.Iovm is not null && _isp.Memory is IovmmIspMemory iovmm)
            iovmm.DmaUnmapSg(fn, buf.Iovm.Sgt!, DmaDataDirection.FromDevice);
        _isp.Memory.Free(fn, buf.IommuAddr, buf.VirtAddr, BufferSize);
    }

    /// <summary>dma_free_coherent for the sDMA.</summary>
    protected override void FreeCoherent(IspStatBuffer buf) => DmaApi.FreeCoherent(SystemDmaDevice, BufferSize, buf.VirtAddr, buf.DmaAddr);
}
