using Migration.Kernel;

namespace Generic.Iommu.Dma;

/// <summary>
/// IOMMU-backed dma_map_ops (the arm_iommu ops merged in 3.5, as the 2011-2012 threads proposed): bus
/// addresses come from an <see cref="IovaAllocator"/> over the device's address range and are mapped into
/// the device's domain with <see cref="IommuApi.Map"/> (a scatterlist with one iommu_map_sg), which picks page sizes by
/// pgsize_bitmap and, for a driver with map_pages, writes runs and syncs the TLB once per call.
/// With <see cref="DmaAttrs.DMA_ATTR_FIXED_MAPPING"/> the caller's IOVA is reserved and used instead.
/// </summary>
public sealed class IommuDmaOps : IDmaMapOps
{
    private const uint PAGE_SIZE = 4096;

    /// <summary>Ops mapping into <paramref name="domain"/> with IOVAs from <paramref name="iova"/>.</summary>
    public IommuDmaOps(IommuDomain domain, IovaAllocator iova, KernelMemory kernelMemory, Func<DmaDataDirection, int>? protFor = null)
    {
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(iova);
        ArgumentNullException.ThrowIfNull(kernelMemory);
        Domain = domain;
        Iova = iova;
        KernelMemory = kernelMemory;
        ProtFor = protFor ?? DirectionToProt;
    }

    /// <summary>The domain the device is attached to.</summary>
    public IommuDomain Domain { get; }

    /// <summary>The device's IOVA space.</summary>
    public IovaAllocator Iova { get; }

    /// <summary>Kernel memory services (pages for coherent allocations).</summary>
    public KernelMemory KernelMemory { get; }

    /// <summary>
    /// How a direction becomes iommu_map's prot. The default is __dma_direction_to_prot (READ for to-device,
    /// WRITE for from-device, both otherwise); drivers that read prot as something else (OMAP: IOVMF bits,
    /// MSM mainline: cache class) need their own mapping — exactly the pitfall a port has to face.
    /// </summary>
    public Func<DmaDataDirection, int> ProtFor { get; }

    /// <summary>__dma_direction_to_prot.</summary>
    public static int DirectionToProt(DmaDataDirection dir) => dir switch
    {
        DmaDataDirection.ToDevice => 1,   // IOMMU_READ
        DmaDataDirection.FromDevice => 2, // IOMMU_WRITE
        _ => 3,                           // IOMMU_READ | IOMMU_WRITE
    };

    /// <summary>
    /// arm_iommu_map_sg as iommu_dma_map_sg does it (5.x): one IOVA region for the whole list and one iommu_map_sg over
    /// it (each entry's whole pages at its place, physically contiguous entries merged, one iotlb_sync_map, the part
    /// mapped undone on failure); every entry gets its own dma_address. Returns nents, or 0 with nothing left mapped.
    /// </summary>
    public int MapSg(Device dev, SgTable sgt, DmaDataDirection dir, uint attrs)
    {
        ArgumentNullException.ThrowIfNull(sgt);
        ulong total = 0;
        for (int i = 0; i < sgt.Nents; i++)
            total += PageAlign(sgt.Sgl[i].Offset + sgt.Sgl[i].Length);
        if (total == 0 || total > uint.MaxValue)
            return 0;
        uint start = Reserve(sgt.Sgl[0].DmaAddress, (uint)total, attrs);
        if (start == DmaApi.DMA_ERROR_CODE)
            return 0;
        if (IommuApi.MapSgPageExtents(Domain, start, sgt, sgt.Nents, ProtFor(dir)) < 0)
        {
            Release(start, (uint)total, attrs);
            return 0;
        }
        uint cursor = start;
        for (int i = 0; i < sgt.Nents; i++)
        {
            ref Scatterlist sg = ref sgt.Sgl[i];
            sg.DmaAddress = cursor + sg.Offset; // __finalise_sg
            cursor += PageAlign(sg.Offset + sg.Length);
        }
        return sgt.Nents;
    }

    /// <summary>arm_iommu_unmap_sg: unmaps the region the entries were given and releases its IOVA.</summary>
    public void UnmapSg(Device dev, SgTable sgt, DmaDataDirection dir, uint attrs)
    {
        ArgumentNullException.ThrowIfNull(sgt);
        uint start = sgt.Sgl[0].DmaAddress & ~(PAGE_SIZE - 1);
        ulong total = 0;
        for (int i = 0; i < sgt.Nents; i++)
            total += PageAlign(sgt.Sgl[i].Offset + sgt.Sgl[i].Length);
        IommuApi.Unmap(Domain, start, (uint)total);
        Release(start, (uint)total, attrs);
    }

