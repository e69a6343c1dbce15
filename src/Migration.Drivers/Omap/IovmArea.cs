using Migration.Kernel;

namespace Migration.Drivers.Omap;

/// <summary>
/// struct iovm_struct (plat/iovmm.h; omap.md §5.1): one device-virtual area of an IOMMU,
/// [DaStart, DaEnd) with DaEnd exclusive, its flags, the sg table that backs it and its kernel va.
/// </summary>
public sealed class IovmArea
{
    /// <summary>Creates an area descriptor (kmem_cache_zalloc + the fields alloc_iovm_area sets).</summary>
    public IovmArea(OmapIommuInstance iommu, uint daStart, uint daEnd, uint flags)
    {
        Iommu = iommu;
        DaStart = daStart;
        DaEnd = daEnd;
        Flags = flags;
    }

    /// <summary>area->iommu.</summary>
    public OmapIommuInstance Iommu { get; }

    /// <summary>area->da_start.</summary>
    public uint DaStart { get; }

    /// <summary>area->da_end (exclusive; computed in u32, so it can wrap to 0).</summary>
    public uint DaEnd { get; }

    /// <summary>area->flags as stored (caller flags plus what iovmm added).</summary>
    public uint Flags { get; }

    /// <summary>area->sgt: the scatterlist mapped into the area (the caller's for vmap).</summary>
    public SgTable? Sgt { get; set; }

    /// <summary>area->va: kernel address of the area start; 0 (NULL) when there is no kernel mapping.</summary>
    public uint Va { get; set; }

    /// <summary>Length in bytes (da_end - da_start, u32).</summary>
    public uint Length => unchecked(DaEnd - DaStart);

    /// <summary>True when <paramref name="da"/> lies in [DaStart, DaEnd) (the __find_iovm_area test).</summary>
    public bool Contains(uint da) => da >= DaStart && da < DaEnd;

    /// <inheritdoc />
    public override string ToString() => $"iovma [0x{DaStart:x8}, 0x{DaEnd:x8}) flags 0x{Flags:x8}";
}
