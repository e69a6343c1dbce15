using Generic.Iommu;
using Generic.Msm;
using Migration.Drivers.Msm;
using Migration.Hardware;
using Migration.Hardware.Msm;
using Migration.Kernel;

namespace Migration.Benchmarks;

/// <summary>
/// The 3.3+ MSM stack on its own SoC: the shared platform probed, msm_iommu_ops (per-page, 3.3) or the batched
/// map_pages/unmap_pages ops (5.x) set on the platform bus, one domain with a context attached.
/// </summary>
internal sealed class GenericMsmWorld
{
    public GenericMsmWorld(bool batched, string ctxName = "vfe_imgwr")
    {
        Soc = Soc.CreateDefault();
        Kmem = new KernelMemory(Soc.Pages);
        Platform = new MsmIommuPlatform(Kmem);
        Platform.ProbeAll(Soc);
        Bus = new BusType("platform");
        int ret = Bus.SetIommu(batched ? new MsmIommuPagesOps(Platform) : new MsmIommuOps(Platform));
        if (ret != 0)
            throw new InvalidOperationException($"bus_set_iommu failed: {Errno.Describe(ret)}");
        Ctx = Platform.GetCtx(ctxName) ?? throw new InvalidOperationException($"no context {ctxName}");
        Domain = IommuApi.DomainAlloc(Bus) ?? throw new InvalidOperationException("iommu_domain_alloc failed");
        ret = IommuApi.AttachDevice(Domain, Ctx);
        if (ret != 0)
            throw new InvalidOperationException($"iommu_attach_device failed: {Errno.Describe(ret)}");
        Hardware = ((MsmIommuDrvdata)Ctx.Parent!.DriverData!).Hardware;
        CtxNum = ((MsmIommuCtxDrvdata)Ctx.DriverData!).Num;
    }

    public Soc Soc { get; }

    public KernelMemory Kmem { get; }

    public MsmIommuPlatform Platform { get; }

    public BusType Bus { get; }

    public Device Ctx { get; }

    public IommuDomain Domain { get; }

    public MsmIommu Hardware { get; }

    public int CtxNum { get; }

    public MsmPageTable PageTable => ((MsmPriv)Domain.Priv!).PageTable;

    public int TlbInvalidations => Platform.TlbInvalidations;

    /// <summary>True when the domain's first-level table is empty.</summary>
    public bool NothingMapped => StateFingerprint.AllZero(Soc.Memory, PageTable.FlTable, MsmPageTableFormat.NUM_FL_PTE);

    public string Fingerprint() => StateFingerprint.Of(
        ("fl", StateFingerprint.Words(Soc.Memory, PageTable.FlTable, MsmPageTableFormat.NUM_FL_PTE)),
        ("pages", Soc.Pages.AllocatedPages),
        ("undefined", PageTable.UndefinedWrites));
}