    /// <summary>arm_iommu_map_page: maps the pages under [phys, phys + size); the handle keeps phys's page offset.</summary>
    public uint MapPage(Device dev, uint phys, uint size, DmaDataDirection dir, uint attrs)
    {
        uint offset = phys & (PAGE_SIZE - 1);
        uint len = PageAlign(offset + size);
        uint start = Reserve(0, len, attrs & ~DmaAttrs.DMA_ATTR_FIXED_MAPPING);
        if (start == DmaApi.DMA_ERROR_CODE)
            return DmaApi.DMA_ERROR_CODE;
        if (IommuApi.Map(Domain, start, phys - offset, len, ProtFor(dir)) != 0)
        {
            Iova.Free(start, len);
            return DmaApi.DMA_ERROR_CODE;
        }
        return start + offset;
    }

    /// <summary>arm_iommu_unmap_page.</summary>
    public void UnmapPage(Device dev, uint dmaHandle, uint size, DmaDataDirection dir, uint attrs)
    {
        uint offset = dmaHandle & (PAGE_SIZE - 1);
        uint len = PageAlign(offset + size);
        IommuApi.Unmap(Domain, dmaHandle - offset, len);
        Iova.Free(dmaHandle - offset, len);
    }

    /// <summary>
    /// arm_iommu_alloc_attrs: discontiguous pages (vmalloc) mapped contiguously in IOVA with the prot of a
    /// bidirectional mapping (through <see cref="ProtFor"/>, so a driver-specific prot mapping applies here too); 0 on failure.
    /// </summary>
    public uint Alloc(Device dev, uint size, out uint dmaHandle, uint attrs)
    {
        dmaHandle = DmaApi.DMA_ERROR_CODE;
        uint len = PageAlign(size);
        uint va = KernelMemory.Vmalloc(len);
        if (va == 0)
            return 0;
        uint start = Reserve(0, len, 0);
        if (start == DmaApi.DMA_ERROR_CODE)
        {
            KernelMemory.Vfree(va);
            return 0;
        }
        int prot = ProtFor(DmaDataDirection.Bidirectional);
        for (uint off = 0; off < len; off += PAGE_SIZE)
        {
            if (IommuApi.Map(Domain, start + off, KernelMemory.VmallocToPhys(va + off), PAGE_SIZE, prot) != 0)
            {
                if (off != 0)
                    IommuApi.Unmap(Domain, start, off);
                Iova.Free(start, len);
                KernelMemory.Vfree(va);
                return 0;
            }
        }
        dmaHandle = start;
        return va;
    }

    /// <summary>arm_iommu_free_attrs.</summary>
    public void Free(Device dev, uint size, uint cpuAddr, uint dmaHandle, uint attrs)
    {
        uint len = PageAlign(size);
        IommuApi.Unmap(Domain, dmaHandle, len);
        Iova.Free(dmaHandle, len);
        KernelMemory.Vfree(cpuAddr);
    }

    // An IOVA region: the caller's (fixed) or a fresh one aligned to the region's largest page size.
    private uint Reserve(uint fixedIova, uint len, uint attrs)
    {
        if ((attrs & DmaAttrs.DMA_ATTR_FIXED_MAPPING) != 0)
        {
            uint at = fixedIova & ~(PAGE_SIZE - 1);
            if (Iova.Reserve(at, len))
                return at;
            Iova.Flush(); // freed-but-cached ranges may sit there
            return Iova.Reserve(at, len) ? at : DmaApi.DMA_ERROR_CODE;
        }
        uint align = LargestPageNotAbove(len);
        uint start = Iova.Alloc(len, align);
        return start == 0 ? DmaApi.DMA_ERROR_CODE : start;
    }

    private void Release(uint start, uint len, uint attrs)
    {
        if ((attrs & DmaAttrs.DMA_ATTR_FIXED_MAPPING) != 0)
            Iova.Unreserve(start, len);
        else
            Iova.Free(start, len);
    }

    // Aligning the IOVA to the largest page size the region could use lets iommu_map pick big pages.
    private uint LargestPageNotAbove(uint len)
    {
        uint bitmap = Domain.Ops.PgsizeBitmap;
        uint best = PAGE_SIZE;
        for (int bit = 12; bit < 32; bit++)
        {
            uint size = 1u << bit;
            if ((bitmap & size) != 0 && size <= len)
                best = size;
        }
        return best;
    }

    private static uint PageAlign(uint bytes) => KernelMemory.PageAlign(bytes);

    private static uint PageAlign(ulong bytes) => (uint)((bytes + PAGE_SIZE - 1) & ~(ulong)(PAGE_SIZE - 1));
}
