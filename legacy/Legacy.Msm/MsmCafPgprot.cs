using Legacy.Iommu;
using Migration.Drivers.Msm;
using static Migration.Drivers.Msm.MsmPageTableFormat;
using Migration.Kernel;

namespace Legacy.Msm;

/// <summary>
/// CAF's __get_pgprot (msm.md §3.3, CAF): prot read as generic IOMMU_READ/WRITE/CACHE flags, used by
/// the CAF range ops. 0 means "invalid class" (the caller fails with -EINVAL).
/// </summary>
public static class MsmCafPgprot
{
    /// <summary>TEX class of the kernel's own pgprot_kernel on the SMP 8x60/8960 kernels (write-back write-allocate).</summary>
    public const int KernelPgprotClass = 7;

    /// <summary>
    /// The attribute bits for a second-level (4K/64K) or first-level (1M/16M) entry: S | class bits |
    /// AP0 | AP1 | (AP2 without WRITE); neither READ nor WRITE means READ|WRITE, WRITE alone gains READ.
    /// </summary>
    public static uint Compute(int prot, MsmTexClasses tex, bool firstLevel)
    {
        ArgumentNullException.ThrowIfNull(tex);
        if ((prot & (IommuProt.IOMMU_READ | IommuProt.IOMMU_WRITE)) == 0)
            prot |= IommuProt.IOMMU_READ | IommuProt.IOMMU_WRITE;
        if ((prot & IommuProt.IOMMU_WRITE) != 0 && (prot & IommuProt.IOMMU_READ) == 0)
            prot |= IommuProt.IOMMU_READ;
        int cls = (prot & IommuProt.IOMMU_CACHE) != 0 ? KernelPgprotClass : tex[MsmAttributes.MSM_IOMMU_ATTR_NONCACHED];
        if (cls < 0 || cls > MsmAttributes.NUM_TEX_CLASS - 1)
            return 0;
        bool readOnly = (prot & IommuProt.IOMMU_WRITE) == 0;
        if (firstLevel)
        {
            return FL_SHARED | ((cls & 1) != 0 ? FL_BUFFERABLE : 0) | ((cls & 2) != 0 ? FL_CACHEABLE : 0)
                | ((cls & 4) != 0 ? FL_TEX0 : 0) | FL_AP_WRITE | FL_AP_READ | (readOnly ? FL_AP2 : 0);
        }
        return SL_SHARED | ((cls & 1) != 0 ? SL_BUFFERABLE : 0) | ((cls & 2) != 0 ? SL_CACHEABLE : 0)
            | ((cls & 4) != 0 ? SL_TEX0 : 0) | SL_AP0 | SL_AP1 | (readOnly ? SL_AP2 : 0);
    }
}
