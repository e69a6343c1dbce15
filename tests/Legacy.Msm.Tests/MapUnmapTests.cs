using Migration.Kernel;

namespace Legacy.Msm.Tests;

/// <summary>
/// Order-based msm_iommu_map / msm_iommu_unmap through the core (msm.md §3.2, §3.3 mainline table, §5.5,
/// §5.7, §9.3-§9.5, §9.8; generic.md §4.3, §4.4, §9.1-§9.2): exact descriptors for every page size and prot.
/// </summary>
public class MapUnmapTests
{
    // prot & 3 → NONCACHED (class 1), WB_WA (7), WB_NWA (3), WT (2); prot & 4 changes nothing (msm.md §3.3).
    private static readonly uint[] Low4K = [0xC36, 0xC7E, 0xC3E, 0xC3A];
    private static readonly uint[] Low64K = [0xC35, 0xC7D, 0xC3D, 0xC39]; // 0xC31 + B/C, TEX0 at bit 6
    private static readonly uint[] Low1M = [0x30C06, 0x31C0E, 0x30C0E, 0x30C0A];
    private static readonly uint[] Low16M = [0x70C06, 0x71C0E, 0x70C0E, 0x70C0A]; // 0x70C02 + B/C, TEX0 at bit 12

    public static TheoryData<int> Prots => new() { 0, 1, 2, 3, 4, 5, 6, 7 };

    [Theory]
    [MemberData(nameof(Prots))]
    public void Map4K_WritesOneSmallPageDescriptor(int prot)
    {
        var rig = new LegacyMsmRig();
        const uint va = 0x40023000, pa = 0x8A345000;
        Assert.Equal(0, rig.Core.IommuMap(rig.D, va, pa, 0, prot));
        uint fl = rig.FlEntry(va);
        Assert.Equal(1u, fl & 0x3FF); // table pointer: (page & 0xFFFFFC00) | 1
        uint sl = fl & 0xFFFFFC00;
        Assert.Equal(0u, sl & 0xFFF); // a whole page per SL table
        Assert.True(rig.Soc.Pages.IsAllocated(sl));
        Assert.Equal(pa | Low4K[prot & 3], rig.Word(sl + 4 * 0x23));
        for (uint i = 0; i < 256; i++)
        {
            if (i != 0x23)
                Assert.Equal(0u, rig.Word(sl + 4 * i));
        }
        Assert.Equal(0u, rig.FlEntry(va - 0x100000));
        Assert.Equal(0u, rig.FlEntry(va + 0x100000));
    }

    [Theory]
    [MemberData(nameof(Prots))]
    public void Map64K_WritesSixteenLargePageDescriptors(int prot)
    {
        var rig = new LegacyMsmRig();
        const uint va = 0x30050000, pa = 0x8A350000;
        Assert.Equal(0, rig.Core.IommuMap(rig.D, va, pa, 4, prot));
        uint sl = rig.SlTable(va);
        for (uint i = 0; i < 256; i++)
        {
            uint expected = i is >= 0x50 and < 0x60 ? pa | Low64K[prot & 3] : 0;
            Assert.Equal(expected, rig.Word(sl + 4 * i));
        }
    }

    [Theory]
    [MemberData(nameof(Prots))]
    public void Map1M_WritesOneSectionDescriptor(int prot)
    {
        var rig = new LegacyMsmRig();
        const uint va = 0x20100000, pa = 0x8A300000;
        int pages = rig.Soc.Pages.AllocatedPages;
        Assert.Equal(0, rig.Core.IommuMap(rig.D, va, pa, 8, prot));
        Assert.Equal(pa | Low1M[prot & 3], rig.FlEntry(va));
        Assert.Equal(0u, rig.FlEntry(va - 0x100000));
        Assert.Equal(0u, rig.FlEntry(va + 0x100000));
        Assert.Equal(pages, rig.Soc.Pages.AllocatedPages); // no SL table
    }

