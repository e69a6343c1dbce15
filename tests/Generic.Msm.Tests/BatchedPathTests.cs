using CsCheck;
using Generic.Iommu;
using Migration.Drivers.Msm;
using Migration.Hardware;
using Migration.Kernel;

namespace Generic.Msm.Tests;

/// <summary>
/// The batched map_pages/unmap_pages path with an IOTLB gather against the 3.3 per-page path on the same
/// MSM page-table code: identical tables, one TLB invalidation per run instead of one per page.
/// </summary>
public class BatchedPathTests
{
    private sealed class World
    {
        public World(bool batched)
        {
            Soc = Soc.CreateDefault();
            Platform = new MsmIommuPlatform(new KernelMemory(Soc.Pages));
            Platform.ProbeAll(Soc);
            var bus = new BusType("platform");
            Assert.Equal(0, bus.SetIommu(batched ? new MsmIommuPagesOps(Platform) : new MsmIommuOps(Platform)));
            Domain = IommuApi.DomainAlloc(bus)!;
            Assert.Equal(0, IommuApi.AttachDevice(Domain, Platform.GetCtx("vcodec_a_mm1")!));
            Platform.TlbInvalidations = 0;
        }

        public Soc Soc { get; }
        public MsmIommuPlatform Platform { get; }
        public IommuDomain Domain { get; }
        public MsmPageTable Table => ((MsmPriv)Domain.Priv!).PageTable;

        // Non-zero L1 entries (table pointers reduced to their type) and the non-zero words of every SL table.
        public SortedDictionary<string, uint> Snapshot()
        {
            var map = new SortedDictionary<string, uint>(StringComparer.Ordinal);
            for (uint i = 0; i < MsmPageTableFormat.NUM_FL_PTE; i++)
            {
                uint fl = Table.ReadFl(i);
                if (fl == 0)
                    continue;
                map[$"l1[{i:D4}]"] = (fl & 3) == 1 ? 1u : fl;
                if ((fl & 3) != 1)
                    continue;
                for (uint j = 0; j < MsmPageTableFormat.NUM_SL_PTE; j++)
                {
                    uint sl = Soc.Memory.ReadWord((fl & 0xFFFFFC00) + j * 4);
                    if (sl != 0)
                        map[$"l2[{i:D4}][{j:D3}]"] = sl;
                }
            }
            return map;
        }
    }

    [Fact]
    public void Map_ProducesIdenticalTables_WithOneSyncForTheWholeCall()
    {
        var perPage = new World(batched: false);
        var batched = new World(batched: true);

        foreach (World w in new[] { perPage, batched })
            Assert.Equal(0, IommuApi.Map(w.Domain, 0x0000F000, 0x1000F000, 0x01231000, 0));

        Assert.Equal(perPage.Snapshot(), batched.Snapshot());
        // The staircase: 1×4K, 15×64K up to 1M, 17×1M (16M never fits), 4×64K.
        Assert.Equal(1 + 15 + 17 + 4, perPage.Platform.TlbInvalidations);
        Assert.Equal(1, batched.Platform.TlbInvalidations); // map_pages per run, one iotlb_sync_map per iommu_map (5.12+)
        Assert.Equal(0x10130C06u, batched.Table.ReadFl(0x001)); // the first 1M section: pa 0x10100000, class 1
    }

    [Fact]
    public void Map_ExactStaircase_CountsFlushes()
    {
        var perPage = new World(batched: false);
        var batched = new World(batched: true);
        // iova 0xF000 / pa 0x1000F000, 0x111000 bytes: 1×4K, then 17×64K (the 1M at 0x100000 would need 1M left).
        foreach (World w in new[] { perPage, batched })
            Assert.Equal(0, IommuApi.Map(w.Domain, 0x0000F000, 0x1000F000, 0x00111000, 0));

        Assert.Equal(perPage.Snapshot(), batched.Snapshot());
        Assert.Equal(18, perPage.Platform.TlbInvalidations);
        Assert.Equal(1, batched.Platform.TlbInvalidations);
        Assert.Equal(0x10010C35u, batched.Soc.Memory.ReadWord((batched.Table.ReadFl(0) & 0xFFFFFC00) + 0x10 * 4));
    }

