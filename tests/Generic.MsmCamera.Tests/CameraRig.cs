using Generic.Iommu;
using Migration.Drivers.Msm;
using Migration.Hardware;
using Migration.Hardware.Msm;
using Migration.Kernel;

namespace Generic.MsmCamera.Tests;

/// <summary>A default SoC with the 3.3 camera platform booted on it, and table/hardware probes.</summary>
internal sealed class CameraRig
{
    public const int EINVAL = -22;
    public const int ENOMEM = -12;

    // Descriptor low bits the 3.3 driver writes (msm.md §3.3 mainline): S, nG, AP = 11 fixed, class from prot & 3.
    public const uint Sl4KBuffer = 0xC3A;      // slot WT → class 2
    public const uint Sl64KBuffer = 0xC39;
    public const uint SectionBuffer = 0x30C0A;
    public const uint Sl4KImem = 0xC7E;        // slot WB_WA → class 7
    public const uint Sl64KImem = 0xC7D;       // TEX0 written at bit 6 (§3.3 note)
    public const uint Sl4KPadding = 0xC36;     // slot NONCACHED → class 1

    public CameraRig(Func<Soc, KernelMemory, MsmCameraPlatform>? boot = null)
    {
        Soc = Soc.CreateDefault();
        Kmem = new KernelMemory(Soc.Pages);
        Platform = boot is null ? new MsmCameraPlatform(Soc, Kmem) : boot(Soc, Kmem);
    }

    public Soc Soc { get; }

    public KernelMemory Kmem { get; }

    public MsmCameraPlatform Platform { get; }

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
