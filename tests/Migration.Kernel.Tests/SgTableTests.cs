using Migration.Kernel;

namespace Migration.Kernel.Tests;

/// <summary>sg_alloc_table and struct sg_table bookkeeping.</summary>
public class SgTableTests
{
    [Fact]
    public void Alloc_ZeroEntries_ReturnsMinusEinval()
    {
        ErrPtr<SgTable> p = SgTable.Alloc(0);
        Assert.True(p.IsErr);
        Assert.Equal(-22, p.PtrErr);
    }

    [Fact]
    public void Alloc_NegativeEntries_ReturnsMinusEinval() => Assert.Equal(-Errno.EINVAL, SgTable.Alloc(-1).PtrErr);

    [Fact]
    public void Alloc_ThreeEntries_GivesZeroedTable()
    {
        SgTable t = SgTable.Alloc(3).Value!;
        Assert.Equal(3, t.Nents);
        Assert.Equal(3, t.OrigNents);
        Assert.Equal(3, t.Sgl.Length);
        foreach (Scatterlist sg in t.Sgl)
        {
            Assert.Equal(0u, sg.PagePhys);
            Assert.Equal(0u, sg.Offset);
            Assert.Equal(0u, sg.Length);
            Assert.Equal(0u, sg.DmaAddress);
        }
        Assert.Equal(0UL, t.TotalLength);
    }

    [Fact]
    public void FromEntries_CopiesEntries()
    {
        var e = new Scatterlist[2];
        e[0].SetPage(0x80000000, 0x1000, 0);
        e[1].SetPage(0x80010000, 0x10000, 0);
        SgTable t = SgTable.FromEntries(e);
        e[0].Length = 5; // the table has its own copy
        Assert.Equal(2, t.Nents);
        Assert.Equal(2, t.OrigNents);
        Assert.Equal(0x1000u, t.Sgl[0].Length);
        Assert.Equal(0x80010000u, t.Sgl[1].PagePhys);
    }

    [Fact]
    public void FromEntries_Empty_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => SgTable.FromEntries(ReadOnlySpan<Scatterlist>.Empty));

    [Fact]
    public void TotalLength_SumsLengthsOfFirstNentsEntries()
    {
        var e = new Scatterlist[3];
        e[0].SetPage(0x80000000, 0x1000, 0);
        e[1].SetPage(0x80010000, 0x10000, 0);
        e[2].SetPage(0x80100000, 0x100000, 0);
        SgTable t = SgTable.FromEntries(e);
        Assert.Equal(0x111000UL, t.TotalLength);
        t.Nents = 2;
        Assert.Equal(0x11000UL, t.TotalLength);
        Assert.Equal(3, t.OrigNents);
    }
}
