using Generic.Iommu;
using Migration.Clients.MsmCamera;
using Migration.Kernel;

namespace Generic.MsmCamera;

/// <summary>
/// What the legacy vendor helpers did for the client, ported onto the generic API: msm_iommu_map_contig_buffer,
/// msm_subsystem_map_buffer with its 2X padding, and their unmaps (msm.md §7.5, §7.6). Each buffer is mapped
/// with ONE byte-sized iommu_map (the core splits it by pgsize_bitmap, generic.md §5.1) instead of the 4K page
/// loop, and unmapped page by page with the sizes the core chose, because the 3.3 MSM unmap only clears a
/// page when it is handed exactly that page's size (msm.md §5.8, §5.14, §9.7).
/// </summary>
internal static class MsmCameraIommu
{
    private const uint SZ_4K = 0x1000;

    /// <summary>
    /// msm_iommu_map_contig_buffer ported: -EINVAL when size is not a multiple of align; -ENOMEM when no IOVA is
    /// left; else one iommu_map of the whole buffer with <paramref name="prot"/>; its error (e.g. -EINVAL for a phys
    /// that is not 4 KiB aligned) frees the IOVA and is returned.
    /// </summary>
    public static int MapContig(IommuDomain domain, MsmCameraIovaPool pool, uint phys, uint size, uint align, int prot, out uint iova)
    {
        iova = 0;
        if ((size & unchecked(align - 1)) != 0)
            return -Errno.EINVAL;
        uint va = pool.Alloc(size, align);
        if (va == 0)
            return -Errno.ENOMEM;
        int ret = IommuApi.Map(domain, va, phys, size, prot);
        if (ret != 0)
        {
            UnmapPages(domain, va, phys, size); // the core's rollback is unreliable on this driver (§5.14)
            pool.Free(va, size);
            return ret;
        }
        iova = va;
        return 0;
    }

    /// <summary>msm_iommu_unmap_contig_buffer ported: unmap the pages the map chose, free the IOVA.</summary>
    public static void UnmapContig(IommuDomain domain, MsmCameraIovaPool pool, uint iova, uint phys, uint size, MsmCameraPlatform platform)
    {
        UnmapPages(domain, iova, phys, size, platform);
        pool.Free(iova, size);
    }

    /// <summary>
    /// msm_subsystem_map_buffer ported for the client's call sites (msm.md §7.6): KADDR → ioremap (failure
    /// -EINVAL); length rounded up to 4K, doubled IOVA with IOMMU_2X; alignment max(flags &amp; ~0xFFF, 4K) floored
    /// to a power of two (§9.14). Per target: an IOVA allocation failure leaves that iova 0 and the call still
    /// succeeds, as the legacy did (§9.13: the device sees the same mappings); else one iommu_map with
    /// <see cref="MsmCameraProt.Buffer"/>, whose error undoes everything mapped so far (IOVAs freed, unlike the
    /// legacy undo that leaks the current one) and is returned as is; then the 2X padding, one iommu_map per
    /// 4 KiB page onto the dummy page with <see cref="MsmCameraProt.Padding"/> (results ignored, as map_extra's).
    /// </summary>
    public static int MapBuffer(MsmCameraPlatform platform, uint phys, uint length, uint flags,
        IReadOnlyList<(string Domain, IommuDomain IommuDomain, MsmCameraIovaPool Pool)> targets, bool kaddr, out MsmCameraMapping? mapping)
    {
        mapping = null;
        uint vaddr = 0;
        if (kaddr)
        {
            vaddr = platform.KernelMemory.Ioremap(phys, length);
            if (vaddr == 0)
            {
                platform.AddLog("msm camera: could not ioremap");
                return -Errno.EINVAL;
            }
        }

        length = unchecked((length + SZ_4K - 1) & ~(SZ_4K - 1));
        bool padded = (flags & MsmCameraFrameFlags.IOMMU_2X) != 0;
        uint mapSize = padded ? unchecked(2 * length) : length;
        int minAlign = unchecked((int)(flags & ~(SZ_4K - 1)));
        uint align = (uint)Math.Max(minAlign, (int)SZ_4K); // a signed max, as in the C source (bit 31 → 4K)

        var mapped = new MsmCameraMappingTarget[targets.Count];
        for (int i = 0; i < targets.Count; i++)
        {
            (string name, IommuDomain domain, MsmCameraIovaPool pool) = targets[i];
            uint iova = pool.Alloc(mapSize, align);
            if (iova == 0)
            {
                platform.AddLog($"msm camera: could not allocate iova address in {name} (iova left 0)");
                mapped[i] = new MsmCameraMappingTarget(name, domain, pool, 0);
                continue;
            }
            int ret = IommuApi.Map(domain, iova, phys, length, MsmCameraProt.Buffer);
            if (ret != 0)
            {
                platform.AddLog($"msm camera: iommu_map of 0x{length:x} at iova 0x{iova:x8} in {name} failed ({Errno.Describe(ret)})");
                UnmapPages(domain, iova, phys, length, platform);
                pool.Free(iova, mapSize);
                for (int k = 0; k < i; k++)
                    UnmapTarget(platform, mapped[k], phys, length, mapSize, padded);
                if (vaddr != 0)
                    platform.KernelMemory.Iounmap(vaddr);
                return ret;
            }
            if (padded)
                MapPadding(platform, domain, unchecked(iova + length), length);
            mapped[i] = new MsmCameraMappingTarget(name, domain, pool, iova);
        }
        mapping = new MsmCameraMapping(phys, length, mapSize, padded, mapped) { Vaddr = vaddr };
        return 0;
    }

