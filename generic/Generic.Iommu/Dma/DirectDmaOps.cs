using Migration.Hardware.Memory;
using Migration.Kernel;

namespace Generic.Iommu.Dma;

/// <summary>
/// dma_map_ops for a device with no IOMMU (arm_dma_ops plus a swiotlb-style bounce pool): the bus
/// address is the physical address; when a buffer lies above the device's DMA mask it is copied through a
/// bounce buffer the device can reach (to the device on map, back on unmap, by direction).
/// </summary>
public sealed class DirectDmaOps : IDmaMapOps
{
    private const uint PAGE_SIZE = 4096;
    private readonly Dictionary<uint, (uint Orig, uint Size, int Order)> _bounced = new();

    /// <summary>Direct ops over <paramref name="kernelMemory"/>, bouncing through <paramref name="bouncePool"/> (low memory).</summary>
    public DirectDmaOps(KernelMemory kernelMemory, PhysicalPageAllocator bouncePool)
    {
        ArgumentNullException.ThrowIfNull(kernelMemory);
        ArgumentNullException.ThrowIfNull(bouncePool);
        KernelMemory = kernelMemory;
        BouncePool = bouncePool;
    }

    /// <summary>Kernel memory services.</summary>
    public KernelMemory KernelMemory { get; }

    /// <summary>The pool bounce buffers come from (it must lie below every device's mask).</summary>
    public PhysicalPageAllocator BouncePool { get; }

    /// <summary>Buffers currently bounced.</summary>
    public int ActiveBounces => _bounced.Count;

    /// <summary>dma_direct map_sg: each entry's address is its physical address, or a bounce buffer's.</summary>
    public int MapSg(Device dev, SgTable sgt, DmaDataDirection dir, uint attrs)
    {
        ArgumentNullException.ThrowIfNull(sgt);
        for (int i = 0; i < sgt.Nents; i++)
        {
            ref Scatterlist sg = ref sgt.Sgl[i];
            uint addr = MapPage(dev, sg.Phys, sg.Length, dir, attrs);
            if (DmaApi.MappingError(addr))
            {
                for (int j = 0; j < i; j++)
                    UnmapPage(dev, sgt.Sgl[j].DmaAddress, sgt.Sgl[j].Length, dir, attrs);
                return 0;
            }
            sg.DmaAddress = addr;
        }
        return sgt.Nents;
    }

    /// <summary>dma_direct unmap_sg.</summary>
    public void UnmapSg(Device dev, SgTable sgt, DmaDataDirection dir, uint attrs)
    {
        ArgumentNullException.ThrowIfNull(sgt);
        for (int i = 0; i < sgt.Nents; i++)
            UnmapPage(dev, sgt.Sgl[i].DmaAddress, sgt.Sgl[i].Length, dir, attrs);
    }

    /// <summary>map_page: phys itself when the device can reach it, else a bounce buffer (DMA_ERROR_CODE when none is left).</summary>
    public uint MapPage(Device dev, uint phys, uint size, DmaDataDirection dir, uint attrs)
    {
        ArgumentNullException.ThrowIfNull(dev);
        if ((ulong)phys + size - 1 <= dev.DmaMask || size == 0)
            return phys;
        int order = KernelMemory.GetOrder(size);
        uint bounce = BouncePool.AllocPages(order, zero: false);
        if (bounce == 0 || (ulong)bounce + size - 1 > dev.DmaMask)
        {
            if (bounce != 0)
                BouncePool.FreePages(bounce, order);
            return DmaApi.DMA_ERROR_CODE;
        }
        if (dir is DmaDataDirection.ToDevice or DmaDataDirection.Bidirectional)
            Copy(phys, bounce, size);
        _bounced[bounce] = (phys, size, order);
        return bounce;
    }

    /// <summary>unmap_page: copies a bounced buffer back for from-device directions and frees it.</summary>
    public void UnmapPage(Device dev, uint dmaHandle, uint size, DmaDataDirection dir, uint attrs)
    {
        if (!_bounced.Remove(dmaHandle, out var b))
            return; // not bounced: nothing to undo
        if (dir is DmaDataDirection.FromDevice or DmaDataDirection.Bidirectional)
            Copy(dmaHandle, b.Orig, b.Size);
        BouncePool.FreePages(dmaHandle, b.Order);
    }

    /// <summary>dma_alloc_coherent: contiguous pages the device can reach (kmalloc, else the low pool); 0 on failure.</summary>
    public uint Alloc(Device dev, uint size, out uint dmaHandle, uint attrs)
    {
        ArgumentNullException.ThrowIfNull(dev);
        dmaHandle = DmaApi.DMA_ERROR_CODE;
        uint va = KernelMemory.Kmalloc(KernelMemory.PageAlign(size));
        if (va != 0)
        {
            uint pa = KernelMemory.VirtToPhys(va);
            if ((ulong)pa + size - 1 <= dev.DmaMask)
            {
                dmaHandle = pa;
                return va;
            }
            KernelMemory.Kfree(va);
        }
        return 0; // ZONE_DMA is the bounce pool's business only for streaming mappings in this model
    }

    /// <summary>dma_free_coherent.</summary>
    public void Free(Device dev, uint size, uint cpuAddr, uint dmaHandle, uint attrs) => KernelMemory.Kfree(cpuAddr);

    private void Copy(uint from, uint to, uint size)
    {
        Span<byte> chunk = stackalloc byte[256];
        PhysicalMemory mem = KernelMemory.Memory;
        for (uint done = 0; done < size; done += (uint)chunk.Length)
        {
            Span<byte> part = chunk[..(int)Math.Min((uint)chunk.Length, size - done)];
            mem.ReadBytes(from + done, part);
            mem.WriteBytes(to + done, part);
        }
    }
}
