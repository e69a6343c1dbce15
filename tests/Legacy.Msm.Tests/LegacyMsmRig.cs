using Legacy.Iommu;
using Migration.Drivers.Msm;
using Migration.Hardware;
using Migration.Hardware.Msm;
using Migration.Kernel;

namespace Legacy.Msm.Tests;

/// <summary>
/// A booted 3.0 MSM IOMMU stack on the default SoC: the CAF 3.0 order-based core, the MSM driver
/// registered with it (every 8x60 instance and context probed) and, by default, one domain with the
/// "vfe_imgwr" context attached.
/// </summary>
internal sealed class LegacyMsmRig
{
    public const int EINVAL = -22;
    public const int ENODEV = -19;
    public const int EBUSY = -16;
    public const int ENOMEM = -12;

    public const uint DefaultPrrr = 0xFF0A81A8;
    public const uint DefaultNmrr = 0x40E040E0;

    public LegacyMsmRig(bool attach = true, uint cpuPrrr = DefaultPrrr, uint cpuNmrr = DefaultNmrr, bool allocDomain = true)
    {
        Soc = Soc.CreateDefault();
        Kmem = new KernelMemory(Soc.Pages);
        Core = new IommuCore(IommuCoreFlavor.Caf30);
        Msm = MsmIommuDriver.Register(Soc, Kmem, Core, cpuPrrr, cpuNmrr);
        Ctx = Msm.GetCtx("vfe_imgwr") ?? throw new InvalidOperationException("no vfe_imgwr context");
        if (allocDomain)
        {
            Domain = Core.IommuDomainAlloc(0) ?? throw new InvalidOperationException("iommu_domain_alloc failed");
            if (attach)
                Assert.Equal(0, Core.IommuAttachDevice(Domain, Ctx));
        }
    }

    public Soc Soc { get; }

    public KernelMemory Kmem { get; }

    public IommuCore Core { get; }

    public MsmIommuDriver Msm { get; }

    public MsmIommuOps Ops => Msm.Ops;

    /// <summary>The "vfe_imgwr" context device (instance vfe, context bank 0).</summary>
    public Device Ctx { get; }

    /// <summary>The rig's domain (null only when constructed with allocDomain: false).</summary>
    public IommuDomain? Domain { get; }

    public IommuDomain D => Domain ?? throw new InvalidOperationException("no domain");

    public MsmIommu Hw => HwOf(Ctx);

    public int Num => NumOf(Ctx);

    public MsmPageTable Pt => PtOf(D);

    public uint Fl => Pt.FlTable;

    public Device GetCtx(string name) => Msm.GetCtx(name) ?? throw new InvalidOperationException($"no context {name}");

    public static MsmIommu HwOf(Device ctx) => ((MsmIommuDrvdata)ctx.Parent!.DriverData!).Hardware;

    public static int NumOf(Device ctx) => ((MsmIommuCtxDrvdata)ctx.DriverData!).Num;

    public static MsmPageTable PtOf(IommuDomain domain) => ((MsmPriv)domain.Priv!).PageTable;

    public uint Reg(Device ctx, uint offset) => HwOf(ctx).PeekContextRegister(NumOf(ctx), offset);

    public uint Reg(uint offset) => Reg(Ctx, offset);

    public uint Word(uint pa) => Soc.Memory.ReadWord(pa);

    /// <summary>First-level entry for <paramref name="va"/> in the rig's domain.</summary>
    public uint FlEntry(uint va) => Pt.ReadFl(va >> 20);

    /// <summary>Physical address of the second-level table under <paramref name="va"/>; asserts the FL slot is a table.</summary>
    public uint SlTable(uint va)
    {
        uint fl = FlEntry(va);
        Assert.Equal(1u, fl & 3);
        return fl & 0xFFFFFC00;
    }

    /// <summary>Second-level entry for <paramref name="va"/> (asserts the FL slot is a table).</summary>
    public uint SlEntry(uint va) => Word(SlTable(va) + (((va >> 12) & 0xFF) << 2));

    public static Scatterlist Seg(uint pagePhys, uint length, uint offset = 0)
    {
        var sg = default(Scatterlist);
        sg.SetPage(pagePhys, length, offset);
        return sg;
    }
}
