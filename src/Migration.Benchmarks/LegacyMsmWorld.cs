using Legacy.Iommu;
using Legacy.Msm;
using Migration.Drivers.Msm;
using Migration.Hardware;
using Migration.Hardware.Msm;
using Migration.Kernel;

namespace Migration.Benchmarks;

/// <summary>The Linux 3.0 MSM stack on its own SoC: the order-based core of the given flavour, the MSM driver, one domain with a context attached.</summary>
internal sealed class LegacyMsmWorld
{
    public LegacyMsmWorld(IommuCoreFlavor flavor, string ctxName = "vfe_imgwr")
    {
        Soc = Soc.CreateDefault();
        Kmem = new KernelMemory(Soc.Pages);
        Core = new IommuCore(flavor);
        Driver = MsmIommuDriver.Register(Soc, Kmem, Core);
        Ctx = Driver.GetCtx(ctxName) ?? throw new InvalidOperationException($"no context {ctxName}");
        Domain = Core.IommuDomainAlloc(0) ?? throw new InvalidOperationException("iommu_domain_alloc failed");
        int ret = Core.IommuAttachDevice(Domain, Ctx);
        if (ret != 0)
            throw new InvalidOperationException($"iommu_attach_device failed: {Errno.Describe(ret)}");
        Hardware = ((MsmIommuDrvdata)Ctx.Parent!.DriverData!).Hardware;
        CtxNum = ((MsmIommuCtxDrvdata)Ctx.DriverData!).Num;
    }

    public Soc Soc { get; }

    public KernelMemory Kmem { get; }

    public IommuCore Core { get; }

    public MsmIommuDriver Driver { get; }

    public Device Ctx { get; }

    public IommuDomain Domain { get; }

    public MsmIommu Hardware { get; }

    public int CtxNum { get; }

    public MsmPageTable PageTable => ((MsmPriv)Domain.Priv!).PageTable;

    public int TlbInvalidations => Driver.Platform.TlbInvalidations;

    /// <summary>True when the domain's first-level table is empty.</summary>
    public bool NothingMapped => StateFingerprint.AllZero(Soc.Memory, PageTable.FlTable, MsmPageTableFormat.NUM_FL_PTE);

    public string Fingerprint() => StateFingerprint.Of(
        ("fl", StateFingerprint.Words(Soc.Memory, PageTable.FlTable, MsmPageTableFormat.NUM_FL_PTE)),
        ("pages", Soc.Pages.AllocatedPages),
        ("undefined", PageTable.UndefinedWrites));
}
