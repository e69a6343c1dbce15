using Migration.Drivers.Omap;

namespace Migration.Drivers.Tests;

/// <summary>iopgtable_lookup_entry (omap.md §4.5): pgd address always, pte address only under a table pointer.</summary>
public class PageTableLookupTests
{
    [Theory]
    [InlineData(0x00000000u)]
    [InlineData(0x12345678u)]
    [InlineData(0xFFFFF000u)]
    public void EmptyL1_GivesPgdAddressAndNullPte(uint da)
    {
        var rig = new OmapTestRig();
        OmapPageTable.LookupEntry(rig.Instance, da, out uint pgd, out uint pte);
        Assert.Equal(rig.Instance.Iopgd + ((da >> 20) << 2), pgd);
        Assert.Equal(0u, pte);
    }

    [Fact]
    public void Section_GivesNullPte()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x00300000, 0x90000000, 0x100000));
        OmapPageTable.LookupEntry(rig.Instance, 0x00345000, out uint pgd, out uint pte);
        Assert.Equal(rig.Instance.Iopgd + 3 * 4, pgd);
        Assert.Equal(0u, pte);
        Assert.Equal(0x90000002u, rig.Memory.ReadWord(pgd));
    }

    [Fact]
    public void Supersection_GivesNullPte()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x05000000, 0x81000000, 0x1000000));
        OmapPageTable.LookupEntry(rig.Instance, 0x05ABC000, out uint pgd, out uint pte);
        Assert.Equal(rig.Instance.Iopgd + 0x5A * 4, pgd);
        Assert.Equal(0u, pte);
        Assert.Equal(0x81040002u, rig.Memory.ReadWord(pgd));
    }

    [Fact]
    public void Table_GivesPteAddressInsideTable()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x00345000, 0x80123000, 0x1000));
        uint table = rig.L2Base(0x00345000);
        OmapPageTable.LookupEntry(rig.Instance, 0x00345ABC, out uint pgd, out uint pte);
        Assert.Equal(rig.Instance.Iopgd + 3 * 4, pgd);
        Assert.Equal(table + 0x45 * 4, pte);
        Assert.Equal(0x80123002u, rig.Memory.ReadWord(pte));
    }

    [Fact]
    public void Table_GivesPteAddressEvenForEmptyPte()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x00345000, 0x80123000, 0x1000));
        uint table = rig.L2Base(0x00345000);
        OmapPageTable.LookupEntry(rig.Instance, 0x003FF000, out _, out uint pte);
        Assert.Equal(table + 0xFF * 4, pte);
        Assert.Equal(0u, rig.Memory.ReadWord(pte));
    }

    [Fact]
    public void OffsetHelpers_AddTheIndexTimesFour()
    {
        var rig = new OmapTestRig();
        Assert.Equal(rig.Instance.Iopgd + 0xABC * 4, OmapPageTable.IopgdOffset(rig.Instance, 0xABCDE000));
        Assert.Equal(0x80004400u + 0xDE * 4, OmapPageTable.IopteOffset(0x80004401, 0xABCDE000));
    }

    [Fact]
    public void Lookup_DoesNotWrite()
    {
        var rig = new OmapTestRig();
        Assert.Equal(0, rig.Store(0x00345000, 0x80123000, 0x1000));
        var observer = new SnapshotWriteObserver(() => false);
        rig.Memory.WriteObserver = observer;
        OmapPageTable.LookupEntry(rig.Instance, 0x00345000, out _, out _);
        OmapPageTable.LookupEntry(rig.Instance, 0x00800000, out _, out _);
        Assert.Empty(observer.Writes);
    }
}
