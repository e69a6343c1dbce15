using Migration.Hardware.Msm;
using Migration.Hardware;
using Migration.Kernel;

namespace Migration.Clients.Testing;

/// <summary>
/// A default SoC with an era's camera platform booted on it (the subclass boots it), and the table and hardware
/// probes that read what the client mapped: the same in both eras, since they go through the client's
/// FirstLevelTable and AttachedContexts.
/// </summary>
public abstract class MsmCameraRig
{
    public const int EINVAL = -22;
    public const int ENOMEM = -12;

    // Descriptor low bits both eras write for 4K pages (msm.md §3.3): class 2 (WT) for buffers, class 7 (WB_WA) for
    // IMEM, class 1 (NONCACHED) for the 2X padding; the port chose its prot slots to keep them bit for bit.
    public const uint Sl4KBuffer = 0xC3A;
    public const uint Sl4KImem = 0xC7E;
    public const uint Sl4KPadding = 0xC36;

    protected MsmCameraRig()
    {
        Soc = Soc.CreateDefault();
        Kmem = new KernelMemory(Soc.Pages);
    }

    public Soc Soc { get; }

    public KernelMemory Kmem { get; }

    /// <summary>virt_to_phys(iommu_dummy): the page every 2X padding page aliases.</summary>
    public abstract uint IommuDummyPhys { get; }

    /// <summary>True once the board code attached the camera and video contexts.</summary>
    public abstract bool BoardAttached { get; }

    /// <summary>The platform's pr_err log.</summary>
    public abstract IReadOnlyList<string> Log { get; }

    /// <summary>msm_iommu_get_ctx(name) of the era's MSM driver.</summary>
    public abstract Device? GetCtx(string name);

    /// <summary>Opens the camera (asserting 0).</summary>
    public abstract MsmCameraClient OpenClient();

    /// <summary>The first-level descriptor for <paramref name="va"/> in the named domain.</summary>
    public uint Fl(MsmCameraClient cam, string domain, uint va) => Soc.Memory.ReadWord(cam.FirstLevelTable(domain) + ((va >> 20) << 2));

    /// <summary>The second-level descriptor for <paramref name="va"/> (0 when the first-level slot is not a table).</summary>
    public uint Sl(MsmCameraClient cam, string domain, uint va)
    {
        uint fl = Fl(cam, domain, va);
        return (fl & 3) != 1 ? 0 : Soc.Memory.ReadWord((fl & 0xFFFFFC00) + (((va >> 12) & 0xFF) << 2));
    }

    /// <summary>The hardware walker's view of <paramref name="va"/> under the named domain's table.</summary>
    public MsmWalkResult Walk(MsmCameraClient cam, string domain, uint va)
    {
        MsmTableWalker.Walk(Soc.Memory, cam.FirstLevelTable(domain), va, out MsmWalkResult r);
        return r;
    }

    /// <summary>A bus-master access through the domain's most recently attached context.</summary>
    public static MsmTranslation Translate(MsmCameraClient cam, string domain, uint va, bool write = false)
    {
        ArgumentNullException.ThrowIfNull(cam);
        MsmCameraContext ctx = cam.AttachedContexts(domain)[0];
        return ctx.Instance.Translate(ctx.Number, va, write);
    }

    /// <summary>True when no first-level entry of the named domain is set.</summary>
    public bool TableEmpty(MsmCameraClient cam, string domain)
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
}
