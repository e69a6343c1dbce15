using Legacy.Iommu;
using Legacy.Msm;
using Migration.Drivers.Msm;
using Migration.Hardware;
using Migration.Hardware.Msm;
using Migration.Kernel;
using static Legacy.Msm.MsmDomainNumbers;

namespace Legacy.MsmCamera.Tests;

/// <summary>A default SoC with the CAF 3.0 camera platform booted on it, and table/hardware probes.</summary>
internal sealed class CameraRig
{
    public const int EINVAL = -22;
    public const int ENOMEM = -12;

    // Descriptor low bits (msm.md §3.3): order-based map, prot 3 read as MSM attributes → WT class 2;
    // CAF range op READ|WRITE|CACHE → class 7; CAF range op READ|WRITE → NONCACHED class 1.
    public const uint Sl4KBuffer = 0xC3A;
    public const uint Sl4KImem = 0xC7E;
    public const uint Sl4KPadding = 0xC36;

    public CameraRig(Func<Soc, KernelMemory, MsmCameraPlatform>? boot = null)
    {
        Soc = Soc.CreateDefault();
        Kmem = new KernelMemory(Soc.Pages);
        Platform = boot is null ? new MsmCameraPlatform(Soc, Kmem) : boot(Soc, Kmem);
    }

    public Soc Soc { get; }

    public KernelMemory Kmem { get; }

    public MsmCameraPlatform Platform { get; }

    public IommuDomain CameraDomain => Platform.Domains.MsmGetIommuDomain(CAMERA_DOMAIN)!;

    public IommuDomain VideoDomain => Platform.Domains.MsmGetIommuDomain(VIDEO_DOMAIN)!;

    public GenPool Pool(int domain, int partition) => Platform.Domains.Domains[domain].IovaPools[partition].Gpool!;

    public MsmCamera Open()
    {
        Assert.Equal(0, MsmCamera.Open(Platform, out MsmCamera? cam));
        return cam!;
    }

    /// <summary>The first-level descriptor for <paramref name="va"/> in the named domain.</summary>
    public uint Fl(MsmCamera cam, string domain, uint va) => Soc.Memory.ReadWord(cam.FirstLevelTable(domain) + ((va >> 20) << 2));

    /// <summary>The second-level descriptor for <paramref name="va"/> (0 when the first-level slot is not a table).</summary>
    public uint Sl(MsmCamera cam, string domain, uint va)
    {
        uint fl = Fl(cam, domain, va);
        return (fl & 3) != 1 ? 0 : Soc.Memory.ReadWord((fl & 0xFFFFFC00) + (((va >> 12) & 0xFF) << 2));
    }

    /// <summary>The hardware walker's view of <paramref name="va"/> under the named domain's table.</summary>
    public MsmWalkResult Walk(MsmCamera cam, string domain, uint va)
    {
        MsmTableWalker.Walk(Soc.Memory, cam.FirstLevelTable(domain), va, out MsmWalkResult r);
        return r;
    }

    /// <summary>A bus-master access through the domain's most recently attached context.</summary>
    public static MsmTranslation Translate(MsmCamera cam, string domain, uint va, bool write = false)
    {
        MsmCameraContext ctx = cam.AttachedContexts(domain)[0];
        return ctx.Instance.Translate(ctx.Number, va, write);
    }

    /// <summary>True when no first-level entry of the named domain is set.</summary>
    public bool TableEmpty(MsmCamera cam, string domain)
    {
        uint fl = cam.FirstLevelTable(domain);
        for (uint i = 0; i < 4096; i++)
        {
            if (Soc.Memory.ReadWord(fl + (i << 2)) != 0)
                return false;
        }
        return true;
    }

    /// <summary>
    /// Contiguous RAM for a buffer of <paramref name="size"/> bytes whose address is a multiple of
    /// <paramref name="align"/> but not of 2·align (a block twice as large is taken and the second half used).
    /// </summary>
    public uint Phys(uint size, uint align)
    {
        uint span = Math.Max(size, align) * 2;
        int order = KernelMemory.GetOrder(span);
        uint block = Soc.Pages.AllocPages(order, zero: false);
        Assert.NotEqual(0u, block);
        return block + align;
    }

    public static MsmPageTable Table(IommuDomain d) => ((MsmPriv)d.Priv!).PageTable;
}
