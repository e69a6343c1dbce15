using BenchmarkDotNet.Attributes;
using Generic.Iommu;
using Legacy.Iommu;
using Migration.Hardware.Msm;
using Migration.Hardware.Omap;

namespace Migration.Benchmarks;

/// <summary>
/// Translation of a device address mapped with 4 KiB pages: iommu_iova_to_phys in both eras (MSM V2P, OMAP table
/// lookup), and the hardware: device accesses through the OMAP MMU and the MSM context bank with a TLB hit and with a
/// TLB miss (hardware table walk), and the OMAP table walker alone.
/// </summary>
/// <remarks>
/// GlobalSetup maps <see cref="Pages"/> 4 KiB pages in every world and they stay mapped. The hit methods access one
/// address <see cref="Pages"/> times; the miss methods access the <see cref="Pages"/> pages in turn, more than either
/// TLB holds (OMAP ISP 8, MSM 32 entries, round-robin replacement), so every access walks and a whole cycle leaves
/// the TLB as it found it. Both report the cost per access (OperationsPerInvoke).
/// </remarks>
[MemoryDiagnoser]
public class TranslateBenchmarks : IBenchmarkState
{
    /// <summary>Pages mapped and accesses per invocation.</summary>
    public const int Pages = 64;

    private const uint Iova = 0x10000000;
    private const uint Offset = 0x123;
    private const uint Page = 0x1000;

    private LegacyMsmWorld _legacyMsm = null!;
    private GenericMsmWorld _msm = null!;
    private GenericOmapWorld _omap = null!;
    private uint _legacyMsmPa;
    private uint _msmPa;
    private uint _omapPa;