    /// <summary>
    /// msm_subsystem_unmap_buffer ported: per target, the buffer's pages, then each 4 KiB padding page, then the
    /// IOVA; a target whose allocation failed (iova 0) is skipped — the legacy code unmapped from IOVA 0 and
    /// BUGged in gen_pool_free (§9.13), the port does not. Then the kernel mapping.
    /// </summary>
    public static void UnmapBuffer(MsmCameraPlatform platform, MsmCameraMapping mapping)
    {
        foreach (MsmCameraMappingTarget target in mapping.Targets)
            UnmapTarget(platform, target, mapping.Phys, mapping.Length, mapping.MapSize, mapping.Padded);
        if (mapping.Vaddr != 0)
            platform.KernelMemory.Iounmap(mapping.Vaddr);
    }

    /// <summary>
    /// Unmaps [iova, iova + size) one page at a time, each page the size iommu_map chose for (iova, phys) — the
    /// same iommu_pgsize computation (generic.md §5.1 step 5) — so that every iommu_unmap hands the driver exactly
    /// one page (msm.md §5.14); a page the driver did not report unmapped in full is logged. A range iommu_map
    /// would have refused as unaligned is left alone.
    /// </summary>
    public static void UnmapPages(IommuDomain domain, uint iova, uint phys, uint size, MsmCameraPlatform? platform = null)
    {
        uint bitmap = domain.Ops.PgsizeBitmap;
        // iommu_map refused such a range up front and mapped nothing (generic.md §5.1 step 3): nothing to undo.
        if (((iova | phys | size) & (PageSizeSplitter.MinPageSize(bitmap) - 1)) != 0)
            return;
        while (size != 0)
        {
            uint pgsize = PageSizeSplitter.PageSize(bitmap, iova, phys, size);
            uint got = IommuApi.Unmap(domain, iova, pgsize);
            if (got != pgsize)
                platform?.AddLog($"msm camera: iommu_unmap(0x{iova:x8}, 0x{pgsize:x}) returned 0x{got:x}");
            iova = unchecked(iova + pgsize);
            phys = unchecked(phys + pgsize);
            size -= pgsize;
        }
    }

    // msm_iommu_map_extra ported: one iommu_map per 4K page of [start, start + size), each onto the dummy page.
    private static void MapPadding(MsmCameraPlatform platform, IommuDomain domain, uint start, uint size)
    {
        for (uint off = 0; off < size; off += SZ_4K)
        {
            int ret = IommuApi.Map(domain, unchecked(start + off), platform.IommuDummyPhys, SZ_4K, MsmCameraProt.Padding);
            if (ret != 0)
                platform.AddLog($"msm camera: could not map padding page 0x{start + off:x8} ({Errno.Describe(ret)})");
        }
    }

    private static void UnmapTarget(MsmCameraPlatform platform, MsmCameraMappingTarget target, uint phys, uint length, uint mapSize, bool padded)
    {
        if (target.Iova == 0)
            return;
        UnmapPages(target.IommuDomain, target.Iova, phys, length, platform);
        if (padded)
        {
            for (uint off = 0; off < length; off += SZ_4K)
                UnmapPages(target.IommuDomain, unchecked(target.Iova + length + off), platform.IommuDummyPhys, SZ_4K, platform);
        }
        target.Pool.Free(target.Iova, mapSize);
    }
}
