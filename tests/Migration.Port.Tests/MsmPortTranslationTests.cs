using CsCheck;
using Generic.Iommu;
using Legacy.Iommu;
using Migration.Drivers.Msm;
using Migration.Hardware;
using Migration.Hardware.Msm;
using Migration.Kernel;
using LegacyDriver = Legacy.Msm.MsmIommuDriver;
using PortedDriver = Generic.Msm.MsmIommuDriver;

namespace Migration.Port.Tests;

/// <summary>
/// Random map/unmap traces through the 3.0 MSM driver (an Era-A client looping order-0 iommu_map page by page)
/// and through the 3.3 port (one byte-sized iommu_map per buffer): the device sees the same translations.
/// </summary>
public class MsmPortTranslationTests
{
    private sealed class Worlds
    {
        public Worlds()
        {
            LegacySoc = Soc.CreateDefault();
            Core = new IommuCore(IommuCoreFlavor.Caf30);
            Legacy = LegacyDriver.Register(LegacySoc, new KernelMemory(LegacySoc.Pages), Core);
            LegacyDomain = Core.IommuDomainAlloc(0)!;
            Assert.Equal(0, Core.IommuAttachDevice(LegacyDomain, Legacy.GetCtx("vfe_imgwr")!));

            PortedSoc = Soc.CreateDefault();
            var bus = new BusType("platform");
            Ported = PortedDriver.Register(PortedSoc, new KernelMemory(PortedSoc.Pages), bus);
            PortedDomain = IommuApi.DomainAlloc(bus)!;
            Assert.Equal(0, IommuApi.AttachDevice(PortedDomain, Ported.GetCtx("vfe_imgwr")!));
        }

        public Soc LegacySoc { get; }
        public IommuCore Core { get; }
        public LegacyDriver Legacy { get; }
        public Legacy.Iommu.IommuDomain LegacyDomain { get; }
        public Soc PortedSoc { get; }
        public PortedDriver Ported { get; }
        public Generic.Iommu.IommuDomain PortedDomain { get; }

        public MsmTranslation LegacyAccess(uint va) => Access(LegacySoc, va);

        public MsmTranslation PortedAccess(uint va) => Access(PortedSoc, va);

        private static MsmTranslation Access(Soc soc, uint va)
        {
            MsmIommu vfe = soc.FindMsmIommu("vfe")!;
            return vfe.Translate(0, va, write: false); // vfe_imgwr is context 0 of the vfe instance
        }
    }

    [Fact]
    public void RandomTraces_TranslateIdentically()
    {
        // A trace: buffers of 1..64 pages (some 64K/1M aligned) mapped, some unmapped again, then every page probed.
        Gen.Select(Gen.Int[1, 6], Gen.UInt[0, 0x3F], Gen.Int[1, 64], Gen.Bool).Array[1, 6]
            .Sample(trace =>
            {
                var w = new Worlds();
                uint nextIova = 0x10000000;
                var live = new List<(uint Iova, uint Pa, uint Pages)>();
                foreach ((int alignShift, uint paSlot, int pages, bool unmapAgain) in trace)
                {
                    uint align = alignShift switch { 1 => 0x1000u, 2 => 0x10000u, 3 => 0x100000u, _ => 0x1000u };
                    uint iova = (nextIova + align - 1) & ~(align - 1);
                    uint pa = 0x40000000 + paSlot * 0x00100000;
                    uint bytes = (uint)pages << 12;
                    for (uint off = 0; off < bytes; off += 0x1000)
                        Assert.Equal(0, w.Core.IommuMap(w.LegacyDomain, iova + off, pa + off, 0, 0)); // Era A: page by page
                    Assert.Equal(0, IommuApi.Map(w.PortedDomain, iova, pa, bytes, 0));               // Era B: one call
                    nextIova = iova + bytes + 0x1000;
                    if (unmapAgain)
                    {
                        for (uint off = 0; off < bytes; off += 0x1000)
                            Assert.Equal(0, w.Core.IommuUnmap(w.LegacyDomain, iova + off, 0));
                        // A 3.3 caller must unmap page by page too: the driver ignores lengths it does not recognise (msm.md §5.14).
                        uint left = bytes;
                        for (uint cursor = iova; left > 0;)
                        {
                            uint page = PageSizeSplitter.PageSize(MsmPageTableFormat.MSM_IOMMU_PGSIZES, cursor, pa + (cursor - iova), left);
                            Assert.Equal(page, IommuApi.Unmap(w.PortedDomain, cursor, page));
                            cursor += page;
                            left -= page;
                        }
                    }
                    else
                    {
                        live.Add((iova, pa, (uint)pages));
                    }
                }
                // Device accesses to every live page (a fault would stall the context: mainline never resumes).
                foreach ((uint iova, uint pa, uint pages) in live)
                {
                    for (uint p = 0; p < pages; p++)
                    {
                        MsmTranslation a = w.LegacyAccess(iova + (p << 12) + 0x123);
                        MsmTranslation b = w.PortedAccess(iova + (p << 12) + 0x123);
                        Assert.True(a.Succeeded && b.Succeeded);
                        Assert.Equal(pa + (p << 12) + 0x123, a.Pa);
                        Assert.Equal(a.Pa, b.Pa);
                    }
                }
                // V2P probes (iova_to_phys) over the whole range, holes and unmapped buffers included.
                for (uint va = 0x10000000; va < nextIova + 0x2000; va += 0x1000)
                    Assert.Equal(w.Core.IommuIovaToPhys(w.LegacyDomain, va), IommuApi.IovaToPhys(w.PortedDomain, va));
            }, iter: 40);
    }
}
