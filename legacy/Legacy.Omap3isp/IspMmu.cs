using Legacy.Omap;
using Migration.Drivers.Omap;
using Migration.Kernel;

namespace Legacy.Omap3isp;

/// <summary>ispmmu_vmap / ispmmu_vunmap, the two IOMMU helpers of ispvideo.c (omap.md §6.1).</summary>
internal static class IspMmu
{
    /// <summary>IOMMU_FLAG = IOVMF_ENDIAN_LITTLE | IOVMF_ELSZ_8 = 0 (isp.h, ispvideo.c).</summary>
    public const uint IOMMU_FLAG = 0;

    /// <summary>
    /// ispmmu_vmap(isp, sglist, sglen): wraps the queue's scatterlist in a kmalloc'ed sg_table (nents =
    /// orig_nents = sglen) and maps it anonymously; the da, or an IS_ERR_VALUE errno (the table is then kfree'd).
    /// <paramref name="fixedDa"/> is the test-only IOVMF_DA_FIXED injection of <see cref="IspVideo.FixedVmapDaInjection"/>.
    /// </summary>
    public static uint Vmap(OmapIommu? iommu, KernelMemory kmem, Scatterlist[] sglist, int sglen, uint fixedDa, out SgTable? sgt)
    {
        sgt = null;
        if (!kmem.TryKzalloc())
            return ErrValue.FromErrno(-Errno.ENOMEM); // kmalloc(sizeof(*sgt)) failed
        SgTable table = SgTable.FromEntries(sglist.AsSpan(0, sglen));

        // One call site, as in ispvideo.c: the test-only injection only changes its arguments.
        uint flags = fixedDa != 0 ? IOMMU_FLAG | IovmFlags.IOVMF_DA_FIXED : IOMMU_FLAG;
        uint da = Iovmm.Vmap(iommu, fixedDa, table, flags);
        if (!ErrValue.IsErrValue(da))
            sgt = table; // else kfree(sgt)
        return da;
    }

    /// <summary>ispmmu_vunmap(isp, da): iommu_vunmap, then kfree of the returned sg_table (the scatterlist stays ispqueue's).</summary>
    public static SgTable? Vunmap(OmapIommu? iommu, uint da)
    {
        // isp->iommu is never NULL once probe succeeded; a NULL here would oops in the kernel.
        if (iommu is null)
            throw new KernelBugException("ispmmu_vunmap: NULL isp->iommu dereference");
        return Iovmm.Vunmap(iommu, da);
    }
}
