using Legacy.Iommu;
using Legacy.Msm;
using Migration.Drivers.Msm;
using Migration.Kernel;

namespace Migration.Scenarios.Msm;

/// <summary>
/// The CAF msm-3.0 world of `msm-random`: the order-based core (Caf30) and the 3.0 MSM driver; page runs through
/// iommu_map per page (prot is the MSM cache-class slot: 0 NONCACHED, 1 WB_WA; every page RW, msm.md §3.3), lists
/// through iommu_map_range (prot the generic flags CAF's __get_pgprot reads, msm.md §5.9).
/// </summary>
internal sealed class LegacyMsmRandomWorld : MsmRandomWorld
{
    private readonly IommuCore _core = new(IommuCoreFlavor.Caf30);
    private readonly IommuDomain _domain;

    public LegacyMsmRandomWorld()
        : base("CAF msm-3.0: the order-based iommu_map and iommu_map_range on the 3.0 MSM driver")
    {
        MsmIommuDriver driver = MsmIommuDriver.Register(Soc, Kmem, _core);
        Device ctx = driver.GetCtx(ContextName)!;
        ContextNumber = ((MsmIommuCtxDrvdata)ctx.DriverData!).Num;
        _domain = _core.IommuDomainAlloc(0) ?? throw new InvalidOperationException("iommu_domain_alloc failed");
        int ret = _core.IommuAttachDevice(_domain, ctx);
        if (ret != 0)
            throw new InvalidOperationException($"iommu_attach_device: {Errno.Describe(ret)}");
    }

    protected override int ContextNumber { get; }

    protected override int Map(uint iova, uint pa, uint size, int count, bool cached)
    {
        int order = KernelMemory.GetOrder(size);
        for (int i = 0; i < count; i++)
        {
            int ret = _core.IommuMap(_domain, iova + (uint)i * size, pa + (uint)i * size, order, cached ? 1 : 0);
            if (ret != 0)
                return ret;
        }
        return 0;
    }

    protected override long Unmap(uint iova, uint size, int count)
    {
        int order = KernelMemory.GetOrder(size);
        for (int i = 0; i < count; i++)
        {
            int ret = _core.IommuUnmap(_domain, iova + (uint)i * size, order);
            if (ret != 0)
                return ret;
        }
        return (long)size * count;
    }

    protected override long MapSg(uint iova, SgTable sgt, bool readOnly, bool cached)
    {
        uint len = (uint)sgt.TotalLength;
        int ret = _core.IommuMapRange(_domain, iova, sgt.Sgl, len, MsmRandomProt.Generic(readOnly, cached));
        return ret == 0 ? len : ret;
    }

    protected override long UnmapSg(uint iova, uint bytes)
    {
        int ret = _core.IommuUnmapRange(_domain, iova, bytes); // 0 always (msm.md §5.9)
        return ret == 0 ? bytes : ret;
    }
}
