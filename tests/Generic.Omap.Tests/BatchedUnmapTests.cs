using Generic.Iommu;

namespace Generic.Omap.Tests;

/// <summary>
/// unmap_pages and iotlb_sync of the batched OMAP ops under iommu_unmap (omap.md §4.5, §8.2, §8.3, §8.23): the bytes
/// 3.3's clear_entry loop reports, the same tables afterwards, one gathered TLB flush per call.
/// </summary>
public class BatchedUnmapTests
{
    [Fact]
    public void AlignedMegabyteOf4KPages_ClearsAll256PtesFreesTheTable_OneFlush()
    {
        var rig = new GenericOmapRig(batched: true);
        int live = rig.Isp.Instance.L2Cache.LiveObjects;
        Assert.Equal(0, IommuApi.Map(rig.Domain, 0x40000000, 0x50001000, 0x100000, 0)); // 256 4K pages
        Assert.Equal(0x50100002u, rig.Pte(0x400FF000));
        int flushes = rig.TlbFlushes;

        // The core asks for one 1M page (the IOVA alone is 1M-aligned); the driver clears what is mapped.
        Assert.Equal(0x100000u, IommuApi.Unmap(rig.Domain, 0x40000000, 0x100000));

        Assert.Equal(0u, rig.Pgd(0x40000000));
        Assert.Equal(live, rig.Isp.Instance.L2Cache.LiveObjects);
        Assert.Equal(1, rig.TlbFlushes - flushes);
        Assert.True(rig.L1TableIsZero());
    }

    [Fact]
    public void AcrossTwoTables_ReturnsTheBytesAndFreesBoth()
    {
        var rig = new GenericOmapRig(batched: true);
        Assert.Equal(0, IommuApi.Map(rig.Domain, 0x400FE000, 0x50001000, 0x4000, 0));
        int flushes = rig.TlbFlushes;

        Assert.Equal(0x4000u, IommuApi.Unmap(rig.Domain, 0x400FE000, 0x4000));

        Assert.True(rig.L1TableIsZero());
        Assert.Equal(1, rig.TlbFlushes - flushes);
    }

    [Fact]
    public void PartOfATable_ClearsOnlyThoseEntries()
    {
        var rig = new GenericOmapRig(batched: true);
        Assert.Equal(0, IommuApi.Map(rig.Domain, 0x40000000, 0x50001000, 0x8000, 0));

        Assert.Equal(0x3000u, IommuApi.Unmap(rig.Domain, 0x40002000, 0x3000));

        Assert.Equal(0x50002002u, rig.Pte(0x40001000));
        Assert.Equal(0u, rig.Pte(0x40002000));
        Assert.Equal(0u, rig.Pte(0x40004000));
        Assert.Equal(0x50006002u, rig.Pte(0x40005000));
    }

    [Fact]
    public void NothingMapped_ReturnsZero_NoFlush()
    {
        var rig = new GenericOmapRig(batched: true);
        int flushes = rig.TlbFlushes;

        Assert.Equal(0u, IommuApi.Unmap(rig.Domain, 0x40000000, 0x100000));

        Assert.Equal(0, rig.TlbFlushes - flushes);
    }

    [Theory]
    [InlineData(0x40010000u, 0x10000u, 0x40013000u, 0x1000u)]  // inside a 64K page: rewinds, 64K
    [InlineData(0x41000000u, 0x1000000u, 0x41230000u, 0x1000u)] // inside a supersection: 16M
    [InlineData(0x40000000u, 0x4000u, 0x40000000u, 0x10000u)]  // the table empties after 4 pages: stops there, 16K
    [InlineData(0x40100000u, 0x200000u, 0x40100000u, 0x1000u)] // a 4K unmap of a section: 1M
    [InlineData(0x4000F000u, 0x12000u, 0x40000000u, 0x30000u)] // holes, 4K, a 64K page, 4K: the table empties at 0x40020000
    public void BatchedUnmap_GivesSameBytesAndTablesAs33(uint iova, uint size, uint unmapIova, uint unmapSize)
    {
        var perPage = new GenericOmapRig();
        var batched = new GenericOmapRig(batched: true);
        Assert.Equal(0, IommuApi.Map(perPage.Domain, iova, iova + 0x10000000, size, 0));
        Assert.Equal(0, IommuApi.Map(batched.Domain, iova, iova + 0x10000000, size, 0));

        uint expected = IommuApi.Unmap(perPage.Domain, unmapIova, unmapSize);

        Assert.Equal(expected, IommuApi.Unmap(batched.Domain, unmapIova, unmapSize));
        Assert.Equal(perPage.Tables(), batched.Tables());
    }

