using Legacy.Omap;
using Migration.Drivers.Omap;
using Migration.Hardware;
using Migration.Hardware.Omap;
using Migration.Kernel;

namespace Legacy.Omap3isp.Tests;

/// <summary>A booted 3.0 world (default SoC, kernel memory, the omap-iommu driver) and the omap3isp platform device.</summary>
internal sealed class IspRig
{
    public const uint EnomemValue = 0xFFFFFFF4;

    public IspRig(bool histDmaChannel = true)
    {
        Soc = Soc.CreateDefault();
        Kmem = new KernelMemory(Soc.Pages);
        Driver = OmapIommuDriver.Register(Soc, Kmem);
        Platform = new IspPlatform(Soc, Kmem, Driver) { HistDmaChannelAvailable = histDmaChannel };
    }

    public Soc Soc { get; }

    public KernelMemory Kmem { get; }

    public OmapIommuDriver Driver { get; }

    public IspPlatform Platform { get; }

    public UserAddressSpace User => Platform.UserSpace;

    /// <summary>The "isp" IOMMU object of the driver (whether or not the ISP holds it).</summary>
    public OmapIommu Iommu => Driver.FindDevice("isp") ?? throw new InvalidOperationException("no isp iommu");

    public OmapMmu Mmu => Iommu.Mmu;

    /// <summary>The ISP MMU's iovm areas, in list order.</summary>
    public IReadOnlyList<IovmArea> Areas => Iommu.Instance.Mmap;

    public IspDevice Probe()
    {
        Assert.Equal(0, IspDevice.Probe(Platform, out IspDevice? isp));
        Assert.NotNull(isp);
        return isp;
    }

    public IovmArea Area(uint da) => Iovmm.FindIovmArea(Iommu, da) ?? throw new InvalidOperationException($"no area at 0x{da:x8}");

    /// <summary>The L1 descriptor for <paramref name="da"/>.</summary>
    public uint Pgd(uint da)
    {
        IopgTable.LookupEntry(Iommu, da, out uint ppgd, out _);
        return Soc.Memory.ReadWord(ppgd);
    }

    /// <summary>The L2 descriptor for <paramref name="da"/>, 0 when there is no L2 table.</summary>
    public uint Pte(uint da)
    {
        IopgTable.LookupEntry(Iommu, da, out _, out uint ppte);
        return ppte == 0 ? 0 : Soc.Memory.ReadWord(ppte);
    }

    /// <summary>Indices of the non-zero L1 entries of the ISP table.</summary>
    public List<uint> NonZeroL1Indices()
    {
        var list = new List<uint>();
        for (uint i = 0; i < 4096; i++)
        {
            if (Soc.Memory.ReadWord(Iommu.Instance.Iopgd + (i << 2)) != 0)
                list.Add(i);
        }
        return list;
    }

    /// <summary>The non-zero PTEs of the L2 table behind L1 index <paramref name="l1Index"/>, as (da, pte).</summary>
    public List<(uint Da, uint Pte)> NonZeroPtes(uint l1Index)
    {
        uint pgd = Soc.Memory.ReadWord(Iommu.Instance.Iopgd + (l1Index << 2));
        Assert.Equal(1u, pgd & 3); // a table pointer
        var list = new List<(uint, uint)>();
        for (uint j = 0; j < 256; j++)
        {
            uint pte = Soc.Memory.ReadWord((pgd & 0xFFFFFC00) + (j << 2));
            if (pte != 0)
                list.Add(((l1Index << 20) | (j << 12), pte));
        }
        return list;
    }

    /// <summary>A device read through the ISP MMU: the byte the ISP sees at <paramref name="da"/>.</summary>
    public byte DeviceReadByte(uint da)
    {
        OmapMmuTranslation t = Mmu.Translate(da);
        Assert.True(t.Succeeded, $"the ISP MMU faulted at 0x{da:x8}");
        Span<byte> b = stackalloc byte[1];
        Soc.Memory.ReadBytes(t.Pa, b);
        return b[0];
    }

    /// <summary>Physical pages behind an anonymous user mapping.</summary>
    public uint[] UserPages(uint uaddr, int count)
    {
        var pages = new uint[count];
        Assert.Equal(count, User.GetUserPages(uaddr, count, pages));
        return pages;
    }

    /// <summary>The application writes <paramref name="data"/> at <paramref name="uaddr"/> (anonymous mapping).</summary>
    public void WriteUser(uint uaddr, ReadOnlySpan<byte> data)
    {
        for (int i = 0; i < data.Length; i++)
        {
            uint va = uaddr + (uint)i;
            UserVma vma = User.FindVma(va) ?? throw new InvalidOperationException("unmapped");
            uint off = va - vma.Start;
            Soc.Memory.WriteBytes(vma.Pages![off / 4096] + (off & 0xFFF), data.Slice(i, 1));
        }
    }

    public static byte[] Pattern(int length, int seed)
    {
        var data = new byte[length];
        for (int i = 0; i < length; i++)
            data[i] = unchecked((byte)((i * 7) + seed));
        return data;
    }
}