    /// <summary>Boots a 3.0 MSM, a 3.3 MSM and a 3.3 OMAP world and maps <see cref="Pages"/> 4 KiB pages at 0x10000000 in each.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _legacyMsm = new LegacyMsmWorld(IommuCoreFlavor.Mainline30);
        _msm = new GenericMsmWorld(batched: false);
        _omap = new GenericOmapWorld(dmaOps: false);
        _legacyMsmPa = PhysicalBuffers.Contiguous(_legacyMsm.Soc, Pages * Page);
        _msmPa = PhysicalBuffers.Contiguous(_msm.Soc, Pages * Page);
        _omapPa = PhysicalBuffers.Contiguous(_omap.Soc, Pages * Page);
        for (uint i = 0; i < Pages; i++)
        {
            // One call per 4 KiB page, so each is its own PTE and its own TLB entry.
            Require(_legacyMsm.Core.IommuMap(_legacyMsm.Domain, Iova + i * Page, _legacyMsmPa + i * Page, 0, 0) == 0, "legacy iommu_map");
            Require(IommuApi.Map(_msm.Domain, Iova + i * Page, _msmPa + i * Page, Page, 0) == 0, "msm iommu_map");
            Require(IommuApi.Map(_omap.Domain, Iova + i * Page, _omapPa + i * Page, Page, 0) == 0, "omap iommu_map");
        }
    }

    /// <summary>Linux 3.0 iommu_iova_to_phys on MSM (IommuCore → msm_iommu_iova_to_phys: TLBIALL, V2PPR, PAR; msm.md §5.10).</summary>
    [Benchmark(Baseline = true)]
    public uint LegacyIovaToPhys() => Expect(_legacyMsm.Core.IommuIovaToPhys(_legacyMsm.Domain, Iova + Offset), _legacyMsmPa + Offset);

    /// <summary>Linux 3.3 IommuApi.IovaToPhys on MSM (the same V2P probe through msm_iommu_ops).</summary>
    [Benchmark]
    public uint GenericIovaToPhysMsm() => Expect(IommuApi.IovaToPhys(_msm.Domain, Iova + Offset), _msmPa + Offset);

    /// <summary>Linux 3.3 IommuApi.IovaToPhys on OMAP (omap_iommu_iova_to_phys: the driver's own L1/L2 lookup, omap.md §7.3).</summary>
    [Benchmark]
    public uint GenericIovaToPhysOmap() => Expect(IommuApi.IovaToPhys(_omap.Domain, Iova + Offset), _omapPa + Offset);

    /// <summary>A device access through the OMAP ISP MMU that hits its TLB (OmapMmu.Translate).</summary>
    [Benchmark(OperationsPerInvoke = Pages)]
    public uint OmapAccessTlbHit()
    {
        OmapMmu mmu = _omap.Isp.Mmu;
        uint sum = 0;
        for (int i = 0; i < Pages; i++)
        {
            OmapMmuTranslation t = mmu.Translate(Iova + Offset);
            if (t.Outcome == OmapMmuOutcome.Fault)
                throw new InvalidOperationException("OMAP MMU fault on a mapped page");
            sum += t.Pa;
        }
        return sum;
    }

    /// <summary>A device access through the OMAP ISP MMU that misses its TLB and walks the table (OmapMmu.Translate, omap.md §2.4).</summary>
    [Benchmark(OperationsPerInvoke = Pages)]
    public uint OmapAccessTlbMiss()
    {
        OmapMmu mmu = _omap.Isp.Mmu;
        uint sum = 0;
        for (uint i = 0; i < Pages; i++)
        {
            OmapMmuTranslation t = mmu.Translate(Iova + i * Page + Offset);
            if (t.Outcome != OmapMmuOutcome.Walked)
                throw new InvalidOperationException($"OMAP access to page {i}: {t.Outcome}, expected a walk");
            sum += t.Pa;
        }
        return sum;
    }

    /// <summary>A device access through the MSM context bank that hits its TLB (MsmIommu.Translate).</summary>
    [Benchmark(OperationsPerInvoke = Pages)]
    public uint MsmAccessTlbHit()
    {
        MsmIommu hw = _msm.Hardware;
        uint sum = 0;
        for (int i = 0; i < Pages; i++)
        {
            MsmTranslation t = hw.Translate(_msm.CtxNum, Iova + Offset, write: false);
            if (t.Outcome == MsmTranslationOutcome.Fault)
                throw new InvalidOperationException("MSM fault on a mapped page");
            sum += t.Pa;
        }
        return sum;
    }

    /// <summary>A device access through the MSM context bank that misses its TLB and walks the table (msm.md §2.6).</summary>
    [Benchmark(OperationsPerInvoke = Pages)]
    public uint MsmAccessTlbMiss()
    {
        MsmIommu hw = _msm.Hardware;
        uint sum = 0;
        for (uint i = 0; i < Pages; i++)
        {
            MsmTranslation t = hw.Translate(_msm.CtxNum, Iova + i * Page + Offset, write: false);
            if (t.Outcome != MsmTranslationOutcome.Walked)
                throw new InvalidOperationException($"MSM access to page {i}: {t.Outcome}, expected a walk");
            sum += t.Pa;
        }
        return sum;
    }

    /// <summary>The OMAP hardware table walker alone (OmapTableWalker.Walk: L1 table descriptor, then the L2 small page).</summary>
    [Benchmark]
    public uint OmapTableWalk()
    {
        if (!OmapTableWalker.Walk(_omap.Soc.Memory, _omap.Pgtable, Iova + Offset, out OmapTlbEntry entry))
            throw new InvalidOperationException("the OMAP walker faulted on a mapped page");
        return entry.Ram;
    }

    string IBenchmarkState.Fingerprint() => $"legacy[{_legacyMsm.Fingerprint()}] msm[{_msm.Fingerprint()}] omap[{_omap.Fingerprint()}]";

    bool? IBenchmarkState.NothingMapped => null;

    private static uint Expect(uint pa, uint expected) =>
        pa == expected ? pa : throw new InvalidOperationException($"iova_to_phys gave 0x{pa:x8}, expected 0x{expected:x8}");

    private static void Require(bool ok, string what)
    {
        if (!ok)
            throw new InvalidOperationException(what + " failed");
    }
}
