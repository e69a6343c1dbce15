using Migration.Drivers.Omap;
using Migration.Hardware;
using Migration.Hardware.Omap;
using Migration.Kernel;

namespace Legacy.Omap.Tests;

/// <summary>
/// A booted 3.0 OMAP IOMMU stack on the default SoC: the driver probed on every MMU and (by default)
/// the ISP MMU taken with iommu_get("isp"), as omap3isp does in isp_probe.
/// </summary>
internal sealed class LegacyOmapRig
{
    /// <summary>-EINVAL as an IS_ERR_VALUE u32.</summary>
    public const uint EinvalValue = 0xFFFFFFEA;

    /// <summary>-ENOMEM as an IS_ERR_VALUE u32.</summary>
    public const uint EnomemValue = 0xFFFFFFF4;

    /// <summary>-EAGAIN as an IS_ERR_VALUE u32.</summary>
    public const uint EagainValue = 0xFFFFFFF5;

    public LegacyOmapRig(bool getIsp = true)
    {
        Soc = Soc.CreateDefault();
        Kmem = new KernelMemory(Soc.Pages);
        Driver = OmapIommuDriver.Register(Soc, Kmem);
        if (getIsp)
        {
            ErrPtr<OmapIommu> got = OmapIommu.Get(Driver, "isp");
            Assert.False(got.IsErrOrNull, $"iommu_get(\"isp\") failed: {got}");
            Isp = got.Value!;
        }
        else
        {
            Isp = Driver.FindDevice("isp") ?? throw new InvalidOperationException("no isp device");
        }
    }

    public Soc Soc { get; }

    public KernelMemory Kmem { get; }

    public OmapIommuDriver Driver { get; }

    /// <summary>The ISP MMU's iommu object (refcount 1 when the rig took it with Get).</summary>
    public OmapIommu Isp { get; }

    public OmapMmu IspMmu => Isp.Mmu;

    /// <summary>The IVA2 iommu object, not taken (refcount 0).</summary>
    public OmapIommu Iva2 => Driver.FindDevice("iva2") ?? throw new InvalidOperationException("no iva2 device");

    /// <summary>A zeroed block of 2^order pages from the RAM bank (naturally aligned).</summary>
    public uint AllocPages(int order = 0)
    {
        uint pa = Soc.Pages.AllocPages(order, zero: true);
        Assert.NotEqual(0u, pa);
        return pa;
    }

    /// <summary>An sg table of (pa, length) entries with offset 0.</summary>
    public static SgTable Sg(params (uint Pa, uint Length)[] entries)
    {
        var sgl = new Scatterlist[entries.Length];
        for (int i = 0; i < entries.Length; i++)
            sgl[i].SetPage(entries[i].Pa, entries[i].Length, 0);
        return SgTable.FromEntries(sgl);
    }

    /// <summary>An sg table of <paramref name="count"/> freshly allocated 4K pages; the pages are returned too.</summary>
    public SgTable SgOfPages(int count, out uint[] pages)
    {
        pages = new uint[count];
        var entries = new (uint, uint)[count];
        for (int i = 0; i < count; i++)
        {
            pages[i] = AllocPages();
            entries[i] = (pages[i], 0x1000);
        }
        return Sg(entries);
    }

    /// <summary>The L1 descriptor covering <paramref name="da"/> in the ISP table.</summary>
    public uint Pgd(uint da) => Pgd(Isp, da);

    public uint Pgd(OmapIommu obj, uint da)
    {
        IopgTable.LookupEntry(obj, da, out uint ppgd, out _);
        return Soc.Memory.ReadWord(ppgd);
    }

    /// <summary>Address of the L2 descriptor for <paramref name="da"/> in the ISP table, 0 when the L1 entry is not a table.</summary>
    public uint PteAddress(uint da)
    {
        IopgTable.LookupEntry(Isp, da, out _, out uint ppte);
        return ppte;
    }

    /// <summary>The L2 descriptor for <paramref name="da"/> in the ISP table (asserts that an L2 table exists).</summary>
    public uint Pte(uint da)
    {
        uint ppte = PteAddress(da);
        Assert.NotEqual(0u, ppte);
        return Soc.Memory.ReadWord(ppte);
    }

    public uint Reg(uint offset) => IspMmu.Read(offset);

    /// <summary>True when no TLB entry of the ISP MMU is valid.</summary>
    public bool TlbEmpty()
    {
        for (int i = 0; i < IspMmu.TlbEntries; i++)
        {
            if (IspMmu.PeekTlb(i).Valid)
                return false;
        }
        return true;
    }

    /// <summary>True when all 4096 words of <paramref name="obj"/>'s L1 table are zero.</summary>
    public bool L1TableIsZero(OmapIommu obj)
    {
        for (uint i = 0; i < 4096; i++)
        {
            if (Soc.Memory.ReadWord(obj.Instance.Iopgd + (i << 2)) != 0)
                return false;
        }
        return true;
    }

    /// <summary>Records every call of a fault callback; answers <see cref="Answer"/>.</summary>
    public sealed class FaultRecorder
    {
        public List<(OmapIommu Obj, uint Da, uint Errs, object? Priv, uint IrqStatusDuringCall)> Calls { get; } = new();

        public int Answer { get; set; }

        public int Callback(OmapIommu obj, uint da, uint errs, object? priv)
        {
            Calls.Add((obj, da, errs, priv, obj.Mmu.Read(OmapMmuRegisters.MMU_IRQSTATUS)));
            return Answer;
        }
    }

    /// <summary>Flags vmap stores: IOVMF_DISCONT | IOVMF_MMIO.</summary>
    public const uint VmapAreaFlags = IovmFlags.IOVMF_DISCONT | IovmFlags.IOVMF_MMIO;
}
