using System.Collections.Concurrent;
using Generic.Iommu;
using Migration.Drivers.Msm;
using Migration.Hardware;
using Migration.Hardware.Memory;
using Migration.Kernel;

namespace Generic.Msm.Tests;

/// <summary>
/// Concurrent iommu_map / iommu_unmap of disjoint ranges on one domain, serialised by msm_iommu_lock
/// (msm.md §4), ends with the same tables as the same operations run one thread after another.
/// Bounded: a fixed number of rounds plus a cancellation guard; no durations are asserted.
/// </summary>
public class ConcurrentMapTests
{
    private const int Threads = 4;
    private const int Rounds = 200;

    [Fact]
    public async Task DisjointRangesFromSeveralThreads_GiveTheSequentialTables()
    {
        var concurrent = new Rig();
        var sequential = new Rig();
        var errors = new ConcurrentQueue<string>();

        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var start = new ManualResetEventSlim(false);
        var tasks = new Task[Threads];
        for (int t = 0; t < Threads; t++)
        {
            int thread = t;
            tasks[t] = Task.Run(() =>
            {
                try
                {
                    start.Wait(guard.Token);
                    Run(concurrent.Domain, thread, guard.Token, errors);
                }
                catch (Exception ex)
                {
                    errors.Enqueue($"thread {thread}: {ex}");
                }
            });
        }
        start.Set();
        // Task.WaitAll with a timeout, awaited (xUnit1031): a TimeoutException fails the test if a worker hangs.
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(errors);

        for (int t = 0; t < Threads; t++)
            Run(sequential.Domain, t, CancellationToken.None, errors);
        Assert.Empty(errors);

        List<(uint L1, int L2, uint Value)> expected = Dump(sequential.Memory, sequential.Table.FlTable);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Dump(concurrent.Memory, concurrent.Table.FlTable));
        Assert.Equal(sequential.Pages.AllocatedPages, concurrent.Pages.AllocatedPages); // no table leaked or lost
    }

    // Each thread's disjoint slots: a 64K page and 4K pages in its quarter of a shared 1M region, 4K pages in a
    // second shared region interleaved with the other threads' (neighbouring PTEs of one table), a 64K page in
    // a third, and its own 1M section.
    private static (uint Iova, uint Size)[] Slots(int thread)
    {
        uint t = (uint)thread;
        uint quarter = 0x40000000 + (t << 18);
        var slots = new List<(uint, uint)>
        {
            (quarter, 0x10000),
            (quarter + 0x10000, 0x1000),
            (quarter + 0x11000, 0x1000),
            (0x41000000 + (t << 20), 0x100000),
            (quarter + 0x20000, 0x1000),
            (0x43000000 + (t << 16), 0x10000),
        };
        for (uint k = 0; k < 8; k++)
            slots.Add((0x42000000 + ((k * Threads + t) << 12), 0x1000)); // interleaved with the other threads' pages
        return slots.ToArray();
    }

    // Every round maps all slots and unmaps them again; the last round keeps the odd-numbered slots mapped.
    private static void Run(IommuDomain domain, int thread, CancellationToken token, ConcurrentQueue<string> errors)
    {
        (uint Iova, uint Size)[] slots = Slots(thread);
        for (int round = 0; round < Rounds; round++)
        {
            if (token.IsCancellationRequested)
            {
                errors.Enqueue($"thread {thread}: cancelled by the guard in round {round}");
                return;
            }
            bool last = round == Rounds - 1;
            foreach ((uint iova, uint size) in slots)
            {
                int ret = IommuApi.Map(domain, iova, iova + 0x10000000, size, 0);
                if (ret != 0)
                    errors.Enqueue($"thread {thread} round {round}: map 0x{iova:x8}+0x{size:x} = {ret}");
            }
            for (int i = 0; i < slots.Length; i++)
            {
                if (last && (i & 1) != 0)
                    continue;
                uint got = IommuApi.Unmap(domain, slots[i].Iova, slots[i].Size);
                if (got != slots[i].Size)
                    errors.Enqueue($"thread {thread} round {round}: unmap 0x{slots[i].Iova:x8}+0x{slots[i].Size:x} = 0x{got:x}");
            }
        }
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
