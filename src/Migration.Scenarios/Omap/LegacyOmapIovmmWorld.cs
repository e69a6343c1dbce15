using Legacy.Omap;
using Migration.Drivers.Omap;
using Migration.Equivalence;
using Migration.Kernel;

namespace Migration.Scenarios.Omap;

/// <summary>The Linux 3.0 world: iommu_get("isp") and the vendor iovmm calls on the IOMMU object (omap.md §5.7).</summary>
internal sealed class LegacyOmapIovmmWorld : OmapIovmmWorld
{
    private readonly OmapIommu _isp;

    public LegacyOmapIovmmWorld()
        : base("Linux 3.0: OMAP iommu + iovmm vendor API (iommu_get, iommu_vmap/vmalloc)")
    {
        OmapIommuDriver driver = OmapIommuDriver.Register(Soc, Kmem);
        _isp = OmapIommu.Get(driver, "isp").Value ?? throw new InvalidOperationException("iommu_get(\"isp\") failed on a fresh SoC");
        Spaces = [IspSpace(() => _isp.Instance.Iopgd)];
    }

    public override IReadOnlyList<DeviceAddressSpace> Spaces { get; }

    protected override uint Vmalloc(uint bytes) => Iovmm.Vmalloc(_isp, 0, bytes, 0);

    protected override void Vfree(uint da) => Iovmm.Vfree(_isp, da);

    protected override uint Vmap(uint da, SgTable sgt, uint flags) => Iovmm.Vmap(_isp, da, sgt, flags);

    protected override SgTable? Vunmap(uint da) => Iovmm.Vunmap(_isp, da);

    protected override IovmArea? FindArea(uint da) => Iovmm.FindIovmArea(_isp, da);
}
