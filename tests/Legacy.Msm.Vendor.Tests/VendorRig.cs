using Migration.Drivers.Msm;
using Legacy.Iommu;
using Migration.Hardware;
using Migration.Hardware.Msm;
using Migration.Kernel;
using static Legacy.Msm.MsmDomainNumbers;

namespace Legacy.Msm.Vendor.Tests;

/// <summary>
/// A booted G3 vendor stack on the default SoC: the CAF 3.0 core, the MSM driver registered with it,
/// iommu_domains.c booted with a board layout (8960 by default) and subsystem_map.c over it.
/// </summary>
internal sealed class VendorRig
{
    public const int EINVAL = -22;
    public const int ENOMEM = -12;
    public const int EAGAIN = -11;
    public const int ENODEV = -19;
    public const int EBUSY = -16;

    // msm.md §3.3: mainline order-based map with prot READ|WRITE (3) → WT class 2 → 4K low bits 0xC3A;
    // CAF map_range RW uncached → 0xC36, RW | IOMMU_CACHE → 0xC7E.
    public const uint Mainline4KRw = 0xC3A;
    public const uint Mainline64KRw = 0xC39;
    public const uint MainlineSectionRw = 0x30C0A;
    public const uint Caf4KRwUncached = 0xC36;
    public const uint Caf4KRwCached = 0xC7E;

    public VendorRig(MsmIovaLayout? layout = null, Action<VendorRig>? beforeDomains = null)
    {
        Soc = Soc.CreateDefault();
        Kmem = new KernelMemory(Soc.Pages);
        Core = new IommuCore(IommuCoreFlavor.Caf30);
        Msm = MsmIommuDriver.Register(Soc, Kmem, Core);
        beforeDomains?.Invoke(this);
        Domains = new MsmIommuDomains(Core, Msm, layout ?? MsmIovaLayout.Msm8960);
        Subsystem = new MsmSubsystem(Domains);
    }

    public Soc Soc { get; }

    public KernelMemory Kmem { get; }

    public IommuCore Core { get; }

    public MsmIommuDriver Msm { get; }

    public MsmIommuDomains Domains { get; }

    public MsmSubsystem Subsystem { get; }

    public IommuDomain Video => Domain(VIDEO_DOMAIN);

    public IommuDomain Camera => Domain(CAMERA_DOMAIN);

    public IommuDomain Domain(int n) => Domains.MsmGetIommuDomain(n) ?? throw new InvalidOperationException($"domain {n} is NULL");

    public static MsmPriv Priv(IommuDomain d) => (MsmPriv)d.Priv!;

    /// <summary>The first-level descriptor covering <paramref name="va"/>.</summary>
    public static uint Fl(IommuDomain d, uint va) => Priv(d).PageTable.ReadFl(va >> 20);

    /// <summary>The second-level descriptor for <paramref name="va"/> (0 when the first-level slot is not a table).</summary>
    public uint Pte(IommuDomain d, uint va)
    {
        uint fl = Fl(d, va);
        if ((fl & 3) != 1)
            return 0;
        return Soc.Memory.ReadWord((fl & 0xFFFFFC00) + (((va >> 12) & 0xFF) << 2));
    }

    public static MsmIommuCtxDrvdata CtxData(Device ctx) => (MsmIommuCtxDrvdata)ctx.DriverData!;

    public Device Ctx(string name) => Msm.GetCtx(name) ?? throw new InvalidOperationException($"no context {name}");

    /// <summary>A bus-master access through context <paramref name="ctxName"/> of its instance.</summary>
    public MsmTranslation Translate(string ctxName, uint va, bool write = false)
    {
        Device ctx = Ctx(ctxName);
        var drvdata = (MsmIommuDrvdata)ctx.Parent!.DriverData!;
        return drvdata.Hardware.Translate(CtxData(ctx).Num, va, write);
    }

    public GenPool Pool(int domain, int partition) =>
        Domains.Domains[domain].IovaPools[partition].Gpool ?? throw new InvalidOperationException("no pool");

    /// <summary>A layout with no domains: msm_use_iommu() is 0 (msm.md §7.5 G3).</summary>
    public static MsmIovaLayout NoDomains => new([], []);
}
