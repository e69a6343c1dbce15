using Migration.Drivers.Msm;
using Migration.Kernel;

namespace Generic.MsmCamera;

/// <summary>
/// The <c>prot</c> the port passes to iommu_map. The 3.3 MSM driver reads <c>prot &amp; 3</c> as a cache-policy
/// slot and bit 2 as "shareable" (msm.md §3.3, §9.1), so the generic IOMMU_READ/WRITE/CACHE flags cannot be
/// passed as the legacy callers did: each value below is the slot whose TEX class (ARMv7 default PRRR/NMRR:
/// NONCACHED 1, WB_WA 7, WB_NWA 3, WT 2) equals the class the legacy mapping got, so 4K/1M/16M descriptors are
/// bit for bit the legacy ones (S and nG are fixed in both; every mapping is read/write in both).
/// </summary>
public static class MsmCameraProt
{
    /// <summary>
    /// IMEM ping/pong: legacy msm_iommu_map_contig_buffer with cached = 3 maps READ|WRITE|IOMMU_CACHE through the
    /// CAF range op → class 7 (pgprot_kernel, §9.18; 4K low bits 0xC7E). Slot WB_WA → class 7. The naive port
    /// READ|WRITE|CACHE (7) would read as slot 3 → WT class 2 (0xC3A). 64K pages of this class lose TEX0 in the
    /// hardware (§3.3 note): the hardware sees class 3.
    /// </summary>
    public const int Imem = MsmAttributes.MSM_IOMMU_ATTR_CACHED_WB_WA;

    /// <summary>
    /// Frames, JPEG and codec buffers: legacy msm_subsystem_map_buffer maps 4K pages with the order-based
    /// iommu_map and prot READ|WRITE (3), which the 3.0 ops read as MSM attributes → WT class 2 (0xC3A).
    /// Slot WT → class 2 (no TEX0, so 64K pages are seen as written).
    /// </summary>
    public const int Buffer = MsmAttributes.MSM_IOMMU_ATTR_CACHED_WT;

    /// <summary>
    /// 2X padding: legacy msm_iommu_map_extra maps the dummy page through the CAF range op with READ|WRITE and no
    /// IOMMU_CACHE → NONCACHED class 1 (0xC36). Slot NONCACHED → class 1.
    /// </summary>
    public const int Padding = MsmAttributes.MSM_IOMMU_ATTR_NONCACHED;

    /// <summary>
    /// A buffer shared through a <see cref="Generic.Iommu.SharedAddressSpace"/> carries generic flags: IOMMU_CACHE
    /// selects the WB_WA slot (class 7, what CAF gives a cached mapping, msm.md §3.3), anything else NONCACHED (class 1).
    /// READ/WRITE select nothing: mainline mappings are read/write regardless (§3.3).
    /// </summary>
    public static int ForShared(int genericProt) =>
        (genericProt & IommuProt.IOMMU_CACHE) != 0 ? MsmAttributes.MSM_IOMMU_ATTR_CACHED_WB_WA : MsmAttributes.MSM_IOMMU_ATTR_NONCACHED;
}