    [Fact]
    public void Unmap_OneGatheredFlushForTheWholeRange()
    {
        var perPage = new World(batched: false);
        var batched = new World(batched: true);
        foreach (World w in new[] { perPage, batched })
        {
            Assert.Equal(0, IommuApi.Map(w.Domain, 0x00100000, 0x20100000, 0x00040000, 0)); // 4 × 64K
            w.Platform.TlbInvalidations = 0;
        }

        for (uint off = 0; off < 0x40000; off += 0x10000)
            Assert.Equal(0x10000u, IommuApi.Unmap(perPage.Domain, 0x00100000 + off, 0x10000)); // 3.3 callers unmap page by page
        Assert.Equal(0x40000u, IommuApi.Unmap(batched.Domain, 0x00100000, 0x40000));

        Assert.Empty(perPage.Snapshot());
        Assert.Empty(batched.Snapshot());
        Assert.Equal(4, perPage.Platform.TlbInvalidations);
        Assert.Equal(1, batched.Platform.TlbInvalidations);
    }

    [Fact]
    public void BatchedUnmap_StopsAtAHole_WhereThe33DriverWouldClaimSuccess()
    {
        var batched = new World(batched: true);
        Assert.Equal(0, IommuApi.Map(batched.Domain, 0x00100000, 0x20100000, 0x1000, 0));
        Assert.Equal(0x1000u, IommuApi.Unmap(batched.Domain, 0x00100000, 0x3000));
        Assert.Equal(2, batched.Platform.TlbInvalidations); // map's flush, then one iotlb_sync
        Assert.Equal(0u, batched.Table.ReadFl(0x001));
    }

    [Fact]
    public void RandomMaps_GiveIdenticalTablesOnBothPaths()
    {
        Gen.Select(Gen.UInt[0, 0x3FF], Gen.UInt[0, 0x3FF], Gen.UInt[1, 0x300])
            .Sample((iovaPage, paPage, pages) =>
            {
                var perPage = new World(batched: false);
                var batched = new World(batched: true);
                uint iova = 0x10000000 + (iovaPage << 12);
                uint pa = 0x40000000 + (paPage << 12);
                Assert.Equal(0, IommuApi.Map(perPage.Domain, iova, pa, pages << 12, 1));
                Assert.Equal(0, IommuApi.Map(batched.Domain, iova, pa, pages << 12, 1));
                Assert.Equal(perPage.Snapshot(), batched.Snapshot());
                Assert.True(batched.Platform.TlbInvalidations <= perPage.Platform.TlbInvalidations);
            }, iter: 60);
    }

    [Fact]
    public void MapSg_CoalescesContiguousEntries_MapsTheSameTables_AndSyncsOnce()
    {
        // Three entries: two physically contiguous 4K pages (coalesced into one 8K map) and a page elsewhere.
        var perPage = new World(batched: false);
        var batched = new World(batched: true);
        Assert.Equal(0, IommuApi.Map(perPage.Domain, 0x00200000, 0x30000000, 0x2000, 0));
        Assert.Equal(0, IommuApi.Map(perPage.Domain, 0x00202000, 0x30500000, 0x1000, 0));
        SgTable sgt = SgTable.Alloc(3).Value!;
        sgt.Sgl[0].SetPage(0x30000000, 0x1000, 0);
        sgt.Sgl[1].SetPage(0x30001000, 0x1000, 0);
        sgt.Sgl[2].SetPage(0x30500000, 0x1000, 0);

        Assert.Equal(0x3000L, IommuApi.MapSg(batched.Domain, 0x00200000, sgt, 3, 0));

        Assert.Equal(perPage.Snapshot(), batched.Snapshot());
        Assert.Equal(1, batched.Platform.TlbInvalidations); // one iotlb_sync_map for the list
    }

    [Fact]
    public void MapSg_ThatFailsMidway_LeavesNothingMapped_AndReturnsTheError()
    {
        var batched = new World(batched: true);
        SgTable sgt = SgTable.Alloc(2).Value!;
        sgt.Sgl[0].SetPage(0x30000000, 0x1000, 0);
        sgt.Sgl[1].SetPage(0x30500000, 0x800, 0); // not a whole page: the core's alignment check refuses it

        Assert.Equal(-Errno.EINVAL, IommuApi.MapSg(batched.Domain, 0x00200000, sgt, 2, 0));
        Assert.Empty(batched.Snapshot());
    }
}