    [Theory]
    [MemberData(nameof(Prots))]
    public void Map16M_WritesSixteenSupersectionDescriptors(int prot)
    {
        var rig = new LegacyMsmRig();
        const uint va = 0x11000000, pa = 0x85000000;
        Assert.Equal(0, rig.Core.IommuMap(rig.D, va, pa, 12, prot));
        for (uint i = 0x100; i < 0x120; i++)
        {
            uint expected = i is >= 0x110 and < 0x120 ? pa | Low16M[prot & 3] : 0;
            Assert.Equal(expected, rig.Pt.ReadFl(i));
        }
        Assert.Equal(0u, rig.Pt.ReadFl(0x120));
    }

    [Fact]
    public void Map_KeepsOnlyThePageBaseBitsOfThePhysicalAddressPerSize()
    {
        // The descriptor is (pa & mask) | bits; through the core pa is aligned, so the values are exact.
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40001000, 0xFFFFF000, 0, 0));
        Assert.Equal(0xFFFFFC36u, rig.SlEntry(0x40001000));
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0xFF000000, 0xFF000000, 12, 3));
        Assert.Equal(0xFF070C0Au, rig.Pt.ReadFl(0xFFF));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(11)]
    [InlineData(13)]
    [InlineData(16)]
    public void MapAndUnmapOfOtherOrders_AreEinval(int order)
    {
        var rig = new LegacyMsmRig();
        int pages = rig.Soc.Pages.AllocatedPages;
        int flushes = rig.Ops.TlbInvalidations;
        Assert.Equal(LegacyMsmRig.EINVAL, rig.Core.IommuMap(rig.D, 0x40000000, 0x80000000, order, 0));
        Assert.Equal(0u, rig.FlEntry(0x40000000));
        Assert.Equal(pages, rig.Soc.Pages.AllocatedPages);
        // Even with something mapped there, unmap with a bad order is -EINVAL and clears nothing.
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40000000, 0x80000000, 8, 0));
        Assert.Equal(LegacyMsmRig.EINVAL, rig.Core.IommuUnmap(rig.D, 0x40000000, order));
        Assert.Equal(0x80030C06u, rig.FlEntry(0x40000000));
        Assert.Equal(flushes + 1, rig.Ops.TlbInvalidations); // only the successful map flushed
    }

    [Theory]
    [InlineData(0x40000800u, 0x80000000u, 0)]
    [InlineData(0x40000000u, 0x80000004u, 0)]
    [InlineData(0x40001000u, 0x80000000u, 4)]
    [InlineData(0x40010000u, 0x80008000u, 4)]
    [InlineData(0x40080000u, 0x80000000u, 8)]
    [InlineData(0x40000000u, 0x800F0000u, 8)]
    [InlineData(0x40100000u, 0x80000000u, 12)]
    [InlineData(0x41000000u, 0x80100000u, 12)]
    public void Core_BugsOnMisalignedMapWithoutCallingTheDriver(uint iova, uint paddr, int order)
    {
        var rig = new LegacyMsmRig();
        int pages = rig.Soc.Pages.AllocatedPages;
        int flushes = rig.Ops.TlbInvalidations;
        Assert.Throws<KernelBugException>(() => rig.Core.IommuMap(rig.D, iova, paddr, order, 0));
        Assert.Equal(0u, rig.FlEntry(iova));
        Assert.Equal(pages, rig.Soc.Pages.AllocatedPages);
        Assert.Equal(flushes, rig.Ops.TlbInvalidations);
    }

    [Theory]
    [InlineData(0x40023800u, 0)]
    [InlineData(0x40021000u, 4)]
    [InlineData(0x40010000u, 8)]
    [InlineData(0x40100000u, 12)]
    public void Core_BugsOnMisalignedUnmapIova(uint iova, int order)
    {
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40020000, 0x8A340000, 4, 0));
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40100000, 0x8A300000, 8, 0));
        int flushes = rig.Ops.TlbInvalidations;
        Assert.Throws<KernelBugException>(() => rig.Core.IommuUnmap(rig.D, iova, order));
        Assert.Equal(0x8A340C35u, rig.SlEntry(0x40020000));
        Assert.Equal(0x8A330C06u, rig.FlEntry(0x40100000));
        Assert.Equal(flushes, rig.Ops.TlbInvalidations);
    }

    [Fact]
    public void Unmap64K_NeedsOnlyA64KAlignedIova()
    {
        // generic.md §4.4: paddr is not involved; a 64K-aligned iova unmaps a 64K page.
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40020000, 0x8A340000, 4, 0));
        Assert.Equal(0, rig.Core.IommuUnmap(rig.D, 0x40020000, 4));
        Assert.Equal(0u, rig.FlEntry(0x40020000));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(12)]
    public void Unmap_OfAnEmptyFirstLevelSlot_IsEnodev(int order)
    {
        var rig = new LegacyMsmRig();
        int flushes = rig.Ops.TlbInvalidations;
        Assert.Equal(LegacyMsmRig.ENODEV, rig.Core.IommuUnmap(rig.D, 0x60000000, order));
        Assert.Equal(flushes, rig.Ops.TlbInvalidations); // returned before the flush
    }

    [Fact]
    public void Unmap_OfAnEmptySlotUnderATable_Succeeds()
    {
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40023000, 0x8A345000, 0, 0));
        Assert.Equal(0, rig.Core.IommuUnmap(rig.D, 0x40024000, 0)); // msm.md §9.8
        Assert.Equal(0, rig.Core.IommuUnmap(rig.D, 0x40080000, 4));
        Assert.Equal(0x8A345C36u, rig.SlEntry(0x40023000));
    }

    [Fact]
    public void Unmap4K_ClearsTheSlotAndFreesTheTableWithItsLastEntry()
    {
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40023000, 0x8A345000, 0, 0));
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x400FF000, 0x8A346000, 0, 1));
        uint sl = rig.SlTable(0x40023000);
        int pages = rig.Soc.Pages.AllocatedPages;

        Assert.Equal(0, rig.Core.IommuUnmap(rig.D, 0x40023000, 0));
        Assert.Equal(0u, rig.Word(sl + 4 * 0x23));
        Assert.Equal(sl | 1, rig.FlEntry(0x40023000)); // one entry left: the table stays
        Assert.Equal(0x8A346C7Eu, rig.Word(sl + 4 * 0xFF));
        Assert.True(rig.Soc.Pages.IsAllocated(sl));

        Assert.Equal(0, rig.Core.IommuUnmap(rig.D, 0x400FF000, 0));
        Assert.Equal(0u, rig.FlEntry(0x40023000));
        Assert.False(rig.Soc.Pages.IsAllocated(sl));
        Assert.Equal(pages - 1, rig.Soc.Pages.AllocatedPages);

        // The slot is empty again: the next unmap is -ENODEV.
        Assert.Equal(LegacyMsmRig.ENODEV, rig.Core.IommuUnmap(rig.D, 0x400FF000, 0));
    }

    [Fact]
    public void Unmap64K_ClearsSixteenSlotsWithoutCheckingThem()
    {
        var rig = new LegacyMsmRig();
        // Three 4K pages inside the 64K window at 0x40050000 and one outside it.
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40050000, 0x8A000000, 0, 0));
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40057000, 0x8A001000, 0, 0));
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x4005F000, 0x8A002000, 0, 0));
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40060000, 0x8A003000, 0, 0));
        uint sl = rig.SlTable(0x40050000);
        Assert.Equal(0, rig.Core.IommuUnmap(rig.D, 0x40050000, 4));
        for (uint i = 0x50; i < 0x60; i++)
            Assert.Equal(0u, rig.Word(sl + 4 * i));
        Assert.Equal(0x8A003C36u, rig.Word(sl + 4 * 0x60));
        Assert.Equal(sl | 1, rig.FlEntry(0x40050000));

        Assert.Equal(0, rig.Core.IommuUnmap(rig.D, 0x40060000, 0));
        Assert.Equal(0u, rig.FlEntry(0x40050000));
        Assert.False(rig.Soc.Pages.IsAllocated(sl));
    }

    [Fact]
    public void Unmap64KOfTheOnlyLargePage_FreesTheTable()
    {
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x300F0000, 0x8A350000, 4, 2));
        uint sl = rig.SlTable(0x300F0000);
        Assert.Equal(0, rig.Core.IommuUnmap(rig.D, 0x300F0000, 4));
        Assert.Equal(0u, rig.FlEntry(0x300F0000));
        Assert.False(rig.Soc.Pages.IsAllocated(sl));
        for (uint i = 0xF0; i < 0x100; i++)
            Assert.Equal(0u, rig.Word(sl + 4 * i));
    }

    [Fact]
    public void Unmap1MAnd16M_ClearFirstLevelSlots()
    {
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x20100000, 0x8A300000, 8, 0));
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x11000000, 0x85000000, 12, 0));
        Assert.Equal(0, rig.Core.IommuUnmap(rig.D, 0x20100000, 8));
        Assert.Equal(0u, rig.FlEntry(0x20100000));
        Assert.Equal(0, rig.Core.IommuUnmap(rig.D, 0x11000000, 12));
        for (uint i = 0x110; i < 0x120; i++)
            Assert.Equal(0u, rig.Pt.ReadFl(i));
    }

    [Fact]
    public void Unmap16M_ClearsSixteenSlotsWhateverTheyHold()
    {
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x11000000, 0x8A300000, 8, 0));
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x11F23000, 0x8A345000, 0, 0));
        uint sl = rig.SlTable(0x11F23000);
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x12000000, 0x8A400000, 8, 0));
        Assert.Equal(0, rig.Core.IommuUnmap(rig.D, 0x11000000, 12));
        for (uint i = 0x110; i < 0x120; i++)
            Assert.Equal(0u, rig.Pt.ReadFl(i));
        Assert.Equal(0x8A430C06u, rig.Pt.ReadFl(0x120));
        Assert.True(rig.Soc.Pages.IsAllocated(sl)); // the table under slot 0x11F leaks (msm.md §9.4)
    }

    [Fact]
    public void Unmap1MOverATable_ClearsTheSlotAndLeaksTheTable()
    {
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40023000, 0x8A345000, 0, 0));
        uint sl = rig.SlTable(0x40023000);
        int pages = rig.Soc.Pages.AllocatedPages;
        Assert.Equal(0, rig.Core.IommuUnmap(rig.D, 0x40000000, 8));
        Assert.Equal(0u, rig.FlEntry(0x40000000));
        Assert.True(rig.Soc.Pages.IsAllocated(sl)); // leaked
        Assert.Equal(pages, rig.Soc.Pages.AllocatedPages);
        Assert.Equal(0x8A345C36u, rig.Word(sl + 4 * 0x23)); // content untouched
    }

    [Fact]
    public void Map_SilentlyOverwritesExistingMappings()
    {
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40023000, 0x8A345000, 0, 0));
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40023000, 0x8B000000, 0, 3));
        Assert.Equal(0x8B000C3Au, rig.SlEntry(0x40023000));

        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x20100000, 0x8A300000, 8, 0));
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x20100000, 0x8C000000, 8, 1));
        Assert.Equal(0x8C031C0Eu, rig.FlEntry(0x20100000));

        // A 64K page over a 4K page and a 1M section over a table: no -EBUSY in mainline (msm.md §9.5).
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40020000, 0x8D000000, 4, 2));
        Assert.Equal(0x8D000C3Du, rig.SlEntry(0x40023000));
        uint sl = rig.SlTable(0x40023000);
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40000000, 0x8E000000, 8, 0));
        Assert.Equal(0x8E030C06u, rig.FlEntry(0x40000000));
        Assert.True(rig.Soc.Pages.IsAllocated(sl)); // the table behind the overwritten slot leaks
    }

    [Fact]
    public void Map_OfASecond4KPage_ReusesTheTable()
    {
        var rig = new LegacyMsmRig();
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40023000, 0x8A345000, 0, 0));
        int pages = rig.Soc.Pages.AllocatedPages;
        uint sl = rig.SlTable(0x40023000);
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40024000, 0x8A346000, 0, 0));
        Assert.Equal(pages, rig.Soc.Pages.AllocatedPages);
        Assert.Equal(sl, rig.SlTable(0x40024000));
        Assert.Equal(0x8A346C36u, rig.Word(sl + 4 * 0x24));
    }

    [Fact]
    public void Map_FailsWithEnomemWhenTheSecondLevelTableCannotBeAllocated()
    {
        var rig = new LegacyMsmRig();
        rig.Pt.SecondLevelFaults.FailAt(1);
        int flushes = rig.Ops.TlbInvalidations;
        Assert.Equal(LegacyMsmRig.ENOMEM, rig.Core.IommuMap(rig.D, 0x40023000, 0x8A345000, 0, 0));
        Assert.Equal(0u, rig.FlEntry(0x40023000));
        Assert.Equal(flushes, rig.Ops.TlbInvalidations);
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40023000, 0x8A345000, 0, 0));
        Assert.Equal(0x8A345C36u, rig.SlEntry(0x40023000));
    }

    [Fact]
    public void Map_WithPrrrNmrrWithoutAnyNormalClass_IsEinvalForEveryProtAndSize()
    {
        var rig = new LegacyMsmRig(cpuPrrr: 0, cpuNmrr: 0);
        int pages = rig.Soc.Pages.AllocatedPages;
        foreach (int order in (int[])[0, 4, 8, 12])
        {
            for (int prot = 0; prot < 8; prot++)
                Assert.Equal(LegacyMsmRig.EINVAL, rig.Core.IommuMap(rig.D, 0x40000000, 0x80000000, order, prot));
        }
        Assert.Equal(0u, rig.FlEntry(0x40000000));
        Assert.Equal(pages, rig.Soc.Pages.AllocatedPages);
    }

    [Fact]
    public void Map_TakesTheLowestMatchingTexClassOfTheCpuRegisters()
    {
        // PRRR TR0 = Normal (bits 1:0 = 10) with NOS0 set and NMRR IR0/OR0 = 0: class 0 is now the
        // lowest NONCACHED match, so prot 0 carries no B/C/TEX0 bits; the other slots keep 7, 3, 2.
        var rig = new LegacyMsmRig(cpuPrrr: 0xFF0A81AA, cpuNmrr: 0x40E040E0);
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40023000, 0x8A345000, 0, 0));
        Assert.Equal(0x8A345C32u, rig.SlEntry(0x40023000));
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40024000, 0x8A346000, 0, 1));
        Assert.Equal(0x8A346C7Eu, rig.SlEntry(0x40024000));
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x20100000, 0x8A300000, 8, 4));
        Assert.Equal(0x8A330C02u, rig.FlEntry(0x20100000));
    }

    [Fact]
    public void Map_FailsOnlyForSlotsWithoutAClass()
    {
        // NOS of classes 7 (bit 31) cleared: WB_WA has no match, the other slots still resolve.
        var rig = new LegacyMsmRig(cpuPrrr: 0x7F0A81A8, cpuNmrr: 0x40E040E0);
        Assert.Equal(LegacyMsmRig.EINVAL, rig.Core.IommuMap(rig.D, 0x40023000, 0x8A345000, 0, 1));
        Assert.Equal(LegacyMsmRig.EINVAL, rig.Core.IommuMap(rig.D, 0x40023000, 0x8A345000, 0, 5));
        Assert.Equal(0u, rig.FlEntry(0x40023000));
        Assert.Equal(0, rig.Core.IommuMap(rig.D, 0x40023000, 0x8A345000, 0, 2));
        Assert.Equal(0x8A345C3Eu, rig.SlEntry(0x40023000));
    }
}
