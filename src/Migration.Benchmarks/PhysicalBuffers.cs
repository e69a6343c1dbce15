using System.Numerics;
using Migration.Drivers.Omap;
using Migration.Hardware;
using Migration.Kernel;

namespace Migration.Benchmarks;

/// <summary>Buffers and scatterlists built once in [GlobalSetup], never per benchmark invocation.</summary>
internal static class PhysicalBuffers
{
    private const uint PageSize = 0x1000;

    /// <summary>A physically contiguous block of <paramref name="size"/> bytes (a power of two ≥ 4 KiB), naturally aligned.</summary>
    public static uint Contiguous(Soc soc, uint size)
    {
        int order = BitOperations.Log2(size / PageSize);
        uint pa = soc.Pages.AllocPages(order, zero: false);
        return pa != 0 ? pa : throw new InvalidOperationException($"no contiguous 0x{size:x} bytes left in the RAM bank");
    }

    /// <summary>
    /// <paramref name="size"/> / 4 KiB pages with a free page between any two of them (every other page of a run is
    /// given back), so no two entries of the list are physically adjacent.
    /// </summary>
    public static uint[] Scattered(Soc soc, uint size)
    {
        int count = (int)(size / PageSize);
        var pages = new uint[count];
        var gaps = new uint[count];
        for (int i = 0; i < count; i++)
        {
            pages[i] = soc.Pages.AllocPages(0, zero: false);
            gaps[i] = soc.Pages.AllocPages(0, zero: false);
            if (pages[i] == 0 || gaps[i] == 0)
                throw new InvalidOperationException($"no {count} scattered pages left in the RAM bank");
        }
        foreach (uint gap in gaps)
            soc.Pages.FreePages(gap, 0);
        return pages;
    }

    /// <summary>An sg table with one 4 KiB entry per page.</summary>
    public static SgTable SgOfPages(uint[] pages)
    {
        var sgl = new Scatterlist[pages.Length];
        for (int i = 0; i < pages.Length; i++)
            sgl[i].SetPage(pages[i], PageSize, 0);
        return SgTable.FromEntries(sgl);
    }

    /// <summary>An sg table of one entry covering the contiguous [pa, pa + size).</summary>
    public static SgTable SgOfBlock(uint pa, uint size)
    {
        var sgl = new Scatterlist[1];
        sgl[0].SetPage(pa, size, 0);
        return SgTable.FromEntries(sgl);
    }

    /// <summary>
    /// The superpage decomposition of the contiguous [pa, pa + size) placed at <paramref name="da"/> (sgtable_nents /
    /// sgtable_fill_kmalloc, omap.md §5.3): one entry per 16M/1M/64K/4K page, as iommu_kmap would build it.
    /// </summary>
    public static SgTable SgOfDecomposition(uint da, uint pa, uint size)
    {
        var sgl = new Scatterlist[IovmSgtable.Nents(size, da, pa)];
        for (int i = 0; i < sgl.Length; i++)
        {
            uint bytes = IovmSgtable.EntrySize(da, pa, size);
            sgl[i].SetPage(pa, bytes, 0);
            da += bytes;
            pa += bytes;
            size -= bytes;
        }
        return SgTable.FromEntries(sgl);
    }
}
