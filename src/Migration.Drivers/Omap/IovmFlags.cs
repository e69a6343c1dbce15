namespace Migration.Drivers.Omap;

/// <summary>IOVMF_* flags of plat/iovmm.h (omap.md §5.2): low 16 bits hardware, high bits software.</summary>
public static class IovmFlags
{
    /// <summary>IOVMF_SW_SHIFT.</summary>
    public const int IOVMF_SW_SHIFT = 16;
    /// <summary>IOVMF_PGSZ_MASK: page-size code, filled per sg entry.</summary>
    public const uint IOVMF_PGSZ_MASK = 0x3;
    /// <summary>IOVMF_PGSZ_1M.</summary>
    public const uint IOVMF_PGSZ_1M = 0x0;
    /// <summary>IOVMF_PGSZ_64K.</summary>
    public const uint IOVMF_PGSZ_64K = 0x1;
    /// <summary>IOVMF_PGSZ_4K.</summary>
    public const uint IOVMF_PGSZ_4K = 0x2;
    /// <summary>IOVMF_PGSZ_16M.</summary>
    public const uint IOVMF_PGSZ_16M = 0x3;
    /// <summary>IOVMF_MIXED_MASK / IOVMF_MIXED: RAM bit 6.</summary>
    public const uint IOVMF_MIXED = 0x40;
    /// <summary>IOVMF_ELSZ_MASK: RAM bits 8:7.</summary>
    public const uint IOVMF_ELSZ_MASK = 0x180;
    /// <summary>IOVMF_ELSZ_8.</summary>
    public const uint IOVMF_ELSZ_8 = 0x0;
    /// <summary>IOVMF_ELSZ_16.</summary>
    public const uint IOVMF_ELSZ_16 = 0x80;
    /// <summary>IOVMF_ELSZ_32.</summary>
    public const uint IOVMF_ELSZ_32 = 0x100;
    /// <summary>IOVMF_ELSZ_NONE.</summary>
    public const uint IOVMF_ELSZ_NONE = 0x180;
    /// <summary>IOVMF_ENDIAN_MASK: RAM bit 9.</summary>
    public const uint IOVMF_ENDIAN_MASK = 0x200;
    /// <summary>IOVMF_ENDIAN_LITTLE.</summary>
    public const uint IOVMF_ENDIAN_LITTLE = 0x0;
    /// <summary>IOVMF_ENDIAN_BIG.</summary>
    public const uint IOVMF_ENDIAN_BIG = 0x200;
    /// <summary>IOVMF_MMIO: the kernel mapping is an ioremap/vmap of foreign memory.</summary>
    public const uint IOVMF_MMIO = 1u << IOVMF_SW_SHIFT;
    /// <summary>IOVMF_ALLOC: memory allocated by iovmm.</summary>
    public const uint IOVMF_ALLOC = 2u << IOVMF_SW_SHIFT;
    /// <summary>IOVMF_ALLOC_MASK.</summary>
    public const uint IOVMF_ALLOC_MASK = 3u << IOVMF_SW_SHIFT;
    /// <summary>IOVMF_DISCONT: discontiguous pa (vmap/vmalloc).</summary>
    public const uint IOVMF_DISCONT = 1u << (2 + IOVMF_SW_SHIFT);
    /// <summary>IOVMF_LINEAR: contiguous pa (kmap/kmalloc), superpage decomposition.</summary>
    public const uint IOVMF_LINEAR = 2u << (2 + IOVMF_SW_SHIFT);
    /// <summary>IOVMF_LINEAR_MASK.</summary>
    public const uint IOVMF_LINEAR_MASK = 3u << (2 + IOVMF_SW_SHIFT);
    /// <summary>IOVMF_DA_FIXED: caller-chosen da.</summary>
    public const uint IOVMF_DA_FIXED = 1u << (4 + IOVMF_SW_SHIFT);
    /// <summary>IOVMF_DA_ANON (2.6.37–2.6.38 only; ignored by 3.0 code but still seen in old callers' flags).</summary>
    public const uint IOVMF_DA_ANON = 2u << (4 + IOVMF_SW_SHIFT);

    /// <summary>What (omap_)iommu_vmap stores in an area and (omap_)iommu_vunmap requires: DISCONT | MMIO (omap.md §5.2).</summary>
    public const uint VmapAreaFlags = IOVMF_DISCONT | IOVMF_MMIO;

    /// <summary>What (omap_)iommu_vmalloc stores and (omap_)iommu_vfree requires: DISCONT | ALLOC.</summary>
    public const uint VmallocAreaFlags = IOVMF_DISCONT | IOVMF_ALLOC;

    /// <summary>What iommu_kmap stores and iommu_kunmap requires (3.0 only): LINEAR | MMIO.</summary>
    public const uint KmapAreaFlags = IOVMF_LINEAR | IOVMF_MMIO;

    /// <summary>What iommu_kmalloc stores and iommu_kfree requires (3.0 only): LINEAR | ALLOC.</summary>
    public const uint KmallocAreaFlags = IOVMF_LINEAR | IOVMF_ALLOC;
}
