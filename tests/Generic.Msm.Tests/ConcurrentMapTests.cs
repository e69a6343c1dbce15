using Generic.Iommu;
using Generic.Iommu.Testing;
using Migration.Drivers.Msm;
using Migration.Hardware;
using Migration.Hardware.Memory;
using Migration.Kernel;

namespace Generic.Msm.Tests;

/// <summary>
/// Concurrent iommu_map / iommu_unmap of disjoint ranges on one domain, serialised by msm_iommu_lock
/// (msm.md §4), ends with the same tables as the same operations run one thread after another
/// (<see cref="ConcurrentMapWorkload"/>).
/// </summary>
public class ConcurrentMapTests
{
    [Fact]
    public async Task DisjointRangesFromSeveralThreads_GiveTheSequentialTables()
    {
        var concurrent = new Rig();
        var sequential = new Rig();
        Assert.Empty(await ConcurrentMapWorkload.RunConcurrently(concurrent.Domain));
        Assert.Empty(ConcurrentMapWorkload.RunSequentially(sequential.Domain));

        List<(uint L1, int L2, uint Value)> expected = Dump(sequential.Memory, sequential.Table.FlTable);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Dump(concurrent.Memory, concurrent.Table.FlTable));
        Assert.Equal(sequential.Pages.AllocatedPages, concurrent.Pages.AllocatedPages); // no table leaked or lost
    }

    // Non-zero first-level entries (L2 = -1; table pointers reduced to their non-address bits) and, under each
    // table, its non-zero second-level words.
    private static List<(uint L1, int L2, uint Value)> Dump(PhysicalMemory memory, uint flTable)
    {
        var result = new List<(uint, int, uint)>();
        for (uint i = 0; i < 4096; i++)
        {
            uint fl = memory.ReadWord(flTable + (i << 2));
            if (fl == 0)
                continue;
            if ((fl & 3) != MsmPageTableFormat.FL_TYPE_TABLE)
            {
                result.Add((i, -1, fl));
                continue;
            }
            result.Add((i, -1, fl & 0x3FF));
            uint sl = fl & MsmPageTableFormat.FL_BASE_MASK;
            for (uint j = 0; j < 256; j++)
            {
                uint pte = memory.ReadWord(sl + (j << 2));
                if (pte != 0)
                    result.Add((i, (int)j, pte));
            }
        }
        return result;
    }

    private sealed class Rig
    {
        public Rig()
        {
            Soc = Soc.CreateDefault();
            var bus = new BusType("platform");
            MsmIommuDriver driver = MsmIommuDriver.Register(Soc, new KernelMemory(Soc.Pages), bus);
            Domain = IommuApi.DomainAlloc(bus) ?? throw new InvalidOperationException("iommu_domain_alloc failed");
            Assert.Equal(0, IommuApi.AttachDevice(Domain, driver.GetCtx("vcodec_a_mm1")!)); // every op then flushes a context
        }

        public Soc Soc { get; }

        public IommuDomain Domain { get; }

        public PhysicalMemory Memory => Soc.Memory;

        public PhysicalPageAllocator Pages => Soc.Pages;

        public MsmPageTable Table => ((MsmPriv)Domain.Priv!).PageTable;
    }
}
