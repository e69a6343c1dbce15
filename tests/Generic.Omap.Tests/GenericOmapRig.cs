using Generic.Iommu;
using Migration.Drivers.Omap;
using Migration.Hardware;
using Migration.Hardware.Omap;
using Migration.Kernel;

namespace Generic.Omap.Tests;

/// <summary>
/// A booted 3.3 OMAP IOMMU stack on the default SoC: the driver registered on the platform bus, a domain
/// allocated through the bus and (by default) the ISP client device (archdata.iommu = {"isp"}) attached,
/// as the 3.3 isp_probe does (omap.md §7.7). With batched, the bus carries the driver's batched ops instead.
/// </summary>
internal sealed class GenericOmapRig
{
    public GenericOmapRig(bool attach = true, bool batched = false)
    {
        Soc = Soc.CreateDefault();
        Kmem = new KernelMemory(Soc.Pages);
        Bus = new BusType("platform");
        Driver = OmapIommuDriver.Register(Soc, Kmem, Bus, batched);
        Domain = IommuApi.DomainAlloc(Bus) ?? throw new InvalidOperationException("iommu_domain_alloc failed");
        IspClient = Client("omap3isp", "isp");
        if (attach)
            Assert.Equal(0, IommuApi.AttachDevice(Domain, IspClient));
    }

    public Soc Soc { get; }

    public KernelMemory Kmem { get; }

    public BusType Bus { get; }

    public OmapIommuDriver Driver { get; }

    public IommuDomain Domain { get; }

    public OmapIommuDomain OmapDomain => (OmapIommuDomain)Domain.Priv!;

    /// <summary>The ISP platform device with dev.archdata.iommu = {name "isp"}.</summary>
    public Device IspClient { get; }

    public OmapIommuArchData IspArchData => (OmapIommuArchData)IspClient.ArchDataIommu!;

    public OmapIommuDevice Isp => Driver.FindDevice("isp") ?? throw new InvalidOperationException("no isp");

    public OmapMmu IspMmu => Isp.Mmu;

    /// <summary>A client device whose archdata names <paramref name="iommuName"/>.</summary>
    public static Device Client(string name, string iommuName) => new(name) { ArchDataIommu = new OmapIommuArchData(iommuName) };

    /// <summary>The L1 descriptor for <paramref name="da"/> in the domain's table.</summary>
    public uint Pgd(uint da) => Soc.Memory.ReadWord(OmapDomain.Pgtable + ((da >> 20) << 2));

    /// <summary>The L2 descriptor for <paramref name="da"/> (asserts the L1 entry is a table).</summary>
    public uint Pte(uint da)
    {
        OmapPageTable.LookupEntry(Isp.Instance, da, out _, out uint ppte);
        Assert.NotEqual(0u, ppte);
        return Soc.Memory.ReadWord(ppte);
    }

    public uint Reg(uint offset) => IspMmu.Read(offset);

    /// <summary>TLB flushes the ISP's driver issued so far (flush_iotlb_page, flush_iotlb_all).</summary>
    public int TlbFlushes => Isp.Instance.TlbFlushes;

    /// <summary>
    /// Every non-zero L1 entry as "index:value", an L2 table as "index:T[pte index=value ...]" (table addresses left
    /// out, so two rigs that allocated their tables differently compare equal).
    /// </summary>
    public string Tables()
    {
        var parts = new List<string>();
        for (uint i = 0; i < 4096; i++)
        {
            uint pgd = Pgd(i << 20);
            if (pgd == 0)
                continue;
            if ((pgd & 3) != 1)
            {
                parts.Add($"{i:x3}:{pgd:x8}");
                continue;
            }
            var ptes = new List<string>();
            for (uint j = 0; j < 256; j++)
            {
                uint pte = Soc.Memory.ReadWord((pgd & ~0x3FFu) + (j << 2));
                if (pte != 0)
                    ptes.Add($"{j:x2}={pte:x8}");
            }
            parts.Add($"{i:x3}:T[{string.Join(" ", ptes)}]");
        }
        return string.Join(", ", parts);
    }

    /// <summary>True when all 4096 words of the domain's L1 table are zero.</summary>
    public bool L1TableIsZero()
    {
        for (uint i = 0; i < 4096; i++)
        {
            if (Soc.Memory.ReadWord(OmapDomain.Pgtable + (i << 2)) != 0)
                return false;
        }
        return true;
    }
}
