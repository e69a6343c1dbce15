using Generic.Iommu;
using Generic.Iommu.Testing;
using Migration.Drivers.Omap;
using Migration.Hardware.Memory;

namespace Generic.Omap.Tests;

/// <summary>
/// Concurrent iommu_map / iommu_unmap of disjoint ranges on one domain, serialised by the IOMMU's
/// page_table_lock (omap.md §4.8, dropped around the L2 allocation with the §3.5 race handling), ends with
/// the same tables as the same operations run one thread after another (<see cref="ConcurrentMapWorkload"/>).
/// </summary>
public class ConcurrentMapTests
{
    [Fact]
    public async Task DisjointRangesFromSeveralThreads_GiveTheSequentialTables()
    {
        var concurrent = new GenericOmapRig();
        var sequential = new GenericOmapRig();
        Assert.Empty(await ConcurrentMapWorkload.RunConcurrently(concurrent.Domain));
        Assert.Empty(ConcurrentMapWorkload.RunSequentially(sequential.Domain));

        List<(uint L1, int L2, uint Value)> expected = Dump(sequential.Soc.Memory, sequential.OmapDomain.Pgtable);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Dump(concurrent.Soc.Memory, concurrent.OmapDomain.Pgtable));
        // A table allocated by the loser of an L2 race is freed again: no table leaked.
        Assert.Equal(sequential.Isp.Instance.L2Cache.LiveObjects, concurrent.Isp.Instance.L2Cache.LiveObjects);
        Assert.Equal(0, concurrent.Isp.Instance.UndefinedWrites);
    }

    // Non-zero L1 entries (L2 = -1; table pointers reduced to their non-address bits) and, under each
    // table, its non-zero L2 words.
    private static List<(uint L1, int L2, uint Value)> Dump(PhysicalMemory memory, uint iopgd)
    {
        var result = new List<(uint, int, uint)>();
        for (uint i = 0; i < IopgtableFormat.PTRS_PER_IOPGD; i++)
        {
            uint pgd = memory.ReadWord(iopgd + (i << 2));
            if (pgd == 0)
                continue;
            if (!IopgtableFormat.IopgdIsTable(pgd))
            {
                result.Add((i, -1, pgd));
                continue;
            }
            result.Add((i, -1, pgd & 0x3FF));
            uint table = IopgtableFormat.IopgdPagePaddr(pgd);
            for (uint j = 0; j < IopgtableFormat.PTRS_PER_IOPTE; j++)
            {
                uint pte = memory.ReadWord(table + (j << 2));
                if (pte != 0)
                    result.Add((i, (int)j, pte));
            }
        }
        return result;
    }
}