    [Fact]
    public void RandomMapsAndUnmaps_SameResultsAndTablesAs33()
    {
        var perPage = new GenericOmapRig();
        var batched = new GenericOmapRig(batched: true);
        var random = new Random(16);
        for (int step = 0; step < 400; step++)
        {
            uint iova = 0x40000000 + ((uint)random.Next(0, 0x600) << 12);
            uint size = (uint)random.Next(1, 0x240) << 12;
            if (random.Next(2) == 0)
            {
                // pa shares iova's low bits down to a random alignment, so runs of every page size appear.
                uint align = 1u << random.Next(12, 25);
                uint pa = 0x50000000 + (iova & (align - 1)) + ((uint)random.Next(0, 16) << 24);
                if (!Unmapped(perPage, iova, size))
                    continue; // a 4K store under a section is undefined (§8.4): not compared
                Assert.Equal(IommuApi.Map(perPage.Domain, iova, pa, size, 0), IommuApi.Map(batched.Domain, iova, pa, size, 0));
            }
            else
            {
                Assert.Equal(IommuApi.Unmap(perPage.Domain, iova, size), IommuApi.Unmap(batched.Domain, iova, size));
            }
            Assert.Equal(perPage.Tables(), batched.Tables());
        }
    }

    private static bool Unmapped(GenericOmapRig rig, uint iova, uint size)
    {
        for (uint off = 0; off < size; off += 0x1000)
        {
            if (IommuApi.IovaToPhys(rig.Domain, iova + off) != 0)
                return false;
        }
        return true;
    }

    [Fact]
    public void EmptyPtesInsideATable_Count4KEach_LikeClearEntry()
    {
        var perPage = new GenericOmapRig();
        var batched = new GenericOmapRig(batched: true);
        foreach (GenericOmapRig rig in new[] { perPage, batched })
        {
            Assert.Equal(0, IommuApi.Map(rig.Domain, 0x40000000, 0x50001000, 0x1000, 0));
            Assert.Equal(0, IommuApi.Map(rig.Domain, 0x40003000, 0x50004000, 0x1000, 0));
            Assert.Equal(0, IommuApi.Map(rig.Domain, 0x40009000, 0x5000A000, 0x1000, 0));
        }

        // §8.3, §8.23: the holes at 0x40001000 and 0x40002000 report 4K each; the table keeps 0x40009000.
        Assert.Equal(0x4000u, IommuApi.Unmap(perPage.Domain, 0x40000000, 0x4000));
        Assert.Equal(0x4000u, IommuApi.Unmap(batched.Domain, 0x40000000, 0x4000));
        Assert.Equal(perPage.Tables(), batched.Tables());
        Assert.Equal(0x5000A002u, batched.Pte(0x40009000));
    }

    [Fact]
    public void Detach_AfterBatchedMaps_ClearsEverything_AndARemapWorks()
    {
        var rig = new GenericOmapRig(batched: true);
        Assert.Equal(0, IommuApi.Map(rig.Domain, 0x40000000, 0x50001000, 0x2000, 0));
        IommuApi.DetachDevice(rig.Domain, rig.IspClient);
        Assert.True(rig.L1TableIsZero());
        Assert.Equal(0, IommuApi.AttachDevice(rig.Domain, rig.IspClient));

        // The walk the last map remembered belongs to a freed table: the map must allocate a new one.
        Assert.Equal(0, IommuApi.Map(rig.Domain, 0x40002000, 0x50003000, 0x1000, 0));

        Assert.Equal(0x50003002u, rig.Pte(0x40002000));
        Assert.Equal(0u, rig.Pte(0x40000000));
        Assert.Equal(1, rig.Isp.Instance.L2Cache.LiveObjects);
    }
}
